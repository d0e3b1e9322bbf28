//! `/pembelian/pemasok`: the suppliers (add, edit, switch off) and, for the one opened,
//! the products it supplies with its unit of purchase and last price.
use domain::api::inventory::ProductPage;
use domain::api::purchasing::{PaymentTerms, SupplierProductView, SupplierView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use serde_json::json;

use super::detail::qty;
use crate::kernel::client::{self, Method};
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, rupiah, Notice};
use crate::kernel::session::Protected;

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SupplierPage {
    pub items: Vec<SupplierView>,
    pub total: u64,
}

fn terms_key(t: PaymentTerms) -> &'static str {
    match t {
        PaymentTerms::Cash => "terms_cash",
        PaymentTerms::Net7 => "terms_net7",
        PaymentTerms::Net14 => "terms_net14",
        PaymentTerms::Net30 => "terms_net30",
    }
}

#[component]
pub fn Suppliers() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <SuppliersBody/>
        </Protected>
    }
}

#[component]
fn SuppliersBody() -> impl IntoView {
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let list = fetched::<SupplierPage>(|| "/api/v1/suppliers?limit=200".into(), version);
    let chosen = RwSignal::new(None::<SupplierView>);
    let name = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let npwp = RwSignal::new(String::new());
    let pkp = RwSignal::new(false);
    let terms = RwSignal::new("cash".to_string());
    let bank = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        ok.set(None);
        let body = json!({"name": name.get_untracked(), "contact_name": contact.get_untracked(), "phone": phone.get_untracked(),
            "address": address.get_untracked(), "npwp": npwp.get_untracked(), "pkp": pkp.get_untracked(),
            "payment_terms": terms.get_untracked(), "bank_account": bank.get_untracked()});
        spawn_local(async move {
            match client::post::<SupplierView>("/api/v1/suppliers", &body).await {
                Ok(s) => {
                    ok.set(Some(tr(lang.get_untracked(), "saved").to_string()));
                    for f in [name, contact, phone, address, npwp, bank] {
                        f.set(String::new());
                    }
                    pkp.set(false);
                    chosen.set(Some(s));
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <h1 data-testid="page-title">{t("suppliers")}</h1>
        <section class="card">
            <div class="table-wrap" tabindex="0">
                <table data-testid="supplier-list">
                    <thead><tr><th>{t("name")}</th><th>{t("phone")}</th><th>{t("npwp")}</th><th>{t("payment_terms")}</th><th>{t("status")}</th></tr></thead>
                    <tbody>
                        {move || match list.get() {
                            None => view! { <tr><td colspan="5" class="muted">{t("loading")}</td></tr> }.into_any(),
                            Some(Err(e)) => view! { <tr><td colspan="5" class="error">{error_text(lang.get(), &e)}</td></tr> }.into_any(),
                            Some(Ok(p)) if p.items.is_empty() => view! { <tr><td colspan="5" class="muted">{t("no_suppliers")}</td></tr> }.into_any(),
                            Some(Ok(p)) => p.items.into_iter().map(|s| {
                                let open = s.clone();
                                view! {
                                    <tr>
                                        <td><button type="button" class="link" data-testid="supplier-open" on:click=move |_| chosen.set(Some(open.clone()))>{s.name.clone()}</button>
                                            {s.pkp.then(|| view! { " " <span class="badge">"PKP"</span> })}</td>
                                        <td>{s.phone.clone()}</td>
                                        <td>{s.npwp.clone()}</td>
                                        <td>{t(terms_key(s.payment_terms))}</td>
                                        <td>{if s.active { t("active") } else { t("inactive") }}</td>
                                    </tr>
                                }
                            }).collect_view().into_any(),
                        }}
                    </tbody>
                </table>
            </div>
        </section>
        {move || chosen.get().map(|s| { let id = s.id.clone(); view! { <Supplies supplier=s/> <super::consignment::Consignment supplier_id=id/> } })}
        <section class="card">
            <h2>{t("add_supplier")}</h2>
            <form class="grid-form" data-testid="supplier-form" on:submit=add>
                <label>{t("name")}<input type="text" required maxlength="200" bind:value=name/></label>
                <label>{t("contact_name")}<input type="text" maxlength="200" bind:value=contact/></label>
                <label>{t("phone")}<input type="tel" maxlength="20" placeholder="0812 3456 7890" bind:value=phone/></label>
                <label>{t("address")}<input type="text" maxlength="500" bind:value=address/></label>
                <label>{t("npwp")}<input type="text" inputmode="numeric" maxlength="25" placeholder="01.234.567.8-901.000" bind:value=npwp/></label>
                <label class="check"><input type="checkbox" bind:checked=pkp/>{t("pkp")}</label>
                <label>{t("payment_terms")}
                    <select prop:value=move || terms.get() on:change=move |ev| terms.set(event_target_value(&ev))>
                        {PaymentTerms::ALL.into_iter().map(|p| view! { <option value=p.as_str()>{t(terms_key(p))}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t("bank_account")}<input type="text" maxlength="100" bind:value=bank/></label>
                <button type="submit" class="primary">{t("add_supplier")}</button>
            </form>
            <Notice error ok/>
        </section>
    }
}

/// What one supplier supplies, and a row to add or change one.
#[component]
fn Supplies(supplier: SupplierView) -> impl IntoView {
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let id = supplier.id.clone();
    let url = format!("/api/v1/suppliers/{id}/products");
    let list_url = url.clone();
    let list = fetched::<Vec<SupplierProductView>>(move || list_url.clone(), version);
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
    let unit = RwSignal::new(String::new());
    let per = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let body = json!({"product_id": product.get_untracked(), "purchase_unit": unit.get_untracked(),
            "per_base": per.get_untracked().replace(',', "."), "last_price": price.get_untracked().replace('.', ""),
            "supplier_code": code.get_untracked()});
        let url = url.clone();
        spawn_local(async move {
            match client::send_unit(Method::Put, &url, Some(&body)).await {
                Ok(()) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <section class="card" data-testid="supplier-detail">
            <h2>{supplier.name.clone()}</h2>
            <p class="muted">{supplier.contact_name.clone()} " " {supplier.address.clone()} " " {supplier.bank_account.clone()}</p>
            <h3>{t("supplies")}</h3>
            <div class="table-wrap" tabindex="0">
                <table data-testid="supplies">
                    <thead><tr><th>{t("product")}</th><th>{t("supplier_code")}</th><th>{t("purchase_unit")}</th><th class="num">{t("last_price")}</th></tr></thead>
                    <tbody>
                        {move || list.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| view! {
                            <tr>
                                <td>{p.name.clone()}<br/><span class="muted">{p.sku.clone()}</span></td>
                                <td>{p.supplier_code.clone()}</td>
                                <td>{p.purchase_unit.clone()} " = " {qty(&p.per_base)} " " {p.unit.clone()}</td>
                                <td class="num">{p.last_price.as_deref().map(rupiah)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <form class="grid-form" on:submit=save>
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
                <label>{t("purchase_unit")}<input type="text" maxlength="20" bind:value=unit/></label>
                <label>{t("per_base")}<input type="text" inputmode="decimal" placeholder="24" bind:value=per/></label>
                <label>{t("last_price")}<input type="text" inputmode="numeric" bind:value=price/></label>
                <label>{t("supplier_code")}<input type="text" maxlength="100" bind:value=code/></label>
                <button type="submit">{t("add_supply")}</button>
            </form>
            <Notice error/>
        </section>
    }
}
