use axum::extract::State;
use axum::http::StatusCode;
pub use domain::api::CreatedToken;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::platform::api::tenants::required;
use crate::platform::entity::api_token;
use crate::platform::repo::tokens;

pub use domain::api::TokenView;

impl From<api_token::Model> for TokenView {
    fn from(t: api_token::Model) -> Self {
        TokenView {
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            user_id: t.user_id,
            created_at: t.created_at.to_rfc3339(),
            last_used_at: t.last_used_at.map(|d| d.to_rfc3339()),
            revoked_at: t.revoked_at.map(|d| d.to_rfc3339()),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct CreateToken {
    pub name: String,
}

#[utoipa::path(get, path = "/tokens", tag = "tokens", responses((status = 200, body = [TokenView])))]
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<TokenView>>> {
    auth.require(Permission::MANAGE_TOKENS)?;
    Ok(Json(
        tokens::list(&state.db, auth.tenant()?)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

#[utoipa::path(post, path = "/tokens", tag = "tokens", request_body = CreateToken,
    responses((status = 201, body = CreatedToken), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<CreateToken>,
) -> ApiResult<(StatusCode, Json<CreatedToken>)> {
    auth.require(Permission::MANAGE_TOKENS)?;
    let name = required("name", &req.name, "Nama token")?;
    let tenant_id = auth.tenant()?.to_string();
    let user_id = auth.user.id.clone();
    let actor = Actor::of(&auth);
    let created = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let (t, secret) = tokens::create(txn, &tenant_id, &user_id, &name).await?;
            audit
                .record(
                    Change::new("token.create", "api_token", &t.id)
                        .after(json!({"name": t.name, "prefix": t.prefix})),
                )
                .await?;
            Ok(CreatedToken {
                token: t.into(),
                secret,
            })
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(delete, path = "/tokens/{id}", tag = "tokens", params(("id" = String, Path)),
    responses((status = 204, description = "Revoked"), (status = 404)))]
pub async fn revoke(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::MANAGE_TOKENS)?;
    let tenant_id = auth.tenant()?.to_string();
    let found = tokens::find(&state.db, &tenant_id, &id)
        .await?
        .filter(|t| t.revoked_at.is_none())
        .ok_or(ApiError::NotFound("Token"))?;
    let actor = Actor::of(&auth);
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let t = tokens::revoke(txn, found).await?;
            audit
                .record(
                    Change::new("token.revoke", "api_token", &t.id)
                        .before(json!({"name": t.name, "prefix": t.prefix})),
                )
                .await
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
