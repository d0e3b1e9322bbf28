//! Money and quantities as the database keeps them (`domain::stored`): `Sen`, hundredths
//! of a rupiah, and `Milli`, thousandths of a unit, each one BIGINT column, so reports add
//! them up in SQL. Handlers and `domain` work in `Decimal`; this is the one place the two
//! meet.
use rust_decimal::Decimal;
use sea_orm::DeriveValueType;

use crate::kernel::error::ApiError;
use domain::stored::{from_units, to_units, MILLI_SCALE, SEN_SCALE};

/// An amount in hundredths of a rupiah.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, DeriveValueType)]
pub struct Sen(pub i64);

/// A quantity in thousandths of a unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, DeriveValueType)]
pub struct Milli(pub i64);

impl Sen {
    pub const ZERO: Sen = Sen(0);

    /// `amount` as stored. Every amount reaching storage has passed `domain::bounds` or
    /// been computed by `domain` from such amounts, so a refusal here is a fault, not a
    /// user's mistake: it answers 500 rather than storing a rounded figure.
    pub fn of(amount: Decimal) -> Result<Sen, ApiError> {
        to_units(amount, SEN_SCALE)
            .map(Sen)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("amount not storable: {e}")))
    }

    pub fn dec(self) -> Decimal {
        from_units(self.0, SEN_SCALE)
    }

    /// The decimal string the API answers (`"12500"`, `"0.5"`).
    pub fn text(self) -> String {
        self.dec().to_string()
    }
}

impl Milli {
    pub fn of(quantity: Decimal) -> Result<Milli, ApiError> {
        to_units(quantity, MILLI_SCALE)
            .map(Milli)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("quantity not storable: {e}")))
    }

    pub fn dec(self) -> Decimal {
        from_units(self.0, MILLI_SCALE)
    }

    pub fn text(self) -> String {
        self.dec().to_string()
    }
}

/// An optional amount's API text.
pub fn opt_text(v: Option<Sen>) -> Option<String> {
    v.map(Sen::text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn amounts_are_stored_in_sen() {
        assert_eq!(Sen::of(dec("12500")).unwrap(), Sen(1_250_000));
        assert_eq!(Sen(1_250_050).text(), "12500.5");
        assert_eq!(Milli::of(dec("1.5")).unwrap(), Milli(1_500));
        assert!(Sen::of(dec("0.001")).is_err());
    }
}
