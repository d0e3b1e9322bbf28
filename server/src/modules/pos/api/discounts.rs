//! Discounts above a cashier's limit. The till asks a manager standing next to the cashier
//! for her PIN; the server checks it and hands back an approval the sale then refers to.
//! An approval covers up to the percentage it was given for and is used by one sale only.
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
pub use domain::api::pos::ApprovalView;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::context::ClientInfo;
use crate::kernel::auth::manager_pin::{self, PinCheck};
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::Json;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::pos::entity::discount_approval;
use crate::modules::pos::repo::discount_approvals;
use crate::platform::entity::outlet;
use crate::platform::repo::outlets;

pub use crate::platform::outlet_settings::{cashier_limit, DEFAULT_CASHIER_LIMIT_PERCENT};

/// Whether this user gives discounts without anyone's approval.
pub fn approves_own(auth: &Auth) -> bool {
    auth.can(Permission::APPROVE_DISCOUNT)
}

#[derive(Deserialize, ToSchema)]
pub struct ApprovalRequest {
    pub outlet_id: String,
    /// The manager approving (from `GET /devices/current` → `users` with `approver: true`).
    pub approver_id: String,
    pub pin: String,
    /// The cart's discount as a percentage of its subtotal.
    #[schema(value_type = String, example = "15")]
    pub percent: Decimal,
}

#[utoipa::path(post, path = "/discount-approvals", tag = "sales", request_body = ApprovalRequest,
    responses(
        (status = 201, description = "Approved; valid for one sale", body = ApprovalView),
        (status = 401, description = "Wrong PIN, or the person may not approve discounts"),
        (status = 422, description = "Invalid request"),
        (status = 429, description = "Too many wrong PINs")))]
pub async fn approve(
    State(state): State<AppState>,
    auth: Auth,
    client: ClientInfo,
    Json(req): Json<ApprovalRequest>,
) -> ApiResult<(StatusCode, Json<ApprovalView>)> {
    auth.require(Permission::RECORD_SALE)?;
    let tenant_id = auth.tenant()?.to_string();
    let outlet = outlets::find(&state.db, &tenant_id, &req.outlet_id)
        .await?
        .filter(|o| auth.can_access_outlet(&o.id))
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    if req.percent <= Decimal::ZERO || req.percent > Decimal::ONE_HUNDRED {
        return Err(ApiError::validation(
            "percent",
            "Persentase diskon harus lebih dari 0 dan paling banyak 100.",
        ));
    }
    let approver = manager_pin::verify(
        &state,
        PinCheck {
            tenant_id: &tenant_id,
            outlet_id: &outlet.id,
            approver_id: &req.approver_id,
            pin: &req.pin,
            permission: Permission::APPROVE_DISCOUNT,
            requested_by: &auth.user.id,
            allow_self: false,
            client_ip: &client.ip,
        },
    )
    .await?;

    let row = discount_approval::Model {
        id: new_id(),
        tenant_id: tenant_id.clone(),
        outlet_id: outlet.id.clone(),
        device_id: auth.device_id.clone(),
        requested_by: auth.user.id.clone(),
        approved_by: approver.id.clone(),
        max_percent: req.percent.normalize().to_string(),
        sale_id: None,
        created_at: Utc::now(),
    };
    let actor = Actor::of(&auth);
    let approver_name = approver.name.clone();
    let saved = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let saved = discount_approvals::insert(txn, row).await?;
            audit
                .record(
                    Change::new("discount.approve", "discount_approval", &saved.id)
                        .outlet(&saved.outlet_id)
                        .after(json!({
                            "approved_by": saved.approved_by,
                            "approver_name": approver.name,
                            "requested_by": saved.requested_by,
                            "max_percent": saved.max_percent,
                        })),
                )
                .await?;
            Ok(saved)
        })
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ApprovalView {
            id: saved.id,
            approver_id: saved.approved_by,
            approver_name,
            max_percent: saved.max_percent,
        }),
    ))
}

/// Checks a sale's discounts against the cashier's limit. Returns the approval to claim
/// (and its approver) when one was needed.
pub async fn check_sale_discount(
    state: &AppState,
    auth: &Auth,
    outlet: &outlet::Model,
    totals: &domain::pricing::Totals,
    approval_id: Option<&str>,
) -> ApiResult<Option<discount_approval::Model>> {
    if approves_own(auth) || !domain::pricing::exceeds_limit(totals, cashier_limit(outlet)) {
        return Ok(None);
    }
    let refused = || ApiError::Rejected {
        code: "discount_needs_approval",
        message: format!(
            "Diskon {}% melebihi batas kasir {}%; perlu persetujuan manajer.",
            domain::pricing::discount_percent(totals).normalize(),
            cashier_limit(outlet).normalize()
        ),
    };
    let Some(id) = approval_id else {
        return Err(refused());
    };
    let approval = discount_approvals::find(&state.db, auth.tenant()?, id)
        .await?
        .filter(|a| a.outlet_id == outlet.id && a.requested_by == auth.user.id)
        .ok_or_else(refused)?;
    let covered = approval
        .max_percent
        .parse::<Decimal>()
        .is_ok_and(|max| domain::pricing::approval_covers(totals, max));
    if !covered || approval.sale_id.is_some() {
        return Err(refused());
    }
    Ok(Some(approval))
}
