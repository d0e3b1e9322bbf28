use axum::extract::State;
use axum::http::StatusCode;
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use sea_orm::{ActiveModelTrait, Set};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::context::{CSRF_COOKIE, DEVICE_COOKIE, SESSION_COOKIE};
use crate::kernel::auth::secret::{self, DEMO_PASSWORD};
use crate::kernel::auth::{Auth, ClientInfo, Credential};
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::Json;
use crate::kernel::rbac::{Permission, Role};
use crate::kernel::state::{AppState, Settings};
use crate::kernel::txn::{audited, Change};
use crate::platform::entity::{device, user};
use crate::platform::repo::{devices, outlets, sessions, tenants, users};

pub use domain::api::{LoginRequest, SessionView, UserView};

/// What `GET /auth/me` and the sign-ins answer: the user, the tenant's packages, and the
/// permissions the menu is built from.
async fn session_view(
    state: &AppState,
    user: &user::Model,
    csrf_token: String,
    device_id: Option<String>,
) -> ApiResult<SessionView> {
    let view = user_view(&state.db, user).await?;
    let packages: Vec<String> = match &user.tenant_id {
        Some(tenant) => crate::kernel::router::enabled_for(state, tenant)
            .await?
            .into_iter()
            .map(str::to_string)
            .collect(),
        None => vec!["platform".to_string()],
    };
    let permissions = crate::kernel::package::permissions(state.packages)
        .filter(|p| view.roles.iter().any(|r| p.allows(*r)))
        .filter(|p| {
            let package = p.code.split('.').next().unwrap_or_default();
            packages.iter().any(|on| on == package)
        })
        .map(|p| p.code.to_string())
        .collect();
    Ok(SessionView {
        home: home_for(state.packages, &view.roles).to_string(),
        roles: view.roles.clone(),
        user: view,
        csrf_token,
        device_id,
        packages,
        permissions,
    })
}

/// Where a user with `roles` lands: the home a package names for the first-ranked role,
/// else the platform's screen for it.
pub fn home_for(registry: crate::kernel::package::Registry, roles: &[Role]) -> &'static str {
    let first = roles.iter().copied().min_by_key(|r| r.rank());
    if let Some(home) = first.and_then(|role| {
        registry
            .iter()
            .flat_map(|p| p.homes.iter())
            .find(|(r, _)| *r == role)
            .map(|(_, path)| *path)
    }) {
        return home;
    }
    match first {
        Some(Role::Superadmin | Role::Developer) => "/platform",
        Some(Role::Owner | Role::Admin | Role::Manager) => "/dasbor",
        Some(Role::Cashier) => "/kasir",
        Some(Role::Supplier) => "/pemasok",
        // A member's home belongs to the package that has members (`Package::homes`).
        Some(Role::Member) => "/",
        None => "/masuk",
    }
}

pub async fn user_view<C: sea_orm::ConnectionTrait>(
    db: &C,
    u: &user::Model,
) -> ApiResult<UserView> {
    let (roles, outlet_ids) = users::roles_and_outlets(db, u).await?;
    let tenant_name = match &u.tenant_id {
        Some(id) => tenants::find(db, id).await?.map(|t| t.name),
        None => None,
    };
    Ok(UserView {
        id: u.id.clone(),
        email: u.email.clone(),
        name: u.name.clone(),
        tenant_id: u.tenant_id.clone(),
        tenant_name,
        roles,
        outlet_ids,
        status: u.status.clone(),
        has_pin: u.pin_hash.is_some(),
        locale: u.locale.clone(),
    })
}

fn session_cookies(jar: CookieJar, settings: &Settings, token: String, csrf: String) -> CookieJar {
    let max_age = time_duration_hours(settings.session_ttl_hours);
    let session = Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(settings.secure_cookies)
        .path("/")
        .max_age(max_age);
    // Readable by the page's script, which echoes it in the X-CSRF-Token header: another
    // site can neither read it nor set the header.
    let csrf = Cookie::build((CSRF_COOKIE, csrf))
        .http_only(false)
        .same_site(SameSite::Lax)
        .secure(settings.secure_cookies)
        .path("/")
        .max_age(max_age);
    jar.add(session).add(csrf)
}

fn time_duration_hours(hours: i64) -> time::Duration {
    time::Duration::hours(hours)
}

fn clear_session_cookies(jar: CookieJar) -> CookieJar {
    jar.remove(Cookie::build(SESSION_COOKIE).path("/"))
        .remove(Cookie::build(CSRF_COOKIE).path("/"))
}

/// One sign-in or PIN attempt, counted before the secret is checked (see
/// [`sessions::reserve_attempt`]).
pub(crate) struct Attempt {
    id: i32,
    limit: u64,
    key: String,
    ip: String,
    /// The address has failed more than its limit in the window: it is slowed, not locked.
    address_over_limit: bool,
}

