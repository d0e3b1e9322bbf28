//! Assembly: a bundle's recipe (parsel Lebaran = 2 syrups + 1 biscuit tin + …), and
//! bundles built from their components or taken apart at a location. The value moves
//! with the goods at average cost (`domain::assembly`); the check of what is on hand and
//! every movement are one transaction under the location's lock.
use std::collections::HashSet;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::api::inventory::{
    AssemblyInput, AssemblyPage, AssemblyPartView, AssemblyView, BundleView, ComponentView,
    ComponentsInput,
};
use domain::assembly::{self as rule, AssemblyError, Part, PARTS_MAX};
use domain::purchasing::cost::CostPool;
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, Set};
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
use crate::modules::inventory::entity::{assembly, product, product_component};
use crate::modules::inventory::repo::{assembly as repo, costs, stock};
use crate::platform::api::outlets::accessible;

/// `build` or `take_apart`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Build,
    TakeApart,
}

impl Direction {
    fn parse(text: &str) -> ApiResult<Direction> {
        match text.trim() {
            "build" => Ok(Direction::Build),
            "take_apart" => Ok(Direction::TakeApart),
            _ => Err(ApiError::validation(
                "direction",
                "Arah harus build (rakit) atau take_apart (bongkar).",
            )),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Direction::Build => "build",
            Direction::TakeApart => "take_apart",
        }
    }
}

fn quantity(field: &str, text: &str) -> ApiResult<Decimal> {
    let q = Decimal::from_str_exact(text.trim())
        .map_err(|_| ApiError::validation(field, "Jumlah harus angka."))?;
    input::quantity(field, q)
}

async fn bundle_view(
    state: &AppState,
    tenant_id: &str,
    bundle: product::Model,
) -> ApiResult<BundleView> {
    let parts = repo::components(&state.db, tenant_id, &bundle.id).await?;
    let ids: Vec<String> = parts.iter().map(|c| c.component_id.clone()).collect();
    let products = stock::products_by_id(&state.db, tenant_id, &ids).await?;
    Ok(BundleView {
        product_id: bundle.id,
        sku: bundle.sku,
        name: bundle.name,
        components: parts
            .into_iter()
            .filter_map(|c| {
                let p = products.get(&c.component_id)?;
                Some(ComponentView {
                    product_id: c.component_id,
                    sku: p.sku.clone(),
                    name: p.name.clone(),
                    unit: p.unit.clone(),
                    quantity: c.quantity_milli.text(),
                })
            })
            .collect(),
    })
}

async fn load_product(state: &AppState, tenant_id: &str, id: &str) -> ApiResult<product::Model> {
    stock::products_by_id(&state.db, tenant_id, &[id.to_string()])
        .await?
        .remove(id)
        .ok_or(ApiError::NotFound("Produk"))
}

#[utoipa::path(get, path = "/products/{id}/components", tag = "stock", params(("id" = String, Path)),
    responses((status = 200, body = BundleView), (status = 404)))]
pub async fn get_components(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<BundleView>> {
    auth.require(Permission::VIEW_CATALOGUE)?;
    let tenant_id = auth.tenant()?;
    let bundle = load_product(&state, tenant_id, &id).await?;
    Ok(Json(bundle_view(&state, tenant_id, bundle).await?))
}

#[utoipa::path(put, path = "/products/{id}/components", tag = "stock", params(("id" = String, Path)),
    request_body = ComponentsInput,
    responses((status = 200, body = BundleView), (status = 404), (status = 422)))]
