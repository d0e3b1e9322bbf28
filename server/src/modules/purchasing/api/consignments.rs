//! Consignment (titip jual): products a supplier leaves on the shelf and still owns, at the
//! price the shop owes per unit sold. A settlement per supplier, location and period lists
//! what was sold (less refunds, from the stock ledger) and the amount due, and records the
//! unsold units the supplier takes back; a period is settled once.
use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{Duration, NaiveDate};
use domain::api::consignment::{
    ConsignedProductInput, ConsignedProductPage, ConsignedProductView, SettlementInput,
    SettlementLineView, SettlementPage, SettlementView,
};
use domain::purchasing::consignment::{check_period, owed, PeriodError};
use sea_orm::{ConnectionTrait, Set};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use super::suppliers::page;
use super::views::{decimal, outlet_names};
use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::{now_text, Zone};
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::repo::DbResult;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::repo::stock;
use crate::modules::purchasing::entity::{
    consignment_product, consignment_settlement, consignment_settlement_line,
};
use crate::modules::purchasing::repo::{consignment as repo, suppliers};
use crate::platform::api::outlets::accessible;

/// Consigned products one supplier may have.
const PRODUCTS_MAX: u64 = 500;

#[utoipa::path(put, path = "/consignments/products", tag = "purchasing", request_body = ConsignedProductInput,
    responses((status = 204, description = "Consigned at this price (or no longer)"), (status = 409, description = "`consigned_elsewhere`"), (status = 422)))]
pub async fn set_product(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<ConsignedProductInput>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let tenant_id = auth.tenant()?.to_string();
    let supplier = suppliers::find(&state.db, &tenant_id, &req.supplier_id)
        .await?
        .ok_or_else(|| ApiError::validation("supplier_id", "Pemasok tidak ditemukan."))?;
    let product =
        stock::products_by_id(&state.db, &tenant_id, std::slice::from_ref(&req.product_id))
            .await?
            .remove(&req.product_id)
            .ok_or_else(|| ApiError::validation("product_id", "Produk tidak ditemukan."))?;
    let price = Sen::of(input::amount("price", decimal("price", &req.price)?)?)?;
    let active = req.active;
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            let now = now_text();
            let before = repo::find_product(txn, &tenant_id, &product.id).await?;
            match &before {
                Some(b) if b.supplier_id != supplier.id && b.active => {
                    return Err(ApiError::conflict(
                        "consigned_elsewhere",
                        format!("{} sudah dititipkan pemasok lain; akhiri dulu titipan itu.", product.name),
                    ))
                }
                Some(b) => {
                    let mut row: consignment_product::ActiveModel = b.clone().into();
                    row.supplier_id = Set(supplier.id.clone());
                    row.price_sen = Set(price);
                    row.active = Set(active);
                    row.updated_at = Set(now);
                    repo::save_product(txn, row).await?;
                }
                None => {
                    repo::insert_product(
                        txn,
                        consignment_product::ActiveModel {
                            id: Set(new_id()),
                            tenant_id: Set(tenant_id.clone()),
                            supplier_id: Set(supplier.id.clone()),
                            product_id: Set(product.id.clone()),
                            price_sen: Set(price),
                            active: Set(active),
                            updated_at: Set(now),
                        },
                    )
                    .await?
                }
            }
            audit
                .record(
                    Change::new("consignment.product", "product", &product.id)
                        .before(json!(before.map(|b| json!({"supplier_id": b.supplier_id, "price": b.price_sen.text(), "active": b.active}))))
                        .after(json!({"supplier_id": supplier.id, "price": price.text(), "active": active})),
                )
                .await?;
            Ok(())
        })
    })
    .await;
    saved.map_err(|e| {
        if e.is_duplicate() {
            ApiError::conflict(
                "consigned_elsewhere",
                "Produk ini sudah dititipkan; kirim lagi.",
            )
        } else {
            e
        }
    })?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
