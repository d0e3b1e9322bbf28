//! `satu seed-volume`: a busy year of sales for benchmarks, on the configured database.
//!
//! Fills the demo tenant's retail outlets (adding outlets up to `--outlets`) with `--days`
//! days of `--sales-per-day` completed sales each, ending yesterday (in the outlet's zone): baskets of 1–9 lines
//! (5 on average) from the outlet's catalogue, priced by `domain` exactly as the till
//! prices them, paid in cash (about 70%), QRIS or e-wallet, at the hours a minimarket is
//! busy. Only sales, their lines and payments are written (stock and the audit trail are
//! not): it exists to measure what reads sales, at the scale the issue names (365 days × 3
//! outlets × 500 sales ≈ 2.7 M lines). Deterministic: the same arguments give the same
//! rows, apart from ids.
use chrono::{Duration, NaiveDate, Utc};
use domain::pricing::{price_cart, Cart, CartLine};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::kernel::auth::secret::new_id;
use crate::kernel::error::ApiError;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::repo::INSERT_CHUNK;
use crate::kernel::rng::SplitMix as Rng;
use crate::modules::inventory::entity::product;
use crate::modules::pos::entity::{sale, sale_line, sale_payment};
use crate::platform::entity::outlet;

/// The cashier the generated sales name (no user: they were rung up by no one).
pub const CASHIER: &str = "volume";

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Volume {
    pub days: u32,
    pub outlets: u32,
    pub sales_per_day: u32,
}

/// Limits, so a typo cannot fill the disk: 10 years, 50 outlets, 5,000 sales a day.
pub const DAYS_MAX: u32 = 3_650;
pub const OUTLETS_MAX: u32 = 50;
pub const SALES_PER_DAY_MAX: u32 = 5_000;

/// Rows written.
#[derive(Debug, Default)]
pub struct Written {
    pub sales: u64,
    pub lines: u64,
    pub payments: u64,
}

/// Share of a day's sales in each hour 06–21 (a minimarket: morning, lunch, after work).
const HOUR_WEIGHTS: [(u32, u64); 16] = [
    (6, 3),
    (7, 7),
    (8, 8),
    (9, 6),
    (10, 5),
    (11, 6),
    (12, 8),
    (13, 6),
    (14, 4),
    (15, 5),
    (16, 7),
    (17, 9),
    (18, 10),
    (19, 9),
    (20, 5),
    (21, 2),
];

fn hour(rng: &mut Rng) -> u32 {
    let total: u64 = HOUR_WEIGHTS.iter().map(|(_, w)| w).sum();
    let mut pick = rng.below(total);
    for (h, w) in HOUR_WEIGHTS {
        if pick < w {
            return h;
        }
        pick -= w;
    }
    12
}

/// The POS module's part of `satu seed-volume` (`Package::volume`): nothing when no sales
/// are asked for.
pub fn seed_volume(
    db: &sea_orm::DatabaseConnection,
    v: crate::kernel::package::VolumeArgs,
) -> futures::future::BoxFuture<'_, Result<crate::kernel::package::Written, ApiError>> {
    Box::pin(async move {
        if v.sales_per_day == 0 {
            return Ok(Vec::new());
        }
        let w = generate(
            db,
            Volume {
                days: v.days,
                outlets: v.outlets,
                sales_per_day: v.sales_per_day,
            },
        )
        .await?;
        Ok(vec![
            ("penjualan", w.sales),
            ("baris penjualan", w.lines),
            ("pembayaran", w.payments),
        ])
    })
}

pub async fn generate<C>(db: &C, v: Volume) -> Result<Written, ApiError>
where
    C: ConnectionTrait + TransactionTrait,
{
    generate_for(db, None, v).await
}

