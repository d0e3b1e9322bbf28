use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::kernel::auth::secret::{new_id, new_secret, sha256_hex};
use crate::kernel::repo::DbResult;
use crate::platform::entity::device;

pub async fn create<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    name: &str,
    registered_by: &str,
) -> DbResult<(device::Model, String)> {
    let count = device::Entity::find()
        .filter(device::Column::TenantId.eq(tenant_id))
        .filter(device::Column::OutletId.eq(outlet_id))
        .count(db)
        .await?;
    let secret = new_secret("dev");
    let model = device::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(tenant_id.to_string()),
        outlet_id: Set(outlet_id.to_string()),
        // Receipt numbers will be outlet code + device code + counter, so the code is short.
        code: Set(format!("D{:02}", count + 1)),
        name: Set(name.trim().to_string()),
        token_hash: Set(sha256_hex(&secret)),
        registered_by: Set(registered_by.to_string()),
        created_at: Set(Utc::now()),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok((model, secret))
}

pub async fn find_by_secret<C: ConnectionTrait>(
    db: &C,
    secret: &str,
) -> DbResult<Option<device::Model>> {
    device::Entity::find()
        .filter(device::Column::TokenHash.eq(sha256_hex(secret)))
        .filter(device::Column::RevokedAt.is_null())
        .one(db)
        .await
}

pub async fn list<C: ConnectionTrait>(db: &C, tenant_id: &str) -> DbResult<Vec<device::Model>> {
    device::Entity::find()
        .filter(device::Column::TenantId.eq(tenant_id))
        .order_by_asc(device::Column::CreatedAt)
        .all(db)
        .await
}
