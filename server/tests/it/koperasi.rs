//! Koperasi members and savings: registration checked against the NIK, the teller's
//! deposits and withdrawals to the rupiah, no overdraft even with tellers racing, and a
//! member who sees only her own money.
use crate::common;

use axum::http::StatusCode;
use serde_json::{json, Value};

use common::{Agent, TestApp};

/// Female, born 15 June 1990, Semarang (day 55 = 15 + 40).
const SITI_NIK: &str = "3374055506900002";
/// Male, born 12 March 1985.
const BUDI_NIK: &str = "3374051203850001";

pub(crate) async fn products(app: &TestApp, owner: &mut Agent) {
    for body in [
        json!({"code": "SP", "name": "Simpanan Pokok", "kind": "pokok", "fixed_amount": "100000"}),
        json!({"code": "SW", "name": "Simpanan Wajib", "kind": "wajib", "fixed_amount": "50000"}),
        json!({"code": "SS", "name": "Simpanan Sukarela", "kind": "sukarela", "rate_percent": "3", "minimum_balance": "10000"}),
    ] {
        let r = app.post(owner, "/api/v1/savings-products", body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    }
}

pub(crate) fn siti() -> Value {
    json!({"nik": SITI_NIK, "name": "Siti Rahayu", "sex": "F", "birth_date": "1990-06-15",
        "address": "Jl. Pemuda No. 7, Semarang", "phone": "0812-1111-2222", "occupation": "Pedagang",
        "heir_name": "Ahmad Rahayu", "heir_relation": "suami", "join_date": "2026-01-05",
        "email": "siti@anggota.test"})
}

fn account<'a>(member: &'a Value, code: &str) -> &'a Value {
    member["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["product_code"] == code)
        .unwrap()
}

async fn teller(
    app: &TestApp,
    who: &mut Agent,
    account: &str,
    what: &str,
    amount: &str,
) -> common::Response {
    app.post(
        who,
        &format!("/api/v1/savings-accounts/{account}/{what}"),
        json!({"amount": amount, "note": "loket"}),
    )
    .await
}