pub async fn set_components(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ComponentsInput>,
) -> ApiResult<Json<BundleView>> {
    auth.require(Permission::MANAGE_CATALOGUE)?;
    let tenant_id = auth.tenant()?.to_string();
    let bundle = load_product(&state, &tenant_id, &id).await?;
    if req.components.len() > PARTS_MAX {
        return Err(ApiError::validation(
            "components",
            format!("Paling banyak {PARTS_MAX} komponen."),
        ));
    }
    let mut seen = HashSet::new();
    let mut wanted = Vec::with_capacity(req.components.len());
    for (i, c) in req.components.iter().enumerate() {
        let field = |f: &str| format!("components[{i}].{f}");
        let product_id = c.product_id.trim().to_string();
        if product_id == bundle.id {
            return Err(ApiError::validation(
                field("product_id"),
                "Parsel tidak bisa berisi dirinya sendiri.",
            ));
        }
        if !seen.insert(product_id.clone()) {
            return Err(ApiError::validation(
                field("product_id"),
                "Produk ini sudah ada di daftar komponen.",
            ));
        }
        wanted.push((product_id, quantity(&field("quantity"), &c.quantity)?));
    }
    let ids: Vec<String> = wanted.iter().map(|(p, _)| p.clone()).collect();
    let products = stock::products_by_id(&state.db, &tenant_id, &ids).await?;
    if let Some(i) = ids.iter().position(|p| !products.contains_key(p)) {
        return Err(ApiError::validation(
            format!("components[{i}].product_id"),
            "Produk tidak ditemukan.",
        ));
    }
    let actor = Actor::of(&auth);
    let bundle_id = bundle.id.clone();
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            // One level only: a bundle's components are ordinary products, and a
            // bundle is no other bundle's component, so no recipe can contain itself.
            if !wanted.is_empty() {
                if let Some(nested) = repo::any_bundle(txn, &tenant_id, &ids).await? {
                    let i = ids.iter().position(|p| *p == nested).unwrap_or(0);
                    return Err(ApiError::validation(
                        format!("components[{i}].product_id"),
                        "Komponen ini sendiri sebuah parsel; parsel tidak bisa berisi parsel.",
                    ));
                }
                if repo::is_component(txn, &tenant_id, &bundle_id).await? {
                    return Err(ApiError::validation(
                        "components",
                        "Produk ini komponen parsel lain; parsel tidak bisa berisi parsel.",
                    ));
                }
            }
            let before = repo::components(txn, &tenant_id, &bundle_id).await?;
            let rows = wanted
                .iter()
                .enumerate()
                .map(|(i, (product_id, q))| {
                    Ok(product_component::ActiveModel {
                        tenant_id: Set(tenant_id.clone()),
                        bundle_id: Set(bundle_id.clone()),
                        component_id: Set(product_id.clone()),
                        quantity_milli: Set(Milli::of(*q)?),
                        position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
                    })
                })
                .collect::<ApiResult<Vec<_>>>()?;
            repo::replace(txn, &tenant_id, &bundle_id, rows).await?;
            let listed = |rows: Vec<(String, String)>| {
                rows.into_iter()
                    .map(|(p, q)| json!({"product_id": p, "quantity": q}))
                    .collect::<Vec<_>>()
            };
            audit
                .record(
                    Change::new("product.components", "product", &bundle_id)
                        .before(json!({"components": listed(before.into_iter()
                            .map(|c| (c.component_id, c.quantity_milli.text())).collect())}))
                        .after(json!({"components": listed(wanted.iter()
                            .map(|(p, q)| (p.clone(), q.to_string())).collect())})),
                )
                .await
        })
    })
    .await?;
    Ok(Json(bundle_view(&state, auth.tenant()?, bundle).await?))
}

