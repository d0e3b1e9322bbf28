//! What runs a till through a day besides selling: the shift (float in, count out), cash
//! taken in or out, refunds of earlier sales, and printing receipts and slips. Everything
//! that changes money goes through the same ordered outbox as sales, so it works offline
//! and reaches the server once, after the sales it depends on.
use std::collections::HashMap;
use std::str::FromStr;

use domain::money::format_idr;
use domain::payment::TenderKind;
use domain::receipt::{Receipt, ReceiptItem, Slip, SlipRow};
use domain::refund::{allocate_tenders, refund_lines, RefundRequestLine, SoldLine};
use domain::shift::DENOMINATIONS;
use domain::tax::{PriceMode, TaxKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::outbox::*;
use super::till_model::*;
use crate::kernel::client::{self, ApiError};
use crate::kernel::i18n::{t, tr, use_lang, Lang};
use crate::kernel::offline;
use crate::kernel::pages::error_text;
use crate::kernel::printer::{self, PrinterSettings};
use crate::kernel::session::use_session;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaleLineRecord {
    pub product_id: String,
    pub name: String,
    pub quantity: String,
    pub unit_price: String,
    /// Line discount plus its share of a cart discount.
    pub discount: String,
    pub net: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentRecord {
    pub method: String,
    pub amount: String,
}

/// A sale as the till needs it for a reprint or a refund: the server's `SaleView`, or the
/// same shape kept on the tablet for its own recent sales.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaleRecord {
    pub receipt_no: String,
    pub sold_at: String,
    pub subtotal: String,
    pub discount_total: String,
    pub service_charge: String,
    pub tax_total: String,
    pub rounding: String,
    pub grand_total: String,
    pub change: String,
    pub lines: Vec<SaleLineRecord>,
    pub payments: Vec<PaymentRecord>,
}

/// `GET /sales/lookup`, or a recent sale of this tablet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lookup {
    pub sale: SaleRecord,
    #[serde(default)]
    pub cashier_name: String,
    #[serde(default)]
    pub refunded: Vec<RefundedQty>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefundedQty {
    pub line_no: u32,
    pub quantity: String,
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

fn kind_of(method: &str) -> Option<TenderKind> {
    serde_json::from_value(Value::String(method.to_string())).ok()
}

fn recent_key(device_id: &str) -> String {
    format!("recent_sales:{device_id}")
}

/// Remembers a sale made here so it can be refunded or reprinted without the network.
pub async fn remember_sale(device_id: &str, lookup: Lookup) {
    let key = recent_key(device_id);
    let mut list: Vec<Lookup> = cached(&key).await.unwrap_or_default();
    list.retain(|l| l.sale.receipt_no != lookup.sale.receipt_no);
    list.insert(0, lookup);
    list.truncate(100);
    cache(&key, &list).await;
}

async fn recent_sale(device_id: &str, receipt_no: &str) -> Option<Lookup> {
    let list: Vec<Lookup> = cached(&recent_key(device_id)).await.unwrap_or_default();
    list.into_iter().find(|l| l.sale.receipt_no == receipt_no)
}

/// Adds a refund made offline to the tablet's copy, so a second one cannot exceed the sale.
async fn note_refund(device_id: &str, receipt_no: &str, lines: &[(u32, Decimal)]) {
    let key = recent_key(device_id);
    let mut list: Vec<Lookup> = cached(&key).await.unwrap_or_default();
    if let Some(l) = list.iter_mut().find(|l| l.sale.receipt_no == receipt_no) {
        for (no, q) in lines {
            match l.refunded.iter_mut().find(|r| r.line_no == *no) {
                Some(r) => r.quantity = (d(&r.quantity) + q).normalize().to_string(),
                None => l.refunded.push(RefundedQty {
                    line_no: *no,
                    quantity: q.normalize().to_string(),
                }),
            }
        }
    }
    cache(&key, &list).await;
}

/// The struk for a sale, as printed and as shown for the browser's print dialog.
pub fn sale_receipt(till: &Till, lookup: &Lookup) -> Option<Receipt> {
    let ctx = till.context.get_untracked()?;
    let tax = till.settings.with_untracked(|s| s.tax.clone());
    let units: HashMap<String, String> = till.items.with_untracked(|items| {
        items
            .iter()
            .map(|i| (i.id.clone(), i.unit.clone()))
            .collect()
    });
    let s = &lookup.sale;
    let mut header = vec![ctx.outlet_name.clone()];
    if !ctx.address.is_empty() {
        header.push(ctx.address.clone());
    }
    header.extend(ctx.receipt_header.iter().cloned());
    Some(Receipt {
        header,
        number: s.receipt_no.clone(),
        cashier: lookup.cashier_name.clone(),
        time: crate::kernel::pages::local_time(
            &s.sold_at,
            crate::kernel::pages::zone_offset(&ctx.timezone),
        ),
        items: s
            .lines
            .iter()
            .map(|l| ReceiptItem {
                name: l.name.clone(),
                quantity: d(&l.quantity),
                unit: units.get(&l.product_id).cloned().unwrap_or_default(),
                unit_price: d(&l.unit_price),
                discount: d(&l.discount),
            })
            .collect(),
        subtotal: d(&s.subtotal),
        // The stored lines carry each line's whole discount (its own and its share of a
        // cart discount), so none is left for a separate cart line.
        cart_discount: Decimal::ZERO,
        service_charge: d(&s.service_charge),
        tax_label: match tax.kind {
            TaxKind::Ppn => Some("PPN".into()),
            TaxKind::Pbjt => Some("PBJT".into()),
            TaxKind::None => None,
        },
        tax: d(&s.tax_total),
        tax_included: tax.price_mode == PriceMode::Inclusive,
        rounding: d(&s.rounding),
        grand_total: d(&s.grand_total),
        tenders: s
            .payments
            .iter()
            .map(|p| {
                let label = kind_of(&p.method)
                    .map(|k| tender_label(Lang::Id, k).to_string())
                    .unwrap_or_else(|| p.method.clone());
                (label, d(&p.amount))
            })
            .collect(),
        change: d(&s.change),
        footer: ctx.receipt_footer.clone(),
        qr: Some(s.receipt_no.clone()),
    })
}

fn outlet_header(till: &Till) -> Vec<String> {
    till.context
        .get_untracked()
        .map(|c| {
            let mut h = vec![c.outlet_name.clone()];
            if !c.address.is_empty() {
                h.push(c.address.clone());
            }
            h
        })
        .unwrap_or_default()
}

/// Prints over WebUSB; when that is not possible, says why and opens the browser's print
/// dialog, which prints the slip shown on screen.
pub async fn print_job(bytes: Vec<u8>, message: RwSignal<Option<String>>, lang: Lang) {
    match printer::print(&bytes).await {
        Ok(()) => message.set(Some(tr(lang, "printed").to_string())),
        Err(e) => {
            message.set(Some(tr(lang, e.key()).to_string()));
            printer::browser_print();
        }
    }
}

/// Sends `body` now when the server is reachable and nothing older is still waiting, so
/// the cashier hears at once about a wrong PIN; otherwise queues it behind the sales it
/// depends on. `Ok(None)` means queued.
pub async fn send_or_queue(
    till: &Till,
    key: &str,
    path: &str,
    body: Value,
    label: &str,
) -> Result<Option<Value>, ApiError> {
    if offline::browser_online() {
        sync_once(till.sync).await;
        if till.sync.pending.get_untracked() == 0 {
            match client::post::<Value>(path, &body).await {
                Ok(v) => return Ok(Some(v)),
                Err(e) if e.status == 0 || e.status >= 500 => {}
                Err(e) => return Err(e),
            }
        }
    }
    enqueue(key, path, &body, label)
        .await
        .map_err(|e| ApiError {
            status: 0,
            code: "storage".into(),
            message: e,
        })?;
    till.sync.pending.update(|p| *p += 1);
    Ok(None)
}

/// Asks the server for this device's open shift (a tablet whose storage was cleared).
pub async fn restore_shift(till: Till) {
    let Some(ctx) = till.context.get_untracked() else {
        return;
    };
    let key = format!("shift:{}", ctx.device_id);
    if let Some(s) = cached::<Shift>(&key).await {
        till.shift.set(Some(s));
        return;
    }
    if let Ok(Some(v)) = client::get::<Option<Value>>("/api/v1/shifts/current").await {
        let s = Shift {
            id: v["id"].as_str().unwrap_or_default().to_string(),
            opened_at: v["opened_at"].as_str().unwrap_or_default().to_string(),
            opening_float: d(v["opening_float"].as_str().unwrap_or("0")),
            cashier: v["cashier_name"].as_str().unwrap_or_default().to_string(),
        };
        cache(&key, &s).await;
        till.shift.set(Some(s));
    }
}

/// Before the first sale: the cashier counts the float into the drawer.
#[component]
pub fn ShiftGate(till: Till) -> impl IntoView {
    let lang = use_lang();
    let ctx = use_session();
    let float = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let open = move || {
        let Some(c) = till.context.get_untracked() else {
            return;
        };
        let lang = lang.get_untracked();
        let amount = match domain::money::parse_idr(&float.get_untracked()) {
            Ok(m) if m.amount() >= Decimal::ZERO => m.amount(),
            _ => {
                error.set(Some(tr(lang, "amount_invalid").into()));
                return;
            }
        };
        let shift = Shift {
            id: offline::new_sale_id(),
            opened_at: offline::now_rfc3339(),
            opening_float: amount,
            cashier: ctx
                .session
                .with_untracked(|s| s.as_ref().map(|s| s.user.name.clone()))
                .unwrap_or_default(),
        };
        let body = json!({"id": shift.id, "outlet_id": c.outlet_id,
            "opening_float": amount.normalize().to_string(), "opened_at": shift.opened_at});
        busy.set(true);
        spawn_local(async move {
            let answer = send_or_queue(&till, &shift.id, "/api/v1/shifts", body, "shift").await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    cache(&format!("shift:{}", c.device_id), &shift).await;
                    till.shift.set(Some(shift));
                }
                Err(e) => error.set(Some(error_text(lang, &e))),
            }
        });
    };
    view! {
        <section class="card panel" data-testid="shift-open">
            <h2>{t("open_shift")}</h2>
            <p class="muted">{t("open_shift_hint")}</p>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); open(); }>
                <label>{t("opening_float")}
                    <input inputmode="numeric" data-testid="opening-float" bind:value=float/>
                </label>
                <button type="submit" class="primary" disabled=move || busy.get()>{t("open_shift")}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}

