//! Koperasi simpan pinjam (savings and loans cooperative) package.
use crate::kernel::package::{Layer, Package};

pub mod api;
mod dashboard;
pub mod entity;
mod migration;
pub mod permissions;
pub mod repo;
pub mod seed;
pub mod volume;

pub static PACKAGE: Package = Package {
    code: "koperasi",
    layer: Layer::Package,
    // SHU's jasa usaha counts members' purchases at the koperasi's store (the POS core).
    requires: &["pos"],
    industries: &["koperasi"],
    permissions: permissions::ALL,
    routes: api::routes,
    migrations: migration::all,
    seed: Some(seed::seed),
    default_tax: None,
    homes: &[(crate::kernel::rbac::Role::Member, "/simpanan-saya")],
    dashboard: Some(dashboard::part),
    platform: Some(dashboard::platform_part),
    volume: Some(volume::seed_volume),
};
