use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::Set;
use serde::Deserialize;
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
use crate::platform::api::tenants::required;
use crate::platform::entity::outlet;
use crate::platform::repo::outlets;

pub const TIMEZONES: [&str; 3] = ["WIB", "WITA", "WIT"];
pub use domain::industry::INDUSTRIES;

pub use domain::api::OutletView;
use domain::location::LocationKind;

impl From<outlet::Model> for OutletView {
    fn from(o: outlet::Model) -> Self {
        let limit = crate::platform::outlet_settings::cashier_limit(&o);
        let qris = static_qris(&o);
        let cash_limit = crate::platform::outlet_settings::cash_limit(&o)
            .normalize()
            .to_string();
        let header = text_lines(&o, "receipt_header").unwrap_or_default();
        let footer = text_lines(&o, "receipt_footer")
            .unwrap_or_else(|| vec!["Terima kasih atas kunjungan Anda".to_string()]);
        OutletView {
            id: o.id,
            code: o.code,
            name: o.name,
            address: o.address,
            timezone: o.timezone,
            cashier_discount_limit_percent: limit.normalize().to_string(),
            static_qris: qris,
            cash_movement_limit: cash_limit,
            receipt_header: header,
            receipt_footer: footer,
            industry: o.industry,
            kind: LocationKind::parse(&o.kind).unwrap_or_default(),
            created_at: o.created_at.to_rfc3339(),
        }
    }
}

fn snapshot(o: &outlet::Model) -> serde_json::Value {
    json!({"code": o.code, "name": o.name, "address": o.address, "timezone": o.timezone,
        "industry": o.industry, "kind": o.kind, "settings": serde_json::from_str::<serde_json::Value>(&o.settings).ok()})
}

/// The outlet's static QRIS payload (`settings.static_qris`).
pub fn static_qris(o: &outlet::Model) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(&o.settings)
        .ok()?
        .get("static_qris")?
        .as_str()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn text_lines(o: &outlet::Model, key: &str) -> Option<Vec<String>> {
    serde_json::from_str::<serde_json::Value>(&o.settings)
        .ok()?
        .get(key)?
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
}

fn check_lines(field: &str, lines: &[String]) -> ApiResult<Vec<String>> {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > 5 || lines.iter().any(|l| l.chars().count() > 48) {
        return Err(ApiError::validation(
            field,
            "Paling banyak 5 baris, masing-masing 48 karakter.",
        ));
    }
    Ok(lines)
}

/// Applies the till settings of `req` to the outlet's settings JSON.
fn merge_settings(current: &str, req: &OutletInput) -> ApiResult<String> {
    let mut settings = serde_json::from_str::<serde_json::Value>(current)
        .ok()
        .filter(|v| v.is_object())
        .unwrap_or_else(|| json!({}));
    if let Some(limit) = req.cashier_discount_limit_percent {
        if limit < rust_decimal::Decimal::ZERO || limit > rust_decimal::Decimal::ONE_HUNDRED {
            return Err(ApiError::validation(
                "cashier_discount_limit_percent",
                "Batas diskon kasir harus 0–100%.",
            ));
        }
        settings["cashier_discount_limit_percent"] = json!(limit.normalize().to_string());
    }
    if let Some(limit) = req.cash_movement_limit {
        if limit < rust_decimal::Decimal::ZERO {
            return Err(ApiError::validation(
                "cash_movement_limit",
                "Batas kas tidak boleh negatif.",
            ));
        }
        settings["cash_movement_limit"] = json!(limit.normalize().to_string());
    }
    if let Some(lines) = &req.receipt_header {
        settings["receipt_header"] = json!(check_lines("receipt_header", lines)?);
    }
    if let Some(lines) = &req.receipt_footer {
        settings["receipt_footer"] = json!(check_lines("receipt_footer", lines)?);
    }
    if let Some(payload) = &req.static_qris {
        let payload = payload.trim();
        if payload.is_empty() {
            settings["static_qris"] = serde_json::Value::Null;
        } else {
            let parsed = domain::qris::parse(payload)
                .map_err(|e| ApiError::validation("static_qris", format!("QRIS tidak sah: {e}")))?;
            if parsed.is_dynamic() {
                return Err(ApiError::validation(
                    "static_qris",
                    "Masukkan QRIS statis outlet, bukan QRIS dinamis satu transaksi.",
                ));
            }
            settings["static_qris"] = json!(payload);
        }
    }
    Ok(settings.to_string())
}

