//! A disbursed loan's instalments as they are paid: denda accrued on what is overdue,
//! where a repayment goes (by the product's allocation order, oldest instalment
//! first, any surplus paying the next instalments in advance), what closes the loan
//! early, and the arrears that decide its collectibility.
//!
//! Denda accrues day by day on the unpaid part of an overdue instalment
//! (`rate × unpaid × days`, the poljak model in the domain rules), so a member who pays
//! half of a late instalment is charged on the other half only from then on. The
//! accrual is brought up to date whenever the loan is looked at or paid, and what was
//! charged is stored with the instalment.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::allocation::{allocate_payment, Allocation, AllocationError, AllocationOrder, Dues};
use super::amortization::Schedule;
use super::penalty::{days_late, PenaltyError};
use crate::money::{round_rupiah, Rounding};

/// Denda settings of a loan product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyPenalty {
    /// Percent of the overdue amount per day late, e.g. `0.1`.
    pub rate_percent: Decimal,
    /// Days after the due date that are free.
    #[serde(default)]
    pub grace_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installment {
    pub period: u32,
    pub due_date: NaiveDate,
    pub principal: Decimal,
    pub interest: Decimal,
    #[serde(default)]
    pub paid_principal: Decimal,
    #[serde(default)]
    pub paid_interest: Decimal,
    /// Interest forgiven by an early payoff.
    #[serde(default)]
    pub waived_interest: Decimal,
    /// Denda charged so far.
    #[serde(default)]
    pub penalty_charged: Decimal,
    #[serde(default)]
    pub paid_penalty: Decimal,
    /// Denda has been charged up to this day.
    #[serde(default)]
    pub penalty_through: Option<NaiveDate>,
}

impl Installment {
    pub fn unpaid_principal(&self) -> Decimal {
        (self.principal - self.paid_principal).max(Decimal::ZERO)
    }

    pub fn unpaid_interest(&self) -> Decimal {
        (self.interest - self.paid_interest - self.waived_interest).max(Decimal::ZERO)
    }

    pub fn unpaid_penalty(&self) -> Decimal {
        (self.penalty_charged - self.paid_penalty).max(Decimal::ZERO)
    }

    /// Principal and interest of this instalment still owed.
    pub fn unpaid(&self) -> Decimal {
        self.unpaid_principal() + self.unpaid_interest()
    }

    pub fn settled(&self) -> bool {
        self.unpaid().is_zero() && self.unpaid_penalty().is_zero()
    }
}

