//! SHU year-end close to the rupiah: jasa modal by pokok + wajib at year end, jasa usaha
//! by loan interest paid plus purchases at the koperasi's store (matched to the member by
//! phone), the RAT's approval by an owner, posting to sukarela once, and the member's
//! own SHU history.
use satu_server::kernel::money::Sen;

fn sen(amount: &str) -> Sen {
    Sen::of(amount.parse().unwrap()).unwrap()
}
use crate::common;

use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;

use common::{account, Agent, TestApp};

/// A completed sale at the store to `customer`, as the till would have recorded it.
async fn store_sale(app: &TestApp, owner: &mut Agent, customer: &str, total: &str, receipt: &str) {
    let me = app.get(owner, "/api/v1/auth/me").await.json;
    let outlet = app.outlet_id(owner, "MKM1").await;
    satu_server::modules::pos::entity::sale::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        tenant_id: Set(me["user"]["tenant_id"].as_str().unwrap().to_string()),
        outlet_id: Set(outlet),
        device_id: Set(None),
        cashier_id: Set(me["user"]["id"].as_str().unwrap().to_string()),
        client_sale_id: Set(uuid::Uuid::now_v7().to_string()),
        receipt_no: Set(receipt.to_string()),
        customer_id: Set(Some(customer.to_string())),
        subtotal_sen: Set(sen(total)),
        discount_total_sen: Set(Sen(0)),
        service_charge_sen: Set(Sen(0)),
        tax_total_sen: Set(Sen(0)),
        rounding_sen: Set(Sen(0)),
        grand_total_sen: Set(sen(total)),
        paid_total_sen: Set(sen(total)),
        change_due_sen: Set(Sen(0)),
        status: Set("completed".into()),
        flags: Set(None),
        sold_at: Set("2026-03-10T03:00:00.000000Z".into()),
        received_at: Set(Utc::now()),
        discount_approved_by: Set(None),
        shift_id: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
}

