//! Consignment (titip jual) on the supplier's card: the products it leaves on the shelf at
//! the price owed per unit sold, a settlement of a period (what sold, what is owed, unsold
//! units taken back) and the settlements made; and the supplier's own view on its portal.
use domain::api::consignment::{
    ConsignedProductPage, SettlementLineView, SettlementPage, SettlementView,
};
use domain::api::inventory::ProductPage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use super::detail::qty;
use crate::kernel::client::{self, Method};
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{
    day_text, error_text, fetched, outlet_choice, rupiah, Notice, OutletSelect,
};

/// A supplier's consigned products and settlements, on the supplier's card.
#[component]
pub fn Consignment(supplier_id: String) -> impl IntoView {
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let sid = supplier_id.clone();
    let products = fetched::<ConsignedProductPage>(
        move || format!("/api/v1/consignments/products?limit=200&supplier_id={sid}"),
        version,
    );
    let sid = supplier_id.clone();
    let settlements = fetched::<SettlementPage>(
        move || format!("/api/v1/consignments/settlements?limit=20&supplier_id={sid}"),
        version,
    );
    let search = RwSignal::new(String::new());
    let found = fetched::<ProductPage>(
        move || {
            let q = search.get();
            if q.trim().len() < 2 {
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
    let price = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sid = supplier_id.clone();
    let consign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let body = json!({"supplier_id": sid, "product_id": product.get_untracked(),
            "price": price.get_untracked().replace('.', "").replace(',', "."), "active": true});
        spawn_local(async move {
            match client::send_unit(Method::Put, "/api/v1/consignments/products", Some(&body)).await
            {
                Ok(()) => {
                    price.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let end = move |supplier_id: String, product_id: String, price: String| {
        let body = json!({"supplier_id": supplier_id, "product_id": product_id, "price": price, "active": false});
        spawn_local(async move {
            match client::send_unit(Method::Put, "/api/v1/consignments/products", Some(&body)).await
            {
                Ok(()) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };

    // A settlement: outlet and period, previewed, then made with what goes back.
    let (outlets, outlet) = outlet_choice();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<SettlementView>);
    let returned = RwSignal::new(Vec::<(String, RwSignal<String>)>::new());
    let made = RwSignal::new(None::<SettlementView>);
    let sid = supplier_id.clone();
    let load_preview = move |_| {
        error.set(None);
        made.set(None);
        let url = format!(
            "/api/v1/consignments/settlements/preview?supplier_id={sid}&outlet_id={}&from={}&to={}",
            outlet.get_untracked(),
            from.get_untracked(),
            to.get_untracked()
        );
        spawn_local(async move {
            match client::get::<SettlementView>(&url).await {
                Ok(v) => {
                    returned.set(
                        v.lines
                            .iter()
                            .map(|l| (l.product_id.clone(), RwSignal::new(String::new())))
                            .collect(),
                    );
                    preview.set(Some(v));
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let sid = StoredValue::new(supplier_id.clone());
    let settle = move |_| {
        error.set(None);
        let back: Vec<_> = returned
            .get_untracked()
            .into_iter()
            .filter_map(|(p, q)| {
                let q = q.get_untracked().trim().replace(',', ".");
                (!q.is_empty() && q != "0").then(|| json!({"product_id": p, "quantity": q}))
            })
            .collect();
        let body = json!({"supplier_id": sid.get_value(), "outlet_id": outlet.get_untracked(), "from": from.get_untracked(),
            "to": to.get_untracked(), "returned": back});
        spawn_local(async move {
            match client::post::<SettlementView>("/api/v1/consignments/settlements", &body).await {
                Ok(v) => {
                    preview.set(None);
                    made.set(Some(v));
                    version.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <section class="card" data-testid="consignment">
            <h2>{t("consignment")}</h2>
            <p class="muted">{t("consignment_hint")}</p>
            <div class="table-wrap" tabindex="0">
                <table data-testid="consigned">
                    <thead><tr><th>{t("product")}</th><th class="num">{t("owed_per_unit")}</th><th>{t("status")}</th><th></th></tr></thead>
                    <tbody>
                        {move || match products.get() {
                            None => view! { <tr><td colspan="4" class="muted">{t("loading")}</td></tr> }.into_any(),
                            Some(Err(e)) => view! { <tr><td colspan="4" class="error">{error_text(lang.get(), &e)}</td></tr> }.into_any(),
                            Some(Ok(p)) if p.items.is_empty() => view! { <tr><td colspan="4" class="muted">{t("no_consigned")}</td></tr> }.into_any(),
                            Some(Ok(p)) => p.items.into_iter().map(|c| {
                                let (s, pid, pr) = (c.supplier_id.clone(), c.product_id.clone(), c.price.clone());
                                view! {
                                    <tr>
                                        <td>{c.name.clone()}<br/><span class="muted">{c.sku.clone()}</span></td>
                                        <td class="num">{rupiah(&c.price)}</td>
                                        <td>{if c.active { t("active") } else { t("inactive") }}</td>
                                        <td>{c.active.then(|| view! {
                                            <button type="button" on:click=move |_| end(s.clone(), pid.clone(), pr.clone())>{t("end_consignment")}</button>
                                        })}</td>
                                    </tr>
                                }
                            }).collect_view().into_any(),
                        }}
                    </tbody>
                </table>
            </div>
            <form class="grid-form" data-testid="consign-form" on:submit=consign>
                <label>{t("product")}
                    <input type="search" placeholder=move || tr(lang.get(), "sku_or_name") bind:value=search/>
                </label>
                <label>{t("choose")}
                    <select required prop:value=move || product.get() on:change=move |ev| product.set(event_target_value(&ev))>
                        <option value="">"–"</option>
                        {move || found.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default().into_iter()
                            .map(|p| view! { <option value=p.id.clone()>{format!("{} · {}", p.sku, p.name)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t("owed_per_unit")}<input type="text" inputmode="numeric" required maxlength="20" bind:value=price/></label>
                <button type="submit">{t("consign")}</button>
            </form>

            <h3>{t("new_settlement")}</h3>
            <div class="grid-form" data-testid="settlement-form">
                <OutletSelect outlets chosen=outlet/>
                <label>{t("from_date")}<input type="date" data-testid="settle-from" bind:value=from/></label>
                <label>{t("to_date")}<input type="date" data-testid="settle-to" bind:value=to/></label>
                <button type="button" data-testid="settle-preview" on:click=load_preview>{t("show_sold")}</button>
            </div>
            {move || preview.get().map(|p| view! {
                <div class="table-wrap" tabindex="0">
                    <table data-testid="settlement-preview">
                        <thead><tr><th>{t("product")}</th><th class="num">{t("sold_qty")}</th><th class="num">{t("owed_per_unit")}</th>
                            <th class="num">{t("amount_owed")}</th><th class="num">{t("on_shelf")}</th><th class="num">{t("taken_back")}</th></tr></thead>
                        <tbody>
                            {p.lines.iter().map(|l| {
                                let back = returned.with_untracked(|r| r.iter().find(|(id, _)| id == &l.product_id).map(|(_, s)| *s));
                                view! {
                                    <tr>
                                        <td>{l.name.clone()}</td>
                                        <td class="num">{qty(&l.sold)} " " {l.unit.clone()}</td>
                                        <td class="num">{rupiah(&l.price)}</td>
                                        <td class="num">{rupiah(&l.amount)}</td>
                                        <td class="num">{l.on_hand.as_deref().map(qty)}</td>
                                        <td class="num">{back.map(|b| view! { <input type="text" inputmode="decimal" maxlength="12"
                                            aria-label=move || tr(lang.get(), "taken_back") bind:value=b/> })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p>{t("amount_owed")} ": " <strong data-testid="settlement-amount">{rupiah(&p.amount)}</strong></p>
                <button type="button" class="primary" data-testid="settle-submit" on:click=settle>{t("make_settlement")}</button>
            })}
            {move || made.get().map(|s| view! {
                <p class="ok" role="status" data-testid="settlement-made">{s.number.clone()} " · " {rupiah(&s.amount)}</p>
            })}
            <Notice error/>
            <h3>{t("settlements")}</h3>
            <ul class="cards" data-testid="settlements">
                {move || match settlements.get() {
                    None => view! { <li class="muted">{t("loading")}</li> }.into_any(),
                    Some(Err(e)) => view! { <li class="error">{error_text(lang.get(), &e)}</li> }.into_any(),
                    Some(Ok(p)) if p.items.is_empty() => view! { <li class="muted">{t("no_settlements")}</li> }.into_any(),
                    Some(Ok(p)) => p.items.into_iter().map(|s| view! {
                        <li>
                            <strong>{s.number.clone()}</strong> " · " {s.outlet_name.clone()} " · "
                            {day_text(lang.get(), &s.from, 7)} " – " {day_text(lang.get(), &s.to, 7)} " · "
                            <strong>{rupiah(&s.amount)}</strong>
                        </li>
                    }).collect_view().into_any(),
                }}
            </ul>
        </section>
    }
}

#[component]
fn SettlementList(
    page: RwSignal<Option<Result<SettlementPage, client::ApiError>>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="cards" data-testid="settlements">
            {move || match page.get() {
                None => view! { <li class="muted">{t("loading")}</li> }.into_any(),
                Some(Err(e)) => view! { <li class="error">{error_text(lang.get(), &e)}</li> }.into_any(),
                Some(Ok(p)) if p.items.is_empty() => view! { <li class="muted">{t("no_settlements")}</li> }.into_any(),
                Some(Ok(p)) => p.items.into_iter().map(|s| view! {
                    <li>
                        <strong>{s.number.clone()}</strong> " · " {s.outlet_name.clone()} " · "
                        {day_text(lang.get(), &s.from, 7)} " – " {day_text(lang.get(), &s.to, 7)} " · "
                        <strong>{rupiah(&s.amount)}</strong><br/>
                        <span class="muted">{s.lines.iter().map(|l| format!("{} {} {}", l.name, qty(&l.sold), l.unit)).collect::<Vec<_>>().join(", ")}</span>
                    </li>
                }).collect_view().into_any(),
            }}
        </ul>
    }
}

/// On the supplier's portal: what sold of its consigned products this month, and its
/// settlements.
#[component]
pub fn PortalConsignment() -> impl IntoView {
    let lang = use_lang();
    let sold = fetched::<Vec<SettlementLineView>>(
        || "/api/v1/supplier-portal/consignments/sold".into(),
        RwSignal::new(0),
    );
    let settlements = fetched::<SettlementPage>(
        || "/api/v1/supplier-portal/consignments/settlements?limit=20".into(),
        RwSignal::new(0),
    );
    view! {
        <section class="card" data-testid="portal-consignment">
            <h2>{t("consignment")}</h2>
            <p class="muted">{t("sold_this_month")}</p>
            <ul class="cards" data-testid="portal-sold">
                {move || match sold.get() {
                    None => view! { <li class="muted">{t("loading")}</li> }.into_any(),
                    Some(Err(e)) => view! { <li class="error">{error_text(lang.get(), &e)}</li> }.into_any(),
                    Some(Ok(l)) if l.is_empty() => view! { <li class="muted">{t("no_consigned")}</li> }.into_any(),
                    Some(Ok(l)) => l.into_iter().map(|l| view! {
                        <li>{l.name.clone()} ": " {qty(&l.sold)} " " {l.unit.clone()} " · " {rupiah(&l.amount)}</li>
                    }).collect_view().into_any(),
                }}
            </ul>
            <h3>{t("settlements")}</h3>
            <SettlementList page=settlements/>
        </section>
    }
}
