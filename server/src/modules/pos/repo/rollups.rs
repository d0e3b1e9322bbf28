//! Daily rollups of the till's sales, kept in the same transaction as each sale and refund,
//! so the dashboard reads a few rows per outlet and day instead of every line of a month:
//! - `rollup_sales_hour`: per outlet, local day and hour — sales and their totals, refunds
//!   and their total and tax share;
//! - `rollup_product_day`: per outlet, local day and product — lines, quantity, net, the
//!   part with a known cost and that cost, and what was refunded of them;
//! - `rollup_tender_day`: per outlet, local day and tender — payments and refunds.
//!
//! Days and hours are the outlet's own (its zone when the sale was stored). Every figure is
//! an integer (sen, thousandths, counts), added with `INSERT … ON CONFLICT DO UPDATE SET
//! x = x + excluded.x` on both databases.
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Timelike};
use sea_orm::sea_query::{Alias, Expr, Func, OnConflict, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, QueryResult};

use crate::kernel::repo::{sum_sen, DbResult, OutletScope};
use crate::modules::pos::entity::{refund_line, refund_payment, sale, sale_line, sale_payment};

pub const HOURS: &str = "rollup_sales_hour";
pub const PRODUCTS: &str = "rollup_product_day";
pub const TENDERS: &str = "rollup_tender_day";
/// The figures of `rollup_tender_day`.
pub const TENDER_COLUMNS: [&str; 3] = ["payments", "amount_sen", "refunded_sen"];

/// Figures of one `rollup_sales_hour` row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HourFigures {
    pub sales: i64,
    pub subtotal_sen: i64,
    pub discount_sen: i64,
    pub service_sen: i64,
    pub tax_sen: i64,
    pub rounding_sen: i64,
    pub grand_total_sen: i64,
    pub change_sen: i64,
    pub refunds: i64,
    pub refund_sen: i64,
    pub refund_tax_sen: i64,
}

pub const HOUR_COLUMNS: [&str; 11] = [
    "sales",
    "subtotal_sen",
    "discount_sen",
    "service_sen",
    "tax_sen",
    "rounding_sen",
    "grand_total_sen",
    "change_sen",
    "refunds",
    "refund_sen",
    "refund_tax_sen",
];

impl HourFigures {
    fn values(&self) -> [i64; 11] {
        [
            self.sales,
            self.subtotal_sen,
            self.discount_sen,
            self.service_sen,
            self.tax_sen,
            self.rounding_sen,
            self.grand_total_sen,
            self.change_sen,
            self.refunds,
            self.refund_sen,
            self.refund_tax_sen,
        ]
    }

    pub fn add(&mut self, o: &HourFigures) {
        let mut v = self.values();
        for (a, b) in v.iter_mut().zip(o.values()) {
            *a = a.saturating_add(b);
        }
        *self = HourFigures::from_values(v);
    }

    fn from_values(v: [i64; 11]) -> HourFigures {
        HourFigures {
            sales: v[0],
            subtotal_sen: v[1],
            discount_sen: v[2],
            service_sen: v[3],
            tax_sen: v[4],
            rounding_sen: v[5],
            grand_total_sen: v[6],
            change_sen: v[7],
            refunds: v[8],
            refund_sen: v[9],
            refund_tax_sen: v[10],
        }
    }
}

/// Figures of one `rollup_product_day` row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProductFigures {
    pub lines: i64,
    pub quantity_milli: i64,
    pub net_sen: i64,
    pub costed_net_sen: i64,
    pub cost_sen: i64,
    pub refunded_quantity_milli: i64,
    pub refunded_sen: i64,
    pub refunded_costed_sen: i64,
    pub refunded_cost_sen: i64,
}

pub const PRODUCT_COLUMNS: [&str; 9] = [
    "lines",
    "quantity_milli",
    "net_sen",
    "costed_net_sen",
    "cost_sen",
    "refunded_quantity_milli",
    "refunded_sen",
    "refunded_costed_sen",
    "refunded_cost_sen",
];

impl ProductFigures {
    fn values(&self) -> [i64; 9] {
        [
            self.lines,
            self.quantity_milli,
            self.net_sen,
            self.costed_net_sen,
            self.cost_sen,
            self.refunded_quantity_milli,
            self.refunded_sen,
            self.refunded_costed_sen,
            self.refunded_cost_sen,
        ]
    }

