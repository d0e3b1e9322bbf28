//! The superadmin's platform dashboard: tenants, outlets per industry, tills active in the
//! last 24 hours and sales per day across tenants. Only counts and sums: nothing here
//! names a tenant or shows one tenant's figures. Packages add their part through the
//! registry (`Package::platform`).
use axum::extract::State;
use chrono::{Duration, SecondsFormat, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

pub use domain::api::dashboard::{Count, PlatformDashboard};

use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Query};
use crate::kernel::package::PlatformQuery;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::platform::repo::{outlets, tenants};

/// Days the sales series covers by default, and at most.
pub const DAYS_DEFAULT: i64 = 30;
pub const DAYS_MAX: i64 = 366;

#[derive(Deserialize, IntoParams)]
pub struct PlatformFilter {
    /// Days of sales per day, ending today (WIB): 1–366, default 30.
    pub days: Option<i64>,
}

fn counts(rows: Vec<(String, i64)>) -> Vec<Count> {
    rows.into_iter()
        .map(|(key, n)| Count {
            key,
            count: u64::try_from(n).unwrap_or(0),
        })
        .collect()
}

#[utoipa::path(get, path = "/platform/dashboard", tag = "platform", params(PlatformFilter),
    responses((status = 200, body = PlatformDashboard),
        (status = 403, description = "Platform roles only"), (status = 422)))]
pub async fn platform_dashboard(
    State(state): State<AppState>,
    auth: Auth,
    Query(filter): Query<PlatformFilter>,
) -> ApiResult<Json<PlatformDashboard>> {
    auth.require(Permission::VIEW_PLATFORM_DASHBOARD)?;
    let days = filter.days.unwrap_or(DAYS_DEFAULT);
    if !(1..=DAYS_MAX).contains(&days) {
        return Err(ApiError::validation(
            "days",
            format!("Jumlah hari antara 1 dan {DAYS_MAX}."),
        ));
    }
    let now = Utc::now();
    // Days are the outlets' own; the platform's "today" is Indonesia's western zone, the
    // one most outlets run in.
    let today = (now + Duration::hours(7)).date_naive();
    let query = PlatformQuery {
        from_day: today - Duration::days(days - 1),
        to_day: today,
        since: (now - Duration::hours(24)).to_rfc3339_opts(SecondsFormat::Micros, true),
    };
    let by_plan = counts(tenants::count_by_plan(&state.db).await?);
    let mut view = PlatformDashboard {
        tenants: by_plan.iter().map(|c| c.count).sum(),
        tenants_by_plan: by_plan,
        outlets_by_industry: counts(outlets::count_by_industry(&state.db).await?),
        ..PlatformDashboard::default()
    };
    for p in state.packages.iter() {
        let Some(part) = p.platform else {
            continue;
        };
        let part = part(&state, &query).await?;
        if let Some(days) = part.by_day {
            view.by_day = days;
        }
        view.active_tills_24h += part.active_tills_24h.unwrap_or(0);
        view.tiles.extend(part.tiles);
    }
    Ok(Json(view))
}
