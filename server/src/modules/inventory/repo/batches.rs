//! Stock per batch. Receipts add to a batch; every movement that takes stock out takes it
//! from the location's batches first-expiry-first-out (`domain::purchasing::fefo`),
//! skipping expired ones; what no batch covers is simply "without batch" (a sale is never
//! refused for it). The ledger (`stock_movements`) stays the authority on quantity.
use std::collections::HashMap;

use chrono::NaiveDate;
use domain::purchasing::fefo::{allocate, is_expired, BatchStock, Take};
use sea_orm::sea_query::{Alias, Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::kernel::auth::secret::new_id;
use crate::kernel::money::Milli;
use crate::kernel::repo::DbResult;
use crate::modules::inventory::entity::{product, stock_batch as batch};

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Adds `milli` to a batch of a product at a location, making the batch on its first
/// receipt (a later receipt of the same batch number keeps the first expiry unless it had
/// none).
#[allow(clippy::too_many_arguments)]
pub async fn receive<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
    batch_no: &str,
    expires_on: Option<&str>,
    milli: i64,
    now: &str,
) -> DbResult<()> {
    let existing = batch::Entity::find()
        .filter(batch::Column::TenantId.eq(tenant_id))
        .filter(batch::Column::OutletId.eq(outlet_id))
        .filter(batch::Column::ProductId.eq(product_id))
        .filter(batch::Column::BatchNo.eq(batch_no))
        .one(db)
        .await?;
    match existing {
        Some(b) => {
            let mut q = batch::Entity::update_many()
                .col_expr(
                    batch::Column::QuantityMilli,
                    Expr::col(batch::Column::QuantityMilli).add(milli),
                )
                .col_expr(
                    batch::Column::ReceivedMilli,
                    Expr::col(batch::Column::ReceivedMilli).add(milli),
                )
                .col_expr(batch::Column::UpdatedAt, Expr::value(now));
            if b.expires_on.is_none() {
                q = q.col_expr(
                    batch::Column::ExpiresOn,
                    Expr::value(expires_on.map(str::to_string)),
                );
            }
            q.filter(batch::Column::Id.eq(b.id)).exec(db).await?;
        }
        None => {
            batch::ActiveModel {
                id: Set(new_id()),
                tenant_id: Set(tenant_id.to_string()),
                outlet_id: Set(outlet_id.to_string()),
                product_id: Set(product_id.to_string()),
                batch_no: Set(batch_no.to_string()),
                expires_on: Set(expires_on.map(str::to_string)),
                quantity_milli: Set(Milli(milli)),
                received_milli: Set(Milli(milli)),
                created_at: Set(now.to_string()),
                updated_at: Set(now.to_string()),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Takes `milli` of a product out of a location's batches, soonest expiry first and never
/// from an expired batch: the batches taken from, by batch number. Nothing for a product
/// with no batches there.
pub async fn consume<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
    milli: i64,
    today: NaiveDate,
) -> DbResult<Vec<(String, i64)>> {
    let rows = batch::Entity::find()
        .filter(batch::Column::TenantId.eq(tenant_id))
        .filter(batch::Column::OutletId.eq(outlet_id))
        .filter(batch::Column::ProductId.eq(product_id))
        .filter(batch::Column::QuantityMilli.gt(0))
        .order_by_asc(batch::Column::CreatedAt)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let stock: Vec<BatchStock> = rows
        .iter()
        .map(|b| BatchStock {
            batch_id: b.id.clone(),
            expires_on: b.expires_on.as_deref().and_then(day),
            on_hand: Milli(b.quantity_milli.0).dec(),
        })
        .collect();
    let numbers: HashMap<&str, &str> = rows
        .iter()
        .map(|b| (b.id.as_str(), b.batch_no.as_str()))
        .collect();
    let mut plan = allocate(Milli(milli).dec(), &stock, today);
    // Stock that only an expired batch holds can still leave (a till that sold offline,
    // a write-off, a return): then it leaves the expired batches, soonest expiry first,
    // so the batches never hold more than the shelf.
    if plan.unbatched > rust_decimal::Decimal::ZERO {
        let expired: Vec<BatchStock> = stock
            .iter()
            .filter(|b| is_expired(b.expires_on, today))
            .cloned()
            .collect();
        plan.takes
            .extend(allocate(plan.unbatched, &expired, NaiveDate::MIN).takes);
    }
    let mut taken = Vec::new();
    for Take { batch_id, quantity } in plan.takes {
        let Ok(Milli(q)) = Milli::of(quantity) else {
            continue;
        };
        // Guarded: a batch never goes below zero, whatever ran at the same time.
        let r = batch::Entity::update_many()
            .col_expr(
                batch::Column::QuantityMilli,
                Expr::col(batch::Column::QuantityMilli).sub(q),
            )
            .filter(batch::Column::Id.eq(batch_id.as_str()))
            .filter(batch::Column::QuantityMilli.gte(q))
            .exec(db)
            .await?;
        if r.rows_affected == 1 {
            taken.push((
                numbers
                    .get(batch_id.as_str())
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
                q,
            ));
        }
    }
    Ok(taken)
}

/// A product's batches with stock at a location, soonest expiry first.
pub async fn of_product<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
) -> DbResult<Vec<batch::Model>> {
    batch::Entity::find()
        .filter(batch::Column::TenantId.eq(tenant_id))
        .filter(batch::Column::OutletId.eq(outlet_id))
        .filter(batch::Column::ProductId.eq(product_id))
        .filter(batch::Column::QuantityMilli.gt(0))
        .order_by_asc(batch::Column::ExpiresOn)
        .order_by_asc(batch::Column::CreatedAt)
        .all(db)
        .await
}

/// A page of a location's batches with stock that expire on or before `until` (expired
/// ones included), soonest first, and how many there are.
pub async fn expiring<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    until: NaiveDate,
    limit: u64,
    offset: u64,
) -> DbResult<(Vec<batch::Model>, u64)> {
    let q = batch::Entity::find()
        .filter(batch::Column::TenantId.eq(tenant_id))
        .filter(batch::Column::OutletId.eq(outlet_id))
        .filter(batch::Column::QuantityMilli.gt(0))
        .filter(batch::Column::ExpiresOn.is_not_null())
        .filter(batch::Column::ExpiresOn.lte(until.to_string()));
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_asc(batch::Column::ExpiresOn)
        .order_by_asc(batch::Column::BatchNo)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// The products of a location whose stock is all in expired batches, with the latest
/// expiry among them: the till refuses to sell them. A product with stock in a batch not
/// yet expired, or stock without batch beyond what the expired batches hold, is sellable.
pub async fn expired_only<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    today: NaiveDate,
) -> DbResult<HashMap<String, String>> {
    let rows: Vec<(String, Option<String>, i64)> = batch::Entity::find()
        .select_only()
        .column(batch::Column::ProductId)
        .column(batch::Column::ExpiresOn)
        .expr_as(
            Func::cast_as(
                Func::sum(Expr::col(batch::Column::QuantityMilli)),
                Alias::new("BIGINT"),
            ),
            "milli",
        )
        .filter(batch::Column::TenantId.eq(tenant_id))
        .filter(batch::Column::OutletId.eq(outlet_id))
        .filter(batch::Column::QuantityMilli.gt(0))
        .group_by(batch::Column::ProductId)
        .group_by(batch::Column::ExpiresOn)
        .into_tuple()
        .all(db)
        .await?;
    // Per product: (expired milli, latest expired date, any usable batch).
    let mut per: HashMap<String, (i64, String, bool)> = HashMap::new();
    for (product_id, expires_on, milli) in rows {
        let e = per.entry(product_id).or_insert((0, String::new(), false));
        if is_expired(expires_on.as_deref().and_then(day), today) {
            e.0 += milli;
            if let Some(d) = expires_on {
                if d > e.1 {
                    e.1 = d;
                }
            }
        } else {
            e.2 = true;
        }
    }
    per.retain(|_, (expired, _, usable)| !*usable && *expired > 0);
    if per.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<String> = per.keys().cloned().collect();
    let on_hand = super::stock::stock_levels(db, tenant_id, outlet_id, Some(&ids)).await?;
    Ok(per
        .into_iter()
        .filter(|(p, (expired, _, _))| on_hand.get(p).copied().unwrap_or(0) <= *expired)
        .map(|(p, (_, latest, _))| (p, latest))
        .collect())
}

/// Whether a product is tracked by batch (a receipt of it needs a batch number).
pub async fn tracked<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    ids: &[String],
) -> DbResult<std::collections::HashSet<String>> {
    Ok(product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .filter(product::Column::TenantId.eq(tenant_id))
        .filter(product::Column::Id.is_in(ids.to_vec()))
        .filter(product::Column::TracksBatches.eq(true))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}
