//! Each outlet's moving average cost per product (`domain::purchasing::cost`), the
//! reorder points, and the pace of sales the reorder list reads.
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, Set,
};

use crate::kernel::money::{Milli, Sen};
use crate::kernel::repo::DbResult;
use crate::modules::inventory::entity::{reorder_point, stock_cost, stock_movement};

/// The average cost of each of `product_ids` at the outlet, where a receipt has set one.
pub async fn unit_costs<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_ids: impl IntoIterator<Item = String>,
) -> DbResult<HashMap<String, Sen>> {
    Ok(crate::kernel::repo::in_chunks(product_ids, |ids| {
        stock_cost::Entity::find()
            .filter(stock_cost::Column::TenantId.eq(tenant_id))
            .filter(stock_cost::Column::OutletId.eq(outlet_id))
            .filter(stock_cost::Column::ProductId.is_in(ids))
            .all(db)
    })
    .await?
    .into_iter()
    .map(|c| (c.product_id, c.unit_cost_sen))
    .collect())
}

/// A product's average cost at a location now: the location's, else the product's own
/// typed-in cost (`None` for a product that is not there).
pub async fn cost_now<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
) -> DbResult<Option<Sen>> {
    use sea_orm::QuerySelect;
    if let Some(c) = stock_cost::Entity::find()
        .filter(stock_cost::Column::TenantId.eq(tenant_id))
        .filter(stock_cost::Column::OutletId.eq(outlet_id))
        .filter(stock_cost::Column::ProductId.eq(product_id))
        .one(db)
        .await?
    {
        return Ok(Some(c.unit_cost_sen));
    }
    crate::modules::inventory::entity::product::Entity::find_by_id(product_id.to_string())
        .select_only()
        .column(crate::modules::inventory::entity::product::Column::CostSen)
        .filter(crate::modules::inventory::entity::product::Column::TenantId.eq(tenant_id))
        .into_tuple::<Sen>()
        .one(db)
        .await
}

pub async fn set_unit_cost<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
    cost: Sen,
    now: &str,
) -> DbResult<()> {
    stock_cost::Entity::insert(stock_cost::ActiveModel {
        tenant_id: Set(tenant_id.to_string()),
        outlet_id: Set(outlet_id.to_string()),
        product_id: Set(product_id.to_string()),
        unit_cost_sen: Set(cost),
        updated_at: Set(now.to_string()),
    })
    .on_conflict(
        OnConflict::columns([
            stock_cost::Column::TenantId,
            stock_cost::Column::OutletId,
            stock_cost::Column::ProductId,
        ])
        .update_columns([
            stock_cost::Column::UnitCostSen,
            stock_cost::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

pub async fn reorder_points<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
) -> DbResult<Vec<reorder_point::Model>> {
    reorder_point::Entity::find()
        .filter(reorder_point::Column::TenantId.eq(tenant_id))
        .filter(reorder_point::Column::OutletId.eq(outlet_id))
        .all(db)
        .await
}

pub async fn set_reorder_point<C: ConnectionTrait>(
    db: &C,
    row: reorder_point::Model,
) -> DbResult<()> {
    reorder_point::Entity::insert(reorder_point::ActiveModel {
        tenant_id: Set(row.tenant_id),
        outlet_id: Set(row.outlet_id),
        product_id: Set(row.product_id),
        point_milli: Set(row.point_milli),
        order_milli: Set(row.order_milli),
        updated_at: Set(row.updated_at),
    })
    .on_conflict(
        OnConflict::columns([
            reorder_point::Column::TenantId,
            reorder_point::Column::OutletId,
            reorder_point::Column::ProductId,
        ])
        .update_columns([
            reorder_point::Column::PointMilli,
            reorder_point::Column::OrderMilli,
            reorder_point::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

pub async fn clear_reorder_point<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
) -> DbResult<()> {
    reorder_point::Entity::delete_many()
        .filter(reorder_point::Column::TenantId.eq(tenant_id))
        .filter(reorder_point::Column::OutletId.eq(outlet_id))
        .filter(reorder_point::Column::ProductId.eq(product_id))
        .exec(db)
        .await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct Sold {
    product_id: String,
    milli: Option<i64>,
}

/// Units sold (less refunded) per product at the outlet since `since` (stored-time
/// text), summed by the database through the ledger's time index.
pub async fn sold_since<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    since: &str,
) -> DbResult<HashMap<String, Milli>> {
    Ok(stock_movement::Entity::find()
        .select_only()
        .column(stock_movement::Column::ProductId)
        .column_as(Expr::cust("CAST(-SUM(quantity_milli) AS BIGINT)"), "milli")
        .filter(stock_movement::Column::TenantId.eq(tenant_id))
        .filter(stock_movement::Column::OutletId.eq(outlet_id))
        .filter(stock_movement::Column::At.gte(since))
        .filter(stock_movement::Column::Kind.is_in(["sale", "refund"]))
        .group_by(stock_movement::Column::ProductId)
        .into_model::<Sold>()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.product_id, Milli(s.milli.unwrap_or(0))))
        .collect())
}
