//! The owner's dashboard: a period (today, yesterday, 7 days, this month or picked dates)
//! over all or some outlets, compared with the period before or last year; the sales
//! figures, charts and lists from `GET /api/v1/dashboard`, and the tiles the tenant's
//! packages add. Charts are SVG written by this page (no chart service), each with a
//! table of its figures for screen readers; every figure opens the sales report with the
//! same filter.
use domain::api::dashboard::{DashboardView, Kpis, Label, Tile, TileKind};
use domain::api::pos::Bucket;
use leptos::prelude::*;

use crate::kernel::i18n::{lookup_in, pick, tr, use_lang, Lang};
use crate::kernel::model::Outlet;
use crate::kernel::pages::{day_text, fetched, rupiah};
use crate::kernel::session::{use_session, Protected};

#[component]
pub fn Dashboard() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <DashboardBody/>
        </Protected>
    }
}

/// The periods offered by a tap.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Preset {
    Today,
    Yesterday,
    Week,
    Month,
    Custom,
}

const PRESETS: [(Preset, &str); 5] = [
    (Preset::Today, "dash_today"),
    (Preset::Yesterday, "dash_yesterday"),
    (Preset::Week, "dash_7_days"),
    (Preset::Month, "dash_this_month"),
    (Preset::Custom, "dash_custom"),
];

/// Today in WIB, as the browser's clock says (the server decides the outlets' own day
/// when no date is sent).
fn today() -> chrono::NaiveDate {
    crate::kernel::pages::today_wib()
}

fn preset_days(p: Preset) -> (chrono::NaiveDate, chrono::NaiveDate) {
    use chrono::Datelike;
    let t = today();
    match p {
        Preset::Today | Preset::Custom => (t, t),
        Preset::Yesterday => {
            let y = t.pred_opt().unwrap_or(t);
            (y, y)
        }
        Preset::Week => (t - chrono::Duration::days(6), t),
        Preset::Month => (t.with_day(1).unwrap_or(t), t),
    }
}

/// `&`, `<`, `>` and quotes escaped for HTML written by hand.
pub(super) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A count written the Indonesian way (`1.234`).
pub(super) fn count_text(n: u64) -> String {
    domain::money::format_idr(rust_decimal::Decimal::from(n)).replace("Rp", "")
}

/// A decimal (`"12.5"`) written with a decimal comma (`12,50`).
fn decimal_text(v: &str, dp: u32) -> String {
    let Ok(mut d) = v.parse::<rust_decimal::Decimal>() else {
        return v.to_string();
    };
    d = d.round_dp(dp);
    d.rescale(dp);
    d.to_string().replace('.', ",")
}

pub(super) fn dec(v: &str) -> rust_decimal::Decimal {
    v.parse().unwrap_or_default()
}

/// The change from `then` to `now`, as `▲ 12,5%` / `▼ 3,0%`, or nothing to compare.
fn change(lang: Lang, now: &str, then: &str) -> (String, &'static str) {
    let (now, then) = (dec(now), dec(then));
    if then.is_zero() {
        return (tr(lang, "dash_no_compare").to_string(), "flat");
    }
    let pct = ((now - then) * rust_decimal::Decimal::ONE_HUNDRED / then.abs()).round_dp(1);
    let mut shown = pct.abs();
    shown.rescale(1);
    let text = shown.to_string().replace('.', ",");
    if pct.is_sign_negative() && !pct.is_zero() {
        (format!("▼ {text}%"), "down")
    } else if pct.is_zero() {
        (format!("= {text}%"), "flat")
    } else {
        (format!("▲ {text}%"), "up")
    }
}

pub(super) fn tile_value(kind: TileKind, value: &str) -> String {
    match kind {
        TileKind::Money => rupiah(value),
        TileKind::Count => value.parse::<u64>().map(count_text).unwrap_or_default(),
        TileKind::Percent => format!("{}%", decimal_text(value, 2)),
    }
}

/// A key's words from the registry or an opened page (tile keys come from the server).
/// A label the server sent in both languages.
pub(super) fn label(lang: Lang, l: &Label) -> &str {
    if lang == Lang::Id {
        &l.id
    } else {
        &l.en
    }
}

fn word(lang: Lang, key: &str) -> String {
    lookup_in(crate::packages::all(), key)
        .map(|w| pick(lang, w).to_string())
        .unwrap_or_else(|| key.to_string())
}

