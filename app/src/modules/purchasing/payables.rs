//! `/pembelian/tagihan`: what the shop owes its suppliers. The aging by supplier (each one
//! opens its statement), the invoices still owed (or all, or paid) with the three-way
//! match and payments, and a new invoice recorded against an order's receipts.
use std::collections::BTreeMap;

use domain::api::payables::{
    AgingReport, InvoicePage, InvoiceStatus, InvoiceView, MatchLineView, Mismatch, Statement,
};
use domain::api::purchasing::{PoPage, PoStatus, PoView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use super::detail::qty;
use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{day_text, error_text, fetched, local_time, rupiah, Notice};
use crate::kernel::session::{use_session, Protected};

const PAGE: u64 = 20;

pub fn invoice_status_key(s: InvoiceStatus) -> &'static str {
    match s {
        InvoiceStatus::Open => "inv_status_open",
        InvoiceStatus::PartlyPaid => "inv_status_partly_paid",
        InvoiceStatus::Paid => "inv_status_paid",
    }
}

fn mismatch_key(m: Mismatch) -> &'static str {
    match m {
        Mismatch::Quantity => "mismatch_quantity",
        Mismatch::Price => "mismatch_price",
        Mismatch::NotReceived => "mismatch_not_received",
        Mismatch::NotInvoiced => "mismatch_not_invoiced",
    }
}

fn reveal(testid: &'static str) {
    #[cfg(feature = "hydrate")]
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.query_selector(&format!("[data-testid={testid}]"))
                .ok()
                .flatten()
        }) {
            el.scroll_into_view();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = testid;
}

#[component]
pub fn Payables() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <PayablesBody/>
        </Protected>
    }
}

