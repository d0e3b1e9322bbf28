//! Consigned products and their settlements. What was sold of a consigned product in a
//! period is read from the stock ledger (its `sale` and `refund` movements at the location),
//! summed by the database.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::kernel::repo::{in_chunks, DbResult, INSERT_CHUNK};
use crate::modules::inventory::entity::stock_movement;
use crate::modules::purchasing::entity::{
    consignment_product as cp, consignment_settlement as cs, consignment_settlement_line as csl,
};

pub async fn find_product<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    product_id: &str,
) -> DbResult<Option<cp::Model>> {
    cp::Entity::find()
        .filter(cp::Column::TenantId.eq(tenant_id))
        .filter(cp::Column::ProductId.eq(product_id))
        .one(db)
        .await
}

pub async fn insert_product<C: ConnectionTrait>(db: &C, row: cp::ActiveModel) -> DbResult<()> {
    row.insert(db).await?;
    Ok(())
}

pub async fn save_product<C: ConnectionTrait>(db: &C, row: cp::ActiveModel) -> DbResult<()> {
    row.update(db).await?;
    Ok(())
}

/// A page of consigned products (of one supplier when named), active ones first.
pub async fn products<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: Option<&str>,
    active_only: bool,
    limit: u64,
    offset: u64,
) -> DbResult<(Vec<cp::Model>, u64)> {
    let mut q = cp::Entity::find().filter(cp::Column::TenantId.eq(tenant_id));
    if let Some(s) = supplier_id {
        q = q.filter(cp::Column::SupplierId.eq(s));
    }
    if active_only {
        q = q.filter(cp::Column::Active.eq(true));
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(cp::Column::Active)
        .order_by_asc(cp::Column::ProductId)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// Units sold less refunded of each of `product_ids` between two instants (`from` included,
/// `to` not), at one location or (with `None`) at every location of the tenant.
pub async fn sold<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: Option<&str>,
    product_ids: Vec<String>,
    from_at: &str,
    to_at: &str,
) -> DbResult<HashMap<String, i64>> {
    let rows: Vec<(String, Option<i64>)> = in_chunks(product_ids, |ids| {
        let mut q = stock_movement::Entity::find()
            .select_only()
            .column(stock_movement::Column::ProductId)
            .expr_as(
                Func::cast_as(
                    Func::sum(Expr::col(stock_movement::Column::QuantityMilli)),
                    Alias::new("BIGINT"),
                ),
                "milli",
            )
            .filter(stock_movement::Column::TenantId.eq(tenant_id))
            .filter(stock_movement::Column::ProductId.is_in(ids))
            .filter(stock_movement::Column::Kind.is_in(["sale", "refund"]))
            .filter(stock_movement::Column::At.gte(from_at))
            .filter(stock_movement::Column::At.lt(to_at));
        if let Some(o) = outlet_id {
            q = q.filter(stock_movement::Column::OutletId.eq(o));
        }
        q.group_by(stock_movement::Column::ProductId)
            .into_tuple()
            .all(db)
    })
    .await?;
    // Sales leave stock (negative); what was sold is the opposite of their sum.
    Ok(rows
        .into_iter()
        .map(|(p, m)| (p, -m.unwrap_or(0)))
        .collect())
}

/// Whether a settlement of this supplier at this location already covers a day of the period.
pub async fn overlapping<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: &str,
    outlet_id: &str,
    from: &str,
    to: &str,
) -> DbResult<Option<cs::Model>> {
    cs::Entity::find()
        .filter(cs::Column::TenantId.eq(tenant_id))
        .filter(cs::Column::SupplierId.eq(supplier_id))
        .filter(cs::Column::OutletId.eq(outlet_id))
        .filter(cs::Column::PeriodFrom.lte(to))
        .filter(cs::Column::PeriodTo.gte(from))
        .one(db)
        .await
}

pub async fn next_number<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    prefix: &str,
) -> DbResult<String> {
    crate::kernel::repo::next_number_in::<cs::Entity, _>(
        db,
        cs::Column::TenantId,
        cs::Column::Number,
        tenant_id,
        prefix,
    )
    .await
}

pub async fn insert_settlement<C: ConnectionTrait>(
    db: &C,
    row: cs::ActiveModel,
    lines: Vec<csl::ActiveModel>,
) -> DbResult<cs::Model> {
    let saved = row.insert(db).await?;
    for chunk in lines.chunks(INSERT_CHUNK) {
        csl::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(saved)
}

pub async fn find_settlement<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<cs::Model>> {
    cs::Entity::find_by_id(id.to_string())
        .filter(cs::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn settlement_lines<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    settlement_id: &str,
) -> DbResult<Vec<csl::Model>> {
    csl::Entity::find()
        .filter(csl::Column::TenantId.eq(tenant_id))
        .filter(csl::Column::SettlementId.eq(settlement_id))
        .order_by_asc(csl::Column::ProductId)
        .all(db)
        .await
}

/// A page of settlements, the latest period first.
pub async fn settlements<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: Option<&str>,
    outlets: Option<&[String]>,
    limit: u64,
    offset: u64,
) -> DbResult<(Vec<cs::Model>, u64)> {
    let mut q = cs::Entity::find().filter(cs::Column::TenantId.eq(tenant_id));
    if let Some(s) = supplier_id {
        q = q.filter(cs::Column::SupplierId.eq(s));
    }
    if let Some(o) = outlets {
        q = q.filter(cs::Column::OutletId.is_in(o.to_vec()));
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(cs::Column::PeriodTo)
        .order_by_desc(cs::Column::CreatedAt)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows, total))
}
