//! Consignment (titip jual): what the shop owes its supplier for the consigned units it
//! sold, and which settlement periods collide.
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// The longest period one settlement covers.
pub const PERIOD_DAYS_MAX: i64 = 92;

/// Owed for `sold` units at `price` each, to the sen (half a sen up). Units sold and then
/// refunded in the period are not sold: `sold` is never below zero here.
pub fn owed(sold: Decimal, price: Decimal) -> Decimal {
    (sold.max(Decimal::ZERO) * price)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodError {
    /// `to` before `from`.
    Backwards,
    TooLong,
}

/// A settlement period `from..=to`: forwards and at most [`PERIOD_DAYS_MAX`] days.
pub fn check_period(from: NaiveDate, to: NaiveDate) -> Result<(), PeriodError> {
    if to < from {
        Err(PeriodError::Backwards)
    } else if (to - from).num_days() >= PERIOD_DAYS_MAX {
        Err(PeriodError::TooLong)
    } else {
        Ok(())
    }
}

/// Two periods, both days included, share a day.
pub fn overlap(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(n)
    }

    #[test]
    fn eggs_sold_are_owed_at_the_agreed_price() {
        // 37 trays of eggs at Rp21.000: Rp777.000.
        assert_eq!(owed(dec!(37), dec!(21000)), dec!(777000));
        // 2,5 kg at Rp12.345,67 a kg: 30.864,175 → 30.864,18.
        assert_eq!(owed(dec!(2.5), dec!(12345.67)), dec!(30864.18));
        // More refunded than sold in the period owes nothing, never a negative.
        assert_eq!(owed(dec!(-3), dec!(21000)), Decimal::ZERO);
        assert_eq!(check_period(d(10), d(9)), Err(PeriodError::Backwards));
        assert_eq!(check_period(d(0), d(91)), Ok(()));
        assert_eq!(check_period(d(0), d(92)), Err(PeriodError::TooLong));
        assert!(overlap((d(0), d(6)), (d(6), d(13))));
        assert!(!overlap((d(0), d(6)), (d(7), d(13))));
    }

    proptest! {
        /// Overlap is symmetric, and a period always overlaps itself.
        #[test]
        fn overlap_is_symmetric(a in 0i64..60, al in 0i64..30, b in 0i64..60, bl in 0i64..30) {
            let (x, y) = ((d(a), d(a + al)), (d(b), d(b + bl)));
            prop_assert_eq!(overlap(x, y), overlap(y, x));
            prop_assert!(overlap(x, x));
            // Back to back (the next starts the day after) never overlaps.
            prop_assert!(!overlap(x, (d(a + al + 1), d(a + al + 1 + bl))));
        }

        /// Settling a period in two halves owes what settling it at once owes, to the sen,
        /// when each half's units are whole.
        #[test]
        fn halves_add_up(first in 0i64..500, second in 0i64..500, price_sen in 1i64..10_000_000) {
            let price = Decimal::new(price_sen, 2);
            let whole = owed(Decimal::from(first + second), price);
            prop_assert_eq!(owed(Decimal::from(first), price) + owed(Decimal::from(second), price), whole);
        }
    }
}
