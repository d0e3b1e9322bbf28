//! Rupiah amounts: rounding, `Rp12.500` formatting/parsing and exact splitting.
//!
//! Amounts are `rust_decimal::Decimal` so that no binary floating point ever
//! touches money. IDR has no minor unit in practice, so "whole rupiah" is the
//! normal resting state; fractions exist only mid-calculation (e.g. DPP nilai
//! lain) and are rounded explicitly by the caller's chosen rule.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// An IDR amount. Serialises as a decimal string (e.g. `"12500"`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(Decimal);

/// How a fractional amount becomes a whole multiple of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Nearest; halves go away from zero (commercial "half-up").
    #[default]
    HalfUp,
    /// Towards zero. Used for tax amounts (DJP rounds tax down).
    Down,
    /// Away from zero.
    Up,
}

impl Rounding {
    fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::Down => RoundingStrategy::ToZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
        }
    }
}

/// Round `value` to whole rupiah with `mode`.
pub fn round_rupiah(value: Decimal, mode: Rounding) -> Decimal {
    value.round_dp_with_strategy(0, mode.strategy())
}

fn check_step(step: Decimal) -> Result<(), MoneyError> {
    if step < Decimal::ONE || !step.fract().is_zero() {
        return Err(MoneyError::InvalidStep { step });
    }
    Ok(())
}

/// Round `value` to a multiple of `step` (e.g. 100) with `mode`.
///
/// `step` must be a whole number of rupiah, at least 1
/// ([`MoneyError::InvalidStep`] otherwise). Rounding away from zero can
/// step past `Decimal`'s range for values within one step of it; that is
/// [`MoneyError::Overflow`], never a panic.
pub fn round_to_step(value: Decimal, step: Decimal, mode: Rounding) -> Result<Decimal, MoneyError> {
    check_step(step)?;
    // `step >= 1`, so the quotient is no larger than `value`.
    let steps = value.checked_div(step).ok_or(MoneyError::Overflow)?;
    round_rupiah(steps, mode)
        .checked_mul(step)
        .ok_or(MoneyError::Overflow)
}

/// Outlet setting for rounding a cash total (coins below the step are not
/// handed out). No legal rule was found, so step and direction are settings.
///
/// The step is validated when the setting is built (and when deserialised),
/// so [`CashRounding::apply`] cannot fail on a bad step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CashRoundingFields")]
pub struct CashRounding {
    /// Usually 100, 500 or 1000; always a whole number ≥ 1.
    step: Decimal,
    mode: Rounding,
}

/// The serialised shape of [`CashRounding`], checked on the way in.
#[derive(Deserialize)]
struct CashRoundingFields {
    step: Decimal,
    mode: Rounding,
}

impl TryFrom<CashRoundingFields> for CashRounding {
    type Error = MoneyError;
    fn try_from(f: CashRoundingFields) -> Result<Self, MoneyError> {
        CashRounding::new(f.step, f.mode)
    }
}

impl CashRounding {
    /// `step` must be a whole number of rupiah, at least 1.
    pub fn new(step: Decimal, mode: Rounding) -> Result<Self, MoneyError> {
        check_step(step)?;
        Ok(CashRounding {
            step: step.normalize(),
            mode,
        })
    }

    /// Half-up to the nearest `step` rupiah; a step below 1 means whole
    /// rupiah.
    pub fn nearest(step: i64) -> Self {
        CashRounding {
            step: Decimal::from(step.max(1)),
            mode: Rounding::HalfUp,
        }
    }

    pub fn step(&self) -> Decimal {
        self.step
    }

    pub fn mode(&self) -> Rounding {
        self.mode
    }

    /// The rounded total; the difference is the receipt's `pembulatan` line.
    /// `None` only when rounding away from zero would pass `Decimal`'s
    /// range (a total within one step of about 7.9·10^28).
    pub fn try_apply(&self, total: Money) -> Option<Money> {
        round_to_step(total.0, self.step, self.mode).ok().map(Money)
    }

