//! Industry packages, and the app's registry: the one list the menu, the till and the
//! translations walk. Adding a package is a folder here (and one on the server) plus a
//! line in `all()` and, if it has pages, one in `PackageRoutes`.
use leptos::prelude::*;
use leptos_router::MatchNestedRoutes;

use crate::kernel::package::{AppPackage, Registry};

pub mod koperasi;
pub mod retail;

static ALL: [&AppPackage; 5] = [
    &crate::platform::PACKAGE,
    &crate::modules::pos::MODULE,
    &crate::modules::inventory::MODULE,
    &retail::PACKAGE,
    &koperasi::PACKAGE,
];

pub fn all() -> Registry {
    &ALL
}

/// The page words (`kernel::i18n::use_page_words`) of the package whose source file is
/// `path`, for the test that every key has words.
#[cfg(test)]
pub fn page_words(path: &str) -> Option<crate::kernel::i18n::Words> {
    path.contains("/packages/koperasi/")
        .then_some(koperasi::i18n::page_words as crate::kernel::i18n::Words)
}

/// Every module's and package's pages.
#[component(transparent)]
pub fn PackageRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <crate::modules::pos::PosRoutes/>
        <crate::modules::inventory::InventoryRoutes/>
        <koperasi::KoperasiRoutes/>
    }
    .into_inner()
}