async fn shu_story(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let mut manager = app.login("manager@makmur.test").await;
    let mut officer = app.login("kasir@makmur.test").await;
    for body in [
        json!({"code": "SP", "name": "Simpanan Pokok", "kind": "pokok", "fixed_amount": "100000"}),
        json!({"code": "SW", "name": "Simpanan Wajib", "kind": "wajib", "fixed_amount": "50000"}),
        json!({"code": "SS", "name": "Simpanan Sukarela", "kind": "sukarela", "minimum_balance": "10000"}),
    ] {
        let r = app.post(&mut owner, "/api/v1/savings-products", body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    }
    let r = app
        .post(
            &mut owner,
            "/api/v1/loan-products",
            json!({"code": "PU", "name": "Pinjaman Umum", "method": "flat", "rate_percent": "1.5",
                "min_tenor": 3, "max_tenor": 24, "min_amount": "500000", "max_amount": "20000000",
                "single_approval_limit": "5000000"}),
        )
        .await;
    let product = r.json["id"].as_str().unwrap().to_string();

    let r = app
        .post(
            &mut officer,
            "/api/v1/members",
            json!({"nik": "3374055506900002", "name": "Siti Rahayu", "sex": "F", "birth_date": "1990-06-15",
                "address": "Jl. Pemuda 7", "phone": "0812-1111-2222", "join_date": "2026-01-05",
                "email": "siti@anggota.test"}),
        )
        .await;
    let siti = r.json.clone();
    let r = app
        .post(
            &mut officer,
            "/api/v1/members",
            json!({"nik": "3374051203850001", "name": "Budi Santoso", "sex": "M", "birth_date": "1985-03-12",
                "address": "Jl. Gajah Mada 3", "phone": "0813-5555-6666", "join_date": "2026-01-05"}),
        )
        .await;
    let budi = r.json.clone();
    // Pokok + wajib: Siti 400.000, Budi 600.000 (40% and 60% of jasa modal).
    for (m, sp, sw) in [(&siti, "100000", "300000"), (&budi, "100000", "500000")] {
        app.deposit(&mut officer, &account(m, "SP"), sp).await;
        app.deposit(&mut officer, &account(m, "SW"), sw).await;
    }
    app.deposit(&mut officer, &account(&siti, "SS"), "1000000")
        .await;

    // Siti's loan: two instalments paid, Rp18.000 interest each.
    let r = app
        .post(
            &mut officer,
            "/api/v1/loans",
            json!({"member_id": siti["id"], "product_id": product, "amount": "1200000", "tenor": 3,
                "purpose": "Modal"}),
        )
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
            json!({"disbursed_on": "2026-06-01", "fees_deducted": false}),
        )
        .await;
    assert_eq!(r.json["status"], "disbursed", "{}", r.json);
    for day in ["2026-07-01", "2026-08-01"] {
        let r = app
            .post(
                &mut officer,
                &format!("/api/v1/loans/{loan}/repayments"),
                json!({"amount": "418000", "paid_on": day}),
            )
            .await;
        assert_eq!(r.json["payment"]["interest"], "18000", "{}", r.json);
    }

    // Store purchases, the customer found by her phone however it was typed.
    for (name, phone, total, receipt) in [
        ("Siti R", "+62 812 1111 2222", "64000", "MKM1-D01-000901"),
        ("Budi S", "081355556666", "300000", "MKM1-D01-000902"),
    ] {
        let r = app
            .post(
                &mut officer,
                "/api/v1/customers",
                json!({"name": name, "phone": phone}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
        let customer = r.json["id"].as_str().unwrap().to_string();
        store_sale(app, &mut owner, &customer, total, receipt).await;
    }

    // Rp10.000.000: cadangan 40, jasa modal 20, jasa usaha 25, and three funds of 5.
    let closing = json!({"year": 2026, "shu_total": "10000000",
        "allocation": [{"name": "Cadangan", "percent": "40"}, {"name": "Jasa modal", "percent": "20"},
            {"name": "Jasa usaha", "percent": "25"}, {"name": "Dana pengurus", "percent": "5"},
            {"name": "Dana pendidikan", "percent": "5"}, {"name": "Dana sosial", "percent": "5"}],
        "jasa_modal_pool": "Jasa modal", "jasa_usaha_pool": "Jasa usaha"});
    assert_eq!(
        app.post(&mut officer, "/api/v1/shu-closings", closing.clone())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut wrong = closing.clone();
    wrong["allocation"][0]["percent"] = json!("41");
    let r = app.post(&mut manager, "/api/v1/shu-closings", wrong).await;
    assert_eq!(r.json["error"]["field"], "allocation", "{}", r.json);
    let r = app
        .post(&mut manager, "/api/v1/shu-closings", closing.clone())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["status"], "draft");
    assert_eq!(r.json["total_savings"], "1000000");
    assert_eq!(r.json["total_transactions"], "400000");
    let shares = r.json["shares"].as_array().unwrap().clone();
    let pick = |name: &str| {
        shares
            .iter()
            .find(|s| s["member_name"] == name)
            .unwrap()
            .clone()
    };
    let s = pick("Siti Rahayu");
    assert_eq!(
        (
            &s["savings"],
            &s["loan_interest"],
            &s["purchases"],
            &s["jasa_modal"],
            &s["jasa_usaha"],
            &s["total"]
        ),
        (
            &json!("400000"),
            &json!("36000"),
            &json!("64000"),
            &json!("800000"),
            &json!("625000"),
            &json!("1425000")
        )
    );
    let b = pick("Budi Santoso");
    assert_eq!(
        (&b["jasa_modal"], &b["jasa_usaha"], &b["total"]),
        (&json!("1200000"), &json!("1875000"), &json!("3075000"))
    );
    let id = r.json["id"].as_str().unwrap().to_string();
    // Recomputing a draft replaces it.
    let r = app
        .post(&mut manager, "/api/v1/shu-closings", closing.clone())
        .await;
    assert_eq!(r.json["id"], id.as_str());
    assert_eq!(r.json["shares"].as_array().unwrap().len(), 2);

    // The RAT's approval is recorded by an owner; then it is fixed.
    let approval = json!({"rat_notes": "RAT 2027-02-15, BA No. 01/RAT/2027"});
    assert_eq!(
        app.post(
            &mut manager,
            &format!("/api/v1/shu-closings/{id}/approval"),
            approval.clone()
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let r = app
        .post(
            &mut owner,
            &format!("/api/v1/shu-closings/{id}/approval"),
            approval,
        )
        .await;
    assert_eq!(r.json["status"], "approved", "{}", r.json);
    let r = app
        .post(&mut manager, "/api/v1/shu-closings", closing)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "shu_closed");

    let r = app
        .post(
            &mut owner,
            &format!("/api/v1/shu-closings/{id}/posting"),
            json!({"payout": "sukarela"}),
        )
        .await;
    assert_eq!(r.json["status"], "posted", "{}", r.json);
    let r = app
        .post(
            &mut owner,
            &format!("/api/v1/shu-closings/{id}/posting"),
            json!({"payout": "sukarela"}),
        )
        .await;
    assert_eq!(r.error_code(), "shu_status");
    let ss = account(&siti, "SS");
    let r = app
        .get(
            &mut officer,
            &format!("/api/v1/savings-accounts/{ss}/movements"),
        )
        .await;
    let last = r.json.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (&last["kind"], &last["amount"], &last["balance_after"]),
        (&json!("shu"), &json!("1425000"), &json!("2425000"))
    );

    // Siti sees her SHU; another koperasi sees nothing.
    let r = app
        .post(
            &mut owner,
            &format!(
                "/api/v1/members/{}/portal-invitation",
                siti["id"].as_str().unwrap()
            ),
            json!({}),
        )
        .await;
    let mut anon = app.agent();
    app.post(
        &mut anon,
        "/api/v1/invitations/accept",
        json!({"token": r.json["invite_token"], "password": "siti-rahayu-1990"}),
    )
    .await;
    let mut member = app
        .login_with("siti@anggota.test", "siti-rahayu-1990")
        .await;
    let r = app.get(&mut member, "/api/v1/me/shu").await;
    assert_eq!(r.json.as_array().unwrap().len(), 1, "{}", r.json);
    assert_eq!(r.json[0]["total"], "1425000");
    assert_eq!(r.json[0]["year"], 2026);
    assert_eq!(
        app.get(&mut member, "/api/v1/shu-closings").await.status,
        StatusCode::FORBIDDEN
    );
    let (mut other, _) = app.other_tenant_with_outlet().await;
    assert_eq!(
        app.get(&mut other, &format!("/api/v1/shu-closings/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&mut other, "/api/v1/shu-closings").await.json,
        json!([])
    );
}
on_every_backend!(shu_close_approve_post_and_see, shu_story);
