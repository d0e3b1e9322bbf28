use axum::extract::State;
use axum::http::StatusCode;
pub use domain::api::Invited;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::{secret, Auth};
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::{may_grant, Permission, Role};
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::platform::api::auth::{user_view, UserView};
use crate::platform::api::tenants::{required, validate_email};
use crate::platform::entity::user;
use crate::platform::repo::{invitations, outlets, sessions, users};

#[derive(Deserialize, ToSchema)]
pub struct InviteRequest {
    pub email: String,
    pub name: String,
    /// Tenant roles: `owner`, `admin`, `manager`, `cashier`, `supplier`, `member`.
    pub roles: Vec<String>,
    /// Outlets the user is limited to; empty = every outlet.
    #[serde(default)]
    pub outlet_ids: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct UpdateUser {
    pub name: Option<String>,
    pub roles: Option<Vec<String>>,
    pub outlet_ids: Option<Vec<String>>,
    /// `active` or `disabled`.
    pub status: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct SetPin {
    pub pin: String,
}

#[derive(Deserialize, ToSchema)]
pub struct AcceptInvitation {
    pub token: String,
    pub password: String,
}

fn parse_roles(auth: &Auth, names: &[String]) -> ApiResult<Vec<Role>> {
    let granter = auth.granting_role().ok_or(ApiError::Forbidden)?;
    if names.is_empty() {
        return Err(ApiError::validation("roles", "Pilih minimal satu peran."));
    }
    let mut roles = Vec::new();
    for name in names {
        let role = Role::parse(name)
            .filter(|r| !r.is_platform())
            .ok_or_else(|| {
                ApiError::validation("roles", format!("Peran tidak dikenal: {name}."))
            })?;
        if !may_grant(granter, role) {
            return Err(ApiError::Forbidden);
        }
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    Ok(roles)
}

async fn check_outlets<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    ids: &[String],
) -> ApiResult<()> {
    for id in ids {
        if outlets::find(db, tenant_id, id).await?.is_none() {
            return Err(ApiError::validation(
                "outlet_ids",
                "Outlet tidak ditemukan.",
            ));
        }
    }
    Ok(())
}

async fn snapshot<C: ConnectionTrait>(db: &C, u: &user::Model) -> ApiResult<serde_json::Value> {
    let (roles, outlets) = users::roles_and_outlets(db, u).await?;
    Ok(
        json!({"email": u.email, "name": u.name, "status": u.status, "roles": roles, "outlet_ids": outlets}),
    )
}

async fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<user::Model> {
    users::find_in_tenant(&state.db, auth.tenant()?, id)
        .await?
        .ok_or(ApiError::NotFound("Pengguna"))
}

#[utoipa::path(get, path = "/users", tag = "staff", responses((status = 200, body = [UserView])))]
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<UserView>>> {
    auth.require(Permission::VIEW_STAFF)?;
    let mut out = Vec::new();
    for u in users::list_in_tenant(&state.db, auth.tenant()?).await? {
        out.push(user_view(&state.db, &u).await?);
    }
    Ok(Json(out))
}

#[utoipa::path(get, path = "/users/{id}", tag = "staff", params(("id" = String, Path)),
    responses((status = 200, body = UserView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<UserView>> {
    auth.require(Permission::VIEW_STAFF)?;
    let u = load(&state, &auth, &id).await?;
    Ok(Json(user_view(&state.db, &u).await?))
}

#[utoipa::path(post, path = "/users", tag = "staff", request_body = InviteRequest,
    responses((status = 201, body = Invited), (status = 409, description = "Email taken"), (status = 422)))]
pub async fn invite(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<InviteRequest>,
) -> ApiResult<(StatusCode, Json<Invited>)> {
    auth.require(Permission::MANAGE_STAFF)?;
    let tenant_id = auth.tenant()?.to_string();
    let email = validate_email(&req.email)?;
    let name = required("name", &req.name, "Nama")?;
    let roles = parse_roles(&auth, &req.roles)?;
    let outlet_ids = req.outlet_ids.clone();
    let actor = Actor::of(&auth);
    let inviter = auth.user.id.clone();
    let invited = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            check_outlets(txn, &tenant_id, &outlet_ids).await?;
            if users::find_by_email(txn, &email).await?.is_some() {
                return Err(ApiError::conflict("email_taken", "Email sudah terdaftar."));
            }
            let u = users::insert(
                txn,
                users::NewUser {
                    tenant_id: Some(&tenant_id),
                    email: &email,
                    name: &name,
                    password_hash: None,
                    platform_role: None,
                    status: "invited",
                    is_demo: false,
                },
            )
            .await?;
            users::set_roles_and_outlets(txn, &tenant_id, &u.id, &roles, &outlet_ids).await?;
            let token = invitations::create(txn, &tenant_id, &u.id, &inviter).await?;
            audit
                .record(Change::new("user.invite", "user", &u.id).after(snapshot(txn, &u).await?))
                .await?;
            Ok(Invited {
                user: user_view(txn, &u).await?,
                invite_path: format!("/undangan?token={token}"),
                invite_token: token,
            })
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(invited)))
}

