//! Purchasing's part of `satu seed-volume`: the stock side of a busy year, to measure the
//! reorder list, the stock valuation and the stock card at the scale (20,000
//! products × 3 locations × a year of movements).
//!
//! The retail tenant's catalogue is brought up to `--products` products (new ones
//! `VOL-00001` onwards, in the tenant's categories, each offered by one of six suppliers,
//! one in five by a second, dearer one too). At each of the first `--outlets` retail
//! outlets (those the sales fill), over `--days` days ending yesterday:
//! - `--sales-per-day` baskets of 1–9 lines (5 on average) a day, each line a `sale`
//!   movement; a few products sell most (VOL-00001 the most), as in a minimarket;
//! - each supplier delivers once a week, on its own weekday (everything on the first day):
//!   a goods receipt whose lines bring each of its products that fell under a week and a
//!   half of sales back up to three weeks, in the supplier's packs, as `purchase_receipt`
//!   movements, each setting the location's moving average cost as receiving does
//!   (`domain::purchasing::cost`).
//!
//! Products tracked by batch are left out (the history moves no batches).
//!
//! At the end a quarter of the new products get a reorder point at each location, and
//! each supplier has an open order at each location for some of what is running low, so
//! the reorder list has points, paces, orders on the way and cheaper offers to weigh.
//! Rows are written directly, a location-day per transaction, without an audit trail; the
//! movements and receipts name `volume` as their user. These sale movements are the
//! ledger's own history: the sales `pos` generates are for the catalogue as it was and
//! write no stock. Deterministic apart from ids. A second run tops the catalogue up to
//! `--products` again and writes no second history (the tenant has one already).
use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, SecondsFormat, Utc};
use futures::future::BoxFuture;
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use crate::kernel::auth::secret::new_id;
use crate::kernel::business_day::Zone;
use crate::kernel::error::ApiError;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::package::{VolumeArgs, Written};
use crate::kernel::repo::INSERT_CHUNK;
use crate::kernel::rng::SplitMix as Rng;
use crate::modules::inventory::entity::{
    category, product, reorder_point, stock_cost, stock_movement,
};
use crate::modules::inventory::repo::{costs, stock};
use crate::modules::purchasing::entity::{
    goods_receipt, goods_receipt_line, purchase_order, purchase_order_line, supplier,
    supplier_product,
};
use crate::platform::entity::outlet;
use domain::purchasing::cost::CostPool;
use domain::purchasing::order::{totals, LineInput, PoStatus};

/// Who the generated movements, receipts and orders name (no user: nobody keyed them).
pub const USER: &str = "volume";
/// At most this many products, so a typo cannot fill the disk.
pub const PRODUCTS_MAX: u32 = 200_000;
/// The bounds the sales' part of `seed-volume` keeps too: 10 years, 50 outlets, 5,000
/// sales a day.
const DAYS_MAX: u32 = 3_650;
const OUTLETS_MAX: u32 = 50;
const SALES_PER_DAY_MAX: u32 = 5_000;
/// New products' SKUs: this and a serial number.
pub const SKU_PREFIX: &str = "VOL-";
/// Lines of an open order, at most.
const ORDER_LINES_MAX: usize = 60;

/// (name, payment terms, PKP)
const SUPPLIERS: [(&str, &str, bool); 6] = [
    ("PT Distribusi Nusantara", "net30", true),
    ("PT Mitra Grosir Sejahtera", "net30", true),
    ("CV Sinar Abadi", "net14", false),
    ("UD Sumber Rejeki", "cash", false),
    ("PT Aneka Pangan Jaya", "net30", true),
    ("CV Berkah Sentosa", "net7", false),
];

const BRANDS: [&str; 16] = [
    "Sedap", "Sari", "Indo", "Nusa", "Mitra", "Prima", "Segar", "Jaya", "Makmur", "Sentosa",
    "Bintang", "Mawar", "Garuda", "Cahaya", "Rasa", "Alam",
];

