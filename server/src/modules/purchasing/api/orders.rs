//! Purchase orders: made as a draft, sent to the supplier (or first to an owner's approval
//! above [`APPROVAL_AMOUNT`]), cancelled while no goods came, closed when the rest will
//! not come. Receipts are in `receipts`.
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::api::purchasing::{PoInput, PoPage, PoStatus, PoView};
use domain::purchasing::order::{self, LineInput, PoAction};
use rust_decimal::Decimal;
use sea_orm::Set;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use super::suppliers::{page, purchase_unit};
use super::views::{decimal, detail, status_of, summaries};
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
use crate::modules::inventory::repo::stock;
use crate::modules::purchasing::entity::{purchase_order, purchase_order_line};
use crate::modules::purchasing::repo::{orders as repo, suppliers};
use crate::platform::api::outlets::accessible;

/// Orders above this total (with PPN) wait for an owner's or admin's approval when a
/// manager sends them: Rp10.000.000.
pub const APPROVAL_AMOUNT: Decimal = Decimal::from_parts(10_000_000, 0, 0, false, 0);
/// Lines one order may carry.
pub const LINES_MAX: usize = 200;

#[derive(Deserialize, IntoParams)]
pub struct OrderFilter {
    /// `draft`, `pending_approval`, `sent`, `confirmed`, `partially_received`, `received`,
    /// `closed` or `cancelled`.
    pub status: Option<String>,
    pub supplier_id: Option<String>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

pub fn status_filter(s: Option<&str>) -> ApiResult<Option<PoStatus>> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(t) => PoStatus::parse(t)
            .map(Some)
            .ok_or_else(|| ApiError::validation("status", "Status pesanan tidak dikenal.")),
    }
}

#[utoipa::path(get, path = "/purchase-orders", tag = "purchasing", params(OrderFilter),
    responses((status = 200, body = PoPage)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(f): Query<OrderFilter>,
) -> ApiResult<Json<PoPage>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let tenant_id = auth.tenant()?;
    let (limit, offset) = page(f.limit, f.offset)?;
    let filter = repo::Filter {
        status: status_filter(f.status.as_deref())?,
        supplier_id: f.supplier_id,
        outlets: auth.outlet_ids.clone(),
        sent_only: false,
        limit,
        offset,
    };
    let (rows, total) = repo::list(&state.db, tenant_id, &filter).await?;
    Ok(Json(PoPage {
        items: summaries(&state.db, tenant_id, rows).await?,
        total,
        limit,
        offset,
    }))
}