/// The page's own style, written with its HTML so it travels in the page's chunk rather
/// than in the style sheet every page (the till first) downloads.
const STYLE: &str = r#"<style>.dash-filters{display:flex;flex-wrap:wrap;gap:0.6rem 1rem;align-items:end}.dash-filters .chips{display:flex;flex-wrap:wrap;gap:0.4rem}.dash-filters .chip{min-height:44px;cursor:pointer}.dash-filters .chip[aria-pressed="true"]{background:var(--green);border-color:var(--green);color:#fff;font-weight:600}.dash-outlets summary{min-height:44px;display:flex;align-items:center;cursor:pointer;padding:0 0.6rem;border:1px solid var(--line);border-radius:8px;background:#fff}.dash-outlets .check{display:flex;align-items:center;gap:0.5rem;min-height:44px}.kpis,.dash-tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,190px),1fr));gap:0.75rem;margin-bottom:1rem}a.kpi{display:flex;flex-direction:column;gap:0.2rem;margin:0;text-decoration:none;color:var(--ink);min-height:44px}a.kpi:hover,a.kpi:focus-visible{border-color:var(--green)}.kpi-label{color:var(--muted);font-size:0.9rem}.kpi-value{font-size:1.35rem;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}.delta{font-size:0.9rem;font-weight:600}.delta.up{color:var(--ok)}.delta.down{color:var(--red)}.delta.flat{color:var(--muted);font-weight:400}.small{font-size:0.8rem}.tile-detail{color:var(--muted);font-size:0.85rem}.dash-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,420px),1fr));gap:1rem}.dash-grid>*{margin:0;min-width:0}.dash-chart figcaption h2{margin-top:0}.line-chart{width:100%;height:200px;display:block}.line-chart polyline{fill:none;stroke-width:2.5;vector-effect:non-scaling-stroke}.line-chart polyline.now{stroke:var(--green)}.line-chart polyline.then{stroke:#9aa9a3;stroke-dasharray:6 4}.line-chart circle{fill:var(--green)}.legend{font-size:0.85rem;color:var(--muted)}.legend .key{display:inline-block;width:1.2rem;height:0;border-top:3px solid var(--green);vertical-align:middle;margin:0 0.3rem 0 0.5rem}.legend .key.then{border-top:3px dashed #9aa9a3}.heatmap{width:100%;height:auto;display:block}.heatmap rect{fill:var(--green)}.heatmap .axis{font-size:10px;fill:var(--muted)}ul.bars{list-style:none;margin:0;padding:0;display:grid;gap:0.35rem}ul.bars a{display:grid;grid-template-columns:minmax(0,9rem) 1fr auto;gap:0.5rem;align-items:center;min-height:44px;color:var(--ink);text-decoration:none}ul.bars .bar-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}ul.bars svg{width:100%;height:14px;background:#eef2ef;border-radius:4px}ul.bars rect{fill:var(--green)}ul.bars .bar-value{font-variant-numeric:tabular-nums;white-space:nowrap}.dash-chart details summary{cursor:pointer;min-height:44px;display:flex;align-items:center;color:var(--green)}.dash-summary pre{white-space:pre-wrap;font-family:inherit;background:var(--bg);padding:0.75rem;border-radius:8px}@media (max-width:420px){ul.bars a{grid-template-columns:minmax(0,6rem) 1fr auto}}@media print{.topbar,nav,.dash-filters,.dash-grid,.kpis,.dash-tiles,.dash-summary .actions,h1 + p{display:none !important}}</style>"#;

/// What the reader picked: the period, the comparison, the outlets.
#[derive(Clone, PartialEq)]
struct Filter {
    preset: Preset,
    from: String,
    to: String,
    compare: String,
    picked: Vec<String>,
    outlets_open: bool,
}

impl Filter {
    fn query(&self) -> String {
        format!(
            "from={}&to={}&compare={}&outlet_id={}",
            self.from,
            self.to,
            self.compare,
            self.picked.join(",")
        )
    }
}

