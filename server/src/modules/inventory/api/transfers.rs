//! Transfers between locations (a store and the warehouse, two stores): asked for, sent —
//! the goods leave the source's stock at its average cost and are in transit —, received
//! at the destination (what did not arrive is the transfer's difference), each step with
//! who and when, each one transaction.
use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::api::inventory::{
    TransferInput, TransferLineInput, TransferLineView, TransferStatus, TransferStepInput,
    TransferView,
};
use domain::purchasing::cost::CostPool;
use domain::stock::TransferStep;
use rust_decimal::Decimal;
use sea_orm::Set;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::now_text;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::entity::{stock_transfer, stock_transfer_line};
use crate::modules::inventory::repo::{control, costs, stock};
use crate::platform::api::outlets::accessible;

/// Lines one transfer may carry.
pub const LINES_MAX: usize = 500;

#[derive(Deserialize, IntoParams)]
pub struct Paging {
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct TransferPage {
    pub items: Vec<TransferView>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

fn status_of(t: &stock_transfer::Model) -> TransferStatus {
    TransferStatus::parse(&t.status).unwrap_or(TransferStatus::Cancelled)
}

async fn view(
    state: &AppState,
    tenant_id: &str,
    t: stock_transfer::Model,
) -> ApiResult<TransferView> {
    let lines = control::transfer_lines(&state.db, tenant_id, &t.id).await?;
    let ids: Vec<String> = lines.iter().map(|l| l.product_id.clone()).collect();
    let products = stock::products_by_id(&state.db, tenant_id, &ids).await?;
    let received = status_of(&t) == TransferStatus::Received;
    Ok(TransferView {
        status: status_of(&t),
        lines: lines
            .into_iter()
            .map(|l| {
                let p = products.get(&l.product_id);
                TransferLineView {
                    sku: p.map(|p| p.sku.clone()).unwrap_or_default(),
                    name: p.map(|p| p.name.clone()).unwrap_or_default(),
                    unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
                    requested: l.requested_milli.text(),
                    sent: l.sent_milli.text(),
                    received: l.received_milli.text(),
                    difference: Milli(if received {
                        l.sent_milli.0 - l.received_milli.0
                    } else {
                        0
                    })
                    .text(),
                    product_id: l.product_id,
                }
            })
            .collect(),
        id: t.id,
        number: t.number,
        from_outlet_id: t.from_outlet_id,
        to_outlet_id: t.to_outlet_id,
        note: t.note,
        requested_at: t.requested_at,
        sent_at: t.sent_at,
        received_at: t.received_at,
    })
}

/// Quantities per product from the request, each checked.
fn quantities(lines: &[TransferLineInput]) -> ApiResult<HashMap<String, Decimal>> {
    if lines.len() > LINES_MAX {
        return Err(ApiError::validation(
            "lines",
            format!("Paling banyak {LINES_MAX} baris."),
        ));
    }
    let mut out = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        let field = format!("lines[{i}].quantity");
        let q = Decimal::from_str_exact(l.quantity.trim())
            .map_err(|_| ApiError::validation(&field, "Jumlah harus angka."))?;
        if q < Decimal::ZERO {
            return Err(ApiError::validation(&field, "Jumlah tidak boleh negatif."));
        }
        if !q.is_zero() {
            input::quantity(&field, q)?;
        }
        *out.entry(l.product_id.clone()).or_insert(Decimal::ZERO) += q;
    }
    Ok(out)
}

#[utoipa::path(post, path = "/stock-transfers", tag = "stock", request_body = TransferInput,
    responses((status = 201, body = TransferView, description = "Requested"), (status = 409, description = "Made at the same instant as another; send again"), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<TransferInput>,
) -> ApiResult<(StatusCode, Json<TransferView>)> {
    auth.require(Permission::ADJUST_STOCK)?;
    let tenant_id = auth.tenant()?.to_string();
    let mut ends = Vec::new();
    for (field, id) in [
        ("from_outlet_id", &req.from_outlet_id),
        ("to_outlet_id", &req.to_outlet_id),
    ] {
        let o = accessible(&state, &auth, id)
            .await?
            .ok_or_else(|| ApiError::validation(field, "Lokasi tidak ditemukan."))?;
        ends.push(o.id);
    }
    if ends[0] == ends[1] {
        return Err(ApiError::validation(
            "to_outlet_id",
            "Lokasi tujuan harus berbeda dari asal.",
        ));
    }
    if req.lines.is_empty() {
        return Err(ApiError::validation(
            "lines",
            "Transfer harus berisi barang.",
        ));
    }
    let wanted = quantities(&req.lines)?;
    let ids: Vec<String> = wanted.keys().cloned().collect();
    let products = stock::products_by_id(&state.db, &tenant_id, &ids).await?;
    if let Some(missing) = ids.iter().find(|id| !products.contains_key(*id)) {
        return Err(ApiError::validation(
            "lines",
            format!("Produk {missing} tidak ditemukan."),
        ));
    }
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, true)?,
        None => None,
    };
    let user_id = auth.user.id.clone();
    let prefix = format!("TR-{}-", Utc::now().format("%Y%m"));
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            let id = new_id();
            let lines = wanted
                .iter()
                .filter(|(_, q)| !q.is_zero())
                .map(|(pid, q)| -> ApiResult<stock_transfer_line::ActiveModel> {
                    Ok(stock_transfer_line::ActiveModel {
                        id: Set(new_id()),
                        tenant_id: Set(tenant_id.clone()),
                        transfer_id: Set(id.clone()),
                        product_id: Set(pid.clone()),
                        requested_milli: Set(Milli::of(*q)?),
                        sent_milli: Set(Milli(0)),
                        received_milli: Set(Milli(0)),
                        unit_cost_sen: Set(None),
                    })
                })
                .collect::<ApiResult<Vec<_>>>()?;
            let number = control::next_transfer_number(txn, &tenant_id, &prefix).await?;
            let t = control::insert_transfer(
                txn,
                stock_transfer::ActiveModel {
                    id: Set(id),
                    tenant_id: Set(tenant_id.clone()),
                    number: Set(number),
                    from_outlet_id: Set(ends[0].clone()),
                    to_outlet_id: Set(ends[1].clone()),
                    status: Set(TransferStatus::Requested.as_str().to_string()),
                    note: Set(note),
                    requested_by: Set(user_id),
                    requested_at: Set(now_text()),
                    sent_by: Set(None),
                    sent_at: Set(None),
                    received_by: Set(None),
                    received_at: Set(None),
                },
                lines,
            )
            .await?;
            audit
                .record(
                    Change::new("stock_transfer.create", "stock_transfer", &t.id)
                        .outlet(&t.from_outlet_id)
                        .after(json!({"number": t.number, "to": t.to_outlet_id})),
                )
                .await?;
            Ok(t)
        })
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(view(&state, auth.tenant()?, saved).await?),
    ))
}