pub struct ConsignedFilter {
    pub supplier_id: Option<String>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

async fn product_views<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    rows: Vec<consignment_product::Model>,
) -> DbResult<Vec<ConsignedProductView>> {
    let ids: Vec<String> = rows.iter().map(|r| r.product_id.clone()).collect();
    let products = stock::products_by_id(db, tenant_id, &ids).await?;
    let names = suppliers::names(db, tenant_id, rows.iter().map(|r| r.supplier_id.clone())).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let p = products.get(&r.product_id);
            ConsignedProductView {
                sku: p.map(|p| p.sku.clone()).unwrap_or_default(),
                name: p.map(|p| p.name.clone()).unwrap_or_default(),
                unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
                supplier_name: names.get(&r.supplier_id).cloned().unwrap_or_default(),
                product_id: r.product_id,
                supplier_id: r.supplier_id,
                price: r.price_sen.text(),
                active: r.active,
            }
        })
        .collect())
}

#[utoipa::path(get, path = "/consignments/products", tag = "purchasing", params(ConsignedFilter),
    responses((status = 200, body = ConsignedProductPage)))]
pub async fn products(
    State(state): State<AppState>,
    auth: Auth,
    Query(f): Query<ConsignedFilter>,
) -> ApiResult<Json<ConsignedProductPage>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let tenant_id = auth.tenant()?;
    let (limit, offset) = page(f.limit, f.offset)?;
    let supplier = f.supplier_id.as_deref().filter(|s| !s.trim().is_empty());
    let (rows, total) =
        repo::products(&state.db, tenant_id, supplier, false, limit, offset).await?;
    Ok(Json(ConsignedProductPage {
        items: product_views(&state.db, tenant_id, rows).await?,
        total,
        limit,
        offset,
    }))
}

fn period(from: &str, to: &str) -> ApiResult<(NaiveDate, NaiveDate)> {
    let (from, to) = (input::date("from", from)?, input::date("to", to)?);
    check_period(from, to).map_err(|e| match e {
        PeriodError::Backwards => ApiError::validation("to", "Tanggal akhir sebelum tanggal awal."),
        PeriodError::TooLong => ApiError::validation(
            "to",
            format!(
                "Satu settlement paling lama {} hari.",
                domain::purchasing::consignment::PERIOD_DAYS_MAX
            ),
        ),
    })?;
    Ok((from, to))
}

/// The lines of a period: each consigned product of the supplier with what was sold of it
/// (at one location, or at all of them), at its price.
async fn lines_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: &str,
    outlet: Option<(&str, Zone)>,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<Vec<(consignment_product::Model, i64)>> {
    let (rows, _) =
        repo::products(db, tenant_id, Some(supplier_id), false, PRODUCTS_MAX, 0).await?;
    let zone = outlet.map_or(Zone::Wib, |(_, z)| z);
    let sold = repo::sold(
        db,
        tenant_id,
        outlet.map(|(o, _)| o),
        rows.iter().map(|r| r.product_id.clone()).collect(),
        &zone.midnight_text(from),
        &zone.midnight_text(to + Duration::days(1)),
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let s = sold.get(&r.product_id).copied().unwrap_or(0);
            // An ended consignment still shows when something of it sold in the period.
            (r.active || s != 0).then_some((r, s))
        })
        .collect())
}

