//! What runs a till through a day besides selling: the shift (float in, count out), cash
//! taken in or out, refunds of earlier sales, and printing receipts and slips. Everything
//! that changes money goes through the same ordered outbox as sales, so it works offline
//! and reaches the server once, after the sales it depends on.
use std::collections::HashMap;
use std::str::FromStr;

use domain::api::pos::{PaymentView, RefundedLine, SaleLineView, SaleLookup, ShiftView};
use domain::payment::TenderKind;
use domain::receipt::{Receipt, ReceiptItem};
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
use crate::kernel::session::use_session;

/// What the tablet keeps of a sale for a reprint or a refund: the part of the server's
/// `SaleView` the till reads, built here for its own recent sales (which may not have reached
/// the server yet) or taken from `GET /sales/lookup`.
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
    pub lines: Vec<SaleLineView>,
    pub payments: Vec<PaymentView>,
}

/// A sale with its refunded quantities: from `GET /sales/lookup`, or a recent sale of this
/// tablet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lookup {
    pub sale: SaleRecord,
    #[serde(default)]
    pub cashier_name: String,
    #[serde(default)]
    pub refunded: Vec<RefundedLine>,
}

impl From<SaleLookup> for Lookup {
    fn from(l: SaleLookup) -> Self {
        let s = l.sale;
        Lookup {
            sale: SaleRecord {
                receipt_no: s.receipt_no,
                sold_at: s.sold_at,
                subtotal: s.subtotal,
                discount_total: s.discount_total,
                service_charge: s.service_charge,
                tax_total: s.tax_total,
                rounding: s.rounding,
                grand_total: s.grand_total,
                change: s.change,
                lines: s.lines,
                payments: s.payments,
            },
            cashier_name: l.cashier_name,
            refunded: l.refunded,
        }
    }
}

pub(super) fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

pub(super) fn kind_of(method: &str) -> Option<TenderKind> {
    serde_json::from_value(Value::String(method.to_string())).ok()
}

pub(super) fn recent_key(device_id: &str) -> String {
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

pub(super) async fn recent_sale(device_id: &str, receipt_no: &str) -> Option<Lookup> {
    let list: Vec<Lookup> = cached(&recent_key(device_id)).await.unwrap_or_default();
    list.into_iter().find(|l| l.sale.receipt_no == receipt_no)
}

/// Adds a refund made offline to the tablet's copy, so a second one cannot exceed the sale.
pub(super) async fn note_refund(device_id: &str, receipt_no: &str, lines: &[(u32, Decimal)]) {
    let key = recent_key(device_id);
    let mut list: Vec<Lookup> = cached(&key).await.unwrap_or_default();
    if let Some(l) = list.iter_mut().find(|l| l.sale.receipt_no == receipt_no) {
        for (no, q) in lines {
            match l.refunded.iter_mut().find(|r| r.line_no == *no) {
                Some(r) => r.quantity = (d(&r.quantity) + q).normalize().to_string(),
                None => l.refunded.push(RefundedLine {
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

pub(super) fn outlet_header(till: &Till) -> Vec<String> {
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
        .map_err(|e| ApiError::local("storage", e))?;
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
    if let Some(s) = shift_from_server(()).await {
        cache(&key, &s).await;
        till.shift.set(Some(s));
    }
}

/// The server's record of this device's open shift. Read only when the tablet has none
/// (its storage was cleared), so it is a chunk of its own, out of the till's first load.
#[lazy]
async fn shift_from_server(_: ()) -> Option<Shift> {
    client::get::<Option<ShiftView>>("/api/v1/shifts/current")
        .await
        .ok()
        .flatten()
        .map(Shift::from)
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

/// Who may approve at this till, for the manager's PIN.
pub(super) fn approvers(till: Till) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || till.context.get().map(|c| c.approvers).unwrap_or_default())
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
pub fn payment_record(kind: TenderKind, amount: Decimal) -> PaymentView {
    PaymentView {
        method: tender_code(kind),
        amount: amount.normalize().to_string(),
        reference: None,
    }
}
