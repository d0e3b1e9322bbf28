//! `/pembelian`: the manager's purchase orders (by status, a page at a time), the reorder
//! list that turns into an order per supplier, a new order from a supplier's product list,
//! and the order opened below with its steps and receipts.
use domain::api::purchasing::{
    PoPage, PoStatus, PoView, ReorderPage, ReorderRow, SupplierProductView, SupplierView,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use super::detail::{qty, status_key, PoDetail, Reader};
use super::suppliers::SupplierPage;
use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{
    day_text, error_text, fetched, outlet_choice, rupiah, Notice, OutletSelect,
};
use crate::kernel::session::Protected;

const PAGE: u64 = 25;

#[component]
pub fn Purchasing() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <PurchasingBody/>
        </Protected>
    }
}

/// Brings the order just opened into view (it is drawn below the lists).
pub fn reveal_detail() {
    #[cfg(feature = "hydrate")]
    leptos::prelude::request_animation_frame(|| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-testid=po-detail]").ok().flatten())
        {
            el.scroll_into_view();
        }
    });
}

#[component]
fn PurchasingBody() -> impl IntoView {
    let lang = use_lang();
    let (outlets, outlet) = outlet_choice();
    let version = RwSignal::new(0u32);
    let status = RwSignal::new(String::new());
    let offset = RwSignal::new(0u64);
    let orders = fetched::<PoPage>(
        move || {
            format!(
                "/api/v1/purchase-orders?limit={PAGE}&offset={}&status={}",
                offset.get(),
                status.get()
            )
        },
        version,
    );
    let selected = RwSignal::new(None::<PoView>);
    let error = RwSignal::new(None::<String>);
    let open = move |id: String| {
        spawn_local(async move {
            match client::get::<PoView>(&format!("/api/v1/purchase-orders/{id}")).await {
                Ok(v) => {
                    selected.set(Some(v));
                    reveal_detail();
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let changed = Callback::new(move |v: PoView| {
        selected.set(Some(v));
        version.update(|n| *n += 1);
        reveal_detail();
    });
    view! {
        <h1 data-testid="page-title">{t("purchase_orders")}</h1>
        <section class="card">
            <div class="grid-form">
                <label>{t("status")}
                    <select data-testid="po-status-filter" prop:value=move || status.get()
                        on:change=move |ev| { offset.set(0); status.set(event_target_value(&ev)); }>
                        <option value="">{t("all_statuses")}</option>
                        {PoStatus::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{t(status_key(s))}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="table-wrap" tabindex="0">
                <table data-testid="po-list">
                    <thead><tr><th>{t("po_number")}</th><th>{t("supplier")}</th><th>{t("destination")}</th>
                        <th>{t("status")}</th><th>{t("expected_on")}</th><th class="num">{t("total")}</th></tr></thead>
                    <tbody>
                        {move || match orders.get() {
                            None => view! { <tr><td colspan="6" class="muted">{t("loading")}</td></tr> }.into_any(),
                            Some(Err(e)) => view! { <tr><td colspan="6" class="error">{error_text(lang.get(), &e)}</td></tr> }.into_any(),
                            Some(Ok(p)) if p.items.is_empty() => view! { <tr><td colspan="6" class="muted">{t("no_orders")}</td></tr> }.into_any(),
                            Some(Ok(p)) => p.items.into_iter().map(|o| {
                                let id = o.id.clone();
                                view! {
                                    <tr>
                                        <td><button type="button" class="link" data-testid="po-open" on:click=move |_| open(id.clone())>{o.number.clone()}</button></td>
                                        <td>{o.supplier_name.clone()}</td>
                                        <td>{o.outlet_name.clone()}</td>
                                        <td><span class="badge">{t(status_key(o.status))}</span></td>
                                        <td>{o.delivery_on.clone().or(o.expected_on.clone()).map(|d| day_text(lang.get(), &d, 7))}</td>
                                        <td class="num">{rupiah(&o.total)}</td>
                                    </tr>
                                }
                            }).collect_view().into_any(),
                        }}
                    </tbody>
                </table>
            </div>
            {move || orders.get().and_then(Result::ok).filter(|p| p.total > PAGE).map(|p| view! {
                <div class="actions">
                    <button type="button" disabled=p.offset == 0 on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE))>{t("prev_page")}</button>
                    <span class="muted">{format!("{}–{} / {}", p.offset + 1, (p.offset + PAGE).min(p.total), p.total)}</span>
                    <button type="button" disabled=p.offset + PAGE >= p.total on:click=move |_| offset.update(|o| *o += PAGE)>{t("next_page")}</button>
                </div>
            })}
            <Notice error/>
        </section>
        <section class="card">
            <h2>{t("reorder_list")}</h2>
            <p class="muted">{t("reorder_hint")}</p>
            <OutletSelect outlets chosen=outlet/>
            <Reorder outlet version on_created=changed/>
        </section>
        <section class="card">
            <super::direct_receipt::DirectReceipt outlet/>
        </section>
        <section class="card">
            <h2>{t("new_order")}</h2>
            <NewOrder outlet on_created=changed/>
        </section>
        {move || selected.get().map(|po| view! { <PoDetail po reader=Reader::Buyer on_change=changed/> })}
    }
}

/// The reorder list of the chosen outlet, by supplier; each supplier's rows become one
/// draft order with the suggested quantities at the supplier's last prices.
#[component]
fn Reorder(
    outlet: RwSignal<String>,
    version: RwSignal<u32>,
    on_created: Callback<PoView>,
) -> impl IntoView {
    let lang = use_lang();
    let error = RwSignal::new(None::<String>);
    let list = fetched::<ReorderPage>(
        move || {
            let o = outlet.get();
            if o.is_empty() {
                String::new()
            } else {
                format!("/api/v1/reorder-suggestions?outlet_id={o}&limit=200")
            }
        },
        version,
    );
    let order = move |supplier: String, rows: Vec<ReorderRow>| {
        error.set(None);
        let lines: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| json!({"product_id": r.product_id, "quantity": r.suggested_quantity, "unit_price": r.last_price.clone().unwrap_or_else(|| "0".into())}))
            .collect();
        let body =
            json!({"supplier_id": supplier, "outlet_id": outlet.get_untracked(), "lines": lines});
        spawn_local(async move {
            match client::post::<PoView>("/api/v1/purchase-orders", &body).await {
                Ok(v) => on_created.run(v),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        {move || match list.get() {
            None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error">{error_text(lang.get(), &e)}</p> }.into_any(),
            Some(Ok(p)) if p.items.is_empty() => view! { <p class="muted" data-testid="reorder-empty">{t("no_reorder")}</p> }.into_any(),
            Some(Ok(p)) => {
                // Rows come sorted by supplier; one block each.
                let mut groups: Vec<(Option<String>, String, Vec<ReorderRow>)> = Vec::new();
                for r in p.items {
                    match groups.last_mut() {
                        Some(g) if g.0 == r.supplier_id => g.2.push(r),
                        _ => groups.push((r.supplier_id.clone(), r.supplier_name.clone().unwrap_or_default(), vec![r])),
                    }
                }
                groups.into_iter().map(|(supplier, name, rows)| {
                    let title = if name.is_empty() { tr(lang.get(), "no_supplier_yet").to_string() } else { name };
                    let for_order = rows.clone();
                    view! {
                        <h3>{title}</h3>
                        <div class="table-wrap" tabindex="0">
                            <table data-testid="reorder">
                                <thead><tr><th>{t("product")}</th><th class="num">{t("on_hand")}</th><th class="num">{t("on_order")}</th>
                                    <th class="num">{t("set_point")}</th><th class="num">{t("sold_28d")}</th><th class="num">{t("suggested")}</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td>{r.name.clone()}<br/><span class="muted">{r.sku.clone()}</span></td>
                                            <td class="num">{qty(&r.on_hand)} " " {r.unit.clone()}</td>
                                            <td class="num">{qty(&r.on_order)}</td>
                                            <td class="num">{r.reorder_point.as_deref().map(qty).unwrap_or_else(|| "–".into())}</td>
                                            <td class="num">{qty(&r.sold_28d)}</td>
                                            <td class="num">{match (&r.suggested_quantity, &r.purchase_unit) {
                                                (Some(q), Some(u)) => format!("{} {u} ({} {})", qty(q), qty(&r.suggested_base), r.unit),
                                                _ => format!("{} {}", qty(&r.suggested_base), r.unit),
                                            }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {supplier.map(|s| view! {
                            <button type="button" class="primary" data-testid="reorder-order"
                                on:click=move |_| order(s.clone(), for_order.clone())>{t("order_these")}</button>
                        })}
                    }
                }).collect_view().into_any()
            }
        }}
        <Notice error/>
    }
}

/// A new draft from one supplier's product list: the quantities wanted, its last prices.
#[component]
fn NewOrder(outlet: RwSignal<String>, on_created: Callback<PoView>) -> impl IntoView {
    let lang = use_lang();
    let suppliers =
        fetched::<SupplierPage>(|| "/api/v1/suppliers?limit=200".into(), RwSignal::new(0));
    let supplier = RwSignal::new(String::new());
    let expected = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let products = fetched::<Vec<SupplierProductView>>(
        move || {
            let s = supplier.get();
            if s.is_empty() {
                String::new()
            } else {
                format!("/api/v1/suppliers/{s}/products")
            }
        },
        RwSignal::new(0),
    );
    // (product, quantity, price) per row of the chosen supplier's list.
    let inputs = RwSignal::new(Vec::<(String, RwSignal<String>, RwSignal<String>)>::new());
    Effect::new(move |_| {
        if let Some(Ok(list)) = products.get() {
            inputs.set(
                list.iter()
                    .map(|p| {
                        (
                            p.product_id.clone(),
                            RwSignal::new(String::new()),
                            RwSignal::new(p.last_price.clone().unwrap_or_default()),
                        )
                    })
                    .collect(),
            );
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let lines: Vec<serde_json::Value> = inputs
            .get_untracked()
            .iter()
            .filter_map(|(p, q, price)| {
                let q = q.get_untracked().trim().replace(',', ".");
                (!q.is_empty() && q != "0").then(|| json!({"product_id": p, "quantity": q, "unit_price": price.get_untracked().trim().replace('.', "")}))
            })
            .collect();
        let body = json!({"supplier_id": supplier.get_untracked(), "outlet_id": outlet.get_untracked(),
            "expected_on": expected.get_untracked(), "lines": lines});
        spawn_local(async move {
            match client::post::<PoView>("/api/v1/purchase-orders", &body).await {
                Ok(v) => on_created.run(v),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <form on:submit=submit data-testid="po-new">
            <div class="grid-form">
                <label>{t("supplier")}
                    <select data-testid="po-supplier" prop:value=move || supplier.get() on:change=move |ev| supplier.set(event_target_value(&ev))>
                        <option value="">{t("choose_supplier")}</option>
                        {move || suppliers.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default().into_iter()
                            .filter(|s: &SupplierView| s.active)
                            .map(|s| view! { <option value=s.id.clone()>{s.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t("expected_on")}<input type="date" bind:value=expected/></label>
            </div>
            {move || match products.get() {
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t("no_supplier_products")}</p> }.into_any(),
                Some(Ok(list)) => {
                    let rows = inputs.get();
                    view! {
                        <div class="table-wrap" tabindex="0">
                            <table>
                                <thead><tr><th>{t("product")}</th><th>{t("order_qty")}</th><th>{t("unit_price")}</th></tr></thead>
                                <tbody>
                                    {list.into_iter().zip(rows).map(|(p, (_, q, price))| view! {
                                        <tr>
                                            <td>{p.name.clone()}<br/><span class="muted">{p.sku.clone()} {p.supplier_code.clone().map(|c| format!(" · {c}"))}</span></td>
                                            <td><input type="text" inputmode="decimal" size="6" aria-label=p.name.clone() data-testid="po-new-qty" bind:value=q/>
                                                " " {p.purchase_unit.clone()} " (" {qty(&p.per_base)} " " {p.unit.clone()} ")"</td>
                                            <td><input type="text" inputmode="numeric" size="10" aria-label=tr(lang.get(), "unit_price") bind:value=price/></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <button type="submit" class="primary" data-testid="po-create">{t("create_draft")}</button>
                    }.into_any()
                }
                _ => ().into_any(),
            }}
            <Notice error/>
        </form>
    }
}
