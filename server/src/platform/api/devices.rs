use axum::extract::State;
use axum::http::StatusCode;
use axum_extra::extract::cookie::{Cookie, SameSite};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::context::DEVICE_COOKIE;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::Json;
use crate::kernel::rbac::{allows, Permission};
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::platform::api::tenants::required;
use crate::platform::entity::device;
use crate::platform::repo::{devices, outlets, users};

pub use domain::api::{CurrentDevice, DeviceView, PinUser};

impl From<device::Model> for DeviceView {
    fn from(d: device::Model) -> Self {
        DeviceView {
            id: d.id,
            code: d.code,
            name: d.name,
            outlet_id: d.outlet_id,
            created_at: d.created_at.to_rfc3339(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct RegisterDevice {
    pub outlet_id: String,
    pub name: String,
}

#[utoipa::path(get, path = "/devices", tag = "devices", responses((status = 200, body = [DeviceView])))]
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<DeviceView>>> {
    auth.require(Permission::REGISTER_DEVICE)?;
    let all = devices::list(&state.db, auth.tenant()?).await?;
    Ok(Json(
        all.into_iter()
            .filter(|d| d.revoked_at.is_none() && auth.can_access_outlet(&d.outlet_id))
            .map(Into::into)
            .collect(),
    ))
}

/// A manager signs the shared tablet in once; the browser then carries a device cookie
/// for a year, and cashiers switch in with their PIN.
#[utoipa::path(post, path = "/devices", tag = "devices", request_body = RegisterDevice,
    responses((status = 201, description = "Registered; sets the device cookie", body = DeviceView), (status = 422)))]
pub async fn register(
    State(state): State<AppState>,
    auth: Auth,
    jar: CookieJar,
    Json(req): Json<RegisterDevice>,
) -> ApiResult<(StatusCode, CookieJar, Json<DeviceView>)> {
    auth.require(Permission::REGISTER_DEVICE)?;
    let tenant_id = auth.tenant()?.to_string();
    let name = required("name", &req.name, "Nama perangkat")?;
    let outlet = outlets::find(&state.db, &tenant_id, &req.outlet_id)
        .await?
        .filter(|o| auth.can_access_outlet(&o.id))
        .ok_or_else(|| ApiError::validation("outlet_id", "Outlet tidak ditemukan."))?;
    if !domain::location::LocationKind::parse(&outlet.kind)
        .unwrap_or_default()
        .has_till()
    {
        return Err(ApiError::validation(
            "outlet_id",
            "Gudang tidak punya kasir: daftarkan perangkat kasir di toko.",
        ));
    }
    let actor = Actor::of(&auth);
    let registrar = auth.user.id.clone();
    let (model, secret) = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let (d, secret) =
                devices::create(txn, &tenant_id, &outlet.id, &name, &registrar).await?;
            audit
                .record(
                    Change::new("device.register", "device", &d.id)
                        .outlet(&outlet.id)
                        .after(json!({"name": d.name, "code": d.code, "outlet_id": d.outlet_id})),
                )
                .await?;
            Ok((d, secret))
        })
    })
    .await?;
    let cookie = Cookie::build((DEVICE_COOKIE, secret))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.secure_cookies)
        .path("/")
        .max_age(time::Duration::days(365));
    Ok((StatusCode::CREATED, jar.add(cookie), Json(model.into())))
}

#[utoipa::path(get, path = "/devices/current", tag = "devices",
    responses((status = 200, body = CurrentDevice), (status = 404, description = "This browser is not a registered device")))]
pub async fn current(
    State(state): State<AppState>,
    jar: CookieJar,
) -> ApiResult<Json<CurrentDevice>> {
    let secret = jar
        .get(DEVICE_COOKIE)
        .ok_or(ApiError::NotFound("Perangkat"))?;
    let d = devices::find_by_secret(&state.db, secret.value())
        .await?
        .ok_or(ApiError::NotFound("Perangkat"))?;
    let mut pin_users = Vec::new();
    for u in users::list_in_tenant(&state.db, &d.tenant_id).await? {
        if u.status != "active" || u.pin_hash.is_none() {
            continue;
        }
        let (roles, outlet_ids) = users::roles_and_outlets(&state.db, &u).await?;
        let at_outlet = outlet_ids.is_none_or(|ids| ids.contains(&d.outlet_id));
        if at_outlet && roles.iter().any(|r| allows(*r, Permission::USE_TILL)) {
            pin_users.push(PinUser {
                id: u.id,
                name: u.name,
                approver: roles
                    .iter()
                    .any(|r| allows(*r, Permission::APPROVE_DISCOUNT)),
            });
        }
    }
    let outlet = outlets::find(&state.db, &d.tenant_id, &d.outlet_id).await?;
    Ok(Json(CurrentDevice {
        outlet_name: outlet.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        cashier_discount_limit_percent: outlet
            .as_ref()
            .map(crate::platform::outlet_settings::cashier_limit)
            .unwrap_or(crate::platform::outlet_settings::DEFAULT_CASHIER_LIMIT_PERCENT)
            .normalize()
            .to_string(),
        static_qris: outlet
            .as_ref()
            .and_then(crate::platform::api::outlets::static_qris),
        outlet: outlet.map(Into::into),
        device: d.into(),
        users: pin_users,
    }))
}
