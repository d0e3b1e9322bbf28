//! Koperasi loans from product to disbursement: loan products, the member's application,
//! the officer's analysis (notes, collateral), approval by a manager — a second, different
//! approver above the product's single-approval limit (maker-checker) — and disbursement,
//! which fixes the instalment schedule. Repayments are in `loan_payments`.
use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::{Months, NaiveDate, SecondsFormat, Utc};
use domain::loan::ledger::{self, DailyPenalty, Installment, Position};
use domain::loan::{
    classify, required_reserve, schedule, AllocationOrder, Collectibility, CollectibilitySettings,
    Component, LoanArrears, LoanMethod, LoanTerms, RatePeriod,
};
use domain::money::{round_rupiah, Rounding};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::Zone;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::packages::koperasi::entity::{
    loan, loan_installment, loan_payment, loan_product, member,
};
use crate::packages::koperasi::repo::{koperasi, loans};

/// Today in the koperasi's zone (`repo::koperasi::zone`).
pub fn today(zone: Zone) -> NaiveDate {
    zone.today()
}

pub fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn parse_date(field: &str, text: &str) -> ApiResult<NaiveDate> {
    crate::kernel::input::date(field, text)
}

/// Whole rupiah inside `domain::bounds`, as stored.
pub fn whole_rupiah(field: &str, v: Decimal) -> ApiResult<i64> {
    crate::kernel::input::whole_rupiah(field, v)
}

fn rupiah_i64(v: Decimal) -> ApiResult<i64> {
    i64::try_from(v).map_err(|_| ApiError::validation("amount", "Jumlah terlalu besar."))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}

fn label<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Required text of at most `max` characters: longer is refused, not cut.
fn text(field: &str, v: &str, max: usize, what: &str) -> ApiResult<String> {
    crate::kernel::input::required(field, v, max, what)
}

// ---------------------------------------------------------------- products

#[derive(Deserialize, ToSchema)]
pub struct LoanProductInput {
    pub code: String,
    pub name: String,
    /// `flat`, `effective` or `annuity`.
    pub method: String,
    #[schema(value_type = String, example = "1.5")]
    pub rate_percent: Decimal,
    /// `month` or `year`.
    #[serde(default = "default_rate_period")]
    pub rate_period: String,
    pub min_tenor: u32,
    pub max_tenor: u32,
    #[schema(value_type = String, example = "500000")]
    pub min_amount: Decimal,
    #[schema(value_type = String, example = "50000000")]
    pub max_amount: Decimal,
    /// Rupiah charged once at disbursement.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "50000")]
    pub admin_fee: Option<Decimal>,
    /// Percent of the amount charged once at disbursement.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "1")]
    pub provision_percent: Option<Decimal>,
    /// Denda: percent of the overdue amount per day late.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "0.1")]
    pub penalty_rate_percent: Option<Decimal>,
    #[serde(default)]
    pub penalty_grace_days: Option<u32>,
    /// A member may borrow at most this many times her savings (0: no limit).
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "5")]
    pub savings_multiple: Option<Decimal>,
    #[serde(default)]
    pub collateral_required: bool,
    /// Loans above this need a second approver.
    #[schema(value_type = String, example = "10000000")]
    pub single_approval_limit: Decimal,
    /// Early payoff charges the interest of this many instalments not yet due.
    #[serde(default = "one")]
    pub payoff_interest_periods: u32,
    /// Order a repayment pays: default `["penalty","interest","principal"]`.
    #[serde(default)]
    pub allocation_order: Option<Vec<String>>,
}

fn default_rate_period() -> String {
    "month".into()
}

fn one() -> u32 {
    1
}

#[derive(Serialize, ToSchema)]
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

fn product_view(p: loan_product::Model) -> LoanProductView {
    LoanProductView {
        allocation_order: p.allocation_order.split(',').map(str::to_string).collect(),
        id: p.id,
        code: p.code,
        name: p.name,
        method: p.method,
        rate_percent: p.rate_percent,
        rate_period: p.rate_period,
        min_tenor: p.min_tenor,
        max_tenor: p.max_tenor,
        min_amount: p.min_amount.to_string(),
        max_amount: p.max_amount.to_string(),
        admin_fee: p.admin_fee.to_string(),
        provision_percent: p.provision_percent,
        penalty_rate_percent: p.penalty_rate_percent,
        penalty_grace_days: p.penalty_grace_days,
        savings_multiple: p.savings_multiple,
        collateral_required: p.collateral_required,
        single_approval_limit: p.single_approval_limit.to_string(),
        payoff_interest_periods: p.payoff_interest_periods,
        active: p.active,
    }
}

