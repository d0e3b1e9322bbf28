//! Retail package (minimarket, toko): the POS core and inventory, with today's till.
use utoipa_axum::router::OpenApiRouter;

pub mod seed;

use domain::tax::{PriceMode, TaxSettings};

use crate::kernel::package::{no_migrations, Layer, Package};
use crate::kernel::state::AppState;

/// Retail sells through the POS core and inventory modules; it adds no routes of its own.
fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}

/// A minimarket's shelf price includes PPN (DPP nilai lain).
fn shelf_prices_include_ppn() -> TaxSettings {
    TaxSettings::ppn_nilai_lain(PriceMode::Inclusive)
}

pub static PACKAGE: Package = Package {
    code: "retail",
    layer: Layer::Package,
    requires: &["pos", "inventory", "purchasing"],
    industries: &["retail"],
    permissions: &[],
    routes,
    migrations: no_migrations,
    seed: Some(seed::seed),
    default_tax: Some(shelf_prices_include_ppn),
    homes: &[],
    dashboard: None,
    platform: None,
    volume: None,
};
