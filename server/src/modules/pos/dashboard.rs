//! The POS module's part of the owner's dashboard: the period's sales figures against the
//! comparison period, and the charts' series — each one a `SUM … GROUP BY` in the
//! database (`repo::reports`), folded here into days, weekdays and hours of the outlets'
//! zone.
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use futures::future::BoxFuture;
use rust_decimal::{Decimal, RoundingStrategy};

use domain::api::dashboard::{DayPoint, DeadStock, HeatCell, Kpis, Series};
use domain::api::pos::Bucket;

use crate::kernel::error::ApiError;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::package::{DashboardPart, DashboardQuery, Period};
use crate::kernel::state::AppState;
use crate::modules::pos::repo::reports::{self, Group, Scope};

/// Products listed as best and weakest sellers.
const RANKED: usize = 10;
/// A product unsold this many days before the period's end, with stock, is dead stock.
const DEAD_AFTER_DAYS: i64 = 30;
/// Dead stock listed at most (the most valuable first).
const DEAD_LISTED: usize = 20;

pub fn part<'a>(
    state: &'a AppState,
    q: &'a DashboardQuery<'a>,
) -> BoxFuture<'a, Result<DashboardPart, ApiError>> {
    Box::pin(async move {
        let current = scope(q, q.period);
        let compare = scope(q, q.compare);
        let kpis = kpis_of(state, &current).await?;
        let compare_kpis = kpis_of(state, &compare).await?;
        let series = series(state, q, &current, &compare).await?;
        Ok(DashboardPart {
            kpis: Some(kpis),
            compare: Some(compare_kpis),
            series: Some(series),
            tiles: Vec::new(),
        })
    })
}

fn scope<'a>(q: &'a DashboardQuery<'a>, p: &'a Period) -> Scope<'a> {
    Scope {
        tenant_id: q.tenant_id,
        outlets: q.outlets,
        from: &p.from,
        to: &p.to,
    }
}

fn money(sen: i64) -> String {
    Sen(sen).text()
}

fn dec(sen: i64) -> Decimal {
    Sen(sen).dec()
}

/// The headline figures of one period.
async fn kpis_of(state: &AppState, s: &Scope<'_>) -> Result<Kpis, ApiError> {
    let db = &state.db;
    let t = reports::sale_totals(db, s).await?;
    let (_, refunds_sen) = reports::refund_totals(db, s).await?;
    let lines = reports::line_totals(db, s).await?;
    let mut tax_sen = t.tax_sen;
    for (refund_sen, sale_tax, sale_total, n) in reports::refund_tax_shares(db, s).await? {
        let share =
            crate::modules::pos::api::reports::tax_share_sen(refund_sen, sale_tax, sale_total);
        tax_sen = tax_sen.saturating_sub(share.saturating_mul(n));
    }
    let count = Decimal::from(t.count.max(0));
    let per_sale = |v: Decimal, dp: u32| {
        if count.is_zero() {
            Decimal::ZERO
        } else {
            (v / count).round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
        }
    };
    // What the lines brought in before tax, service and rounding: the same whether the
    // outlet's prices include tax or tax is added on top.
    let ex_tax_all =
        dec(t.grand_total_sen) - dec(t.tax_sen) - dec(t.service_sen) - dec(t.rounding_sen);
    // Each rupiah of a line's net carries this much before tax (a refund alike).
    let ex_tax_per_net = if lines.net_sen == 0 {
        Decimal::ONE
    } else {
        ex_tax_all / dec(lines.net_sen)
    };
    let (refunded_costed_sen, refunded_cost_sen) = reports::refunded_costs(db, s).await?;
    let (gross_margin, coverage) = if lines.costed_net_sen == 0 && refunded_costed_sen == 0 {
        (None, Decimal::ZERO)
    } else {
        let kept = dec(lines.costed_net_sen) - dec(refunded_costed_sen);
        let cost = dec(lines.cost_sen) - dec(refunded_cost_sen);
        let margin = (kept * ex_tax_per_net - cost)
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        let share = if lines.net_sen == 0 {
            Decimal::ZERO
        } else {
            dec(lines.costed_net_sen) / dec(lines.net_sen)
        };
        (
            Some(margin.normalize().to_string()),
            share * Decimal::ONE_HUNDRED,
        )
    };
    let mut coverage = coverage.round_dp(2);
    coverage.rescale(2);
    Ok(Kpis {
        omzet_gross: money(t.grand_total_sen),
        omzet_net: money(t.grand_total_sen.saturating_sub(refunds_sen)),
        transactions: u64::try_from(t.count).unwrap_or(0),
        average_basket: per_sale(dec(t.grand_total_sen), 0).normalize().to_string(),
        items_per_basket: {
            let mut v = per_sale(Milli(lines.quantity_milli).dec(), 2);
            v.rescale(2);
            v.to_string()
        },
        gross_margin,
        margin_coverage_percent: coverage.to_string(),
        discounts: money(t.discount_sen),
        refunds: money(refunds_sen),
        tax: money(tax_sen),
    })
}

