//! The sale's side panels: the customer picker, the discount editor and the manager's
//! approval of a discount beyond the cashier's limit. They are a chunk of their own under
//! `cargo leptos build --split`, fetched once the till is live, so the till's first load
//! carries only what rings up a sale.
use std::str::FromStr;

use domain::pricing::{discount_percent, Discount};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use serde_json::json;

use super::outbox::cache;
use super::sell_model::*;
use super::till_model::*;
use crate::kernel::approval::ManagerPin;
use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang, Lang};
use crate::kernel::pages::error_text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SalePanel {
    Customer,
    Discount,
    Approval,
}

#[lazy]
fn sale_panel(sale: SaleState, panel: SalePanel) -> AnyView {
    match panel {
        SalePanel::Customer => view! { <CustomerPicker sale=sale/> }.into_any(),
        SalePanel::Discount => view! { <DiscountEditor sale=sale/> }.into_any(),
        SalePanel::Approval => view! { <DiscountApproval sale=sale/> }.into_any(),
    }
}

/// Fetches the panels' chunk once the till is live, so opening one never waits.
pub fn preload() {
    let _loaded = lazy_preload!(sale_panel);
}

/// A side panel, shown once its chunk is there.
pub fn sale_panel_view(sale: SaleState, panel: SalePanel) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {Suspend::new(async move { sale_panel(sale, panel).await })}
        </Suspense>
    }
}

/// Puts a discount on a line or the cart, or asks a manager first when it goes beyond
/// the cashier's limit.
fn set_discount(
    sale: SaleState,
    lang: RwSignal<Lang>,
    target: DiscountTarget,
    discount: Option<Discount>,
) {
    let SaleState {
        lines,
        cart_discount,
        error,
        approver_pin,
        needs_approval,
        editing,
        ..
    } = sale;
    let settings = sale.till.settings;
    error.set(None);
    let mut ls = lines.get_untracked();
    let mut cd = cart_discount.get_untracked();
    match target {
        DiscountTarget::Line(i) => match ls.get_mut(i) {
            Some(l) => l.discount = discount.clone(),
            None => return,
        },
        DiscountTarget::Cart => cd = discount.clone(),
    }
    let lang = lang.get_untracked();
    match settings.with_untracked(|s| compute(&ls, cd.clone(), s)) {
        Err(_) => error.set(Some(tr(lang, "discount_invalid").into())),
        Ok(None) => {}
        Ok(Some(t)) => {
            if sale.over_limit(&t) {
                approver_pin.set(String::new());
                needs_approval.set(Some(PendingDiscount {
                    target: Some(target),
                    discount,
                    percent: discount_percent(&t),
                }));
            } else {
                lines.set(ls);
                cart_discount.set(cd);
                editing.set(None);
                needs_approval.set(None);
            }
        }
    }
}

fn apply_editor(sale: SaleState, lang: RwSignal<Lang>) {
    let SaleState {
        editing,
        disc_value,
        disc_percent,
        error,
        ..
    } = sale;
    let Some(target) = editing.get_untracked() else {
        return;
    };
    let text = disc_value.get_untracked().trim().replace(',', ".");
    let value = if disc_percent.get_untracked() {
        Decimal::from_str(&text).ok().map(Discount::Percent)
    } else {
        domain::money::parse_idr(&text)
            .ok()
            .map(|m| Discount::Amount(m.amount()))
    };
    match value {
        Some(d) => set_discount(sale, lang, target, Some(d)),
        None => error.set(Some(tr(lang.get_untracked(), "discount_invalid").into())),
    }
}

fn request_approval(sale: SaleState, lang: RwSignal<Lang>) {
    let SaleState {
        needs_approval,
        approver,
        approver_pin,
        approving,
        approval,
        error,
        editing,
        ..
    } = sale;
    let context = sale.till.context;
    let Some(wanted) = needs_approval.get_untracked() else {
        return;
    };
    let Some(till) = context.get_untracked() else {
        return;
    };
    let chosen = approver.get_untracked();
    let approver_id = if chosen.is_empty() {
        till.approvers
            .first()
            .map(|a| a.0.clone())
            .unwrap_or_default()
    } else {
        chosen
    };
    let body = json!({"outlet_id": till.outlet_id, "approver_id": approver_id,
        "pin": approver_pin.get_untracked(), "percent": wanted.percent.normalize().to_string()});
    approving.set(true);
    spawn_local(async move {
        let answer =
            client::post::<domain::api::pos::ApprovalView>("/api/v1/discount-approvals", &body)
                .await;
        approving.set(false);
        approver_pin.set(String::new());
        let lang_now = lang.get_untracked();
        match answer {
            Ok(v) => {
                approval.set(Some(Approval {
                    max_percent: Decimal::from_str(&v.max_percent).unwrap_or(wanted.percent),
                    id: v.id,
                    approver_name: v.approver_name,
                }));
                needs_approval.set(None);
                match wanted.target {
                    Some(target) => set_discount(sale, lang, target, wanted.discount),
                    None => editing.set(None),
                }
            }
            Err(e) if e.status == 0 => error.set(Some(tr(lang_now, "approval_offline").into())),
            Err(e) if e.code == "bad_credentials" => {
                error.set(Some(tr(lang_now, "wrong_pin").into()))
            }
            Err(e) => error.set(Some(error_text(lang_now, &e))),
        }
    });
}

