//! Leaving the koperasi (keluar: mengundurkan diri or meninggal dunia): every savings
//! balance is returned — pokok and wajib included, which cannot be withdrawn while a
//! member — net of what she still owes on loans. Debts are taken from the most liquid
//! savings first (sukarela, then berjangka, wajib, pokok), so the ledger shows what paid
//! them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::format_idr;
use crate::savings::SavingsKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExitAccount {
    pub id: String,
    pub kind: SavingsKind,
    pub balance: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExitLine {
    pub account_id: String,
    /// Taken to settle loans.
    pub to_debts: Decimal,
    /// Paid out to the member (or her heir).
    pub paid_out: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExitSettlement {
    pub savings: Decimal,
    pub debts: Decimal,
    pub paid_out: Decimal,
    pub lines: Vec<ExitLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum ExitError {
    #[error(
        "simpanan {} tidak cukup menutup pinjaman {}: lunasi kekurangan {} lebih dulu",
        format_idr(*savings),
        format_idr(*debts),
        format_idr(*shortfall)
    )]
    DebtsExceedSavings {
        savings: Decimal,
        debts: Decimal,
        shortfall: Decimal,
    },
    #[error("saldo dan utang tidak boleh negatif")]
    Negative,
}

fn order(kind: SavingsKind) -> u8 {
    match kind {
        SavingsKind::Sukarela => 0,
        SavingsKind::Berjangka => 1,
        SavingsKind::Wajib => 2,
        SavingsKind::Pokok => 3,
    }
}

pub fn settle_exit(accounts: &[ExitAccount], debts: Decimal) -> Result<ExitSettlement, ExitError> {
    if debts < Decimal::ZERO || accounts.iter().any(|a| a.balance < Decimal::ZERO) {
        return Err(ExitError::Negative);
    }
    let savings: Decimal = accounts.iter().map(|a| a.balance).sum();
    if debts > savings {
        return Err(ExitError::DebtsExceedSavings {
            savings,
            debts,
            shortfall: debts - savings,
        });
    }
    let mut sorted: Vec<&ExitAccount> = accounts.iter().collect();
    sorted.sort_by_key(|a| order(a.kind));
    let mut left = debts;
    let lines = sorted
        .into_iter()
        .map(|a| {
            let to_debts = left.min(a.balance);
            left -= to_debts;
            ExitLine {
                account_id: a.id.clone(),
                to_debts,
                paid_out: a.balance - to_debts,
            }
        })
        .collect();
    Ok(ExitSettlement {
        savings,
        debts,
        paid_out: savings - debts,
        lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn acc(id: &str, kind: SavingsKind, balance: Decimal) -> ExitAccount {
        ExitAccount {
            id: id.into(),
            kind,
            balance,
        }
    }

    #[test]
    fn debts_come_out_of_sukarela_first_and_the_rest_is_paid_out() {
        let s = settle_exit(
            &[
                acc("sp", SavingsKind::Pokok, dec!(100000)),
                acc("sw", SavingsKind::Wajib, dec!(600000)),
                acc("ss", SavingsKind::Sukarela, dec!(250000)),
            ],
            dec!(400000),
        )
        .unwrap();
        assert_eq!(s.paid_out, dec!(550000));
        let line = |id: &str| s.lines.iter().find(|l| l.account_id == id).unwrap().clone();
        assert_eq!(
            (line("ss").to_debts, line("ss").paid_out),
            (dec!(250000), dec!(0))
        );
        assert_eq!(
            (line("sw").to_debts, line("sw").paid_out),
            (dec!(150000), dec!(450000))
        );
        assert_eq!(
            (line("sp").to_debts, line("sp").paid_out),
            (dec!(0), dec!(100000))
        );
    }

    #[test]
    fn more_debt_than_savings_must_be_settled_first() {
        let e =
            settle_exit(&[acc("sp", SavingsKind::Pokok, dec!(100000))], dec!(150000)).unwrap_err();
        assert_eq!(
            e,
            ExitError::DebtsExceedSavings {
                savings: dec!(100000),
                debts: dec!(150000),
                shortfall: dec!(50000)
            }
        );
    }

    proptest! {
        #[test]
        fn every_rupiah_goes_to_debts_or_to_the_member(b in proptest::collection::vec(0u32..5_000_000, 1..5), d in 0u32..10_000_000) {
            let kinds = [SavingsKind::Pokok, SavingsKind::Wajib, SavingsKind::Sukarela, SavingsKind::Berjangka];
            let accounts: Vec<_> = b.iter().enumerate().map(|(i, v)| acc(&i.to_string(), kinds[i % 4], Decimal::from(*v))).collect();
            if let Ok(s) = settle_exit(&accounts, Decimal::from(d)) {
                let to_debts: Decimal = s.lines.iter().map(|l| l.to_debts).sum();
                let out: Decimal = s.lines.iter().map(|l| l.paid_out).sum();
                prop_assert_eq!(to_debts, Decimal::from(d));
                prop_assert_eq!(to_debts + out, s.savings);
                prop_assert!(s.lines.iter().all(|l| l.to_debts >= Decimal::ZERO && l.paid_out >= Decimal::ZERO));
            }
        }
    }
}
