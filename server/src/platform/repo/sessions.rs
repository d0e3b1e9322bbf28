use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

use crate::kernel::auth::secret::{new_secret, sha256_hex};
use crate::kernel::repo::DbResult;
use crate::platform::entity::{login_failure, session};

pub struct NewSession {
    pub token: String,
    pub csrf: String,
    pub model: session::Model,
}

pub async fn create<C: ConnectionTrait>(
    db: &C,
    user_id: &str,
    tenant_id: Option<&str>,
    device_id: Option<&str>,
    ip: &str,
    ttl_hours: i64,
) -> DbResult<NewSession> {
    let token = new_secret("ses");
    let csrf = new_secret("csrf");
    let now = Utc::now();
    let model = session::ActiveModel {
        id: Set(sha256_hex(&token)),
        user_id: Set(user_id.to_string()),
        tenant_id: Set(tenant_id.map(str::to_string)),
        device_id: Set(device_id.map(str::to_string)),
        csrf_token: Set(csrf.clone()),
        ip: Set(ip.to_string()),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(ttl_hours)),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(NewSession { token, csrf, model })
}

pub async fn revoke_by_token<C: ConnectionTrait>(db: &C, token: &str) -> DbResult<()> {
    revoke(db, &sha256_hex(token)).await
}

pub async fn revoke<C: ConnectionTrait>(db: &C, id: &str) -> DbResult<()> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Some(Utc::now())))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn revoke_all_for_user<C: ConnectionTrait>(db: &C, user_id: &str) -> DbResult<()> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Some(Utc::now())))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn find<C: ConnectionTrait>(db: &C, id: &str) -> DbResult<Option<session::Model>> {
    session::Entity::find_by_id(id.to_string()).one(db).await
}

pub async fn find_by_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> DbResult<Option<session::Model>> {
    session::Entity::find_by_id(sha256_hex(token)).one(db).await
}

/// Reserves one attempt for `key` from `ip` *before* the secret is checked: the row is
/// written (and committed) first, then counted, so of any number of parallel attempts the
/// n-th to be written sees at least n and no more than the limit get through — on SQLite
/// and PostgreSQL, and across several servers on one database. Returns the row's id and
/// the counts by key and by address, each including this attempt.
pub async fn reserve_attempt<C: ConnectionTrait>(
    db: &C,
    key: &str,
    ip: &str,
    window_minutes: i64,
) -> DbResult<(i32, u64, u64)> {
    let id = insert_failure(db, key, ip).await?;
    let since = Utc::now() - Duration::minutes(window_minutes);
    let by_key = login_failure::Entity::find()
        .filter(login_failure::Column::Email.eq(key))
        .filter(login_failure::Column::At.gt(since))
        .count(db)
        .await?;
    let by_ip = login_failure::Entity::find()
        .filter(login_failure::Column::Ip.eq(ip))
        .filter(login_failure::Column::At.gt(since))
        .count(db)
        .await?;
    Ok((id, by_key, by_ip))
}

/// Drops a reservation that was refused without checking anything.
pub async fn release_attempt<C: ConnectionTrait>(db: &C, id: i32) -> DbResult<()> {
    login_failure::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

pub async fn record_failure<C: ConnectionTrait>(db: &C, email: &str, ip: &str) -> DbResult<()> {
    insert_failure(db, email, ip).await.map(|_| ())
}

async fn insert_failure<C: ConnectionTrait>(db: &C, key: &str, ip: &str) -> DbResult<i32> {
    let row = login_failure::ActiveModel {
        email: Set(key.to_string()),
        ip: Set(ip.to_string()),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub async fn clear_failures<C: ConnectionTrait>(db: &C, email: &str) -> DbResult<()> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Email.eq(email))
        .exec(db)
        .await?;
    Ok(())
}
