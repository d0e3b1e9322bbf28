//! Late-payment penalty (denda) on an overdue instalment.
//!
//! No standard rate exists (each koperasi sets it in its poljak), so rate,
//! period, grace days and cap are all settings. Days inside the grace period
//! are free; once it is exceeded only the days beyond it are charged.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::{round_rupiah, Rounding};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyPeriod {
    PerDay,
    /// Per started month of `days_per_month` days.
    PerMonth,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyCap {
    /// At most this percent of the overdue instalment.
    PercentOfInstallment(Decimal),
    /// At most this many rupiah.
    Amount(Decimal),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltySettings {
    /// Percent of the overdue instalment per period.
    pub rate_percent: Decimal,
    pub period: PenaltyPeriod,
    #[serde(default)]
    pub grace_days: u32,
    #[serde(default)]
    pub cap: Option<PenaltyCap>,
    /// Length of a penalty month (default 30).
    #[serde(default = "default_days_per_month")]
    pub days_per_month: u32,
}

fn default_days_per_month() -> u32 {
    30
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum PenaltyError {
    #[error("tarif denda harus antara 0 dan 100 persen")]
    RateOutOfRange,
    #[error("angsuran tertunggak tidak boleh negatif")]
    NegativeInstallment,
    #[error("batas denda tidak boleh negatif")]
    NegativeCap,
    #[error("jumlah hari per bulan harus lebih dari nol")]
    InvalidDaysPerMonth,
    #[error("perhitungan denda melampaui batas angka")]
    Overflow,
}

impl PenaltyError {
    pub fn field(&self) -> &'static str {
        match self {
            PenaltyError::RateOutOfRange => "rate_percent",
            PenaltyError::NegativeInstallment | PenaltyError::Overflow => "overdue_installment",
            PenaltyError::NegativeCap => "cap",
            PenaltyError::InvalidDaysPerMonth => "days_per_month",
        }
    }
}

/// Days late = days after the due date (0 when paid on or before it).
pub fn days_late(due_date: NaiveDate, as_of: NaiveDate) -> u32 {
    u32::try_from((as_of - due_date).num_days()).unwrap_or(0)
}

/// Denda for one overdue instalment, whole rupiah (half-up).
pub fn penalty(
    overdue_installment: Decimal,
    days_late: u32,
    settings: &PenaltySettings,
) -> Result<Decimal, PenaltyError> {
    if settings.rate_percent < Decimal::ZERO || settings.rate_percent > Decimal::ONE_HUNDRED {
        return Err(PenaltyError::RateOutOfRange);
    }
    if overdue_installment < Decimal::ZERO {
        return Err(PenaltyError::NegativeInstallment);
    }
    if settings.days_per_month == 0 {
        return Err(PenaltyError::InvalidDaysPerMonth);
    }
    if days_late <= settings.grace_days {
        return Ok(Decimal::ZERO);
    }
    let charged_days = days_late - settings.grace_days;
    let periods = match settings.period {
        PenaltyPeriod::PerDay => charged_days,
        PenaltyPeriod::PerMonth => charged_days.div_ceil(settings.days_per_month),
    };
    let raw = overdue_installment
        .checked_mul(settings.rate_percent)
        .and_then(|x| x.checked_mul(Decimal::from(periods)))
        .ok_or(PenaltyError::Overflow)?
        / Decimal::ONE_HUNDRED;
    let mut amount = round_rupiah(raw, Rounding::HalfUp);
    if let Some(cap) = &settings.cap {
        let limit = match cap {
            PenaltyCap::PercentOfInstallment(p) => round_rupiah(
                overdue_installment
                    .checked_mul(*p)
                    .ok_or(PenaltyError::Overflow)?
                    / Decimal::ONE_HUNDRED,
                Rounding::HalfUp,
            ),
            PenaltyCap::Amount(a) => *a,
        };
        if limit < Decimal::ZERO {
            return Err(PenaltyError::NegativeCap);
        }
        amount = amount.min(limit);
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn per_day() -> PenaltySettings {
        PenaltySettings {
            rate_percent: dec!(0.1),
            period: PenaltyPeriod::PerDay,
            grace_days: 3,
            cap: None,
            days_per_month: 30,
        }
    }

    #[test]
    fn per_day_with_grace() {
        let s = per_day();
        assert_eq!(penalty(dec!(1180000), 3, &s), Ok(dec!(0)));
        // 10 days late, 3 free → 7 × 0.1% × 1,180,000 = 8,260.
        assert_eq!(penalty(dec!(1180000), 10, &s), Ok(dec!(8260)));
        let capped = PenaltySettings {
            cap: Some(PenaltyCap::PercentOfInstallment(dec!(0.5))),
            ..s.clone()
        };
        assert_eq!(penalty(dec!(1180000), 10, &capped), Ok(dec!(5900)));
        let capped = PenaltySettings {
            cap: Some(PenaltyCap::Amount(dec!(5000))),
            ..s
        };
        assert_eq!(penalty(dec!(1180000), 10, &capped), Ok(dec!(5000)));
    }

    #[test]
    fn per_month_counts_started_months() {
        let s = PenaltySettings {
            rate_percent: dec!(2),
            period: PenaltyPeriod::PerMonth,
            grace_days: 0,
            cap: None,
            days_per_month: 30,
        };
        assert_eq!(penalty(dec!(1000000), 1, &s), Ok(dec!(20000)));
        assert_eq!(penalty(dec!(1000000), 30, &s), Ok(dec!(20000)));
        assert_eq!(penalty(dec!(1000000), 31, &s), Ok(dec!(40000)));
        assert_eq!(
            penalty(dec!(-1), 31, &s).unwrap_err().field(),
            "overdue_installment"
        );
    }

    #[test]
    fn days_late_from_dates() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        assert_eq!(days_late(d(1, 31), d(2, 10)), 10);
        assert_eq!(days_late(d(1, 31), d(1, 20)), 0);
    }
}
