//! Stock per batch and expiry: the batches expiring within 30, 60 or 90 days (expired
//! ones first), and one product's batches at a location with what no batch covers.
use axum::extract::State;
use domain::api::inventory::{BatchPage, BatchView, ProductBatches};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::kernel::auth::Auth;
use crate::kernel::business_day::Zone;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::modules::inventory::entity::{product, stock_batch};
use crate::modules::inventory::repo::{batches, costs, stock};
use crate::platform::api::outlets::accessible;

/// The furthest ahead the expiring list looks.
pub const EXPIRING_DAYS_MAX: i64 = 366;

#[derive(Deserialize, IntoParams)]
pub struct ExpiringQuery {
    pub outlet_id: String,
    /// 30, 60 or 90 (any 0 to 366); default 30.
    pub days: Option<i64>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

fn view(
    b: stock_batch::Model,
    p: Option<&product::Model>,
    unit_cost: Option<Sen>,
    today: chrono::NaiveDate,
) -> BatchView {
    let expires = b
        .expires_on
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let cost = unit_cost.or(p.map(|p| p.cost_sen)).unwrap_or(Sen::ZERO);
    BatchView {
        sku: p.map(|p| p.sku.clone()).unwrap_or_default(),
        name: p.map(|p| p.name.clone()).unwrap_or_default(),
        unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
        quantity: b.quantity_milli.text(),
        value: (cost.dec() * b.quantity_milli.dec())
            .round_dp(2)
            .to_string(),
        days_left: expires.map(|d| (d - today).num_days()),
        expired: domain::purchasing::fefo::is_expired(expires, today),
        id: b.id,
        product_id: b.product_id,
        batch_no: b.batch_no,
        expires_on: b.expires_on,
    }
}

#[utoipa::path(get, path = "/stock-batches/expiring", tag = "stock", params(ExpiringQuery),
    responses((status = 200, body = BatchPage), (status = 422)))]
pub async fn expiring(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ExpiringQuery>,
) -> ApiResult<Json<BatchPage>> {
    auth.require(Permission::ADJUST_STOCK)?;
    let tenant_id = auth.tenant()?;
    let o = accessible(&state, &auth, &q.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let days = q.days.unwrap_or(30);
    if !(0..=EXPIRING_DAYS_MAX).contains(&days) {
        return Err(ApiError::validation(
            "days",
            format!("Hari harus 0 sampai {EXPIRING_DAYS_MAX}."),
        ));
    }
    let (limit, offset) = crate::kernel::input::page(q.limit, q.offset, 50, 200)?;
    let today = Zone::parse(&o.timezone).today();
    let until = today + chrono::Duration::days(days);
    let (rows, total) =
        batches::expiring(&state.db, tenant_id, &o.id, until, limit, offset).await?;
    let ids: Vec<String> = rows.iter().map(|b| b.product_id.clone()).collect();
    let products = stock::products_by_id(&state.db, tenant_id, &ids).await?;
    let unit_costs = costs::unit_costs(&state.db, tenant_id, &o.id, ids.clone()).await?;
    Ok(Json(BatchPage {
        items: rows
            .into_iter()
            .map(|b| {
                let c = unit_costs.get(&b.product_id).copied();
                let p = products.get(&b.product_id);
                view(b, p, c, today)
            })
            .collect(),
        until: until.to_string(),
        total,
        limit,
        offset,
    }))
}

#[derive(Deserialize, IntoParams)]
pub struct BatchesQuery {
    pub outlet_id: String,
}

#[utoipa::path(get, path = "/products/{id}/batches", tag = "stock", params(("id" = String, Path), BatchesQuery),
    responses((status = 200, body = ProductBatches), (status = 404), (status = 422)))]
pub async fn of_product(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<BatchesQuery>,
) -> ApiResult<Json<ProductBatches>> {
    auth.require(Permission::ADJUST_STOCK)?;
    let tenant_id = auth.tenant()?;
    let o = accessible(&state, &auth, &q.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let product = stock::products_by_id(&state.db, tenant_id, std::slice::from_ref(&id))
        .await?
        .remove(&id)
        .ok_or(ApiError::NotFound("Produk"))?;
    let today = Zone::parse(&o.timezone).today();
    let on_hand = stock::stock_levels(&state.db, tenant_id, &o.id, Some(std::slice::from_ref(&id)))
        .await?
        .get(&id)
        .copied()
        .unwrap_or(0);
    let cost = costs::unit_costs(&state.db, tenant_id, &o.id, [id.clone()])
        .await?
        .remove(&id);
    let rows = batches::of_product(&state.db, tenant_id, &o.id, &id).await?;
    let batched: i64 = rows.iter().map(|b| b.quantity_milli.0).sum();
    Ok(Json(ProductBatches {
        product_id: product.id.clone(),
        tracks_batches: product.tracks_batches,
        on_hand: Milli(on_hand).text(),
        without_batch: Milli((on_hand - batched).max(0)).text(),
        batches: rows
            .into_iter()
            .map(|b| view(b, Some(&product), cost, today))
            .collect(),
    }))
}
