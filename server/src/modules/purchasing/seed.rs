//! Purchasing's demo: PT Sumber Pangan (PKP, 30 days; `supplier@makmur.test`) with an
//! order sent and one partly received (48 of 60 karton of milk, with batch and expiry),
//! CV Segar Jaya (not PKP, 7 days; `supplier2@makmur.test`), what each supplies, and
//! reorder points at the minimarket; a bread order from CV Segar Jaya received forty days
//! ago and its invoice, a month overdue and partly paid; the warehouse Gudang Makmur
//! (`GDM1`) stocked by a received order. Once: a seed run again finds the suppliers and adds
//! nothing.
use chrono::{Duration, Utc};
use futures::future::BoxFuture;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use serde_json::json;

use crate::kernel::auth::secret::new_id;
use crate::kernel::error::ApiError;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::package::SeedContext;
use crate::kernel::txn::Change;
use crate::modules::inventory::entity::{product, reorder_point};
use crate::modules::inventory::repo::{costs, stock};
use crate::modules::purchasing::entity::{
    goods_receipt, goods_receipt_line, purchase_order, purchase_order_line, supplier,
    supplier_invoice, supplier_invoice_line, supplier_invoice_receipt, supplier_payment,
};
use crate::modules::purchasing::repo::{payables, suppliers};
use domain::purchasing::cost::CostPool;
use domain::purchasing::invoice::InvoiceStatus;
use domain::purchasing::order::{totals, LineInput, PoStatus};

struct DemoSupplier {
    name: &'static str,
    contact: &'static str,
    phone: &'static str,
    address: &'static str,
    npwp: Option<&'static str>,
    terms: &'static str,
    bank: &'static str,
    user: &'static str,
    /// (sku, unit of purchase, base units in it, price per unit of purchase, code)
    offers: &'static [(&'static str, &'static str, i64, i64, &'static str)],
}

const SUPPLIERS: [DemoSupplier; 2] = [
    DemoSupplier {
        name: "PT Sumber Pangan",
        contact: "Rina Hartati",
        phone: "+6281234500001",
        address: "Jl. Kaligawe Raya No. 88, Semarang",
        npwp: Some("012345678902000"),
        terms: "net30",
        bank: "BCA 0123456789 a.n. PT Sumber Pangan",
        user: "supplier@makmur.test",
        offers: &[
            ("UHT-250", "karton", 24, 132_000, "SP-UHT250"),
            ("MIE-001", "dus", 40, 108_000, "SP-MIE85"),
            ("TEH-350", "karton", 24, 84_000, "SP-TEH350"),
            ("GULA-1KG", "bal", 20, 300_000, "SP-GULA1"),
            ("KOPI-165", "karton", 12, 210_000, "SP-KOPI165"),
        ],
    },
    DemoSupplier {
        name: "CV Segar Jaya",
        contact: "Joko Susilo",
        phone: "+6285712300002",
        address: "Pasar Johar Blok C-12, Semarang",
        npwp: None,
        terms: "net7",
        bank: "BRI 0987654321 a.n. Joko Susilo",
        user: "supplier2@makmur.test",
        offers: &[
            ("TLR-10", "pcs", 1, 21_000, "SJ-TLR"),
            ("ROTI-400", "pcs", 1, 11_500, "SJ-ROTI"),
        ],
    },
];