#[derive(Deserialize, IntoParams)]
pub struct AssemblyFilter {
    pub outlet_id: String,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

fn view(row: assembly::Model, bundle: Option<&product::Model>) -> AssemblyView {
    AssemblyView {
        id: row.id,
        number: row.number,
        outlet_id: row.outlet_id,
        sku: bundle.map(|p| p.sku.clone()).unwrap_or_default(),
        name: bundle.map(|p| p.name.clone()).unwrap_or_default(),
        product_id: row.bundle_id,
        direction: row.direction,
        quantity: row.quantity_milli.text(),
        value: row.value_sen.text(),
        note: row.note,
        user_id: row.user_id,
        created_at: row.created_at,
        parts: Vec::new(),
    }
}

#[utoipa::path(get, path = "/assemblies", tag = "stock", params(AssemblyFilter),
    responses((status = 200, body = AssemblyPage), (status = 422)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<AssemblyFilter>,
) -> ApiResult<Json<AssemblyPage>> {
    auth.require(Permission::ADJUST_STOCK)?;
    let tenant_id = auth.tenant()?;
    let outlet = accessible(&state, &auth, &q.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let (limit, offset) = input::page(q.limit, q.offset, 20, 100)?;
    let (rows, total) = repo::page(&state.db, tenant_id, &outlet.id, limit, offset).await?;
    let mut ids: Vec<String> = rows.iter().map(|r| r.bundle_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let products = stock::products_by_id(&state.db, tenant_id, &ids).await?;
    Ok(Json(AssemblyPage {
        items: rows
            .into_iter()
            .map(|r| {
                let p = products.get(&r.bundle_id);
                view(r, p)
            })
            .collect(),
        total,
        limit,
        offset,
    }))
}

fn refused(e: AssemblyError) -> ApiError {
    match e {
        AssemblyError::NoParts => ApiError::conflict(
            "not_a_bundle",
            "Produk ini belum punya komponen; atur isi parselnya dulu.",
        ),
        AssemblyError::QuantityNotPositive => {
            ApiError::validation("quantity", "Jumlah harus lebih dari 0.")
        }
        other => ApiError::validation("quantity", other.to_string()),
    }
}

fn short(name: &str, on_hand: Decimal, needed: Decimal) -> ApiError {
    ApiError::conflict(
        "insufficient_stock",
        format!(
            "Stok {name} tidak cukup: tersedia {}, perlu {}.",
            on_hand.normalize(),
            needed.normalize()
        ),
    )
}

/// One assembly as the caller asked it: where, which bundle, which way, how many.
pub struct Assemble<'a> {
    pub tenant_id: &'a str,
    pub outlet_id: &'a str,
    pub bundle: &'a product::Model,
    pub direction: Direction,
    pub bundles: Decimal,
    pub note: Option<&'a str>,
    pub user_id: &'a str,
    pub device_id: Option<&'a str>,
    /// The number's prefix (`RK-YYYYMM-`).
    pub prefix: &'a str,
}

/// Builds or takes apart `a.bundles` in the caller's transaction: checks what is on
/// hand under the location's lock, moves the stock and the cost, records the assembly.
pub async fn assemble<C: ConnectionTrait>(
    txn: &C,
    a: Assemble<'_>,
) -> ApiResult<(assembly::Model, Vec<AssemblyPartView>)> {
    if !crate::platform::repo::outlets::lock(txn, a.tenant_id, a.outlet_id).await? {
        return Err(ApiError::validation("outlet_id", "Outlet tidak ditemukan."));
    }
    let recipe = repo::components(txn, a.tenant_id, &a.bundle.id).await?;
    let mut ids: Vec<String> = recipe.iter().map(|c| c.component_id.clone()).collect();
    let products = stock::products_by_id(txn, a.tenant_id, &ids).await?;
    ids.push(a.bundle.id.clone());
    let on_hand = stock::stock_levels(txn, a.tenant_id, a.outlet_id, Some(&ids)).await?;
    let known = costs::unit_costs(txn, a.tenant_id, a.outlet_id, ids.clone()).await?;
    let here = |p: &product::Model| Milli(on_hand.get(&p.id).copied().unwrap_or(0)).dec();
    let cost = |p: &product::Model| known.get(&p.id).copied().unwrap_or(p.cost_sen);
    let listed: Vec<(&product::Model, Decimal)> = recipe
        .iter()
        .filter_map(|c| Some((products.get(&c.component_id)?, c.quantity_milli.dec())))
        .collect();
    let rule_parts: Vec<Part> = listed
        .iter()
        .map(|(p, per)| Part {
            per_bundle: *per,
            unit_cost: cost(p).dec(),
        })
        .collect();
    let now = now_text();
    let number = repo::next_number(txn, a.tenant_id, a.prefix).await?;
    let mut bundle_pool = CostPool::opening(here(a.bundle), cost(a.bundle).dec());
    let (moves, value) = match a.direction {
        Direction::Build => {
            let moves = rule::build(&rule_parts, a.bundles).map_err(refused)?;
            for ((p, _), m) in listed.iter().zip(&moves) {
                if here(p) < m.quantity {
                    return Err(short(&p.name, here(p), m.quantity));
                }
            }
            let value: Decimal = moves.iter().map(|m| m.value).sum();
            bundle_pool
                .receive(a.bundles, value)
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("assembly cost: {e}")))?;
            (moves, value)
        }
        Direction::TakeApart => {
            if rule_parts.is_empty() {
                return Err(refused(AssemblyError::NoParts));
            }
            if here(a.bundle) < a.bundles {
                return Err(short(&a.bundle.name, here(a.bundle), a.bundles));
            }
            let value = bundle_pool
                .issue(a.bundles)
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("assembly cost: {e}")))?;
            let moves = rule::take_apart(&rule_parts, a.bundles, value).map_err(refused)?;
            (moves, value)
        }
    };
    let (parts_kind, bundle_kind, bundle_sign) = match a.direction {
        Direction::Build => ("assembly_out", "assembly_in", Decimal::ONE),
        Direction::TakeApart => ("assembly_in", "assembly_out", -Decimal::ONE),
    };
    let movement = |product_id: String, kind: &'static str, quantity: Decimal| {
        let number = number.clone();
        async move {
            stock::record_movement(
                txn,
                stock::Movement {
                    tenant_id: a.tenant_id,
                    outlet_id: a.outlet_id,
                    product_id: &product_id,
                    kind,
                    quantity,
                    reference: Some(&number),
                    reason: a.note,
                    user_id: Some(a.user_id),
                    device_id: a.device_id,
                },
            )
            .await
        }
    };
    let mut parts = Vec::with_capacity(moves.len());
    for ((p, _), m) in listed.iter().zip(&moves) {
        if a.direction == Direction::TakeApart {
            // The components come back at their share of the bundles' value.
            let mut pool = CostPool::opening(here(p), cost(p).dec());
            pool.receive(m.quantity, m.value)
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("assembly cost: {e}")))?;
            costs::set_unit_cost(
                txn,
                a.tenant_id,
                a.outlet_id,
                &p.id,
                Sen::of(pool.average())?,
                &now,
            )
            .await?;
            movement(p.id.clone(), parts_kind, m.quantity).await?;
        } else {
            movement(p.id.clone(), parts_kind, -m.quantity).await?;
        }
        parts.push(AssemblyPartView {
            product_id: p.id.clone(),
            sku: p.sku.clone(),
            name: p.name.clone(),
            quantity: m.quantity.normalize().to_string(),
            value: m.value.normalize().to_string(),
        });
    }
    if a.direction == Direction::Build {
        costs::set_unit_cost(
            txn,
            a.tenant_id,
            a.outlet_id,
            &a.bundle.id,
            Sen::of(bundle_pool.average())?,
            &now,
        )
        .await?;
    }
    movement(a.bundle.id.clone(), bundle_kind, bundle_sign * a.bundles).await?;
    let saved = repo::insert(
        txn,
        assembly::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(a.tenant_id.to_string()),
            outlet_id: Set(a.outlet_id.to_string()),
            number: Set(number.clone()),
            bundle_id: Set(a.bundle.id.clone()),
            direction: Set(a.direction.as_str().to_string()),
            quantity_milli: Set(Milli::of(a.bundles)?),
            value_sen: Set(Sen::of(value)?),
            note: Set(a.note.map(str::to_string)),
            user_id: Set(a.user_id.to_string()),
            device_id: Set(a.device_id.map(str::to_string)),
            created_at: Set(now),
        },
    )
    .await?;
    Ok((saved, parts))
}

