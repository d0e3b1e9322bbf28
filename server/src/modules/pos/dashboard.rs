//! The POS module's part of the owner's dashboard: the period's sales figures against the
//! comparison period, and the charts' series, read from the daily rollups
//! (`repo::rollups`, kept with every sale and refund): a month of a busy chain is a few
//! thousand rows, not a million lines.
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use futures::future::BoxFuture;
use rust_decimal::{Decimal, RoundingStrategy};

use domain::api::dashboard::{DayPoint, DeadStock, HeatCell, Kpis, PlatformDay, Series};
use domain::api::pos::Bucket;

use crate::kernel::error::ApiError;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::package::{DashboardPart, DashboardQuery, PlatformPart, PlatformQuery};
use crate::kernel::state::AppState;
use crate::modules::pos::repo::rollups::{self, Days, HourFigures, ProductFigures};

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
        let db = &state.db;
        let (from, to) = (q.period.from_day.to_string(), q.period.to_day.to_string());
        let (cfrom, cto) = (q.compare.from_day.to_string(), q.compare.to_day.to_string());
        let current = days(q, &from, &to);
        let compare = days(q, &cfrom, &cto);
        let hours = rollups::hours(db, &current, &["day", "hour"]).await?;
        let compare_days = rollups::hours(db, &compare, &["day"]).await?;
        let products = rollups::products(db, &current).await?;
        let compare_products = rollups::products(db, &compare).await?;
        let tenders = rollups::tenders(db, &current).await?;
        let kpis = kpis_of(&total_hours(&hours), &total_products(&products));
        let compare_kpis = kpis_of(
            &total_hours(&compare_days),
            &total_products(&compare_products),
        );
        let series = series(state, q, &hours, &compare_days, products, tenders).await?;
        Ok(DashboardPart {
            kpis: Some(kpis),
            compare: Some(compare_kpis),
            series: Some(series),
            tiles: Vec::new(),
        })
    })
}

fn days<'a>(q: &'a DashboardQuery<'a>, from: &'a str, to: &'a str) -> Days<'a> {
    Days {
        tenant_id: q.tenant_id,
        outlets: q.outlets,
        from_day: from,
        to_day: to,
    }
}

fn total_hours(rows: &[(Vec<String>, HourFigures)]) -> HourFigures {
    let mut t = HourFigures::default();
    for (_, f) in rows {
        t.add(f);
    }
    t
}

fn total_products(rows: &[(String, String, ProductFigures)]) -> ProductFigures {
    let mut t = ProductFigures::default();
    for (_, _, f) in rows {
        t.add(f);
    }
    t
}

fn money(sen: i64) -> String {
    Sen(sen).text()
}

fn dec(sen: i64) -> Decimal {
    Sen(sen).dec()
}