    pub fn add(&mut self, o: &ProductFigures) {
        let mut v = self.values();
        for (a, b) in v.iter_mut().zip(o.values()) {
            *a = a.saturating_add(b);
        }
        *self = ProductFigures {
            lines: v[0],
            quantity_milli: v[1],
            net_sen: v[2],
            costed_net_sen: v[3],
            cost_sen: v[4],
            refunded_quantity_milli: v[5],
            refunded_sen: v[6],
            refunded_costed_sen: v[7],
            refunded_cost_sen: v[8],
        };
    }
}

/// The cost of `quantity_milli` at `cost_sen` a unit, below a sen dropped (as the
/// reports' SQL does).
pub fn line_cost_sen(cost_sen: i64, quantity_milli: i64) -> i64 {
    let v = i128::from(cost_sen) * i128::from(quantity_milli) / 1000;
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// (tenant, outlet, local day `YYYY-MM-DD`, slot)
type DayKey = (String, String, String, i64);

/// Each rollup row is kept in this many slots, a sale's (or refund's) slot picked from its
/// id: sales stored at the same moment in one outlet then mostly add to different rows,
/// so on PostgreSQL they do not queue for one row's lock until each commits. Readers add
/// the slots up with everything else.
pub const SLOTS: u64 = 4;

/// The slot of a sale or refund: FNV-1a of its id, stable across runs and machines.
pub fn slot_of(id: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % SLOTS) as i64
}

/// What a batch of sales and refunds adds to the rollups, gathered before it is written.
#[derive(Default)]
pub struct Deltas {
    hours: BTreeMap<(DayKey, i64), HourFigures>,
    /// (day, product) → (name, figures)
    products: BTreeMap<(DayKey, String), (String, ProductFigures)>,
    /// (day, method) → (payments, amount, refunded)
    tenders: BTreeMap<(DayKey, String), (i64, i64, i64)>,
}

/// The outlet-local day and hour of a stored UTC time.
fn local(at: &str, offset_hours: i64) -> (String, i64) {
    match DateTime::parse_from_rfc3339(at) {
        Ok(t) => {
            let l = t.naive_utc() + Duration::hours(offset_hours);
            (l.date().to_string(), i64::from(l.hour()))
        }
        Err(_) => (at.get(..10).unwrap_or_default().to_string(), 0),
    }
}

impl Deltas {
    pub fn is_empty(&self) -> bool {
        self.hours.is_empty() && self.products.is_empty() && self.tenders.is_empty()
    }

    /// A stored sale, its lines and payments; `offset_hours`: its outlet's zone.
    pub fn add_sale(
        &mut self,
        offset_hours: i64,
        s: &sale::Model,
        lines: &[sale_line::Model],
        payments: &[sale_payment::Model],
    ) {
        let (day, hour) = local(&s.sold_at, offset_hours);
        let key: DayKey = (
            s.tenant_id.clone(),
            s.outlet_id.clone(),
            day,
            slot_of(&s.id),
        );
        self.hours
            .entry((key.clone(), hour))
            .or_default()
            .add(&HourFigures {
                sales: 1,
                subtotal_sen: s.subtotal_sen.0,
                discount_sen: s.discount_total_sen.0,
                service_sen: s.service_charge_sen.0,
                tax_sen: s.tax_total_sen.0,
                rounding_sen: s.rounding_sen.0,
                grand_total_sen: s.grand_total_sen.0,
                change_sen: s.change_due_sen.0,
                ..HourFigures::default()
            });
        for l in lines {
            let cost = l.cost_sen.map(|c| line_cost_sen(c.0, l.quantity_milli.0));
            let e = self
                .products
                .entry((key.clone(), l.product_id.clone()))
                .or_insert_with(|| (l.name.clone(), ProductFigures::default()));
            e.1.add(&ProductFigures {
                lines: 1,
                quantity_milli: l.quantity_milli.0,
                net_sen: l.net_sen.0,
                costed_net_sen: if cost.is_some() { l.net_sen.0 } else { 0 },
                cost_sen: cost.unwrap_or(0),
                ..ProductFigures::default()
            });
        }
        for p in payments {
            let e = self
                .tenders
                .entry((key.clone(), p.method.clone()))
                .or_default();
            e.0 += 1;
            e.1 = e.1.saturating_add(p.amount_sen.0);
        }
    }

