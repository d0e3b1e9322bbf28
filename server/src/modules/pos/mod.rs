//! POS core module.
use crate::kernel::package::{Layer, Package};

pub mod api;
mod dashboard;
pub mod entity;
mod migration;
pub mod permissions;
pub mod repo;
pub mod volume;

pub static MODULE: Package = Package {
    code: "pos",
    layer: Layer::Module,
    requires: &["inventory"],
    industries: &[],
    permissions: permissions::ALL,
    routes: api::routes,
    migrations: migration::all,
    seed: None,
    default_tax: None,
    homes: &[],
    dashboard: Some(dashboard::part),
    platform: Some(dashboard::platform_part),
    volume: Some(volume::seed_volume),
};
