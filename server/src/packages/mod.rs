//! Industry packages, and the registry: the one list of everything this server serves.
//! Adding a package is a folder here (and one in the app) plus one line below.
use crate::kernel::package::{Package, Registry};

pub mod koperasi;
pub mod retail;

static ALL: [&Package; 6] = [
    &crate::platform::PACKAGE,
    &crate::modules::pos::MODULE,
    &crate::modules::inventory::MODULE,
    &retail::PACKAGE,
    // After retail: its demo orders are for the minimarket's products.
    &crate::modules::purchasing::MODULE,
    &koperasi::PACKAGE,
];

pub fn all() -> Registry {
    &ALL
}