async fn members_and_savings(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    products(app, &mut owner).await;
    // The officer at the koperasi desk (a staff login).
    let mut officer = app.login("kasir@makmur.test").await;

    // What the NIK says must match what was typed.
    let mut wrong = siti();
    wrong["birth_date"] = json!("1990-06-16");
    let r = app.post(&mut officer, "/api/v1/members", wrong).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.json["error"]["field"], "birth_date");
    assert!(r.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("15-06-1990"));
    let mut wrong = siti();
    wrong["sex"] = json!("M");
    let r = app.post(&mut officer, "/api/v1/members", wrong).await;
    assert_eq!(r.json["error"]["field"], "sex", "{}", r.json);
    let mut wrong = siti();
    wrong["nik"] = json!("3374053206900002");
    let r = app.post(&mut officer, "/api/v1/members", wrong).await;
    assert_eq!(r.json["error"]["field"], "nik", "{}", r.json);

    let r = app.post(&mut officer, "/api/v1/members", siti()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let member = r.json;
    assert_eq!(member["member_no"], "A00001");
    assert_eq!(member["status"], "active");
    assert_eq!(member["accounts"].as_array().unwrap().len(), 3);
    assert_eq!(account(&member, "SP")["account_no"], "SP-A00001");
    let r = app.post(&mut officer, "/api/v1/members", siti()).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "member_exists");

    let sp = account(&member, "SP")["id"].as_str().unwrap().to_string();
    let sw = account(&member, "SW")["id"].as_str().unwrap().to_string();
    let ss = account(&member, "SS")["id"].as_str().unwrap().to_string();

    // Pokok and wajib paid; sukarela opened with Rp200.000.
    for (acc, amount) in [(&sp, "100000"), (&sw, "50000"), (&ss, "200000")] {
        let r = teller(app, &mut officer, acc, "deposits", amount).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
        assert_eq!(r.json["balance_after"], amount);
    }
    // Pokok stays while she is a member; sukarela keeps Rp10.000.
    let r = teller(app, &mut officer, &sp, "withdrawals", "1000").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert!(r.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("pokok"));
    let r = teller(app, &mut officer, &ss, "withdrawals", "195000").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json["error"]["message"],
        "saldo tidak cukup: paling banyak Rp190.000 dapat ditarik"
    );
    let r = teller(app, &mut officer, &ss, "deposits", "100.5").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = teller(app, &mut officer, &ss, "withdrawals", "40000").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["balance_after"], "160000");

    // Ten tellers withdraw Rp30.000 at once from Rp160.000 with Rp10.000 kept: five can.
    let mut agents = Vec::new();
    for _ in 0..10 {
        agents.push(app.login("kasir@makmur.test").await);
    }
    let results = futures::future::join_all(
        agents
            .iter_mut()
            .map(|a| teller(app, a, &ss, "withdrawals", "30000")),
    )
    .await;
    let ok = results
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count();
    assert_eq!(
        ok,
        5,
        "{:?}",
        results.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(results
        .iter()
        .filter(|r| r.status != StatusCode::CREATED)
        .all(|r| r.status == StatusCode::UNPROCESSABLE_ENTITY));

    // The passbook: every movement with the balance after it, ending at Rp10.000.
    let r = app
        .get(
            &mut officer,
            &format!("/api/v1/savings-accounts/{ss}/movements"),
        )
        .await;
    let rows = r.json.as_array().unwrap().clone();
    assert_eq!(rows.len(), 7);
    let mut running = 0i64;
    for row in &rows {
        let amount: i64 = row["amount"].as_str().unwrap().parse().unwrap();
        running += if row["kind"] == "deposit" {
            amount
        } else {
            -amount
        };
        assert_eq!(row["balance_after"], running.to_string().as_str());
    }
    assert_eq!(running, 10000);
    let r = app
        .get(
            &mut officer,
            &format!("/api/v1/members/{}", member["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(account(&r.json, "SS")["balance"], "10000");
    assert_eq!(account(&r.json, "SP")["balance"], "100000");
    // Wajib is billed every month since she joined in January; she paid one month.
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let months = chrono::Datelike::year(&today) as i64 * 12
        + chrono::Datelike::month0(&today) as i64
        - (2026 * 12)
        + 1;
    let wajib = &r.json["wajib"];
    assert_eq!(wajib["months_billed"], months, "{wajib}");
    assert_eq!(wajib["paid"], "50000");
    assert_eq!(
        wajib["arrears"],
        (months * 50000 - 50000).to_string().as_str()
    );
    assert_eq!(wajib["months_in_arrears"], months - 1);

    // Her own login for the portal: she sees her savings and passbook, nobody else's.
    let path = format!(
        "/api/v1/members/{}/portal-invitation",
        member["id"].as_str().unwrap()
    );
    // Creating a login is an owner's or admin's act, not the desk officer's.
    let r = app.post(&mut officer, &path, json!({})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.json);
    let r = app.post(&mut owner, &path, json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let mut anon = app.agent();
    let r = app
        .post(
            &mut anon,
            "/api/v1/invitations/accept",
            json!({"token": r.json["invite_token"], "password": "siti-rahayu-1990"}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.json);
    let mut siti = app
        .login_with("siti@anggota.test", "siti-rahayu-1990")
        .await;
    let r = app.get(&mut siti, "/api/v1/me/member").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["member_no"], "A00001");
    assert_eq!(account(&r.json, "SW")["balance"], "50000");
    let r = app
        .get(
            &mut siti,
            &format!("/api/v1/savings-accounts/{ss}/movements"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json.as_array().unwrap().len(), 7);
    assert_eq!(
        app.post(&mut owner, &path, json!({})).await.status,
        StatusCode::CONFLICT
    );

    let r = app
        .post(
            &mut officer,
            "/api/v1/members",
            json!({"nik": BUDI_NIK, "name": "Budi Santoso", "sex": "M", "birth_date": "1985-03-12",
                "address": "Jl. Gajah Mada 3"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["member_no"], "A00002");
    let budi_ss = account(&r.json, "SS")["id"].as_str().unwrap().to_string();
    let budi = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .get(
            &mut siti,
            &format!("/api/v1/savings-accounts/{budi_ss}/movements"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&mut siti, &format!("/api/v1/members/{budi}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        teller(app, &mut siti, &budi_ss, "deposits", "1000")
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Another koperasi sees none of it.
    let (mut other, _) = app.other_tenant_with_outlet().await;
    assert_eq!(
        app.get(&mut other, &format!("/api/v1/members/{budi}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        teller(app, &mut other, &ss, "deposits", "1000")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(
            &mut other,
            &format!("/api/v1/savings-accounts/{ss}/movements")
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let r = app.get(&mut other, "/api/v1/members").await;
    assert_eq!(r.json, json!([]));
}
on_every_backend!(
    members_deposit_withdraw_and_see_their_own,
    members_and_savings
);

/// The KTP photo: only an image is accepted, a new one replaces the old, and only the
/// koperasi's staff and the member herself can see it.
async fn ktp_photo(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    products(app, &mut owner).await;
    let mut officer = app.login("kasir@makmur.test").await;
    let r = app.post(&mut officer, "/api/v1/members", siti()).await;
    let id = r.json["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/members/{id}/ktp");
    let png: Vec<u8> = [
        &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        &[7u8; 64][..],
    ]
    .concat();
    let (status, _, _) = app
        .send_bytes(
            &officer,
            axum::http::Method::POST,
            &path,
            "image/png",
            b"not a photo".to_vec(),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, body) = app
        .send_bytes(
            &officer,
            axum::http::Method::POST,
            &path,
            "image/png",
            png.clone(),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let view: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(view["ktp_photo_url"], path.as_str());
    let (status, headers, bytes) = app
        .send_bytes(&officer, axum::http::Method::GET, &path, "", Vec::new())
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "image/png");
    assert_eq!(bytes, png);
    let (mut other, _) = app.other_tenant_with_outlet().await;
    let (status, _, _) = app
        .send_bytes(&other, axum::http::Method::GET, &path, "", Vec::new())
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = app
        .send_bytes(
            &other,
            axum::http::Method::POST,
            &path,
            "image/png",
            png.clone(),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let _ = app.get(&mut other, "/api/v1/auth/me").await;
    let supplier = app.login("supplier@makmur.test").await;
    let (status, _, _) = app
        .send_bytes(&supplier, axum::http::Method::GET, &path, "", Vec::new())
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
on_every_backend!(ktp_photo_is_stored_and_kept_private, ktp_photo);
