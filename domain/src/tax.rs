//! PPN (VAT) and PBJT/PB1 (regional restaurant tax) on an amount.
//!
//! From 2025 (PMK 131/2024) non-luxury PPN is 12% on "DPP nilai lain" =
//! 11/12 of the selling price, i.e. effectively 11%; luxury goods pay 12% on
//! the full price. PBJT is set per region by Perda (max 10%). Rates and the
//! DPP factor are therefore settings, with constructors for the common cases.
//!
//! Tax is computed once on the receipt total with a single exact division
//! and rounded down (DJP rounds tax amounts down to whole rupiah). For
//! inclusive prices the tax is carved out as `P·e/(100+e)` and the price
//! excluding tax is `P − tax`, so the parts always add back to `P`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::{round_rupiah, Rounding};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceMode {
    /// Shelf prices exclude tax; tax is added on top ("++").
    #[default]
    Exclusive,
    /// Shelf prices include tax.
    Inclusive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxKind {
    #[default]
    None,
    /// PPN (central VAT).
    Ppn,
    /// PBJT / PB1 (regional tax on food and drink, restaurants).
    Pbjt,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxSettings {
    pub kind: TaxKind,
    /// Statutory rate in percent (12 for PPN, e.g. 10 for PBJT).
    pub rate_percent: Decimal,
    /// DPP = price × numerator / denominator (11/12 for PPN nilai lain).
    pub dpp_numerator: Decimal,
    pub dpp_denominator: Decimal,
    pub price_mode: PriceMode,
    /// Rounding of the tax amount; down per DJP practice.
    pub rounding: Rounding,
}

impl Default for TaxSettings {
    fn default() -> Self {
        TaxSettings::none()
    }
}

impl TaxSettings {
    pub fn none() -> Self {
        TaxSettings {
            kind: TaxKind::None,
            rate_percent: Decimal::ZERO,
            dpp_numerator: Decimal::ONE,
            dpp_denominator: Decimal::ONE,
            price_mode: PriceMode::Exclusive,
            rounding: Rounding::Down,
        }
    }

    /// PPN 12% with DPP nilai lain 11/12 (all non-luxury goods from 2025).
    pub fn ppn_nilai_lain(price_mode: PriceMode) -> Self {
        TaxSettings {
            kind: TaxKind::Ppn,
            rate_percent: Decimal::from(12),
            dpp_numerator: Decimal::from(11),
            dpp_denominator: Decimal::from(12),
            price_mode,
            rounding: Rounding::Down,
        }
    }

    /// PPN at `rate_percent` on the full price (luxury goods: 12%).
    pub fn ppn_full_base(rate_percent: Decimal, price_mode: PriceMode) -> Self {
        TaxSettings {
            kind: TaxKind::Ppn,
            rate_percent,
            price_mode,
            ..TaxSettings::none()
        }
    }

    /// PBJT at the region's rate on the full amount paid.
    pub fn pbjt(rate_percent: Decimal, price_mode: PriceMode) -> Self {
        TaxSettings {
            kind: TaxKind::Pbjt,
            rate_percent,
            price_mode,
            ..TaxSettings::none()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxBreakdown {
    /// Harga jual: the price without tax.
    pub price_excluding_tax: Decimal,
    /// Tax base as printed (DPP nilai lain for PPN 12%), to 2 decimals.
    pub dpp: Decimal,
    pub tax: Decimal,
    /// Price including tax.
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum TaxError {
    #[error("jumlah kena pajak tidak boleh negatif")]
    NegativeAmount,
    #[error("tarif pajak harus antara 0 dan 100 persen")]
    InvalidRate,
    #[error("faktor DPP harus positif")]
    InvalidDppFactor,
    #[error("perhitungan pajak melampaui batas angka")]
    Overflow,
}

impl TaxError {
    pub fn field(&self) -> &'static str {
        match self {
            TaxError::NegativeAmount | TaxError::Overflow => "amount",
            TaxError::InvalidRate => "rate_percent",
            TaxError::InvalidDppFactor => "dpp_numerator",
        }
    }
}

/// Tax on `amount` (a price excluding or including tax per `settings`).
pub fn compute_tax(amount: Decimal, settings: &TaxSettings) -> Result<TaxBreakdown, TaxError> {
    if amount < Decimal::ZERO {
        return Err(TaxError::NegativeAmount);
    }
    let rate = settings.rate_percent;
    if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
        return Err(TaxError::InvalidRate);
    }
    let (num, den) = (settings.dpp_numerator, settings.dpp_denominator);
    if num <= Decimal::ZERO || den <= Decimal::ZERO {
        return Err(TaxError::InvalidDppFactor);
    }
    if settings.kind == TaxKind::None || rate.is_zero() {
        return Ok(TaxBreakdown {
            price_excluding_tax: amount,
            dpp: amount,
            tax: Decimal::ZERO,
            total: amount,
        });
    }

    let rate_num = rate.checked_mul(num).ok_or(TaxError::Overflow)?;
    let (price_excl, tax) = match settings.price_mode {
        PriceMode::Exclusive => {
            let raw = amount
                .checked_mul(rate_num)
                .and_then(|x| x.checked_div(den.checked_mul(Decimal::ONE_HUNDRED)?))
                .ok_or(TaxError::Overflow)?;
            (amount, round_rupiah(raw, settings.rounding))
        }
        PriceMode::Inclusive => {
            let denom = den
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_add(rate_num))
                .ok_or(TaxError::Overflow)?;
            let raw = amount
                .checked_mul(rate_num)
                .and_then(|x| x.checked_div(denom))
                .ok_or(TaxError::Overflow)?;
            let tax = round_rupiah(raw, settings.rounding);
            // 0 ≤ tax < amount, but keep the subtraction checked regardless.
            (amount.checked_sub(tax).ok_or(TaxError::Overflow)?, tax)
        }
    };
    let dpp = price_excl
        .checked_mul(num)
        .and_then(|x| x.checked_div(den))
        .ok_or(TaxError::Overflow)?
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    Ok(TaxBreakdown {
        price_excluding_tax: price_excl,
        dpp,
        tax,
        total: price_excl.checked_add(tax).ok_or(TaxError::Overflow)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn overflow_is_an_error() {
        let s = TaxSettings::pbjt(dec!(10), PriceMode::Exclusive);
        assert_eq!(compute_tax(Decimal::MAX, &s), Err(TaxError::Overflow));
        let near = Decimal::MAX - dec!(1);
        let s = TaxSettings::ppn_full_base(dec!(0.0000001), PriceMode::Exclusive);
        assert!(matches!(compute_tax(near, &s), Err(TaxError::Overflow)));
        let mut huge_den = TaxSettings::ppn_nilai_lain(PriceMode::Exclusive);
        huge_den.dpp_denominator = Decimal::MAX;
        assert_eq!(compute_tax(dec!(1000), &huge_den), Err(TaxError::Overflow));
        let mut incl = huge_den.clone();
        incl.price_mode = PriceMode::Inclusive;
        assert_eq!(compute_tax(dec!(1000), &incl), Err(TaxError::Overflow));
        assert_eq!(TaxError::Overflow.field(), "amount");
    }

    fn excl(amount: Decimal) -> TaxBreakdown {
        compute_tax(amount, &TaxSettings::ppn_nilai_lain(PriceMode::Exclusive)).unwrap()
    }

    fn incl(amount: Decimal) -> TaxBreakdown {
        compute_tax(amount, &TaxSettings::ppn_nilai_lain(PriceMode::Inclusive)).unwrap()
    }

    #[test]
    fn ppn_table() {
        let b = excl(dec!(100000));
        assert_eq!(
            (b.dpp, b.tax, b.total),
            (dec!(91666.67), dec!(11000), dec!(111000))
        );
        let b = excl(dec!(1250000));
        assert_eq!((b.dpp, b.tax), (dec!(1145833.33), dec!(137500)));
        let b = excl(dec!(123456));
        assert_eq!((b.dpp, b.tax), (dec!(113168), dec!(13580)));
        let lux = compute_tax(
            dec!(100000),
            &TaxSettings::ppn_full_base(dec!(12), PriceMode::Exclusive),
        )
        .unwrap();
        assert_eq!((lux.dpp, lux.tax), (dec!(100000), dec!(12000)));
        let b = incl(dec!(111000));
        assert_eq!((b.tax, b.price_excluding_tax), (dec!(11000), dec!(100000)));
        let b = incl(dec!(25000));
        assert_eq!((b.tax, b.price_excluding_tax), (dec!(2477), dec!(22523)));
        let b = incl(dec!(50000));
        assert_eq!((b.tax, b.price_excluding_tax), (dec!(4954), dec!(45046)));
    }

    #[test]
    fn configurable_rate_and_errors() {
        let s = TaxSettings::ppn_full_base(dec!(11), PriceMode::Exclusive);
        assert_eq!(compute_tax(dec!(100000), &s).unwrap().tax, dec!(11000));
        let s = TaxSettings::pbjt(dec!(10), PriceMode::Exclusive);
        assert_eq!(compute_tax(dec!(84000), &s).unwrap().tax, dec!(8400));
        assert_eq!(compute_tax(dec!(-1), &s), Err(TaxError::NegativeAmount));
        let bad = TaxSettings::pbjt(dec!(101), PriceMode::Exclusive);
        assert_eq!(compute_tax(dec!(1), &bad), Err(TaxError::InvalidRate));
        let none = compute_tax(dec!(5000), &TaxSettings::none()).unwrap();
        assert_eq!(none.tax, dec!(0));
    }

    proptest! {
        #[test]
        fn inclusive_parts_add_up(p in 0i64..100_000_000_000) {
            let b = incl(Decimal::from(p));
            prop_assert_eq!(b.price_excluding_tax + b.tax, Decimal::from(p));
            prop_assert!(b.tax >= Decimal::ZERO);
            prop_assert!(b.tax.fract().is_zero());
        }
    }
}
