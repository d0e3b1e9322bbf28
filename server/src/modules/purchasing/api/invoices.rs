//! Supplier invoices: recorded against an order's receipts with the three-way match of
//! ordered, received and billed (differences kept and shown, never silently absorbed),
//! due by the supplier's terms, paid in one or more payments that never pass the total.
use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use domain::api::payables::{
    InvoiceInput, InvoicePage, InvoiceStatus, InvoiceSummary, InvoiceView, MatchLineView, Mismatch,
    PaymentInput, PaymentView,
};
use domain::purchasing::invoice::{self, MatchLine};
use domain::purchasing::order::ppn_masukan;
use domain::purchasing::supplier::PaymentTerms;
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
use crate::kernel::business_day::{now_text, Zone};
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::repo::DbResult;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::repo::stock;
use crate::modules::purchasing::entity::{
    supplier_invoice, supplier_invoice_line, supplier_invoice_receipt, supplier_payment,
};
use crate::modules::purchasing::repo::{orders, payables as repo, suppliers};

#[derive(Deserialize, IntoParams)]
pub struct InvoiceFilter {
    /// `open`, `partly_paid`, `paid`, or `owed` (open and partly paid).
    pub status: Option<String>,
    pub supplier_id: Option<String>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

pub fn filter_of(f: &InvoiceFilter, outlets: Option<Vec<String>>) -> ApiResult<repo::Filter> {
    let (limit, offset) = page(f.limit, f.offset)?;
    let (status, owed_only) =
        match f.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => (None, false),
            Some("owed") => (None, true),
            Some(t) => (
                Some(InvoiceStatus::parse(t).ok_or_else(|| {
                    ApiError::validation("status", "Status tagihan tidak dikenal.")
                })?),
                false,
            ),
        };
    Ok(repo::Filter {
        status,
        owed_only,
        supplier_id: f.supplier_id.clone().filter(|s| !s.trim().is_empty()),
        outlets,
        limit,
        offset,
    })
}

fn status_of(i: &supplier_invoice::Model) -> InvoiceStatus {
    InvoiceStatus::parse(&i.status).unwrap_or(InvoiceStatus::Open)
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

pub async fn summaries<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    rows: Vec<supplier_invoice::Model>,
) -> DbResult<Vec<InvoiceSummary>> {
    let names = suppliers::names(db, tenant_id, rows.iter().map(|r| r.supplier_id.clone())).await?;
    let mut po_numbers = HashMap::new();
    for po_id in rows.iter().filter_map(|r| r.po_id.clone()) {
        if let std::collections::hash_map::Entry::Vacant(e) = po_numbers.entry(po_id.clone()) {
            if let Some(po) = orders::find(db, tenant_id, &po_id).await? {
                e.insert(po.number);
            }
        }
    }
    let today = Zone::Wib.today();
    Ok(rows
        .into_iter()
        .map(|r| summary(r, &names, &po_numbers, today))
        .collect())
}

fn summary(
    r: supplier_invoice::Model,
    names: &HashMap<String, String>,
    po_numbers: &HashMap<String, String>,
    today: NaiveDate,
) -> InvoiceSummary {
    let status = status_of(&r);
    let overdue_days = match day(&r.due_on) {
        Some(due) if status.is_owed() => (today - due).num_days().max(0),
        _ => 0,
    };
    InvoiceSummary {
        supplier_name: names.get(&r.supplier_id).cloned().unwrap_or_default(),
        po_number: r.po_id.as_ref().and_then(|p| po_numbers.get(p).cloned()),
        outstanding: Sen(r.total_sen.0 - r.paid_sen.0).text(),
        id: r.id,
        supplier_id: r.supplier_id,
        number: r.number,
        invoice_on: r.invoice_on,
        due_on: r.due_on,
        total: r.total_sen.text(),
        paid: r.paid_sen.text(),
        status,
        matched: r.matched,
        overdue_days,
    }
}

