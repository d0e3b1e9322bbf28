//! Simpanan wajib billing: one bill of the product's amount for every calendar month
//! from the month the member joined to the month looked at, so what she has paid
//! against what was billed says whether she is in arrears (and by how many months) or
//! paid ahead. Bills are derived, not stored: changing nothing in the past can make a
//! bill appear or disappear.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WajibStatus {
    pub months_billed: u32,
    pub billed: Decimal,
    pub paid: Decimal,
    /// Billed and not paid.
    pub arrears: Decimal,
    /// Whole or started months the arrears cover.
    pub months_in_arrears: u32,
    /// Paid beyond the bills so far.
    pub prepaid: Decimal,
}

fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// The member's wajib position on `as_of` for a monthly amount of `monthly`.
pub fn wajib_status(
    join: NaiveDate,
    as_of: NaiveDate,
    monthly: Decimal,
    paid: Decimal,
) -> WajibStatus {
    let months = (month_index(as_of) - month_index(join) + 1).max(0);
    let months_billed = u32::try_from(months).unwrap_or(u32::MAX);
    let billed = monthly * Decimal::from(months_billed);
    let arrears = (billed - paid).max(Decimal::ZERO);
    let months_in_arrears = if monthly > Decimal::ZERO {
        u32::try_from((arrears / monthly).ceil()).unwrap_or(u32::MAX)
    } else {
        0
    };
    WajibStatus {
        months_billed,
        billed,
        paid,
        arrears,
        months_in_arrears,
        prepaid: (paid - billed).max(Decimal::ZERO),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn joined_in_august_paid_three_months_by_november() {
        let s = wajib_status(d(2026, 8, 1), d(2026, 11, 27), dec!(50000), dec!(150000));
        assert_eq!(s.months_billed, 4);
        assert_eq!(s.billed, dec!(200000));
        assert_eq!(s.arrears, dec!(50000));
        assert_eq!(s.months_in_arrears, 1);
        assert_eq!(s.prepaid, dec!(0));
    }

    #[test]
    fn a_part_payment_leaves_a_started_month_in_arrears() {
        let s = wajib_status(d(2026, 1, 31), d(2026, 3, 1), dec!(50000), dec!(120000));
        assert_eq!(
            (s.months_billed, s.arrears, s.months_in_arrears),
            (3, dec!(30000), 1)
        );
    }

    #[test]
    fn paying_ahead_is_prepaid_not_arrears() {
        let s = wajib_status(d(2026, 10, 15), d(2026, 11, 1), dec!(50000), dec!(300000));
        assert_eq!((s.arrears, s.prepaid), (dec!(0), dec!(200000)));
    }

    #[test]
    fn nothing_is_billed_before_joining() {
        let s = wajib_status(d(2026, 12, 1), d(2026, 11, 27), dec!(50000), dec!(0));
        assert_eq!(
            (s.months_billed, s.billed, s.arrears),
            (0, dec!(0), dec!(0))
        );
    }

    proptest! {
        #[test]
        fn billed_is_paid_plus_arrears_less_prepaid(months in 0i64..240, paid in 0u32..20_000_000) {
            let join = d(2020, 1, 10);
            let as_of = join + chrono::Months::new(months as u32);
            let s = wajib_status(join, as_of, dec!(50000), Decimal::from(paid));
            prop_assert_eq!(s.billed, s.paid + s.arrears - s.prepaid);
            prop_assert!(Decimal::from(s.months_in_arrears) * dec!(50000) >= s.arrears);
        }
    }
}
