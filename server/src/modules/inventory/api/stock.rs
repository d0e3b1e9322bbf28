//! Stock per outlet: levels are sums of the movement ledger; a manual adjustment is one more
//! movement, with its reason.
use axum::extract::State;
use axum::http::StatusCode;
pub use domain::api::inventory::{StockLevel, StockMovementView as MovementView};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::kernel::audit::Actor;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::entity::{product, stock_movement};
use crate::modules::inventory::repo::stock;
use crate::platform::api::outlets::accessible;
use crate::platform::api::tenants::required;
use crate::platform::entity::outlet;

impl From<stock_movement::Model> for MovementView {
    fn from(m: stock_movement::Model) -> Self {
        MovementView {
            product_id: m.product_id,
            kind: m.kind,
            quantity: m.quantity,
            reference: m.reference,
            reason: m.reason,
            user_id: m.user_id,
            device_id: m.device_id,
            at: m.at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct Adjustment {
    pub outlet_id: String,
    pub product_id: String,
    /// Signed change, e.g. `"-2"` for two broken items or `"24"` for a delivery.
    #[schema(value_type = String)]
    pub quantity: Decimal,
    pub reason: String,
}

#[derive(Deserialize, IntoParams)]
pub struct MovementFilter {
    pub product_id: Option<String>,
    pub limit: Option<u64>,
}

async fn outlet_for(state: &AppState, auth: &Auth, id: &str) -> ApiResult<outlet::Model> {
    accessible(state, auth, id)
        .await?
        .ok_or(ApiError::NotFound("Outlet"))
}

#[utoipa::path(get, path = "/outlets/{id}/stock", tag = "stock", params(("id" = String, Path)),
    responses((status = 200, body = [StockLevel])))]
pub async fn levels(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<StockLevel>>> {
    auth.require(Permission::VIEW_CATALOGUE)?;
    let o = outlet_for(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?;
    let levels = stock::stock_levels(&state.db, tenant_id, &o.id, None).await?;
    let ids: Vec<String> = levels.keys().cloned().collect();
    let products = stock::products_by_id(&state.db, tenant_id, &ids).await?;
    let mut out: Vec<StockLevel> = levels
        .into_iter()
        .filter_map(|(pid, milli)| {
            products.get(&pid).map(|p: &product::Model| StockLevel {
                product_id: pid.clone(),
                sku: p.sku.clone(),
                name: p.name.clone(),
                quantity: stock::from_milli(milli).to_string(),
                unit: p.unit.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Json(out))
}

#[utoipa::path(get, path = "/outlets/{id}/stock-movements", tag = "stock",
    params(("id" = String, Path), MovementFilter), responses((status = 200, body = [MovementView])))]
pub async fn movements(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(filter): Query<MovementFilter>,
) -> ApiResult<Json<Vec<MovementView>>> {
    auth.require(Permission::VIEW_CATALOGUE)?;
    let o = outlet_for(&state, &auth, &id).await?;
    let rows = stock::movements(
        &state.db,
        auth.tenant()?,
        &o.id,
        filter.product_id.as_deref(),
        filter.limit.unwrap_or(200).min(2000),
    )
    .await?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/stock-adjustments", tag = "stock", request_body = Adjustment,
    responses((status = 201, body = MovementView), (status = 422)))]
pub async fn adjust(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<Adjustment>,
) -> ApiResult<(StatusCode, Json<MovementView>)> {
    auth.require(Permission::ADJUST_STOCK)?;
    let tenant_id = auth.tenant()?.to_string();
    let o = outlet_for(&state, &auth, &req.outlet_id)
        .await
        .map_err(|_| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let reason = required("reason", &req.reason, "Alasan")?;
    if req.quantity.is_zero() {
        return Err(ApiError::validation(
            "quantity",
            "Jumlah penyesuaian tidak boleh 0.",
        ));
    }
    stock::to_milli(req.quantity)?;
    let products =
        stock::products_by_id(&state.db, &tenant_id, std::slice::from_ref(&req.product_id)).await?;
    if !products.contains_key(&req.product_id) {
        return Err(ApiError::validation(
            "product_id",
            "Produk tidak ditemukan.",
        ));
    }
    let actor = Actor::of(&auth);
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let movement = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let m = stock::record_movement(
                txn,
                stock::Movement {
                    tenant_id: &tenant_id,
                    outlet_id: &o.id,
                    product_id: &req.product_id,
                    kind: "adjustment",
                    quantity: req.quantity,
                    reference: None,
                    reason: Some(&reason),
                    user_id: Some(&user_id),
                    device_id: device_id.as_deref(),
                },
            )
            .await?;
            audit
                .record(
                    Change::new("stock.adjust", "product", &req.product_id)
                        .outlet(&o.id)
                        .after(json!({"quantity": m.quantity, "reason": reason})),
                )
                .await?;
            Ok(m)
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(movement.into())))
}

#[derive(Deserialize, IntoParams)]
pub struct ValuationQuery {
    pub outlet_id: String,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

#[derive(Deserialize, IntoParams)]
pub struct ValuationFileQuery {
    pub outlet_id: String,
}

/// Pages of a valuation: at most this many rows.
const VALUATION_PAGE_MAX: u64 = 500;

#[utoipa::path(get, path = "/stock-valuation", tag = "stock", params(ValuationQuery),
    responses((status = 200, body = domain::api::inventory::StockValuation), (status = 422)))]
pub async fn valuation(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ValuationQuery>,
) -> ApiResult<Json<domain::api::inventory::StockValuation>> {
    use domain::api::inventory::StockValuation;
    let (limit, offset) = crate::kernel::input::page(q.limit, q.offset, 100, VALUATION_PAGE_MAX)?;
    let (o, rows, total_value) = valuation_rows(&state, &auth, &q.outlet_id).await?;
    let total = rows.len() as u64;
    let items = rows
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(100))
        .collect();
    Ok(Json(StockValuation {
        outlet_id: o.id,
        items,
        total,
        total_value: total_value.normalize().to_string(),
        limit,
        offset,
    }))
}

