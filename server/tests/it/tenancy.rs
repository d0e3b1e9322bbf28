//! Tenant isolation: a second tenant is created the way a superadmin would, and neither
//! tenant can read or change the other's rows.
use crate::common;

use axum::http::{Method, StatusCode};
use serde_json::json;

use common::{Agent, TestApp};

async fn second_tenant(app: &TestApp) -> Agent {
    let mut admin = app.login("superadmin@satu.test").await;
    let r = app.post(&mut admin, "/api/v1/tenants", json!({"name": "Koperasi Sejahtera", "owner_email": "pemilik@sejahtera.test", "owner_name": "Wati", "plan": "pro"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let token = r.json["invite_token"].as_str().unwrap().to_string();
    assert!(r.json["invite_path"]
        .as_str()
        .unwrap()
        .starts_with("/undangan?token="));
    let r = app
        .post(
            &mut admin,
            "/api/v1/tenants",
            json!({"name": "Dobel", "owner_email": "pemilik@sejahtera.test", "plan": "pro"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = app
        .post(
            &mut admin,
            "/api/v1/tenants",
            json!({"name": "X", "owner_email": "a@b.test", "plan": "gratis"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["field"], "plan");

    let mut anon = app.agent();
    let r = app
        .post(
            &mut anon,
            "/api/v1/invitations/accept",
            json!({"token": token, "password": "sejahtera-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let mut owner_b = app
        .login_with("pemilik@sejahtera.test", "sejahtera-2026")
        .await;
    let me = app.get(&mut owner_b, "/api/v1/auth/me").await;
    assert_eq!(me.json["roles"], json!(["owner"]));
    assert_eq!(me.json["home"], "/dasbor");
    owner_b
}

async fn isolation(app: &TestApp) {
    let mut b = second_tenant(app).await;
    assert_eq!(
        app.get(&mut b, "/api/v1/outlets").await.json,
        json!([]),
        "a new tenant starts empty"
    );
    let r = app.post(&mut b, "/api/v1/outlets", json!({"name": "KSP Sejahtera", "code": "MKM1", "address": "Jayapura", "timezone": "WIT", "industry": "koperasi"})).await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "outlet codes are unique per tenant only: {}",
        r.json
    );
    let b_outlet = r.json["id"].as_str().unwrap().to_string();
    let r = app.post(&mut b, "/api/v1/users", json!({"email": "teller@sejahtera.test", "name": "Teller", "roles": ["cashier"], "outlet_ids": [b_outlet]})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let b_user = r.json["user"]["id"].as_str().unwrap().to_string();
    let r = app
        .post(&mut b, "/api/v1/tokens", json!({"name": "B"}))
        .await;
    let b_token_id = r.json["token"]["id"].as_str().unwrap().to_string();
    let b_secret = r.json["secret"].as_str().unwrap().to_string();

    let mut a = app.login("owner@makmur.test").await;
    let a_outlet = app.outlet_id(&mut a, "MKM1").await;

    // Tenant A cannot see or touch any of B's rows: 404, as if they did not exist.
    for (method, path, body) in [
        (Method::GET, format!("/api/v1/outlets/{b_outlet}"), None),
        (
            Method::PATCH,
            format!("/api/v1/outlets/{b_outlet}"),
            Some(json!({"name": "Dibajak"})),
        ),
        (Method::DELETE, format!("/api/v1/outlets/{b_outlet}"), None),
        (Method::GET, format!("/api/v1/users/{b_user}"), None),
        (
            Method::PATCH,
            format!("/api/v1/users/{b_user}"),
            Some(json!({"name": "Dibajak"})),
        ),
        (Method::DELETE, format!("/api/v1/users/{b_user}"), None),
        (
            Method::PUT,
            format!("/api/v1/users/{b_user}/pin"),
            Some(json!({"pin": "999999"})),
        ),
        (Method::DELETE, format!("/api/v1/tokens/{b_token_id}"), None),
    ] {
        let r = app.send(&mut a, method.clone(), &path, body).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "A {method} {path}: {}",
            r.json
        );
    }
    let lists = [
        app.get(&mut a, "/api/v1/outlets").await.json,
        app.get(&mut a, "/api/v1/users").await.json,
        app.get(&mut a, "/api/v1/tokens").await.json,
        app.get(&mut a, "/api/v1/audit").await.json,
    ];
    for list in &lists {
        let text = list.to_string();
        assert!(
            !text.contains(&b_outlet) && !text.contains(&b_user) && !text.contains("sejahtera"),
            "{text}"
        );
    }
    // Device registration into another tenant's outlet is refused.
    let r = app
        .post(
            &mut a,
            "/api/v1/devices",
            json!({"outlet_id": b_outlet, "name": "x"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Inviting with another tenant's outlet is refused.
    let r = app.post(&mut a, "/api/v1/users", json!({"email": "y@makmur.test", "name": "Y", "roles": ["cashier"], "outlet_ids": [b_outlet]})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // B's API token cannot reach A's rows either.
    let mut b_client = app.agent();
    b_client.bearer = Some(b_secret);
    assert_eq!(
        app.get(&mut b_client, &format!("/api/v1/outlets/{a_outlet}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .send(
            &mut b_client,
            Method::PATCH,
            &format!("/api/v1/outlets/{a_outlet}"),
            Some(json!({"name": "X"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // And B's untouched outlet is as B left it.
    let r = app
        .get(&mut b, &format!("/api/v1/outlets/{b_outlet}"))
        .await;
    assert_eq!(r.json["name"], "KSP Sejahtera");
    assert_eq!(r.json["timezone"], "WIT");
}
on_every_backend!(tenants_cannot_read_or_change_each_other, isolation);

async fn outlet_limits(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let koperasi = app.outlet_id(&mut owner, "KSP1").await;
    let minimarket = app.outlet_id(&mut owner, "MKM1").await;
    let r = app.post(&mut owner, "/api/v1/users", json!({"email": "spv@makmur.test", "name": "Supervisor", "roles": ["manager"], "outlet_ids": [koperasi]})).await;
    let token = r.json["invite_token"].as_str().unwrap().to_string();
    let mut anon = app.agent();
    app.post(
        &mut anon,
        "/api/v1/invitations/accept",
        json!({"token": token, "password": "supervisor-1"}),
    )
    .await;
    let mut spv = app.login_with("spv@makmur.test", "supervisor-1").await;
    let list = app.get(&mut spv, "/api/v1/outlets").await.json;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["code"], "KSP1");
    assert_eq!(
        app.get(&mut spv, &format!("/api/v1/outlets/{minimarket}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
on_every_backend!(users_limited_to_outlets_see_only_those, outlet_limits);

async fn outlet_crud(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let r = app.post(&mut owner, "/api/v1/outlets", json!({"name": "Salon Ayu", "code": "sln1", "address": "Denpasar", "timezone": "wita", "industry": "beauty"})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.json["code"], "SLN1");
    assert_eq!(r.json["timezone"], "WITA");
    let id = r.json["id"].as_str().unwrap().to_string();
    for (body, field) in [
        (
            json!({"name": "X", "code": "A B", "industry": "retail"}),
            "code",
        ),
        (
            json!({"name": "X", "code": "AB", "industry": "casino"}),
            "industry",
        ),
        (
            json!({"name": "X", "code": "AB", "timezone": "GMT", "industry": "retail"}),
            "timezone",
        ),
        (
            json!({"name": " ", "code": "AB", "industry": "retail"}),
            "name",
        ),
    ] {
        let r = app.post(&mut owner, "/api/v1/outlets", body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json["error"]["field"], field);
    }
    let r = app
        .send(
            &mut owner,
            Method::PATCH,
            &format!("/api/v1/outlets/{id}"),
            Some(json!({"name": "Salon Ayu Sanur", "timezone": "WIT"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["name"], "Salon Ayu Sanur");
    let r = app
        .send(
            &mut owner,
            Method::PATCH,
            &format!("/api/v1/outlets/{id}"),
            Some(json!({"code": "MKM1"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = app
        .send(
            &mut owner,
            Method::DELETE,
            &format!("/api/v1/outlets/{id}"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&mut owner, &format!("/api/v1/outlets/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
on_every_backend!(outlets_are_validated_updated_and_archived, outlet_crud);