impl Attempt {
    /// Reserves the attempt, or answers 429 when `key` (an account, a PIN) is locked.
    ///
    /// The per-address limit does not lock: a shop's whole staff sits behind one Wi-Fi
    /// address, and one person guessing must not keep the others out. Instead, once an
    /// address is over its limit every further failure from it locks the account it tried
    /// at once — a correct password of an account that is not locked still signs in,
    /// while guessing from that address gets one try per account per window.
    pub(crate) async fn reserve(state: &AppState, key: &str, ip: &str) -> ApiResult<Attempt> {
        Self::reserve_within(state, key, ip, state.settings.max_failures_per_account).await
    }

    /// As [`Attempt::reserve`] with `limit` failures for `key` in the window.
    pub(crate) async fn reserve_within(
        state: &AppState,
        key: &str,
        ip: &str,
        limit: u64,
    ) -> ApiResult<Attempt> {
        let s = &state.settings;
        let (id, by_key, by_ip) =
            sessions::reserve_attempt(&state.db, key, ip, s.failure_window_minutes).await?;
        if by_key > limit {
            sessions::release_attempt(&state.db, id).await?;
            return Err(ApiError::RateLimited {
                retry_after_secs: (s.failure_window_minutes * 60) as u64,
            });
        }
        Ok(Attempt {
            id,
            limit,
            key: key.to_string(),
            ip: ip.to_string(),
            address_over_limit: by_ip > s.max_failures_per_ip,
        })
    }

    /// The secret was wrong: the reservation stays as the failure.
    pub(crate) async fn failed(self, state: &AppState) -> ApiResult<()> {
        if self.address_over_limit {
            for _ in 1..self.limit {
                sessions::record_failure(&state.db, &self.key, &self.ip).await?;
            }
        }
        Ok(())
    }

    /// Not checked after all (another limit refused first): it does not count.
    pub(crate) async fn release(self, state: &AppState) -> ApiResult<()> {
        Ok(sessions::release_attempt(&state.db, self.id).await?)
    }

    /// The secret was right: the account's failures (this reservation included) go.
    pub(crate) async fn succeeded(self, state: &AppState) -> ApiResult<()> {
        Ok(sessions::clear_failures(&state.db, &self.key).await?)
    }
}

/// The device this browser was registered as, if its cookie is still valid.
async fn current_device(state: &AppState, jar: &CookieJar) -> ApiResult<Option<device::Model>> {
    match jar.get(DEVICE_COOKIE) {
        Some(c) => Ok(devices::find_by_secret(&state.db, c.value()).await?),
        None => Ok(None),
    }
}

#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; sets the session cookie", body = SessionView),
        (status = 401, description = "Wrong email or password"),
        (status = 429, description = "Too many failed attempts")))]
pub async fn login(
    State(state): State<AppState>,
    client: ClientInfo,
    jar: CookieJar,
    Json(req): Json<LoginRequest>,
) -> ApiResult<(CookieJar, Json<SessionView>)> {
    let email = users::normalize_email(&req.email);
    if email.is_empty() {
        return Err(ApiError::validation("email", "Email wajib diisi."));
    }
    let attempt = Attempt::reserve(&state, &email, &client.ip).await?;

    let found = users::find_by_email(&state.db, &email).await?;
    let verified = match &found {
        Some(u) if u.status == "active" => match &u.password_hash {
            Some(hash) => secret::verify_password(&req.password, hash),
            None => false,
        },
        _ => {
            secret::dummy_verify(&req.password);
            false
        }
    };
    let Some(user) = found.filter(|_| verified) else {
        attempt.failed(&state).await?;
        tracing::info!(%email, ip = %client.ip, "sign-in failed");
        return Err(ApiError::BadCredentials);
    };
    attempt.succeeded(&state).await?;
    if req.password == DEMO_PASSWORD && !state.settings.demo_mode {
        return Err(ApiError::DemoPasswordRefused);
    }

    let device = current_device(&state, &jar)
        .await?
        .filter(|d| Some(&d.tenant_id) == user.tenant_id.as_ref());
    let new = sessions::create(
        &state.db,
        &user.id,
        user.tenant_id.as_deref(),
        device.as_ref().map(|d| d.id.as_str()),
        &client.ip,
        state.settings.session_ttl_hours,
    )
    .await?;
    let view = session_view(&state, &user, new.csrf.clone(), device.map(|d| d.id)).await?;
    let jar = session_cookies(jar, &state.settings, new.token, new.csrf);
    Ok((jar, Json(view)))
}

#[utoipa::path(post, path = "/auth/logout", tag = "auth",
    responses((status = 204, description = "Session revoked on the server")))]
