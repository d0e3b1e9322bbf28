//! A product's stock card for a period as a file (CSV or XLSX): the opening balance, every
//! movement oldest first with the balance after it, its cost and value, and the closing
//! balance. The opening balance is summed by the database; the rows are read a page at a
//! time and the file is refused above `ROWS_MAX` (a narrower period then).
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use utoipa::IntoParams;

use super::csv_export::{write_row, XLSX_TYPE};
use crate::kernel::auth::Auth;
use crate::kernel::business_day::Zone;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Path, Query};
use crate::kernel::input;
use crate::kernel::money::Milli;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::modules::inventory::repo::{control, stock};
use crate::platform::api::outlets::accessible;

/// Most movements one file holds (about a year of a best seller at a busy minimarket).
const ROWS_MAX: usize = 200_000;
/// Longest period, days.
const PERIOD_DAYS_MAX: i64 = 366;
/// Rows read per query.
const PAGE: u64 = 5_000;

const HEADER: [&str; 8] = [
    "waktu",
    "jenis",
    "referensi",
    "keterangan",
    "jumlah",
    "saldo",
    "hpp_per_unit",
    "nilai",
];

#[derive(Deserialize, IntoParams)]
pub struct CardFileQuery {
    pub outlet_id: String,
    /// First day, `YYYY-MM-DD` in the location's zone.
    pub from: String,
    /// Last day (inclusive), at most 366 days after `from`.
    pub to: String,
}

async fn rows(
    state: &AppState,
    auth: &Auth,
    product_id: &str,
    q: &CardFileQuery,
) -> ApiResult<(String, Vec<[String; 8]>)> {
    auth.require(Permission::ADJUST_STOCK)?;
    let tenant_id = auth.tenant()?;
    let o = accessible(state, auth, &q.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let product = stock::products_by_id(&state.db, tenant_id, &[product_id.to_string()])
        .await?
        .remove(product_id)
        .ok_or(ApiError::NotFound("Produk"))?;
    let from: NaiveDate = input::date("from", &q.from)?;
    let to: NaiveDate = input::date("to", &q.to)?;
    if to < from || (to - from).num_days() >= PERIOD_DAYS_MAX {
        return Err(ApiError::validation(
            "to",
            format!("Periode 1 sampai {PERIOD_DAYS_MAX} hari, sampai tidak sebelum dari."),
        ));
    }
    let zone = Zone::parse(&o.timezone);
    let (start, end) = (
        zone.midnight_text(from),
        zone.midnight_text(to + Duration::days(1)),
    );
    let opening = control::sum_before(&state.db, tenant_id, &o.id, &product.id, &start).await?;
    let mut balance = opening;
    let mut out = vec![[
        zone.midnight_text(from),
        "saldo_awal".into(),
        String::new(),
        String::new(),
        String::new(),
        Milli(opening).text(),
        String::new(),
        String::new(),
    ]];
    // Keyset pages: each starts after the last row read, so a year's rows cost no more
    // per page than the first.
    let mut after: Option<(String, String)> = None;
    loop {
        let page = control::card_between(
            &state.db,
            tenant_id,
            &o.id,
            &product.id,
            (&start, &end),
            after.as_ref(),
            PAGE,
        )
        .await?;
        let n = page.len() as u64;
        if let Some(last) = page.last() {
            after = Some((last.at.clone(), last.id.clone()));
        }
        for m in page {
            balance += m.quantity_milli;
            let value = m.unit_cost_sen.map(|c| {
                (Milli(m.quantity_milli).dec() * c.dec())
                    .round_dp(2)
                    .normalize()
                    .to_string()
            });
            out.push([
                m.at,
                m.kind,
                m.reference.unwrap_or_default(),
                m.reason.unwrap_or_default(),
                Milli(m.quantity_milli).text(),
                Milli(balance).text(),
                m.unit_cost_sen.map(|c| c.text()).unwrap_or_default(),
                value.unwrap_or_default(),
            ]);
        }
        if out.len() > ROWS_MAX + 1 {
            return Err(ApiError::validation(
                "to",
                format!("Lebih dari {ROWS_MAX} mutasi: persempit periodenya."),
            ));
        }
        if n < PAGE {
            break;
        }
    }
    out.push([
        zone.midnight_text(to + Duration::days(1)),
        "saldo_akhir".into(),
        String::new(),
        String::new(),
        String::new(),
        Milli(balance).text(),
        String::new(),
        String::new(),
    ]);
    Ok((format!("{}-{}", o.code, product.sku), out))
}

fn file_name(stem: &str, ext: &str) -> String {
    let safe: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("attachment; filename=\"kartu-stok-{safe}.{ext}\"")
}

#[utoipa::path(get, path = "/products/{id}/stock-card.csv", tag = "stock",
    params(("id" = String, Path), CardFileQuery),
    responses((status = 200, content_type = "text/csv",
        description = "waktu, jenis, referensi, keterangan, jumlah, saldo, hpp_per_unit, nilai; saldo_awal first, saldo_akhir last"),
        (status = 404), (status = 422)))]
pub async fn csv(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<CardFileQuery>,
) -> ApiResult<Response> {
    let (stem, rows) = rows(&state, &auth, &id, &q).await?;
    let mut out = String::with_capacity(rows.len() * 96 + 96);
    write_row(&mut out, &HEADER);
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        write_row(&mut out, &cells);
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, file_name(&stem, "csv")),
        ],
        out,
    )
        .into_response())
}

#[utoipa::path(get, path = "/products/{id}/stock-card.xlsx", tag = "stock",
    params(("id" = String, Path), CardFileQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        description = "The same columns as the CSV, one sheet"), (status = 404), (status = 422)))]
pub async fn xlsx(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<CardFileQuery>,
) -> ApiResult<Response> {
    let (stem, rows) = rows(&state, &auth, &id, &q).await?;
    let bytes = super::xlsx::write_sheet("Kartu stok", &HEADER, &rows)?;
    Ok((
        [
            (header::CONTENT_TYPE, XLSX_TYPE.to_string()),
            (header::CONTENT_DISPOSITION, file_name(&stem, "xlsx")),
        ],
        bytes,
    )
        .into_response())
}
