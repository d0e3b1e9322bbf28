//! What every tenant has: tenants, outlets, users, devices, tokens, the audit log.
use crate::kernel::package::{Layer, Package};

pub mod api;
pub mod entity;
mod migration;
pub mod outlet_settings;
pub mod permissions;
pub mod repo;

pub static PACKAGE: Package = Package {
    code: "platform",
    layer: Layer::Platform,
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