fn bucket(g: Group) -> Bucket {
    Bucket {
        key: g.key,
        label: g.label,
        count: u64::try_from(g.count).unwrap_or(0),
        quantity: Milli(g.quantity_milli).text(),
        amount: Sen(g.amount_sen).text(),
    }
}

/// Local (day, weekday 1–7, hour) of a stored `YYYY-MM-DDTHH` UTC hour.
fn local_hour(utc_hour: &str, offset_hours: i64) -> Option<(NaiveDate, u8, u8)> {
    let t = NaiveDateTime::parse_from_str(&format!("{utc_hour}:00"), "%Y-%m-%dT%H:%M").ok()?
        + Duration::hours(offset_hours);
    Some((
        t.date(),
        t.weekday().number_from_monday() as u8,
        t.hour() as u8,
    ))
}

/// Omzet and sales per local day.
fn per_day(hours: &[Group], offset_hours: i64) -> BTreeMap<NaiveDate, (i64, i64)> {
    let mut out: BTreeMap<NaiveDate, (i64, i64)> = BTreeMap::new();
    for g in hours {
        if let Some((day, _, _)) = local_hour(&g.key, offset_hours) {
            let e = out.entry(day).or_default();
            e.0 = e.0.saturating_add(g.amount_sen);
            e.1 = e.1.saturating_add(g.count);
        }
    }
    out
}

