//! Goods receipts against a purchase order: partial quantities, goods not on the order
//! (flagged), batch and expiry per line. Stock comes in through the ledger
//! (`purchase_receipt`) and the outlet's moving average cost moves, in one transaction
//! with the order's status.
use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::api::purchasing::{PoStatus, PoView, ReceiptInput, ReceiptLineInput};
use domain::purchasing::cost::CostPool;
use domain::purchasing::order::{stock_value_of, PoAction};
use rust_decimal::Decimal;
use sea_orm::Set;
use serde_json::json;

use super::orders::{load, not_now, LINES_MAX};
use super::views::{decimal, detail, status_of};
use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::now_text;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::input;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::entity::product;
use crate::modules::inventory::repo::{batches, costs, stock};
use crate::modules::purchasing::entity::{goods_receipt, goods_receipt_line};
use crate::modules::purchasing::repo::orders as repo;

pub(super) struct Line {
    pub po_line_id: Option<String>,
    pub product_id: String,
    pub quantity: Decimal,
    pub batch_no: Option<String>,
    pub expires_on: Option<String>,
    pub value: Option<Decimal>,
    pub substitute: bool,
}

pub(super) fn lines(input_lines: &[ReceiptLineInput]) -> ApiResult<Vec<Line>> {
    if input_lines.is_empty() || input_lines.len() > LINES_MAX {
        return Err(ApiError::validation(
            "lines",
            format!("Penerimaan harus berisi 1 sampai {LINES_MAX} baris."),
        ));
    }
    input_lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let field = |f: &str| format!("lines[{i}].{f}");
            let substitute = match l.flag.as_deref().map(str::trim) {
                None | Some("") => false,
                Some("substitute") => true,
                Some(_) => {
                    return Err(ApiError::validation(
                        field("flag"),
                        "Tanda baris hanya boleh \"substitute\".",
                    ))
                }
            };
            Ok(Line {
                po_line_id: l.po_line_id.clone().filter(|id| !id.trim().is_empty()),
                product_id: l.product_id.clone(),
                quantity: input::quantity(
                    &field("quantity"),
                    decimal(&field("quantity"), &l.quantity)?,
                )?,
                batch_no: match l.batch_no.as_deref() {
                    Some(b) => {
                        input::text(&field("batch_no"), b, input::REFERENCE_CHARS_MAX, false)?
                    }
                    None => None,
                },
                expires_on: match l
                    .expires_on
                    .as_deref()
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                {
                    Some(d) => Some(input::date(&field("expires_on"), d)?.to_string()),
                    None => None,
                },
                value: match l.value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                    Some(v) => Some(input::amount(
                        &field("value"),
                        decimal(&field("value"), v)?,
                    )?),
                    None => None,
                },
                substitute,
            })
        })
        .collect()
}

/// The received lines' products, each of them the tenant's (422 on the line that is
/// not), and a batch number on every line of a product tracked by batch.
pub(super) async fn products_of(
    state: &AppState,
    tenant_id: &str,
    wanted: &[Line],
) -> ApiResult<HashMap<String, product::Model>> {
    let ids: Vec<String> = wanted.iter().map(|l| l.product_id.clone()).collect();
    let products = stock::products_by_id(&state.db, tenant_id, &ids).await?;
    if let Some(i) = wanted
        .iter()
        .position(|l| !products.contains_key(&l.product_id))
    {
        return Err(ApiError::validation(
            format!("lines[{i}].product_id"),
            "Produk tidak ditemukan.",
        ));
    }
    let tracked = batches::tracked(&state.db, tenant_id, &ids).await?;
    if let Some(i) = wanted
        .iter()
        .position(|l| tracked.contains(&l.product_id) && l.batch_no.is_none())
    {
        return Err(ApiError::validation(
            format!("lines[{i}].batch_no"),
            format!(
                "No. batch wajib untuk {} (produk dilacak per batch).",
                products[&wanted[i].product_id].name
            ),
        ));
    }
    Ok(products)
}

/// Where and by whom goods are booked in.
pub(super) struct BookIn<'a> {
    pub tenant_id: &'a str,
    pub outlet_id: &'a str,
    /// The receipt's number, the movements' reference.
    pub number: &'a str,
    pub user_id: &'a str,
    pub device_id: Option<&'a str>,
    pub now: &'a str,
}

