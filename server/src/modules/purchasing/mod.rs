//! Purchasing module: suppliers and what they supply, purchase orders (with a manager's
//! approval above an amount), goods receipts that move stock in at their cost and set the
//! outlet's moving average cost, returns to supplier at that cost, the reorder list, and
//! the supplier's own portal. Used by every package that buys goods (retail now; F&B,
//! pharmacy and workshops later).
use crate::kernel::package::{Layer, Package};

pub mod api;
pub mod entity;
mod migration;
pub mod permissions;
pub mod repo;
pub mod seed;
pub mod volume;

pub static MODULE: Package = Package {
    code: "purchasing",
    layer: Layer::Module,
    requires: &["inventory"],
    industries: &[],
    permissions: permissions::ALL,
    routes: api::routes,
    migrations: migration::all,
    seed: Some(seed::seed),
    default_tax: None,
    homes: &[],
    dashboard: None,
    platform: None,
    volume: Some(volume::seed_volume),
};
