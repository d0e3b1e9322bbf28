use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::kernel::auth::secret::{new_id, new_secret, sha256_hex};
use crate::kernel::repo::DbResult;
use crate::platform::entity::invitation;

const VALID_DAYS: i64 = 7;

/// Creates an invitation and returns its one-time secret (only its hash is stored).
pub async fn create<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    user_id: &str,
    created_by: &str,
) -> DbResult<String> {
    let secret = new_secret("inv");
    let now = Utc::now();
    invitation::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(tenant_id.to_string()),
        user_id: Set(user_id.to_string()),
        token_hash: Set(sha256_hex(&secret)),
        created_by: Set(created_by.to_string()),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(VALID_DAYS)),
        accepted_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

pub async fn find_open<C: ConnectionTrait>(
    db: &C,
    secret: &str,
) -> DbResult<Option<invitation::Model>> {
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(sha256_hex(secret)))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await
}

/// Closes every open invitation of a user, so a disabled user's old link cannot bring her
/// back (accepting checks the status as well).
pub async fn revoke_open_for_user<C: ConnectionTrait>(db: &C, user_id: &str) -> DbResult<()> {
    invitation::Entity::update_many()
        .col_expr(
            invitation::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(invitation::Column::UserId.eq(user_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(Utc::now()))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn mark_accepted<C: ConnectionTrait>(db: &C, inv: invitation::Model) -> DbResult<()> {
    let mut active: invitation::ActiveModel = inv.into();
    active.accepted_at = Set(Some(Utc::now()));
    active.update(db).await?;
    Ok(())
}
