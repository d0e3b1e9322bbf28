//! Returns to supplier: goods sent back from an outlet, against one of the supplier's
//! receipts or not. Each line leaves at the outlet's average cost (which a return at that
//! cost does not move) through the ledger (`purchase_return`), never more than is on hand
//! nor, against a receipt, more than it brought in less earlier returns; the check and
//! the movements in one transaction under the outlet's lock.
use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::api::purchasing::{ReturnInput, ReturnLineView, ReturnPage, ReturnView};
use domain::purchasing::returns::{self as rule, AgainstReceipt, ReturnError};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, Set};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use super::orders::{load as load_po, LINES_MAX};
use super::suppliers::page;
use super::views::{decimal, outlet_names};
use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::now_text;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::repo::DbResult;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::repo::{costs, stock};
use crate::modules::purchasing::entity::{purchase_return, purchase_return_line};
use crate::modules::purchasing::repo::{orders, returns as repo, suppliers};
use crate::platform::api::outlets::accessible;

#[derive(Deserialize, IntoParams)]
pub struct ReturnFilter {
    pub supplier_id: Option<String>,
    /// The returns against one order.
    pub po_id: Option<String>,
    pub outlet_id: Option<String>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// Returns as the API answers them, each with its lines.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    rows: Vec<purchase_return::Model>,
) -> DbResult<Vec<ReturnView>> {
    let mut lines = repo::lines_of(db, tenant_id, rows.iter().map(|r| r.id.clone())).await?;
    let mut ids: Vec<String> = lines
        .values()
        .flatten()
        .map(|l| l.product_id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    let products = stock::products_by_id(db, tenant_id, &ids).await?;
    let supplier_names =
        suppliers::names(db, tenant_id, rows.iter().map(|r| r.supplier_id.clone())).await?;
    let outlets = outlet_names(db, tenant_id).await?;
    let users =
        crate::platform::repo::users::names(db, tenant_id, rows.iter().map(|r| r.user_id.clone()))
            .await?;
    let receipts = repo::receipt_numbers(
        db,
        tenant_id,
        rows.iter().filter_map(|r| r.receipt_id.clone()),
    )
    .await?;
    let mut po_numbers: HashMap<String, String> = HashMap::new();
    for po_id in rows.iter().filter_map(|r| r.po_id.clone()) {
        if let std::collections::hash_map::Entry::Vacant(e) = po_numbers.entry(po_id.clone()) {
            if let Some(po) = orders::find(db, tenant_id, &po_id).await? {
                e.insert(po.number);
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| ReturnView {
            supplier_name: supplier_names
                .get(&r.supplier_id)
                .cloned()
                .unwrap_or_default(),
            outlet_name: outlets.get(&r.outlet_id).cloned().unwrap_or_default(),
            po_number: r.po_id.as_ref().and_then(|p| po_numbers.get(p).cloned()),
            receipt_number: r.receipt_id.as_ref().and_then(|p| receipts.get(p).cloned()),
            returned_by: users.get(&r.user_id).cloned().unwrap_or_default(),
            lines: lines
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .map(|l| {
                    let p = products.get(&l.product_id);
                    ReturnLineView {
                        sku: p.map(|p| p.sku.clone()).unwrap_or_default(),
                        name: p.map(|p| p.name.clone()).unwrap_or_default(),
                        unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
                        product_id: l.product_id,
                        quantity: l.quantity_base_milli.text(),
                        value: l.value_sen.text(),
                        batch_no: l.batch_no,
                    }
                })
                .collect(),
            id: r.id,
            number: r.number,
            supplier_id: r.supplier_id,
            outlet_id: r.outlet_id,
            po_id: r.po_id,
            receipt_id: r.receipt_id,
            reason: r.reason,
            value: r.value_sen.text(),
            created_at: r.created_at,
        })
        .collect())
}

async fn view<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    row: purchase_return::Model,
) -> ApiResult<ReturnView> {
    views(db, tenant_id, vec![row])
        .await?
        .pop()
        .ok_or(ApiError::NotFound("Retur pembelian"))
}

#[utoipa::path(get, path = "/purchase-returns", tag = "purchasing", params(ReturnFilter),
    responses((status = 200, body = ReturnPage)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(f): Query<ReturnFilter>,
) -> ApiResult<Json<ReturnPage>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let tenant_id = auth.tenant()?;
    let (limit, offset) = page(f.limit, f.offset)?;
    let filter = repo::Filter {
        supplier_id: f.supplier_id.filter(|s| !s.trim().is_empty()),
        po_id: f.po_id.filter(|s| !s.trim().is_empty()),
        outlet_id: f.outlet_id.filter(|s| !s.trim().is_empty()),
        outlets: auth.outlet_ids.clone(),
        limit,
        offset,
    };
    let (rows, total) = repo::list(&state.db, tenant_id, &filter).await?;
    Ok(Json(ReturnPage {
        items: views(&state.db, tenant_id, rows).await?,
        total,
        limit,
        offset,
    }))
}