/// Instalments of a schedule fixed at disbursement (the schedule must carry due dates).
pub fn installments(schedule: &Schedule) -> Result<Vec<Installment>, LedgerError> {
    schedule
        .rows
        .iter()
        .map(|r| {
            Ok(Installment {
                period: r.period,
                due_date: r.due_date.ok_or(LedgerError::MissingDueDate)?,
                principal: r.principal,
                interest: r.interest,
                paid_principal: Decimal::ZERO,
                paid_interest: Decimal::ZERO,
                waived_interest: Decimal::ZERO,
                penalty_charged: Decimal::ZERO,
                paid_penalty: Decimal::ZERO,
                penalty_through: None,
            })
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum LedgerError {
    #[error("jadwal angsuran belum bertanggal")]
    MissingDueDate,
    #[error("jumlah pembayaran harus lebih dari nol")]
    AmountNotPositive,
    #[error("pembayaran melebihi sisa pinjaman (sisa {outstanding})")]
    ExceedsOutstanding { outstanding: Decimal },
    #[error("tarif denda harus antara 0 dan 100 persen")]
    PenaltyRateOutOfRange,
    #[error("urutan alokasi harus memuat denda, bunga dan pokok masing-masing tepat sekali")]
    InvalidOrder,
    #[error("perhitungan melampaui batas angka")]
    Overflow,
}

impl LedgerError {
    pub fn field(&self) -> &'static str {
        match self {
            LedgerError::MissingDueDate => "schedule",
            LedgerError::AmountNotPositive | LedgerError::ExceedsOutstanding { .. } => "amount",
            LedgerError::PenaltyRateOutOfRange => "penalty_rate_percent",
            LedgerError::InvalidOrder => "allocation_order",
            LedgerError::Overflow => "amount",
        }
    }
}

impl From<PenaltyError> for LedgerError {
    fn from(e: PenaltyError) -> Self {
        match e {
            PenaltyError::RateOutOfRange => LedgerError::PenaltyRateOutOfRange,
            _ => LedgerError::Overflow,
        }
    }
}

impl From<AllocationError> for LedgerError {
    fn from(e: AllocationError) -> Self {
        match e {
            AllocationError::NegativePayment => LedgerError::AmountNotPositive,
            AllocationError::InvalidOrder => LedgerError::InvalidOrder,
            AllocationError::NegativeDue => LedgerError::Overflow,
        }
    }
}

/// Days of an instalment that count for denda as of `day` (grace days excluded).
fn chargeable_days(due: NaiveDate, day: NaiveDate, grace: u32) -> u32 {
    days_late(due, day).saturating_sub(grace)
}

/// Charges denda on every overdue instalment up to `as_of` (idempotent for one day).
pub fn accrue(
    items: &mut [Installment],
    as_of: NaiveDate,
    rule: &DailyPenalty,
) -> Result<(), LedgerError> {
    if rule.rate_percent < Decimal::ZERO || rule.rate_percent > Decimal::ONE_HUNDRED {
        return Err(LedgerError::PenaltyRateOutOfRange);
    }
    for item in items.iter_mut() {
        let through = item.penalty_through.unwrap_or(item.due_date);
        if as_of <= through {
            continue;
        }
        let unpaid = item.unpaid();
        let days = chargeable_days(item.due_date, as_of, rule.grace_days)
            .saturating_sub(chargeable_days(item.due_date, through, rule.grace_days));
        if days > 0 && !unpaid.is_zero() {
            let charge = unpaid
                .checked_mul(rule.rate_percent)
                .and_then(|x| x.checked_mul(Decimal::from(days)))
                .ok_or(LedgerError::Overflow)?
                / Decimal::ONE_HUNDRED;
            item.penalty_charged += round_rupiah(charge, Rounding::HalfUp);
        }
        item.penalty_through = Some(as_of);
    }
    Ok(())
}

/// Where a loan stands on a day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub outstanding_principal: Decimal,
    /// Owed now: denda, and the interest and principal of instalments due on or before the day.
    pub due: Dues,
    /// Principal and interest of instalments whose due date has passed, unpaid.
    pub overdue: Decimal,
    pub days_past_due: u32,
    /// Past-due instalments with principal (resp. interest) unpaid: the arrears in months.
    pub principal_arrears_months: u32,
    pub interest_arrears_months: u32,
    pub next_due_date: Option<NaiveDate>,
    /// What is left of the next instalment not yet paid in full.
    pub next_due_amount: Decimal,
    pub paid_off: bool,
}

impl Position {
    pub fn due_total(&self) -> Decimal {
        self.due.penalty + self.due.interest + self.due.principal
    }
}

/// The position of a loan on `as_of` (instalments with denda brought up to that day).
pub fn position(items: &[Installment], as_of: NaiveDate) -> Position {
    let mut p = Position::default();
    for item in items {
        p.outstanding_principal += item.unpaid_principal();
        p.due.penalty += item.unpaid_penalty();
        if item.due_date <= as_of {
            p.due.interest += item.unpaid_interest();
            p.due.principal += item.unpaid_principal();
        }
        if item.due_date < as_of && !item.unpaid().is_zero() {
            p.overdue += item.unpaid();
            p.days_past_due = p.days_past_due.max(days_late(item.due_date, as_of));
            if !item.unpaid_principal().is_zero() {
                p.principal_arrears_months += 1;
            }
            if !item.unpaid_interest().is_zero() {
                p.interest_arrears_months += 1;
            }
        }
        if p.next_due_date.is_none() && !item.unpaid().is_zero() {
            p.next_due_date = Some(item.due_date);
            p.next_due_amount = item.unpaid();
        }
    }
    p.paid_off = items.iter().all(Installment::settled);
    p
}

/// How one repayment was split.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repayment {
    pub penalty: Decimal,
    pub interest: Decimal,
    pub principal: Decimal,
    /// Part of `interest` + `principal` that paid instalments not yet due.
    pub advance: Decimal,
}

impl Repayment {
    pub fn total(&self) -> Decimal {
        self.penalty + self.interest + self.principal
    }
}

