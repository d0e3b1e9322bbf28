//! One cart line: which unit price applies, quantity (decimal for weighed
//! goods) and the line discount.

use chrono::NaiveTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::PricingError;
use crate::bounds::{check_amount, check_quantity, AMOUNT_MAX};
use crate::money::{round_rupiah, Rounding};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Discount {
    /// Percent of the amount, 0–100.
    Percent(Decimal),
    /// Fixed amount in whole rupiah (a fraction is rejected).
    Amount(Decimal),
}

/// A price valid between two local times of day (happy hour). `start` is
/// inclusive, `end` exclusive; `start > end` spans midnight; `start == end`
/// means all day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeWindowPrice {
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub unit_price: Decimal,
}

impl TimeWindowPrice {
    pub fn is_active(&self, at: NaiveTime) -> bool {
        if self.start == self.end {
            true
        } else if self.start < self.end {
            self.start <= at && at < self.end
        } else {
            at >= self.start || at < self.end
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub id: String,
    pub unit_price: Decimal,
    /// Decimal for weighed goods (e.g. 0.375 kg).
    pub quantity: Decimal,
    #[serde(default)]
    pub member_price: Option<Decimal>,
    #[serde(default)]
    pub time_prices: Vec<TimeWindowPrice>,
    #[serde(default)]
    pub discount: Option<Discount>,
    /// Not subject to the outlet's tax (e.g. PPN-exempt staple food).
    #[serde(default)]
    pub tax_exempt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceSource {
    Regular,
    Member,
    TimeWindow,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricedLine {
    pub id: String,
    pub unit_price: Decimal,
    pub price_source: PriceSource,
    pub quantity: Decimal,
    /// unit price × quantity, whole rupiah.
    pub gross: Decimal,
    pub line_discount: Decimal,
    /// This line's share of the cart discount.
    pub cart_discount: Decimal,
    pub net: Decimal,
    pub tax_exempt: bool,
}

/// The unit price that applies: the lowest of the regular price, the member
/// price (members only) and any active time-window price. Taking the lowest
/// rather than stacking keeps promotions from compounding.
pub fn active_unit_price(
    line: &CartLine,
    is_member: bool,
    local_time: Option<NaiveTime>,
) -> (Decimal, PriceSource) {
    let mut best = (line.unit_price, PriceSource::Regular);
    if is_member {
        if let Some(p) = line.member_price {
            if p < best.0 {
                best = (p, PriceSource::Member);
            }
        }
    }
    if let Some(t) = local_time {
        for w in line.time_prices.iter().filter(|w| w.is_active(t)) {
            if w.unit_price < best.0 {
                best = (w.unit_price, PriceSource::TimeWindow);
            }
        }
    }
    best
}

/// Discount amount on `amount`, whole rupiah (half-up for percentages).
/// `None` when the discount itself is invalid (percent outside 0–100, a
/// negative or fractional amount); an amount larger than `amount` is
/// returned as is for the caller to reject.
pub fn apply_discount(amount: Decimal, discount: &Discount) -> Option<Decimal> {
    match discount {
        Discount::Percent(p) => {
            if *p < Decimal::ZERO || *p > Decimal::ONE_HUNDRED {
                return None;
            }
            let raw = amount.checked_mul(*p)? / Decimal::ONE_HUNDRED;
            Some(round_rupiah(raw, Rounding::HalfUp))
        }
        Discount::Amount(a) => {
            if *a < Decimal::ZERO || !a.fract().is_zero() {
                return None;
            }
            Some(*a)
        }
    }
}

/// A non-negative `Discount::Amount` with a fraction of a rupiah.
pub(crate) fn is_fractional_amount(discount: &Discount) -> bool {
    matches!(discount, Discount::Amount(a) if *a >= Decimal::ZERO && !a.fract().is_zero())
}

pub(crate) fn price_line(
    index: usize,
    line: &CartLine,
    is_member: bool,
    local_time: Option<NaiveTime>,
) -> Result<PricedLine, PricingError> {
    if line.quantity <= Decimal::ZERO {
        return Err(PricingError::InvalidQuantity { line: index });
    }
    let prices = std::iter::once(line.unit_price)
        .chain(line.member_price)
        .chain(line.time_prices.iter().map(|w| w.unit_price));
    for p in prices {
        if p < Decimal::ZERO {
            return Err(PricingError::NegativePrice { line: index });
        }
        check_amount(p).map_err(|error| PricingError::PriceOutOfBounds { line: index, error })?;
    }
    check_quantity(line.quantity)
        .map_err(|error| PricingError::QuantityOutOfBounds { line: index, error })?;
    if let Some(Discount::Amount(a) | Discount::Percent(a)) = &line.discount {
        check_amount(*a)
            .map_err(|error| PricingError::DiscountOutOfBounds { line: index, error })?;
    }
    let (unit_price, price_source) = active_unit_price(line, is_member, local_time);
    let gross = round_rupiah(
        unit_price
            .checked_mul(line.quantity)
            .ok_or(PricingError::Overflow)?,
        Rounding::HalfUp,
    );
    if gross >= AMOUNT_MAX {
        return Err(PricingError::LineTooLarge { line: index });
    }
    let line_discount = match &line.discount {
        None => Decimal::ZERO,
        Some(d) => {
            if is_fractional_amount(d) {
                return Err(PricingError::LineDiscountNotWhole { line: index });
            }
            apply_discount(gross, d).ok_or(PricingError::InvalidLineDiscount { line: index })?
        }
    };
    if line_discount > gross {
        return Err(PricingError::LineDiscountExceedsAmount {
            line: index,
            discount: line_discount,
            amount: gross,
        });
    }
    Ok(PricedLine {
        id: line.id.clone(),
        unit_price,
        price_source,
        quantity: line.quantity,
        gross,
        line_discount,
        cart_discount: Decimal::ZERO,
        // 0 ≤ line_discount ≤ gross (checked above).
        net: gross
            .checked_sub(line_discount)
            .ok_or(PricingError::Overflow)?,
        tax_exempt: line.tax_exempt,
    })
}