/// The whole page is one element whose HTML this page writes, and whose clicks and
/// changes are read from the element that was hit (`data-preset`, `data-action`,
/// `data-outlet`): no view code of its own, so the till's first load does not grow with
/// the dashboard (a view here brings the hydration code it shares with other pages into
/// the first load).
#[component]
fn DashboardBody() -> impl IntoView {
    let ctx = use_session();
    let lang = use_lang();
    let (start, end) = preset_days(Preset::Today);
    let filter = RwSignal::new(Filter {
        preset: Preset::Today,
        from: start.to_string(),
        to: end.to_string(),
        compare: "previous".into(),
        picked: Vec::new(),
        outlets_open: false,
    });
    let outlets = fetched::<Vec<Outlet>>(|| "/api/v1/outlets".into(), RwSignal::new(0));
    let data = fetched::<DashboardView>(
        move || format!("/api/v1/dashboard?{}", filter.with(Filter::query)),
        RwSignal::new(0),
    );
    let yesterday = today().pred_opt().unwrap_or_else(today).to_string();
    let summary = fetched::<DashboardView>(
        move || format!("/api/v1/dashboard?from={yesterday}&to={yesterday}"),
        RwSignal::new(0),
    );
    let html = move || {
        let lang = lang.get();
        let session = ctx.session.get();
        let name = session
            .as_ref()
            .map(|s| s.user.name.clone())
            .unwrap_or_default();
        let tenant = session.and_then(|s| s.user.tenant_name).unwrap_or_default();
        let f = filter.get();
        let mut out = format!(
            r#"{STYLE}<h1 data-testid="page-title">{}</h1><p>{}, <strong>{}</strong> — {}</p>"#,
            esc(tr(lang, "dashboard")),
            esc(tr(lang, "welcome")),
            esc(&name),
            esc(&tenant)
        );
        // Sales happen at stores: a warehouse has none to pick.
        let mut list = outlets.get().and_then(Result::ok).unwrap_or_default();
        list.retain(|o| o.kind.has_till());
        out.push_str(&filters_html(lang, &f, &list));
        out.push_str(&match data.get() {
            None => format!(
                r#"<p class="muted" role="status">{}</p>"#,
                esc(tr(lang, "loading"))
            ),
            Some(Err(e)) => format!(r#"<p class="error" role="alert">{}</p>"#, esc(&e.message)),
            Some(Ok(d)) => format!(
                r#"<div class="dash" data-testid="dashboard">{}</div>"#,
                body_html(lang, &d)
            ),
        });
        if let Some(Ok(d)) = summary.get() {
            out.push_str(&summary_html(lang, &tenant, &d));
        }
        out
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((attr, value)) = hit(&ev) else {
            return;
        };
        match (attr.as_str(), value.as_str()) {
            ("data-preset", p) => {
                let Some((preset, _)) = PRESETS.into_iter().find(|(_, key)| *key == p) else {
                    return;
                };
                filter.update(|f| {
                    f.preset = preset;
                    if preset != Preset::Custom {
                        let (a, b) = preset_days(preset);
                        f.from = a.to_string();
                        f.to = b.to_string();
                    }
                });
            }
            ("data-action", "outlets") => {
                // The page keeps the list open or shut across its redraws.
                ev.prevent_default();
                filter.update(|f| f.outlets_open = !f.outlets_open);
            }
            ("data-action", "print") => print(),
            _ => {}
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some((attr, value)) = hit(&ev) else {
            return;
        };
        let field = target_value(&ev);
        match (attr.as_str(), value.as_str()) {
            ("data-outlet", id) => filter.update(|f| {
                if let Some(i) = f.picked.iter().position(|x| x == id) {
                    f.picked.remove(i);
                } else {
                    f.picked.push(id.to_string());
                }
            }),
            ("data-action", "compare") => filter.update(|f| f.compare = field),
            ("data-action", "from") if !field.is_empty() => filter.update(|f| f.from = field),
            ("data-action", "to") if !field.is_empty() => filter.update(|f| f.to = field),
            _ => {}
        }
    };
    view! { <div class="dash-page" on:click=on_click on:change=on_change inner_html=html></div> }
}

/// The marked element an event hit: its marking attribute and value.
fn hit(ev: &leptos::ev::Event) -> Option<(String, String)> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
        let marked = el
            .closest("[data-preset],[data-action],[data-outlet]")
            .ok()??;
        ["data-preset", "data-action", "data-outlet"]
            .into_iter()
            .find_map(|a| marked.get_attribute(a).map(|v| (a.to_string(), v)))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

/// The value of the input or select an event came from.
fn target_value(ev: &leptos::ev::Event) -> String {
    #[cfg(feature = "hydrate")]
    {
        ev.target()
            .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        String::new()
    }
}

fn filters_html(lang: Lang, f: &Filter, outlets: &[Outlet]) -> String {
    let mut out = format!(
        r#"<div class="dash-filters card" data-testid="dash-filters"><div class="chips" role="group" aria-label="{}">"#,
        esc(tr(lang, "dash_period"))
    );
    for (p, key) in PRESETS {
        out.push_str(&format!(
            r#"<button type="button" class="chip" data-preset="{key}" data-testid="period-{key}" aria-pressed="{}">{}</button>"#,
            p == f.preset,
            esc(tr(lang, key_static_preset(key)))
        ));
    }
    out.push_str("</div>");
    if f.preset == Preset::Custom {
        out.push_str(&format!(
            r#"<label>{}<input type="date" data-action="from" data-testid="dash-from" value="{}"></label><label>{}<input type="date" data-action="to" data-testid="dash-to" value="{}"></label>"#,
            esc(tr(lang, "from_date")),
            esc(&f.from),
            esc(tr(lang, "to_date")),
            esc(&f.to)
        ));
    }
    let option = |value: &str, key: &'static str| {
        format!(
            r#"<option value="{value}"{}>{}</option>"#,
            if f.compare == value { " selected" } else { "" },
            esc(tr(lang, key))
        )
    };
    out.push_str(&format!(
        r#"<label>{}<select data-action="compare" data-testid="dash-compare">{}{}</select></label>"#,
        esc(tr(lang, "dash_compare")),
        option("previous", "dash_compare_previous"),
        option("last_year", "dash_compare_last_year")
    ));
    let title = if f.picked.is_empty() {
        tr(lang, "all_outlets").to_string()
    } else {
        format!("{} ({})", tr(lang, "dash_outlets_picked"), f.picked.len())
    };
    out.push_str(&format!(
        r#"<details class="dash-outlets" data-testid="dash-outlets"{}><summary data-action="outlets">{}</summary>"#,
        if f.outlets_open { " open" } else { "" },
        esc(&title)
    ));
    for o in outlets {
        out.push_str(&format!(
            r#"<label class="check"><input type="checkbox" data-outlet="{}"{}>{}</label>"#,
            esc(&o.id),
            if f.picked.contains(&o.id) {
                " checked"
            } else {
                ""
            },
            esc(&o.name)
        ));
    }
    out.push_str("</details></div>");
    out
}

/// The preset keys as `'static` for `tr`.
fn key_static_preset(key: &str) -> &'static str {
    PRESETS
        .into_iter()
        .map(|(_, k)| k)
        .find(|k| *k == key)
        .unwrap_or("dashboard")
}

