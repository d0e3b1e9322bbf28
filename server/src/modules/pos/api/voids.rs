//! Voids: a line taken off the cart, or the whole cart abandoned, before payment. Nothing
//! was sold so nothing moves in stock or cash, but the shift report counts them: a till
//! where many rung-up items vanish is a till a manager wants to look at.
use axum::extract::State;
use axum::http::StatusCode;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::Json;
use crate::kernel::input::{self, amount, client_id, instant};
use crate::kernel::money::Sen;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::modules::pos::entity::till_void;
use crate::modules::pos::repo::till;
use crate::platform::repo::outlets;
use domain::bounds;

#[derive(Deserialize, Serialize, ToSchema, Clone)]
pub struct VoidItem {
    pub product_id: String,
    pub name: String,
    #[schema(value_type = String)]
    pub quantity: Decimal,
    /// The line's value when it was voided.
    #[schema(value_type = String)]
    pub amount: Decimal,
}

#[derive(Deserialize, ToSchema)]
pub struct VoidInput {
    /// UUID made by the till.
    pub id: String,
    pub outlet_id: String,
    #[serde(default)]
    pub shift_id: Option<String>,
    /// `line` or `cart`.
    pub kind: String,
    pub at: String,
    pub items: Vec<VoidItem>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct VoidView {
    pub id: String,
    pub kind: String,
    pub amount: String,
    pub shift_id: Option<String>,
    pub user_id: String,
    pub at: String,
}

fn as_view(v: till_void::Model) -> VoidView {
    VoidView {
        id: v.id,
        kind: v.kind,
        amount: v.amount_sen.text(),
        shift_id: v.shift_id,
        user_id: v.user_id,
        at: v.at,
    }
}

#[utoipa::path(post, path = "/voids", tag = "shifts", request_body = VoidInput,
    responses(
        (status = 201, description = "Recorded", body = VoidView),
        (status = 200, description = "Already recorded (same id)", body = VoidView),
        (status = 422, description = "Invalid")))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<VoidInput>,
) -> ApiResult<(StatusCode, Json<VoidView>)> {
    auth.require(Permission::RECORD_SALE)?;
    let tenant_id = auth.tenant()?.to_string();
    let id = client_id("id", &req.id)?;
    if let Some(existing) = till::find_void(&state.db, &tenant_id, &id).await? {
        // A resend answers under the same outlet scope as a read.
        if !auth.can_access_outlet(&existing.outlet_id) {
            return Err(ApiError::conflict(
                "client_id_taken",
                "id ini sudah dipakai; buat id baru.",
            ));
        }
        return Ok((StatusCode::OK, Json(as_view(existing))));
    }
    let outlet = outlets::find(&state.db, &tenant_id, &req.outlet_id)
        .await?
        .filter(|o| auth.can_access_outlet(&o.id))
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    if req.kind != "line" && req.kind != "cart" {
        return Err(ApiError::validation(
            "kind",
            "kind harus `line` atau `cart`.",
        ));
    }
    if req.items.is_empty() || req.items.len() > 500 {
        return Err(ApiError::validation(
            "items",
            "Barang yang dibatalkan wajib diisi.",
        ));
    }
    let mut total = Decimal::ZERO;
    for (i, item) in req.items.iter().enumerate() {
        // Each item below `bounds::AMOUNT_MAX`, 500 of them: far inside `Decimal`.
        total += amount(&format!("items[{i}].amount"), item.amount)?;
        input::quantity(&format!("items[{i}].quantity"), item.quantity)?;
    }
    bounds::check_amount(total).map_err(|e| input::bound("items", e))?;
    let shift_id = match req.shift_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(sid) => Some(
            till::find_shift(&state.db, &tenant_id, sid)
                .await?
                .filter(|sh| sh.outlet_id == outlet.id)
                .ok_or_else(|| ApiError::validation("shift_id", "Shift tidak ditemukan."))?
                .id,
        ),
    };
    let row = till_void::Model {
        id: id.clone(),
        tenant_id: tenant_id.clone(),
        outlet_id: outlet.id,
        shift_id,
        kind: req.kind,
        items: serde_json::to_string(&req.items).unwrap_or_else(|_| "[]".into()),
        amount_sen: Sen::of(total)?,
        reason: req
            .reason
            .map(|r| r.trim().chars().take(200).collect::<String>())
            .filter(|r| !r.is_empty()),
        user_id: auth.user.id.clone(),
        device_id: auth.device_id.clone(),
        at: instant("at", &req.at)?,
    };
    // One row, one statement: no transaction needed.
    till::insert_void(&state.db, row).await?;
    let saved = till::find_void(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Void"))?;
    Ok((StatusCode::CREATED, Json(as_view(saved))))
}
