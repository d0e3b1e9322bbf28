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

/// What a loan costs to take out, fixed when it is applied for: the product's flat
/// administration fee and its provision (a percentage of the principal, to the rupiah,
/// halves up), and what the member receives when both are deducted at disbursement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fees {
    pub admin: rust_decimal::Decimal,
    pub provision: rust_decimal::Decimal,
}

impl Fees {
    pub fn of(
        principal: rust_decimal::Decimal,
        admin_fee: rust_decimal::Decimal,
        provision_percent: rust_decimal::Decimal,
    ) -> Fees {
        Fees {
            admin: admin_fee,
            provision: crate::money::round_rupiah(
                principal * provision_percent / rust_decimal::Decimal::ONE_HUNDRED,
                crate::money::Rounding::HalfUp,
            ),
        }
    }

    pub fn total(&self) -> rust_decimal::Decimal {
        self.admin + self.provision
    }

    /// The cash handed over when the fees are taken from the principal.
    pub fn net_when_deducted(&self, principal: rust_decimal::Decimal) -> rust_decimal::Decimal {
        principal - self.total()
    }
}

#[cfg(test)]
mod fee_tests {
    use super::Fees;
    use rust_decimal_macros::dec;

    #[test]
    fn provision_rounds_half_up_and_net_takes_both_fees() {
        let f = Fees::of(dec!(3_000_000), dec!(25_000), dec!(1.25));
        assert_eq!(f.provision, dec!(37_500));
        assert_eq!(f.total(), dec!(62_500));
        assert_eq!(f.net_when_deducted(dec!(3_000_000)), dec!(2_937_500));
        // 1% of Rp1.050 is Rp10,50: a half goes up.
        assert_eq!(Fees::of(dec!(1_050), dec!(0), dec!(1)).provision, dec!(11));
    }
}
