//! One purchase order as the manager and its supplier read it: lines with what came,
//! totals, receipts; the steps the reader may take now (send, approve, cancel, close,
//! receive; or, for the supplier, confirm, propose changes (`proposal`) and ship).
use domain::api::purchasing::{PoStatus, PoView, ReceiptView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{day_text, error_text, local_time, rupiah, Notice};
use crate::kernel::session::use_session;

pub fn status_key(s: PoStatus) -> &'static str {
    match s {
        PoStatus::Draft => "po_status_draft",
        PoStatus::PendingApproval => "po_status_pending_approval",
        PoStatus::Sent => "po_status_sent",
        PoStatus::Confirmed => "po_status_confirmed",
        PoStatus::PartiallyReceived => "po_status_partially_received",
        PoStatus::Received => "po_status_received",
        PoStatus::Closed => "po_status_closed",
        PoStatus::Cancelled => "po_status_cancelled",
    }
}

/// A quantity as the API sends it (`"1152"`, `"2.5"`), with a decimal comma.
pub fn qty(text: &str) -> String {
    text.replace('.', ",")
}

/// Who is reading: the shop's manager or the supplier on its portal.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Buyer,
    Supplier,
}

fn whatsapp_link(po: &PoView) -> Option<String> {
    let phone: String = po
        .supplier_phone
        .as_deref()?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let mut text = format!("Pesanan pembelian {} dari {}:\n", po.number, po.outlet_name);
    for l in &po.lines {
        text.push_str(&format!(
            "- {} {} {} @ {}\n",
            l.name,
            qty(&l.quantity),
            l.purchase_unit,
            rupiah(&l.unit_price)
        ));
    }
    text.push_str(&format!("Total {}", rupiah(&po.total)));
    if let Some(d) = &po.expected_on {
        text.push_str(&format!("\nDiharapkan {d}"));
    }
    Some(format!(
        "https://wa.me/{phone}?text={}",
        client::encode_query(&text)
    ))
}

