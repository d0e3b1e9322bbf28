//! The largest amount, quantity and count Satu accepts anywhere: on the till before a
//! sale is queued, and on the server for every input that carries money or stock.
//!
//! The bounds are chosen so that no sum Satu computes can overflow, whatever is stored:
//! - an amount (a price, a line, a sale's total, a deposit, a cash movement, a loan) is
//!   below [`AMOUNT_MAX`], Rp10 triliun, with at most [`AMOUNT_DECIMALS_MAX`] decimals.
//!   `Decimal` holds about 7.9·10^28, so a sum of amounts overflows only after 7.9·10^15
//!   rows; an `i64` of whole rupiah (9.2·10^18) only after 920,000 maximal rows, which is
//!   why balances are bounded too ([`BALANCE_MAX`]);
//! - a quantity is below [`QUANTITY_MAX`] (10^9 units) with at most
//!   [`QUANTITY_DECIMALS_MAX`] decimals, so stock kept in thousandths fits an `i64` per
//!   movement with six orders of magnitude to spare (the server sums them split in two
//!   parts, so even millions of maximal movements add up exactly);
//! - a sale has at most [`LINES_PER_SALE_MAX`] lines and [`TENDERS_PER_SALE_MAX`]
//!   payments, which keeps every statement it needs below the databases' limits on bound
//!   variables, and a receipt printable.
//!
//! Real shops are many orders of magnitude below these numbers; what they refuse is
//! input typed by mistake (a scanned barcode in the price field) or made to break things.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Exclusive upper bound of any single amount: Rp10.000.000.000.000 (10^13).
pub const AMOUNT_MAX: Decimal = Decimal::from_parts(0x4E72_A000, 0x918, 0, false, 0);
/// Exclusive upper bound of a stored balance (savings, loan outstanding): 10^15.
pub const BALANCE_MAX: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0);
/// Money is whole rupiah in practice; unit prices may carry cents (e.g. per gram).
pub const AMOUNT_DECIMALS_MAX: u32 = 2;
/// Exclusive upper bound of any quantity: 10^9 units.
pub const QUANTITY_MAX: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
/// Weighed goods to the gram (0.375 kg); stock is kept in thousandths.
pub const QUANTITY_DECIMALS_MAX: u32 = 3;
pub const LINES_PER_SALE_MAX: usize = 1_000;
pub const TENDERS_PER_SALE_MAX: usize = 20;
/// Notes or coins of one denomination counted at a shift close.
pub const DENOMINATION_COUNT_MAX: u32 = 1_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum BoundError {
    #[error("jumlah uang harus kurang dari Rp10.000.000.000.000")]
    AmountTooLarge,
    #[error("jumlah uang paling banyak {max} angka desimal")]
    AmountTooPrecise { max: u32 },
    #[error("saldo tidak boleh mencapai Rp1.000.000.000.000.000")]
    BalanceTooLarge,
    #[error("jumlah barang harus kurang dari 1.000.000.000")]
    QuantityTooLarge,
    #[error("jumlah barang paling banyak {max} angka desimal")]
    QuantityTooPrecise { max: u32 },
    #[error("paling banyak {max} baris")]
    TooMany { max: usize },
}

/// `|value| < AMOUNT_MAX` with at most two decimals (the sign is the caller's rule).
pub fn check_amount(value: Decimal) -> Result<(), BoundError> {
    if value.abs() >= AMOUNT_MAX {
        return Err(BoundError::AmountTooLarge);
    }
    if value.normalize().scale() > AMOUNT_DECIMALS_MAX {
        return Err(BoundError::AmountTooPrecise {
            max: AMOUNT_DECIMALS_MAX,
        });
    }
    Ok(())
}

/// `|value| < BALANCE_MAX`: a balance that a deposit or a loan would take past it.
pub fn check_balance(value: Decimal) -> Result<(), BoundError> {
    if value.abs() >= BALANCE_MAX {
        return Err(BoundError::BalanceTooLarge);
    }
    Ok(())
}