#[utoipa::path(get, path = "/purchase-returns/{id}", tag = "purchasing", params(("id" = String, Path)),
    responses((status = 200, body = ReturnView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ReturnView>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let tenant_id = auth.tenant()?;
    let row = repo::find(&state.db, tenant_id, &id)
        .await?
        .filter(|r| auth.can_access_outlet(&r.outlet_id))
        .ok_or(ApiError::NotFound("Retur pembelian"))?;
    Ok(Json(view(&state.db, tenant_id, row).await?))
}

struct Line {
    product_id: String,
    quantity: Decimal,
    batch_no: Option<String>,
}

fn lines(req: &ReturnInput) -> ApiResult<Vec<Line>> {
    if req.lines.is_empty() || req.lines.len() > LINES_MAX {
        return Err(ApiError::validation(
            "lines",
            format!("Retur harus berisi 1 sampai {LINES_MAX} baris."),
        ));
    }
    req.lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let field = |f: &str| format!("lines[{i}].{f}");
            Ok(Line {
                product_id: l.product_id.trim().to_string(),
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
            })
        })
        .collect()
}

fn refused(e: ReturnError, name: &str, receipt_number: Option<&str>) -> ApiError {
    match e {
        ReturnError::QuantityNotPositive => {
            ApiError::validation("lines", "Jumlah harus lebih dari 0.")
        }
        ReturnError::OverReturn { returnable } => ApiError::conflict(
            "over_return",
            format!(
                "Retur {name} melebihi yang diterima pada {}: paling banyak {} lagi.",
                receipt_number.unwrap_or("penerimaan ini"),
                returnable.normalize()
            ),
        ),
        ReturnError::InsufficientStock { on_hand } => ApiError::conflict(
            "insufficient_stock",
            format!(
                "Stok {name} tidak cukup untuk diretur: tersedia {}.",
                on_hand.normalize()
            ),
        ),
    }
}