/// Books received goods into the location in the caller's transaction: the moving average
/// of each product (its stock before these goods at its cost so far, plus the goods at
/// their value, `domain::purchasing::cost`), the ledger (`purchase_receipt`), and the
/// batches the lines name.
pub(super) async fn book_in<C: sea_orm::ConnectionTrait>(
    txn: &C,
    b: BookIn<'_>,
    products: &HashMap<String, product::Model>,
    incoming: &[(String, Decimal, Decimal)],
    wanted: &[Line],
) -> ApiResult<()> {
    let product_ids: Vec<String> = incoming.iter().map(|(p, _, _)| p.clone()).collect();
    let on_hand = stock::stock_levels(txn, b.tenant_id, b.outlet_id, Some(&product_ids)).await?;
    let mut known = costs::unit_costs(txn, b.tenant_id, b.outlet_id, product_ids.clone()).await?;
    let mut pools: HashMap<String, CostPool> = HashMap::new();
    for (product_id, quantity, value) in incoming {
        let pool = pools.entry(product_id.clone()).or_insert_with(|| {
            let cost = known
                .remove(product_id)
                .unwrap_or(products[product_id].cost_sen);
            CostPool::opening(
                stock::from_milli(on_hand.get(product_id).copied().unwrap_or(0)),
                cost.dec(),
            )
        });
        pool.receive(*quantity, *value)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("receipt cost: {e}")))?;
    }
    for (product_id, pool) in &pools {
        costs::set_unit_cost(
            txn,
            b.tenant_id,
            b.outlet_id,
            product_id,
            Sen::of(pool.average())?,
            b.now,
        )
        .await?;
    }
    for (product_id, quantity, _) in incoming {
        stock::record_movement(
            txn,
            stock::Movement {
                tenant_id: b.tenant_id,
                outlet_id: b.outlet_id,
                product_id,
                kind: "purchase_receipt",
                quantity: *quantity,
                reference: Some(b.number),
                reason: None,
                user_id: Some(b.user_id),
                device_id: b.device_id,
            },
        )
        .await?;
    }
    for l in wanted {
        if let Some(batch_no) = &l.batch_no {
            batches::receive(
                txn,
                b.tenant_id,
                b.outlet_id,
                &l.product_id,
                batch_no,
                l.expires_on.as_deref(),
                stock::to_milli(l.quantity)?,
                b.now,
            )
            .await?;
        }
    }
    Ok(())
}

fn over_receipt(name: &str) -> ApiError {
    ApiError::conflict(
        "over_receipt",
        format!("Jumlah diterima untuk {name} melebihi yang dipesan. Centang \"terima lebih\" bila memang diterima."),
    )
}

#[utoipa::path(post, path = "/purchase-orders/{id}/receipts", tag = "purchasing", request_body = ReceiptInput,
    params(("id" = String, Path)),
    responses((status = 201, body = PoView, description = "The order with the new receipt"),
        (status = 404), (status = 409, description = "`over_receipt` or `invalid_status`"), (status = 422)))]
