//! All-or-nothing import of the product list from CSV or XLSX (the columns are in
//! `csv_export`). Rows are matched to existing products by SKU; a new variant row joins
//! the product without a variant that has the same name. Rows are numbered as a
//! spreadsheet shows them: the header is row 1.
pub use domain::api::inventory::{ImportFailure, ImportResult, RowError};
use std::collections::HashMap;

use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use sea_orm::Set;
use serde_json::json;

use super::rules;
use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::money::Sen;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Audit, Change};
use crate::modules::inventory::entity::{category, product};
use crate::modules::inventory::repo::catalogue as repo;

use super::csv_export::*;

/// A validated row. `None` in an optional column means "column absent: keep as is".
struct Row {
    line: usize,
    sku: String,
    existing: Option<product::Model>,
    name: Option<String>,
    variant: Option<Option<String>>,
    category: Option<Option<String>>,
    unit: Option<String>,
    cost: Option<Sen>,
    price: Option<Sen>,
    tax: Option<String>,
    active: Option<bool>,
    barcodes: Option<Vec<String>>,
}

/// Collects a row's cell errors under the column name.
struct Checker<'a> {
    errors: &'a mut Vec<RowError>,
    line: usize,
}

impl Checker<'_> {
    fn ok<T>(&mut self, r: ApiResult<T>, col: &str) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(ApiError::Validation { message, .. }) => {
                self.errors.push(row_error(self.line, col, message));
                None
            }
            Err(e) => {
                self.errors.push(row_error(self.line, col, e.to_string()));
                None
            }
        }
    }
}

/// An empty cell in a column with a default takes the default.
fn or_default<'a>(v: Option<&'a str>, d: &'static str) -> Option<&'a str> {
    v.map(|s| if s.trim().is_empty() { d } else { s })
}

fn failed(message: &str, mut rows: Vec<RowError>) -> Response {
    rows.truncate(MAX_REPORTED);
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        axum::Json(json!({
            "error": {"code": "import_failed", "message": message},
            "rows": rows,
        })),
    )
        .into_response()
}

fn row_error(line: usize, field: &str, message: impl Into<String>) -> RowError {
    RowError {
        row: line,
        field: field.to_string(),
        message: message.into(),
    }
}

#[utoipa::path(post, path = "/products/import", tag = "catalogue",
    request_body(content = String, content_type = "text/csv",
        description = "Same columns as the export; only `sku` is required. Upserts by SKU. An XLSX workbook (first sheet) is accepted too."),
    responses((status = 200, body = ImportResult),
        (status = 422, body = ImportFailure, description = "`import_failed`: nothing was written; `rows` lists every bad cell")))]
