//! SHU (Sisa Hasil Usaha) distribution under UU 25/1992 Art. 45.
//!
//! The year's SHU is first split into the AD/ART funds (cadangan, jasa
//! anggota, dana pengurus, …), then the jasa modal pool is shared by member
//! savings and the jasa usaha pool by member transactions:
//! `SHU_a = (S_a/S_total)·JMA + (T_a/T_total)·JUA`.
//! Every split uses largest remainder in whole rupiah, so the pools sum to the
//! SHU and the member shares sum to their pools — nothing created or lost.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::{split_largest_remainder, Money, MoneyError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShuMember {
    pub member: String,
    /// Savings counted for jasa modal (AD/ART decides which kinds).
    pub savings: Decimal,
    /// Transactions counted for jasa usaha (purchases, or interest paid in a KSP).
    pub transactions: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShuInput {
    /// SHU for members, in whole rupiah (SHU from non-members excluded).
    pub shu_total: Decimal,
    /// Named funds and their percentages; must sum to exactly 100.
    pub allocation: Vec<(String, Decimal)>,
    /// Name of the allocation entry shared by savings.
    pub jasa_modal_pool: String,
    /// Name of the allocation entry shared by transactions.
    pub jasa_usaha_pool: String,
    pub members: Vec<ShuMember>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShuMemberShare {
    pub member: String,
    pub jasa_modal: Decimal,
    pub jasa_usaha: Decimal,
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShuResult {
    /// Each allocation entry in input order, in whole rupiah.
    pub pools: Vec<(String, Decimal)>,
    /// One share per member, in input order.
    pub members: Vec<ShuMemberShare>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum ShuError {
    #[error("SHU tidak boleh negatif")]
    NegativeShu,
    #[error("SHU harus dalam rupiah bulat")]
    ShuNotWhole,
    #[error("pembagian SHU (AD/ART) kosong")]
    EmptyAllocation,
    #[error("jumlah persentase pembagian SHU harus tepat 100%, bukan {sum}%")]
    AllocationNot100 { sum: Decimal },
    #[error("persentase dana '{name}' tidak boleh negatif")]
    NegativePercent { name: String },
    #[error("nama dana '{name}' muncul lebih dari sekali")]
    DuplicatePool { name: String },
    #[error("nama dana tidak boleh kosong")]
    EmptyPoolName,
    #[error("dana jasa modal '{name}' tidak ada dalam pembagian")]
    UnknownJasaModalPool { name: String },
    #[error("dana jasa usaha '{name}' tidak ada dalam pembagian")]
    UnknownJasaUsahaPool { name: String },
    #[error("dana jasa modal dan jasa usaha harus berbeda")]
    SamePool,
    #[error("anggota '{member}' muncul lebih dari sekali")]
    DuplicateMember { member: String },
    #[error("simpanan anggota '{member}' tidak boleh negatif")]
    NegativeSavings { member: String },
    #[error("transaksi anggota '{member}' tidak boleh negatif")]
    NegativeTransactions { member: String },
    #[error("tidak ada simpanan anggota untuk membagi jasa modal")]
    NoSavings,
    #[error("tidak ada transaksi anggota untuk membagi jasa usaha")]
    NoTransactions,
    #[error("perhitungan melampaui batas angka")]
    Overflow,
}

impl ShuError {
    /// The input field at fault (for a 422 response).
    pub fn field(&self) -> &'static str {
        match self {
            ShuError::NegativeShu | ShuError::ShuNotWhole | ShuError::Overflow => "shu_total",
            ShuError::EmptyAllocation
            | ShuError::AllocationNot100 { .. }
            | ShuError::NegativePercent { .. }
            | ShuError::DuplicatePool { .. }
            | ShuError::EmptyPoolName => "allocation",
            ShuError::UnknownJasaModalPool { .. } => "jasa_modal_pool",
            ShuError::UnknownJasaUsahaPool { .. } | ShuError::SamePool => "jasa_usaha_pool",
            ShuError::DuplicateMember { .. }
            | ShuError::NegativeSavings { .. }
            | ShuError::NegativeTransactions { .. }
            | ShuError::NoSavings
            | ShuError::NoTransactions => "members",
        }
    }
}

/// Validate an AD/ART allocation and split `shu_total` across it.
pub fn allocate(
    shu_total: Decimal,
    allocation: &[(String, Decimal)],
) -> Result<Vec<(String, Decimal)>, ShuError> {
    if shu_total < Decimal::ZERO {
        return Err(ShuError::NegativeShu);
    }
    if !shu_total.fract().is_zero() {
        return Err(ShuError::ShuNotWhole);
    }
    if allocation.is_empty() {
        return Err(ShuError::EmptyAllocation);
    }
    let mut names = HashSet::with_capacity(allocation.len());
    let mut sum = Decimal::ZERO;
    for (name, pct) in allocation {
        if name.trim().is_empty() {
            return Err(ShuError::EmptyPoolName);
        }
        if !names.insert(name.as_str()) {
            return Err(ShuError::DuplicatePool { name: name.clone() });
        }
        if *pct < Decimal::ZERO {
            return Err(ShuError::NegativePercent { name: name.clone() });
        }
        sum = sum.checked_add(*pct).ok_or(ShuError::Overflow)?;
    }
    if sum != Decimal::ONE_HUNDRED {
        return Err(ShuError::AllocationNot100 {
            sum: sum.normalize(),
        });
    }
    let weights: Vec<Decimal> = allocation.iter().map(|(_, p)| *p).collect();
    let parts = split_largest_remainder(Money::new(shu_total), &weights).map_err(map_money)?;
    Ok(allocation
        .iter()
        .zip(parts)
        .map(|((name, _), m)| (name.clone(), m.amount()))
        .collect())
}

fn map_money(e: MoneyError) -> ShuError {
    match e {
        MoneyError::NotMultipleOfUnit { .. } => ShuError::ShuNotWhole,
        _ => ShuError::Overflow,
    }
}

/// Share `pool` by `weights`; an empty pool needs no weights.
fn share(pool: Decimal, weights: &[Decimal], none: ShuError) -> Result<Vec<Decimal>, ShuError> {
    if pool.is_zero() {
        return Ok(vec![Decimal::ZERO; weights.len()]);
    }
    match split_largest_remainder(Money::new(pool), weights) {
        Ok(parts) => Ok(parts.into_iter().map(|m| m.amount()).collect()),
        Err(MoneyError::ZeroTotalWeight | MoneyError::NoWeights) => Err(none),
        Err(e) => Err(map_money(e)),
    }
}

pub fn distribute(input: &ShuInput) -> Result<ShuResult, ShuError> {
    if input.jasa_modal_pool == input.jasa_usaha_pool {
        return Err(ShuError::SamePool);
    }
    let pools = allocate(input.shu_total, &input.allocation)?;
    let find = |name: &str| pools.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
    let jma = find(&input.jasa_modal_pool).ok_or_else(|| ShuError::UnknownJasaModalPool {
        name: input.jasa_modal_pool.clone(),
    })?;
    let jua = find(&input.jasa_usaha_pool).ok_or_else(|| ShuError::UnknownJasaUsahaPool {
        name: input.jasa_usaha_pool.clone(),
    })?;

    let mut seen = HashSet::with_capacity(input.members.len());
    for m in &input.members {
        if !seen.insert(m.member.as_str()) {
            return Err(ShuError::DuplicateMember {
                member: m.member.clone(),
            });
        }
        if m.savings < Decimal::ZERO {
            return Err(ShuError::NegativeSavings {
                member: m.member.clone(),
            });
        }
        if m.transactions < Decimal::ZERO {
            return Err(ShuError::NegativeTransactions {
                member: m.member.clone(),
            });
        }
    }

    let savings: Vec<Decimal> = input.members.iter().map(|m| m.savings).collect();
    let transactions: Vec<Decimal> = input.members.iter().map(|m| m.transactions).collect();
    let modal = share(jma, &savings, ShuError::NoSavings)?;
    let usaha = share(jua, &transactions, ShuError::NoTransactions)?;

    let members = input
        .members
        .iter()
        .zip(modal.into_iter().zip(usaha))
        .map(|(m, (jasa_modal, jasa_usaha))| {
            // Both parts come out of `shu_total`, so this cannot overflow;
            // checked all the same.
            Ok(ShuMemberShare {
                member: m.member.clone(),
                jasa_modal,
                jasa_usaha,
                total: jasa_modal
                    .checked_add(jasa_usaha)
                    .ok_or(ShuError::Overflow)?,
            })
        })
        .collect::<Result<Vec<_>, ShuError>>()?;
    Ok(ShuResult { pools, members })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn member(id: &str, savings: Decimal, transactions: Decimal) -> ShuMember {
        ShuMember {
            member: id.into(),
            savings,
            transactions,
        }
    }

    fn alloc(items: &[(&str, Decimal)]) -> Vec<(String, Decimal)> {
        items.iter().map(|(n, p)| (n.to_string(), *p)).collect()
    }

    #[test]
    fn ilmuantekno_vector() {
        // JM 20%, JU 30%, the rest to other funds.
        let input = ShuInput {
            shu_total: dec!(2000000),
            allocation: alloc(&[
                ("jasa_modal", dec!(20)),
                ("jasa_usaha", dec!(30)),
                ("lain", dec!(50)),
            ]),
            jasa_modal_pool: "jasa_modal".into(),
            jasa_usaha_pool: "jasa_usaha".into(),
            members: vec![
                member("A", dec!(500000), dec!(1000000)),
                member("others", dec!(9500000), dec!(14000000)),
            ],
        };
        let r = distribute(&input).unwrap();
        assert_eq!(r.members[0].jasa_modal, dec!(20000));
        assert_eq!(r.members[0].jasa_usaha, dec!(40000));
        assert_eq!(r.members[0].total, dec!(60000));
    }

    #[test]
    fn beritaharianku_vector() {
        let input = ShuInput {
            shu_total: dec!(60000000),
            allocation: alloc(&[
                ("jasa_pinjaman", dec!(25)),
                ("jasa_modal", dec!(20)),
                ("lain", dec!(55)),
            ]),
            jasa_modal_pool: "jasa_modal".into(),
            jasa_usaha_pool: "jasa_pinjaman".into(),
            members: vec![
                member("A", dec!(2000000), dec!(5000000)),
                member("others", dec!(98000000), dec!(70000000)),
            ],
        };
        let r = distribute(&input).unwrap();
        assert_eq!(r.members[0].jasa_usaha, dec!(1000000));
        assert_eq!(r.members[0].jasa_modal, dec!(240000));
        assert_eq!(r.members[0].total, dec!(1240000));
    }

    #[test]
    fn computed_vector_seven_funds() {
        let input = ShuInput {
            shu_total: dec!(100000000),
            allocation: alloc(&[
                ("cadangan", dec!(40)),
                ("jasa_modal", dec!(15)),
                ("jasa_usaha", dec!(25)),
                ("dana_pengurus", dec!(5)),
                ("dana_karyawan", dec!(5)),
                ("dana_pendidikan", dec!(5)),
                ("dana_sosial", dec!(2.5)),
                ("pembangunan_daerah_kerja", dec!(2.5)),
            ]),
            jasa_modal_pool: "jasa_modal".into(),
            jasa_usaha_pool: "jasa_usaha".into(),
            members: vec![
                member("A", dec!(2000000), dec!(12000000)),
                member("others", dec!(398000000), dec!(1488000000)),
            ],
        };
        let r = distribute(&input).unwrap();
        let pools: Vec<Decimal> = r.pools.iter().map(|(_, v)| *v).collect();
        assert_eq!(
            pools,
            vec![
                dec!(40000000),
                dec!(15000000),
                dec!(25000000),
                dec!(5000000),
                dec!(5000000),
                dec!(5000000),
                dec!(2500000),
                dec!(2500000)
            ]
        );
        assert_eq!(r.members[0].jasa_modal, dec!(75000));
        assert_eq!(r.members[0].jasa_usaha, dec!(200000));
        assert_eq!(r.members[0].total, dec!(275000));
    }

    #[test]
    fn errors_name_fields() {
        let base = ShuInput {
            shu_total: dec!(1000),
            allocation: alloc(&[("jm", dec!(50)), ("ju", dec!(50))]),
            jasa_modal_pool: "jm".into(),
            jasa_usaha_pool: "ju".into(),
            members: vec![member("A", dec!(1), dec!(1))],
        };
        assert!(distribute(&base).is_ok());
        let mut bad = base.clone();
        bad.allocation = alloc(&[("jm", dec!(50)), ("ju", dec!(49.99))]);
        let e = distribute(&bad).unwrap_err();
        assert_eq!(e, ShuError::AllocationNot100 { sum: dec!(99.99) });
        assert_eq!(e.field(), "allocation");
        assert_eq!(
            e.to_string(),
            "jumlah persentase pembagian SHU harus tepat 100%, bukan 99.99%"
        );
        let mut bad = base.clone();
        bad.jasa_modal_pool = "x".into();
        assert_eq!(distribute(&bad).unwrap_err().field(), "jasa_modal_pool");
        let mut bad = base.clone();
        bad.shu_total = dec!(-1);
        assert_eq!(distribute(&bad).unwrap_err().field(), "shu_total");
        let mut bad = base.clone();
        bad.members.push(member("A", dec!(1), dec!(1)));
        assert_eq!(distribute(&bad).unwrap_err().field(), "members");
        let mut bad = base.clone();
        bad.members[0].savings = dec!(0);
        assert_eq!(distribute(&bad).unwrap_err(), ShuError::NoSavings);
        let mut bad = base.clone();
        bad.allocation = alloc(&[("jm", dec!(50)), ("jm", dec!(50))]);
        assert!(matches!(
            distribute(&bad),
            Err(ShuError::SamePool | ShuError::DuplicatePool { .. })
        ));
    }

    proptest! {
        #[test]
        fn conserves_money(
            shu in 0i64..10_000_000_000,
            jm in 0u32..=100,
            members in proptest::collection::vec((0i64..100_000_000, 0i64..100_000_000), 1..60),
        ) {
            let ju = (100 - jm) / 2;
            let rest = 100 - jm - ju;
            let input = ShuInput {
                shu_total: Decimal::from(shu),
                allocation: alloc(&[("jm", Decimal::from(jm)), ("ju", Decimal::from(ju)), ("cadangan", Decimal::from(rest))]),
                jasa_modal_pool: "jm".into(),
                jasa_usaha_pool: "ju".into(),
                members: members.iter().enumerate().map(|(i, (s, t))| member(&i.to_string(), Decimal::from(*s + 1), Decimal::from(*t + 1))).collect(),
            };
            let r = distribute(&input).unwrap();
            let pool_sum: Decimal = r.pools.iter().map(|(_, v)| *v).sum();
            prop_assert_eq!(pool_sum, input.shu_total);
            let jm_sum: Decimal = r.members.iter().map(|m| m.jasa_modal).sum();
            let ju_sum: Decimal = r.members.iter().map(|m| m.jasa_usaha).sum();
            prop_assert_eq!(jm_sum, r.pools[0].1);
            prop_assert_eq!(ju_sum, r.pools[1].1);
            for m in &r.members {
                prop_assert!(m.total >= Decimal::ZERO);
                prop_assert_eq!(m.total, m.jasa_modal + m.jasa_usaha);
            }
        }
    }
}
