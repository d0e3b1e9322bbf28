//! Suppliers: who the tenant buys from, on what terms, and what each supplies.
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::api::purchasing::{
    PaymentTerms, SupplierInput, SupplierProductInput, SupplierProductView, SupplierView,
};
use domain::purchasing::supplier::Npwp;
use domain::purchasing::unit::PurchaseUnit;
use rust_decimal::Decimal;
use sea_orm::Set;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use super::views::{decimal, supplier_view};
use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::input;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::repo::stock;
use crate::modules::purchasing::entity::supplier;
use crate::modules::purchasing::repo::suppliers as repo;

#[derive(Deserialize, IntoParams)]
pub struct Paging {
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct SupplierPage {
    pub items: Vec<SupplierView>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

/// A page of a purchasing list: 50 rows unless asked, at most 200.
pub fn page(limit: Option<u64>, offset: Option<u64>) -> ApiResult<(u64, u64)> {
    input::page(limit, offset, 50, 200)
}

#[utoipa::path(get, path = "/suppliers", tag = "purchasing", params(Paging),
    responses((status = 200, body = SupplierPage)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(p): Query<Paging>,
) -> ApiResult<Json<SupplierPage>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let (limit, offset) = page(p.limit, p.offset)?;
    let (rows, total) = repo::list(&state.db, auth.tenant()?, limit, offset).await?;
    Ok(Json(SupplierPage {
        items: rows.into_iter().map(supplier_view).collect(),
        total,
        limit,
        offset,
    }))
}

/// `+62…` from what people type (`0812…`, `62812…`, `+62 812-…`).
pub fn phone(field: &str, text: &str) -> ApiResult<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest.to_string()
    } else {
        digits
    };
    let ok_chars = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'));
    if !ok_chars || !(8..=13).contains(&national.len()) {
        return Err(ApiError::validation(
            field,
            "Nomor telepon tidak valid (contoh: 0812 3456 7890).",
        ));
    }
    Ok(format!("+62{national}"))
}

struct Fields {
    name: String,
    contact_name: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    npwp: Option<String>,
    pkp: bool,
    payment_terms: PaymentTerms,
    bank_account: Option<String>,
    active: bool,
}

fn fields(req: &SupplierInput, before: Option<&supplier::Model>) -> ApiResult<Fields> {
    let keep = |new: &Option<String>, old: Option<&Option<String>>| -> Option<String> {
        match new {
            Some(v) => Some(v.clone()),
            None => old.cloned().flatten(),
        }
    };
    let name = match (&req.name, before) {
        (Some(n), _) => input::required("name", n, input::NAME_CHARS_MAX, "Nama pemasok")?,
        (None, Some(b)) => b.name.clone(),
        (None, None) => return Err(ApiError::validation("name", "Nama pemasok wajib diisi.")),
    };
    let opt = |field: &str, v: Option<String>, max: usize| -> ApiResult<Option<String>> {
        match v {
            Some(t) => input::text(field, &t, max, false),
            None => Ok(None),
        }
    };
    let contact_name = opt(
        "contact_name",
        keep(&req.contact_name, before.map(|b| &b.contact_name)),
        input::NAME_CHARS_MAX,
    )?;
    let phone = match keep(&req.phone, before.map(|b| &b.phone)) {
        Some(p) if !p.trim().is_empty() => Some(phone("phone", &p)?),
        _ => None,
    };
    let address = opt(
        "address",
        keep(&req.address, before.map(|b| &b.address)),
        input::NOTE_CHARS_MAX,
    )?;
    let npwp = match keep(&req.npwp, before.map(|b| &b.npwp)) {
        Some(n) if !n.trim().is_empty() => Some(
            Npwp::parse(&n)
                .map_err(|_| {
                    ApiError::validation(
                        "npwp",
                        "NPWP harus 15 atau 16 angka (contoh: 01.234.567.8-901.000).",
                    )
                })?
                .digits()
                .to_string(),
        ),
        _ => None,
    };
    let pkp = req.pkp.or(before.map(|b| b.pkp)).unwrap_or(false);
    if pkp && npwp.is_none() {
        return Err(ApiError::validation(
            "npwp",
            "Pemasok PKP harus punya NPWP.",
        ));
    }
    let payment_terms = match (req.payment_terms, before) {
        (Some(t), _) => t,
        (None, Some(b)) => PaymentTerms::parse(&b.payment_terms).unwrap_or(PaymentTerms::Cash),
        (None, None) => PaymentTerms::Cash,
    };
    let bank_account = opt(
        "bank_account",
        keep(&req.bank_account, before.map(|b| &b.bank_account)),
        input::REFERENCE_CHARS_MAX,
    )?;
    Ok(Fields {
        name,
        contact_name,
        phone,
        address,
        npwp,
        pkp,
        payment_terms,
        bank_account,
        active: req.active.or(before.map(|b| b.active)).unwrap_or(true),
    })
}

