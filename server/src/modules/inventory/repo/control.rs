//! Stock counts and transfers: their rows, and the few updates that must be one statement
//! each (a scan adds to a count line however many counters scan at once).
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::kernel::repo::{next_number_in, DbResult, INSERT_CHUNK};
use crate::modules::inventory::entity::{
    product, stock_count, stock_count_line, stock_transfer, stock_transfer_line,
};

/// Active products of the tenant (of one category), for a count's lines.
pub async fn product_ids_for_count<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    category_id: Option<&str>,
) -> DbResult<Vec<String>> {
    let mut q = product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .filter(product::Column::TenantId.eq(tenant_id))
        .filter(product::Column::Active.eq(true));
    if let Some(c) = category_id {
        q = q.filter(product::Column::CategoryId.eq(c));
    }
    q.into_tuple::<String>().all(db).await
}

pub async fn insert_count<C: ConnectionTrait>(
    db: &C,
    count: stock_count::ActiveModel,
    lines: Vec<stock_count_line::ActiveModel>,
) -> DbResult<stock_count::Model> {
    let saved = count.insert(db).await?;
    for chunk in lines.chunks(INSERT_CHUNK) {
        stock_count_line::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(saved)
}

pub async fn find_count<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<stock_count::Model>> {
    stock_count::Entity::find_by_id(id.to_string())
        .filter(stock_count::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

/// The next count number under `prefix` (`SO-202612-0003`).
pub async fn next_count_number<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    prefix: &str,
) -> DbResult<String> {
    next_number_in::<stock_count::Entity, _>(
        db,
        stock_count::Column::TenantId,
        stock_count::Column::Number,
        tenant_id,
        prefix,
    )
    .await
}

/// The next transfer number under `prefix` (`TR-202612-0003`).
pub async fn next_transfer_number<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    prefix: &str,
) -> DbResult<String> {
    next_number_in::<stock_transfer::Entity, _>(
        db,
        stock_transfer::Column::TenantId,
        stock_transfer::Column::Number,
        tenant_id,
        prefix,
    )
    .await
}

/// `(lines, counted lines)` of a count.
pub async fn count_progress<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    count_id: &str,
) -> DbResult<(u64, u64)> {
    let q = stock_count_line::Entity::find()
        .filter(stock_count_line::Column::TenantId.eq(tenant_id))
        .filter(stock_count_line::Column::CountId.eq(count_id));
    let total = q.clone().count(db).await?;
    let counted = q
        .filter(stock_count_line::Column::CountedMilli.is_not_null())
        .count(db)
        .await?;
    Ok((total, counted))
}

/// A page of a count's lines (`only_counted`: those counted so far).
pub async fn count_lines<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    count_id: &str,
    only_counted: bool,
    limit: u64,
    offset: u64,
) -> DbResult<Vec<stock_count_line::Model>> {
    let mut q = stock_count_line::Entity::find()
        .filter(stock_count_line::Column::TenantId.eq(tenant_id))
        .filter(stock_count_line::Column::CountId.eq(count_id));
    if only_counted {
        q = q.filter(stock_count_line::Column::CountedMilli.is_not_null());
    }
    q.order_by_asc(stock_count_line::Column::ProductId)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await
}

/// Every counted line of a count (its differences to post), read a page at a time by
/// the caller's loop.
pub async fn counted_after<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    count_id: &str,
    after_product: &str,
    limit: u64,
) -> DbResult<Vec<stock_count_line::Model>> {
    stock_count_line::Entity::find()
        .filter(stock_count_line::Column::TenantId.eq(tenant_id))
        .filter(stock_count_line::Column::CountId.eq(count_id))
        .filter(stock_count_line::Column::CountedMilli.is_not_null())
        .filter(stock_count_line::Column::ProductId.gt(after_product))
        .order_by_asc(stock_count_line::Column::ProductId)
        .limit(limit)
        .all(db)
        .await
}

/// One count of one product: `milli` sets the line (or, with `add`, adds to it).
pub struct Counted<'a> {
    pub tenant_id: &'a str,
    pub count_id: &'a str,
    pub product_id: &'a str,
    pub milli: i64,
    pub add: bool,
    pub user_id: &'a str,
    pub now: &'a str,
}

