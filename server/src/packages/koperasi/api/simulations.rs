//! Calculators over the `domain` crate: the same code the app runs offline in WASM.
use std::collections::BTreeMap;

use domain::loan::{self, LoanMethod, LoanTerms, RatePeriod};
use domain::{nik, shu};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use axum::extract::State;

use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::Json;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct LoanSimulationRequest {
    /// Whole rupiah, as a decimal string.
    #[schema(value_type = String, example = "12000000")]
    pub principal: Decimal,
    #[schema(value_type = String, example = "1.5")]
    pub rate_percent: Decimal,
    /// `month` or `year`.
    #[schema(value_type = String, example = "month")]
    pub rate_period: RatePeriod,
    pub tenor_months: u32,
    /// `flat`, `effective` or `annuity`.
    #[schema(value_type = String, example = "annuity")]
    pub method: LoanMethod,
}

#[derive(Serialize, ToSchema)]
pub struct LoanRow {
    pub period: u32,
    #[schema(value_type = String)]
    pub principal: Decimal,
    #[schema(value_type = String)]
    pub interest: Decimal,
    #[schema(value_type = String)]
    pub installment: Decimal,
    #[schema(value_type = String)]
    pub balance: Decimal,
}

#[derive(Serialize, ToSchema)]
pub struct LoanSimulation {
    pub rows: Vec<LoanRow>,
    #[schema(value_type = String)]
    pub total_interest: Decimal,
    #[schema(value_type = String)]
    pub total_payment: Decimal,
}

#[utoipa::path(post, path = "/loan-simulations", tag = "calculators", request_body = LoanSimulationRequest,
    responses((status = 200, body = LoanSimulation), (status = 422, description = "The `field` names the bad input")))]
pub async fn loan(
    auth: Auth,
    Json(req): Json<LoanSimulationRequest>,
) -> ApiResult<Json<LoanSimulation>> {
    auth.require(Permission::SIMULATE_LOAN)?;
    let terms = LoanTerms {
        principal: req.principal,
        rate_percent: req.rate_percent,
        rate_period: req.rate_period,
        tenor_months: req.tenor_months,
        method: req.method,
        first_due_date: None,
    };
    let schedule =
        loan::schedule(&terms).map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    Ok(Json(LoanSimulation {
        rows: schedule
            .rows
            .into_iter()
            .map(|r| LoanRow {
                period: r.period,
                principal: r.principal,
                interest: r.interest,
                installment: r.installment,
                balance: r.balance,
            })
            .collect(),
        total_interest: schedule.total_interest,
        total_payment: schedule.total_payment,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct ShuMemberInput {
    pub member: String,
    #[schema(value_type = String)]
    pub savings: Decimal,
    #[schema(value_type = String)]
    pub transactions: Decimal,
}

#[derive(Deserialize, ToSchema)]
pub struct ShuSimulationRequest {
    #[schema(value_type = String, example = "100000000")]
    pub shu_total: Decimal,
    /// Pool name → percent; the percents must sum to 100.
    #[schema(value_type = Object)]
    pub allocation: BTreeMap<String, Decimal>,
    /// Name of the pool shared by savings.
    pub jasa_modal: String,
    /// Name of the pool shared by transactions.
    pub jasa_usaha: String,
    pub members: Vec<ShuMemberInput>,
}

#[derive(Serialize, ToSchema)]
pub struct ShuShare {
    pub member: String,
    #[schema(value_type = String)]
    pub jasa_modal: Decimal,
    #[schema(value_type = String)]
    pub jasa_usaha: Decimal,
    #[schema(value_type = String)]
    pub total: Decimal,
}

#[derive(Serialize, ToSchema)]
pub struct ShuSimulation {
    /// Pool name → amount in whole rupiah.
    #[schema(value_type = Object)]
    pub pools: BTreeMap<String, Decimal>,
    pub members: Vec<ShuShare>,
}

#[utoipa::path(post, path = "/shu-simulations", tag = "calculators", request_body = ShuSimulationRequest,
    responses((status = 200, body = ShuSimulation), (status = 403), (status = 422)))]
pub async fn shu(
    auth: Auth,
    Json(req): Json<ShuSimulationRequest>,
) -> ApiResult<Json<ShuSimulation>> {
    auth.require(Permission::SIMULATE_SHU)?;
    let input = shu::ShuInput {
        shu_total: req.shu_total,
        allocation: req.allocation.into_iter().collect(),
        jasa_modal_pool: req.jasa_modal,
        jasa_usaha_pool: req.jasa_usaha,
        members: req
            .members
            .into_iter()
            .map(|m| shu::ShuMember {
                member: m.member,
                savings: m.savings,
                transactions: m.transactions,
            })
            .collect(),
    };
    let result =
        shu::distribute(&input).map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    Ok(Json(ShuSimulation {
        pools: result.pools.into_iter().collect(),
        members: result
            .members
            .into_iter()
            .map(|m| ShuShare {
                member: m.member,
                jasa_modal: m.jasa_modal,
                jasa_usaha: m.jasa_usaha,
                total: m.total,
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct NikCheckRequest {
    pub nik: String,
}

#[derive(Serialize, ToSchema)]
pub struct NikCheck {
    pub valid: bool,
    /// `YYYY-MM-DD`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// `M` or `F`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province_code: Option<String>,
    /// Why the number is not a valid NIK (Bahasa Indonesia).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
}

#[utoipa::path(post, path = "/nik-checks", tag = "calculators", request_body = NikCheckRequest,
    responses((status = 200, body = NikCheck)))]
pub async fn nik(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<NikCheckRequest>,
) -> ApiResult<Json<NikCheck>> {
    auth.require(Permission::CHECK_NIK)?;
    // The century of a two-digit birth year is decided against the koperasi's today.
    let zone = match auth.tenant_id.as_deref() {
        Some(tenant) => crate::packages::koperasi::repo::koperasi::zone(&state.db, tenant).await?,
        None => Default::default(),
    };
    let today = zone.today();
    Ok(Json(match nik::parse_with_today(&req.nik, today) {
        Ok(n) => NikCheck {
            valid: true,
            birth_date: Some(n.birth_date.format("%Y-%m-%d").to_string()),
            sex: Some(match n.sex {
                nik::Sex::Male => "M".into(),
                nik::Sex::Female => "F".into(),
            }),
            province_code: Some(n.province_code),
            reason: None,
            reason_code: None,
        },
        Err(e) => NikCheck {
            valid: false,
            birth_date: None,
            sex: None,
            province_code: None,
            reason: Some(e.to_string()),
            reason_code: Some(e.code().to_string()),
        },
    }))
}