/// A location's stock at cost, one row per product with stock (by name), and the total:
/// one summed level per product (the database adds the ledger up), each at its cost.
pub(super) async fn valuation_rows(
    state: &AppState,
    auth: &Auth,
    outlet_id: &str,
) -> ApiResult<(
    outlet::Model,
    Vec<domain::api::inventory::ValuationRow>,
    Decimal,
)> {
    use domain::api::inventory::ValuationRow;
    auth.require(Permission::ADJUST_STOCK)?;
    let o = outlet_for(state, auth, outlet_id)
        .await
        .map_err(|_| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let tenant_id = auth.tenant()?;
    let levels = stock::stock_levels(&state.db, tenant_id, &o.id, None).await?;
    let ids: Vec<String> = levels.keys().cloned().collect();
    let products: std::collections::HashMap<String, product::Model> =
        crate::kernel::repo::in_chunks(ids.clone(), |chunk| {
            let db = &state.db;
            async move {
                stock::products_by_id(db, tenant_id, &chunk)
                    .await
                    .map(|m| m.into_values().collect::<Vec<_>>())
            }
        })
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let costs =
        crate::modules::inventory::repo::costs::unit_costs(&state.db, tenant_id, &o.id, ids)
            .await?;
    let mut rows: Vec<(String, ValuationRow, Decimal)> = levels
        .into_iter()
        .filter(|(_, milli)| *milli != 0)
        .filter_map(|(pid, milli)| {
            let p = products.get(&pid)?;
            let cost = costs.get(&pid).copied().unwrap_or(p.cost_sen).dec();
            let quantity = stock::from_milli(milli);
            let value = (quantity * cost).round_dp(2);
            Some((
                p.name.clone(),
                ValuationRow {
                    product_id: pid,
                    sku: p.sku.clone(),
                    name: p.name.clone(),
                    unit: p.unit.clone(),
                    quantity: quantity.to_string(),
                    unit_cost: cost.normalize().to_string(),
                    value: value.normalize().to_string(),
                },
                value,
            ))
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let total_value: Decimal = rows.iter().map(|r| r.2).sum();
    Ok((o, rows.into_iter().map(|r| r.1).collect(), total_value))
}