#[utoipa::path(post, path = "/purchase-orders", tag = "purchasing", request_body = PoInput,
    responses((status = 201, body = PoView, description = "A draft"), (status = 409, description = "`number_taken`: made at the same instant as another; send again"), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<PoInput>,
) -> ApiResult<(StatusCode, Json<PoView>)> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let tenant_id = auth.tenant()?.to_string();
    let supplier = suppliers::find(&state.db, &tenant_id, &req.supplier_id)
        .await?
        .filter(|s| s.active)
        .ok_or_else(|| {
            ApiError::validation("supplier_id", "Pemasok tidak ditemukan atau tidak aktif.")
        })?;
    let outlet = accessible(&state, &auth, &req.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet atau gudang tidak ditemukan."))?;
    if req.lines.is_empty() || req.lines.len() > LINES_MAX {
        return Err(ApiError::validation(
            "lines",
            format!("Pesanan harus berisi 1 sampai {LINES_MAX} baris."),
        ));
    }
    let expected_on = match req
        .expected_on
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(d) => Some(input::date("expected_on", d)?.to_string()),
        None => None,
    };
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, true)?,
        None => None,
    };
    let ids: Vec<String> = req.lines.iter().map(|l| l.product_id.clone()).collect();
    let products = stock::products_by_id(&state.db, &tenant_id, &ids).await?;
    let offers: std::collections::HashMap<String, _> =
        suppliers::products(&state.db, &tenant_id, &supplier.id)
            .await?
            .into_iter()
            .map(|o| (o.product_id.clone(), o))
            .collect();
    let po_id = new_id();
    let mut rows = Vec::with_capacity(req.lines.len());
    let mut amounts = Vec::with_capacity(req.lines.len());
    for (i, l) in req.lines.iter().enumerate() {
        let field = |f: &str| format!("lines[{i}].{f}");
        let p = products
            .get(&l.product_id)
            .ok_or_else(|| ApiError::validation(field("product_id"), "Produk tidak ditemukan."))?;
        let quantity = input::quantity(
            &field("quantity"),
            decimal(&field("quantity"), &l.quantity)?,
        )?;
        let unit = match (&l.purchase_unit, &l.per_base, offers.get(&p.id)) {
            (None, None, Some(o)) => purchase_unit(
                Some(&o.purchase_unit),
                Some(&o.per_base_milli.text()),
                &p.unit,
            )?,
            (name, per, _) => purchase_unit(name.as_deref(), per.as_deref(), &p.unit)?,
        };
        let unit_price = input::amount(
            &field("unit_price"),
            decimal(&field("unit_price"), &l.unit_price)?,
        )?;
        let discount = match l.discount.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(d) => input::amount(&field("discount"), decimal(&field("discount"), d)?)?,
            None => Decimal::ZERO,
        };
        let amount = LineInput {
            quantity,
            unit_price,
            discount,
        };
        let net = amount.net().map_err(|e| match e {
            order::LineError::Discount => {
                ApiError::validation(field("discount"), "Diskon melebihi jumlah baris.")
            }
            _ => ApiError::validation(field("quantity"), "Jumlah atau harga tidak valid."),
        })?;
        input::amount(&field("unit_price"), net)?;
        let base = input::quantity(&field("quantity"), unit.to_base(quantity))?;
        amounts.push(amount);
        rows.push(purchase_order_line::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.clone()),
            po_id: Set(po_id.clone()),
            line_no: Set(i32::try_from(i + 1).unwrap_or(i32::MAX)),
            product_id: Set(p.id.clone()),
            purchase_unit: Set(unit.name().to_string()),
            per_base_milli: Set(Milli::of(unit.per_base())?),
            quantity_milli: Set(Milli::of(quantity)?),
            unit_price_sen: Set(Sen::of(unit_price)?),
            discount_sen: Set(Sen::of(discount)?),
            net_sen: Set(Sen::of(net)?),
            ordered_base_milli: Set(Milli::of(base)?),
            received_base_milli: Set(Milli(0)),
        });
    }
    let totals = order::totals(&amounts, supplier.pkp)
        .map_err(|_| ApiError::validation("lines", "Jumlah pesanan tidak valid."))?;
    input::amount("lines", totals.total)?;
    let user_id = auth.user.id.clone();
    let now = now_text();
    let prefix = format!("PO-{}-", Utc::now().format("%Y%m"));
    let created = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            let number = repo::next_number(txn, &tenant_id, &prefix, false).await?;
            let po = purchase_order::ActiveModel {
                id: Set(po_id),
                tenant_id: Set(tenant_id.clone()),
                number: Set(number),
                supplier_id: Set(supplier.id.clone()),
                outlet_id: Set(outlet.id.clone()),
                status: Set(PoStatus::Draft.as_str().to_string()),
                expected_on: Set(expected_on),
                supplier_pkp: Set(supplier.pkp),
                subtotal_sen: Set(Sen::of(totals.subtotal)?),
                ppn_sen: Set(Sen::of(totals.ppn)?),
                total_sen: Set(Sen::of(totals.total)?),
                note: Set(note),
                created_by: Set(user_id),
                created_at: Set(now.clone()),
                sent_at: Set(None),
                approved_by: Set(None),
                confirmed_at: Set(None),
                delivery_on: Set(None),
                supplier_note: Set(None),
                shipped_at: Set(None),
                delivery_note: Set(None),
                closed_at: Set(None),
                updated_at: Set(now),
            };
            let line_count = rows.len();
            let po = repo::insert(txn, po, rows).await?;
            audit
                .record(
                    Change::new("purchase_order.create", "purchase_order", &po.id)
                        .outlet(&po.outlet_id)
                        .after(json!({"number": po.number, "supplier_id": po.supplier_id,
                            "total": po.total_sen.text(), "lines": line_count})),
                )
                .await?;
            Ok(po)
        })
    })
    .await
    .map_err(|e| {
        if e.is_duplicate() {
            ApiError::conflict(
                "number_taken",
                "Nomor pesanan bentrok dengan pesanan lain; kirim lagi.",
            )
        } else {
            e
        }
    })?;
    Ok((
        StatusCode::CREATED,
        Json(detail(&state.db, auth.tenant()?, created).await?),
    ))
}

pub async fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<purchase_order::Model> {
    repo::find(&state.db, auth.tenant()?, id)
        .await?
        .filter(|po| auth.can_access_outlet(&po.outlet_id))
        .ok_or(ApiError::NotFound("Pesanan pembelian"))
}

#[utoipa::path(get, path = "/purchase-orders/{id}", tag = "purchasing", params(("id" = String, Path)),
    responses((status = 200, body = PoView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PoView>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let po = load(&state, &auth, &id).await?;
    Ok(Json(detail(&state.db, auth.tenant()?, po).await?))
}

/// The refusal of a step the order's status does not allow.
pub fn not_now(e: order::TransitionError) -> ApiError {
    ApiError::conflict(
        "invalid_status",
        format!(
            "Pesanan berstatus {} tidak dapat {}.",
            status_words(e.from),
            action_words(e.action)
        ),
    )
}

fn status_words(s: PoStatus) -> &'static str {
    match s {
        PoStatus::Draft => "draf",
        PoStatus::PendingApproval => "menunggu persetujuan",
        PoStatus::Sent => "terkirim",
        PoStatus::Confirmed => "dikonfirmasi",
        PoStatus::PartiallyReceived => "diterima sebagian",
        PoStatus::Received => "diterima",
        PoStatus::Closed => "ditutup",
        PoStatus::Cancelled => "dibatalkan",
    }
}

fn action_words(a: &str) -> &'static str {
    match a {
        "sent" => "dikirim",
        "approved" => "disetujui",
        "confirmed" => "dikonfirmasi",
        "received" => "diterima",
        "closed" => "ditutup",
        _ => "dibatalkan",
    }
}