#[utoipa::path(post, path = "/assemblies", tag = "stock", request_body = AssemblyInput,
    responses((status = 201, body = AssemblyView, description = "Built or taken apart; the stock moved"),
        (status = 409, description = "`insufficient_stock` or `not_a_bundle`"), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<AssemblyInput>,
) -> ApiResult<(StatusCode, Json<AssemblyView>)> {
    auth.require(Permission::ADJUST_STOCK)?;
    let tenant_id = auth.tenant()?.to_string();
    let outlet = accessible(&state, &auth, &req.outlet_id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    let direction = Direction::parse(&req.direction)?;
    let bundles = quantity("quantity", &req.quantity)?;
    let note = match req.note.as_deref() {
        Some(n) => input::text("note", n, input::NOTE_CHARS_MAX, false)?,
        None => None,
    };
    let bundle = load_product(&state, &tenant_id, &req.product_id)
        .await
        .map_err(|_| ApiError::validation("product_id", "Produk tidak ditemukan."))?;
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let outlet_id = outlet.id.clone();
    let prefix = format!("RK-{}-", Utc::now().format("%Y%m"));
    let (saved, parts) = audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            let (saved, parts) = assemble(
                txn,
                Assemble {
                    tenant_id: &tenant_id,
                    outlet_id: &outlet_id,
                    bundle: &bundle,
                    direction,
                    bundles,
                    note: note.as_deref(),
                    user_id: &user_id,
                    device_id: device_id.as_deref(),
                    prefix: &prefix,
                },
            )
            .await?;
            audit
                .record(
                    Change::new("assembly.create", "assembly", &saved.id)
                        .outlet(&saved.outlet_id)
                        .after(json!({"number": saved.number, "product_id": saved.bundle_id,
                            "direction": saved.direction, "quantity": bundles.to_string(),
                            "value": saved.value_sen.text(), "parts": parts.iter()
                                .map(|p| json!({"product_id": p.product_id, "quantity": p.quantity, "value": p.value}))
                                .collect::<Vec<_>>()})),
                )
                .await?;
            Ok((saved, parts))
        })
    })
    .await
    .map_err(|e| {
        if e.is_duplicate() {
            ApiError::conflict("number_taken", "Nomor rakitan bentrok; kirim lagi.")
        } else {
            e
        }
    })?;
    let bundle_row = stock::products_by_id(
        &state.db,
        auth.tenant()?,
        std::slice::from_ref(&saved.bundle_id),
    )
    .await?;
    let mut answer = view(saved.clone(), bundle_row.get(&saved.bundle_id));
    answer.parts = parts;
    Ok((StatusCode::CREATED, Json(answer)))
}
