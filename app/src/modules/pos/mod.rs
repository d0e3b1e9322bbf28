//! The POS core: the till (selling, shifts, refunds, voids, device PIN switch) and its
//! back office (reports, shifts, customers).
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, Lazy, MatchNestedRoutes};

use crate::kernel::package::{AppPackage, MenuEntry, PublicLink};

pub mod back_office;
pub mod i18n;
pub mod outbox;
pub mod sell;
pub mod sell_done;
#[cfg(feature = "ssr")]
pub mod sell_frame;
pub mod sell_load;
pub mod sell_model;
pub mod sell_panels;
pub mod sell_record;
pub mod shift_report;
pub mod till;
pub mod till_model;
pub mod till_ops;
pub mod till_panels;
pub mod till_refund;
pub mod till_shift;

pub static MODULE: AppPackage = AppPackage {
    code: "pos",
    menu: &[
        MenuEntry {
            path: "/pelanggan",
            label: "customers",
            group: "menu_sales",
            permission: "pos.view_sales",
        },
        MenuEntry {
            path: "/laporan",
            label: "reports",
            group: "menu_sales",
            permission: "pos.view_reports",
        },
        MenuEntry {
            path: "/shift",
            label: "shifts",
            group: "menu_sales",
            permission: "pos.view_shifts",
        },
    ],
    till_industries: &[],
    till: None,
    translations: i18n::words,
    public_links: &[PublicLink {
        path: "/kasir/pin",
        label: "switch_user",
    }],
};

crate::lazy_page!(ReportsPage, back_office::Reports);
crate::lazy_page!(ShiftsPage, back_office::Shifts);
crate::lazy_page!(CustomersPage, back_office::Customers);
crate::lazy_page!(DevicePage, till::TillHome);
crate::lazy_page!(PinSwitchPage, till::PinSwitch);

#[component(transparent)]
pub fn PosRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/laporan") view={Lazy::<ReportsPage>::new()}/>
        <Route path=path!("/shift") view={Lazy::<ShiftsPage>::new()}/>
        <Route path=path!("/pelanggan") view={Lazy::<CustomersPage>::new()}/>
        <Route path=path!("/kasir/perangkat") view={Lazy::<DevicePage>::new()}/>
        <Route path=path!("/kasir/pin") view={Lazy::<PinSwitchPage>::new()}/>
    }
    .into_inner()
}
