//! First-expiry-first-out: which batches a sale or transfer takes its units from.
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A batch with units on hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchStock {
    pub batch_id: String,
    /// `None`: no expiry (taken after every dated batch).
    pub expires_on: Option<NaiveDate>,
    pub on_hand: Decimal,
}

/// Units taken from one batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Take {
    pub batch_id: String,
    pub quantity: Decimal,
}

/// Where `quantity` comes from: the batches not expired on `today`, soonest expiry
/// first (then the order given, i.e. the oldest receipt). `unbatched` is what no batch
/// covered: a sale is never refused for it (the till may have sold offline), it is
/// recorded without a batch and shows as a difference in the next count.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Allocation {
    pub takes: Vec<Take>,
    pub unbatched: Decimal,
}

pub fn allocate(quantity: Decimal, batches: &[BatchStock], today: NaiveDate) -> Allocation {
    let mut usable: Vec<(usize, &BatchStock)> = batches
        .iter()
        .enumerate()
        .filter(|(_, b)| b.on_hand > Decimal::ZERO && !is_expired(b.expires_on, today))
        .collect();
    // `None` sorts first in Option's order; undated batches go last instead.
    usable.sort_by_key(|(i, b)| (b.expires_on.is_none(), b.expires_on, *i));
    let mut left = quantity.max(Decimal::ZERO);
    let mut takes = Vec::new();
    for (_, b) in usable {
        if left.is_zero() {
            break;
        }
        let q = left.min(b.on_hand);
        takes.push(Take {
            batch_id: b.batch_id.clone(),
            quantity: q,
        });
        left -= q;
    }
    Allocation {
        takes,
        unbatched: left,
    }
}

/// Expired on the day it expires: "baik digunakan sebelum" the date.
pub fn is_expired(expires_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    expires_on.is_some_and(|e| e <= today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn b(id: &str, exp: Option<(i32, u32, u32)>, q: Decimal) -> BatchStock {
        BatchStock {
            batch_id: id.into(),
            expires_on: exp.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
            on_hand: q,
        }
    }

    #[test]
    fn soonest_expiry_first_expired_never() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let batches = [
            b("late", Some((2027, 3, 1)), dec!(10)),
            b("none", None, dec!(10)),
            b("gone", Some((2026, 12, 7)), dec!(10)),
            b("soon", Some((2026, 12, 20)), dec!(4)),
        ];
        let a = allocate(dec!(16), &batches, today);
        assert_eq!(
            a.takes,
            vec![
                Take {
                    batch_id: "soon".into(),
                    quantity: dec!(4)
                },
                Take {
                    batch_id: "late".into(),
                    quantity: dec!(10)
                },
                Take {
                    batch_id: "none".into(),
                    quantity: dec!(2)
                },
            ]
        );
        assert_eq!(a.unbatched, dec!(0));
        assert_eq!(allocate(dec!(30), &batches, today).unbatched, dec!(6));
    }

    proptest! {
        /// Every unit is placed exactly once, never more than a batch holds.
        #[test]
        fn takes_add_up(qs in prop::collection::vec(0i64..50, 0..8), want in 0i64..400, days in prop::collection::vec(-5i64..30, 8)) {
            let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
            let batches: Vec<BatchStock> = qs.iter().enumerate().map(|(i, q)| BatchStock {
                batch_id: i.to_string(),
                expires_on: Some(today + chrono::Duration::days(days[i])),
                on_hand: Decimal::from(*q),
            }).collect();
            let a = allocate(Decimal::from(want), &batches, today);
            let taken: Decimal = a.takes.iter().map(|t| t.quantity).sum();
            prop_assert_eq!(taken + a.unbatched, Decimal::from(want));
            for t in &a.takes {
                let src = &batches[t.batch_id.parse::<usize>().unwrap()];
                prop_assert!(t.quantity <= src.on_hand);
                prop_assert!(!is_expired(src.expires_on, today));
            }
        }
    }
}