/// (item, unit, cost in rupiah, tax)
const ITEMS: [(&str, &str, i64, &str); 28] = [
    ("Mie Goreng", "pcs", 2_800, "ppn"),
    ("Mie Kuah", "pcs", 2_600, "ppn"),
    ("Kopi Bubuk", "pack", 12_000, "ppn"),
    ("Kopi Sachet", "pcs", 1_200, "ppn"),
    ("Teh Celup", "box", 6_500, "ppn"),
    ("Susu UHT", "pcs", 5_200, "ppn"),
    ("Susu Kental Manis", "pcs", 9_800, "ppn"),
    ("Air Mineral", "pcs", 2_900, "ppn"),
    ("Minuman Isotonik", "pcs", 5_500, "ppn"),
    ("Biskuit", "pack", 7_500, "ppn"),
    ("Wafer", "pack", 6_000, "ppn"),
    ("Keripik", "pack", 8_500, "ppn"),
    ("Roti Tawar", "pcs", 13_000, "ppn"),
    ("Kecap Manis", "pcs", 11_000, "ppn"),
    ("Saus Sambal", "pcs", 8_000, "ppn"),
    ("Minyak Goreng", "liter", 16_500, "ppn"),
    ("Gula Pasir", "kg", 15_500, "none"),
    ("Beras", "kg", 12_500, "none"),
    ("Tepung Terigu", "kg", 10_500, "ppn"),
    ("Telur Ayam", "kg", 26_000, "none"),
    ("Sabun Mandi", "pcs", 3_800, "ppn"),
    ("Sampo", "pcs", 18_000, "ppn"),
    ("Pasta Gigi", "pcs", 11_500, "ppn"),
    ("Deterjen", "pack", 19_500, "ppn"),
    ("Pewangi Pakaian", "pack", 14_000, "ppn"),
    ("Tisu", "pack", 9_000, "ppn"),
    ("Popok Bayi", "pack", 45_000, "ppn"),
    ("Baterai", "pack", 17_000, "ppn"),
];

/// (name suffix, cost in percent of the item's)
const KINDS: [(&str, i64); 6] = [
    ("", 100),
    (" Original", 100),
    (" Pedas", 105),
    (" Mini", 60),
    (" Jumbo", 180),
    (" Hemat", 85),
];

/// Share of a day's baskets in each hour 06–21 (the till's busy hours).
const HOUR_WEIGHTS: [u64; 16] = [3, 7, 8, 6, 5, 6, 8, 6, 4, 5, 7, 9, 10, 9, 5, 2];

fn hour(rng: &mut Rng) -> u32 {
    let total: u64 = HOUR_WEIGHTS.iter().sum();
    let mut pick = rng.below(total);
    for (h, w) in HOUR_WEIGHTS.iter().enumerate() {
        if pick < *w {
            return 6 + h as u32;
        }
        pick -= w;
    }
    12
}

fn stored(day: NaiveDate, zone_hours: i64, hour: u32, minute: u32, second: u32) -> String {
    (day.and_hms_opt(hour, minute, second).unwrap_or_default() - Duration::hours(zone_hours))
        .and_utc()
        .to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// `n` rounded up to a whole number of `step`s (both positive).
fn round_up(n: i64, step: i64) -> i64 {
    n.saturating_add(step - 1) / step * step
}

fn fault(what: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("volume {what}: {e}"))
}

/// Purchasing's part of `satu seed-volume` (`Package::volume`): nothing when no products
/// are asked for.
pub fn seed_volume(
    db: &DatabaseConnection,
    v: VolumeArgs,
) -> BoxFuture<'_, Result<Written, ApiError>> {
    Box::pin(async move {
        if v.products == 0 {
            return Ok(Vec::new());
        }
        if v.products > PRODUCTS_MAX {
            return Err(ApiError::validation(
                "products",
                format!("--products paling banyak {PRODUCTS_MAX}."),
            ));
        }
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
        if v.sales_per_day > SALES_PER_DAY_MAX {
            return Err(ApiError::validation(
                "sales_per_day",
                format!("--sales-per-day paling banyak {SALES_PER_DAY_MAX}."),
            ));
        }
        generate(db, v).await
    })
}

