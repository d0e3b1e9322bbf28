//! Shifts: a cashier opens one with the float in the drawer, records cash taken in or out
//! (a manager's PIN above the outlet's limit), and closes it by counting the drawer note by
//! note. The server works out the cash that should be there from the shift's own sales,
//! refunds and cash movements, so the difference is never typed by the cashier.
//!
//! The till creates a shift's id and sends everything through its outbox in order, so a
//! shift opened or closed offline arrives after its sales; a resent request answers with
//! what was stored the first time.
use domain::bounds::saturating_sum;
use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::shift::{counted_cash, difference, CashSummary};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::kernel::audit::Actor;
use crate::kernel::auth::context::ClientInfo;
use crate::kernel::auth::manager_pin::{self, PinCheck};
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input::{amount, client_id, instant};
use crate::kernel::money::{opt_text, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::pos::entity::{cash_movement, shift};
use crate::modules::pos::repo::till;
use crate::platform::repo::outlets;
pub use domain::api::pos::{CashMovementView, ShiftReport, ShiftView, TenderTotal};

pub use crate::platform::outlet_settings::{cash_limit, DEFAULT_CASH_LIMIT};

fn s(v: Decimal) -> String {
    v.normalize().to_string()
}

#[derive(Deserialize, ToSchema)]
pub struct OpenShift {
    /// UUID made by the till.
    pub id: String,
    pub outlet_id: String,
    #[schema(value_type = String, example = "200000")]
    pub opening_float: Decimal,
    /// When the cashier opened it on the till (RFC 3339).
    pub opened_at: String,
}

pub use domain::api::pos::DenominationCount;

async fn names(
    state: &AppState,
    tenant_id: &str,
    ids: Vec<String>,
) -> ApiResult<BTreeMap<String, String>> {
    Ok(crate::platform::repo::users::names(&state.db, tenant_id, ids).await?)
}

fn view(sh: shift::Model, cashier_name: String) -> ShiftView {
    let denominations = sh
        .denominations
        .as_deref()
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    ShiftView {
        id: sh.id,
        outlet_id: sh.outlet_id,
        device_id: sh.device_id,
        cashier_id: sh.cashier_id,
        cashier_name,
        opening_float: sh.opening_float_sen.text(),
        opened_at: sh.opened_at,
        status: sh.status,
        closed_at: sh.closed_at,
        closed_by: sh.closed_by,
        counted_cash: opt_text(sh.counted_cash_sen),
        expected_cash: opt_text(sh.expected_cash_sen),
        difference: opt_text(sh.difference_sen),
        denominations,
        note: sh.note,
    }
}

/// Everything the shift took and paid out, from the stored rows.
pub async fn report(state: &AppState, sh: shift::Model) -> ApiResult<ShiftReport> {
    let tenant_id = sh.tenant_id.clone();
    let (sales, payments) = till::sales_of_shift(&state.db, &tenant_id, &sh.id).await?;
    let refunds = till::refunds_of_shift(&state.db, &tenant_id, &sh.id).await?;
    let voids = till::voids_of_shift(&state.db, &tenant_id, &sh.id).await?;
    let movements = till::cash_movements_of(&state.db, &tenant_id, &sh.id).await?;

    let change: BTreeMap<&str, Decimal> = sales
        .iter()
        .map(|s| (s.id.as_str(), s.change_due_sen.dec()))
        .collect();
    let mut by_tender: BTreeMap<String, Decimal> = BTreeMap::new();
    let mut change_left = change.clone();
    for p in &payments {
        let mut amount = p.amount_sen.dec();
        if p.method == "cash" {
            // Change goes back out of the drawer: count only what stayed.
            if let Some(c) = change_left.get_mut(p.sale_id.as_str()) {
                let taken = (*c).min(amount);
                amount = amount.saturating_sub(taken);
                *c = c.saturating_sub(taken);
            }
        }
        let total = by_tender.entry(p.method.clone()).or_default();
        *total = total.saturating_add(amount);
    }
    let mut refunds_by_tender: BTreeMap<String, Decimal> = BTreeMap::new();
    for r in &refunds {
        for p in &r.payments {
            let total = refunds_by_tender.entry(p.method.clone()).or_default();
            *total = total.saturating_add(p.amount_sen.dec());
        }
    }
    let cash_in = saturating_sum(
        movements
            .iter()
            .filter(|m| m.kind == "in")
            .map(|m| m.amount_sen.dec()),
    );
    let cash_out = saturating_sum(
        movements
            .iter()
            .filter(|m| m.kind == "out")
            .map(|m| m.amount_sen.dec()),
    );
    let summary = CashSummary {
        opening_float: sh.opening_float_sen.dec(),
        cash_sales: by_tender.get("cash").copied().unwrap_or_default(),
        cash_refunds: refunds_by_tender.get("cash").copied().unwrap_or_default(),
        cash_in,
        cash_out,
    };
    // A closed shift keeps the figure it was closed with.
    let expected = sh
        .expected_cash_sen
        .map(Sen::dec)
        .unwrap_or_else(|| summary.expected());
    let cashier = names(state, &tenant_id, vec![sh.cashier_id.clone()])
        .await?
        .remove(&sh.cashier_id)
        .unwrap_or_default();
    let tenders = |m: BTreeMap<String, Decimal>| {
        m.into_iter()
            .map(|(method, amount)| TenderTotal {
                method,
                amount: s(amount),
            })
            .collect::<Vec<_>>()
    };
    Ok(ShiftReport {
        sales_count: sales.len() as u64,
        sales_total: s(saturating_sum(
            sales.iter().map(|x| x.grand_total_sen.dec()),
        )),
        discounts: s(saturating_sum(
            sales.iter().map(|x| x.discount_total_sen.dec()),
        )),
        by_tender: tenders(by_tender),
        refunds_count: refunds.len() as u64,
        refunds_total: s(saturating_sum(
            refunds.iter().map(|r| r.refund.total_sen.dec()),
        )),
        refunds_by_tender: tenders(refunds_by_tender),
        voids_count: voids.len() as u64,
        voids_amount: s(saturating_sum(voids.iter().map(|v| v.amount_sen.dec()))),
        cash_in: s(cash_in),
        cash_out: s(cash_out),
        cash_movements: movements
            .into_iter()
            .map(|m| CashMovementView {
                id: m.id,
                kind: m.kind,
                amount: m.amount_sen.text(),
                reason: m.reason,
                approved_by: m.approved_by,
                user_id: m.user_id,
                at: m.at,
            })
            .collect(),
        expected_cash: s(expected),
        counted_cash: opt_text(sh.counted_cash_sen),
        difference: opt_text(sh.difference_sen),
        shift: view(sh, cashier),
    })
}

/// The shift, if this person may see or work on it: its own cashier, or a manager of
/// the outlet.
async fn accessible(state: &AppState, auth: &Auth, id: &str) -> ApiResult<shift::Model> {
    let sh = till::find_shift(&state.db, auth.tenant()?, id)
        .await?
        .filter(|sh| auth.can_access_outlet(&sh.outlet_id))
        .ok_or(ApiError::NotFound("Shift"))?;
    if sh.cashier_id != auth.user.id && !auth.can(Permission::VIEW_SHIFTS) {
        return Err(ApiError::Forbidden);
    }
    Ok(sh)
}

#[utoipa::path(post, path = "/shifts", tag = "shifts", request_body = OpenShift,
    responses(
        (status = 201, description = "Opened", body = ShiftView),
        (status = 200, description = "Already opened earlier (same id)", body = ShiftView),
        (status = 409, description = "This device already has another open shift (`shift_already_open`)"),
        (status = 422, description = "Invalid")))]
