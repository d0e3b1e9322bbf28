//! `/stok/kontrol`: stock opname and transfers. A count starts for a location (blind if
//! asked) and is counted with the scanner — each scan adds one — or by typing a quantity;
//! a manager approves it and the differences are posted at cost. A transfer is asked for,
//! sent (the goods leave) and received at the other location, short if need be. Parcels
//! are built and taken apart (`assembly`).
use domain::api::inventory::{
    BatchPage, CountLineView, CountStatus, CountView, ProductPage, TransferStatus, TransferView,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use serde_json::json;

use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, outlet_choice, rupiah, Notice, OutletSelect};
use crate::kernel::session::Protected;

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct CountPage {
    items: Vec<CountView>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct TransferPage {
    items: Vec<TransferView>,
}

fn qty(text: &str) -> String {
    text.replace('.', ",")
}

#[component]
pub fn StockControl() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <h1 data-testid="page-title">{t("stock_control")}</h1>
            <Opname/>
            <Expiring/>
            <Transfers/>
            <super::assembly::Parcels/>
        </Protected>
    }
}

#[component]
fn Opname() -> impl IntoView {
    let lang = use_lang();
    let (outlets, outlet) = outlet_choice();
    let version = RwSignal::new(0u32);
    let counts = fetched::<CountPage>(
        move || {
            let o = outlet.get();
            if o.is_empty() {
                String::new()
            } else {
                format!("/api/v1/stock-counts?outlet_id={o}&limit=5")
            }
        },
        version,
    );
    let open = RwSignal::new(None::<CountView>);
    let blind = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let reload = move |id: String| {
        spawn_local(async move {
            match client::get::<CountView>(&format!(
                "/api/v1/stock-counts/{id}?counted=true&limit=500"
            ))
            .await
            {
                Ok(c) => open.set(Some(c)),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    // The latest count still counting is the one on screen.
    Effect::new(move |_| {
        if let Some(Ok(p)) = counts.get() {
            if let Some(c) = p.items.iter().find(|c| c.status == CountStatus::Counting) {
                if open.with_untracked(|o| o.as_ref().map(|o| o.id.clone())) != Some(c.id.clone()) {
                    reload(c.id.clone());
                }
            }
        }
    });
    // The sheet is drawn once per count, so the scanner's field keeps its focus while the
    // lines under it update.
    let open_id = Memo::new(move |_| open.with(|o| o.as_ref().map(|c| c.id.clone())));
    let start = move |_| {
        error.set(None);
        let body = json!({"outlet_id": outlet.get_untracked(), "blind": blind.get_untracked()});
        spawn_local(async move {
            match client::post::<CountView>("/api/v1/stock-counts", &body).await {
                Ok(c) => {
                    open.set(Some(c));
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>{t("stock_opname")}</h2>
            <div class="grid-form">
                <OutletSelect outlets chosen=outlet/>
                <label class="check"><input type="checkbox" bind:checked=blind/>{t("blind_count")}</label>
                <button type="button" class="primary" data-testid="count-start" on:click=start>{t("start_count")}</button>
            </div>
            <Notice error/>
            {move || open_id.get().map(|id| view! { <CountSheet id count=open version/> })}
        </section>
    }
}

#[component]
fn CountSheet(
    id: String,
    count: RwSignal<Option<CountView>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let scan = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let last = RwSignal::new(None::<CountLineView>);
    let counting = move || {
        count.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.status == CountStatus::Counting)
        })
    };
    let reload = {
        let id = id.clone();
        move || {
            let id = id.clone();
            spawn_local(async move {
                if let Ok(c) = client::get::<CountView>(&format!(
                    "/api/v1/stock-counts/{id}?counted=true&limit=500"
                ))
                .await
                {
                    count.set(Some(c));
                }
            });
        }
    };
    let on_scan = {
        let id = id.clone();
        let reload = reload.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            error.set(None);
            let code = scan.get_untracked().trim().to_string();
            if code.is_empty() {
                return;
            }
            scan.set(String::new());
            let url = format!("/api/v1/stock-counts/{id}/lines");
            let reload = reload.clone();
            spawn_local(async move {
                match client::post::<CountLineView>(
                    &url,
                    &json!({"barcode": code, "quantity": "1", "add": true}),
                )
                .await
                {
                    Ok(l) => {
                        last.set(Some(l));
                        reload();
                    }
                    Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
                }
            });
        }
    };
    let approve = move |_| {
        error.set(None);
        let url = format!("/api/v1/stock-counts/{id}/approve");
        spawn_local(async move {
            match client::post::<CountView>(&url, &json!({})).await {
                Ok(c) => {
                    count.set(Some(c));
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let field =
        move |f: fn(&CountView) -> String| count.with(|c| c.as_ref().map(f).unwrap_or_default());
    view! {
        <div data-testid="count-sheet">
            <h3>{move || field(|c| c.number.clone())} " · " {move || tr(lang.get(), if counting() { "counting" } else { "count_approved" })}</h3>
            <p class="muted" data-testid="count-progress">{move || field(|c| format!("{} / {}", c.lines_counted, c.lines_total))} " " {t("lines_counted")}</p>
            <form class="grid-form" on:submit=on_scan class:hidden=move || !counting()>
                <label>{t("scan_barcode")}<input type="text" data-testid="count-scan" autocomplete="off" bind:value=scan/></label>
                <button type="submit">{t("add_one")}</button>
            </form>
            {move || last.get().map(|l| view! { <p class="ok" role="status" data-testid="count-last">{l.name.clone()} ": " {l.counted.as_deref().map(qty)}</p> })}
            <div class="table-wrap" tabindex="0">
                <table data-testid="count-lines">
                    <thead><tr><th>{t("product")}</th><th class="num">{t("expected")}</th><th class="num">{t("counted")}</th>
                        <th class="num">{t("difference")}</th><th class="num">{t("value_at_cost")}</th></tr></thead>
                    <tbody>
                        {move || count.get().map(|c| c.lines).unwrap_or_default().into_iter().map(|l| view! {
                            <tr>
                                <td>{l.name.clone()}<br/><span class="muted">{l.sku.clone()}</span></td>
                                <td class="num">{l.expected.as_deref().map(qty).unwrap_or_else(|| "–".into())}</td>
                                <td class="num">{l.counted.as_deref().map(qty)}</td>
                                <td class="num">{l.variance.as_deref().map(qty)}</td>
                                <td class="num">{l.variance_value.as_deref().map(rupiah)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {move || count.get().and_then(|c| c.variance_value).map(|v| view! { <p data-testid="count-value">{t("value_at_cost")} ": " {rupiah(&v)}</p> })}
            <button type="button" class="primary" data-testid="count-approve" class:hidden=move || !counting() on:click=approve>{t("approve_count")}</button>
            <Notice error/>
        </div>
    }
}

#[component]
fn Transfers() -> impl IntoView {
    let lang = use_lang();
    let (outlets, from) = outlet_choice();
    let to = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let list = fetched::<TransferPage>(|| "/api/v1/stock-transfers?limit=10".into(), version);
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
    let quantity = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let body = json!({"from_outlet_id": from.get_untracked(), "to_outlet_id": to.get_untracked(),
            "lines": [{"product_id": product.get_untracked(), "quantity": quantity.get_untracked().trim().replace(',', ".")}]});
        spawn_local(async move {
            match client::post::<TransferView>("/api/v1/stock-transfers", &body).await {
                Ok(_) => {
                    quantity.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let step = move |id: String, what: &'static str| {
        error.set(None);
        spawn_local(async move {
            match client::post::<TransferView>(
                &format!("/api/v1/stock-transfers/{id}/{what}"),
                &json!({}),
            )
            .await
            {
                Ok(_) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let name_of = move |id: &str| {
        outlets
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .find(|o| o.id == id)
            .map(|o| o.name)
            .unwrap_or_default()
    };
    view! {
        <section class="card">
            <h2>{t("transfers")}</h2>
            <form class="grid-form" data-testid="transfer-form" on:submit=create>
                <OutletSelect outlets chosen=from/>
                <label>{t("transfer_to")}
                    <select required prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))>
                        <option value="">"–"</option>
                        {move || outlets.get().and_then(Result::ok).unwrap_or_default().into_iter()
                            .map(|o| view! { <option value=o.id.clone()>{format!("{} · {}", o.code, o.name)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t("product")}<input type="search" bind:value=search/></label>
                <label>{t("choose")}
                    <select required prop:value=move || product.get() on:change=move |ev| product.set(event_target_value(&ev))>
                        <option value="">"–"</option>
                        {move || found.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default().into_iter()
                            .map(|p| view! { <option value=p.id.clone()>{format!("{} · {}", p.sku, p.name)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t("quantity")}<input type="text" inputmode="decimal" required bind:value=quantity/></label>
                <button type="submit" class="primary">{t("request_transfer")}</button>
            </form>
            <Notice error/>
            <div class="table-wrap" tabindex="0">
                <table data-testid="transfers">
                    <thead><tr><th>{t("number")}</th><th>{t("route")}</th><th>{t("product")}</th><th>{t("status")}</th><th></th></tr></thead>
                    <tbody>
                        {move || list.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default().into_iter().map(|tr_| {
                            let id = tr_.id.clone();
                            let status = tr_.status;
                            let key = match status {
                                TransferStatus::Requested => "transfer_requested",
                                TransferStatus::Sent => "transfer_sent",
                                TransferStatus::Received => "transfer_received",
                                TransferStatus::Cancelled => "transfer_cancelled",
                            };
                            let goods = tr_.lines.iter().map(|l| format!("{} {} ({} → {})", l.name, qty(&l.requested), qty(&l.sent), qty(&l.received))).collect::<Vec<_>>().join(", ");
                            view! {
                                <tr>
                                    <td>{tr_.number.clone()}</td>
                                    <td>{name_of(&tr_.from_outlet_id)} " → " {name_of(&tr_.to_outlet_id)}</td>
                                    <td>{goods}</td>
                                    <td><span class="badge" data-testid="transfer-status">{t(key)}</span></td>
                                    <td>{match status {
                                        TransferStatus::Requested => Some(view! { <button type="button" data-testid="transfer-send" on:click=move |_| step(id.clone(), "send")>{t("send_transfer")}</button> }.into_any()),
                                        TransferStatus::Sent => Some(view! { <button type="button" data-testid="transfer-receive" on:click=move |_| step(id.clone(), "receive")>{t("receive_transfer")}</button> }.into_any()),
                                        _ => None,
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The batches of a location expiring within 30, 60 or 90 days, expired ones first, with
/// their value at cost: what to sell first, discount or write off.
#[component]
fn Expiring() -> impl IntoView {
    let lang = use_lang();
    let (outlets, outlet) = outlet_choice();
    let days = RwSignal::new("30".to_string());
    let offset = RwSignal::new(0u64);
    let list = fetched::<BatchPage>(
        move || {
            let o = outlet.get();
            if o.is_empty() {
                return String::new();
            }
            format!(
                "/api/v1/stock-batches/expiring?outlet_id={o}&days={}&limit=50&offset={}",
                days.get(),
                offset.get()
            )
        },
        RwSignal::new(0),
    );
    view! {
        <section class="card" data-testid="expiring">
            <h2>{t("expiring")}</h2>
            <p class="muted">{t("expiring_hint")}</p>
            <div class="grid-form">
                <OutletSelect outlets chosen=outlet/>
                <label>{t("within_days")}
                    <select data-testid="expiring-days" prop:value=move || days.get()
                        on:change=move |ev| { offset.set(0); days.set(event_target_value(&ev)); }>
                        {["30", "60", "90"].into_iter().map(|d| view! { <option value=d>{d} " " {t("days")}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="table-wrap" tabindex="0">
                <table data-testid="expiring-list">
                    <thead><tr><th>{t("product")}</th><th>{t("batch_no")}</th><th>{t("expires_on")}</th><th class="num">{t("days_left")}</th>
                        <th class="num">{t("quantity")}</th><th class="num">{t("value_at_avg_cost")}</th></tr></thead>
                    <tbody>
                        {move || match list.get() {
                            None => view! { <tr><td colspan="6" class="muted">{t("loading")}</td></tr> }.into_any(),
                            Some(Err(e)) => view! { <tr><td colspan="6" class="error">{error_text(lang.get(), &e)}</td></tr> }.into_any(),
                            Some(Ok(p)) if p.items.is_empty() => view! { <tr><td colspan="6" class="muted">{t("no_expiring")}</td></tr> }.into_any(),
                            Some(Ok(p)) => p.items.into_iter().map(|b| view! {
                                <tr>
                                    <td>{b.name.clone()} <br/><span class="muted">{b.sku.clone()}</span></td>
                                    <td>{b.batch_no.clone()}</td>
                                    <td>{b.expires_on.clone().map(|d| crate::kernel::pages::day_text(lang.get(), &d, 7))}
                                        {b.expired.then(|| view! { " " <span class="badge warn">{t("expired_badge")}</span> })}</td>
                                    <td class="num">{b.days_left.map(|d| d.to_string())}</td>
                                    <td class="num">{qty(&b.quantity)} " " {b.unit.clone()}</td>
                                    <td class="num">{rupiah(&b.value)}</td>
                                </tr>
                            }).collect_view().into_any(),
                        }}
                    </tbody>
                </table>
            </div>
            {move || list.get().and_then(Result::ok).filter(|p| p.total > p.limit).map(|p| {
                let (o, l, n) = (p.offset, p.limit, p.total);
                view! {
                    <div class="actions">
                        <button type="button" disabled=o == 0 on:click=move |_| offset.update(|x| *x = x.saturating_sub(l))>{t("prev_page")}</button>
                        <span class="muted">{format!("{}–{} / {}", o + 1, (o + l).min(n), n)}</span>
                        <button type="button" disabled=o + l >= n on:click=move |_| offset.update(|x| *x += l)>{t("next_page")}</button>
                    </div>
                }
            })}
        </section>
    }
}