/// `generate` for one tenant's retail outlets (`None`: the first retail outlet's tenant).
pub async fn generate_for<C>(db: &C, tenant: Option<&str>, v: Volume) -> Result<Written, ApiError>
where
    C: ConnectionTrait + TransactionTrait,
{
    if v.days == 0 || v.days > DAYS_MAX {
        return Err(ApiError::validation(
            "days",
            format!("--days antara 1 dan {DAYS_MAX}."),
        ));
    }
    if v.outlets == 0 || v.outlets > OUTLETS_MAX {
        return Err(ApiError::validation(
            "outlets",
            format!("--outlets antara 1 dan {OUTLETS_MAX}."),
        ));
    }
    if v.sales_per_day == 0 || v.sales_per_day > SALES_PER_DAY_MAX {
        return Err(ApiError::validation(
            "sales_per_day",
            format!("--sales-per-day antara 1 dan {SALES_PER_DAY_MAX}."),
        ));
    }
    let mut q = outlet::Entity::find()
        .filter(outlet::Column::Industry.eq("retail"))
        .filter(outlet::Column::Kind.eq(domain::location::LocationKind::Store.as_str()));
    if let Some(t) = tenant {
        q = q.filter(outlet::Column::TenantId.eq(t));
    }
    let retail: Vec<outlet::Model> = q.all(db).await?;
    let Some(first) = retail.first().cloned() else {
        return Err(ApiError::validation(
            "outlets",
            "Tidak ada outlet ritel: jalankan `satu seed-demo` dahulu.",
        ));
    };
    let tenant_id = first.tenant_id.clone();
    let mut outlets: Vec<outlet::Model> = retail
        .into_iter()
        .filter(|o| o.tenant_id == tenant_id)
        .collect();
    while outlets.len() < v.outlets as usize {
        let n = outlets.len() + 1;
        let mut o = first.clone();
        o.id = new_id();
        o.code = format!("VOL{n}");
        o.name = format!("Minimarket Makmur {n}");
        o.created_at = Utc::now();
        outlet::Entity::insert(outlet::ActiveModel::from(o.clone()))
            .exec(db)
            .await?;
        outlets.push(o);
    }
    outlets.truncate(v.outlets as usize);
    let catalogue: Vec<Item> = product::Entity::find()
        .filter(product::Column::TenantId.eq(&tenant_id))
        .filter(product::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            let price = p.price_sen.dec();
            let cost = Some(p.cost_sen).filter(|c| *c != Sen::ZERO);
            (p.id, p.name, price, cost)
        })
        .filter(|(_, _, price, _)| *price > Decimal::ZERO)
        .collect();
    if catalogue.is_empty() {
        return Err(ApiError::validation(
            "catalogue",
            "Katalog kosong: jalankan `satu seed-demo` dahulu.",
        ));
    }
    let mut rng = Rng(0x5A7u64);
    let mut written = Written::default();
    // Receipt numbers carry this run's own tag, so a second run (or the demo's history)
    // never takes one already used.
    let run: String = new_id()
        .chars()
        .rev()
        .filter(char::is_ascii_hexdigit)
        .take(6)
        .collect();
    let run = run.to_uppercase();
    for (o_no, o) in outlets.iter().enumerate() {
        let tag = format!("V{run}-{}", o_no + 1);
        // Days end yesterday in the outlet's own zone, so "yesterday" on its dashboard is
        // the last generated day whatever the hour in UTC.
        let today = crate::kernel::business_day::Zone::parse(&o.timezone).today();
        let settings = crate::modules::pos::api::sales::pricing_settings(o);
        for d in (1..=i64::from(v.days)).rev() {
            let day = today - Duration::days(d);
            let (sales, lines, payments) =
                day_of_sales(&mut rng, &tenant_id, o, &tag, day, v, &catalogue, &settings)?;
            let mut rollup = crate::modules::pos::repo::rollups::Deltas::default();
            {
                let offset = crate::kernel::business_day::Zone::parse(&o.timezone).offset_hours();
                let mut by_sale_lines: std::collections::HashMap<&str, Vec<sale_line::Model>> =
                    std::collections::HashMap::new();
                for l in &lines {
                    by_sale_lines
                        .entry(l.sale_id.as_str())
                        .or_default()
                        .push(l.clone());
                }
                for (s, p) in sales.iter().zip(payments.iter()) {
                    rollup.add_sale(
                        offset,
                        s,
                        by_sale_lines
                            .get(s.id.as_str())
                            .map(Vec::as_slice)
                            .unwrap_or_default(),
                        std::slice::from_ref(p),
                    );
                }
            }
            written.sales += sales.len() as u64;
            written.lines += lines.len() as u64;
            written.payments += payments.len() as u64;
            // One transaction per outlet-day: a crash leaves whole days, never half of one.
            db.transaction::<_, (), ApiError>(|txn| {
                Box::pin(async move {
                    for batch in sales.chunks(INSERT_CHUNK) {
                        sale::Entity::insert_many(
                            batch.iter().cloned().map(sale::ActiveModel::from),
                        )
                        .exec(txn)
                        .await?;
                    }
                    for batch in lines.chunks(INSERT_CHUNK) {
                        sale_line::Entity::insert_many(
                            batch.iter().cloned().map(sale_line::ActiveModel::from),
                        )
                        .exec(txn)
                        .await?;
                    }
                    for batch in payments.chunks(INSERT_CHUNK) {
                        sale_payment::Entity::insert_many(
                            batch.iter().cloned().map(sale_payment::ActiveModel::from),
                        )
                        .exec(txn)
                        .await?;
                    }
                    rollup.write(txn).await?;
                    Ok(())
                })
            })
            .await
            .map_err(|e| match e {
                sea_orm::TransactionError::Connection(e) => ApiError::from(e),
                sea_orm::TransactionError::Transaction(e) => e,
            })?;
        }
    }
    Ok(written)
}

