//! Inventory: the catalogue and stock.
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, Lazy, MatchNestedRoutes};

use crate::kernel::package::{AppPackage, MenuEntry};

pub mod assembly;
pub mod card;
pub mod control;
pub mod i18n;
pub mod pages;

pub static MODULE: AppPackage = AppPackage {
    code: "inventory",
    menu: &[
        MenuEntry {
            path: "/katalog",
            label: "catalogue",
            group: "menu_stock",
            permission: "inventory.manage_catalogue",
        },
        MenuEntry {
            path: "/stok",
            label: "stock",
            group: "menu_stock",
            permission: "inventory.adjust_stock",
        },
        MenuEntry {
            path: "/stok/kontrol",
            label: "stock_control",
            group: "menu_stock",
            permission: "inventory.adjust_stock",
        },
    ],
    till_industries: &[],
    till: None,
    translations: i18n::words,
    public_links: &[],
};

crate::lazy_page!(CataloguePage, pages::Catalogue, words = i18n::page_words);
crate::lazy_page!(StockPage, pages::Stock, words = i18n::page_words);
crate::lazy_page!(
    StockControlPage,
    control::StockControl,
    words = i18n::page_words
);

#[component(transparent)]
pub fn InventoryRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/katalog") view={Lazy::<CataloguePage>::new()}/>
        <Route path=path!("/stok") view={Lazy::<StockPage>::new()}/>
        <Route path=path!("/stok/kontrol") view={Lazy::<StockControlPage>::new()}/>
    }
    .into_inner()
}
