//! Loan quality (kolektibilitas) and the required loss reserve (PPAP).
//!
//! Two rule sets, chosen per koperasi:
//! - **Koperasi** (Permen KUKM 14/2009): 4 classes from months in arrears,
//!   then collateral coverage once past Kurang Lancar.
//! - **OJK** (POJK 40/2019): 5 classes by days past due.
//!
//! Thresholds and reserve percentages are settings: the reserve rates found
//! (0.5/10/50/100 for koperasi) are unverified, and the OJK defaults
//! (1/5/15/50/100) are a common convention, not a quoted rule.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::{round_rupiah, Rounding};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collectibility {
    Lancar,
    /// OJK only.
    DalamPerhatianKhusus,
    KurangLancar,
    Diragukan,
    Macet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstallmentFrequency {
    Daily,
    Weekly,
    #[default]
    Monthly,
    BiMonthly,
    Quarterly,
    SemiAnnual,
}

/// Months-in-arrears band for Kurang Lancar: `> lower` and `<= upper`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrearsBand {
    pub lower: u32,
    pub upper: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KoperasiRules {
    /// Monthly, 2-monthly and 3-monthly instalments: >3 and ≤6 months.
    pub monthly_band: ArrearsBand,
    /// Daily and weekly instalments: >1 and ≤2 months.
    pub daily_weekly_band: ArrearsBand,
    /// 6-monthly instalments: >6 and ≤12 months.
    pub semiannual_band: ArrearsBand,
    /// Interest arrears: >3 and ≤6 months.
    pub interest_band: ArrearsBand,
    /// Collateral coverage (percent of debt) that keeps a salvageable loan
    /// at Diragukan.
    pub salvageable_coverage_percent: Decimal,
    /// Coverage that keeps an unsalvageable loan at Diragukan.
    pub unsalvageable_coverage_percent: Decimal,
    /// A Diragukan loan unresolved this long becomes Macet.
    pub diragukan_max_months: u32,
}

impl Default for KoperasiRules {
    fn default() -> Self {
        KoperasiRules {
            monthly_band: ArrearsBand { lower: 3, upper: 6 },
            daily_weekly_band: ArrearsBand { lower: 1, upper: 2 },
            semiannual_band: ArrearsBand {
                lower: 6,
                upper: 12,
            },
            interest_band: ArrearsBand { lower: 3, upper: 6 },
            salvageable_coverage_percent: Decimal::from(75),
            unsalvageable_coverage_percent: Decimal::ONE_HUNDRED,
            diragukan_max_months: 21,
        }
    }
}

/// Upper bounds (inclusive) of days past due for classes 1–4; beyond the
/// last is Macet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OjkRules {
    pub lancar_max_dpd: u32,
    pub dpk_max_dpd: u32,
    pub kurang_lancar_max_dpd: u32,
    pub diragukan_max_dpd: u32,
}

impl Default for OjkRules {
    fn default() -> Self {
        OjkRules {
            lancar_max_dpd: 0,
            dpk_max_dpd: 90,
            kurang_lancar_max_dpd: 120,
            diragukan_max_dpd: 180,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "system")]
pub enum CollectibilityRule {
    Koperasi(KoperasiRules),
    Ojk(OjkRules),
}

/// Reserve percentage per class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReserveRates {
    pub lancar: Decimal,
    pub dalam_perhatian_khusus: Decimal,
    pub kurang_lancar: Decimal,
    pub diragukan: Decimal,
    pub macet: Decimal,
}

impl ReserveRates {
    pub fn koperasi_default() -> Self {
        ReserveRates {
            lancar: Decimal::new(5, 1),
            dalam_perhatian_khusus: Decimal::new(5, 1),
            kurang_lancar: Decimal::from(10),
            diragukan: Decimal::from(50),
            macet: Decimal::ONE_HUNDRED,
        }
    }

    pub fn ojk_default() -> Self {
        ReserveRates {
            lancar: Decimal::ONE,
            dalam_perhatian_khusus: Decimal::from(5),
            kurang_lancar: Decimal::from(15),
            diragukan: Decimal::from(50),
            macet: Decimal::ONE_HUNDRED,
        }
    }

