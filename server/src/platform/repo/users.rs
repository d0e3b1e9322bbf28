use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::kernel::auth::secret::new_id;
use crate::kernel::rbac::Role;
use crate::kernel::repo::DbResult;
use crate::platform::entity::{user, user_outlet, user_role};

/// Display names of the tenant's users among `ids` (cashiers on a report, say), by id.
pub async fn names<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    ids: impl IntoIterator<Item = String>,
) -> DbResult<std::collections::BTreeMap<String, String>> {
    Ok(crate::kernel::repo::in_chunks(ids, |ids| {
        user::Entity::find()
            .filter(user::Column::TenantId.eq(tenant_id))
            .filter(user::Column::Id.is_in(ids))
            .all(db)
    })
    .await?
    .into_iter()
    .map(|u| (u.id, u.name))
    .collect())
}

pub async fn find_by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> DbResult<Option<user::Model>> {
    user::Entity::find()
        .filter(user::Column::Email.eq(normalize_email(email)))
        .one(db)
        .await
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn find_in_tenant<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    user_id: &str,
) -> DbResult<Option<user::Model>> {
    user::Entity::find_by_id(user_id.to_string())
        .filter(user::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn list_in_tenant<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<Vec<user::Model>> {
    user::Entity::find()
        .filter(user::Column::TenantId.eq(tenant_id))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await
}

/// Roles (platform role first) and the outlets a user is limited to (`None` = all).
pub async fn roles_and_outlets<C: ConnectionTrait>(
    db: &C,
    user: &user::Model,
) -> DbResult<(Vec<Role>, Option<Vec<String>>)> {
    let mut roles: Vec<Role> = user
        .platform_role
        .as_deref()
        .and_then(Role::parse)
        .into_iter()
        .collect();
    let Some(tenant_id) = &user.tenant_id else {
        return Ok((roles, None));
    };
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(&user.id))
        .filter(user_role::Column::TenantId.eq(tenant_id))
        .all(db)
        .await?;
    roles.extend(rows.iter().filter_map(|r| Role::parse(&r.role)));
    roles.sort_by_key(|r| r.rank());
    let outlets: Vec<String> = user_outlet::Entity::find()
        .filter(user_outlet::Column::UserId.eq(&user.id))
        .filter(user_outlet::Column::TenantId.eq(tenant_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.outlet_id)
        .collect();
    Ok((
        roles,
        if outlets.is_empty() {
            None
        } else {
            Some(outlets)
        },
    ))
}

pub struct NewUser<'a> {
    pub tenant_id: Option<&'a str>,
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: Option<String>,
    pub platform_role: Option<Role>,
    pub status: &'a str,
    pub is_demo: bool,
}

pub async fn insert<C: ConnectionTrait>(db: &C, new: NewUser<'_>) -> DbResult<user::Model> {
    user::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(new.tenant_id.map(str::to_string)),
        email: Set(normalize_email(new.email)),
        name: Set(new.name.trim().to_string()),
        password_hash: Set(new.password_hash),
        pin_hash: Set(None),
        platform_role: Set(new.platform_role.map(|r| r.as_str().to_string())),
        status: Set(new.status.to_string()),
        locale: Set("id".to_string()),
        is_demo: Set(new.is_demo),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
}

/// Replaces a user's roles and outlet limits within their tenant.
pub async fn set_roles_and_outlets<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    user_id: &str,
    roles: &[Role],
    outlet_ids: &[String],
) -> DbResult<()> {
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::TenantId.eq(tenant_id))
        .exec(db)
        .await?;
    for role in roles {
        user_role::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.to_string()),
            user_id: Set(user_id.to_string()),
            role: Set(role.as_str().to_string()),
        }
        .insert(db)
        .await?;
    }
    user_outlet::Entity::delete_many()
        .filter(user_outlet::Column::UserId.eq(user_id))
        .filter(user_outlet::Column::TenantId.eq(tenant_id))
        .exec(db)
        .await?;
    for outlet_id in outlet_ids {
        user_outlet::ActiveModel {
            id: Set(new_id()),
            tenant_id: Set(tenant_id.to_string()),
            user_id: Set(user_id.to_string()),
            outlet_id: Set(outlet_id.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
