//! Koperasi savings: product kinds, interest on simpanan sukarela, time
//! deposits (berjangka) and the final tax on members' savings interest.
//!
//! The interest method and day-count basis are not fixed by any rule found,
//! so both are settings (defaults: daily balance, act/365).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::bounds::{check_amount, check_balance, BoundError};
use crate::money::{round_rupiah, Rounding};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SavingsKind {
    /// One-time deposit on joining.
    Pokok,
    /// Periodic (usually monthly) compulsory deposit.
    Wajib,
    /// Voluntary; deposit or withdraw any time.
    Sukarela,
    /// Time deposit (SISUKA).
    Berjangka,
}

impl SavingsKind {
    /// Pokok and wajib are locked while the person is a member; berjangka is
    /// locked until maturity (early withdrawal is a separate, penalised flow).
    pub fn withdrawable_while_member(self) -> bool {
        matches!(self, SavingsKind::Sukarela)
    }

    /// Whether the balance earns periodic interest.
    pub fn earns_interest(self) -> bool {
        matches!(self, SavingsKind::Sukarela | SavingsKind::Berjangka)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayCountBasis {
    #[default]
    Act365,
    Act360,
}

impl DayCountBasis {
    pub fn days_per_year(self) -> Decimal {
        match self {
            DayCountBasis::Act365 => Decimal::from(365),
            DayCountBasis::Act360 => Decimal::from(360),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterestMethod {
    /// Σ balance × days × rate / basis.
    #[default]
    DailyBalance,
    /// Lowest balance of the month × rate / 12 (saldo terendah).
    MinimumMonthlyBalance,
}

/// A run of days with the same end-of-day balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceSegment {
    pub balance: Decimal,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SukarelaSettings {
    /// Percent per year.
    pub rate_percent_per_year: Decimal,
    pub method: InterestMethod,
    pub basis: DayCountBasis,
    /// For the minimum-balance method: whether the balance carried in at
    /// 00:00 on day 1 counts, so a deposit made on day 1 does not lift the
    /// month's minimum. Off by default (deposits on day 1 count).
    #[serde(default)]
    pub include_opening_balance: bool,
    /// How the credited amount becomes whole rupiah.
    #[serde(default)]
    pub rounding: Rounding,
}

impl SukarelaSettings {
    pub fn daily_balance(rate_percent_per_year: Decimal) -> Self {
        SukarelaSettings {
            rate_percent_per_year,
            method: InterestMethod::DailyBalance,
            basis: DayCountBasis::Act365,
            include_opening_balance: false,
            rounding: Rounding::HalfUp,
        }
    }

    pub fn minimum_balance(rate_percent_per_year: Decimal) -> Self {
        SukarelaSettings {
            method: InterestMethod::MinimumMonthlyBalance,
            ..SukarelaSettings::daily_balance(rate_percent_per_year)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthBalances {
    /// Balance carried in from the previous month.
    #[serde(default)]
    pub opening_balance: Decimal,
    /// End-of-day balances through the month, in order.
    pub segments: Vec<BalanceSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestResult {
    /// Unrounded to the rupiah, shown to 2 decimals.
    pub exact: Decimal,
    /// Whole rupiah credited.
    pub credited: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum SavingsError {
    #[error("suku bunga harus antara 0 dan 100 persen")]
    RateOutOfRange,
    #[error("saldo tidak boleh negatif")]
    NegativeBalance,
    #[error("tidak ada data saldo untuk bulan ini")]
    NoBalances,
    #[error("pokok simpanan berjangka harus lebih dari nol")]
    PrincipalNotPositive,
    #[error("jangka waktu simpanan berjangka harus lebih dari nol")]
    TermNotPositive,
    #[error("bunga tidak boleh negatif")]
    NegativeInterest,
    #[error("perhitungan melampaui batas angka")]
    Overflow,
    #[error("perhitungan simpanan berjangka melampaui batas angka")]
    DepositOverflow,
    #[error("jumlah harus lebih dari nol (rupiah utuh)")]
    AmountNotPositive,
    #[error("simpanan {kind} tidak dapat ditarik selama masih anggota")]
    NotWithdrawable { kind: String },
    #[error("{0}")]
    Bound(BoundError),
    #[error("saldo tidak cukup: paling banyak {} dapat ditarik", crate::money::format_idr(*available))]
    Insufficient { available: Decimal },
}

impl SavingsError {
    pub fn field(&self) -> &'static str {
        match self {
            SavingsError::RateOutOfRange => "rate_percent_per_year",
            SavingsError::NegativeBalance | SavingsError::NoBalances => "segments",
            SavingsError::PrincipalNotPositive => "principal",
            SavingsError::TermNotPositive => "term_months",
            SavingsError::NegativeInterest => "interest",
            SavingsError::Overflow => "segments",
            SavingsError::DepositOverflow => "principal",
            SavingsError::AmountNotPositive
            | SavingsError::Insufficient { .. }
            | SavingsError::Bound(_) => "amount",
            SavingsError::NotWithdrawable { .. } => "account_id",
        }
    }
}

/// What a teller does to a savings account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    Deposit(Decimal),
    Withdrawal(Decimal),
}

impl SavingsKind {
    pub fn label(self) -> &'static str {
        match self {
            SavingsKind::Pokok => "pokok",
            SavingsKind::Wajib => "wajib",
            SavingsKind::Sukarela => "sukarela",
            SavingsKind::Berjangka => "berjangka",
        }
    }
}

/// The balance after a deposit or withdrawal, or why the teller must refuse it. Amounts are
/// whole rupiah; only sukarela is withdrawn while a member, and never below the product's
/// minimum balance (the server applies the same bound atomically, so two tellers cannot
/// both withdraw the last of it).
pub fn apply_movement(
    kind: SavingsKind,
    balance: Decimal,
    movement: Movement,
    minimum_balance: Decimal,
) -> Result<Decimal, SavingsError> {
    let amount = match movement {
        Movement::Deposit(a) | Movement::Withdrawal(a) => a,
    };
    if amount <= Decimal::ZERO || amount.fract() != Decimal::ZERO {
        return Err(SavingsError::AmountNotPositive);
    }
    check_amount(amount).map_err(SavingsError::Bound)?;
    match movement {
        Movement::Deposit(a) => {
            let after = balance.checked_add(a).ok_or(SavingsError::Overflow)?;
            check_balance(after).map_err(SavingsError::Bound)?;
            Ok(after)
        }
        Movement::Withdrawal(a) => {
            if !kind.withdrawable_while_member() {
                return Err(SavingsError::NotWithdrawable {
                    kind: kind.label().to_string(),
                });
            }
            let available = (balance - minimum_balance.max(Decimal::ZERO)).max(Decimal::ZERO);
            if a > available {
                return Err(SavingsError::Insufficient { available });
            }
            Ok(balance - a)
        }
    }
}

fn check_rate(rate: Decimal) -> Result<(), SavingsError> {
    if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
        return Err(SavingsError::RateOutOfRange);
    }
    Ok(())
}

fn result(exact: Decimal, rounding: Rounding) -> InterestResult {
    InterestResult {
        exact: exact
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
        credited: round_rupiah(exact, rounding),
    }
}

/// A month's end-of-day balances from the ledger: `opening` carried in, and each day on
/// which the balance changed with the balance at that day's end (any order). Days run
/// from the first of `month` to its last day, or to `through` if earlier (a month not
/// yet over).
pub fn month_balances(
    first_day: chrono::NaiveDate,
    through: chrono::NaiveDate,
    opening: Decimal,
    changes: &[(chrono::NaiveDate, Decimal)],
) -> MonthBalances {
    use chrono::Datelike;
    let mut changes: Vec<_> = changes
        .iter()
        .filter(|(d, _)| d.year() == first_day.year() && d.month() == first_day.month())
        .copied()
        .collect();
    changes.sort_by_key(|(d, _)| *d);
    let last_of_month = first_day
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first_day);
    let last = through.min(last_of_month);
    let mut segments: Vec<BalanceSegment> = Vec::new();
    let mut balance = opening;
    let mut day = first_day;
    while day <= last {
        for (_, b) in changes.iter().filter(|(d, _)| *d == day) {
            balance = *b;
        }
        match segments.last_mut() {
            Some(s) if s.balance == balance => s.days += 1,
            _ => segments.push(BalanceSegment { balance, days: 1 }),
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    MonthBalances {
        opening_balance: opening,
        segments,
    }
}

/// A month's interest on a sukarela account.
pub fn sukarela_interest(
    month: &MonthBalances,
    settings: &SukarelaSettings,
) -> Result<InterestResult, SavingsError> {
    check_rate(settings.rate_percent_per_year)?;
    if month.opening_balance < Decimal::ZERO
        || month.segments.iter().any(|s| s.balance < Decimal::ZERO)
    {
        return Err(SavingsError::NegativeBalance);
    }
    let rate = settings.rate_percent_per_year / Decimal::ONE_HUNDRED;
    let exact = match settings.method {
        InterestMethod::DailyBalance => {
            let mut balance_days = Decimal::ZERO;
            for s in &month.segments {
                let bd = s
                    .balance
                    .checked_mul(Decimal::from(s.days))
                    .ok_or(SavingsError::Overflow)?;
                balance_days = balance_days.checked_add(bd).ok_or(SavingsError::Overflow)?;
            }
            balance_days
                .checked_mul(rate)
                .ok_or(SavingsError::Overflow)?
                / settings.basis.days_per_year()
        }
        InterestMethod::MinimumMonthlyBalance => {
            let opening = settings
                .include_opening_balance
                .then_some(month.opening_balance);
            let minimum = month
                .segments
                .iter()
                .filter(|s| s.days > 0)
                .map(|s| s.balance)
                .chain(opening)
                .min()
                .ok_or(SavingsError::NoBalances)?;
            minimum.checked_mul(rate).ok_or(SavingsError::Overflow)? / Decimal::from(12)
        }
    };
    Ok(result(exact, settings.rounding))
}

/// Final income tax on a member's savings interest for one month
/// (PP 15/2009): nothing up to the threshold; above it the rate applies to
/// the whole amount, not just the excess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestTaxSettings {
    /// Rp240.000: tax applies only when interest is strictly above this.
    pub threshold: Decimal,
    pub rate_percent: Decimal,
}

impl Default for InterestTaxSettings {
    fn default() -> Self {
        InterestTaxSettings {
            threshold: Decimal::from(240_000),
            rate_percent: Decimal::from(10),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestTax {
    pub gross: Decimal,
    pub tax: Decimal,
    pub net: Decimal,
}

pub fn interest_tax(
    monthly_interest: Decimal,
    settings: &InterestTaxSettings,
) -> Result<InterestTax, SavingsError> {
    if monthly_interest < Decimal::ZERO {
        return Err(SavingsError::NegativeInterest);
    }
    check_rate(settings.rate_percent)?;
    let tax = if monthly_interest > settings.threshold {
        round_rupiah(
            monthly_interest
                .checked_mul(settings.rate_percent)
                .ok_or(SavingsError::Overflow)?
                / Decimal::ONE_HUNDRED,
            Rounding::Down,
        )
    } else {
        Decimal::ZERO
    };
    Ok(InterestTax {
        gross: monthly_interest,
        tax,
        net: monthly_interest - tax,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeDeposit {
    pub principal: Decimal,
    pub rate_percent_per_year: Decimal,
    pub term_months: u32,
    /// Withhold PP 15/2009 tax on the interest (individual members).
    #[serde(default)]
    pub tax: Option<InterestTaxSettings>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Maturity {
    pub gross_interest: Decimal,
    pub tax: Decimal,
    pub net_interest: Decimal,
    pub maturity_amount: Decimal,
}

/// A berjangka taken out before it matures: no interest, and the product's penalty (a
/// percent of the deposit, rounded down) is kept. Returns (penalty, paid out).
pub fn early_withdrawal(
    principal: Decimal,
    penalty_percent: Decimal,
) -> Result<(Decimal, Decimal), SavingsError> {
    if principal <= Decimal::ZERO {
        return Err(SavingsError::PrincipalNotPositive);
    }
    check_rate(penalty_percent)?;
    let penalty = round_rupiah(
        principal
            .checked_mul(penalty_percent)
            .ok_or(SavingsError::DepositOverflow)?
            / Decimal::ONE_HUNDRED,
        Rounding::Down,
    );
    Ok((penalty, principal - penalty))
}

/// Simple interest `P × r × months/12`, paid at maturity. The tax test uses
/// this deposit's interest alone; if the member has other interest in the
/// same month the caller should apply [`interest_tax`] to the total instead.
pub fn time_deposit_maturity(deposit: &TimeDeposit) -> Result<Maturity, SavingsError> {
    if deposit.principal <= Decimal::ZERO {
        return Err(SavingsError::PrincipalNotPositive);
    }
    if deposit.term_months == 0 {
        return Err(SavingsError::TermNotPositive);
    }
    check_rate(deposit.rate_percent_per_year)?;
    let raw = deposit
        .principal
        .checked_mul(deposit.rate_percent_per_year)
        .and_then(|x| x.checked_mul(Decimal::from(deposit.term_months)))
        .ok_or(SavingsError::DepositOverflow)?
        / Decimal::from(1200);
    // Rounded down: the koperasi never pays out a fraction it did not earn.
    let gross_interest = round_rupiah(raw, Rounding::Down);
    let tax = match &deposit.tax {
        Some(s) => interest_tax(gross_interest, s)?.tax,
        None => Decimal::ZERO,
    };
    let net_interest = gross_interest - tax;
    Ok(Maturity {
        gross_interest,
        tax,
        net_interest,
        maturity_amount: deposit
            .principal
            .checked_add(net_interest)
            .ok_or(SavingsError::DepositOverflow)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movements_stay_inside_the_bounds() {
        use crate::bounds::BoundError;
        use rust_decimal_macros::dec;
        let deposit = |balance, amount| {
            apply_movement(
                SavingsKind::Sukarela,
                balance,
                Movement::Deposit(amount),
                dec!(0),
            )
        };
        assert_eq!(deposit(dec!(0), dec!(50000)), Ok(dec!(50000)));
        // The deposit of Rp9·10^18 that made the next one a 500.
        assert_eq!(
            deposit(dec!(0), dec!(9000000000000000000)),
            Err(SavingsError::Bound(BoundError::AmountTooLarge))
        );
        assert_eq!(
            deposit(dec!(999999999999999), dec!(1)),
            Err(SavingsError::Bound(BoundError::BalanceTooLarge))
        );
        assert_eq!(
            apply_movement(
                SavingsKind::Sukarela,
                dec!(100),
                Movement::Withdrawal(dec!(90000000000000)),
                dec!(0)
            ),
            Err(SavingsError::Bound(BoundError::AmountTooLarge))
        );
        assert_eq!(
            SavingsError::Bound(BoundError::AmountTooLarge).field(),
            "amount"
        );
    }

    #[test]
    fn early_withdrawal_keeps_the_penalty_rounded_down() {
        use rust_decimal_macros::dec;
        assert_eq!(
            early_withdrawal(dec!(10000001), dec!(2)).unwrap(),
            (dec!(200000), dec!(9800001))
        );
        assert!(early_withdrawal(dec!(0), dec!(2)).is_err());
    }

    #[test]
    fn month_balances_from_the_ledger() {
        let d = |day: u32| chrono::NaiveDate::from_ymd_opt(2026, 10, day).unwrap();
        // 100.000 carried in; 50.000 deposited on the 10th, 30.000 withdrawn on the 20th.
        let m = month_balances(
            d(1),
            d(31),
            rust_decimal_macros::dec!(100000),
            &[
                (d(20), rust_decimal_macros::dec!(120000)),
                (d(10), rust_decimal_macros::dec!(150000)),
            ],
        );
        let days: Vec<(Decimal, u32)> = m.segments.iter().map(|s| (s.balance, s.days)).collect();
        assert_eq!(
            days,
            [
                (rust_decimal_macros::dec!(100000), 9),
                (rust_decimal_macros::dec!(150000), 10),
                (rust_decimal_macros::dec!(120000), 12)
            ]
        );
        let min = sukarela_interest(
            &m,
            &SukarelaSettings::minimum_balance(rust_decimal_macros::dec!(3)),
        )
        .unwrap();
        assert_eq!(min.credited, rust_decimal_macros::dec!(250));
    }
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn deposit_overflow_is_an_error() {
        let d = TimeDeposit {
            principal: Decimal::MAX - dec!(10),
            rate_percent_per_year: dec!(0.0001),
            term_months: 1,
            tax: None,
        };
        // Interest fits, principal + interest does not.
        assert_eq!(
            time_deposit_maturity(&d),
            Err(SavingsError::DepositOverflow)
        );
        let d = TimeDeposit {
            principal: Decimal::MAX,
            rate_percent_per_year: dec!(100),
            term_months: 600,
            tax: None,
        };
        assert_eq!(
            time_deposit_maturity(&d),
            Err(SavingsError::DepositOverflow)
        );
        assert_eq!(SavingsError::DepositOverflow.field(), "principal");
    }

    fn vector_month() -> MonthBalances {
        MonthBalances {
            opening_balance: dec!(0),
            segments: vec![
                BalanceSegment {
                    balance: dec!(1000000),
                    days: 10,
                },
                BalanceSegment {
                    balance: dec!(3000000),
                    days: 10,
                },
                BalanceSegment {
                    balance: dec!(500000),
                    days: 10,
                },
            ],
        }
    }

    #[test]
    fn sukarela_vectors() {
        let r =
            sukarela_interest(&vector_month(), &SukarelaSettings::daily_balance(dec!(3))).unwrap();
        assert_eq!(r.exact, dec!(3698.63));
        assert_eq!(r.credited, dec!(3699));
        let r = sukarela_interest(&vector_month(), &SukarelaSettings::minimum_balance(dec!(3)))
            .unwrap();
        assert_eq!(r.exact, dec!(1250));
        let mut s = SukarelaSettings::daily_balance(dec!(3));
        s.basis = DayCountBasis::Act360;
        assert_eq!(
            sukarela_interest(&vector_month(), &s).unwrap().exact,
            dec!(3750)
        );
        let mut s = SukarelaSettings::minimum_balance(dec!(3));
        s.include_opening_balance = true;
        assert_eq!(
            sukarela_interest(&vector_month(), &s).unwrap().credited,
            dec!(0)
        );
    }

    #[test]
    fn pph_on_interest() {
        let s = InterestTaxSettings::default();
        assert_eq!(interest_tax(dec!(240000), &s).unwrap().tax, dec!(0));
        assert_eq!(interest_tax(dec!(240001), &s).unwrap().tax, dec!(24000));
        let t = interest_tax(dec!(300000), &s).unwrap();
        assert_eq!((t.tax, t.net), (dec!(30000), dec!(270000)));
        assert_eq!(
            interest_tax(dec!(-1), &s),
            Err(SavingsError::NegativeInterest)
        );
    }

    #[test]
    fn berjangka() {
        let d = TimeDeposit {
            principal: dec!(100000000),
            rate_percent_per_year: dec!(6),
            term_months: 6,
            tax: Some(InterestTaxSettings::default()),
        };
        let m = time_deposit_maturity(&d).unwrap();
        assert_eq!(m.gross_interest, dec!(3000000));
        assert_eq!(m.tax, dec!(300000));
        assert_eq!(m.maturity_amount, dec!(102700000));
        let small = TimeDeposit {
            principal: dec!(10000000),
            term_months: 3,
            ..d.clone()
        };
        let m = time_deposit_maturity(&small).unwrap();
        assert_eq!((m.gross_interest, m.tax), (dec!(150000), dec!(0)));
        assert_eq!(
            time_deposit_maturity(&TimeDeposit {
                term_months: 0,
                ..d
            })
            .unwrap_err()
            .field(),
            "term_months"
        );
        assert!(!SavingsKind::Wajib.withdrawable_while_member());
        assert!(SavingsKind::Sukarela.withdrawable_while_member());
    }

    proptest! {
        #[test]
        fn interest_never_negative_and_tax_bounded(
            segs in proptest::collection::vec((0i64..1_000_000_000, 0u32..31), 1..10),
            rate in 0u32..2000,
        ) {
            let month = MonthBalances {
                opening_balance: Decimal::ZERO,
                segments: segs.iter().map(|(b, d)| BalanceSegment { balance: Decimal::from(*b), days: *d }).collect(),
            };
            for s in [SukarelaSettings::daily_balance(Decimal::new(rate as i64, 2)), SukarelaSettings::minimum_balance(Decimal::new(rate as i64, 2))] {
                if let Ok(r) = sukarela_interest(&month, &s) {
                    prop_assert!(r.credited >= Decimal::ZERO);
                    let t = interest_tax(r.credited, &InterestTaxSettings::default()).unwrap();
                    prop_assert!(t.net >= Decimal::ZERO);
                    prop_assert_eq!(t.net + t.tax, r.credited);
                }
            }
        }
    }
}
