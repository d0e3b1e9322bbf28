//! Defects found by a black-box test of the release build, each pinned by a test that
//! fails without its fix: hostile uploads, limits under parallel requests, absurd numbers,
//! stale invitations and the API contract.
use crate::common;

use std::io::Write;

use axum::http::{Method, StatusCode};
use serde_json::json;

use common::{Agent, TestApp};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A workbook from its parts, as a hostile client would write it by hand.
fn workbook(sheet: &[u8], shared_strings: Option<&[u8]>) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut put = |name: &str, body: &[u8]| {
            zip.start_file(name, opts).unwrap();
            zip.write_all(body).unwrap();
        };
        put("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#);
        put("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Produk" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
        put("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#);
        put("xl/worksheets/sheet1.xml", sheet);
        if let Some(s) = shared_strings {
            put("xl/sharedStrings.xml", s);
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

async fn import(app: &TestApp, agent: &Agent, body: Vec<u8>) -> (StatusCode, serde_json::Value) {
    let (status, _, bytes) = app
        .send_bytes(agent, Method::POST, "/api/v1/products/import", XLSX, body)
        .await;
    (status, serde_json::from_slice(&bytes).unwrap_or_default())
}

async fn hostile_workbooks(app: &TestApp) {
    let owner = app.login("owner@makmur.test").await;
    // Two cells, A1 and XFD1048576: a dense reader allocates 16384 × 1048576 cells.
    let corners = workbook(
        br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>sku</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#,
        None,
    );
    assert!(corners.len() < 4096, "a small file: {}", corners.len());
    let (status, body) = import(app, &owner, corners).await;
    // Read as a header with no products: an answer, not an abort.
    assert!(
        status == StatusCode::OK || body["error"]["code"] == "import_failed",
        "{status} {body}"
    );

    // A string table that declares 10^12 entries.
    let strings = workbook(
        br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>4</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>5000</v></c></row></sheetData></worksheet>"#,
        Some(br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000000000000" uniqueCount="1000000000000"><si><t>sku</t></si><si><t>name</t></si><si><t>BOM-1</t></si><si><r><t>Bom </t></r><r><t>&amp; Co</t></r><rPh><t>bomu</t></rPh></si><si><t>price</t></si></sst>"#),
    );
    let (status, body) = import(app, &owner, strings).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["created"], 1, "the real strings are read: {body}");
    let mut o = app.login("owner@makmur.test").await;
    let r = app.get(&mut o, "/api/v1/products?q=BOM-1").await;
    assert!(r.json.to_string().contains("Bom & Co"), "{}", r.json);

    // A zip bomb: 100 MB of sheet in a small upload stops at the part limit.
    let mut sheet = br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.to_vec();
    sheet.resize(sheet.len() + 100 * 1024 * 1024, b' ');
    sheet.extend_from_slice(b"</sheetData></worksheet>");
    let bomb = workbook(&sheet, None);
    drop(sheet);
    assert!(bomb.len() < 1024 * 1024, "compressed: {}", bomb.len());
    let (status, body) = import(app, &owner, bomb).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "import_failed");
    assert!(
        body["rows"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("terlalu besar"),
        "{body}"
    );

    // Too many rows are refused while reading, not after holding them all.
    let mut sheet = br#"<worksheet><sheetData>"#.to_vec();
    for i in 1..=60_000 {
        write!(sheet, r#"<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>"#).unwrap();
    }
    sheet.extend_from_slice(b"</sheetData></worksheet>");
    let (status, body) = import(app, &owner, workbook(&sheet, None)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // A CSV line of a million separators is refused too.
    let csv = format!("sku,name\n{}\n", ",".repeat(1_000_000));
    let (status, _, _) = app
        .send_bytes(
            &owner,
            Method::POST,
            "/api/v1/products/import",
            "text/csv",
            csv.into_bytes(),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // And the server is still there for everybody.
    let mut o = app.login("owner@makmur.test").await;
    assert_eq!(
        app.get(&mut o, "/api/v1/products").await.status,
        StatusCode::OK
    );
}
on_every_backend!(
    a_hostile_workbook_cannot_take_the_server_down,
    hostile_workbooks
);

async fn disabled_invitee(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    for disable_by_patch in [false, true] {
        let email = format!("dina{}@makmur.test", disable_by_patch as u8);
        let r = app
            .post(
                &mut owner,
                "/api/v1/users",
                json!({"email": email, "name": "Dina", "roles": ["cashier"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
        let id = r.json["user"]["id"].as_str().unwrap().to_string();
        let token = r.json["invite_token"].as_str().unwrap().to_string();
        let r = if disable_by_patch {
            app.send(
                &mut owner,
                Method::PATCH,
                &format!("/api/v1/users/{id}"),
                Some(json!({"status": "disabled"})),
            )
            .await
        } else {
            app.send(
                &mut owner,
                Method::DELETE,
                &format!("/api/v1/users/{id}"),
                None,
            )
            .await
        };
        assert!(r.status.is_success(), "{}", r.json);
        let mut dina = app.agent();
        let r = app
            .post(
                &mut dina,
                "/api/v1/invitations/accept",
                json!({"token": token, "password": "dina-rahasia-1"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.json);
        let r = app
            .post(
                &mut dina,
                "/api/v1/auth/login",
                json!({"email": email, "password": "dina-rahasia-1"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let r = app.get(&mut owner, &format!("/api/v1/users/{id}")).await;
        assert_eq!(r.json["status"], "disabled");
    }
}
on_every_backend!(
    a_disabled_invitee_cannot_reactivate_herself,
    disabled_invitee
);

fn login_body(email: &str, password: &str) -> serde_json::Value {
    json!({"email": email, "password": password})
}

async fn parallel_limits(app: &TestApp) {
    // 100 wrong passwords at once for one account: at most the limit (5) are checked.
    let attempts = (0..100).map(|i| async move {
        let mut a = app.agent();
        a.ip = format!("10.1.{}.{}", i / 200, i % 200 + 1);
        app.post(
            &mut a,
            "/api/v1/auth/login",
            login_body("manager@makmur.test", "salah-sekali"),
        )
        .await
        .status
    });
    let statuses = futures::future::join_all(attempts).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert!(checked <= 5, "{checked} wrong passwords were checked");
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count(),
        100 - checked
    );

    // 20 wrong manager PINs at once from a cashier's session: at most 5 checked.
    let mut owner = app.login("owner@makmur.test").await;
    let outlet = app.outlet_id(&mut owner, "MKM1").await;
    let users = app.get(&mut owner, "/api/v1/users").await.json;
    let owner_id = users
        .as_array()
        .or_else(|| users["items"].as_array())
        .unwrap()
        .iter()
        .find(|u| u["email"] == "owner@makmur.test")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let kasir = app.login("kasir@makmur.test").await;
    let cookies = kasir.cookies.clone();
    let pins = (0..20).map(|i| {
        let cookies = cookies.clone();
        let outlet = outlet.clone();
        let owner_id = owner_id.clone();
        async move {
            let mut a = app.agent();
            a.cookies = cookies;
            let r = app
                .post(
                    &mut a,
                    "/api/v1/discount-approvals",
                    json!({"outlet_id": outlet, "approver_id": owner_id,
                        "pin": format!("{:06}", 100000 + i), "percent": "50"}),
                )
                .await;
            r.status
        }
    });
    let statuses = futures::future::join_all(pins).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert!(
        checked <= 5,
        "{checked} manager PINs were checked: {statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
}
on_every_backend!(limits_hold_under_parallel_requests, parallel_limits);

async fn shared_address(app: &TestApp) {
    // One person behind the shop's Wi-Fi fails 31 times with made-up accounts…
    let mut guesser = app.agent();
    for i in 0..31 {
        app.post(
            &mut guesser,
            "/api/v1/auth/login",
            login_body(&format!("x{i}@makmur.test"), "salah"),
        )
        .await;
    }
    // …a colleague on the same address still signs in with her own password,
    let mut colleague = app.agent();
    let r = app
        .post(
            &mut colleague,
            "/api/v1/auth/login",
            login_body("owner@makmur.test", "demo1234"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    // but a wrong guess from that address now locks the account it tried at once.
    let r = app
        .post(
            &mut guesser,
            "/api/v1/auth/login",
            login_body("admin@makmur.test", "salah"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app
        .post(
            &mut guesser,
            "/api/v1/auth/login",
            login_body("admin@makmur.test", "demo1234"),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}
on_every_backend!(
    one_guesser_does_not_lock_out_a_shared_address,
    shared_address
);

async fn forwarded_for(app: &TestApp) {
    // Behind a trusted proxy the client's own X-Forwarded-For entries are ignored: the
    // rotating value on the left does not buy fresh attempts.
    let mut statuses = Vec::new();
    for i in 0..40 {
        let mut a = app.agent();
        a.forwarded_for = Some(format!("203.0.113.{i}, 198.51.100.7"));
        let r = app
            .post(
                &mut a,
                "/api/v1/auth/login",
                login_body(&format!("y{i}@makmur.test"), "salah"),
            )
            .await;
        statuses.push(r.status);
    }
    // The address seen is the proxy-appended one: after 30 failures it is over its limit,
    // so a wrong guess there locks the account at once.
    let mut a = app.agent();
    a.forwarded_for = Some("203.0.113.250, 198.51.100.7".into());
    app.post(
        &mut a,
        "/api/v1/auth/login",
        login_body("manager@makmur.test", "salah"),
    )
    .await;
    let r = app
        .post(
            &mut a,
            "/api/v1/auth/login",
            login_body("manager@makmur.test", "demo1234"),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    let n: u64 =
        <satu_server::platform::entity::login_failure::Entity as sea_orm::EntityTrait>::find()
            .all(&app.db)
            .await
            .unwrap()
            .iter()
            .filter(|f| f.ip == "198.51.100.7")
            .count() as u64;
    assert!(n >= 40, "{n}");
}
on_every_backend!(
    the_proxy_appended_address_counts,
    forwarded_for,
    satu_server::kernel::state::Settings {
        trust_proxy: true,
        ..common::demo_settings()
    }
);

/// Point 6: ids the till makes are scoped by tenant. Another tenant sending the same shift,
/// cash movement or void id gets its own new row (201), not a 409 that says the id exists.
async fn tenant_scoped_ids(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = crate::till::shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let (mut other, other_outlet) = app.other_tenant_with_outlet().await;
    let shift = crate::till::uuid();
    let open = |outlet: &str| {
        json!({"id": shift, "outlet_id": outlet, "opening_float": "50000",
            "opened_at": crate::till::now()})
    };
    let r = app
        .post(&mut kasir, "/api/v1/shifts", open(&shop.outlet))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app
        .post(&mut other, "/api/v1/shifts", open(&other_outlet))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["outlet_id"], other_outlet.as_str());

    let movement = crate::till::uuid();
    let cash = json!({"id": movement, "kind": "in", "amount": "1000", "reason": "Tukar uang",
        "at": crate::till::now()});
    let path = format!("/api/v1/shifts/{shift}/cash-movements");
    let r = app.post(&mut kasir, &path, cash.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app.post(&mut other, &path, cash).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);

    let void = crate::till::uuid();
    let body = |outlet: &str| {
        json!({"id": void, "outlet_id": outlet, "kind": "cart", "at": crate::till::now(),
            "items": [{"product_id": "p", "name": "Teh", "quantity": "1", "amount": "5000"}]})
    };
    let r = app
        .post(&mut kasir, "/api/v1/voids", body(&shop.outlet))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app
        .post(&mut other, "/api/v1/voids", body(&other_outlet))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);

    // Each tenant reads its own row under the shared id; a resend still answers it.
    let mine = app
        .get(&mut kasir, &format!("/api/v1/shifts/{shift}"))
        .await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.json);
    assert_eq!(mine.json["shift"]["outlet_id"], shop.outlet.as_str());
    assert_eq!(mine.json["cash_in"], "1000", "{}", mine.json);
    let theirs = app
        .get(&mut other, &format!("/api/v1/shifts/{shift}"))
        .await;
    assert_eq!(theirs.json["shift"]["outlet_id"], other_outlet.as_str());
    let again = app
        .post(&mut other, "/api/v1/shifts", open(&other_outlet))
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.json);
}
on_every_backend!(till_ids_are_scoped_by_tenant, tenant_scoped_ids);

/// The re-keying migration keeps every row: down to the old key (and money as text) and up
/// again with a shift,
/// a cash movement and a void stored, each still read back under its id.
async fn rekey_keeps_rows(app: &TestApp) {
    use sea_orm_migration::MigratorTrait;
    let mut owner = app.login("owner@makmur.test").await;
    let shop = crate::till::shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let shift = crate::till::uuid();
    let r = app
        .post(
            &mut kasir,
            "/api/v1/shifts",
            json!({"id": shift, "outlet_id": shop.outlet, "opening_float": "50000",
                "opened_at": crate::till::now()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let path = format!("/api/v1/shifts/{shift}/cash-movements");
    let cash = json!({"id": crate::till::uuid(), "kind": "in", "amount": "2000",
        "reason": "Tukar uang", "at": crate::till::now()});
    assert_eq!(
        app.post(&mut kasir, &path, cash).await.status,
        StatusCode::CREATED
    );
    // Down past the migrations after it (money in sen, catalogue and till) to the
    // re-keying, then up again through all of them.
    satu_server::kernel::migration::Migrator::down(&app.db, Some(3))
        .await
        .unwrap();
    satu_server::kernel::migration::Migrator::up(&app.db, None)
        .await
        .unwrap();
    let r = app
        .get(&mut kasir, &format!("/api/v1/shifts/{shift}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["cash_in"], "2000", "{}", r.json);
}
on_every_backend!(rekeying_till_ids_keeps_every_row, rekey_keeps_rows);