pub async fn open(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<OpenShift>,
) -> ApiResult<(StatusCode, Json<ShiftView>)> {
    auth.require(Permission::OPERATE_SHIFT)?;
    let tenant_id = auth.tenant()?.to_string();
    let id = client_id("id", &req.id)?;
    if let Some(existing) = till::find_shift(&state.db, &tenant_id, &id).await? {
        let sh = accessible(&state, &auth, &existing.id).await?;
        return Ok((StatusCode::OK, Json(view(sh, auth.user.name.clone()))));
    }
    let outlet = outlets::find(&state.db, &tenant_id, &req.outlet_id)
        .await?
        .filter(|o| auth.can_access_outlet(&o.id))
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let float = amount("opening_float", req.opening_float)?;
    let opened_at = instant("opened_at", &req.opened_at)?;
    if let Some(other) = till::open_shift_of(
        &state.db,
        &tenant_id,
        auth.device_id.as_deref(),
        &auth.user.id,
    )
    .await?
    {
        return Err(ApiError::conflict(
            "shift_already_open",
            format!(
                "Perangkat ini masih punya shift terbuka sejak {}; tutup dulu.",
                other.opened_at
            ),
        ));
    }
    let row = shift::Model {
        id: id.clone(),
        tenant_id: tenant_id.clone(),
        outlet_id: outlet.id.clone(),
        device_id: auth.device_id.clone(),
        cashier_id: auth.user.id.clone(),
        opening_float_sen: Sen::of(float)?,
        opened_at,
        status: "open".into(),
        closed_at: None,
        closed_by: None,
        denominations: None,
        counted_cash_sen: None,
        expected_cash_sen: None,
        difference_sen: None,
        note: None,
        received_at: Utc::now(),
    };
    let actor = Actor::of(&auth);
    let saved = row.clone();
    audited(&state.db, actor, move |txn, audit| Box::pin(async move {
                till::insert_shift(txn, row).await?;
                audit.record(Change::new("shift.open", "shift", &saved.id).outlet(&saved.outlet_id).after(json!({"opening_float": saved.opening_float_sen.text(), "opened_at": saved.opened_at})))
                .await
            }))
        .await?;
    let sh = till::find_shift(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Shift"))?;
    Ok((StatusCode::CREATED, Json(view(sh, auth.user.name.clone()))))
}

#[derive(Deserialize, ToSchema)]
pub struct CashMovementInput {
    /// UUID made by the till.
    pub id: String,
    /// `in` (e.g. change brought from the bank) or `out` (e.g. buying ice).
    pub kind: String,
    #[schema(value_type = String, example = "25000")]
    pub amount: Decimal,
    pub reason: String,
    pub at: String,
    /// Needed above the outlet's `cash_movement_limit` (default Rp100.000).
    #[serde(default)]
    pub approver_id: Option<String>,
    #[serde(default)]
    pub pin: Option<String>,
}

#[utoipa::path(post, path = "/shifts/{id}/cash-movements", tag = "shifts",
    params(("id" = String, Path)), request_body = CashMovementInput,
    responses(
        (status = 201, description = "Recorded", body = CashMovementView),
        (status = 200, description = "Already recorded (same id)", body = CashMovementView),
        (status = 401, description = "Wrong manager PIN"),
        (status = 422, description = "Invalid, shift closed, or a manager is needed (`needs_approval`)")))]
