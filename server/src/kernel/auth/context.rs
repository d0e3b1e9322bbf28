use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::Method;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::kernel::auth::secret::sha256_hex;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::rbac::{allows, Permission, Role};
use crate::kernel::state::AppState;
use crate::platform::entity::{api_token, session, user};
use crate::platform::repo::users as users_repo;

pub const SESSION_COOKIE: &str = "satu_session";
pub const CSRF_COOKIE: &str = "satu_csrf";
pub const DEVICE_COOKIE: &str = "satu_device";
pub const CSRF_HEADER: &str = "x-csrf-token";

#[derive(Clone, Debug)]
pub enum Credential {
    Session { id: String },
    Token { id: String },
}

/// Who is asking, for which tenant, from which device. Built once per request from the
/// session cookie or the bearer token; the tenant never comes from the request body.
#[derive(Clone, Debug)]
pub struct Auth {
    pub user: user::Model,
    pub tenant_id: Option<String>,
    pub roles: Vec<Role>,
    /// `None`: every outlet of the tenant.
    pub outlet_ids: Option<Vec<String>>,
    pub device_id: Option<String>,
    pub credential: Credential,
    pub client: ClientInfo,
}

impl Auth {
    pub fn can(&self, permission: Permission) -> bool {
        self.roles.iter().any(|r| allows(*r, permission))
    }

    pub fn require(&self, permission: Permission) -> ApiResult<()> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// The caller's tenant; platform users without one are refused tenant resources.
    pub fn tenant(&self) -> ApiResult<&str> {
        self.tenant_id.as_deref().ok_or(ApiError::Forbidden)
    }

    pub fn can_access_outlet(&self, outlet_id: &str) -> bool {
        match &self.outlet_ids {
            None => true,
            Some(ids) => ids.iter().any(|id| id == outlet_id),
        }
    }

    pub fn highest_role(&self) -> Option<Role> {
        self.roles.iter().copied().min_by_key(|r| r.rank())
    }

    /// The strongest tenant role, which decides what roles this user may grant.
    pub fn granting_role(&self) -> Option<Role> {
        self.roles
            .iter()
            .copied()
            .filter(|r| !r.is_platform())
            .min_by_key(|r| r.rank())
    }
}

#[derive(Clone, Debug)]
pub struct ClientInfo {
    pub ip: String,
}

impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        Ok(client_info(parts, state))
    }
}

fn client_info(parts: &Parts, state: &AppState) -> ClientInfo {
    if state.settings.trust_proxy {
        if let Some(forwarded) = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            // The rightmost address is the one our trusted proxy appended (the peer it
            // saw); everything left of it was written by the client and proves nothing.
            .and_then(|v| v.rsplit(',').map(str::trim).find(|a| !a.is_empty()))
        {
            return ClientInfo {
                ip: forwarded.trim().to_string(),
            };
        }
    }
    let ip = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "local".to_string());
    ClientInfo { ip }
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        // The package gate has already signed this request in.
        if let Some(auth) = parts.extensions.get::<Auth>() {
            return Ok(auth.clone());
        }
        authenticate(parts, state).await
    }
}

/// Who is asking, from the session cookie or the bearer token (touching its last use).
pub async fn authenticate(parts: &mut Parts, state: &AppState) -> ApiResult<Auth> {
    let client = client_info(parts, state);
    let now = Utc::now();
    let bearer = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_string);

    let (user_id, credential, device_id) = if let Some(token) = bearer {
        let found = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(sha256_hex(&token)))
            .filter(api_token::Column::RevokedAt.is_null())
            .one(&state.db)
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        let mut active: api_token::ActiveModel = found.clone().into();
        active.last_used_at = Set(Some(now));
        active.update(&state.db).await?;
        (found.user_id, Credential::Token { id: found.id }, None)
    } else {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(SESSION_COOKIE)
            .map(|c| c.value().to_string())
            .ok_or(ApiError::Unauthenticated)?;
        let found = session::Entity::find_by_id(sha256_hex(&token))
            .one(&state.db)
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        if found.revoked_at.is_some() || found.expires_at <= now {
            return Err(ApiError::Unauthenticated);
        }
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let header = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if header.is_empty() || header != found.csrf_token {
                return Err(ApiError::CsrfFailed);
            }
        }
        (
            found.user_id,
            Credential::Session { id: found.id },
            found.device_id,
        )
    };

    let user = user::Entity::find_by_id(user_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    if user.status != "active" {
        return Err(ApiError::Unauthenticated);
    }
    let (roles, outlet_ids) = users_repo::roles_and_outlets(&state.db, &user).await?;
    Ok(Auth {
        tenant_id: user.tenant_id.clone(),
        user,
        roles,
        outlet_ids,
        device_id,
        credential,
        client,
    })
}
