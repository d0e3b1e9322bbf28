//! Screens every tenant has: sign-in, dashboard, outlets, staff, tokens, audit, the
//! platform console.
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, Lazy, MatchNestedRoutes};

use crate::kernel::package::{AppPackage, MenuEntry};

pub mod audit;
pub mod audit_words;
pub mod console;
pub mod dashboard;
pub mod i18n;
pub mod login;
pub mod outlets;
pub mod platform_stats;
pub mod staff;
pub mod tokens;

pub static PACKAGE: AppPackage = AppPackage {
    code: "platform",
    menu: &[
        MenuEntry {
            path: "/platform",
            label: "platform",
            group: "",
            permission: "platform.list_tenants",
        },
        MenuEntry {
            path: "/dasbor",
            label: "dashboard",
            group: "",
            permission: "platform.view_dashboard",
        },
        MenuEntry {
            path: "/outlet",
            label: "outlets",
            group: "menu_settings",
            permission: "platform.view_staff",
        },
        MenuEntry {
            path: "/staf",
            label: "staff",
            group: "menu_settings",
            permission: "platform.view_staff",
        },
        MenuEntry {
            path: "/token",
            label: "api_tokens",
            group: "menu_settings",
            permission: "platform.manage_tokens",
        },
        MenuEntry {
            path: "/audit",
            label: "audit",
            group: "menu_settings",
            permission: "platform.view_audit",
        },
        // Every tenant's staff can open the till; what it shows depends on the outlet's
        // package (`kernel::till_gate`).
        MenuEntry {
            path: "/kasir",
            label: "till",
            group: "",
            permission: "platform.use_till",
        },
    ],
    till_industries: &[],
    till: None,
    translations: i18n::words,
    public_links: &[],
};

crate::lazy_page!(LoginPage, login::Login);
crate::lazy_page!(AcceptInvitationPage, login::AcceptInvitation);
crate::lazy_page!(
    DashboardPage,
    dashboard::Dashboard,
    words = i18n::dashboard_words
);
crate::lazy_page!(OutletsPage, outlets::Outlets);
crate::lazy_page!(StaffPage, staff::Staff);
crate::lazy_page!(TokensPage, tokens::Tokens);
crate::lazy_page!(AuditPage, audit::Audit);
crate::lazy_page!(
    PlatformPage,
    console::Platform,
    words = i18n::platform_words
);

#[component(transparent)]
pub fn PlatformRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/masuk") view={Lazy::<LoginPage>::new()}/>
        <Route path=path!("/undangan") view={Lazy::<AcceptInvitationPage>::new()}/>
        <Route path=path!("/dasbor") view={Lazy::<DashboardPage>::new()}/>
        <Route path=path!("/outlet") view={Lazy::<OutletsPage>::new()}/>
        <Route path=path!("/staf") view={Lazy::<StaffPage>::new()}/>
        <Route path=path!("/token") view={Lazy::<TokensPage>::new()}/>
        <Route path=path!("/audit") view={Lazy::<AuditPage>::new()}/>
        <Route path=path!("/platform") view={Lazy::<PlatformPage>::new()}/>
    }
    .into_inner()
}