pub async fn import(State(state): State<AppState>, auth: Auth, body: Body) -> ApiResult<Response> {
    auth.require(Permission::MANAGE_CATALOGUE)?;
    let tenant_id = auth.tenant()?.to_string();
    let bytes = axum::body::to_bytes(body, MAX_BYTES).await.map_err(|_| {
        ApiError::BadRequest(format!(
            "Berkas terlalu besar (maks. {} MB).",
            MAX_BYTES / 1024 / 1024
        ))
    })?;
    let parsed = if super::xlsx::looks_like_xlsx(&bytes) {
        super::xlsx::read(&bytes)
    } else {
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| ApiError::BadRequest("Berkas CSV harus berformat UTF-8.".into()))?;
        parse(&text)
    };
    let records = match parsed {
        Ok(r) => r,
        Err((line, msg)) => {
            return Ok(failed(
                "Berkas CSV tidak dapat dibaca.",
                vec![row_error(line, "", msg)],
            ))
        }
    };
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else {
        return Ok(failed(
            "Berkas CSV kosong.",
            vec![row_error(1, "", "Baris judul kolom tidak ada.")],
        ));
    };
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let h = h.trim().to_lowercase();
        match HEADER.iter().find(|c| **c == h) {
            Some(c) if columns.contains_key(c) => {
                errors.push(row_error(1, c, "Kolom tercantum dua kali."))
            }
            Some(c) => {
                columns.insert(c, i);
            }
            None => errors.push(row_error(
                1,
                &h,
                format!("Kolom tidak dikenal; gunakan: {}.", HEADER.join(", ")),
            )),
        }
    }
    if !columns.contains_key("sku") {
        errors.push(row_error(1, "sku", "Kolom sku wajib ada."));
    }
    if !errors.is_empty() {
        return Ok(failed("Judul kolom tidak sesuai.", errors));
    }
    let records: Vec<(usize, Vec<String>)> = records.collect();
    if records.len() > MAX_ROWS {
        return Ok(failed(
            "Berkas terlalu besar.",
            vec![row_error(
                MAX_ROWS + 2,
                "",
                format!("Paling banyak {MAX_ROWS} baris per impor."),
            )],
        ));
    }

    // Everything the checks need, loaded once.
    let existing: HashMap<String, product::Model> = repo::all_products(&state.db, &tenant_id)
        .await?
        .into_iter()
        .map(|p| (p.sku.clone(), p))
        .collect();
    let sku_of_id: HashMap<&str, &str> = existing
        .values()
        .map(|p| (p.id.as_str(), p.sku.as_str()))
        .collect();
    let barcode_owner: HashMap<String, String> = repo::all_barcodes(&state.db, &tenant_id)
        .await?
        .into_iter()
        .map(|(product_id, code)| (code, product_id))
        .collect();

    let mut rows: Vec<Row> = Vec::with_capacity(records.len());
    let mut seen_sku: HashMap<String, usize> = HashMap::new();
    for (line, cells) in &records {
        let line = *line;
        let cell = |name: &str| -> Option<&str> {
            columns
                .get(name)
                .map(|i| cells.get(*i).map(String::as_str).unwrap_or_default())
        };
        let mut check = Checker {
            errors: &mut errors,
            line,
        };
        let Some(sku) = check.ok(rules::sku("sku", cell("sku").unwrap_or_default()), "sku") else {
            continue;
        };
        let found = existing.get(&sku).cloned();
        let name = match cell("name") {
            Some(v) => check.ok(rules::name("name", v), "name"),
            None => None,
        };
        let variant =
            cell("variant").and_then(|v| check.ok(rules::variant("variant", v), "variant"));
        let category = cell("category").and_then(|v| {
            let v = v.trim();
            if v.chars().count() > 200 {
                check.ok::<Option<String>>(
                    Err(ApiError::validation(
                        "category",
                        "Nama kategori terlalu panjang.",
                    )),
                    "category",
                )
            } else {
                Some((!v.is_empty()).then(|| v.to_string()))
            }
        });
        let unit =
            or_default(cell("unit"), "pcs").and_then(|v| check.ok(rules::unit("unit", v), "unit"));
        let cost =
            or_default(cell("cost"), "0").and_then(|v| check.ok(rules::cost("cost", v), "cost"));
        let price = cell("price").and_then(|v| check.ok(rules::price("price", v), "price"));
        let tax =
            or_default(cell("tax"), "none").and_then(|v| check.ok(rules::tax("tax", v), "tax"));
        let active = cell("active").and_then(|v| check.ok(rules::flag("active", v), "active"));
        let barcodes = cell("barcodes").and_then(|v| {
            let codes: Vec<String> = v
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            check.ok(rules::barcodes("barcodes", &codes), "barcodes")
        });
        if found.is_none() {
            if cell("name").is_none() {
                check.errors.push(row_error(
                    line,
                    "name",
                    "Nama wajib diisi untuk produk baru.",
                ));
            }
            if cell("price").is_none() {
                check.errors.push(row_error(
                    line,
                    "price",
                    "Harga wajib diisi untuk produk baru.",
                ));
            }
        }
        if let Some(first) = seen_sku.insert(sku.clone(), line) {
            check.errors.push(row_error(
                line,
                "sku",
                format!("SKU {sku} sudah muncul di baris {first}."),
            ));
        }
        rows.push(Row {
            line,
            sku,
            existing: found,
            name,
            variant,
            category,
            unit,
            cost,
            price,
            tax,
            active,
            barcodes,
        });
    }
    // Barcodes: unique across the file, and not held by a product the file leaves alone.
    let mut seen_code: HashMap<&str, usize> = HashMap::new();
    for r in &rows {
        for code in r.barcodes.iter().flatten() {
            if let Some(first) = seen_code.insert(code, r.line) {
                errors.push(row_error(
                    r.line,
                    "barcodes",
                    format!("Barcode {code} sudah dipakai di baris {first}."),
                ));
                continue;
            }
            let Some(owner) = barcode_owner.get(code) else {
                continue;
            };
            let owner_sku = sku_of_id.get(owner.as_str()).copied().unwrap_or_default();
            // The owner's barcodes are replaced by this file when it lists the owner.
            if owner_sku != r.sku && !seen_sku.contains_key(owner_sku) {
                errors.push(row_error(
                    r.line,
                    "barcodes",
                    format!("Barcode {code} sudah dipakai produk {owner_sku}."),
                ));
            }
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.row);
        return Ok(failed(
            &format!(
                "{} kesalahan ditemukan; tidak ada data yang disimpan.",
                errors.len()
            ),
            errors,
        ));
    }

    let actor = Actor::of(&auth);
    let existing_parents: Vec<(String, String)> = existing
        .values()
        .filter(|p| p.group_id.is_none() && p.variant.is_none())
        .map(|p| (p.name.to_lowercase(), p.id.clone()))
        .collect();
    let result = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move { write_import(txn, audit, &tenant_id, rows, existing_parents).await })
    })
    .await?;
    Ok(axum::Json(result).into_response())
}

