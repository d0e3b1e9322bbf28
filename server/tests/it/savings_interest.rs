//! Month-end sukarela interest from the ledger's end-of-day balances, with the final tax
//! of PP 15/2009 withheld above Rp240.000, posted once per account and month; and
//! simpanan berjangka paid out at maturity or broken early.
use crate::common;

use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{json, Value};

use common::{Agent, TestApp};
use satu_server::packages::koperasi::entity::{savings_account, savings_movement};

async fn member(
    app: &TestApp,
    officer: &mut Agent,
    nik: &str,
    name: &str,
    sex: &str,
    birth: &str,
) -> Value {
    let r = app
        .post(
            officer,
            "/api/v1/members",
            json!({"nik": nik, "name": name, "sex": sex, "birth_date": birth, "address": "Semarang",
                "join_date": "2026-01-05"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json
}

fn ss(member: &Value) -> (String, String, String) {
    let a = member["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["product_code"] == "SS")
        .unwrap();
    (
        a["id"].as_str().unwrap().to_string(),
        member["id"].as_str().unwrap().to_string(),
        a["account_no"].as_str().unwrap().to_string(),
    )
}

/// Deposits as the teller recorded them on past days (the API only records "now").
async fn history(
    app: &TestApp,
    tenant: &str,
    account: &str,
    member: &str,
    rows: &[(&str, i64, i64)],
) {
    for (at, amount, after) in rows {
        savings_movement::ActiveModel {
            id: Set(uuid::Uuid::now_v7().to_string()),
            tenant_id: Set(tenant.to_string()),
            account_id: Set(account.to_string()),
            member_id: Set(member.to_string()),
            kind: Set("deposit".into()),
            amount: Set(*amount),
            balance_after: Set(*after),
            note: Set(None),
            user_id: Set("test".into()),
            device_id: Set(None),
            at: Set(at.to_string()),
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let a = savings_account::Entity::find_by_id(account.to_string())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut a: savings_account::ActiveModel = a.into();
    a.balance = Set(rows.last().unwrap().2);
    a.update(&app.db).await.unwrap();
}

async fn interest_story(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let mut officer = app.login("kasir@makmur.test").await;
    let r = app
        .post(
            &mut owner,
            "/api/v1/savings-products",
            json!({"code": "SS", "name": "Simpanan Sukarela", "kind": "sukarela", "rate_percent": "3",
                "minimum_balance": "10000", "interest_method": "daily_balance"}),
        )
        .await;
    assert_eq!(r.json["interest_method"], "daily_balance", "{}", r.json);
    let tenant = app.get(&mut owner, "/api/v1/auth/me").await.json["user"]["tenant_id"]
        .as_str()
        .unwrap()
        .to_string();
    let siti = member(
        app,
        &mut officer,
        "3374055506900002",
        "Siti Rahayu",
        "F",
        "1990-06-15",
    )
    .await;
    let budi = member(
        app,
        &mut officer,
        "3374051203850001",
        "Budi Santoso",
        "M",
        "1985-03-12",
    )
    .await;
    let (siti_ss, siti_id, _) = ss(&siti);
    let (budi_ss, budi_id, _) = ss(&budi);
    // Siti: Rp10.000.000 from 30 September, Rp2.000.000 more on 10 October (WIB).
    history(
        app,
        &tenant,
        &siti_ss,
        &siti_id,
        &[
            ("2026-09-30T03:00:00.000000Z", 10_000_000, 10_000_000),
            ("2026-10-10T03:00:00.000000Z", 2_000_000, 12_000_000),
        ],
    )
    .await;
    // Budi: Rp120.000.000 all October.
    history(
        app,
        &tenant,
        &budi_ss,
        &budi_id,
        &[("2026-09-15T03:00:00.000000Z", 120_000_000, 120_000_000)],
    )
    .await;

    let r = app
        .post(
            &mut owner,
            "/api/v1/savings-interest-postings",
            json!({"month": "2099-01"}),
        )
        .await;
    assert_eq!(r.json["error"]["field"], "month");
    assert_eq!(
        app.post(
            &mut officer,
            "/api/v1/savings-interest-postings",
            json!({"month": "2026-10"})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let r = app
        .post(
            &mut owner,
            "/api/v1/savings-interest-postings",
            json!({"month": "2026-10"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let by = |id: &str| {
        r.json["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["account_id"] == id)
            .unwrap()
            .clone()
    };
    // (9 × 10.000.000 + 22 × 12.000.000) × 3% / 365 = 29.095,89 → 29.096, no tax.
    let s = by(&siti_ss);
    assert_eq!(
        (&s["gross"], &s["tax"], &s["net"]),
        (&json!("29096"), &json!("0"), &json!("29096"))
    );
    // 120.000.000 × 31 × 3% / 365 = 305.753: above Rp240.000, 10% of it all withheld.
    let b = by(&budi_ss);
    assert_eq!(
        (&b["gross"], &b["tax"], &b["net"]),
        (&json!("305753"), &json!("30575"), &json!("275178"))
    );
    let r2 = app
        .get(
            &mut officer,
            &format!("/api/v1/savings-accounts/{budi_ss}/movements"),
        )
        .await;
    let rows = r2.json.as_array().unwrap();
    let tail: Vec<(String, String, String)> = rows[rows.len() - 2..]
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap().into(),
                m["amount"].as_str().unwrap().into(),
                m["balance_after"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        tail,
        [
            (
                "interest".to_string(),
                "305753".to_string(),
                "120305753".to_string()
            ),
            (
                "interest_tax".to_string(),
                "30575".to_string(),
                "120275178".to_string()
            )
        ]
    );
    // Posting October again pays nothing twice.
    let r = app
        .post(
            &mut owner,
            "/api/v1/savings-interest-postings",
            json!({"month": "2026-10"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["accounts"], json!([]));
    assert_eq!(r.json["skipped"], 2);
}
on_every_backend!(month_end_interest_is_posted_once, interest_story);

/// Simpanan berjangka: one placement at a time; at maturity deposit and interest (less
/// tax) move to sukarela; broken early, no interest and the penalty is kept.
async fn berjangka_story(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let mut manager = app.login("manager@makmur.test").await;
    let mut officer = app.login("kasir@makmur.test").await;
    for body in [
        json!({"code": "SS", "name": "Simpanan Sukarela", "kind": "sukarela", "minimum_balance": "10000"}),
        json!({"code": "SB", "name": "Simpanan Berjangka 6 bulan", "kind": "berjangka", "rate_percent": "6",
            "term_months": 6, "early_penalty_percent": "2"}),
    ] {
        let r = app.post(&mut owner, "/api/v1/savings-products", body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    }
    let r = app
        .post(
            &mut owner,
            "/api/v1/savings-products",
            json!({"code": "SX", "name": "Tanpa jangka", "kind": "berjangka", "rate_percent": "6"}),
        )
        .await;
    assert_eq!(r.json["error"]["field"], "term_months");
    let siti = member(
        app,
        &mut officer,
        "3374055506900002",
        "Siti Rahayu",
        "F",
        "1990-06-15",
    )
    .await;
    // A berjangka account is opened when she places a deposit.
    let products = app.get(&mut officer, "/api/v1/savings-products").await.json;
    let sb_product = products
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "SB")
        .unwrap()["id"]
        .clone();
    let open = format!("/api/v1/members/{}/accounts", siti["id"].as_str().unwrap());
    let r = app
        .post(&mut officer, &open, json!({"product_id": sb_product}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["account_no"], "SB-A00001");
    let r = app
        .post(&mut officer, &open, json!({"product_id": sb_product}))
        .await;
    assert_eq!(r.error_code(), "account_exists");
    let siti = app
        .get(
            &mut officer,
            &format!("/api/v1/members/{}", siti["id"].as_str().unwrap()),
        )
        .await
        .json;
    let pick = |code: &str| {
        siti["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["product_code"] == code)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (sb, ss) = (pick("SB"), pick("SS"));
    let place = |amount: &str, day: Option<&str>| {
        let mut b = json!({"amount": amount});
        if let Some(d) = day {
            b["placed_on"] = json!(d);
        }
        b
    };
    let path = |what: &str| format!("/api/v1/savings-accounts/{sb}/{what}");
    // A certificate placed on 1 May for six months.
    let r = app
        .post(
            &mut officer,
            &path("deposits"),
            place("10000000", Some("2026-05-01")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app
        .get(
            &mut officer,
            &format!("/api/v1/members/{}", siti["id"].as_str().unwrap()),
        )
        .await;
    let account = r.json["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == sb.as_str())
        .unwrap()
        .clone();
    assert_eq!(account["maturity_date"], "2026-11-01");
    let r = app
        .post(&mut officer, &path("deposits"), place("1000", None))
        .await;
    assert_eq!(r.error_code(), "deposit_placed", "{}", r.json);
    let r = app
        .post(&mut officer, &path("withdrawals"), place("1000", None))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Matured: 10.000.000 × 6% × 6/12 = 300.000, 10% withheld (above Rp240.000).
    let r = app.post(&mut officer, &path("maturity"), json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(
        (&r.json["gross_interest"], &r.json["tax"], &r.json["paid"]),
        (&json!("300000"), &json!("30000"), &json!("10270000"))
    );
    let r = app
        .get(
            &mut officer,
            &format!("/api/v1/savings-accounts/{ss}/movements"),
        )
        .await;
    let last = r.json.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["balance_after"], "10270000", "{}", r.json);
    assert_eq!(
        app.post(&mut officer, &path("maturity"), json!({}))
            .await
            .error_code(),
        "not_placed"
    );

    // Placed again today: not matured; broken early by a manager, 2% kept.
    let r = app
        .post(&mut officer, &path("deposits"), place("5000000", None))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(
        app.post(&mut officer, &path("maturity"), json!({}))
            .await
            .error_code(),
        "not_matured"
    );
    assert_eq!(
        app.post(&mut officer, &path("early-withdrawal"), json!({}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = app
        .post(&mut manager, &path("early-withdrawal"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(
        (&r.json["penalty"], &r.json["paid"]),
        (&json!("100000"), &json!("4900000"))
    );
    let r = app.get(&mut officer, &path("movements")).await;
    let rows = r.json.as_array().unwrap();
    assert_eq!(rows.last().unwrap()["balance_after"], "0");
    assert_eq!(rows.last().unwrap()["kind"], "early_penalty");
}
on_every_backend!(berjangka_matures_or_is_broken_early, berjangka_story);
