//! Sales reports for a day or a range, in the outlet's own time zone. Every figure is
//! summed from the stored sales, so the report always matches them.
pub use domain::api::pos::{Bucket, SalesReport};
use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, NaiveDate, SecondsFormat, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Query};
use crate::kernel::money::{Milli, Sen};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::modules::pos::repo::reports::{self, Group, Outlets, Scope};
use crate::platform::entity::outlet;
use crate::platform::repo::outlets;

/// Hours ahead of UTC of an outlet's stored zone.
pub fn utc_offset_hours(timezone: &str) -> i64 {
    crate::kernel::business_day::Zone::parse(timezone).offset_hours()
}

/// Resolves the outlet (optional) and turns `from`/`to` dates (inclusive, in the outlet's
/// zone; default today) into a half-open UTC range as stored text.
pub async fn period(
    state: &AppState,
    auth: &Auth,
    outlet_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> ApiResult<(Option<outlet::Model>, String, String)> {
    let outlet = match outlet_id.filter(|s| !s.is_empty()) {
        Some(id) => Some(
            outlets::find(&state.db, auth.tenant()?, &id)
                .await?
                .filter(|o| auth.can_access_outlet(&o.id))
                .ok_or(ApiError::NotFound("Outlet"))?,
        ),
        None => None,
    };
    let offset = Duration::hours(outlet.as_ref().map_or(7, |o| utc_offset_hours(&o.timezone)));
    let today = (Utc::now() + offset).date_naive();
    let parse = |v: Option<String>, field: &str| -> ApiResult<NaiveDate> {
        match v.filter(|s| !s.is_empty()) {
            None => Ok(today),
            Some(s) => crate::kernel::input::date(field, &s),
        }
    };
    let from = parse(from, "from")?;
    let to = parse(to, "to")?;
    if to < from {
        return Err(ApiError::validation(
            "to",
            "Tanggal akhir sebelum tanggal awal.",
        ));
    }
    let start = from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - offset;
    let end = to
        .succ_opt()
        .unwrap_or(to)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        - offset;
    Ok((
        outlet,
        start.to_rfc3339_opts(SecondsFormat::Micros, true),
        end.to_rfc3339_opts(SecondsFormat::Micros, true),
    ))
}

#[derive(Deserialize, IntoParams)]
pub struct ReportFilter {
    pub outlet_id: Option<String>,
    /// `YYYY-MM-DD` (inclusive), in the outlet's time zone; default today.
    pub from: Option<String>,
    pub to: Option<String>,
    /// `csv` for a CSV download.
    pub format: Option<String>,
}

fn sen_text(sen: i64) -> String {
    Sen(sen).text()
}

fn milli_text(milli: i64) -> String {
    Milli(milli).text()
}

fn bucket(g: Group) -> Bucket {
    Bucket {
        key: g.key,
        label: g.label,
        count: u64::try_from(g.count).unwrap_or(0),
        quantity: milli_text(g.quantity_milli),
        amount: sen_text(g.amount_sen),
    }
}

/// `groups` keyed, so refunds can be netted out of them.
fn keyed(groups: Vec<Group>) -> BTreeMap<String, Group> {
    groups.into_iter().map(|g| (g.key.clone(), g)).collect()
}

/// A refund's share of its sale's tax, in sen, to the whole rupiah (half away from zero):
/// tax × refunded ÷ sale total.
pub(crate) fn tax_share_sen(refund_sen: i64, sale_tax_sen: i64, sale_total_sen: i64) -> i64 {
    if sale_total_sen == 0 {
        return 0;
    }
    // |tax| and |refund| are below 10^15 sen (`bounds`), so the product fits a Decimal.
    let share = Decimal::from(sale_tax_sen)
        .checked_mul(Decimal::from(refund_sen))
        .and_then(|x| x.checked_div(Decimal::from(sale_total_sen)))
        .unwrap_or_default();
    let rupiah = (share / Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    Sen::of(rupiah).map(|s| s.0).unwrap_or(0)
}

#[utoipa::path(get, path = "/reports/sales", tag = "reports", params(ReportFilter),
    responses((status = 200, body = SalesReport, description = "JSON, or CSV with format=csv")))]
