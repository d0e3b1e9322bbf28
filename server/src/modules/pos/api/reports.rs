//! Sales reports for a day or a range, in the outlet's own time zone. Every figure is
//! summed from the stored sales, so the report always matches them.
pub use domain::api::pos::{Bucket, SalesReport};
use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Timelike, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Query};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::modules::inventory::repo::stock;
use crate::modules::pos::repo::sales;
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

#[derive(Default)]
struct Acc {
    label: String,
    count: u64,
    quantity: Decimal,
    amount: Decimal,
}

fn add(
    map: &mut BTreeMap<String, Acc>,
    key: &str,
    label: &str,
    quantity: Decimal,
    amount: Decimal,
) {
    let a = map.entry(key.to_string()).or_default();
    a.label = label.to_string();
    a.count += 1;
    a.quantity = a.quantity.saturating_add(quantity);
    a.amount = a.amount.saturating_add(amount);
}

fn buckets(map: BTreeMap<String, Acc>) -> Vec<Bucket> {
    map.into_iter()
        .map(|(key, a)| Bucket {
            key,
            label: a.label,
            count: a.count,
            quantity: a.quantity.normalize().to_string(),
            amount: a.amount.normalize().to_string(),
        })
        .collect()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
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
    let outlet_id_filter = outlet.as_ref().map(|o| o.id.clone());
    let timezone = outlet
        .as_ref()
        .map_or("WIB".to_string(), |o| o.timezone.clone());
    let offset = Duration::hours(utc_offset_hours(&timezone));
    let rows: Vec<_> = sales::list(
        &state.db,
        &tenant_id,
        outlet.as_ref().map(|o| o.id.as_str()),
        &from,
        &to,
    )
    .await?
    .into_iter()
    .filter(|s| auth.can_access_outlet(&s.outlet_id))
    .collect();
    let ids: Vec<String> = rows.iter().map(|s| s.id.clone()).collect();
    let lines = sales::lines_of_many(&state.db, &ids).await?;
    let payments = sales::payments_of_many(&state.db, &ids).await?;
    let product_ids: Vec<String> = lines.iter().map(|l| l.product_id.clone()).collect();
    let products = stock::products_by_id(&state.db, &tenant_id, &product_ids).await?;
    let categories: BTreeMap<String, String> =
        crate::modules::inventory::repo::catalogue::list_categories(&state.db, &tenant_id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
    let cashier_ids: Vec<String> = rows.iter().map(|s| s.cashier_id.clone()).collect();
    let cashiers = crate::platform::repo::users::names(&state.db, &tenant_id, cashier_ids).await?;

    let (mut gross, mut discounts, mut service, mut tax, mut rounding, mut total) = (
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
    );
    let mut by_cashier = BTreeMap::new();
    let mut by_hour = BTreeMap::new();
    let mut change_by_sale = BTreeMap::new();
    for s in &rows {
        gross = gross.saturating_add(d(&s.subtotal));
        discounts = discounts.saturating_add(d(&s.discount_total));
        service = service.saturating_add(d(&s.service_charge));
        tax = tax.saturating_add(d(&s.tax_total));
        rounding = rounding.saturating_add(d(&s.rounding));
        total = total.saturating_add(d(&s.grand_total));
        let name = cashiers.get(&s.cashier_id).cloned().unwrap_or_default();
        add(
            &mut by_cashier,
            &s.cashier_id,
            &name,
            Decimal::ONE,
            d(&s.grand_total),
        );
        let hour = DateTime::parse_from_rfc3339(&s.sold_at)
            .map(|t| (t.with_timezone(&Utc) + offset).hour())
            .unwrap_or(0);
        let key = format!("{hour:02}");
        add(
            &mut by_hour,
            &key,
            &format!("{key}:00"),
            Decimal::ONE,
            d(&s.grand_total),
        );
        change_by_sale.insert(s.id.clone(), d(&s.change_due));
    }
    let mut by_product = BTreeMap::new();
    let mut by_category = BTreeMap::new();
    for l in &lines {
        let qty = d(&l.quantity);
        add(&mut by_product, &l.product_id, &l.name, qty, d(&l.net));
        let cat_id = products
            .get(&l.product_id)
            .and_then(|p| p.category_id.clone())
            .unwrap_or_default();
        let cat_name = categories
            .get(&cat_id)
            .cloned()
            .unwrap_or_else(|| "Tanpa kategori".to_string());
        add(&mut by_category, &cat_id, &cat_name, qty, d(&l.net));
    }
    // Refunds net out of the period they were made in: products, tenders, tax, total.
    let refunds = crate::modules::pos::repo::till::refunds_between(
        &state.db,
        &tenant_id,
        outlet_id_filter.as_deref(),
        &from,
        &to,
    )
    .await?
    .into_iter()
    .filter(|r| auth.can_access_outlet(&r.refund.outlet_id))
    .collect::<Vec<_>>();
    let refunded_sale_ids: Vec<String> = refunds.iter().map(|r| r.refund.sale_id.clone()).collect();
    let refunded_sales: BTreeMap<String, (Decimal, Decimal)> =
        sales::by_ids(&state.db, &tenant_id, refunded_sale_ids)
            .await?
            .into_iter()
            .map(|s| (s.id, (d(&s.tax_total), d(&s.grand_total))))
            .collect();
    let mut refunds_total = Decimal::ZERO;
    for r in &refunds {
        let amount = d(&r.refund.total);
        refunds_total = refunds_total.saturating_add(amount);
        if let Some((sale_tax, sale_total)) = refunded_sales.get(&r.refund.sale_id) {
            if !sale_total.is_zero() {
                let share = sale_tax
                    .checked_mul(amount)
                    .and_then(|x| x.checked_div(*sale_total))
                    .unwrap_or_default();
                tax = tax.saturating_sub(share.round_dp_with_strategy(
                    0,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                ));
            }
        }
        for l in &r.lines {
            let entry = by_product
                .entry(l.product_id.clone())
                .or_insert_with(|| Acc {
                    label: l.name.clone(),
                    ..Acc::default()
                });
            entry.quantity = entry.quantity.saturating_sub(d(&l.quantity));
            entry.amount = entry.amount.saturating_sub(d(&l.amount));
        }
    }
    let mut by_payment = BTreeMap::new();
    for r in &refunds {
        for p in &r.payments {
            let entry = by_payment.entry(p.method.clone()).or_insert_with(|| Acc {
                label: p.method.clone(),
                ..Acc::default()
            });
            entry.amount = entry.amount.saturating_sub(d(&p.amount));
        }
    }
    for p in &payments {
        // Cash received less the change handed back is what stays in the drawer.
        let mut amount = d(&p.amount);
        if p.method == "cash" {
            amount =
                amount.saturating_sub(change_by_sale.get(&p.sale_id).copied().unwrap_or_default());
        }
        add(&mut by_payment, &p.method, &p.method, Decimal::ONE, amount);
    }

    let report = SalesReport {
        outlet_id: outlet.map(|o| o.id),
        timezone,
        from,
        to,
        sales_count: rows.len() as u64,
        sales_total: total.normalize().to_string(),
        refunds_count: refunds.len() as u64,
        refunds: refunds_total.normalize().to_string(),
        gross: gross.normalize().to_string(),
        discounts: discounts.normalize().to_string(),
        service_charge: service.normalize().to_string(),
        tax: tax.normalize().to_string(),
        rounding: rounding.normalize().to_string(),
        total: total.saturating_sub(refunds_total).normalize().to_string(),
        net: total
            .saturating_sub(refunds_total)
            .saturating_sub(tax)
            .normalize()
            .to_string(),
        by_product: buckets(by_product),
        by_category: buckets(by_category),
        by_cashier: buckets(by_cashier),
        by_payment: buckets(by_payment),
        by_hour: buckets(by_hour),
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
