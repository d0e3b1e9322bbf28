//! Inventory module: catalogue (categories, products, barcodes, outlet prices, import and
//! export) and stock.
use crate::kernel::package::{Layer, Package};

pub mod api;
pub mod entity;
mod migration;
pub mod permissions;
pub mod repo;

pub static MODULE: Package = Package {
    code: "inventory",
    layer: Layer::Module,
    requires: &[],
    industries: &[],
    permissions: permissions::ALL,
    routes: api::routes,
    migrations: migration::all,
    seed: None,
    default_tax: None,
    homes: &[],
    dashboard: None,
    platform: None,
    volume: None,
};
