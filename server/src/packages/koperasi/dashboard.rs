//! The koperasi's tiles on the owner's dashboard: members, savings per product, loans
//! outstanding with PAR, and what was lent in the period.
use futures::future::BoxFuture;

use domain::api::dashboard::{Label, Tile, TileDetail, TileKind};

use crate::kernel::error::ApiError;
use crate::kernel::package::{DashboardPart, DashboardQuery, PlatformPart, PlatformQuery};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::packages::koperasi::repo::{figures, koperasi};

pub fn part<'a>(
    state: &'a AppState,
    q: &'a DashboardQuery<'a>,
) -> BoxFuture<'a, Result<DashboardPart, ApiError>> {
    Box::pin(async move {
        let db = &state.db;
        let mut tiles = Vec::new();
        if q.auth.can(Permission::MANAGE_MEMBERS) {
            tiles.push(Tile {
                package: "koperasi".into(),
                key: "members".into(),
                label: Label::new("Anggota aktif", "Active members"),
                kind: TileKind::Count,
                value: figures::active_members(db, q.tenant_id).await?.to_string(),
                detail: Vec::new(),
                link: Some("/anggota".into()),
            });
            let savings = figures::savings_by_product(db, q.tenant_id).await?;
            let total: i64 = savings.iter().map(|s| s.2).fold(0, i64::saturating_add);
            tiles.push(Tile {
                package: "koperasi".into(),
                key: "savings".into(),
                label: Label::new("Simpanan anggota", "Members' savings"),
                kind: TileKind::Money,
                value: total.to_string(),
                detail: savings
                    .into_iter()
                    .map(|(_, name, balance)| TileDetail {
                        label: Label::name(&name),
                        kind: TileKind::Money,
                        value: balance.to_string(),
                    })
                    .collect(),
                link: Some("/anggota".into()),
            });
        }
        if q.auth.can(Permission::VIEW_LOAN_PORTFOLIO) {
            let zone = koperasi::zone(db, q.tenant_id).await?;
            let day = q.period.to_day.min(zone.today());
            let p = crate::packages::koperasi::api::loan_reports::portfolio_of(
                state,
                q.tenant_id,
                day,
                crate::packages::koperasi::api::loan_reports::Listed::TotalsOnly,
            )
            .await?;
            let par = |days: u32| {
                p.par
                    .iter()
                    .find(|x| x.days == days)
                    .map(|x| x.percent.clone())
                    .unwrap_or_else(|| "0.00".into())
            };
            tiles.push(Tile {
                package: "koperasi".into(),
                key: "loans_outstanding".into(),
                label: Label::new("Pinjaman beredar", "Loans outstanding"),
                kind: TileKind::Money,
                value: p.outstanding.clone(),
                detail: vec![TileDetail {
                    label: Label::new("Pinjaman berjalan", "Running loans"),
                    kind: TileKind::Count,
                    value: p.classes.iter().map(|c| c.loans).sum::<u32>().to_string(),
                }],
                link: Some("/pinjaman".into()),
            });
            tiles.push(Tile {
                package: "koperasi".into(),
                key: "par30".into(),
                label: Label::new("PAR 30", "PAR 30"),
                kind: TileKind::Percent,
                value: par(30),
                detail: vec![
                    TileDetail {
                        label: Label::new("PAR 1", "PAR 1"),
                        kind: TileKind::Percent,
                        value: par(1),
                    },
                    TileDetail {
                        label: Label::new("PAR 90", "PAR 90"),
                        kind: TileKind::Percent,
                        value: par(90),
                    },
                ],
                link: Some("/pinjaman".into()),
            });
            let (n, amount) = figures::disbursed_between(
                db,
                q.tenant_id,
                &q.period.from_day.to_string(),
                &q.period.to_day.to_string(),
            )
            .await?;
            tiles.push(Tile {
                package: "koperasi".into(),
                key: "disbursed".into(),
                label: Label::new("Pencairan periode ini", "Disbursed this period"),
                kind: TileKind::Money,
                value: amount.to_string(),
                detail: vec![TileDetail {
                    label: Label::new("Jumlah pinjaman", "Loans"),
                    kind: TileKind::Count,
                    value: n.to_string(),
                }],
                link: Some("/pinjaman".into()),
            });
            // Of the principal and interest that fell due in the period, the share paid.
            let (due, paid) = figures::due_and_paid_between(
                db,
                q.tenant_id,
                &q.period.from_day.to_string(),
                &q.period.to_day.to_string(),
            )
            .await?;
            let rate = if due > 0 {
                let mut r = (rust_decimal::Decimal::from(paid)
                    * rust_decimal::Decimal::ONE_HUNDRED
                    / rust_decimal::Decimal::from(due))
                .round_dp(2);
                r.rescale(2);
                r.to_string()
            } else {
                "0.00".to_string()
            };
            tiles.push(Tile {
                package: "koperasi".into(),
                key: "collection_rate".into(),
                label: Label::new("Tingkat penagihan", "Collection rate"),
                kind: TileKind::Percent,
                value: rate,
                detail: vec![
                    TileDetail {
                        label: Label::new("Jatuh tempo periode ini", "Due this period"),
                        kind: TileKind::Money,
                        value: due.to_string(),
                    },
                    TileDetail {
                        label: Label::new("Sudah dibayar", "Paid so far"),
                        kind: TileKind::Money,
                        value: paid.to_string(),
                    },
                ],
                link: Some("/pinjaman".into()),
            });
        }
        Ok(DashboardPart {
            tiles,
            ..DashboardPart::default()
        })
    })
}

/// The koperasi's part of the platform dashboard: members and running loans across every
/// tenant, as counts.
pub fn platform_part<'a>(
    state: &'a AppState,
    _q: &'a PlatformQuery,
) -> BoxFuture<'a, Result<PlatformPart, ApiError>> {
    Box::pin(async move {
        let db = &state.db;
        let count = |package: &str, key: &str, label: Label, value: i64| Tile {
            package: package.into(),
            key: key.into(),
            label,
            kind: TileKind::Count,
            value: value.to_string(),
            detail: Vec::new(),
            link: None,
        };
        Ok(PlatformPart {
            tiles: vec![
                count(
                    "koperasi",
                    "members",
                    Label::new("Anggota koperasi aktif", "Active co-op members"),
                    figures::active_members_across_tenants(db).await?,
                ),
                count(
                    "koperasi",
                    "running_loans",
                    Label::new("Pinjaman berjalan", "Loans being repaid"),
                    figures::running_loans_across_tenants(db).await?,
                ),
            ],
            ..PlatformPart::default()
        })
    })
}
