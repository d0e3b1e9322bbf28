//! Koperasi simpan pinjam: the members desk and teller, loans, SHU, the member's portal
//! and the loan simulator.
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};

use crate::kernel::package::{AppPackage, MenuEntry};

pub mod i18n;
pub mod loan;
pub mod loan_desk;
pub mod members;
pub mod shu;

pub static PACKAGE: AppPackage = AppPackage {
    code: "koperasi",
    menu: &[
        MenuEntry {
            path: "/anggota",
            label: "members",
            permission: "koperasi.manage_members",
        },
        MenuEntry {
            path: "/pinjaman",
            label: "loans",
            permission: "koperasi.apply_loan",
        },
        MenuEntry {
            path: "/shu",
            label: "shu",
            permission: "koperasi.close_shu",
        },
        MenuEntry {
            path: "/simpanan-saya",
            label: "my_savings",
            permission: "koperasi.own_savings",
        },
        MenuEntry {
            path: "/simulasi-pinjaman",
            label: "loan_simulator",
            permission: "koperasi.simulate_loan",
        },
    ],
    till_industries: &[],
    till: None,
    translations: i18n::words,
};

#[component(transparent)]
pub fn KoperasiRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/simpanan-saya") view=members::MemberHome/>
        <Route path=path!("/anggota") view=members::MembersDesk/>
        <Route path=path!("/pinjaman") view=loan_desk::LoanDesk/>
        <Route path=path!("/shu") view=shu::ShuPage/>
        <Route path=path!("/simulasi-pinjaman") view=loan::LoanSimulator/>
    }
    .into_inner()
}
