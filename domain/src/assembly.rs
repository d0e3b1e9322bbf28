//! Assembly: a bundle (a parsel Lebaran, a gift box) built from component products, and
//! taken apart again. Building takes the components out of stock at their average cost
//! and brings the bundles in at the sum of that value; taking apart takes bundles out at
//! their average cost and shares that value over the components coming back, in
//! proportion to what each is worth at its own average cost. Either way no rupiah is
//! made or lost: the value in equals the value out, to the sen.
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::{split_largest_remainder_in_units, Money};

/// Most components one bundle may have.
pub const PARTS_MAX: usize = 20;

/// One component of a bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// Units of the component in one bundle.
    pub per_bundle: Decimal,
    /// The component's average cost at the location, rupiah per unit.
    pub unit_cost: Decimal,
}

/// A component's share of one assembly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartMove {
    /// Units of the component (out when building, in when taking apart).
    pub quantity: Decimal,
    /// Their value, rupiah to the sen.
    pub value: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum AssemblyError {
    #[error("the number of bundles must be above zero")]
    QuantityNotPositive,
    #[error("a bundle needs at least one component")]
    NoParts,
    #[error("at most {PARTS_MAX} components")]
    TooManyParts,
    #[error("a component's quantity must be above zero")]
    PartQuantityNotPositive,
    #[error("the amount is out of range")]
    Overflow,
}

fn sen(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn check(parts: &[Part], bundles: Decimal) -> Result<(), AssemblyError> {
    if bundles <= Decimal::ZERO {
        return Err(AssemblyError::QuantityNotPositive);
    }
    if parts.is_empty() {
        return Err(AssemblyError::NoParts);
    }
    if parts.len() > PARTS_MAX {
        return Err(AssemblyError::TooManyParts);
    }
    if parts.iter().any(|p| p.per_bundle <= Decimal::ZERO) {
        return Err(AssemblyError::PartQuantityNotPositive);
    }
    Ok(())
}

/// Building `bundles`: what leaves of each component and its value; the bundles come in
/// at the sum of those values.
pub fn build(parts: &[Part], bundles: Decimal) -> Result<Vec<PartMove>, AssemblyError> {
    check(parts, bundles)?;
    parts
        .iter()
        .map(|p| {
            let quantity = p
                .per_bundle
                .checked_mul(bundles)
                .ok_or(AssemblyError::Overflow)?;
            let value = quantity
                .checked_mul(p.unit_cost)
                .ok_or(AssemblyError::Overflow)?;
            Ok(PartMove {
                quantity,
                value: sen(value),
            })
        })
        .collect()
}

/// Taking `bundles` apart, worth `value` in all as they leave: what comes back of each
/// component and the share of `value` it carries (the shares add up to `value`).
pub fn take_apart(
    parts: &[Part],
    bundles: Decimal,
    value: Decimal,
) -> Result<Vec<PartMove>, AssemblyError> {
    check(parts, bundles)?;
    let quantities = parts
        .iter()
        .map(|p| {
            p.per_bundle
                .checked_mul(bundles)
                .ok_or(AssemblyError::Overflow)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut weights = parts
        .iter()
        .zip(&quantities)
        .map(|(p, q)| q.checked_mul(p.unit_cost.max(Decimal::ZERO)))
        .collect::<Option<Vec<_>>>()
        .ok_or(AssemblyError::Overflow)?;
    // Components without a cost yet share by quantity.
    if weights.iter().all(|w| w.is_zero()) {
        weights = quantities.clone();
    }
    let shares =
        split_largest_remainder_in_units(Money::new(sen(value)), &weights, Decimal::new(1, 2))
            .map_err(|_| AssemblyError::Overflow)?;
    Ok(quantities
        .into_iter()
        .zip(shares)
        .map(|(quantity, share)| PartMove {
            quantity,
            value: share.amount(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_parcel_costs_what_its_contents_cost() {
        // Parsel Lebaran: 2 syrups at Rp18.500,50, 1 biscuit tin at Rp45.000, 3 coffees at Rp1.250.
        let parts = [
            Part {
                per_bundle: dec!(2),
                unit_cost: dec!(18500.50),
            },
            Part {
                per_bundle: dec!(1),
                unit_cost: dec!(45000),
            },
            Part {
                per_bundle: dec!(3),
                unit_cost: dec!(1250),
            },
        ];
        let out = build(&parts, dec!(10)).unwrap();
        assert_eq!(
            out[0],
            PartMove {
                quantity: dec!(20),
                value: dec!(370010.00)
            }
        );
        assert_eq!(out[2].quantity, dec!(30));
        let total: Decimal = out.iter().map(|m| m.value).sum();
        assert_eq!(total, dec!(857510.00));
        // Taking four apart at Rp86.351 each gives the value back in proportion.
        let back = take_apart(&parts, dec!(4), dec!(345404)).unwrap();
        assert_eq!(back.iter().map(|m| m.value).sum::<Decimal>(), dec!(345404));
        assert_eq!(back[1].quantity, dec!(4));
    }

    #[test]
    fn nonsense_is_refused() {
        let part = Part {
            per_bundle: dec!(1),
            unit_cost: dec!(1),
        };
        assert_eq!(build(&[], dec!(1)), Err(AssemblyError::NoParts));
        assert_eq!(
            build(&[part], dec!(0)),
            Err(AssemblyError::QuantityNotPositive)
        );
        assert_eq!(
            build(
                &[Part {
                    per_bundle: dec!(0),
                    unit_cost: dec!(1)
                }],
                dec!(1)
            ),
            Err(AssemblyError::PartQuantityNotPositive)
        );
        assert_eq!(
            build(&[part; PARTS_MAX + 1], dec!(1)),
            Err(AssemblyError::TooManyParts)
        );
    }

    #[test]
    fn components_without_cost_share_by_quantity() {
        let parts = [
            Part {
                per_bundle: dec!(1),
                unit_cost: dec!(0),
            },
            Part {
                per_bundle: dec!(3),
                unit_cost: dec!(0),
            },
        ];
        let back = take_apart(&parts, dec!(1), dec!(100)).unwrap();
        assert_eq!(back[0].value, dec!(25));
        assert_eq!(back[1].value, dec!(75));
    }

    fn parts() -> impl Strategy<Value = Vec<Part>> {
        prop::collection::vec(
            (1i64..50_000, 0i64..10_000_000).prop_map(|(q, c)| Part {
                per_bundle: Decimal::new(q, 3),
                unit_cost: Decimal::new(c, 2),
            }),
            1..PARTS_MAX,
        )
    }

    proptest! {
        /// Built, the bundles carry exactly what the components took out.
        #[test]
        fn building_keeps_the_value(parts in parts(), bundles in 1i64..1_000) {
            let out = build(&parts, Decimal::from(bundles)).unwrap();
            for (m, p) in out.iter().zip(&parts) {
                prop_assert_eq!(m.quantity, p.per_bundle * Decimal::from(bundles));
                prop_assert_eq!(m.value, sen(m.quantity * p.unit_cost));
            }
        }

        /// Taken apart, the components carry back exactly the bundles' value, to the sen.
        #[test]
        fn taking_apart_keeps_the_value(parts in parts(), bundles in 1i64..1_000, value in 0i64..100_000_000_000) {
            let value = Decimal::new(value, 2);
            let back = take_apart(&parts, Decimal::from(bundles), value).unwrap();
            prop_assert_eq!(back.iter().map(|m| m.value).sum::<Decimal>(), value);
            prop_assert!(back.iter().all(|m| m.value >= Decimal::ZERO));
        }
    }
}
