//! Instalment schedules for `flat`, `effective` (menurun, equal principal)
//! and `annuity` loans.
//!
//! Every amount is whole rupiah. Interest is rounded half-up each month (as
//! koperasi spreadsheets do); regular principal is floored so that the last
//! row — which always takes the whole remaining balance — can only grow,
//! never turn negative. Principal therefore sums exactly to the loan and the
//! final balance is exactly zero.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::{round_rupiah, Rounding};

/// Longest tenor accepted (50 years).
pub const MAX_TENOR_MONTHS: u32 = 600;

/// Largest principal accepted: 10^15 rupiah (Rp1.000 triliun).
///
/// Far above any koperasi loan, yet small enough that every figure a
/// schedule produces stays well inside `Decimal`'s range: at the maximum
/// rate (100% a month) over [`MAX_TENOR_MONTHS`] the total interest is at
/// most 6·10^17, against a `Decimal` limit of about 7.9·10^28. The schedule
/// still uses checked arithmetic throughout, so an overflow that slipped
/// past this bound would surface as [`LoanError::Overflow`], never a panic.
// 10^15 = 0x0003_8D7E_A4C6_8000 (`Decimal::new` is not `const`).
pub const MAX_PRINCIPAL: Decimal = Decimal::from_parts(0xA4C6_8000, 0x0003_8D7E, 0, false, 0);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatePeriod {
    Month,
    /// A yearly rate; the monthly rate is yearly / 12.
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanMethod {
    /// Interest on the original principal every month.
    Flat,
    /// Declining balance with equal principal (bunga efektif / menurun).
    Effective,
    /// Equal instalments (anuitas).
    Annuity,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoanTerms {
    pub principal: Decimal,
    /// Percent, e.g. `1.5` for 1.5%.
    pub rate_percent: Decimal,
    pub rate_period: RatePeriod,
    pub tenor_months: u32,
    pub method: LoanMethod,
    /// Due date of the first instalment; later ones fall on the same day of
    /// each following month (clamped to the month's last day).
    #[serde(default)]
    pub first_due_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleRow {
    pub period: u32,
    pub due_date: Option<NaiveDate>,
    pub principal: Decimal,
    pub interest: Decimal,
    pub installment: Decimal,
    /// Outstanding principal after this instalment.
    pub balance: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    pub rows: Vec<ScheduleRow>,
    pub total_interest: Decimal,
    pub total_payment: Decimal,
}

impl Schedule {
    /// Σ principal over the rows; `None` if the sum overflows (possible only
    /// for a hand-built or deserialised schedule, never one from
    /// [`schedule`]).
    pub fn total_principal(&self) -> Option<Decimal> {
        self.rows
            .iter()
            .try_fold(Decimal::ZERO, |acc, r| acc.checked_add(r.principal))
    }

    /// Outstanding principal after `paid_periods` instalments; `None` past
    /// the tenor (or if a hand-built schedule overflows).
    pub fn balance_after(&self, paid_periods: u32) -> Option<Decimal> {
        if paid_periods == 0 {
            let first = self.rows.first()?;
            return first.balance.checked_add(first.principal);
        }
        self.rows
            .get(paid_periods as usize - 1)
            .map(|row| row.balance)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum LoanError {
    #[error("pokok pinjaman harus lebih dari nol")]
    PrincipalNotPositive,
    #[error("pokok pinjaman harus dalam rupiah bulat")]
    PrincipalNotWhole,
    #[error("pokok pinjaman melebihi batas maksimum Rp1.000 triliun")]
    PrincipalTooLarge,
    #[error("suku bunga harus antara 0 dan 100 persen")]
    RateOutOfRange,
    #[error("jangka waktu harus antara 1 dan {MAX_TENOR_MONTHS} bulan")]
    TenorOutOfRange,
    #[error("tanggal jatuh tempo di luar jangkauan kalender")]
    DueDateOutOfRange,
    #[error("perhitungan melampaui batas angka")]
    Overflow,
}

impl LoanError {
    /// The input field at fault, so the server can answer 422 naming it.
    pub fn field(&self) -> &'static str {
        match self {
            LoanError::PrincipalNotPositive
            | LoanError::PrincipalNotWhole
            | LoanError::PrincipalTooLarge => "principal",
            LoanError::RateOutOfRange => "rate_percent",
            LoanError::TenorOutOfRange => "tenor_months",
            LoanError::DueDateOutOfRange => "first_due_date",
            LoanError::Overflow => "principal",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            LoanError::PrincipalNotPositive => "principal_not_positive",
            LoanError::PrincipalNotWhole => "principal_not_whole",
            LoanError::PrincipalTooLarge => "principal_too_large",
            LoanError::RateOutOfRange => "rate_out_of_range",
            LoanError::TenorOutOfRange => "tenor_out_of_range",
            LoanError::DueDateOutOfRange => "due_date_out_of_range",
            LoanError::Overflow => "overflow",
        }
    }
}

/// Monthly rate as a fraction (1.5% per month → 0.015).
pub fn monthly_rate(rate_percent: Decimal, period: RatePeriod) -> Decimal {
    let per_month = match period {
        RatePeriod::Month => rate_percent,
        RatePeriod::Year => rate_percent / Decimal::from(12),
    };
    // Dividing by 12 or 100 only shrinks the value, so this cannot overflow.
    per_month / Decimal::ONE_HUNDRED
}

fn validate(terms: &LoanTerms) -> Result<(), LoanError> {
    if terms.principal <= Decimal::ZERO {
        return Err(LoanError::PrincipalNotPositive);
    }
    if !terms.principal.fract().is_zero() {
        return Err(LoanError::PrincipalNotWhole);
    }
    if terms.principal > MAX_PRINCIPAL {
        return Err(LoanError::PrincipalTooLarge);
    }
    if terms.rate_percent < Decimal::ZERO || terms.rate_percent > Decimal::ONE_HUNDRED {
        return Err(LoanError::RateOutOfRange);
    }
    if terms.tenor_months == 0 || terms.tenor_months > MAX_TENOR_MONTHS {
        return Err(LoanError::TenorOutOfRange);
    }
    Ok(())
}

/// Due date of `period` (1-based), anchored on the first due date's day so
/// Jan 31 → Feb 28/29 → Mar 31.
pub fn due_date(first_due: NaiveDate, period: u32) -> Option<NaiveDate> {
    first_due.checked_add_months(Months::new(period.saturating_sub(1)))
}

fn half_up(value: Decimal) -> Decimal {
    round_rupiah(value, Rounding::HalfUp)
}

/// `v^n` by squaring; `v < 1` here so the result shrinks towards zero and
/// cannot overflow.
fn pow(base: Decimal, mut exp: u32) -> Result<Decimal, LoanError> {
    let mut result = Decimal::ONE;
    let mut b = base;
    while exp > 0 {
        if exp & 1 == 1 {
            result = result.checked_mul(b).ok_or(LoanError::Overflow)?;
        }
        exp >>= 1;
        if exp > 0 {
            b = b.checked_mul(b).ok_or(LoanError::Overflow)?;
        }
    }
    Ok(result)
}

/// The annuity instalment `A = P·i / (1 − (1+i)^−n)`, unrounded.
///
/// Checked throughout: `n == 0` gives [`LoanError::TenorOutOfRange`]; a rate
/// so small that `(1+i)^−n` rounds to one, or a result beyond `Decimal`'s
/// range, gives [`LoanError::Overflow`].
pub fn annuity_payment(principal: Decimal, i: Decimal, n: u32) -> Result<Decimal, LoanError> {
    if n == 0 {
        return Err(LoanError::TenorOutOfRange);
    }
    if i.is_zero() {
        return principal
            .checked_div(Decimal::from(n))
            .ok_or(LoanError::Overflow);
    }
    let v = Decimal::ONE
        .checked_add(i)
        .and_then(|d| Decimal::ONE.checked_div(d))
        .ok_or(LoanError::Overflow)?;
    let denom = Decimal::ONE
        .checked_sub(pow(v, n)?)
        .ok_or(LoanError::Overflow)?;
    principal
        .checked_mul(i)
        .and_then(|x| x.checked_div(denom))
        .ok_or(LoanError::Overflow)
}

/// Build the full instalment schedule.
pub fn schedule(terms: &LoanTerms) -> Result<Schedule, LoanError> {
    validate(terms)?;
    build(terms)
}

/// The schedule for already validated terms. Every sum is checked, so even
/// terms beyond [`MAX_PRINCIPAL`] give [`LoanError::Overflow`], not a panic.
fn build(terms: &LoanTerms) -> Result<Schedule, LoanError> {
    let n = terms.tenor_months;
    if n == 0 {
        return Err(LoanError::TenorOutOfRange);
    }
    let p = terms.principal;
    let i = monthly_rate(terms.rate_percent, terms.rate_period);
    let equal_principal = p
        .checked_div(Decimal::from(n))
        .ok_or(LoanError::Overflow)?
        .floor();

    let flat_interest = half_up(p.checked_mul(i).ok_or(LoanError::Overflow)?);
    let annuity = match terms.method {
        LoanMethod::Annuity if !i.is_zero() => half_up(annuity_payment(p, i, n)?),
        _ => Decimal::ZERO,
    };

    let mut rows = Vec::with_capacity(n as usize);
    let mut balance = p;
    let mut total_interest = Decimal::ZERO;
    for period in 1..=n {
        let last = period == n;
        let interest = match terms.method {
            LoanMethod::Flat => flat_interest,
            LoanMethod::Effective | LoanMethod::Annuity => {
                half_up(balance.checked_mul(i).ok_or(LoanError::Overflow)?)
            }
        };
        let principal = if last {
            balance
        } else {
            match terms.method {
                LoanMethod::Annuity if !i.is_zero() => {
                    // When the rounded-up instalment would overpay, stop at
                    // the balance so it can never go below zero.
                    annuity
                        .checked_sub(interest)
                        .ok_or(LoanError::Overflow)?
                        .max(Decimal::ZERO)
                        .min(balance)
                }
                _ => equal_principal.min(balance),
            }
        };
        balance = balance.checked_sub(principal).ok_or(LoanError::Overflow)?;
        total_interest = total_interest
            .checked_add(interest)
            .ok_or(LoanError::Overflow)?;
        let installment = principal.checked_add(interest).ok_or(LoanError::Overflow)?;
        let due = match terms.first_due_date {
            Some(first) => Some(due_date(first, period).ok_or(LoanError::DueDateOutOfRange)?),
            None => None,
        };
        rows.push(ScheduleRow {
            period,
            due_date: due,
            principal,
            interest,
            installment,
            balance,
        });
    }

    Ok(Schedule {
        rows,
        total_interest,
        total_payment: p.checked_add(total_interest).ok_or(LoanError::Overflow)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn terms(method: LoanMethod) -> LoanTerms {
        LoanTerms {
            principal: dec!(12000000),
            rate_percent: dec!(1.5),
            rate_period: RatePeriod::Month,
            tenor_months: 12,
            method,
            first_due_date: None,
        }
    }

    #[test]
    fn flat_vector() {
        let s = schedule(&terms(LoanMethod::Flat)).unwrap();
        assert_eq!(s.rows.len(), 12);
        for row in &s.rows {
            assert_eq!(row.principal, dec!(1000000));
            assert_eq!(row.interest, dec!(180000));
            assert_eq!(row.installment, dec!(1180000));
        }
        assert_eq!(s.total_interest, dec!(2160000));
        assert_eq!(s.total_payment, dec!(14160000));
        assert_eq!(s.rows[11].balance, dec!(0));
    }

    #[test]
    fn effective_vector() {
        let s = schedule(&terms(LoanMethod::Effective)).unwrap();
        assert_eq!(s.rows[0].installment, dec!(1180000));
        assert_eq!(s.rows[1].installment, dec!(1165000));
        for w in s.rows.windows(2) {
            assert_eq!(w[0].installment - w[1].installment, dec!(15000));
        }
        assert_eq!(s.rows[11].installment, dec!(1015000));
        assert_eq!(s.total_interest, dec!(1170000));
        assert_eq!(s.rows[11].balance, dec!(0));
    }

    #[test]
    fn annuity_vector() {
        let a = annuity_payment(dec!(12000000), dec!(0.015), 12).unwrap();
        assert_eq!(a.round_dp(2), dec!(1100159.91));
        let s = schedule(&terms(LoanMethod::Annuity)).unwrap();
        let expect = [
            (1, dec!(180000), dec!(920160), dec!(11079840)),
            (2, dec!(166198), dec!(933962), dec!(10145878)),
            (3, dec!(152188), dec!(947972), dec!(9197906)),
            (11, dec!(32277), dec!(1067883), dec!(1083901)),
            (12, dec!(16259), dec!(1083901), dec!(0)),
        ];
        for (period, interest, principal, balance) in expect {
            let row = &s.rows[period - 1];
            assert_eq!(row.interest, interest, "interest {period}");
            assert_eq!(row.principal, principal, "principal {period}");
            assert_eq!(row.balance, balance, "balance {period}");
        }
        for row in &s.rows {
            assert_eq!(row.installment, dec!(1100160));
        }
        assert_eq!(s.total_interest, dec!(1201920));
    }

    #[test]
    fn yearly_rate_is_divided_by_twelve() {
        let mut t = terms(LoanMethod::Flat);
        t.rate_percent = dec!(18);
        t.rate_period = RatePeriod::Year;
        let s = schedule(&t).unwrap();
        assert_eq!(s.rows[0].interest, dec!(180000));
    }

    #[test]
    fn due_dates_clamp_and_reanchor() {
        let mut t = terms(LoanMethod::Flat);
        t.first_due_date = NaiveDate::from_ymd_opt(2024, 1, 31);
        let s = schedule(&t).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(s.rows[0].due_date, d(2024, 1, 31));
        assert_eq!(s.rows[1].due_date, d(2024, 2, 29));
        assert_eq!(s.rows[2].due_date, d(2024, 3, 31));
        assert_eq!(s.rows[3].due_date, d(2024, 4, 30));
        t.first_due_date = NaiveDate::from_ymd_opt(2025, 1, 31);
        let s = schedule(&t).unwrap();
        assert_eq!(s.rows[1].due_date, d(2025, 2, 28));
        assert_eq!(s.rows[2].due_date, d(2025, 3, 31));
    }

    #[test]
    fn uneven_principal_goes_to_last_row() {
        let t = LoanTerms {
            principal: dec!(1000000),
            rate_percent: dec!(0),
            rate_period: RatePeriod::Month,
            tenor_months: 3,
            method: LoanMethod::Flat,
            first_due_date: None,
        };
        let s = schedule(&t).unwrap();
        let p: Vec<_> = s.rows.iter().map(|r| r.principal).collect();
        assert_eq!(p, vec![dec!(333333), dec!(333333), dec!(333334)]);
        let mut a = t.clone();
        a.method = LoanMethod::Annuity;
        assert_eq!(schedule(&a).unwrap().rows[2].principal, dec!(333334));
    }

    #[test]
    fn validation_names_the_field() {
        let mut t = terms(LoanMethod::Flat);
        t.principal = dec!(0);
        assert_eq!(schedule(&t).unwrap_err().field(), "principal");
        t.principal = dec!(100.5);
        assert_eq!(schedule(&t).unwrap_err(), LoanError::PrincipalNotWhole);
        let mut t = terms(LoanMethod::Flat);
        t.rate_percent = dec!(100.01);
        assert_eq!(schedule(&t).unwrap_err().field(), "rate_percent");
        t.rate_percent = dec!(-1);
        assert_eq!(schedule(&t).unwrap_err().field(), "rate_percent");
        let mut t = terms(LoanMethod::Flat);
        t.tenor_months = 0;
        assert_eq!(schedule(&t).unwrap_err().field(), "tenor_months");
        t.tenor_months = 601;
        assert_eq!(schedule(&t).unwrap_err().field(), "tenor_months");
        t.tenor_months = 600;
        assert!(schedule(&t).is_ok());
    }

    #[test]
    fn serde_shape() {
        let json = r#"{"principal":"12000000","rate_percent":"1.5","rate_period":"month","tenor_months":12,"method":"annuity","first_due_date":"2025-01-31"}"#;
        let t: LoanTerms = serde_json::from_str(json).unwrap();
        assert_eq!(t.method, LoanMethod::Annuity);
        let s = schedule(&t).unwrap();
        let out = serde_json::to_value(&s).unwrap();
        assert_eq!(out["rows"][0]["installment"], "1100160");
        assert_eq!(out["rows"][1]["due_date"], "2025-02-28");
    }

    #[test]
    fn max_principal_is_ten_to_the_fifteen() {
        assert_eq!(MAX_PRINCIPAL, Decimal::from(1_000_000_000_000_000i64));
        assert_eq!(LoanError::PrincipalTooLarge.field(), "principal");
        assert_eq!(LoanError::PrincipalTooLarge.code(), "principal_too_large");
    }

    #[test]
    fn huge_principal_is_an_error_not_a_panic() {
        let huge: Decimal = "79228162514264337593543950335".parse().unwrap();
        assert_eq!(huge, Decimal::MAX);
        for method in [LoanMethod::Flat, LoanMethod::Effective, LoanMethod::Annuity] {
            let t = LoanTerms {
                principal: huge,
                rate_percent: dec!(100),
                rate_period: RatePeriod::Month,
                tenor_months: 1,
                method,
                first_due_date: None,
            };
            assert_eq!(
                schedule(&t),
                Err(LoanError::PrincipalTooLarge),
                "{method:?}"
            );
            assert_eq!(schedule(&t).unwrap_err().field(), "principal");
            // Past the cap, the arithmetic itself must still fail cleanly.
            assert_eq!(build(&t), Err(LoanError::Overflow), "{method:?}");
            let long = LoanTerms {
                tenor_months: MAX_TENOR_MONTHS,
                ..t.clone()
            };
            assert_eq!(build(&long), Err(LoanError::Overflow), "{method:?}");
        }
        assert_eq!(annuity_payment(huge, dec!(1), 1), Err(LoanError::Overflow));
        assert_eq!(
            annuity_payment(dec!(1000), dec!(0.01), 0),
            Err(LoanError::TenorOutOfRange)
        );
        assert_eq!(
            annuity_payment(dec!(1000), dec!(0), 0),
            Err(LoanError::TenorOutOfRange)
        );
    }

    #[test]
    fn max_principal_at_max_rate_and_tenor() {
        for method in [LoanMethod::Flat, LoanMethod::Effective, LoanMethod::Annuity] {
            let t = LoanTerms {
                principal: MAX_PRINCIPAL,
                rate_percent: dec!(100),
                rate_period: RatePeriod::Month,
                tenor_months: MAX_TENOR_MONTHS,
                method,
                first_due_date: None,
            };
            let s = schedule(&t).unwrap();
            assert_eq!(s.total_principal(), Some(MAX_PRINCIPAL));
            assert_eq!(s.rows[s.rows.len() - 1].balance, Decimal::ZERO);
            let mut over = t.clone();
            over.principal = MAX_PRINCIPAL + Decimal::ONE;
            assert_eq!(schedule(&over), Err(LoanError::PrincipalTooLarge));
        }
    }

    proptest! {
        /// Anything `validate` accepts is computed without panicking and
        /// keeps the schedule invariants.
        #[test]
        fn no_panic_up_to_max_principal(
            principal in 1i64..=1_000_000_000_000_000,
            rate_bp in 0u32..=10_000,
            tenor in 1u32..=MAX_TENOR_MONTHS,
            method in prop_oneof![Just(LoanMethod::Flat), Just(LoanMethod::Effective), Just(LoanMethod::Annuity)],
            yearly in any::<bool>(),
        ) {
            let t = LoanTerms {
                principal: Decimal::from(principal),
                rate_percent: Decimal::new(rate_bp as i64, 2),
                rate_period: if yearly { RatePeriod::Year } else { RatePeriod::Month },
                tenor_months: tenor,
                method,
                first_due_date: NaiveDate::from_ymd_opt(2025, 1, 31),
            };
            let s = schedule(&t);
            prop_assert!(s.is_ok(), "{:?}", s);
            let s = s.unwrap();
            prop_assert_eq!(s.rows.len() as u32, tenor);
            prop_assert_eq!(s.total_principal(), Some(t.principal));
            prop_assert_eq!(s.rows[s.rows.len() - 1].balance, Decimal::ZERO);
            for row in &s.rows {
                prop_assert!(row.balance >= Decimal::ZERO);
                prop_assert!(row.principal >= Decimal::ZERO);
                prop_assert!(row.interest >= Decimal::ZERO);
            }
        }

        #[test]
        fn schedule_invariants(
            principal in 1i64..10_000_000_000,
            rate_bp in 0u32..10_000,
            tenor in 1u32..=600,
            method in prop_oneof![Just(LoanMethod::Flat), Just(LoanMethod::Effective), Just(LoanMethod::Annuity)],
            yearly in any::<bool>(),
        ) {
            let t = LoanTerms {
                principal: Decimal::from(principal),
                rate_percent: Decimal::new(rate_bp as i64, 2),
                rate_period: if yearly { RatePeriod::Year } else { RatePeriod::Month },
                tenor_months: tenor,
                method,
                first_due_date: None,
            };
            let s = schedule(&t).unwrap();
            prop_assert_eq!(s.rows.len() as u32, tenor);
            prop_assert_eq!(s.total_principal(), Some(t.principal));
            prop_assert_eq!(s.rows[s.rows.len() - 1].balance, Decimal::ZERO);
            let mut interest = Decimal::ZERO;
            for row in &s.rows {
                prop_assert!(row.balance >= Decimal::ZERO);
                prop_assert!(row.principal >= Decimal::ZERO);
                prop_assert!(row.interest >= Decimal::ZERO);
                prop_assert!(row.principal.fract().is_zero());
                prop_assert!(row.interest.fract().is_zero());
                prop_assert_eq!(row.installment, row.principal + row.interest);
                interest += row.interest;
            }
            prop_assert_eq!(interest, s.total_interest);
            prop_assert_eq!(s.total_payment, t.principal + s.total_interest);
        }
    }
}
