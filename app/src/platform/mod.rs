//! Screens every tenant has: sign-in, dashboard, outlets, staff, tokens, audit, the
//! platform console and the supplier's page.
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

use crate::kernel::package::{AppPackage, MenuEntry};

pub mod audit;
pub mod console;
pub mod dashboard;
pub mod i18n;
pub mod login;
pub mod member;
pub mod outlets;
pub mod staff;
pub mod tokens;

pub static PACKAGE: AppPackage = AppPackage {
    code: "platform",
    menu: &[
        MenuEntry {
            path: "/platform",
            label: "platform",
            permission: "platform.list_tenants",
        },
        MenuEntry {
            path: "/dasbor",
            label: "dashboard",
            permission: "platform.view_dashboard",
        },
        MenuEntry {
            path: "/outlet",
            label: "outlets",
            permission: "platform.view_staff",
        },
        MenuEntry {
            path: "/staf",
            label: "staff",
            permission: "platform.view_staff",
        },
        MenuEntry {
            path: "/token",
            label: "api_tokens",
            permission: "platform.manage_tokens",
        },
        MenuEntry {
            path: "/audit",
            label: "audit",
            permission: "platform.view_audit",
        },
        // Every tenant's staff can open the till; what it shows depends on the outlet's
        // package (`kernel::till_gate`).
        MenuEntry {
            path: "/kasir",
            label: "till",
            permission: "platform.use_till",
        },
        MenuEntry {
            path: "/pemasok",
            label: "supplier_portal",
            permission: "platform.supplier_portal",
        },
    ],
    till_industries: &[],
    till: None,
    translations: i18n::words,
};

#[component(transparent)]
pub fn PlatformRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/masuk") view=login::Login/>
        <Route path=path!("/undangan") view=login::AcceptInvitation/>
        <Route path=path!("/dasbor") view=dashboard::Dashboard/>
        <Route path=path!("/outlet") view=outlets::Outlets/>
        <Route path=path!("/staf") view=staff::Staff/>
        <Route path=path!("/token") view=tokens::Tokens/>
        <Route path=path!("/audit") view=audit::Audit/>
        <Route path=path!("/pemasok") view=member::SupplierHome/>
        <Route path=path!("/platform") view=console::Platform/>
    }
    .into_inner()
}
