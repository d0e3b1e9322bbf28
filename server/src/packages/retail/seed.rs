//! The retail package's demo: the minimarket outlet with its static QRIS and receipt
//! lines, and a small catalogue with opening stock.
use futures::future::BoxFuture;
use sea_orm::DatabaseTransaction;

use crate::kernel::package::SeedContext;
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use crate::kernel::auth::secret::new_id;
use crate::kernel::error::ApiError;
use crate::kernel::txn::{Audit, Change};
use crate::platform::entity::outlet;

pub fn seed<'a>(
    txn: &'a DatabaseTransaction,
    ctx: &'a SeedContext<'a>,
) -> BoxFuture<'a, Result<(), ApiError>> {
    Box::pin(async move {
        crate::seed::demo_outlet(
            txn,
            ctx.audit,
            ctx.tenant_id,
            (
                "MKM1",
                "Minimarket Makmur",
                "Jl. Merdeka No. 10, Semarang",
                "retail",
            ),
            json!({"static_qris": demo_static_qris(),
                "receipt_header": ["NPWP 01.234.567.8-901.000"],
                "receipt_footer": ["Terima kasih, selamat belanja kembali!"]}),
        )
        .await?;
        if ctx.with_catalogue {
            seed_catalogue(txn, ctx.tenant_id, ctx.audit).await?;
            seed_parcel(txn, ctx.tenant_id, ctx.audit).await?;
            seed_history(txn, ctx.tenant_id).await?;
        }
        Ok(())
    })
}

