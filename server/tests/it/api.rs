use crate::common;

use axum::http::{Method, StatusCode};
use serde_json::json;

use common::TestApp;

async fn health(app: &TestApp) {
    let mut anon = app.agent();
    let r = app.get(&mut anon, "/api/health").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json, json!({"status": "ok", "database": app.backend}));
}
on_every_backend!(health_names_the_database, health);

async fn errors(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let r = app.get(&mut owner, "/api/v1/no-such-thing").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.error_code(), "not_found");
    // JSON of the wrong shape: 422 in our error shape.
    let r = app
        .send(
            &mut owner,
            Method::POST,
            "/api/v1/outlets",
            Some(json!("not an object")),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert!(r.json["error"]["message"].is_string());
    let r = app.get(&mut owner, "/api/v1/outlets/does-not-exist").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json["error"]["message"], "Outlet tidak ditemukan.");
}
on_every_backend!(errors_use_one_json_shape, errors);

async fn loan_simulation(app: &TestApp) {
    let mut member = app.login("anggota@makmur.test").await;
    let r = app
        .post(
            &mut member,
            "/api/v1/loan-simulations",
            json!({"principal": "12000000", "rate_percent": "1.5",
        "rate_period": "month", "tenor_months": 12, "method": "annuity"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let rows = r.json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    assert_eq!(
        rows[0],
        json!({"period": 1, "principal": "920160", "interest": "180000", "installment": "1100160", "balance": "11079840"})
    );
    assert_eq!(rows[11]["balance"], "0");
    assert_eq!(r.json["total_interest"], "1201920");
    let r = app
        .post(
            &mut member,
            "/api/v1/loan-simulations",
            json!({"principal": "12000000", "rate_percent": "18",
        "rate_period": "year", "tenor_months": 12, "method": "flat"}),
        )
        .await;
    assert_eq!(r.json["total_interest"], "2160000");
    assert_eq!(r.json["rows"][0]["installment"], "1180000");
    let r = app
        .post(
            &mut member,
            "/api/v1/loan-simulations",
            json!({"principal": "12000000", "rate_percent": "1.5",
        "rate_period": "month", "tenor_months": 12, "method": "effective"}),
        )
        .await;
    assert_eq!(r.json["total_interest"], "1170000");
    assert_eq!(r.json["rows"][11]["installment"], "1015000");

    for (body, field) in [
        (
            json!({"principal": "-5", "rate_percent": "1", "rate_period": "month", "tenor_months": 12, "method": "flat"}),
            "principal",
        ),
        (
            json!({"principal": "1000", "rate_percent": "1", "rate_period": "month", "tenor_months": 0, "method": "flat"}),
            "tenor_months",
        ),
        (
            json!({"principal": "1000", "rate_percent": "150", "rate_period": "month", "tenor_months": 3, "method": "flat"}),
            "rate_percent",
        ),
        (
            json!({"principal": "1000", "rate_percent": "1", "rate_period": "week", "tenor_months": 3, "method": "flat"}),
            "rate_period",
        ),
        (
            json!({"principal": "abc", "rate_percent": "1", "rate_period": "month", "tenor_months": 3, "method": "flat"}),
            "principal",
        ),
        (
            json!({"rate_percent": "1", "rate_period": "month", "tenor_months": 3, "method": "flat"}),
            "principal",
        ),
        (
            json!({"principal": "1000", "rate_percent": "1", "rate_period": "month", "tenor_months": 3, "method": "balloon"}),
            "method",
        ),
        // Beyond any real loan: refused, never an arithmetic overflow.
        (
            json!({"principal": "79228162514264337593543950335", "rate_percent": "100", "rate_period": "month", "tenor_months": 1, "method": "effective"}),
            "principal",
        ),
    ] {
        let r = app
            .post(&mut member, "/api/v1/loan-simulations", body.clone())
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.json
        );
        assert_eq!(r.json["error"]["field"], field, "{body}: {}", r.json);
    }
}
on_every_backend!(loan_simulation_matches_the_worked_examples, loan_simulation);

async fn shu_simulation(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let r = app.post(&mut manager, "/api/v1/shu-simulations", json!({
        "shu_total": "100000000",
        "allocation": {"cadangan": "40", "jasa_modal": "15", "jasa_usaha": "25", "pengurus": "5", "karyawan": "5",
            "pendidikan": "5", "sosial": "2.5", "daerah_kerja": "2.5"},
        "jasa_modal": "jasa_modal", "jasa_usaha": "jasa_usaha",
        "members": [
            {"member": "siti", "savings": "2000000", "transactions": "12000000"},
            {"member": "lainnya", "savings": "398000000", "transactions": "1488000000"}
        ]
    })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["pools"]["cadangan"], "40000000");
    assert_eq!(r.json["pools"]["sosial"], "2500000");
    assert_eq!(
        r.json["members"][0],
        json!({"member": "siti", "jasa_modal": "75000", "jasa_usaha": "200000", "total": "275000"})
    );
    let r = app
        .post(
            &mut manager,
            "/api/v1/shu-simulations",
            json!({"shu_total": "1000", "allocation": {"a": "60", "b": "30"},
        "jasa_modal": "a", "jasa_usaha": "b", "members": []}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["field"], "allocation");
}
on_every_backend!(shu_simulation_distributes_every_rupiah, shu_simulation);

async fn nik_checks(app: &TestApp) {
    let mut kasir = app.login("kasir@makmur.test").await;
    let r = app
        .post(
            &mut kasir,
            "/api/v1/nik-checks",
            json!({"nik": "3171015708450001"}),
        )
        .await;
    assert_eq!(
        r.json,
        json!({"valid": true, "birth_date": "1945-08-17", "sex": "F", "province_code": "31"})
    );
    let r = app
        .post(
            &mut kasir,
            "/api/v1/nik-checks",
            json!({"nik": "3502027102019913"}),
        )
        .await;
    assert_eq!(r.json["valid"], false);
    assert!(r.json["reason"].as_str().unwrap().len() > 5);
    let r = app
        .post(
            &mut kasir,
            "/api/v1/nik-checks",
            json!({"nik": "9971011708450001"}),
        )
        .await;
    assert_eq!(r.json["valid"], false);
}
on_every_backend!(nik_checks_decode_or_explain, nik_checks);

#[tokio::test]
async fn openapi_documents_every_v1_route() {
    let app = TestApp::sqlite(common::demo_settings()).await;
    let mut anon = app.agent();
    let r = app.get(&mut anon, "/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.json["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = r.json["paths"].as_object().unwrap();
    // Every route the router serves under /api/v1, with its methods.
    let expected: &[(&str, &[&str])] = &[
        ("/api/v1/auth/login", &["post"]),
        ("/api/v1/auth/logout", &["post"]),
        ("/api/v1/auth/me", &["get"]),
        ("/api/v1/auth/pin-login", &["post"]),
        ("/api/v1/auth/pin", &["put"]),
        ("/api/v1/invitations/accept", &["post"]),
        ("/api/v1/tenants", &["get", "post"]),
        ("/api/v1/outlets", &["get", "post"]),
        ("/api/v1/outlets/{id}", &["get", "patch", "delete"]),
        ("/api/v1/users", &["get", "post"]),
        ("/api/v1/users/{id}", &["get", "patch", "delete"]),
        ("/api/v1/users/{id}/pin", &["put"]),
        ("/api/v1/tokens", &["get", "post"]),
        ("/api/v1/tokens/{id}", &["delete"]),
        ("/api/v1/devices", &["get", "post"]),
        ("/api/v1/devices/current", &["get"]),
        ("/api/v1/audit", &["get"]),
        ("/api/v1/audit/verify", &["get"]),
        ("/api/v1/dashboard", &["get"]),
        ("/api/v1/platform/dashboard", &["get"]),
        ("/api/v1/loan-simulations", &["post"]),
        ("/api/v1/shu-simulations", &["post"]),
        ("/api/v1/nik-checks", &["post"]),
        ("/api/v1/sales", &["get", "post"]),
        ("/api/v1/sales/{id}", &["get"]),
        ("/api/v1/discount-approvals", &["post"]),
        ("/api/v1/customers/{id}/sales", &["get"]),
        ("/api/v1/outlets/{id}/pricing", &["get"]),
        ("/api/v1/outlets/{id}/stock", &["get"]),
        ("/api/v1/outlets/{id}/stock-movements", &["get"]),
        ("/api/v1/stock-adjustments", &["post"]),
        ("/api/v1/reports/sales", &["get"]),
        ("/api/v1/shifts", &["get", "post"]),
        ("/api/v1/shifts/current", &["get"]),
        ("/api/v1/shifts/{id}", &["get"]),
        ("/api/v1/shifts/{id}/cash-movements", &["post"]),
        ("/api/v1/shifts/{id}/close", &["post"]),
        ("/api/v1/sales/lookup", &["get"]),
        ("/api/v1/refunds", &["post"]),
        ("/api/v1/refunds/{id}", &["get"]),
        ("/api/v1/voids", &["post"]),
        ("/api/v1/members", &["get", "post"]),
        ("/api/v1/members/{id}", &["get"]),
        ("/api/v1/members/{id}/portal-invitation", &["post"]),
        ("/api/v1/me/member", &["get"]),
        ("/api/v1/savings-products", &["get", "post"]),
        ("/api/v1/savings-accounts/{id}/deposits", &["post"]),
        ("/api/v1/savings-accounts/{id}/withdrawals", &["post"]),
        ("/api/v1/savings-accounts/{id}/movements", &["get"]),
        ("/api/v1/loan-products", &["get", "post"]),
        ("/api/v1/loans", &["get", "post"]),
        ("/api/v1/loans/{id}", &["get"]),
        ("/api/v1/loans/{id}/analysis", &["post"]),
        ("/api/v1/loans/{id}/approval", &["post"]),
        ("/api/v1/loans/{id}/disbursement", &["post"]),
        ("/api/v1/loans/{id}/repayments", &["post"]),
        ("/api/v1/loans/{id}/payoff", &["get", "post"]),
        ("/api/v1/loans/{id}/write-off", &["post"]),
        ("/api/v1/loan-reports/collection", &["get"]),
        ("/api/v1/loan-reports/portfolio", &["get"]),
        ("/api/v1/me/loans", &["get"]),
        ("/api/v1/members/{id}/exit", &["post"]),
        ("/api/v1/members/{id}/accounts", &["post"]),
        ("/api/v1/members/{id}/ktp", &["get", "post"]),
        ("/api/v1/savings-interest-postings", &["post"]),
        ("/api/v1/savings-accounts/{id}/maturity", &["post"]),
        ("/api/v1/savings-accounts/{id}/early-withdrawal", &["post"]),
        ("/api/v1/shu-closings", &["get", "post"]),
        ("/api/v1/shu-closings/{id}", &["get"]),
        ("/api/v1/shu-closings/{id}/approval", &["post"]),
        ("/api/v1/shu-closings/{id}/posting", &["post"]),
        ("/api/v1/me/shu", &["get"]),
        ("/api/v1/koperasi-reports/cash-book", &["get"]),
        ("/api/v1/koperasi-reports/{file}", &["get"]),
        ("/api/v1/categories", &["get", "post"]),
        ("/api/v1/categories/{id}", &["patch", "delete"]),
        ("/api/v1/products", &["get", "post"]),
        ("/api/v1/products/{id}", &["get", "patch", "delete"]),
        (
            "/api/v1/products/{id}/outlet-prices/{outlet_id}",
            &["put", "delete"],
        ),
        ("/api/v1/products/export.csv", &["get"]),
        ("/api/v1/products/export.xlsx", &["get"]),
        ("/api/v1/products/import", &["post"]),
        ("/api/v1/outlets/{id}/catalogue", &["get"]),
        ("/api/v1/customers", &["get", "post"]),
        ("/api/v1/customers/{id}", &["get", "patch"]),
        ("/api/v1/stock-valuation", &["get"]),
        ("/api/v1/stock-counts", &["get", "post"]),
        ("/api/v1/stock-counts/{id}", &["get"]),
        ("/api/v1/stock-counts/{id}/lines", &["post"]),
        ("/api/v1/stock-counts/{id}/approve", &["post"]),
        ("/api/v1/stock-transfers", &["get", "post"]),
        ("/api/v1/stock-transfers/{id}", &["get"]),
        ("/api/v1/stock-transfers/{id}/send", &["post"]),
        ("/api/v1/stock-transfers/{id}/receive", &["post"]),
        ("/api/v1/products/{id}/stock-card", &["get"]),
        ("/api/v1/suppliers", &["get", "post"]),
        ("/api/v1/suppliers/{id}", &["get", "patch"]),
        ("/api/v1/suppliers/{id}/products", &["get", "put"]),
        ("/api/v1/purchase-orders", &["get", "post"]),
        ("/api/v1/purchase-orders/{id}", &["get"]),
        ("/api/v1/purchase-orders/{id}/send", &["post"]),
        ("/api/v1/purchase-orders/{id}/approve", &["post"]),
        ("/api/v1/purchase-orders/{id}/cancel", &["post"]),
        ("/api/v1/purchase-orders/{id}/close", &["post"]),
        ("/api/v1/purchase-orders/{id}/receipts", &["post"]),
        ("/api/v1/reorder-suggestions", &["get"]),
        ("/api/v1/reorder-points", &["put"]),
        ("/api/v1/supplier-portal/purchase-orders", &["get"]),
        ("/api/v1/supplier-portal/purchase-orders/{id}", &["get"]),
        (
            "/api/v1/supplier-portal/purchase-orders/{id}/confirm",
            &["post"],
        ),
        (
            "/api/v1/supplier-portal/purchase-orders/{id}/ship",
            &["post"],
        ),
        (
            "/api/v1/supplier-portal/purchase-orders/{id}/proposal",
            &["post"],
        ),
        ("/api/v1/purchase-orders/{id}/proposal/accept", &["post"]),
        ("/api/v1/purchase-orders/{id}/proposal/reject", &["post"]),
        ("/api/v1/goods-receipts", &["post"]),
        ("/api/v1/purchase-returns", &["get", "post"]),
        ("/api/v1/purchase-returns/{id}", &["get"]),
        ("/api/v1/supplier-invoices", &["get", "post"]),
        ("/api/v1/supplier-invoices/{id}", &["get"]),
        ("/api/v1/supplier-invoices/{id}/payments", &["post"]),
        ("/api/v1/payables/aging", &["get"]),
        ("/api/v1/consignments/products", &["get", "put"]),
        ("/api/v1/consignments/settlements", &["get", "post"]),
        ("/api/v1/consignments/settlements/preview", &["get"]),
        ("/api/v1/consignments/settlements/{id}", &["get"]),
        ("/api/v1/supplier-portal/consignments/settlements", &["get"]),
        ("/api/v1/supplier-portal/consignments/sold", &["get"]),
        ("/api/v1/stock-batches/expiring", &["get"]),
        ("/api/v1/stock-valuation.csv", &["get"]),
        ("/api/v1/stock-valuation.xlsx", &["get"]),
        ("/api/v1/products/{id}/batches", &["get"]),
        ("/api/v1/products/{id}/components", &["get", "put"]),
        ("/api/v1/products/{id}/stock-card.csv", &["get"]),
        ("/api/v1/products/{id}/stock-card.xlsx", &["get"]),
        ("/api/v1/assemblies", &["get", "post"]),
        ("/api/v1/suppliers/{id}/statement", &["get"]),
        ("/api/v1/supplier-portal/invoices", &["get"]),
        ("/api/v1/supplier-portal/invoices/{id}", &["get"]),
    ];
    for (path, methods) in expected {
        let item = paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} missing from OpenAPI"));
        for m in *methods {
            assert!(item.get(*m).is_some(), "{m} {path} missing");
        }
    }
    let documented = paths.keys().filter(|p| p.starts_with("/api/v1")).count();
    assert_eq!(
        documented,
        expected.len(),
        "a documented path is not in this test's list"
    );
    let docs = app.get(&mut anon, "/api/docs").await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(docs
        .json
        .as_str()
        .unwrap()
        .contains("/api/v1/loan-simulations"));
}
