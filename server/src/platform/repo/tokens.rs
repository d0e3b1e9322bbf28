use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::kernel::auth::secret::{new_id, new_secret, sha256_hex};
use crate::kernel::repo::DbResult;
use crate::platform::entity::api_token;

/// Creates a token; the plain secret is returned once and never stored.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    user_id: &str,
    name: &str,
) -> DbResult<(api_token::Model, String)> {
    let secret = new_secret("satu");
    let model = api_token::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(tenant_id.to_string()),
        user_id: Set(user_id.to_string()),
        name: Set(name.trim().to_string()),
        prefix: Set(secret.chars().take(12).collect()),
        token_hash: Set(sha256_hex(&secret)),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok((model, secret))
}

pub async fn list<C: ConnectionTrait>(db: &C, tenant_id: &str) -> DbResult<Vec<api_token::Model>> {
    api_token::Entity::find()
        .filter(api_token::Column::TenantId.eq(tenant_id))
        .order_by_desc(api_token::Column::CreatedAt)
        .all(db)
        .await
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<api_token::Model>> {
    api_token::Entity::find_by_id(id.to_string())
        .filter(api_token::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn revoke<C: ConnectionTrait>(
    db: &C,
    token: api_token::Model,
) -> DbResult<api_token::Model> {
    let mut active: api_token::ActiveModel = token.into();
    active.revoked_at = Set(Some(Utc::now()));
    active.update(db).await
}