fn add_customer(sale: SaleState, lang: RwSignal<Lang>) {
    let SaleState {
        error,
        new_name,
        new_phone,
        customers,
        customer,
        picking_customer,
        ..
    } = sale;
    error.set(None);
    let body = json!({"name": new_name.get_untracked(), "phone": new_phone.get_untracked()});
    spawn_local(async move {
        let lang = lang.get_untracked();
        match client::post::<CustomerView>("/api/v1/customers", &body).await {
            Ok(c) => {
                customers.update(|all| all.insert(0, c.clone()));
                let list = customers.get_untracked();
                cache("customers", &list).await;
                customer.set(Some(c));
                picking_customer.set(false);
                new_name.set(String::new());
                new_phone.set(String::new());
            }
            Err(e) if e.status == 0 => error.set(Some(tr(lang, "customer_offline").into())),
            Err(e) => error.set(Some(error_text(lang, &e))),
        }
    });
}

#[component]
fn CustomerPicker(sale: SaleState) -> impl IntoView {
    let SaleState {
        customer,
        customers,
        picking_customer,
        customer_query,
        new_name,
        new_phone,
        ..
    } = sale;
    let customer_results = Memo::new(move |_| {
        let q = customer_query.get().trim().to_lowercase();
        customers.with(|all| {
            all.iter()
                .filter(|c| q.is_empty() || c.matches(&q))
                .take(8)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let lang = use_lang();
    let add_customer = move || add_customer(sale, lang);
    view! {
        <div class="panel" data-testid="customer-picker">
            <input type="search" aria-label=t("find_customer") placeholder=t("find_customer")
                bind:value=customer_query/>
            <div class="picks">
                {move || customer_results.get().into_iter().map(|c| {
                    let pick = c.clone();
                    view! {
                        <button type="button" on:click=move |_| { customer.set(Some(pick.clone())); picking_customer.set(false); }>
                            {c.name.clone()} " " <small>{c.phone.clone().unwrap_or_default()}</small>
                        </button>
                    }
                }).collect_view()}
            </div>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); add_customer(); }>
                <strong>{t("new_customer")}</strong>
                <input aria-label=t("name") placeholder=t("name") bind:value=new_name/>
                <input aria-label=t("phone") placeholder=t("phone") inputmode="tel" bind:value=new_phone/>
                <button type="submit">{t("add_customer")}</button>
            </form>
        </div>
    }
}

#[component]
fn DiscountEditor(sale: SaleState) -> impl IntoView {
    let SaleState {
        editing,
        disc_value,
        disc_percent,
        needs_approval,
        lines,
        ..
    } = sale;
    let lang = use_lang();
    let apply_editor = move || apply_editor(sale, lang);
    let set_discount = move |target, discount| set_discount(sale, lang, target, discount);
    view! {
        <div class="panel" data-testid="discount-editor">
            <strong>{move || match editing.get() {
                Some(DiscountTarget::Line(i)) => format!("{} · {}", tr(lang.get(), "line_discount"),
                    lines.with(|ls| ls.get(i).map(|l| l.item.label()).unwrap_or_default())),
                _ => tr(lang.get(), "cart_discount").to_string(),
            }}</strong>
            <div class="toggle">
                <button type="button" class:active=move || disc_percent.get() on:click=move |_| disc_percent.set(true)>{t("percent")}</button>
                <button type="button" class:active=move || !disc_percent.get() on:click=move |_| disc_percent.set(false)>{t("rupiah")}</button>
            </div>
            <input inputmode="decimal" aria-label=t("discount") data-testid="discount-value" bind:value=disc_value
                on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); apply_editor(); }/>
            <div class="row-actions">
                <button type="button" class="primary" on:click=move |_| apply_editor()>{t("apply")}</button>
                <button type="button" on:click=move |_| { if let Some(target) = editing.get_untracked() { set_discount(target, None); } }>{t("remove_discount")}</button>
                <button type="button" on:click=move |_| { editing.set(None); needs_approval.set(None); }>{t("close")}</button>
            </div>
        </div>
    }
}

#[component]
fn DiscountApproval(sale: SaleState) -> impl IntoView {
    let SaleState {
        needs_approval,
        approver,
        approver_pin,
        approving,
        ..
    } = sale;
    let context = sale.till.context;
    let lang = use_lang();
    let request_approval = move || request_approval(sale, lang);
    view! {
        <div class="panel approval" data-testid="manager-approval" role="dialog" aria-label=t("manager_approval")>
            <form class="stack" on:submit=move |ev| { ev.prevent_default(); request_approval(); }>
                <ManagerPin approvers=Signal::derive(move || context.get().map(|c| c.approvers).unwrap_or_default())
                    approver=approver pin=approver_pin>
                    <p>{move || {
                        let p = needs_approval.get().map(|n| n.percent.normalize().to_string()).unwrap_or_default();
                        let l = context.get().map(|c| c.discount_limit).unwrap_or_default();
                        tr(lang.get(), "approval_needed").replace("{p}", &p.replace('.', ",")).replace("{l}", &l.replace('.', ","))
                    }}</p>
                </ManagerPin>
                <div class="row-actions">
                    <button type="submit" class="primary" disabled=move || approving.get()>{t("approve")}</button>
                    <button type="button" on:click=move |_| needs_approval.set(None)>{t("close")}</button>
                </div>
            </form>
        </div>
    }
}
