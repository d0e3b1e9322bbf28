//! Koperasi simpan pinjam: the members desk and teller, loans, SHU, the member's portal
//! and the loan simulator.
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, Lazy, MatchNestedRoutes};

use crate::kernel::package::{AppPackage, MenuEntry, PublicLink};

pub mod i18n;
pub mod loan;
pub mod loan_actions;
pub mod loan_desk;
pub mod loan_reports;
pub mod loan_view;
pub mod member_desk_parts;
pub mod members;
pub mod savings_views;
pub mod shu;

pub static PACKAGE: AppPackage = AppPackage {
    code: "koperasi",
    menu: &[
        MenuEntry {
            path: "/anggota",
            label: "members",
            group: "menu_koperasi",
            permission: "koperasi.manage_members",
        },
        MenuEntry {
            path: "/pinjaman",
            label: "loans",
            group: "menu_koperasi",
            permission: "koperasi.apply_loan",
        },
        MenuEntry {
            path: "/shu",
            label: "shu",
            group: "menu_koperasi",
            permission: "koperasi.close_shu",
        },
        MenuEntry {
            path: "/simpanan-saya",
            label: "my_savings",
            group: "",
            permission: "koperasi.own_savings",
        },
        MenuEntry {
            path: "/simulasi-pinjaman",
            label: "loan_simulator",
            group: "menu_koperasi",
            permission: "koperasi.simulate_loan",
        },
    ],
    till_industries: &[],
    till: None,
    translations: i18n::words,
    public_links: &[PublicLink {
        path: "/simulasi-pinjaman",
        label: "loan_simulator",
    }],
};

crate::lazy_page!(
    MemberHomePage,
    members::MemberHome,
    words = i18n::page_words
);
crate::lazy_page!(
    MembersDeskPage,
    members::MembersDesk,
    words = i18n::page_words
);
crate::lazy_page!(LoanDeskPage, loan_desk::LoanDesk, words = i18n::page_words);
crate::lazy_page!(ShuRoute, shu::ShuPage, words = i18n::page_words);
crate::lazy_page!(
    LoanSimulatorPage,
    loan::LoanSimulator,
    words = i18n::page_words
);

#[component(transparent)]
pub fn KoperasiRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/simpanan-saya") view={Lazy::<MemberHomePage>::new()}/>
        <Route path=path!("/anggota") view={Lazy::<MembersDeskPage>::new()}/>
        <Route path=path!("/pinjaman") view={Lazy::<LoanDeskPage>::new()}/>
        <Route path=path!("/shu") view={Lazy::<ShuRoute>::new()}/>
        <Route path=path!("/simulasi-pinjaman") view={Lazy::<LoanSimulatorPage>::new()}/>
    }
    .into_inner()
}
