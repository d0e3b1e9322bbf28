use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, Set};

use crate::kernel::auth::secret::new_id;
use crate::kernel::repo::DbResult;
use crate::platform::entity::tenant;

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    name: &str,
    owner_email: &str,
    plan: &str,
) -> DbResult<tenant::Model> {
    tenant::ActiveModel {
        id: Set(new_id()),
        name: Set(name.trim().to_string()),
        owner_email: Set(owner_email.to_string()),
        plan: Set(plan.to_string()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
}

pub async fn list<C: ConnectionTrait>(db: &C) -> DbResult<Vec<tenant::Model>> {
    tenant::Entity::find()
        .order_by_asc(tenant::Column::Name)
        .all(db)
        .await
}

pub async fn find<C: ConnectionTrait>(db: &C, id: &str) -> DbResult<Option<tenant::Model>> {
    tenant::Entity::find_by_id(id.to_string()).one(db).await
}

/// Tenants per plan.
pub async fn count_by_plan<C: ConnectionTrait>(db: &C) -> DbResult<Vec<(String, i64)>> {
    crate::kernel::repo::count_by(db, tenant::Entity, tenant::Column::Plan, None).await
}
