//! Goods received without an order: stock and the average cost move, the batch is kept,
//! the value is required, and another tenant's location is refused.
use crate::common;

use axum::http::StatusCode;
use serde_json::json;

use common::TestApp;

async fn story(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let r = app
        .post(
            &mut manager,
            "/api/v1/products",
            json!({"sku": "TLR-10", "name": "Telur Ayam 10 butir", "unit": "pack",
                "cost": "20000", "price": "26000", "tax": "none"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let eggs = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &mut manager,
            "/api/v1/suppliers",
            json!({"name": "Peternak Lokal", "payment_terms": "cash"}),
        )
        .await;
    let farmer = r.json["id"].as_str().unwrap().to_string();

    // The value of the whole quantity is what the receiver paid; without it, refused.
    let r = app
        .post(
            &mut manager,
            "/api/v1/goods-receipts",
            json!({"outlet_id": store, "supplier_id": farmer,
                "lines": [{"product_id": eggs, "quantity": "10"}]}),
        )
        .await;
    assert_eq!(r.json["error"]["field"], "lines[0].value", "{}", r.json);
    let r = app
        .post(
            &mut manager,
            "/api/v1/goods-receipts",
            json!({"outlet_id": store, "supplier_id": farmer, "note": "Diantar pagi",
                "lines": [{"product_id": eggs, "quantity": "10", "value": "210000",
                    "batch_no": "TL-0812", "expires_on": "2027-01-10"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert!(r.json["number"].as_str().unwrap().starts_with("GR-"));
    assert_eq!(r.json["po_id"], serde_json::Value::Null);
    assert_eq!(r.json["value"], "210000");
    assert_eq!(r.json["lines"][0]["batch_no"], "TL-0812");

    // Ten packs in at Rp21.000 each: nothing was on hand, so that is the average.
    let card = app
        .get(
            &mut manager,
            &format!("/api/v1/products/{eggs}/stock-card?outlet_id={store}"),
        )
        .await
        .json;
    assert_eq!(card["on_hand"], "10", "{card}");
    assert_eq!(card["unit_cost"], "21000", "{card}");
    assert_eq!(card["rows"][0]["kind"], "purchase_receipt");

    // Another tenant's location, and a line of an order, are refused.
    let (mut other, _) = app.other_tenant_with_outlet().await;
    let r = app
        .post(
            &mut other,
            "/api/v1/goods-receipts",
            json!({"outlet_id": store, "lines": [{"product_id": eggs, "quantity": "1", "value": "1"}]}),
        )
        .await;
    assert_eq!(r.json["error"]["field"], "outlet_id", "{}", r.json);
    let r = app
        .post(
            &mut manager,
            "/api/v1/goods-receipts",
            json!({"outlet_id": store, "lines": [{"po_line_id": "x", "product_id": eggs, "quantity": "1", "value": "1"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
}
on_every_backend!(goods_received_without_an_order, story);
