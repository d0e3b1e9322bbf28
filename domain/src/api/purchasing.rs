//! The purchasing module's JSON: suppliers, purchase orders, goods receipts, returns to
//! supplier, the reorder list and the supplier's own portal. Amounts and quantities are
//! decimal strings; quantities named `*_base` are in the product's own unit, the others in
//! the line's unit of purchase.
use serde::{Deserialize, Serialize};

pub use crate::purchasing::order::PoStatus;
pub use crate::purchasing::supplier::PaymentTerms;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierView {
    pub id: String,
    pub name: String,
    pub contact_name: Option<String>,
    /// `+62…`.
    pub phone: Option<String>,
    pub address: Option<String>,
    /// Digits only (15 or 16).
    pub npwp: Option<String>,
    /// A PKP charges PPN masukan on its invoices.
    pub pkp: bool,
    pub payment_terms: PaymentTerms,
    pub bank_account: Option<String>,
    pub active: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierInput {
    pub name: Option<String>,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub npwp: Option<String>,
    pub pkp: Option<bool>,
    pub payment_terms: Option<PaymentTerms>,
    pub bank_account: Option<String>,
    pub active: Option<bool>,
}

/// What a supplier supplies: its code for the product, the unit it sells in and the last
/// price it charged (per unit of purchase).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierProductView {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    /// The product's own unit.
    pub unit: String,
    pub supplier_code: Option<String>,
    pub purchase_unit: String,
    /// Base units in one unit of purchase (`24`).
    pub per_base: String,
    pub last_price: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierProductInput {
    pub product_id: String,
    pub supplier_code: Option<String>,
    /// Defaults to the product's own unit (`per_base` 1).
    pub purchase_unit: Option<String>,
    pub per_base: Option<String>,
    pub last_price: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoLineInput {
    pub product_id: String,
    /// In units of purchase.
    pub quantity: String,
    /// Taken from what the supplier supplies when absent.
    pub purchase_unit: Option<String>,
    pub per_base: Option<String>,
    /// Per unit of purchase, before PPN.
    pub unit_price: String,
    /// Rupiah off the line.
    pub discount: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoInput {
    pub supplier_id: String,
    /// The store or warehouse the goods go to.
    pub outlet_id: String,
    /// `YYYY-MM-DD`.
    pub expected_on: Option<String>,
    pub note: Option<String>,
    pub lines: Vec<PoLineInput>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoLineView {
    pub id: String,
    pub line_no: i32,
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub purchase_unit: String,
    pub per_base: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub net: String,
    pub ordered_base: String,
    pub received_base: String,
    /// Still to come (never below zero).
    pub outstanding_base: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptLineView {
    pub po_line_id: Option<String>,
    pub product_id: String,
    pub name: String,
    /// In the product's own unit.
    pub quantity: String,
    /// At cost (net of PPN masukan).
    pub value: String,
    pub batch_no: Option<String>,
    pub expires_on: Option<String>,
    /// `over` (more than ordered), `extra` (not on the order) or `substitute`.
    pub flag: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptView {
    pub id: String,
    pub number: String,
    pub po_id: Option<String>,
    pub outlet_id: String,
    pub value: String,
    pub note: Option<String>,
    pub received_by: String,
    pub received_at: String,
    pub lines: Vec<ReceiptLineView>,
    /// A supplier invoice bills it already.
    #[serde(default)]
    pub billed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoView {
    pub id: String,
    pub number: String,
    pub supplier_id: String,
    pub supplier_name: String,
    /// For the WhatsApp link (`+62…`).
    pub supplier_phone: Option<String>,
    pub outlet_id: String,
    pub outlet_name: String,
    pub status: PoStatus,
    pub expected_on: Option<String>,
    pub supplier_pkp: bool,
    pub subtotal: String,
    pub ppn: String,
    pub total: String,
    pub note: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub confirmed_at: Option<String>,
    /// The delivery date the supplier confirmed.
    pub delivery_on: Option<String>,
    pub supplier_note: Option<String>,
    pub shipped_at: Option<String>,
    /// The supplier's surat jalan number.
    pub delivery_note: Option<String>,
    pub closed_at: Option<String>,
    pub lines: Vec<PoLineView>,
    pub receipts: Vec<ReceiptView>,
    /// The supplier's latest proposed changes (waiting or decided), if any.
    #[serde(default)]
    pub proposal: Option<ProposalView>,
}

/// What the supplier proposes for one line; an absent field stays as ordered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalLineInput {
    pub line_id: String,
    /// Units of purchase; `"0"`: cannot supply this line.
    pub quantity: Option<String>,
    /// Per unit of purchase, before PPN.
    pub unit_price: Option<String>,
}

/// `POST /supplier-portal/purchase-orders/{id}/proposal`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalInput {
    pub lines: Vec<ProposalLineInput>,
    /// Another delivery date the supplier can make (`YYYY-MM-DD`).
    pub delivery_on: Option<String>,
    pub note: Option<String>,
}

/// The buyer's answer to a proposal, with an optional word for the supplier.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionInput {
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalLineView {
    pub po_line_id: String,
    /// As proposed; absent: as ordered.
    pub quantity: Option<String>,
    pub unit_price: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalView {
    pub id: String,
    pub status: crate::purchasing::proposal::ProposalStatus,
    pub delivery_on: Option<String>,
    pub note: Option<String>,
    pub proposed_at: String,
    pub decided_at: Option<String>,
    pub decision_note: Option<String>,
    pub lines: Vec<ProposalLineView>,
    /// The order's total if the proposal is accepted (as it stands while waiting).
    pub total: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoSummary {
    pub id: String,
    pub number: String,
    pub supplier_id: String,
    pub supplier_name: String,
    pub outlet_name: String,
    pub status: PoStatus,
    pub total: String,
    pub expected_on: Option<String>,
    pub delivery_on: Option<String>,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoPage {
    pub items: Vec<PoSummary>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptLineInput {
    /// The order's line these goods answer; absent for goods not on the order.
    pub po_line_id: Option<String>,
    pub product_id: String,
    /// In the product's own unit (48 karton of 24 → `1152`).
    pub quantity: String,
    pub batch_no: Option<String>,
    /// `YYYY-MM-DD`.
    pub expires_on: Option<String>,
    /// Cost of the whole quantity, for goods not on the order (else from the order).
    pub value: Option<String>,
    /// `substitute` when the supplier sent this in place of an ordered product.
    pub flag: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptInput {
    pub lines: Vec<ReceiptLineInput>,
    pub note: Option<String>,
    /// Accept more than ordered (flagged `over`); without it an over-receipt is refused.
    #[serde(default)]
    pub allow_over: bool,
}

/// The supplier confirms an order with the day it will deliver.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmInput {
    pub delivery_on: String,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipInput {
    /// The surat jalan number.
    pub delivery_note: String,
}

/// One product under its reorder point (or, with no point set, running out within the
/// supplier's lead time at the last four weeks' pace).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReorderRow {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub on_hand: String,
    /// Already ordered and not yet received.
    pub on_order: String,
    pub reorder_point: Option<String>,
    /// Sold in the last 28 days.
    pub sold_28d: String,
    /// In the product's unit; rounded up to whole units of purchase.
    pub suggested_base: String,
    pub supplier_id: Option<String>,
    pub supplier_name: Option<String>,
    pub purchase_unit: Option<String>,
    pub per_base: Option<String>,
    /// In units of purchase.
    pub suggested_quantity: Option<String>,
    pub last_price: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReorderPointInput {
    pub outlet_id: String,
    pub product_id: String,
    /// Order when stock falls to this (base units); empty clears it.
    pub reorder_point: Option<String>,
    /// How much to order then (base units); defaults to twice the point.
    pub order_quantity: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReorderPage {
    pub items: Vec<ReorderRow>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

/// One product sent back to the supplier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnLineInput {
    pub product_id: String,
    /// In the product's own unit (a karton of 24 → `24`).
    pub quantity: String,
    pub batch_no: Option<String>,
}

/// Goods sent back to a supplier from an outlet, against one of its receipts or not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnInput {
    pub supplier_id: String,
    pub outlet_id: String,
    /// The order the goods came on (taken from the receipt when only that is given).
    pub po_id: Option<String>,
    /// The receipt the goods came in on: no more of a product goes back than it brought,
    /// less what earlier returns against it took.
    pub receipt_id: Option<String>,
    /// Why (rusak, kedaluwarsa, salah kirim…).
    pub reason: String,
    pub lines: Vec<ReturnLineInput>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnLineView {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    /// The product's own unit.
    pub unit: String,
    /// In the product's own unit.
    pub quantity: String,
    /// At the outlet's average cost when the goods left.
    pub value: String,
    pub batch_no: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnView {
    pub id: String,
    /// `RT-202612-0001`.
    pub number: String,
    pub supplier_id: String,
    pub supplier_name: String,
    pub outlet_id: String,
    pub outlet_name: String,
    pub po_id: Option<String>,
    pub po_number: Option<String>,
    pub receipt_id: Option<String>,
    pub receipt_number: Option<String>,
    pub reason: String,
    /// The lines' values together.
    pub value: String,
    pub returned_by: String,
    pub created_at: String,
    pub lines: Vec<ReturnLineView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnPage {
    pub items: Vec<ReturnView>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}
