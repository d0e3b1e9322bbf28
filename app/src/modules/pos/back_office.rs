//! The POS core's back office on a laptop: sales reports, shifts and customers.
use domain::api::pos::{Bucket, CustomerView, PurchaseHistory, SalesReport, ShiftView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::kernel::client;
use crate::kernel::i18n::{t, use_lang};
use crate::kernel::pages::{
    day_text, error_text, fetched, local_time, outlet_choice, rupiah, OutletSelect,
};
use crate::kernel::session::Protected;

// ---------------------------------------------------------------- reports

#[component]
pub fn Reports() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <ReportsBody/>
        </Protected>
    }
}

#[component]
fn ReportsBody() -> impl IntoView {
    let lang = use_lang();
    let (outlets, outlet) = outlet_choice();
    // Opened from the dashboard (a tile or a bar): the same period and outlet.
    let initial = |key: &str| query_param(key);
    let from = RwSignal::new(initial("from"));
    let to = RwSignal::new(initial("to"));
    let wanted = initial("outlet_id");
    if !wanted.is_empty() && !wanted.contains(',') {
        outlet.set(wanted);
    }
    let query = move || {
        let mut q = format!("outlet_id={}", outlet.get());
        if !from.get().is_empty() {
            q.push_str(&format!("&from={}", from.get()));
        }
        if !to.get().is_empty() {
            q.push_str(&format!("&to={}", to.get()));
        }
        q
    };
    let report = fetched::<SalesReport>(
        move || {
            if outlet.get().is_empty() {
                String::new()
            } else {
                format!("/api/v1/reports/sales?{}", query())
            }
        },
        RwSignal::new(0),
    );
    let summary = move |r: &SalesReport| {
        let rows = [
            ("report_sales_count", r.sales_count.to_string()),
            ("report_gross", rupiah(&r.gross)),
            ("discount", rupiah(&r.discounts)),
            ("refunds", rupiah(&r.refunds)),
            ("tax_ppn", rupiah(&r.tax)),
            ("report_net", rupiah(&r.net)),
            ("total", rupiah(&r.total)),
        ];
        view! {
            <dl class="totals report-summary" data-testid="report-summary">
                {rows.into_iter().map(|(k, v)| view! { <dt>{t(k)}</dt><dd data-testid=k>{v}</dd> }).collect_view()}
            </dl>
        }
    };
    let bucket_table = move |title: &'static str, rows: Vec<Bucket>| {
        view! {
            <section class="card">
                <h2>{t(title)}</h2>
                <div class="table-wrap" tabindex="0">
                    <table data-testid=title>
                        <thead><tr><th>{t("name")}</th><th class="num">{t("report_count")}</th><th class="num">{t("qty")}</th><th class="num">{t("total")}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|b| view! {
                                <tr><td>{if title == "report_by_payment" { payment_label(lang.get_untracked(), &b.label) } else { b.label.clone() }}</td><td class="num">{b.count}</td><td class="num">{b.quantity}</td><td class="num">{rupiah(&b.amount)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
    };
    view! {
        <h1 data-testid="page-title">{t("reports")}</h1>
        <div class="filters">
            <OutletSelect outlets chosen=outlet/>
            <label>{t("from_date")}<input type="date" bind:value=from/></label>
            <label>{t("to_date")}<input type="date" bind:value=to/></label>
            <a class="button" data-testid="report-csv" rel="external"
                href=move || format!("/api/v1/reports/sales?{}&format=csv", query())>{t("download_csv")}</a>
        </div>
        {move || match report.get() {
            None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
            Some(Ok(r)) => view! {
                <p class="muted" data-testid="report-period">{period(lang.get_untracked(), &r)}</p>
                {summary(&r)}
                <div class="grid">
                    {bucket_table("report_by_product", r.by_product)}
                    {bucket_table("report_by_category", r.by_category)}
                    {bucket_table("report_by_cashier", r.by_cashier)}
                    {bucket_table("report_by_payment", r.by_payment)}
                    {bucket_table("report_by_hour", r.by_hour)}
                </div>
            }.into_any(),
        }}
    }
}

// ---------------------------------------------------------------- shifts

#[component]
pub fn Shifts() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <ShiftsBody/>
        </Protected>
    }
}