/// The manager list and PIN field used by refunds and large cash movements.
#[component]
fn ManagerPin(till: Till, approver: RwSignal<String>, pin: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="manager-pin">
            <strong>{t("manager_approval")}</strong>
            {move || {
                let list = till.context.get().map(|c| c.approvers).unwrap_or_default();
                if list.is_empty() {
                    return view! { <p class="error">{t("no_approvers")}</p> }.into_any();
                }
                if approver.with_untracked(String::is_empty) {
                    approver.set(list[0].0.clone());
                }
                view! {
                    <div class="people">
                        {list.into_iter().map(|(id, name)| {
                            let pick = id.clone();
                            view! {
                                <button type="button" class="person" class:active=move || approver.get() == id
                                    on:click=move |_| approver.set(pick.clone())>{name}</button>
                            }
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
            <input type="password" inputmode="numeric" maxlength="6" autocomplete="off"
                aria-label=t("manager_pin") placeholder=t("manager_pin") bind:value=pin/>
        </div>
    }
}

/// The bar of till operations and the panel that is open.
#[component]
pub fn OpsBar(till: Till) -> impl IntoView {
    let toggle = move |p: OpsPanel| {
        till.panel
            .update(|cur| *cur = if *cur == Some(p) { None } else { Some(p) })
    };
    view! {
        <div class="ops" data-testid="ops">
            <span class="chip" data-testid="shift-info">{move || till.shift.get().map(|s| format!("{} · {}", s.cashier, format_idr(s.opening_float)))}</span>
            <button type="button" data-testid="ops-cash" on:click=move |_| toggle(OpsPanel::Cash)>{t("cash_in_out")}</button>
            <button type="button" data-testid="ops-refund" on:click=move |_| toggle(OpsPanel::Refund)>{t("refund")}</button>
            <button type="button" data-testid="ops-printer" on:click=move |_| toggle(OpsPanel::Printer)>{t("printer")}</button>
            <button type="button" data-testid="ops-close" on:click=move |_| toggle(OpsPanel::Close)>{t("close_shift")}</button>
        </div>
        {move || match till.panel.get() {
            Some(OpsPanel::Cash) => view! { <CashPanel till=till/> }.into_any(),
            Some(OpsPanel::Refund) => view! { <RefundPanel till=till/> }.into_any(),
            Some(OpsPanel::Close) => view! { <ClosePanel till=till/> }.into_any(),
            Some(OpsPanel::Printer) => view! { <PrinterPanel/> }.into_any(),
            None => ().into_any(),
        }}
    }
}

#[component]
fn CashPanel(till: Till) -> impl IntoView {
    let lang = use_lang();
    let out = RwSignal::new(true);
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let approver = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let limit = move || {
        till.context
            .with(|c| {
                c.as_ref()
                    .and_then(|c| Decimal::from_str(&c.cash_limit).ok())
            })
            .unwrap_or(Decimal::from(100_000))
    };
    let value = move || {
        domain::money::parse_idr(&amount.get())
            .map(|m| m.amount())
            .unwrap_or_default()
    };
    let needs_pin = move || value() > limit();
    let submit = move || {
        error.set(None);
        done.set(None);
        let lang = lang.get_untracked();
        let Some(shift) = till.shift.get_untracked() else {
            return;
        };
        let v = value();
        if v <= Decimal::ZERO {
            error.set(Some(tr(lang, "amount_invalid").into()));
            return;
        }
        if reason.get_untracked().trim().is_empty() {
            error.set(Some(tr(lang, "reason_required").into()));
            return;
        }
        let id = offline::new_sale_id();
        let kind = if out.get_untracked() { "out" } else { "in" };
        let mut body = json!({"id": id, "kind": kind, "amount": v.normalize().to_string(),
            "reason": reason.get_untracked().trim(), "at": offline::now_rfc3339()});
        if needs_pin() {
            body["approver_id"] = json!(approver.get_untracked());
            body["pin"] = json!(pin.get_untracked());
        }
        busy.set(true);
        spawn_local(async move {
            let path = format!("/api/v1/shifts/{}/cash-movements", shift.id);
            let answer = send_or_queue(&till, &id, &path, body, "kas").await;
            busy.set(false);
            pin.set(String::new());
            match answer {
                Ok(sent) => {
                    let what = format!(
                        "{} {} — {}{}",
                        tr(lang, if kind == "out" { "cash_out" } else { "cash_in" }),
                        format_idr(v),
                        reason.get_untracked().trim(),
                        if sent.is_none() {
                            format!(" ({})", tr(lang, "queued"))
                        } else {
                            String::new()
                        }
                    );
                    done.set(Some(what));
                    amount.set(String::new());
                    reason.set(String::new());
                }
                Err(e) if e.code == "bad_credentials" => {
                    error.set(Some(tr(lang, "wrong_pin").into()))
                }
                Err(e) => error.set(Some(error_text(lang, &e))),
            }
        });
    };
    view! {
        <section class="panel" data-testid="cash-panel">
            <strong>{t("cash_in_out")}</strong>
            <div class="toggle">
                <button type="button" class:active=move || out.get() on:click=move |_| out.set(true)>{t("cash_out")}</button>
                <button type="button" class:active=move || !out.get() on:click=move |_| out.set(false)>{t("cash_in")}</button>
            </div>
            <label>{t("amount_label")}<input inputmode="numeric" data-testid="cash-amount" bind:value=amount/></label>
            <label>{t("reason")}<input data-testid="cash-reason" placeholder=t("cash_reason_hint") bind:value=reason/></label>
            <Show when=needs_pin>
                <p class="muted">{move || tr(lang.get(), "cash_needs_pin").replace("{l}", &format_idr(limit()))}</p>
                <ManagerPin till=till approver=approver pin=pin/>
            </Show>
            <button type="button" class="primary" data-testid="cash-save" disabled=move || busy.get() on:click=move |_| submit()>{t("save")}</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || done.get().map(|m| view! { <p class="ok" data-testid="cash-done">{m}</p> })}
        </section>
    }
}

/// What a refund would pay back, as the server will compute it.
fn refund_preview(
    lookup: &Lookup,
    wanted: &[(u32, Decimal)],
    to_cash: bool,
) -> Result<(Decimal, Vec<(TenderKind, Decimal)>), String> {
    let sold: Vec<SoldLine> = lookup
        .sale
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| SoldLine {
            line_no: i as u32 + 1,
            quantity: d(&l.quantity),
            net: d(&l.net),
        })
        .collect();
    let already: HashMap<u32, Decimal> = lookup
        .refunded
        .iter()
        .map(|r| (r.line_no, d(&r.quantity)))
        .collect();
    let request: Vec<RefundRequestLine> = wanted
        .iter()
        .filter(|(_, q)| *q > Decimal::ZERO)
        .map(|(n, q)| RefundRequestLine {
            line_no: *n,
            quantity: *q,
        })
        .collect();
    let lines = refund_lines(&sold, d(&lookup.sale.grand_total), &already, &request)
        .map_err(|e| e.to_string())?;
    let total = domain::refund::total(&lines);
    let paid: Vec<(TenderKind, Decimal)> = lookup
        .sale
        .payments
        .iter()
        .filter_map(|p| kind_of(&p.method).map(|k| (k, d(&p.amount))))
        .collect();
    // Earlier refunds' tenders are not known offline; the server allocates from its own
    // record and the cashier sees its answer when online.
    let tenders = allocate_tenders(total, &paid, d(&lookup.sale.change), &[], to_cash);
    Ok((total, tenders))
}

#[component]
fn RefundPanel(till: Till) -> impl IntoView {
    let lang = use_lang();
    let ctx = use_session();
    let receipt_no = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Lookup>);
    let quantities = RwSignal::new(Vec::<String>::new());
    let to_cash = RwSignal::new(false);
    let restock = RwSignal::new(true);
    let reason = RwSignal::new(String::new());
    let approver = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let slip = RwSignal::new(None::<Slip>);
    let receipt = RwSignal::new(None::<Receipt>);
    let busy = RwSignal::new(false);

    let find = move || {
        error.set(None);
        slip.set(None);
        receipt.set(None);
        let no = receipt_no.get_untracked().trim().to_string();
        if no.is_empty() {
            return;
        }
        let Some(c) = till.context.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let lang = lang.get_untracked();
            let url = format!(
                "/api/v1/sales/lookup?receipt_no={}",
                client::encode_query(&no)
            );
            let answer = match client::get::<Lookup>(&url).await {
                Ok(l) => Ok(l),
                Err(e) if e.status == 0 => recent_sale(&c.device_id, &no)
                    .await
                    .ok_or_else(|| tr(lang, "receipt_not_here_offline").to_string()),
                Err(e) if e.status == 404 => {
                    // Sold here a moment ago and still in the outbox.
                    recent_sale(&c.device_id, &no)
                        .await
                        .ok_or_else(|| error_text(lang, &e))
                }
                Err(e) => Err(error_text(lang, &e)),
            };
            match answer {
                Ok(l) => {
                    quantities.set(vec![String::new(); l.sale.lines.len()]);
                    found.set(Some(l));
                }
                Err(m) => {
                    found.set(None);
                    error.set(Some(m));
                }
            }
        });
    };
    let wanted = move || -> Vec<(u32, Decimal)> {
        quantities.with(|qs| {
            qs.iter()
                .enumerate()
                .filter_map(|(i, q)| {
                    let q = Decimal::from_str(&q.trim().replace(',', ".")).ok()?;
                    (q > Decimal::ZERO).then_some((i as u32 + 1, q))
                })
                .collect()
        })
    };
    let preview = Memo::new(move |_| {
        let l = found.get()?;
        let w = wanted();
        if w.is_empty() {
            return None;
        }
        Some(refund_preview(&l, &w, to_cash.get()))
    });
    let submit = move || {
        error.set(None);
        let lang = lang.get_untracked();
        let (Some(l), Some(c)) = (found.get_untracked(), till.context.get_untracked()) else {
            return;
        };
        let w = wanted();
        let (total, tenders) = match refund_preview(&l, &w, to_cash.get_untracked()) {
            Ok(p) if !w.is_empty() => p,
            Ok(_) => {
                error.set(Some(tr(lang, "refund_pick_lines").into()));
                return;
            }
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let why = reason.get_untracked().trim().to_string();
        if why.is_empty() {
            error.set(Some(tr(lang, "reason_required").into()));
            return;
        }
        let approver_id = approver.get_untracked();
        let approver_name = c
            .approvers
            .iter()
            .find(|a| a.0 == approver_id)
            .map(|a| a.1.clone())
            .unwrap_or_default();
        let cashier = ctx
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.user.name.clone()))
            .unwrap_or_default();
        let shift_id = till.shift.get_untracked().map(|s| s.id);
        busy.set(true);
        spawn_local(async move {
            let counter_key = format!("refund_counter:{}", c.device_id);
            let next = offline::kv_get(&counter_key)
                .await
                .ok()
                .flatten()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
                + 1;
            let refund_no = format!("{}-{}-R{next:05}", c.outlet_code, c.device_code);
            let id = offline::new_sale_id();
            let refunded_at = offline::now_rfc3339();
            let body = json!({
                "id": id, "outlet_id": c.outlet_id, "receipt_no": l.sale.receipt_no,
                "refund_no": refund_no, "refunded_at": refunded_at, "shift_id": shift_id,
                "lines": w.iter().map(|(n, q)| json!({"line_no": n, "quantity": q.normalize().to_string()})).collect::<Vec<_>>(),
                "to_cash": to_cash.get_untracked(), "restock": restock.get_untracked(),
                "reason": why, "approver_id": approver_id, "pin": pin.get_untracked(),
                "total": total.normalize().to_string(),
            });
            let answer = send_or_queue(&till, &id, "/api/v1/refunds", body, &refund_no).await;
            busy.set(false);
            pin.set(String::new());
            // The server's tenders when it answered (it knows earlier refunds), else ours.
            let tenders: Vec<(String, Decimal)> = match &answer {
                Ok(Some(v)) => v["payments"]
                    .as_array()
                    .map(|ps| {
                        ps.iter()
                            .map(|p| {
                                let m = p["method"].as_str().unwrap_or_default();
                                let label = kind_of(m)
                                    .map(|k| tender_label(Lang::Id, k).to_string())
                                    .unwrap_or_else(|| m.to_string());
                                (label, d(p["amount"].as_str().unwrap_or("0")))
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                _ => tenders
                    .iter()
                    .map(|(k, a)| (tender_label(Lang::Id, *k).to_string(), *a))
                    .collect(),
            };
            match answer {
                Ok(sent) => {
                    // Numbered only once taken: a refused attempt leaves no gap.
                    let _ = offline::kv_put(&counter_key, &next.to_string()).await;
                    note_refund(&c.device_id, &l.sale.receipt_no, &w).await;
                    let mut rows = vec![
                        SlipRow::Pair("Struk".into(), l.sale.receipt_no.clone()),
                        SlipRow::Pair("Kasir".into(), cashier),
                        SlipRow::Pair(
                            "Waktu".into(),
                            crate::kernel::pages::local_time(
                                &refunded_at,
                                crate::kernel::pages::zone_offset(&c.timezone),
                            ),
                        ),
                        SlipRow::Rule,
                    ];
                    for (n, q) in &w {
                        if let Some(line) = l.sale.lines.get(*n as usize - 1) {
                            rows.push(SlipRow::Text(line.name.clone()));
                            rows.push(SlipRow::Pair(
                                format!("  {} x", q.normalize().to_string().replace('.', ",")),
                                String::new(),
                            ));
                        }
                    }
                    rows.push(SlipRow::Rule);
                    rows.push(SlipRow::Total("TOTAL REFUND".into(), format_idr(total)));
                    for (label, a) in &tenders {
                        rows.push(SlipRow::Pair(label.clone(), format_idr(*a)));
                    }
                    rows.push(SlipRow::Pair("Disetujui".into(), approver_name));
                    rows.push(SlipRow::Pair(
                        "Barang".into(),
                        if restock.get_untracked() {
                            "kembali ke stok".into()
                        } else {
                            "rusak".into()
                        },
                    ));
                    slip.set(Some(Slip {
                        header: outlet_header(&till),
                        title: format!("REFUND {refund_no}"),
                        rows,
                        footer: vec![format!("Alasan: {}", reason.get_untracked().trim())],
                        qr: Some(refund_no.clone()),
                    }));
                    message.set(Some(format!(
                        "{} {refund_no} · {}{}",
                        tr(lang, "refund_done"),
                        format_idr(total),
                        if sent.is_none() {
                            format!(" ({})", tr(lang, "queued"))
                        } else {
                            String::new()
                        }
                    )));
                    found.set(None);
                    reason.set(String::new());
                }
                Err(e) if e.code == "bad_credentials" => {
                    error.set(Some(tr(lang, "wrong_pin").into()))
                }
                Err(e) => error.set(Some(error_text(lang, &e))),
            }
        });
    };
    let reprint = move || {
        if let Some(l) = found.get_untracked() {
            receipt.set(sale_receipt(&till, &l));
            let s = printer::load_settings();
            if let Some(r) = receipt.get_untracked() {
                let bytes = domain::receipt::encode(
                    &r,
                    domain::receipt::PrintOptions {
                        width: s.columns(),
                        open_drawer: false,
                        cut: true,
                    },
                );
                let lang = lang.get_untracked();
                spawn_local(print_job(bytes, message, lang));
            }
        }
    };
    let print_slip = move || {
        if let Some(sl) = slip.get_untracked() {
            let s = printer::load_settings();
            let bytes = domain::receipt::encode_slip(
                &sl,
                domain::receipt::PrintOptions {
                    width: s.columns(),
                    open_drawer: false,
                    cut: true,
                },
            );
            let lang = lang.get_untracked();
            spawn_local(print_job(bytes, message, lang));
        }
    };

    let lines_view = move || {
        found.get().map(|l| {
            let refunded: HashMap<u32, Decimal> = l
                .refunded
                .iter()
                .map(|r| (r.line_no, d(&r.quantity)))
                .collect();
            view! {
                <p>{t("receipt")} " " <strong>{l.sale.receipt_no.clone()}</strong> " · " {format_idr(d(&l.sale.grand_total))}
                    " · " {l.sale.payments.iter().map(|p| kind_of(&p.method).map(|k| tender_label(lang.get_untracked(), k).to_string()).unwrap_or_else(|| p.method.clone())).collect::<Vec<_>>().join(" + ")}</p>
                <table class="cart" data-testid="refund-lines">
                    <tbody>
                        {l.sale.lines.iter().enumerate().map(|(i, line)| {
                            let sold = d(&line.quantity);
                            let back = refunded.get(&(i as u32 + 1)).copied().unwrap_or_default();
                            let left = (sold - back).max(Decimal::ZERO);
                            view! {
                                <tr>
                                    <td>{line.name.clone()}</td>
                                    <td class="num">{sold.normalize().to_string()}
                                        {(!back.is_zero()).then(|| format!(" (−{})", back.normalize()))}</td>
                                    <td class="num">{format_idr(d(&line.net))}</td>
                                    <td class="qty">
                                        <input class="qty-input" inputmode="decimal" aria-label=move || format!("{} {}", tr(lang.get(), "refund_qty"), i + 1)
                                            disabled=left.is_zero()
                                            prop:value=move || quantities.with(|q| q.get(i).cloned().unwrap_or_default())
                                            on:input=move |ev| { let v = event_target_value(&ev); quantities.update(|q| if let Some(x) = q.get_mut(i) { *x = v; }); }/>
                                        <button type="button" class="small" disabled=left.is_zero()
                                            on:click=move |_| quantities.update(|q| if let Some(x) = q.get_mut(i) { *x = left.normalize().to_string(); })>{t("all")}</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="toggle">
                    <button type="button" class:active=move || !to_cash.get() on:click=move |_| to_cash.set(false)>{t("refund_original")}</button>
                    <button type="button" class:active=move || to_cash.get() on:click=move |_| to_cash.set(true)>{t("refund_cash")}</button>
                </div>
                <label class="check"><input type="checkbox" prop:checked=move || restock.get()
                    on:change=move |ev| restock.set(event_target_checked(&ev))/>{t("restock")}</label>
                <label>{t("reason")}<input data-testid="refund-reason" bind:value=reason/></label>
                {move || preview.get().map(|p| match p {
                    Ok((total, tenders)) => view! {
                        <p data-testid="refund-total">{t("refund_total")} ": " <strong>{format_idr(total)}</strong> " → "
                            {tenders.iter().map(|(k, a)| format!("{} {}", tender_label(lang.get(), *k), format_idr(*a))).collect::<Vec<_>>().join(", ")}</p>
                    }.into_any(),
                    Err(e) => view! { <p class="error">{e}</p> }.into_any(),
                })}
                <ManagerPin till=till approver=approver pin=pin/>
                <div class="row-actions">
                    <button type="button" class="primary" data-testid="refund-save" disabled=move || busy.get() on:click=move |_| submit()>{t("refund")}</button>
                    <button type="button" data-testid="reprint" on:click=move |_| reprint()>{t("reprint")}</button>
                </div>
            }
        })
    };
    view! {
        <section class="panel" data-testid="refund-panel">
            <strong>{t("refund")}</strong>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); find(); }>
                <input data-testid="refund-receipt" aria-label=t("receipt_number") placeholder=t("receipt_number") bind:value=receipt_no/>
                <button type="submit">{t("find")}</button>
            </form>
            {lines_view}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || message.get().map(|m| view! { <p class="ok" data-testid="refund-message">{m}</p> })}
            {move || slip.get().map(|s| view! {
                <SlipView text=domain::receipt::text::to_plain(&domain::receipt::layout_slip(&s, 32), 32)/>
                <button type="button" data-testid="print-slip" on:click=move |_| print_slip()>{t("print")}</button>
            })}
            {move || receipt.get().map(|r| view! {
                <SlipView text=domain::receipt::text::to_plain(&domain::receipt::layout(&r, 32), 32)/>
            })}
        </section>
    }
}

/// A slip as the printer would print it; the browser's print dialog prints this.
#[component]
pub fn SlipView(text: String) -> impl IntoView {
    view! { <pre class="slip printable" data-testid="slip">{text}</pre> }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TenderTotal {
    pub method: String,
    pub amount: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ShiftInfo {
    pub id: String,
    pub cashier_name: String,
    pub opening_float: String,
    pub opened_at: String,
    pub status: String,
    #[serde(default)]
    pub closed_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CashMove {
    pub kind: String,
    pub amount: String,
    pub reason: String,
}

/// `GET /shifts/{id}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ShiftReport {
    pub shift: ShiftInfo,
    pub sales_count: u64,
    pub sales_total: String,
    pub discounts: String,
    pub by_tender: Vec<TenderTotal>,
    pub refunds_count: u64,
    pub refunds_total: String,
    pub refunds_by_tender: Vec<TenderTotal>,
    pub voids_count: u64,
    pub voids_amount: String,
    pub cash_in: String,
    pub cash_out: String,
    pub cash_movements: Vec<CashMove>,
    pub expected_cash: String,
    pub counted_cash: Option<String>,
    pub difference: Option<String>,
}

fn method_label(m: &str) -> String {
    kind_of(m)
        .map(|k| tender_label(Lang::Id, k).to_string())
        .unwrap_or_else(|| m.to_string())
}

/// The shift report as a printable slip (Indonesian, like every receipt).
pub fn shift_slip(r: &ShiftReport, header: Vec<String>, offset: i32) -> Slip {
    let mut rows = vec![
        SlipRow::Pair("Kasir".into(), r.shift.cashier_name.clone()),
        SlipRow::Pair(
            "Buka".into(),
            crate::kernel::pages::local_time(&r.shift.opened_at, offset),
        ),
    ];
    if let Some(c) = &r.shift.closed_at {
        rows.push(SlipRow::Pair(
            "Tutup".into(),
            crate::kernel::pages::local_time(c, offset),
        ));
    }
    rows.push(SlipRow::Rule);
    rows.push(SlipRow::Pair(
        format!("Penjualan ({})", r.sales_count),
        format_idr(d(&r.sales_total)),
    ));
    for t in &r.by_tender {
        rows.push(SlipRow::Pair(
            format!("  {}", method_label(&t.method)),
            format_idr(d(&t.amount)),
        ));
    }
    rows.push(SlipRow::Pair("Diskon".into(), format_idr(d(&r.discounts))));
    rows.push(SlipRow::Pair(
        format!("Refund ({})", r.refunds_count),
        format!("-{}", format_idr(d(&r.refunds_total))),
    ));
    for t in &r.refunds_by_tender {
        rows.push(SlipRow::Pair(
            format!("  {}", method_label(&t.method)),
            format!("-{}", format_idr(d(&t.amount))),
        ));
    }
    rows.push(SlipRow::Pair(
        format!("Batal ({})", r.voids_count),
        format_idr(d(&r.voids_amount)),
    ));
    rows.push(SlipRow::Rule);
    rows.push(SlipRow::Pair(
        "Modal awal".into(),
        format_idr(d(&r.shift.opening_float)),
    ));
    rows.push(SlipRow::Pair("Kas masuk".into(), format_idr(d(&r.cash_in))));
    rows.push(SlipRow::Pair(
        "Kas keluar".into(),
        format!("-{}", format_idr(d(&r.cash_out))),
    ));
    rows.push(SlipRow::Total(
        "Kas seharusnya".into(),
        format_idr(d(&r.expected_cash)),
    ));
    if let Some(c) = &r.counted_cash {
        rows.push(SlipRow::Pair("Kas dihitung".into(), format_idr(d(c))));
    }
    if let Some(diff) = &r.difference {
        let v = d(diff);
        let text = if v < Decimal::ZERO {
            format!("-{}", format_idr(-v))
        } else {
            format_idr(v)
        };
        rows.push(SlipRow::Total("Selisih".into(), text));
    }
    Slip {
        header,
        title: "LAPORAN SHIFT".into(),
        rows,
        footer: Vec::new(),
        qr: None,
    }
}

/// A shift report on screen, with its figures tagged for tests and a print button.
#[component]
pub fn ShiftReportView(report: ShiftReport, header: Vec<String>, offset: i32) -> impl IntoView {
    let lang = use_lang();
    let message = RwSignal::new(None::<String>);
    let slip = shift_slip(&report, header, offset);
    let text = domain::receipt::text::to_plain(&domain::receipt::layout_slip(&slip, 32), 32);
    let diff = report.difference.clone().map(|x| d(&x));
    let print = move |_| {
        let s = printer::load_settings();
        let bytes = domain::receipt::encode_slip(
            &slip,
            domain::receipt::PrintOptions {
                width: s.columns(),
                open_drawer: false,
                cut: true,
            },
        );
        spawn_local(print_job(bytes, message, lang.get_untracked()));
    };
    view! {
        <div class="shift-report" data-testid="shift-report">
            <dl class="totals">
                <dt>{t("sales")}</dt><dd data-testid="report-sales">{format_idr(d(&report.sales_total))}</dd>
                <dt>{t("refunds")}</dt><dd data-testid="report-refunds">{format_idr(d(&report.refunds_total))}</dd>
                <dt>{t("expected_cash")}</dt><dd data-testid="expected-cash">{format_idr(d(&report.expected_cash))}</dd>
                {report.counted_cash.clone().map(|c| view! { <dt>{t("counted_cash")}</dt><dd data-testid="counted-cash">{format_idr(d(&c))}</dd> })}
                {diff.map(|v| view! {
                    <dt>{t("difference")}</dt>
                    <dd data-testid="difference" class:error=v < Decimal::ZERO>
                        {if v < Decimal::ZERO { format!("−{}", format_idr(-v)) } else { format_idr(v) }}
                    </dd>
                })}
            </dl>
            <SlipView text=text/>
            <button type="button" data-testid="print-report" on:click=print>{t("print")}</button>
            {move || message.get().map(|m| view! { <p class="muted">{m}</p> })}
        </div>
    }
}

#[component]
fn ClosePanel(till: Till) -> impl IntoView {
    let lang = use_lang();
    let counts = RwSignal::new(vec![String::new(); DENOMINATIONS.len()]);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let report = RwSignal::new(None::<ShiftReport>);
    let queued = RwSignal::new(false);
    let parsed = move || -> Vec<(i64, u32)> {
        counts.with(|c| {
            DENOMINATIONS
                .iter()
                .zip(c.iter())
                .map(|(den, n)| (*den, n.trim().parse::<u32>().unwrap_or(0)))
                .collect()
        })
    };
    let counted = move || domain::shift::counted_cash(&parsed()).unwrap_or_default();
    let close = move || {
        error.set(None);
        let lang = lang.get_untracked();
        let (Some(shift), Some(c)) = (till.shift.get_untracked(), till.context.get_untracked())
        else {
            return;
        };
        if counts.with_untracked(|c| {
            c.iter()
                .any(|n| !n.trim().is_empty() && n.trim().parse::<u32>().is_err())
        }) {
            error.set(Some(tr(lang, "count_invalid").into()));
            return;
        }
        let body = json!({"closed_at": offline::now_rfc3339(), "note": note.get_untracked(),
            "counted": parsed().into_iter().filter(|(_, n)| *n > 0).map(|(den, n)| json!({"denomination": den, "count": n})).collect::<Vec<_>>()});
        busy.set(true);
        spawn_local(async move {
            let key = offline::new_sale_id();
            let path = format!("/api/v1/shifts/{}/close", shift.id);
            let answer = send_or_queue(&till, &key, &path, body, "tutup shift").await;
            busy.set(false);
            match answer {
                Ok(sent) => {
                    let _ = offline::kv_put(&format!("shift:{}", c.device_id), "null").await;
                    match sent.and_then(|v| serde_json::from_value::<ShiftReport>(v).ok()) {
                        Some(r) => report.set(Some(r)),
                        None => queued.set(true),
                    }
                }
                Err(e) => error.set(Some(error_text(lang, &e))),
            }
        });
    };
    let finish = move |_| {
        report.set(None);
        queued.set(false);
        till.panel.set(None);
        till.shift.set(None);
    };
    view! {
        <section class="panel" data-testid="close-panel">
            <strong>{t("close_shift")}</strong>
            <Show when=move || report.get().is_none() && !queued.get()>
                <p class="muted">{t("count_hint")}</p>
                <div class="denominations">
                    {DENOMINATIONS.iter().enumerate().map(|(i, den)| {
                        let label = format_idr(Decimal::from(*den));
                        view! {
                            <label>{label.clone()}
                                <input inputmode="numeric" aria-label=label
                                    prop:value=move || counts.with(|c| c[i].clone())
                                    on:input=move |ev| { let v = event_target_value(&ev); counts.update(|c| c[i] = v); }/>
                            </label>
                        }
                    }).collect_view()}
                </div>
                <p>{t("counted_cash")} ": " <strong data-testid="counted-total">{move || format_idr(counted())}</strong></p>
                <label>{t("note")}<input bind:value=note/></label>
                <button type="button" class="primary" data-testid="close-save" disabled=move || busy.get() on:click=move |_| close()>{t("close_shift")}</button>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || report.get().map(|r| {
                let offset = till.context.get_untracked().map(|c| crate::kernel::pages::zone_offset(&c.timezone)).unwrap_or(7);
                view! { <ShiftReportView report=r header=outlet_header(&till) offset=offset/> }
            })}
            <Show when=move || queued.get()>
                <p class="muted" data-testid="close-queued">{t("close_queued")}</p>
            </Show>
            <Show when=move || report.get().is_some() || queued.get()>
                <button type="button" data-testid="close-done" on:click=finish>{t("done")}</button>
            </Show>
        </section>
    }
}

#[component]
fn PrinterPanel() -> impl IntoView {
    let lang = use_lang();
    let settings = RwSignal::new(printer::load_settings());
    let message = RwSignal::new(None::<String>);
    let update = move |f: &dyn Fn(&mut PrinterSettings)| {
        settings.update(|s| f(s));
        printer::save_settings(&settings.get_untracked());
    };
    let pair = move |_| {
        spawn_local(async move {
            let lang = lang.get_untracked();
            match printer::pair().await {
                Ok(name) => {
                    settings.set(printer::load_settings());
                    message.set(Some(format!("{} {name}", tr(lang, "printer_paired"))));
                }
                Err(e) => message.set(Some(tr(lang, e.key()).into())),
            }
        });
    };
    let test = move |_| {
        let s = settings.get_untracked();
        let slip = Slip {
            header: vec!["Satu".into()],
            title: "TES PRINTER".into(),
            rows: vec![
                SlipRow::Pair("Kertas".into(), format!("{} mm", s.paper_mm)),
                SlipRow::Text("Rp12.500 · café · ½ kg".into()),
            ],
            footer: Vec::new(),
            qr: Some("SATU".into()),
        };
        let bytes = domain::receipt::encode_slip(
            &slip,
            domain::receipt::PrintOptions {
                width: s.columns(),
                open_drawer: false,
                cut: true,
            },
        );
        spawn_local(print_job(bytes, message, lang.get_untracked()));
    };
    view! {
        <section class="panel" data-testid="printer-panel">
            <strong>{t("printer")}</strong>
            <p>{move || settings.get().paired.map(|p| p.2).unwrap_or_else(|| tr(lang.get(), "printer_not_paired").to_string())}</p>
            <div class="toggle">
                <button type="button" class:active=move || settings.get().paper_mm == 58 on:click=move |_| update(&|s| s.paper_mm = 58)>"58 mm"</button>
                <button type="button" class:active=move || settings.get().paper_mm == 80 on:click=move |_| update(&|s| s.paper_mm = 80)>"80 mm"</button>
            </div>
            <label class="check"><input type="checkbox" data-testid="auto-print" prop:checked=move || settings.get().auto_print
                on:change=move |ev| { let v = event_target_checked(&ev); update(&move |s| s.auto_print = v); }/>{t("auto_print")}</label>
            <label class="check"><input type="checkbox" prop:checked=move || settings.get().open_drawer
                on:change=move |ev| { let v = event_target_checked(&ev); update(&move |s| s.open_drawer = v); }/>{t("open_drawer")}</label>
            <div class="row-actions">
                <button type="button" data-testid="pair-printer" on:click=pair>{t("pair_printer")}</button>
                <button type="button" on:click=test>{t("test_print")}</button>
            </div>
            {move || message.get().map(|m| view! { <p class="muted" data-testid="printer-message">{m}</p> })}
        </section>
    }
}

/// Records a line or a cart abandoned before payment.
pub fn record_void(till: Till, kind: &'static str, items: Vec<(String, String, Decimal, Decimal)>) {
    let Some(c) = till.context.get_untracked() else {
        return;
    };
    if items.is_empty() {
        return;
    }
    let id = offline::new_sale_id();
    let body = json!({"id": id, "outlet_id": c.outlet_id, "shift_id": till.shift.get_untracked().map(|s| s.id),
        "kind": kind, "at": offline::now_rfc3339(),
        "items": items.iter().map(|(p, n, q, a)| json!({"product_id": p, "name": n, "quantity": q.normalize().to_string(), "amount": a.normalize().to_string()})).collect::<Vec<_>>()});
    spawn_local(async move {
        if enqueue(&id, "/api/v1/voids", &body, "void").await.is_ok() {
            till.sync.pending.update(|p| *p += 1);
        }
    });
}

/// The tender code the server stores, for a payment kept on the tablet.
pub fn payment_record(kind: TenderKind, amount: Decimal) -> PaymentRecord {
    PaymentRecord {
        method: tender_code(kind),
        amount: amount.normalize().to_string(),
    }
}