    /// A stored refund of a sale: `tax_share_sen` its part of the sale's tax, `sold` the
    /// sale's lines (for the cost of what came back).
    pub fn add_refund(
        &mut self,
        offset_hours: i64,
        refund: &crate::modules::pos::entity::refund::Model,
        lines: &[refund_line::Model],
        payments: &[refund_payment::Model],
        tax_share_sen: i64,
        sold: &[sale_line::Model],
    ) {
        let (day, hour) = local(&refund.refunded_at, offset_hours);
        let key: DayKey = (
            refund.tenant_id.clone(),
            refund.outlet_id.clone(),
            day,
            slot_of(&refund.id),
        );
        self.hours
            .entry((key.clone(), hour))
            .or_default()
            .add(&HourFigures {
                refunds: 1,
                refund_sen: refund.total_sen.0,
                refund_tax_sen: tax_share_sen,
                ..HourFigures::default()
            });
        for l in lines {
            let cost = sold
                .iter()
                .find(|s| s.line_no == l.sale_line_no)
                .and_then(|s| s.cost_sen)
                .map(|c| line_cost_sen(c.0, l.quantity_milli.0));
            let e = self
                .products
                .entry((key.clone(), l.product_id.clone()))
                .or_insert_with(|| (l.name.clone(), ProductFigures::default()));
            e.1.add(&ProductFigures {
                refunded_quantity_milli: l.quantity_milli.0,
                refunded_sen: l.amount_sen.0,
                refunded_costed_sen: if cost.is_some() { l.amount_sen.0 } else { 0 },
                refunded_cost_sen: cost.unwrap_or(0),
                ..ProductFigures::default()
            });
        }
        for p in payments {
            let e = self
                .tenders
                .entry((key.clone(), p.method.clone()))
                .or_default();
            e.2 = e.2.saturating_add(p.amount_sen.0);
        }
    }

    /// Adds everything gathered to the stored rollups: one statement a table (a few for a
    /// day of the volume generator), so the rows every sale of an outlet and hour shares
    /// are held for as few round trips as can be.
    pub async fn write<C: ConnectionTrait>(self, db: &C) -> DbResult<()> {
        let key = |(tenant, outlet, day, slot): DayKey, last: sea_orm::Value| {
            [tenant.into(), outlet.into(), day.into(), last, slot.into()]
        };
        let hours: Vec<Row> = self
            .hours
            .into_iter()
            .map(|((day, hour), f)| Row {
                keys: key(day, hour.into()),
                sums: f.values().to_vec(),
                label: None,
            })
            .collect();
        upsert(db, HOURS, "hour", &HOUR_COLUMNS, None, hours).await?;
        let products: Vec<Row> = self
            .products
            .into_iter()
            .map(|((day, product), (name, f))| Row {
                keys: key(day, product.into()),
                sums: f.values().to_vec(),
                label: Some(name),
            })
            .collect();
        upsert(
            db,
            PRODUCTS,
            "product_id",
            &PRODUCT_COLUMNS,
            Some("name"),
            products,
        )
        .await?;
        let tenders: Vec<Row> = self
            .tenders
            .into_iter()
            .map(|((day, method), (n, amount, refunded))| Row {
                keys: key(day, method.into()),
                sums: vec![n, amount, refunded],
                label: None,
            })
            .collect();
        upsert(db, TENDERS, "method", &TENDER_COLUMNS, None, tenders).await
    }
}

/// One rollup row to add: tenant, outlet, day, the table's own key and the slot; its
/// figures; its label (a product's name) when the table has one.
struct Row {
    keys: [sea_orm::Value; 5],
    sums: Vec<i64>,
    label: Option<String>,
}

