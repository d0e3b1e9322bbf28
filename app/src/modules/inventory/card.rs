//! A product's stock card at one location (every movement, newest first, with the
//! quantity after it and its cost), a page at a time; and the stock valuation as a file.
use domain::api::inventory::StockCard;
use leptos::prelude::*;

use crate::kernel::i18n::{t, use_lang};
use crate::kernel::model::Outlet;
use crate::kernel::pages::{fetched, local_time, rupiah, today_wib, zone_offset, OutletList};

/// Rows per page of the card.
const CARD_PAGE: u64 = 25;

/// The word for a movement's kind.
fn kind_word(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "sale" => "mv_sale",
        "refund" => "mv_refund",
        "adjustment" => "mv_adjustment",
        "stock_count" => "mv_stock_count",
        "purchase_receipt" => "mv_purchase_receipt",
        "purchase_return" => "mv_purchase_return",
        "transfer_out" => "mv_transfer_out",
        "transfer_in" => "mv_transfer_in",
        "consignment_return" => "mv_consignment_return",
        "assembly_in" => "mv_assembly_in",
        "assembly_out" => "mv_assembly_out",
        _ => return None,
    })
}

/// The chosen product's card; `product` is (id, label), empty when none is chosen.
#[component]
pub fn StockCardView(
    outlets: OutletList,
    outlet: RwSignal<String>,
    product: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let lang = use_lang();
    let offset = RwSignal::new(0u64);
    // A new product or location starts at the newest page.
    Effect::new(move |_| {
        product.track();
        outlet.track();
        offset.set(0);
    });
    let card = fetched::<StockCard>(
        move || match product.get() {
            Some((id, _)) if !outlet.get().is_empty() => format!(
                "/api/v1/products/{id}/stock-card?outlet_id={}&limit={CARD_PAGE}&offset={}",
                outlet.get(),
                offset.get()
            ),
            _ => String::new(),
        },
        RwSignal::new(0),
    );
    let zone = move || {
        let id = outlet.get();
        outlets
            .get()
            .and_then(Result::ok)
            .and_then(|l: Vec<Outlet>| l.into_iter().find(|o| o.id == id))
            .map(|o| zone_offset(&o.timezone))
            .unwrap_or(7)
    };
    view! {
        {move || product.get().map(|(_, label)| view! {
            <section class="card" data-testid="stock-card">
                <h2>{t("stock_card")} ": " {label}</h2>
                {move || card.get().and_then(Result::ok).map(|c| {
                    let value = (c.on_hand.parse::<rust_decimal::Decimal>().unwrap_or_default()
                        * c.unit_cost.parse::<rust_decimal::Decimal>().unwrap_or_default())
                        .round_dp(0)
                        .to_string();
                    let full_page = c.rows.len() >= CARD_PAGE as usize;
                    view! {
                        <p data-testid="stock-card-summary">
                            {t("stock_qty")} ": " <strong>{c.on_hand.replace('.', ",")}</strong>
                            " · " {t("average_cost")} ": " {rupiah(&c.unit_cost)}
                            " · " {t("stock_value")} ": " {rupiah(&value)}
                        </p>
                        <div class="table-wrap" tabindex="0">
                            <table data-testid="stock-card-rows">
                                <thead><tr><th>{t("when")}</th><th>{t("movement")}</th><th>{t("reference")}</th>
                                    <th class="num">{t("quantity_in_out")}</th><th class="num">{t("balance_after")}</th>
                                    <th class="num">{t("average_cost")}</th><th class="num">{t("value_moved")}</th></tr></thead>
                                <tbody>
                                    {(c.rows.is_empty()).then(|| view! { <tr><td colspan="7" class="muted">{t("no_movements")}</td></tr> })}
                                    {c.rows.into_iter().map(|r| {
                                        let kind = r.kind.clone();
                                        let negative = r.quantity.starts_with('-');
                                        let qty = if negative { r.quantity.clone() } else { format!("+{}", r.quantity) };
                                        let note = [r.reference.clone(), r.reason.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                                        view! {
                                            <tr class:negative=negative>
                                                <td>{local_time(&r.at, zone())}</td>
                                                <td>{move || match kind_word(&kind) {
                                                    Some(k) => crate::kernel::i18n::tr(lang.get(), k).to_string(),
                                                    None => kind.clone(),
                                                }}</td>
                                                <td>{note}</td>
                                                <td class="num">{qty.replace('.', ",")}</td>
                                                <td class="num">{r.balance.replace('.', ",")}</td>
                                                <td class="num">{r.unit_cost.as_deref().map(rupiah).unwrap_or_else(|| "–".into())}</td>
                                                <td class="num">{r.value.as_deref().map(rupiah).unwrap_or_else(|| "–".into())}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <CardFiles outlet product_id=c.product_id.clone()/>
                        <div class="actions">
                            <button type="button" disabled=move || offset.get() == 0
                                on:click=move |_| offset.update(|o| *o = o.saturating_sub(CARD_PAGE))>{t("newer")}</button>
                            <button type="button" data-testid="stock-card-older" disabled=!full_page
                                on:click=move |_| offset.update(|o| *o += CARD_PAGE)>{t("older")}</button>
                            <button type="button" on:click=move |_| product.set(None)>{t("close")}</button>
                        </div>
                    }
                })}
            </section>
        })}
    }
}

/// Links to the location's stock valuation at average cost, as CSV and as XLSX.
#[component]
pub fn ValuationFiles(outlet: RwSignal<String>) -> impl IntoView {
    let link = move |ext: &'static str| {
        format!("/api/v1/stock-valuation.{ext}?outlet_id={}", outlet.get())
    };
    view! {
        <p class="actions" data-testid="valuation-files">
            {t("stock_valuation")} ": "
            <a href=move || link("csv") download data-testid="valuation-csv">"CSV"</a>
            " · "
            <a href=move || link("xlsx") download data-testid="valuation-xlsx">"XLSX"</a>
        </p>
    }
}

/// The card for a period as a file (this month so far unless changed).
#[component]
fn CardFiles(outlet: RwSignal<String>, product_id: String) -> impl IntoView {
    use chrono::Datelike;
    let today = today_wib();
    let from = RwSignal::new(today.with_day(1).unwrap_or(today).to_string());
    let to = RwSignal::new(today.to_string());
    let link = move |ext: &'static str| {
        format!(
            "/api/v1/products/{product_id}/stock-card.{ext}?outlet_id={}&from={}&to={}",
            outlet.get(),
            from.get(),
            to.get()
        )
    };
    let link2 = link.clone();
    view! {
        <div class="grid-form no-print" data-testid="stock-card-files">
            <label>{t("from_day")}<input type="date" bind:value=from/></label>
            <label>{t("to_day")}<input type="date" bind:value=to/></label>
            <p>{t("download_card")} ": "
                <a href=move || link("csv") download data-testid="stock-card-csv">"CSV"</a>
                " · "
                <a href=move || link2("xlsx") download data-testid="stock-card-xlsx">"XLSX"</a>
            </p>
        </div>
    }
}
