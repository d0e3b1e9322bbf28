//! The koperasi's JSON: loans, their schedules and payments, the loan book's reports and
//! the cash book. The server answers with these; the koperasi's pages read them.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CashLine {
    pub at: String,
    pub description: String,
    pub member_no: String,
    pub member_name: String,
    pub cash_in: String,
    pub cash_out: String,
    pub balance: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CashBook {
    pub from: String,
    pub to: String,
    pub opening: String,
    pub cash_in: String,
    pub cash_out: String,
    pub closing: String,
    pub lines: Vec<CashLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayoffQuoteView {
    pub as_of: String,
    pub principal: String,
    pub interest: String,
    pub penalty: String,
    pub waived_interest: String,
    pub total: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollectionRow {
    pub loan_id: String,
    pub loan_no: String,
    pub member_no: String,
    pub member_name: String,
    pub phone: Option<String>,
    pub address: String,
    pub officer_id: String,
    pub due_total: String,
    pub overdue: String,
    pub penalty_due: String,
    pub days_past_due: u32,
    pub oldest_due_date: Option<String>,
    pub collectibility: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortfolioLoan {
    pub loan_id: String,
    pub loan_no: String,
    pub member_no: String,
    pub member_name: String,
    pub officer_id: String,
    pub amount: String,
    pub outstanding: String,
    pub overdue: String,
    pub days_past_due: u32,
    pub collectibility: String,
    pub reserve: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassTotal {
    pub collectibility: String,
    pub loans: u32,
    pub outstanding: String,
    pub reserve: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Par {
    /// Outstanding principal of loans at least this many days past due.
    pub days: u32,
    pub outstanding: String,
    /// Percent of the whole portfolio's outstanding, two decimals.
    pub percent: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Portfolio {
    pub as_of: String,
    pub loans: Vec<PortfolioLoan>,
    pub outstanding: String,
    pub reserve: String,
    pub classes: Vec<ClassTotal>,
    pub par: Vec<Par>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoanSummary {
    pub id: String,
    pub loan_no: String,
    pub member_id: String,
    pub member_no: String,
    pub member_name: String,
    pub amount: String,
    pub tenor: i32,
    pub status: String,
    pub needs_second_approval: bool,
    pub approved_by: Option<String>,
    pub created_by: String,
    pub created_at: String,
    /// Days the oldest unpaid instalment of a disbursed loan is past due today; 0 otherwise.
    #[serde(default)]
    pub days_past_due: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstallmentView {
    pub period: i32,
    pub due_date: String,
    pub principal: String,
    pub interest: String,
    pub installment: String,
    pub paid_principal: String,
    pub paid_interest: String,
    pub waived_interest: String,
    /// Denda charged up to today.
    pub penalty: String,
    pub paid_penalty: String,
    /// `paid`, `partial`, `overdue`, `due` (today) or `upcoming`.
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PositionView {
    pub as_of: String,
    pub outstanding_principal: String,
    pub penalty_due: String,
    pub interest_due: String,
    pub principal_due: String,
    /// Everything owed today (denda + interest + principal due).
    pub due_total: String,
    pub overdue: String,
    pub days_past_due: u32,
    pub next_due_date: Option<String>,
    pub next_due_amount: String,
    /// `lancar`, `kurang_lancar`, `diragukan` or `macet` (koperasi rules).
    pub collectibility: String,
    pub reserve: String,
    pub payoff_total: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoanPaymentView {
    pub id: String,
    /// `fee`, `disbursement`, `repayment`, `payoff` or `write_off`.
    pub kind: String,
    /// `cash`, `savings` or `deducted`.
    pub source: String,
    pub amount: String,
    pub penalty: String,
    pub interest: String,
    pub principal: String,
    pub advance: String,
    pub paid_on: String,
    pub note: Option<String>,
    pub user_id: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoanView {
    pub id: String,
    pub loan_no: String,
    pub member_id: String,
    pub member_no: String,
    pub member_name: String,
    pub product_id: String,
    pub product_code: String,
    pub product_name: String,
    pub officer_id: String,
    pub amount: String,
    pub tenor: i32,
    pub purpose: String,
    /// `applied`, `analysed`, `awaiting_second_approval`, `approved`, `rejected`,
    /// `disbursed`, `paid_off` or `written_off`.
    pub status: String,
    pub method: String,
    pub rate_percent: String,
    pub rate_period: String,
    pub admin_fee: String,
    pub provision_fee: String,
    pub fees_deducted: Option<bool>,
    pub net_disbursed: Option<String>,
    pub analysis_notes: Option<String>,
    pub collateral_kind: Option<String>,
    pub collateral_description: Option<String>,
    pub collateral_value: String,
    pub collateral_documents: Option<String>,
    pub approved_by: Option<String>,
    pub second_approved_by: Option<String>,
    /// Above the product's single-approval limit: two different approvers.
    pub needs_second_approval: bool,
    pub rejected_by: Option<String>,
    pub rejection_reason: Option<String>,
    pub disbursed_on: Option<String>,
    pub closed_on: Option<String>,
    pub written_off_amount: Option<String>,
    pub created_by: String,
    pub created_at: String,
    /// Before disbursement: the schedule it would have if disbursed today.
    pub schedule: Vec<InstallmentView>,
    pub total_interest: String,
    pub position: Option<PositionView>,
    pub payments: Vec<LoanPaymentView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoanProductView {
    pub id: String,
    pub code: String,
    pub name: String,
    pub method: String,
    pub rate_percent: String,
    pub rate_period: String,
    pub min_tenor: i32,
    pub max_tenor: i32,
    pub min_amount: String,
    pub max_amount: String,
    pub admin_fee: String,
    pub provision_percent: String,
    pub penalty_rate_percent: String,
    pub penalty_grace_days: i32,
    pub savings_multiple: String,
    pub collateral_required: bool,
    pub single_approval_limit: String,
    pub payoff_interest_periods: i32,
    pub allocation_order: Vec<String>,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitView {
    pub member: MemberView,
    pub savings: String,
    pub debts: String,
    pub paid_out: String,
    /// Who receives the payout: the member, or her heir.
    pub paid_to: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberView {
    pub id: String,
    pub member_no: String,
    pub nik: String,
    pub name: String,
    pub sex: String,
    pub birth_date: String,
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub occupation: Option<String>,
    pub heir_name: Option<String>,
    pub heir_relation: Option<String>,
    pub join_date: String,
    /// `active`, `resigned` or `deceased`.
    pub status: String,
    pub ktp_photo_url: Option<String>,
    pub accounts: Vec<AccountView>,
    /// Simpanan wajib billed monthly since joining, against what was paid (as of the koperasi's today).
    pub wajib: Option<WajibView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WajibView {
    pub monthly: String,
    pub months_billed: u32,
    pub billed: String,
    pub paid: String,
    pub arrears: String,
    pub months_in_arrears: u32,
    pub prepaid: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = SavingsProductView))]
pub struct ProductView {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub fixed_amount: String,
    pub rate_percent: String,
    pub minimum_balance: String,
    pub interest_method: String,
    pub term_months: i32,
    pub early_penalty_percent: String,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountView {
    pub id: String,
    pub account_no: String,
    pub product_id: String,
    pub product_code: String,
    pub product_name: String,
    pub kind: String,
    pub balance: String,
    pub status: String,
    /// Berjangka: placed on / matures on (`YYYY-MM-DD`).
    pub placed_on: Option<String>,
    pub maturity_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = SavingsMovementView))]
pub struct MovementView {
    pub id: String,
    pub account_id: String,
    /// `deposit` or `withdrawal`.
    pub kind: String,
    pub amount: String,
    pub balance_after: String,
    pub note: Option<String>,
    pub user_id: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShareView {
    pub member_id: String,
    pub member_no: String,
    pub member_name: String,
    pub savings: String,
    pub loan_interest: String,
    pub purchases: String,
    pub transactions: String,
    pub jasa_modal: String,
    pub jasa_usaha: String,
    pub total: String,
    pub paid_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoolView {
    pub name: String,
    pub percent: String,
    pub amount: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClosingView {
    pub id: String,
    pub year: i32,
    pub shu_total: String,
    pub pools: Vec<PoolView>,
    pub jasa_modal_pool: String,
    pub jasa_usaha_pool: String,
    pub savings_basis: String,
    /// `draft`, `approved` or `posted`.
    pub status: String,
    /// `sukarela` or `cash`, once posted.
    pub payout: Option<String>,
    pub total_savings: String,
    pub total_transactions: String,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    pub rat_notes: Option<String>,
    pub posted_at: Option<String>,
    pub shares: Vec<ShareView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyShare {
    pub year: i32,
    /// `approved` (to be paid) or `posted`.
    pub status: String,
    pub payout: Option<String>,
    pub savings: String,
    pub transactions: String,
    pub jasa_modal: String,
    pub jasa_usaha: String,
    pub total: String,
    pub paid_at: Option<String>,
}
