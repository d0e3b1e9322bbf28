//! Inventory on a laptop: stock with adjustments, and the catalogue with CSV/XLSX import
//! and export.
use domain::api::inventory::{ProductDetail, ProductPage, StockLevel, StockMovementView};

/// Below this many units a product is flagged as running low, until the inventory module
/// gives each product its own reorder point.
const LOW_STOCK: i64 = 5;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, outlet_choice, rupiah, Notice, OutletSelect};
use crate::kernel::session::Protected;
use crate::modules::inventory::card::{StockCardView, ValuationFiles};

// ---------------------------------------------------------------- stock

#[component]
pub fn Stock() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <StockBody/>
        </Protected>
    }
}

#[component]
fn StockBody() -> impl IntoView {
    let lang = use_lang();
    let (outlets, outlet) = outlet_choice();
    let version = RwSignal::new(0u32);
    let levels = fetched::<Vec<StockLevel>>(
        move || {
            let o = outlet.get();
            if o.is_empty() {
                String::new()
            } else {
                format!("/api/v1/outlets/{o}/stock")
            }
        },
        version,
    );
    let filter = RwSignal::new(String::new());
    let carded = RwSignal::new(None::<(String, String)>);
    let product = RwSignal::new(String::new());
    let quantity = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let adjust = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        ok.set(None);
        let body = json!({"outlet_id": outlet.get_untracked(), "product_id": product.get_untracked(),
            "quantity": quantity.get_untracked().trim().replace(',', "."), "reason": reason.get_untracked()});
        spawn_local(async move {
            match client::post::<StockMovementView>("/api/v1/stock-adjustments", &body).await {
                Ok(_) => {
                    ok.set(Some(tr(lang.get_untracked(), "saved").to_string()));
                    quantity.set(String::new());
                    reason.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let rows = move || {
        let q = filter.get().trim().to_lowercase();
        levels
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|l| {
                q.is_empty()
                    || l.name.to_lowercase().contains(&q)
                    || l.sku.to_lowercase().contains(&q)
            })
            .collect::<Vec<_>>()
    };
    let table = view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="stock">
                <thead><tr><th>"SKU"</th><th>{t("name")}</th><th class="num">{t("stock_qty")}</th><th></th></tr></thead>
                <tbody>
                    {move || {
                        let note = match levels.get() {
                            None => Some("loading"),
                            Some(Ok(l)) if l.is_empty() => Some("no_stock"),
                            _ => None,
                        };
                        note.map(|k| view! { <tr><td colspan="4" class="muted" data-testid="stock-note">{t(k)}</td></tr> })
                    }}
                    {move || rows().into_iter().map(|l| {
                        let id = l.product_id.clone();
                        let card_of = (l.product_id.clone(), format!("{} · {}", l.sku, l.name));
                        let qty = l.quantity.clone();
                        let negative = qty.starts_with('-');
                        let level = qty.parse::<rust_decimal::Decimal>().unwrap_or_default();
                        let flag = if level <= rust_decimal::Decimal::ZERO {
                            Some(("stock_out", "badge late"))
                        } else if level < rust_decimal::Decimal::from(LOW_STOCK) {
                            Some(("stock_low", "badge low"))
                        } else {
                            None
                        };
                        view! {
                            <tr class:negative=negative>
                                <td>{l.sku}</td><td>{l.name}
                                    {flag.map(|(key, class)| view! { " " <span class=class data-testid="stock-flag">{t(key)}</span> })}
                                </td>
                                <td class="num">{qty.replace('.', ",")} " " {l.unit.clone()}</td>
                                <td class="actions">
                                    <button type="button" on:click=move |_| product.set(id.clone())>{t("adjust")}</button>
                                    <button type="button" data-testid="stock-card-open" on:click=move |_| carded.set(Some(card_of.clone()))>{t("stock_card")}</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any();
    view! {
        <h1 data-testid="page-title">{t("stock")}</h1>
        <div class="filters">
            <OutletSelect outlets chosen=outlet/>
            <label>{t("search_label")}<input type="search" bind:value=filter/></label>
        </div>
        <ValuationFiles outlet/>
        <StockCardView outlets outlet product=carded/>
        <form class="card stack" on:submit=adjust data-testid="adjust-form">
            <h2>{t("stock_adjustment")}</h2>
            <label>{t("product")}
                <select prop:value=move || product.get() on:change=move |ev| product.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || levels.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|l| {
                        view! { <option value=l.product_id>{format!("{} · {}", l.sku, l.name)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{t("stock_change")}<input inputmode="decimal" required bind:value=quantity placeholder="-2 / 24"/></label>
            <label>{t("reason")}<input required bind:value=reason/></label>
            <Notice error ok/>
            <button type="submit" class="primary">{t("save")}</button>
        </form>
        {table}
    }
}

// ---------------------------------------------------------------- catalogue

#[component]
pub fn Catalogue() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <CatalogueBody/>
        </Protected>
    }
}

#[component]
fn CatalogueBody() -> impl IntoView {
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let q = RwSignal::new(String::new());
    let products = fetched::<ProductPage>(
        move || {
            format!(
                "/api/v1/products?limit=100&q={}",
                q.get().trim().replace(' ', "+")
            )
        },
        version,
    );
    let sku = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let unit = RwSignal::new("pcs".to_string());
    let barcode = RwSignal::new(String::new());
    let image = RwSignal::new(String::new());
    let batches = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let create = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        ok.set(None);
        let code = barcode.get_untracked().trim().to_string();
        let body = json!({"sku": sku.get_untracked(), "name": name.get_untracked(),
            "price": price.get_untracked().trim().replace('.', ""), "unit": unit.get_untracked(),
            "barcodes": if code.is_empty() { vec![] } else { vec![code] },
            "image_url": image.get_untracked().trim(), "tracks_batches": batches.get_untracked()});
        spawn_local(async move {
            match client::post::<ProductDetail>("/api/v1/products", &body).await {
                Ok(_) => {
                    ok.set(Some(tr(lang.get_untracked(), "saved").to_string()));
                    sku.set(String::new());
                    name.set(String::new());
                    price.set(String::new());
                    barcode.set(String::new());
                    image.set(String::new());
                    batches.set(false);
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let import_error = RwSignal::new(None::<String>);
    let import_ok = RwSignal::new(None::<String>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let import = move |ev: SubmitEvent| {
        ev.prevent_default();
        import_error.set(None);
        import_ok.set(None);
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = file_input
                .get_untracked()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0))
            else {
                return;
            };
            spawn_local(async move {
                match client::upload("/api/v1/products/import", file).await {
                    Ok(v) => {
                        let v: domain::api::inventory::ImportResult = serde_json::from_value(v)
                            .unwrap_or(domain::api::inventory::ImportResult {
                                created: 0,
                                updated: 0,
                            });
                        import_ok.set(Some(format!(
                            "{}: {} {}, {} {}",
                            tr(lang.get_untracked(), "import_done"),
                            v.created,
                            tr(lang.get_untracked(), "created_n"),
                            v.updated,
                            tr(lang.get_untracked(), "updated")
                        )));
                        version.update(|v| *v += 1);
                    }
                    Err(e) => import_error.set(Some(error_text(lang.get_untracked(), &e))),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (file_input, lang, version);
    };
    let list = view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="products">
                <thead><tr><th></th><th>"SKU"</th><th>{t("name")}</th><th>{t("category")}</th><th>{t("unit")}</th><th class="num">{t("price")}</th><th>{t("active")}</th><th>{t("tracks_batches")}</th></tr></thead>
                <tbody>
                    {move || products.get().and_then(Result::ok).map(|page| page.items).unwrap_or_default().into_iter().map(|p| {
                        let label = match p.variant.as_deref() {
                            Some(v) if !v.is_empty() => format!("{} {v}", p.name),
                            _ => p.name.clone(),
                        };
                        let (pid, psku, tracked) = (p.id.clone(), p.sku.clone(), p.tracks_batches);
                        view! {
                            <tr>
                                <td>{p.image_url.map(|src| view! { <img class="thumb" src=src alt="" loading="lazy"/> })}</td>
                                <td>{p.sku}</td><td>{label}</td><td>{p.category.unwrap_or_default()}</td>
                                <td>{p.unit}</td><td class="num">{rupiah(&p.price)}</td>
                                <td>{if p.active { "✓" } else { "—" }}</td>
                                <td><input type="checkbox" data-testid="tracks-batches" prop:checked=tracked
                                    aria-label=move || format!("{} {psku}", tr(lang.get(), "tracks_batches"))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let url = format!("/api/v1/products/{pid}");
                                        spawn_local(async move {
                                            let body = json!({"tracks_batches": on});
                                            match client::send_unit(client::Method::Patch, &url, Some(&body)).await {
                                                Ok(()) => ok.set(Some(tr(lang.get_untracked(), "saved").to_string())),
                                                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
                                            }
                                        });
                                    }/></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any();
    let forms = view! {
        <div class="grid">
            <form class="card stack" on:submit=create data-testid="product-form">
                <h2>{t("add_product")}</h2>
                <label>"SKU"<input required bind:value=sku/></label>
                <label>{t("name")}<input required bind:value=name/></label>
                <label>{t("price")}<input required inputmode="numeric" bind:value=price placeholder="12500"/></label>
                <label>{t("unit")}
                    <select bind:value=unit>
                        {["pcs", "kg", "gram", "liter", "ml", "pack", "box", "lusin", "karton"].into_iter().map(|u| view! { <option value=u>{u}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Barcode"<input bind:value=barcode inputmode="numeric"/></label>
                <label>{t("image_url")}<input type="url" bind:value=image placeholder="https://…"/></label>
                <label class="check"><input type="checkbox" bind:checked=batches/>{t("tracks_batches_long")}</label>
                <Notice error ok/>
                <button type="submit" class="primary">{t("save")}</button>
            </form>
            <form class="card stack" on:submit=import data-testid="import-form">
                <h2>{t("import_catalogue")}</h2>
                <p class="muted">{t("import_hint")}</p>
                <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    node_ref=file_input aria-label=t("import_catalogue")/>
                <Notice error=import_error ok=import_ok/>
                <button type="submit" class="primary">{t("import")}</button>
                <div class="row-actions">
                    <a class="button" rel="external" href="/api/v1/products/export.csv">{t("download_csv")}</a>
                    <a class="button" rel="external" href="/api/v1/products/export.xlsx">{t("download_xlsx")}</a>
                </div>
            </form>
        </div>
    }
    .into_any();
    view! {
        <h1 data-testid="page-title">{t("catalogue")}</h1>
        <div class="filters">
            <label>{t("search_label")}<input type="search" bind:value=q/></label>
        </div>
        {forms}
        {list}
    }
}