pub async fn receive(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ReceiptInput>,
) -> ApiResult<(StatusCode, Json<PoView>)> {
    auth.require(Permission::RECEIVE_GOODS)?;
    let po = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let wanted = lines(&req.lines)?;
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, true)?,
        None => None,
    };
    let products = products_of(&state, &tenant_id, &wanted).await?;
    let allow_over = req.allow_over;
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let prefix = format!("GR-{}-", Utc::now().format("%Y%m"));
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            let now = now_text();
            repo::lock(txn, &tenant_id, &po.id, &now).await?;
            let current = repo::find(txn, &tenant_id, &po.id)
                .await?
                .ok_or(ApiError::NotFound("Pesanan pembelian"))?;
            let from = status_of(&current);
            from.apply(PoAction::Receive { complete: false }).map_err(not_now)?;
            let order_lines: HashMap<String, _> = repo::lines(txn, &tenant_id, &current.id)
                .await?
                .into_iter()
                .map(|l| (l.id.clone(), l))
                .collect();

            // What each line is worth and whether it was ordered, checked against the
            // order under its lock.
            let receipt_id = new_id();
            let number = repo::next_number(txn, &tenant_id, &prefix, true).await?;
            let mut rows = Vec::with_capacity(wanted.len());
            let mut incoming: Vec<(String, Decimal, Decimal)> = Vec::new();
            let mut total = Decimal::ZERO;
            for (i, l) in wanted.iter().enumerate() {
                let product = &products[&l.product_id];
                let milli = stock::to_milli(l.quantity)?;
                let (po_line_id, value, flag) = match l.po_line_id.as_deref().map(|id| order_lines.get(id)) {
                    Some(None) => {
                        return Err(ApiError::validation(format!("lines[{i}].po_line_id"), "Baris pesanan tidak ditemukan."))
                    }
                    Some(Some(ol)) if !l.substitute => {
                        if ol.product_id != l.product_id {
                            return Err(ApiError::validation(
                                format!("lines[{i}].product_id"),
                                "Produk berbeda dari baris pesanan; tandai sebagai pengganti.",
                            ));
                        }
                        let before = ol.received_base_milli.0;
                        if !repo::add_received(txn, &tenant_id, &ol.id, milli, allow_over).await? {
                            return Err(over_receipt(&product.name));
                        }
                        let over = before + milli > ol.ordered_base_milli.0;
                        let value = stock_value_of(ol.net_sen.dec(), l.quantity, ol.ordered_base_milli.dec());
                        (Some(ol.id.clone()), value, over.then_some("over"))
                    }
                    // Goods not on the order, or in place of an ordered product: at the
                    // value the receiver gives, else at the outlet's current cost.
                    other => {
                        let value = match l.value {
                            Some(v) => v,
                            None => {
                                let cost = costs::unit_costs(txn, &tenant_id, &current.outlet_id, [product.id.clone()])
                                    .await?
                                    .remove(&product.id)
                                    .unwrap_or(product.cost_sen);
                                (cost.dec() * l.quantity).round_dp(2)
                            }
                        };
                        let flag = if l.substitute { "substitute" } else { "extra" };
                        (other.flatten().map(|ol| ol.id.clone()), value, Some(flag))
                    }
                };
                total += value;
                incoming.push((l.product_id.clone(), l.quantity, value));
                rows.push(goods_receipt_line::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.clone()),
                    receipt_id: Set(receipt_id.clone()),
                    po_line_id: Set(po_line_id),
                    product_id: Set(l.product_id.clone()),
                    quantity_base_milli: Set(Milli(milli)),
                    value_sen: Set(Sen::of(value)?),
                    batch_no: Set(l.batch_no.clone()),
                    expires_on: Set(l.expires_on.clone()),
                    flag: Set(flag.map(str::to_string)),
                });
            }

            let receipt = goods_receipt::ActiveModel {
                id: Set(receipt_id.clone()),
                tenant_id: Set(tenant_id.clone()),
                number: Set(number.clone()),
                po_id: Set(Some(current.id.clone())),
                supplier_id: Set(Some(current.supplier_id.clone())),
                outlet_id: Set(current.outlet_id.clone()),
                value_sen: Set(Sen::of(total)?),
                note: Set(note),
                user_id: Set(user_id.clone()),
                device_id: Set(device_id.clone()),
                received_at: Set(now.clone()),
            };
            repo::insert_receipt(txn, receipt, rows).await?;
            book_in(
                txn,
                BookIn {
                    tenant_id: &tenant_id,
                    outlet_id: &current.outlet_id,
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

            let complete = repo::lines(txn, &tenant_id, &current.id)
                .await?
                .iter()
                .all(|l| l.received_base_milli.0 >= l.ordered_base_milli.0);
            let to = from.apply(PoAction::Receive { complete }).map_err(not_now)?;
            let mut row: crate::modules::purchasing::entity::purchase_order::ActiveModel = current.clone().into();
            row.status = Set(to.as_str().to_string());
            row.updated_at = Set(now.clone());
            if to == PoStatus::Received {
                row.closed_at = Set(Some(now.clone()));
            }
            let saved = repo::save(txn, row).await?;
            audit
                .record(
                    Change::new("goods_receipt.create", "purchase_order", &saved.id)
                        .outlet(&saved.outlet_id)
                        .before(json!({"status": from.as_str()}))
                        .after(json!({"status": to.as_str(), "receipt": number, "value": Sen::of(total)?.text(),
                            "lines": incoming.iter().map(|(p, q, v)| json!({"product_id": p, "quantity": q.to_string(), "value": v.to_string()})).collect::<Vec<_>>()})),
                )
                .await?;
            Ok(saved)
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
    Ok((
        StatusCode::CREATED,
        Json(detail(&state.db, auth.tenant()?, saved).await?),
    ))
}
