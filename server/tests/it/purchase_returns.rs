//! Returns to supplier as the minimarket makes them: a karton of milk from a delivery goes
//! back dented, at the outlet's average cost to the sen and out of stock through the
//! ledger; what cannot happen: more back than the receipt brought, more than is on the
//! shelf (also two returns at once), another tenant or outlet reading it.
use crate::common;

use axum::http::{Method, StatusCode};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

use common::{Agent, TestApp};

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not a decimal: {v}"))).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

async fn product(app: &TestApp, who: &mut Agent, sku: &str, name: &str, cost: &str) -> String {
    let r = app
        .post(who, "/api/v1/products", json!({"sku": sku, "name": name, "unit": "pcs", "cost": cost, "price": "20000", "tax": "ppn"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["id"].as_str().unwrap().to_string()
}

async fn supplier(app: &TestApp, who: &mut Agent, name: &str) -> String {
    let r = app
        .post(
            who,
            "/api/v1/suppliers",
            json!({"name": name, "payment_terms": "net30"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["id"].as_str().unwrap().to_string()
}

async fn adjust(app: &TestApp, who: &mut Agent, outlet: &str, product: &str, qty: &str) {
    let r = app
        .post(who, "/api/v1/stock-adjustments", json!({"outlet_id": outlet, "product_id": product, "quantity": qty, "reason": "Penyesuaian"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
}

async fn on_hand(app: &TestApp, who: &mut Agent, outlet: &str, product: &str) -> Decimal {
    app.get(who, &format!("/api/v1/outlets/{outlet}/stock"))
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product_id"] == product)
        .map_or(Decimal::ZERO, |l| dec(&l["quantity"]))
}

async fn story(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let mut owner = app.login("owner@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let milk = product(app, &mut manager, "UHT-250", "Susu UHT 250ml", "5070").await;
    let sugar = product(app, &mut manager, "GULA-1KG", "Gula Pasir 1kg", "14000").await;
    adjust(app, &mut manager, &store, &milk, "50").await;
    adjust(app, &mut manager, &store, &sugar, "50").await;
    let sumber = supplier(app, &mut manager, "PT Sumber Pangan").await;
    let segar = supplier(app, &mut manager, "CV Segar Jaya").await;
    let r = app
        .send(&mut manager, Method::PUT, &format!("/api/v1/suppliers/{sumber}/products"),
            Some(json!({"product_id": milk, "purchase_unit": "karton", "per_base": "24", "last_price": "132000"})))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.json);

    // 60 karton ordered at Rp132.000; 48 came (Rp6.336.000).
    let r = app
        .post(
            &mut manager,
            "/api/v1/purchase-orders",
            json!({"supplier_id": sumber, "outlet_id": store,
            "lines": [{"product_id": milk, "quantity": "60", "unit_price": "132000"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let po = r.json["id"].as_str().unwrap().to_string();
    let line = r.json["lines"][0]["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/purchase-orders/{po}/send"),
            json!({}),
        )
        .await;
    assert_eq!(r.json["status"], "sent", "{}", r.json);
    let r = app
        .post(&mut manager, &format!("/api/v1/purchase-orders/{po}/receipts"),
            json!({"lines": [{"po_line_id": line, "product_id": milk, "quantity": "1152", "batch_no": "UHT-2612A"}]}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let receipt = r.json["receipts"][0]["id"].as_str().unwrap().to_string();
    let receipt_number = r.json["receipts"][0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(on_hand(app, &mut manager, &store, &milk).await, d("1202"));
    // The average: (50 × 5.070 + 6.336.000) / 1.202, to the sen.
    let mut pool = domain::purchasing::cost::CostPool::opening(d("50"), d("5070"));
    pool.receive(d("1152"), d("6336000")).unwrap();
    let average = pool.average();
    assert_eq!(average, d("5482.11"));

    // One karton goes back dented, against the receipt: at the average cost, to the sen.
    let r = app
        .post(
            &mut manager,
            "/api/v1/purchase-returns",
            json!({"supplier_id": sumber, "outlet_id": store,
            "receipt_id": receipt, "reason": "Kemasan penyok",
            "lines": [{"product_id": milk, "quantity": "24", "batch_no": "UHT-2612A"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let first = r.json["id"].as_str().unwrap().to_string();
    let number = r.json["number"].as_str().unwrap().to_string();
    assert!(
        number.starts_with("RT-") && number.ends_with("-0001"),
        "{number}"
    );
    assert_eq!(dec(&r.json["value"]), d("131570.64"));
    assert_eq!(dec(&r.json["value"]), (average * d("24")).round_dp(2));
    assert_eq!(dec(&r.json["lines"][0]["value"]), d("131570.64"));
    assert_eq!(dec(&r.json["lines"][0]["quantity"]), d("24"));
    assert_eq!(r.json["lines"][0]["batch_no"], "UHT-2612A");
    assert_eq!(r.json["lines"][0]["name"], "Susu UHT 250ml");
    // The order is the receipt's.
    assert_eq!(r.json["po_id"], po.as_str());
    assert_eq!(r.json["receipt_id"], receipt.as_str());
    assert_eq!(r.json["receipt_number"], receipt_number.as_str());
    assert_eq!(r.json["supplier_name"], "PT Sumber Pangan");
    assert_eq!(r.json["reason"], "Kemasan penyok");
    assert_eq!(r.json["returned_by"], "Agus Pratama");

    // Stock fell by the karton; the average stays; the ledger and the card show it.
    assert_eq!(on_hand(app, &mut manager, &store, &milk).await, d("1178"));
    let v = app
        .get(
            &mut manager,
            &format!("/api/v1/stock-valuation?outlet_id={store}"),
        )
        .await;
    let row = v.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["product_id"] == milk.as_str())
        .cloned()
        .unwrap();
    assert_eq!(dec(&row["unit_cost"]), average);
    let movements = app
        .get(
            &mut manager,
            &format!("/api/v1/outlets/{store}/stock-movements?product_id={milk}"),
        )
        .await
        .json;
    let out = movements
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "purchase_return")
        .cloned()
        .unwrap_or_else(|| panic!("no purchase_return in {movements}"));
    assert_eq!(dec(&out["quantity"]), d("-24"));
    assert_eq!(out["reference"], number.as_str());
    let card = app
        .get(
            &mut manager,
            &format!("/api/v1/products/{milk}/stock-card?outlet_id={store}"),
        )
        .await;
    assert_eq!(card.status, StatusCode::OK, "{}", card.json);
    assert_eq!(card.json["rows"][0]["kind"], "purchase_return");
    assert_eq!(dec(&card.json["rows"][0]["quantity"]), d("-24"));
    assert_eq!(dec(&card.json["rows"][0]["balance"]), d("1178"));
    assert_eq!(card.json["rows"][0]["reference"], number.as_str());

    // 1.128 are left to return against the receipt: 1.129 is refused, also over two lines,
    // and so is sugar, which it never brought; nothing is written.
    for lines in [
        json!([{"product_id": milk, "quantity": "1129"}]),
        json!([{"product_id": milk, "quantity": "1000"}, {"product_id": milk, "quantity": "129"}]),
        json!([{"product_id": sugar, "quantity": "1"}]),
    ] {
        let r = app
            .post(
                &mut manager,
                "/api/v1/purchase-returns",
                json!({"supplier_id": sumber, "outlet_id": store,
                "receipt_id": receipt, "reason": "Salah kirim", "lines": lines}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.json);
        assert_eq!(r.error_code(), "over_return", "{}", r.json);
    }
    assert_eq!(on_hand(app, &mut manager, &store, &milk).await, d("1178"));

    // Most of the milk was sold: within the receipt, yet more than the shelf holds.
    adjust(app, &mut manager, &store, &milk, "-1078").await;
    let r = app
        .post(&mut manager, "/api/v1/purchase-returns", json!({"supplier_id": sumber, "outlet_id": store,
            "receipt_id": receipt, "reason": "Kedaluwarsa", "lines": [{"product_id": milk, "quantity": "101"}]}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.json);
    assert_eq!(r.error_code(), "insufficient_stock");
    let message = r.json["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("Susu UHT 250ml"), "{message}");
    // Without a receipt only the shelf counts.
    let r = app
        .post(
            &mut manager,
            "/api/v1/purchase-returns",
            json!({"supplier_id": segar, "outlet_id": store,
            "reason": "Rusak", "lines": [{"product_id": sugar, "quantity": "50.001"}]}),
        )
        .await;
    assert_eq!(r.error_code(), "insufficient_stock", "{}", r.json);
    let r = app
        .post(
            &mut manager,
            "/api/v1/purchase-returns",
            json!({"supplier_id": segar, "outlet_id": store,
            "reason": "Rusak", "lines": [{"product_id": sugar, "quantity": "2.5"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert!(r.json["number"].as_str().unwrap().ends_with("-0002"));
    assert_eq!(r.json["po_id"], Value::Null);
    // Sugar's cost was never set by a receipt: the product's own cost.
    assert_eq!(dec(&r.json["value"]), d("35000"));
    assert_eq!(on_hand(app, &mut manager, &store, &sugar).await, d("47.5"));

    // Bad input in words.
    for (body, field) in [
        (
            json!({"supplier_id": sumber, "outlet_id": store, "reason": "  ",
            "lines": [{"product_id": milk, "quantity": "1"}]}),
            "reason",
        ),
        (
            json!({"supplier_id": sumber, "outlet_id": store, "reason": "Rusak", "lines": []}),
            "lines",
        ),
        (
            json!({"supplier_id": sumber, "outlet_id": store, "reason": "Rusak",
            "lines": [{"product_id": milk, "quantity": "0"}]}),
            "lines[0].quantity",
        ),
        (
            json!({"supplier_id": sumber, "outlet_id": store, "reason": "Rusak",
            "lines": [{"product_id": "nope", "quantity": "1"}]}),
            "lines[0].product_id",
        ),
        (
            json!({"supplier_id": "nope", "outlet_id": store, "reason": "Rusak",
            "lines": [{"product_id": milk, "quantity": "1"}]}),
            "supplier_id",
        ),
        (
            json!({"supplier_id": sumber, "outlet_id": "nope", "reason": "Rusak",
            "lines": [{"product_id": milk, "quantity": "1"}]}),
            "outlet_id",
        ),
        // The receipt is PT Sumber Pangan's, not CV Segar Jaya's.
        (
            json!({"supplier_id": segar, "outlet_id": store, "receipt_id": receipt,
            "reason": "Rusak", "lines": [{"product_id": milk, "quantity": "1"}]}),
            "receipt_id",
        ),
    ] {
        let r = app
            .post(&mut manager, "/api/v1/purchase-returns", body)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
        assert_eq!(r.json["error"]["field"], field, "{}", r.json);
    }

    // The list, per supplier, newest first; one return whole.
    let r = app.get(&mut manager, "/api/v1/purchase-returns").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["total"], 2);
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/purchase-returns?supplier_id={sumber}"),
        )
        .await;
    assert_eq!(r.json["total"], 1, "{}", r.json);
    assert_eq!(r.json["items"][0]["id"], first.as_str());
    assert_eq!(r.json["items"][0]["lines"].as_array().unwrap().len(), 1);
    // The order's own returns (its screen lists them under the receipts).
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/purchase-returns?po_id={po}"),
        )
        .await;
    assert_eq!(r.json["total"], 1, "{}", r.json);
    assert_eq!(r.json["items"][0]["po_id"], po.as_str());
    let r = app
        .get(&mut manager, &format!("/api/v1/purchase-returns/{first}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["number"], number.as_str());
    assert_eq!(dec(&r.json["value"]), d("131570.64"));

    // Another tenant, and a manager of the koperasi desk only, find nothing.
    let (mut other, other_outlet) = app.other_tenant_with_outlet().await;
    let r = app
        .get(&mut other, &format!("/api/v1/purchase-returns/{first}"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.get(&mut other, "/api/v1/purchase-returns").await;
    assert_eq!(r.json["total"], 0, "{}", r.json);
    let r = app
        .post(
            &mut other,
            "/api/v1/purchase-returns",
            json!({"supplier_id": sumber, "outlet_id": other_outlet,
            "reason": "Rusak", "lines": [{"product_id": milk, "quantity": "1"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.json["error"]["field"], "supplier_id");
    let koperasi = app.outlet_id(&mut owner, "KSP1").await;
    let r = app.post(&mut owner, "/api/v1/users", json!({"email": "spv-retur@makmur.test", "name": "Supervisor", "roles": ["manager"], "outlet_ids": [koperasi]})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let mut anon = app.agent();
    app.post(
        &mut anon,
        "/api/v1/invitations/accept",
        json!({"token": r.json["invite_token"], "password": "supervisor-retur"}),
    )
    .await;
    let mut spv = app
        .login_with("spv-retur@makmur.test", "supervisor-retur")
        .await;
    let r = app
        .get(&mut spv, &format!("/api/v1/purchase-returns/{first}"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.get(&mut spv, "/api/v1/purchase-returns").await;
    assert_eq!(r.json["total"], 0, "{}", r.json);
    let r = app
        .post(
            &mut spv,
            "/api/v1/purchase-returns",
            json!({"supplier_id": sumber, "outlet_id": store,
            "reason": "Rusak", "lines": [{"product_id": milk, "quantity": "1"}]}),
        )
        .await;
    assert_eq!(r.json["error"]["field"], "outlet_id", "{}", r.json);

    // In the audit log with who made it and what went back.
    let r = app
        .get(&mut owner, "/api/v1/audit?entity=purchase_return")
        .await;
    let entries = r.json["items"]
        .as_array()
        .or(r.json.as_array())
        .cloned()
        .unwrap_or_default();
    let entry = entries
        .iter()
        .find(|a| a["action"] == "purchase_return.create" && a["entity_id"] == first.as_str())
        .unwrap_or_else(|| panic!("no purchase_return.create for {first} in {}", r.json));
    assert_eq!(entry["after"]["number"], number.as_str(), "{entry}");
    assert_eq!(
        entries
            .iter()
            .filter(|a| a["action"] == "purchase_return.create")
            .count(),
        2
    );
}
on_every_backend!(purchase_returns_story_to_the_sen, story);

/// Thirty teh botol on the shelf and two returns of twenty at once: one goes, the other is
/// refused; never below zero. Two lines of one product count together.
async fn concurrent_returns(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let tea = product(app, &mut manager, "TEH-350", "Teh Botol 350ml", "3000").await;
    let s = supplier(app, &mut manager, "PT Teh").await;
    adjust(app, &mut manager, &store, &tea, "30").await;
    let body = json!({"supplier_id": s, "outlet_id": store, "reason": "Rusak",
        "lines": [{"product_id": tea, "quantity": "20"}]});
    // Connections opened beforehand, so neither return waits for one while the other runs.
    let (mut w1, mut w2, mut w3, mut w4) = (
        manager.clone(),
        manager.clone(),
        manager.clone(),
        manager.clone(),
    );
    tokio::join!(
        app.get(&mut w1, "/api/v1/purchase-returns"),
        app.get(&mut w2, "/api/v1/purchase-returns"),
        app.get(&mut w3, "/api/v1/purchase-returns"),
        app.get(&mut w4, "/api/v1/purchase-returns")
    );
    let (mut a, mut b) = (manager.clone(), manager.clone());
    let (r1, r2) = tokio::join!(
        app.post(&mut a, "/api/v1/purchase-returns", body.clone()),
        app.post(&mut b, "/api/v1/purchase-returns", body.clone())
    );
    let mut codes = [r1.status, r2.status];
    codes.sort();
    assert_eq!(
        codes,
        [StatusCode::CREATED, StatusCode::CONFLICT],
        "{} / {}",
        r1.json,
        r2.json
    );
    let refused = if r1.status == StatusCode::CONFLICT {
        &r1
    } else {
        &r2
    };
    assert_eq!(
        refused.error_code(),
        "insufficient_stock",
        "{}",
        refused.json
    );
    assert_eq!(on_hand(app, &mut manager, &store, &tea).await, d("10"));

    let two = |a: &str, b: &str| {
        json!({"supplier_id": s, "outlet_id": store, "reason": "Rusak",
            "lines": [{"product_id": tea, "quantity": a}, {"product_id": tea, "quantity": b}]})
    };
    let r = app
        .post(&mut manager, "/api/v1/purchase-returns", two("6", "5"))
        .await;
    assert_eq!(r.error_code(), "insufficient_stock", "{}", r.json);
    let r = app
        .post(&mut manager, "/api/v1/purchase-returns", two("6", "4"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(dec(&r.json["value"]), d("30000"));
    assert_eq!(r.json["lines"].as_array().unwrap().len(), 2);
    assert_eq!(on_hand(app, &mut manager, &store, &tea).await, d("0"));
}
on_every_backend!(concurrent_returns_never_pass_the_shelf, concurrent_returns);
