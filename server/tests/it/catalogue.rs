//! Catalogue: categories, products and variants, barcodes, outlet prices, the till snapshot,
//! CSV import/export, customers; tenant isolation and role checks.
use crate::common;

use std::net::SocketAddr;
use std::time::Instant;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use common::{Agent, TestApp};

/// A request with a non-JSON body (CSV), carrying the agent's session and CSRF token.
async fn raw(
    app: &TestApp,
    agent: &Agent,
    method: Method,
    path: &str,
    body: String,
) -> (StatusCode, HeaderMap, String) {
    let mut req = Request::builder().method(method.clone()).uri(path);
    let cookies: Vec<String> = agent
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !cookies.is_empty() {
        req = req.header("cookie", cookies.join("; "));
    }
    if method != Method::GET {
        if let Some(csrf) = agent.cookies.get("satu_csrf") {
            req = req.header("x-csrf-token", csrf.clone());
        }
        req = req.header("content-type", "text/csv");
    }
    let mut request = req.body(Body::from(body)).expect("request");
    let addr: SocketAddr = format!("{}:40000", agent.ip).parse().expect("ip");
    request.extensions_mut().insert(ConnectInfo(addr));
    let response = app.router.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

async fn import(app: &TestApp, agent: &Agent, csv: &str) -> (StatusCode, Value) {
    let (status, _, body) = raw(
        app,
        agent,
        Method::POST,
        "/api/v1/products/import",
        csv.to_string(),
    )
    .await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

async fn export(app: &TestApp, agent: &Agent) -> String {
    let (status, headers, body) = raw(
        app,
        agent,
        Method::GET,
        "/api/v1/products/export.csv",
        String::new(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    body
}

async fn patch(app: &TestApp, agent: &mut Agent, path: &str, body: Value) -> common::Response {
    app.send(agent, Method::PATCH, path, Some(body)).await
}

async fn put(app: &TestApp, agent: &mut Agent, path: &str, body: Value) -> common::Response {
    app.send(agent, Method::PUT, path, Some(body)).await
}

async fn delete(app: &TestApp, agent: &mut Agent, path: &str) -> common::Response {
    app.send(agent, Method::DELETE, path, None).await
}

fn assert_field(r: &common::Response, field: &str) {
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{field}: {}",
        r.json
    );
    assert_eq!(r.json["error"]["code"], "validation_failed", "{}", r.json);
    assert_eq!(r.json["error"]["field"], field, "{}", r.json);
}

async fn create_product(app: &TestApp, agent: &mut Agent, body: Value) -> Value {
    let r = app.post(agent, "/api/v1/products", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json
}

async fn snapshot(app: &TestApp, agent: &mut Agent, outlet: &str) -> Value {
    let r = app
        .get(agent, &format!("/api/v1/outlets/{outlet}/catalogue"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    r.json
}

fn till_item<'a>(snap: &'a Value, sku: &str) -> Option<&'a Value> {
    snap["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["sku"] == sku)
}

async fn second_tenant(app: &TestApp) -> Agent {
    let mut admin = app.login("superadmin@satu.test").await;
    let r = app.post(&mut admin, "/api/v1/tenants", json!({"name": "Koperasi Sejahtera", "owner_email": "pemilik@sejahtera.test", "owner_name": "Wati", "plan": "pro"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let token = r.json["invite_token"].as_str().unwrap().to_string();
    let mut anon = app.agent();
    let r = app
        .post(
            &mut anon,
            "/api/v1/invitations/accept",
            json!({"token": token, "password": "sejahtera-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.json);
    let mut owner = app
        .login_with("pemilik@sejahtera.test", "sejahtera-2026")
        .await;
    // Its store: a retail outlet switches the catalogue on.
    let r = app
        .post(
            &mut owner,
            "/api/v1/outlets",
            json!({"name": "Toko Sejahtera", "code": "TS1", "industry": "retail"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    owner
}

// ---------------------------------------------------------------- categories

async fn categories_crud(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let r = app
        .post(
            &mut owner,
            "/api/v1/categories",
            json!({"name": " Minuman "}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["name"], "Minuman");
    let drinks = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .post(&mut owner, "/api/v1/categories", json!({"name": "minuman"}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "name_taken");
    assert_field(
        &app.post(&mut owner, "/api/v1/categories", json!({"name": "  "}))
            .await,
        "name",
    );
    let r = app
        .post(&mut owner, "/api/v1/categories", json!({"name": "Makanan"}))
        .await;
    let food = r.json["id"].as_str().unwrap().to_string();
    let r = patch(
        app,
        &mut owner,
        &format!("/api/v1/categories/{food}"),
        json!({"name": "Minuman"}),
    )
    .await;
    assert_eq!(r.error_code(), "name_taken");
    let r = patch(
        app,
        &mut owner,
        &format!("/api/v1/categories/{food}"),
        json!({"name": "Makanan Ringan"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["name"], "Makanan Ringan");

    let names: Vec<Value> = app
        .get(&mut owner, "/api/v1/categories")
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("Makanan Ringan"), json!("Minuman")]);

    // Deleting a category leaves its products uncategorised.
    let p = create_product(
        app,
        &mut owner,
        json!({"sku": "TEH-1", "name": "Teh Botol", "price": "5000", "category_id": drinks}),
    )
    .await;
    assert_eq!(p["category"], "Minuman");
    let r = delete(app, &mut owner, &format!("/api/v1/categories/{drinks}")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = delete(app, &mut owner, &format!("/api/v1/categories/{drinks}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let p = app
        .get(
            &mut owner,
            &format!("/api/v1/products/{}", p["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(p.json["category_id"], Value::Null);
}
on_every_backend!(categories_crud_and_name_conflicts, categories_crud);

// ---------------------------------------------------------------- products

async fn products_crud(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let cat = app
        .post(
            &mut manager,
            "/api/v1/categories",
            json!({"name": "Sembako"}),
        )
        .await
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let p = create_product(
        app,
        &mut manager,
        json!({
            "sku": "BRS-5", "name": "Beras Pandan Wangi 5 kg", "category_id": cat, "unit": "KG",
            "cost": "62.000", "price": "Rp 68.500", "tax": "ppn",
            "image_url": "https://cdn.example.com/beras.png",
            "barcodes": ["8991234567891", "BRS-PW-5"]
        }),
    )
    .await;
    let id = p["id"].as_str().unwrap().to_string();
    assert_eq!(p["unit"], "kg");
    assert_eq!(p["cost"], "62000");
    assert_eq!(p["price"], "68500");
    assert_eq!(p["tax"], "ppn");
    assert_eq!(p["active"], true);
    assert_eq!(p["category"], "Sembako");
    assert_eq!(p["barcodes"], json!(["8991234567891", "BRS-PW-5"]));
    assert_eq!(p["variants"], json!([]));
    assert_eq!(p["outlet_prices"], json!([]));

    let minimal = create_product(
        app,
        &mut manager,
        json!({"sku": "GULA-1", "name": "Gula Pasir 1 kg", "price": "17000"}),
    )
    .await;
    assert_eq!(minimal["unit"], "pcs");
    assert_eq!(minimal["cost"], "0");
    assert_eq!(minimal["tax"], "none");

    // Validation names the field.
    let base = json!({"sku": "X-1", "name": "X", "price": "1000"});
    let with = |k: &str, v: Value| {
        let mut b = base.clone();
        b[k] = v;
        b
    };
    for (body, field) in [
        (json!({"sku": "X-1", "price": "1000"}), "name"),
        (json!({"name": "X", "price": "1000"}), "sku"),
        (json!({"sku": "X-1", "name": "X"}), "price"),
        (with("price", json!("1250.5")), "price"),
        (with("price", json!("-5")), "price"),
        (with("price", json!("seribu")), "price"),
        (with("cost", json!("1.2345")), "cost"),
        (with("unit", json!("ton")), "unit"),
        (with("tax", json!("ppnbm")), "tax"),
        (with("image_url", json!("ftp://x.test/a.png")), "image_url"),
        (with("category_id", json!("bukan-kategori")), "category_id"),
        (with("barcodes", json!(["8991234567890"])), "barcodes"),
        (with("barcodes", json!(["a b"])), "barcodes"),
        (with("price", json!(1000)), "price"),
        (
            with("variants", json!([{"sku": "X-2", "price": "1"}])),
            "variants[0].variant",
        ),
    ] {
        let r = app
            .post(&mut manager, "/api/v1/products", body.clone())
            .await;
        assert_field(&r, field);
    }
    // An invalid EAN-13 check digit is refused with the expected digit in the message.
    let r = app
        .post(
            &mut manager,
            "/api/v1/products",
            with("barcodes", json!(["8991234567890"])),
        )
        .await;
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("8991234567890"),
        "{}",
        r.json
    );

    // Conflicts.
    let r = app
        .post(
            &mut manager,
            "/api/v1/products",
            with("sku", json!("BRS-5")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "sku_taken");
    let r = app
        .post(
            &mut manager,
            "/api/v1/products",
            with("barcodes", json!(["8991234567891"])),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "barcode_taken");
    let msg = r.json["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("8991234567891") && msg.contains("BRS-5"),
        "{msg}"
    );

    // Read and search (case-insensitive: name, SKU, barcode).
    let r = app
        .get(&mut manager, &format!("/api/v1/products/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["sku"], "BRS-5");
    for q in ["pandan", "brs-5", "89912345", "brs-pw"] {
        let r = app
            .get(&mut manager, &format!("/api/v1/products?q={q}"))
            .await;
        assert_eq!(r.json["total"], 1, "q={q}: {}", r.json);
        assert_eq!(r.json["items"][0]["id"], id.as_str());
    }
    let r = app.get(&mut manager, "/api/v1/products?q=%25").await;
    assert_eq!(r.json["total"], 0, "a literal % matches nothing");
    let r = app
        .get(&mut manager, &format!("/api/v1/products?category_id={cat}"))
        .await;
    assert_eq!(r.json["total"], 1);
    let r = app.get(&mut manager, "/api/v1/products?limit=1").await;
    assert_eq!(r.json["total"], 2);
    assert_eq!(r.json["items"].as_array().unwrap().len(), 1);

    // Update.
    let r = patch(
        app,
        &mut manager,
        &format!("/api/v1/products/{id}"),
        json!({"price": "69000", "barcodes": ["BRS-PW-5"], "category_id": ""}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["price"], "69000");
    assert_eq!(r.json["barcodes"], json!(["BRS-PW-5"]));
    assert_eq!(r.json["category_id"], Value::Null);
    let r = patch(
        app,
        &mut manager,
        &format!("/api/v1/products/{}", minimal["id"].as_str().unwrap()),
        json!({"sku": "BRS-5"}),
    )
    .await;
    assert_eq!(r.error_code(), "sku_taken");
    let r = patch(
        app,
        &mut manager,
        &format!("/api/v1/products/{}", minimal["id"].as_str().unwrap()),
        json!({"barcodes": ["8991234567891"]}),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "a freed barcode can be reused: {}",
        r.json
    );
    assert_field(
        &patch(
            app,
            &mut manager,
            &format!("/api/v1/products/{id}"),
            json!({"unit": "ekor"}),
        )
        .await,
        "unit",
    );
    assert_eq!(
        patch(
            app,
            &mut manager,
            "/api/v1/products/tidak-ada",
            json!({"price": "1"})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // Delete deactivates.
    let r = delete(app, &mut manager, &format!("/api/v1/products/{id}")).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = app
        .get(&mut manager, &format!("/api/v1/products/{id}"))
        .await;
    assert_eq!(r.json["active"], false);
    let r = app.get(&mut manager, "/api/v1/products?active=true").await;
    assert_eq!(r.json["total"], 1);

    // Every write is audited.
    let mut owner = app.login("owner@makmur.test").await;
    let r = app.get(&mut owner, "/api/v1/audit?action=product.").await;
    let actions: Vec<&str> = r
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in ["product.create", "product.update", "product.delete"] {
        assert!(actions.contains(&a), "{actions:?}");
    }
    let r = app.get(&mut owner, "/api/v1/audit/verify").await;
    assert_eq!(r.json["valid"], true, "{}", r.json);
}
on_every_backend!(product_crud_validation_and_conflicts, products_crud);

async fn variants(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let p = create_product(app, &mut owner, json!({
        "sku": "KAOS", "name": "Kaos Polos", "price": "50000", "cost": "30000",
        "variants": [
            {"sku": "KAOS-L-MRH", "variant": "L / Merah", "price": "55000", "barcodes": ["KAOS-L-MRH-1"]},
            {"sku": "KAOS-M-MRH", "variant": "M / Merah"}
        ]
    }))
    .await;
    let parent = p["id"].as_str().unwrap();
    let vs = p["variants"].as_array().unwrap();
    assert_eq!(vs.len(), 2);
    assert_eq!(vs[0]["variant"], "L / Merah");
    assert_eq!(vs[0]["sku"], "KAOS-L-MRH");
    assert_eq!(vs[0]["price"], "55000");
    assert_eq!(vs[0]["cost"], "30000");
    assert_eq!(vs[0]["barcodes"], json!(["KAOS-L-MRH-1"]));
    assert_eq!(vs[0]["group_id"], parent);
    assert_eq!(
        vs[1]["price"], "50000",
        "a variant defaults to the parent's price"
    );
    assert_eq!(vs[1]["name"], "Kaos Polos");
    assert_ne!(vs[0]["id"], vs[1]["id"]);

    // Variant SKUs are unique too, within the request and across the tenant.
    let r = app
        .post(
            &mut owner,
            "/api/v1/products",
            json!({"sku": "K2", "name": "K2", "price": "1",
        "variants": [{"sku": "K2", "variant": "A"}]}),
        )
        .await;
    assert_eq!(r.error_code(), "sku_taken");
    let r = app
        .post(
            &mut owner,
            "/api/v1/products",
            json!({"sku": "K3", "name": "K3", "price": "1",
        "variants": [{"sku": "KAOS-M-MRH", "variant": "A"}]}),
        )
        .await;
    assert_eq!(r.error_code(), "sku_taken");
    assert_eq!(
        app.get(&mut owner, "/api/v1/products?q=K3").await.json["total"],
        0,
        "nothing of a refused product is written"
    );

    // A variant is its own row: own price update; renaming the parent renames the group.
    let v = vs[0]["id"].as_str().unwrap();
    let r = patch(
        app,
        &mut owner,
        &format!("/api/v1/products/{v}"),
        json!({"price": "56000", "variant": "L / Merah Marun"}),
    )
    .await;
    assert_eq!(r.json["price"], "56000", "{}", r.json);
    assert_eq!(r.json["variant"], "L / Merah Marun");
    patch(
        app,
        &mut owner,
        &format!("/api/v1/products/{parent}"),
        json!({"name": "Kaos Katun"}),
    )
    .await;
    let r = app
        .get(&mut owner, &format!("/api/v1/products/{parent}"))
        .await;
    assert_eq!(r.json["variants"][0]["name"], "Kaos Katun");
    assert_eq!(r.json["variants"][0]["price"], "56000");
    assert_eq!(r.json["price"], "50000");

    // Deleting the parent deactivates the whole group.
    delete(app, &mut owner, &format!("/api/v1/products/{parent}")).await;
    let r = app
        .get(&mut owner, "/api/v1/products?active=true&q=kaos")
        .await;
    assert_eq!(r.json["total"], 0, "{}", r.json);
}
on_every_backend!(variants_have_own_sku_price_and_barcodes, variants);

// ---------------------------------------------------------------- outlet prices & snapshot

async fn outlet_prices(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let mkm = app.outlet_id(&mut owner, "MKM1").await;
    let ksp = app.outlet_id(&mut owner, "KSP1").await;
    let cat = app
        .post(&mut owner, "/api/v1/categories", json!({"name": "Minuman"}))
        .await
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let p = create_product(
        app,
        &mut owner,
        json!({"sku": "AQUA-600", "name": "Air Mineral 600 ml",
        "price": "4000", "category_id": cat, "tax": "ppn", "barcodes": ["8991234567891"],
        "variants": [{"sku": "AQUA-600-DUS", "variant": "Dus isi 24", "price": "85000"}]}),
    )
    .await;
    let id = p["id"].as_str().unwrap().to_string();
    let old = create_product(
        app,
        &mut owner,
        json!({"sku": "LAMA", "name": "Barang Lama", "price": "1000"}),
    )
    .await;
    delete(
        app,
        &mut owner,
        &format!("/api/v1/products/{}", old["id"].as_str().unwrap()),
    )
    .await;

    let r = put(
        app,
        &mut owner,
        &format!("/api/v1/products/{id}/outlet-prices/{mkm}"),
        json!({"price": "4500"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json, json!({"outlet_id": mkm, "price": "4500"}));
    let r = put(
        app,
        &mut owner,
        &format!("/api/v1/products/{id}/outlet-prices/{mkm}"),
        json!({"price": "4600"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_field(
        &put(
            app,
            &mut owner,
            &format!("/api/v1/products/{id}/outlet-prices/{mkm}"),
            json!({"price": "4,5"}),
        )
        .await,
        "price",
    );
    let r = put(
        app,
        &mut owner,
        &format!("/api/v1/products/{id}/outlet-prices/bukan-outlet"),
        json!({"price": "1"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.get(&mut owner, &format!("/api/v1/products/{id}")).await;
    assert_eq!(
        r.json["outlet_prices"],
        json!([{"outlet_id": mkm, "price": "4600"}])
    );

    let snap = snapshot(app, &mut owner, &mkm).await;
    assert_eq!(snap["count"], 2, "{snap}");
    let item = till_item(&snap, "AQUA-600").unwrap();
    assert_eq!(item["price"], "4600");
    assert_eq!(item["category"], "Minuman");
    assert_eq!(item["unit"], "pcs");
    assert_eq!(item["tax"], "ppn");
    assert_eq!(item["barcodes"], json!(["8991234567891"]));
    assert!(
        item.get("variant").is_none(),
        "compact: absent instead of null"
    );
    let dus = till_item(&snap, "AQUA-600-DUS").unwrap();
    assert_eq!(dus["variant"], "Dus isi 24");
    assert_eq!(dus["price"], "85000");
    assert!(
        till_item(&snap, "LAMA").is_none(),
        "inactive products are not sold"
    );

    let snap = snapshot(app, &mut owner, &ksp).await;
    assert_eq!(till_item(&snap, "AQUA-600").unwrap()["price"], "4000");

    // The cashier's till reads it too.
    let mut kasir = app.login("kasir@makmur.test").await;
    let r = app
        .get(&mut kasir, &format!("/api/v1/outlets/{mkm}/catalogue"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);

    let r = delete(
        app,
        &mut owner,
        &format!("/api/v1/products/{id}/outlet-prices/{mkm}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let snap = snapshot(app, &mut owner, &mkm).await;
    assert_eq!(till_item(&snap, "AQUA-600").unwrap()["price"], "4000");
    assert_eq!(
        app.get(&mut owner, "/api/v1/outlets/bukan-outlet/catalogue")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .get(&mut owner, "/api/v1/audit?action=product.outlet_price")
        .await;
    assert_eq!(r.json.as_array().unwrap().len(), 3, "{}", r.json);
}
on_every_backend!(
    outlet_price_override_in_snapshot_and_inactive_excluded,
    outlet_prices
);

// ---------------------------------------------------------------- CSV

async fn csv_round_trip(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let cat = app
        .post(
            &mut owner,
            "/api/v1/categories",
            json!({"name": "Makanan, Ringan"}),
        )
        .await
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    create_product(
        app,
        &mut owner,
        json!({"sku": "KRP-1", "name": "Keripik \"Pedas\", 100 g",
        "category_id": cat, "price": "12000", "cost": "8500.5", "tax": "ppn",
        "barcodes": ["8991234567891", "KRP-INT"]}),
    )
    .await;
    create_product(app, &mut owner, json!({"sku": "KAOS", "name": "Kaos", "price": "50000", "unit": "pcs",
        "variants": [{"sku": "KAOS-L", "variant": "L", "price": "55000"}, {"sku": "KAOS-M", "variant": "M"}]})).await;
    let off = create_product(
        app,
        &mut owner,
        json!({"sku": "OFF", "name": "Nonaktif", "price": "1", "unit": "lusin"}),
    )
    .await;
    delete(
        app,
        &mut owner,
        &format!("/api/v1/products/{}", off["id"].as_str().unwrap()),
    )
    .await;

    let csv = export(app, &owner).await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "sku,name,variant,category,unit,cost,price,tax,active,barcodes"
    );
    assert_eq!(lines.len(), 6, "{csv}");
    assert!(csv.contains("KRP-1,\"Keripik \"\"Pedas\"\", 100 g\",,\"Makanan, Ringan\",pcs,8500.5,12000,ppn,true,8991234567891|KRP-INT"), "{csv}");
    assert!(
        csv.contains("OFF,Nonaktif,,,lusin,0,1,none,false,"),
        "{csv}"
    );
    let kaos = lines.iter().position(|l| l.starts_with("KAOS,")).unwrap();
    assert!(
        lines[kaos + 1].starts_with("KAOS-L,Kaos,L,"),
        "variants follow their parent: {csv}"
    );

    // Importing the export into the same tenant changes nothing.
    let (status, body) = import(app, &owner, &csv).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"created": 0, "updated": 5}));
    assert_eq!(export(app, &owner).await, csv);

    // Into a fresh tenant: everything is created, groups and categories included.
    let b = second_tenant(app).await;
    let (status, body) = import(app, &b, &csv).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"created": 5, "updated": 0}));
    assert_eq!(export(app, &b).await, csv);
    let mut b = b;
    let r = app.get(&mut b, "/api/v1/products?q=kaos-l").await;
    let v = &r.json["items"][0];
    assert!(v["group_id"].is_string(), "{v}");
    let parent = app
        .get(
            &mut b,
            &format!("/api/v1/products/{}", v["group_id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(parent.json["sku"], "KAOS");
    assert_eq!(parent.json["variants"].as_array().unwrap().len(), 2);

    // Partial columns update just those columns; one audit entry per import.
    let (status, body) = import(app, &owner, "sku,price\nKRP-1,13.000\nBARU,2000\n").await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a new SKU needs a name: {body}"
    );
    let (status, body) = import(app, &owner, "sku;price\nKRP-1;13.000\n").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let r = app.get(&mut owner, "/api/v1/products?q=KRP-1").await;
    assert_eq!(r.json["items"][0]["price"], "13000");
    assert_eq!(
        r.json["items"][0]["barcodes"],
        json!(["8991234567891", "KRP-INT"])
    );
    let r = app
        .get(&mut owner, "/api/v1/audit?action=product.import")
        .await;
    assert_eq!(r.json.as_array().unwrap().len(), 2, "{}", r.json);
    assert_eq!(r.json[1]["after"]["updated"], 5);
}
on_every_backend!(csv_export_import_round_trip, csv_round_trip);

async fn csv_bad_rows(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    create_product(
        app,
        &mut owner,
        json!({"sku": "ADA", "name": "Sudah Ada", "price": "1000", "barcodes": ["ADA-001"]}),
    )
    .await;
    let csv = "sku,name,category,unit,cost,price,tax,active,barcodes\n\
        OK-1,Baik,Kategori Baru,pcs,100,200,ppn,true,8991234567891\n\
        BAD-1,Harga Pecahan,,pcs,100,1250.5,none,true,\n\
        BAD-2,Satuan,,ekor,100,200,none,true,\n\
        BAD-3,EAN,,pcs,100,200,none,true,8991234567890\n\
        ,Tanpa SKU,,pcs,100,200,none,true,\n\
        OK-1,Dobel,,pcs,100,200,none,true,\n\
        BAD-4,Barcode Milik Lain,,pcs,100,200,none,true,ADA-001\n\
        BAD-5,Pajak,,pcs,100,200,pph,maybe,\n";
    let (status, body) = import(app, &owner, csv).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "import_failed");
    assert!(body["error"]["message"].is_string());
    let got: Vec<(u64, String)> = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()));
            (
                e["row"].as_u64().unwrap(),
                e["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(u64, String)> = [
        (3, "price"),
        (4, "unit"),
        (5, "barcodes"),
        (6, "sku"),
        (7, "sku"),
        (8, "barcodes"),
        (9, "tax"),
        (9, "active"),
    ]
    .iter()
    .map(|(r, f)| (*r, f.to_string()))
    .collect();
    assert_eq!(got, want, "{body}");

    // Nothing was written: no products, no categories, no audit entry.
    let r = app.get(&mut owner, "/api/v1/products").await;
    assert_eq!(r.json["total"], 1);
    assert_eq!(
        app.get(&mut owner, "/api/v1/categories").await.json,
        json!([])
    );
    let r = app
        .get(&mut owner, "/api/v1/audit?action=product.import")
        .await;
    assert_eq!(r.json, json!([]));

    // Header problems are reported on row 1.
    let (status, body) = import(app, &owner, "kode,nama\nA,B\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["rows"][0]["row"], 1, "{body}");
    let (status, body) = import(app, &owner, "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, _) = import(app, &owner, "sku,name,price\nA,\"B,1\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}
on_every_backend!(
    csv_import_bad_rows_are_reported_and_nothing_is_written,
    csv_bad_rows
);

fn bulk_csv(from: usize, count: usize) -> String {
    let mut csv = String::from("sku,name,variant,category,unit,cost,price,tax,active,barcodes\n");
    for i in from..from + count {
        let ean = domain::barcode::with_check_digit(&format!("899{i:09}")).unwrap();
        csv.push_str(&format!(
            "BLK-{i:06},Barang Curah {i},,Kategori {},pcs,{}.50,{},ppn,true,{ean}|INT-{i}\n",
            i % 25,
            1000 + i,
            1500 + i
        ));
    }
    csv
}

async fn bulk(app: &TestApp) {
    let owner_agent = app.login("owner@makmur.test").await;
    let mut owner = owner_agent;
    let mkm = app.outlet_id(&mut owner, "MKM1").await;

    let csv = bulk_csv(0, 10_000);
    let started = Instant::now();
    let (status, body) = import(app, &owner, &csv).await;
    let first = started.elapsed();
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"created": 10_000, "updated": 0}));
    eprintln!("[{}] import of 10,000 new rows: {first:?}", app.backend);

    let started = Instant::now();
    let (status, body) = import(app, &owner, &bulk_csv(10_000, 10_000)).await;
    eprintln!(
        "[{}] import of 10,000 more rows: {:?}",
        app.backend,
        started.elapsed()
    );
    assert_eq!(body, json!({"created": 10_000, "updated": 0}), "{status}");

    // Re-importing with a changed price updates every row.
    let changed = csv.replace(",ppn,true,", ",none,true,");
    let started = Instant::now();
    let (status, body) = import(app, &owner, &changed).await;
    eprintln!(
        "[{}] re-import updating 10,000 rows: {:?}",
        app.backend,
        started.elapsed()
    );
    assert_eq!(body, json!({"created": 0, "updated": 10_000}), "{status}");

    let started = Instant::now();
    let snap = snapshot(app, &mut owner, &mkm).await;
    eprintln!(
        "[{}] snapshot of 20,000 products: {:?}",
        app.backend,
        started.elapsed()
    );
    assert_eq!(snap["count"], 20_000);
    let item = till_item(&snap, "BLK-000042").unwrap();
    assert_eq!(item["price"], "1542");
    assert_eq!(item["tax"], "none");
    assert_eq!(item["category"], "Kategori 17");
    assert_eq!(item["barcodes"].as_array().unwrap().len(), 2);

    let started = Instant::now();
    let exported = export(app, &owner).await;
    eprintln!(
        "[{}] export of 20,000 products: {:?}",
        app.backend,
        started.elapsed()
    );
    assert_eq!(exported.lines().count(), 20_001);
    assert_eq!(
        app.get(&mut owner, "/api/v1/categories")
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        25
    );
}
on_every_backend!(import_10000_rows_and_snapshot_20000, bulk);

// ---------------------------------------------------------------- customers

async fn customers(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let users = app.get(&mut owner, "/api/v1/users").await.json;
    let user_id = |email: &str| {
        users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == email)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let member = user_id("anggota@makmur.test");
    let cashier_user = user_id("kasir@makmur.test");

    let mut kasir = app.login("kasir@makmur.test").await;
    for (input, want) in [
        ("0812-3456-7890", "+6281234567890"),
        ("6281234567891", "+6281234567891"),
        ("+62 812 3456 7892", "+6281234567892"),
    ] {
        let r = app
            .post(
                &mut kasir,
                "/api/v1/customers",
                json!({"name": format!("Pelanggan {want}"), "phone": input}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
        assert_eq!(r.json["phone"], want);
    }
    for bad in ["12345", "+1 555 123 4567", "0812-ABC", "08"] {
        let r = app
            .post(
                &mut kasir,
                "/api/v1/customers",
                json!({"name": "X", "phone": bad}),
            )
            .await;
        assert_field(&r, "phone");
    }
    assert_field(
        &app.post(
            &mut kasir,
            "/api/v1/customers",
            json!({"phone": "08123456789"}),
        )
        .await,
        "name",
    );
    let r = app
        .post(
            &mut kasir,
            "/api/v1/customers",
            json!({"name": "Siti Aminah", "member_user_id": member}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["member_user_id"], member.as_str());
    assert_eq!(r.json["phone"], Value::Null);
    assert!(r.json.get("purchases").is_none());
    let siti = r.json["id"].as_str().unwrap().to_string();
    assert_field(
        &app.post(
            &mut kasir,
            "/api/v1/customers",
            json!({"name": "X", "member_user_id": cashier_user}),
        )
        .await,
        "member_user_id",
    );
    assert_field(
        &app.post(
            &mut kasir,
            "/api/v1/customers",
            json!({"name": "X", "member_user_id": "tidak-ada"}),
        )
        .await,
        "member_user_id",
    );

    let r = app.get(&mut kasir, "/api/v1/customers?q=siti").await;
    assert_eq!(r.json.as_array().unwrap().len(), 1, "{}", r.json);
    let r = app
        .get(&mut kasir, "/api/v1/customers?q=0812-3456-7891")
        .await;
    assert_eq!(r.json.as_array().unwrap().len(), 1, "{}", r.json);
    assert_eq!(r.json[0]["phone"], "+6281234567891");
    assert_eq!(
        app.get(&mut kasir, "/api/v1/customers")
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        4
    );

    let r = patch(
        app,
        &mut kasir,
        &format!("/api/v1/customers/{siti}"),
        json!({"phone": "0813 1111 2222", "member_user_id": ""}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["phone"], "+6281311112222");
    assert_eq!(r.json["member_user_id"], Value::Null);
    assert_field(
        &patch(
            app,
            &mut kasir,
            &format!("/api/v1/customers/{siti}"),
            json!({"phone": "555"}),
        )
        .await,
        "phone",
    );
    let r = app
        .get(&mut kasir, &format!("/api/v1/customers/{siti}"))
        .await;
    assert_eq!(r.json["name"], "Siti Aminah");
    let r = app.get(&mut owner, "/api/v1/audit?action=customer.").await;
    assert_eq!(r.json.as_array().unwrap().len(), 5, "{}", r.json);
}
on_every_backend!(customers_phone_normalisation_and_member_link, customers);

// ---------------------------------------------------------------- isolation & roles

async fn isolation(app: &TestApp) {
    let mut a = app.login("owner@makmur.test").await;
    let mkm = app.outlet_id(&mut a, "MKM1").await;
    let cat = app
        .post(&mut a, "/api/v1/categories", json!({"name": "Rahasia"}))
        .await
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let p = create_product(
        app,
        &mut a,
        json!({"sku": "RHS-1", "name": "Produk Rahasia", "price": "1000",
        "category_id": cat, "barcodes": ["8991234567891"]}),
    )
    .await;
    let pid = p["id"].as_str().unwrap().to_string();
    let c = app
        .post(
            &mut a,
            "/api/v1/customers",
            json!({"name": "Pelanggan Rahasia", "phone": "081234567890"}),
        )
        .await
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();

    let mut b = second_tenant(app).await;
    for (method, path, body) in [
        (Method::GET, format!("/api/v1/products/{pid}"), None),
        (
            Method::PATCH,
            format!("/api/v1/products/{pid}"),
            Some(json!({"price": "1"})),
        ),
        (Method::DELETE, format!("/api/v1/products/{pid}"), None),
        (
            Method::PUT,
            format!("/api/v1/products/{pid}/outlet-prices/{mkm}"),
            Some(json!({"price": "1"})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/products/{pid}/outlet-prices/{mkm}"),
            None,
        ),
        (
            Method::PATCH,
            format!("/api/v1/categories/{cat}"),
            Some(json!({"name": "Dibajak"})),
        ),
        (Method::DELETE, format!("/api/v1/categories/{cat}"), None),
        (Method::GET, format!("/api/v1/customers/{c}"), None),
        (
            Method::PATCH,
            format!("/api/v1/customers/{c}"),
            Some(json!({"name": "Dibajak"})),
        ),
        (
            Method::GET,
            format!("/api/v1/outlets/{mkm}/catalogue"),
            None,
        ),
    ] {
        let r = app.send(&mut b, method.clone(), &path, body).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "B {method} {path}: {}",
            r.json
        );
    }
    let lists = [
        app.get(&mut b, "/api/v1/products").await.json,
        app.get(&mut b, "/api/v1/products?q=rahasia").await.json,
        app.get(&mut b, "/api/v1/categories").await.json,
        app.get(&mut b, "/api/v1/customers").await.json,
        json!(export(app, &b).await),
    ];
    for list in &lists {
        let text = list.to_string();
        assert!(
            !text.contains(&pid) && !text.contains("Rahasia") && !text.contains(&c),
            "{text}"
        );
    }
    // B may reuse A's SKU, barcode and category name: uniqueness is per tenant.
    let r = app
        .post(
            &mut b,
            "/api/v1/products",
            json!({"sku": "RHS-1", "name": "Milik B", "price": "2000",
        "barcodes": ["8991234567891"], "category_id": cat}),
        )
        .await;
    assert_field(&r, "category_id");
    let r = app
        .post(
            &mut b,
            "/api/v1/products",
            json!({"sku": "RHS-1", "name": "Milik B", "price": "2000",
        "barcodes": ["8991234567891"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app
        .post(&mut b, "/api/v1/categories", json!({"name": "Rahasia"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    // B's import cannot touch A's product with the same SKU.
    let (status, body) = import(app, &b, "sku,name,price\nRHS-1,Impor B,3000\n").await;
    assert_eq!(body, json!({"created": 0, "updated": 1}), "{status}");
    let snap = snapshot(app, &mut a, &mkm).await;
    let item = till_item(&snap, "RHS-1").unwrap();
    assert_eq!(item["name"], "Produk Rahasia");
    assert_eq!(item["price"], "1000");
    assert_eq!(snap["count"], 1);
}
on_every_backend!(tenant_isolation_for_catalogue_and_customers, isolation);

async fn roles(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let mkm = app.outlet_id(&mut owner, "MKM1").await;
    let p = create_product(
        app,
        &mut owner,
        json!({"sku": "R-1", "name": "Produk", "price": "1000"}),
    )
    .await;
    let pid = p["id"].as_str().unwrap().to_string();
    let cat = app
        .post(&mut owner, "/api/v1/categories", json!({"name": "K"}))
        .await
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let cust = app
        .post(&mut owner, "/api/v1/customers", json!({"name": "C"}))
        .await
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();

    let reads = [
        format!("/api/v1/products/{pid}"),
        "/api/v1/products".to_string(),
        "/api/v1/categories".to_string(),
        format!("/api/v1/outlets/{mkm}/catalogue"),
        "/api/v1/products/export.csv".to_string(),
    ];
    let writes: Vec<(Method, String, Option<Value>)> = vec![
        (
            Method::POST,
            "/api/v1/products".into(),
            Some(json!({"sku": "R-2", "name": "X", "price": "1"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/products/{pid}"),
            Some(json!({"price": "1"})),
        ),
        (Method::DELETE, format!("/api/v1/products/{pid}"), None),
        (
            Method::PUT,
            format!("/api/v1/products/{pid}/outlet-prices/{mkm}"),
            Some(json!({"price": "1"})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/products/{pid}/outlet-prices/{mkm}"),
            None,
        ),
        (
            Method::POST,
            "/api/v1/categories".into(),
            Some(json!({"name": "Baru"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/categories/{cat}"),
            Some(json!({"name": "Baru"})),
        ),
        (Method::DELETE, format!("/api/v1/categories/{cat}"), None),
    ];
    let customer_ops: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, "/api/v1/customers".into(), None),
        (Method::GET, format!("/api/v1/customers/{cust}"), None),
        (
            Method::POST,
            "/api/v1/customers".into(),
            Some(json!({"name": "D"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/customers/{cust}"),
            Some(json!({"name": "C2"})),
        ),
    ];

    // Cashier: reads the catalogue, manages customers, may not change the catalogue.
    let mut kasir = app.login("kasir@makmur.test").await;
    for path in &reads {
        let r = app.get(&mut kasir, path).await;
        assert_eq!(r.status, StatusCode::OK, "kasir GET {path}: {}", r.json);
    }
    for (method, path, body) in &writes {
        let r = app
            .send(&mut kasir, method.clone(), path, body.clone())
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "kasir {method} {path}: {}",
            r.json
        );
    }
    let (status, _) = import(app, &kasir, "sku,name,price\nR-9,X,1\n").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for (method, path, body) in &customer_ops {
        let r = app
            .send(&mut kasir, method.clone(), path, body.clone())
            .await;
        assert!(r.status.is_success(), "kasir {method} {path}: {}", r.json);
    }

    // Member and supplier: nothing here.
    for email in ["anggota@makmur.test", "supplier@makmur.test"] {
        let mut who = app.login(email).await;
        for path in &reads {
            let r = app.get(&mut who, path).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{email} GET {path}");
        }
        for (method, path, body) in writes.iter().chain(&customer_ops) {
            let r = app.send(&mut who, method.clone(), path, body.clone()).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{email} {method} {path}");
        }
        let (status, _) = import(app, &who, "sku,name,price\nR-9,X,1\n").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email} import");
    }

    // Manager and admin manage the catalogue.
    for email in ["manager@makmur.test", "admin@makmur.test"] {
        let mut who = app.login(email).await;
        let r = patch(
            app,
            &mut who,
            &format!("/api/v1/products/{pid}"),
            json!({"price": "1200"}),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{email}: {}", r.json);
    }
    // Unauthenticated: 401.
    let mut anon = app.agent();
    assert_eq!(
        app.get(&mut anon, "/api/v1/products").await.status,
        StatusCode::UNAUTHORIZED
    );
}
on_every_backend!(role_checks_for_catalogue_and_customers, roles);

async fn openapi_lists_catalogue(app: &TestApp) {
    let mut anon = app.agent();
    let doc = app.get(&mut anon, "/api/openapi.json").await.json;
    for path in [
        "/api/v1/categories",
        "/api/v1/categories/{id}",
        "/api/v1/products",
        "/api/v1/products/{id}",
        "/api/v1/products/{id}/outlet-prices/{outlet_id}",
        "/api/v1/outlets/{id}/catalogue",
        "/api/v1/products/export.csv",
        "/api/v1/products/export.xlsx",
        "/api/v1/products/import",
        "/api/v1/customers",
        "/api/v1/customers/{id}",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from OpenAPI"
        );
    }
}
on_every_backend!(
    openapi_documents_catalogue_endpoints,
    openapi_lists_catalogue
);

// ---------------------------------------------------------------- races

async fn same_sku_at_once(app: &TestApp) {
    let owner = app.login("owner@makmur.test").await;
    let mut handles = Vec::new();
    for i in 0..6 {
        let router = app.router.clone();
        let cookies = owner.cookies.clone();
        let body = json!({"sku": "RACE-1", "name": format!("Balapan {i}"), "unit": "pcs", "price": "1000"});
        handles.push(tokio::spawn(async move {
            let cookie = cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            let req = Request::post("/api/v1/products")
                .header("cookie", cookie)
                .header("x-csrf-token", cookies["satu_csrf"].clone())
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .unwrap();
            let res = router.oneshot(req).await.unwrap();
            let status = res.status();
            let bytes = res.into_body().collect().await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }));
    }
    let mut created = 0;
    for h in handles {
        let (status, body) = h.await.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => assert!(body.contains("\"code\""), "{body}"),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(created, 1, "exactly one product gets the SKU");
}
on_every_backend!(
    the_same_sku_created_at_once_is_one_product_and_409s,
    same_sku_at_once
);

// ---------------------------------------------------------------- xlsx

async fn send_bytes(
    app: &TestApp,
    agent: &Agent,
    method: Method,
    path: &str,
    body: Vec<u8>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    app.send_bytes(
        agent,
        method,
        path,
        satu_server::modules::inventory::api::csv_export::XLSX_TYPE,
        body,
    )
    .await
}

async fn xlsx_round_trip(app: &TestApp) {
    use satu_server::modules::inventory::api::csv_export::HEADER;
    use satu_server::modules::inventory::api::xlsx;
    let mut owner = app.login("owner@makmur.test").await;
    create_product(
        app,
        &mut owner,
        json!({"sku": "KRP-1", "name": "Keripik Pedas 100 g", "price": "12000", "cost": "8500.5",
            "barcodes": ["8991234567891"]}),
    )
    .await;

    // Export: a workbook with the CSV's columns, cells as exact text.
    let (status, headers, bytes) = send_bytes(
        app,
        &owner,
        Method::GET,
        "/api/v1/products/export.xlsx",
        Vec::new(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers["content-type"],
        satu_server::modules::inventory::api::csv_export::XLSX_TYPE
    );
    let rows = xlsx::read(&bytes).unwrap();
    assert_eq!(rows[0].1, HEADER.map(String::from).to_vec());
    let krp = rows.iter().find(|r| r.1[0] == "KRP-1").unwrap();
    assert_eq!(krp.1[6], "12000");
    assert_eq!(krp.1[5], "8500.5");
    assert_eq!(krp.1[9], "8991234567891");

    // Import: a bad row is reported by its spreadsheet row and nothing is written.
    let row = |sku: &str, price: &str| -> [String; 10] {
        [
            sku,
            "Dari Excel",
            "",
            "Impor",
            "pcs",
            "100",
            price,
            "ppn",
            "true",
            "",
        ]
        .map(String::from)
    };
    let bad = xlsx::write(&HEADER, &[row("XL-1", "7000"), row("XL-2", "tujuh")]).unwrap();
    let (status, _, body) =
        send_bytes(app, &owner, Method::POST, "/api/v1/products/import", bad).await;
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["rows"][0]["row"], 3, "{body}");
    assert_eq!(body["rows"][0]["field"], "price", "{body}");
    let r = app.get(&mut owner, "/api/v1/products?q=XL-1").await;
    assert_eq!(r.json["total"], 0, "{}", r.json);

    let good = xlsx::write(&HEADER, &[row("XL-1", "7000"), row("XL-2", "7500")]).unwrap();
    let (status, _, body) =
        send_bytes(app, &owner, Method::POST, "/api/v1/products/import", good).await;
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    let r = app.get(&mut owner, "/api/v1/products?q=XL-2").await;
    assert_eq!(r.json["items"][0]["price"], "7500", "{}", r.json);
}
on_every_backend!(xlsx_export_and_import, xlsx_round_trip);
