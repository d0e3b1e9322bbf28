use std::collections::{HashMap, HashSet};

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
pub use domain::api::inventory::{OutletPriceView, ProductDetail, ProductPage, ProductView};
use sea_orm::{ConnectionTrait, Set};
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use super::rules;
use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::entity::product;
use crate::modules::inventory::repo::catalogue as repo;

#[derive(Deserialize, ToSchema)]
pub struct VariantInput {
    pub sku: Option<String>,
    /// Label, e.g. `L / Merah`.
    pub variant: Option<String>,
    /// Defaults to the parent's price.
    pub price: Option<String>,
    /// Defaults to the parent's cost.
    pub cost: Option<String>,
    pub barcodes: Option<Vec<String>>,
}

/// Create: `sku`, `name` and `price` are required. Update: every field is optional;
/// `barcodes` replaces the list; an empty `category_id` or `image_url` clears it.
#[derive(Deserialize, ToSchema)]
pub struct ProductInput {
    pub sku: Option<String>,
    pub name: Option<String>,
    /// Only on a variant row (update).
    pub variant: Option<String>,
    pub category_id: Option<String>,
    pub unit: Option<String>,
    pub cost: Option<String>,
    pub price: Option<String>,
    pub tax: Option<String>,
    pub active: Option<bool>,
    pub image_url: Option<String>,
    pub barcodes: Option<Vec<String>>,
    /// Receipts need a batch number; stock leaves first-expiry-first-out.
    pub tracks_batches: Option<bool>,
    /// Create only: each variant becomes its own product row grouped under this one.
    pub variants: Option<Vec<VariantInput>>,
}

#[derive(Deserialize, IntoParams)]
pub struct ProductFilter {
    /// Case-insensitive search in name, SKU, variant and barcodes.
    pub q: Option<String>,
    pub category_id: Option<String>,
    pub active: Option<bool>,
    /// Default 50, at most 500.
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

pub(super) fn view(
    p: product::Model,
    barcodes: &mut HashMap<String, Vec<String>>,
    categories: &HashMap<String, String>,
) -> ProductView {
    ProductView {
        barcodes: barcodes.remove(&p.id).unwrap_or_default(),
        category: p
            .category_id
            .as_ref()
            .and_then(|c| categories.get(c))
            .cloned(),
        id: p.id,
        group_id: p.group_id,
        sku: p.sku,
        name: p.name,
        variant: p.variant,
        category_id: p.category_id,
        unit: p.unit,
        cost: p.cost_sen.text(),
        price: p.price_sen.text(),
        tax: p.tax,
        active: p.active,
        image_url: p.image_url,
        tracks_batches: p.tracks_batches,
        created_at: p.created_at.to_rfc3339(),
        updated_at: p.updated_at.to_rfc3339(),
    }
}

pub(super) fn snapshot(p: &product::Model, barcodes: &[String]) -> serde_json::Value {
    json!({
        "sku": p.sku, "name": p.name, "variant": p.variant, "group_id": p.group_id,
        "category_id": p.category_id, "unit": p.unit, "cost": p.cost_sen.text(), "price": p.price_sen.text(),
        "tax": p.tax, "active": p.active, "image_url": p.image_url, "barcodes": barcodes,
        "tracks_batches": p.tracks_batches,
    })
}

pub(super) async fn category_names<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> ApiResult<HashMap<String, String>> {
    Ok(repo::list_categories(db, tenant_id)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

pub(super) async fn views<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    rows: Vec<product::Model>,
) -> ApiResult<Vec<ProductView>> {
    let ids: Vec<String> = rows.iter().map(|p| p.id.clone()).collect();
    let mut barcodes = repo::barcodes_of(db, tenant_id, &ids).await?;
    let categories = category_names(db, tenant_id).await?;
    Ok(rows
        .into_iter()
        .map(|p| view(p, &mut barcodes, &categories))
        .collect())
}

pub(super) async fn detail<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    p: product::Model,
) -> ApiResult<ProductDetail> {
    let variants = repo::variants_of(db, tenant_id, &p.id).await?;
    let prices = repo::outlet_prices_of_product(db, tenant_id, &p.id).await?;
    let mut all = views(db, tenant_id, std::iter::once(p).chain(variants).collect()).await?;
    let product = all.remove(0);
    Ok(ProductDetail {
        product,
        variants: all,
        outlet_prices: prices
            .into_iter()
            .map(|op| OutletPriceView {
                outlet_id: op.outlet_id,
                price: op.price_sen.text(),
            })
            .collect(),
    })
}

pub(super) async fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<product::Model> {
    repo::find_product(&state.db, auth.tenant()?, id)
        .await?
        .ok_or(ApiError::NotFound("Produk"))
}

pub(super) async fn check_category<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    category_id: &str,
) -> ApiResult<Option<String>> {
    let id = category_id.trim();
    if id.is_empty() {
        return Ok(None);
    }
    repo::find_category(db, tenant_id, id)
        .await?
        .map(|c| Some(c.id))
        .ok_or_else(|| ApiError::validation("category_id", "Kategori tidak ditemukan."))
}

