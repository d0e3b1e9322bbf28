//! Retail (minimarket, toko): today's till, on the POS core and inventory.
use leptos::prelude::*;

use crate::kernel::package::{no_translations, AppPackage};

fn till() -> AnyView {
    view! { <crate::modules::pos::sell::SellPage/> }.into_any()
}

pub static PACKAGE: AppPackage = AppPackage {
    code: "retail",
    menu: &[],
    till_industries: &["retail"],
    till: Some(till),
    translations: no_translations,
    public_links: &[],
};