fn percent(field: &str, v: Decimal) -> ApiResult<String> {
    if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
        return Err(ApiError::validation(field, "Persentase 0–100."));
    }
    Ok(v.normalize().to_string())
}

pub fn allocation_order(text: &str) -> AllocationOrder {
    let parts: Vec<Component> = text.split(',').filter_map(from_json).collect();
    if parts.len() == 3 {
        AllocationOrder(parts)
    } else {
        AllocationOrder::default()
    }
}

/// Builds a product row from the request, or says what is wrong with it.
pub fn product_row(tenant_id: &str, req: LoanProductInput) -> ApiResult<loan_product::Model> {
    let code = req.code.trim().to_uppercase();
    if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ApiError::validation(
            "code",
            "Kode 1–8 huruf/angka, mis. PU.",
        ));
    }
    let name = text("name", &req.name, 80, "Nama produk")?;
    let method: LoanMethod = from_json(req.method.trim())
        .ok_or_else(|| ApiError::validation("method", "Metode: flat, effective atau annuity."))?;
    let period: RatePeriod = from_json(req.rate_period.trim())
        .ok_or_else(|| ApiError::validation("rate_period", "Periode bunga: month atau year."))?;
    let rate = percent("rate_percent", req.rate_percent)?;
    if req.min_tenor == 0 || req.min_tenor > req.max_tenor || req.max_tenor > 360 {
        return Err(ApiError::validation(
            "max_tenor",
            "Jangka waktu 1–360 bulan, minimum tidak melebihi maksimum.",
        ));
    }
    let min_amount = whole_rupiah("min_amount", req.min_amount)?;
    let max_amount = whole_rupiah("max_amount", req.max_amount)?;
    if min_amount == 0 || min_amount > max_amount {
        return Err(ApiError::validation(
            "max_amount",
            "Plafon minimum harus lebih dari nol dan tidak melebihi maksimum.",
        ));
    }
    let order = req
        .allocation_order
        .unwrap_or_else(|| vec!["penalty".into(), "interest".into(), "principal".into()]);
    let parsed: Vec<Component> = order.iter().filter_map(|c| from_json(c)).collect();
    if parsed.len() != 3
        || domain::loan::allocate_payment(
            Decimal::ZERO,
            &Default::default(),
            &AllocationOrder(parsed.clone()),
        )
        .is_err()
    {
        return Err(ApiError::validation(
            "allocation_order",
            "Urutan alokasi harus memuat penalty, interest dan principal masing-masing sekali.",
        ));
    }
    Ok(loan_product::Model {
        id: new_id(),
        tenant_id: tenant_id.to_string(),
        code,
        name,
        method: label(&method),
        rate_percent: rate,
        rate_period: label(&period),
        min_tenor: req.min_tenor as i32,
        max_tenor: req.max_tenor as i32,
        min_amount,
        max_amount,
        admin_fee: whole_rupiah("admin_fee", req.admin_fee.unwrap_or_default())?,
        provision_percent: percent(
            "provision_percent",
            req.provision_percent.unwrap_or_default(),
        )?,
        penalty_rate_percent: percent(
            "penalty_rate_percent",
            req.penalty_rate_percent.unwrap_or_default(),
        )?,
        penalty_grace_days: req.penalty_grace_days.unwrap_or(0).min(365) as i32,
        savings_multiple: percent("savings_multiple", req.savings_multiple.unwrap_or_default())?,
        collateral_required: req.collateral_required,
        single_approval_limit: whole_rupiah("single_approval_limit", req.single_approval_limit)?,
        payoff_interest_periods: req.payoff_interest_periods.min(360) as i32,
        allocation_order: parsed.iter().map(label).collect::<Vec<_>>().join(","),
        active: true,
        created_at: Utc::now(),
    })
}

#[utoipa::path(get, path = "/loan-products", tag = "koperasi",
    responses((status = 200, body = [LoanProductView])))]
pub async fn products(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<Json<Vec<LoanProductView>>> {
    auth.require(Permission::APPLY_LOAN)?;
    let rows = loans::products(&state.db, auth.tenant()?).await?;
    Ok(Json(rows.into_iter().map(product_view).collect()))
}

#[utoipa::path(post, path = "/loan-products", tag = "koperasi", request_body = LoanProductInput,
    responses((status = 201, body = LoanProductView), (status = 409), (status = 422)))]