/// Refuses SKUs and barcodes used twice in the request or already used by another product.
pub(super) async fn check_unique<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    skus: &[String],
    barcodes: &[String],
    except_id: Option<&str>,
) -> ApiResult<()> {
    let mut seen = HashSet::new();
    for s in skus {
        if !seen.insert(s) {
            return Err(sku_taken(s));
        }
    }
    if let Some((sku, _)) = repo::sku_owners(db, tenant_id, skus)
        .await?
        .into_iter()
        .find(|(_, id)| Some(id.as_str()) != except_id)
    {
        return Err(sku_taken(&sku));
    }
    let mut seen = HashSet::new();
    for b in barcodes {
        if !seen.insert(b) {
            return Err(ApiError::conflict(
                "barcode_taken",
                format!("Barcode {b} tercantum lebih dari sekali."),
            ));
        }
    }
    if let Some((code, owner)) = repo::barcode_owners(db, tenant_id, barcodes)
        .await?
        .into_iter()
        .find(|(_, id)| Some(id.as_str()) != except_id)
    {
        let owner_sku = repo::find_product(db, tenant_id, &owner)
            .await?
            .map(|p| p.sku)
            .unwrap_or_default();
        return Err(ApiError::conflict(
            "barcode_taken",
            format!("Barcode {code} sudah dipakai produk {owner_sku}."),
        ));
    }
    Ok(())
}

pub(super) fn sku_taken(sku: &str) -> ApiError {
    ApiError::conflict("sku_taken", format!("SKU {sku} sudah dipakai."))
}

/// The largest `offset` of a product page.
pub const OFFSET_MAX: u64 = 1_000_000;

#[utoipa::path(get, path = "/products", tag = "catalogue", params(ProductFilter),
    responses((status = 200, body = ProductPage)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(f): Query<ProductFilter>,
) -> ApiResult<Json<ProductPage>> {
    auth.require(Permission::VIEW_CATALOGUE)?;
    let tenant_id = auth.tenant()?;
    let limit = f.limit.unwrap_or(50).clamp(1, 500);
    let offset = f.offset.unwrap_or(0);
    if offset > OFFSET_MAX {
        // The database binds it as a signed 64-bit number; no catalogue is this long.
        return Err(ApiError::validation(
            "offset",
            format!("offset paling besar {OFFSET_MAX}."),
        ));
    }
    let filter = repo::ProductFilter {
        q: f.q,
        category_id: f.category_id,
        active: f.active,
        limit,
        offset,
    };
    let (rows, total) = repo::search_products(&state.db, tenant_id, &filter).await?;
    Ok(Json(ProductPage {
        items: views(&state.db, tenant_id, rows).await?,
        total,
        limit,
        offset,
    }))
}