async fn generate(db: &DatabaseConnection, v: VolumeArgs) -> Result<Written, ApiError> {
    let mut retail: Vec<outlet::Model> = outlet::Entity::find()
        .filter(outlet::Column::Industry.eq("retail"))
        .filter(outlet::Column::Kind.eq(domain::location::LocationKind::Store.as_str()))
        .order_by_asc(outlet::Column::CreatedAt)
        .order_by_asc(outlet::Column::Code)
        .all(db)
        .await?;
    let Some(tenant_id) = retail.first().map(|o| o.tenant_id.clone()) else {
        return Err(ApiError::validation(
            "outlets",
            "Tidak ada outlet ritel: jalankan `satu seed-demo` dahulu.",
        ));
    };
    retail.retain(|o| o.tenant_id == tenant_id);
    // The outlets the sales fill (fewer when no sales made more of them).
    retail.truncate(v.outlets as usize);

    let (new_products, suppliers_added, offers) = catalogue(db, &tenant_id, v.products).await?;
    let mut written: Written = vec![
        ("produk baru", new_products),
        ("pemasok baru", suppliers_added),
        ("penawaran pemasok", offers),
    ];
    let done = stock_movement::Entity::find()
        .filter(stock_movement::Column::TenantId.eq(&tenant_id))
        .filter(stock_movement::Column::UserId.eq(USER))
        .count(db)
        .await?;
    if done > 0 {
        // Once per tenant: a second history would double every figure it measures.
        written.push((
            "gerakan stok (riwayat volume sudah ada, tidak ditulis lagi)",
            0,
        ));
        return Ok(written);
    }
    let plan = Plan::load(db, &tenant_id, v.sales_per_day).await?;
    if plan.items.is_empty() {
        return Err(ApiError::validation(
            "products",
            "Tidak ada produk aktif untuk riwayat stok.",
        ));
    }
    let mut total = History::default();
    for (o_no, o) in retail.iter().enumerate() {
        let h = history(db, &plan, o_no, o, v).await?;
        total.movements += h.movements;
        total.receipts += h.receipts;
        total.points += h.points;
        total.orders += h.orders;
        total.costs += h.costs;
    }
    written.extend([
        ("lokasi", retail.len() as u64),
        ("gerakan stok", total.movements),
        ("penerimaan barang", total.receipts),
        ("harga pokok rata-rata", total.costs),
        ("titik pesan ulang", total.points),
        ("pesanan pembelian terbuka", total.orders),
    ]);
    Ok(written)
}

