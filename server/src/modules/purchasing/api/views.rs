//! Rows as the API answers them.
use std::collections::HashMap;
use std::str::FromStr;

use domain::api::purchasing::{
    PaymentTerms, PoLineView, PoStatus, PoSummary, PoView, ProposalLineView, ProposalView,
    ReceiptLineView, ReceiptView, SupplierView,
};
use rust_decimal::Decimal;
use sea_orm::ConnectionTrait;

use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::money::Milli;
use crate::kernel::repo::DbResult;
use crate::modules::inventory::repo::stock;
use crate::modules::purchasing::entity::{purchase_order, supplier};
use crate::modules::purchasing::repo::{orders, suppliers};

/// A decimal string from the request.
pub fn decimal(field: &str, text: &str) -> ApiResult<Decimal> {
    Decimal::from_str(text.trim())
        .map_err(|_| ApiError::validation(field, format!("{field} harus angka (mis. \"12500\").")))
}

pub fn supplier_view(s: supplier::Model) -> SupplierView {
    SupplierView {
        payment_terms: PaymentTerms::parse(&s.payment_terms).unwrap_or(PaymentTerms::Cash),
        id: s.id,
        name: s.name,
        contact_name: s.contact_name,
        phone: s.phone,
        address: s.address,
        npwp: s.npwp,
        pkp: s.pkp,
        bank_account: s.bank_account,
        active: s.active,
    }
}

pub fn status_of(po: &purchase_order::Model) -> PoStatus {
    PoStatus::parse(&po.status).unwrap_or(PoStatus::Draft)
}

pub async fn summaries<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    rows: Vec<purchase_order::Model>,
) -> DbResult<Vec<PoSummary>> {
    let names = suppliers::names(db, tenant_id, rows.iter().map(|r| r.supplier_id.clone())).await?;
    let outlets = outlet_names(db, tenant_id).await?;
    Ok(rows
        .into_iter()
        .map(|r| PoSummary {
            status: status_of(&r),
            supplier_name: names.get(&r.supplier_id).cloned().unwrap_or_default(),
            outlet_name: outlets.get(&r.outlet_id).cloned().unwrap_or_default(),
            id: r.id,
            number: r.number,
            supplier_id: r.supplier_id,
            total: r.total_sen.text(),
            expected_on: r.expected_on,
            delivery_on: r.delivery_on,
            created_at: r.created_at,
        })
        .collect())
}

