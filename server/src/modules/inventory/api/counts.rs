//! Stock opname: a count of a location (whole, or one category) frozen at its start —
//! the expected quantity is the ledger's then, so sales during the count do not become
//! differences —, counted line by line or by scanning (each scan adds one), blind if
//! asked (counters do not see what is expected), then approved by a manager: every
//! difference is posted to the ledger with its value at cost, in one transaction.
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::api::inventory::{
    ApproveCountInput, CountEntry, CountInput, CountLineView, CountStatus, CountView,
};
use rust_decimal::Decimal;
use sea_orm::Set;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::now_text;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::entity::{stock_count, stock_count_line};
use crate::modules::inventory::repo::{catalogue, control, costs, stock};
use crate::platform::api::outlets::accessible;

#[derive(Deserialize, IntoParams)]
pub struct CountPageQuery {
    /// Only the lines counted so far.
    #[serde(default)]
    pub counted: bool,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

async fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<stock_count::Model> {
    control::find_count(&state.db, auth.tenant()?, id)
        .await?
        .filter(|c| auth.can_access_outlet(&c.outlet_id))
        .ok_or(ApiError::NotFound("Stok opname"))
}

fn status_of(c: &stock_count::Model) -> CountStatus {
    CountStatus::parse(&c.status).unwrap_or(CountStatus::Cancelled)
}

async fn view(
    state: &AppState,
    auth: &Auth,
    c: stock_count::Model,
    only_counted: bool,
    limit: u64,
    offset: u64,
) -> ApiResult<CountView> {
    let tenant_id = auth.tenant()?;
    let (lines_total, lines_counted) = control::count_progress(&state.db, tenant_id, &c.id).await?;
    let lines =
        control::count_lines(&state.db, tenant_id, &c.id, only_counted, limit, offset).await?;
    let ids: Vec<String> = lines.iter().map(|l| l.product_id.clone()).collect();
    let products = stock::products_by_id(&state.db, tenant_id, &ids).await?;
    let status = status_of(&c);
    // Blind: what is expected stays hidden from everyone until the count is closed.
    let show_expected = !c.blind || status != CountStatus::Counting;
    Ok(CountView {
        lines: lines
            .into_iter()
            .map(|l| {
                let p = products.get(&l.product_id);
                let variance = l.counted_milli.map(|c| c.0 - l.expected_milli.0);
                CountLineView {
                    sku: p.map(|p| p.sku.clone()).unwrap_or_default(),
                    name: p.map(|p| p.name.clone()).unwrap_or_default(),
                    unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
                    expected: show_expected.then(|| l.expected_milli.text()),
                    counted: l.counted_milli.map(Milli::text),
                    variance: variance.filter(|_| show_expected).map(|v| Milli(v).text()),
                    variance_value: match (variance, l.unit_cost_sen) {
                        (Some(v), Some(cost)) => Some(
                            (Milli(v).dec() * cost.dec())
                                .round_dp(2)
                                .normalize()
                                .to_string(),
                        ),
                        _ => None,
                    },
                    product_id: l.product_id,
                }
            })
            .collect(),
        id: c.id,
        number: c.number,
        outlet_id: c.outlet_id,
        status,
        blind: c.blind,
        frozen_at: c.frozen_at,
        note: c.note,
        lines_total,
        lines_counted,
        variance_value: c.variance_value_sen.map(Sen::text),
        limit,
        offset,
    })
}

#[utoipa::path(post, path = "/stock-counts", tag = "stock", request_body = CountInput,
    responses((status = 201, body = CountView), (status = 409, description = "Made at the same instant as another; send again"), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<CountInput>,
) -> ApiResult<(StatusCode, Json<CountView>)> {
    auth.require(Permission::ADJUST_STOCK)?;
    let tenant_id = auth.tenant()?.to_string();
    let o = accessible(&state, &auth, &req.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let category = match req.category_id.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(
            catalogue::find_category(&state.db, &tenant_id, c)
                .await?
                .ok_or_else(|| ApiError::validation("category_id", "Kategori tidak ditemukan."))?
                .id,
        ),
        None => None,
    };
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, true)?,
        None => None,
    };
    let user_id = auth.user.id.clone();
    let prefix = format!("SO-{}-", Utc::now().format("%Y%m"));
    let created = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            // The freeze: what the ledger says now is what the count is compared with.
            let frozen_at = now_text();
            let ids = control::product_ids_for_count(txn, &tenant_id, category.as_deref()).await?;
            let levels = stock::stock_levels(txn, &tenant_id, &o.id, None).await?;
            let count_id = new_id();
            let lines: Vec<stock_count_line::ActiveModel> = ids
                .iter()
                .map(|pid| stock_count_line::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.clone()),
                    count_id: Set(count_id.clone()),
                    product_id: Set(pid.clone()),
                    expected_milli: Set(Milli(levels.get(pid).copied().unwrap_or(0))),
                    counted_milli: Set(None),
                    counted_by: Set(None),
                    counted_at: Set(None),
                    unit_cost_sen: Set(None),
                })
                .collect();
            let number = control::next_count_number(txn, &tenant_id, &prefix).await?;
            let c = control::insert_count(
                txn,
                stock_count::ActiveModel {
                    id: Set(count_id),
                    tenant_id: Set(tenant_id.clone()),
                    outlet_id: Set(o.id.clone()),
                    number: Set(number),
                    status: Set(CountStatus::Counting.as_str().to_string()),
                    blind: Set(req.blind),
                    category_id: Set(category),
                    frozen_at: Set(frozen_at),
                    note: Set(note),
                    created_by: Set(user_id),
                    approved_by: Set(None),
                    closed_at: Set(None),
                    variance_value_sen: Set(None),
                },
                lines,
            )
            .await?;
            audit
                .record(
                    Change::new("stock_count.create", "stock_count", &c.id)
                        .outlet(&c.outlet_id)
                        .after(json!({"number": c.number, "lines": ids.len(), "blind": c.blind})),
                )
                .await?;
            Ok(c)
        })
    })
    .await?;
    let v = view(&state, &auth, created, false, 100, 0).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

