use axum::extract::State;
use axum::http::StatusCode;
pub use domain::api::CreatedTenant;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::Json;
use crate::kernel::rbac::{Permission, Role};
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::platform::entity::tenant;
use crate::platform::repo::{invitations, tenants, users};

pub const PLANS: [&str; 3] = ["basic", "pro", "enterprise"];

pub use domain::api::TenantView;

impl From<tenant::Model> for TenantView {
    fn from(t: tenant::Model) -> Self {
        TenantView {
            id: t.id,
            name: t.name,
            owner_email: t.owner_email,
            plan: t.plan,
            created_at: t.created_at.to_rfc3339(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct CreateTenant {
    pub name: String,
    pub owner_email: String,
    #[serde(default)]
    pub owner_name: Option<String>,
    /// `basic`, `pro` or `enterprise`.
    pub plan: String,
}

pub fn validate_email(email: &str) -> ApiResult<String> {
    let email = users::normalize_email(email);
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !email.contains(char::is_whitespace);
    if valid {
        Ok(email)
    } else {
        Err(ApiError::validation("email", "Alamat email tidak valid."))
    }
}

/// A name or label: trimmed, 1–200 characters, no control characters.
pub fn required(field: &str, value: &str, label: &str) -> ApiResult<String> {
    crate::kernel::input::required(field, value, crate::kernel::input::NAME_CHARS_MAX, label)
}

#[utoipa::path(get, path = "/tenants", tag = "platform",
    responses((status = 200, body = [TenantView]), (status = 403, description = "Platform roles only")))]
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<TenantView>>> {
    auth.require(Permission::LIST_TENANTS)?;
    Ok(Json(
        tenants::list(&state.db)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

#[utoipa::path(post, path = "/tenants", tag = "platform", request_body = CreateTenant,
    responses((status = 201, body = CreatedTenant), (status = 409, description = "Owner email already registered"),
        (status = 422, description = "Invalid field")))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<CreateTenant>,
) -> ApiResult<(StatusCode, Json<CreatedTenant>)> {
    auth.require(Permission::CREATE_TENANT)?;
    let name = required("name", &req.name, "Nama usaha")?;
    let owner_email = validate_email(&req.owner_email)
        .map_err(|_| ApiError::validation("owner_email", "Email pemilik tidak valid."))?;
    if !PLANS.contains(&req.plan.as_str()) {
        return Err(ApiError::validation(
            "plan",
            "Paket harus basic, pro, atau enterprise.",
        ));
    }
    let owner_name = req
        .owner_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("Pemilik")
        .to_string();
    let actor = Actor::of(&auth);
    let creator = auth.user.id.clone();
    let plan = req.plan.clone();
    let created = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            if users::find_by_email(txn, &owner_email).await?.is_some() {
                return Err(ApiError::conflict(
                    "email_taken",
                    "Email pemilik sudah terdaftar.",
                ));
            }
            let t = tenants::insert(txn, &name, &owner_email, &plan).await?;
            let owner = users::insert(
                txn,
                users::NewUser {
                    tenant_id: Some(&t.id),
                    email: &owner_email,
                    name: &owner_name,
                    password_hash: None,
                    platform_role: None,
                    status: "invited",
                    is_demo: false,
                },
            )
            .await?;
            users::set_roles_and_outlets(txn, &t.id, &owner.id, &[Role::Owner], &[]).await?;
            let token = invitations::create(txn, &t.id, &owner.id, &creator).await?;
            audit
                .record(
                    Change::new("tenant.create", "tenant", &t.id)
                        .tenant(Some(&t.id))
                        .after(
                            json!({"name": t.name, "owner_email": t.owner_email, "plan": t.plan}),
                        ),
                )
                .await?;
            audit
                .record(
                    Change::new("user.invite", "user", &owner.id)
                        .tenant(Some(&t.id))
                        .after(json!({"email": owner.email, "roles": ["owner"]})),
                )
                .await?;
            Ok(CreatedTenant {
                owner_user_id: owner.id,
                invite_path: format!("/undangan?token={token}"),
                invite_token: token,
                tenant: t.into(),
            })
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}