    /// As [`CashRounding::try_apply`], but infallible: in the overflow case
    /// the total is rounded towards zero instead, which always fits.
    pub fn apply(&self, total: Money) -> Money {
        self.try_apply(total).unwrap_or_else(|| {
            // `total − (total mod step)` is the multiple towards zero; it is
            // no larger in magnitude than `total`, so it always fits.
            let toward_zero = total
                .0
                .checked_rem(self.step)
                .and_then(|r| total.0.checked_sub(r));
            Money(toward_zero.unwrap_or(total.0))
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum MoneyError {
    #[error("jumlah uang kosong")]
    Empty,
    #[error("karakter tidak valid dalam jumlah uang: '{ch}'")]
    InvalidCharacter { ch: char },
    #[error("pemisah ribuan tidak valid (harus kelompok 3 digit)")]
    InvalidGrouping,
    #[error("pemisah desimal (koma) lebih dari satu")]
    MultipleDecimalSeparators,
    #[error("jumlah uang terlalu besar")]
    Overflow,
    #[error("daftar bobot pembagian kosong")]
    NoWeights,
    #[error("bobot pembagian tidak boleh negatif")]
    NegativeWeight,
    #[error("total bobot pembagian harus lebih dari nol")]
    ZeroTotalWeight,
    #[error("jumlah yang dibagi harus kelipatan satuan {unit}")]
    NotMultipleOfUnit { unit: Decimal },
    #[error("kelipatan pembulatan harus bilangan bulat minimal 1, bukan {step}")]
    InvalidStep { step: Decimal },
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(amount: Decimal) -> Self {
        Money(amount)
    }

    pub fn from_rupiah(rupiah: i64) -> Self {
        Money(Decimal::from(rupiah))
    }

    pub fn amount(&self) -> Decimal {
        self.0
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn is_whole_rupiah(&self) -> bool {
        self.0.fract().is_zero()
    }

    /// Whole rupiah, halves away from zero — the default rounding.
    pub fn round_half_up(&self) -> Self {
        self.round(Rounding::HalfUp)
    }

    pub fn round(&self, mode: Rounding) -> Self {
        Money(round_rupiah(self.0, mode))
    }

    pub fn abs(&self) -> Self {
        Money(self.0.abs())
    }

    /// Multiply by a factor (quantity, percentage as fraction); unrounded.
    pub fn times(&self, factor: Decimal) -> Option<Self> {
        self.0.checked_mul(factor).map(Money)
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// Σ of `amounts`, or `None` on overflow (the `Sum` impl panics).
    pub fn checked_sum<I: IntoIterator<Item = Money>>(amounts: I) -> Option<Money> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |acc, m| acc.checked_add(m))
    }

    /// `Rp12.500`, `-Rp12.500`, and `Rp3.698,63` when there is a fraction.
    pub fn format_idr(&self) -> String {
        format_idr(self.0)
    }

    /// Accepts `12.500`, `12500`, `Rp 12.500,00`, `-Rp12.500`, `IDR 5.000`.
    pub fn parse_idr(text: &str) -> Result<Money, MoneyError> {
        parse_idr(text)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format_idr())
    }
}

impl From<Decimal> for Money {
    fn from(value: Decimal) -> Self {
        Money(value)
    }
}

impl From<Money> for Decimal {
    fn from(value: Money) -> Self {
        value.0
    }
}

/// # Panics
///
/// Panics on overflow, like `Decimal`'s `+`. Fine for amounts the crate has
/// already bounded; for anything that came from input use
/// [`Money::checked_add`].
impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

/// # Panics
///
/// Panics on overflow, like `Decimal`'s `-`; use [`Money::checked_sub`] for
/// amounts that came from input.
impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

/// # Panics
///
/// Panics on overflow, like `Decimal`'s `+=`; see [`Money::checked_add`].
impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

/// # Panics
///
/// Panics on overflow, like `Decimal`'s `-=`; see [`Money::checked_sub`].
impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

/// # Panics
///
/// Panics on overflow, like `Decimal`'s `Sum`; use [`Money::checked_sum`]
/// for amounts that came from input.
impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

/// # Panics
///
/// Panics on overflow; see [`Money::checked_sum`].
impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + *b)
    }
}