/// A product to sell: id, name, price, and its cost when one was entered.
type Item = (String, String, Decimal, Option<Sen>);

type Day = (
    Vec<sale::Model>,
    Vec<sale_line::Model>,
    Vec<sale_payment::Model>,
);

#[allow(clippy::too_many_arguments)]
fn day_of_sales(
    rng: &mut Rng,
    tenant_id: &str,
    o: &outlet::Model,
    tag: &str,
    day: NaiveDate,
    v: Volume,
    catalogue: &[Item],
    settings: &domain::pricing::PricingSettings,
) -> Result<Day, ApiError> {
    let zone_hours = crate::kernel::business_day::Zone::parse(&o.timezone).offset_hours();
    let mut sales = Vec::with_capacity(v.sales_per_day as usize);
    let mut lines = Vec::new();
    let mut payments = Vec::with_capacity(v.sales_per_day as usize);
    for n in 0..v.sales_per_day {
        let id = new_id();
        let count = 1 + rng.below(5) + rng.below(5); // 1–9 lines, 5 on average
        let picked: Vec<(&Item, Decimal)> = (0..count)
            .map(|_| {
                let p = &catalogue[rng.below(catalogue.len() as u64) as usize];
                let qty = Decimal::from(1 + rng.below(3) / 2); // mostly 1, sometimes 2
                (p, qty)
            })
            .collect();
        let cart = Cart {
            lines: picked
                .iter()
                .enumerate()
                .map(|(i, ((_, _, price, _), qty))| CartLine {
                    id: i.to_string(),
                    unit_price: *price,
                    quantity: *qty,
                    member_price: None,
                    time_prices: Vec::new(),
                    discount: None,
                    tax_exempt: false,
                })
                .collect(),
            cart_discount: None,
            is_member: false,
            local_time: None,
        };
        let t = price_cart(&cart, settings)
            .map_err(|e| ApiError::validation("cart", format!("{e:?}")))?;
        let local_hour = hour(rng);
        let minute = rng.below(60);
        let second = rng.below(60);
        let at = day
            .and_hms_opt(local_hour, minute as u32, second as u32)
            .unwrap_or_default()
            - Duration::hours(zone_hours);
        let at = at.and_utc();
        let (method, paid) = match rng.below(10) {
            0..=6 => {
                // Cash, rounded up to the next Rp5.000 note when not exact.
                let step = Decimal::from(5_000);
                let up = (t.grand_total / step).ceil() * step;
                ("cash", if rng.below(3) == 0 { t.grand_total } else { up })
            }
            7 | 8 => ("qris", t.grand_total),
            _ => ("e_wallet", t.grand_total),
        };
        sales.push(sale::Model {
            id: id.clone(),
            tenant_id: tenant_id.into(),
            outlet_id: o.id.clone(),
            device_id: None,
            cashier_id: CASHIER.into(),
            client_sale_id: new_id(),
            receipt_no: format!("{tag}-{}-{n:05}", day.format("%Y%m%d")),
            customer_id: None,
            subtotal_sen: Sen::of(t.subtotal)?,
            discount_total_sen: Sen::of(t.discount_total)?,
            service_charge_sen: Sen::of(t.service_charge)?,
            tax_total_sen: Sen::of(t.tax)?,
            rounding_sen: Sen::of(t.rounding)?,
            grand_total_sen: Sen::of(t.grand_total)?,
            paid_total_sen: Sen::of(paid)?,
            change_due_sen: Sen::of(paid - t.grand_total)?,
            status: "completed".into(),
            flags: None,
            sold_at: at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            received_at: at,
            discount_approved_by: None,
            shift_id: None,
        });
        for (i, (((product_id, name, price, cost), qty), priced)) in
            picked.iter().zip(&t.lines).enumerate()
        {
            lines.push(sale_line::Model {
                id: new_id(),
                tenant_id: tenant_id.into(),
                sale_id: id.clone(),
                line_no: i as i32 + 1,
                product_id: product_id.clone(),
                name: name.clone(),
                quantity_milli: Milli::of(*qty)?,
                unit_price_sen: Sen::of(*price)?,
                discount_sen: Sen::of(priced.line_discount)?,
                net_sen: Sen::of(priced.net)?,
                cost_sen: *cost,
            });
        }
        payments.push(sale_payment::Model {
            id: new_id(),
            tenant_id: tenant_id.into(),
            sale_id: id,
            method: method.into(),
            amount_sen: Sen::of(paid)?,
            reference: None,
        });
    }
    Ok((sales, lines, payments))
}