#[component]
pub fn PoDetail(po: PoView, reader: Reader, on_change: Callback<PoView>) -> impl IntoView {
    let lang = use_lang();
    let ctx = use_session();
    let can = move |p: &str| ctx.session.with(|s| s.as_ref().is_some_and(|s| s.can(p)));
    let error = RwSignal::new(None::<String>);
    let status = po.status;
    let base = match reader {
        Reader::Buyer => format!("/api/v1/purchase-orders/{}", po.id),
        Reader::Supplier => format!("/api/v1/supplier-portal/purchase-orders/{}", po.id),
    };
    let act = {
        let base = base.clone();
        move |step: &'static str, body: serde_json::Value| {
            error.set(None);
            let url = format!("{base}/{step}");
            spawn_local(async move {
                match client::post::<PoView>(&url, &body).await {
                    Ok(v) => on_change.run(v),
                    Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
                }
            });
        }
    };
    let buyer = reader == Reader::Buyer;
    let manage = buyer && can("purchasing.manage_purchasing");
    let can_send = manage && status == PoStatus::Draft;
    let can_approve =
        buyer && status == PoStatus::PendingApproval && can("purchasing.approve_purchase");
    let can_cancel = manage
        && matches!(
            status,
            PoStatus::Draft | PoStatus::PendingApproval | PoStatus::Sent | PoStatus::Confirmed
        );
    let can_close = manage && status == PoStatus::PartiallyReceived;
    let can_receive = buyer && status.is_open() && can("purchasing.receive_goods");
    let can_confirm = !buyer && status == PoStatus::Sent;
    let can_ship = !buyer && status.can_ship() && po.shipped_at.is_none();
    let wa = buyer.then(|| whatsapp_link(&po)).flatten();
    let (a1, a2, a3, a4) = (act.clone(), act.clone(), act.clone(), act.clone());
    let (a5, a6) = (act.clone(), act);
    let lines = po.lines.clone();
    let receipts = po.receipts.clone();
    view! {
        <section class="card po-detail" data-testid="po-detail">
            <h2>{po.number.clone()} " · " {po.supplier_name.clone()}</h2>
            <p><span class="badge" data-testid="po-status">{t(status_key(status))}</span></p>
            <dl class="facts">
                <dt>{t("destination")}</dt><dd>{po.outlet_name.clone()}</dd>
                {po.expected_on.clone().map(|d| view! { <dt>{t("expected_on")}</dt><dd>{day_text(lang.get_untracked(), &d, 7)}</dd> })}
                {po.delivery_on.clone().map(|d| view! { <dt>{t("delivery_on")}</dt><dd data-testid="po-delivery-on">{day_text(lang.get_untracked(), &d, 7)}</dd> })}
                {po.supplier_note.clone().map(|n| view! { <dt>{t("supplier_note")}</dt><dd>{n}</dd> })}
                {po.delivery_note.clone().map(|n| view! { <dt>{t("delivery_note")}</dt><dd data-testid="po-delivery-note">{n}</dd> })}
            </dl>
            <div class="table-wrap" tabindex="0">
                <table data-testid="po-lines">
                    <thead><tr><th>{t("product")}</th><th class="num">{t("order_qty")}</th><th class="num">{t("unit_price")}</th>
                        <th class="num">{t("discount")}</th><th class="num">{t("total")}</th><th class="num">{t("received_qty")}</th></tr></thead>
                    <tbody>
                        {lines.into_iter().map(|l| view! {
                            <tr>
                                <td>{l.name.clone()}<br/><span class="muted">{l.sku.clone()}</span></td>
                                <td class="num">{qty(&l.quantity)} " " {l.purchase_unit.clone()}</td>
                                <td class="num">{rupiah(&l.unit_price)}</td>
                                <td class="num">{rupiah(&l.discount)}</td>
                                <td class="num">{rupiah(&l.net)}</td>
                                <td class="num">{qty(&l.received_base)} " / " {qty(&l.ordered_base)} " " {l.unit.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="totals">
                <dt>{t("subtotal")}</dt><dd class="num">{rupiah(&po.subtotal)}</dd>
                {po.supplier_pkp.then(|| view! { <dt>{t("ppn_in")}</dt><dd class="num">{rupiah(&po.ppn)}</dd> })}
                <dt class="grand">{t("total")}</dt><dd class="grand num" data-testid="po-total">{rupiah(&po.total)}</dd>
            </dl>
            <div class="actions no-print">
                {can_send.then(|| view! { <button type="button" class="primary" data-testid="po-send" on:click=move |_| a1("send", json!({}))>{t("send_order")}</button> })}
                {can_approve.then(|| view! { <button type="button" class="primary" data-testid="po-approve" on:click=move |_| a2("approve", json!({}))>{t("approve_order")}</button> })}
                {can_close.then(|| view! { <button type="button" on:click=move |_| a3("close", json!({}))>{t("close_order")}</button> })}
                {can_cancel.then(|| view! { <button type="button" class="danger" on:click=move |_| a4("cancel", json!({}))>{t("cancel_order")}</button> })}
                {wa.map(|href| view! { <a class="button" href=href target="_blank" rel="noopener">{t("share_whatsapp")}</a> })}
                <button type="button" on:click=move |_| crate::kernel::printer::browser_print()>{t("print")}</button>
            </div>
            <Notice error/>
            <super::proposal::ProposalPanel po=po.clone() decide=manage on_change/>
            {can_confirm.then(|| view! { <ConfirmForm act=a5/> })}
            {can_confirm.then(|| view! { <super::proposal::ProposalForm po=po.clone() on_change/> })}
            {can_ship.then(|| view! { <ShipForm act=a6/> })}
            {can_receive.then(|| view! { <ReceiveForm po=po.clone() on_change/> })}
            <h3>{t("receipts")}</h3>
            <Receipts receipts/>
            {(buyer && can("purchasing.receive_goods") && !po.receipts.is_empty())
                .then(|| view! { <super::returns::PoReturns po=po.clone()/> })}
        </section>
    }
}

#[component]
fn ConfirmForm(
    act: impl Fn(&'static str, serde_json::Value) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let date = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    view! {
        <form class="grid-form" data-testid="po-confirm" on:submit=move |ev| {
            ev.prevent_default();
            act("confirm", json!({"delivery_on": date.get_untracked(), "note": note.get_untracked()}));
        }>
            <label>{t("delivery_on")}<input type="date" required bind:value=date/></label>
            <label>{t("supplier_note")}<input type="text" maxlength="500" bind:value=note/></label>
            <button type="submit" class="primary">{t("confirm_order")}</button>
        </form>
    }
}

#[component]
fn ShipForm(
    act: impl Fn(&'static str, serde_json::Value) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let note = RwSignal::new(String::new());
    view! {
        <form class="grid-form" data-testid="po-ship" on:submit=move |ev| {
            ev.prevent_default();
            act("ship", json!({"delivery_note": note.get_untracked()}));
        }>
            <label>{t("delivery_note")}<input type="text" required maxlength="100" bind:value=note/></label>
            <button type="submit" class="primary">{t("mark_shipped")}</button>
        </form>
    }
}

/// One order line in the receiving form.
#[derive(Clone)]
struct ReceiveRow {
    line: String,
    product: String,
    name: String,
    unit: String,
    quantity: RwSignal<String>,
    batch: RwSignal<String>,
    expiry: RwSignal<String>,
}

/// The goods that came now, line by line (what is still outstanding filled in), with
/// batch and expiry.
#[component]
fn ReceiveForm(po: PoView, on_change: Callback<PoView>) -> impl IntoView {
    let lang = use_lang();
    let error = RwSignal::new(None::<String>);
    let allow_over = RwSignal::new(false);
    let rows: Vec<ReceiveRow> = po
        .lines
        .iter()
        .map(|l| ReceiveRow {
            line: l.id.clone(),
            product: l.product_id.clone(),
            name: l.name.clone(),
            unit: l.unit.clone(),
            quantity: RwSignal::new(qty(&l.outstanding_base)),
            batch: RwSignal::new(String::new()),
            expiry: RwSignal::new(String::new()),
        })
        .collect();
    let submit_rows = rows.clone();
    let url = format!("/api/v1/purchase-orders/{}/receipts", po.id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let lines: Vec<serde_json::Value> = submit_rows
            .iter()
            .filter_map(|r| {
                let q = r.quantity.get_untracked().trim().replace(',', ".");
                (!q.is_empty() && q != "0").then(|| {
                    json!({"po_line_id": r.line, "product_id": r.product, "quantity": q,
                        "batch_no": r.batch.get_untracked(), "expires_on": r.expiry.get_untracked()})
                })
            })
            .collect();
        let body = json!({"lines": lines, "allow_over": allow_over.get_untracked()});
        let url = url.clone();
        spawn_local(async move {
            match client::post::<PoView>(&url, &body).await {
                Ok(v) => on_change.run(v),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <form class="no-print" data-testid="po-receive" on:submit=submit>
            <h3>{t("receive_goods")}</h3>
            <div class="table-wrap" tabindex="0">
                <table>
                    <thead><tr><th>{t("product")}</th><th>{t("receive_now")}</th><th>{t("batch_no")}</th><th>{t("expires_on")}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|ReceiveRow { name, unit, quantity: q, batch, expiry: exp, .. }| view! {
                            <tr>
                                <td>{name.clone()}</td>
                                <td><input type="text" inputmode="decimal" size="7" aria-label=name.clone() data-testid="receive-qty" bind:value=q/> " " {unit}</td>
                                <td><input type="text" size="10" maxlength="100" aria-label=tr(lang.get_untracked(), "batch_no") data-testid="receive-batch" bind:value=batch/></td>
                                <td><input type="date" aria-label=tr(lang.get_untracked(), "expires_on") data-testid="receive-expiry" bind:value=exp/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <label class="check"><input type="checkbox" bind:checked=allow_over/>{t("allow_over")}</label>
            <button type="submit" class="primary" data-testid="receive-save">{t("save_receipt")}</button>
            <Notice error/>
        </form>
    }
}

#[component]
fn Receipts(receipts: Vec<ReceiptView>) -> impl IntoView {
    let lang = use_lang();
    if receipts.is_empty() {
        return view! { <p class="muted">{t("no_receipts")}</p> }.into_any();
    }
    view! {
        <div data-testid="po-receipts">
            {receipts.into_iter().map(|r| view! {
                <div class="receipt-block">
                    <p><strong>{r.number.clone()}</strong> " · " {local_time(&r.received_at, 7)} " · " {t("received_by")} " " {r.received_by.clone()}
                        " · " {rupiah(&r.value)}</p>
                    <ul>
                        {r.lines.into_iter().map(|l| {
                            let flag = l.flag.as_deref().map(|f| match f {
                                "over" => "flag_over",
                                "substitute" => "flag_substitute",
                                _ => "flag_extra",
                            });
                            view! {
                                <li>{l.name.clone()} " · " {qty(&l.quantity)}
                                    {l.batch_no.clone().map(|b| view! { " · " {t("batch_no")} " " {b} })}
                                    {l.expires_on.clone().map(|d| view! { " · " {t("expires_on")} " " {day_text(lang.get_untracked(), &d, 7)} })}
                                    {flag.map(|k| view! { " " <span class="badge low">{t(k)}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }).collect_view()}
        </div>
    }
    .into_any()
}
