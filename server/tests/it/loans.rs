//! Koperasi loans, the whole story to the rupiah: a member saves, applies, the officer
//! analyses, two different managers approve (maker-checker above the limit), the loan is
//! disbursed net of fees, she pays on time, late (denda), from her savings, and pays off
//! early; another loan falls into arrears and is written off. The collection list and
//! the portfolio (collectibility, reserve, PAR) are checked on a fixed day, and nobody
//! outside sees any of it.
use crate::common;

use axum::http::StatusCode;
use serde_json::{json, Value};

use common::{account, Agent, TestApp};

const SITI_NIK: &str = "3374055506900002";
const BUDI_NIK: &str = "3374051203850001";

async fn setup_products(app: &TestApp, owner: &mut Agent) -> String {
    for body in [
        json!({"code": "SP", "name": "Simpanan Pokok", "kind": "pokok", "fixed_amount": "100000"}),
        json!({"code": "SW", "name": "Simpanan Wajib", "kind": "wajib", "fixed_amount": "50000"}),
        json!({"code": "SS", "name": "Simpanan Sukarela", "kind": "sukarela", "rate_percent": "3", "minimum_balance": "10000"}),
    ] {
        let r = app.post(owner, "/api/v1/savings-products", body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    }
    let r = app
        .post(
            owner,
            "/api/v1/loan-products",
            json!({"code": "PU", "name": "Pinjaman Umum", "method": "flat", "rate_percent": "1.5",
                "rate_period": "month", "min_tenor": 3, "max_tenor": 24, "min_amount": "500000",
                "max_amount": "20000000", "admin_fee": "25000", "provision_percent": "1",
                "penalty_rate_percent": "0.1", "penalty_grace_days": 3, "savings_multiple": "10",
                "collateral_required": false, "single_approval_limit": "5000000",
                "payoff_interest_periods": 1}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(
        r.json["allocation_order"],
        json!(["penalty", "interest", "principal"])
    );
    let bad = app
        .post(
            owner,
            "/api/v1/loan-products",
            json!({"code": "PX", "name": "Salah", "method": "bunga-berbunga", "rate_percent": "1",
                "min_tenor": 3, "max_tenor": 2, "min_amount": "1", "max_amount": "2",
                "single_approval_limit": "1"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json["error"]["field"], "method");
    r.json["id"].as_str().unwrap().to_string()
}

async fn repay(app: &TestApp, who: &mut Agent, loan: &str, body: Value) -> common::Response {
    app.post(who, &format!("/api/v1/loans/{loan}/repayments"), body)
        .await
}

fn split(r: &common::Response) -> (String, String, String) {
    let p = &r.json["payment"];
    (
        p["penalty"].as_str().unwrap().to_string(),
        p["interest"].as_str().unwrap().to_string(),
        p["principal"].as_str().unwrap().to_string(),
    )
}

fn s(v: &str) -> String {
    v.to_string()
}

async fn loan_story(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let mut manager = app.login("manager@makmur.test").await;
    let mut officer = app.login("kasir@makmur.test").await;
    let product = setup_products(app, &mut owner).await;

    let r = app
        .post(
            &mut officer,
            "/api/v1/members",
            json!({"nik": SITI_NIK, "name": "Siti Rahayu", "sex": "F", "birth_date": "1990-06-15",
                "address": "Jl. Pemuda No. 7, Semarang", "phone": "0812-1111-2222",
                "join_date": "2026-01-05", "email": "siti@anggota.test"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let siti = r.json["id"].as_str().unwrap().to_string();
    let siti_ss = account(&r.json, "SS");
    app.deposit(&mut officer, &account(&r.json, "SP"), "100000")
        .await;
    app.deposit(&mut officer, &account(&r.json, "SW"), "50000")
        .await;
    app.deposit(&mut officer, &siti_ss, "500000").await;

    // Savings Rp650.000 × 10 = Rp6.500.000 at most.
    let apply = |amount: &str, tenor: u32| {
        json!({"member_id": siti, "product_id": product, "amount": amount, "tenor": tenor,
            "purpose": "Modal warung"})
    };
    let r = app
        .post(&mut officer, "/api/v1/loans", apply("7000000", 6))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.error_code(), "exceeds_savings_limit");
    let r = app
        .post(&mut officer, "/api/v1/loans", apply("6000000", 36))
        .await;
    assert_eq!(r.json["error"]["field"], "tenor");
    let r = app
        .post(&mut officer, "/api/v1/loans", apply("6000000", 6))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let loan = r.json["id"].as_str().unwrap().to_string();
    assert_eq!(r.json["loan_no"], "P00001");
    assert_eq!(r.json["status"], "applied");
    assert_eq!(r.json["provision_fee"], "60000");
    assert_eq!(r.json["admin_fee"], "25000");
    assert_eq!(r.json["needs_second_approval"], true);
    assert_eq!(r.json["schedule"].as_array().unwrap().len(), 6);
    assert_eq!(r.json["schedule"][0]["installment"], "1090000");
    assert_eq!(r.json["total_interest"], "540000");

    let approval = |decision: &str| json!({"decision": decision});
    let path = |what: &str| format!("/api/v1/loans/{loan}/{what}");
    // Not before the analysis; an officer cannot approve at all.
    let r = app
        .post(&mut manager, &path("approval"), approval("approve"))
        .await;
    assert_eq!(r.error_code(), "loan_status");
    let r = app
        .post(
            &mut officer,
            &path("analysis"),
            json!({"notes": "Warung ramai, penghasilan Rp4 jt/bln", "collateral_kind": "bpkb",
                "collateral_description": "Honda Beat 2021 H 1234 AB", "collateral_value": "15000000",
                "collateral_documents": "BPKB No. M-0123456"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["status"], "analysed");
    assert_eq!(r.json["collateral_value"], "15000000");
    let r = app
        .post(&mut officer, &path("approval"), approval("approve"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Above Rp5.000.000: two different approvers.
    let r = app
        .post(&mut manager, &path("approval"), approval("approve"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["status"], "awaiting_second_approval");
    let r = app
        .post(&mut manager, &path("approval"), approval("approve"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "maker_checker");
    let r = app
        .post(&mut officer, &path("disbursement"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(&mut manager, &path("disbursement"), json!({}))
        .await;
    assert_eq!(r.error_code(), "loan_status");
    let r = app
        .post(&mut owner, &path("approval"), approval("approve"))
        .await;
    assert_eq!(r.json["status"], "approved", "{}", r.json);

    // Disbursed on 10 June, fees deducted: Rp6.000.000 − 25.000 − 60.000.
    let r = app
        .post(
            &mut manager,
            &path("disbursement"),
            json!({"disbursed_on": "2026-06-10", "fees_deducted": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["status"], "disbursed");
    assert_eq!(r.json["net_disbursed"], "5915000");
    let due: Vec<&str> = r.json["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["due_date"].as_str().unwrap())
        .collect();
    assert_eq!(
        due,
        [
            "2026-07-10",
            "2026-08-10",
            "2026-09-10",
            "2026-10-10",
            "2026-11-10",
            "2026-12-10"
        ]
    );
    let kinds: Vec<(&str, &str)> = r.json["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["kind"].as_str().unwrap(), p["amount"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds, [("disbursement", "5915000"), ("fee", "85000")]);

    // July on time; August ten days late: 7 days after the 3 free × 0,1% × 1.090.000.
    let r = repay(
        app,
        &mut officer,
        &loan,
        json!({"amount": "1090000", "paid_on": "2026-07-10"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(split(&r), (s("0"), s("90000"), s("1000000")));
    let r = repay(
        app,
        &mut officer,
        &loan,
        json!({"amount": "1097630", "paid_on": "2026-08-20"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(split(&r), (s("7630"), s("90000"), s("1000000")));
    // Dates go forward only.
    let r = repay(
        app,
        &mut officer,
        &loan,
        json!({"amount": "1000", "paid_on": "2026-08-19"}),
    )
    .await;
    assert_eq!(r.json["error"]["field"], "paid_on");

    // September deducted from her sukarela (topped up first), keeping its minimum.
    let r = repay(
        app,
        &mut officer,
        &loan,
        json!({"amount": "1090000", "paid_on": "2026-09-10", "source": "savings",
            "savings_account_id": siti_ss}),
    )
    .await;
    assert_eq!(r.error_code(), "insufficient_savings", "{}", r.json);
    app.deposit(&mut officer, &siti_ss, "700000").await;
    let r = repay(
        app,
        &mut officer,
        &loan,
        json!({"amount": "1090000", "paid_on": "2026-09-10", "source": "savings",
            "savings_account_id": siti_ss}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(
        r.json["loan"]["position"]["outstanding_principal"],
        "3000000"
    );
    let r = app
        .get(
            &mut officer,
            &format!("/api/v1/savings-accounts/{siti_ss}/movements"),
        )
        .await;
    let last = r.json.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "loan_repayment");
    assert_eq!(last["amount"], "1090000");
    assert_eq!(last["balance_after"], "110000");

    // Budi borrows Rp1.200.000 and pays nothing.
    let r = app
        .post(
            &mut officer,
            "/api/v1/members",
            json!({"nik": BUDI_NIK, "name": "Budi Santoso", "sex": "M", "birth_date": "1985-03-12",
                "address": "Jl. Gajah Mada 3", "join_date": "2026-02-01"}),
        )
        .await;
    let budi_member = r.json["id"].as_str().unwrap().to_string();
    app.deposit(&mut officer, &account(&r.json, "SS"), "1000000")
        .await;
    let r = app
        .post(
            &mut manager,
            "/api/v1/loans",
            json!({"member_id": budi_member, "product_id": product, "amount": "1200000",
                "tenor": 6, "purpose": "Perbaikan rumah"}),
        )
        .await;
    let budi = r.json["id"].as_str().unwrap().to_string();
    assert_eq!(r.json["needs_second_approval"], false);
    let bpath = |what: &str| format!("/api/v1/loans/{budi}/{what}");
    let r = app
        .post(
            &mut manager,
            &bpath("analysis"),
            json!({"notes": "Karyawan tetap"}),
        )
        .await;
    assert_eq!(r.json["status"], "analysed", "{}", r.json);
    // Whoever entered the application cannot approve it.
    let r = app
        .post(&mut manager, &bpath("approval"), approval("approve"))
        .await;
    assert_eq!(r.error_code(), "maker_checker");
    let r = app
        .post(&mut owner, &bpath("approval"), approval("approve"))
        .await;
    assert_eq!(r.json["status"], "approved", "{}", r.json);
    let r = app
        .post(
            &mut owner,
            &bpath("disbursement"),
            json!({"disbursed_on": "2026-05-01", "fees_deducted": false}),
        )
        .await;
    assert_eq!(r.json["net_disbursed"], "1200000", "{}", r.json);

    // On 25 October: Siti's October instalment is 15 days late, Budi owes five.
    let r = app
        .get(
            &mut officer,
            "/api/v1/loan-reports/collection?as_of=2026-10-25",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let rows = r.json.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["member_name"], "Budi Santoso");
    assert_eq!(rows[0]["days_past_due"], 146);
    assert_eq!(rows[0]["collectibility"], "kurang_lancar");
    assert_eq!(rows[1]["member_name"], "Siti Rahayu");
    // 1.090.000 + 12 days × 1.090 denda.
    assert_eq!(rows[1]["due_total"], "1103080");
    assert_eq!(rows[1]["penalty_due"], "13080");
    assert_eq!(rows[1]["phone"], "0812-1111-2222");
    let r = app
        .get(
            &mut officer,
            "/api/v1/loan-reports/collection?as_of=2026-10-25&officer_id=me",
        )
        .await;
    assert_eq!(r.json.as_array().unwrap().len(), 1);
    assert_eq!(
        app.get(&mut officer, "/api/v1/loan-reports/portfolio")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = app
        .get(
            &mut manager,
            "/api/v1/loan-reports/portfolio?as_of=2026-10-25",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["outstanding"], "4200000");
    // 0,5% of Siti's 3.000.000 (lancar) + 10% of Budi's 1.200.000 (kurang lancar).
    assert_eq!(r.json["reserve"], "135000");
    assert_eq!(
        r.json["par"],
        json!([
            {"days": 1, "outstanding": "4200000", "percent": "100.00"},
            {"days": 30, "outstanding": "1200000", "percent": "28.57"},
            {"days": 90, "outstanding": "1200000", "percent": "28.57"}
        ])
    );

    // Siti pays off on 25 October: principal, October's interest and one more month's,
    // and the denda; December's interest is waived.
    let r = app
        .get(
            &mut officer,
            &format!("{}?as_of=2026-10-25", path("payoff")),
        )
        .await;
    assert_eq!(
        (
            r.json["principal"].as_str().unwrap(),
            r.json["interest"].as_str().unwrap(),
            r.json["penalty"].as_str().unwrap(),
            r.json["waived_interest"].as_str().unwrap(),
            r.json["total"].as_str().unwrap()
        ),
        ("3000000", "180000", "13080", "90000", "3193080"),
        "{}",
        r.json
    );
    let r = app
        .post(
            &mut officer,
            &path("payoff"),
            json!({"paid_on": "2026-10-25"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["payment"]["amount"], "3193080");
    assert_eq!(r.json["loan"]["status"], "paid_off");
    assert_eq!(r.json["loan"]["closed_on"], "2026-10-25");
    let r = repay(app, &mut officer, &loan, json!({"amount": "1000"})).await;
    assert_eq!(r.error_code(), "loan_status");
    // What she paid adds up: 1.090.000 + 1.097.630 + 1.090.000 + 3.193.080.
    let r = app
        .get(&mut officer, &format!("/api/v1/loans/{loan}"))
        .await;
    let paid: i64 = r.json["payments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "repayment" || p["kind"] == "payoff")
        .map(|p| p["amount"].as_str().unwrap().parse::<i64>().unwrap())
        .sum();
    assert_eq!(paid, 6_470_710);

    // Budi's is written off by the owner, not a manager.
    let r = app
        .post(
            &mut manager,
            &bpath("write-off"),
            json!({"reason": "Pindah, tidak dapat dihubungi"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(
            &mut owner,
            &bpath("write-off"),
            json!({"reason": "Pindah, tidak dapat dihubungi"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["status"], "written_off");
    assert_eq!(r.json["written_off_amount"], "1200000");
    let r = app
        .get(
            &mut manager,
            "/api/v1/loan-reports/portfolio?as_of=2026-10-25",
        )
        .await;
    assert_eq!(r.json["outstanding"], "0");

    // The cash book for June–October: disbursements out, cash instalments in (the one
    // paid from savings and the deducted fees are not cash).
    let r = app
        .get(
            &mut manager,
            "/api/v1/koperasi-reports/cash-book?from=2026-06-01&to=2026-10-31",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(
        (
            &r.json["opening"],
            &r.json["cash_in"],
            &r.json["cash_out"],
            &r.json["closing"]
        ),
        (
            &json!("-1163000"),
            &json!("5380710"),
            &json!("5915000"),
            &json!("-1697290")
        )
    );
    assert_eq!(r.json["lines"].as_array().unwrap().len(), 4);
    let r = app
        .send(
            &mut manager,
            axum::http::Method::GET,
            "/api/v1/koperasi-reports/loans.csv",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let text = r.json.as_str().unwrap_or_default().to_string();
    assert!(
        text.starts_with("no_pinjaman,no_anggota,nama,plafon"),
        "{text}"
    );
    assert!(
        text.contains("P00001,A00001,Siti Rahayu,6000000,6,paid_off,2026-06-10,0,0,,0"),
        "{text}"
    );
    assert!(
        text.contains("P00002,A00002,Budi Santoso,1200000,6,written_off"),
        "{text}"
    );
    assert_eq!(
        app.send(
            &mut officer,
            axum::http::Method::GET,
            "/api/v1/koperasi-reports/loans.csv",
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    // Siti sees her own loan on the portal; not Budi's.
    let r = app
        .post(
            &mut owner,
            &format!("/api/v1/members/{siti}/portal-invitation"),
            json!({}),
        )
        .await;
    let mut anon = app.agent();
    let r = app
        .post(
            &mut anon,
            "/api/v1/invitations/accept",
            json!({"token": r.json["invite_token"], "password": "siti-rahayu-1990"}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.json);
    let mut member = app
        .login_with("siti@anggota.test", "siti-rahayu-1990")
        .await;
    let r = app.get(&mut member, "/api/v1/me/loans").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json.as_array().unwrap().len(), 1);
    assert_eq!(r.json[0]["loan_no"], "P00001");
    assert_eq!(r.json[0]["schedule"][1]["paid_penalty"], "7630");
    assert_eq!(
        app.get(&mut member, &format!("/api/v1/loans/{loan}"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&mut member, &format!("/api/v1/loans/{budi}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&mut member, "/api/v1/loans").await.status,
        StatusCode::FORBIDDEN
    );

    // Another koperasi: nothing to read, nothing to pay.
    let (mut other, _) = app.other_tenant_with_outlet().await;
    assert_eq!(
        app.get(&mut other, &format!("/api/v1/loans/{loan}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        repay(app, &mut other, &budi, json!({"amount": "1000"}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(&mut other, &bpath("approval"), approval("approve"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = app.get(&mut other, "/api/v1/loans").await;
    assert_eq!(r.json, json!([]));
}
on_every_backend!(loan_from_application_to_payoff, loan_story);

/// Two tellers posting the same instalment at once: one stands, the other is told the
/// loan changed (no double allocation from the same stale figures).
async fn racing_repayments(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let mut manager = app.login("manager@makmur.test").await;
    let mut officer = app.login("kasir@makmur.test").await;
    let product = setup_products(app, &mut owner).await;
    let r = app
        .post(
            &mut officer,
            "/api/v1/members",
            json!({"nik": SITI_NIK, "name": "Siti Rahayu", "sex": "F", "birth_date": "1990-06-15",
                "address": "Jl. Pemuda 7", "join_date": "2026-01-05"}),
        )
        .await;
    let member = r.json["id"].as_str().unwrap().to_string();
    app.deposit(&mut officer, &account(&r.json, "SS"), "1000000")
        .await;
    let r = app
        .post(
            &mut officer,
            "/api/v1/loans",
            json!({"member_id": member, "product_id": product, "amount": "1200000", "tenor": 3,
                "purpose": "Modal"}),
        )
        .await;
    let loan = r.json["id"].as_str().unwrap().to_string();
    for (officer_step, path, body) in [
        (true, "analysis", json!({"notes": "ok"})),
        (false, "approval", json!({"decision": "approve"})),
        (false, "disbursement", json!({"disbursed_on": "2026-06-01"})),
    ] {
        let who = if officer_step {
            &mut officer
        } else {
            &mut manager
        };
        let r = app
            .post(who, &format!("/api/v1/loans/{loan}/{path}"), body)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.json);
    }
    let mut tellers = Vec::new();
    for _ in 0..6 {
        tellers.push(app.login("kasir@makmur.test").await);
    }
    let results = futures::future::join_all(tellers.iter_mut().map(|t| {
        repay(
            app,
            t,
            &loan,
            json!({"amount": "418000", "paid_on": "2026-07-01"}),
        )
    }))
    .await;
    let ok = results
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count();
    assert!(ok >= 1);
    let r = app
        .get(&mut officer, &format!("/api/v1/loans/{loan}"))
        .await;
    let payments = r.json["payments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "repayment")
        .count();
    assert_eq!(payments, ok, "every accepted payment is recorded once");
    // Whatever was accepted, the instalments account for exactly that much.
    let paid: i64 = r.json["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["paid_principal"]
                .as_str()
                .unwrap()
                .parse::<i64>()
                .unwrap()
                + i["paid_interest"].as_str().unwrap().parse::<i64>().unwrap()
        })
        .sum();
    assert_eq!(paid, 418_000 * ok as i64);
    // The others were told the loan changed under them, or (once it was paid) that
    // nothing more is owed.
    for r in results.iter().filter(|r| r.status != StatusCode::CREATED) {
        assert!(
            r.error_code() == "loan_changed" || r.json["error"]["field"] == "amount",
            "{}",
            r.json
        );
    }
}
on_every_backend!(racing_repayments_do_not_double_post, racing_repayments);

/// A member who resigns: her running loan is paid off from her savings (sukarela first,
/// then wajib, then pokok), a pending application is rejected, the rest is paid out, and
/// every balance ends at zero. Not while her savings do not cover her debts.
async fn member_exit(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let mut manager = app.login("manager@makmur.test").await;
    let mut officer = app.login("kasir@makmur.test").await;
    let product = setup_products(app, &mut owner).await;
    let r = app
        .post(
            &mut officer,
            "/api/v1/members",
            json!({"nik": SITI_NIK, "name": "Siti Rahayu", "sex": "F", "birth_date": "1990-06-15",
                "address": "Jl. Pemuda 7", "join_date": "2026-01-05", "heir_name": "Ahmad Rahayu"}),
        )
        .await;
    let member = r.json.clone();
    let id = member["id"].as_str().unwrap().to_string();
    app.deposit(&mut officer, &account(&member, "SP"), "100000")
        .await;
    app.deposit(&mut officer, &account(&member, "SW"), "600000")
        .await;
    app.deposit(&mut officer, &account(&member, "SS"), "250000")
        .await;
    let apply = |amount: &str| json!({"member_id": id, "product_id": product, "amount": amount, "tenor": 3, "purpose": "Modal"});
    let r = app
        .post(&mut officer, "/api/v1/loans", apply("1200000"))
        .await;
    let loan = r.json["id"].as_str().unwrap().to_string();
    app.post(
        &mut officer,
        &format!("/api/v1/loans/{loan}/analysis"),
        json!({"notes": "ok"}),
    )
    .await;
    app.post(
        &mut manager,
        &format!("/api/v1/loans/{loan}/approval"),
        json!({"decision": "approve"}),
    )
    .await;
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/loans/{loan}/disbursement"),
            json!({"fees_deducted": false}),
        )
        .await;
    assert_eq!(r.json["status"], "disbursed", "{}", r.json);
    let r = app
        .post(&mut officer, "/api/v1/loans", apply("500000"))
        .await;
    let pending = r.json["id"].as_str().unwrap().to_string();

    let exit = json!({"reason": "resigned", "note": "Pindah ke luar kota"});
    let path = format!("/api/v1/members/{id}/exit");
    assert_eq!(
        app.post(&mut officer, &path, exit.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    // Payoff today: 1.200.000 + next month's 18.000 interest, against 950.000 saved.
    let r = app.post(&mut manager, &path, exit.clone()).await;
    assert_eq!(r.error_code(), "debts_exceed_savings", "{}", r.json);
    assert!(r.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Rp268.000"));
    app.deposit(&mut officer, &account(&member, "SS"), "300000")
        .await;
    let r = app.post(&mut manager, &path, exit.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(
        (
            &r.json["savings"],
            &r.json["debts"],
            &r.json["paid_out"],
            &r.json["paid_to"]
        ),
        (
            &json!("1250000"),
            &json!("1218000"),
            &json!("32000"),
            &json!("Siti Rahayu")
        )
    );
    assert_eq!(r.json["member"]["status"], "resigned");
    for a in r.json["member"]["accounts"].as_array().unwrap() {
        assert_eq!(a["balance"], "0", "{a}");
    }
    let r = app
        .get(&mut officer, &format!("/api/v1/loans/{loan}"))
        .await;
    assert_eq!(r.json["status"], "paid_off");
    let payoff = r.json["payments"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (&payoff["kind"], &payoff["source"], &payoff["amount"]),
        (&json!("payoff"), &json!("savings"), &json!("1218000"))
    );
    let r = app
        .get(&mut officer, &format!("/api/v1/loans/{pending}"))
        .await;
    assert_eq!(r.json["status"], "rejected");
    // Pokok paid the last 68.000 of the debt and 32.000 went to her.
    let sp = account(&member, "SP");
    let r = app
        .get(
            &mut officer,
            &format!("/api/v1/savings-accounts/{sp}/movements"),
        )
        .await;
    let kinds: Vec<(String, String)> = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap().to_string(),
                m["amount"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (s("deposit"), s("100000")),
            (s("exit_debts"), s("68000")),
            (s("exit_payout"), s("32000"))
        ]
    );
    assert_eq!(
        app.post(&mut manager, &path, exit).await.error_code(),
        "member_inactive"
    );
    // She can no longer borrow or save.
    let r = app
        .post(&mut officer, "/api/v1/loans", apply("500000"))
        .await;
    assert_eq!(r.error_code(), "member_inactive");
}
on_every_backend!(a_resigning_member_settles_debts_from_savings, member_exit);
