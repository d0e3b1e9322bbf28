//! Early payoff (pelunasan dipercepat): outstanding principal, plus interest
//! per the koperasi's rule, plus an optional penalty on the principal.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::amortization::Schedule;
use crate::money::{round_rupiah, Rounding};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "months")]
pub enum PayoffInterestRule {
    /// No further interest.
    None,
    /// The interest of the next scheduled instalment (common default).
    #[default]
    NextPeriod,
    /// The interest of the next `n` scheduled instalments.
    Periods(u32),
    /// All remaining scheduled interest (typical for flat loans).
    AllRemaining,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PayoffSettings {
    pub interest_rule: PayoffInterestRule,
    /// Percent of the outstanding principal, if the koperasi charges one.
    #[serde(default)]
    pub penalty_percent: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payoff {
    pub outstanding_principal: Decimal,
    pub interest: Decimal,
    pub penalty: Decimal,
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum PayoffError {
    #[error("jumlah angsuran terbayar ({paid}) melebihi jangka waktu ({tenor})")]
    PaidBeyondTenor { paid: u32, tenor: u32 },
    #[error("persentase penalti pelunasan harus antara 0 dan 100")]
    PenaltyOutOfRange,
    #[error("perhitungan pelunasan melampaui batas angka")]
    Overflow,
}

impl PayoffError {
    pub fn field(&self) -> &'static str {
        match self {
            PayoffError::PaidBeyondTenor { .. } => "paid_periods",
            PayoffError::PenaltyOutOfRange => "penalty_percent",
            PayoffError::Overflow => "schedule",
        }
    }
}

/// Amount to close the loan after `paid_periods` instalments were paid.
pub fn payoff_amount(
    schedule: &Schedule,
    paid_periods: u32,
    settings: &PayoffSettings,
) -> Result<Payoff, PayoffError> {
    let tenor = schedule.rows.len() as u32;
    if paid_periods > tenor {
        return Err(PayoffError::PaidBeyondTenor {
            paid: paid_periods,
            tenor,
        });
    }
    let remaining = &schedule.rows[paid_periods as usize..];
    let outstanding_principal = checked_sum(remaining.iter().map(|r| r.principal))?;
    let take = match settings.interest_rule {
        PayoffInterestRule::None => 0,
        PayoffInterestRule::NextPeriod => 1,
        PayoffInterestRule::Periods(n) => n as usize,
        PayoffInterestRule::AllRemaining => remaining.len(),
    };
    let interest = checked_sum(remaining.iter().take(take).map(|r| r.interest))?;
    let penalty = match settings.penalty_percent {
        None => Decimal::ZERO,
        Some(p) if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED => {
            return Err(PayoffError::PenaltyOutOfRange)
        }
        Some(p) => round_rupiah(
            outstanding_principal
                .checked_mul(p)
                .ok_or(PayoffError::Overflow)?
                / Decimal::ONE_HUNDRED,
            Rounding::HalfUp,
        ),
    };
    let total = checked_sum([outstanding_principal, interest, penalty].into_iter())?;
    Ok(Payoff {
        outstanding_principal,
        interest,
        penalty,
        total,
    })
}

/// Σ with overflow reported rather than panicking (the schedule may come
/// from outside, e.g. deserialised).
fn checked_sum(mut values: impl Iterator<Item = Decimal>) -> Result<Decimal, PayoffError> {
    values.try_fold(Decimal::ZERO, |acc, v| {
        acc.checked_add(v).ok_or(PayoffError::Overflow)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loan::{schedule, LoanMethod, LoanTerms, RatePeriod};
    use rust_decimal_macros::dec;

    #[test]
    fn hand_built_overflowing_schedule_is_an_error() {
        use crate::loan::ScheduleRow;
        let row = |period| ScheduleRow {
            period,
            due_date: None,
            principal: Decimal::MAX,
            interest: Decimal::MAX,
            installment: Decimal::MAX,
            balance: Decimal::ZERO,
        };
        let s = Schedule {
            rows: vec![row(1), row(2)],
            total_interest: Decimal::MAX,
            total_payment: Decimal::MAX,
        };
        let settings = PayoffSettings::default();
        assert_eq!(payoff_amount(&s, 0, &settings), Err(PayoffError::Overflow));
        // One row: each sum fits, principal + interest does not.
        assert_eq!(payoff_amount(&s, 1, &settings), Err(PayoffError::Overflow));
        let none = PayoffSettings {
            interest_rule: PayoffInterestRule::None,
            penalty_percent: Some(dec!(2)),
        };
        assert_eq!(payoff_amount(&s, 1, &none), Err(PayoffError::Overflow));
        assert_eq!(PayoffError::Overflow.field(), "schedule");
    }

    fn sched(method: LoanMethod) -> Schedule {
        schedule(&LoanTerms {
            principal: dec!(12000000),
            rate_percent: dec!(1.5),
            rate_period: RatePeriod::Month,
            tenor_months: 12,
            method,
            first_due_date: None,
        })
        .unwrap()
    }

    #[test]
    fn payoff_rules() {
        let s = sched(LoanMethod::Annuity);
        let p = payoff_amount(&s, 10, &PayoffSettings::default()).unwrap();
        assert_eq!(p.outstanding_principal, dec!(2151784));
        assert_eq!(p.interest, dec!(32277));
        assert_eq!(p.total, dec!(2184061));

        let flat = sched(LoanMethod::Flat);
        let all = PayoffSettings {
            interest_rule: PayoffInterestRule::AllRemaining,
            penalty_percent: Some(dec!(2)),
        };
        let p = payoff_amount(&flat, 6, &all).unwrap();
        assert_eq!(
            (p.outstanding_principal, p.interest, p.penalty),
            (dec!(6000000), dec!(1080000), dec!(120000))
        );
        let none = PayoffSettings {
            interest_rule: PayoffInterestRule::None,
            penalty_percent: None,
        };
        assert_eq!(payoff_amount(&flat, 12, &none).unwrap().total, dec!(0));
        assert_eq!(
            payoff_amount(&flat, 0, &none).unwrap().total,
            dec!(12000000)
        );
        assert_eq!(
            payoff_amount(&flat, 13, &none).unwrap_err().field(),
            "paid_periods"
        );
    }
}
