//! Purchasing: orders to suppliers, the reorder list, goods receipts, the suppliers, and
//! the supplier's own portal.
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, Lazy, MatchNestedRoutes};

use crate::kernel::package::{AppPackage, MenuEntry};

pub mod consignment;
pub mod detail;
pub mod direct_receipt;
pub mod i18n;
pub mod orders;
pub mod payables;
pub mod portal;
pub mod proposal;
pub mod returns;
pub mod suppliers;

pub static MODULE: AppPackage = AppPackage {
    code: "purchasing",
    menu: &[
        MenuEntry {
            path: "/pembelian",
            label: "purchase_orders",
            group: "menu_stock",
            permission: "purchasing.view_purchasing",
        },
        MenuEntry {
            path: "/pembelian/tagihan",
            label: "payables",
            group: "menu_stock",
            permission: "purchasing.view_purchasing",
        },
        MenuEntry {
            path: "/pembelian/pemasok",
            label: "suppliers",
            group: "menu_stock",
            permission: "purchasing.manage_purchasing",
        },
        MenuEntry {
            path: "/pemasok",
            label: "supplier_portal",
            group: "",
            permission: "platform.supplier_portal",
        },
    ],
    till_industries: &[],
    till: None,
    translations: i18n::words,
    public_links: &[],
};

crate::lazy_page!(PurchasingPage, orders::Purchasing, words = i18n::page_words);
crate::lazy_page!(
    SuppliersPage,
    suppliers::Suppliers,
    words = i18n::page_words
);
crate::lazy_page!(PayablesPage, payables::Payables, words = i18n::page_words);
crate::lazy_page!(
    SupplierPortalPage,
    portal::SupplierPortal,
    words = i18n::page_words
);

#[component(transparent)]
pub fn PurchasingRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/pembelian") view={Lazy::<PurchasingPage>::new()}/>
        <Route path=path!("/pembelian/tagihan") view={Lazy::<PayablesPage>::new()}/>
        <Route path=path!("/pembelian/pemasok") view={Lazy::<SuppliersPage>::new()}/>
        <Route path=path!("/pemasok") view={Lazy::<SupplierPortalPage>::new()}/>
    }
    .into_inner()
}