pub async fn create_product(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<LoanProductInput>,
) -> ApiResult<(StatusCode, Json<LoanProductView>)> {
    auth.require(Permission::MANAGE_LOAN_PRODUCTS)?;
    let tenant_id = auth.tenant()?.to_string();
    let row = product_row(&tenant_id, req)?;
    if loans::products(&state.db, &tenant_id)
        .await?
        .iter()
        .any(|p| p.code == row.code)
    {
        return Err(ApiError::conflict(
            "code_taken",
            "Kode produk sudah dipakai.",
        ));
    }
    let actor = Actor::of(&auth);
    let saved = row.clone();
    state
        .db
        .transaction::<_, (), ApiError>(|txn| {
            Box::pin(async move {
                let after = json!({"code": row.code, "method": row.method, "rate_percent": row.rate_percent,
                    "single_approval_limit": row.single_approval_limit});
                let (tid, id) = (row.tenant_id.clone(), row.id.clone());
                loans::insert_product(txn, row).await?;
                audit::record(
                    txn,
                    &actor,
                    Event {
                        tenant_id: Some(&tid),
                        outlet_id: None,
                        action: "loan_product.create",
                        entity: "loan_product",
                        entity_id: &id,
                        before: None,
                        after: Some(after),
                    },
                )
                .await
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(product_view(saved))))
}

// ---------------------------------------------------------------- views

#[derive(Serialize, ToSchema)]
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

#[derive(Serialize, ToSchema)]
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

#[derive(Serialize, ToSchema)]
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

#[derive(Serialize, ToSchema)]
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

pub fn to_domain(rows: &[loan_installment::Model]) -> ApiResult<Vec<Installment>> {
    rows.iter()
        .map(|r| {
            Ok(Installment {
                period: r.period as u32,
                due_date: parse_date("due_date", &r.due_date)?,
                principal: Decimal::from(r.principal),
                interest: Decimal::from(r.interest),
                paid_principal: Decimal::from(r.paid_principal),
                paid_interest: Decimal::from(r.paid_interest),
                waived_interest: Decimal::from(r.waived_interest),
                penalty_charged: Decimal::from(r.penalty_charged),
                paid_penalty: Decimal::from(r.paid_penalty),
                penalty_through: r
                    .penalty_through
                    .as_deref()
                    .map(|d| parse_date("penalty_through", d))
                    .transpose()?,
            })
        })
        .collect()
}

/// Copies the domain's figures back onto the stored rows; the rows that changed.
pub fn changed_rows(
    rows: &[loan_installment::Model],
    items: &[Installment],
) -> ApiResult<Vec<loan_installment::Model>> {
    let mut out = Vec::new();
    for (row, item) in rows.iter().zip(items) {
        let mut next = row.clone();
        next.paid_principal = rupiah_i64(item.paid_principal)?;
        next.paid_interest = rupiah_i64(item.paid_interest)?;
        next.waived_interest = rupiah_i64(item.waived_interest)?;
        next.penalty_charged = rupiah_i64(item.penalty_charged)?;
        next.paid_penalty = rupiah_i64(item.paid_penalty)?;
        next.penalty_through = item.penalty_through.map(|d| d.to_string());
        if next != *row {
            out.push(next);
        }
    }
    Ok(out)
}

pub fn penalty_rule(p: &loan_product::Model) -> DailyPenalty {
    DailyPenalty {
        rate_percent: p.penalty_rate_percent.parse().unwrap_or_default(),
        grace_days: p.penalty_grace_days.max(0) as u32,
    }
}

pub fn terms_of(l: &loan::Model, first_due: NaiveDate) -> ApiResult<LoanTerms> {
    Ok(LoanTerms {
        principal: Decimal::from(l.amount),
        rate_percent: l.rate_percent.parse().unwrap_or_default(),
        rate_period: from_json(&l.rate_period).unwrap_or(RatePeriod::Month),
        tenor_months: l.tenor.max(0) as u32,
        method: from_json(&l.method).unwrap_or(LoanMethod::Flat),
        first_due_date: Some(first_due),
    })
}

pub fn first_due(disbursed: NaiveDate) -> ApiResult<NaiveDate> {
    disbursed
        .checked_add_months(Months::new(1))
        .ok_or_else(|| ApiError::validation("disbursed_on", "Tanggal tidak valid."))
}

/// Collectibility by the koperasi rules (Permen KUKM 14/2009) and its reserve (PPAP).
pub fn quality(l: &loan::Model, pos: &Position) -> (Collectibility, Decimal) {
    let settings = CollectibilitySettings::koperasi();
    let arrears = LoanArrears {
        days_past_due: pos.days_past_due,
        principal_arrears_months: pos.principal_arrears_months,
        interest_arrears_months: pos.interest_arrears_months,
        outstanding: pos.outstanding_principal,
        collateral_value: Decimal::from(l.collateral_value),
        salvageable: true,
        // Months past the Kurang Lancar band (6 months of arrears) approximate the
        // time spent as Diragukan.
        months_in_diragukan: pos.principal_arrears_months.saturating_sub(6),
        ..Default::default()
    };
    let class = classify(&arrears, &settings.rule).unwrap_or(Collectibility::Macet);
    let reserve =
        required_reserve(class, pos.outstanding_principal, &settings.reserve).unwrap_or_default();
    (class, reserve)
}

fn installment_views(items: &[Installment], as_of: NaiveDate) -> Vec<InstallmentView> {
    items
        .iter()
        .map(|i| {
            let status = if i.settled() {
                "paid"
            } else if i.due_date < as_of {
                "overdue"
            } else if i.due_date == as_of {
                "due"
            } else if !(i.paid_principal + i.paid_interest).is_zero() {
                "partial"
            } else {
                "upcoming"
            };
            InstallmentView {
                period: i.period as i32,
                due_date: i.due_date.to_string(),
                principal: i.principal.to_string(),
                interest: i.interest.to_string(),
                installment: (i.principal + i.interest).to_string(),
                paid_principal: i.paid_principal.to_string(),
                paid_interest: i.paid_interest.to_string(),
                waived_interest: i.waived_interest.to_string(),
                penalty: i.penalty_charged.to_string(),
                paid_penalty: i.paid_penalty.to_string(),
                status: status.into(),
            }
        })
        .collect()
}

pub fn payment_view(p: loan_payment::Model) -> LoanPaymentView {
    LoanPaymentView {
        id: p.id,
        kind: p.kind,
        source: p.source,
        amount: p.amount.to_string(),
        penalty: p.penalty.to_string(),
        interest: p.interest.to_string(),
        principal: p.principal.to_string(),
        advance: p.advance.to_string(),
        paid_on: p.paid_on,
        note: p.note,
        user_id: p.user_id,
        at: p.at,
    }
}

/// The loan's instalments with denda brought up to `as_of` (not saved), and its position.
pub fn standing(
    rows: &[loan_installment::Model],
    product: &loan_product::Model,
    as_of: NaiveDate,
) -> ApiResult<(Vec<Installment>, Position)> {
    let mut items = to_domain(rows)?;
    ledger::accrue(&mut items, as_of, &penalty_rule(product))
        .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let pos = ledger::position(&items, as_of);
    Ok((items, pos))
}

pub fn position_view(
    l: &loan::Model,
    product: &loan_product::Model,
    items: &[Installment],
    pos: &Position,
    as_of: NaiveDate,
) -> PositionView {
    let (class, reserve) = quality(l, pos);
    let payoff = ledger::payoff_quote(items, as_of, product.payoff_interest_periods.max(0) as u32);
    PositionView {
        as_of: as_of.to_string(),
        outstanding_principal: pos.outstanding_principal.to_string(),
        penalty_due: pos.due.penalty.to_string(),
        interest_due: pos.due.interest.to_string(),
        principal_due: pos.due.principal.to_string(),
        due_total: pos.due_total().to_string(),
        overdue: pos.overdue.to_string(),
        days_past_due: pos.days_past_due,
        next_due_date: pos.next_due_date.map(|d| d.to_string()),
        next_due_amount: pos.next_due_amount.to_string(),
        collectibility: label(&class),
        reserve: reserve.to_string(),
        payoff_total: payoff.total.to_string(),
    }
}

pub async fn load_view<C: ConnectionTrait>(
    db: &C,
    l: loan::Model,
    as_of: NaiveDate,
) -> ApiResult<LoanView> {
    let tenant_id = l.tenant_id.clone();
    let product = loans::find_product(db, &tenant_id, &l.product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk pinjaman"))?;
    let m = koperasi::find_member(db, &tenant_id, &l.member_id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    let rows = loans::installments(db, &tenant_id, &l.id).await?;
    let (schedule_rows, total_interest, position) = if rows.is_empty() {
        // Not yet disbursed: what it would be if disbursed today.
        let s = schedule(&terms_of(&l, first_due(as_of)?)?)
            .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
        let items =
            ledger::installments(&s).map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
        (installment_views(&items, as_of), s.total_interest, None)
    } else {
        let (items, pos) = standing(&rows, &product, as_of)?;
        let total = domain::bounds::saturating_sum(items.iter().map(|i| i.interest));
        let open = l.status == "disbursed";
        let position = open.then(|| position_view(&l, &product, &items, &pos, as_of));
        (installment_views(&items, as_of), total, position)
    };
    let payments = loans::payments(db, &tenant_id, &l.id)
        .await?
        .into_iter()
        .map(payment_view)
        .collect();
    Ok(LoanView {
        needs_second_approval: l.amount > product.single_approval_limit,
        id: l.id,
        loan_no: l.loan_no,
        member_id: l.member_id,
        member_no: m.member_no,
        member_name: m.name,
        product_id: l.product_id,
        product_code: product.code,
        product_name: product.name,
        officer_id: l.officer_id,
        amount: l.amount.to_string(),
        tenor: l.tenor,
        purpose: l.purpose,
        status: l.status,
        method: l.method,
        rate_percent: l.rate_percent,
        rate_period: l.rate_period,
        admin_fee: l.admin_fee.to_string(),
        provision_fee: l.provision_fee.to_string(),
        fees_deducted: l.fees_deducted,
        net_disbursed: l.net_disbursed.map(|v| v.to_string()),
        analysis_notes: l.analysis_notes,
        collateral_kind: l.collateral_kind,
        collateral_description: l.collateral_description,
        collateral_value: l.collateral_value.to_string(),
        collateral_documents: l.collateral_documents,
        approved_by: l.approved_by,
        second_approved_by: l.second_approved_by,
        rejected_by: l.rejected_by,
        rejection_reason: l.rejection_reason,
        disbursed_on: l.disbursed_on,
        closed_on: l.closed_on,
        written_off_amount: l.written_off_amount.map(|v| v.to_string()),
        created_by: l.created_by,
        created_at: l.created_at.to_rfc3339(),
        schedule: schedule_rows,
        total_interest: total_interest.to_string(),
        position,
        payments,
    })
}

/// The loan, if this tenant's and (for a member) her own.
pub async fn readable_loan(state: &AppState, auth: &Auth, id: &str) -> ApiResult<loan::Model> {
    let tenant_id = auth.tenant()?;
    let l = loans::find_loan(&state.db, tenant_id, id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    if !auth.can(Permission::APPLY_LOAN) {
        let own = koperasi::member_of_user(&state.db, tenant_id, &auth.user.id)
            .await?
            .is_some_and(|m| m.id == l.member_id);
        if !own {
            return Err(ApiError::NotFound("Pinjaman"));
        }
    }
    Ok(l)
}

#[derive(Deserialize, IntoParams)]
pub struct AsOf {
    /// `YYYY-MM-DD`; today (WIB) when absent.
    pub as_of: Option<String>,
}

pub fn as_of(q: &AsOf, zone: Zone) -> ApiResult<NaiveDate> {
    match q.as_of.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(d) => parse_date("as_of", d),
        None => Ok(today(zone)),
    }
}

#[utoipa::path(get, path = "/loans/{id}", tag = "koperasi", params(("id" = String, Path), AsOf),
    responses((status = 200, body = LoanView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<AsOf>,
) -> ApiResult<Json<LoanView>> {
    let l = readable_loan(&state, &auth, &id).await?;
    let day = as_of(
        &q,
        crate::packages::koperasi::repo::koperasi::zone(&state.db, &l.tenant_id).await?,
    )?;
    Ok(Json(load_view(&state.db, l, day).await?))
}

#[derive(Deserialize, IntoParams)]
pub struct LoanFilterQuery {
    pub status: Option<String>,
    pub member_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
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
}

#[utoipa::path(get, path = "/loans", tag = "koperasi", params(LoanFilterQuery),
    responses((status = 200, body = [LoanSummary])))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<LoanFilterQuery>,
) -> ApiResult<Json<Vec<LoanSummary>>> {
    auth.require(Permission::APPLY_LOAN)?;
    let tenant_id = auth.tenant()?;
    let rows = loans::loans(
        &state.db,
        tenant_id,
        loans::LoanFilter {
            status: q.status.as_deref().filter(|s| !s.is_empty()),
            member_id: q.member_id.as_deref().filter(|s| !s.is_empty()),
            ..Default::default()
        },
        300,
    )
    .await?;
    let members = member_map(&state.db, tenant_id).await?;
    let limits: HashMap<String, i64> = loans::products(&state.db, tenant_id)
        .await?
        .into_iter()
        .map(|p| (p.id, p.single_approval_limit))
        .collect();
    Ok(Json(
        rows.into_iter()
            .map(|l| {
                let m = members.get(&l.member_id);
                LoanSummary {
                    needs_second_approval: limits
                        .get(&l.product_id)
                        .is_some_and(|lim| l.amount > *lim),
                    id: l.id,
                    loan_no: l.loan_no,
                    member_no: m.map(|m| m.member_no.clone()).unwrap_or_default(),
                    member_name: m.map(|m| m.name.clone()).unwrap_or_default(),
                    member_id: l.member_id,
                    amount: l.amount.to_string(),
                    tenor: l.tenor,
                    status: l.status,
                    approved_by: l.approved_by,
                    created_by: l.created_by,
                    created_at: l.created_at.to_rfc3339(),
                }
            })
            .collect(),
    ))
}

pub async fn member_map<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> ApiResult<HashMap<String, member::Model>> {
    Ok(koperasi::members(db, tenant_id, None, 100_000)
        .await?
        .into_iter()
        .map(|m| (m.id.clone(), m))
        .collect())
}

// ---------------------------------------------------------------- application

#[derive(Deserialize, ToSchema)]
pub struct LoanApplication {
    pub member_id: String,
    pub product_id: String,
    #[schema(value_type = String, example = "6000000")]
    pub amount: Decimal,
    pub tenor: u32,
    pub purpose: String,
}

#[utoipa::path(post, path = "/loans", tag = "koperasi", request_body = LoanApplication,
    responses((status = 201, body = LoanView), (status = 404), (status = 422)))]
pub async fn apply(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<LoanApplication>,
) -> ApiResult<(StatusCode, Json<LoanView>)> {
    auth.require(Permission::APPLY_LOAN)?;
    let tenant_id = auth.tenant()?.to_string();
    let m = koperasi::find_member(&state.db, &tenant_id, &req.member_id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    if m.status != "active" {
        return Err(ApiError::Rejected {
            code: "member_inactive",
            message: "Anggota tidak aktif.".into(),
        });
    }
    let p = loans::find_product(&state.db, &tenant_id, &req.product_id)
        .await?
        .filter(|p| p.active)
        .ok_or(ApiError::NotFound("Produk pinjaman"))?;
    let amount = whole_rupiah("amount", req.amount)?;
    if amount < p.min_amount || amount > p.max_amount {
        return Err(ApiError::validation(
            "amount",
            format!(
                "Plafon {} antara {} dan {}.",
                p.name,
                domain::money::format_idr(Decimal::from(p.min_amount)),
                domain::money::format_idr(Decimal::from(p.max_amount))
            ),
        ));
    }
    if (req.tenor as i32) < p.min_tenor || (req.tenor as i32) > p.max_tenor {
        return Err(ApiError::validation(
            "tenor",
            format!("Jangka waktu {}–{} bulan.", p.min_tenor, p.max_tenor),
        ));
    }
    let purpose = text("purpose", &req.purpose, 200, "Tujuan pinjaman")?;
    let multiple: Decimal = p.savings_multiple.parse().unwrap_or_default();
    if multiple > Decimal::ZERO {
        let savings: i64 = koperasi::accounts_of(&state.db, &tenant_id, &m.id)
            .await?
            .iter()
            .fold(0i64, |t, a| t.saturating_add(a.balance));
        let limit = Decimal::from(savings).saturating_mul(multiple);
        if Decimal::from(amount) > limit {
            return Err(ApiError::Rejected {
                code: "exceeds_savings_limit",
                message: format!(
                    "Plafon maksimal {}× simpanan ({}): {}.",
                    multiple.normalize(),
                    domain::money::format_idr(Decimal::from(savings)),
                    domain::money::format_idr(limit.floor())
                ),
            });
        }
    }
    let provision = round_rupiah(
        Decimal::from(amount) * p.provision_percent.parse::<Decimal>().unwrap_or_default()
            / Decimal::ONE_HUNDRED,
        Rounding::HalfUp,
    );
    let mut row = loan::Model {
        id: new_id(),
        tenant_id: tenant_id.clone(),
        loan_no: String::new(),
        member_id: m.id.clone(),
        product_id: p.id.clone(),
        officer_id: auth.user.id.clone(),
        amount,
        tenor: req.tenor as i32,
        purpose,
        status: "applied".into(),
        method: p.method.clone(),
        rate_percent: p.rate_percent.clone(),
        rate_period: p.rate_period.clone(),
        admin_fee: p.admin_fee,
        provision_fee: rupiah_i64(provision)?,
        fees_deducted: None,
        analysis_notes: None,
        collateral_kind: None,
        collateral_description: None,
        collateral_value: 0,
        collateral_documents: None,
        approved_by: None,
        approved_at: None,
        second_approved_by: None,
        second_approved_at: None,
        rejected_by: None,
        rejection_reason: None,
        disbursed_on: None,
        disbursed_by: None,
        net_disbursed: None,
        closed_on: None,
        written_off_by: None,
        written_off_amount: None,
        version: 0,
        created_by: auth.user.id.clone(),
        device_id: auth.device_id.clone(),
        created_at: Utc::now(),
    };
    // The schedule must be computable before anyone is asked to approve it.
    schedule(&terms_of(
        &row,
        first_due(today(
            crate::packages::koperasi::repo::koperasi::zone(&state.db, &tenant_id).await?,
        ))?,
    )?)
    .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let actor = Actor::of(&auth);
    // Loan numbers are sequential per koperasi; a clash with a concurrent application
    // (the unique index) is retried with the next number.
    let mut attempt = 0;
    loop {
        let n = loans::loan_count(&state.db, &tenant_id).await? + 1 + attempt;
        row.loan_no = format!("P{n:05}");
        let (saved, actor) = (row.clone(), actor.clone());
        let done = state
            .db
            .transaction::<_, (), ApiError>(|txn| {
                Box::pin(async move {
                    let after = json!({"loan_no": saved.loan_no, "member_id": saved.member_id,
                        "product_id": saved.product_id, "amount": saved.amount, "tenor": saved.tenor});
                    let (tid, id) = (saved.tenant_id.clone(), saved.id.clone());
                    loans::insert_loan(txn, saved).await?;
                    audit::record(
                        txn,
                        &actor,
                        Event {
                            tenant_id: Some(&tid),
                            outlet_id: None,
                            action: "loan.apply",
                            entity: "loan",
                            entity_id: &id,
                            before: None,
                            after: Some(after),
                        },
                    )
                    .await
                })
            })
            .await;
        match done {
            Ok(()) => break,
            Err(e) if attempt < 5 && is_unique_clash(&e) => attempt += 1,
            Err(e) => return Err(e.into()),
        }
    }
    let l = loans::find_loan(&state.db, &tenant_id, &row.id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    Ok((
        StatusCode::CREATED,
        Json(
            load_view(
                &state.db,
                l,
                today(
                    crate::packages::koperasi::repo::koperasi::zone(&state.db, &tenant_id).await?,
                ),
            )
            .await?,
        ),
    ))
}

fn is_unique_clash(e: &sea_orm::TransactionError<ApiError>) -> bool {
    let text = format!("{e:?}").to_lowercase();
    text.contains("unique")
}

/// Changes a loan in one transaction with its audit entry, refusing if someone changed
/// it meanwhile.
pub async fn change_loan(
    state: &AppState,
    auth: &Auth,
    before: &loan::Model,
    after: loan::Model,
    action: &'static str,
) -> ApiResult<()> {
    let actor = Actor::of(auth);
    let before_json = json!({"status": before.status, "version": before.version});
    state
        .db
        .transaction::<_, (), ApiError>(|txn| {
            Box::pin(async move {
                let after_json = json!({"status": after.status, "approved_by": after.approved_by,
                    "second_approved_by": after.second_approved_by, "collateral_value": after.collateral_value});
                let (tid, id) = (after.tenant_id.clone(), after.id.clone());
                if !loans::save_loan(txn, after).await? {
                    return Err(ApiError::conflict(
                        "loan_changed",
                        "Pinjaman baru saja diubah orang lain. Muat ulang lalu coba lagi.",
                    ));
                }
                audit::record(
                    txn,
                    &actor,
                    Event {
                        tenant_id: Some(&tid),
                        outlet_id: None,
                        action,
                        entity: "loan",
                        entity_id: &id,
                        before: Some(before_json),
                        after: Some(after_json),
                    },
                )
                .await
            })
        })
        .await?;
    Ok(())
}

fn wrong_status(message: &str) -> ApiError {
    ApiError::Rejected {
        code: "loan_status",
        message: message.into(),
    }
}

#[derive(Deserialize, ToSchema)]
pub struct AnalysisInput {
    pub notes: String,
    /// `bpkb`, `shm` or `other`; absent when there is none.
    #[serde(default)]
    pub collateral_kind: Option<String>,
    #[serde(default)]
    pub collateral_description: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "15000000")]
    pub collateral_value: Option<Decimal>,
    /// Document numbers or links (scan of BPKB/SHM).
    #[serde(default)]
    pub collateral_documents: Option<String>,
}

#[utoipa::path(post, path = "/loans/{id}/analysis", tag = "koperasi", params(("id" = String, Path)),
    request_body = AnalysisInput, responses((status = 200, body = LoanView), (status = 404), (status = 422)))]
