//! Retail package (minimarket, toko): the POS core and inventory, with today's till.
use utoipa_axum::router::OpenApiRouter;

pub mod seed;

use crate::kernel::package::{no_migrations, Layer, Package};
use crate::kernel::state::AppState;

/// Retail sells through the POS core and inventory modules; it adds no routes of its own.
fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}

pub static PACKAGE: Package = Package {
    code: "retail",
    layer: Layer::Package,
    requires: &["pos", "inventory"],
    industries: &["retail"],
    permissions: &[],
    routes,
    migrations: no_migrations,
    seed: Some(seed::seed),
};