#[derive(Deserialize, ToSchema)]
pub struct OutletInput {
    pub code: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub timezone: Option<String>,
    pub industry: Option<String>,
    /// `store` (default) or `warehouse`: a gudang holds stock and has no till.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "10")]
    pub cashier_discount_limit_percent: Option<rust_decimal::Decimal>,
    /// Empty string removes it.
    #[serde(default)]
    pub static_qris: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "100000")]
    pub cash_movement_limit: Option<rust_decimal::Decimal>,
    #[serde(default)]
    pub receipt_header: Option<Vec<String>>,
    #[serde(default)]
    pub receipt_footer: Option<Vec<String>>,
}

fn check_code(code: &str) -> ApiResult<String> {
    let code = code.trim().to_uppercase();
    if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ApiError::validation(
            "code",
            "Kode outlet 1–8 huruf/angka, mis. MKM1.",
        ));
    }
    Ok(code)
}

fn check_timezone(tz: &str) -> ApiResult<String> {
    TIMEZONES
        .iter()
        .find(|t| t.eq_ignore_ascii_case(tz.trim()))
        .map(|t| t.to_string())
        .ok_or_else(|| ApiError::validation("timezone", "Zona waktu harus WIB, WITA, atau WIT."))
}

fn check_kind(kind: &str) -> ApiResult<LocationKind> {
    LocationKind::parse(kind).ok_or_else(|| {
        ApiError::validation(
            "kind",
            "Jenis lokasi harus toko (store) atau gudang (warehouse).",
        )
    })
}

fn check_industry(industry: &str) -> ApiResult<String> {
    INDUSTRIES
        .iter()
        .find(|i| **i == industry.trim())
        .map(|i| i.to_string())
        .ok_or_else(|| ApiError::validation("industry", "Paket industri tidak dikenal."))
}

#[utoipa::path(get, path = "/outlets", tag = "outlets",
    responses((status = 200, body = [OutletView])))]
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<OutletView>>> {
    auth.require(Permission::VIEW_OUTLETS)?;
    let all = outlets::list(&state.db, auth.tenant()?).await?;
    Ok(Json(
        all.into_iter()
            .filter(|o| auth.can_access_outlet(&o.id))
            .map(Into::into)
            .collect(),
    ))
}

/// The tenant's outlet `id` if the caller may work at it (none for another tenant's, an
/// archived one, or one the user is not assigned to).
pub async fn accessible(
    state: &AppState,
    auth: &Auth,
    id: &str,
) -> ApiResult<Option<outlet::Model>> {
    Ok(outlets::find(&state.db, auth.tenant()?, id)
        .await?
        .filter(|o| auth.can_access_outlet(&o.id)))
}

async fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<outlet::Model> {
    accessible(state, auth, id)
        .await?
        .ok_or(ApiError::NotFound("Outlet"))
}

