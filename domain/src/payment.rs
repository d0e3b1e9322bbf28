//! Settling a sale with one or more tenders. Change is only ever given from
//! cash: non-cash tenders (QRIS, cards, transfer, savings) are exact debits,
//! so together they may not exceed the amount due.

use crate::bounds::{check_amount, check_count, BoundError, TENDERS_PER_SALE_MAX};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenderKind {
    Cash,
    Qris,
    EWallet,
    DebitCard,
    CreditCard,
    Transfer,
    /// Debit from the member's simpanan sukarela.
    MemberSavings,
}

impl TenderKind {
    pub fn is_cash(self) -> bool {
        self == TenderKind::Cash
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tender {
    pub kind: TenderKind,
    pub amount: Decimal,
    #[serde(default)]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    pub amount_due: Decimal,
    pub paid_total: Decimal,
    pub cash_total: Decimal,
    pub non_cash_total: Decimal,
    /// Kembalian, always from cash.
    pub change: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum PaymentError {
    #[error("jumlah tagihan tidak boleh negatif")]
    NegativeAmountDue,
    #[error("pembayaran ke-{index} harus lebih dari nol")]
    NonPositiveTender { index: usize },
    #[error("pembayaran non-tunai {non_cash} melebihi tagihan {amount_due}")]
    NonCashExceedsDue {
        non_cash: Decimal,
        amount_due: Decimal,
    },
    #[error("pembayaran kurang {shortfall}")]
    Underpaid { shortfall: Decimal },
    #[error("jumlah pembayaran melampaui batas angka")]
    Overflow,
    #[error("pembayaran ke-{index}: {error}")]
    TenderOutOfBounds { index: usize, error: BoundError },
    #[error("paling banyak {max} pembayaran dalam satu penjualan")]
    TooManyTenders { max: usize },
}

impl PaymentError {
    pub fn field(&self) -> &'static str {
        match self {
            PaymentError::NegativeAmountDue => "amount_due",
            _ => "tenders",
        }
    }
}

pub fn settle(amount_due: Decimal, tenders: &[Tender]) -> Result<Settlement, PaymentError> {
    if amount_due < Decimal::ZERO {
        return Err(PaymentError::NegativeAmountDue);
    }
    check_count(tenders.len(), TENDERS_PER_SALE_MAX).map_err(|_| PaymentError::TooManyTenders {
        max: TENDERS_PER_SALE_MAX,
    })?;
    let mut cash_total = Decimal::ZERO;
    let mut non_cash_total = Decimal::ZERO;
    for (index, t) in tenders.iter().enumerate() {
        if t.amount <= Decimal::ZERO {
            return Err(PaymentError::NonPositiveTender { index });
        }
        check_amount(t.amount).map_err(|error| PaymentError::TenderOutOfBounds { index, error })?;
        let total = if t.kind.is_cash() {
            &mut cash_total
        } else {
            &mut non_cash_total
        };
        *total = total.checked_add(t.amount).ok_or(PaymentError::Overflow)?;
    }
    if non_cash_total > amount_due {
        return Err(PaymentError::NonCashExceedsDue {
            non_cash: non_cash_total,
            amount_due,
        });
    }
    let paid_total = cash_total
        .checked_add(non_cash_total)
        .ok_or(PaymentError::Overflow)?;
    // Both sides are non-negative from here, so the differences below fit.
    if paid_total < amount_due {
        return Err(PaymentError::Underpaid {
            shortfall: amount_due
                .checked_sub(paid_total)
                .ok_or(PaymentError::Overflow)?,
        });
    }
    Ok(Settlement {
        amount_due,
        paid_total,
        cash_total,
        non_cash_total,
        change: paid_total
            .checked_sub(amount_due)
            .ok_or(PaymentError::Overflow)?,
    })
}

/// The cash a customer is likely to hand over for `amount_due`, for the till's one-tap
/// buttons: the exact amount first ("uang pas"), then the amount rounded up to the next
/// Rp5.000, Rp10.000, Rp50.000 and Rp100.000 — which covers the next banknote and the
/// round sums people pay with. Ascending, no repeats, at most five; empty when nothing is
/// due.
pub fn quick_cash(amount_due: Decimal) -> Vec<Decimal> {
    if amount_due <= Decimal::ZERO {
        return Vec::new();
    }
    let mut amounts = vec![amount_due];
    for step in [5_000i64, 10_000, 50_000, 100_000] {
        let step = Decimal::from(step);
        let Some(up) = (amount_due / step)
            .ceil()
            .checked_mul(step)
            .filter(|up| *up > amount_due)
        else {
            continue;
        };
        if !amounts.contains(&up) {
            amounts.push(up);
        }
    }
    amounts.sort();
    amounts
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn absurd_tenders_are_refused() {
        let max = Decimal::MAX;
        let huge = [t(TenderKind::Cash, max), t(TenderKind::Cash, max)];
        assert_eq!(
            settle(dec!(1), &huge),
            Err(PaymentError::TenderOutOfBounds {
                index: 0,
                error: BoundError::AmountTooLarge
            })
        );
        let many: Vec<Tender> = (0..21).map(|_| t(TenderKind::Cash, dec!(1000))).collect();
        assert_eq!(
            settle(dec!(1000), &many),
            Err(PaymentError::TooManyTenders { max: 20 })
        );
        // Twenty maximal tenders still add up.
        let most: Vec<Tender> = (0..20)
            .map(|_| t(TenderKind::Cash, dec!(9999999999999)))
            .collect();
        assert!(settle(dec!(1000), &most).is_ok());
        assert_eq!(PaymentError::Overflow.field(), "tenders");
    }

    fn t(kind: TenderKind, amount: Decimal) -> Tender {
        Tender {
            kind,
            amount,
            reference: None,
        }
    }

    #[test]
    fn split_tender_with_change() {
        let s = settle(
            dec!(92400),
            &[
                t(TenderKind::Qris, dec!(50000)),
                t(TenderKind::Cash, dec!(50000)),
            ],
        )
        .unwrap();
        assert_eq!(s.change, dec!(7600));
        assert_eq!(s.non_cash_total, dec!(50000));
        let s = settle(dec!(10000), &[t(TenderKind::MemberSavings, dec!(10000))]).unwrap();
        assert_eq!(s.change, dec!(0));
    }

    #[test]
    fn rejects() {
        assert_eq!(
            settle(dec!(10000), &[t(TenderKind::Cash, dec!(9000))]),
            Err(PaymentError::Underpaid {
                shortfall: dec!(1000)
            })
        );
        assert!(matches!(
            settle(dec!(10000), &[t(TenderKind::DebitCard, dec!(10001))]),
            Err(PaymentError::NonCashExceedsDue { .. })
        ));
        assert_eq!(
            settle(dec!(10000), &[t(TenderKind::Cash, dec!(0))]),
            Err(PaymentError::NonPositiveTender { index: 0 })
        );
        assert_eq!(settle(dec!(-1), &[]).unwrap_err().field(), "amount_due");
        assert_eq!(
            serde_json::to_value(TenderKind::EWallet).unwrap(),
            serde_json::json!("e_wallet")
        );
    }

    #[test]
    fn quick_cash_follows_the_total() {
        assert_eq!(
            quick_cash(dec!(27000)),
            vec![dec!(27000), dec!(30000), dec!(50000), dec!(100000)]
        );
        assert_eq!(
            quick_cash(dec!(23500)),
            vec![
                dec!(23500),
                dec!(25000),
                dec!(30000),
                dec!(50000),
                dec!(100000)
            ]
        );
        assert_eq!(
            quick_cash(dec!(127000)),
            vec![dec!(127000), dec!(130000), dec!(150000), dec!(200000)]
        );
        assert_eq!(quick_cash(dec!(100000)), vec![dec!(100000)]);
        assert!(quick_cash(dec!(0)).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn quick_cash_always_covers_the_total(due in 1i64..100_000_000_000) {
            let due = Decimal::from(due);
            let amounts = quick_cash(due);
            proptest::prop_assert_eq!(amounts[0], due);
            proptest::prop_assert!(amounts.len() <= 5);
            proptest::prop_assert!(amounts.windows(2).all(|w| w[0] < w[1]));
            proptest::prop_assert!(amounts.iter().all(|a| settle(due, &[t(TenderKind::Cash, *a)]).is_ok()));
        }
    }
}