#[utoipa::path(get, path = "/products/{id}", tag = "catalogue",
    params(("id" = String, Path)),
    responses((status = 200, body = ProductDetail, description = "With its variants, barcodes and outlet prices"), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ProductDetail>> {
    auth.require(Permission::VIEW_CATALOGUE)?;
    let p = load(&state, &auth, &id).await?;
    Ok(Json(detail(&state.db, auth.tenant()?, p).await?))
}

struct NewRow {
    model: product::Model,
    barcodes: Vec<String>,
}

#[utoipa::path(post, path = "/products", tag = "catalogue", request_body = ProductInput,
    responses((status = 201, body = ProductDetail),
        (status = 409, description = "`sku_taken` or `barcode_taken`"), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<ProductInput>,
) -> ApiResult<(StatusCode, Json<ProductDetail>)> {
    auth.require(Permission::MANAGE_CATALOGUE)?;
    let tenant_id = auth.tenant()?.to_string();
    let now = Utc::now();
    let parent_id = new_id();
    let name = rules::name("name", req.name.as_deref().unwrap_or_default())?;
    let parent = product::Model {
        id: parent_id.clone(),
        tenant_id: tenant_id.clone(),
        group_id: None,
        sku: rules::sku("sku", req.sku.as_deref().unwrap_or_default())?,
        name: name.clone(),
        variant: None,
        category_id: None,
        unit: rules::unit("unit", req.unit.as_deref().unwrap_or("pcs"))?,
        cost_sen: rules::cost("cost", req.cost.as_deref().unwrap_or("0"))?,
        price_sen: rules::price("price", req.price.as_deref().unwrap_or_default())?,
        tax: rules::tax("tax", req.tax.as_deref().unwrap_or("none"))?,
        active: req.active.unwrap_or(true),
        image_url: rules::image_url("image_url", req.image_url.as_deref().unwrap_or_default())?,
        tracks_batches: req.tracks_batches.unwrap_or(false),
        created_at: now,
        updated_at: now,
    };
    let mut rows = vec![NewRow {
        barcodes: rules::barcodes("barcodes", req.barcodes.as_deref().unwrap_or_default())?,
        model: parent.clone(),
    }];
    let mut labels = HashSet::new();
    for (i, v) in req.variants.iter().flatten().enumerate() {
        let f = |name: &str| format!("variants[{i}].{name}");
        let label = rules::variant(&f("variant"), v.variant.as_deref().unwrap_or_default())?
            .ok_or_else(|| ApiError::validation(f("variant"), "Nama varian wajib diisi."))?;
        if !labels.insert(label.to_lowercase()) {
            return Err(ApiError::validation(
                f("variant"),
                format!("Varian {label} tercantum dua kali."),
            ));
        }
        rows.push(NewRow {
            barcodes: rules::barcodes(&f("barcodes"), v.barcodes.as_deref().unwrap_or_default())?,
            model: product::Model {
                id: new_id(),
                group_id: Some(parent_id.clone()),
                sku: rules::sku(&f("sku"), v.sku.as_deref().unwrap_or_default())?,
                variant: Some(label),
                cost_sen: match &v.cost {
                    Some(c) => rules::cost(&f("cost"), c)?,
                    None => parent.cost_sen,
                },
                price_sen: match &v.price {
                    Some(p) => rules::price(&f("price"), p)?,
                    None => parent.price_sen,
                },
                ..parent.clone()
            },
        });
    }
    if rows.len() > 201 {
        return Err(ApiError::validation(
            "variants",
            "Paling banyak 200 varian per produk.",
        ));
    }
    let category_id = req.category_id.clone();
    let actor = Actor::of(&auth);
    let created = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let category_id = match &category_id {
                Some(c) => check_category(txn, &tenant_id, c).await?,
                None => None,
            };
            let skus: Vec<String> = rows.iter().map(|r| r.model.sku.clone()).collect();
            let codes: Vec<String> = rows.iter().flat_map(|r| r.barcodes.clone()).collect();
            check_unique(txn, &tenant_id, &skus, &codes, None).await?;
            let mut barcode_rows = Vec::new();
            for r in &mut rows {
                r.model.category_id = category_id.clone();
                repo::insert_product(txn, r.model.clone().into()).await?;
                barcode_rows.extend(r.barcodes.iter().map(|c| (r.model.id.clone(), c.clone())));
            }
            repo::insert_barcodes(txn, &tenant_id, barcode_rows).await?;
            for r in &rows {
                audit
                    .record(
                        Change::new("product.create", "product", &r.model.id)
                            .after(snapshot(&r.model, &r.barcodes)),
                    )
                    .await?;
            }
            let parent = rows.swap_remove(0).model;
            detail(txn, &tenant_id, parent).await
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(patch, path = "/products/{id}", tag = "catalogue", request_body = ProductInput,
    params(("id" = String, Path)),
    responses((status = 200, body = ProductDetail), (status = 404),
        (status = 409, description = "`sku_taken` or `barcode_taken`"), (status = 422)))]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ProductInput>,
) -> ApiResult<Json<ProductDetail>> {
    auth.require(Permission::MANAGE_CATALOGUE)?;
    let before = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    if req.variants.is_some() {
        return Err(ApiError::validation(
            "variants",
            "Varian baru hanya dapat ditambahkan saat membuat produk.",
        ));
    }
    let mut after = before.clone();
    if let Some(v) = &req.sku {
        after.sku = rules::sku("sku", v)?;
    }
    if let Some(v) = &req.name {
        after.name = rules::name("name", v)?;
    }
    if let Some(v) = &req.variant {
        if before.group_id.is_none() {
            return Err(ApiError::validation(
                "variant",
                "Hanya baris varian yang memiliki nama varian.",
            ));
        }
        after.variant = Some(
            rules::variant("variant", v)?
                .ok_or_else(|| ApiError::validation("variant", "Nama varian wajib diisi."))?,
        );
    }
    if let Some(v) = &req.unit {
        after.unit = rules::unit("unit", v)?;
    }
    if let Some(v) = &req.cost {
        after.cost_sen = rules::cost("cost", v)?;
    }
    if let Some(v) = &req.price {
        after.price_sen = rules::price("price", v)?;
    }
    if let Some(v) = &req.tax {
        after.tax = rules::tax("tax", v)?;
    }
    if let Some(v) = req.active {
        after.active = v;
    }
    if let Some(v) = req.tracks_batches {
        after.tracks_batches = v;
    }
    if let Some(v) = &req.image_url {
        after.image_url = rules::image_url("image_url", v)?;
    }
    let new_barcodes = match &req.barcodes {
        Some(b) => Some(rules::barcodes("barcodes", b)?),
        None => None,
    };
    after.updated_at = Utc::now();
    let category_id = req.category_id.clone();
    let actor = Actor::of(&auth);
    let updated = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            if let Some(c) = &category_id {
                after.category_id = check_category(txn, &tenant_id, c).await?;
            }
            let old_barcodes = repo::barcodes_of(txn, &tenant_id, std::slice::from_ref(&before.id))
                .await?
                .remove(&before.id)
                .unwrap_or_default();
            let skus = if after.sku != before.sku {
                vec![after.sku.clone()]
            } else {
                vec![]
            };
            check_unique(
                txn,
                &tenant_id,
                &skus,
                new_barcodes.as_deref().unwrap_or_default(),
                Some(&before.id),
            )
            .await?;
            let p = repo::update_product(txn, after.clone().into_active_model_all()).await?;
            if before.group_id.is_none() && p.name != before.name {
                repo::rename_variants(txn, &tenant_id, &p.id, &p.name).await?;
            }
            let barcodes = match new_barcodes {
                Some(codes) => {
                    repo::clear_barcodes(txn, &tenant_id, std::slice::from_ref(&p.id)).await?;
                    repo::insert_barcodes(
                        txn,
                        &tenant_id,
                        codes.iter().map(|c| (p.id.clone(), c.clone())).collect(),
                    )
                    .await?;
                    codes
                }
                None => old_barcodes.clone(),
            };
            audit
                .record(
                    Change::new("product.update", "product", &p.id)
                        .before(snapshot(&before, &old_barcodes))
                        .after(snapshot(&p, &barcodes)),
                )
                .await?;
            detail(txn, &tenant_id, p).await
        })
    })
    .await?;
    Ok(Json(updated))
}