/// The manager's view of the day's shifts: who, when, float, expected and counted cash,
/// and each shift's full report (printable).
#[component]
fn ShiftsBody() -> impl IntoView {
    use crate::modules::pos::shift_report::{ShiftReport, ShiftReportView};
    let (outlets, outlet) = outlet_choice();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let list = fetched::<Vec<ShiftView>>(
        move || {
            if outlet.get().is_empty() {
                return String::new();
            }
            let mut q = format!("/api/v1/shifts?outlet_id={}", outlet.get());
            if !from.get().is_empty() {
                q.push_str(&format!("&from={}", from.get()));
            }
            if !to.get().is_empty() {
                q.push_str(&format!("&to={}", to.get()));
            }
            q
        },
        RwSignal::new(0),
    );
    let chosen = RwSignal::new(None::<ShiftReport>);
    let error = RwSignal::new(None::<String>);
    let lang = use_lang();
    let open = move |id: String| {
        spawn_local(async move {
            match client::get::<ShiftReport>(&format!("/api/v1/shifts/{id}")).await {
                Ok(r) => chosen.set(Some(r)),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let header = move || {
        outlets
            .get()
            .and_then(Result::ok)
            .and_then(|l| l.into_iter().find(|o| o.id == outlet.get()))
            .map(|o| (vec![o.name, o.address], o.timezone))
            .unwrap_or_default()
    };
    view! {
        <h1 data-testid="page-title">{t("shifts")}</h1>
        <div class="filters">
            <OutletSelect outlets chosen=outlet/>
            <label>{t("from_date")}<input type="date" bind:value=from/></label>
            <label>{t("to_date")}<input type="date" bind:value=to/></label>
        </div>
        {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
        {move || match list.get() {
            None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
            Some(Ok(rows)) => {
                // Opening times in the outlet's own zone (WIB/WITA/WIT).
                let offset = crate::kernel::pages::zone_offset(&header().1);
                view! {
                <div class="table-wrap" tabindex="0">
                    <table data-testid="shift-list">
                        <thead><tr><th>{t("cashier")}</th><th>{t("open_shift")}</th><th>{t("status")}</th>
                            <th class="num">{t("opening_float")}</th><th class="num">{t("expected_cash")}</th>
                            <th class="num">{t("counted_cash")}</th><th class="num">{t("difference")}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| {
                                let id = r.id.clone();
                                let amount = |v: &Option<String>| v.as_deref().map(rupiah).unwrap_or_default();
                                view! {
                                    <tr>
                                        <td><button type="button" class="link" on:click=move |_| open(id.clone())>{r.cashier_name.clone()}</button></td>
                                        <td>{local_time(&r.opened_at, offset)}</td>
                                        <td>{if r.status == "open" { t("shift_status_open")() } else { t("shift_status_closed")() }}</td>
                                        <td class="num">{rupiah(&r.opening_float)}</td>
                                        <td class="num">{amount(&r.expected_cash)}</td>
                                        <td class="num">{amount(&r.counted_cash)}</td>
                                        <td class="num">{amount(&r.difference)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
            }
        }}
        {move || chosen.get().map(|r| {
            let (h, tz) = header();
            let offset = crate::kernel::pages::zone_offset(&tz);
            view! { <section class="card"><ShiftReportView report=r header=h offset=offset/></section> }
        })}
    }
}

// ---------------------------------------------------------------- customers

#[component]
pub fn Customers() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <CustomersBody/>
        </Protected>
    }
}

#[component]
fn CustomersBody() -> impl IntoView {
    let q = RwSignal::new(String::new());
    let customers = fetched::<Vec<CustomerView>>(
        move || {
            format!(
                "/api/v1/customers?limit=200&q={}",
                q.get().trim().replace(' ', "+")
            )
        },
        RwSignal::new(0),
    );
    let chosen = RwSignal::new(String::new());
    let history = fetched::<PurchaseHistory>(
        move || {
            let id = chosen.get();
            if id.is_empty() {
                String::new()
            } else {
                format!("/api/v1/customers/{id}/sales")
            }
        },
        RwSignal::new(0),
    );
    let list = view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="customers">
                <thead><tr><th>{t("name")}</th><th>{t("phone")}</th><th></th></tr></thead>
                <tbody>
                    {move || customers.get().and_then(Result::ok).is_some_and(|l| l.is_empty()).then(|| view! {
                        <tr><td colspan="3" class="muted">{t("no_customers")}</td></tr>
                    })}
                    {move || customers.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|c| {
                        let id = c.id.clone();
                        view! {
                            <tr>
                                <td>{c.name}</td><td>{c.phone.unwrap_or_default()}</td>
                                <td><button type="button" on:click=move |_| chosen.set(id.clone())>{t("purchase_history")}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any();
    view! {
        <h1 data-testid="page-title">{t("customers")}</h1>
        <div class="filters">
            <label>{t("find_customer")}<input type="search" bind:value=q/></label>
        </div>
        {list}
        {move || history.get().and_then(Result::ok).map(|h| view! {
            <section class="card" data-testid="purchase-history">
                <h2>{t("purchase_history")} " · " {h.customer.name}</h2>
                <p>{h.count} " " {t("report_count")} " · " {rupiah(&h.total)}</p>
                <table>
                    {h.purchases.into_iter().map(|p| view! {
                        <tr>
                            <td>{local_time(&p.sold_at, 7)}</td>
                            <td>{p.receipt_no}</td>
                            <td class="num">{rupiah(&p.grand_total)}</td>
                        </tr>
                    }).collect_view()}
                </table>
            </section>
        })}
    }
}

/// A payment method's words (`qris` → QRIS, `cash` → Tunai); an unknown code as it is.
/// A value of the page address's query (`?from=…`), read in the browser.
fn query_param(key: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        search
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.replace("%2C", ",").replace("%2c", ","))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        String::new()
    }
}

fn payment_label(lang: crate::kernel::i18n::Lang, code: &str) -> String {
    serde_json::from_value::<domain::payment::TenderKind>(serde_json::Value::String(code.into()))
        .map(|k| super::till_model::tender_label(lang, k).to_string())
        .unwrap_or_else(|_| code.to_string())
}

/// The report's period in the outlet's zone, `1 Des 2026 – 2 Des 2026 (WIB)`.
fn period(lang: crate::kernel::i18n::Lang, r: &SalesReport) -> String {
    let offset = crate::kernel::pages::zone_offset(&r.timezone);
    // `to` is the end of the period, exclusive: the second before it is on the last day.
    let last = chrono::DateTime::parse_from_rfc3339(&r.to)
        .map(|t| (t - chrono::Duration::seconds(1)).to_rfc3339())
        .unwrap_or_else(|_| r.to.clone());
    format!(
        "{} – {} ({})",
        day_text(lang, &r.from, offset),
        day_text(lang, &last, offset),
        r.timezone
    )
}