/// Applies a repayment on `as_of`: what is due first, split by `order` and oldest
/// instalment first; anything left pays the following instalments (interest, then
/// principal) in advance. More than the loan still owes is refused.
pub fn repay(
    items: &mut [Installment],
    as_of: NaiveDate,
    amount: Decimal,
    order: &AllocationOrder,
    rule: &DailyPenalty,
) -> Result<Repayment, LedgerError> {
    if amount <= Decimal::ZERO {
        return Err(LedgerError::AmountNotPositive);
    }
    accrue(items, as_of, rule)?;
    let owed: Decimal = items.iter().map(|i| i.unpaid() + i.unpaid_penalty()).sum();
    if amount > owed {
        return Err(LedgerError::ExceedsOutstanding { outstanding: owed });
    }
    let pos = position(items, as_of);
    let split: Allocation = allocate_payment(amount, &pos.due, order)?;
    let mut out = Repayment {
        penalty: split.penalty,
        interest: split.interest,
        principal: split.principal,
        advance: Decimal::ZERO,
    };
    let mut penalty = split.penalty;
    let mut interest = split.interest;
    let mut principal = split.principal;
    for item in items.iter_mut() {
        let take = penalty.min(item.unpaid_penalty());
        item.paid_penalty += take;
        penalty -= take;
        if item.due_date <= as_of {
            let take = interest.min(item.unpaid_interest());
            item.paid_interest += take;
            interest -= take;
            let take = principal.min(item.unpaid_principal());
            item.paid_principal += take;
            principal -= take;
        }
    }
    let mut advance = split.excess;
    for item in items.iter_mut().filter(|i| i.due_date > as_of) {
        let take = advance.min(item.unpaid_interest());
        item.paid_interest += take;
        out.interest += take;
        advance -= take;
        let take = advance.min(item.unpaid_principal());
        item.paid_principal += take;
        out.principal += take;
        advance -= take;
    }
    out.advance = split.excess - advance;
    Ok(out)
}

/// What closes the loan on `as_of`: all principal, the interest already due, the
/// interest of the next `interest_periods` instalments not yet due (the product's
/// payoff rule), and unpaid denda. Later interest is waived.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayoffQuote {
    pub principal: Decimal,
    pub interest: Decimal,
    pub penalty: Decimal,
    pub waived_interest: Decimal,
    pub total: Decimal,
}

pub fn payoff_quote(items: &[Installment], as_of: NaiveDate, interest_periods: u32) -> PayoffQuote {
    let mut q = PayoffQuote::default();
    let mut future_taken = 0u32;
    for item in items {
        q.principal += item.unpaid_principal();
        q.penalty += item.unpaid_penalty();
        if item.due_date <= as_of {
            q.interest += item.unpaid_interest();
        } else if future_taken < interest_periods && !item.unpaid_interest().is_zero() {
            q.interest += item.unpaid_interest();
            future_taken += 1;
        } else {
            q.waived_interest += item.unpaid_interest();
        }
    }
    q.total = q.principal + q.interest + q.penalty;
    q
}

