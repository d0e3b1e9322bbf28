//! Splitting a loan payment across what is owed, in a configurable order
//! (default: denda → interest → principal, the usual koperasi practice).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    Penalty,
    Interest,
    Principal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationOrder(pub Vec<Component>);

impl Default for AllocationOrder {
    fn default() -> Self {
        AllocationOrder(vec![
            Component::Penalty,
            Component::Interest,
            Component::Principal,
        ])
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dues {
    pub penalty: Decimal,
    pub interest: Decimal,
    pub principal: Decimal,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub penalty: Decimal,
    pub interest: Decimal,
    pub principal: Decimal,
    /// Paid beyond everything due (to return or credit to savings).
    pub excess: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum AllocationError {
    #[error("jumlah pembayaran tidak boleh negatif")]
    NegativePayment,
    #[error("tagihan tidak boleh negatif")]
    NegativeDue,
    #[error("urutan alokasi harus memuat denda, bunga dan pokok masing-masing tepat sekali")]
    InvalidOrder,
}

impl AllocationError {
    pub fn field(&self) -> &'static str {
        match self {
            AllocationError::NegativePayment => "amount",
            AllocationError::NegativeDue => "dues",
            AllocationError::InvalidOrder => "order",
        }
    }
}

pub fn allocate_payment(
    amount: Decimal,
    dues: &Dues,
    order: &AllocationOrder,
) -> Result<Allocation, AllocationError> {
    if amount < Decimal::ZERO {
        return Err(AllocationError::NegativePayment);
    }
    if dues.penalty < Decimal::ZERO
        || dues.interest < Decimal::ZERO
        || dues.principal < Decimal::ZERO
    {
        return Err(AllocationError::NegativeDue);
    }
    let o = &order.0;
    let complete = o.len() == 3
        && [
            Component::Penalty,
            Component::Interest,
            Component::Principal,
        ]
        .iter()
        .all(|c| o.contains(c));
    if !complete {
        return Err(AllocationError::InvalidOrder);
    }
    let mut left = amount;
    let mut out = Allocation::default();
    for c in o {
        let (due, slot) = match c {
            Component::Penalty => (dues.penalty, &mut out.penalty),
            Component::Interest => (dues.interest, &mut out.interest),
            Component::Principal => (dues.principal, &mut out.principal),
        };
        let take = left.min(due);
        *slot = take;
        left -= take;
    }
    out.excess = left;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn dues() -> Dues {
        Dues {
            penalty: dec!(8260),
            interest: dec!(180000),
            principal: dec!(1000000),
        }
    }

    #[test]
    fn default_order() {
        let a = allocate_payment(dec!(500000), &dues(), &AllocationOrder::default()).unwrap();
        assert_eq!(
            (a.penalty, a.interest, a.principal, a.excess),
            (dec!(8260), dec!(180000), dec!(311740), dec!(0))
        );
        let a = allocate_payment(dec!(1200000), &dues(), &AllocationOrder::default()).unwrap();
        assert_eq!(a.excess, dec!(11740));
    }

    #[test]
    fn custom_order_and_errors() {
        let order = AllocationOrder(vec![
            Component::Principal,
            Component::Interest,
            Component::Penalty,
        ]);
        let a = allocate_payment(dec!(1100000), &dues(), &order).unwrap();
        assert_eq!(
            (a.principal, a.interest, a.penalty),
            (dec!(1000000), dec!(100000), dec!(0))
        );
        let bad = AllocationOrder(vec![
            Component::Principal,
            Component::Principal,
            Component::Penalty,
        ]);
        assert_eq!(
            allocate_payment(dec!(1), &dues(), &bad),
            Err(AllocationError::InvalidOrder)
        );
        assert_eq!(
            allocate_payment(dec!(-1), &dues(), &AllocationOrder::default())
                .unwrap_err()
                .field(),
            "amount"
        );
    }

    proptest! {
        #[test]
        fn conserves_payment(amount in 0i64..10_000_000, p in 0i64..100_000, i in 0i64..1_000_000, k in 0i64..5_000_000) {
            let d = Dues { penalty: Decimal::from(p), interest: Decimal::from(i), principal: Decimal::from(k) };
            let a = allocate_payment(Decimal::from(amount), &d, &AllocationOrder::default()).unwrap();
            prop_assert_eq!(a.penalty + a.interest + a.principal + a.excess, Decimal::from(amount));
            prop_assert!(a.penalty <= d.penalty && a.interest <= d.interest && a.principal <= d.principal);
            prop_assert!(a.excess >= Decimal::ZERO);
        }
    }
}