fn mismatch_names(m: &[Mismatch]) -> String {
    m.iter()
        .map(|m| match m {
            Mismatch::Quantity => "quantity",
            Mismatch::Price => "price",
            Mismatch::NotReceived => "not_received",
            Mismatch::NotInvoiced => "not_invoiced",
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn mismatches_of(text: &str) -> Vec<Mismatch> {
    text.split(',')
        .filter_map(|t| match t {
            "quantity" => Some(Mismatch::Quantity),
            "price" => Some(Mismatch::Price),
            "not_received" => Some(Mismatch::NotReceived),
            "not_invoiced" => Some(Mismatch::NotInvoiced),
            _ => None,
        })
        .collect()
}

/// The whole invoice: its match lines, the receipts it bills and its payments.
pub async fn detail<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    inv: supplier_invoice::Model,
) -> DbResult<InvoiceView> {
    let lines = repo::lines(db, tenant_id, &inv.id).await?;
    let payments = repo::payments(db, tenant_id, &inv.id).await?;
    let receipt_numbers = repo::receipt_numbers(db, tenant_id, &inv.id).await?;
    let ids: Vec<String> = lines.iter().map(|l| l.product_id.clone()).collect();
    let products = stock::products_by_id(db, tenant_id, &ids).await?;
    let outlet_name = outlet_names(db, tenant_id)
        .await?
        .remove(&inv.outlet_id)
        .unwrap_or_default();
    let users = crate::platform::repo::users::names(
        db,
        tenant_id,
        payments.iter().map(|p| p.user_id.clone()),
    )
    .await?;
    let po_id = inv.po_id.clone();
    let (outlet_id, subtotal, ppn, expected, note, created_at) = (
        inv.outlet_id.clone(),
        inv.subtotal_sen.text(),
        inv.ppn_sen.text(),
        inv.expected_ppn_sen.text(),
        inv.note.clone(),
        inv.created_at.clone(),
    );
    let summary = summaries(db, tenant_id, vec![inv])
        .await?
        .pop()
        .ok_or(sea_orm::DbErr::RecordNotFound("invoice".into()))?;
    Ok(InvoiceView {
        summary,
        outlet_id,
        outlet_name,
        po_id,
        receipt_numbers,
        subtotal,
        ppn,
        expected_ppn: expected,
        note,
        created_at,
        lines: lines
            .into_iter()
            .map(|l| {
                let p = products.get(&l.product_id);
                MatchLineView {
                    sku: p.map(|p| p.sku.clone()).unwrap_or_default(),
                    name: p.map(|p| p.name.clone()).unwrap_or_default(),
                    unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
                    ordered_quantity: l.ordered_base_milli.text(),
                    ordered_value: l.ordered_sen.text(),
                    received_quantity: l.received_base_milli.text(),
                    received_value: l.received_sen.text(),
                    invoiced_quantity: l.invoiced_base_milli.text(),
                    invoiced_value: l.invoiced_sen.text(),
                    quantity_difference: Milli(l.invoiced_base_milli.0 - l.received_base_milli.0)
                        .text(),
                    value_difference: Sen(l.invoiced_sen.0 - l.received_sen.0).text(),
                    mismatches: mismatches_of(&l.mismatches),
                    product_id: l.product_id,
                }
            })
            .collect(),
        payments: payments
            .into_iter()
            .map(|p| PaymentView {
                paid_by: users.get(&p.user_id).cloned().unwrap_or_default(),
                id: p.id,
                amount: p.amount_sen.text(),
                paid_on: p.paid_on,
                method: p.method,
                reference: p.reference,
                created_at: p.created_at,
            })
            .collect(),
    })
}

pub async fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<supplier_invoice::Model> {
    repo::find(&state.db, auth.tenant()?, id)
        .await?
        .filter(|i| auth.can_access_outlet(&i.outlet_id))
        .ok_or(ApiError::NotFound("Tagihan pemasok"))
}

#[utoipa::path(get, path = "/supplier-invoices", tag = "purchasing", params(InvoiceFilter),
    responses((status = 200, body = InvoicePage)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(f): Query<InvoiceFilter>,
) -> ApiResult<Json<InvoicePage>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let tenant_id = auth.tenant()?;
    let filter = filter_of(&f, auth.outlet_ids.clone())?;
    let (rows, total) = repo::list(&state.db, tenant_id, &filter).await?;
    Ok(Json(InvoicePage {
        items: summaries(&state.db, tenant_id, rows).await?,
        total,
        limit: filter.limit,
        offset: filter.offset,
    }))
}

#[utoipa::path(get, path = "/supplier-invoices/{id}", tag = "purchasing", params(("id" = String, Path)),
    responses((status = 200, body = InvoiceView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<InvoiceView>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let inv = load(&state, &auth, &id).await?;
    Ok(Json(detail(&state.db, auth.tenant()?, inv).await?))
}

/// Ordered, received and billed per product, in sen and thousandths.
#[derive(Default)]
struct Tally {
    ordered: (i64, i64),
    received: (i64, i64),
    invoiced: (i64, i64),
}

#[utoipa::path(post, path = "/supplier-invoices", tag = "purchasing", request_body = InvoiceInput,
    responses((status = 201, body = InvoiceView, description = "Recorded, with the match's differences"),
        (status = 409, description = "`already_billed`: the number or a receipt is on another invoice"), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<InvoiceInput>,
) -> ApiResult<(StatusCode, Json<InvoiceView>)> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let tenant_id = auth.tenant()?.to_string();
    let supplier = suppliers::find(&state.db, &tenant_id, &req.supplier_id)
        .await?
        .ok_or_else(|| ApiError::validation("supplier_id", "Pemasok tidak ditemukan."))?;
    let number = input::required(
        "number",
        &req.number,
        input::REFERENCE_CHARS_MAX,
        "Nomor faktur",
    )?;
    let invoice_on = input::date("invoice_on", &req.invoice_on)?;
    let terms = PaymentTerms::parse(&supplier.payment_terms).unwrap_or(PaymentTerms::Cash);
    let due_on = match req
        .due_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => input::date("due_on", d)?,
        None => terms.due_date(invoice_on),
    };
    if due_on < invoice_on {
        return Err(ApiError::validation(
            "due_on",
            "Jatuh tempo tidak boleh sebelum tanggal faktur.",
        ));
    }
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, true)?,
        None => None,
    };
    if req.lines.is_empty() || req.lines.len() > LINES_MAX {
        return Err(ApiError::validation(
            "lines",
            format!("Tagihan harus berisi 1 sampai {LINES_MAX} baris."),
        ));
    }
    if req.receipt_ids.len() > LINES_MAX {
        return Err(ApiError::validation(
            "receipt_ids",
            "Terlalu banyak penerimaan.",
        ));
    }

    // The order and the receipts billed: named ones, else the order's not yet billed.
    let po = match req
        .po_id
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(id) => {
            let po = load_po(&state, &auth, id)
                .await
                .map_err(|_| ApiError::validation("po_id", "Pesanan pembelian tidak ditemukan."))?;
            if po.supplier_id != supplier.id {
                return Err(ApiError::validation(
                    "po_id",
                    "Pesanan ini untuk pemasok lain.",
                ));
            }
            Some(po)
        }
        None => None,
    };
    let receipts = if req.receipt_ids.is_empty() {
        match &po {
            Some(po) => repo::unbilled_receipts(&state.db, &tenant_id, &po.id).await?,
            None => {
                return Err(ApiError::validation(
                    "po_id",
                    "Pilih pesanan pembelian atau penerimaan yang ditagih.",
                ))
            }
        }
    } else {
        let found = repo::receipts_of_supplier(
            &state.db,
            &tenant_id,
            &supplier.id,
            req.receipt_ids.clone(),
        )
        .await?;
        if found.len()
            != req
                .receipt_ids
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        {
            return Err(ApiError::validation(
                "receipt_ids",
                "Penerimaan tidak ditemukan untuk pemasok ini.",
            ));
        }
        if let Some(po) = &po {
            if found
                .iter()
                .any(|r| r.po_id.as_deref() != Some(po.id.as_str()))
            {
                return Err(ApiError::validation(
                    "receipt_ids",
                    "Penerimaan bukan dari pesanan ini.",
                ));
            }
        }
        found
    };
    let outlet_id = match (&po, receipts.first()) {
        (Some(po), _) => po.outlet_id.clone(),
        (None, Some(r)) => r.outlet_id.clone(),
        (None, None) => {
            return Err(ApiError::validation(
                "receipt_ids",
                "Tidak ada penerimaan yang ditagih.",
            ))
        }
    };
    if receipts.iter().any(|r| r.outlet_id != outlet_id) || !auth.can_access_outlet(&outlet_id) {
        return Err(ApiError::validation(
            "receipt_ids",
            "Penerimaan dari outlet yang berbeda.",
        ));
    }
    let receipt_ids: Vec<String> = receipts.iter().map(|r| r.id.clone()).collect();

    // The three-way match, product by product.
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    if let Some(po) = &po {
        for l in orders::lines(&state.db, &tenant_id, &po.id).await? {
            let t = tally.entry(l.product_id.clone()).or_default();
            t.ordered.0 += l.ordered_base_milli.0;
            t.ordered.1 += l.net_sen.0;
        }
    }
    for l in repo::receipt_lines(&state.db, &tenant_id, receipt_ids.clone()).await? {
        let t = tally.entry(l.product_id.clone()).or_default();
        t.received.0 += l.quantity_base_milli.0;
        t.received.1 += l.value_sen.0;
    }
    let ids: Vec<String> = req.lines.iter().map(|l| l.product_id.clone()).collect();
    let products = stock::products_by_id(&state.db, &tenant_id, &ids).await?;
    let mut subtotal = Decimal::ZERO;
    for (i, l) in req.lines.iter().enumerate() {
        let field = |f: &str| format!("lines[{i}].{f}");
        if !products.contains_key(&l.product_id) {
            return Err(ApiError::validation(
                field("product_id"),
                "Produk tidak ditemukan.",
            ));
        }
        let quantity = input::quantity(
            &field("quantity"),
            decimal(&field("quantity"), &l.quantity)?,
        )?;
        let value = input::amount(&field("value"), decimal(&field("value"), &l.value)?)?;
        subtotal += value;
        let t = tally.entry(l.product_id.clone()).or_default();
        t.invoiced.0 += Milli::of(quantity)?.0;
        t.invoiced.1 += Sen::of(value)?.0;
    }
    // What was ordered but neither came nor was billed is the order's business, not this bill's.
    tally.retain(|_, t| t.received.0 != 0 || t.invoiced.0 != 0);
    let expected_ppn = ppn_masukan(subtotal, supplier.pkp);
    let ppn = match req.ppn.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => input::amount("ppn", decimal("ppn", p)?)?,
        None => expected_ppn,
    };
    let total = subtotal + ppn;
    input::amount("total", total)?;

    let invoice_id = new_id();
    let mut matched = ppn == expected_ppn;
    let mut rows = Vec::with_capacity(tally.len());
    for (n, (product_id, t)) in tally.iter().enumerate() {
        let m = MatchLine {
            ordered_quantity: Milli(t.ordered.0).dec(),
            ordered_value: Sen(t.ordered.1).dec(),
            received_quantity: Milli(t.received.0).dec(),
            received_value: Sen(t.received.1).dec(),
            invoiced_quantity: Milli(t.invoiced.0).dec(),
            invoiced_value: Sen(t.invoiced.1).dec(),
        }
        .compare();
        matched &= m.mismatches.is_empty();
        rows.push(supplier_invoice_line::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.clone()),
            invoice_id: Set(invoice_id.clone()),
            line_no: Set(i32::try_from(n + 1).unwrap_or(i32::MAX)),
            product_id: Set(product_id.clone()),
            ordered_base_milli: Set(Milli(t.ordered.0)),
            ordered_sen: Set(Sen(t.ordered.1)),
            received_base_milli: Set(Milli(t.received.0)),
            received_sen: Set(Sen(t.received.1)),
            invoiced_base_milli: Set(Milli(t.invoiced.0)),
            invoiced_sen: Set(Sen(t.invoiced.1)),
            mismatches: Set(mismatch_names(&m.mismatches)),
        });
    }
    let links: Vec<_> = receipt_ids
        .iter()
        .map(|r| supplier_invoice_receipt::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.clone()),
            invoice_id: Set(invoice_id.clone()),
            receipt_id: Set(r.clone()),
        })
        .collect();
    let now = now_text();
    let row = supplier_invoice::ActiveModel {
        id: Set(invoice_id.clone()),
        tenant_id: Set(tenant_id.clone()),
        supplier_id: Set(supplier.id.clone()),
        outlet_id: Set(outlet_id.clone()),
        po_id: Set(po.as_ref().map(|p| p.id.clone())),
        number: Set(number.clone()),
        invoice_on: Set(invoice_on.to_string()),
        due_on: Set(due_on.to_string()),
        subtotal_sen: Set(Sen::of(subtotal)?),
        ppn_sen: Set(Sen::of(ppn)?),
        expected_ppn_sen: Set(Sen::of(expected_ppn)?),
        total_sen: Set(Sen::of(total)?),
        paid_sen: Set(Sen::ZERO),
        status: Set(InvoiceStatus::Open.as_str().to_string()),
        matched: Set(matched),
        note: Set(note),
        created_by: Set(auth.user.id.clone()),
        device_id: Set(auth.device_id.clone()),
        created_at: Set(now.clone()),
        updated_at: Set(now),
    };
    let t = tenant_id.clone();
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            if !repo::billed(txn, &t, receipt_ids.clone()).await?.is_empty() {
                return Err(already_billed());
            }
            let saved = repo::insert(txn, row, rows, links).await?;
            audit
                .record(
                    Change::new("supplier_invoice.create", "supplier_invoice", &saved.id)
                        .outlet(&saved.outlet_id)
                        .after(
                            json!({"number": saved.number, "supplier_id": saved.supplier_id,
                            "total": saved.total_sen.text(), "matched": saved.matched,
                            "due_on": saved.due_on, "receipts": receipt_ids}),
                        ),
                )
                .await?;
            Ok(saved)
        })
    })
    .await
    .map_err(|e| {
        if e.is_duplicate() {
            already_billed()
        } else {
            e
        }
    })?;
    Ok((
        StatusCode::CREATED,
        Json(detail(&state.db, &tenant_id, saved).await?),
    ))
}

