//! Returns to supplier: goods sent back leave at the outlet's moving average cost, so the
//! average does not move (`cost::CostPool` would issue them at the same cost). A return
//! never takes more than is on hand, and one made against a receipt never takes back more
//! of a product than that receipt brought in, counting the returns before it.
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The value of `quantity` units returned at `unit_cost`, to the sen (half away from zero).
pub fn value_at_cost(unit_cost: Decimal, quantity: Decimal) -> Decimal {
    (unit_cost * quantity).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// What one receipt brought in of a product, and what earlier returns against it took back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgainstReceipt {
    pub received: Decimal,
    pub returned: Decimal,
}

impl AgainstReceipt {
    /// What may still go back against the receipt (never below zero).
    pub fn returnable(&self) -> Decimal {
        (self.received - self.returned).max(Decimal::ZERO)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum ReturnError {
    #[error("quantity must be above zero")]
    QuantityNotPositive,
    /// More than the receipt brought in, less what went back against it already.
    #[error("more than the receipt brought in ({returnable} returnable)")]
    OverReturn { returnable: Decimal },
    /// More than the outlet has on hand.
    #[error("more than on hand ({on_hand})")]
    InsufficientStock { on_hand: Decimal },
}

/// Whether `quantity` of one product (all of the return's lines for it together) may go
/// back: against the receipt first, then against what is on hand.
pub fn check(
    quantity: Decimal,
    on_hand: Decimal,
    receipt: Option<AgainstReceipt>,
) -> Result<(), ReturnError> {
    if quantity <= Decimal::ZERO {
        return Err(ReturnError::QuantityNotPositive);
    }
    if let Some(r) = receipt {
        if quantity > r.returnable() {
            return Err(ReturnError::OverReturn {
                returnable: r.returnable(),
            });
        }
    }
    if quantity > on_hand {
        return Err(ReturnError::InsufficientStock {
            on_hand: on_hand.max(Decimal::ZERO),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn value_is_the_average_cost_times_the_quantity_to_the_sen() {
        // 24 cartons' worth of milk at Rp5.442,18 a pcs.
        assert_eq!(value_at_cost(d("5442.18"), d("24")), d("130612.32"));
        // 0,125 kg at Rp3.333,33: 416,66625 → 416,67.
        assert_eq!(value_at_cost(d("3333.33"), d("0.125")), d("416.67"));
        // Half a sen goes up, as every other amount does.
        assert_eq!(value_at_cost(d("0.01"), d("0.5")), d("0.01"));
        assert_eq!(value_at_cost(d("5070"), d("0")), d("0"));
    }

    #[test]
    fn a_return_takes_no_more_than_the_receipt_left_and_the_shelf_holds() {
        let receipt = AgainstReceipt {
            received: d("1152"),
            returned: d("100"),
        };
        assert_eq!(check(d("1052"), d("2000"), Some(receipt)), Ok(()));
        assert_eq!(
            check(d("1052.001"), d("2000"), Some(receipt)),
            Err(ReturnError::OverReturn {
                returnable: d("1052")
            })
        );
        // Within the receipt, yet some of it was sold already.
        assert_eq!(
            check(d("500"), d("499.5"), Some(receipt)),
            Err(ReturnError::InsufficientStock {
                on_hand: d("499.5")
            })
        );
        // Without a receipt only the shelf counts; stock below zero returns nothing.
        assert_eq!(check(d("10"), d("10"), None), Ok(()));
        assert_eq!(
            check(d("1"), d("-3"), None),
            Err(ReturnError::InsufficientStock { on_hand: d("0") })
        );
        assert_eq!(
            check(d("0"), d("10"), None),
            Err(ReturnError::QuantityNotPositive)
        );
        // Everything went back already.
        let spent = AgainstReceipt {
            received: d("24"),
            returned: d("24"),
        };
        assert_eq!(spent.returnable(), d("0"));
        assert_eq!(
            check(d("1"), d("100"), Some(spent)),
            Err(ReturnError::OverReturn { returnable: d("0") })
        );
    }
}