pub fn seed<'a>(
    txn: &'a DatabaseTransaction,
    ctx: &'a SeedContext<'a>,
) -> BoxFuture<'a, Result<(), ApiError>> {
    Box::pin(async move {
        if !ctx.with_catalogue {
            return Ok(());
        }
        let tenant_id = ctx.tenant_id;
        let Some(store) = crate::platform::entity::outlet::Entity::find()
            .filter(crate::platform::entity::outlet::Column::TenantId.eq(tenant_id))
            .filter(crate::platform::entity::outlet::Column::Code.eq("MKM1"))
            .one(txn)
            .await?
        else {
            return Ok(());
        };
        let mut ids = Vec::new();
        for s in &SUPPLIERS {
            if suppliers::name_taken(txn, tenant_id, s.name, None).await? {
                return Ok(());
            }
            let id = new_id();
            suppliers::insert(
                txn,
                supplier::ActiveModel {
                    id: Set(id.clone()),
                    tenant_id: Set(tenant_id.to_string()),
                    name: Set(s.name.to_string()),
                    contact_name: Set(Some(s.contact.to_string())),
                    phone: Set(Some(s.phone.to_string())),
                    address: Set(Some(s.address.to_string())),
                    npwp: Set(s.npwp.map(str::to_string)),
                    pkp: Set(s.npwp.is_some()),
                    payment_terms: Set(s.terms.to_string()),
                    bank_account: Set(Some(s.bank.to_string())),
                    active: Set(true),
                    created_at: Set(Utc::now()),
                },
            )
            .await?;
            ctx.audit
                .record(
                    Change::new("supplier.create", "supplier", &id)
                        .tenant(Some(tenant_id))
                        .after(json!({"name": s.name})),
                )
                .await?;
            if let Some(u) = crate::platform::repo::users::find_by_email(txn, s.user).await? {
                suppliers::link_user(txn, tenant_id, &id, &u.id).await?;
            }
            for (sku, unit, per, price, code) in s.offers {
                let Some(p) = by_sku(txn, tenant_id, sku).await? else {
                    continue;
                };
                suppliers::upsert_offer(
                    txn,
                    suppliers::Offer {
                        tenant_id,
                        supplier_id: &id,
                        product_id: &p.id,
                        supplier_code: Some(code.to_string()),
                        purchase_unit: unit.to_string(),
                        per_base: Milli(per * 1000),
                        last_price: Some(Sen(price * 100)),
                    },
                )
                .await?;
            }
            ids.push(id);
        }
        let sumber = &ids[0];
        let now = Utc::now();
        let at = |days_ago: i64| {
            (now - Duration::days(days_ago)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
        };
        let day = |days: i64| (now + Duration::days(days)).date_naive().to_string();
        let prefix = format!("PO-{}-", now.format("%Y%m"));

        // Sent on Monday, not yet confirmed: noodles and tea.
        order(
            txn,
            tenant_id,
            sumber,
            &store.id,
            &format!("{prefix}0001"),
            PoStatus::Sent,
            &[("MIE-001", 10, 108_000), ("TEH-350", 5, 84_000)],
            &at(1),
            Some(day(3)),
            &[],
        )
        .await?;
        // 60 karton of milk, 48 came (batch UHT-2612A, best before in 20 days); 12 to follow.
        order(
            txn,
            tenant_id,
            sumber,
            &store.id,
            &format!("{prefix}0002"),
            PoStatus::PartiallyReceived,
            &[("UHT-250", 60, 132_000)],
            &at(6),
            Some(day(-2)),
            &[("UHT-250", 48 * 24, "UHT-2612A", day(20))],
        )
        .await?;

        // Bread from CV Segar Jaya, delivered forty days ago and billed the next day
        // (7 days' terms, so a month overdue); Rp100.000 paid since.
        let segar = &ids[1];
        if let Some((po_id, receipt_id)) = order(
            txn,
            tenant_id,
            segar,
            &store.id,
            &format!("{prefix}0003"),
            PoStatus::Received,
            &[("ROTI-400", 30, 11_500)],
            &at(40),
            Some(day(-40)),
            &[("ROTI-400", 30, "RT-1028", day(-35))],
        )
        .await?
        {
            invoice(
                txn,
                ctx,
                segar,
                &store.id,
                &po_id,
                &receipt_id,
                &day(-39),
                &day(-32),
                &day(-20),
            )
            .await?;
        }
        // The warehouse Gudang Makmur (no till) holds the bulk: sugar, noodles and tea
        // delivered by PT Sumber Pangan a fortnight ago, for transfers to the store.
        crate::seed::demo_location(
            txn,
            ctx.audit,
            tenant_id,
            (
                "GDM1",
                "Gudang Makmur",
                "Jl. Kaligawe Raya No. 12, Semarang",
                "retail",
            ),
            domain::location::LocationKind::Warehouse,
            json!({}),
        )
        .await?;
        if let Some(warehouse) = crate::platform::entity::outlet::Entity::find()
            .filter(crate::platform::entity::outlet::Column::TenantId.eq(tenant_id))
            .filter(crate::platform::entity::outlet::Column::Code.eq("GDM1"))
            .one(txn)
            .await?
        {
            order(
                txn,
                tenant_id,
                sumber,
                &warehouse.id,
                &format!("{prefix}0004"),
                PoStatus::Received,
                &[
                    ("GULA-1KG", 10, 300_000),
                    ("MIE-001", 5, 108_000),
                    ("TEH-350", 4, 84_000),
                ],
                &at(14),
                Some(day(-12)),
                &[
                    ("GULA-1KG", 200, "", day(0)),
                    ("MIE-001", 200, "", day(0)),
                    ("TEH-350", 96, "", day(0)),
                ],
            )
            .await?;
        }

        // CV Segar Jaya's eggs are consigned (titip jual): owed at Rp21.000 a pack sold.
        if let Some(eggs) = by_sku(txn, tenant_id, "TLR-10").await? {
            crate::modules::purchasing::repo::consignment::insert_product(
                txn,
                crate::modules::purchasing::entity::consignment_product::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.to_string()),
                    supplier_id: Set(segar.clone()),
                    product_id: Set(eggs.id),
                    price_sen: Set(Sen(21_000 * 100)),
                    active: Set(true),
                    updated_at: Set(at(0)),
                },
            )
            .await?;
        }

        // Milk and bread are tracked by batch: the opening stock is a batch of its own.
        // The milk expires within a month; every loaf of bread is past its date, so the
        // till refuses it.
        for (sku, batch, days) in [("UHT-250", "UHT-2611Z", 12), ("ROTI-400", "RT-1120", -2)] {
            let Some(p) = by_sku(txn, tenant_id, sku).await? else {
                continue;
            };
            let mut row: product::ActiveModel = p.clone().into();
            row.tracks_batches = Set(true);
            sea_orm::ActiveModelTrait::update(row, txn).await?;
            let on_hand =
                stock::stock_levels(txn, tenant_id, &store.id, Some(std::slice::from_ref(&p.id)))
                    .await?
                    .get(&p.id)
                    .copied()
                    .unwrap_or(0);
            let batched: i64 = crate::modules::inventory::repo::batches::of_product(
                txn, tenant_id, &store.id, &p.id,
            )
            .await?
            .iter()
            .map(|b| b.quantity_milli.0)
            .sum();
            if on_hand > batched {
                crate::modules::inventory::repo::batches::receive(
                    txn,
                    tenant_id,
                    &store.id,
                    &p.id,
                    batch,
                    Some(&day(days)),
                    on_hand - batched,
                    &at(30),
                )
                .await?;
            }
        }

        for (sku, point, order_qty) in [
            ("UHT-250", 60, 240),
            ("GULA-1KG", 60, 100),
            ("KOPI-165", 60, 48),
        ] {
            let Some(p) = by_sku(txn, tenant_id, sku).await? else {
                continue;
            };
            costs::set_reorder_point(
                txn,
                reorder_point::Model {
                    tenant_id: tenant_id.to_string(),
                    outlet_id: store.id.clone(),
                    product_id: p.id,
                    point_milli: Milli(point * 1000),
                    order_milli: Milli(order_qty * 1000),
                    updated_at: at(0),
                },
            )
            .await?;
        }
        Ok(())
    })
}