fn already_billed() -> ApiError {
    ApiError::conflict(
        "already_billed",
        "Nomor faktur ini sudah dicatat untuk pemasok ini, atau penerimaannya sudah ditagih.",
    )
}

#[utoipa::path(post, path = "/supplier-invoices/{id}/payments", tag = "purchasing", request_body = PaymentInput,
    params(("id" = String, Path)),
    responses((status = 201, body = InvoiceView, description = "The invoice with the payment"),
        (status = 404), (status = 409, description = "`overpayment`: more than is still owed"), (status = 422)))]
pub async fn pay(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<PaymentInput>,
) -> ApiResult<(StatusCode, Json<InvoiceView>)> {
    auth.require(Permission::PAY_SUPPLIERS)?;
    let inv = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let amount = input::amount("amount", decimal("amount", &req.amount)?)?;
    let paid_on = match req
        .paid_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => input::date("paid_on", d)?,
        None => Zone::Wib.today(),
    };
    let method = match req.method.trim() {
        m @ ("cash" | "transfer") => m.to_string(),
        _ => {
            return Err(ApiError::validation(
                "method",
                "Cara bayar: tunai atau transfer.",
            ))
        }
    };
    let reference = match req.reference.as_deref() {
        Some(r) => input::text("reference", r, input::REFERENCE_CHARS_MAX, false)?,
        None => None,
    };
    let amount_sen = Sen::of(amount)?;
    let (user_id, device_id) = (auth.user.id.clone(), auth.device_id.clone());
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            let now = now_text();
            let current = repo::find(txn, &tenant_id, &inv.id)
                .await?
                .ok_or(ApiError::NotFound("Tagihan pemasok"))?;
            // The rule first (for its message), then the guarded update that two payments
            // at once cannot both pass.
            let owed = |c: &supplier_invoice::Model| Sen(c.total_sen.0 - c.paid_sen.0);
            let new_paid = invoice::pay(current.total_sen.dec(), current.paid_sen.dec(), amount)
                .map_err(|e| overpaid(e, owed(&current)))?;
            if !repo::add_paid(txn, &tenant_id, &current.id, amount_sen.0, &now).await? {
                return Err(overpaid(invoice::PaymentError::AlreadyPaid, owed(&current)));
            }
            let status = InvoiceStatus::of(current.total_sen.dec(), new_paid);
            repo::set_status(txn, &tenant_id, &current.id, status).await?;
            repo::insert_payment(
                txn,
                supplier_payment::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.clone()),
                    invoice_id: Set(current.id.clone()),
                    supplier_id: Set(current.supplier_id.clone()),
                    amount_sen: Set(amount_sen),
                    paid_on: Set(paid_on.to_string()),
                    method: Set(method.clone()),
                    reference: Set(reference.clone()),
                    user_id: Set(user_id),
                    device_id: Set(device_id),
                    created_at: Set(now),
                },
            )
            .await?;
            audit
                .record(
                    Change::new("supplier_invoice.pay", "supplier_invoice", &current.id)
                        .outlet(&current.outlet_id)
                        .before(json!({"paid": current.paid_sen.text(), "status": current.status}))
                        .after(
                            json!({"paid": Sen::of(new_paid)?.text(), "status": status.as_str(),
                            "amount": amount_sen.text(), "method": method, "reference": reference}),
                        ),
                )
                .await?;
            repo::find(txn, &tenant_id, &current.id)
                .await?
                .ok_or(ApiError::NotFound("Tagihan pemasok"))
        })
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(detail(&state.db, auth.tenant()?, saved).await?),
    ))
}

fn overpaid(e: invoice::PaymentError, owed: Sen) -> ApiError {
    match e {
        invoice::PaymentError::NotPositive => {
            ApiError::validation("amount", "Jumlah bayar harus lebih dari nol.")
        }
        _ => ApiError::conflict(
            "overpayment",
            format!("Pembayaran melebihi sisa tagihan (sisa Rp{}).", owed.text()),
        ),
    }
}