#[utoipa::path(patch, path = "/users/{id}", tag = "staff", request_body = UpdateUser,
    params(("id" = String, Path)), responses((status = 200, body = UserView), (status = 403), (status = 404)))]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<UpdateUser>,
) -> ApiResult<Json<UserView>> {
    auth.require(Permission::MANAGE_STAFF)?;
    let target = load(&state, &auth, &id).await?;
    guard_target(&state, &auth, &target).await?;
    let roles = match &req.roles {
        Some(names) => Some(parse_roles(&auth, names)?),
        None => None,
    };
    let name = match &req.name {
        Some(n) => Some(required("name", n, "Nama")?),
        None => None,
    };
    let status = match req.status.as_deref() {
        None => None,
        Some(s @ ("active" | "disabled")) => {
            if target.status == "invited" && s == "active" {
                return Err(ApiError::validation(
                    "status",
                    "Pengguna belum menerima undangan.",
                ));
            }
            Some(s.to_string())
        }
        Some(_) => {
            return Err(ApiError::validation(
                "status",
                "Status harus active atau disabled.",
            ))
        }
    };
    if target.id == auth.user.id && (roles.is_some() || status.is_some()) {
        return Err(ApiError::conflict(
            "self_change",
            "Anda tidak dapat mengubah peran atau status akun sendiri.",
        ));
    }
    let tenant_id = auth.tenant()?.to_string();
    let actor = Actor::of(&auth);
    let outlet_ids = req.outlet_ids.clone();
    let updated = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let before = snapshot(txn, &target).await?;
            let (old_roles, old_outlets) = users::roles_and_outlets(txn, &target).await?;
            let mut active: user::ActiveModel = target.clone().into();
            if let Some(n) = name {
                active.name = Set(n);
            }
            let disabling = status.as_deref() == Some("disabled");
            if let Some(s) = status {
                active.status = Set(s);
            }
            let u = active.update(txn).await?;
            if roles.is_some() || outlet_ids.is_some() {
                let roles = roles.unwrap_or(old_roles);
                let outlets = match outlet_ids {
                    Some(ids) => ids,
                    None => old_outlets.unwrap_or_default(),
                };
                check_outlets(txn, &tenant_id, &outlets).await?;
                users::set_roles_and_outlets(txn, &tenant_id, &u.id, &roles, &outlets).await?;
            }
            if disabling {
                sessions::revoke_all_for_user(txn, &u.id).await?;
                invitations::revoke_open_for_user(txn, &u.id).await?;
            }
            audit
                .record(
                    Change::new("user.update", "user", &u.id)
                        .before(before)
                        .after(snapshot(txn, &u).await?),
                )
                .await?;
            Ok(u)
        })
    })
    .await?;
    Ok(Json(user_view(&state.db, &updated).await?))
}

/// An Admin may not change an Owner or another Admin.
async fn guard_target(state: &AppState, auth: &Auth, target: &user::Model) -> ApiResult<()> {
    let granter = auth.granting_role().ok_or(ApiError::Forbidden)?;
    let (target_roles, _) = users::roles_and_outlets(&state.db, target).await?;
    if target.id != auth.user.id && target_roles.iter().any(|r| !may_grant(granter, *r)) {
        return Err(ApiError::Forbidden);
    }
    Ok(())
}