/// Four weeks of the minimarket's sales before today (60 a day, rung up by the demo
/// cashier), so the dashboard and reports open on a shop at work. History only: the
/// sales, their lines and payments (stock stays at the opening count). Once: a seed run
/// again finds them and adds none.
async fn seed_history(txn: &sea_orm::DatabaseTransaction, tenant_id: &str) -> Result<(), ApiError> {
    use crate::modules::pos::entity::sale;
    use sea_orm::{PaginatorTrait, QueryFilter};
    let already = sale::Entity::find()
        .filter(sale::Column::TenantId.eq(tenant_id))
        .count(txn)
        .await?;
    if already > 0 {
        return Ok(());
    }
    crate::modules::pos::volume::generate_for(
        txn,
        Some(tenant_id),
        crate::modules::pos::volume::Volume {
            days: 28,
            outlets: 1,
            sales_per_day: 60,
        },
    )
    .await?;
    if let Some(kasir) =
        crate::platform::repo::users::find_by_email(txn, "kasir@makmur.test").await?
    {
        sale::Entity::update_many()
            .col_expr(
                sale::Column::CashierId,
                sea_orm::sea_query::Expr::value(kasir.id),
            )
            .filter(sale::Column::TenantId.eq(tenant_id))
            .filter(sale::Column::CashierId.eq(crate::modules::pos::volume::CASHIER))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// A made-up static QRIS for the demo minimarket (fictitious acquirer and NMID; it pays
/// nobody), with a correct CRC so the till turns it into a dynamic one per sale.
pub fn demo_static_qris() -> String {
    fn tlv(tag: &str, value: &str) -> String {
        format!("{tag}{:02}{value}", value.len())
    }
    let account = [
        tlv("00", "ID.CO.DEMOBANK.WWW"),
        tlv("01", "936009990000000017"),
        tlv("02", "DEMO00000017"),
        tlv("03", "UMI"),
    ]
    .concat();
    let national = [
        tlv("00", "ID.CO.QRIS.WWW"),
        tlv("02", "ID1026112700017"),
        tlv("03", "UMI"),
    ]
    .concat();
    let mut body = [
        tlv("00", "01"),
        tlv("01", "11"),
        tlv("26", &account),
        tlv("51", &national),
        tlv("52", "5411"),
        tlv("53", "360"),
        tlv("58", "ID"),
        tlv("59", "Minimarket Makmur"),
        tlv("60", "Semarang"),
        tlv("61", "50132"),
    ]
    .concat();
    body.push_str("6304");
    let crc = domain::qris::crc_hex(body.as_bytes());
    body + &crc
}

/// A small minimarket catalogue (30 products in 7 categories) with opening stock, so the till has something to sell.
/// (sku, name, category, price, unit, barcode, tax)
type DemoProduct = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
);

const DEMO_PRODUCTS: [DemoProduct; 30] = [
    (
        "MIE-001",
        "Indomie Goreng 85g",
        "Makanan",
        "3500",
        "pcs",
        Some("8991000000010"),
        "ppn",
    ),
    (
        "AIR-600",
        "Air Mineral 600ml",
        "Minuman",
        "4000",
        "pcs",
        Some("8991000000027"),
        "ppn",
    ),
    (
        "TEH-350",
        "Teh Botol 350ml",
        "Minuman",
        "5000",
        "pcs",
        Some("8991000000034"),
        "ppn",
    ),
    (
        "GULA-1KG",
        "Gula Pasir 1kg",
        "Sembako",
        "18500",
        "pcs",
        Some("8991000000041"),
        "ppn",
    ),
    (
        "TLR-10",
        "Telur Ayam 10 butir",
        "Sembako",
        "28000",
        "pack",
        Some("8991000000058"),
        "none",
    ),
    (
        "BRS-KG",
        "Beras Curah",
        "Sembako",
        "14000",
        "kg",
        None,
        "none",
    ),
    // The rest of a small minimarket's shelf, so the till's grid and the reports look real.
    (
        "KOPI-165",
        "Kopi Bubuk 165g",
        "Minuman",
        "14500",
        "pcs",
        Some("8991000001000"),
        "ppn",
    ),
    (
        "UHT-250",
        "Susu UHT Cokelat 250ml",
        "Minuman",
        "6500",
        "pcs",
        Some("8991000001017"),
        "ppn",
    ),
    (
        "AIR-1500",
        "Air Mineral 1500ml",
        "Minuman",
        "7000",
        "pcs",
        Some("8991000001024"),
        "ppn",
    ),
    (
        "KOPI-SCH",
        "Kopi Susu Sachet",
        "Minuman",
        "1500",
        "pcs",
        Some("8991000001031"),
        "ppn",
    ),
    (
        "MIE-SOTO",
        "Indomie Soto 75g",
        "Makanan",
        "3300",
        "pcs",
        Some("8991000001048"),
        "ppn",
    ),
    (
        "ROTI-400",
        "Roti Tawar 400g",
        "Makanan",
        "16000",
        "pcs",
        Some("8991000001055"),
        "ppn",
    ),
    (
        "BSK-300",
        "Biskuit Kelapa 300g",
        "Makanan",
        "12000",
        "pcs",
        Some("8991000001062"),
        "ppn",
    ),
    (
        "KRP-150",
        "Keripik Singkong 150g",
        "Makanan",
        "9500",
        "pcs",
        Some("8991000001079"),
        "ppn",
    ),
    (
        "CKL-60",
        "Cokelat Batang 60g",
        "Makanan",
        "11000",
        "pcs",
        Some("8991000001086"),
        "ppn",
    ),
    (
        "ESK-CONE",
        "Es Krim Cone",
        "Makanan",
        "8000",
        "pcs",
        Some("8991000001093"),
        "ppn",
    ),
    (
        "PRM-MINT",
        "Permen Mint",
        "Makanan",
        "2000",
        "pcs",
        Some("8991000001109"),
        "ppn",
    ),
    (
        "MYK-1L",
        "Minyak Goreng 1L",
        "Sembako",
        "17500",
        "pcs",
        Some("8991000001116"),
        "ppn",
    ),
    (
        "MYK-2L",
        "Minyak Goreng 2L",
        "Sembako",
        "34000",
        "pcs",
        Some("8991000001123"),
        "ppn",
    ),
    (
        "TPG-1KG",
        "Tepung Terigu 1kg",
        "Sembako",
        "12500",
        "pcs",
        Some("8991000001130"),
        "ppn",
    ),
    (
        "GRM-250",
        "Garam Dapur 250g",
        "Sembako",
        "3000",
        "pcs",
        Some("8991000001147"),
        "none",
    ),
    (
        "KCP-135",
        "Kecap Manis 135ml",
        "Bumbu",
        "6000",
        "pcs",
        Some("8991000001154"),
        "ppn",
    ),
    (
        "SMB-140",
        "Saus Sambal 140ml",
        "Bumbu",
        "7500",
        "pcs",
        Some("8991000001161"),
        "ppn",
    ),
    (
        "SBN-85",
        "Sabun Mandi 85g",
        "Perawatan",
        "4500",
        "pcs",
        Some("8991000001178"),
        "ppn",
    ),
    (
        "SMP-SCH",
        "Sampo Sachet",
        "Perawatan",
        "1000",
        "pcs",
        Some("8991000001185"),
        "ppn",
    ),
    (
        "PSG-190",
        "Pasta Gigi 190g",
        "Perawatan",
        "13500",
        "pcs",
        Some("8991000001192"),
        "ppn",
    ),
    (
        "DTJ-800",
        "Deterjen Bubuk 800g",
        "Rumah Tangga",
        "21000",
        "pcs",
        Some("8991000001208"),
        "ppn",
    ),
    (
        "SCP-400",
        "Sabun Cuci Piring 400ml",
        "Rumah Tangga",
        "9000",
        "pcs",
        Some("8991000001215"),
        "ppn",
    ),
    (
        "TSU-250",
        "Tisu Wajah 250 lembar",
        "Rumah Tangga",
        "15000",
        "pack",
        Some("8991000001222"),
        "ppn",
    ),
    (
        "BTR-AA2",
        "Baterai AA isi 2",
        "Rumah Tangga",
        "12000",
        "pack",
        Some("8991000001239"),
        "ppn",
    ),
];

async fn seed_catalogue<C: sea_orm::ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    audit: &Audit<'_>,
) -> Result<(), ApiError> {
    use crate::modules::inventory::entity::{category, product, product_barcode};
    let Some(store) = outlet::Entity::find()
        .filter(outlet::Column::TenantId.eq(tenant_id))
        .filter(outlet::Column::Code.eq("MKM1"))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    for (sku, name, cat, price, unit, barcode, tax) in DEMO_PRODUCTS {
        let exists = product::Entity::find()
            .filter(product::Column::TenantId.eq(tenant_id))
            .filter(product::Column::Sku.eq(sku))
            .one(db)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let category_id = match category::Entity::find()
            .filter(category::Column::TenantId.eq(tenant_id))
            .filter(category::Column::Name.eq(cat))
            .one(db)
            .await?
        {
            Some(c) => c.id,
            None => {
                let c = category::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.to_string()),
                    name: Set(cat.to_string()),
                    created_at: Set(Utc::now()),
                };
                sea_orm::ActiveModelTrait::insert(c, db).await?.id
            }
        };
        let id = new_id();
        sea_orm::ActiveModelTrait::insert(
            product::ActiveModel {
                id: Set(id.clone()),
                tenant_id: Set(tenant_id.to_string()),
                group_id: Set(None),
                sku: Set(sku.to_string()),
                name: Set(name.to_string()),
                variant: Set(None),
                category_id: Set(Some(category_id)),
                unit: Set(unit.to_string()),
                cost_sen: Set(demo_cost(price)?),
                price_sen: Set(crate::modules::inventory::api::rules::price(
                    "price", price,
                )?),
                tax: Set(tax.to_string()),
                active: Set(true),
                image_url: Set(None),
                tracks_batches: Set(false),
                created_at: Set(Utc::now()),
                updated_at: Set(Utc::now()),
            },
            db,
        )
        .await?;
        if let Some(code) = barcode {
            sea_orm::ActiveModelTrait::insert(
                product_barcode::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.to_string()),
                    product_id: Set(id.clone()),
                    code: Set(code.to_string()),
                },
                db,
            )
            .await?;
        }
        crate::modules::inventory::repo::stock::record_movement(
            db,
            crate::modules::inventory::repo::stock::Movement {
                tenant_id,
                outlet_id: &store.id,
                product_id: &id,
                kind: "adjustment",
                quantity: rust_decimal::Decimal::from(50),
                reference: None,
                reason: Some("Stok awal (demo)"),
                user_id: None,
                device_id: None,
            },
        )
        .await?;
        audit
            .record(
                Change::new("product.create", "product", &id)
                    .tenant(Some(tenant_id))
                    .after(json!({"sku": sku, "name": name, "price": price})),
            )
            .await?;
    }
    Ok(())
}