fn name_taken() -> ApiError {
    ApiError::conflict("name_taken", "Nama pemasok sudah dipakai.")
}

fn snapshot(s: &supplier::Model) -> serde_json::Value {
    json!({"name": s.name, "phone": s.phone, "npwp": s.npwp, "pkp": s.pkp,
        "payment_terms": s.payment_terms, "bank_account": s.bank_account, "active": s.active})
}

#[utoipa::path(post, path = "/suppliers", tag = "purchasing", request_body = SupplierInput,
    responses((status = 201, body = SupplierView), (status = 409, description = "`name_taken`"), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<SupplierInput>,
) -> ApiResult<(StatusCode, Json<SupplierView>)> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let tenant_id = auth.tenant()?.to_string();
    let f = fields(&req, None)?;
    let created = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            if repo::name_taken(txn, &tenant_id, &f.name, None).await? {
                return Err(name_taken());
            }
            let s = repo::insert(
                txn,
                supplier::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.clone()),
                    name: Set(f.name),
                    contact_name: Set(f.contact_name),
                    phone: Set(f.phone),
                    address: Set(f.address),
                    npwp: Set(f.npwp),
                    pkp: Set(f.pkp),
                    payment_terms: Set(f.payment_terms.as_str().to_string()),
                    bank_account: Set(f.bank_account),
                    active: Set(f.active),
                    created_at: Set(Utc::now()),
                },
            )
            .await?;
            audit
                .record(Change::new("supplier.create", "supplier", &s.id).after(snapshot(&s)))
                .await?;
            Ok(s)
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(supplier_view(created))))
}

pub async fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<supplier::Model> {
    repo::find(&state.db, auth.tenant()?, id)
        .await?
        .ok_or(ApiError::NotFound("Pemasok"))
}

#[utoipa::path(get, path = "/suppliers/{id}", tag = "purchasing", params(("id" = String, Path)),
    responses((status = 200, body = SupplierView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<SupplierView>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    Ok(Json(supplier_view(load(&state, &auth, &id).await?)))
}

#[utoipa::path(patch, path = "/suppliers/{id}", tag = "purchasing", request_body = SupplierInput,
    params(("id" = String, Path)),
    responses((status = 200, body = SupplierView), (status = 404), (status = 409, description = "`name_taken`"), (status = 422)))]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<SupplierInput>,
) -> ApiResult<Json<SupplierView>> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let before = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let f = fields(&req, Some(&before))?;
    let updated = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            if repo::name_taken(txn, &tenant_id, &f.name, Some(&before.id)).await? {
                return Err(name_taken());
            }
            let mut row: supplier::ActiveModel = before.clone().into();
            row.name = Set(f.name);
            row.contact_name = Set(f.contact_name);
            row.phone = Set(f.phone);
            row.address = Set(f.address);
            row.npwp = Set(f.npwp);
            row.pkp = Set(f.pkp);
            row.payment_terms = Set(f.payment_terms.as_str().to_string());
            row.bank_account = Set(f.bank_account);
            row.active = Set(f.active);
            let s = repo::update(txn, row).await?;
            audit
                .record(
                    Change::new("supplier.update", "supplier", &s.id)
                        .before(snapshot(&before))
                        .after(snapshot(&s)),
                )
                .await?;
            Ok(s)
        })
    })
    .await?;
    Ok(Json(supplier_view(updated)))
}