async fn by_sku(
    txn: &DatabaseTransaction,
    tenant_id: &str,
    sku: &str,
) -> Result<Option<product::Model>, ApiError> {
    Ok(product::Entity::find()
        .filter(product::Column::TenantId.eq(tenant_id))
        .filter(product::Column::Sku.eq(sku))
        .one(txn)
        .await?)
}

/// A demo order with its lines (sku, units of purchase, price), and the receipt of
/// `received` (sku, base units, batch, expiry; an empty batch for a product not tracked
/// by batch) when there is one.
#[allow(clippy::too_many_arguments)]
async fn order(
    txn: &DatabaseTransaction,
    tenant_id: &str,
    supplier_id: &str,
    outlet_id: &str,
    number: &str,
    status: PoStatus,
    lines: &[(&str, i64, i64)],
    created_at: &str,
    expected_on: Option<String>,
    received: &[(&str, i64, &str, String)],
) -> Result<Option<(String, String)>, ApiError> {
    let offers = suppliers::products(txn, tenant_id, supplier_id).await?;
    let po_id = new_id();
    let mut amounts = Vec::new();
    let mut rows = Vec::new();
    for (i, (sku, qty, price)) in lines.iter().enumerate() {
        let Some(p) = by_sku(txn, tenant_id, sku).await? else {
            continue;
        };
        let per = offers
            .iter()
            .find(|o| o.product_id == p.id)
            .map_or(Milli(1000), |o| o.per_base_milli);
        let amount = LineInput {
            quantity: Decimal::from(*qty),
            unit_price: Decimal::from(*price),
            discount: Decimal::ZERO,
        };
        let net = amount
            .net()
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("demo order: {e}")))?;
        let got: i64 = received
            .iter()
            .filter(|r| r.0 == *sku)
            .map(|r| r.1 * 1000)
            .sum();
        amounts.push(amount);
        let (net, ordered) = (Sen::of(net)?, Milli(qty * per.0));
        rows.push((
            p,
            net,
            ordered,
            purchase_order_line::ActiveModel {
                id: Set(new_id()),
                tenant_id: Set(tenant_id.to_string()),
                po_id: Set(po_id.clone()),
                line_no: Set(i32::try_from(i + 1).unwrap_or(1)),
                product_id: Set(String::new()),
                purchase_unit: Set(offers
                    .iter()
                    .find(|o| o.per_base_milli == per)
                    .map_or("pcs".into(), |o| o.purchase_unit.clone())),
                per_base_milli: Set(per),
                quantity_milli: Set(Milli(qty * 1000)),
                unit_price_sen: Set(Sen(price * 100)),
                discount_sen: Set(Sen(0)),
                net_sen: Set(net),
                ordered_base_milli: Set(ordered),
                received_base_milli: Set(Milli(got)),
            },
        ));
    }
    let pkp = suppliers::find(txn, tenant_id, supplier_id)
        .await?
        .is_some_and(|s| s.pkp);
    let t = totals(&amounts, pkp)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("demo order: {e}")))?;
    let owner = crate::platform::repo::users::find_by_email(txn, "manager@makmur.test")
        .await?
        .map(|u| u.id)
        .unwrap_or_default();
    let confirmed = matches!(
        status,
        PoStatus::Confirmed | PoStatus::PartiallyReceived | PoStatus::Received
    );
    sea_orm::ActiveModelTrait::insert(
        purchase_order::ActiveModel {
            id: Set(po_id.clone()),
            tenant_id: Set(tenant_id.to_string()),
            number: Set(number.to_string()),
            supplier_id: Set(supplier_id.to_string()),
            outlet_id: Set(outlet_id.to_string()),
            status: Set(status.as_str().to_string()),
            expected_on: Set(expected_on.clone()),
            supplier_pkp: Set(pkp),
            subtotal_sen: Set(Sen::of(t.subtotal)?),
            ppn_sen: Set(Sen::of(t.ppn)?),
            total_sen: Set(Sen::of(t.total)?),
            note: Set(None),
            created_by: Set(owner.clone()),
            created_at: Set(created_at.to_string()),
            sent_at: Set(Some(created_at.to_string())),
            approved_by: Set(Some(owner.clone())),
            confirmed_at: Set(confirmed.then(|| created_at.to_string())),
            delivery_on: Set(if confirmed { expected_on.clone() } else { None }),
            supplier_note: Set(
                confirmed.then(|| "Sisa 12 karton menyusul minggu depan.".to_string())
            ),
            shipped_at: Set(confirmed.then(|| created_at.to_string())),
            delivery_note: Set(confirmed.then(|| "SJ-SP-0412".to_string())),
            closed_at: Set((status == PoStatus::Received).then(|| created_at.to_string())),
            updated_at: Set(created_at.to_string()),
        },
        txn,
    )
    .await?;
    let mut line_ids = Vec::new();
    for (p, net, ordered, mut row) in rows {
        let line_id = new_id();
        row.id = Set(line_id.clone());
        row.product_id = Set(p.id.clone());
        sea_orm::ActiveModelTrait::insert(row, txn).await?;
        line_ids.push((p, line_id, net, ordered));
    }
    if received.is_empty() {
        return Ok(None);
    }
    let receipt_id = new_id();
    let receipt_no = crate::modules::purchasing::repo::orders::next_number(
        txn,
        tenant_id,
        &format!("GR-{}-", Utc::now().format("%Y%m")),
        true,
    )
    .await?;
    let mut goods = Vec::new();
    for (sku, base, batch, expiry) in received {
        let Some((p, line_id, net, ordered)) = line_ids.iter().find(|(p, ..)| p.sku == *sku) else {
            continue;
        };
        let quantity = Decimal::from(*base);
        let value = domain::purchasing::order::stock_value_of(net.dec(), quantity, ordered.dec());
        goods.push((p, line_id, quantity, value, *batch, expiry));
    }
    let total: Decimal = goods.iter().map(|g| g.3).sum();
    let po_id_kept = po_id.clone();
    let manager = crate::platform::repo::users::find_by_email(txn, "manager@makmur.test")
        .await?
        .map(|u| u.id)
        .unwrap_or_default();
    sea_orm::ActiveModelTrait::insert(
        goods_receipt::ActiveModel {
            id: Set(receipt_id.clone()),
            tenant_id: Set(tenant_id.to_string()),
            number: Set(receipt_no.clone()),
            po_id: Set(Some(po_id.clone())),
            supplier_id: Set(Some(supplier_id.to_string())),
            outlet_id: Set(outlet_id.to_string()),
            value_sen: Set(Sen::of(total)?),
            note: Set(
                (status == PoStatus::PartiallyReceived).then(|| "12 karton menyusul.".to_string())
            ),
            user_id: Set(manager),
            device_id: Set(None),
            received_at: Set(created_at.to_string()),
        },
        txn,
    )
    .await?;
    for (p, line_id, quantity, value, batch, expiry) in goods {
        let on_hand =
            stock::stock_levels(txn, tenant_id, outlet_id, Some(std::slice::from_ref(&p.id)))
                .await?;
        let mut pool = CostPool::opening(
            stock::from_milli(on_hand.get(&p.id).copied().unwrap_or(0)),
            p.cost_sen.dec(),
        );
        pool.receive(quantity, value)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("demo receipt: {e}")))?;
        costs::set_unit_cost(
            txn,
            tenant_id,
            outlet_id,
            &p.id,
            Sen::of(pool.average())?,
            created_at,
        )
        .await?;
        sea_orm::ActiveModelTrait::insert(
            goods_receipt_line::ActiveModel {
                id: Set(new_id()),
                tenant_id: Set(tenant_id.to_string()),
                receipt_id: Set(receipt_id.clone()),
                po_line_id: Set(Some(line_id.clone())),
                product_id: Set(p.id.clone()),
                quantity_base_milli: Set(Milli::of(quantity)?),
                value_sen: Set(Sen::of(value)?),
                batch_no: Set(Some(batch.to_string()).filter(|b| !b.is_empty())),
                expires_on: Set(Some(expiry.clone()).filter(|_| !batch.is_empty())),
                flag: Set(None),
            },
            txn,
        )
        .await?;
        if !batch.is_empty() {
            crate::modules::inventory::repo::batches::receive(
                txn,
                tenant_id,
                outlet_id,
                &p.id,
                batch,
                Some(expiry.as_str()),
                Milli::of(quantity)?.0,
                created_at,
            )
            .await?;
        }
        stock::record_movement(
            txn,
            stock::Movement {
                tenant_id,
                outlet_id,
                product_id: &p.id,
                kind: "purchase_receipt",
                quantity,
                reference: Some(&receipt_no),
                reason: None,
                user_id: None,
                device_id: None,
            },
        )
        .await?;
    }
    Ok(Some((po_id_kept, receipt_id)))
}