pub async fn cash_movement(
    State(state): State<AppState>,
    auth: Auth,
    client: ClientInfo,
    Path(shift_id): Path<String>,
    Json(req): Json<CashMovementInput>,
) -> ApiResult<(StatusCode, Json<CashMovementView>)> {
    auth.require(Permission::OPERATE_SHIFT)?;
    let tenant_id = auth.tenant()?.to_string();
    let sh = accessible(&state, &auth, &shift_id).await?;
    let id = client_id("id", &req.id)?;
    let as_view = |m: cash_movement::Model| CashMovementView {
        id: m.id,
        kind: m.kind,
        amount: m.amount_sen.text(),
        reason: m.reason,
        approved_by: m.approved_by,
        user_id: m.user_id,
        at: m.at,
    };
    if let Some(existing) = till::find_cash_movement(&state.db, &tenant_id, &id).await? {
        if existing.shift_id != sh.id {
            return Err(ApiError::conflict(
                crate::kernel::error::DUPLICATE,
                "id sudah dipakai.",
            ));
        }
        return Ok((StatusCode::OK, Json(as_view(existing))));
    }
    if sh.status != "open" {
        return Err(ApiError::Rejected {
            code: "shift_closed",
            message: "Shift sudah ditutup.".into(),
        });
    }
    if req.kind != "in" && req.kind != "out" {
        return Err(ApiError::validation("kind", "kind harus `in` atau `out`."));
    }
    let value = amount("amount", req.amount)?;
    if value.is_zero() {
        return Err(ApiError::validation("amount", "Jumlah harus lebih dari 0."));
    }
    let reason = req.reason.trim().to_string();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(ApiError::validation(
            "reason",
            "Alasan wajib diisi (maks. 200 karakter).",
        ));
    }
    let at = instant("at", &req.at)?;
    let outlet = outlets::find(&state.db, &tenant_id, &sh.outlet_id)
        .await?
        .ok_or(ApiError::NotFound("Outlet"))?;
    let limit = cash_limit(&outlet);
    let approved_by = if value > limit {
        let (Some(approver_id), Some(pin)) = (req.approver_id.as_deref(), req.pin.as_deref())
        else {
            return Err(ApiError::Rejected {
                code: "needs_approval",
                message: format!(
                    "Kas di atas {} perlu PIN manajer.",
                    domain::money::format_idr(limit)
                ),
            });
        };
        let approver = manager_pin::verify(
            &state,
            PinCheck {
                tenant_id: &tenant_id,
                outlet_id: &sh.outlet_id,
                approver_id,
                pin,
                permission: Permission::APPROVE_REFUND,
                requested_by: &auth.user.id,
                allow_self: auth.can(Permission::APPROVE_REFUND),
                client_ip: &client.ip,
            },
        )
        .await?;
        Some(approver.id)
    } else {
        None
    };
    let row = cash_movement::Model {
        id: id.clone(),
        tenant_id: tenant_id.clone(),
        outlet_id: sh.outlet_id.clone(),
        shift_id: sh.id.clone(),
        kind: req.kind.clone(),
        amount_sen: Sen::of(value)?,
        reason,
        approved_by,
        user_id: auth.user.id.clone(),
        device_id: auth.device_id.clone(),
        at,
    };
    let actor = Actor::of(&auth);
    let saved = row.clone();
    audited(&state.db, actor, move |txn, audit| Box::pin(async move {
                till::insert_cash_movement(txn, row).await?;
                audit.record(Change::new("shift.cash_movement", "cash_movement", &saved.id).outlet(&saved.outlet_id).after(json!({"shift_id": saved.shift_id, "kind": saved.kind,
                            "amount": saved.amount_sen.text(), "reason": saved.reason, "approved_by": saved.approved_by})))
                .await
            }))
        .await?;
    let m = till::find_cash_movement(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Kas"))?;
    Ok((StatusCode::CREATED, Json(as_view(m))))
}