/// Closes the loan early: pays what [`payoff_quote`] says and waives the rest of the interest.
pub fn pay_off(
    items: &mut [Installment],
    as_of: NaiveDate,
    interest_periods: u32,
    rule: &DailyPenalty,
) -> Result<PayoffQuote, LedgerError> {
    accrue(items, as_of, rule)?;
    let quote = payoff_quote(items, as_of, interest_periods);
    let mut future_taken = 0u32;
    for item in items.iter_mut() {
        item.paid_penalty += item.unpaid_penalty();
        item.paid_principal += item.unpaid_principal();
        let unpaid_interest = item.unpaid_interest();
        if item.due_date <= as_of {
            item.paid_interest += unpaid_interest;
        } else if future_taken < interest_periods && !unpaid_interest.is_zero() {
            item.paid_interest += unpaid_interest;
            future_taken += 1;
        } else {
            item.waived_interest += unpaid_interest;
        }
    }
    Ok(quote)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loan::{schedule, LoanMethod, LoanTerms, RatePeriod};
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Rp1.200.000 flat 2%/month over 3 months, first due 2026-02-10.
    fn loan() -> Vec<Installment> {
        let s = schedule(&LoanTerms {
            principal: dec!(1200000),
            rate_percent: dec!(2),
            rate_period: RatePeriod::Month,
            tenor_months: 3,
            method: LoanMethod::Flat,
            first_due_date: Some(d(2026, 2, 10)),
        })
        .unwrap();
        installments(&s).unwrap()
    }

    fn rule() -> DailyPenalty {
        DailyPenalty {
            rate_percent: dec!(0.1),
            grace_days: 3,
        }
    }

    #[test]
    fn on_time_instalment_goes_to_interest_then_principal() {
        let mut l = loan();
        let r = repay(
            &mut l,
            d(2026, 2, 10),
            dec!(424000),
            &AllocationOrder::default(),
            &rule(),
        )
        .unwrap();
        assert_eq!(
            (r.penalty, r.interest, r.principal, r.advance),
            (dec!(0), dec!(24000), dec!(400000), dec!(0))
        );
        assert!(l[0].settled());
        let p = position(&l, d(2026, 2, 10));
        assert_eq!(p.outstanding_principal, dec!(800000));
        assert_eq!(p.next_due_date, Some(d(2026, 3, 10)));
        assert_eq!(p.next_due_amount, dec!(424000));
        assert_eq!(p.days_past_due, 0);
    }

    #[test]
    fn late_instalment_pays_denda_first() {
        let mut l = loan();
        // 2026-02-20: 10 days late, 3 free → 7 days × 0.1% × 424.000 = 2.968.
        accrue(&mut l, d(2026, 2, 20), &rule()).unwrap();
        let p = position(&l, d(2026, 2, 20));
        assert_eq!(p.due.penalty, dec!(2968));
        assert_eq!(p.days_past_due, 10);
        assert_eq!(p.principal_arrears_months, 1);
        let r = repay(
            &mut l,
            d(2026, 2, 20),
            dec!(426968),
            &AllocationOrder::default(),
            &rule(),
        )
        .unwrap();
        assert_eq!(
            (r.penalty, r.interest, r.principal),
            (dec!(2968), dec!(24000), dec!(400000))
        );
        assert!(l[0].settled());
        // Looking again the same day charges nothing more.
        accrue(&mut l, d(2026, 2, 20), &rule()).unwrap();
        assert_eq!(l[0].penalty_charged, dec!(2968));
    }

    #[test]
    fn half_paid_late_instalment_accrues_on_the_rest_only() {
        let mut l = loan();
        let order = AllocationOrder::default();
        // 5 days late (2 chargeable): 424.000 × 0.1% × 2 = 848.
        let r = repay(&mut l, d(2026, 2, 15), dec!(212848), &order, &rule()).unwrap();
        assert_eq!(
            (r.penalty, r.interest, r.principal),
            (dec!(848), dec!(24000), dec!(188000))
        );
        // Five more days on the 212.000 left: 1.060.
        accrue(&mut l, d(2026, 2, 20), &rule()).unwrap();
        assert_eq!(l[0].unpaid_penalty(), dec!(1060));
    }

    #[test]
    fn surplus_pays_next_instalments_in_advance() {
        let mut l = loan();
        let r = repay(
            &mut l,
            d(2026, 2, 10),
            dec!(600000),
            &AllocationOrder::default(),
            &rule(),
        )
        .unwrap();
        assert_eq!(r.advance, dec!(176000));
        assert_eq!(l[1].paid_interest, dec!(24000));
        assert_eq!(l[1].paid_principal, dec!(152000));
        let p = position(&l, d(2026, 3, 10));
        assert_eq!(p.next_due_amount, dec!(248000));
    }

    #[test]
    fn more_than_owed_is_refused() {
        let mut l = loan();
        let e = repay(
            &mut l,
            d(2026, 2, 10),
            dec!(1272001),
            &AllocationOrder::default(),
            &rule(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            LedgerError::ExceedsOutstanding {
                outstanding: dec!(1272000)
            }
        );
    }

    #[test]
    fn early_payoff_waives_later_interest() {
        let mut l = loan();
        let order = AllocationOrder::default();
        repay(&mut l, d(2026, 2, 10), dec!(424000), &order, &rule()).unwrap();
        let q = payoff_quote(&l, d(2026, 2, 25), 1);
        assert_eq!(
            (
                q.principal,
                q.interest,
                q.penalty,
                q.waived_interest,
                q.total
            ),
            (
                dec!(800000),
                dec!(24000),
                dec!(0),
                dec!(24000),
                dec!(824000)
            )
        );
        let paid = pay_off(&mut l, d(2026, 2, 25), 1, &rule()).unwrap();
        assert_eq!(paid, q);
        assert!(position(&l, d(2026, 2, 25)).paid_off);
    }

    proptest! {
        /// Whatever is paid, whenever, never more is allocated than was paid and the
        /// loan's principal paid never exceeds the principal lent.
        #[test]
        fn repayments_add_up(payments in proptest::collection::vec((1u32..200_000, 0i64..60), 1..8)) {
            let mut l = loan();
            let order = AllocationOrder::default();
            let mut day = d(2026, 1, 15);
            let mut paid = Decimal::ZERO;
            let mut allocated = Decimal::ZERO;
            for (amount, gap) in payments {
                day += chrono::Duration::days(gap);
                match repay(&mut l, day, Decimal::from(amount), &order, &rule()) {
                    Ok(r) => {
                        paid += Decimal::from(amount);
                        allocated += r.total();
                        prop_assert_eq!(r.total(), Decimal::from(amount));
                    }
                    Err(LedgerError::ExceedsOutstanding { .. }) => {}
                    Err(e) => prop_assert!(false, "{e}"),
                }
            }
            prop_assert_eq!(paid, allocated);
            let principal_paid: Decimal = l.iter().map(|i| i.paid_principal).sum();
            prop_assert!(principal_paid <= dec!(1200000));
            prop_assert!(l.iter().all(|i| i.paid_interest <= i.interest));
        }
    }
}