#[allow(clippy::too_many_arguments)]
async fn view_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    header: Option<consignment_settlement::Model>,
    supplier_id: &str,
    outlet_id: &str,
    (from, to): (NaiveDate, NaiveDate),
    lines: Vec<(String, i64, Sen, i64)>,
    on_hand: Option<&HashMap<String, i64>>,
) -> ApiResult<SettlementView> {
    let ids: Vec<String> = lines.iter().map(|l| l.0.clone()).collect();
    let products = stock::products_by_id(db, tenant_id, &ids).await?;
    let supplier_name = suppliers::names(db, tenant_id, [supplier_id.to_string()])
        .await?
        .remove(supplier_id)
        .unwrap_or_default();
    let outlet_name = outlet_names(db, tenant_id)
        .await?
        .remove(outlet_id)
        .unwrap_or_default();
    let mut total = rust_decimal::Decimal::ZERO;
    let lines = lines
        .into_iter()
        .map(|(product_id, sold, price, returned)| {
            let amount = owed(Milli(sold).dec(), price.dec());
            total += amount;
            let p = products.get(&product_id);
            SettlementLineView {
                sku: p.map(|p| p.sku.clone()).unwrap_or_default(),
                name: p.map(|p| p.name.clone()).unwrap_or_default(),
                unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
                sold: Milli(sold).text(),
                price: price.text(),
                amount: amount.to_string(),
                returned: Milli(returned).text(),
                on_hand: on_hand.map(|h| Milli(h.get(&product_id).copied().unwrap_or(0)).text()),
                product_id,
            }
        })
        .collect();
    let created_by = match &header {
        Some(h) => crate::platform::repo::users::names(db, tenant_id, [h.created_by.clone()])
            .await?
            .remove(&h.created_by)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(SettlementView {
        id: header.as_ref().map(|h| h.id.clone()).unwrap_or_default(),
        number: header
            .as_ref()
            .map(|h| h.number.clone())
            .unwrap_or_default(),
        amount: header
            .as_ref()
            .map_or_else(|| total.to_string(), |h| h.amount_sen.text()),
        note: header.as_ref().and_then(|h| h.note.clone()),
        created_at: header
            .as_ref()
            .map(|h| h.created_at.clone())
            .unwrap_or_default(),
        created_by,
        supplier_id: supplier_id.to_string(),
        supplier_name,
        outlet_id: outlet_id.to_string(),
        outlet_name,
        from: from.to_string(),
        to: to.to_string(),
        lines,
    })
}

#[derive(Deserialize, IntoParams)]
pub struct PreviewQuery {
    pub supplier_id: String,
    pub outlet_id: String,
    pub from: String,
    pub to: String,
}

#[utoipa::path(get, path = "/consignments/settlements/preview", tag = "purchasing", params(PreviewQuery),
    responses((status = 200, body = SettlementView, description = "What a settlement of this period would list"), (status = 422)))]
pub async fn preview(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<PreviewQuery>,
) -> ApiResult<Json<SettlementView>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let tenant_id = auth.tenant()?;
    let supplier = suppliers::find(&state.db, tenant_id, &q.supplier_id)
        .await?
        .ok_or_else(|| ApiError::validation("supplier_id", "Pemasok tidak ditemukan."))?;
    let outlet = accessible(&state, &auth, &q.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let (from, to) = period(&q.from, &q.to)?;
    let zone = Zone::parse(&outlet.timezone);
    let rows = lines_of(
        &state.db,
        tenant_id,
        &supplier.id,
        Some((&outlet.id, zone)),
        from,
        to,
    )
    .await?;
    let ids: Vec<String> = rows.iter().map(|(r, _)| r.product_id.clone()).collect();
    let on_hand = stock::stock_levels(&state.db, tenant_id, &outlet.id, Some(&ids)).await?;
    let lines = rows
        .into_iter()
        .map(|(r, sold)| (r.product_id, sold, r.price_sen, 0))
        .collect();
    Ok(Json(
        view_of(
            &state.db,
            tenant_id,
            None,
            &supplier.id,
            &outlet.id,
            (from, to),
            lines,
            Some(&on_hand),
        )
        .await?,
    ))
}

#[utoipa::path(post, path = "/consignments/settlements", tag = "purchasing", request_body = SettlementInput,
    responses((status = 201, body = SettlementView), (status = 409, description = "`period_settled` or `insufficient_stock`"), (status = 422)))]