pub async fn outlet_names<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<HashMap<String, String>> {
    Ok(crate::platform::repo::outlets::list(db, tenant_id)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// The whole order: lines with what came, and every receipt against it.
pub async fn detail<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    po: purchase_order::Model,
) -> DbResult<PoView> {
    let lines = orders::lines(db, tenant_id, &po.id).await?;
    let receipts = orders::receipts_of(db, tenant_id, &po.id).await?;
    let billed: std::collections::HashSet<String> =
        crate::modules::purchasing::repo::payables::billed(
            db,
            tenant_id,
            receipts.iter().map(|(r, _)| r.id.clone()).collect(),
        )
        .await?
        .into_iter()
        .collect();
    let mut ids: Vec<String> = lines.iter().map(|l| l.product_id.clone()).collect();
    ids.extend(
        receipts
            .iter()
            .flat_map(|(_, ls)| ls.iter().map(|l| l.product_id.clone())),
    );
    ids.sort();
    ids.dedup();
    let products = stock::products_by_id(db, tenant_id, &ids).await?;
    let users = crate::platform::repo::users::names(
        db,
        tenant_id,
        receipts.iter().map(|(r, _)| r.user_id.clone()),
    )
    .await?;
    let supplier = suppliers::find(db, tenant_id, &po.supplier_id).await?;
    let supplier_phone = supplier.as_ref().and_then(|s| s.phone.clone());
    let supplier_name = supplier.map(|s| s.name).unwrap_or_default();
    let outlet_name = outlet_names(db, tenant_id)
        .await?
        .remove(&po.outlet_id)
        .unwrap_or_default();
    let name = |id: &str| products.get(id).map(|p| p.name.clone()).unwrap_or_default();
    let proposal = proposal_view(db, tenant_id, &po, &lines).await?;
    Ok(PoView {
        proposal,
        status: status_of(&po),
        lines: lines
            .into_iter()
            .map(|l| {
                let p = products.get(&l.product_id);
                PoLineView {
                    sku: p.map(|p| p.sku.clone()).unwrap_or_default(),
                    name: p.map(|p| p.name.clone()).unwrap_or_default(),
                    unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
                    outstanding_base: Milli(
                        (l.ordered_base_milli.0 - l.received_base_milli.0).max(0),
                    )
                    .text(),
                    id: l.id,
                    line_no: l.line_no,
                    product_id: l.product_id,
                    purchase_unit: l.purchase_unit,
                    per_base: l.per_base_milli.text(),
                    quantity: l.quantity_milli.text(),
                    unit_price: l.unit_price_sen.text(),
                    discount: l.discount_sen.text(),
                    net: l.net_sen.text(),
                    ordered_base: l.ordered_base_milli.text(),
                    received_base: l.received_base_milli.text(),
                }
            })
            .collect(),
        receipts: receipts
            .into_iter()
            .map(|(r, ls)| ReceiptView {
                received_by: users.get(&r.user_id).cloned().unwrap_or_default(),
                lines: ls
                    .into_iter()
                    .map(|l| ReceiptLineView {
                        name: name(&l.product_id),
                        po_line_id: l.po_line_id,
                        product_id: l.product_id,
                        quantity: l.quantity_base_milli.text(),
                        value: l.value_sen.text(),
                        batch_no: l.batch_no,
                        expires_on: l.expires_on,
                        flag: l.flag,
                    })
                    .collect(),
                billed: billed.contains(&r.id),
                id: r.id,
                number: r.number,
                po_id: r.po_id,
                outlet_id: r.outlet_id,
                value: r.value_sen.text(),
                note: r.note,
                received_at: r.received_at,
            })
            .collect(),
        supplier_name,
        supplier_phone,
        outlet_name,
        id: po.id,
        number: po.number,
        supplier_id: po.supplier_id,
        outlet_id: po.outlet_id,
        expected_on: po.expected_on,
        supplier_pkp: po.supplier_pkp,
        subtotal: po.subtotal_sen.text(),
        ppn: po.ppn_sen.text(),
        total: po.total_sen.text(),
        note: po.note,
        created_at: po.created_at,
        sent_at: po.sent_at,
        confirmed_at: po.confirmed_at,
        delivery_on: po.delivery_on,
        supplier_note: po.supplier_note,
        shipped_at: po.shipped_at,
        delivery_note: po.delivery_note,
        closed_at: po.closed_at,
    })
}

/// The order's latest proposal, with the total the order would have if it is accepted.
async fn proposal_view<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    po: &purchase_order::Model,
    lines: &[crate::modules::purchasing::entity::purchase_order_line::Model],
) -> DbResult<Option<ProposalView>> {
    use domain::purchasing::order::LineInput;
    use domain::purchasing::proposal::{outcome, LineChange, ProposalStatus};
    let Some((p, proposed)) =
        crate::modules::purchasing::repo::proposals::latest(db, tenant_id, &po.id).await?
    else {
        return Ok(None);
    };
    let changes: Vec<LineChange> = lines
        .iter()
        .map(|l| {
            let asked = proposed.iter().find(|x| x.po_line_id == l.id);
            LineChange {
                ordered: LineInput {
                    quantity: l.quantity_milli.dec(),
                    unit_price: l.unit_price_sen.dec(),
                    discount: l.discount_sen.dec(),
                },
                quantity: asked.and_then(|a| a.quantity_milli).map(|q| q.dec()),
                unit_price: asked.and_then(|a| a.unit_price_sen).map(|s| s.dec()),
            }
        })
        .collect();
    let status = ProposalStatus::parse(&p.status).unwrap_or(ProposalStatus::Rejected);
    let total = (status == ProposalStatus::Pending)
        .then(|| outcome(&changes, po.supplier_pkp, true).ok())
        .flatten()
        .map(|(_, t)| t.total.normalize().to_string());
    Ok(Some(ProposalView {
        id: p.id,
        status,
        delivery_on: p.delivery_on,
        note: p.note,
        proposed_at: p.proposed_at,
        decided_at: p.decided_at,
        decision_note: p.decision_note,
        lines: proposed
            .into_iter()
            .map(|l| ProposalLineView {
                po_line_id: l.po_line_id,
                quantity: l.quantity_milli.map(|q| q.text()),
                unit_price: l.unit_price_sen.map(|s| s.text()),
            })
            .collect(),
        total,
    }))
}
