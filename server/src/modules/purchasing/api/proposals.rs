//! The supplier proposes changes to an order it was sent (line by line: quantity, price,
//! a line it cannot supply; another delivery date) instead of confirming it as it is;
//! the buyer accepts them (the order takes them and is confirmed) or rejects them (the
//! order stays as sent). Each step under the order's lock, audited.
use std::collections::HashMap;

use axum::extract::State;
use domain::api::purchasing::{DecisionInput, PoView, ProposalInput};
use domain::purchasing::order::{LineInput, PoAction};
use domain::purchasing::proposal::{self as rule, LineChange, ProposalError, ProposalStatus};
use rust_decimal::Decimal;
use sea_orm::Set;
use serde_json::json;

use super::orders::{load, not_now};
use super::portal::supplier_of;
use super::views::{detail, status_of};
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
use crate::modules::purchasing::entity::{
    po_proposal, po_proposal_line, purchase_order, purchase_order_line,
};
use crate::modules::purchasing::repo::{orders as repo, proposals, suppliers};

/// What the supplier asks for one line: (quantity, unit price), `None` as ordered.
type Asked = HashMap<String, (Option<Decimal>, Option<Decimal>)>;

fn refused(e: ProposalError) -> ApiError {
    match e {
        ProposalError::NotOpen => ApiError::conflict(
            "invalid_status",
            "Perubahan hanya bisa diusulkan untuk pesanan terkirim yang belum dikonfirmasi.",
        ),
        ProposalError::Decided => ApiError::conflict(
            "no_pending_proposal",
            "Tidak ada usulan perubahan yang menunggu keputusan.",
        ),
        ProposalError::NoChange => ApiError::validation("lines", "Usulan belum mengubah apa pun."),
        ProposalError::NothingLeft => ApiError::validation(
            "lines",
            "Pesanan tidak boleh kosong: batalkan saja bila tidak ada yang bisa dikirim.",
        ),
        ProposalError::Quantity => ApiError::validation("lines", "Jumlah tidak boleh negatif."),
        ProposalError::Price => ApiError::validation("lines", "Harga tidak boleh negatif."),
    }
}

fn asked(req: &ProposalInput) -> ApiResult<Asked> {
    if req.lines.len() > super::orders::LINES_MAX {
        return Err(ApiError::validation(
            "lines",
            format!("Paling banyak {} baris.", super::orders::LINES_MAX),
        ));
    }
    let mut out = HashMap::new();
    for (i, l) in req.lines.iter().enumerate() {
        let field = |f: &str| format!("lines[{i}].{f}");
        let number = |f: &str, text: &Option<String>| -> ApiResult<Option<Decimal>> {
            match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                None => Ok(None),
                Some(t) => {
                    let v = Decimal::from_str_exact(t)
                        .map_err(|_| ApiError::validation(field(f), "Harus angka."))?;
                    if v < Decimal::ZERO {
                        return Err(ApiError::validation(field(f), "Tidak boleh negatif."));
                    }
                    Ok(Some(v))
                }
            }
        };
        let quantity = number("quantity", &l.quantity)?;
        if let Some(q) = quantity.filter(|q| !q.is_zero()) {
            input::quantity(&field("quantity"), q)?;
        }
        let price = number("unit_price", &l.unit_price)?;
        if let Some(p) = price {
            Sen::of(p)
                .map_err(|_| ApiError::validation(field("unit_price"), "Harga terlalu besar."))?;
        }
        if out
            .insert(l.line_id.trim().to_string(), (quantity, price))
            .is_some()
        {
            return Err(ApiError::validation(
                field("line_id"),
                "Baris ini disebut dua kali.",
            ));
        }
    }
    Ok(out)
}

/// The order's lines with what is asked of each (`None` where nothing is).
fn changes(lines: &[purchase_order_line::Model], asked: &Asked) -> ApiResult<Vec<LineChange>> {
    if let Some(unknown) = asked.keys().find(|id| !lines.iter().any(|l| &l.id == *id)) {
        return Err(ApiError::validation(
            "lines",
            format!("Baris {unknown} tidak ada di pesanan ini."),
        ));
    }
    Ok(lines
        .iter()
        .map(|l| {
            let (quantity, unit_price) = asked.get(&l.id).copied().unwrap_or((None, None));
            LineChange {
                ordered: LineInput {
                    quantity: l.quantity_milli.dec(),
                    unit_price: l.unit_price_sen.dec(),
                    discount: l.discount_sen.dec(),
                },
                quantity,
                unit_price,
            }
        })
        .collect())
}