pub async fn settle(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<SettlementInput>,
) -> ApiResult<(StatusCode, Json<SettlementView>)> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let tenant_id = auth.tenant()?.to_string();
    let supplier = suppliers::find(&state.db, &tenant_id, &req.supplier_id)
        .await?
        .ok_or_else(|| ApiError::validation("supplier_id", "Pemasok tidak ditemukan."))?;
    let outlet = accessible(&state, &auth, &req.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let (from, to) = period(&req.from, &req.to)?;
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, true)?,
        None => None,
    };
    if req.returned.len() > PRODUCTS_MAX as usize {
        return Err(ApiError::validation("returned", "Terlalu banyak baris."));
    }
    let mut returned: HashMap<String, i64> = HashMap::new();
    for (i, r) in req.returned.iter().enumerate() {
        let field = format!("returned[{i}].quantity");
        let q = input::quantity(&field, decimal(&field, &r.quantity)?)?;
        *returned.entry(r.product_id.clone()).or_default() += stock::to_milli(q)?;
    }
    let zone = Zone::parse(&outlet.timezone);
    let prefix = format!("CS-{}-", to.format("%Y%m"));
    let (user_id, device_id) = (auth.user.id.clone(), auth.device_id.clone());
    let (supplier_id, outlet_id) = (supplier.id.clone(), outlet.id.clone());
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            // One settlement at a time per location: two for one period cannot both pass
            // the overlap check.
            crate::platform::repo::outlets::lock(txn, &tenant_id, &outlet_id).await?;
            if let Some(s) = repo::overlapping(txn, &tenant_id, &supplier_id, &outlet_id, &from.to_string(), &to.to_string()).await? {
                return Err(ApiError::conflict(
                    "period_settled",
                    format!("Periode ini sudah diselesaikan di {} ({} s.d. {}).", s.number, s.period_from, s.period_to),
                ));
            }
            let rows = lines_of(txn, &tenant_id, &supplier_id, Some((&outlet_id, zone)), from, to).await?;
            if let Some(p) = returned.keys().find(|p| !rows.iter().any(|(r, _)| &r.product_id == *p)) {
                return Err(ApiError::validation("returned", format!("Produk {p} bukan titipan pemasok ini.")));
            }
            let ids: Vec<String> = rows.iter().map(|(r, _)| r.product_id.clone()).collect();
            let on_hand = stock::stock_levels(txn, &tenant_id, &outlet_id, Some(&ids)).await?;
            let number = repo::next_number(txn, &tenant_id, &prefix).await?;
            let id = new_id();
            let mut total = rust_decimal::Decimal::ZERO;
            let mut lines = Vec::with_capacity(rows.len());
            let mut kept = Vec::with_capacity(rows.len());
            for (r, sold) in &rows {
                let back = returned.get(&r.product_id).copied().unwrap_or(0);
                if back > on_hand.get(&r.product_id).copied().unwrap_or(0) {
                    return Err(ApiError::conflict(
                        "insufficient_stock",
                        "Jumlah yang dikembalikan melebihi stok di rak.",
                    ));
                }
                let amount = owed(Milli(*sold).dec(), r.price_sen.dec());
                total += amount;
                lines.push(consignment_settlement_line::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.clone()),
                    settlement_id: Set(id.clone()),
                    product_id: Set(r.product_id.clone()),
                    sold_milli: Set(Milli(*sold)),
                    price_sen: Set(r.price_sen),
                    amount_sen: Set(Sen::of(amount)?),
                    returned_milli: Set(Milli(back)),
                });
                kept.push((r.product_id.clone(), *sold, r.price_sen, back));
            }
            let saved = repo::insert_settlement(
                txn,
                consignment_settlement::ActiveModel {
                    id: Set(id.clone()),
                    tenant_id: Set(tenant_id.clone()),
                    number: Set(number.clone()),
                    supplier_id: Set(supplier_id.clone()),
                    outlet_id: Set(outlet_id.clone()),
                    period_from: Set(from.to_string()),
                    period_to: Set(to.to_string()),
                    amount_sen: Set(Sen::of(total)?),
                    note: Set(note),
                    created_by: Set(user_id.clone()),
                    device_id: Set(device_id.clone()),
                    created_at: Set(now_text()),
                },
                lines,
            )
            .await?;
            for (product_id, _, _, back) in kept.iter().filter(|k| k.3 > 0) {
                stock::record_movement(
                    txn,
                    stock::Movement {
                        tenant_id: &tenant_id,
                        outlet_id: &outlet_id,
                        product_id,
                        kind: "consignment_return",
                        quantity: -Milli(*back).dec(),
                        reference: Some(&number),
                        reason: Some("Titipan tidak terjual diambil pemasok"),
                        user_id: Some(&user_id),
                        device_id: device_id.as_deref(),
                    },
                )
                .await?;
            }
            audit
                .record(
                    Change::new("consignment_settlement.create", "consignment_settlement", &saved.id)
                        .outlet(&saved.outlet_id)
                        .after(json!({"number": saved.number, "supplier_id": saved.supplier_id,
                            "from": saved.period_from, "to": saved.period_to, "amount": saved.amount_sen.text()})),
                )
                .await?;
            Ok((saved, kept))
        })
    })
    .await
    .map_err(|e| if e.is_duplicate() {
        ApiError::conflict("number_taken", "Nomor settlement bentrok; kirim lagi.")
    } else {
        e
    })?;
    let (header, kept) = saved;
    let view = view_of(
        &state.db,
        auth.tenant()?,
        Some(header),
        &supplier.id,
        &outlet.id,
        (from, to),
        kept,
        None,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

pub async fn settlement_view<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    s: consignment_settlement::Model,
) -> ApiResult<SettlementView> {
    let lines = repo::settlement_lines(db, tenant_id, &s.id)
        .await?
        .into_iter()
        .map(|l| {
            (
                l.product_id,
                l.sold_milli.0,
                l.price_sen,
                l.returned_milli.0,
            )
        })
        .collect();
    let (from, to) = (
        NaiveDate::parse_from_str(&s.period_from, "%Y-%m-%d").unwrap_or_default(),
        NaiveDate::parse_from_str(&s.period_to, "%Y-%m-%d").unwrap_or_default(),
    );
    let (supplier_id, outlet_id) = (s.supplier_id.clone(), s.outlet_id.clone());
    view_of(
        db,
        tenant_id,
        Some(s),
        &supplier_id,
        &outlet_id,
        (from, to),
        lines,
        None,
    )
    .await
}

