//! The product list's file: its columns and limits, RFC 4180 parsing, and the CSV/XLSX
//! export. One row per product row (parents and variants); a variant row carries its
//! label in `variant` and the parent's name in `name`.
use std::collections::{HashMap, HashSet};

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::kernel::auth::Auth;
use crate::kernel::error::ApiResult;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::modules::inventory::entity::product;
use crate::modules::inventory::repo::catalogue as repo;

pub const HEADER: [&str; 10] = [
    "sku", "name", "variant", "category", "unit", "cost", "price", "tax", "active", "barcodes",
];
/// Largest accepted upload.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
pub const MAX_ROWS: usize = 50_000;
/// Cells read per CSV line; the import knows ten columns.
pub(super) const COLUMNS_MAX: usize = 64;
/// At most this many row errors are reported.
pub(super) const MAX_REPORTED: usize = 500;

// ---------------------------------------------------------------- CSV text

/// Quotes a field when it holds a separator, quote, line break or edge whitespace.
pub(super) fn field(out: &mut String, value: &str) {
    let needs =
        value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ');
    if needs {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

pub(super) fn write_row(out: &mut String, values: &[&str]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, v);
    }
    out.push_str("\r\n");
}

/// RFC 4180 records with the line each starts on. Blank lines are skipped. The separator
/// is `,`, or `;` when the header line has semicolons and no commas (spreadsheets set to
/// Indonesian write that).
/// A record and the line it starts on.
pub type Record = (usize, Vec<String>);

pub fn parse(text: &str) -> Result<Vec<Record>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or_default();
    let sep = if !first_line.contains(',') && first_line.contains(';') {
        ';'
    } else {
        ','
    };
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut record = Vec::new();
        let mut cur = String::new();
        let mut quoted_field = false;
        loop {
            match chars.next() {
                None => {
                    record.push(std::mem::take(&mut cur));
                    break;
                }
                Some('"') if cur.is_empty() && !quoted_field => {
                    quoted_field = true;
                    loop {
                        match chars.next() {
                            None => return Err((start, "Tanda kutip tidak ditutup.".into())),
                            Some('"') if chars.peek() == Some(&'"') => {
                                chars.next();
                                cur.push('"');
                            }
                            Some('"') => break,
                            Some(c) => {
                                if c == '\n' {
                                    line += 1;
                                }
                                cur.push(c);
                            }
                        }
                    }
                }
                Some(c) if c == sep => {
                    record.push(std::mem::take(&mut cur));
                    quoted_field = false;
                    // Bounded as it is read: a line of a million separators is refused,
                    // not held in memory.
                    if record.len() > COLUMNS_MAX {
                        return Err((start, format!("Lebih dari {COLUMNS_MAX} kolom.")));
                    }
                }
                Some('\r') if chars.peek() == Some(&'\n') => {}
                Some('\n') | Some('\r') => {
                    line += 1;
                    record.push(std::mem::take(&mut cur));
                    break;
                }
                Some(c) => {
                    if quoted_field {
                        return Err((start, "Teks setelah tanda kutip penutup.".into()));
                    }
                    cur.push(c);
                }
            }
        }
        if !(record.len() == 1 && record[0].trim().is_empty()) {
            if records.len() > MAX_ROWS {
                return Err((start, format!("Paling banyak {MAX_ROWS} baris per impor.")));
            }
            records.push((start, record));
        }
    }
    Ok(records)
}

// ---------------------------------------------------------------- export

/// The catalogue as rows under `HEADER`: parents in name order, each followed by its
/// variants; barcodes joined with `|`.
async fn export_rows(state: &AppState, tenant_id: &str) -> ApiResult<Vec<[String; 10]>> {
    let products = repo::all_products(&state.db, tenant_id).await?;
    let mut barcodes: HashMap<String, Vec<String>> = HashMap::new();
    for (product_id, code) in repo::all_barcodes(&state.db, tenant_id).await? {
        barcodes.entry(product_id).or_default().push(code);
    }
    let categories: HashMap<String, String> = repo::list_categories(&state.db, tenant_id)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut variants: HashMap<&str, Vec<&product::Model>> = HashMap::new();
    let ids: HashSet<&str> = products.iter().map(|p| p.id.as_str()).collect();
    let mut ordered: Vec<&product::Model> = Vec::with_capacity(products.len());
    for p in &products {
        match p.group_id.as_deref().filter(|g| ids.contains(g)) {
            Some(g) => variants.entry(g).or_default().push(p),
            None => ordered.push(p),
        }
    }
    let mut rows = Vec::with_capacity(products.len());
    let mut row = |p: &product::Model| -> [String; 10] {
        let category = p
            .category_id
            .as_ref()
            .and_then(|c| categories.get(c))
            .cloned()
            .unwrap_or_default();
        [
            p.sku.clone(),
            p.name.clone(),
            p.variant.clone().unwrap_or_default(),
            category,
            p.unit.clone(),
            p.cost_sen.text(),
            p.price_sen.text(),
            p.tax.clone(),
            if p.active { "true" } else { "false" }.to_string(),
            barcodes.remove(&p.id).unwrap_or_default().join("|"),
        ]
    };
    for p in ordered {
        rows.push(row(p));
        if let Some(mut vs) = variants.remove(p.id.as_str()) {
            vs.sort_by(|a, b| (&a.variant, &a.sku).cmp(&(&b.variant, &b.sku)));
            for v in vs {
                rows.push(row(v));
            }
        }
    }
    Ok(rows)
}

#[utoipa::path(get, path = "/products/export.csv", tag = "catalogue",
    responses((status = 200, content_type = "text/csv", body = String,
        description = "Header `sku,name,variant,category,unit,cost,price,tax,active,barcodes`; barcodes separated by `|`")))]
pub async fn export(State(state): State<AppState>, auth: Auth) -> ApiResult<Response> {
    auth.require(Permission::VIEW_CATALOGUE)?;
    let rows = export_rows(&state, auth.tenant()?).await?;
    let mut out = String::with_capacity(rows.len() * 96 + 128);
    write_row(&mut out, &HEADER);
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        write_row(&mut out, &cells);
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"produk.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[utoipa::path(get, path = "/products/export.xlsx", tag = "catalogue",
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        description = "The same columns as the CSV export, one sheet, every cell text (prices and barcodes stay exact)")))]
pub async fn export_xlsx(State(state): State<AppState>, auth: Auth) -> ApiResult<Response> {
    auth.require(Permission::VIEW_CATALOGUE)?;
    let rows = export_rows(&state, auth.tenant()?).await?;
    let bytes = super::xlsx::write(&HEADER, &rows)?;
    Ok((
        [
            (header::CONTENT_TYPE, XLSX_TYPE),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"produk.xlsx\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

// ---------------------------------------------------------------- import
