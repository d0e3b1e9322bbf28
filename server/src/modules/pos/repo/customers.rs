//! The till's customers (name, phone), searched by either; scoped to the caller's tenant.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::kernel::repo::DbResult;
use crate::modules::inventory::repo::catalogue::lower_like;
use crate::modules::pos::entity::customer;
use crate::platform::entity::{user, user_role};

pub async fn list_customers<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    q: Option<&str>,
    phone_digits: Option<&str>,
    limit: u64,
) -> DbResult<Vec<customer::Model>> {
    let mut query = customer::Entity::find().filter(customer::Column::TenantId.eq(tenant_id));
    if let Some(text) = q.map(str::trim).filter(|s| !s.is_empty()) {
        let mut any = Condition::any().add(lower_like(customer::Column::Name, text));
        any = any.add(lower_like(customer::Column::Phone, text));
        if let Some(digits) = phone_digits.filter(|d| !d.is_empty()) {
            any = any.add(lower_like(customer::Column::Phone, digits));
        }
        query = query.filter(any);
    }
    query
        .order_by_asc(customer::Column::Name)
        .limit(limit)
        .all(db)
        .await
}

pub async fn find_customer<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<customer::Model>> {
    customer::Entity::find_by_id(id.to_string())
        .filter(customer::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn insert_customer<C: ConnectionTrait>(
    db: &C,
    model: customer::ActiveModel,
) -> DbResult<customer::Model> {
    model.insert(db).await
}

pub async fn update_customer<C: ConnectionTrait>(
    db: &C,
    model: customer::ActiveModel,
) -> DbResult<customer::Model> {
    model.update(db).await
}

/// Whether `user_id` is a user of the tenant holding the member role.
pub async fn is_tenant_member<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    user_id: &str,
) -> DbResult<bool> {
    let Some(_) = user::Entity::find_by_id(user_id.to_string())
        .filter(user::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    Ok(user_role::Entity::find()
        .filter(user_role::Column::TenantId.eq(tenant_id))
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq("member"))
        .one(db)
        .await?
        .is_some())
}
