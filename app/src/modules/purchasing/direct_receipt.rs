//! Goods received without an order (a salesman's drop, a market run) on `/pembelian`:
//! lines of product, quantity, what was paid for them, batch and expiry, from a supplier
//! on record or none; the stock and its average cost move when saved.
use domain::api::inventory::ProductPage;
use domain::api::purchasing::ReceiptView;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use super::detail::qty;
use super::suppliers::SupplierPage;
use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, rupiah, Notice};

/// One line as typed: product id, label, quantity, value, batch, expiry.
type Line = (String, String, String, String, String, String);

#[component]
pub fn DirectReceipt(outlet: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    let suppliers =
        fetched::<SupplierPage>(|| "/api/v1/suppliers?limit=200".into(), RwSignal::new(0));
    let supplier = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let found = fetched::<ProductPage>(
        move || {
            let q = search.get();
            if q.trim().chars().count() < 2 {
                String::new()
            } else {
                format!(
                    "/api/v1/products?limit=10&q={}",
                    client::encode_query(q.trim())
                )
            }
        },
        RwSignal::new(0),
    );
    let product = RwSignal::new(String::new());
    let quantity = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let batch = RwSignal::new(String::new());
    let expiry = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let lines = RwSignal::new(Vec::<Line>::new());
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let add = move |_| {
        let id = product.get_untracked();
        let Some(p) = found
            .get_untracked()
            .and_then(Result::ok)
            .and_then(|page| page.items.into_iter().find(|p| p.id == id))
        else {
            return;
        };
        lines.update(|l| {
            l.push((
                p.id.clone(),
                format!("{} · {}", p.sku, p.name),
                quantity.get_untracked().trim().replace(',', "."),
                value
                    .get_untracked()
                    .trim()
                    .replace('.', "")
                    .replace(',', "."),
                batch.get_untracked().trim().to_string(),
                expiry.get_untracked(),
            ))
        });
        quantity.set(String::new());
        value.set(String::new());
        batch.set(String::new());
        expiry.set(String::new());
    };
    let save = move |_| {
        error.set(None);
        ok.set(None);
        let body = json!({"outlet_id": outlet.get_untracked(),
            "supplier_id": Some(supplier.get_untracked()).filter(|s| !s.is_empty()),
            "note": Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
            "lines": lines.get_untracked().into_iter().map(|(p, _, q, v, b, e)| json!({
                "product_id": p, "quantity": q, "value": v,
                "batch_no": Some(b).filter(|b| !b.is_empty()),
                "expires_on": Some(e).filter(|e| !e.is_empty())})).collect::<Vec<_>>()});
        spawn_local(async move {
            match client::post::<ReceiptView>("/api/v1/goods-receipts", &body).await {
                Ok(r) => {
                    ok.set(Some(format!("{} · {}", r.number, rupiah(&r.value))));
                    lines.set(Vec::new());
                    note.set(String::new());
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <details data-testid="direct-receipt">
            <summary>{t("receive_without_order")}</summary>
            <p class="muted">{t("receive_without_order_hint")}</p>
            <div class="grid-form">
                <label>{t("suppliers")}
                    <select prop:value=move || supplier.get() on:change=move |ev| supplier.set(event_target_value(&ev))
                        data-testid="direct-supplier">
                        <option value="">"–"</option>
                        {move || suppliers.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default().into_iter()
                            .map(|s| view! { <option value=s.id.clone()>{s.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t("product")}<input type="search" bind:value=search data-testid="direct-search"/></label>
                <label>{t("choose")}
                    <select prop:value=move || product.get() on:change=move |ev| product.set(event_target_value(&ev))
                        data-testid="direct-product">
                        <option value="">"–"</option>
                        {move || found.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default().into_iter()
                            .map(|p| view! { <option value=p.id.clone()>{format!("{} · {}", p.sku, p.name)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t("received_qty")}<input inputmode="decimal" bind:value=quantity data-testid="direct-qty"/></label>
                <label>{t("paid_value")}<input inputmode="decimal" bind:value=value data-testid="direct-value"/></label>
                <label>{t("batch_no")}<input maxlength="100" bind:value=batch/></label>
                <label>{t("expires_on")}<input type="date" bind:value=expiry/></label>
                <button type="button" on:click=add data-testid="direct-add">{t("add_line")}</button>
            </div>
            <ul data-testid="direct-lines">
                {move || lines.get().into_iter().map(|(_, label, q, v, b, _)| view! {
                    <li>{label} " · " {qty(&q)} " · " {rupiah(&v)} {(!b.is_empty()).then(|| view! { " · " {tr(lang.get_untracked(), "batch_no")} " " {b.clone()} })}</li>
                }).collect_view()}
            </ul>
            <label>{t("note")}<input maxlength="500" bind:value=note/></label>
            <button type="button" class="primary" on:click=save data-testid="direct-save"
                disabled=move || lines.with(Vec::is_empty)>{t("save_receipt")}</button>
            <Notice error ok/>
        </details>
    }
}