#[component]
fn PayablesBody() -> impl IntoView {
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let aging = fetched::<AgingReport>(|| "/api/v1/payables/aging?limit=50".into(), version);
    let status = RwSignal::new("owed".to_string());
    let offset = RwSignal::new(0u64);
    let invoices = fetched::<InvoicePage>(
        move || {
            format!(
                "/api/v1/supplier-invoices?limit={PAGE}&offset={}&status={}",
                offset.get(),
                status.get()
            )
        },
        version,
    );
    let selected = RwSignal::new(None::<InvoiceView>);
    let statement_of = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let open = move |id: String| {
        spawn_local(async move {
            match client::get::<InvoiceView>(&format!("/api/v1/supplier-invoices/{id}")).await {
                Ok(v) => {
                    selected.set(Some(v));
                    reveal("invoice-detail");
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let changed = Callback::new(move |v: InvoiceView| {
        selected.set(Some(v));
        version.update(|n| *n += 1);
        reveal("invoice-detail");
    });
    let money_cell = |v: &str| {
        let zero = v
            .parse::<rust_decimal::Decimal>()
            .is_ok_and(|d| d.is_zero());
        if zero {
            "–".to_string()
        } else {
            rupiah(v)
        }
    };
    view! {
        <h1 data-testid="page-title">{t("payables")}</h1>
        <section class="card">
            <h2>{t("aging")}</h2>
            <div class="table-wrap" tabindex="0">
                <table data-testid="aging">
                    <thead><tr><th>{t("supplier")}</th><th class="num">{t("aging_current")}</th><th class="num">"1–30"</th>
                        <th class="num">"31–60"</th><th class="num">"61–90"</th><th class="num">"> 90"</th><th class="num">{t("total")}</th></tr></thead>
                    <tbody>
                        {move || match aging.get() {
                            None => view! { <tr><td colspan="7" class="muted">{t("loading")}</td></tr> }.into_any(),
                            Some(Err(e)) => view! { <tr><td colspan="7" class="error">{error_text(lang.get(), &e)}</td></tr> }.into_any(),
                            Some(Ok(a)) if a.items.is_empty() => view! { <tr><td colspan="7" class="muted">{t("nothing_owed")}</td></tr> }.into_any(),
                            Some(Ok(a)) => {
                                let totals = a.totals.clone();
                                view! {
                                    {a.items.into_iter().map(|r| {
                                        let id = r.supplier_id.clone();
                                        view! {
                                            <tr>
                                                <td><button type="button" class="link" data-testid="statement-open"
                                                    on:click=move |_| { statement_of.set(Some(id.clone())); reveal("statement"); }>{r.supplier_name.clone()}</button></td>
                                                <td class="num">{money_cell(&r.current)}</td>
                                                <td class="num">{money_cell(&r.days_1_30)}</td>
                                                <td class="num">{money_cell(&r.days_31_60)}</td>
                                                <td class="num">{money_cell(&r.days_61_90)}</td>
                                                <td class="num">{money_cell(&r.over_90)}</td>
                                                <td class="num"><strong>{rupiah(&r.total)}</strong></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                    <tr class="total" data-testid="aging-total">
                                        <td>{t("total")}</td>
                                        <td class="num">{money_cell(&totals.current)}</td>
                                        <td class="num">{money_cell(&totals.days_1_30)}</td>
                                        <td class="num">{money_cell(&totals.days_31_60)}</td>
                                        <td class="num">{money_cell(&totals.days_61_90)}</td>
                                        <td class="num">{money_cell(&totals.over_90)}</td>
                                        <td class="num"><strong>{rupiah(&totals.total)}</strong></td>
                                    </tr>
                                }.into_any()
                            }
                        }}
                    </tbody>
                </table>
            </div>
        </section>
        {move || statement_of.get().map(|id| view! { <SupplierStatement supplier_id=id/> })}
        <section class="card">
            <h2>{t("supplier_invoices")}</h2>
            <div class="grid-form">
                <label>{t("status")}
                    <select data-testid="invoice-status-filter" prop:value=move || status.get()
                        on:change=move |ev| { offset.set(0); status.set(event_target_value(&ev)); }>
                        <option value="owed">{t("inv_owed")}</option>
                        <option value="">{t("all")}</option>
                        {InvoiceStatus::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{t(invoice_status_key(s))}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="table-wrap" tabindex="0">
                <table data-testid="invoice-list">
                    <thead><tr><th>{t("invoice_no")}</th><th>{t("supplier")}</th><th>{t("due_on")}</th><th>{t("status")}</th>
                        <th class="num">{t("total")}</th><th class="num">{t("outstanding")}</th></tr></thead>
                    <tbody>
                        {move || match invoices.get() {
                            None => view! { <tr><td colspan="6" class="muted">{t("loading")}</td></tr> }.into_any(),
                            Some(Err(e)) => view! { <tr><td colspan="6" class="error">{error_text(lang.get(), &e)}</td></tr> }.into_any(),
                            Some(Ok(p)) if p.items.is_empty() => view! { <tr><td colspan="6" class="muted">{t("no_invoices")}</td></tr> }.into_any(),
                            Some(Ok(p)) => p.items.into_iter().map(|i| {
                                let id = i.id.clone();
                                view! {
                                    <tr>
                                        <td><button type="button" class="link" data-testid="invoice-open" on:click=move |_| open(id.clone())>{i.number.clone()}</button>
                                            {(!i.matched).then(|| view! { " " <span class="badge warn">{t("has_differences")}</span> })}</td>
                                        <td>{i.supplier_name.clone()}</td>
                                        <td>{day_text(lang.get(), &i.due_on, 7)}
                                            {(i.overdue_days > 0).then(|| view! { <br/><span class="error">{format!("{} {}", i.overdue_days, tr(lang.get(), "days_overdue"))}</span> })}</td>
                                        <td><span class="badge">{t(invoice_status_key(i.status))}</span></td>
                                        <td class="num">{rupiah(&i.total)}</td>
                                        <td class="num">{rupiah(&i.outstanding)}</td>
                                    </tr>
                                }
                            }).collect_view().into_any(),
                        }}
                    </tbody>
                </table>
            </div>
            {move || invoices.get().and_then(Result::ok).filter(|p| p.total > PAGE).map(|p| view! {
                <div class="actions">
                    <button type="button" disabled=p.offset == 0 on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE))>{t("prev_page")}</button>
                    <span class="muted">{format!("{}–{} / {}", p.offset + 1, (p.offset + PAGE).min(p.total), p.total)}</span>
                    <button type="button" disabled=p.offset + PAGE >= p.total on:click=move |_| offset.update(|o| *o += PAGE)>{t("next_page")}</button>
                </div>
            })}
            <Notice error/>
        </section>
        <section class="card">
            <h2>{t("record_invoice")}</h2>
            <NewInvoice on_created=changed/>
        </section>
        {move || selected.get().map(|inv| view! { <InvoiceDetail inv on_change=changed buyer=true/> })}
    }
}

/// One supplier's statement: opening balance, bills and payments with the running
/// balance, closing balance; 90 days back by default.
#[component]
fn SupplierStatement(supplier_id: String) -> impl IntoView {
    let lang = use_lang();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let offset = RwSignal::new(0u64);
    let version = RwSignal::new(0u32);
    let statement = fetched::<Statement>(
        move || {
            format!(
                "/api/v1/suppliers/{supplier_id}/statement?limit=50&offset={}&from={}&to={}",
                offset.get(),
                from.get(),
                to.get()
            )
        },
        version,
    );
    view! {
        <section class="card" data-testid="statement">
            <h2>{t("statement")} " — " {move || statement.get().and_then(Result::ok).map(|s| s.supplier_name)}</h2>
            <div class="grid-form">
                <label>{t("from_date")}<input type="date" prop:value=move || from.get() on:change=move |ev| { offset.set(0); from.set(event_target_value(&ev)); }/></label>
                <label>{t("to_date")}<input type="date" prop:value=move || to.get() on:change=move |ev| { offset.set(0); to.set(event_target_value(&ev)); }/></label>
            </div>
            {move || match statement.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{error_text(lang.get(), &e)}</p> }.into_any(),
                Some(Ok(s)) => view! {
                    <p>{t("opening_balance")} " " {day_text(lang.get(), &s.from, 7)} ": " <strong data-testid="statement-opening">{rupiah(&s.opening)}</strong></p>
                    <div class="table-wrap" tabindex="0">
                        <table data-testid="statement-entries">
                            <thead><tr><th>{t("date_label")}</th><th>{t("entry")}</th><th class="num">{t("charge")}</th><th class="num">{t("payment_word")}</th><th class="num">{t("balance")}</th></tr></thead>
                            <tbody>
                                {if s.items.is_empty() {
                                    view! { <tr><td colspan="5" class="muted">{t("no_entries")}</td></tr> }.into_any()
                                } else {
                                    s.items.iter().map(|e| view! {
                                        <tr>
                                            <td>{day_text(lang.get(), &e.on, 7)}</td>
                                            <td>{if e.kind == "invoice" { t("invoice_word") } else { t("payment_word") }} " " {e.reference.clone()}</td>
                                            <td class="num">{(e.kind == "invoice").then(|| rupiah(&e.charge))}</td>
                                            <td class="num">{(e.kind == "payment").then(|| rupiah(&e.payment))}</td>
                                            <td class="num">{rupiah(&e.balance)}</td>
                                        </tr>
                                    }).collect_view().into_any()
                                }}
                            </tbody>
                        </table>
                    </div>
                    {(s.total > s.limit).then(|| {
                        let (o, l, n) = (s.offset, s.limit, s.total);
                        view! {
                            <div class="actions">
                                <button type="button" disabled=o == 0 on:click=move |_| offset.update(|x| *x = x.saturating_sub(l))>{t("prev_page")}</button>
                                <span class="muted">{format!("{}–{} / {}", o + 1, (o + l).min(n), n)}</span>
                                <button type="button" disabled=o + l >= n on:click=move |_| offset.update(|x| *x += l)>{t("next_page")}</button>
                            </div>
                        }
                    })}
                    <p>{t("closing_balance")} " " {day_text(lang.get(), &s.to, 7)} ": " <strong data-testid="statement-closing">{rupiah(&s.closing)}</strong></p>
                }.into_any(),
            }}
        </section>
    }
}

/// One invoice: what was ordered, received and billed per product with its differences,
/// the receipts it bills, its payments and (for whoever may pay) a payment form.
#[component]
pub fn InvoiceDetail(
    inv: InvoiceView,
    on_change: Callback<InvoiceView>,
    buyer: bool,
) -> impl IntoView {
    let lang = use_lang();
    let ctx = use_session();
    let can_pay = buyer
        && ctx.session.with_untracked(|s| {
            s.as_ref()
                .is_some_and(|s| s.can("purchasing.pay_suppliers"))
        })
        && inv.summary.status.is_owed();
    let s = inv.summary.clone();
    let amount = RwSignal::new(s.outstanding.clone());
    let method = RwSignal::new("transfer".to_string());
    let reference = RwSignal::new(String::new());
    let paid_on = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = inv.summary.id.clone();
    let pay = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let body = json!({"amount": amount.get_untracked().replace('.', "").replace(',', "."),
            "method": method.get_untracked(), "reference": reference.get_untracked(), "paid_on": paid_on.get_untracked()});
        let url = format!("/api/v1/supplier-invoices/{id}/payments");
        spawn_local(async move {
            match client::post::<InvoiceView>(&url, &body).await {
                Ok(v) => on_change.run(v),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let diff_ppn = inv.ppn != inv.expected_ppn;
    view! {
        <section class="card" data-testid="invoice-detail">
            <h2>{t("invoice_word")} " " {s.number.clone()} " · " {s.supplier_name.clone()}</h2>
            <p>
                <span class="badge" data-testid="invoice-status">{t(invoice_status_key(s.status))}</span> " "
                {if s.matched {
                    view! { <span class="badge ok" data-testid="invoice-match">{t("matched")}</span> }.into_any()
                } else {
                    view! { <span class="badge warn" data-testid="invoice-match">{t("has_differences")}</span> }.into_any()
                }}
            </p>
            <p class="muted">
                {t("invoice_on")} " " {day_text(lang.get_untracked(), &s.invoice_on, 7)} " · " {t("due_on")} " " {day_text(lang.get_untracked(), &s.due_on, 7)}
                {s.po_number.clone().map(|n| view! { " · " {t("po_number")} " " {n} })}
                " · " {inv.outlet_name.clone()}
                {(!inv.receipt_numbers.is_empty()).then(|| view! { " · " {t("receipts")} ": " {inv.receipt_numbers.join(", ")} })}
            </p>
            <div class="table-wrap" tabindex="0">
                <table data-testid="match-lines">
                    <thead><tr><th>{t("product_word")}</th><th class="num">{t("ordered")}</th><th class="num">{t("received_qty")}</th>
                        <th class="num">{t("billed")}</th><th class="num">{t("difference")}</th><th></th></tr></thead>
                    <tbody>
                        {inv.lines.iter().map(|l: &MatchLineView| view! {
                            <tr>
                                <td>{l.name.clone()} <br/><span class="muted">{l.sku.clone()}</span></td>
                                <td class="num">{qty(&l.ordered_quantity)} " " {l.unit.clone()}<br/><span class="muted">{rupiah(&l.ordered_value)}</span></td>
                                <td class="num">{qty(&l.received_quantity)}<br/><span class="muted">{rupiah(&l.received_value)}</span></td>
                                <td class="num">{qty(&l.invoiced_quantity)}<br/><span class="muted">{rupiah(&l.invoiced_value)}</span></td>
                                <td class="num">{qty(&l.quantity_difference)}<br/><span class="muted">{rupiah(&l.value_difference)}</span></td>
                                <td>{l.mismatches.iter().map(|m| view! { <span class="badge warn">{t(mismatch_key(*m))}</span> " " }).collect_view()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="totals">
                <dt>{t("subtotal")}</dt><dd>{rupiah(&inv.subtotal)}</dd>
                <dt>{t("ppn_in")}</dt><dd>{rupiah(&inv.ppn)}
                    {diff_ppn.then(|| view! { " " <span class="badge warn">{t("expected")} " " {rupiah(&inv.expected_ppn)}</span> })}</dd>
                <dt>{t("total")}</dt><dd><strong>{rupiah(&s.total)}</strong></dd>
                <dt>{t("paid")}</dt><dd>{rupiah(&s.paid)}</dd>
                <dt>{t("outstanding")}</dt><dd data-testid="invoice-outstanding"><strong>{rupiah(&s.outstanding)}</strong></dd>
            </dl>
            {inv.note.clone().map(|n| view! { <p class="muted">{t("note")} ": " {n}</p> })}
            <h3>{t("payments")}</h3>
            <ul data-testid="invoice-payments">
                {if inv.payments.is_empty() {
                    view! { <li class="muted">{t("no_payments")}</li> }.into_any()
                } else {
                    inv.payments.iter().map(|p| view! {
                        <li>{day_text(lang.get_untracked(), &p.paid_on, 7)} " · " {rupiah(&p.amount)} " · "
                            {if p.method == "cash" { t("tender_cash") } else { t("transfer") }}
                            {p.reference.clone().map(|r| view! { " · " {r} })}
                            " · " <span class="muted">{p.paid_by.clone()} " " {local_time(&p.created_at, 7)}</span></li>
                    }).collect_view().into_any()
                }}
            </ul>
            {can_pay.then(|| view! {
                <form class="grid-form" data-testid="pay-form" on:submit=pay>
                    <label>{t("amount_label")}<input type="text" inputmode="decimal" required maxlength="20" data-testid="pay-amount" bind:value=amount/></label>
                    <label>{t("method")}
                        <select prop:value=move || method.get() on:change=move |ev| method.set(event_target_value(&ev))>
                            <option value="transfer">{t("transfer")}</option>
                            <option value="cash">{t("tender_cash")}</option>
                        </select>
                    </label>
                    <label>{t("reference_no")}<input type="text" maxlength="100" bind:value=reference/></label>
                    <label>{t("paid_on")}<input type="date" bind:value=paid_on/></label>
                    <button type="submit" class="primary" data-testid="pay-submit">{t("record_payment")}</button>
                </form>
            })}
            <Notice error/>
        </section>
    }
}

/// A line of the bill being typed: the product, and what the supplier bills for it.
#[derive(Clone)]
struct BillLine {
    product_id: String,
    name: String,
    unit: String,
    quantity: RwSignal<String>,
    value: RwSignal<String>,
}

/// Records a supplier's invoice: an order with goods received, the receipts it bills
/// (those not billed yet, ticked), the lines filled in from them for the clerk to correct
/// to what the paper says, the supplier's number and date.
#[component]
fn NewInvoice(on_created: Callback<InvoiceView>) -> impl IntoView {
    let lang = use_lang();
    let orders = fetched::<PoPage>(
        || "/api/v1/purchase-orders?limit=200".into(),
        RwSignal::new(0),
    );
    let po = RwSignal::new(None::<PoView>);
    let ticked = RwSignal::new(Vec::<String>::new());
    let lines = RwSignal::new(Vec::<BillLine>::new());
    let number = RwSignal::new(String::new());
    let invoice_on = RwSignal::new(String::new());
    let ppn = RwSignal::new(String::new());
    let due_on = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The lines follow the ticked receipts: received quantity and value per product.
    let refill = move || {
        let Some(p) = po.get_untracked() else {
            lines.set(Vec::new());
            return;
        };
        let chosen = ticked.get_untracked();
        let mut sums: BTreeMap<String, (String, rust_decimal::Decimal, rust_decimal::Decimal)> =
            BTreeMap::new();
        for r in p.receipts.iter().filter(|r| chosen.contains(&r.id)) {
            for l in &r.lines {
                let e = sums.entry(l.product_id.clone()).or_insert((
                    l.name.clone(),
                    Default::default(),
                    Default::default(),
                ));
                e.1 += l
                    .quantity
                    .parse::<rust_decimal::Decimal>()
                    .unwrap_or_default();
                e.2 += l.value.parse::<rust_decimal::Decimal>().unwrap_or_default();
            }
        }
        let unit_of = |id: &str| {
            p.lines
                .iter()
                .find(|l| l.product_id == id)
                .map(|l| l.unit.clone())
                .unwrap_or_default()
        };
        lines.set(
            sums.into_iter()
                .map(|(id, (name, q, v))| BillLine {
                    unit: unit_of(&id),
                    product_id: id,
                    name,
                    quantity: RwSignal::new(q.normalize().to_string()),
                    value: RwSignal::new(v.normalize().to_string()),
                })
                .collect(),
        );
    };
    let pick = move |id: String| {
        error.set(None);
        if id.is_empty() {
            po.set(None);
            ticked.set(Vec::new());
            refill();
            return;
        }
        spawn_local(async move {
            match client::get::<PoView>(&format!("/api/v1/purchase-orders/{id}")).await {
                Ok(v) => {
                    ticked.set(
                        v.receipts
                            .iter()
                            .filter(|r| !r.billed)
                            .map(|r| r.id.clone())
                            .collect(),
                    );
                    po.set(Some(v));
                    refill();
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let Some(p) = po.get_untracked() else {
            error.set(Some(
                tr(lang.get_untracked(), "choose_order_first").to_string(),
            ));
            return;
        };
        let chosen = ticked.get_untracked();
        if chosen.is_empty() {
            error.set(Some(
                tr(lang.get_untracked(), "choose_receipts").to_string(),
            ));
            return;
        }
        let body = json!({
            "supplier_id": p.supplier_id, "po_id": p.id, "receipt_ids": chosen,
            "number": number.get_untracked(), "invoice_on": invoice_on.get_untracked(),
            "ppn": ppn.get_untracked(), "due_on": due_on.get_untracked(),
            "lines": lines.get_untracked().iter().map(|l| json!({"product_id": l.product_id,
                "quantity": l.quantity.get_untracked().replace(',', "."), "value": l.value.get_untracked().replace('.', "").replace(',', ".")})).collect::<Vec<_>>(),
        });
        spawn_local(async move {
            match client::post::<InvoiceView>("/api/v1/supplier-invoices", &body).await {
                Ok(v) => {
                    number.set(String::new());
                    ppn.set(String::new());
                    due_on.set(String::new());
                    po.set(None);
                    lines.set(Vec::new());
                    on_created.run(v);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let billable = |s: PoStatus| {
        matches!(
            s,
            PoStatus::PartiallyReceived | PoStatus::Received | PoStatus::Closed
        )
    };
    view! {
        <form class="grid-form" data-testid="invoice-form" on:submit=submit>
            <label>{t("po_number")}
                <select data-testid="invoice-po" on:change=move |ev| pick(event_target_value(&ev))>
                    <option value="">{t("choose")}</option>
                    {move || orders.get().and_then(Result::ok).map(|p| p.items.into_iter().filter(|o| billable(o.status)).map(|o| view! {
                        <option value=o.id.clone()>{format!("{} · {}", o.number, o.supplier_name)}</option>
                    }).collect_view())}
                </select>
            </label>
            <label>{t("invoice_no")}<input type="text" required maxlength="100" data-testid="invoice-number" bind:value=number/></label>
            <label>{t("invoice_on")}<input type="date" required data-testid="invoice-date" bind:value=invoice_on/></label>
            <label>{t("due_on")}<input type="date" bind:value=due_on/><span class="muted">{t("due_by_terms")}</span></label>
            <label>{t("ppn_in")}<input type="text" inputmode="decimal" maxlength="20" placeholder=move || tr(lang.get(), "ppn_auto") bind:value=ppn/></label>
            {move || po.get().map(|p| view! {
                <fieldset class="wide" data-testid="invoice-receipts">
                    <legend>{t("receipts")}</legend>
                    {p.receipts.iter().map(|r| {
                        let id = r.id.clone();
                        let id2 = r.id.clone();
                        view! {
                            <label class="check">
                                <input type="checkbox" disabled=r.billed prop:checked=move || ticked.with(|t| t.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        ticked.update(|t| { t.retain(|x| x != &id2); if on { t.push(id2.clone()); } });
                                        refill();
                                    }/>
                                {r.number.clone()} " · " {rupiah(&r.value)}
                                {r.billed.then(|| view! { " " <span class="badge">{t("already_billed")}</span> })}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            <div class="table-wrap wide" tabindex="0">
                <table data-testid="invoice-lines">
                    <thead><tr><th>{t("product_word")}</th><th class="num">{t("billed_qty")}</th><th class="num">{t("billed_value")}</th></tr></thead>
                    <tbody>
                        {move || lines.get().into_iter().map(|l| view! {
                            <tr>
                                <td>{l.name.clone()} " (" {l.unit.clone()} ")"</td>
                                <td class="num"><input type="text" inputmode="decimal" maxlength="15" aria-label=move || tr(lang.get(), "billed_qty") bind:value=l.quantity/></td>
                                <td class="num"><input type="text" inputmode="decimal" maxlength="20" aria-label=move || tr(lang.get(), "billed_value") data-testid="invoice-line-value" bind:value=l.value/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <button type="submit" class="primary" data-testid="invoice-submit">{t("record_invoice")}</button>
            <Notice error/>
        </form>
    }
}