/// The demo's bread invoice: 30 loaves at Rp11.500 billed as received (a match), with a
/// Rp100.000 transfer paid on `paid_on`.
#[allow(clippy::too_many_arguments)]
async fn invoice(
    txn: &DatabaseTransaction,
    ctx: &SeedContext<'_>,
    supplier_id: &str,
    outlet_id: &str,
    po_id: &str,
    receipt_id: &str,
    invoice_on: &str,
    due_on: &str,
    paid_on: &str,
) -> Result<(), ApiError> {
    let tenant_id = ctx.tenant_id;
    let Some(p) = by_sku(txn, tenant_id, "ROTI-400").await? else {
        return Ok(());
    };
    let owner = crate::platform::repo::users::find_by_email(txn, "owner@makmur.test")
        .await?
        .map(|u| u.id)
        .unwrap_or_default();
    let (quantity, value, paid) = (Milli(30_000), Sen(345_000 * 100), Sen(100_000 * 100));
    let id = new_id();
    let at = format!("{invoice_on}T03:00:00.000000Z");
    payables::insert(
        txn,
        supplier_invoice::ActiveModel {
            id: Set(id.clone()),
            tenant_id: Set(tenant_id.to_string()),
            supplier_id: Set(supplier_id.to_string()),
            outlet_id: Set(outlet_id.to_string()),
            po_id: Set(Some(po_id.to_string())),
            number: Set("SJ/INV/1187".to_string()),
            invoice_on: Set(invoice_on.to_string()),
            due_on: Set(due_on.to_string()),
            subtotal_sen: Set(value),
            ppn_sen: Set(Sen::ZERO),
            expected_ppn_sen: Set(Sen::ZERO),
            total_sen: Set(value),
            paid_sen: Set(paid),
            status: Set(InvoiceStatus::PartlyPaid.as_str().to_string()),
            matched: Set(true),
            note: Set(None),
            created_by: Set(owner.clone()),
            device_id: Set(None),
            created_at: Set(at.clone()),
            updated_at: Set(at.clone()),
        },
        vec![supplier_invoice_line::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.to_string()),
            invoice_id: Set(id.clone()),
            line_no: Set(1),
            product_id: Set(p.id),
            ordered_base_milli: Set(quantity),
            ordered_sen: Set(value),
            received_base_milli: Set(quantity),
            received_sen: Set(value),
            invoiced_base_milli: Set(quantity),
            invoiced_sen: Set(value),
            mismatches: Set(String::new()),
        }],
        vec![supplier_invoice_receipt::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.to_string()),
            invoice_id: Set(id.clone()),
            receipt_id: Set(receipt_id.to_string()),
        }],
    )
    .await?;
    payables::insert_payment(
        txn,
        supplier_payment::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.to_string()),
            invoice_id: Set(id.clone()),
            supplier_id: Set(supplier_id.to_string()),
            amount_sen: Set(paid),
            paid_on: Set(paid_on.to_string()),
            method: Set("transfer".to_string()),
            reference: Set(Some("BRI 20 hari lalu".to_string())),
            user_id: Set(owner),
            device_id: Set(None),
            created_at: Set(format!("{paid_on}T04:00:00.000000Z")),
        },
    )
    .await?;
    ctx.audit
        .record(
            Change::new("supplier_invoice.create", "supplier_invoice", &id)
                .tenant(Some(tenant_id))
                .outlet(outlet_id)
                .after(
                    json!({"number": "SJ/INV/1187", "total": value.text(), "paid": paid.text()}),
                ),
        )
        .await?;
    Ok(())
}