/// One step of the order's life in one transaction: the order is locked, its status
/// read again and moved by `domain`, `edit` fills in the step's own columns.
pub async fn step(
    state: &AppState,
    auth: &Auth,
    po: purchase_order::Model,
    action: PoAction,
    audit_action: &'static str,
    edit: impl FnOnce(&mut purchase_order::ActiveModel, &str) + Send + 'static,
) -> ApiResult<purchase_order::Model> {
    let tenant_id = auth.tenant()?.to_string();
    audited(&state.db, Actor::of(auth), move |txn, audit| {
        Box::pin(async move {
            let now = now_text();
            repo::lock(txn, &tenant_id, &po.id, &now).await?;
            let current = repo::find(txn, &tenant_id, &po.id)
                .await?
                .ok_or(ApiError::NotFound("Pesanan pembelian"))?;
            let from = status_of(&current);
            let to = from.apply(action).map_err(not_now)?;
            let mut row: purchase_order::ActiveModel = current.clone().into();
            row.status = Set(to.as_str().to_string());
            row.updated_at = Set(now.clone());
            edit(&mut row, &now);
            let saved = repo::save(txn, row).await?;
            audit
                .record(
                    Change::new(audit_action, "purchase_order", &saved.id)
                        .outlet(&saved.outlet_id)
                        .before(json!({"status": from.as_str()}))
                        .after(json!({"status": to.as_str(), "number": saved.number})),
                )
                .await?;
            if to == PoStatus::Sent {
                // What was ordered at is what the supplier charges now.
                for l in repo::lines(txn, &tenant_id, &saved.id).await? {
                    suppliers::set_last_price(
                        txn,
                        &tenant_id,
                        &saved.supplier_id,
                        &l.product_id,
                        l.unit_price_sen,
                    )
                    .await?;
                }
            }
            Ok(saved)
        })
    })
    .await
}

#[utoipa::path(post, path = "/purchase-orders/{id}/send", tag = "purchasing", params(("id" = String, Path)),
    responses((status = 200, body = PoView, description = "`sent`, or `pending_approval` above the approval amount"),
        (status = 404), (status = 409, description = "`invalid_status`")))]
pub async fn send(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PoView>> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let po = load(&state, &auth, &id).await?;
    let needs_approval =
        po.total_sen.dec() > APPROVAL_AMOUNT && !auth.can(Permission::APPROVE_PURCHASE);
    let approver = (!needs_approval).then(|| auth.user.id.clone());
    let saved = step(
        &state,
        &auth,
        po,
        PoAction::Send { needs_approval },
        "purchase_order.send",
        move |row, now| {
            if !needs_approval {
                row.sent_at = Set(Some(now.to_string()));
                row.approved_by = Set(approver);
            }
        },
    )
    .await?;
    Ok(Json(detail(&state.db, auth.tenant()?, saved).await?))
}

#[utoipa::path(post, path = "/purchase-orders/{id}/approve", tag = "purchasing", params(("id" = String, Path)),
    responses((status = 200, body = PoView), (status = 404), (status = 409, description = "`invalid_status`")))]
pub async fn approve(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PoView>> {
    auth.require(Permission::APPROVE_PURCHASE)?;
    let po = load(&state, &auth, &id).await?;
    let approver = auth.user.id.clone();
    let saved = step(
        &state,
        &auth,
        po,
        PoAction::Approve,
        "purchase_order.approve",
        move |row, now| {
            row.sent_at = Set(Some(now.to_string()));
            row.approved_by = Set(Some(approver));
        },
    )
    .await?;
    Ok(Json(detail(&state.db, auth.tenant()?, saved).await?))
}

/// Cancel or close: the order ends (`closed_at`), by one who manages purchasing.
async fn ended(
    state: &AppState,
    auth: &Auth,
    id: &str,
    action: PoAction,
    audit_action: &'static str,
) -> ApiResult<PoView> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let po = load(state, auth, id).await?;
    let saved = step(state, auth, po, action, audit_action, |row, now| {
        row.closed_at = Set(Some(now.to_string()));
    })
    .await?;
    Ok(detail(&state.db, auth.tenant()?, saved).await?)
}

#[utoipa::path(post, path = "/purchase-orders/{id}/cancel", tag = "purchasing", params(("id" = String, Path)),
    responses((status = 200, body = PoView), (status = 404), (status = 409, description = "`invalid_status`: goods already came")))]
pub async fn cancel(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PoView>> {
    ended(
        &state,
        &auth,
        &id,
        PoAction::Cancel,
        "purchase_order.cancel",
    )
    .await
    .map(Json)
}

#[utoipa::path(post, path = "/purchase-orders/{id}/close", tag = "purchasing", params(("id" = String, Path)),
    responses((status = 200, body = PoView, description = "Partly received; the rest will not come"),
        (status = 404), (status = 409, description = "`invalid_status`")))]
pub async fn close(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PoView>> {
    ended(&state, &auth, &id, PoAction::Close, "purchase_order.close")
        .await
        .map(Json)
}