#[derive(Deserialize, IntoParams)]
pub struct SettlementFilter {
    pub supplier_id: Option<String>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

pub async fn settlement_page<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: Option<&str>,
    outlets: Option<&[String]>,
    limit: Option<u64>,
    offset: Option<u64>,
) -> ApiResult<SettlementPage> {
    let (limit, offset) = page(limit, offset)?;
    let (rows, total) =
        repo::settlements(db, tenant_id, supplier_id, outlets, limit, offset).await?;
    let mut items = Vec::with_capacity(rows.len());
    for s in rows {
        items.push(settlement_view(db, tenant_id, s).await?);
    }
    Ok(SettlementPage {
        items,
        total,
        limit,
        offset,
    })
}

#[utoipa::path(get, path = "/consignments/settlements", tag = "purchasing", params(SettlementFilter),
    responses((status = 200, body = SettlementPage)))]
pub async fn settlements(
    State(state): State<AppState>,
    auth: Auth,
    Query(f): Query<SettlementFilter>,
) -> ApiResult<Json<SettlementPage>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let supplier = f.supplier_id.as_deref().filter(|s| !s.trim().is_empty());
    Ok(Json(
        settlement_page(
            &state.db,
            auth.tenant()?,
            supplier,
            auth.outlet_ids.as_deref(),
            f.limit,
            f.offset,
        )
        .await?,
    ))
}

#[utoipa::path(get, path = "/consignments/settlements/{id}", tag = "purchasing", params(("id" = String, Path)),
    responses((status = 200, body = SettlementView), (status = 404)))]
pub async fn settlement(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<SettlementView>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let tenant_id = auth.tenant()?;
    let s = repo::find_settlement(&state.db, tenant_id, &id)
        .await?
        .filter(|s| auth.can_access_outlet(&s.outlet_id))
        .ok_or(ApiError::NotFound("Settlement titipan"))?;
    Ok(Json(settlement_view(&state.db, tenant_id, s).await?))
}

/// The supplier's view: its consigned products and what sold of them in a period across
/// the shop's locations, never anything else of the shop's sales.
pub async fn supplier_sold<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: &str,
    from: &str,
    to: &str,
) -> ApiResult<Vec<SettlementLineView>> {
    let (from, to) = period(from, to)?;
    let rows = lines_of(db, tenant_id, supplier_id, None, from, to).await?;
    let ids: Vec<String> = rows.iter().map(|(r, _)| r.product_id.clone()).collect();
    let products = stock::products_by_id(db, tenant_id, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|(r, sold)| {
            let p = products.get(&r.product_id);
            SettlementLineView {
                sku: p.map(|p| p.sku.clone()).unwrap_or_default(),
                name: p.map(|p| p.name.clone()).unwrap_or_default(),
                unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
                sold: Milli(sold).text(),
                price: r.price_sen.text(),
                amount: owed(Milli(sold).dec(), r.price_sen.dec()).to_string(),
                returned: "0".into(),
                on_hand: None,
                product_id: r.product_id,
            }
        })
        .collect())
}
