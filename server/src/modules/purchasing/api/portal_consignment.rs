//! The supplier's own consignment view: its settlements, and what sold of its consigned
//! products in a period (never any other product's sales).
use axum::extract::State;
use domain::api::consignment::{SettlementLineView, SettlementPage};
use serde::Deserialize;
use utoipa::IntoParams;

use super::consignments::{settlement_page, supplier_sold};
use super::portal::supplier_of;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::Zone;
use crate::kernel::error::ApiResult;
use crate::kernel::http::{Json, Query};
use crate::kernel::state::AppState;

#[derive(Deserialize, IntoParams)]
pub struct PortalSettlementQuery {
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

#[utoipa::path(get, path = "/supplier-portal/consignments/settlements", tag = "supplier portal",
    params(PortalSettlementQuery),
    responses((status = 200, body = SettlementPage), (status = 404, description = "The user belongs to no supplier")))]
pub async fn settlements(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<PortalSettlementQuery>,
) -> ApiResult<Json<SettlementPage>> {
    let (tenant_id, supplier_id) = supplier_of(&state, &auth).await?;
    Ok(Json(
        settlement_page(
            &state.db,
            &tenant_id,
            Some(&supplier_id),
            None,
            q.limit,
            q.offset,
        )
        .await?,
    ))
}

#[derive(Deserialize, IntoParams)]
pub struct SoldQuery {
    /// `YYYY-MM-DD`; absent: the first of this month (WIB).
    pub from: Option<String>,
    /// `YYYY-MM-DD`; absent: today (WIB).
    pub to: Option<String>,
}

#[utoipa::path(get, path = "/supplier-portal/consignments/sold", tag = "supplier portal", params(SoldQuery),
    responses((status = 200, body = Vec<SettlementLineView>), (status = 404), (status = 422)))]
pub async fn sold(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<SoldQuery>,
) -> ApiResult<Json<Vec<SettlementLineView>>> {
    let (tenant_id, supplier_id) = supplier_of(&state, &auth).await?;
    let today = Zone::Wib.today();
    let to =
        q.to.filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| today.to_string());
    let from = q.from.filter(|d| !d.trim().is_empty()).unwrap_or_else(|| {
        chrono::Datelike::with_day(&today, 1)
            .unwrap_or(today)
            .to_string()
    });
    Ok(Json(
        supplier_sold(&state.db, &tenant_id, &supplier_id, &from, &to).await?,
    ))
}