/// The headline figures of one period.
fn kpis_of(t: &HourFigures, lines: &ProductFigures) -> Kpis {
    let tax_sen = t.tax_sen.saturating_sub(t.refund_tax_sen);
    let count = Decimal::from(t.sales.max(0));
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
    let (gross_margin, coverage) = if lines.costed_net_sen == 0 && lines.refunded_costed_sen == 0 {
        (None, Decimal::ZERO)
    } else {
        let kept = dec(lines.costed_net_sen) - dec(lines.refunded_costed_sen);
        let cost = dec(lines.cost_sen) - dec(lines.refunded_cost_sen);
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
    Kpis {
        omzet_gross: money(t.grand_total_sen),
        omzet_net: money(t.grand_total_sen.saturating_sub(t.refund_sen)),
        transactions: u64::try_from(t.sales).unwrap_or(0),
        average_basket: per_sale(dec(t.grand_total_sen), 0).normalize().to_string(),
        items_per_basket: {
            let mut v = per_sale(Milli(lines.quantity_milli).dec(), 2);
            v.rescale(2);
            v.to_string()
        },
        gross_margin,
        margin_coverage_percent: coverage.to_string(),
        discounts: money(t.discount_sen),
        refunds: money(t.refund_sen),
        tax: money(tax_sen),
    }
}

fn bucket(key: String, label: String, count: i64, quantity_milli: i64, amount_sen: i64) -> Bucket {
    Bucket {
        key,
        label,
        count: u64::try_from(count).unwrap_or(0),
        quantity: Milli(quantity_milli).text(),
        amount: Sen(amount_sen).text(),
    }
}

fn day_of(key: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(key, "%Y-%m-%d").ok()
}

async fn series(
    state: &AppState,
    q: &DashboardQuery<'_>,
    hours: &[(Vec<String>, HourFigures)],
    compare_days: &[(Vec<String>, HourFigures)],
    products: Vec<(String, String, ProductFigures)>,
    tenders: Vec<(String, i64, i64, i64)>,
) -> Result<Series, ApiError> {
    let db = &state.db;
    let mut per_day: BTreeMap<NaiveDate, (i64, i64)> = BTreeMap::new();
    let mut heat: BTreeMap<(u8, u8), (i64, i64)> = BTreeMap::new();
    for (keys, f) in hours {
        let (Some(day), Some(hour)) = (
            keys.first().and_then(|k| day_of(k)),
            keys.get(1).and_then(|h| h.parse::<u8>().ok()),
        ) else {
            continue;
        };
        let e = per_day.entry(day).or_default();
        e.0 = e.0.saturating_add(f.grand_total_sen);
        e.1 = e.1.saturating_add(f.sales);
        let weekday = day.weekday().number_from_monday() as u8;
        if f.sales > 0 {
            let h = heat.entry((weekday, hour)).or_default();
            h.0 = h.0.saturating_add(f.grand_total_sen);
            h.1 = h.1.saturating_add(f.sales);
        }
    }
    let compare_per_day: HashMap<NaiveDate, i64> = compare_days
        .iter()
        .filter_map(|(k, f)| Some((day_of(k.first()?)?, f.grand_total_sen)))
        .collect();
    let length = (q.period.to_day - q.period.from_day).num_days() + 1;
    let by_day = (0..length)
        .map(|i| {
            let day = q.period.from_day + Duration::days(i);
            let other = q.compare.from_day + Duration::days(i);
            let (omzet, n) = per_day.get(&day).copied().unwrap_or_default();
            DayPoint {
                date: day.to_string(),
                omzet: money(omzet),
                transactions: u64::try_from(n).unwrap_or(0),
                compare_date: other.to_string(),
                compare_omzet: money(compare_per_day.get(&other).copied().unwrap_or(0)),
            }
        })
        .collect();
    let by_hour = heat
        .into_iter()
        .map(|((weekday, hour), (omzet, n))| HeatCell {
            weekday,
            hour,
            transactions: u64::try_from(n).unwrap_or(0),
            omzet: money(omzet),
        })
        .collect();

    let (from, to) = (q.period.from_day.to_string(), q.period.to_day.to_string());
    let current = days(q, &from, &to);
    let names: HashMap<String, String> = crate::platform::repo::outlets::list(db, q.tenant_id)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut by_outlet: Vec<(String, HourFigures)> = rollups::hours(db, &current, &["outlet_id"])
        .await?
        .into_iter()
        .filter_map(|(k, f)| Some((k.into_iter().next()?, f)))
        .collect();
    by_outlet.sort_by_key(|(_, f)| std::cmp::Reverse(f.grand_total_sen));
    let by_outlet = by_outlet
        .into_iter()
        .map(|(id, f)| {
            let label = names.get(&id).cloned().unwrap_or_default();
            bucket(id, label, f.sales, 0, f.grand_total_sen)
        })
        .collect();

    // Categories: the products' own, summed here (a catalogue is small).
    let ids: Vec<String> = products.iter().map(|(id, _, _)| id.clone()).collect();
    let mut catalogue = HashMap::new();
    for chunk in ids.chunks(crate::kernel::repo::IN_CHUNK) {
        catalogue.extend(
            crate::modules::inventory::repo::stock::products_by_id(db, q.tenant_id, chunk).await?,
        );
    }
    let category_names: HashMap<String, String> =
        crate::modules::inventory::repo::catalogue::list_categories(db, q.tenant_id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
    let mut categories: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for (id, _, f) in &products {
        let cat = catalogue
            .get(id)
            .and_then(|p| p.category_id.clone())
            .unwrap_or_default();
        let e = categories.entry(cat).or_default();
        e.0 = e.0.saturating_add(f.lines);
        e.1 = e.1.saturating_add(f.quantity_milli);
        e.2 = e.2.saturating_add(f.net_sen);
    }
    let mut by_category: Vec<Bucket> = categories
        .into_iter()
        .map(|(id, (n, q, a))| {
            let label = category_names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| "Tanpa kategori".to_string());
            bucket(id, label, n, q, a)
        })
        .collect();
    by_category.sort_by_key(|b| std::cmp::Reverse(dec_text(&b.amount)));

    let change_sen = total_hours(hours).change_sen;
    let mut by_tender: Vec<(String, i64, i64)> = tenders
        .into_iter()
        .map(|(method, n, amount, refunded)| {
            let kept = if method == "cash" {
                amount.saturating_sub(change_sen)
            } else {
                amount
            };
            (method, n, kept.saturating_sub(refunded))
        })
        .collect();
    by_tender.sort_by_key(|(_, _, a)| std::cmp::Reverse(*a));
    let by_tender = by_tender
        .into_iter()
        .map(|(m, n, a)| bucket(m.clone(), m, n, 0, a))
        .collect();

    // Best and weakest by what each product kept after refunds.
    let mut ranked: Vec<(String, String, ProductFigures)> = products
        .into_iter()
        .filter(|(_, _, f)| f.lines > 0)
        .collect();
    ranked.sort_by(|a, b| {
        let kept = |f: &ProductFigures| f.net_sen.saturating_sub(f.refunded_sen);
        kept(&b.2).cmp(&kept(&a.2)).then(a.1.cmp(&b.1))
    });
    let as_bucket = |(id, name, f): &(String, String, ProductFigures)| {
        bucket(
            id.clone(),
            name.clone(),
            f.lines,
            f.quantity_milli.saturating_sub(f.refunded_quantity_milli),
            f.net_sen.saturating_sub(f.refunded_sen),
        )
    };
    let top = ranked.iter().take(RANKED).map(as_bucket).collect();
    let bottom = ranked.iter().rev().take(RANKED).map(as_bucket).collect();

    Ok(Series {
        by_day,
        by_hour,
        by_outlet,
        by_category,
        by_tender,
        top_products: top,
        bottom_products: bottom,
        dead_stock: dead_stock(state, q).await?,
    })
}

fn dec_text(v: &str) -> Decimal {
    v.parse().unwrap_or_default()
}

/// Products with stock on hand in the outlets and no sale in the 30 days up to the
/// period's end, the most valuable (stock × cost) first.
async fn dead_stock(state: &AppState, q: &DashboardQuery<'_>) -> Result<Vec<DeadStock>, ApiError> {
    let db = &state.db;
    let stock =
        crate::modules::inventory::repo::stock::stock_on_hand(db, q.tenant_id, q.outlets).await?;
    let window_from = (q.period.to_day - Duration::days(DEAD_AFTER_DAYS - 1)).to_string();
    let window_to = q.period.to_day.to_string();
    let sold = rollups::products_sold(db, &days(q, &window_from, &window_to)).await?;
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

/// The POS module's part of the platform dashboard: every tenant's sales per day (from the
/// hour rollup, by its day index) and the tills that sold in the last 24 hours.
pub fn platform_part<'a>(
    state: &'a AppState,
    q: &'a PlatformQuery,
) -> BoxFuture<'a, Result<PlatformPart, ApiError>> {
    Box::pin(async move {
        let db = &state.db;
        let rows =
            rollups::across_tenants_by_day(db, &q.from_day.to_string(), &q.to_day.to_string())
                .await?;
        let by_date: HashMap<String, (i64, i64, i64)> = rows
            .into_iter()
            .map(|(day, tenants, sales, sen)| (day, (tenants, sales, sen)))
            .collect();
        let mut by_day = Vec::new();
        let mut day = q.from_day;
        while day <= q.to_day {
            let date = day.to_string();
            let (tenants, sales, sen) = by_date.get(&date).copied().unwrap_or_default();
            by_day.push(PlatformDay {
                date,
                tenants: u64::try_from(tenants).unwrap_or(0),
                transactions: u64::try_from(sales).unwrap_or(0),
                omzet: money(sen),
            });
            day += Duration::days(1);
        }
        let active = crate::modules::pos::repo::sales::active_devices_since(db, &q.since).await?;
        Ok(PlatformPart {
            by_day: Some(by_day),
            active_tills_24h: Some(active),
            tiles: Vec::new(),
        })
    })
}
