//! Koperasi loans from product to disbursement: loan products, the member's application,
//! the officer's analysis (notes, collateral), approval by a manager — a second, different
//! approver above the product's single-approval limit (maker-checker) — and disbursement,
//! which fixes the instalment schedule. Products and applications are in `loans/`; here the
//! loan views and helpers; repayments are in `loan_payments`.
use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::{Months, NaiveDate, Utc};
use domain::loan::ledger::{self, DailyPenalty, Installment, Position};
use domain::loan::{
    classify, required_reserve, schedule, AllocationOrder, Collectibility, CollectibilitySettings,
    Component, LoanArrears, LoanMethod, LoanTerms, RatePeriod,
};
use rust_decimal::Decimal;
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::Zone;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::packages::koperasi::entity::{
    loan, loan_installment, loan_payment, loan_product, member,
};
use crate::packages::koperasi::repo::{koperasi, loans};
pub use domain::api::koperasi::{
    InstallmentView, LoanPaymentView, LoanSummary, LoanView, PositionView,
};

/// Today in the koperasi's zone (`repo::koperasi::zone`).
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

mod applications;
mod products;

pub use applications::*;
pub use products::*;

// ---------------------------------------------------------------- views

pub fn to_domain(rows: &[loan_installment::Model]) -> ApiResult<Vec<Installment>> {
    rows.iter()
        .map(|r| {
            Ok(Installment {
                period: r.period as u32,
                due_date: crate::kernel::input::date("due_date", &r.due_date)?,
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
                    .map(|d| crate::kernel::input::date("penalty_through", d))
                    .transpose()?,
            })
        })
        .collect()
}

/// Who records a loan payment: the signed-in user on her device at this moment, or the
/// demo seed's and the volume generator's teller (`at: None`: the payment day, 10:00 WIB).
pub struct Recorder<'a> {
    pub user_id: &'a str,
    pub device_id: Option<&'a str>,
    pub at: Option<String>,
}

/// A payment row of `l` with no split yet (penalty, interest, principal and advance 0).
pub fn payment_row(
    l: &loan::Model,
    by: &Recorder<'_>,
    kind: &str,
    source: &str,
    amount: i64,
    paid_on: NaiveDate,
) -> loan_payment::Model {
    loan_payment::Model {
        id: crate::kernel::auth::secret::new_id(),
        tenant_id: l.tenant_id.clone(),
        loan_id: l.id.clone(),
        member_id: l.member_id.clone(),
        kind: kind.into(),
        source: source.into(),
        savings_account_id: None,
        amount,
        penalty: 0,
        interest: 0,
        principal: 0,
        advance: 0,
        paid_on: paid_on.to_string(),
        note: None,
        user_id: by.user_id.to_string(),
        device_id: by.device_id.map(str::to_string),
        at: by
            .at
            .clone()
            .unwrap_or_else(|| format!("{paid_on}T03:00:00.000000Z")),
    }
}

/// A loan's schedule as the rows to store, with what the domain says was paid of each.
pub fn installment_rows(
    tenant_id: &str,
    loan_id: &str,
    items: &[Installment],
) -> ApiResult<Vec<loan_installment::Model>> {
    items
        .iter()
        .map(|i| {
            Ok(loan_installment::Model {
                id: crate::kernel::auth::secret::new_id(),
                tenant_id: tenant_id.to_string(),
                loan_id: loan_id.to_string(),
                period: i.period as i32,
                due_date: i.due_date.to_string(),
                principal: rupiah_i64(i.principal)?,
                interest: rupiah_i64(i.interest)?,
                paid_principal: rupiah_i64(i.paid_principal)?,
                paid_interest: rupiah_i64(i.paid_interest)?,
                waived_interest: rupiah_i64(i.waived_interest)?,
                penalty_charged: rupiah_i64(i.penalty_charged)?,
                paid_penalty: rupiah_i64(i.paid_penalty)?,
                penalty_through: i.penalty_through.map(|d| d.to_string()),
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
        Some(d) => crate::kernel::input::date("as_of", d),
        None => Ok(zone.today()),
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
    let day = as_of(&q, koperasi::zone(&state.db, &l.tenant_id).await?)?;
    Ok(Json(load_view(&state.db, l, day).await?))
}

#[derive(Deserialize, IntoParams)]
pub struct LoanFilterQuery {
    pub status: Option<String>,
    pub member_id: Option<String>,
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
    let products: HashMap<String, loan_product::Model> = loans::products(&state.db, tenant_id)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    // How late each running loan is today, so the list can flag it.
    let today = koperasi::zone(&state.db, tenant_id).await?.today();
    let running: Vec<String> = rows
        .iter()
        .filter(|l| l.status == "disbursed")
        .map(|l| l.id.clone())
        .collect();
    let mut schedules: HashMap<String, Vec<loan_installment::Model>> = HashMap::new();
    for i in loans::installments_of(&state.db, tenant_id, running).await? {
        schedules.entry(i.loan_id.clone()).or_default().push(i);
    }
    let mut late: HashMap<String, i64> = HashMap::new();
    for (loan_id, rows_of_loan) in &schedules {
        let product = rows
            .iter()
            .find(|l| &l.id == loan_id)
            .and_then(|l| products.get(&l.product_id));
        if let Some(product) = product {
            let (_, pos) = standing(rows_of_loan, product, today)?;
            late.insert(loan_id.clone(), i64::from(pos.days_past_due));
        }
    }
    Ok(Json(
        rows.into_iter()
            .map(|l| {
                let m = members.get(&l.member_id);
                LoanSummary {
                    days_past_due: late.get(&l.id).copied().unwrap_or(0),
                    needs_second_approval: products
                        .get(&l.product_id)
                        .is_some_and(|p| l.amount > p.single_approval_limit),
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