#[utoipa::path(post, path = "/supplier-portal/purchase-orders/{id}/proposal", tag = "supplier portal",
    params(("id" = String, Path)), request_body = ProposalInput,
    responses((status = 200, body = PoView, description = "Proposed; the buyer decides"), (status = 404),
        (status = 409, description = "`invalid_status`: only a sent order, before it is confirmed"), (status = 422)))]
pub async fn propose(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ProposalInput>,
) -> ApiResult<Json<PoView>> {
    let (tenant_id, supplier_id) = supplier_of(&state, &auth).await?;
    let po = repo::find_for_supplier(&state.db, &tenant_id, &supplier_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Pesanan pembelian"))?;
    let asked = asked(&req)?;
    let delivery_on = match req
        .delivery_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => Some(input::date("delivery_on", d)?.to_string()),
        None => None,
    };
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, true)?,
        None => None,
    };
    let user_id = auth.user.id.clone();
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            let now = now_text();
            repo::lock(txn, &tenant_id, &po.id, &now).await?;
            let current = repo::find(txn, &tenant_id, &po.id)
                .await?
                .ok_or(ApiError::NotFound("Pesanan pembelian"))?;
            rule::can_propose(status_of(&current)).map_err(refused)?;
            let lines = repo::lines(txn, &tenant_id, &current.id).await?;
            let wanted = changes(&lines, &asked)?;
            let delivery_changed = delivery_on.is_some() && delivery_on != current.expected_on;
            rule::outcome(&wanted, current.supplier_pkp, delivery_changed).map_err(refused)?;
            // A revised proposal replaces the one still waiting.
            proposals::withdraw_pending(txn, &tenant_id, &current.id).await?;
            let proposal_id = new_id();
            let rows = asked
                .iter()
                .map(|(line_id, (q, p))| {
                    Ok(po_proposal_line::ActiveModel {
                        id: Set(new_id()),
                        tenant_id: Set(tenant_id.clone()),
                        proposal_id: Set(proposal_id.clone()),
                        po_line_id: Set(line_id.clone()),
                        quantity_milli: Set(q.map(Milli::of).transpose()?),
                        unit_price_sen: Set(p.map(Sen::of).transpose()?),
                    })
                })
                .collect::<ApiResult<Vec<_>>>()?;
            proposals::insert(
                txn,
                po_proposal::ActiveModel {
                    id: Set(proposal_id.clone()),
                    tenant_id: Set(tenant_id.clone()),
                    po_id: Set(current.id.clone()),
                    status: Set(ProposalStatus::Pending.as_str().to_string()),
                    delivery_on: Set(delivery_on.clone()),
                    note: Set(note.clone()),
                    proposed_by: Set(user_id.clone()),
                    proposed_at: Set(now.clone()),
                    decided_by: Set(None),
                    decided_at: Set(None),
                    decision_note: Set(None),
                },
                rows,
            )
            .await?;
            audit
                .record(
                    Change::new("purchase_order.propose", "purchase_order", &current.id)
                        .outlet(&current.outlet_id)
                        .after(json!({"number": current.number, "delivery_on": delivery_on,
                            "note": note, "lines": asked.iter().map(|(l, (q, p))| json!({
                                "line_id": l, "quantity": q.map(|q| q.to_string()),
                                "unit_price": p.map(|p| p.to_string())})).collect::<Vec<_>>()})),
                )
                .await?;
            Ok(current)
        })
    })
    .await?;
    Ok(Json(
        detail(&state.db, &saved.tenant_id.clone(), saved).await?,
    ))
}