/// `INSERT … VALUES (…), (…) ON CONFLICT (keys) DO UPDATE SET sum = table.sum +
/// excluded.sum[, label = excluded.label]`. Keys within `rows` are distinct (they come from
/// a map), as PostgreSQL requires of one statement.
async fn upsert<C: ConnectionTrait>(
    db: &C,
    table: &'static str,
    own_key: &'static str,
    sums: &[&'static str],
    label: Option<&'static str>,
    rows: Vec<Row>,
) -> DbResult<()> {
    let key_names = ["tenant_id", "outlet_id", "day", own_key, "slot"];
    for chunk in rows.chunks(crate::kernel::repo::INSERT_CHUNK) {
        let mut columns: Vec<Alias> = key_names.iter().map(|k| Alias::new(*k)).collect();
        columns.extend(sums.iter().map(|c| Alias::new(*c)));
        columns.extend(label.map(Alias::new));
        let mut on_conflict = OnConflict::columns(key_names.iter().map(|k| Alias::new(*k)));
        for c in sums {
            on_conflict.value(
                Alias::new(*c),
                Expr::col((Alias::new(table), Alias::new(*c)))
                    .add(Expr::cust(format!("excluded.{c}"))),
            );
        }
        if let Some(c) = label {
            on_conflict.value(Alias::new(c), Expr::cust(format!("excluded.{c}")));
        }
        let mut q = Query::insert();
        q.into_table(Alias::new(table)).columns(columns);
        for r in chunk {
            let mut values: Vec<SimpleExpr> =
                r.keys.iter().map(|v| Expr::value(v.clone())).collect();
            values.extend(r.sums.iter().map(|v| Expr::value(*v)));
            if label.is_some() {
                values.push(Expr::value(r.label.clone().unwrap_or_default()));
            }
            q.values(values)
                .map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?;
        }
        q.on_conflict(on_conflict);
        db.execute(db.get_database_backend().build(&q)).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- reading

/// The period and outlets a rollup query covers: local days `from_day..=to_day`.
pub struct Days<'a> {
    pub tenant_id: &'a str,
    pub outlets: &'a OutletScope,
    pub from_day: &'a str,
    pub to_day: &'a str,
}

fn scoped(q: &mut sea_orm::sea_query::SelectStatement, table: &'static str, d: &Days<'_>) {
    let col = |c: &'static str| Expr::col((Alias::new(table), Alias::new(c)));
    q.and_where(col("tenant_id").eq(d.tenant_id))
        .and_where(col("day").gte(d.from_day))
        .and_where(col("day").lte(d.to_day));
    if let OutletScope::Only(ids) = d.outlets {
        q.and_where(col("outlet_id").is_in(ids.clone()));
    }
}

fn int(row: &QueryResult, col: &str) -> DbResult<i64> {
    Ok(row.try_get::<Option<i64>>("", col)?.unwrap_or(0))
}

fn text(row: &QueryResult, col: &str) -> DbResult<String> {
    Ok(row.try_get::<Option<String>>("", col)?.unwrap_or_default())
}

/// The hour rollup summed over the days, grouped by `group` columns (none: one row).
pub async fn hours<C: ConnectionTrait>(
    db: &C,
    d: &Days<'_>,
    group: &[&'static str],
) -> DbResult<Vec<(Vec<String>, HourFigures)>> {
    let mut q = Query::select();
    q.from(Alias::new(HOURS));
    for g in group {
        q.expr_as(
            Func::cast_as(Expr::col(Alias::new(*g)), Alias::new("TEXT")),
            Alias::new(*g),
        );
        q.add_group_by([Expr::col(Alias::new(*g)).into()]);
    }
    for c in HOUR_COLUMNS {
        q.expr_as(sum_sen(Alias::new(c)), Alias::new(c));
    }
    scoped(&mut q, HOURS, d);
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    rows.iter()
        .map(|r| {
            let keys = group
                .iter()
                .map(|g| text(r, g))
                .collect::<DbResult<Vec<_>>>()?;
            let mut v = [0i64; 11];
            for (slot, c) in v.iter_mut().zip(HOUR_COLUMNS) {
                *slot = int(r, c)?;
            }
            Ok((keys, HourFigures::from_values(v)))
        })
        .collect()
}

/// The product rollup summed over the days per product (with its latest name).
pub async fn products<C: ConnectionTrait>(
    db: &C,
    d: &Days<'_>,
) -> DbResult<Vec<(String, String, ProductFigures)>> {
    let mut q = Query::select();
    q.from(Alias::new(PRODUCTS))
        .expr_as(
            Expr::col(Alias::new("product_id")),
            Alias::new("product_id"),
        )
        .expr_as(Func::max(Expr::col(Alias::new("name"))), Alias::new("name"))
        .add_group_by([Expr::col(Alias::new("product_id")).into()]);
    for c in PRODUCT_COLUMNS {
        q.expr_as(sum_sen(Alias::new(c)), Alias::new(c));
    }
    scoped(&mut q, PRODUCTS, d);
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    rows.iter()
        .map(|r| {
            let mut v = [0i64; 9];
            for (slot, c) in v.iter_mut().zip(PRODUCT_COLUMNS) {
                *slot = int(r, c)?;
            }
            let mut f = ProductFigures::default();
            f.add(&ProductFigures {
                lines: v[0],
                quantity_milli: v[1],
                net_sen: v[2],
                costed_net_sen: v[3],
                cost_sen: v[4],
                refunded_quantity_milli: v[5],
                refunded_sen: v[6],
                refunded_costed_sen: v[7],
                refunded_cost_sen: v[8],
            });
            Ok((text(r, "product_id")?, text(r, "name")?, f))
        })
        .collect()
}

/// Payments, amount and refunds per tender over the days.
pub async fn tenders<C: ConnectionTrait>(
    db: &C,
    d: &Days<'_>,
) -> DbResult<Vec<(String, i64, i64, i64)>> {
    let mut q = Query::select();
    q.from(Alias::new(TENDERS))
        .expr_as(Expr::col(Alias::new("method")), Alias::new("method"))
        .expr_as(sum_sen(Alias::new("payments")), Alias::new("payments"))
        .expr_as(sum_sen(Alias::new("amount_sen")), Alias::new("amount_sen"))
        .expr_as(
            sum_sen(Alias::new("refunded_sen")),
            Alias::new("refunded_sen"),
        )
        .add_group_by([Expr::col(Alias::new("method")).into()]);
    scoped(&mut q, TENDERS, d);
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    rows.iter()
        .map(|r| {
            Ok((
                text(r, "method")?,
                int(r, "payments")?,
                int(r, "amount_sen")?,
                int(r, "refunded_sen")?,
            ))
        })
        .collect()
}

/// Products with a line sold within the days.
pub async fn products_sold<C: ConnectionTrait>(
    db: &C,
    d: &Days<'_>,
) -> DbResult<std::collections::HashSet<String>> {
    let mut q = Query::select();
    q.from(Alias::new(PRODUCTS))
        .distinct()
        .expr_as(
            Expr::col(Alias::new("product_id")),
            Alias::new("product_id"),
        )
        .and_where(Expr::col(Alias::new("lines")).gt(0));
    scoped(&mut q, PRODUCTS, d);
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    rows.iter().map(|r| text(r, "product_id")).collect()
}

/// Every tenant's sales per local day `from_day..=to_day` (the platform dashboard):
/// (day, tenants that sold, sales, grand totals in sen). Days without sales are absent.
pub async fn across_tenants_by_day<C: ConnectionTrait>(
    db: &C,
    from_day: &str,
    to_day: &str,
) -> DbResult<Vec<(String, i64, i64, i64)>> {
    let day = || Expr::col(Alias::new("day"));
    let mut q = Query::select();
    q.from(Alias::new(HOURS))
        .expr_as(day(), Alias::new("day"))
        .expr_as(
            Func::cast_as(
                Func::count_distinct(Expr::col(Alias::new("tenant_id"))),
                Alias::new("BIGINT"),
            ),
            Alias::new("tenants"),
        )
        .expr_as(sum_sen(Alias::new("sales")), Alias::new("sales"))
        .expr_as(
            sum_sen(Alias::new("grand_total_sen")),
            Alias::new("grand_total_sen"),
        )
        .and_where(day().gte(from_day))
        .and_where(day().lte(to_day))
        .add_group_by([day().into()]);
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    rows.iter()
        .map(|r| {
            Ok((
                text(r, "day")?,
                int(r, "tenants")?,
                int(r, "sales")?,
                int(r, "grand_total_sen")?,
            ))
        })
        .collect()
}