#[utoipa::path(get, path = "/stock-counts/{id}", tag = "stock", params(("id" = String, Path), CountPageQuery),
    responses((status = 200, body = CountView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<CountPageQuery>,
) -> ApiResult<Json<CountView>> {
    auth.require(Permission::COUNT_STOCK)?;
    let c = load(&state, &auth, &id).await?;
    let (limit, offset) = input::page(q.limit, q.offset, 100, 500)?;
    Ok(Json(
        view(&state, &auth, c, q.counted, limit, offset).await?,
    ))
}

#[utoipa::path(post, path = "/stock-counts/{id}/lines", tag = "stock", params(("id" = String, Path)),
    request_body = CountEntry,
    responses((status = 200, body = CountLineView, description = "The line as counted now"),
        (status = 404), (status = 409, description = "`invalid_status`: the count is closed"), (status = 422)))]
pub async fn count(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<CountEntry>,
) -> ApiResult<Json<CountLineView>> {
    auth.require(Permission::COUNT_STOCK)?;
    let c = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let quantity = Decimal::from_str_exact(req.quantity.trim())
        .map_err(|_| ApiError::validation("quantity", "Jumlah harus angka."))?;
    if quantity < Decimal::ZERO || (req.add && quantity.is_zero()) {
        return Err(ApiError::validation(
            "quantity",
            "Jumlah hitung tidak boleh negatif.",
        ));
    }
    let milli = if quantity.is_zero() {
        0
    } else {
        stock::to_milli(input::quantity("quantity", quantity)?)?
    };
    let product_id = match (&req.product_id, &req.barcode) {
        (Some(p), _) if !p.is_empty() => p.clone(),
        (_, Some(code)) if !code.trim().is_empty() => {
            catalogue::barcode_owners(&state.db, &tenant_id, &[code.trim().to_string()])
                .await?
                .into_iter()
                .next()
                .map(|(_, owner)| owner)
                .ok_or_else(|| ApiError::validation("barcode", "Barcode tidak dikenal."))?
        }
        _ => {
            return Err(ApiError::validation(
                "product_id",
                "Produk atau barcode wajib diisi.",
            ))
        }
    };
    let user_id = auth.user.id.clone();
    let add = req.add;
    let count_id = c.id.clone();
    let pid = product_id.clone();
    audited(&state.db, Actor::of(&auth), move |txn, _audit| {
        Box::pin(async move {
            control::lock_count(txn, &tenant_id, &count_id).await?;
            let current = control::find_count(txn, &tenant_id, &count_id)
                .await?
                .ok_or(ApiError::NotFound("Stok opname"))?;
            if !status_of(&current).can_count() {
                return Err(ApiError::conflict(
                    "invalid_status",
                    "Stok opname ini sudah ditutup.",
                ));
            }
            let now = now_text();
            let counted = control::Counted {
                tenant_id: &tenant_id,
                count_id: &count_id,
                product_id: &pid,
                milli,
                add,
                user_id: &user_id,
                now: &now,
            };
            if !control::record_count(txn, counted).await? {
                return Err(ApiError::validation(
                    "product_id",
                    "Produk ini tidak termasuk stok opname ini.",
                ));
            }
            Ok(())
        })
    })
    .await?;
    let c = load(&state, &auth, &id).await?;
    let v = view(&state, &auth, c, true, 500, 0).await?;
    // The page holds counted lines by product id; find the one just counted.
    let mut lines = v.lines.into_iter();
    let line = lines.find(|l| l.product_id == product_id);
    match line {
        Some(l) => Ok(Json(l)),
        None => Ok(Json(CountLineView {
            product_id,
            sku: String::new(),
            name: String::new(),
            unit: String::new(),
            expected: None,
            counted: Some(Milli(milli).text()),
            variance: None,
            variance_value: None,
        })),
    }
}