/// Brings the tenant's catalogue to `target` products, with the volume suppliers and their
/// offers of the new products. Answers (products added, suppliers added, offers added).
async fn catalogue(
    db: &DatabaseConnection,
    tenant_id: &str,
    target: u32,
) -> Result<(u64, u64, u64), ApiError> {
    let txn = db.begin().await?;
    let mut supplier_ids = Vec::new();
    let mut suppliers_added = 0;
    for (k, (name, terms, pkp)) in SUPPLIERS.into_iter().enumerate() {
        let found = supplier::Entity::find()
            .filter(supplier::Column::TenantId.eq(tenant_id))
            .filter(supplier::Column::Name.eq(name))
            .one(&txn)
            .await?;
        let id = match found {
            Some(s) => s.id,
            None => {
                let id = new_id();
                supplier::Entity::insert(supplier::ActiveModel {
                    id: Set(id.clone()),
                    tenant_id: Set(tenant_id.to_string()),
                    name: Set(name.to_string()),
                    contact_name: Set(Some("Bagian Penjualan".to_string())),
                    phone: Set(None),
                    address: Set(Some("Semarang".to_string())),
                    npwp: Set(pkp.then(|| format!("0198765432{k:02}000"))),
                    pkp: Set(pkp),
                    payment_terms: Set(terms.to_string()),
                    bank_account: Set(None),
                    active: Set(true),
                    created_at: Set(Utc::now()),
                })
                .exec_without_returning(&txn)
                .await?;
                suppliers_added += 1;
                id
            }
        };
        supplier_ids.push(id);
    }
    let have = product::Entity::find()
        .filter(product::Column::TenantId.eq(tenant_id))
        .count(&txn)
        .await?;
    let missing = u64::from(target).saturating_sub(have);
    if missing == 0 {
        txn.commit().await?;
        return Ok((0, suppliers_added, 0));
    }
    let categories: Vec<String> = category::Entity::find()
        .filter(category::Column::TenantId.eq(tenant_id))
        .order_by_asc(category::Column::Name)
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    // Serials carry on from the last run's.
    let before = product::Entity::find()
        .filter(product::Column::TenantId.eq(tenant_id))
        .filter(product::Column::Sku.starts_with(SKU_PREFIX))
        .count(&txn)
        .await?;
    let mut rng = Rng(0xCA7A ^ before);
    let now = Utc::now();
    let mut products = Vec::new();
    let mut offers = Vec::new();
    for serial in before + 1..=before + missing {
        let id = new_id();
        let n = serial as usize - 1;
        let (item, unit, item_cost, tax) = ITEMS[(n / BRANDS.len()) % ITEMS.len()];
        let (kind, percent) = KINDS[(n / (BRANDS.len() * ITEMS.len())) % KINDS.len()];
        let brand = BRANDS[n % BRANDS.len()];
        // Cost within ±20% of the item's, to Rp50; price 12–35% above it, to Rp100.
        let spread = 80 + rng.below(41) as i64;
        let cost = (item_cost * percent / 100 * spread / 100 / 50).max(1) * 50;
        let price = round_up(cost * (112 + rng.below(24) as i64) / 100, 100);
        products.push(product::ActiveModel {
            id: Set(id.clone()),
            tenant_id: Set(tenant_id.to_string()),
            sku: Set(format!("{SKU_PREFIX}{serial:05}")),
            name: Set(format!("{brand} {item}{kind}")),
            category_id: Set(categories.get(n % categories.len().max(1)).cloned()),
            unit: Set(unit.to_string()),
            cost_sen: Set(Sen(cost * 100)),
            price_sen: Set(Sen(price * 100)),
            tax: Set(tax.to_string()),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        // The fast sellers come by the carton, the slow ones one by one.
        let (unit_of_purchase, per) = match serial {
            ..=1_000 => ("karton", 24),
            1_001..=5_000 => ("dus", 12),
            5_001..=12_000 => ("pak", 6),
            _ => ("pcs", 1),
        };
        let main = n % SUPPLIERS.len();
        let offer = |s: usize, percent: i64| supplier_product::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.to_string()),
            supplier_id: Set(supplier_ids[s].clone()),
            product_id: Set(id.clone()),
            supplier_code: Set(Some(format!("S{}-{serial:05}", s + 1))),
            purchase_unit: Set(unit_of_purchase.to_string()),
            per_base_milli: Set(Milli(per * 1000)),
            last_price_sen: Set(Some(Sen(cost * 100 * per * percent / 100))),
        };
        offers.push(offer(main, 100));
        if rng.below(5) == 0 {
            offers.push(offer((main + 1) % SUPPLIERS.len(), 104));
        }
    }
    for chunk in products.chunks(INSERT_CHUNK) {
        product::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in offers.chunks(INSERT_CHUNK) {
        supplier_product::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok((missing, suppliers_added, offers.len() as u64))
}

/// A product as the history moves it.
struct Item {
    id: String,
    /// Index into `Plan::suppliers`: who delivers it.
    supplier: usize,
    /// Base units in the supplier's pack, in thousandths.
    pack_milli: i64,
    /// The pack's price, in sen.
    pack_sen: i64,
    /// What the supplier calls the pack.
    pack_unit: String,
    /// Its list cost, in sen (the average before any receipt).
    cost_sen: i64,
    /// Units sold a day at a location, expected.
    per_day: f64,
    /// Made by the volume generator (reorder points go on these only).
    generated: bool,
}

/// What every location's history shares: the products by how well they sell, who
/// delivers them, and the cumulative weights to pick a basket's products with.
struct Plan {
    tenant_id: String,
    items: Vec<Item>,
    /// (id, PKP) of each delivering supplier.
    suppliers: Vec<(String, bool)>,
    cumulative: Vec<f64>,
    sales_per_day: u32,
}

/// Basket lines a sale has on average (1 + two draws of 0–4).
const LINES_PER_SALE: f64 = 5.0;
/// Units a line sells on average (1, or 2 one time in three).
const UNITS_PER_LINE: f64 = 4.0 / 3.0;

impl Plan {
    async fn load(
        db: &DatabaseConnection,
        tenant_id: &str,
        sales_per_day: u32,
    ) -> Result<Plan, ApiError> {
        // Not those tracked by batch: their batches would have to move with every movement,
        // and the demo's few such products are not what this measures.
        let mut products: Vec<product::Model> = product::Entity::find()
            .filter(product::Column::TenantId.eq(tenant_id))
            .filter(product::Column::Active.eq(true))
            .filter(product::Column::TracksBatches.eq(false))
            .all(db)
            .await?;
        // The generated products first, in serial order (VOL-00001 sells the most).
        products.sort_by(|a, b| {
            (!a.sku.starts_with(SKU_PREFIX), &a.sku).cmp(&(!b.sku.starts_with(SKU_PREFIX), &b.sku))
        });
        let suppliers: Vec<supplier::Model> = supplier::Entity::find()
            .filter(supplier::Column::TenantId.eq(tenant_id))
            .filter(supplier::Column::Active.eq(true))
            .order_by_asc(supplier::Column::Name)
            .all(db)
            .await?;
        if suppliers.is_empty() {
            return Err(ApiError::validation("products", "Tidak ada pemasok aktif."));
        }
        let index: HashMap<&str, usize> = suppliers
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        // Each product's cheapest offer per base unit from an active supplier.
        let mut best: HashMap<String, (usize, i64, i64, String)> = HashMap::new();
        let all_offers = supplier_product::Entity::find()
            .filter(supplier_product::Column::TenantId.eq(tenant_id))
            .all(db)
            .await?;
        for o in all_offers {
            let (Some(&s), Some(price)) = (index.get(o.supplier_id.as_str()), o.last_price_sen)
            else {
                continue;
            };
            let per = o.per_base_milli.0.max(1);
            let cheaper = best.get(&o.product_id).is_none_or(|(_, p, price_b, _)| {
                i128::from(price.0) * i128::from(*p) < i128::from(*price_b) * i128::from(per)
            });
            if cheaper {
                best.insert(o.product_id, (s, per, price.0, o.purchase_unit));
            }
        }
        // Zipf-like: the product ranked r sells in proportion to (r + 10)^-0.9, so the
        // first fifth sells about seven tenths of everything.
        let weights: Vec<f64> = (0..products.len())
            .map(|r| (r as f64 + 10.0).powf(-0.9))
            .collect();
        let sum: f64 = weights.iter().sum();
        let lines_a_day = f64::from(sales_per_day) * LINES_PER_SALE;
        let mut cumulative = Vec::with_capacity(weights.len());
        let mut running = 0.0;
        for w in &weights {
            running += w;
            cumulative.push(running);
        }
        let items = products
            .into_iter()
            .zip(weights)
            .enumerate()
            .map(|(rank, (p, w))| {
                let (supplier, pack_milli, pack_sen, pack_unit) =
                    best.remove(&p.id).unwrap_or_else(|| {
                        (rank % suppliers.len(), 1000, p.cost_sen.0, p.unit.clone())
                    });
                Item {
                    generated: p.sku.starts_with(SKU_PREFIX),
                    id: p.id,
                    supplier,
                    pack_milli,
                    pack_sen,
                    pack_unit,
                    cost_sen: p.cost_sen.0,
                    per_day: lines_a_day * w / sum * UNITS_PER_LINE,
                }
            })
            .collect();
        Ok(Plan {
            tenant_id: tenant_id.to_string(),
            items,
            suppliers: suppliers.into_iter().map(|s| (s.id, s.pkp)).collect(),
            cumulative,
            sales_per_day,
        })
    }

    /// A product for a basket line, the best sellers most often.
    fn pick(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative
            .partition_point(|c| *c <= u)
            .min(self.items.len() - 1)
    }

    /// Under this much (thousandths) the next delivery brings more: a week and a half.
    fn low(&self, i: usize) -> i64 {
        (self.items[i].per_day * 10.5 * 1000.0).ceil() as i64
    }

    /// What a delivery fills up to: three weeks, in whole packs, at least one.
    fn full(&self, i: usize) -> i64 {
        let pack = self.items[i].pack_milli.max(1);
        let want = (self.items[i].per_day * 21.0 * 1000.0).ceil() as i64;
        round_up(want, pack).max(pack)
    }
}

#[derive(Default)]
struct History {
    movements: u64,
    receipts: u64,
    costs: u64,
    points: u64,
    orders: u64,
}

/// Rows of one location-day, written in one transaction.
#[derive(Default)]
struct Day {
    receipts: Vec<goods_receipt::ActiveModel>,
    lines: Vec<goods_receipt_line::ActiveModel>,
    movements: Vec<stock_movement::ActiveModel>,
}

macro_rules! insert_all {
    ($txn:expr, $rows:expr, $entity:ident) => {
        for chunk in $rows.chunks(INSERT_CHUNK) {
            $entity::Entity::insert_many(chunk.to_vec())
                .exec_without_returning($txn)
                .await?;
        }
    };
}

impl Day {
    async fn write(self, db: &DatabaseConnection) -> Result<(), ApiError> {
        let txn = db.begin().await?;
        insert_all!(&txn, self.receipts, goods_receipt);
        insert_all!(&txn, self.lines, goods_receipt_line);
        insert_all!(&txn, self.movements, stock_movement);
        txn.commit().await?;
        Ok(())
    }
}

fn movement(
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
    kind: &str,
    milli: i64,
    reference: String,
    at: String,
) -> stock_movement::ActiveModel {
    stock_movement::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(tenant_id.to_string()),
        outlet_id: Set(outlet_id.to_string()),
        product_id: Set(product_id.to_string()),
        kind: Set(kind.to_string()),
        quantity: Set(stock::from_milli(milli).to_string()),
        quantity_milli: Set(milli),
        reference: Set(Some(reference)),
        user_id: Set(Some(USER.to_string())),
        at: Set(at),
        ..Default::default()
    }
}

/// One location's year: deliveries and sales day by day, then its average costs, reorder
/// points and open orders.
async fn history(
    db: &DatabaseConnection,
    plan: &Plan,
    o_no: usize,
    o: &outlet::Model,
    v: VolumeArgs,
) -> Result<History, ApiError> {
    let tenant_id = plan.tenant_id.as_str();
    let n = plan.items.len();
    let ids: Vec<String> = plan.items.iter().map(|i| i.id.clone()).collect();
    // What the demo left here already.
    let levels = stock::stock_levels(db, tenant_id, &o.id, None).await?;
    let known = costs::unit_costs(db, tenant_id, &o.id, ids.clone()).await?;
    let mut on_hand: Vec<i64> = ids
        .iter()
        .map(|id| levels.get(id).copied().unwrap_or(0))
        .collect();
    let mut average: Vec<i64> = plan
        .items
        .iter()
        .map(|i| known.get(&i.id).map_or(i.cost_sen, |c| c.0))
        .collect();
    let mut received = vec![false; n];
    let mut by_supplier: Vec<Vec<usize>> = vec![Vec::new(); plan.suppliers.len()];
    for (i, item) in plan.items.iter().enumerate() {
        by_supplier[item.supplier].push(i);
    }
    let zone = Zone::parse(&o.timezone);
    let zone_hours = zone.offset_hours();
    let today = zone.today();
    let mut rng = Rng(0x570C ^ ((o_no as u64 + 1) << 32));
    let mut h = History::default();
    let place = o_no + 1;
    for d in (1..=i64::from(v.days)).rev() {
        let day = today - Duration::days(d);
        let first = d == i64::from(v.days);
        let date = day.format("%Y%m%d");
        let mut rows = Day::default();
        // Deliveries before the doors open: every supplier on the first day, then each on
        // its weekday.
        for (s, items) in by_supplier.iter().enumerate() {
            if !first && day.weekday().num_days_from_monday() as usize != s % 6 {
                continue;
            }
            let number = format!("GRV-{date}-{place}-{:02}", s + 1);
            let receipt_id = new_id();
            let at = stored(day, zone_hours, 5, 30, s as u32);
            // The supplier's prices move a little from week to week (±3%).
            let permille = 970 + rng.below(61) as i64;
            let mut value_sen = 0i64;
            let lines_before = rows.lines.len();
            for &i in items {
                if !first && on_hand[i] >= plan.low(i) {
                    continue;
                }
                let item = &plan.items[i];
                let pack = item.pack_milli.max(1);
                let full = plan.full(i);
                let quantity = round_up((full - on_hand[i].max(0)).max(1), pack);
                let value = i64::try_from(
                    i128::from(item.pack_sen) * i128::from(quantity) * i128::from(permille)
                        / (i128::from(pack) * 1000),
                )
                .map_err(|e| fault("receipt value", e))?;
                let mut pool = CostPool::opening(Milli(on_hand[i]).dec(), Sen(average[i]).dec());
                pool.receive(Milli(quantity).dec(), Sen(value).dec())
                    .map_err(|e| fault("receipt", e))?;
                average[i] = Sen::of(pool.average())?.0;
                on_hand[i] += quantity;
                received[i] = true;
                value_sen += value;
                rows.lines.push(goods_receipt_line::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.to_string()),
                    receipt_id: Set(receipt_id.clone()),
                    product_id: Set(item.id.clone()),
                    quantity_base_milli: Set(Milli(quantity)),
                    value_sen: Set(Sen(value)),
                    ..Default::default()
                });
                rows.movements.push(movement(
                    tenant_id,
                    &o.id,
                    &item.id,
                    "purchase_receipt",
                    quantity,
                    number.clone(),
                    at.clone(),
                ));
            }
            if rows.lines.len() == lines_before {
                continue;
            }
            rows.receipts.push(goods_receipt::ActiveModel {
                id: Set(receipt_id),
                tenant_id: Set(tenant_id.to_string()),
                number: Set(number),
                supplier_id: Set(Some(plan.suppliers[s].0.clone())),
                outlet_id: Set(o.id.clone()),
                value_sen: Set(Sen(value_sen)),
                note: Set(Some(if first {
                    "Stok awal".to_string()
                } else {
                    "Kiriman mingguan".to_string()
                })),
                user_id: Set(USER.to_string()),
                received_at: Set(at),
                ..Default::default()
            });
        }
        for sale in 0..plan.sales_per_day {
            let reference = format!("SV{place}-{date}-{sale:05}");
            let at = stored(
                day,
                zone_hours,
                hour(&mut rng),
                rng.below(60) as u32,
                rng.below(60) as u32,
            );
            let count = 1 + rng.below(5) + rng.below(5);
            for _ in 0..count {
                let i = plan.pick(&mut rng);
                let quantity = 1000 * (1 + rng.below(3) as i64 / 2);
                on_hand[i] -= quantity;
                rows.movements.push(movement(
                    tenant_id,
                    &o.id,
                    &plan.items[i].id,
                    "sale",
                    -quantity,
                    reference.clone(),
                    at.clone(),
                ));
            }
        }
        h.movements += rows.movements.len() as u64;
        h.receipts += rows.receipts.len() as u64;
        rows.write(db).await?;
    }
    let end = today - Duration::days(1);
    let stamp = stored(end, zone_hours, 22, 0, 0);

    // The average costs the receipts set, a point for a quarter of the generated products,
    // and an order from each supplier for some of what runs low.
    let cost_rows: Vec<stock_cost::ActiveModel> = (0..n)
        .filter(|&i| received[i])
        .map(|i| {
            stock_cost::ActiveModel::from(stock_cost::Model {
                tenant_id: tenant_id.to_string(),
                outlet_id: o.id.clone(),
                product_id: plan.items[i].id.clone(),
                unit_cost_sen: Sen(average[i]),
                updated_at: stamp.clone(),
            })
        })
        .collect();
    let pointed: HashSet<String> = costs::reorder_points(db, tenant_id, &o.id)
        .await?
        .into_iter()
        .map(|p| p.product_id)
        .collect();
    let mut point_rows = Vec::new();
    for (i, item) in plan.items.iter().enumerate() {
        if !item.generated || rng.below(4) != 0 || pointed.contains(&item.id) {
            continue;
        }
        let week = ((item.per_day * 7.0).ceil() as i64).max(1) * 1000;
        point_rows.push(reorder_point::ActiveModel::from(reorder_point::Model {
            tenant_id: tenant_id.to_string(),
            outlet_id: o.id.clone(),
            product_id: item.id.clone(),
            point_milli: Milli(week),
            order_milli: Milli(plan.full(i)),
            updated_at: stamp.clone(),
        }));
    }
    // Orders sent yesterday for delivery on the supplier's next weekday; every other one
    // confirmed by the supplier.
    let mut orders = Vec::new();
    let mut order_lines = Vec::new();
    for (s, items) in by_supplier.iter().enumerate() {
        let low: Vec<usize> = items
            .iter()
            .copied()
            .filter(|&i| on_hand[i] < plan.low(i))
            .take(ORDER_LINES_MAX)
            .collect();
        if low.is_empty() {
            continue;
        }
        let po_id = new_id();
        let mut amounts = Vec::new();
        for (line_no, &i) in low.iter().enumerate() {
            let item = &plan.items[i];
            let pack = item.pack_milli.max(1);
            let packs = round_up((plan.full(i) - on_hand[i].max(0)).max(1), pack) / pack;
            let amount = LineInput {
                quantity: Decimal::from(packs),
                unit_price: Sen(item.pack_sen).dec(),
                discount: Decimal::ZERO,
            };
            let net = amount.net().map_err(|e| fault("order line", e))?;
            amounts.push(amount);
            order_lines.push(purchase_order_line::ActiveModel {
                id: Set(new_id()),
                tenant_id: Set(tenant_id.to_string()),
                po_id: Set(po_id.clone()),
                line_no: Set(line_no as i32 + 1),
                product_id: Set(item.id.clone()),
                purchase_unit: Set(item.pack_unit.clone()),
                per_base_milli: Set(Milli(pack)),
                quantity_milli: Set(Milli(packs * 1000)),
                unit_price_sen: Set(Sen(item.pack_sen)),
                discount_sen: Set(Sen::ZERO),
                net_sen: Set(Sen::of(net)?),
                ordered_base_milli: Set(Milli(packs * pack)),
                received_base_milli: Set(Milli(0)),
            });
        }
        let (supplier_id, pkp) = &plan.suppliers[s];
        let t = totals(&amounts, *pkp).map_err(|e| fault("order", e))?;
        let next = (1..=7)
            .map(|k| end + Duration::days(k))
            .find(|d| d.weekday().num_days_from_monday() as usize == s % 6)
            .unwrap_or(end);
        let confirmed = s % 2 == 1;
        orders.push(purchase_order::ActiveModel {
            id: Set(po_id),
            tenant_id: Set(tenant_id.to_string()),
            number: Set(format!("POV-{place}-{:02}", s + 1)),
            supplier_id: Set(supplier_id.clone()),
            outlet_id: Set(o.id.clone()),
            status: Set(if confirmed {
                PoStatus::Confirmed
            } else {
                PoStatus::Sent
            }
            .as_str()
            .to_string()),
            expected_on: Set(Some(next.to_string())),
            supplier_pkp: Set(*pkp),
            subtotal_sen: Set(Sen::of(t.subtotal)?),
            ppn_sen: Set(Sen::of(t.ppn)?),
            total_sen: Set(Sen::of(t.total)?),
            note: Set(Some("Pesanan mingguan".to_string())),
            created_by: Set(USER.to_string()),
            created_at: Set(stamp.clone()),
            sent_at: Set(Some(stamp.clone())),
            approved_by: Set(None),
            confirmed_at: Set(confirmed.then(|| stamp.clone())),
            delivery_on: Set(confirmed.then(|| next.to_string())),
            supplier_note: Set(None),
            shipped_at: Set(None),
            delivery_note: Set(None),
            closed_at: Set(None),
            updated_at: Set(stamp.clone()),
        });
    }
    h.costs = cost_rows.len() as u64;
    h.points = point_rows.len() as u64;
    h.orders = orders.len() as u64;
    let txn = db.begin().await?;
    for chunk in cost_rows.chunks(INSERT_CHUNK) {
        // The demo's own receipts set a few already: these replace them.
        stock_cost::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns([
                    stock_cost::Column::TenantId,
                    stock_cost::Column::OutletId,
                    stock_cost::Column::ProductId,
                ])
                .update_columns([
                    stock_cost::Column::UnitCostSen,
                    stock_cost::Column::UpdatedAt,
                ])
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    insert_all!(&txn, point_rows, reorder_point);
    insert_all!(&txn, orders, purchase_order);
    insert_all!(&txn, order_lines, purchase_order_line);
    txn.commit().await?;
    Ok(h)
}
