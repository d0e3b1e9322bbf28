use crate::common;

use axum::http::{Method, StatusCode};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::json;

use common::{demo_settings, TestApp};
use satu_server::kernel::state::Settings;

async fn sign_in_success(app: &TestApp) {
    let mut agent = app.agent();
    let r = app
        .post(
            &mut agent,
            "/api/v1/auth/login",
            json!({"email": "Owner@Makmur.test ", "password": "demo1234"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["user"]["email"], "owner@makmur.test");
    assert_eq!(r.json["roles"], json!(["owner"]));
    assert_eq!(r.json["home"], "/dasbor");
    assert_eq!(r.json["user"]["tenant_name"], "Toko Makmur");
    let cookies: Vec<&str> = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("satu_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
    assert!(
        !session.contains("Secure"),
        "plain HTTP in tests: {session}"
    );
    let csrf = cookies
        .iter()
        .find(|c| c.starts_with("satu_csrf="))
        .expect("csrf cookie");
    assert!(!csrf.contains("HttpOnly"));
    let me = app.get(&mut agent, "/api/v1/auth/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json["user"]["email"], "owner@makmur.test");

    for (email, home) in [
        ("superadmin@satu.test", "/platform"),
        ("kasir@makmur.test", "/kasir"),
        ("anggota@makmur.test", "/simpanan-saya"),
        ("supplier@makmur.test", "/pemasok"),
        ("manager@makmur.test", "/dasbor"),
    ] {
        let mut a = app.agent();
        let r = app
            .post(
                &mut a,
                "/api/v1/auth/login",
                json!({"email": email, "password": "demo1234"}),
            )
            .await;
        assert_eq!(r.json["home"], home, "{email}");
    }
}
on_every_backend!(sign_in_success_sets_a_safe_session_cookie, sign_in_success);

async fn sign_in_failure(app: &TestApp) {
    let mut agent = app.agent();
    let r = app
        .post(
            &mut agent,
            "/api/v1/auth/login",
            json!({"email": "owner@makmur.test", "password": "salah"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "bad_credentials");
    assert_eq!(r.json["error"]["message"], "Email atau kata sandi salah.");
    let r = app
        .post(
            &mut agent,
            "/api/v1/auth/login",
            json!({"email": "nobody@makmur.test", "password": "demo1234"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "bad_credentials");
    assert!(!agent.cookies.contains_key("satu_session"));
    let r = app.get(&mut agent, "/api/v1/auth/me").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "unauthenticated");
}
on_every_backend!(sign_in_failure_is_401, sign_in_failure);

async fn rate_limit_per_account(app: &TestApp) {
    let mut agent = app.agent();
    for _ in 0..5 {
        let r = app
            .post(
                &mut agent,
                "/api/v1/auth/login",
                json!({"email": "admin@makmur.test", "password": "tebak-tebak"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused while the account is locked.
    let r = app
        .post(
            &mut agent,
            "/api/v1/auth/login",
            json!({"email": "admin@makmur.test", "password": "demo1234"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.json);
    assert_eq!(r.error_code(), "rate_limited");
    assert!(r.headers.contains_key("retry-after"));
    // Another account from another address is unaffected.
    let mut other = app.agent();
    other.ip = "10.1.1.1".into();
    let r = app
        .post(
            &mut other,
            "/api/v1/auth/login",
            json!({"email": "owner@makmur.test", "password": "demo1234"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}
on_every_backend!(sign_in_is_rate_limited_per_account, rate_limit_per_account);

async fn rate_limit_per_ip(app: &TestApp) {
    let mut agent = app.agent();
    agent.ip = "10.2.2.2".into();
    for i in 0..4 {
        let r = app
            .post(
                &mut agent,
                "/api/v1/auth/login",
                json!({"email": format!("x{i}@makmur.test"), "password": "salah-salah"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // Over its limit the address is slowed, not locked: a colleague behind the same
    // Wi-Fi with her own right password still signs in…
    let r = app
        .post(
            &mut agent,
            "/api/v1/auth/login",
            json!({"email": "owner@makmur.test", "password": "demo1234"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    // …while one wrong guess from it locks the account it tried, from everywhere.
    let login = |email: &str, password: &str| json!({"email": email, "password": password});
    let r = app
        .post(
            &mut agent,
            "/api/v1/auth/login",
            login("admin@makmur.test", "salah-salah"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let mut elsewhere = app.agent();
    elsewhere.ip = "10.3.3.3".into();
    let r = app
        .post(
            &mut elsewhere,
            "/api/v1/auth/login",
            login("admin@makmur.test", "demo1234"),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = app
        .post(
            &mut elsewhere,
            "/api/v1/auth/login",
            login("owner@makmur.test", "demo1234"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}
on_every_backend!(
    sign_in_is_rate_limited_per_ip,
    rate_limit_per_ip,
    Settings {
        max_failures_per_ip: 4,
        ..demo_settings()
    }
);

async fn sign_out_and_expiry(app: &TestApp) {
    let mut agent = app.login("owner@makmur.test").await;
    let stolen = agent.cookies.clone();
    let r = app
        .send(&mut agent, Method::POST, "/api/v1/auth/logout", None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    // The old cookie no longer works: the session was revoked on the server.
    let mut replay = app.agent();
    replay.cookies = stolen;
    let r = app.get(&mut replay, "/api/v1/auth/me").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    let mut agent = app.login("manager@makmur.test").await;
    assert_eq!(
        app.get(&mut agent, "/api/v1/auth/me").await.status,
        StatusCode::OK
    );
    app.db
        .execute_unprepared("UPDATE sessions SET expires_at = '2000-01-01 00:00:00+00:00'")
        .await
        .expect("expire sessions");
    let r = app.get(&mut agent, "/api/v1/auth/me").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "unauthenticated");
}
on_every_backend!(sign_out_revokes_and_sessions_expire, sign_out_and_expiry);

async fn csrf_required(app: &TestApp) {
    let mut agent = app.login("owner@makmur.test").await;
    let csrf = agent.cookies.remove("satu_csrf").expect("csrf cookie");
    let body =
        json!({"name": "Cabang Baru", "code": "CB1", "timezone": "WIB", "industry": "retail"});
    let r = app.post(&mut agent, "/api/v1/outlets", body.clone()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error_code(), "csrf_failed");
    agent
        .cookies
        .insert("satu_csrf".into(), "csrf_forged".into());
    let r = app.post(&mut agent, "/api/v1/outlets", body.clone()).await;
    assert_eq!(r.error_code(), "csrf_failed");
    agent.cookies.insert("satu_csrf".into(), csrf);
    let r = app.post(&mut agent, "/api/v1/outlets", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
}
on_every_backend!(cookie_writes_need_the_csrf_token, csrf_required);

async fn demo_password_refused(app: &TestApp) {
    let mut agent = app.agent();
    let r = app
        .post(
            &mut agent,
            "/api/v1/auth/login",
            json!({"email": "owner@makmur.test", "password": "demo1234"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "demo_password_refused");
    assert!(!agent.cookies.contains_key("satu_session"));
}
on_every_backend!(
    demo_password_is_refused_outside_demo_mode,
    demo_password_refused,
    Settings::default()
);

async fn api_tokens(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let r = app
        .post(&mut owner, "/api/v1/tokens", json!({"name": "Akuntansi"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let secret = r.json["secret"].as_str().unwrap().to_string();
    let id = r.json["token"]["id"].as_str().unwrap().to_string();
    assert!(secret.starts_with("satu_"));
    // Stored hashed: the secret appears nowhere in the table.
    let rows = satu_server::platform::entity::api_token::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(rows
        .iter()
        .all(|t| t.token_hash != secret && !t.token_hash.contains(&secret)));
    // The list never shows the secret again.
    let list = app.get(&mut owner, "/api/v1/tokens").await;
    assert!(!list.json.to_string().contains(&secret));

    let mut client = app.agent();
    client.bearer = Some(secret.clone());
    let r = app.get(&mut client, "/api/v1/outlets").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json.as_array().unwrap().len(), 2);
    // Bearer requests need no CSRF token.
    let r = app
        .post(
            &mut client,
            "/api/v1/outlets",
            json!({"name": "Gudang", "code": "GDG1", "industry": "retail"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);

    let r = app
        .send(
            &mut owner,
            Method::DELETE,
            &format!("/api/v1/tokens/{id}"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = app.get(&mut client, "/api/v1/outlets").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    client.bearer = Some("satu_not-a-token".into());
    assert_eq!(
        app.get(&mut client, "/api/v1/outlets").await.status,
        StatusCode::UNAUTHORIZED
    );
}
on_every_backend!(api_tokens_authenticate_until_revoked, api_tokens);

async fn pin_switch(app: &TestApp) {
    let mut tablet = app.login("manager@makmur.test").await;
    let outlet = app.outlet_id(&mut tablet, "MKM1").await;
    let kasir_id = {
        let list = app.get(&mut tablet, "/api/v1/users").await;
        list.json
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == "kasir@makmur.test")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Without a registered device the PIN is refused outright.
    let r = app
        .post(
            &mut tablet,
            "/api/v1/auth/pin-login",
            json!({"user_id": kasir_id, "pin": "123456"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let r = app
        .post(
            &mut tablet,
            "/api/v1/devices",
            json!({"outlet_id": outlet, "name": "Tablet Depan"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["code"], "D01");
    assert!(tablet.cookies.contains_key("satu_device"));

    let current = app.get(&mut tablet, "/api/v1/devices/current").await;
    assert_eq!(current.json["outlet_name"], "Minimarket Makmur");
    assert!(current.json["users"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["name"] == "Dewi Lestari"));

    let r = app
        .post(
            &mut tablet,
            "/api/v1/auth/pin-login",
            json!({"user_id": kasir_id, "pin": "654321"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app
        .post(
            &mut tablet,
            "/api/v1/auth/pin-login",
            json!({"user_id": kasir_id, "pin": "12ab"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post(
            &mut tablet,
            "/api/v1/auth/pin-login",
            json!({"user_id": kasir_id, "pin": "123456"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["home"], "/kasir");
    let me = app.get(&mut tablet, "/api/v1/auth/me").await;
    assert_eq!(me.json["user"]["email"], "kasir@makmur.test");
    assert!(me.json["device_id"].is_string());

    // The member has no till rights, so no PIN gets her in.
    let mut owner = app.login("owner@makmur.test").await;
    let member = app
        .get(&mut owner, "/api/v1/users")
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "anggota@makmur.test")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .send(
            &mut owner,
            Method::PUT,
            &format!("/api/v1/users/{member}/pin"),
            Some(json!({"pin": "111111"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = app
        .post(
            &mut tablet,
            "/api/v1/auth/pin-login",
            json!({"user_id": member, "pin": "111111"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}
on_every_backend!(
    cashier_switches_in_with_a_pin_on_a_registered_device,
    pin_switch
);

async fn invitation(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let r = app
        .post(
            &mut owner,
            "/api/v1/users",
            json!({"email": "rina@makmur.test", "name": "Rina", "roles": ["cashier"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["user"]["status"], "invited");
    let token = r.json["invite_token"].as_str().unwrap().to_string();
    let mut rina = app.agent();
    let r = app
        .post(
            &mut rina,
            "/api/v1/auth/login",
            json!({"email": "rina@makmur.test", "password": "apa-saja-123"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app
        .post(
            &mut rina,
            "/api/v1/invitations/accept",
            json!({"token": token, "password": "demo1234"}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the demo password is never a real one"
    );
    let r = app
        .post(
            &mut rina,
            "/api/v1/invitations/accept",
            json!({"token": token, "password": "kasir-rina-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.json);
    let r = app
        .post(
            &mut rina,
            "/api/v1/invitations/accept",
            json!({"token": token, "password": "kasir-rina-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "an invitation works once");
    let agent = app.login_with("rina@makmur.test", "kasir-rina-2026").await;
    assert!(agent.cookies.contains_key("satu_session"));

    let r = app
        .post(
            &mut owner,
            "/api/v1/users",
            json!({"email": "rina@makmur.test", "name": "Rina 2", "roles": ["cashier"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "email_taken");
    let r = app
        .post(
            &mut owner,
            "/api/v1/users",
            json!({"email": "bukan-email", "name": "X", "roles": ["cashier"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["field"], "email");

    // An admin cannot create an owner, and cannot touch the owner's account.
    let mut admin = app.login("admin@makmur.test").await;
    let r = app
        .post(
            &mut admin,
            "/api/v1/users",
            json!({"email": "boss@makmur.test", "name": "Boss", "roles": ["owner"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let owner_id = app
        .get(&mut admin, "/api/v1/users")
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "owner@makmur.test")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .send(
            &mut admin,
            Method::DELETE,
            &format!("/api/v1/users/{owner_id}"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
on_every_backend!(staff_are_invited_and_set_their_own_password, invitation);

async fn disabling_signs_out(app: &TestApp) {
    let mut kasir = app.login("kasir@makmur.test").await;
    let mut owner = app.login("owner@makmur.test").await;
    let id = app
        .get(&mut owner, "/api/v1/users")
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "kasir@makmur.test")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .send(
            &mut owner,
            Method::DELETE,
            &format!("/api/v1/users/{id}"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&mut kasir, "/api/v1/auth/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    let mut again = app.agent();
    let r = app
        .post(
            &mut again,
            "/api/v1/auth/login",
            json!({"email": "kasir@makmur.test", "password": "demo1234"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}
on_every_backend!(disabling_a_user_ends_their_sessions, disabling_signs_out);
