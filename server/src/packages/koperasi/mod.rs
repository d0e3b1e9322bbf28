//! Koperasi simpan pinjam (savings and loans cooperative) package.
use crate::kernel::package::{Layer, Package};

pub mod api;
pub mod entity;
mod migration;
pub mod permissions;
pub mod repo;

pub static PACKAGE: Package = Package {
    code: "koperasi",
    layer: Layer::Package,
    requires: &[],
    industries: &["koperasi"],
    permissions: permissions::ALL,
    routes: api::routes,
    migrations: migration::all,
    seed: None,
};
