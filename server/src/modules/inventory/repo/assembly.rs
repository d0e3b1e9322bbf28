//! Bundles' recipes and the record of assemblies.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::kernel::repo::{next_number_in, DbResult};
use crate::modules::inventory::entity::{assembly, product_component};

/// A bundle's components in the order they were listed.
pub async fn components<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    bundle_id: &str,
) -> DbResult<Vec<product_component::Model>> {
    product_component::Entity::find()
        .filter(product_component::Column::TenantId.eq(tenant_id))
        .filter(product_component::Column::BundleId.eq(bundle_id))
        .order_by_asc(product_component::Column::Position)
        .all(db)
        .await
}

/// Whether any of `ids` is a bundle (has components of its own).
pub async fn any_bundle<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    ids: &[String],
) -> DbResult<Option<String>> {
    Ok(product_component::Entity::find()
        .filter(product_component::Column::TenantId.eq(tenant_id))
        .filter(product_component::Column::BundleId.is_in(ids.iter().cloned()))
        .one(db)
        .await?
        .map(|c| c.bundle_id))
}

/// Whether `id` goes into some bundle.
pub async fn is_component<C: ConnectionTrait>(db: &C, tenant_id: &str, id: &str) -> DbResult<bool> {
    Ok(product_component::Entity::find()
        .filter(product_component::Column::TenantId.eq(tenant_id))
        .filter(product_component::Column::ComponentId.eq(id))
        .count(db)
        .await?
        > 0)
}

/// Replaces a bundle's recipe with `rows`.
pub async fn replace<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    bundle_id: &str,
    rows: Vec<product_component::ActiveModel>,
) -> DbResult<()> {
    product_component::Entity::delete_many()
        .filter(product_component::Column::TenantId.eq(tenant_id))
        .filter(product_component::Column::BundleId.eq(bundle_id))
        .exec(db)
        .await?;
    if !rows.is_empty() {
        product_component::Entity::insert_many(rows)
            .exec(db)
            .await?;
    }
    Ok(())
}

pub async fn next_number<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    prefix: &str,
) -> DbResult<String> {
    next_number_in::<assembly::Entity, _>(
        db,
        assembly::Column::TenantId,
        assembly::Column::Number,
        tenant_id,
        prefix,
    )
    .await
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: assembly::ActiveModel,
) -> DbResult<assembly::Model> {
    row.insert(db).await
}

/// A location's assemblies, newest first, a page at a time, and how many there are.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    limit: u64,
    offset: u64,
) -> DbResult<(Vec<assembly::Model>, u64)> {
    let q = assembly::Entity::find()
        .filter(assembly::Column::TenantId.eq(tenant_id))
        .filter(assembly::Column::OutletId.eq(outlet_id));
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(assembly::Column::CreatedAt)
        .order_by_desc(assembly::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((rows, total))
}
