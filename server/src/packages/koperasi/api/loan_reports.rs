//! What the koperasi looks at every day: the collection list (who to visit today, per
//! officer), the loan portfolio with each loan's collectibility and reserve and the
//! portfolio at risk (PAR 1/30/90), and the member's own loans on her phone.
use std::collections::HashMap;

use axum::extract::{Query, State};
use rust_decimal::Decimal;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::Json;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::packages::koperasi::api::loans::{
    as_of, load_view, member_map, quality, standing, LoanView,
};
use crate::packages::koperasi::entity::{loan, loan_installment, loan_product};
use crate::packages::koperasi::repo::{koperasi, loans};
pub use domain::api::koperasi::{ClassTotal, CollectionRow, Par, Portfolio, PortfolioLoan};

#[derive(Deserialize, IntoParams)]
pub struct CollectionQuery {
    /// `YYYY-MM-DD`; today (WIB) when absent.
    pub as_of: Option<String>,
    /// Only this officer's loans; `me` for one's own. All officers when absent.
    pub officer_id: Option<String>,
}

/// Disbursed loans with their instalments and products, for the reports.
async fn running_loans(
    state: &AppState,
    tenant_id: &str,
    officer: Option<&str>,
) -> ApiResult<
    Vec<(
        loan::Model,
        Vec<loan_installment::Model>,
        loan_product::Model,
    )>,
> {
    let rows = loans::loans(
        &state.db,
        tenant_id,
        loans::LoanFilter {
            officer_id: officer,
            active_only: true,
            ..Default::default()
        },
        100_000,
    )
    .await?;
    let products: HashMap<String, loan_product::Model> = loans::products(&state.db, tenant_id)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let mut by_loan: HashMap<String, Vec<loan_installment::Model>> = HashMap::new();
    for i in loans::installments_of(
        &state.db,
        tenant_id,
        rows.iter().map(|l| l.id.clone()).collect(),
    )
    .await?
    {
        by_loan.entry(i.loan_id.clone()).or_default().push(i);
    }
    let mut out = Vec::with_capacity(rows.len());
    for l in rows {
        let Some(p) = products.get(&l.product_id).cloned() else {
            continue;
        };
        let items = by_loan.remove(&l.id).unwrap_or_default();
        out.push((l, items, p));
    }
    Ok(out)
}

#[utoipa::path(get, path = "/loan-reports/collection", tag = "koperasi", params(CollectionQuery),
    responses((status = 200, body = [CollectionRow])))]
pub async fn collection(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<CollectionQuery>,
) -> ApiResult<Json<Vec<CollectionRow>>> {
    auth.require(Permission::APPLY_LOAN)?;
    let tenant_id = auth.tenant()?.to_string();
    let day = match q.as_of.as_deref().filter(|s| !s.is_empty()) {
        Some(d) => crate::kernel::input::date("as_of", d)?,
        None => koperasi::zone(&state.db, &tenant_id).await?.today(),
    };
    let officer = match q.officer_id.as_deref().filter(|s| !s.is_empty()) {
        Some("me") => Some(auth.user.id.clone()),
        other => other.map(str::to_string),
    };
    let members = member_map(&state.db, &tenant_id).await?;
    let mut out = Vec::new();
    for (l, rows, p) in running_loans(&state, &tenant_id, officer.as_deref()).await? {
        let (items, pos) = standing(&rows, &p, day)?;
        if pos.due_total().is_zero() {
            continue;
        }
        let m = members.get(&l.member_id);
        let (class, _) = quality(&l, &pos);
        out.push(CollectionRow {
            loan_id: l.id.clone(),
            loan_no: l.loan_no.clone(),
            member_no: m.map(|m| m.member_no.clone()).unwrap_or_default(),
            member_name: m.map(|m| m.name.clone()).unwrap_or_default(),
            phone: m.and_then(|m| m.phone.clone()),
            address: m.map(|m| m.address.clone()).unwrap_or_default(),
            officer_id: l.officer_id.clone(),
            due_total: pos.due_total().to_string(),
            overdue: pos.overdue.to_string(),
            penalty_due: pos.due.penalty.to_string(),
            days_past_due: pos.days_past_due,
            oldest_due_date: items
                .iter()
                .find(|i| !i.unpaid().is_zero() && i.due_date <= day)
                .map(|i| i.due_date.to_string()),
            collectibility: serde_json::to_value(class)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        });
    }
    out.sort_by(|a, b| {
        b.days_past_due
            .cmp(&a.days_past_due)
            .then_with(|| a.member_name.cmp(&b.member_name))
    });
    Ok(Json(out))
}

#[utoipa::path(get, path = "/loan-reports/portfolio", tag = "koperasi",
    params(crate::packages::koperasi::api::loans::AsOf), responses((status = 200, body = Portfolio)))]
