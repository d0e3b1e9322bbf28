//! Moving weighted-average cost of one product at one location.
//!
//! The pool keeps the quantity on hand and its value, not a unit cost: goods in add
//! their value, goods out take `value × quantity out / quantity on hand` (the last unit
//! out takes what is left), so the value of everything received always equals the value
//! of everything issued plus the value still on hand, to the sen. Stock may go below
//! zero (a till sells offline before the goods are booked in); those units leave at the
//! last average cost, and the receipt that fills the hole books the difference as a cost
//! correction.
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostPool {
    /// Units on hand (negative when more was sold than received).
    pub quantity: Decimal,
    /// Rupiah, to the sen.
    pub value: Decimal,
    /// The average cost of the last positive stock (or the last receipt's unit cost);
    /// what units leave at when nothing is on hand.
    pub unit_cost: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum CostError {
    #[error("quantity must be above zero")]
    QuantityNotPositive,
    #[error("value must not be negative")]
    NegativeValue,
}

/// What a receipt did to the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Received {
    /// Value moved to cost of goods sold to correct units sold below zero at the old
    /// average (positive: they cost more than was booked). Zero when stock was not
    /// negative.
    pub correction: Decimal,
}

fn sen(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

impl CostPool {
    /// A pool for stock that was already there before costing began (its value at the
    /// product's typed-in cost).
    pub fn opening(quantity: Decimal, unit_cost: Decimal) -> Self {
        CostPool {
            quantity,
            value: sen(quantity * unit_cost),
            unit_cost,
        }
    }

    /// The average cost of a unit now, to the sen.
    pub fn average(&self) -> Decimal {
        if self.quantity > Decimal::ZERO {
            sen(self.value / self.quantity)
        } else {
            self.unit_cost
        }
    }

    /// Goods in: `quantity` units worth `value` rupiah in all.
    pub fn receive(&mut self, quantity: Decimal, value: Decimal) -> Result<Received, CostError> {
        if quantity <= Decimal::ZERO {
            return Err(CostError::QuantityNotPositive);
        }
        if value < Decimal::ZERO {
            return Err(CostError::NegativeValue);
        }
        let value = sen(value);
        let unit_in = value / quantity;
        let mut correction = Decimal::ZERO;
        if self.quantity < Decimal::ZERO {
            // The units sold below zero left at the old cost; they are these units. After
            // the receipt the pool holds what remains at the new goods' cost, and the
            // rest of the value goes to the cost of what was sold.
            let after = self.quantity + quantity;
            let kept = sen(after * unit_in);
            correction = self.value + value - kept;
            self.quantity = after;
            self.value = kept;
        } else {
            self.quantity += quantity;
            self.value += value;
        }
        self.unit_cost = if self.quantity > Decimal::ZERO {
            sen(self.value / self.quantity)
        } else {
            sen(unit_in)
        };
        Ok(Received { correction })
    }

    /// Goods out (a sale, a return to the supplier, a loss): the value that leaves.
    pub fn issue(&mut self, quantity: Decimal) -> Result<Decimal, CostError> {
        if quantity <= Decimal::ZERO {
            return Err(CostError::QuantityNotPositive);
        }
        let out = if self.quantity > Decimal::ZERO {
            if quantity == self.quantity {
                self.value
            } else if quantity < self.quantity {
                sen(self.value * quantity / self.quantity)
            } else {
                self.value + sen((quantity - self.quantity) * self.average())
            }
        } else {
            sen(quantity * self.unit_cost)
        };
        if self.quantity > Decimal::ZERO {
            self.unit_cost = self.average();
        }
        self.quantity -= quantity;
        self.value -= out;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn average_moves_with_each_receipt() {
        let mut p = CostPool::opening(dec!(12), dec!(5000));
        assert_eq!(p.value, dec!(60000));
        // 48 cartons' worth of milk: 48 × 24 pcs at Rp5.500.
        p.receive(dec!(1152), dec!(6336000)).unwrap();
        assert_eq!(p.quantity, dec!(1164));
        assert_eq!(p.average(), dec!(5494.85));
        let out = p.issue(dec!(3)).unwrap();
        assert_eq!(out, dec!(16484.54));
        assert_eq!(p.value, dec!(6379515.46));
    }

    #[test]
    fn last_unit_takes_what_is_left() {
        let mut p = CostPool::default();
        p.receive(dec!(3), dec!(10000)).unwrap();
        assert_eq!(p.issue(dec!(1)).unwrap(), dec!(3333.33));
        assert_eq!(p.issue(dec!(1)).unwrap(), dec!(3333.34));
        assert_eq!(p.issue(dec!(1)).unwrap(), dec!(3333.33));
        assert_eq!(p.value, Decimal::ZERO);
        assert_eq!(p.average(), dec!(3333.33));
    }

    #[test]
    fn sold_below_zero_is_corrected_by_the_receipt() {
        let mut p = CostPool::opening(dec!(0), dec!(1000));
        assert_eq!(p.issue(dec!(5)).unwrap(), dec!(5000));
        assert_eq!(p.value, dec!(-5000));
        let r = p.receive(dec!(10), dec!(12000)).unwrap();
        assert_eq!(p.quantity, dec!(5));
        assert_eq!(p.value, dec!(6000));
        // The five sold really cost Rp1.200 each: Rp1.000 more in all.
        assert_eq!(r.correction, dec!(1000));
        assert_eq!(p.average(), dec!(1200));
    }

    #[test]
    fn refuses_nonsense() {
        let mut p = CostPool::default();
        assert_eq!(
            p.receive(dec!(0), dec!(1)),
            Err(CostError::QuantityNotPositive)
        );
        assert_eq!(p.receive(dec!(1), dec!(-1)), Err(CostError::NegativeValue));
        assert_eq!(p.issue(dec!(-1)), Err(CostError::QuantityNotPositive));
    }

    #[derive(Clone, Debug)]
    enum Step {
        In(i64, i64),
        Out(i64),
    }

    fn steps() -> impl Strategy<Value = Vec<Step>> {
        prop::collection::vec(
            prop_oneof![
                (1i64..5_000_000, 0i64..2_000_000_000).prop_map(|(q, v)| Step::In(q, v)),
                (1i64..5_000_000).prop_map(Step::Out),
            ],
            1..60,
        )
    }

    proptest! {
        /// Value in = value out (with corrections) + value on hand, exactly, whatever
        /// the order of receipts and issues, below zero or not.
        #[test]
        fn value_is_conserved(steps in steps()) {
            let mut p = CostPool::default();
            let (mut value_in, mut value_out) = (Decimal::ZERO, Decimal::ZERO);
            for s in steps {
                match s {
                    Step::In(q, v) => {
                        let (q, v) = (Decimal::new(q, 3), Decimal::new(v, 2));
                        let r = p.receive(q, v).unwrap();
                        value_in += v;
                        value_out += r.correction;
                    }
                    Step::Out(q) => value_out += p.issue(Decimal::new(q, 3)).unwrap(),
                }
                prop_assert_eq!(value_in, value_out + p.value);
                prop_assert_eq!(p.value, p.value.round_dp(2));
            }
        }

        /// Never below zero: nothing on hand is worth nothing, and what is on hand is
        /// never worth less than zero.
        #[test]
        fn non_negative_stock_keeps_a_sound_value(steps in steps()) {
            let mut p = CostPool::default();
            for s in steps {
                match s {
                    Step::In(q, v) => { p.receive(Decimal::new(q, 3), Decimal::new(v, 2)).unwrap(); }
                    Step::Out(q) => {
                        let q = Decimal::new(q, 3).min(p.quantity);
                        if q > Decimal::ZERO { p.issue(q).unwrap(); }
                    }
                }
                prop_assert!(p.value >= Decimal::ZERO);
                if p.quantity.is_zero() { prop_assert_eq!(p.value, Decimal::ZERO); }
            }
        }
    }
}