    pub fn rate(&self, class: Collectibility) -> Decimal {
        match class {
            Collectibility::Lancar => self.lancar,
            Collectibility::DalamPerhatianKhusus => self.dalam_perhatian_khusus,
            Collectibility::KurangLancar => self.kurang_lancar,
            Collectibility::Diragukan => self.diragukan,
            Collectibility::Macet => self.macet,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectibilitySettings {
    pub rule: CollectibilityRule,
    pub reserve: ReserveRates,
}

impl CollectibilitySettings {
    pub fn koperasi() -> Self {
        CollectibilitySettings {
            rule: CollectibilityRule::Koperasi(KoperasiRules::default()),
            reserve: ReserveRates::koperasi_default(),
        }
    }

    pub fn ojk() -> Self {
        CollectibilitySettings {
            rule: CollectibilityRule::Ojk(OjkRules::default()),
            reserve: ReserveRates::ojk_default(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanArrears {
    /// For the OJK rule.
    pub days_past_due: u32,
    /// For the koperasi rule: months of principal in arrears.
    pub principal_arrears_months: u32,
    pub interest_arrears_months: u32,
    pub frequency: InstallmentFrequency,
    pub outstanding: Decimal,
    pub collateral_value: Decimal,
    /// Pengurus' judgement that the loan can still be rescued.
    pub salvageable: bool,
    /// Months the loan has already been Diragukan.
    #[serde(default)]
    pub months_in_diragukan: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum CollectibilityError {
    #[error("saldo pinjaman tidak boleh negatif")]
    NegativeOutstanding,
    #[error("nilai agunan tidak boleh negatif")]
    NegativeCollateral,
    #[error("persentase cadangan harus antara 0 dan 100")]
    ReserveRateOutOfRange,
    #[error("perhitungan cadangan melampaui batas angka")]
    Overflow,
}

impl CollectibilityError {
    pub fn field(&self) -> &'static str {
        match self {
            CollectibilityError::NegativeOutstanding => "outstanding",
            CollectibilityError::NegativeCollateral => "collateral_value",
            CollectibilityError::ReserveRateOutOfRange => "reserve",
            CollectibilityError::Overflow => "outstanding",
        }
    }
}

pub fn classify(
    arrears: &LoanArrears,
    rule: &CollectibilityRule,
) -> Result<Collectibility, CollectibilityError> {
    if arrears.outstanding < Decimal::ZERO {
        return Err(CollectibilityError::NegativeOutstanding);
    }
    if arrears.collateral_value < Decimal::ZERO {
        return Err(CollectibilityError::NegativeCollateral);
    }
    Ok(match rule {
        CollectibilityRule::Ojk(r) => {
            let d = arrears.days_past_due;
            if d <= r.lancar_max_dpd {
                Collectibility::Lancar
            } else if d <= r.dpk_max_dpd {
                Collectibility::DalamPerhatianKhusus
            } else if d <= r.kurang_lancar_max_dpd {
                Collectibility::KurangLancar
            } else if d <= r.diragukan_max_dpd {
                Collectibility::Diragukan
            } else {
                Collectibility::Macet
            }
        }
        CollectibilityRule::Koperasi(r) => classify_koperasi(arrears, r),
    })
}

fn classify_koperasi(a: &LoanArrears, r: &KoperasiRules) -> Collectibility {
    let band = match a.frequency {
        InstallmentFrequency::Daily | InstallmentFrequency::Weekly => r.daily_weekly_band,
        InstallmentFrequency::Monthly
        | InstallmentFrequency::BiMonthly
        | InstallmentFrequency::Quarterly => r.monthly_band,
        InstallmentFrequency::SemiAnnual => r.semiannual_band,
    };
    let p = a.principal_arrears_months;
    let i = a.interest_arrears_months;
    if p <= band.lower && i <= r.interest_band.lower {
        return Collectibility::Lancar;
    }
    if p <= band.upper && i <= r.interest_band.upper {
        return Collectibility::KurangLancar;
    }
    // Past Kurang Lancar: collateral decides between Diragukan and Macet.
    // Overflow here means collateral dwarfs the debt (by more than ~10^26
    // times), i.e. coverage beyond any threshold: saturate, don't fail.
    let coverage = if a.outstanding.is_zero() {
        Decimal::ONE_HUNDRED
    } else {
        a.collateral_value
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(a.outstanding))
            .unwrap_or(Decimal::MAX)
    };
    let covered = (a.salvageable && coverage >= r.salvageable_coverage_percent)
        || coverage >= r.unsalvageable_coverage_percent;
    if covered && a.months_in_diragukan < r.diragukan_max_months {
        Collectibility::Diragukan
    } else {
        Collectibility::Macet
    }
}

/// Required reserve (PPAP) for one loan, whole rupiah (half-up).
pub fn required_reserve(
    class: Collectibility,
    outstanding: Decimal,
    rates: &ReserveRates,
) -> Result<Decimal, CollectibilityError> {
    if outstanding < Decimal::ZERO {
        return Err(CollectibilityError::NegativeOutstanding);
    }
    let rate = rates.rate(class);
    if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
        return Err(CollectibilityError::ReserveRateOutOfRange);
    }
    Ok(round_rupiah(
        outstanding
            .checked_mul(rate)
            .ok_or(CollectibilityError::Overflow)?
            / Decimal::ONE_HUNDRED,
        Rounding::HalfUp,
    ))
}

/// PPAP for a portfolio: Σ rate × balance per class.
pub fn portfolio_reserve(
    loans: &[(Collectibility, Decimal)],
    rates: &ReserveRates,
) -> Result<Decimal, CollectibilityError> {
    loans.iter().try_fold(Decimal::ZERO, |acc, (c, b)| {
        acc.checked_add(required_reserve(*c, *b, rates)?)
            .ok_or(CollectibilityError::Overflow)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn extreme_amounts_do_not_panic() {
        let rates = ReserveRates::koperasi_default();
        assert_eq!(
            required_reserve(Collectibility::Macet, Decimal::MAX, &rates),
            Err(CollectibilityError::Overflow)
        );
        // Each reserve fits (100% of MAX/101), their sum does not.
        let big = (Decimal::MAX / dec!(101)).floor();
        assert_eq!(
            required_reserve(Collectibility::Macet, big, &rates),
            Ok(big)
        );
        let loans = vec![(Collectibility::Macet, big); 102];
        assert_eq!(
            portfolio_reserve(&loans, &rates),
            Err(CollectibilityError::Overflow)
        );
        assert_eq!(CollectibilityError::Overflow.field(), "outstanding");
        // Collateral beyond any ratio keeps the loan covered.
        let a = LoanArrears {
            outstanding: dec!(0.0001),
            collateral_value: Decimal::MAX,
            salvageable: true,
            ..arrears(12, 12)
        };
        let rule = CollectibilityRule::Koperasi(KoperasiRules::default());
        assert_eq!(classify(&a, &rule), Ok(Collectibility::Diragukan));
    }

    fn arrears(p: u32, i: u32) -> LoanArrears {
        LoanArrears {
            principal_arrears_months: p,
            interest_arrears_months: i,
            outstanding: dec!(10000000),
            ..LoanArrears::default()
        }
    }

    #[test]
    fn koperasi_classes() {
        let rule = CollectibilityRule::Koperasi(KoperasiRules::default());
        let c = |a: &LoanArrears| classify(a, &rule).unwrap();
        assert_eq!(c(&arrears(0, 0)), Collectibility::Lancar);
        assert_eq!(c(&arrears(3, 3)), Collectibility::Lancar);
        assert_eq!(c(&arrears(4, 0)), Collectibility::KurangLancar);
        assert_eq!(c(&arrears(6, 6)), Collectibility::KurangLancar);
        assert_eq!(c(&arrears(0, 4)), Collectibility::KurangLancar);
        let mut a = arrears(7, 7);
        assert_eq!(c(&a), Collectibility::Macet);
        a.salvageable = true;
        a.collateral_value = dec!(7500000);
        assert_eq!(c(&a), Collectibility::Diragukan);
        a.salvageable = false;
        assert_eq!(c(&a), Collectibility::Macet);
        a.collateral_value = dec!(10000000);
        assert_eq!(c(&a), Collectibility::Diragukan);
        a.months_in_diragukan = 21;
        assert_eq!(c(&a), Collectibility::Macet);
        let mut weekly = arrears(2, 0);
        weekly.frequency = InstallmentFrequency::Weekly;
        assert_eq!(c(&weekly), Collectibility::KurangLancar);
        let mut semi = arrears(6, 0);
        semi.frequency = InstallmentFrequency::SemiAnnual;
        assert_eq!(c(&semi), Collectibility::Lancar);
    }

    #[test]
    fn ojk_classes() {
        let rule = CollectibilityRule::Ojk(OjkRules::default());
        let c = |d| {
            classify(
                &LoanArrears {
                    days_past_due: d,
                    ..LoanArrears::default()
                },
                &rule,
            )
            .unwrap()
        };
        assert_eq!(c(0), Collectibility::Lancar);
        assert_eq!(c(1), Collectibility::DalamPerhatianKhusus);
        assert_eq!(c(90), Collectibility::DalamPerhatianKhusus);
        assert_eq!(c(91), Collectibility::KurangLancar);
        assert_eq!(c(120), Collectibility::KurangLancar);
        assert_eq!(c(121), Collectibility::Diragukan);
        assert_eq!(c(180), Collectibility::Diragukan);
        assert_eq!(c(181), Collectibility::Macet);
    }

    #[test]
    fn reserves() {
        let k = CollectibilitySettings::koperasi();
        let loans = [
            (Collectibility::Lancar, dec!(100000000)),
            (Collectibility::KurangLancar, dec!(10000000)),
            (Collectibility::Diragukan, dec!(4000000)),
            (Collectibility::Macet, dec!(1000000)),
        ];
        // 500,000 + 1,000,000 + 2,000,000 + 1,000,000
        assert_eq!(portfolio_reserve(&loans, &k.reserve), Ok(dec!(4500000)));
        let o = CollectibilitySettings::ojk();
        assert_eq!(
            required_reserve(
                Collectibility::DalamPerhatianKhusus,
                dec!(1000000),
                &o.reserve
            ),
            Ok(dec!(50000))
        );
        let json = serde_json::to_value(&k.rule).unwrap();
        assert_eq!(json["system"], "koperasi");
        assert_eq!(
            serde_json::to_value(Collectibility::KurangLancar).unwrap(),
            serde_json::json!("kurang_lancar")
        );
    }
}