/// Format any decimal the Indonesian way: `.` for thousands, `,` for decimals.
pub fn format_idr(value: Decimal) -> String {
    let negative = value.is_sign_negative() && !value.is_zero();
    let abs = value.abs().normalize();
    let whole = abs.trunc().to_string();
    let fract = abs.fract();

    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(ch);
    }

    let mut out = String::with_capacity(grouped.len() + 8);
    if negative {
        out.push('-');
    }
    out.push_str("Rp");
    out.push_str(&grouped);
    if !fract.is_zero() {
        // `fract` prints as "0.63"; keep at least two digits so sen read
        // naturally ("3.698,60" rather than "3.698,6").
        let digits = fract.to_string();
        let digits = digits.trim_start_matches("0.");
        out.push(',');
        out.push_str(digits);
        if digits.len() < 2 {
            out.push('0');
        }
    }
    out
}

/// Parse an Indonesian-formatted amount. `.` is always a thousands separator
/// (so `12.5` is rejected rather than silently read as 12 rupiah 50 sen).
pub fn parse_idr(text: &str) -> Result<Money, MoneyError> {
    let mut s = text.trim();
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        s = rest.trim_start();
    }
    for prefix in ["Rp.", "RP.", "rp.", "Rp", "RP", "rp", "IDR", "idr"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
            break;
        }
    }
    if !negative {
        if let Some(rest) = s.strip_prefix('-') {
            negative = true;
            s = rest.trim_start();
        }
    }
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }

    let (int_part, frac_part) = match s.split_once(',') {
        Some((i, f)) => {
            if f.contains(',') {
                return Err(MoneyError::MultipleDecimalSeparators);
            }
            (i, Some(f))
        }
        None => (s, None),
    };

    for ch in int_part.chars().chain(frac_part.unwrap_or("").chars()) {
        if !(ch.is_ascii_digit() || ch == '.') {
            return Err(MoneyError::InvalidCharacter { ch });
        }
    }
    if let Some(f) = frac_part {
        if f.contains('.') {
            return Err(MoneyError::InvalidCharacter { ch: '.' });
        }
        if f.is_empty() {
            return Err(MoneyError::InvalidGrouping);
        }
    }
    if int_part.is_empty() {
        return Err(MoneyError::Empty);
    }

    let mut digits = String::with_capacity(int_part.len() + 8);
    if int_part.contains('.') {
        let mut groups = int_part.split('.');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 {
            return Err(MoneyError::InvalidGrouping);
        }
        digits.push_str(first);
        for g in groups {
            if g.len() != 3 {
                return Err(MoneyError::InvalidGrouping);
            }
            digits.push_str(g);
        }
    } else {
        digits.push_str(int_part);
    }
    if let Some(f) = frac_part {
        digits.push('.');
        digits.push_str(f);
    }

    let value = Decimal::from_str_exact(&digits).map_err(|_| MoneyError::Overflow)?;
    // Whatever is typed is inside `bounds::AMOUNT_MAX`, so the till refuses what the
    // server would (a scanned barcode in an amount field, say).
    if value >= crate::bounds::AMOUNT_MAX {
        return Err(MoneyError::Overflow);
    }
    Ok(Money(if negative { -value } else { value }))
}

/// Split `total` into parts proportional to `weights` that add up exactly to
/// `total`, in whole rupiah (largest-remainder / Hamilton method).
pub fn split_largest_remainder(
    total: Money,
    weights: &[Decimal],
) -> Result<Vec<Money>, MoneyError> {
    split_largest_remainder_in_units(total, weights, Decimal::ONE)
}