/// The link to the sales report with the dashboard's filter (one outlet, or all).
fn report_link(d: &DashboardView, outlet: Option<&str>) -> String {
    let outlet = outlet
        .map(str::to_string)
        .or_else(|| (d.outlet_ids.len() == 1).then(|| d.outlet_ids[0].clone()))
        .unwrap_or_default();
    format!(
        "/laporan?from={}&to={}&outlet_id={}",
        d.from,
        d.to,
        esc(&outlet)
    )
}

/// The figures and charts, as HTML (one string: no view code of its own in the bundle).
fn body_html(lang: Lang, d: &DashboardView) -> String {
    let w = |key: &'static str| esc(tr(lang, key));
    let mut out = String::new();
    out.push_str(&format!(
        r#"<p class="muted" data-testid="dash-period">{} – {} · {} {} – {}</p>"#,
        day_text(lang, &d.from, 7),
        day_text(lang, &d.to, 7),
        w("dash_vs"),
        day_text(lang, &d.compare_from, 7),
        day_text(lang, &d.compare_to, 7),
    ));
    if let (Some(k), Some(c), Some(s)) = (&d.kpis, &d.compare, &d.series) {
        out.push_str(&kpi_cards(lang, d, k, c));
        if k.transactions == 0 {
            out.push_str(&format!(
                r#"<p class="muted" data-testid="dash-empty">{}</p>"#,
                w("dash_no_sales")
            ));
        }
        out.push_str(r#"<div class="dash-grid">"#);
        out.push_str(&line_chart(lang, &s.by_day));
        out.push_str(&heatmap(lang, &s.by_hour));
        out.push_str(&bars(lang, d, "dash_by_outlet", &s.by_outlet, true));
        out.push_str(&bars(lang, d, "dash_by_category", &s.by_category, false));
        out.push_str(&bars(lang, d, "dash_by_tender", &s.by_tender, false));
        out.push_str(&ranked(lang, d, "dash_top", &s.top_products));
        out.push_str(&ranked(lang, d, "dash_bottom", &s.bottom_products));
        out.push_str(&dead_stock(lang, &s.dead_stock));
        out.push_str("</div>");
    }
    if !d.tiles.is_empty() {
        out.push_str(&format!(
            r#"<h2>{}</h2><div class="dash-tiles" data-testid="dash-tiles">"#,
            w("dash_other_figures")
        ));
        for tile in &d.tiles {
            out.push_str(&tile_html(lang, tile));
        }
        out.push_str("</div>");
    }
    out
}

fn kpi_cards(lang: Lang, d: &DashboardView, k: &Kpis, c: &Kpis) -> String {
    let link = report_link(d, None);
    let cards: Vec<(&str, String, String, String)> = vec![
        (
            "dash_omzet_gross",
            rupiah(&k.omzet_gross),
            k.omzet_gross.clone(),
            c.omzet_gross.clone(),
        ),
        (
            "dash_omzet_net",
            rupiah(&k.omzet_net),
            k.omzet_net.clone(),
            c.omzet_net.clone(),
        ),
        (
            "dash_transactions",
            count_text(k.transactions),
            k.transactions.to_string(),
            c.transactions.to_string(),
        ),
        (
            "dash_average_basket",
            rupiah(&k.average_basket),
            k.average_basket.clone(),
            c.average_basket.clone(),
        ),
        (
            "dash_items_per_basket",
            decimal_text(&k.items_per_basket, 2),
            k.items_per_basket.clone(),
            c.items_per_basket.clone(),
        ),
        (
            "dash_gross_margin",
            k.gross_margin
                .as_deref()
                .map(rupiah)
                .unwrap_or_else(|| tr(lang, "dash_margin_unknown").to_string()),
            k.gross_margin.clone().unwrap_or_default(),
            c.gross_margin.clone().unwrap_or_default(),
        ),
        (
            "dash_discounts",
            rupiah(&k.discounts),
            k.discounts.clone(),
            c.discounts.clone(),
        ),
        (
            "dash_refunds",
            rupiah(&k.refunds),
            k.refunds.clone(),
            c.refunds.clone(),
        ),
        ("dash_tax", rupiah(&k.tax), k.tax.clone(), c.tax.clone()),
    ];
    let mut out = String::from(r#"<div class="kpis" data-testid="kpis">"#);
    for (key, shown, now, then) in cards {
        let (delta, class) = change(lang, &now, &then);
        let note = if key == "dash_gross_margin" && k.gross_margin.is_some() {
            format!(
                r#"<span class="muted small">{}% {}</span>"#,
                decimal_text(&k.margin_coverage_percent, 0),
                esc(tr(lang, "dash_margin_coverage"))
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            r#"<a class="kpi card" href="{link}" data-testid="kpi-{key}"><span class="kpi-label">{label}</span><strong class="kpi-value">{value}</strong><span class="delta {class}">{delta}</span>{note}</a>"#,
            label = esc(tr(lang, key_static(key))),
            value = esc(&shown),
            delta = esc(&delta),
        ));
    }
    out.push_str("</div>");
    out
}

/// The KPI keys as `'static` (they are literals above; `tr` wants `'static`).
fn key_static(key: &str) -> &'static str {
    [
        "dash_omzet_gross",
        "dash_omzet_net",
        "dash_transactions",
        "dash_average_basket",
        "dash_items_per_basket",
        "dash_gross_margin",
        "dash_discounts",
        "dash_refunds",
        "dash_tax",
    ]
    .into_iter()
    .find(|k| *k == key)
    .unwrap_or("dashboard")
}

/// A figure with its screen-reader table: `<figure>` with the chart and a folded table.
fn figure(
    title: &str,
    chart: &str,
    table_head: &str,
    rows: &str,
    testid: &str,
    lang: Lang,
) -> String {
    format!(
        r#"<figure class="card dash-chart" data-testid="{testid}"><figcaption><h2>{title}</h2></figcaption>{chart}<details><summary>{as_table}</summary><div class="table-wrap" tabindex="0"><table><thead><tr>{table_head}</tr></thead><tbody>{rows}</tbody></table></div></details></figure>"#,
        title = esc(title),
        as_table = esc(tr(lang, "dash_as_table")),
    )
}

fn line_chart(lang: Lang, days: &[domain::api::dashboard::DayPoint]) -> String {
    // Whole-number plot coordinates, from exact ratios (no floating point in the page:
    // its code would ride into the first load every page shares).
    let (w, h, pad): (i64, i64, i64) = (640, 200, 8);
    let max = days
        .iter()
        .flat_map(|p| [dec(&p.omzet), dec(&p.compare_omzet)])
        .max()
        .unwrap_or_default();
    let scale = |v: &str| -> i64 {
        if max.is_zero() {
            return h - pad;
        }
        h - pad - share_of(dec(v), max, h - 2 * pad)
    };
    let x = |i: usize| -> i64 {
        let n = days.len() as i64;
        if n <= 1 {
            w / 2
        } else {
            pad + i as i64 * (w - 2 * pad) / (n - 1)
        }
    };
    let path = |get: &dyn Fn(&domain::api::dashboard::DayPoint) -> &str| -> String {
        days.iter()
            .enumerate()
            .map(|(i, p)| format!("{},{}", x(i), scale(get(p))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let now = path(&|p| p.omzet.as_str());
    let then = path(&|p| p.compare_omzet.as_str());
    let dots: String = days
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                r#"<circle cx="{}" cy="{}" r="3"><title>{}: {}</title></circle>"#,
                x(i),
                scale(&p.omzet),
                esc(&day_text(lang, &p.date, 7)),
                esc(&rupiah(&p.omzet))
            )
        })
        .collect();
    let chart = format!(
        r#"<svg class="line-chart" viewBox="0 0 {w} {h}" role="img" aria-label="{label}" preserveAspectRatio="none"><polyline class="then" points="{then}"/><polyline class="now" points="{now}"/>{dots}</svg><p class="legend"><span class="key now"></span>{legend_now} <span class="key then"></span>{legend_then} · max {max}</p>"#,
        label = esc(tr(lang, "dash_by_day")),
        legend_now = esc(tr(lang, "dash_by_day_legend_now")),
        legend_then = esc(tr(lang, "dash_by_day_legend_then")),
        max = esc(&rupiah(&max.to_string())),
    );
    let head = format!(
        r#"<th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th>"#,
        esc(tr(lang, "dash_day")),
        esc(tr(lang, "dash_by_day_legend_now")),
        esc(tr(lang, "dash_transactions")),
        esc(tr(lang, "dash_by_day_legend_then"))
    );
    let rows: String = days
        .iter()
        .map(|p| {
            format!(
                r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                esc(&day_text(lang, &p.date, 7)),
                esc(&rupiah(&p.omzet)),
                count_text(p.transactions),
                esc(&rupiah(&p.compare_omzet))
            )
        })
        .collect();
    figure(
        tr(lang, "dash_by_day"),
        &chart,
        &head,
        &rows,
        "chart-by-day",
        lang,
    )
}

/// `part ÷ whole × span`, to the nearest whole number (`whole` not zero).
pub(super) fn share_of(
    part: rust_decimal::Decimal,
    whole: rust_decimal::Decimal,
    span: i64,
) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    (part * rust_decimal::Decimal::from(span) / whole)
        .round()
        .to_i64()
        .unwrap_or(0)
}

