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
