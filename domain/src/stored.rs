//! How amounts and quantities are stored: exact integers in a fixed minor unit, so a
//! database can `SUM` and `GROUP BY` them exactly (SQLite has no exact decimal type).
//!
//! The rule, the same on every table and both databases:
//! - money of the till, the catalogue and the stock (`*_sen` columns): hundredths of a
//!   rupiah (sen), because `bounds` allows two decimals on an amount;
//! - quantities (`*_milli` columns): thousandths of a unit, because `bounds` allows three;
//! - the koperasi's money: whole rupiah (its rules round every amount to the rupiah).
//!
//! `bounds` keeps every stored value below 10^15 minor units, so a year of a busy chain
//! still sums far below `i64::MAX` (9.2 · 10^18).
use rust_decimal::Decimal;
use thiserror::Error;

/// Decimals of a stored amount (sen).
pub const SEN_SCALE: u32 = 2;
/// Decimals of a stored quantity (thousandths).
pub const MILLI_SCALE: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoredError {
    #[error("not a decimal number: {0:?}")]
    NotANumber(String),
    #[error("{value} has more than {scale} decimals")]
    TooPrecise { value: Decimal, scale: u32 },
    #[error("{0} does not fit in a stored integer")]
    TooLarge(Decimal),
}

/// `value` in units of 10^-`scale`, exactly: refused rather than rounded when it has more
/// decimals than the unit holds, or does not fit an `i64`.
pub fn to_units(value: Decimal, scale: u32) -> Result<i64, StoredError> {
    let normal = value.normalize();
    if normal.scale() > scale {
        return Err(StoredError::TooPrecise { value, scale });
    }
    let mut v = normal;
    v.rescale(scale);
    // `rescale` keeps the value and gives it exactly `scale` decimals, so the mantissa
    // is the count of units.
    if v.scale() != scale {
        return Err(StoredError::TooLarge(value));
    }
    i64::try_from(v.mantissa()).map_err(|_| StoredError::TooLarge(value))
}

/// The amount `units` × 10^-`scale` stands for, with no trailing zeros.
pub fn from_units(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale).normalize()
}

/// A decimal written as text (as the API and the old text columns hold it), in units of
/// 10^-`scale`: only plain decimal notation (`-12500.5`), never an exponent or blank.
pub fn text_to_units(text: &str, scale: u32) -> Result<i64, StoredError> {
    let t = text.trim();
    let plain = !t.is_empty()
        && t.chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')))
        && t.chars().any(|c| c.is_ascii_digit());
    if !plain {
        return Err(StoredError::NotANumber(text.to_string()));
    }
    let value: Decimal = t
        .parse()
        .map_err(|_| StoredError::NotANumber(text.to_string()))?;
    to_units(value, scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts_become_sen_exactly() {
        assert_eq!(to_units(dec!(12500), SEN_SCALE), Ok(1_250_000));
        assert_eq!(to_units(dec!(0.01), SEN_SCALE), Ok(1));
        assert_eq!(to_units(dec!(-7.50), SEN_SCALE), Ok(-750));
        assert_eq!(to_units(dec!(1.000), SEN_SCALE), Ok(100));
        assert_eq!(
            to_units(dec!(9999999999999.99), SEN_SCALE),
            Ok(999_999_999_999_999)
        );
        assert!(matches!(
            to_units(dec!(0.001), SEN_SCALE),
            Err(StoredError::TooPrecise { .. })
        ));
        assert!(matches!(
            to_units(Decimal::MAX, SEN_SCALE),
            Err(StoredError::TooLarge(_))
        ));
        assert_eq!(from_units(1_250_050, SEN_SCALE), dec!(12500.5));
        assert_eq!(from_units(1_250_050, SEN_SCALE).to_string(), "12500.5");
        assert_eq!(from_units(2_500, MILLI_SCALE).to_string(), "2.5");
    }

    #[test]
    fn text_is_plain_decimals_only() {
        assert_eq!(text_to_units("12500", SEN_SCALE), Ok(1_250_000));
        assert_eq!(text_to_units("-0.5", SEN_SCALE), Ok(-50));
        assert_eq!(text_to_units("1.250", MILLI_SCALE), Ok(1_250));
        for garbage in [
            "", " ", "abc", "1e5", "12,5", "Rp12.500", "--1", "1-", ".", "NaN",
        ] {
            assert!(
                matches!(
                    text_to_units(garbage, SEN_SCALE),
                    Err(StoredError::NotANumber(_))
                ),
                "{garbage:?} accepted"
            );
        }
        assert!(text_to_units("0.125", SEN_SCALE).is_err());
    }

    proptest! {
        /// Every amount `bounds` accepts survives storage unchanged, as text and as value.
        #[test]
        fn stored_amounts_round_trip(units in -999_999_999_999_999i64..=999_999_999_999_999, dp in 0u32..=2) {
            let value = Decimal::new(units, 2).round_dp(dp);
            let text = value.normalize().to_string();
            let stored = text_to_units(&text, SEN_SCALE).unwrap();
            prop_assert_eq!(from_units(stored, SEN_SCALE), value);
            prop_assert_eq!(from_units(stored, SEN_SCALE).to_string(), text);
            prop_assert_eq!(to_units(value, SEN_SCALE).unwrap(), stored);
        }

        #[test]
        fn stored_quantities_round_trip(units in -999_999_999_999i64..=999_999_999_999) {
            let value = Decimal::new(units, 3);
            let text = value.to_string();
            prop_assert_eq!(from_units(text_to_units(&text, MILLI_SCALE).unwrap(), MILLI_SCALE), value);
        }

        /// More decimals than the unit holds are refused, never rounded away.
        #[test]
        fn extra_decimals_are_refused(units in 1i64..1_000_000_000, extra in 1u32..=5) {
            let value = Decimal::new(units * 10 + 1, SEN_SCALE + extra).normalize();
            prop_assume!(value.scale() > SEN_SCALE);
            prop_assert!(to_units(value, SEN_SCALE).is_err());
        }
    }
}
