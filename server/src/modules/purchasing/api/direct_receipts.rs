//! Goods received without a purchase order (a supplier's salesman drops off stock, a
//! market run): at a location, from a supplier or none, each line at the value the
//! receiver gives, with batch and expiry where the product is tracked. Stock and the
//! moving average cost move as for a receipt against an order (`receipts::book_in`).
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::api::purchasing::{ReceiptLineInput, ReceiptLineView, ReceiptView};
use rust_decimal::Decimal;
use sea_orm::Set;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::receipts::{book_in, lines, products_of, BookIn};
use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::now_text;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::Json;
use crate::kernel::input;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::repo::stock;
use crate::modules::purchasing::entity::{goods_receipt, goods_receipt_line};
use crate::modules::purchasing::repo::{orders as repo, suppliers};
use crate::platform::api::outlets::accessible;

/// `POST /goods-receipts`: goods in without an order.
#[derive(Deserialize, ToSchema)]
pub struct DirectReceiptInput {
    pub outlet_id: String,
    /// The supplier the goods came from, when there is one on record.
    pub supplier_id: Option<String>,
    pub note: Option<String>,
    /// Each line's `value` (the cost of its whole quantity) is required; `po_line_id`
    /// and `flag` are not taken.
    pub lines: Vec<ReceiptLineInput>,
}

#[utoipa::path(post, path = "/goods-receipts", tag = "purchasing", request_body = DirectReceiptInput,
    responses((status = 201, body = ReceiptView, description = "Received; stock and average cost moved"),
        (status = 409, description = "`number_taken`: made at the same instant as another; send again"),
        (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<DirectReceiptInput>,
) -> ApiResult<(StatusCode, Json<ReceiptView>)> {
    auth.require(Permission::RECEIVE_GOODS)?;
    let tenant_id = auth.tenant()?.to_string();
    let outlet = accessible(&state, &auth, &req.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let supplier_id = match req
        .supplier_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(id) => Some(
            suppliers::find(&state.db, &tenant_id, id)
                .await?
                .ok_or_else(|| ApiError::validation("supplier_id", "Pemasok tidak ditemukan."))?
                .id,
        ),
        None => None,
    };
    if let Some(i) = req
        .lines
        .iter()
        .position(|l| l.po_line_id.is_some() || l.flag.is_some())
    {
        return Err(ApiError::validation(
            format!("lines[{i}]"),
            "Penerimaan tanpa pesanan tidak punya baris pesanan.",
        ));
    }
    let wanted = lines(&req.lines)?;
    if let Some(i) = wanted.iter().position(|l| l.value.is_none()) {
        return Err(ApiError::validation(
            format!("lines[{i}].value"),
            "Nilai (harga beli seluruh jumlah) wajib tanpa pesanan.",
        ));
    }
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, true)?,
        None => None,
    };
    let products = products_of(&state, &tenant_id, &wanted).await?;
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let outlet_id = outlet.id.clone();
    let prefix = format!("GR-{}-", Utc::now().format("%Y%m"));
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            let now = now_text();
            let receipt_id = new_id();
            let number = repo::next_number(txn, &tenant_id, &prefix, true).await?;
            let mut rows = Vec::with_capacity(wanted.len());
            let mut incoming: Vec<(String, Decimal, Decimal)> = Vec::new();
            let mut total = Decimal::ZERO;
            for l in &wanted {
                let value = l.value.unwrap_or_default();
                total += value;
                incoming.push((l.product_id.clone(), l.quantity, value));
                rows.push(goods_receipt_line::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.clone()),
                    receipt_id: Set(receipt_id.clone()),
                    po_line_id: Set(None),
                    product_id: Set(l.product_id.clone()),
                    quantity_base_milli: Set(Milli(stock::to_milli(l.quantity)?)),
                    value_sen: Set(Sen::of(value)?),
                    batch_no: Set(l.batch_no.clone()),
                    expires_on: Set(l.expires_on.clone()),
                    flag: Set(None),
                });
            }
            let receipt = repo::insert_receipt(
                txn,
                goods_receipt::ActiveModel {
                    id: Set(receipt_id.clone()),
                    tenant_id: Set(tenant_id.clone()),
                    number: Set(number.clone()),
                    po_id: Set(None),
                    supplier_id: Set(supplier_id.clone()),
                    outlet_id: Set(outlet_id.clone()),
                    value_sen: Set(Sen::of(total)?),
                    note: Set(note),
                    user_id: Set(user_id.clone()),
                    device_id: Set(device_id.clone()),
                    received_at: Set(now.clone()),
                },
                rows,
            )
            .await?;
            book_in(
                txn,
                BookIn {
                    tenant_id: &tenant_id,
                    outlet_id: &outlet_id,
                    number: &number,
                    user_id: &user_id,
                    device_id: device_id.as_deref(),
                    now: &now,
                },
                &products,
                &incoming,
                &wanted,
            )
            .await?;
            audit
                .record(
                    Change::new("goods_receipt.create", "goods_receipt", &receipt.id)
                        .outlet(&receipt.outlet_id)
                        .after(json!({"receipt": number, "supplier_id": supplier_id,
                            "value": Sen::of(total)?.text(),
                            "lines": incoming.iter().map(|(p, q, v)| json!({"product_id": p,
                                "quantity": q.to_string(), "value": v.to_string()})).collect::<Vec<_>>()})),
                )
                .await?;
            Ok(receipt)
        })
    })
    .await
    .map_err(|e| {
        if e.is_duplicate() {
            ApiError::conflict("number_taken", "Nomor penerimaan bentrok; kirim lagi.")
        } else {
            e
        }
    })?;
    let lines = repo::receipt_lines(&state.db, auth.tenant()?, &saved.id).await?;
    let names = stock::products_by_id(
        &state.db,
        auth.tenant()?,
        &lines
            .iter()
            .map(|l| l.product_id.clone())
            .collect::<Vec<_>>(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ReceiptView {
            lines: lines
                .into_iter()
                .map(|l| ReceiptLineView {
                    name: names
                        .get(&l.product_id)
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    po_line_id: None,
                    product_id: l.product_id,
                    quantity: l.quantity_base_milli.text(),
                    value: l.value_sen.text(),
                    batch_no: l.batch_no,
                    expires_on: l.expires_on,
                    flag: l.flag,
                })
                .collect(),
            received_by: auth.user.name.clone(),
            billed: false,
            id: saved.id,
            number: saved.number,
            po_id: None,
            outlet_id: saved.outlet_id,
            value: saved.value_sen.text(),
            note: saved.note,
            received_at: saved.received_at,
        }),
    ))
}