/// Lines read per round while posting an approval's differences.
const APPROVE_PAGE: u64 = 500;

#[utoipa::path(post, path = "/stock-counts/{id}/approve", tag = "stock", params(("id" = String, Path)),
    request_body = ApproveCountInput,
    responses((status = 200, body = CountView, description = "Differences posted to the ledger at cost"),
        (status = 404), (status = 409, description = "`invalid_status`")))]
pub async fn approve(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ApproveCountInput>,
) -> ApiResult<Json<CountView>> {
    auth.require(Permission::ADJUST_STOCK)?;
    let c = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let reason = match req.reason.as_deref() {
        Some(r) => input::text("reason", r, input::NOTE_CHARS_MAX, false)?,
        None => None,
    }
    .unwrap_or_else(|| "Selisih stok opname".to_string());
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let saved = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            control::lock_count(txn, &tenant_id, &c.id).await?;
            let current = control::find_count(txn, &tenant_id, &c.id)
                .await?
                .ok_or(ApiError::NotFound("Stok opname"))?;
            let to = status_of(&current)
                .close(true)
                .map_err(|_| ApiError::conflict("invalid_status", "Stok opname ini sudah ditutup."))?;
            let mut value = Decimal::ZERO;
            let mut posted = 0u64;
            let mut after = String::new();
            loop {
                let page = control::counted_after(txn, &tenant_id, &current.id, &after, APPROVE_PAGE).await?;
                let Some(last) = page.last() else { break };
                after = last.product_id.clone();
                let ids: Vec<String> = page.iter().map(|l| l.product_id.clone()).collect();
                let products = stock::products_by_id(txn, &tenant_id, &ids).await?;
                let known = costs::unit_costs(txn, &tenant_id, &current.outlet_id, ids.clone()).await?;
                for l in &page {
                    let counted = l.counted_milli.map_or(0, |m| m.0);
                    let variance = counted - l.expected_milli.0;
                    let cost = known
                        .get(&l.product_id)
                        .copied()
                        .or_else(|| products.get(&l.product_id).map(|p| p.cost_sen))
                        .unwrap_or(Sen::ZERO);
                    control::set_line_cost(txn, &l.id, cost).await?;
                    if variance == 0 {
                        continue;
                    }
                    value += (Milli(variance).dec() * cost.dec()).round_dp(2);
                    posted += 1;
                    stock::record_movement(
                        txn,
                        stock::Movement {
                            tenant_id: &tenant_id,
                            outlet_id: &current.outlet_id,
                            product_id: &l.product_id,
                            kind: "stock_count",
                            quantity: Milli(variance).dec(),
                            reference: Some(&current.number),
                            reason: Some(&reason),
                            user_id: Some(&user_id),
                            device_id: device_id.as_deref(),
                        },
                    )
                    .await?;
                }
            }
            let mut row: stock_count::ActiveModel = current.clone().into();
            row.status = Set(to.as_str().to_string());
            row.approved_by = Set(Some(user_id.clone()));
            row.closed_at = Set(Some(now_text()));
            row.variance_value_sen = Set(Some(Sen::of(value)?));
            let saved = control::save_count(txn, row).await?;
            audit
                .record(
                    Change::new("stock_count.approve", "stock_count", &saved.id)
                        .outlet(&saved.outlet_id)
                        .after(json!({"number": saved.number, "differences": posted, "value": Sen::of(value)?.text(), "reason": reason})),
                )
                .await?;
            Ok(saved)
        })
    })
    .await?;
    Ok(Json(view(&state, &auth, saved, true, 100, 0).await?))
}

#[derive(Deserialize, IntoParams)]
pub struct CountListQuery {
    pub outlet_id: Option<String>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CountPage {
    /// Each count with its progress (no lines: open one for them).
    pub items: Vec<CountView>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

#[utoipa::path(get, path = "/stock-counts", tag = "stock", params(CountListQuery),
    responses((status = 200, body = CountPage)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<CountListQuery>,
) -> ApiResult<Json<CountPage>> {
    auth.require(Permission::COUNT_STOCK)?;
    let tenant_id = auth.tenant()?;
    let (limit, offset) = input::page(q.limit, q.offset, 25, 100)?;
    let outlets: Option<Vec<String>> = match (&q.outlet_id, &auth.outlet_ids) {
        (Some(o), _) => Some(vec![o.clone()]),
        (None, Some(mine)) => Some(mine.clone()),
        (None, None) => None,
    };
    let (rows, total) =
        control::list_counts(&state.db, tenant_id, outlets.as_deref(), limit, offset).await?;
    let mut items = Vec::with_capacity(rows.len());
    for c in rows
        .into_iter()
        .filter(|c| auth.can_access_outlet(&c.outlet_id))
    {
        items.push(view(&state, &auth, c, true, 0, 0).await?);
    }
    Ok(Json(CountPage {
        items,
        total,
        limit,
        offset,
    }))
}
