//! The superadmin's platform overview on `/platform`: tenants, outlets per industry, tills
//! active in the last 24 hours and every tenant's sales per day, from
//! `GET /api/v1/platform/dashboard` — counts and sums only. Written as HTML like the
//! owner's dashboard, so it adds nothing to the till's first load.
use domain::api::dashboard::{Count, PlatformDashboard};
use leptos::prelude::*;

use super::dashboard::{count_text, dec, esc, label, share_of, tile_value};
use crate::kernel::i18n::{industry_label, tr, use_lang, Lang};
use crate::kernel::pages::{day_text, error_text, fetched, rupiah};

/// Days the series covers.
const DAYS: u32 = 30;

const STYLE: &str = r#"<style>.plat-cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,180px),1fr));gap:0.75rem;margin-bottom:1rem}.plat-cards .card{margin:0;display:flex;flex-direction:column;gap:0.2rem}.plat-cards .label{color:var(--muted);font-size:0.9rem}.plat-cards strong{font-size:1.35rem;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}.plat-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,360px),1fr));gap:1rem;margin-bottom:1rem}.plat-grid>*{margin:0;min-width:0}ul.plat-bars{list-style:none;margin:0;padding:0;display:grid;gap:0.35rem}ul.plat-bars li{display:grid;grid-template-columns:minmax(0,10rem) 1fr auto;gap:0.5rem;align-items:center;min-height:32px}ul.plat-bars svg{width:100%;height:14px;background:#eef2ef;border-radius:4px}ul.plat-bars rect,.plat-days rect{fill:var(--green)}.plat-days{width:100%;height:160px;display:block;background:#f6f8f7;border-radius:6px}.plat-chart details summary{cursor:pointer;min-height:44px;display:flex;align-items:center;color:var(--green)}.plat-note{color:var(--muted);font-size:0.9rem}</style>"#;

#[component]
pub fn PlatformStats() -> impl IntoView {
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let stats = fetched::<PlatformDashboard>(
        || format!("/api/v1/platform/dashboard?days={DAYS}"),
        version,
    );
    let html = move || {
        let lang = lang.get();
        match stats.get() {
            None => format!(
                r#"<p class="muted" role="status">{}</p>"#,
                esc(tr(lang, "loading"))
            ),
            Some(Err(e)) => format!(
                r#"<p class="error" role="alert">{}</p>"#,
                esc(&error_text(lang, &e))
            ),
            Some(Ok(s)) => overview(lang, &s),
        }
    };
    view! { <section data-testid="platform-stats" inner_html=html></section> }
}

fn card(label: &str, value: &str, testid: &str) -> String {
    format!(
        r#"<div class="card" data-testid="{testid}"><span class="label">{}</span><strong>{}</strong></div>"#,
        esc(label),
        esc(value)
    )
}

fn overview(lang: Lang, s: &PlatformDashboard) -> String {
    let outlets: u64 = s.outlets_by_industry.iter().map(|c| c.count).sum();
    let sales: u64 = s.by_day.iter().map(|d| d.transactions).sum();
    let omzet: rust_decimal::Decimal = s.by_day.iter().map(|d| dec(&d.omzet)).sum();
    let mut out = String::from(STYLE);
    out.push_str(&format!(
        r#"<h2>{}</h2><p class="plat-note">{}</p><div class="plat-cards">"#,
        esc(tr(lang, "plat_overview")),
        esc(tr(lang, "plat_counts_only"))
    ));
    out.push_str(&card(
        tr(lang, "plat_tenants"),
        &count_text(s.tenants),
        "plat-tenants",
    ));
    out.push_str(&card(
        tr(lang, "plat_outlets"),
        &count_text(outlets),
        "plat-outlets",
    ));
    out.push_str(&card(
        tr(lang, "plat_tills"),
        &count_text(s.active_tills_24h),
        "plat-tills",
    ));
    out.push_str(&card(
        tr(lang, "plat_sales_30"),
        &count_text(sales),
        "plat-sales",
    ));
    out.push_str(&card(
        tr(lang, "plat_omzet_30"),
        &domain::money::format_idr(omzet),
        "plat-omzet",
    ));
    for t in &s.tiles {
        out.push_str(&card(
            label(lang, &t.label),
            &tile_value(t.kind, &t.value),
            &format!("plat-tile-{}", t.key),
        ));
    }
    out.push_str(r#"</div><div class="plat-grid">"#);
    let industry: Vec<(String, u64)> = s
        .outlets_by_industry
        .iter()
        .map(|c| (industry_label(lang, &c.key).to_string(), c.count))
        .collect();
    out.push_str(&counted(
        tr(lang, "plat_by_industry"),
        &industry,
        "plat-industries",
    ));
    let plans: Vec<(String, u64)> = s
        .tenants_by_plan
        .iter()
        .map(|Count { key, count }| (plan_name(key), *count))
        .collect();
    out.push_str(&counted(tr(lang, "plat_by_plan"), &plans, "plat-plans"));
    out.push_str("</div>");
    out.push_str(&days_chart(lang, s));
    out
}

fn plan_name(code: &str) -> String {
    let mut c = code.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A list of names with a bar each, the longest the largest count.
fn counted(title: &str, rows: &[(String, u64)], testid: &str) -> String {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0);
    let items: String = rows
        .iter()
        .map(|(name, n)| {
            let length = if max == 0 {
                0
            } else {
                share_of((*n).into(), max.into(), 1000).max(5)
            };
            format!(
                r#"<li><span>{}</span><svg viewBox="0 0 1000 8" preserveAspectRatio="none" aria-hidden="true"><rect width="{length}" height="8"/></svg><span class="num">{}</span></li>"#,
                esc(name),
                count_text(*n)
            )
        })
        .collect();
    format!(
        r#"<section class="card" data-testid="{testid}"><h2>{}</h2><ul class="plat-bars">{items}</ul></section>"#,
        esc(title)
    )
}

/// Transactions per day as columns, with the table of days for screen readers.
fn days_chart(lang: Lang, s: &PlatformDashboard) -> String {
    let max = s.by_day.iter().map(|d| d.transactions).max().unwrap_or(0);
    let width = (s.by_day.len().max(1) * 10) as i64;
    let mut bars = String::new();
    let mut rows = String::new();
    for (i, d) in s.by_day.iter().enumerate() {
        let height = if max == 0 {
            0
        } else {
            share_of(d.transactions.into(), max.into(), 100)
        };
        let day = day_text(lang, &d.date, 7);
        bars.push_str(&format!(
            r#"<rect x="{}" y="{}" width="8" height="{height}"><title>{}: {}</title></rect>"#,
            i * 10 + 1,
            100 - height,
            esc(&day),
            count_text(d.transactions)
        ));
        rows.push_str(&format!(
            r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(&day),
            count_text(d.tenants),
            count_text(d.transactions),
            esc(&rupiah(&d.omzet))
        ));
    }
    let title = tr(lang, "plat_by_day");
    format!(
        r#"<figure class="card plat-chart" data-testid="plat-days"><figcaption><h2>{}</h2></figcaption><svg class="plat-days" viewBox="0 0 {width} 100" preserveAspectRatio="none" role="img" aria-label="{}">{bars}</svg><details><summary>{}</summary><div class="table-wrap" tabindex="0"><table><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>{rows}</tbody></table></div></details></figure>"#,
        esc(title),
        esc(title),
        esc(tr(lang, "plat_as_table")),
        esc(tr(lang, "plat_day")),
        esc(tr(lang, "plat_active_tenants")),
        esc(tr(lang, "plat_transactions")),
        esc(tr(lang, "plat_omzet"))
    )
}
