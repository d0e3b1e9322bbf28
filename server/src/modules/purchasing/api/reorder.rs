//! The reorder list: products whose stock (with what is already on order) is at or under
//! their reorder point; for products without a point, those with less than a week of
//! cover at the last four weeks' pace. Each with a suggested quantity in the preferred
//! supplier's unit of purchase, ready to become an order.
use std::collections::{HashMap, HashSet};

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use domain::api::purchasing::{ReorderPage, ReorderPointInput, ReorderRow};
use domain::purchasing::unit::PurchaseUnit;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use super::suppliers::page;
use super::views::decimal;
use crate::kernel::audit::Actor;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::now_text;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Query};
use crate::kernel::input;
use crate::kernel::money::Milli;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::entity::{product, reorder_point};
use crate::modules::inventory::repo::{costs, stock};
use crate::modules::purchasing::repo::{orders, suppliers};
use crate::platform::api::outlets::accessible;
use crate::platform::entity::outlet;

/// Days of sales the pace is read over.
pub const PACE_DAYS: i64 = 28;
/// Without a reorder point: order when less than this many days of sales are left …
pub const COVER_DAYS_MIN: i64 = 7;
/// … enough for this many days.
pub const COVER_DAYS_TARGET: i64 = 21;

#[derive(Deserialize, IntoParams)]
pub struct ReorderQuery {
    pub outlet_id: String,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

async fn outlet_for(state: &AppState, auth: &Auth, id: &str) -> ApiResult<outlet::Model> {
    accessible(state, auth, id)
        .await?
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet atau gudang tidak ditemukan."))
}

/// What to order of one product, in base units, or nothing.
fn suggestion(
    available: i64,
    point: Option<&reorder_point::Model>,
    sold_milli: i64,
) -> Option<i64> {
    match point {
        Some(p) => (available <= p.point_milli.0).then(|| {
            let order = p.order_milli.0.max(1);
            // Never leave it under the point after the goods come.
            order.max(p.point_milli.0 - available + order.min(p.point_milli.0))
        }),
        None => {
            if sold_milli <= 0 {
                return None;
            }
            let week = sold_milli * COVER_DAYS_MIN / PACE_DAYS;
            let target = sold_milli * COVER_DAYS_TARGET / PACE_DAYS;
            (available < week).then(|| (target - available).max(1))
        }
    }
}

#[utoipa::path(get, path = "/reorder-suggestions", tag = "purchasing", params(ReorderQuery),
    responses((status = 200, body = ReorderPage), (status = 422)))]
pub async fn suggestions(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ReorderQuery>,
) -> ApiResult<Json<ReorderPage>> {
    auth.require(Permission::VIEW_PURCHASING)?;
    let tenant_id = auth.tenant()?;
    let o = outlet_for(&state, &auth, &q.outlet_id).await?;
    let (limit, offset) = page(q.limit, q.offset)?;
    let db = &state.db;
    let since = crate::kernel::business_day::stored(Utc::now() - Duration::days(PACE_DAYS));
    let on_hand = stock::stock_levels(db, tenant_id, &o.id, None).await?;
    let points: HashMap<String, reorder_point::Model> = costs::reorder_points(db, tenant_id, &o.id)
        .await?
        .into_iter()
        .map(|p| (p.product_id.clone(), p))
        .collect();
    let sold = costs::sold_since(db, tenant_id, &o.id, &since).await?;
    let on_order = orders::on_order(db, tenant_id, &o.id).await?;

    let candidates: HashSet<&String> = points.keys().chain(sold.keys()).collect();
    let mut wanted: Vec<(String, i64, i64)> = Vec::new();
    for id in candidates {
        let available =
            on_hand.get(id).copied().unwrap_or(0) + on_order.get(id).copied().unwrap_or(0);
        let sold_milli = sold.get(id).map_or(0, |m| m.0);
        if let Some(base) = suggestion(available, points.get(id), sold_milli) {
            wanted.push((id.clone(), base, sold_milli));
        }
    }
    let ids: Vec<String> = wanted.iter().map(|(id, _, _)| id.clone()).collect();
    let products: HashMap<String, product::Model> =
        crate::kernel::repo::in_chunks(ids.clone(), |chunk| async move {
            stock::products_by_id(db, tenant_id, &chunk)
                .await
                .map(|m| m.into_values().collect::<Vec<_>>())
        })
        .await?
        .into_iter()
        .filter(|p| p.active)
        .map(|p| (p.id.clone(), p))
        .collect();
    // The preferred supplier of each product: the cheapest per base unit it last charged.
    let mut offers: HashMap<String, crate::modules::purchasing::entity::supplier_product::Model> =
        HashMap::new();
    for offer in suppliers::offers_for(db, tenant_id, ids).await? {
        let per_base = |o: &crate::modules::purchasing::entity::supplier_product::Model| {
            o.last_price_sen.map(|p| {
                p.dec()
                    / o.per_base_milli
                        .dec()
                        .max(Decimal::ONE / Decimal::from(1000))
            })
        };
        let better = match offers.get(&offer.product_id) {
            None => true,
            Some(cur) => match (per_base(&offer), per_base(cur)) {
                (Some(a), Some(b)) => a < b,
                (Some(_), None) => true,
                _ => false,
            },
        };
        if better {
            offers.insert(offer.product_id.clone(), offer);
        }
    }
    let names = suppliers::names(
        db,
        tenant_id,
        offers.values().map(|o| o.supplier_id.clone()),
    )
    .await?;

    let mut rows: Vec<ReorderRow> = wanted
        .into_iter()
        .filter_map(|(id, base, sold_milli)| {
            let p = products.get(&id)?;
            let offer = offers.get(&id);
            let unit = offer
                .and_then(|o| PurchaseUnit::new(&o.purchase_unit, o.per_base_milli.dec()).ok());
            let base = Milli(base).dec();
            let (suggested_base, suggested_quantity) = match &unit {
                Some(u) => {
                    let units = (base / u.per_base()).ceil();
                    (u.to_base(units), Some(units.normalize().to_string()))
                }
                None => (base, None),
            };
            Some(ReorderRow {
                product_id: id.clone(),
                sku: p.sku.clone(),
                name: p.name.clone(),
                unit: p.unit.clone(),
                on_hand: Milli(on_hand.get(&id).copied().unwrap_or(0)).text(),
                on_order: Milli(on_order.get(&id).copied().unwrap_or(0)).text(),
                reorder_point: points.get(&id).map(|r| r.point_milli.text()),
                sold_28d: Milli(sold_milli).text(),
                suggested_base: suggested_base.normalize().to_string(),
                supplier_id: offer.map(|o| o.supplier_id.clone()),
                supplier_name: offer.and_then(|o| names.get(&o.supplier_id).cloned()),
                purchase_unit: unit.as_ref().map(|u| u.name().to_string()),
                per_base: unit.as_ref().map(|u| u.per_base().to_string()),
                suggested_quantity,
                last_price: offer.and_then(|o| o.last_price_sen.map(|p| p.text())),
            })
        })
        .collect();
    // By supplier (those with none last), then by name: a block per order to write.
    rows.sort_by(|a, b| {
        (a.supplier_name.is_none(), &a.supplier_name, &a.name).cmp(&(
            b.supplier_name.is_none(),
            &b.supplier_name,
            &b.name,
        ))
    });
    let total = rows.len() as u64;
    let items = rows
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(200))
        .collect();
    Ok(Json(ReorderPage {
        items,
        total,
        limit,
        offset,
    }))
}

