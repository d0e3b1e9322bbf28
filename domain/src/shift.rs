//! Closing a cashier shift: the cash counted in the drawer against the cash
//! the drawer should hold, and the selisih between them.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::bounds::DENOMINATION_COUNT_MAX;

/// Indonesian rupiah notes and coins in circulation, largest first: 100000,
/// 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100.
pub const DENOMINATIONS: [i64; 10] = [
    100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100,
];

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum ShiftError {
    #[error("pecahan Rp{denomination} tidak dikenal")]
    UnknownDenomination { denomination: i64 },
    #[error("pecahan Rp{denomination} diisi lebih dari sekali")]
    DuplicateDenomination { denomination: i64 },
    #[error("jumlah pecahan Rp{denomination} paling banyak 1.000.000 lembar/keping")]
    CountTooLarge { denomination: i64 },
    #[error("modal awal kas tidak boleh negatif")]
    NegativeOpeningFloat,
    #[error("penjualan tunai tidak boleh negatif")]
    NegativeCashSales,
    #[error("refund tunai tidak boleh negatif")]
    NegativeCashRefunds,
    #[error("kas masuk tidak boleh negatif")]
    NegativeCashIn,
    #[error("kas keluar tidak boleh negatif")]
    NegativeCashOut,
}

impl ShiftError {
    pub fn field(&self) -> &'static str {
        match self {
            ShiftError::UnknownDenomination { .. }
            | ShiftError::DuplicateDenomination { .. }
            | ShiftError::CountTooLarge { .. } => "counts",
            ShiftError::NegativeOpeningFloat => "opening_float",
            ShiftError::NegativeCashSales => "cash_sales",
            ShiftError::NegativeCashRefunds => "cash_refunds",
            ShiftError::NegativeCashIn => "cash_in",
            ShiftError::NegativeCashOut => "cash_out",
        }
    }
}

/// Counted cash from (denomination, count) pairs; each denomination must be
/// in [`DENOMINATIONS`], counts ≥ 0 (u32 is fine), same denomination may
/// appear once only.
pub fn counted_cash(counts: &[(i64, u32)]) -> Result<Decimal, ShiftError> {
    let mut seen = HashSet::with_capacity(counts.len());
    let mut total = Decimal::ZERO;
    for &(denomination, count) in counts {
        if !DENOMINATIONS.contains(&denomination) {
            return Err(ShiftError::UnknownDenomination { denomination });
        }
        if !seen.insert(denomination) {
            return Err(ShiftError::DuplicateDenomination { denomination });
        }
        if count > DENOMINATION_COUNT_MAX {
            return Err(ShiftError::CountTooLarge { denomination });
        }
        // At most 10 × 100000 × 10^6 = 10^12, inside `bounds::AMOUNT_MAX`.
        total += Decimal::from(denomination) * Decimal::from(count);
    }
    Ok(total)
}

/// The cash movements of one shift, all as non-negative amounts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashSummary {
    /// Modal awal: the change float put in the drawer at shift open.
    pub opening_float: Decimal,
    /// Cash actually kept from sales, i.e. net of kembalian.
    pub cash_sales: Decimal,
    pub cash_refunds: Decimal,
    pub cash_in: Decimal,
    pub cash_out: Decimal,
}

impl CashSummary {
    /// Each amount must be ≥ 0; the direction is in the field, not the sign.
    pub fn validate(&self) -> Result<(), ShiftError> {
        let checks = [
            (self.opening_float, ShiftError::NegativeOpeningFloat),
            (self.cash_sales, ShiftError::NegativeCashSales),
            (self.cash_refunds, ShiftError::NegativeCashRefunds),
            (self.cash_in, ShiftError::NegativeCashIn),
            (self.cash_out, ShiftError::NegativeCashOut),
        ];
        for (amount, err) in checks {
            if amount < Decimal::ZERO {
                return Err(err);
            }
        }
        Ok(())
    }

    /// Cash the drawer should hold: float + cash_sales − cash_refunds +
    /// cash_in − cash_out.
    pub fn expected(&self) -> Decimal {
        // Saturating so that absurd input cannot panic the till; real
        // drawers are many orders of magnitude below `Decimal`'s range.
        self.opening_float
            .saturating_add(self.cash_sales)
            .saturating_sub(self.cash_refunds)
            .saturating_add(self.cash_in)
            .saturating_sub(self.cash_out)
    }
}

/// counted − expected: negative is a shortage (kurang), positive an overage
/// (lebih).
pub fn difference(expected: Decimal, counted: Decimal) -> Decimal {
    counted.saturating_sub(expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_bounded() {
        assert_eq!(
            counted_cash(&[(100_000, 3), (500, 2)]),
            Ok(Decimal::from(301_000))
        );
        assert_eq!(
            counted_cash(&[(100_000, u32::MAX)]),
            Err(ShiftError::CountTooLarge {
                denomination: 100_000
            })
        );
        let most: Vec<(i64, u32)> = DENOMINATIONS
            .iter()
            .map(|d| (*d, DENOMINATION_COUNT_MAX))
            .collect();
        let total = counted_cash(&most).unwrap();
        assert!(crate::bounds::check_amount(total).is_ok());
    }
}
