use sea_orm::sea_query::LockType;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::kernel::repo::DbResult;
use crate::platform::entity::outlet;

pub async fn list<C: ConnectionTrait>(db: &C, tenant_id: &str) -> DbResult<Vec<outlet::Model>> {
    outlet::Entity::find()
        .filter(outlet::Column::TenantId.eq(tenant_id))
        .filter(outlet::Column::Archived.eq(false))
        .order_by_asc(outlet::Column::Name)
        .all(db)
        .await
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<outlet::Model>> {
    outlet::Entity::find_by_id(id.to_string())
        .filter(outlet::Column::TenantId.eq(tenant_id))
        .filter(outlet::Column::Archived.eq(false))
        .one(db)
        .await
}

pub async fn code_taken<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    code: &str,
    except_id: Option<&str>,
) -> DbResult<bool> {
    let mut q = outlet::Entity::find()
        .filter(outlet::Column::TenantId.eq(tenant_id))
        .filter(outlet::Column::Code.eq(code));
    if let Some(id) = except_id {
        q = q.filter(outlet::Column::Id.ne(id));
    }
    Ok(q.one(db).await?.is_some())
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    model: outlet::ActiveModel,
) -> DbResult<outlet::Model> {
    model.insert(db).await
}

pub async fn update<C: ConnectionTrait>(
    db: &C,
    model: outlet::ActiveModel,
) -> DbResult<outlet::Model> {
    model.update(db).await
}

/// The industries the tenant's open outlets run, each once: what switches packages on.
pub async fn industries<C: ConnectionTrait>(db: &C, tenant_id: &str) -> DbResult<Vec<String>> {
    use sea_orm::QuerySelect;
    outlet::Entity::find()
        .select_only()
        .column(outlet::Column::Industry)
        .distinct()
        .filter(outlet::Column::TenantId.eq(tenant_id))
        .filter(outlet::Column::Archived.eq(false))
        .into_tuple::<String>()
        .all(db)
        .await
}

/// Outlets that are not archived, per industry, across every tenant.
pub async fn count_by_industry<C: ConnectionTrait>(db: &C) -> DbResult<Vec<(String, i64)>> {
    crate::kernel::repo::count_by(
        db,
        outlet::Entity,
        outlet::Column::Industry,
        Some(outlet::Column::Archived.eq(false)),
    )
    .await
}

/// Takes the outlet's row lock for the rest of the transaction (PostgreSQL; `NO KEY
/// UPDATE`, so rows referring to the outlet are still written), so two stock operations
/// at one outlet (returns, settlements, assemblies) run one after the other and each
/// reads the stock the other left. SQLite's one pooled connection runs transactions one
/// at a time already. Answers whether the outlet is there (and not archived).
pub async fn lock<C: ConnectionTrait>(db: &C, tenant_id: &str, outlet_id: &str) -> DbResult<bool> {
    Ok(outlet::Entity::find_by_id(outlet_id.to_string())
        .filter(outlet::Column::TenantId.eq(tenant_id))
        .filter(outlet::Column::Archived.eq(false))
        .lock(LockType::NoKeyUpdate)
        .one(db)
        .await?
        .is_some())
}
