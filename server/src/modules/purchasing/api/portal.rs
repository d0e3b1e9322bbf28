//! The supplier's own view: the orders sent to the supplier its user signs in for (never
//! another supplier's, never a draft), to confirm with a delivery date and to mark shipped
//! with the surat jalan number; with the receipts recorded against them.
use axum::extract::State;
use domain::api::purchasing::{ConfirmInput, PoPage, PoView, ShipInput};
use domain::purchasing::order::PoAction;
use sea_orm::Set;
use serde_json::json;

use super::orders::{status_filter, step, OrderFilter};
use super::suppliers::page;
use super::views::{detail, status_of, summaries};
use crate::kernel::audit::Actor;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::now_text;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::purchasing::entity::purchase_order;
use crate::modules::purchasing::repo::{orders as repo, suppliers};

/// `(tenant, supplier)` the signed-in supplier user acts for; 404 for a supplier user no
/// supplier record names yet.
pub(super) async fn supplier_of(state: &AppState, auth: &Auth) -> ApiResult<(String, String)> {
    auth.require(Permission::SUPPLIER_PORTAL)?;
    let tenant_id = auth.tenant()?;
    suppliers::of_user(&state.db, &auth.user.id)
        .await?
        .filter(|l| l.tenant_id == tenant_id)
        .map(|l| (l.tenant_id, l.supplier_id))
        .ok_or(ApiError::NotFound("Pemasok"))
}

async fn own_order(state: &AppState, auth: &Auth, id: &str) -> ApiResult<purchase_order::Model> {
    let (tenant_id, supplier_id) = supplier_of(state, auth).await?;
    repo::find_for_supplier(&state.db, &tenant_id, &supplier_id, id)
        .await?
        .ok_or(ApiError::NotFound("Pesanan pembelian"))
}

#[utoipa::path(get, path = "/supplier-portal/purchase-orders", tag = "supplier portal", params(OrderFilter),
    responses((status = 200, body = PoPage), (status = 404, description = "The user belongs to no supplier")))]
pub async fn orders(
    State(state): State<AppState>,
    auth: Auth,
    Query(f): Query<OrderFilter>,
) -> ApiResult<Json<PoPage>> {
    let (tenant_id, supplier_id) = supplier_of(&state, &auth).await?;
    let (limit, offset) = page(f.limit, f.offset)?;
    let filter = repo::Filter {
        status: status_filter(f.status.as_deref())?,
        supplier_id: Some(supplier_id),
        outlets: None,
        sent_only: true,
        limit,
        offset,
    };
    let (rows, total) = repo::list(&state.db, &tenant_id, &filter).await?;
    Ok(Json(PoPage {
        items: summaries(&state.db, &tenant_id, rows).await?,
        total,
        limit,
        offset,
    }))
}

#[utoipa::path(get, path = "/supplier-portal/purchase-orders/{id}", tag = "supplier portal",
    params(("id" = String, Path)), responses((status = 200, body = PoView), (status = 404)))]
pub async fn order(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PoView>> {
    let po = own_order(&state, &auth, &id).await?;
    Ok(Json(detail(&state.db, &po.tenant_id.clone(), po).await?))
}

#[utoipa::path(post, path = "/supplier-portal/purchase-orders/{id}/confirm", tag = "supplier portal",
    params(("id" = String, Path)), request_body = ConfirmInput,
    responses((status = 200, body = PoView), (status = 404), (status = 409, description = "`invalid_status`"), (status = 422)))]
pub async fn confirm(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ConfirmInput>,
) -> ApiResult<Json<PoView>> {
    let po = own_order(&state, &auth, &id).await?;
    let delivery_on = input::date("delivery_on", &req.delivery_on)?.to_string();
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, true)?,
        None => None,
    };
    let tenant_id = po.tenant_id.clone();
    let saved = step(
        &state,
        &auth,
        po,
        PoAction::Confirm,
        "purchase_order.confirm",
        move |row, now| {
            row.confirmed_at = Set(Some(now.to_string()));
            row.delivery_on = Set(Some(delivery_on));
            row.supplier_note = Set(note);
        },
    )
    .await?;
    Ok(Json(detail(&state.db, &tenant_id, saved).await?))
}

