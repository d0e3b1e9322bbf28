//! The owner's dashboard: one period (and the period it is compared with) over the
//! outlets the caller may see, each switched-on package adding its part through the
//! registry (`Package::dashboard`): the POS module its sales figures and charts, the
//! koperasi its members, savings and loans.
use axum::extract::State;
use chrono::{Duration, Months, NaiveDate, SecondsFormat, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

pub use domain::api::dashboard::DashboardView;

use crate::kernel::auth::Auth;
use crate::kernel::business_day::Zone;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Query};
use crate::kernel::package::{DashboardQuery, Period};
use crate::kernel::rbac::Permission;
use crate::kernel::repo::OutletScope;
use crate::kernel::state::AppState;
use crate::platform::repo::outlets;

/// The longest period one request may cover.
pub const PERIOD_DAYS_MAX: i64 = 366;
/// Outlets one filter may name.
pub const OUTLETS_MAX: usize = 200;

#[derive(Deserialize, IntoParams)]
pub struct DashboardFilter {
    /// First day, `YYYY-MM-DD`, in the outlets' zone; default today.
    pub from: Option<String>,
    /// Last day (inclusive); default `from`.
    pub to: Option<String>,
    /// Outlet ids, comma-separated; default every outlet the caller may see.
    pub outlet_id: Option<String>,
    /// `previous` (the same number of days just before; default) or `last_year`.
    pub compare: Option<String>,
}

/// `[from, to]` as whole local days → stored-time bounds.
fn period(from_day: NaiveDate, to_day: NaiveDate, offset_hours: i64) -> Period {
    let instant = |d: NaiveDate| {
        (d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - Duration::hours(offset_hours))
            .to_rfc3339_opts(SecondsFormat::Micros, true)
    };
    Period {
        from_day,
        to_day,
        from: instant(from_day),
        to: instant(to_day.succ_opt().unwrap_or(to_day)),
    }
}

#[utoipa::path(get, path = "/dashboard", tag = "dashboard", params(DashboardFilter),
    responses((status = 200, body = DashboardView),
        (status = 404, description = "An outlet the caller may not see"), (status = 422)))]
pub async fn dashboard(
    State(state): State<AppState>,
    auth: Auth,
    Query(filter): Query<DashboardFilter>,
) -> ApiResult<Json<DashboardView>> {
    auth.require(Permission::VIEW_DASHBOARD)?;
    let tenant_id = auth.tenant()?.to_string();
    let visible: Vec<_> = outlets::list(&state.db, &tenant_id)
        .await?
        .into_iter()
        .filter(|o| auth.can_access_outlet(&o.id))
        .collect();
    let picked: Vec<String> = filter
        .outlet_id
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if picked.len() > OUTLETS_MAX {
        return Err(ApiError::validation(
            "outlet_id",
            format!("Paling banyak {OUTLETS_MAX} outlet sekaligus."),
        ));
    }
    for id in &picked {
        if !visible.iter().any(|o| &o.id == id) {
            return Err(ApiError::NotFound("Outlet"));
        }
    }
    let in_scope: Vec<_> = visible
        .iter()
        .filter(|o| picked.is_empty() || picked.contains(&o.id))
        .collect();
    let scope = if picked.is_empty() && auth.outlet_ids.is_none() {
        OutletScope::All
    } else {
        OutletScope::Only(in_scope.iter().map(|o| o.id.clone()).collect())
    };
    // Days are the first outlet's (a chain usually runs in one zone).
    let zone = in_scope
        .first()
        .map_or(Zone::parse("WIB"), |o| Zone::parse(&o.timezone));
    let offset_hours = zone.offset_hours();
    let today = (Utc::now() + Duration::hours(offset_hours)).date_naive();
    let day = |v: Option<&String>, field: &str, default: NaiveDate| -> ApiResult<NaiveDate> {
        match v.filter(|s| !s.is_empty()) {
            None => Ok(default),
            Some(s) => crate::kernel::input::date(field, s),
        }
    };
    let from = day(filter.from.as_ref(), "from", today)?;
    let to = day(filter.to.as_ref(), "to", from)?;
    if to < from {
        return Err(ApiError::validation(
            "to",
            "Tanggal akhir sebelum tanggal awal.",
        ));
    }
    let days = (to - from).num_days() + 1;
    if days > PERIOD_DAYS_MAX {
        return Err(ApiError::validation(
            "to",
            format!("Paling lama {PERIOD_DAYS_MAX} hari sekaligus."),
        ));
    }
    let compare_mode = filter.compare.as_deref().unwrap_or("previous");
    let (compare_from, compare_to) = match compare_mode {
        "previous" => (from - Duration::days(days), from - Duration::days(1)),
        "last_year" => (
            from.checked_sub_months(Months::new(12)).unwrap_or(from),
            to.checked_sub_months(Months::new(12)).unwrap_or(to),
        ),
        _ => {
            return Err(ApiError::validation(
                "compare",
                "Pembanding harus `previous` atau `last_year`.",
            ))
        }
    };
    let current = period(from, to, offset_hours);
    let compare = period(compare_from, compare_to, offset_hours);
    let query = DashboardQuery {
        tenant_id: &tenant_id,
        outlets: &scope,
        period: &current,
        compare: &compare,
        offset_hours,
        auth: &auth,
    };
    let enabled = crate::kernel::router::enabled_for(&state, &tenant_id).await?;
    let mut view = DashboardView {
        from: from.to_string(),
        to: to.to_string(),
        compare_mode: compare_mode.to_string(),
        compare_from: compare_from.to_string(),
        compare_to: compare_to.to_string(),
        timezone: zone.as_str().to_string(),
        outlet_ids: in_scope.iter().map(|o| o.id.clone()).collect(),
        ..DashboardView::default()
    };
    for p in state.packages.iter().filter(|p| enabled.contains(p.code)) {
        let Some(part) = p.dashboard else {
            continue;
        };
        let part = part(&state, &query).await?;
        view.kpis = view.kpis.or(part.kpis);
        view.compare = view.compare.or(part.compare);
        view.series = view.series.or(part.series);
        view.tiles.extend(part.tiles);
    }
    Ok(Json(view))
}