pub async fn portfolio(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<crate::packages::koperasi::api::loans::AsOf>,
) -> ApiResult<Json<Portfolio>> {
    auth.require(Permission::VIEW_LOAN_PORTFOLIO)?;
    let tenant_id = auth.tenant()?.to_string();
    let day = as_of(&q, koperasi::zone(&state.db, &tenant_id).await?)?;
    Ok(Json(
        portfolio_of(&state, &tenant_id, day, Listed::Loans).await?,
    ))
}

/// The running loans' standing on `day`: outstanding, collectibility, reserve and PAR.
/// Whether the portfolio lists its loans (the report) or only adds them up (the
/// dashboard's tiles, which need no member names).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    Loans,
    TotalsOnly,
}

pub async fn portfolio_of(
    state: &AppState,
    tenant_id: &str,
    day: chrono::NaiveDate,
    listed: Listed,
) -> ApiResult<Portfolio> {
    let tenant_id = tenant_id.to_string();
    let members = match listed {
        Listed::Loans => member_map(&state.db, &tenant_id).await?,
        Listed::TotalsOnly => HashMap::new(),
    };
    let mut loans_out = Vec::new();
    let mut total = Decimal::ZERO;
    let mut reserve_total = Decimal::ZERO;
    let classes = ["lancar", "kurang_lancar", "diragukan", "macet"];
    let mut by_class: HashMap<&str, (u32, Decimal, Decimal)> = HashMap::new();
    let thresholds = [1u32, 30, 90];
    let mut at_risk = [Decimal::ZERO; 3];
    for (l, rows, p) in running_loans(state, &tenant_id, None).await? {
        let (_, pos) = standing(&rows, &p, day)?;
        let (class, reserve) = quality(&l, &pos);
        let class_text = serde_json::to_value(class)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        total += pos.outstanding_principal;
        reserve_total += reserve;
        if let Some(key) = classes.iter().find(|c| **c == class_text) {
            let e = by_class.entry(key).or_default();
            e.0 += 1;
            e.1 += pos.outstanding_principal;
            e.2 += reserve;
        }
        for (i, t) in thresholds.iter().enumerate() {
            if pos.days_past_due >= *t {
                at_risk[i] += pos.outstanding_principal;
            }
        }
        if listed == Listed::TotalsOnly {
            continue;
        }
        let m = members.get(&l.member_id);
        loans_out.push(PortfolioLoan {
            loan_id: l.id,
            loan_no: l.loan_no,
            member_no: m.map(|m| m.member_no.clone()).unwrap_or_default(),
            member_name: m.map(|m| m.name.clone()).unwrap_or_default(),
            officer_id: l.officer_id,
            amount: l.amount.to_string(),
            outstanding: pos.outstanding_principal.to_string(),
            overdue: pos.overdue.to_string(),
            days_past_due: pos.days_past_due,
            collectibility: class_text,
            reserve: reserve.to_string(),
        });
    }
    loans_out.sort_by(|a, b| a.loan_no.cmp(&b.loan_no));
    let pct = |v: Decimal| {
        if total.is_zero() {
            "0.00".to_string()
        } else {
            let mut p = (v * Decimal::ONE_HUNDRED / total).round_dp(2);
            p.rescale(2);
            p.to_string()
        }
    };
    Ok(Portfolio {
        as_of: day.to_string(),
        outstanding: total.to_string(),
        reserve: reserve_total.to_string(),
        classes: classes
            .iter()
            .map(|c| {
                let (n, o, r) = by_class.get(c).copied().unwrap_or_default();
                ClassTotal {
                    collectibility: c.to_string(),
                    loans: n,
                    outstanding: o.to_string(),
                    reserve: r.to_string(),
                }
            })
            .collect(),
        par: thresholds
            .iter()
            .zip(at_risk)
            .map(|(d, v)| Par {
                days: *d,
                outstanding: v.to_string(),
                percent: pct(v),
            })
            .collect(),
        loans: loans_out,
    })
}

/// The signed-in member's loans (any status), with schedule and today's position.
#[utoipa::path(get, path = "/me/loans", tag = "koperasi", responses((status = 200, body = [LoanView]), (status = 404)))]
pub async fn my_loans(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<LoanView>>> {
    let tenant_id = auth.tenant()?.to_string();
    let m = koperasi::member_of_user(&state.db, &tenant_id, &auth.user.id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    let rows = loans::loans(
        &state.db,
        &tenant_id,
        loans::LoanFilter {
            member_id: Some(&m.id),
            ..Default::default()
        },
        100,
    )
    .await?;
    let day = koperasi::zone(&state.db, &tenant_id).await?.today();
    let mut out = Vec::with_capacity(rows.len());
    for l in rows {
        out.push(load_view(&state.db, l, day).await?);
    }
    Ok(Json(out))
}
