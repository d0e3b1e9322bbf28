use axum::extract::State;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::kernel::audit::{self, Verification};
use crate::kernel::auth::Auth;
use crate::kernel::business_day::Zone;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Query};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::platform::entity::audit_entry;
use crate::platform::repo::audit::AuditQuery;

#[derive(Deserialize, IntoParams)]
pub struct AuditFilter {
    /// e.g. `outlet.create`; a prefix such as `user.` matches every user action.
    pub action: Option<String>,
    pub entity: Option<String>,
    pub actor: Option<String>,
    pub outlet_id: Option<String>,
    /// RFC 3339 or `YYYY-MM-DD` (inclusive).
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<u64>,
}

pub use domain::api::AuditView;

impl From<audit_entry::Model> for AuditView {
    fn from(e: audit_entry::Model) -> Self {
        AuditView {
            seq: e.seq,
            at: e.at,
            actor_email: e.actor_email,
            actor_user_id: e.actor_user_id,
            outlet_id: e.outlet_id,
            device_id: e.device_id,
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id,
            before: e.before.and_then(|s| serde_json::from_str(&s).ok()),
            after: e.after.and_then(|s| serde_json::from_str(&s).ok()),
            hash: e.hash,
        }
    }
}

#[utoipa::path(get, path = "/audit", tag = "audit", params(AuditFilter),
    responses((status = 200, body = [AuditView], description = "Newest first")))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(filter): Query<AuditFilter>,
) -> ApiResult<Json<Vec<AuditView>>> {
    auth.require(Permission::VIEW_AUDIT)?;
    let tenant = auth.tenant()?;
    let zone = crate::platform::repo::outlets::list(&state.db, tenant)
        .await?
        .first()
        .map_or_else(Zone::default, |o| Zone::parse(&o.timezone));
    let given = |v: Option<String>| v.filter(|s| !s.is_empty());
    let query = AuditQuery {
        action_prefix: given(filter.action),
        entity: given(filter.entity),
        actor_contains: given(filter.actor).map(|a| a.to_lowercase()),
        outlet_id: given(filter.outlet_id),
        at_from: given(filter.from)
            .map(|f| time_bound(zone, &f, false))
            .transpose()?,
        at_to: given(filter.to)
            .map(|t| time_bound(zone, &t, true))
            .transpose()?,
        limit: filter.limit.unwrap_or(200).min(1000),
    };
    let rows = crate::platform::repo::audit::list(&state.db, tenant, query).await?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

/// A filter bound as stored text. A bare date is a whole day in the tenant's zone (its
/// first outlet's), the way the owner reads the trail; a full RFC 3339 time is taken as
/// given.
fn time_bound(zone: Zone, input: &str, end_of_day: bool) -> ApiResult<String> {
    use chrono::{Duration, NaiveDate, SecondsFormat};
    if NaiveDate::parse_from_str(input, "%Y-%m-%d").is_ok() {
        let date = crate::kernel::input::date("from", input)?;
        let day = if end_of_day {
            date.succ_opt().unwrap_or(date)
        } else {
            date
        };
        let start_wib = zone.midnight(day);
        let bound = if end_of_day {
            start_wib - Duration::microseconds(1)
        } else {
            start_wib
        };
        return Ok(bound.to_rfc3339_opts(SecondsFormat::Micros, true));
    }
    crate::kernel::input::time("from", input)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Micros, true))
        .map_err(|_| ApiError::validation("from", "Tanggal harus YYYY-MM-DD atau RFC 3339."))
}

#[utoipa::path(get, path = "/audit/verify", tag = "audit",
    responses((status = 200, body = Verification)))]
pub async fn verify(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Verification>> {
    auth.require(Permission::VIEW_AUDIT)?;
    Ok(Json(audit::verify(&state.db, auth.tenant()?).await?))
}