#[utoipa::path(delete, path = "/users/{id}", tag = "staff", params(("id" = String, Path)),
    responses((status = 204, description = "Disabled and signed out"), (status = 404)))]
pub async fn disable(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::MANAGE_STAFF)?;
    let target = load(&state, &auth, &id).await?;
    if target.id == auth.user.id {
        return Err(ApiError::conflict(
            "self_change",
            "Anda tidak dapat menonaktifkan akun sendiri.",
        ));
    }
    guard_target(&state, &auth, &target).await?;
    auth.tenant()?;
    let actor = Actor::of(&auth);
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let before = snapshot(txn, &target).await?;
            let mut active: user::ActiveModel = target.clone().into();
            active.status = Set("disabled".to_string());
            let u = active.update(txn).await?;
            sessions::revoke_all_for_user(txn, &u.id).await?;
            invitations::revoke_open_for_user(txn, &u.id).await?;
            audit
                .record(
                    Change::new("user.disable", "user", &u.id)
                        .before(before)
                        .after(snapshot(txn, &u).await?),
                )
                .await
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/users/{id}/pin", tag = "staff", request_body = SetPin,
    params(("id" = String, Path)), responses((status = 204, description = "PIN set"), (status = 404), (status = 422)))]
pub async fn set_pin(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<SetPin>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::SET_STAFF_PIN)?;
    secret::validate_pin(&req.pin)?;
    let target = load(&state, &auth, &id).await?;
    let (target_roles, _) = users::roles_and_outlets(&state.db, &target).await?;
    // Managers set PINs for cashiers; owners and admins for anyone below them.
    let granter = auth.granting_role().ok_or(ApiError::Forbidden)?;
    let allowed = target.id == auth.user.id
        || target_roles.iter().all(|r| match granter {
            Role::Manager => *r == Role::Cashier,
            g => may_grant(g, *r),
        });
    if !allowed {
        return Err(ApiError::Forbidden);
    }
    let pin_hash = secret::hash_password(&req.pin)?;
    auth.tenant()?;
    let actor = Actor::of(&auth);
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let id = target.id.clone();
            let mut active: user::ActiveModel = target.into();
            active.pin_hash = Set(Some(pin_hash));
            active.update(txn).await?;
            audit.record(Change::new("user.pin_set", "user", &id)).await
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/invitations/accept", tag = "auth", request_body = AcceptInvitation,
    responses((status = 204, description = "Password set; the user can sign in"),
        (status = 404, description = "Unknown, used or expired invitation"), (status = 422)))]
pub async fn accept_invitation(
    State(state): State<AppState>,
    Json(req): Json<AcceptInvitation>,
) -> ApiResult<StatusCode> {
    secret::validate_new_password(&req.password)?;
    let hash = secret::hash_password(&req.password)?;
    audited(&state.db, Actor::system("invitation"), move |txn, audit| {
        Box::pin(async move {
            let inv = invitations::find_open(txn, &req.token)
                .await?
                .ok_or(ApiError::NotFound("Undangan"))?;
            // Only an invited user becomes active by accepting: one disabled since
            // (or already active) is not brought back by an old link.
            let u = users::find_in_tenant(txn, &inv.tenant_id, &inv.user_id)
                .await?
                .filter(|u| u.status == "invited")
                .ok_or(ApiError::NotFound("Undangan"))?;
            // Anonymous until now: the invited user is who acts.
            let actor = Actor {
                user_id: Some(u.id.clone()),
                email: u.email.clone(),
                device_id: None,
                tenant_id: Some(inv.tenant_id.clone()),
            };
            let mut active: user::ActiveModel = u.clone().into();
            active.password_hash = Set(Some(hash));
            active.status = Set("active".to_string());
            active.update(txn).await?;
            invitations::mark_accepted(txn, inv).await?;
            audit
                .record_as(
                    &actor,
                    Change::new("user.activate", "user", &u.id)
                        .before(json!({"status": "invited"}))
                        .after(json!({"status": "active"})),
                )
                .await
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
