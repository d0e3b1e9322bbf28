//! What a package or platform module contributes, declared in one value. The router, the
//! OpenAPI document, the migrator, `GET /auth/me` and the role-matrix test walk the
//! registry (`packages::all()`); nothing else is edited to add a package.
use std::collections::BTreeSet;

use futures::future::BoxFuture;
use sea_orm::DatabaseTransaction;
use sea_orm_migration::MigrationTrait;
use utoipa_axum::router::OpenApiRouter;

use crate::kernel::error::ApiError;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// Tenants, outlets, users, devices, tokens, audit: every tenant has it.
    Platform,
    /// Shared by several packages (POS core, inventory, …): on when a package that is on
    /// requires it.
    Module,
    /// An industry package: on when one of the tenant's outlets runs its industry.
    Package,
}

/// The demo tenant a package's seed adds to.
pub struct SeedContext<'a> {
    pub tenant_id: &'a str,
    /// Audits what the seed creates, as `system:seed-demo`.
    pub audit: &'a crate::kernel::txn::Audit<'a>,
    /// `false` (tests that build their own data): only the package's demo outlet.
    pub with_catalogue: bool,
}

pub type SeedFn =
    for<'a> fn(&'a DatabaseTransaction, &'a SeedContext<'a>) -> BoxFuture<'a, Result<(), ApiError>>;

pub struct Package {
    /// What outlets' `industry`, the app's menu and `403 package_not_enabled` refer to.
    pub code: &'static str,
    pub layer: Layer,
    /// Modules this one builds on; they are switched on with it.
    pub requires: &'static [&'static str],
    /// Outlet industries that switch this package on (empty for platform and modules).
    pub industries: &'static [&'static str],
    pub permissions: &'static [Permission],
    /// Its `/api/v1` routes, each with its OpenAPI entry.
    pub routes: fn() -> OpenApiRouter<AppState>,
    /// Its schema migrations; the migrator runs everyone's in the order of their names.
    pub migrations: fn() -> Vec<Box<dyn MigrationTrait>>,
    /// Its part of the demo data, run in the seed's transaction after the platform's.
    pub seed: Option<SeedFn>,
    /// The tax an outlet of its industries prices with until the outlet saves its own
    /// (retail: PPN inside shelf prices).
    pub default_tax: Option<fn() -> domain::tax::TaxSettings>,
    /// The screen a role lands on when this package owns it (the koperasi's members land
    /// on their savings); roles no package names land on the platform's screens.
    pub homes: &'static [(crate::kernel::rbac::Role, &'static str)],
    /// Its part of the owner's dashboard (figures, series, tiles) for a period.
    pub dashboard: Option<DashboardFn>,
    /// Its part of the superadmin's platform dashboard: counts and sums across tenants.
    pub platform: Option<PlatformFn>,
    /// Its part of `satu seed-volume`: a busy history for benchmarks.
    pub volume: Option<VolumeFn>,
}

/// What `satu seed-volume` asks for; each package reads the part that is its own and does
/// nothing when that part is 0.
#[derive(Clone, Copy, Debug)]
pub struct VolumeArgs {
    /// Days of history, ending yesterday.
    pub days: u32,
    /// Retail outlets to fill with sales.
    pub outlets: u32,
    pub sales_per_day: u32,
    /// Koperasi members to add, with their savings and loans over the days.
    pub members: u32,
    /// Products the retail catalogue is brought up to, with the days' stock movements,
    /// suppliers and orders at the outlets.
    pub products: u32,
}

/// Rows written, by what they are (`penjualan` → 547,500).
pub type Written = Vec<(&'static str, u64)>;

pub type VolumeFn = for<'a> fn(
    &'a sea_orm::DatabaseConnection,
    VolumeArgs,
) -> BoxFuture<'a, Result<Written, ApiError>>;

/// A period of whole days in the outlets' zone: `from_day..=to_day`, stored-time bounds
/// `[from, to)` as UTC RFC 3339 text (how `sold_at` and the like are stored).
#[derive(Clone, Debug)]
pub struct Period {
    pub from_day: chrono::NaiveDate,
    pub to_day: chrono::NaiveDate,
    pub from: String,
    pub to: String,
}

/// What a package's part of the dashboard is asked for.
pub struct DashboardQuery<'a> {
    pub tenant_id: &'a str,
    /// Outlets the figures cover: the caller's, narrowed by the filter.
    pub outlets: &'a crate::kernel::repo::OutletScope,
    pub period: &'a Period,
    pub compare: &'a Period,
    /// Hours the outlets' zone is ahead of UTC.
    pub offset_hours: i64,
    pub auth: &'a crate::kernel::auth::Auth,
}

