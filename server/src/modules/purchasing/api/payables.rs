//! What the business owes its suppliers: the aging (current, 1–30, 31–60, 61–90, over 90
//! days past due) and one supplier's statement, both added up by the database.
use axum::extract::State;
use domain::api::payables::{AgingReport, AgingRow, Statement, StatementEntry};
use serde::Deserialize;
use utoipa::IntoParams;

use super::suppliers::page;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::Zone;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input;
use crate::kernel::money::Sen;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::modules::purchasing::repo::{payables as repo, suppliers};

#[derive(Deserialize, IntoParams)]
pub struct AgingQuery {
    /// `YYYY-MM-DD`; absent: today (WIB).
    pub as_of: Option<String>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

fn row(supplier_id: String, supplier_name: String, b: [i64; 5]) -> AgingRow {
    AgingRow {
        supplier_id,
        supplier_name,
        current: Sen(b[0]).text(),
        days_1_30: Sen(b[1]).text(),
        days_31_60: Sen(b[2]).text(),
        days_61_90: Sen(b[3]).text(),
        over_90: Sen(b[4]).text(),
        total: Sen(b.iter().sum()).text(),
    }
}

#[utoipa::path(get, path = "/payables/aging", tag = "purchasing", params(AgingQuery),
    responses((status = 200, body = AgingReport)))]
pub async fn aging(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<AgingQuery>,
) -> ApiResult<Json<AgingReport>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let tenant_id = auth.tenant()?;
    let (limit, offset) = page(q.limit, q.offset)?;
    let as_of = match q.as_of.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => input::date("as_of", d)?,
        None => Zone::Wib.today(),
    };
    let (rows, count, totals) = repo::aging(
        &state.db,
        tenant_id,
        auth.outlet_ids.as_deref(),
        as_of,
        limit,
        offset,
    )
    .await?;
    let names = suppliers::names(
        &state.db,
        tenant_id,
        rows.iter().map(|r| r.supplier_id.clone()),
    )
    .await?;
    Ok(Json(AgingReport {
        as_of: as_of.to_string(),
        items: rows
            .into_iter()
            .map(|r| {
                let name = names.get(&r.supplier_id).cloned().unwrap_or_default();
                row(r.supplier_id, name, r.buckets)
            })
            .collect(),
        totals: row(String::new(), String::new(), totals),
        total: count,
        limit,
        offset,
    }))
}

#[derive(Deserialize, IntoParams)]
pub struct StatementQuery {
    /// `YYYY-MM-DD`; absent: 90 days before `to`.
    pub from: Option<String>,
    /// `YYYY-MM-DD`; absent: today (WIB).
    pub to: Option<String>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// The longest period one statement covers.
pub const STATEMENT_DAYS_MAX: i64 = 366;

#[utoipa::path(get, path = "/suppliers/{id}/statement", tag = "purchasing",
    params(("id" = String, Path), StatementQuery),
    responses((status = 200, body = Statement), (status = 404), (status = 422)))]
pub async fn statement(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<StatementQuery>,
) -> ApiResult<Json<Statement>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let tenant_id = auth.tenant()?;
    let supplier = suppliers::find(&state.db, tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Pemasok"))?;
    let (limit, offset) = page(q.limit, q.offset)?;
    let to = match q.to.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => input::date("to", d)?,
        None => Zone::Wib.today(),
    };
    let from = match q.from.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => input::date("from", d)?,
        None => to - chrono::Duration::days(90),
    };
    if from > to {
        return Err(ApiError::validation(
            "from",
            "Tanggal awal setelah tanggal akhir.",
        ));
    }
    if (to - from).num_days() > STATEMENT_DAYS_MAX {
        return Err(ApiError::validation(
            "from",
            format!("Periode paling panjang {STATEMENT_DAYS_MAX} hari."),
        ));
    }
    let p = repo::statement(
        &state.db,
        tenant_id,
        &supplier.id,
        auth.outlet_ids.as_deref(),
        &from.to_string(),
        &to.to_string(),
        limit,
        offset,
    )
    .await?;
    let mut balance = p.before_page_sen;
    let items = p
        .rows
        .into_iter()
        .map(|r| {
            balance += r.charge_sen - r.payment_sen;
            StatementEntry {
                on: r.on,
                kind: r.kind,
                invoice_id: r.invoice_id,
                reference: r.reference,
                charge: Sen(r.charge_sen).text(),
                payment: Sen(r.payment_sen).text(),
                balance: Sen(balance).text(),
            }
        })
        .collect();
    Ok(Json(Statement {
        supplier_id: supplier.id,
        supplier_name: supplier.name,
        from: from.to_string(),
        to: to.to_string(),
        opening: Sen(p.opening_sen).text(),
        closing: Sen(p.closing_sen).text(),
        items,
        total: p.count,
        limit,
        offset,
    }))
}