/// The buyer's answer to the pending proposal.
async fn decide(
    state: &AppState,
    auth: &Auth,
    id: &str,
    accept: bool,
    req: DecisionInput,
) -> ApiResult<PoView> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let po = load(state, auth, id).await?;
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, true)?,
        None => None,
    };
    let tenant_id = auth.tenant()?.to_string();
    let user_id = auth.user.id.clone();
    let saved = audited(&state.db, Actor::of(auth), move |txn, audit| {
        Box::pin(async move {
            let now = now_text();
            repo::lock(txn, &tenant_id, &po.id, &now).await?;
            let current = repo::find(txn, &tenant_id, &po.id)
                .await?
                .ok_or(ApiError::NotFound("Pesanan pembelian"))?;
            let Some((proposal, proposed_lines)) =
                proposals::latest(txn, &tenant_id, &current.id).await?
            else {
                return Err(refused(ProposalError::Decided));
            };
            let status = ProposalStatus::parse(&proposal.status)
                .unwrap_or(ProposalStatus::Rejected)
                .decide(accept)
                .map_err(refused)?;
            let mut saved = current.clone();
            if accept {
                let from = status_of(&current);
                rule::can_propose(from).map_err(refused)?;
                let to = from.apply(PoAction::Confirm).map_err(not_now)?;
                let lines = repo::lines(txn, &tenant_id, &current.id).await?;
                let asked: Asked = proposed_lines
                    .iter()
                    .map(|l| {
                        (
                            l.po_line_id.clone(),
                            (
                                l.quantity_milli.map(|q| q.dec()),
                                l.unit_price_sen.map(|p| p.dec()),
                            ),
                        )
                    })
                    .collect();
                let wanted = changes(&lines, &asked)?;
                let (proposed, totals) = rule::outcome(
                    &wanted,
                    current.supplier_pkp,
                    proposal.delivery_on.is_some(),
                )
                .map_err(refused)?;
                for (l, after) in lines.iter().zip(proposed) {
                    match after {
                        None => proposals::delete_po_line(txn, &tenant_id, &l.id).await?,
                        Some(input) => {
                            let net = input.net().map_err(|_| refused(ProposalError::Price))?;
                            let mut row: purchase_order_line::ActiveModel = l.clone().into();
                            row.quantity_milli = Set(Milli::of(input.quantity)?);
                            row.unit_price_sen = Set(Sen::of(input.unit_price)?);
                            row.discount_sen = Set(Sen::of(input.discount)?);
                            row.net_sen = Set(Sen::of(net)?);
                            row.ordered_base_milli =
                                Set(Milli::of(input.quantity * l.per_base_milli.dec())?);
                            proposals::save_po_line(txn, row).await?;
                            if input.unit_price != l.unit_price_sen.dec() {
                                suppliers::set_last_price(
                                    txn,
                                    &tenant_id,
                                    &current.supplier_id,
                                    &l.product_id,
                                    Sen::of(input.unit_price)?,
                                )
                                .await?;
                            }
                        }
                    }
                }
                let mut row: purchase_order::ActiveModel = current.clone().into();
                row.status = Set(to.as_str().to_string());
                row.subtotal_sen = Set(Sen::of(totals.subtotal)?);
                row.ppn_sen = Set(Sen::of(totals.ppn)?);
                row.total_sen = Set(Sen::of(totals.total)?);
                row.confirmed_at = Set(Some(now.clone()));
                row.delivery_on = Set(proposal.delivery_on.clone().or(current.expected_on.clone()));
                row.supplier_note = Set(proposal.note.clone());
                row.updated_at = Set(now.clone());
                saved = repo::save(txn, row).await?;
            }
            let mut row: po_proposal::ActiveModel = proposal.clone().into();
            row.status = Set(status.as_str().to_string());
            row.decided_by = Set(Some(user_id.clone()));
            row.decided_at = Set(Some(now.clone()));
            row.decision_note = Set(note.clone());
            proposals::save(txn, row).await?;
            audit
                .record(
                    Change::new(
                        if accept {
                            "purchase_order.accept_proposal"
                        } else {
                            "purchase_order.reject_proposal"
                        },
                        "purchase_order",
                        &current.id,
                    )
                    .outlet(&current.outlet_id)
                    .before(json!({"status": current.status, "total": current.total_sen.text()}))
                    .after(
                        json!({"status": saved.status, "total": saved.total_sen.text(),
                        "number": saved.number, "note": note}),
                    ),
                )
                .await?;
            Ok(saved)
        })
    })
    .await?;
    Ok(detail(&state.db, &saved.tenant_id.clone(), saved).await?)
}

#[utoipa::path(post, path = "/purchase-orders/{id}/proposal/accept", tag = "purchasing",
    params(("id" = String, Path)), request_body = DecisionInput,
    responses((status = 200, body = PoView, description = "The order takes the changes and is confirmed"), (status = 404),
        (status = 409, description = "`no_pending_proposal` or `invalid_status`")))]
pub async fn accept(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<DecisionInput>,
) -> ApiResult<Json<PoView>> {
    Ok(Json(decide(&state, &auth, &id, true, req).await?))
}

#[utoipa::path(post, path = "/purchase-orders/{id}/proposal/reject", tag = "purchasing",
    params(("id" = String, Path)), request_body = DecisionInput,
    responses((status = 200, body = PoView, description = "The order stays as sent"), (status = 404),
        (status = 409, description = "`no_pending_proposal`")))]
pub async fn reject(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<DecisionInput>,
) -> ApiResult<Json<PoView>> {
    Ok(Json(decide(&state, &auth, &id, false, req).await?))
}