/// A package's part: the module that sells answers the figures and series, a package
/// with figures of its own answers tiles.
#[derive(Default)]
pub struct DashboardPart {
    pub kpis: Option<domain::api::dashboard::Kpis>,
    pub compare: Option<domain::api::dashboard::Kpis>,
    pub series: Option<domain::api::dashboard::Series>,
    pub tiles: Vec<domain::api::dashboard::Tile>,
}

pub type DashboardFn = for<'a> fn(
    &'a AppState,
    &'a DashboardQuery<'a>,
) -> BoxFuture<'a, Result<DashboardPart, ApiError>>;

/// What the platform dashboard asks every package for: local days `from_day..=to_day`,
/// and `since` (stored-time text, 24 hours ago) for what counts as active.
pub struct PlatformQuery {
    pub from_day: chrono::NaiveDate,
    pub to_day: chrono::NaiveDate,
    pub since: String,
}

/// A package's part of the platform dashboard: the module that sells answers the days and
/// the active tills, others add tiles. Never one tenant's details, only counts and sums.
#[derive(Default)]
pub struct PlatformPart {
    pub by_day: Option<Vec<domain::api::dashboard::PlatformDay>>,
    pub active_tills_24h: Option<u64>,
    pub tiles: Vec<domain::api::dashboard::Tile>,
}

pub type PlatformFn =
    for<'a> fn(&'a AppState, &'a PlatformQuery) -> BoxFuture<'a, Result<PlatformPart, ApiError>>;

pub type Registry = &'static [&'static Package];

pub fn no_migrations() -> Vec<Box<dyn MigrationTrait>> {
    Vec::new()
}

/// The codes switched on for a tenant whose outlets run `industries`: the platform, each
/// package of one of those industries, and what those require.
pub fn enabled<'a>(
    registry: Registry,
    industries: impl IntoIterator<Item = &'a str>,
) -> BTreeSet<&'static str> {
    let mut on: BTreeSet<&'static str> = registry
        .iter()
        .filter(|p| p.layer == Layer::Platform)
        .map(|p| p.code)
        .collect();
    let mut todo: Vec<&'static str> = Vec::new();
    for industry in industries {
        todo.extend(
            registry
                .iter()
                .filter(|p| p.industries.contains(&industry))
                .map(|p| p.code),
        );
    }
    while let Some(code) = todo.pop() {
        if on.insert(code) {
            if let Some(p) = find(registry, code) {
                todo.extend(p.requires.iter().copied());
            }
        }
    }
    on
}

pub fn find(registry: Registry, code: &str) -> Option<&'static Package> {
    registry.iter().copied().find(|p| p.code == code)
}

/// Every permission of every package, for `GET /auth/me` and the role-matrix test.
pub fn permissions(registry: Registry) -> impl Iterator<Item = Permission> {
    registry.iter().flat_map(|p| p.permissions.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routes() -> OpenApiRouter<AppState> {
        OpenApiRouter::new()
    }

    const PLATFORM: Package = Package {
        code: "platform",
        layer: Layer::Platform,
        requires: &[],
        industries: &[],
        permissions: &[],
        routes,
        migrations: no_migrations,
        seed: None,
        default_tax: None,
        homes: &[],
        dashboard: None,
        platform: None,
        volume: None,
    };
    static POS: Package = Package {
        code: "pos",
        layer: Layer::Module,
        requires: &["inventory"],
        ..PLATFORM
    };
    static INVENTORY: Package = Package {
        code: "inventory",
        layer: Layer::Module,
        ..PLATFORM
    };
    static RETAIL: Package = Package {
        code: "retail",
        layer: Layer::Package,
        requires: &["pos"],
        industries: &["retail"],
        ..PLATFORM
    };
    static REGISTRY: [&Package; 4] = [&PLATFORM, &POS, &INVENTORY, &RETAIL];

    #[test]
    fn a_package_brings_what_it_requires_and_nothing_else() {
        let on = enabled(&REGISTRY, ["retail"]);
        assert_eq!(
            on.into_iter().collect::<Vec<_>>(),
            ["inventory", "platform", "pos", "retail"]
        );
        let on = enabled(&REGISTRY, ["fnb", "beauty"]);
        assert_eq!(on.into_iter().collect::<Vec<_>>(), ["platform"]);
    }
}