pub async fn logout(
    State(state): State<AppState>,
    auth: Auth,
    jar: CookieJar,
) -> ApiResult<(CookieJar, StatusCode)> {
    if let Credential::Session { id } = &auth.credential {
        sessions::revoke(&state.db, id).await?;
    }
    Ok((clear_session_cookies(jar), StatusCode::NO_CONTENT))
}

#[utoipa::path(get, path = "/auth/me", tag = "auth",
    responses((status = 200, body = SessionView), (status = 401, description = "Not signed in")))]
pub async fn me(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<SessionView>> {
    let csrf_token = match &auth.credential {
        Credential::Session { id } => sessions::find(&state.db, id)
            .await?
            .map(|s| s.csrf_token)
            .unwrap_or_default(),
        Credential::Token { .. } => String::new(),
    };
    Ok(Json(
        session_view(&state, &auth.user, csrf_token, auth.device_id.clone()).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct PinLoginRequest {
    pub user_id: String,
    pub pin: String,
}

#[utoipa::path(post, path = "/auth/pin-login", tag = "auth", request_body = PinLoginRequest,
    responses(
        (status = 200, description = "Switched user on this registered device", body = SessionView),
        (status = 401, description = "Wrong PIN"),
        (status = 403, description = "This browser is not a registered device")))]
pub async fn pin_login(
    State(state): State<AppState>,
    client: ClientInfo,
    jar: CookieJar,
    Json(req): Json<PinLoginRequest>,
) -> ApiResult<(CookieJar, Json<SessionView>)> {
    let device = current_device(&state, &jar)
        .await?
        .ok_or(ApiError::Forbidden)?;
    secret::validate_pin(&req.pin)?;
    let key = format!("pin:{}", req.user_id);
    let attempt = Attempt::reserve(&state, &key, &client.ip).await?;
    // Guessing on one tablet is limited per device as well as per person.
    let device_attempt = Attempt::reserve_within(
        &state,
        &format!("device:{}", device.id),
        &client.ip,
        state.settings.max_failures_per_ip,
    )
    .await;
    let device_attempt = match device_attempt {
        Ok(a) => a,
        Err(e) => {
            attempt.release(&state).await?;
            return Err(e);
        }
    };

    let candidate = users::find_in_tenant(&state.db, &device.tenant_id, &req.user_id).await?;
    let mut ok = false;
    if let Some(u) = &candidate {
        let (roles, outlet_ids) = users::roles_and_outlets(&state.db, u).await?;
        let may_use_till = roles
            .iter()
            .any(|r| crate::kernel::rbac::allows(*r, Permission::USE_TILL));
        let at_outlet = outlet_ids.is_none_or(|ids| ids.contains(&device.outlet_id));
        ok = u.status == "active"
            && may_use_till
            && at_outlet
            && u.pin_hash
                .as_deref()
                .is_some_and(|h| secret::verify_password(&req.pin, h));
    }
    let Some(user) = candidate.filter(|_| ok) else {
        attempt.failed(&state).await?;
        device_attempt.failed(&state).await?;
        return Err(ApiError::BadCredentials);
    };
    attempt.succeeded(&state).await?;
    device_attempt.succeeded(&state).await?;
    if let Some(old) = jar.get(SESSION_COOKIE) {
        sessions::revoke_by_token(&state.db, old.value()).await?;
    }
    let new = sessions::create(
        &state.db,
        &user.id,
        Some(&device.tenant_id),
        Some(&device.id),
        &client.ip,
        state.settings.session_ttl_hours,
    )
    .await?;
    let view = session_view(&state, &user, new.csrf.clone(), Some(device.id)).await?;
    let jar = session_cookies(jar, &state.settings, new.token, new.csrf);
    Ok((jar, Json(view)))
}

#[derive(Deserialize, ToSchema)]
pub struct SetOwnPinRequest {
    pub current_password: String,
    pub pin: String,
}

#[utoipa::path(put, path = "/auth/pin", tag = "auth", request_body = SetOwnPinRequest,
    responses((status = 204, description = "PIN set"), (status = 401, description = "Wrong password")))]
pub async fn set_own_pin(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<SetOwnPinRequest>,
) -> ApiResult<StatusCode> {
    secret::validate_pin(&req.pin)?;
    let ok = auth
        .user
        .password_hash
        .as_deref()
        .is_some_and(|h| secret::verify_password(&req.current_password, h));
    if !ok {
        return Err(ApiError::BadCredentials);
    }
    let pin_hash = secret::hash_password(&req.pin)?;
    let actor = Actor::of(&auth);
    let target = auth.user.clone();
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

/// Used by the till's lock screen: which outlet this device belongs to.
pub async fn outlet_name_of(state: &AppState, d: &device::Model) -> ApiResult<String> {
    Ok(outlets::find(&state.db, &d.tenant_id, &d.outlet_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}