#[derive(Deserialize, ToSchema)]
pub struct CloseShift {
    /// The drawer counted note by note.
    pub counted: Vec<DenominationCount>,
    pub closed_at: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[utoipa::path(post, path = "/shifts/{id}/close", tag = "shifts",
    params(("id" = String, Path)), request_body = CloseShift,
    responses(
        (status = 200, description = "Closed (or already closed): the shift report", body = ShiftReport),
        (status = 422, description = "Invalid count")))]
pub async fn close(
    State(state): State<AppState>,
    auth: Auth,
    Path(shift_id): Path<String>,
    Json(req): Json<CloseShift>,
) -> ApiResult<Json<ShiftReport>> {
    auth.require(Permission::OPERATE_SHIFT)?;
    let tenant_id = auth.tenant()?.to_string();
    let sh = accessible(&state, &auth, &shift_id).await?;
    if sh.status != "open" {
        return Ok(Json(report(&state, sh).await?));
    }
    let pairs: Vec<(i64, u32)> = req
        .counted
        .iter()
        .map(|c| (c.denomination, c.count))
        .collect();
    let counted =
        counted_cash(&pairs).map_err(|e| ApiError::validation("counted", e.to_string()))?;
    let closed_at = instant("closed_at", &req.closed_at)?;
    let note = req
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(500).collect::<String>());
    let live = report(&state, sh.clone()).await?;
    let expected: Decimal = live.expected_cash.parse().map_err(|_| {
        ApiError::Internal(anyhow::anyhow!(
            "shift report's expected cash is not a number"
        ))
    })?;
    let diff = difference(expected, counted);
    let counts: Vec<DenominationCount> = req.counted.into_iter().filter(|c| c.count > 0).collect();
    let closing = till::Closing {
        closed_at,
        closed_by: auth.user.id.clone(),
        denominations: serde_json::to_string(&counts).unwrap_or_else(|_| "[]".into()),
        counted: Sen::of(counted)?,
        expected: Sen::of(expected)?,
        difference: Sen::of(diff)?,
        note,
    };
    let actor = Actor::of(&auth);
    let audit_after = json!({"counted_cash": closing.counted.text(), "expected_cash": closing.expected.text(),
        "difference": closing.difference.text(), "closed_at": closing.closed_at});
    let sid = sh.id.clone();
    let outlet_id = sh.outlet_id.clone();
    let tid = tenant_id.clone();
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            if !till::close_shift(txn, &tid, &sid, closing).await? {
                // Closed by another request meanwhile: its figures stand.
                return Ok(());
            }
            audit
                .record(
                    Change::new("shift.close", "shift", &sid)
                        .outlet(&outlet_id)
                        .after(audit_after),
                )
                .await
        })
    })
    .await?;
    let sh = till::find_shift(&state.db, &tenant_id, &sh.id)
        .await?
        .ok_or(ApiError::NotFound("Shift"))?;
    Ok(Json(report(&state, sh).await?))
}