fn weekday_key(d: u8) -> &'static str {
    match d {
        1 => "dash_weekday_1",
        2 => "dash_weekday_2",
        3 => "dash_weekday_3",
        4 => "dash_weekday_4",
        5 => "dash_weekday_5",
        6 => "dash_weekday_6",
        _ => "dash_weekday_7",
    }
}

fn heatmap(lang: Lang, cells: &[domain::api::dashboard::HeatCell]) -> String {
    let max = cells
        .iter()
        .map(|c| dec(&c.omzet))
        .max()
        .unwrap_or_default();
    let (cw, ch, left, top): (i64, i64, i64, i64) = (24, 20, 34, 16);
    let mut svg = format!(
        r#"<svg class="heatmap" viewBox="0 0 {} {}" role="img" aria-label="{}">"#,
        left + 24 * cw,
        top + 7 * ch,
        esc(tr(lang, "dash_by_hour"))
    );
    for hour in (0..24i64).step_by(3) {
        svg.push_str(&format!(
            r#"<text x="{}" y="11" class="axis">{hour:02}</text>"#,
            left + hour * cw + 2
        ));
    }
    for day in 1..=7u8 {
        let y = top + i64::from(day - 1) * ch;
        svg.push_str(&format!(
            r#"<text x="0" y="{}" class="axis">{}</text>"#,
            y + 14,
            esc(tr(lang, weekday_key(day)))
        ));
        for hour in 0..24u8 {
            let cell = cells.iter().find(|c| c.weekday == day && c.hour == hour);
            // Opacity in hundredths: 6 for an empty hour, up to 100 for the busiest.
            let shade = match cell {
                Some(c) if !max.is_zero() => 6 + share_of(dec(&c.omzet), max, 94),
                _ => 6,
            };
            let title = cell
                .map(|c| {
                    format!(
                        "{} {hour:02}:00 — {} · {}",
                        tr(lang, weekday_key(day)),
                        rupiah(&c.omzet),
                        count_text(c.transactions)
                    )
                })
                .unwrap_or_default();
            svg.push_str(&format!(
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill-opacity="{}.{:02}"><title>{}</title></rect>"#,
                left + i64::from(hour) * cw,
                y,
                cw - 2,
                ch - 2,
                shade / 100,
                shade % 100,
                esc(&title)
            ));
        }
    }
    svg.push_str("</svg>");
    let head = format!(
        r#"<th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th>"#,
        esc(tr(lang, "dash_day")),
        esc(tr(lang, "dash_hour")),
        esc(tr(lang, "dash_omzet_gross")),
        esc(tr(lang, "dash_transactions"))
    );
    let rows: String = cells
        .iter()
        .map(|c| {
            format!(
                r#"<tr><td>{}</td><td>{:02}:00</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                esc(tr(lang, weekday_key(c.weekday))),
                c.hour,
                esc(&rupiah(&c.omzet)),
                count_text(c.transactions)
            )
        })
        .collect();
    figure(
        tr(lang, "dash_by_hour"),
        &svg,
        &head,
        &rows,
        "chart-by-hour",
        lang,
    )
}

