use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::kernel::auth::secret::new_id;
use crate::kernel::money::{Milli, Sen};
use crate::kernel::repo::DbResult;
use crate::modules::purchasing::entity::{supplier, supplier_product, supplier_user};

pub async fn list<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    limit: u64,
    offset: u64,
) -> DbResult<(Vec<supplier::Model>, u64)> {
    let q = supplier::Entity::find()
        .filter(supplier::Column::TenantId.eq(tenant_id))
        .order_by_asc(supplier::Column::Name);
    let total = q.clone().count(db).await?;
    let rows = sea_orm::QuerySelect::limit(sea_orm::QuerySelect::offset(q, offset), limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<supplier::Model>> {
    supplier::Entity::find_by_id(id.to_string())
        .filter(supplier::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn names<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    ids: impl IntoIterator<Item = String>,
) -> DbResult<HashMap<String, String>> {
    Ok(crate::kernel::repo::in_chunks(ids, |ids| {
        supplier::Entity::find()
            .filter(supplier::Column::TenantId.eq(tenant_id))
            .filter(supplier::Column::Id.is_in(ids))
            .all(db)
    })
    .await?
    .into_iter()
    .map(|s| (s.id, s.name))
    .collect())
}

pub async fn name_taken<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    name: &str,
    except: Option<&str>,
) -> DbResult<bool> {
    let mut q = supplier::Entity::find()
        .filter(supplier::Column::TenantId.eq(tenant_id))
        .filter(supplier::Column::Name.eq(name));
    if let Some(id) = except {
        q = q.filter(supplier::Column::Id.ne(id));
    }
    Ok(q.count(db).await? > 0)
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: supplier::ActiveModel,
) -> DbResult<supplier::Model> {
    row.insert(db).await
}

pub async fn update<C: ConnectionTrait>(
    db: &C,
    row: supplier::ActiveModel,
) -> DbResult<supplier::Model> {
    row.update(db).await
}

/// The supplier a portal user signs in for: `(tenant, supplier)`.
pub async fn of_user<C: ConnectionTrait>(
    db: &C,
    user_id: &str,
) -> DbResult<Option<supplier_user::Model>> {
    supplier_user::Entity::find_by_id(user_id.to_string())
        .one(db)
        .await
}

pub async fn link_user<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: &str,
    user_id: &str,
) -> DbResult<()> {
    supplier_user::Entity::insert(supplier_user::ActiveModel {
        user_id: Set(user_id.to_string()),
        tenant_id: Set(tenant_id.to_string()),
        supplier_id: Set(supplier_id.to_string()),
    })
    .on_conflict(
        OnConflict::column(supplier_user::Column::UserId)
            .update_columns([
                supplier_user::Column::TenantId,
                supplier_user::Column::SupplierId,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

pub async fn products<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: &str,
) -> DbResult<Vec<supplier_product::Model>> {
    supplier_product::Entity::find()
        .filter(supplier_product::Column::TenantId.eq(tenant_id))
        .filter(supplier_product::Column::SupplierId.eq(supplier_id))
        .all(db)
        .await
}

/// What each product's suppliers sell it as, by product (several suppliers: each).
pub async fn offers_for<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    product_ids: impl IntoIterator<Item = String>,
) -> DbResult<Vec<supplier_product::Model>> {
    crate::kernel::repo::in_chunks(product_ids, |ids| {
        supplier_product::Entity::find()
            .filter(supplier_product::Column::TenantId.eq(tenant_id))
            .filter(supplier_product::Column::ProductId.is_in(ids))
            .all(db)
    })
    .await
}

pub struct Offer<'a> {
    pub tenant_id: &'a str,
    pub supplier_id: &'a str,
    pub product_id: &'a str,
    pub supplier_code: Option<String>,
    pub purchase_unit: String,
    pub per_base: Milli,
    pub last_price: Option<Sen>,
}

/// Adds or replaces what a supplier sells a product as.
pub async fn upsert_offer<C: ConnectionTrait>(db: &C, o: Offer<'_>) -> DbResult<()> {
    supplier_product::Entity::insert(supplier_product::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(o.tenant_id.to_string()),
        supplier_id: Set(o.supplier_id.to_string()),
        product_id: Set(o.product_id.to_string()),
        supplier_code: Set(o.supplier_code),
        purchase_unit: Set(o.purchase_unit),
        per_base_milli: Set(o.per_base),
        last_price_sen: Set(o.last_price),
    })
    .on_conflict(
        OnConflict::columns([
            supplier_product::Column::TenantId,
            supplier_product::Column::SupplierId,
            supplier_product::Column::ProductId,
        ])
        .update_columns([
            supplier_product::Column::SupplierCode,
            supplier_product::Column::PurchaseUnit,
            supplier_product::Column::PerBaseMilli,
            supplier_product::Column::LastPriceSen,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// The price on the latest order becomes the supplier's last price.
pub async fn set_last_price<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: &str,
    product_id: &str,
    price: Sen,
) -> DbResult<()> {
    supplier_product::Entity::update_many()
        .col_expr(
            supplier_product::Column::LastPriceSen,
            sea_orm::sea_query::Expr::value(price.0),
        )
        .filter(supplier_product::Column::TenantId.eq(tenant_id))
        .filter(supplier_product::Column::SupplierId.eq(supplier_id))
        .filter(supplier_product::Column::ProductId.eq(product_id))
        .exec(db)
        .await?;
    Ok(())
}
