//! Refunds of a paid sale: all of it or some lines and quantities, back to the tenders it
//! was paid with or in cash, with or without putting the goods back on the shelf. A
//! manager's PIN confirms each one. Amounts come from `domain::refund`, so the till (which
//! may refund offline) and the server agree to the rupiah, and a sale is never refunded for
//! more than was sold.
pub use domain::api::pos::{
    RefundLineView, RefundTenderView, RefundView, RefundedLine, SaleLookup,
};
use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::payment::TenderKind;
use domain::refund::{allocate_tenders, refund_lines, RefundRequestLine, SoldLine};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::kernel::audit::Actor;
use crate::kernel::auth::context::ClientInfo;
use crate::kernel::auth::manager_pin::{self, PinCheck};
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input::{amount, client_id, instant};
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::repo::stock;
use crate::modules::pos::api::sales::sale_view;
use crate::modules::pos::entity::{refund, refund_line, refund_payment, sale};
use crate::modules::pos::repo::till::RefundRecord;
use crate::modules::pos::repo::{sales, till};
use crate::platform::repo::outlets;

fn s(v: Decimal) -> String {
    v.normalize().to_string()
}

fn kind(method: &str) -> Option<TenderKind> {
    serde_json::from_value(serde_json::Value::String(method.to_string())).ok()
}

fn code(k: TenderKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[derive(Deserialize, ToSchema)]
pub struct RefundLineInput {
    /// The sale's line number (1-based, as in `SaleView.lines`).
    pub line_no: u32,
    #[schema(value_type = String, example = "1")]
    pub quantity: Decimal,
}

#[derive(Deserialize, ToSchema)]
pub struct RefundInput {
    /// UUID made by the till; the idempotency key.
    pub id: String,
    pub outlet_id: String,
    /// The sale's receipt number (as printed, also in the receipt's QR code).
    pub receipt_no: String,
    /// The refund's own number, e.g. `MKM1-D01-R00003`.
    pub refund_no: String,
    pub refunded_at: String,
    #[serde(default)]
    pub shift_id: Option<String>,
    pub lines: Vec<RefundLineInput>,
    /// true: all in cash; false: back to the sale's own tenders.
    #[serde(default)]
    pub to_cash: bool,
    /// false for damaged goods that do not go back into stock.
    pub restock: bool,
    pub reason: String,
    pub approver_id: String,
    pub pin: String,
    /// What the till computed; refused when the server's figure differs.
    #[schema(value_type = String)]
    pub total: Decimal,
}

fn refund_view(r: RefundRecord) -> RefundView {
    RefundView {
        id: r.refund.id,
        refund_no: r.refund.refund_no,
        sale_id: r.refund.sale_id,
        outlet_id: r.refund.outlet_id,
        shift_id: r.refund.shift_id,
        cashier_id: r.refund.cashier_id,
        device_id: r.refund.device_id,
        approved_by: r.refund.approved_by,
        reason: r.refund.reason,
        restock: r.refund.restock,
        to_cash: r.refund.to_cash,
        total: r.refund.total_sen.text(),
        refunded_at: r.refund.refunded_at,
        lines: r
            .lines
            .into_iter()
            .map(|l| RefundLineView {
                line_no: l.sale_line_no,
                product_id: l.product_id,
                name: l.name,
                quantity: l.quantity_milli.text(),
                amount: l.amount_sen.text(),
            })
            .collect(),
        payments: r
            .payments
            .into_iter()
            .map(|p| RefundTenderView {
                method: p.method,
                amount: p.amount_sen.text(),
            })
            .collect(),
    }
}

/// Quantity already refunded per sale line, and amount per tender.
fn refunded_so_far(
    records: &[RefundRecord],
) -> (HashMap<u32, Decimal>, Vec<(TenderKind, Decimal)>) {
    let mut qty: HashMap<u32, Decimal> = HashMap::new();
    let mut tenders = Vec::new();
    for r in records {
        for l in &r.lines {
            *qty.entry(l.sale_line_no.max(0) as u32).or_default() += l.quantity_milli.dec();
        }
        for p in &r.payments {
            if let Some(k) = kind(&p.method) {
                tenders.push((k, p.amount_sen.dec()));
            }
        }
    }
    (qty, tenders)
}

#[derive(Deserialize, IntoParams)]
pub struct LookupQuery {
    pub receipt_no: String,
}

async fn sale_by_receipt(
    state: &AppState,
    auth: &Auth,
    receipt_no: &str,
) -> ApiResult<sale::Model> {
    till::find_sale_by_receipt(&state.db, auth.tenant()?, receipt_no.trim())
        .await?
        .filter(|s| auth.can_access_outlet(&s.outlet_id))
        .ok_or(ApiError::NotFound("Struk"))
}

/// A sale found by its receipt number (typed, or scanned from the receipt's QR code), with
/// what has been refunded of it: what the till needs to offer a refund.
#[utoipa::path(get, path = "/sales/lookup", tag = "refunds", params(LookupQuery),
    responses((status = 200, body = SaleLookup), (status = 404)))]
