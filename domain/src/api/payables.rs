//! Supplier invoices matched to what was ordered and received, their payments, the
//! payables aging and a supplier's statement. Amounts and quantities are decimal strings;
//! quantities are in the product's own unit; dates `YYYY-MM-DD`.
use serde::{Deserialize, Serialize};

pub use crate::purchasing::aging::AgingBucket;
pub use crate::purchasing::invoice::{InvoiceStatus, Mismatch};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceLineInput {
    pub product_id: String,
    /// Billed, in the product's own unit.
    pub quantity: String,
    /// Billed for the whole quantity, before PPN.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceInput {
    pub supplier_id: String,
    /// The supplier's own invoice number (unique per supplier).
    pub number: String,
    pub invoice_on: String,
    /// The order billed; its receipts not billed yet are matched unless `receipt_ids` names some.
    pub po_id: Option<String>,
    #[serde(default)]
    pub receipt_ids: Vec<String>,
    pub lines: Vec<InvoiceLineInput>,
    /// PPN masukan as on the faktur pajak; absent: 12% × 11/12 of the subtotal for a PKP.
    pub ppn: Option<String>,
    /// Absent: the invoice date plus the supplier's payment terms.
    pub due_on: Option<String>,
    pub note: Option<String>,
}

/// One product of the three-way match, as it stood when the invoice was recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatchLineView {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub ordered_quantity: String,
    pub ordered_value: String,
    pub received_quantity: String,
    pub received_value: String,
    pub invoiced_quantity: String,
    pub invoiced_value: String,
    /// Billed less received.
    pub quantity_difference: String,
    pub value_difference: String,
    pub mismatches: Vec<Mismatch>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentView {
    pub id: String,
    pub amount: String,
    pub paid_on: String,
    /// `cash` or `transfer`.
    pub method: String,
    pub reference: Option<String>,
    pub paid_by: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceSummary {
    pub id: String,
    pub supplier_id: String,
    pub supplier_name: String,
    pub number: String,
    pub po_number: Option<String>,
    pub invoice_on: String,
    pub due_on: String,
    pub total: String,
    pub paid: String,
    pub outstanding: String,
    pub status: InvoiceStatus,
    /// Every line agrees with the order and the receipts.
    pub matched: bool,
    /// Days past due today (0 when not yet due or paid).
    pub overdue_days: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceView {
    #[serde(flatten)]
    pub summary: InvoiceSummary,
    pub outlet_id: String,
    pub outlet_name: String,
    pub po_id: Option<String>,
    pub receipt_numbers: Vec<String>,
    pub subtotal: String,
    pub ppn: String,
    /// What PPN masukan the subtotal carries at the supplier's PKP status.
    pub expected_ppn: String,
    pub note: Option<String>,
    pub created_at: String,
    pub lines: Vec<MatchLineView>,
    pub payments: Vec<PaymentView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoicePage {
    pub items: Vec<InvoiceSummary>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentInput {
    pub amount: String,
    /// Absent: today.
    pub paid_on: Option<String>,
    /// `cash` or `transfer`.
    pub method: String,
    /// The transfer's reference.
    pub reference: Option<String>,
}

/// What one supplier is owed, by how long past due.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgingRow {
    pub supplier_id: String,
    pub supplier_name: String,
    pub current: String,
    pub days_1_30: String,
    pub days_31_60: String,
    pub days_61_90: String,
    pub over_90: String,
    pub total: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgingReport {
    pub as_of: String,
    pub items: Vec<AgingRow>,
    /// Every supplier together (not only this page).
    pub totals: AgingRow,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementEntry {
    pub on: String,
    /// `invoice` or `payment`.
    pub kind: String,
    pub invoice_id: String,
    /// The invoice's number (for a payment, the invoice it pays).
    pub reference: String,
    /// Billed (raises what is owed).
    pub charge: String,
    /// Paid (lowers it).
    pub payment: String,
    /// Owed after this entry.
    pub balance: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statement {
    pub supplier_id: String,
    pub supplier_name: String,
    pub from: String,
    pub to: String,
    /// Owed at the start of `from`.
    pub opening: String,
    /// Owed at the end of `to`.
    pub closing: String,
    pub items: Vec<StatementEntry>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}
