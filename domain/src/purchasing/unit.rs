//! Units of purchase: a supplier sells milk by the karton, the shelf counts pieces.
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The most base units one unit of purchase may hold (a pallet of sachets).
pub const PER_BASE_MAX: i64 = 100_000;

/// `1 <name> = <per_base> <product unit>`, e.g. `karton` of 24 pcs. Built only valid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseUnit {
    name: String,
    per_base: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum UnitError {
    #[error("unit name is empty or longer than 20 characters")]
    Name,
    #[error(
        "a unit of purchase holds more than 0 and at most 100000 base units, to three decimals"
    )]
    PerBase,
}

impl PurchaseUnit {
    pub fn new(name: &str, per_base: Decimal) -> Result<Self, UnitError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 20 {
            return Err(UnitError::Name);
        }
        if per_base <= Decimal::ZERO
            || per_base > Decimal::from(PER_BASE_MAX)
            || per_base.normalize().scale() > 3
        {
            return Err(UnitError::PerBase);
        }
        Ok(PurchaseUnit {
            name: name.to_string(),
            per_base: per_base.normalize(),
        })
    }

    /// The product's own unit (`pcs` = 1 pcs).
    pub fn base(unit: &str) -> Self {
        PurchaseUnit {
            name: unit.to_string(),
            per_base: Decimal::ONE,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn per_base(&self) -> Decimal {
        self.per_base
    }

    /// `quantity` units of purchase in base units (2 karton → 48 pcs).
    pub fn to_base(&self, quantity: Decimal) -> Decimal {
        (quantity * self.per_base).normalize()
    }

    /// A base quantity in units of purchase, when it is a whole number of them.
    pub fn whole_units(&self, base: Decimal) -> Option<Decimal> {
        let units = base / self.per_base;
        (units.fract().is_zero()).then(|| units.normalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn karton_of_24() {
        let k = PurchaseUnit::new(" karton ", dec!(24)).unwrap();
        assert_eq!(k.name(), "karton");
        assert_eq!(k.to_base(dec!(60)), dec!(1440));
        assert_eq!(k.whole_units(dec!(1152)), Some(dec!(48)));
        assert_eq!(k.whole_units(dec!(10)), None);
        assert_eq!(
            PurchaseUnit::new("karton", dec!(0)),
            Err(UnitError::PerBase)
        );
        assert_eq!(
            PurchaseUnit::new("karton", dec!(0.0001)),
            Err(UnitError::PerBase)
        );
        assert_eq!(PurchaseUnit::new("", dec!(1)), Err(UnitError::Name));
        assert_eq!(PurchaseUnit::base("kg").to_base(dec!(2.5)), dec!(2.5));
    }

    proptest! {
        #[test]
        fn whole_units_round_trip(per in 1i64..100_000, n in 0i64..10_000) {
            let u = PurchaseUnit::new("box", Decimal::from(per)).unwrap();
            let n = Decimal::from(n);
            prop_assert_eq!(u.whole_units(u.to_base(n)), Some(n.normalize()));
        }
    }
}