#[utoipa::path(get, path = "/shifts/{id}", tag = "shifts", params(("id" = String, Path)),
    responses((status = 200, body = ShiftReport), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ShiftReport>> {
    auth.require(Permission::OPERATE_SHIFT)?;
    let sh = accessible(&state, &auth, &id).await?;
    Ok(Json(report(&state, sh).await?))
}

#[derive(Deserialize, IntoParams)]
pub struct ShiftFilter {
    pub outlet_id: Option<String>,
    /// `YYYY-MM-DD` (inclusive), outlet's time zone; default today.
    pub from: Option<String>,
    pub to: Option<String>,
}

#[utoipa::path(get, path = "/shifts", tag = "shifts", params(ShiftFilter),
    responses((status = 200, body = [ShiftView])))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(filter): Query<ShiftFilter>,
) -> ApiResult<Json<Vec<ShiftView>>> {
    auth.require(Permission::VIEW_SHIFTS)?;
    let tenant_id = auth.tenant()?.to_string();
    let (outlet, from, to) = crate::modules::pos::api::reports::period(
        &state,
        &auth,
        filter.outlet_id,
        filter.from,
        filter.to,
    )
    .await?;
    let rows: Vec<shift::Model> = till::shifts(
        &state.db,
        &tenant_id,
        outlet.as_ref().map(|o| o.id.as_str()),
        &from,
        &to,
    )
    .await?
    .into_iter()
    .filter(|sh| auth.can_access_outlet(&sh.outlet_id))
    .collect();
    let who = names(
        &state,
        auth.tenant()?,
        rows.iter().map(|r| r.cashier_id.clone()).collect(),
    )
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| {
                let name = who.get(&r.cashier_id).cloned().unwrap_or_default();
                view(r, name)
            })
            .collect(),
    ))
}

/// The shift open on this device (or for this cashier without a device), so a till whose
/// storage was cleared picks it up again instead of opening a second one.
#[utoipa::path(get, path = "/shifts/current", tag = "shifts",
    responses((status = 200, description = "The open shift, or null", body = Option<ShiftView>)))]
pub async fn current(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<Json<Option<ShiftView>>> {
    auth.require(Permission::OPERATE_SHIFT)?;
    let tenant_id = auth.tenant()?.to_string();
    let open = till::open_shift_of(
        &state.db,
        &tenant_id,
        auth.device_id.as_deref(),
        &auth.user.id,
    )
    .await?;
    let Some(sh) = open else {
        return Ok(Json(None));
    };
    let name = names(&state, &sh.tenant_id, vec![sh.cashier_id.clone()])
        .await?
        .remove(&sh.cashier_id)
        .unwrap_or_default();
    Ok(Json(Some(view(sh, name))))
}