#[utoipa::path(get, path = "/suppliers/{id}/products", tag = "purchasing", params(("id" = String, Path)),
    responses((status = 200, body = [SupplierProductView]), (status = 404)))]
pub async fn products(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<SupplierProductView>>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let s = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?;
    let offers = repo::products(&state.db, tenant_id, &s.id).await?;
    let ids: Vec<String> = offers.iter().map(|o| o.product_id.clone()).collect();
    let products = stock::products_by_id(&state.db, tenant_id, &ids).await?;
    let mut out: Vec<SupplierProductView> = offers
        .into_iter()
        .filter_map(|o| {
            let p = products.get(&o.product_id)?;
            Some(SupplierProductView {
                product_id: o.product_id,
                sku: p.sku.clone(),
                name: p.name.clone(),
                unit: p.unit.clone(),
                supplier_code: o.supplier_code,
                purchase_unit: o.purchase_unit,
                per_base: o.per_base_milli.text(),
                last_price: o.last_price_sen.map(Sen::text),
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Json(out))
}

#[utoipa::path(put, path = "/suppliers/{id}/products", tag = "purchasing", request_body = SupplierProductInput,
    params(("id" = String, Path)),
    responses((status = 204, description = "Saved (added or replaced)"), (status = 404), (status = 422)))]
pub async fn set_product(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<SupplierProductInput>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let s = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let products =
        stock::products_by_id(&state.db, &tenant_id, std::slice::from_ref(&req.product_id)).await?;
    let product = products
        .get(&req.product_id)
        .ok_or_else(|| ApiError::validation("product_id", "Produk tidak ditemukan."))?;
    let unit = purchase_unit(
        req.purchase_unit.as_deref(),
        req.per_base.as_deref(),
        &product.unit,
    )?;
    let last_price = match req.last_price.as_deref() {
        Some(t) if !t.trim().is_empty() => Some(Sen::of(input::amount(
            "last_price",
            decimal("last_price", t)?,
        )?)?),
        _ => None,
    };
    let supplier_code = match req.supplier_code.as_deref() {
        Some(c) => input::text("supplier_code", c, input::REFERENCE_CHARS_MAX, false)?,
        None => None,
    };
    let per_base = Milli::of(unit.per_base())?;
    let product_id = req.product_id.clone();
    audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            repo::upsert_offer(
                txn,
                repo::Offer {
                    tenant_id: &tenant_id,
                    supplier_id: &s.id,
                    product_id: &product_id,
                    supplier_code: supplier_code.clone(),
                    purchase_unit: unit.name().to_string(),
                    per_base,
                    last_price,
                },
            )
            .await?;
            audit
                .record(
                    Change::new("supplier.product", "supplier", &s.id).after(json!({
                        "product_id": product_id, "supplier_code": supplier_code,
                        "purchase_unit": unit.name(), "per_base": per_base.text(),
                        "last_price": last_price.map(Sen::text)})),
                )
                .await
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A unit of purchase from its name and size; the product's own unit when both are absent.
pub fn purchase_unit(
    name: Option<&str>,
    per_base: Option<&str>,
    product_unit: &str,
) -> ApiResult<PurchaseUnit> {
    match (name.map(str::trim).filter(|n| !n.is_empty()), per_base) {
        (None, None) => Ok(PurchaseUnit::base(product_unit)),
        (name, per) => {
            let per = match per {
                Some(t) => decimal("per_base", t)?,
                None => Decimal::ONE,
            };
            PurchaseUnit::new(name.unwrap_or(product_unit), per).map_err(|e| match e {
                domain::purchasing::unit::UnitError::Name => ApiError::validation(
                    "purchase_unit",
                    "Satuan beli wajib diisi, paling panjang 20 huruf.",
                ),
                domain::purchasing::unit::UnitError::PerBase => ApiError::validation(
                    "per_base",
                    "Isi satuan beli harus lebih dari 0 dan paling banyak 100.000 (maks. 3 desimal).",
                ),
            })
        }
    }
}