async fn write_import(
    txn: &sea_orm::DatabaseTransaction,
    audit: Audit<'_>,
    tenant_id: &str,
    rows: Vec<Row>,
    existing_parents: Vec<(String, String)>,
) -> ApiResult<ImportResult> {
    let now = Utc::now();
    // Categories by name, ignoring case; missing ones are created.
    let mut categories: HashMap<String, String> = repo::list_categories(txn, tenant_id)
        .await?
        .into_iter()
        .map(|c| (c.name.to_lowercase(), c.id))
        .collect();
    let mut new_categories = Vec::new();
    for name in rows.iter().filter_map(|r| r.category.clone().flatten()) {
        let key = name.to_lowercase();
        if let std::collections::hash_map::Entry::Vacant(slot) = categories.entry(key) {
            let id = new_id();
            slot.insert(id.clone());
            new_categories.push(category::ActiveModel {
                id: Set(id),
                tenant_id: Set(tenant_id.to_string()),
                name: Set(name),
                created_at: Set(now),
            });
        }
    }
    let categories_created = new_categories.len();
    repo::insert_categories(txn, new_categories).await?;

    // Ids for new rows first, so a new variant can find its (possibly new) parent.
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r.existing.as_ref().map_or_else(new_id, |p| p.id.clone()))
        .collect();
    let mut parents: HashMap<String, String> = existing_parents.into_iter().collect();
    for (r, id) in rows.iter().zip(&ids) {
        let is_parent = match &r.existing {
            Some(p) => {
                p.group_id.is_none() && r.variant.clone().unwrap_or(p.variant.clone()).is_none()
            }
            None => r.variant.clone().flatten().is_none(),
        };
        let name = r
            .name
            .clone()
            .or_else(|| r.existing.as_ref().map(|p| p.name.clone()))
            .unwrap_or_default();
        if is_parent {
            parents.insert(name.to_lowercase(), id.clone());
        }
    }

    let mut created = 0;
    let mut updated = 0;
    let mut inserts = Vec::new();
    let mut cleared = Vec::new();
    let mut barcode_rows = Vec::new();
    for (r, id) in rows.into_iter().zip(ids) {
        let category_id = r.category.as_ref().map(|c| {
            c.as_ref()
                .and_then(|n| categories.get(&n.to_lowercase()).cloned())
        });
        match r.existing {
            Some(before) => {
                updated += 1;
                let after = product::Model {
                    name: r.name.unwrap_or(before.name.clone()),
                    variant: r.variant.unwrap_or(before.variant.clone()),
                    category_id: category_id.unwrap_or(before.category_id.clone()),
                    unit: r.unit.unwrap_or(before.unit.clone()),
                    cost_sen: r.cost.unwrap_or(before.cost_sen),
                    price_sen: r.price.unwrap_or(before.price_sen),
                    tax: r.tax.unwrap_or(before.tax.clone()),
                    active: r.active.unwrap_or(before.active),
                    updated_at: now,
                    ..before.clone()
                };
                let unchanged = product::Model {
                    updated_at: before.updated_at,
                    ..after.clone()
                } == before;
                if !unchanged {
                    let mut active: product::ActiveModel = before.into();
                    active.name = Set(after.name);
                    active.variant = Set(after.variant);
                    active.category_id = Set(after.category_id);
                    active.unit = Set(after.unit);
                    active.cost_sen = Set(after.cost_sen);
                    active.price_sen = Set(after.price_sen);
                    active.tax = Set(after.tax);
                    active.active = Set(after.active);
                    active.updated_at = Set(now);
                    repo::update_product(txn, active).await?;
                }
                if let Some(codes) = r.barcodes {
                    cleared.push(id.clone());
                    barcode_rows.extend(codes.into_iter().map(|c| (id.clone(), c)));
                }
            }
            None => {
                created += 1;
                let name = r.name.unwrap_or_default();
                let variant = r.variant.flatten();
                let group_id = if variant.is_some() {
                    parents
                        .get(&name.to_lowercase())
                        .filter(|p| **p != id)
                        .cloned()
                } else {
                    None
                };
                inserts.push(product::ActiveModel {
                    id: Set(id.clone()),
                    tenant_id: Set(tenant_id.to_string()),
                    group_id: Set(group_id),
                    sku: Set(r.sku),
                    name: Set(name),
                    variant: Set(variant),
                    category_id: Set(category_id.flatten()),
                    unit: Set(r.unit.unwrap_or_else(|| "pcs".into())),
                    cost_sen: Set(r.cost.unwrap_or_default()),
                    price_sen: Set(r.price.unwrap_or_default()),
                    tax: Set(r.tax.unwrap_or_else(|| "none".into())),
                    active: Set(r.active.unwrap_or(true)),
                    image_url: Set(None),
                    tracks_batches: Set(false),
                    created_at: Set(now),
                    updated_at: Set(now),
                });
                barcode_rows.extend(r.barcodes.into_iter().flatten().map(|c| (id.clone(), c)));
            }
        }
    }
    repo::clear_barcodes(txn, tenant_id, &cleared).await?;
    repo::insert_products(txn, inserts).await?;
    repo::insert_barcodes(txn, tenant_id, barcode_rows).await?;
    let import_id = new_id();
    audit
        .record(
            Change::new("product.import", "product", &import_id).after(json!({
                "created": created,
                "updated": updated,
                "categories_created": categories_created,
            })),
        )
        .await?;
    Ok(ImportResult { created, updated })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quotes_and_line_breaks() {
        let text = "\u{feff}sku,name\r\nA1,\"Kopi, \"\"Enak\"\"\"\r\n\r\nB2,\"dua\nbaris\"\nC3,x";
        let rows = parse(text).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1], (2, vec!["A1".into(), "Kopi, \"Enak\"".into()]));
        assert_eq!(rows[2], (4, vec!["B2".into(), "dua\nbaris".into()]));
        assert_eq!(rows[3], (6, vec!["C3".into(), "x".into()]));
        assert!(parse("a,\"b").is_err());
        let semi = parse("sku;name\nA;B").unwrap();
        assert_eq!(semi[1].1, vec!["A".to_string(), "B".to_string()]);
    }

    #[test]
    fn writes_round_trip() {
        let mut out = String::new();
        write_row(&mut out, &["a", "b,c", "say \"hi\"", " x", "l1\nl2"]);
        let parsed = parse(&out).unwrap();
        assert_eq!(parsed[0].1, vec!["a", "b,c", "say \"hi\"", " x", "l1\nl2"]);
    }
}