/// The Parsel Lebaran: two coconut biscuits, three chocolate bars and two cassava chips
/// in a box, four of them built at the minimarket from its shelf (so its cost is theirs).
async fn seed_parcel<C: sea_orm::ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    audit: &Audit<'_>,
) -> Result<(), ApiError> {
    use crate::modules::inventory::api::assembly::{assemble, Assemble, Direction};
    use crate::modules::inventory::entity::{product, product_component};
    let by_sku = |sku: &'static str| {
        product::Entity::find()
            .filter(product::Column::TenantId.eq(tenant_id))
            .filter(product::Column::Sku.eq(sku))
            .one(db)
    };
    if by_sku("PRS-LBR").await?.is_some() {
        return Ok(());
    }
    let Some(store) = outlet::Entity::find()
        .filter(outlet::Column::TenantId.eq(tenant_id))
        .filter(outlet::Column::Code.eq("MKM1"))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let parcel = sea_orm::ActiveModelTrait::insert(
        product::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.to_string()),
            group_id: Set(None),
            sku: Set("PRS-LBR".to_string()),
            name: Set("Parsel Lebaran Makmur".to_string()),
            variant: Set(None),
            category_id: Set(None),
            unit: Set("pcs".to_string()),
            cost_sen: Set(crate::kernel::money::Sen::ZERO),
            price_sen: Set(crate::modules::inventory::api::rules::price(
                "price", "95000",
            )?),
            tax: Set("ppn".to_string()),
            active: Set(true),
            image_url: Set(None),
            tracks_batches: Set(false),
            created_at: Set(Utc::now()),
            updated_at: Set(Utc::now()),
        },
        db,
    )
    .await?;
    let mut rows = Vec::new();
    for (position, (sku, per)) in [("BSK-300", 2), ("CKL-60", 3), ("KRP-150", 2)]
        .into_iter()
        .enumerate()
    {
        let Some(p) = by_sku(sku).await? else {
            return Ok(());
        };
        rows.push(product_component::ActiveModel {
            tenant_id: Set(tenant_id.to_string()),
            bundle_id: Set(parcel.id.clone()),
            component_id: Set(p.id),
            quantity_milli: Set(crate::kernel::money::Milli(per * 1000)),
            position: Set(position as i32),
        });
    }
    crate::modules::inventory::repo::assembly::replace(db, tenant_id, &parcel.id, rows).await?;
    let owner = crate::platform::repo::users::find_by_email(db, "owner@makmur.test")
        .await?
        .map(|u| u.id)
        .unwrap_or_default();
    let (made, _) = assemble(
        db,
        Assemble {
            tenant_id,
            outlet_id: &store.id,
            bundle: &parcel,
            direction: Direction::Build,
            bundles: rust_decimal::Decimal::from(4),
            note: Some("Parsel Lebaran (demo)"),
            user_id: &owner,
            device_id: None,
            prefix: &format!("RK-{}-", Utc::now().format("%Y%m")),
        },
    )
    .await?;
    audit
        .record(
            Change::new("assembly.create", "assembly", &made.id)
                .tenant(Some(tenant_id))
                .outlet(&store.id)
                .after(
                    json!({"number": made.number, "product_id": parcel.id, "direction": "build",
                    "quantity": "4", "value": made.value_sen.text()}),
                ),
        )
        .await
}

/// A demo product's cost: 78% of its price, to the rupiah, so margins show.
fn demo_cost(price: &str) -> Result<crate::kernel::money::Sen, ApiError> {
    let price = crate::modules::inventory::api::rules::price("price", price)?;
    let cost = domain::money::round_rupiah(
        price.dec() * rust_decimal::Decimal::new(78, 2),
        domain::money::Rounding::HalfUp,
    );
    crate::kernel::money::Sen::of(cost)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_qris_is_a_valid_static_one() {
        let q = domain::qris::parse(&super::demo_static_qris()).expect("valid QRIS");
        assert!(!q.is_dynamic());
        assert_eq!(q.merchant_name(), Some("Minimarket Makmur"));
        let dynamic = domain::qris::to_dynamic(&super::demo_static_qris(), 15_000.into()).unwrap();
        assert_eq!(
            domain::qris::parse(&dynamic).unwrap().amount().unwrap(),
            Some(15_000.into())
        );
    }
}
