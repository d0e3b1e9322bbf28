//! The POS core's JSON: shifts and their reports. The server answers with these; the till
//! and the back office read them.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DenominationCount {
    /// 100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200 or 100.
    pub denomination: i64,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShiftView {
    pub id: String,
    pub outlet_id: String,
    pub device_id: Option<String>,
    pub cashier_id: String,
    pub cashier_name: String,
    pub opening_float: String,
    pub opened_at: String,
    /// `open` or `closed`.
    pub status: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub counted_cash: Option<String>,
    pub expected_cash: Option<String>,
    /// Counted − expected: negative is short, positive is over.
    pub difference: Option<String>,
    pub denominations: Vec<DenominationCount>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenderTotal {
    pub method: String,
    pub amount: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CashMovementView {
    pub id: String,
    /// `in` or `out`.
    pub kind: String,
    pub amount: String,
    pub reason: String,
    pub approved_by: Option<String>,
    pub user_id: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShiftReport {
    pub shift: ShiftView,
    pub sales_count: u64,
    /// Grand totals of the shift's sales.
    pub sales_total: String,
    pub discounts: String,
    /// What each tender took in; cash is net of change.
    pub by_tender: Vec<TenderTotal>,
    pub refunds_count: u64,
    pub refunds_total: String,
    pub refunds_by_tender: Vec<TenderTotal>,
    pub voids_count: u64,
    pub voids_amount: String,
    pub cash_in: String,
    pub cash_out: String,
    pub cash_movements: Vec<CashMovementView>,
    /// Float + cash sales − cash refunds + cash in − cash out.
    pub expected_cash: String,
    pub counted_cash: Option<String>,
    pub difference: Option<String>,
}

/// A customer (CRM lite). The till keeps the list to attach a buyer offline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerView {
    pub id: String,
    pub name: String,
    /// `+62…`
    #[serde(default)]
    pub phone: Option<String>,
    /// The koperasi member account this customer is, if any.
    #[serde(default)]
    pub member_user_id: Option<String>,
    #[serde(default)]
    pub created_at: String,
}

impl CustomerView {
    /// The till's customer search: `q` (already lower-case) in the name, or its digits in
    /// the phone — "0812 3456" finds `+62812…`, compared as national digits.
    pub fn matches(&self, q: &str) -> bool {
        if self.name.to_lowercase().contains(q) {
            return true;
        }
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        let national = digits
            .strip_prefix("62")
            .or_else(|| digits.strip_prefix('0'))
            .unwrap_or(&digits);
        !national.is_empty()
            && self
                .phone
                .as_deref()
                .is_some_and(|p| p.replace('+', "").contains(national))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaleLineView {
    pub product_id: String,
    pub name: String,
    pub quantity: String,
    pub unit_price: String,
    /// Line discount plus its share of a cart discount.
    pub discount: String,
    pub net: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentView {
    pub method: String,
    pub amount: String,
    pub reference: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaleView {
    pub id: String,
    pub client_sale_id: String,
    pub receipt_no: String,
    pub outlet_id: String,
    pub device_id: Option<String>,
    pub cashier_id: String,
    pub customer_id: Option<String>,
    pub sold_at: String,
    pub received_at: String,
    /// The manager who approved discounts above the cashier's limit.
    pub discount_approved_by: Option<String>,
    pub shift_id: Option<String>,
    /// `completed`, or `flagged` when a manager should look (e.g. negative stock).
    pub status: String,
    pub flags: Vec<String>,
    pub subtotal: String,
    pub discount_total: String,
    pub service_charge: String,
    pub tax_total: String,
    pub rounding: String,
    pub grand_total: String,
    pub paid_total: String,
    pub change: String,
    pub lines: Vec<SaleLineView>,
    pub payments: Vec<PaymentView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundLineView {
    pub line_no: i32,
    pub product_id: String,
    pub name: String,
    pub quantity: String,
    pub amount: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundTenderView {
    pub method: String,
    pub amount: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundView {
    pub id: String,
    pub refund_no: String,
    pub sale_id: String,
    pub outlet_id: String,
    pub shift_id: Option<String>,
    pub cashier_id: String,
    pub device_id: Option<String>,
    pub approved_by: String,
    pub reason: String,
    pub restock: bool,
    pub to_cash: bool,
    pub total: String,
    pub refunded_at: String,
    pub lines: Vec<RefundLineView>,
    pub payments: Vec<RefundTenderView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundedLine {
    pub line_no: u32,
    pub quantity: String,
}

/// `GET /sales/lookup`: a sale by its receipt number, with what has been refunded of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaleLookup {
    pub sale: SaleView,
    /// Who sold it, for the reprinted receipt.
    pub cashier_name: String,
    /// Quantities already refunded per line.
    pub refunded: Vec<RefundedLine>,
    pub refunds: Vec<RefundView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bucket {
    pub key: String,
    pub label: String,
    pub count: u64,
    pub quantity: String,
    pub amount: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesReport {
    pub outlet_id: Option<String>,
    pub timezone: String,
    pub from: String,
    pub to: String,
    pub sales_count: u64,
    /// Grand totals of the period's sales, before refunds.
    pub sales_total: String,
    /// Refunds made in the period (of any sale).
    pub refunds_count: u64,
    pub refunds: String,
    /// Before discounts.
    pub gross: String,
    pub discounts: String,
    pub service_charge: String,
    /// Tax of the sales less the tax share of the refunds.
    pub tax: String,
    pub rounding: String,
    /// What customers paid, net of refunds.
    pub total: String,
    /// Total less tax.
    pub net: String,
    pub by_product: Vec<Bucket>,
    pub by_category: Vec<Bucket>,
    pub by_cashier: Vec<Bucket>,
    pub by_payment: Vec<Bucket>,
    /// Local hour of day, `00`–`23`.
    pub by_hour: Vec<Bucket>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseView {
    pub sale_id: String,
    pub receipt_no: String,
    pub outlet_id: String,
    pub sold_at: String,
    pub grand_total: String,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseHistory {
    pub customer: CustomerView,
    /// Purchases listed (newest first, at most 200) in outlets the caller may see.
    pub count: usize,
    /// Sum of `grand_total` over the listed purchases.
    pub total: String,
    pub purchases: Vec<PurchaseView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApprovalView {
    /// Send as the sale's `discount_approval_id`.
    pub id: String,
    pub approver_id: String,
    pub approver_name: String,
    pub max_percent: String,
}

#[cfg(test)]
mod tests {
    use super::CustomerView;

    #[test]
    fn a_customer_is_found_by_name_or_national_phone_digits() {
        let c = CustomerView {
            id: "c".into(),
            name: "Ibu Sari".into(),
            phone: Some("+6281234567890".into()),
            member_user_id: None,
            created_at: String::new(),
        };
        assert!(c.matches("sari"));
        assert!(c.matches("0812 3456"));
        assert!(c.matches("62812"));
        assert!(!c.matches("0813"));
        assert!(!c.matches("budi"));
    }
}