/// As [`split_largest_remainder`] but in multiples of `unit` (e.g. 100).
///
/// The arithmetic is done on exact integers (weights are rescaled to a common
/// scale) so the result never depends on decimal division rounding. Leftover
/// units go to the largest remainders; ties go to the earlier entry so the
/// result is deterministic.
pub fn split_largest_remainder_in_units(
    total: Money,
    weights: &[Decimal],
    unit: Decimal,
) -> Result<Vec<Money>, MoneyError> {
    if weights.is_empty() {
        return Err(MoneyError::NoWeights);
    }
    if weights.iter().any(|w| w.is_sign_negative() && !w.is_zero()) {
        return Err(MoneyError::NegativeWeight);
    }
    if unit <= Decimal::ZERO {
        return Err(MoneyError::NotMultipleOfUnit { unit });
    }
    let units_dec = total.0.checked_div(unit).ok_or(MoneyError::Overflow)?;
    if !units_dec.fract().is_zero() {
        return Err(MoneyError::NotMultipleOfUnit { unit });
    }
    let negative = units_dec.is_sign_negative();
    let total_units: i128 = units_dec
        .abs()
        .trunc()
        .to_string()
        .parse()
        .map_err(|_| MoneyError::Overflow)?;

    let scale = weights.iter().map(|w| w.scale()).max().unwrap_or(0);
    let mut ints: Vec<i128> = Vec::with_capacity(weights.len());
    for w in weights {
        let mut m = w.mantissa();
        for _ in w.scale()..scale {
            m = m.checked_mul(10).ok_or(MoneyError::Overflow)?;
        }
        ints.push(m);
    }
    let sum: i128 = ints
        .iter()
        .try_fold(0i128, |acc, x| acc.checked_add(*x))
        .ok_or(MoneyError::Overflow)?;
    if sum == 0 {
        return Err(MoneyError::ZeroTotalWeight);
    }

    let mut shares: Vec<i128> = Vec::with_capacity(ints.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(ints.len());
    let mut allocated: i128 = 0;
    for (i, w) in ints.iter().enumerate() {
        let product = total_units.checked_mul(*w).ok_or(MoneyError::Overflow)?;
        let q = product / sum;
        let r = product % sum;
        shares.push(q);
        remainders.push((r, i));
        allocated += q;
    }
    let leftover = total_units - allocated;
    if leftover > 0 {
        // Stable order: largest remainder first, then lower index.
        remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, idx) in remainders.iter().take(leftover as usize) {
            shares[*idx] += 1;
        }
    }

    let mut out = Vec::with_capacity(shares.len());
    for s in shares {
        let d = Decimal::from_i128_with_scale(s, 0)
            .checked_mul(unit)
            .ok_or(MoneyError::Overflow)?;
        out.push(Money(if negative { -d } else { d }));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formats_idr() {
        assert_eq!(Money::from_rupiah(12_500).format_idr(), "Rp12.500");
        assert_eq!(Money::from_rupiah(-12_500).format_idr(), "-Rp12.500");
        assert_eq!(Money::from_rupiah(0).format_idr(), "Rp0");
        assert_eq!(Money::from_rupiah(999).format_idr(), "Rp999");
        assert_eq!(
            Money::from_rupiah(1_234_567_890).format_idr(),
            "Rp1.234.567.890"
        );
        assert_eq!(Money::new(dec!(3698.63)).format_idr(), "Rp3.698,63");
        assert_eq!(Money::new(dec!(3698.60)).format_idr(), "Rp3.698,60");
        assert_eq!(Money::new(dec!(12500.00)).format_idr(), "Rp12.500");
    }

    #[test]
    fn parses_idr() {
        let expected = Money::from_rupiah(12_500);
        for s in [
            "12.500",
            "12500",
            "Rp 12.500,00",
            "Rp12.500",
            "rp12500",
            " IDR 12.500 ",
            "Rp. 12.500",
        ] {
            assert_eq!(parse_idr(s), Ok(expected), "{s}");
        }
        assert_eq!(parse_idr("-Rp12.500"), Ok(-expected));
        assert_eq!(parse_idr("Rp-12.500"), Ok(-expected));
        assert_eq!(parse_idr("Rp3.698,63"), Ok(Money::new(dec!(3698.63))));
        assert_eq!(parse_idr(""), Err(MoneyError::Empty));
        assert_eq!(parse_idr("Rp10.000.000.000.000"), Err(MoneyError::Overflow));
        assert_eq!(
            parse_idr("8991234567890"),
            Ok(Money::new(dec!(8991234567890)))
        );
        assert_eq!(parse_idr("89912345678901"), Err(MoneyError::Overflow));
        assert_eq!(parse_idr("Rp"), Err(MoneyError::Empty));
        assert_eq!(parse_idr("12.5"), Err(MoneyError::InvalidGrouping));
        assert_eq!(parse_idr("1234.500"), Err(MoneyError::InvalidGrouping));
        assert_eq!(
            parse_idr("12a"),
            Err(MoneyError::InvalidCharacter { ch: 'a' })
        );
        assert_eq!(
            parse_idr("1,2,3"),
            Err(MoneyError::MultipleDecimalSeparators)
        );
    }

    #[test]
    fn rounds() {
        assert_eq!(Money::new(dec!(2.5)).round_half_up(), Money::from_rupiah(3));
        assert_eq!(
            Money::new(dec!(-2.5)).round_half_up(),
            Money::from_rupiah(-3)
        );
        assert_eq!(
            Money::new(dec!(2.49)).round_half_up(),
            Money::from_rupiah(2)
        );
        assert_eq!(
            Money::new(dec!(13580.16)).round(Rounding::Down),
            Money::from_rupiah(13580)
        );
        let r = CashRounding::nearest(100);
        assert_eq!(
            r.apply(Money::from_rupiah(10_207)),
            Money::from_rupiah(10_200)
        );
        assert_eq!(
            r.apply(Money::from_rupiah(10_250)),
            Money::from_rupiah(10_300)
        );
        let up = CashRounding::new(dec!(500), Rounding::Up).unwrap();
        assert_eq!(
            up.apply(Money::from_rupiah(10_001)),
            Money::from_rupiah(10_500)
        );
        let down = CashRounding::new(dec!(1000), Rounding::Down).unwrap();
        assert_eq!(
            down.apply(Money::from_rupiah(10_999)),
            Money::from_rupiah(10_000)
        );
    }

    #[test]
    fn step_is_validated_and_never_overflows() {
        for bad in [dec!(0), dec!(-100), dec!(0.5), dec!(100.5)] {
            assert_eq!(
                round_to_step(dec!(10207), bad, Rounding::HalfUp),
                Err(MoneyError::InvalidStep { step: bad })
            );
            assert_eq!(
                CashRounding::new(bad, Rounding::HalfUp),
                Err(MoneyError::InvalidStep { step: bad })
            );
        }
        assert_eq!(
            round_to_step(dec!(10207), dec!(1), Rounding::HalfUp),
            Ok(dec!(10207))
        );
        assert_eq!(
            round_to_step(dec!(10207), dec!(100.00), Rounding::HalfUp),
            Ok(dec!(10200))
        );
        assert_eq!(
            round_to_step(Decimal::MAX, dec!(100), Rounding::Up),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            round_to_step(Decimal::MIN, dec!(1000), Rounding::Up),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            round_to_step(Decimal::MIN, dec!(1000), Rounding::HalfUp),
            Ok(dec!(-79228162514264337593543950000))
        );
        let r = CashRounding::new(dec!(100), Rounding::Up).unwrap();
        assert_eq!(r.try_apply(Money::new(Decimal::MAX)), None);
        // Infallible form falls back to rounding towards zero.
        let max = r.apply(Money::new(Decimal::MAX));
        assert!(max <= Money::new(Decimal::MAX));
        assert!(max.amount() % dec!(100) == Decimal::ZERO);
        assert_eq!(
            CashRounding::nearest(0).apply(Money::new(dec!(10.5))),
            Money::from_rupiah(11)
        );
        assert_eq!(CashRounding::nearest(-5).step(), dec!(1));

        let json = serde_json::to_string(&CashRounding::nearest(500)).unwrap();
        assert_eq!(json, r#"{"step":"500","mode":"half_up"}"#);
        let back: CashRounding = serde_json::from_str(&json).unwrap();
        assert_eq!(back, CashRounding::nearest(500));
        assert!(serde_json::from_str::<CashRounding>(r#"{"step":"0","mode":"up"}"#).is_err());
        assert!(serde_json::from_str::<CashRounding>(r#"{"step":"0.5","mode":"up"}"#).is_err());
    }

    proptest! {
        #[test]
        fn cash_rounding_never_panics(
            mantissa in any::<i128>(),
            scale in 0u32..=28,
            step in 1i64..=1_000_000,
            mode in prop_oneof![Just(Rounding::HalfUp), Just(Rounding::Down), Just(Rounding::Up)],
        ) {
            let m = mantissa % 79_228_162_514_264_337_593_543_950_336i128;
            let total = Money::new(Decimal::from_i128_with_scale(m, scale));
            let r = CashRounding::new(Decimal::from(step), mode).unwrap();
            let out = r.apply(total);
            prop_assert!(out.is_whole_rupiah());
            prop_assert!(out.amount() % Decimal::from(step) == Decimal::ZERO);
            if let Some(exact) = r.try_apply(total) {
                prop_assert_eq!(exact, out);
                prop_assert!((exact.amount() - total.amount()).abs() <= Decimal::from(step));
            }
        }
    }

    #[test]
    fn splits_exactly() {
        let parts = split_largest_remainder(Money::from_rupiah(100), &[dec!(1), dec!(1), dec!(1)]);
        assert_eq!(
            parts,
            Ok(vec![
                Money::from_rupiah(34),
                Money::from_rupiah(33),
                Money::from_rupiah(33)
            ])
        );
        let parts = split_largest_remainder(Money::from_rupiah(-100), &[dec!(1), dec!(2)]);
        assert_eq!(
            parts,
            Ok(vec![Money::from_rupiah(-33), Money::from_rupiah(-67)])
        );
        let parts = split_largest_remainder(Money::from_rupiah(10), &[dec!(0), dec!(0.5)]);
        assert_eq!(parts, Ok(vec![Money::ZERO, Money::from_rupiah(10)]));
        assert_eq!(
            split_largest_remainder(Money::from_rupiah(10), &[]),
            Err(MoneyError::NoWeights)
        );
        assert_eq!(
            split_largest_remainder(Money::from_rupiah(10), &[dec!(0)]),
            Err(MoneyError::ZeroTotalWeight)
        );
        assert_eq!(
            split_largest_remainder(Money::from_rupiah(10), &[dec!(-1), dec!(2)]),
            Err(MoneyError::NegativeWeight)
        );
        assert!(matches!(
            split_largest_remainder(Money::new(dec!(10.5)), &[dec!(1)]),
            Err(MoneyError::NotMultipleOfUnit { .. })
        ));
        let hundreds = split_largest_remainder_in_units(
            Money::from_rupiah(1000),
            &[dec!(1), dec!(2)],
            dec!(100),
        );
        assert_eq!(
            hundreds,
            Ok(vec![Money::from_rupiah(300), Money::from_rupiah(700)])
        );
    }

    #[test]
    fn checked_sum_reports_overflow() {
        let parts = [Money::from_rupiah(1), Money::from_rupiah(2)];
        assert_eq!(Money::checked_sum(parts), Some(Money::from_rupiah(3)));
        let max = Money::new(Decimal::MAX);
        assert_eq!(Money::checked_sum([max, Money::from_rupiah(1)]), None);
        assert_eq!(max.checked_add(Money::from_rupiah(1)), None);
        assert_eq!((-max).checked_sub(Money::from_rupiah(1)), None);
    }

    #[test]
    fn serializes_as_string() {
        let json = serde_json::to_string(&Money::from_rupiah(12_500)).unwrap();
        assert_eq!(json, "\"12500\"");
        let back: Money = serde_json::from_str("\"12500.50\"").unwrap();
        assert_eq!(back, Money::new(dec!(12500.5)));
    }

    proptest! {
        #[test]
        fn parse_format_roundtrip(units in -9_999_999_999_999i64..10_000_000_000_000i64, scale in 0u32..4) {
            let m = Money::new(Decimal::new(units, scale));
            prop_assert_eq!(parse_idr(&m.format_idr()), Ok(m));
        }

        #[test]
        fn split_sums_exactly(
            total in -1_000_000_000_000i64..1_000_000_000_000i64,
            weights in proptest::collection::vec((0i64..1_000_000_000, 0u32..4), 1..50),
        ) {
            let weights: Vec<Decimal> = weights.into_iter().map(|(m, s)| Decimal::new(m, s)).collect();
            let total = Money::from_rupiah(total);
            match split_largest_remainder(total, &weights) {
                Ok(parts) => {
                    prop_assert_eq!(parts.len(), weights.len());
                    let sum: Money = parts.iter().sum();
                    prop_assert_eq!(sum, total);
                    let wsum: Decimal = weights.iter().copied().sum();
                    for (p, w) in parts.iter().zip(&weights) {
                        prop_assert!(p.is_whole_rupiah());
                        // Each part is within one rupiah of its exact share.
                        let exact = total.amount() * *w / wsum;
                        prop_assert!((p.amount() - exact).abs() < Decimal::ONE);
                        if total.amount() >= Decimal::ZERO {
                            prop_assert!(!p.is_negative());
                        }
                    }
                }
                Err(MoneyError::ZeroTotalWeight) => {
                    prop_assert!(weights.iter().all(|w| w.is_zero()));
                }
                Err(e) => prop_assert!(false, "unexpected error {e}"),
            }
        }
    }
}
