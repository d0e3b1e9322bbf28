//! Supplier invoices: the three-way match of what was ordered, what came and what is
//! billed, and what a payment may do to what is owed.
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// How far a billed amount may stray from the received value before it counts as a
/// difference: one rupiah per line, for the supplier's own rounding of unit prices.
pub const MATCH_TOLERANCE: Decimal = Decimal::ONE;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum InvoiceStatus {
    /// Nothing paid yet.
    Open,
    PartlyPaid,
    Paid,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 3] = [Self::Open, Self::PartlyPaid, Self::Paid];

    /// The status that follows from what is billed and what was paid of it.
    pub fn of(total: Decimal, paid: Decimal) -> Self {
        if paid >= total {
            Self::Paid
        } else if paid > Decimal::ZERO {
            Self::PartlyPaid
        } else {
            Self::Open
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::PartlyPaid => "partly_paid",
            Self::Paid => "paid",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Still owed: open or partly paid.
    pub fn is_owed(self) -> bool {
        self != Self::Paid
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum PaymentError {
    #[error("a payment is more than zero")]
    NotPositive,
    #[error("the invoice is paid already")]
    AlreadyPaid,
    #[error("the payment is more than is owed")]
    MoreThanOwed { outstanding: Decimal },
}

/// What is paid of an invoice of `total` after paying `amount` on top of `paid`: a
/// payment is positive and never more than is still owed.
pub fn pay(total: Decimal, paid: Decimal, amount: Decimal) -> Result<Decimal, PaymentError> {
    let outstanding = total - paid;
    if amount <= Decimal::ZERO {
        Err(PaymentError::NotPositive)
    } else if outstanding <= Decimal::ZERO {
        Err(PaymentError::AlreadyPaid)
    } else if amount > outstanding {
        Err(PaymentError::MoreThanOwed { outstanding })
    } else {
        Ok(paid + amount)
    }
}

/// One product in a three-way match; quantities in the product's own unit, values net
/// of PPN.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatchLine {
    pub ordered_quantity: Decimal,
    pub ordered_value: Decimal,
    pub received_quantity: Decimal,
    pub received_value: Decimal,
    pub invoiced_quantity: Decimal,
    pub invoiced_value: Decimal,
}

/// What does not agree on a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Mismatch {
    /// Billed for a different quantity than came.
    Quantity,
    /// Billed at a different price than ordered.
    Price,
    /// Billed but never received.
    NotReceived,
    /// Received but not billed.
    NotInvoiced,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMatch {
    /// Billed less received.
    pub quantity_difference: Decimal,
    /// Billed less the received value.
    pub value_difference: Decimal,
    pub mismatches: Vec<Mismatch>,
}

impl MatchLine {
    /// Compares the bill with the receipt and the order; a value within
    /// [`MATCH_TOLERANCE`] of the received value is a match.
    pub fn compare(&self) -> LineMatch {
        let quantity_difference = self.invoiced_quantity - self.received_quantity;
        let value_difference = self.invoiced_value - self.received_value;
        let mut mismatches = Vec::new();
        if self.received_quantity.is_zero() && !self.invoiced_quantity.is_zero() {
            mismatches.push(Mismatch::NotReceived);
        } else if self.invoiced_quantity.is_zero() && !self.received_quantity.is_zero() {
            mismatches.push(Mismatch::NotInvoiced);
        } else if !quantity_difference.is_zero() {
            mismatches.push(Mismatch::Quantity);
        }
        // The price billed against the price ordered, on the billed quantity.
        if !self.ordered_quantity.is_zero() && !self.invoiced_quantity.is_zero() {
            let at_order_price =
                self.ordered_value * self.invoiced_quantity / self.ordered_quantity;
            if (self.invoiced_value - at_order_price).abs() > MATCH_TOLERANCE {
                mismatches.push(Mismatch::Price);
            }
        } else if mismatches.is_empty() && value_difference.abs() > MATCH_TOLERANCE {
            // Goods not on the order: their value as received is the only price there is.
            mismatches.push(Mismatch::Price);
        }
        LineMatch {
            quantity_difference,
            value_difference,
            mismatches,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn line(
        oq: Decimal,
        ov: Decimal,
        rq: Decimal,
        rv: Decimal,
        iq: Decimal,
        iv: Decimal,
    ) -> MatchLine {
        MatchLine {
            ordered_quantity: oq,
            ordered_value: ov,
            received_quantity: rq,
            received_value: rv,
            invoiced_quantity: iq,
            invoiced_value: iv,
        }
    }

    #[test]
    fn the_story_short_delivery_billed_in_full_is_a_quantity_difference() {
        // 60 cartons of 24 milk ordered at Rp 120.000 a carton; 48 came; billed for 60.
        let l = line(
            dec!(1440),
            dec!(7200000),
            dec!(1152),
            dec!(5760000),
            dec!(1440),
            dec!(7200000),
        );
        let m = l.compare();
        assert_eq!(m.quantity_difference, dec!(288));
        assert_eq!(m.value_difference, dec!(1440000));
        assert_eq!(m.mismatches, vec![Mismatch::Quantity]);
        // Billed for what came: a match.
        let ok = line(
            dec!(1440),
            dec!(7200000),
            dec!(1152),
            dec!(5760000),
            dec!(1152),
            dec!(5760000),
        );
        assert!(ok.compare().mismatches.is_empty());
    }

    #[test]
    fn a_higher_price_and_goods_never_received() {
        let dearer = line(
            dec!(24),
            dec!(120000),
            dec!(24),
            dec!(120000),
            dec!(24),
            dec!(126000),
        );
        assert_eq!(dearer.compare().mismatches, vec![Mismatch::Price]);
        let phantom = line(
            dec!(24),
            dec!(120000),
            dec!(0),
            dec!(0),
            dec!(24),
            dec!(120000),
        );
        assert_eq!(phantom.compare().mismatches, vec![Mismatch::NotReceived]);
        let unbilled = line(
            dec!(24),
            dec!(120000),
            dec!(24),
            dec!(120000),
            dec!(0),
            dec!(0),
        );
        assert_eq!(unbilled.compare().mismatches, vec![Mismatch::NotInvoiced]);
        // One rupiah of rounding is no difference.
        let rounded = line(
            dec!(3),
            dec!(10000),
            dec!(3),
            dec!(10000),
            dec!(3),
            dec!(10001),
        );
        assert!(rounded.compare().mismatches.is_empty());
    }

    #[test]
    fn payments_never_pass_what_is_owed() {
        assert_eq!(pay(dec!(100), dec!(0), dec!(40)), Ok(dec!(40)));
        assert_eq!(pay(dec!(100), dec!(40), dec!(60)), Ok(dec!(100)));
        assert_eq!(
            pay(dec!(100), dec!(40), dec!(61)),
            Err(PaymentError::MoreThanOwed {
                outstanding: dec!(60)
            })
        );
        assert_eq!(
            pay(dec!(100), dec!(100), dec!(1)),
            Err(PaymentError::AlreadyPaid)
        );
        assert_eq!(
            pay(dec!(100), dec!(0), dec!(0)),
            Err(PaymentError::NotPositive)
        );
        assert_eq!(InvoiceStatus::of(dec!(100), dec!(0)), InvoiceStatus::Open);
        assert_eq!(
            InvoiceStatus::of(dec!(100), dec!(1)),
            InvoiceStatus::PartlyPaid
        );
        assert_eq!(InvoiceStatus::of(dec!(100), dec!(100)), InvoiceStatus::Paid);
    }

    proptest! {
        /// Billed exactly as received at the ordered price: always a match.
        #[test]
        fn billed_as_received_matches(ordered in 1i64..10_000, received in 1i64..10_000, price_sen in 1i64..10_000_000) {
            let price = Decimal::new(price_sen, 2);
            let q = |n: i64| Decimal::from(n);
            let l = line(q(ordered), q(ordered) * price, q(received), q(received) * price, q(received), q(received) * price);
            prop_assert!(l.compare().mismatches.is_empty());
        }

        /// Any run of payments: what is paid never passes the total, and the status follows.
        #[test]
        fn paid_stays_within_total(total_sen in 1i64..1_000_000_000, amounts in proptest::collection::vec(1i64..500_000_000, 0..12)) {
            let total = Decimal::new(total_sen, 2);
            let mut paid = Decimal::ZERO;
            for a in amounts {
                if let Ok(p) = pay(total, paid, Decimal::new(a, 2)) { paid = p; }
                prop_assert!(paid <= total);
            }
            prop_assert_eq!(InvoiceStatus::of(total, paid) == InvoiceStatus::Paid, paid == total);
        }
    }
}