trait IntoActiveAll {
    fn into_active_model_all(self) -> product::ActiveModel;
}

impl IntoActiveAll for product::Model {
    /// Every column marked as set, so the UPDATE writes the validated row as a whole.
    fn into_active_model_all(self) -> product::ActiveModel {
        product::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(self.id),
            tenant_id: sea_orm::ActiveValue::Unchanged(self.tenant_id),
            group_id: sea_orm::ActiveValue::Unchanged(self.group_id),
            sku: Set(self.sku),
            name: Set(self.name),
            variant: Set(self.variant),
            category_id: Set(self.category_id),
            unit: Set(self.unit),
            cost_sen: Set(self.cost_sen),
            price_sen: Set(self.price_sen),
            tax: Set(self.tax),
            active: Set(self.active),
            image_url: Set(self.image_url),
            tracks_batches: Set(self.tracks_batches),
            created_at: sea_orm::ActiveValue::Unchanged(self.created_at),
            updated_at: Set(self.updated_at),
        }
    }
}

#[utoipa::path(delete, path = "/products/{id}", tag = "catalogue",
    params(("id" = String, Path)),
    responses((status = 204, description = "Deactivated (with its variants); the rows stay for sales history"), (status = 404)))]
pub async fn deactivate(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::MANAGE_CATALOGUE)?;
    let before = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let actor = Actor::of(&auth);
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            repo::deactivate_group(txn, &tenant_id, &before.id).await?;
            audit
                .record(
                    Change::new("product.delete", "product", &before.id)
                        .before(json!({"sku": before.sku, "active": before.active}))
                        .after(json!({"sku": before.sku, "active": false})),
                )
                .await
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