#[utoipa::path(post, path = "/supplier-portal/purchase-orders/{id}/ship", tag = "supplier portal",
    params(("id" = String, Path)), request_body = ShipInput,
    responses((status = 200, body = PoView), (status = 404), (status = 409, description = "`invalid_status`: not confirmed yet"), (status = 422)))]
pub async fn ship(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ShipInput>,
) -> ApiResult<Json<PoView>> {
    let po = own_order(&state, &auth, &id).await?;
    let delivery_note = input::required(
        "delivery_note",
        &req.delivery_note,
        input::REFERENCE_CHARS_MAX,
        "Nomor surat jalan",
    )?;
    let tenant_id = po.tenant_id.clone();
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            let now = now_text();
            repo::lock(txn, &tenant_id, &po.id, &now).await?;
            let current = repo::find(txn, &tenant_id, &po.id)
                .await?
                .ok_or(ApiError::NotFound("Pesanan pembelian"))?;
            if !status_of(&current).can_ship() {
                return Err(ApiError::conflict(
                    "invalid_status",
                    "Konfirmasi pesanan dulu sebelum menandai dikirim.",
                ));
            }
            let mut row: purchase_order::ActiveModel = current.clone().into();
            row.shipped_at = Set(Some(now.clone()));
            row.delivery_note = Set(Some(delivery_note.clone()));
            row.updated_at = Set(now);
            let saved = repo::save(txn, row).await?;
            audit
                .record(
                    Change::new("purchase_order.ship", "purchase_order", &saved.id)
                        .outlet(&saved.outlet_id)
                        .after(json!({"delivery_note": delivery_note, "number": saved.number})),
                )
                .await?;
            Ok(saved)
        })
    })
    .await?;
    Ok(Json(
        detail(&state.db, &saved.tenant_id.clone(), saved).await?,
    ))
}

#[utoipa::path(get, path = "/supplier-portal/invoices", tag = "supplier portal",
    params(super::invoices::InvoiceFilter),
    responses((status = 200, body = domain::api::payables::InvoicePage), (status = 404, description = "The user belongs to no supplier")))]
pub async fn invoices(
    State(state): State<AppState>,
    auth: Auth,
    Query(f): Query<super::invoices::InvoiceFilter>,
) -> ApiResult<Json<domain::api::payables::InvoicePage>> {
    let (tenant_id, supplier_id) = supplier_of(&state, &auth).await?;
    let mut filter = super::invoices::filter_of(&f, None)?;
    // Its own invoices whatever the query names.
    filter.supplier_id = Some(supplier_id);
    let (rows, total) =
        crate::modules::purchasing::repo::payables::list(&state.db, &tenant_id, &filter).await?;
    Ok(Json(domain::api::payables::InvoicePage {
        items: super::invoices::summaries(&state.db, &tenant_id, rows).await?,
        total,
        limit: filter.limit,
        offset: filter.offset,
    }))
}

#[utoipa::path(get, path = "/supplier-portal/invoices/{id}", tag = "supplier portal",
    params(("id" = String, Path)), responses((status = 200, body = domain::api::payables::InvoiceView), (status = 404)))]
pub async fn invoice(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<domain::api::payables::InvoiceView>> {
    let (tenant_id, supplier_id) = supplier_of(&state, &auth).await?;
    let inv = crate::modules::purchasing::repo::payables::find(&state.db, &tenant_id, &id)
        .await?
        .filter(|i| i.supplier_id == supplier_id)
        .ok_or(ApiError::NotFound("Tagihan"))?;
    Ok(Json(
        super::invoices::detail(&state.db, &tenant_id, inv).await?,
    ))
}