/// Records a count in one statement (two scanners adding at once both count); false when
/// the product is not on the count.
pub async fn record_count<C: ConnectionTrait>(db: &C, c: Counted<'_>) -> DbResult<bool> {
    let value = if c.add {
        Expr::expr(Expr::col(stock_count_line::Column::CountedMilli).if_null(0)).add(c.milli)
    } else {
        Expr::value(c.milli)
    };
    let r = stock_count_line::Entity::update_many()
        .col_expr(stock_count_line::Column::CountedMilli, value)
        .col_expr(stock_count_line::Column::CountedBy, Expr::value(c.user_id))
        .col_expr(stock_count_line::Column::CountedAt, Expr::value(c.now))
        .filter(stock_count_line::Column::TenantId.eq(c.tenant_id))
        .filter(stock_count_line::Column::CountId.eq(c.count_id))
        .filter(stock_count_line::Column::ProductId.eq(c.product_id))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

pub async fn set_line_cost<C: ConnectionTrait>(
    db: &C,
    line_id: &str,
    cost: crate::kernel::money::Sen,
) -> DbResult<()> {
    stock_count_line::Entity::update_many()
        .col_expr(stock_count_line::Column::UnitCostSen, Expr::value(cost.0))
        .filter(stock_count_line::Column::Id.eq(line_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn save_count<C: ConnectionTrait>(
    db: &C,
    row: stock_count::ActiveModel,
) -> DbResult<stock_count::Model> {
    row.update(db).await
}

/// Takes the count's (or transfer's) row lock for the rest of the transaction: an
/// approval and a cancel, or two receipts, run one after the other.
pub async fn lock_count<C: ConnectionTrait>(db: &C, tenant_id: &str, id: &str) -> DbResult<()> {
    stock_count::Entity::update_many()
        .col_expr(
            stock_count::Column::Status,
            Expr::col(stock_count::Column::Status).into(),
        )
        .filter(stock_count::Column::TenantId.eq(tenant_id))
        .filter(stock_count::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn lock_transfer<C: ConnectionTrait>(db: &C, tenant_id: &str, id: &str) -> DbResult<()> {
    stock_transfer::Entity::update_many()
        .col_expr(
            stock_transfer::Column::Status,
            Expr::col(stock_transfer::Column::Status).into(),
        )
        .filter(stock_transfer::Column::TenantId.eq(tenant_id))
        .filter(stock_transfer::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn insert_transfer<C: ConnectionTrait>(
    db: &C,
    transfer: stock_transfer::ActiveModel,
    lines: Vec<stock_transfer_line::ActiveModel>,
) -> DbResult<stock_transfer::Model> {
    let saved = transfer.insert(db).await?;
    for chunk in lines.chunks(INSERT_CHUNK) {
        stock_transfer_line::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(saved)
}

pub async fn find_transfer<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<stock_transfer::Model>> {
    stock_transfer::Entity::find_by_id(id.to_string())
        .filter(stock_transfer::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn list_transfers<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlets: Option<&[String]>,
    limit: u64,
    offset: u64,
) -> DbResult<(Vec<stock_transfer::Model>, u64)> {
    let mut q =
        stock_transfer::Entity::find().filter(stock_transfer::Column::TenantId.eq(tenant_id));
    if let Some(o) = outlets {
        q = q.filter(
            sea_orm::Condition::any()
                .add(stock_transfer::Column::FromOutletId.is_in(o.to_vec()))
                .add(stock_transfer::Column::ToOutletId.is_in(o.to_vec())),
        );
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(stock_transfer::Column::RequestedAt)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

pub async fn transfer_lines<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    transfer_id: &str,
) -> DbResult<Vec<stock_transfer_line::Model>> {
    stock_transfer_line::Entity::find()
        .filter(stock_transfer_line::Column::TenantId.eq(tenant_id))
        .filter(stock_transfer_line::Column::TransferId.eq(transfer_id))
        .order_by_asc(stock_transfer_line::Column::ProductId)
        .all(db)
        .await
}

pub async fn save_transfer<C: ConnectionTrait>(
    db: &C,
    row: stock_transfer::ActiveModel,
) -> DbResult<stock_transfer::Model> {
    row.update(db).await
}

pub async fn save_transfer_line<C: ConnectionTrait>(
    db: &C,
    row: stock_transfer_line::ActiveModel,
) -> DbResult<stock_transfer_line::Model> {
    row.update(db).await
}

/// Movements of one product at one outlet, newest first, and the level after the newest.
pub async fn card<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
    limit: u64,
    offset: u64,
) -> DbResult<Vec<crate::modules::inventory::entity::stock_movement::Model>> {
    use crate::modules::inventory::entity::stock_movement as m;
    m::Entity::find()
        .filter(m::Column::TenantId.eq(tenant_id))
        .filter(m::Column::OutletId.eq(outlet_id))
        .filter(m::Column::ProductId.eq(product_id))
        .order_by_desc(m::Column::At)
        .order_by_desc(m::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await
}

/// The sum of the movements newer than (`at`, `id`) in the card's order, in thousandths.
pub async fn sum_newer<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
    at: &str,
    id: &str,
) -> DbResult<i64> {
    use crate::modules::inventory::entity::stock_movement as m;
    let newer = sea_orm::Condition::any().add(m::Column::At.gt(at)).add(
        sea_orm::Condition::all()
            .add(m::Column::At.eq(at))
            .add(m::Column::Id.gt(id)),
    );
    let total: Option<Option<i64>> = m::Entity::find()
        .select_only()
        .column_as(crate::kernel::repo::sum_sen(m::Column::QuantityMilli), "s")
        .filter(m::Column::TenantId.eq(tenant_id))
        .filter(m::Column::OutletId.eq(outlet_id))
        .filter(m::Column::ProductId.eq(product_id))
        .filter(newer)
        .into_tuple()
        .one(db)
        .await?;
    Ok(total.flatten().unwrap_or(0))
}

pub async fn list_counts<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlets: Option<&[String]>,
    limit: u64,
    offset: u64,
) -> DbResult<(Vec<stock_count::Model>, u64)> {
    let mut q = stock_count::Entity::find().filter(stock_count::Column::TenantId.eq(tenant_id));
    if let Some(o) = outlets {
        q = q.filter(stock_count::Column::OutletId.is_in(o.to_vec()));
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(stock_count::Column::FrozenAt)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// The quantity a product had at a location before `at` (the sum of every movement
/// before it), in thousandths.
pub async fn sum_before<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
    at: &str,
) -> DbResult<i64> {
    use crate::modules::inventory::entity::stock_movement as m;
    let total: Option<Option<i64>> = m::Entity::find()
        .select_only()
        .column_as(crate::kernel::repo::sum_sen(m::Column::QuantityMilli), "s")
        .filter(m::Column::TenantId.eq(tenant_id))
        .filter(m::Column::OutletId.eq(outlet_id))
        .filter(m::Column::ProductId.eq(product_id))
        .filter(m::Column::At.lt(at))
        .into_tuple()
        .one(db)
        .await?;
    Ok(total.flatten().unwrap_or(0))
}

/// A product's movements at a location in `[start, end)`, oldest first, `limit` after
/// the row `after` (its time and id).
pub async fn card_between<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: &str,
    (start, end): (&str, &str),
    after: Option<&(String, String)>,
    limit: u64,
) -> DbResult<Vec<crate::modules::inventory::entity::stock_movement::Model>> {
    use crate::modules::inventory::entity::stock_movement as m;
    let mut q = m::Entity::find()
        .filter(m::Column::TenantId.eq(tenant_id))
        .filter(m::Column::OutletId.eq(outlet_id))
        .filter(m::Column::ProductId.eq(product_id))
        .filter(m::Column::At.gte(start))
        .filter(m::Column::At.lt(end));
    if let Some((at, id)) = after {
        q = q.filter(
            sea_orm::Condition::any()
                .add(m::Column::At.gt(at.as_str()))
                .add(
                    sea_orm::Condition::all()
                        .add(m::Column::At.eq(at.as_str()))
                        .add(m::Column::Id.gt(id.as_str())),
                ),
        );
    }
    q.order_by_asc(m::Column::At)
        .order_by_asc(m::Column::Id)
        .limit(limit)
        .all(db)
        .await
}