#[utoipa::path(get, path = "/stock-transfers", tag = "stock", params(Paging),
    responses((status = 200, body = TransferPage)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(p): Query<Paging>,
) -> ApiResult<Json<TransferPage>> {
    auth.require(Permission::ADJUST_STOCK)?;
    let tenant_id = auth.tenant()?;
    let (limit, offset) = input::page(p.limit, p.offset, 25, 100)?;
    let (rows, total) = control::list_transfers(
        &state.db,
        tenant_id,
        auth.outlet_ids.as_deref(),
        limit,
        offset,
    )
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for t in rows {
        items.push(view(&state, tenant_id, t).await?);
    }
    Ok(Json(TransferPage {
        items,
        total,
        limit,
        offset,
    }))
}

async fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<stock_transfer::Model> {
    control::find_transfer(&state.db, auth.tenant()?, id)
        .await?
        .filter(|t| {
            auth.can_access_outlet(&t.from_outlet_id) || auth.can_access_outlet(&t.to_outlet_id)
        })
        .ok_or(ApiError::NotFound("Transfer stok"))
}

#[utoipa::path(get, path = "/stock-transfers/{id}", tag = "stock", params(("id" = String, Path)),
    responses((status = 200, body = TransferView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<TransferView>> {
    auth.require(Permission::ADJUST_STOCK)?;
    let t = load(&state, &auth, &id).await?;
    Ok(Json(view(&state, auth.tenant()?, t).await?))
}

/// Send or receive: the transfer locked, its status moved by `domain`, each line's
/// quantity (as given, else as requested or as sent) moved through the ledger.
async fn step(
    state: &AppState,
    auth: &Auth,
    id: &str,
    step: TransferStep,
    req: TransferStepInput,
) -> ApiResult<TransferView> {
    auth.require(Permission::ADJUST_STOCK)?;
    let t = load(state, auth, id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let given = match &req.lines {
        Some(lines) => Some(quantities(lines)?),
        None => None,
    };
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let saved = audited(&state.db, Actor::of(auth), move |txn, audit| {
        Box::pin(async move {
            control::lock_transfer(txn, &tenant_id, &t.id).await?;
            let current = control::find_transfer(txn, &tenant_id, &t.id)
                .await?
                .ok_or(ApiError::NotFound("Transfer stok"))?;
            let from = status_of(&current);
            let to = from.apply(step).map_err(|_| {
                ApiError::conflict(
                    "invalid_status",
                    "Langkah ini tidak bisa untuk status transfer sekarang.",
                )
            })?;
            let lines = control::transfer_lines(txn, &tenant_id, &current.id).await?;
            if let Some(g) = &given {
                if let Some(extra) = g
                    .keys()
                    .find(|p| !lines.iter().any(|l| &l.product_id == *p))
                {
                    return Err(ApiError::validation(
                        "lines",
                        format!("Produk {extra} tidak ada di transfer ini."),
                    ));
                }
            }
            let ids: Vec<String> = lines.iter().map(|l| l.product_id.clone()).collect();
            let products = stock::products_by_id(txn, &tenant_id, &ids).await?;
            let (outlet, kind) = match step {
                TransferStep::Send => (current.from_outlet_id.clone(), "transfer_out"),
                _ => (current.to_outlet_id.clone(), "transfer_in"),
            };
            let known = costs::unit_costs(txn, &tenant_id, &outlet, ids.clone()).await?;
            let on_hand = stock::stock_levels(txn, &tenant_id, &outlet, Some(&ids)).await?;
            let now = now_text();
            let mut moved = Vec::new();
            for l in lines {
                let default = match step {
                    TransferStep::Send => l.requested_milli,
                    _ => l.sent_milli,
                };
                let quantity = match &given {
                    Some(g) => g.get(&l.product_id).copied().unwrap_or(Decimal::ZERO),
                    None => default.dec(),
                };
                let mut row: stock_transfer_line::ActiveModel = l.clone().into();
                let own_cost = || {
                    known
                        .get(&l.product_id)
                        .copied()
                        .or_else(|| products.get(&l.product_id).map(|p| p.cost_sen))
                };
                match step {
                    TransferStep::Send => {
                        row.sent_milli = Set(Milli::of(quantity)?);
                        // The goods travel at the source's average cost.
                        row.unit_cost_sen = Set(own_cost());
                    }
                    _ => {
                        if quantity > l.sent_milli.dec() {
                            return Err(ApiError::validation(
                                "lines",
                                "Jumlah diterima melebihi yang dikirim.",
                            ));
                        }
                        row.received_milli = Set(Milli::of(quantity)?);
                        // The destination's average moves with the goods at their cost.
                        if !quantity.is_zero() {
                            let incoming = l.unit_cost_sen.or_else(own_cost).unwrap_or(Sen::ZERO);
                            let here = own_cost().unwrap_or(incoming);
                            let mut pool = CostPool::opening(
                                stock::from_milli(on_hand.get(&l.product_id).copied().unwrap_or(0)),
                                here.dec(),
                            );
                            pool.receive(quantity, (quantity * incoming.dec()).round_dp(2))
                                .map_err(|e| {
                                    ApiError::Internal(anyhow::anyhow!("transfer cost: {e}"))
                                })?;
                            costs::set_unit_cost(
                                txn,
                                &tenant_id,
                                &outlet,
                                &l.product_id,
                                Sen::of(pool.average())?,
                                &now,
                            )
                            .await?;
                        }
                    }
                }
                control::save_transfer_line(txn, row).await?;
                if quantity.is_zero() {
                    continue;
                }
                let signed = if step == TransferStep::Send {
                    -quantity
                } else {
                    quantity
                };
                stock::record_movement(
                    txn,
                    stock::Movement {
                        tenant_id: &tenant_id,
                        outlet_id: &outlet,
                        product_id: &l.product_id,
                        kind,
                        quantity: signed,
                        reference: Some(&current.number),
                        reason: None,
                        user_id: Some(&user_id),
                        device_id: device_id.as_deref(),
                    },
                )
                .await?;
                moved.push(json!({"product_id": l.product_id, "quantity": quantity.to_string()}));
            }
            let mut row: stock_transfer::ActiveModel = current.clone().into();
            row.status = Set(to.as_str().to_string());
            match step {
                TransferStep::Send => {
                    row.sent_by = Set(Some(user_id.clone()));
                    row.sent_at = Set(Some(now.clone()));
                }
                _ => {
                    row.received_by = Set(Some(user_id.clone()));
                    row.received_at = Set(Some(now.clone()));
                }
            }
            let saved = control::save_transfer(txn, row).await?;
            audit
                .record(
                    Change::new(
                        if step == TransferStep::Send {
                            "stock_transfer.send"
                        } else {
                            "stock_transfer.receive"
                        },
                        "stock_transfer",
                        &saved.id,
                    )
                    .outlet(&outlet)
                    .before(json!({"status": from.as_str()}))
                    .after(json!({"status": to.as_str(), "number": saved.number, "lines": moved})),
                )
                .await?;
            Ok(saved)
        })
    })
    .await?;
    view(state, auth.tenant()?, saved).await
}

#[utoipa::path(post, path = "/stock-transfers/{id}/send", tag = "stock", params(("id" = String, Path)),
    request_body = TransferStepInput,
    responses((status = 200, body = TransferView), (status = 404), (status = 409, description = "`invalid_status`"), (status = 422)))]
pub async fn send(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<TransferStepInput>,
) -> ApiResult<Json<TransferView>> {
    Ok(Json(
        step(&state, &auth, &id, TransferStep::Send, req).await?,
    ))
}

#[utoipa::path(post, path = "/stock-transfers/{id}/receive", tag = "stock", params(("id" = String, Path)),
    request_body = TransferStepInput,
    responses((status = 200, body = TransferView), (status = 404), (status = 409, description = "`invalid_status`"), (status = 422)))]
pub async fn receive(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<TransferStepInput>,
) -> ApiResult<Json<TransferView>> {
    Ok(Json(
        step(&state, &auth, &id, TransferStep::Receive, req).await?,
    ))
}
