//! Koperasi simpan pinjam loans: schedules, denda, payment allocation,
//! early payoff and collectibility (kolektibilitas).

pub mod allocation;
pub mod amortization;
pub mod collectibility;
pub mod ledger;
pub mod payoff;
pub mod penalty;

pub use allocation::{
    allocate_payment, Allocation, AllocationError, AllocationOrder, Component, Dues,
};
pub use amortization::{
    annuity_payment, due_date, monthly_rate, schedule, LoanError, LoanMethod, LoanTerms,
    RatePeriod, Schedule, ScheduleRow, MAX_PRINCIPAL, MAX_TENOR_MONTHS,
};
pub use collectibility::{
    classify, portfolio_reserve, required_reserve, Collectibility, CollectibilityError,
    CollectibilityRule, CollectibilitySettings, LoanArrears, ReserveRates,
};
pub use payoff::{payoff_amount, Payoff, PayoffError, PayoffInterestRule, PayoffSettings};
pub use penalty::{days_late, penalty, PenaltyCap, PenaltyError, PenaltyPeriod, PenaltySettings};