pub async fn analyse(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<AnalysisInput>,
) -> ApiResult<Json<LoanView>> {
    auth.require(Permission::APPLY_LOAN)?;
    let tenant_id = auth.tenant()?.to_string();
    let l = loans::find_loan(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    if !matches!(l.status.as_str(), "applied" | "analysed") {
        return Err(wrong_status("Analisis hanya sebelum pinjaman disetujui."));
    }
    let p = loans::find_product(&state.db, &tenant_id, &l.product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk pinjaman"))?;
    let mut next = l.clone();
    next.analysis_notes = Some(text("notes", &req.notes, 2000, "Catatan analisis")?);
    let kind = req
        .collateral_kind
        .map(|k| k.trim().to_lowercase())
        .filter(|k| !k.is_empty());
    match kind.as_deref() {
        None => {
            if p.collateral_required {
                return Err(ApiError::validation(
                    "collateral_kind",
                    "Produk ini mewajibkan agunan (BPKB/SHM/lainnya).",
                ));
            }
            next.collateral_kind = None;
            next.collateral_description = None;
            next.collateral_value = 0;
            next.collateral_documents = None;
        }
        Some(k @ ("bpkb" | "shm" | "other")) => {
            let value = whole_rupiah("collateral_value", req.collateral_value.unwrap_or_default())?;
            if value == 0 {
                return Err(ApiError::validation(
                    "collateral_value",
                    "Nilai taksasi agunan wajib diisi.",
                ));
            }
            next.collateral_kind = Some(k.to_string());
            next.collateral_description = Some(text(
                "collateral_description",
                req.collateral_description.as_deref().unwrap_or(""),
                300,
                "Keterangan agunan",
            )?);
            next.collateral_value = value;
            next.collateral_documents = req
                .collateral_documents
                .map(|d| d.trim().chars().take(500).collect::<String>())
                .filter(|d| !d.is_empty());
        }
        Some(_) => {
            return Err(ApiError::validation(
                "collateral_kind",
                "Jenis agunan: bpkb, shm atau other.",
            ))
        }
    }
    next.status = "analysed".into();
    change_loan(&state, &auth, &l, next, "loan.analyse").await?;
    let l = loans::find_loan(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    Ok(Json(
        load_view(
            &state.db,
            l,
            today(crate::packages::koperasi::repo::koperasi::zone(&state.db, &tenant_id).await?),
        )
        .await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[schema(as = LoanApprovalInput)]
pub struct ApprovalInput {
    /// `approve` or `reject`.
    pub decision: String,
    #[serde(default)]
    pub reason: Option<String>,
}

#[utoipa::path(post, path = "/loans/{id}/approval", tag = "koperasi", params(("id" = String, Path)),
    request_body = ApprovalInput,
    responses((status = 200, body = LoanView), (status = 404),
        (status = 422, description = "`maker_checker`: the applicant, or the first approver, cannot approve")))]
pub async fn approve(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ApprovalInput>,
) -> ApiResult<Json<LoanView>> {
    auth.require(Permission::APPROVE_LOAN)?;
    let tenant_id = auth.tenant()?.to_string();
    let l = loans::find_loan(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    let p = loans::find_product(&state.db, &tenant_id, &l.product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk pinjaman"))?;
    let me = auth.user.id.clone();
    let mut next = l.clone();
    let action = match req.decision.trim() {
        "reject" => {
            if !matches!(
                l.status.as_str(),
                "applied" | "analysed" | "awaiting_second_approval" | "approved"
            ) {
                return Err(wrong_status("Pinjaman ini tidak dapat ditolak lagi."));
            }
            next.status = "rejected".into();
            next.rejected_by = Some(me);
            next.rejection_reason = Some(text(
                "reason",
                req.reason.as_deref().unwrap_or(""),
                500,
                "Alasan penolakan",
            )?);
            "loan.reject"
        }
        "approve" => {
            if l.created_by == me {
                return Err(ApiError::Rejected {
                    code: "maker_checker",
                    message: "Pengaju pinjaman tidak boleh menyetujuinya sendiri.".into(),
                });
            }
            let now = now_text();
            match l.status.as_str() {
                "analysed" => {
                    next.approved_by = Some(me);
                    next.approved_at = Some(now);
                    next.status = if l.amount > p.single_approval_limit {
                        "awaiting_second_approval"
                    } else {
                        "approved"
                    }
                    .into();
                }
                "awaiting_second_approval" => {
                    if l.approved_by.as_deref() == Some(me.as_str()) {
                        return Err(ApiError::Rejected {
                            code: "maker_checker",
                            message: "Persetujuan kedua harus oleh orang lain.".into(),
                        });
                    }
                    next.second_approved_by = Some(me);
                    next.second_approved_at = Some(now);
                    next.status = "approved".into();
                }
                "applied" => {
                    return Err(wrong_status("Pinjaman belum dianalisis."));
                }
                _ => return Err(wrong_status("Pinjaman ini tidak menunggu persetujuan.")),
            }
            "loan.approve"
        }
        _ => {
            return Err(ApiError::validation(
                "decision",
                "Keputusan: approve atau reject.",
            ))
        }
    };
    change_loan(&state, &auth, &l, next, action).await?;
    let l = loans::find_loan(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    Ok(Json(
        load_view(
            &state.db,
            l,
            today(crate::packages::koperasi::repo::koperasi::zone(&state.db, &tenant_id).await?),
        )
        .await?,
    ))
}
