//! Settling a sale with one or more tenders. Change is only ever given from
//! cash: non-cash tenders (QRIS, cards, transfer, savings) are exact debits,
//! so together they may not exceed the amount due.

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
    let mut cash_total = Decimal::ZERO;
    let mut non_cash_total = Decimal::ZERO;
    for (index, t) in tenders.iter().enumerate() {
        if t.amount <= Decimal::ZERO {
            return Err(PaymentError::NonPositiveTender { index });
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn overflowing_tenders_are_an_error() {
        let max = Decimal::MAX;
        assert_eq!(
            settle(
                dec!(1),
                &[
                    Tender {
                        kind: TenderKind::Cash,
                        amount: max,
                        reference: None
                    },
                    Tender {
                        kind: TenderKind::Cash,
                        amount: max,
                        reference: None
                    }
                ]
            ),
            Err(PaymentError::Overflow)
        );
        assert_eq!(
            settle(
                max,
                &[
                    Tender {
                        kind: TenderKind::Qris,
                        amount: max,
                        reference: None
                    },
                    Tender {
                        kind: TenderKind::Cash,
                        amount: max,
                        reference: None
                    }
                ]
            ),
            Err(PaymentError::Overflow)
        );
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
}
