//! The owner's dashboard: its figures equal the sales report's and the sum of the stored
//! sales for generated data; a refund takes omzet and margin back; a manager limited to
//! one outlet sees nothing of another; the koperasi adds its tiles through the registry.
use crate::common;

use axum::http::StatusCode;
use rust_decimal::Decimal;
use sea_orm::EntityTrait;
use serde_json::{json, Value};

use common::TestApp;
use satu_server::modules::pos::entity::{sale, sale_line};

fn d(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("not a decimal string: {v}"))
        .parse()
        .unwrap()
}

fn sum(list: &Value, field: &str) -> Decimal {
    list.as_array().unwrap().iter().map(|b| d(&b[field])).sum()
}

/// Five products with costs (one without), then three days × two outlets × 40 sales.
async fn generated(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    for (sku, price, cost) in [
        ("TEH", "5000", "3900"),
        ("KOPI", "12500", "9750.5"),
        ("BERAS", "14000", "0"),
        ("SUSU", "18900", "15000"),
        ("ROTI", "8500", "6000"),
    ] {
        let r = app
            .post(
                &mut owner,
                "/api/v1/products",
                json!({"sku": sku, "name": sku, "price": price, "cost": cost, "tax": "ppn"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    }
    satu_server::modules::pos::volume::generate(
        &app.db,
        satu_server::modules::pos::volume::Volume {
            days: 3,
            outlets: 2,
            sales_per_day: 40,
        },
    )
    .await
    .unwrap();
}

async fn figures_match(app: &TestApp) {
    generated(app).await;
    let mut owner = app.login("owner@makmur.test").await;
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let from = today - chrono::Duration::days(5);
    let q = format!("from={from}&to={today}");
    let dash = app.get(&mut owner, &format!("/api/v1/dashboard?{q}")).await;
    assert_eq!(dash.status, StatusCode::OK, "{}", dash.json);
    let dash = dash.json;
    let report = app
        .get(&mut owner, &format!("/api/v1/reports/sales?{q}"))
        .await
        .json;
    let k = &dash["kpis"];
    assert_eq!(k["transactions"], report["sales_count"]);
    assert_eq!(d(&k["omzet_gross"]), d(&report["sales_total"]));
    assert_eq!(d(&k["omzet_net"]), d(&report["total"]));
    assert_eq!(d(&k["tax"]), d(&report["tax"]));
    assert_eq!(d(&k["discounts"]), d(&report["discounts"]));

    // The same figures from every stored row, added up here.
    let sales = sale::Entity::find().all(&app.db).await.unwrap();
    let lines = sale_line::Entity::find().all(&app.db).await.unwrap();
    let total: Decimal = sales.iter().map(|s| s.grand_total_sen.dec()).sum();
    assert_eq!(sales.len(), 240);
    assert_eq!(d(&k["omzet_gross"]), total);
    let s = &dash["series"];
    assert_eq!(
        sum(&s["by_day"], "omzet"),
        total,
        "days add up to the period"
    );
    assert_eq!(sum(&s["by_hour"], "omzet"), total, "the heatmap too");
    assert_eq!(sum(&s["by_outlet"], "amount"), total);
    assert_eq!(sum(&s["by_tender"], "amount"), total);
    assert_eq!(s["by_outlet"].as_array().unwrap().len(), 2);
    assert_eq!(s["by_day"].as_array().unwrap().len(), 6);
    assert!(s["top_products"].as_array().unwrap().len() <= 10);
    // Margin: sales before tax, service and rounding on the lines with a cost, less cost.
    let dec_sum = |f: &dyn Fn(&sale::Model) -> Decimal| -> Decimal { sales.iter().map(f).sum() };
    let ex_tax = total
        - dec_sum(&|s| s.tax_total_sen.dec())
        - dec_sum(&|s| s.service_charge_sen.dec())
        - dec_sum(&|s| s.rounding_sen.dec());
    let net: Decimal = lines.iter().map(|l| l.net_sen.dec()).sum();
    let costed: Decimal = lines
        .iter()
        .filter(|l| l.cost_sen.is_some())
        .map(|l| l.net_sen.dec())
        .sum();
    let cost: Decimal = lines
        .iter()
        .filter_map(|l| {
            l.cost_sen
                .map(|c| Decimal::from(c.0 * l.quantity_milli.0 / 1000) / Decimal::ONE_HUNDRED)
        })
        .sum();
    assert!(
        costed < net,
        "BERAS has no cost, so some lines are not costed"
    );
    let margin = (ex_tax * costed / net - cost)
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(d(&k["gross_margin"]), margin);
    // The comparison period (the six days before) had no sales.
    assert_eq!(dash["compare"]["transactions"], 0);

    // A day with no sales reads as zeros, not an error.
    let empty = app
        .get(
            &mut owner,
            "/api/v1/dashboard?from=2020-01-01&to=2020-01-31&compare=last_year",
        )
        .await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.json);
    assert_eq!(empty.json["kpis"]["transactions"], 0);
    assert_eq!(empty.json["kpis"]["gross_margin"], Value::Null);
    assert_eq!(empty.json["compare_from"], "2019-01-01");
    // Bounds: a year at most, dates in order, a known comparison.
    for (query, field) in [
        ("from=2024-01-01&to=2026-01-01", "to"),
        ("from=2026-02-01&to=2026-01-01", "to"),
        ("compare=tomorrow", "compare"),
        ("from=2026-13-01", "from"),
    ] {
        let r = app
            .get(&mut owner, &format!("/api/v1/dashboard?{query}"))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {}",
            r.json
        );
        assert_eq!(r.json["error"]["field"], field, "{query}");
    }
}
on_every_backend!(dashboard_figures_are_the_sales_figures, figures_match);

/// A refund made today takes its amount out of today's net omzet and its share of tax;
/// the margin of a costed product moves back too.
async fn refund_moves_back(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = crate::till::shop(app, &mut owner).await;
    // Teh Kotak costs Rp4.000 (the shop helper stores none).
    let r = app
        .send(
            &mut owner,
            axum::http::Method::PATCH,
            &format!("/api/v1/products/{}", shop.teh),
            Some(json!({"cost": "4000"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let mut kasir = app.login("kasir@makmur.test").await;
    let shift = crate::till::uuid();
    let r = app
        .post(
            &mut kasir,
            "/api/v1/shifts",
            json!({"id": shift, "outlet_id": shop.outlet, "opening_float": "0", "opened_at": crate::till::now()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            crate::till::sale(&shop, &shift, "DASH-1", 4, "cash", 20000),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let url = format!("/api/v1/dashboard?outlet_id={}", shop.outlet);
    let before = app.get(&mut owner, &url).await.json;
    assert_eq!(before["kpis"]["omzet_gross"], "20000");
    assert_eq!(before["kpis"]["omzet_net"], "20000");
    // Rp20.000 with PPN inside (1.981) less 4 × Rp4.000.
    assert_eq!(before["kpis"]["gross_margin"], "2019");
    assert_eq!(before["kpis"]["items_per_basket"], "4.00");
    let refund = json!({
        "id": crate::till::uuid(), "outlet_id": shop.outlet, "receipt_no": "DASH-1",
        "refund_no": "R-DASH-1", "refunded_at": crate::till::now(), "shift_id": shift,
        "lines": [{"line_no": 1, "quantity": "1"}], "restock": true, "reason": "Rusak",
        "approver_id": shop.manager, "pin": "246810", "total": "5000",
    });
    let r = app.post(&mut kasir, "/api/v1/refunds", refund).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let after = app.get(&mut owner, &url).await.json;
    assert_eq!(after["kpis"]["omzet_gross"], "20000");
    assert_eq!(after["kpis"]["omzet_net"], "15000");
    assert_eq!(after["kpis"]["refunds"], "5000");
    assert!(d(&after["kpis"]["tax"]) < d(&before["kpis"]["tax"]));
    assert!(d(&after["kpis"]["gross_margin"]) < d(&before["kpis"]["gross_margin"]));
    assert_eq!(
        sum(&after["series"]["by_tender"], "amount"),
        Decimal::from(15000)
    );
}
on_every_backend!(a_refund_takes_omzet_and_margin_back, refund_moves_back);

/// A manager limited to the koperasi desk sees none of the minimarket's sales, and may not
/// name it; another tenant's owner sees only her own; a cashier may not open it.
async fn scoped(app: &TestApp) {
    generated(app).await;
    let mut owner = app.login("owner@makmur.test").await;
    let koperasi = app.outlet_id(&mut owner, "KSP1").await;
    let minimarket = app.outlet_id(&mut owner, "MKM1").await;
    let r = app.post(&mut owner, "/api/v1/users", json!({"email": "spv2@makmur.test", "name": "Supervisor", "roles": ["manager"], "outlet_ids": [koperasi]})).await;
    let token = r.json["invite_token"].as_str().unwrap().to_string();
    let mut anon = app.agent();
    app.post(
        &mut anon,
        "/api/v1/invitations/accept",
        json!({"token": token, "password": "supervisor-2"}),
    )
    .await;
    let mut spv = app.login_with("spv2@makmur.test", "supervisor-2").await;
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let q = format!("from={}&to={today}", today - chrono::Duration::days(5));
    let mine = app.get(&mut spv, &format!("/api/v1/dashboard?{q}")).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.json);
    assert_eq!(mine.json["kpis"]["transactions"], 0, "{}", mine.json);
    assert_eq!(mine.json["outlet_ids"], json!([koperasi]));
    let theirs = app
        .get(
            &mut spv,
            &format!("/api/v1/dashboard?{q}&outlet_id={minimarket}"),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{}", theirs.json);
    let all = app
        .get(&mut owner, &format!("/api/v1/dashboard?{q}"))
        .await
        .json;
    assert_eq!(all["kpis"]["transactions"], 240);
    let one = app
        .get(
            &mut owner,
            &format!("/api/v1/dashboard?{q}&outlet_id={minimarket}"),
        )
        .await
        .json;
    assert_eq!(one["kpis"]["transactions"], 120);

    let (mut other, other_outlet) = app.other_tenant_with_outlet().await;
    let r = app.get(&mut other, &format!("/api/v1/dashboard?{q}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["kpis"]["transactions"], 0);
    assert!(r.json["outlet_ids"]
        .as_array()
        .unwrap()
        .contains(&json!(other_outlet)));
    let r = app
        .get(
            &mut other,
            &format!("/api/v1/dashboard?outlet_id={minimarket}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mut kasir = app.login("kasir@makmur.test").await;
    assert_eq!(
        app.get(&mut kasir, "/api/v1/dashboard").await.status,
        StatusCode::FORBIDDEN
    );

    // The koperasi's tiles come with the owner's dashboard (its package is on).
    let keys: Vec<&str> = all["tiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    for key in [
        "members",
        "savings",
        "loans_outstanding",
        "par30",
        "disbursed",
        "collection_rate",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    // The collection rate of the last 365 days: of the instalments that fell due, the
    // share paid, as the stored rows say.
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let from = (today - chrono::Duration::days(365)).to_string();
    let me = app.get(&mut owner, "/api/v1/auth/me").await.json;
    let tenant = me["user"]["tenant_id"].as_str().unwrap().to_string();
    // Two instalments of a loan: last month's paid in full, this week's not yet.
    for (period, days_ago, paid) in [(1, 30, true), (2, 2, false)] {
        use sea_orm::ActiveModelTrait;
        satu_server::packages::koperasi::entity::loan_installment::ActiveModel::from(
            satu_server::packages::koperasi::entity::loan_installment::Model {
                id: uuid::Uuid::now_v7().to_string(),
                tenant_id: tenant.clone(),
                loan_id: "loan-collection".into(),
                period,
                due_date: (today - chrono::Duration::days(days_ago)).to_string(),
                principal: 300_000,
                interest: 45_000,
                paid_principal: if paid { 300_000 } else { 0 },
                paid_interest: if paid { 45_000 } else { 0 },
                waived_interest: 0,
                penalty_charged: 0,
                paid_penalty: 0,
                penalty_through: None,
            },
        )
        .insert(&app.db)
        .await
        .unwrap();
    }
    let r = app
        .get(
            &mut owner,
            &format!("/api/v1/dashboard?from={from}&to={today}"),
        )
        .await;
    let tile = r.json["tiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "collection_rate")
        .unwrap()
        .clone();
    let rows = satu_server::packages::koperasi::entity::loan_installment::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    let in_period = rows
        .iter()
        .filter(|i| i.due_date.as_str() >= from.as_str() && i.due_date <= today.to_string());
    let due: i64 = in_period.clone().map(|i| i.principal + i.interest).sum();
    let paid: i64 = in_period.map(|i| i.paid_principal + i.paid_interest).sum();
    assert!(due >= 690_000 && paid >= 345_000, "due {due}, paid {paid}");
    let rate = (Decimal::from(paid) * Decimal::ONE_HUNDRED / Decimal::from(due)).round_dp(2);
    assert_eq!(d(&tile["value"]), rate);
    assert_eq!(d(&tile["detail"][0]["value"]), Decimal::from(due));
    // The running loans counted under the outstanding total (not the listed loans: the
    // dashboard's portfolio lists none).
    let outstanding = all["tiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "loans_outstanding")
        .unwrap()
        .clone();
    let running = satu_server::packages::koperasi::entity::loan::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .filter(|l| l.status == "disbursed")
        .count();
    assert_eq!(outstanding["detail"][0]["value"], running.to_string());
}
on_every_backend!(the_dashboard_shows_only_what_the_caller_may_see, scoped);

/// The superadmin's platform dashboard: counts and sums across tenants, the same as the
/// stored rows; a till that sold today is active; no tenant is named; only platform roles.
async fn platform_counts(app: &TestApp) {
    generated(app).await;
    let (_other, _) = app.other_tenant_with_outlet().await;
    let mut owner = app.login("owner@makmur.test").await;
    let outlet = app.outlet_id(&mut owner, "MKM1").await;
    let r = app
        .post(
            &mut owner,
            "/api/v1/products",
            json!({"sku": "AIR", "name": "Air Mineral", "price": "4000", "cost": "2500", "tax": "ppn"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let product = r.json["id"].as_str().unwrap().to_string();
    // A tablet registered at the outlet, where the cashier signs in by PIN and sells.
    let mut tablet = app.login("owner@makmur.test").await;
    let r = app
        .post(
            &mut tablet,
            "/api/v1/devices",
            json!({"outlet_id": outlet, "name": "Tablet Depan"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let kasir = app.get(&mut owner, "/api/v1/users").await.json;
    let kasir = kasir
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "kasir@makmur.test")
        .unwrap()["id"]
        .clone();
    let r = app
        .post(
            &mut tablet,
            "/api/v1/auth/pin-login",
            json!({"user_id": kasir, "pin": "123456"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let sale = json!({
        "client_sale_id": uuid::Uuid::now_v7().to_string(),
        "outlet_id": outlet,
        "receipt_no": "MKM1-D01-000001",
        "sold_at": chrono::Utc::now().to_rfc3339(),
        "lines": [{"product_id": product, "quantity": "1", "unit_price": "4000"}],
        "payments": [{"method": "cash", "amount": "4000"}],
        "totals": {"subtotal": "4000", "discount_total": "0", "service_charge": "0", "tax": "396",
            "rounding": "0", "grand_total": "4000", "paid_total": "4000", "change": "0"}
    });
    let r = app.post(&mut tablet, "/api/v1/sales", sale).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);

    // Owners, managers and cashiers of a tenant see nothing of the platform.
    assert_eq!(
        app.get(&mut owner, "/api/v1/platform/dashboard")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut admin = app.login("superadmin@satu.test").await;
    for bad in ["0", "367", "x"] {
        let r = app
            .get(
                &mut admin,
                &format!("/api/v1/platform/dashboard?days={bad}"),
            )
            .await;
        assert!(r.status.is_client_error(), "days={bad}: {}", r.status);
    }
    let r = app
        .get(&mut admin, "/api/v1/platform/dashboard?days=7")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let v = r.json;

    let tenants = satu_server::platform::entity::tenant::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(tenants.len() >= 2);
    assert_eq!(v["tenants"], tenants.len() as u64);
    let by_plan: u64 = v["tenants_by_plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(by_plan, tenants.len() as u64);
    let outlets = satu_server::platform::entity::outlet::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    for industry in ["retail", "koperasi"] {
        let stored = outlets
            .iter()
            .filter(|o| o.industry == industry && !o.archived)
            .count() as u64;
        let shown = v["outlets_by_industry"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == industry)
            .map_or(0, |c| c["count"].as_u64().unwrap());
        assert_eq!(shown, stored, "{industry}");
    }
    assert_eq!(v["active_tills_24h"], 1);

    // Seven days, oldest first, adding up to every stored sale of those days.
    let days = v["by_day"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert!(days
        .windows(2)
        .all(|w| w[0]["date"].as_str() < w[1]["date"].as_str()));
    let shown: u64 = days
        .iter()
        .map(|p| p["transactions"].as_u64().unwrap())
        .sum();
    let omzet = sum(&v["by_day"], "omzet");
    let sales = sale::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(shown, sales.len() as u64, "3 generated days + today's sale");
    let stored: Decimal = sales.iter().map(|s| s.grand_total_sen.dec()).sum();
    assert_eq!(omzet, stored);
    let today = days.last().unwrap();
    assert_eq!(today["transactions"], 1);
    assert_eq!(today["tenants"], 1);
    assert_eq!(d(&today["omzet"]), Decimal::from(4000));

    // The koperasi adds its counts; no tenant's name or id is in the answer.
    let tiles = v["tiles"].as_array().unwrap();
    assert!(tiles.iter().any(|t| t["key"] == "members"));
    let text = v.to_string();
    for t in &tenants {
        assert!(!text.contains(&t.name), "{} is named", t.name);
        assert!(!text.contains(&t.id), "{} is named", t.id);
    }
}

on_every_backend!(
    the_platform_dashboard_counts_across_tenants,
    platform_counts
);