async fn series(
    state: &AppState,
    q: &DashboardQuery<'_>,
    current: &Scope<'_>,
    compare: &Scope<'_>,
) -> Result<Series, ApiError> {
    let db = &state.db;
    let hours = reports::by_utc_hour(db, current).await?;
    let compare_hours = reports::by_utc_hour(db, compare).await?;
    let days = per_day(&hours, q.offset_hours);
    let compare_days = per_day(&compare_hours, q.offset_hours);
    let length = (q.period.to_day - q.period.from_day).num_days() + 1;
    let by_day = (0..length)
        .map(|i| {
            let day = q.period.from_day + Duration::days(i);
            let other = q.compare.from_day + Duration::days(i);
            let (omzet, n) = days.get(&day).copied().unwrap_or_default();
            let (compare_omzet, _) = compare_days.get(&other).copied().unwrap_or_default();
            DayPoint {
                date: day.to_string(),
                omzet: money(omzet),
                transactions: u64::try_from(n).unwrap_or(0),
                compare_date: other.to_string(),
                compare_omzet: money(compare_omzet),
            }
        })
        .collect();
    let mut heat: BTreeMap<(u8, u8), (i64, i64)> = BTreeMap::new();
    for g in &hours {
        if let Some((_, weekday, hour)) = local_hour(&g.key, q.offset_hours) {
            let e = heat.entry((weekday, hour)).or_default();
            e.0 = e.0.saturating_add(g.amount_sen);
            e.1 = e.1.saturating_add(g.count);
        }
    }
    let by_hour = heat
        .into_iter()
        .map(|((weekday, hour), (omzet, n))| HeatCell {
            weekday,
            hour,
            transactions: u64::try_from(n).unwrap_or(0),
            omzet: money(omzet),
        })
        .collect();

    let names: HashMap<String, String> = crate::platform::repo::outlets::list(db, q.tenant_id)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut by_outlet: Vec<Group> = reports::by_outlet(db, current).await?;
    for g in &mut by_outlet {
        g.label = names.get(&g.key).cloned().unwrap_or_default();
    }
    by_outlet.sort_by_key(|g| std::cmp::Reverse(g.amount_sen));

    let categories: HashMap<String, String> =
        crate::modules::inventory::repo::catalogue::list_categories(db, q.tenant_id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
    let mut by_category = reports::by_category(db, current).await?;
    for g in &mut by_category {
        g.label = categories
            .get(&g.key)
            .cloned()
            .unwrap_or_else(|| "Tanpa kategori".to_string());
    }
    by_category.sort_by_key(|g| std::cmp::Reverse(g.amount_sen));

    let totals = reports::sale_totals(db, current).await?;
    let mut tenders: BTreeMap<String, Group> = reports::by_payment(db, current)
        .await?
        .into_iter()
        .map(|g| (g.key.clone(), g))
        .collect();
    if let Some(cash) = tenders.get_mut("cash") {
        cash.amount_sen = cash.amount_sen.saturating_sub(totals.change_sen);
    }
    for r in reports::refunds_by_payment(db, current).await? {
        let g = tenders.entry(r.key.clone()).or_insert_with(|| Group {
            key: r.key.clone(),
            label: r.label.clone(),
            ..Group::default()
        });
        g.amount_sen = g.amount_sen.saturating_sub(r.amount_sen);
    }
    let mut by_tender: Vec<Group> = tenders.into_values().collect();
    by_tender.sort_by_key(|g| std::cmp::Reverse(g.amount_sen));

    let mut products = reports::by_product(db, current).await?;
    products.sort_by(|a, b| b.amount_sen.cmp(&a.amount_sen).then(a.label.cmp(&b.label)));
    let top: Vec<Group> = products.iter().take(RANKED).cloned().collect();
    let bottom: Vec<Group> = products.iter().rev().take(RANKED).cloned().collect();

    Ok(Series {
        by_day,
        by_hour,
        by_outlet: by_outlet.into_iter().map(bucket).collect(),
        by_category: by_category.into_iter().map(bucket).collect(),
        by_tender: by_tender.into_iter().map(bucket).collect(),
        top_products: top.into_iter().map(bucket).collect(),
        bottom_products: bottom.into_iter().map(bucket).collect(),
        dead_stock: dead_stock(state, q).await?,
    })
}

/// Products with stock on hand in the outlets and no sale in the 30 days up to the
/// period's end, the most valuable (stock × cost) first.
async fn dead_stock(state: &AppState, q: &DashboardQuery<'_>) -> Result<Vec<DeadStock>, ApiError> {
    let db = &state.db;
    let stock =
        crate::modules::inventory::repo::stock::stock_on_hand(db, q.tenant_id, q.outlets).await?;
    let window_from = (q.period.to_day - Duration::days(DEAD_AFTER_DAYS - 1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        - Duration::hours(q.offset_hours);
    let window = Scope {
        tenant_id: q.tenant_id,
        outlets: q.outlets,
        from: &window_from.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        to: &q.period.to,
    };
    let sold = reports::products_sold(db, &window).await?;
    let idle: Vec<(String, i64)> = stock
        .into_iter()
        .filter(|(id, milli)| *milli > 0 && !sold.contains(id))
        .collect();
    let ids: Vec<String> = idle.iter().map(|(id, _)| id.clone()).collect();
    let mut products = HashMap::new();
    for chunk in ids.chunks(crate::kernel::repo::IN_CHUNK) {
        products.extend(
            crate::modules::inventory::repo::stock::products_by_id(db, q.tenant_id, chunk).await?,
        );
    }
    let mut out: Vec<(Decimal, DeadStock)> = idle
        .into_iter()
        .filter_map(|(id, milli)| {
            let p = products.get(&id).filter(|p| p.active)?;
            let quantity = Milli(milli).dec();
            let value = (quantity * p.cost_sen.dec())
                .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
            Some((
                value,
                DeadStock {
                    product_id: id,
                    name: match &p.variant {
                        Some(v) => format!("{} {v}", p.name),
                        None => p.name.clone(),
                    },
                    unit: p.unit.clone(),
                    quantity: quantity.normalize().to_string(),
                    value: value.normalize().to_string(),
                },
            ))
        })
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.name.cmp(&b.1.name)));
    Ok(out.into_iter().take(DEAD_LISTED).map(|(_, d)| d).collect())
}