#[utoipa::path(put, path = "/reorder-points", tag = "purchasing", request_body = ReorderPointInput,
    responses((status = 204, description = "Saved, or cleared when `reorder_point` is empty"), (status = 422)))]
pub async fn set_point(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<ReorderPointInput>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::MANAGE_PURCHASING)?;
    let tenant_id = auth.tenant()?.to_string();
    let o = outlet_for(&state, &auth, &req.outlet_id).await?;
    let products =
        stock::products_by_id(&state.db, &tenant_id, std::slice::from_ref(&req.product_id)).await?;
    if !products.contains_key(&req.product_id) {
        return Err(ApiError::validation(
            "product_id",
            "Produk tidak ditemukan.",
        ));
    }
    let point = match req
        .reorder_point
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => Some(input::quantity(
            "reorder_point",
            decimal("reorder_point", p)?,
        )?),
        None => None,
    };
    let order = match req
        .order_quantity
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(q) => Some(input::quantity(
            "order_quantity",
            decimal("order_quantity", q)?,
        )?),
        None => None,
    };
    let product_id = req.product_id.clone();
    audited(&state.db, Actor::of(&auth), move |txn, audit| {
        Box::pin(async move {
            match point {
                Some(point) => {
                    let order = order.unwrap_or(point * Decimal::TWO);
                    costs::set_reorder_point(
                        txn,
                        reorder_point::Model {
                            tenant_id: tenant_id.clone(),
                            outlet_id: o.id.clone(),
                            product_id: product_id.clone(),
                            point_milli: Milli::of(point)?,
                            order_milli: Milli::of(order)?,
                            updated_at: now_text(),
                        },
                    )
                    .await?;
                }
                None => costs::clear_reorder_point(txn, &tenant_id, &o.id, &product_id).await?,
            }
            audit
                .record(
                    Change::new("stock.reorder_point", "product", &product_id)
                        .outlet(&o.id)
                        .after(json!({"reorder_point": point.map(|p| p.to_string()),
                            "order_quantity": order.map(|q| q.to_string())})),
                )
                .await
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(p: i64, o: i64) -> reorder_point::Model {
        reorder_point::Model {
            tenant_id: String::new(),
            outlet_id: String::new(),
            product_id: String::new(),
            point_milli: Milli(p),
            order_milli: Milli(o),
            updated_at: String::new(),
        }
    }

    #[test]
    fn suggestions_follow_the_point_or_the_pace() {
        assert_eq!(suggestion(30_000, Some(&point(24_000, 48_000)), 0), None);
        assert_eq!(
            suggestion(24_000, Some(&point(24_000, 48_000)), 0),
            Some(48_000)
        );
        // Far below: enough to be back over the point with a full order on top.
        assert_eq!(
            suggestion(-10_000, Some(&point(24_000, 48_000)), 0),
            Some(58_000)
        );
        // 280 sold in 28 days: 10 a day; 60 left is under a week → up to 21 days.
        assert_eq!(suggestion(60_000, None, 280_000), Some(150_000));
        assert_eq!(suggestion(80_000, None, 280_000), None);
        assert_eq!(suggestion(0, None, 0), None);
    }
}