/// A tender's code (`e_wallet`) as the till's words name it.
fn tender_label(lang: Lang, code: &str) -> String {
    let key = match code {
        "cash" => "tender_cash",
        "qris" => "tender_qris",
        "e_wallet" => "tender_ewallet",
        "debit_card" => "tender_debit",
        "credit_card" => "tender_credit",
        "transfer" => "tender_transfer",
        "member_savings" => "tender_savings",
        other => return other.to_string(),
    };
    word(lang, key)
}

/// Horizontal bars (SVG), each a link to the report (per outlet: that outlet's).
fn bars(
    lang: Lang,
    d: &DashboardView,
    title: &'static str,
    rows: &[Bucket],
    per_outlet: bool,
) -> String {
    let max = rows
        .iter()
        .map(|b| dec(&b.amount))
        .max()
        .unwrap_or_default();
    let mut chart = String::from(r#"<ul class="bars">"#);
    for b in rows {
        // Bar length in thousandths of the row, at least a sliver.
        let length = if max.is_zero() {
            0
        } else {
            share_of(dec(&b.amount), max, 1000)
        }
        .max(5);
        let label = if title == "dash_by_tender" {
            tender_label(lang, &b.label)
        } else {
            b.label.clone()
        };
        let link = report_link(d, per_outlet.then_some(b.key.as_str()));
        chart.push_str(&format!(
            r#"<li><a href="{link}"><span class="bar-label">{}</span><svg viewBox="0 0 1000 8" preserveAspectRatio="none" aria-hidden="true"><rect width="{}" height="8"/></svg><span class="bar-value">{}</span></a></li>"#,
            esc(&label),
            length,
            esc(&rupiah(&b.amount))
        ));
    }
    chart.push_str("</ul>");
    let head = format!(
        r#"<th>{}</th><th class="num">{}</th><th class="num">{}</th>"#,
        esc(tr(lang, "name")),
        esc(tr(lang, "report_count")),
        esc(tr(lang, "dash_omzet_gross"))
    );
    let rows: String = rows
        .iter()
        .map(|b| {
            let label = if title == "dash_by_tender" {
                tender_label(lang, &b.label)
            } else {
                b.label.clone()
            };
            format!(
                r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                esc(&label),
                count_text(b.count),
                esc(&rupiah(&b.amount))
            )
        })
        .collect();
    figure(
        tr(lang, title),
        &chart,
        &head,
        &rows,
        &title.replace('_', "-"),
        lang,
    )
}

fn ranked(lang: Lang, d: &DashboardView, title: &'static str, rows: &[Bucket]) -> String {
    let link = report_link(d, None);
    let body: String = rows
        .iter()
        .map(|b| {
            format!(
                r#"<tr><td><a href="{link}">{}</a></td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                esc(&b.label),
                esc(&decimal_text(&b.quantity, 0)),
                esc(&rupiah(&b.amount))
            )
        })
        .collect();
    format!(
        r#"<section class="card" data-testid="{}"><h2>{}</h2><div class="table-wrap" tabindex="0"><table><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>{body}</tbody></table></div></section>"#,
        title.replace('_', "-"),
        esc(tr(lang, title)),
        esc(tr(lang, "name")),
        esc(tr(lang, "qty")),
        esc(tr(lang, "dash_omzet_gross"))
    )
}

fn dead_stock(lang: Lang, rows: &[domain::api::dashboard::DeadStock]) -> String {
    let body: String = if rows.is_empty() {
        format!(
            r#"<tr><td colspan="3" class="muted">{}</td></tr>"#,
            esc(tr(lang, "dash_dead_none"))
        )
    } else {
        rows.iter()
            .map(|r| {
                format!(
                    r#"<tr><td><a href="/stok">{}</a></td><td class="num">{} {}</td><td class="num">{}</td></tr>"#,
                    esc(&r.name),
                    esc(&decimal_text(&r.quantity, 0)),
                    esc(&r.unit),
                    esc(&rupiah(&r.value))
                )
            })
            .collect()
    };
    format!(
        r#"<section class="card" data-testid="dash-dead-stock"><h2>{}</h2><div class="table-wrap" tabindex="0"><table><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>{body}</tbody></table></div></section>"#,
        esc(tr(lang, "dash_dead_stock")),
        esc(tr(lang, "name")),
        esc(tr(lang, "qty")),
        esc(tr(lang, "dash_stock_value"))
    )
}

fn tile_html(lang: Lang, tile: &Tile) -> String {
    let details: String = tile
        .detail
        .iter()
        .map(|x| {
            format!(
                r#"<span class="tile-detail">{}: {}</span>"#,
                esc(label(lang, &x.label)),
                esc(&tile_value(x.kind, &x.value))
            )
        })
        .collect();
    format!(
        r#"<a class="kpi card" href="{}" data-testid="tile-{}"><span class="kpi-label">{}</span><strong class="kpi-value">{}</strong>{details}</a>"#,
        esc(tile.link.as_deref().unwrap_or("#")),
        esc(&tile.key),
        esc(label(lang, &tile.label)),
        esc(&tile_value(tile.kind, &tile.value))
    )
}

/// Yesterday per outlet as text to send (WhatsApp, by a link: no API needed) or print.
fn summary_text(lang: Lang, tenant: &str, d: &DashboardView) -> String {
    let mut out = format!(
        "{} {tenant}, {}\n",
        tr(lang, "dash_summary_intro"),
        day_text(lang, &d.from, 7)
    );
    if let (Some(k), Some(s)) = (&d.kpis, &d.series) {
        for o in &s.by_outlet {
            out.push_str(&format!(
                "• {}: {} ({} {})\n",
                o.label,
                rupiah(&o.amount),
                count_text(o.count),
                tr(lang, "dash_transactions").to_lowercase()
            ));
        }
        out.push_str(&format!(
            "{}: {} · {}: {} · {}: {}\n",
            tr(lang, "dash_omzet_gross"),
            rupiah(&k.omzet_gross),
            tr(lang, "dash_transactions"),
            count_text(k.transactions),
            tr(lang, "dash_refunds"),
            rupiah(&k.refunds)
        ));
    }
    for tile in &d.tiles {
        out.push_str(&format!(
            "{}: {}\n",
            label(lang, &tile.label),
            tile_value(tile.kind, &tile.value)
        ));
    }
    out
}

fn summary_html(lang: Lang, tenant: &str, d: &DashboardView) -> String {
    let text = summary_text(lang, tenant, d);
    format!(
        r#"<section class="card dash-summary" data-testid="dash-summary"><h2>{}</h2><pre data-testid="dash-summary-text">{}</pre><div class="actions"><a class="button" data-testid="dash-share" rel="external noopener" target="_blank" href="https://wa.me/?text={}">{}</a><button type="button" data-action="print">{}</button></div></section>"#,
        esc(tr(lang, "dash_summary")),
        esc(&text),
        urlencode(&text),
        esc(tr(lang, "dash_share_wa")),
        esc(tr(lang, "dash_print"))
    )
}

/// Percent-encoding for a URL's query value.
fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn print() {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_with_a_decimal_comma() {
        crate::kernel::i18n::use_page_words(crate::platform::i18n::dashboard_words);
        assert_eq!(change(Lang::Id, "110", "100").0, "▲ 10,0%");
        assert_eq!(change(Lang::Id, "75", "100").0, "▼ 25,0%");
        assert_eq!(change(Lang::Id, "100", "100").0, "= 0,0%");
        assert_eq!(change(Lang::Id, "5", "0").0, "tanpa pembanding");
        assert_eq!(decimal_text("3.5", 2), "3,50");
        assert_eq!(count_text(1234567), "1.234.567");
        assert_eq!(urlencode("Rp1.000 & •"), "Rp1.000%20%26%20%E2%80%A2");
        assert_eq!(
            esc("<b>\"A&B\"</b>"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
        );
    }
}