#[utoipa::path(get, path = "/outlets/{id}", tag = "outlets",
    params(("id" = String, Path)), responses((status = 200, body = OutletView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<OutletView>> {
    auth.require(Permission::VIEW_OUTLETS)?;
    Ok(Json(load(&state, &auth, &id).await?.into()))
}

#[utoipa::path(post, path = "/outlets", tag = "outlets", request_body = OutletInput,
    responses((status = 201, body = OutletView), (status = 409, description = "Code taken"), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<OutletInput>,
) -> ApiResult<(StatusCode, Json<OutletView>)> {
    auth.require(Permission::MANAGE_OUTLETS)?;
    let tenant_id = auth.tenant()?.to_string();
    let name = required(
        "name",
        req.name.as_deref().unwrap_or_default(),
        "Nama outlet",
    )?;
    let code = check_code(req.code.as_deref().unwrap_or_default())?;
    let address = req
        .address
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_string();
    let timezone = check_timezone(req.timezone.as_deref().unwrap_or("WIB"))?;
    let industry = check_industry(req.industry.as_deref().unwrap_or_default())?;
    let kind = match req.kind.as_deref() {
        Some(kind) => check_kind(kind)?,
        None => LocationKind::Store,
    };
    let settings = merge_settings("{}", &req)?;
    let actor = Actor::of(&auth);
    let created = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            if outlets::code_taken(txn, &tenant_id, &code, None).await? {
                return Err(ApiError::conflict(
                    "code_taken",
                    "Kode outlet sudah dipakai.",
                ));
            }
            let o = outlets::insert(
                txn,
                outlet::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.clone()),
                    code: Set(code),
                    name: Set(name),
                    address: Set(address),
                    timezone: Set(timezone),
                    industry: Set(industry),
                    kind: Set(kind.as_str().to_string()),
                    archived: Set(false),
                    settings: Set(settings),
                    created_at: Set(Utc::now()),
                },
            )
            .await?;
            audit
                .record(
                    Change::new("outlet.create", "outlet", &o.id)
                        .outlet(&o.id)
                        .after(snapshot(&o)),
                )
                .await?;
            Ok(o)
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

#[utoipa::path(patch, path = "/outlets/{id}", tag = "outlets", request_body = OutletInput,
    params(("id" = String, Path)), responses((status = 200, body = OutletView), (status = 404), (status = 422)))]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<OutletInput>,
) -> ApiResult<Json<OutletView>> {
    auth.require(Permission::MANAGE_OUTLETS)?;
    let before = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let mut active: outlet::ActiveModel = before.clone().into();
    if let Some(name) = &req.name {
        active.name = Set(required("name", name, "Nama outlet")?);
    }
    let new_code = match &req.code {
        Some(code) => Some(check_code(code)?),
        None => None,
    };
    if let Some(code) = &new_code {
        active.code = Set(code.clone());
    }
    if let Some(address) = &req.address {
        active.address = Set(address.trim().to_string());
    }
    if let Some(tz) = &req.timezone {
        active.timezone = Set(check_timezone(tz)?);
    }
    if let Some(industry) = &req.industry {
        active.industry = Set(check_industry(industry)?);
    }
    if let Some(kind) = &req.kind {
        active.kind = Set(check_kind(kind)?.as_str().to_string());
    }
    if req.cashier_discount_limit_percent.is_some() || req.static_qris.is_some() {
        active.settings = Set(merge_settings(&before.settings, &req)?);
    }
    let actor = Actor::of(&auth);
    let updated = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            if let Some(code) = &new_code {
                if outlets::code_taken(txn, &tenant_id, code, Some(&before.id)).await? {
                    return Err(ApiError::conflict(
                        "code_taken",
                        "Kode outlet sudah dipakai.",
                    ));
                }
            }
            let o = outlets::update(txn, active).await?;
            audit
                .record(
                    Change::new("outlet.update", "outlet", &o.id)
                        .outlet(&o.id)
                        .before(snapshot(&before))
                        .after(snapshot(&o)),
                )
                .await?;
            Ok(o)
        })
    })
    .await?;
    Ok(Json(updated.into()))
}

#[utoipa::path(delete, path = "/outlets/{id}", tag = "outlets",
    params(("id" = String, Path)), responses((status = 204, description = "Archived"), (status = 404)))]
pub async fn archive(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::MANAGE_OUTLETS)?;
    let before = load(&state, &auth, &id).await?;
    auth.tenant()?;
    let actor = Actor::of(&auth);
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let mut active: outlet::ActiveModel = before.clone().into();
            active.archived = Set(true);
            outlets::update(txn, active).await?;
            audit
                .record(
                    Change::new("outlet.archive", "outlet", &before.id)
                        .outlet(&before.id)
                        .before(snapshot(&before)),
                )
                .await
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
