//! Koperasi simpan pinjam loans: schedules, denda, payment allocation,
//! early payoff and collectibility (kolektibilitas).

pub mod amortization;

pub use amortization::{
    monthly_rate, schedule, LoanError, LoanMethod, LoanTerms, RatePeriod, Schedule, ScheduleRow,
};
