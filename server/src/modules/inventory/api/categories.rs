use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::Set;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::entity::category;
use crate::modules::inventory::repo::catalogue as repo;
use crate::platform::api::tenants::required;

#[derive(Serialize, ToSchema)]
pub struct CategoryView {
    pub id: String,
    pub name: String,
    pub created_at: String,
}

impl From<category::Model> for CategoryView {
    fn from(c: category::Model) -> Self {
        CategoryView {
            id: c.id,
            name: c.name,
            created_at: c.created_at.to_rfc3339(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct CategoryInput {
    pub name: Option<String>,
}

fn category_name(req: &CategoryInput) -> ApiResult<String> {
    required(
        "name",
        req.name.as_deref().unwrap_or_default(),
        "Nama kategori",
    )
}

fn name_taken() -> ApiError {
    ApiError::conflict("name_taken", "Nama kategori sudah dipakai.")
}

#[utoipa::path(get, path = "/categories", tag = "catalogue",
    responses((status = 200, body = [CategoryView])))]
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<CategoryView>>> {
    auth.require(Permission::VIEW_CATALOGUE)?;
    let all = repo::list_categories(&state.db, auth.tenant()?).await?;
    Ok(Json(all.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/categories", tag = "catalogue", request_body = CategoryInput,
    responses((status = 201, body = CategoryView), (status = 409, description = "`name_taken`"), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<CategoryInput>,
) -> ApiResult<(StatusCode, Json<CategoryView>)> {
    auth.require(Permission::MANAGE_CATALOGUE)?;
    let tenant_id = auth.tenant()?.to_string();
    let name = category_name(&req)?;
    let actor = Actor::of(&auth);
    let created = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            if repo::category_name_taken(txn, &tenant_id, &name, None).await? {
                return Err(name_taken());
            }
            let c = repo::insert_category(
                txn,
                category::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.clone()),
                    name: Set(name),
                    created_at: Set(Utc::now()),
                },
            )
            .await?;
            audit
                .record(
                    Change::new("category.create", "category", &c.id)
                        .after(json!({"name": c.name})),
                )
                .await?;
            Ok(c)
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

async fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<category::Model> {
    repo::find_category(&state.db, auth.tenant()?, id)
        .await?
        .ok_or(ApiError::NotFound("Kategori"))
}

#[utoipa::path(patch, path = "/categories/{id}", tag = "catalogue", request_body = CategoryInput,
    params(("id" = String, Path)),
    responses((status = 200, body = CategoryView), (status = 404), (status = 409, description = "`name_taken`"), (status = 422)))]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<CategoryInput>,
) -> ApiResult<Json<CategoryView>> {
    auth.require(Permission::MANAGE_CATALOGUE)?;
    let before = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let name = match &req.name {
        Some(_) => category_name(&req)?,
        None => before.name.clone(),
    };
    let actor = Actor::of(&auth);
    let updated = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            if repo::category_name_taken(txn, &tenant_id, &name, Some(&before.id)).await? {
                return Err(name_taken());
            }
            let mut active: category::ActiveModel = before.clone().into();
            active.name = Set(name);
            let c = repo::update_category(txn, active).await?;
            audit
                .record(
                    Change::new("category.update", "category", &c.id)
                        .before(json!({"name": before.name}))
                        .after(json!({"name": c.name})),
                )
                .await?;
            Ok(c)
        })
    })
    .await?;
    Ok(Json(updated.into()))
}

#[utoipa::path(delete, path = "/categories/{id}", tag = "catalogue",
    params(("id" = String, Path)),
    responses((status = 204, description = "Deleted; its products become uncategorised"), (status = 404)))]
pub async fn delete(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::MANAGE_CATALOGUE)?;
    let before = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let actor = Actor::of(&auth);
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            repo::delete_category(txn, &tenant_id, &before.id).await?;
            audit
                .record(
                    Change::new("category.delete", "category", &before.id)
                        .before(json!({"name": before.name})),
                )
                .await
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