pub async fn sales_report(
    State(state): State<AppState>,
    auth: Auth,
    Query(filter): Query<ReportFilter>,
) -> ApiResult<Response> {
    auth.require(Permission::VIEW_REPORTS)?;
    let tenant_id = auth.tenant()?.to_string();
    let (outlet, from, to) = period(
        &state,
        &auth,
        filter.outlet_id.clone(),
        filter.from.clone(),
        filter.to.clone(),
    )
    .await?;
    let timezone = outlet
        .as_ref()
        .map_or("WIB".to_string(), |o| o.timezone.clone());
    let outlets = match (&outlet, &auth.outlet_ids) {
        (Some(o), _) => Outlets::Only(vec![o.id.clone()]),
        (None, Some(ids)) => Outlets::Only(ids.clone()),
        (None, None) => Outlets::All,
    };
    let scope = Scope {
        tenant_id: &tenant_id,
        outlets: &outlets,
        from: &from,
        to: &to,
    };
    let db = &state.db;
    let totals = reports::sale_totals(db, &scope).await?;
    let (refunds_count, refunds_sen) = reports::refund_totals(db, &scope).await?;

    let mut tax_sen = totals.tax_sen;
    for (refund_sen, sale_tax, sale_total, n) in reports::refund_tax_shares(db, &scope).await? {
        let share = tax_share_sen(refund_sen, sale_tax, sale_total);
        tax_sen = tax_sen.saturating_sub(share.saturating_mul(n));
    }

    let mut by_cashier = reports::by_cashier(db, &scope).await?;
    let names = crate::platform::repo::users::names(
        db,
        &tenant_id,
        by_cashier.iter().map(|g| g.key.clone()).collect::<Vec<_>>(),
    )
    .await?;
    for g in &mut by_cashier {
        g.label = names.get(&g.key).cloned().unwrap_or_default();
    }

    let mut by_product = keyed(reports::by_product(db, &scope).await?);
    for r in reports::refunds_by_product(db, &scope).await? {
        let g = by_product.entry(r.key.clone()).or_insert_with(|| Group {
            key: r.key.clone(),
            label: r.label.clone(),
            ..Group::default()
        });
        g.quantity_milli = g.quantity_milli.saturating_sub(r.quantity_milli);
        g.amount_sen = g.amount_sen.saturating_sub(r.amount_sen);
    }

    let categories: BTreeMap<String, String> =
        crate::modules::inventory::repo::catalogue::list_categories(db, &tenant_id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
    let by_category: Vec<Group> = reports::by_category(db, &scope)
        .await?
        .into_iter()
        .map(|mut g| {
            g.label = categories
                .get(&g.key)
                .cloned()
                .unwrap_or_else(|| "Tanpa kategori".to_string());
            g
        })
        .collect();

    let mut by_payment = keyed(reports::by_payment(db, &scope).await?);
    // Cash received less the change handed back is what stayed in the drawer (change is
    // only ever given from cash).
    if let Some(cash) = by_payment.get_mut("cash") {
        cash.amount_sen = cash.amount_sen.saturating_sub(totals.change_sen);
    }
    for r in reports::refunds_by_payment(db, &scope).await? {
        let g = by_payment.entry(r.key.clone()).or_insert_with(|| Group {
            key: r.key.clone(),
            label: r.label.clone(),
            ..Group::default()
        });
        g.amount_sen = g.amount_sen.saturating_sub(r.amount_sen);
    }

    let by_hour = reports::by_hour(db, &scope, utc_offset_hours(&timezone)).await?;
    let total_sen = totals.grand_total_sen.saturating_sub(refunds_sen);
    let mut by_hour = by_hour;
    by_hour.sort_by(|a, b| a.key.cmp(&b.key));
    let sorted = |m: BTreeMap<String, Group>| m.into_values().map(bucket).collect::<Vec<_>>();
    let mut by_category = by_category;
    by_category.sort_by(|a, b| a.key.cmp(&b.key));
    by_cashier.sort_by(|a, b| a.key.cmp(&b.key));

    let report = SalesReport {
        outlet_id: outlet.map(|o| o.id),
        timezone,
        from,
        to,
        sales_count: u64::try_from(totals.count).unwrap_or(0),
        sales_total: sen_text(totals.grand_total_sen),
        refunds_count: u64::try_from(refunds_count).unwrap_or(0),
        refunds: sen_text(refunds_sen),
        gross: sen_text(totals.subtotal_sen),
        discounts: sen_text(totals.discount_sen),
        service_charge: sen_text(totals.service_sen),
        tax: sen_text(tax_sen),
        rounding: sen_text(totals.rounding_sen),
        total: sen_text(total_sen),
        net: sen_text(total_sen.saturating_sub(tax_sen)),
        by_product: sorted(by_product),
        by_category: by_category.into_iter().map(bucket).collect(),
        by_cashier: by_cashier.into_iter().map(bucket).collect(),
        by_payment: sorted(by_payment),
        by_hour: by_hour.into_iter().map(bucket).collect(),
    };
    if filter.format.as_deref() == Some("csv") {
        return Ok(csv(&report));
    }
    Ok(Json(report).into_response())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(r: &SalesReport) -> Response {
    let mut out = String::from("section,key,label,count,quantity,amount\n");
    for (label, value) in [
        ("sales_total", &r.sales_total),
        ("refunds", &r.refunds),
        ("gross", &r.gross),
        ("discounts", &r.discounts),
        ("service_charge", &r.service_charge),
        ("tax", &r.tax),
        ("rounding", &r.rounding),
        ("total", &r.total),
        ("net", &r.net),
    ] {
        out.push_str(&format!(
            "summary,{label},{label},{},,{value}\n",
            r.sales_count
        ));
    }
    for (section, list) in [
        ("product", &r.by_product),
        ("category", &r.by_category),
        ("cashier", &r.by_cashier),
        ("payment", &r.by_payment),
        ("hour", &r.by_hour),
    ] {
        for b in list {
            out.push_str(&format!(
                "{section},{},{},{},{},{}\n",
                csv_field(&b.key),
                csv_field(&b.label),
                b.count,
                b.quantity,
                b.amount
            ));
        }
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"laporan-penjualan.csv\"",
            ),
        ],
        out,
    )
        .into_response()
}
