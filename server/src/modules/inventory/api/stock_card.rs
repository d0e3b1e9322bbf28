//! A product's stock card at one location: every movement, newest first, with the
//! quantity on hand after it, a page at a time.
use axum::extract::State;
use domain::api::inventory::{StockCard, StockCardRow};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::money::Milli;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::modules::inventory::repo::{control, costs, stock};
use crate::platform::api::outlets::accessible;

#[derive(Deserialize, IntoParams)]
pub struct CardQuery {
    pub outlet_id: String,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

#[utoipa::path(get, path = "/products/{id}/stock-card", tag = "stock", params(("id" = String, Path), CardQuery),
    responses((status = 200, body = StockCard), (status = 404), (status = 422)))]
pub async fn stock_card(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<CardQuery>,
) -> ApiResult<Json<StockCard>> {
    auth.require(Permission::ADJUST_STOCK)?;
    let tenant_id = auth.tenant()?;
    let o = accessible(&state, &auth, &q.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let product = stock::products_by_id(&state.db, tenant_id, std::slice::from_ref(&id))
        .await?
        .remove(&id)
        .ok_or(ApiError::NotFound("Produk"))?;
    let (limit, offset) = crate::kernel::input::page(q.limit, q.offset, 50, 500)?;
    let on_hand = stock::stock_levels(&state.db, tenant_id, &o.id, Some(std::slice::from_ref(&id)))
        .await?
        .get(&id)
        .copied()
        .unwrap_or(0);
    let rows = control::card(&state.db, tenant_id, &o.id, &id, limit, offset).await?;
    // The balance after the page's newest row: on hand now less everything newer.
    let mut balance = match rows.first() {
        Some(first) if offset > 0 => {
            on_hand
                - control::sum_newer(&state.db, tenant_id, &o.id, &id, &first.at, &first.id).await?
        }
        _ => on_hand,
    };
    let cost = costs::unit_costs(&state.db, tenant_id, &o.id, [id.clone()])
        .await?
        .remove(&id)
        .unwrap_or(product.cost_sen);
    let rows = rows
        .into_iter()
        .map(|m| {
            let value = m.unit_cost_sen.map(|c| {
                (Milli(m.quantity_milli).dec() * c.dec())
                    .round_dp(2)
                    .normalize()
                    .to_string()
            });
            let row = StockCardRow {
                at: m.at,
                kind: m.kind,
                quantity: Milli(m.quantity_milli).text(),
                balance: Milli(balance).text(),
                unit_cost: m.unit_cost_sen.map(|c| c.text()),
                value,
                reference: m.reference,
                reason: m.reason,
            };
            balance -= m.quantity_milli;
            row
        })
        .collect();
    Ok(Json(StockCard {
        product_id: id,
        outlet_id: o.id,
        on_hand: Milli(on_hand).text(),
        unit_cost: cost.text(),
        rows,
        limit,
        offset,
    }))
}