/// `|value| < QUANTITY_MAX` with at most three decimals.
pub fn check_quantity(value: Decimal) -> Result<(), BoundError> {
    if value.abs() >= QUANTITY_MAX {
        return Err(BoundError::QuantityTooLarge);
    }
    if value.normalize().scale() > QUANTITY_DECIMALS_MAX {
        return Err(BoundError::QuantityTooPrecise {
            max: QUANTITY_DECIMALS_MAX,
        });
    }
    Ok(())
}

/// At most `max` items in a list (lines, tenders, counts).
pub fn check_count(len: usize, max: usize) -> Result<(), BoundError> {
    if len > max {
        return Err(BoundError::TooMany { max });
    }
    Ok(())
}

/// Σ that can never panic: values inside the bounds never come near `Decimal`'s range,
/// and a value stored before a bound existed saturates instead of failing every later
/// report that adds it.
pub fn saturating_sum(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values
        .into_iter()
        .fold(Decimal::ZERO, |total, v| total.saturating_add(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_constants_are_the_round_numbers_they_claim() {
        assert_eq!(AMOUNT_MAX, dec!(10_000_000_000_000));
        assert_eq!(BALANCE_MAX, dec!(1_000_000_000_000_000));
        assert_eq!(QUANTITY_MAX, dec!(1_000_000_000));
    }

    #[test]
    fn edges() {
        assert_eq!(check_amount(dec!(9_999_999_999_999.99)), Ok(()));
        assert_eq!(
            check_amount(dec!(10_000_000_000_000)),
            Err(BoundError::AmountTooLarge)
        );
        assert_eq!(
            check_amount(dec!(-40_000_000_000_000_000_000_000_000_000)),
            Err(BoundError::AmountTooLarge)
        );
        assert_eq!(check_amount(dec!(12500.500)), Ok(()));
        assert_eq!(
            check_amount(dec!(0.001)),
            Err(BoundError::AmountTooPrecise { max: 2 })
        );
        assert_eq!(check_quantity(dec!(999_999_999.999)), Ok(()));
        assert_eq!(
            check_quantity(dec!(1_000_000_000)),
            Err(BoundError::QuantityTooLarge)
        );
        assert_eq!(
            check_quantity(dec!(0.0001)),
            Err(BoundError::QuantityTooPrecise { max: 3 })
        );
        assert_eq!(check_count(1_000, LINES_PER_SALE_MAX), Ok(()));
        assert_eq!(
            check_count(1_001, LINES_PER_SALE_MAX),
            Err(BoundError::TooMany { max: 1_000 })
        );
    }

    #[test]
    fn saturating_sum_never_panics() {
        assert_eq!(saturating_sum([Decimal::MAX, Decimal::MAX]), Decimal::MAX);
        assert_eq!(saturating_sum([dec!(1.5), dec!(2)]), dec!(3.5));
        assert_eq!(saturating_sum([]), Decimal::ZERO);
    }

    proptest! {
        /// Whatever passes the bound, a year of maximal amounts (a million rows) sums
        /// without overflow, and so does a million maximal quantities in thousandths.
        #[test]
        fn bounded_values_sum_without_overflow(m in 0i64..10_000_000_000_000, s in 0u32..=2) {
            let a = Decimal::new(m, s);
            prop_assert!(check_amount(a).is_ok());
            prop_assert!(a.checked_mul(Decimal::from(1_000_000_000_000_000i64)).is_some());
            let q = Decimal::new(m % 1_000_000_000_000, 3);
            prop_assert!(check_quantity(q).is_ok());
            let milli = i128::try_from(q * Decimal::from(1000)).unwrap_or(i128::MAX);
            prop_assert!(milli < 1_000_000_000_000);
        }

        #[test]
        fn anything_at_or_past_the_bound_is_refused(m in 10_000_000_000_000i64.., neg: bool) {
            let a = if neg { -Decimal::from(m) } else { Decimal::from(m) };
            prop_assert_eq!(check_amount(a), Err(BoundError::AmountTooLarge));
            prop_assert_eq!(check_quantity(a), Err(BoundError::QuantityTooLarge));
        }
    }
}