#[utoipa::path(post, path = "/purchase-returns", tag = "purchasing", request_body = ReturnInput,
    responses((status = 201, body = ReturnView, description = "Recorded; the goods left the outlet's stock"),
        (status = 409, description = "`insufficient_stock`, `over_return` or `number_taken`"), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<ReturnInput>,
) -> ApiResult<(StatusCode, Json<ReturnView>)> {
    auth.require(Permission::RECEIVE_GOODS)?;
    let tenant_id = auth.tenant()?.to_string();
    let outlet = accessible(&state, &auth, &req.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let supplier = suppliers::find(&state.db, &tenant_id, &req.supplier_id)
        .await?
        .ok_or_else(|| ApiError::validation("supplier_id", "Pemasok tidak ditemukan."))?;
    let reason = input::required("reason", &req.reason, input::NOTE_CHARS_MAX, "Alasan retur")?;
    let wanted = lines(&req)?;
    let ids: Vec<String> = wanted.iter().map(|l| l.product_id.clone()).collect();
    let products = stock::products_by_id(&state.db, &tenant_id, &ids).await?;
    if let Some(i) = wanted
        .iter()
        .position(|l| !products.contains_key(&l.product_id))
    {
        return Err(ApiError::validation(
            format!("lines[{i}].product_id"),
            "Produk tidak ditemukan.",
        ));
    }

    // The receipt the goods came in on: the supplier's, at this outlet; its order is the
    // return's unless another is named.
    let receipt = match req
        .receipt_id
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        Some(id) => Some(
            repo::find_receipt(&state.db, &tenant_id, id)
                .await?
                .filter(|r| {
                    r.supplier_id.as_deref() == Some(supplier.id.as_str())
                        && r.outlet_id == outlet.id
                })
                .ok_or_else(|| {
                    ApiError::validation(
                        "receipt_id",
                        "Penerimaan tidak ditemukan untuk pemasok dan outlet ini.",
                    )
                })?,
        ),
        None => None,
    };
    let po_id = match req
        .po_id
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(id) => {
            let po = load_po(&state, &auth, id)
                .await
                .map_err(|_| ApiError::validation("po_id", "Pesanan pembelian tidak ditemukan."))?;
            if po.supplier_id != supplier.id || po.outlet_id != outlet.id {
                return Err(ApiError::validation(
                    "po_id",
                    "Pesanan ini untuk pemasok atau outlet lain.",
                ));
            }
            if let Some(r) = &receipt {
                if r.po_id.as_deref() != Some(po.id.as_str()) {
                    return Err(ApiError::validation(
                        "receipt_id",
                        "Penerimaan bukan dari pesanan ini.",
                    ));
                }
            }
            Some(po.id)
        }
        None => receipt.as_ref().and_then(|r| r.po_id.clone()),
    };

    // Each product's quantity over all its lines, checked together.
    let mut per_product: BTreeMap<String, Decimal> = BTreeMap::new();
    for l in &wanted {
        *per_product.entry(l.product_id.clone()).or_default() += l.quantity;
    }
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let outlet_id = outlet.id.clone();
    let supplier_id = supplier.id.clone();
    let prefix = format!("RT-{}-", Utc::now().format("%Y%m"));
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            // Under the outlet's lock a second return waits for this one and then reads
            // the stock it left.
            if !crate::platform::repo::outlets::lock(txn, &tenant_id, &outlet_id).await? {
                return Err(ApiError::validation("outlet_id", "Outlet tidak ditemukan."));
            }
            let product_ids: Vec<String> = per_product.keys().cloned().collect();
            let on_hand = stock::stock_levels(txn, &tenant_id, &outlet_id, Some(&product_ids)).await?;
            let (received, returned) = match &receipt {
                Some(r) => (
                    repo::received_in(txn, &tenant_id, &r.id).await?,
                    repo::returned_against(txn, &tenant_id, &r.id).await?,
                ),
                None => (HashMap::new(), HashMap::new()),
            };
            let receipt_number = receipt.as_ref().map(|r| r.number.as_str());
            for (product_id, quantity) in &per_product {
                let against = receipt.as_ref().map(|_| AgainstReceipt {
                    received: Milli(received.get(product_id).copied().unwrap_or(0)).dec(),
                    returned: Milli(returned.get(product_id).copied().unwrap_or(0)).dec(),
                });
                let here = Milli(on_hand.get(product_id).copied().unwrap_or(0)).dec();
                rule::check(*quantity, here, against)
                    .map_err(|e| refused(e, &products[product_id].name, receipt_number))?;
            }

            // Each line at the outlet's average cost (the product's cost where no receipt
            // has set one); the average stays as it is.
            let known = costs::unit_costs(txn, &tenant_id, &outlet_id, product_ids.clone()).await?;
            let return_id = new_id();
            let number = repo::next_number(txn, &tenant_id, &prefix).await?;
            let mut rows = Vec::with_capacity(wanted.len());
            let mut total = Decimal::ZERO;
            let mut leaving = Vec::with_capacity(wanted.len());
            for l in &wanted {
                let cost = known
                    .get(&l.product_id)
                    .copied()
                    .unwrap_or(products[&l.product_id].cost_sen);
                let value = rule::value_at_cost(cost.dec(), l.quantity);
                total += value;
                leaving.push(json!({"product_id": l.product_id, "quantity": l.quantity.to_string(),
                    "value": value.to_string(), "batch_no": l.batch_no}));
                rows.push(purchase_return_line::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.clone()),
                    return_id: Set(return_id.clone()),
                    product_id: Set(l.product_id.clone()),
                    quantity_base_milli: Set(Milli::of(l.quantity)?),
                    value_sen: Set(Sen::of(value)?),
                    batch_no: Set(l.batch_no.clone()),
                });
            }
            let row = purchase_return::ActiveModel {
                id: Set(return_id.clone()),
                tenant_id: Set(tenant_id.clone()),
                number: Set(number.clone()),
                supplier_id: Set(supplier_id.clone()),
                outlet_id: Set(outlet_id.clone()),
                po_id: Set(po_id.clone()),
                receipt_id: Set(receipt.as_ref().map(|r| r.id.clone())),
                reason: Set(reason.clone()),
                value_sen: Set(Sen::of(total)?),
                user_id: Set(user_id.clone()),
                device_id: Set(device_id.clone()),
                created_at: Set(now_text()),
            };
            let saved = repo::insert(txn, row, rows).await?;
            for l in &wanted {
                stock::record_movement(
                    txn,
                    stock::Movement {
                        tenant_id: &tenant_id,
                        outlet_id: &outlet_id,
                        product_id: &l.product_id,
                        kind: "purchase_return",
                        quantity: -l.quantity,
                        reference: Some(&number),
                        reason: Some(&reason),
                        user_id: Some(&user_id),
                        device_id: device_id.as_deref(),
                    },
                )
                .await?;
            }
            audit
                .record(
                    Change::new("purchase_return.create", "purchase_return", &saved.id)
                        .outlet(&saved.outlet_id)
                        .after(json!({"number": saved.number, "supplier_id": saved.supplier_id,
                            "po_id": saved.po_id, "receipt_id": saved.receipt_id, "reason": saved.reason,
                            "value": saved.value_sen.text(), "lines": leaving})),
                )
                .await?;
            Ok(saved)
        })
    })
    .await
    .map_err(|e| {
        if e.is_duplicate() {
            ApiError::conflict("number_taken", "Nomor retur bentrok; kirim lagi.")
        } else {
            e
        }
    })?;
    Ok((
        StatusCode::CREATED,
        Json(view(&state.db, auth.tenant()?, saved).await?),
    ))
}
