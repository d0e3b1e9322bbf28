//! The stock valuation of a location at cost as a file: CSV or XLSX, one row per product
//! with stock, and a total row.
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::csv_export::{write_row, XLSX_TYPE};
use super::stock::{valuation_rows, ValuationFileQuery};
use crate::kernel::auth::Auth;
use crate::kernel::error::ApiResult;
use crate::kernel::http::Query;
use crate::kernel::state::AppState;

const HEADER: [&str; 6] = ["sku", "nama", "satuan", "stok", "hpp_rata_rata", "nilai"];

async fn rows(
    state: &AppState,
    auth: &Auth,
    outlet_id: &str,
) -> ApiResult<(String, Vec<[String; 6]>)> {
    let (o, items, total) = valuation_rows(state, auth, outlet_id).await?;
    let mut rows: Vec<[String; 6]> = items
        .into_iter()
        .map(|r| [r.sku, r.name, r.unit, r.quantity, r.unit_cost, r.value])
        .collect();
    rows.push([
        String::new(),
        "TOTAL".into(),
        String::new(),
        String::new(),
        String::new(),
        total.normalize().to_string(),
    ]);
    Ok((o.code, rows))
}

fn file_name(code: &str, ext: &str) -> String {
    let safe: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("attachment; filename=\"nilai-stok-{safe}.{ext}\"")
}

#[utoipa::path(get, path = "/stock-valuation.csv", tag = "stock", params(ValuationFileQuery),
    responses((status = 200, content_type = "text/csv", description = "sku, nama, satuan, stok, hpp_rata_rata, nilai; a TOTAL row last"), (status = 422)))]
pub async fn csv(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ValuationFileQuery>,
) -> ApiResult<Response> {
    let (code, rows) = rows(&state, &auth, &q.outlet_id).await?;
    let mut out = String::with_capacity(rows.len() * 80 + 64);
    write_row(&mut out, &HEADER);
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        write_row(&mut out, &cells);
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, file_name(&code, "csv")),
        ],
        out,
    )
        .into_response())
}

#[utoipa::path(get, path = "/stock-valuation.xlsx", tag = "stock", params(ValuationFileQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        description = "The same columns as the CSV, one sheet"), (status = 422)))]
pub async fn xlsx(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ValuationFileQuery>,
) -> ApiResult<Response> {
    let (code, rows) = rows(&state, &auth, &q.outlet_id).await?;
    let bytes = super::xlsx::write_sheet("Nilai stok", &HEADER, &rows)?;
    Ok((
        [
            (header::CONTENT_TYPE, XLSX_TYPE.to_string()),
            (header::CONTENT_DISPOSITION, file_name(&code, "xlsx")),
        ],
        bytes,
    )
        .into_response())
}