pub async fn lookup(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<LookupQuery>,
) -> ApiResult<Json<SaleLookup>> {
    auth.require(Permission::RECORD_SALE)?;
    let tenant_id = auth.tenant()?.to_string();
    let sale = sale_by_receipt(&state, &auth, &q.receipt_no).await?;
    let records = till::refunds_of_sale(&state.db, &tenant_id, &sale.id).await?;
    let (qty, _) = refunded_so_far(&records);
    let mut refunded: Vec<RefundedLine> = qty
        .into_iter()
        .map(|(line_no, q)| RefundedLine {
            line_no,
            quantity: s(q),
        })
        .collect();
    refunded.sort_by_key(|r| r.line_no);
    let lines = sales::lines_of(&state.db, &sale.id).await?;
    let payments = sales::payments_of(&state.db, &sale.id).await?;
    let cashier_name =
        crate::platform::repo::users::find_in_tenant(&state.db, &tenant_id, &sale.cashier_id)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
    Ok(Json(SaleLookup {
        cashier_name,
        sale: sale_view(sale, lines, payments),
        refunded,
        refunds: records.into_iter().map(refund_view).collect(),
    }))
}

#[utoipa::path(post, path = "/refunds", tag = "refunds", request_body = RefundInput,
    responses(
        (status = 201, description = "Refunded", body = RefundView),
        (status = 200, description = "Already recorded (same id)", body = RefundView),
        (status = 401, description = "Wrong manager PIN"),
        (status = 404, description = "No sale with that receipt number"),
        (status = 409, description = "Refund number used by another refund"),
        (status = 422, description = "Invalid, more than was sold (`refund_exceeds_sale`), or totals differ (`totals_mismatch`)")))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    client: ClientInfo,
    Json(req): Json<RefundInput>,
) -> ApiResult<(StatusCode, Json<RefundView>)> {
    auth.require(Permission::RECORD_SALE)?;
    let tenant_id = auth.tenant()?.to_string();
    let id = client_id("id", &req.id)?;
    if let Some(existing) = till::find_refund(&state.db, &tenant_id, &id).await? {
        if !auth.can_access_outlet(&existing.refund.outlet_id) {
            return Err(ApiError::NotFound("Refund"));
        }
        return Ok((StatusCode::OK, Json(refund_view(existing))));
    }
    let outlet = outlets::find(&state.db, &tenant_id, &req.outlet_id)
        .await?
        .filter(|o| auth.can_access_outlet(&o.id))
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let sale = sale_by_receipt(&state, &auth, &req.receipt_no).await?;
    if sale.outlet_id != outlet.id {
        return Err(ApiError::validation(
            "receipt_no",
            "Struk ini dari outlet lain; refund di outlet tempat barang dibeli.",
        ));
    }
    let refund_no = req.refund_no.trim().to_string();
    if refund_no.is_empty() || refund_no.len() > 40 {
        return Err(ApiError::validation(
            "refund_no",
            "Nomor refund wajib diisi (maks. 40 karakter).",
        ));
    }
    let refunded_at = instant("refunded_at", &req.refunded_at)?;
    let reason = req.reason.trim().to_string();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(ApiError::validation(
            "reason",
            "Alasan refund wajib diisi (maks. 200 karakter).",
        ));
    }
    amount("total", req.total)?;
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

    let sale_lines = sales::lines_of(&state.db, &sale.id).await?;
    let sold: Vec<SoldLine> = sale_lines
        .iter()
        .map(|l| SoldLine {
            line_no: l.line_no.max(0) as u32,
            quantity: l.quantity_milli.dec(),
            net: l.net_sen.dec(),
        })
        .collect();
    let request: Vec<RefundRequestLine> = req
        .lines
        .iter()
        .map(|l| RefundRequestLine {
            line_no: l.line_no,
            quantity: l.quantity,
        })
        .collect();
    let earlier = till::refunds_of_sale(&state.db, &tenant_id, &sale.id).await?;
    let (already_qty, already_tenders) = refunded_so_far(&earlier);
    let lines =
        refund_lines(&sold, sale.grand_total_sen.dec(), &already_qty, &request).map_err(|e| {
            ApiError::Rejected {
                code: "refund_exceeds_sale",
                message: e.to_string(),
            }
        })?;
    let total = domain::refund::total(&lines);
    if total != req.total {
        return Err(ApiError::Rejected {
            code: "totals_mismatch",
            message: format!(
                "Total refund dari kasir berbeda dengan hitungan server (kasir {}, server {}).",
                s(req.total),
                s(total)
            ),
        });
    }
    let sale_payments = sales::payments_of(&state.db, &sale.id).await?;
    let paid: Vec<(TenderKind, Decimal)> = sale_payments
        .iter()
        .filter_map(|p| kind(&p.method).map(|k| (k, p.amount_sen.dec())))
        .collect();
    let tenders = allocate_tenders(
        total,
        &paid,
        sale.change_due_sen.dec(),
        &already_tenders,
        req.to_cash,
    );

    // The PIN last: a request refused for its content costs the manager no attempt.
    let approver = manager_pin::verify(
        &state,
        PinCheck {
            tenant_id: &tenant_id,
            outlet_id: &outlet.id,
            approver_id: &req.approver_id,
            pin: &req.pin,
            permission: Permission::APPROVE_REFUND,
            requested_by: &auth.user.id,
            allow_self: auth.can(Permission::APPROVE_REFUND),
            client_ip: &client.ip,
        },
    )
    .await?;

    let by_no: HashMap<i32, &crate::modules::pos::entity::sale_line::Model> =
        sale_lines.iter().map(|l| (l.line_no, l)).collect();
    let record = RefundRecord {
        refund: refund::Model {
            id: id.clone(),
            tenant_id: tenant_id.clone(),
            outlet_id: outlet.id.clone(),
            sale_id: sale.id.clone(),
            refund_no: refund_no.clone(),
            shift_id,
            cashier_id: auth.user.id.clone(),
            device_id: auth.device_id.clone(),
            approved_by: approver.id.clone(),
            reason,
            restock: req.restock,
            to_cash: req.to_cash,
            total_sen: Sen::of(total)?,
            refunded_at,
            received_at: Utc::now(),
        },
        lines: lines
            .iter()
            .map(|l| {
                let sold_line = by_no.get(&(l.line_no as i32));
                Ok(refund_line::Model {
                    id: new_id(),
                    tenant_id: tenant_id.clone(),
                    refund_id: id.clone(),
                    sale_line_no: l.line_no as i32,
                    product_id: sold_line.map(|x| x.product_id.clone()).unwrap_or_default(),
                    name: sold_line.map(|x| x.name.clone()).unwrap_or_default(),
                    quantity_milli: Milli::of(l.quantity)?,
                    amount_sen: Sen::of(l.amount)?,
                })
            })
            .collect::<ApiResult<_>>()?,
        payments: tenders
            .iter()
            .map(|(k, a)| {
                Ok(refund_payment::Model {
                    id: new_id(),
                    tenant_id: tenant_id.clone(),
                    refund_id: id.clone(),
                    method: code(*k),
                    amount_sen: Sen::of(*a)?,
                })
            })
            .collect::<ApiResult<_>>()?,
    };
    let _actor = Actor::of(&auth);
    // What the refund takes back from the dashboard's rollups, written in its transaction.
    let mut rollup = crate::modules::pos::repo::rollups::Deltas::default();
    rollup.add_refund(
        crate::kernel::business_day::Zone::parse(&outlet.timezone).offset_hours(),
        &record.refund,
        &record.lines,
        &record.payments,
        crate::modules::pos::api::reports::tax_share_sen(
            record.refund.total_sen.0,
            sale.tax_total_sen.0,
            sale.grand_total_sen.0,
        ),
        &sale_lines,
    );
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let restock = req.restock;
    let movements: Vec<(String, Decimal)> = record
        .lines
        .iter()
        .map(|l| (l.product_id.clone(), l.quantity_milli.dec()))
        .collect();
    let audit_after = json!({"refund_no": refund_no, "sale_id": sale.id, "receipt_no": sale.receipt_no,
        "total": s(total), "approved_by": approver.id, "approver_name": approver.name,
        "restock": restock, "to_cash": req.to_cash,
        "lines": record.lines.iter().map(|l| json!({"line_no": l.sale_line_no, "quantity": l.quantity_milli.text(), "amount": l.amount_sen.text()})).collect::<Vec<_>>(),
        "tenders": record.payments.iter().map(|p| json!({"method": p.method, "amount": p.amount_sen.text()})).collect::<Vec<_>>()});
    let stored = audited(&state.db, Actor::of(&auth), {
        let tenant_id = tenant_id.clone();
        let sale_id = sale.id.clone();
        let outlet_id = outlet.id.clone();
        let refund_no = refund_no.clone();
        let id = id.clone();
        move |txn, audit| {
            Box::pin(async move {
                // The audit entry bumps the tenant's chain head first, which serialises
                // writers: a refund of the same sale made at the same moment waits here,
                // and the check below then sees it.
                audit
                    .record(
                        Change::new("refund.create", "refund", &id)
                            .outlet(&outlet_id)
                            .after(audit_after),
                    )
                    .await?;
                let now = till::refunds_of_sale(txn, &tenant_id, &sale_id).await?;
                if now.len() != earlier.len() {
                    return Err(ApiError::Rejected {
                        code: "refund_conflict",
                        message: "Struk ini baru saja direfund di tempat lain; coba lagi.".into(),
                    });
                }
                till::insert_refund(txn, record).await?;
                rollup.write(txn).await?;
                if restock {
                    for (product_id, quantity) in &movements {
                        stock::record_movement(
                            txn,
                            stock::Movement {
                                tenant_id: &tenant_id,
                                outlet_id: &outlet_id,
                                product_id,
                                kind: "refund",
                                quantity: *quantity,
                                reference: Some(&refund_no),
                                reason: None,
                                user_id: Some(&user_id),
                                device_id: device_id.as_deref(),
                            },
                        )
                        .await?;
                    }
                }
                Ok(())
            })
        }
    })
    .await;
    match stored {
        Ok(()) => {}
        // Sent twice at once: the other request stored it first.
        Err(e) if e.is_duplicate() => {
            if let Some(existing) = till::find_refund(&state.db, &tenant_id, &id).await? {
                if !auth.can_access_outlet(&existing.refund.outlet_id) {
                    return Err(ApiError::NotFound("Refund"));
                }
                return Ok((StatusCode::OK, Json(refund_view(existing))));
            }
            if till::refund_no_taken(&state.db, &tenant_id, &refund_no).await? {
                return Err(ApiError::conflict(
                    "refund_no_taken",
                    "Nomor refund sudah dipakai.",
                ));
            }
            return Err(e);
        }
        Err(e) => return Err(e),
    }
    let saved = till::find_refund(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Refund"))?;
    Ok((StatusCode::CREATED, Json(refund_view(saved))))
}

#[utoipa::path(get, path = "/refunds/{id}", tag = "refunds", params(("id" = String, Path)),
    responses((status = 200, body = RefundView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<RefundView>> {
    auth.require(Permission::RECORD_SALE)?;
    let r = till::find_refund(&state.db, auth.tenant()?, &id)
        .await?
        .filter(|r| auth.can_access_outlet(&r.refund.outlet_id))
        .filter(|r| r.refund.cashier_id == auth.user.id || auth.can(Permission::VIEW_SALES))
        .ok_or(ApiError::NotFound("Refund"))?;
    Ok(Json(refund_view(r)))
}
