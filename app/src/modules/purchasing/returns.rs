//! Goods sent back to the supplier from an order's receipt (damaged, expired, wrong
//! item): under the order on `/pembelian`, the receipt's lines with how many go back and
//! why; and the order's returns with their value at cost.
use domain::api::purchasing::{PoView, ReceiptView, ReturnPage, ReturnView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use super::detail::qty;
use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, local_time, rupiah, Notice};

/// The order's returns, newest first, and a form per receipt to send goods back.
#[component]
pub fn PoReturns(po: PoView) -> impl IntoView {
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let po_id = po.id.clone();
    let list = fetched::<ReturnPage>(
        {
            let po_id = po_id.clone();
            move || format!("/api/v1/purchase-returns?po_id={po_id}&limit=20")
        },
        version,
    );
    let receipts = po.receipts.clone();
    let (supplier, outlet) = (po.supplier_id.clone(), po.outlet_id.clone());
    view! {
        <div class="no-print" data-testid="po-returns">
            <h3>{t("returns_to_supplier")}</h3>
            <ul>
                {move || list.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default().into_iter().map(|r: ReturnView| view! {
                    <li>
                        <strong>{r.number.clone()}</strong> " · " {local_time(&r.created_at, 7)} " · " {r.reason.clone()} " · " {rupiah(&r.value)}
                        <br/><span class="muted">{r.lines.iter().map(|l| format!("{} {}", l.name, qty(&l.quantity))).collect::<Vec<_>>().join(", ")}</span>
                    </li>
                }).collect_view()}
                {move || matches!(list.get(), Some(Ok(ref p)) if p.items.is_empty()).then(|| view! { <li class="muted">{t("no_returns")}</li> })}
            </ul>
            {receipts.into_iter().map(|r| view! {
                <ReturnForm receipt=r supplier=supplier.clone() outlet=outlet.clone() po_id=po_id.clone() version/>
            }).collect_view()}
            <p class="muted">{move || tr(lang.get(), "return_hint").to_string()}</p>
        </div>
    }
}

/// One receipt's lines, each with how many go back (empty: none).
#[component]
fn ReturnForm(
    receipt: ReceiptView,
    supplier: String,
    outlet: String,
    po_id: String,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let reason = RwSignal::new(String::new());
    let rows: Vec<(String, String, Option<String>, RwSignal<String>)> = receipt
        .lines
        .iter()
        .map(|l| {
            (
                l.product_id.clone(),
                format!(
                    "{} ({} {})",
                    l.name,
                    qty(&l.quantity),
                    tr(lang.get_untracked(), "received_word")
                ),
                l.batch_no.clone(),
                RwSignal::new(String::new()),
            )
        })
        .collect();
    let submit_rows = rows.clone();
    let receipt_id = receipt.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        ok.set(None);
        let lines: Vec<serde_json::Value> = submit_rows
            .iter()
            .filter_map(|(product, _, batch, q)| {
                let q = q.get_untracked().trim().replace(',', ".");
                (!q.is_empty() && q != "0")
                    .then(|| json!({"product_id": product, "quantity": q, "batch_no": batch}))
            })
            .collect();
        let body = json!({"supplier_id": supplier, "outlet_id": outlet, "po_id": po_id,
            "receipt_id": receipt_id, "reason": reason.get_untracked(), "lines": lines});
        spawn_local(async move {
            match client::post::<ReturnView>("/api/v1/purchase-returns", &body).await {
                Ok(r) => {
                    ok.set(Some(format!("{} · {}", r.number, rupiah(&r.value))));
                    reason.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <details data-testid="return-form">
            <summary>{t("return_goods")} " · " {receipt.number.clone()}</summary>
            <form on:submit=submit>
                <div class="table-wrap" tabindex="0">
                    <table>
                        <thead><tr><th>{t("product")}</th><th>{t("return_qty")}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(_, label, _, q)| view! {
                                <tr><td>{label.clone()}</td>
                                    <td><input type="text" inputmode="decimal" size="6" aria-label=label data-testid="return-qty" bind:value=q/></td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <label>{t("return_reason")}<input type="text" required maxlength="500" bind:value=reason data-testid="return-reason"/></label>
                <button type="submit" class="primary" data-testid="return-save">{t("save_return")}</button>
                <Notice error ok/>
            </form>
        </details>
    }
}
