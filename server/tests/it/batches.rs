//! Batches and expiry: a tracked product's receipt needs its batch; stock per batch;
//! sales take the soonest expiry first and never an expired batch while another is left;
//! the expiring list; the till's catalogue marks a product whose stock is all expired.
use crate::common;

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

use common::{Agent, TestApp};

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not a decimal: {v}"))).unwrap()
}

fn day(offset: i64) -> String {
    (Utc::now() + Duration::hours(7) + Duration::days(offset))
        .date_naive()
        .to_string()
}

async fn product(app: &TestApp, who: &mut Agent, sku: &str, tracked: bool) -> String {
    let r = app
        .post(
            who,
            "/api/v1/products",
            json!({"sku": sku, "name": format!("Produk {sku}"), "unit": "pcs",
            "cost": "4000", "price": "5000", "tax": "none", "tracks_batches": tracked}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["tracks_batches"], tracked, "{}", r.json);
    r.json["id"].as_str().unwrap().to_string()
}

fn batch<'a>(b: &'a Value, no: &str) -> Option<&'a Value> {
    b["batches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["batch_no"] == no)
}

async fn sell(app: &TestApp, who: &mut Agent, outlet: &str, product: &str, n: i64) {
    let total = (5000 * n).to_string();
    let r = app
        .post(who, "/api/v1/sales", json!({
            "client_sale_id": uuid::Uuid::now_v7().to_string(),
            "outlet_id": outlet,
            "receipt_no": format!("MKM1-B01-{:06}", rand_no()),
            "sold_at": Utc::now().to_rfc3339(),
            "lines": [{"product_id": product, "quantity": n.to_string(), "unit_price": "5000"}],
            "payments": [{"method": "cash", "amount": total}],
            "totals": {"subtotal": total, "discount_total": "0", "service_charge": "0", "tax": "0",
                "rounding": "0", "grand_total": total, "paid_total": total, "change": "0"}
        }))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
}

fn rand_no() -> u32 {
    (uuid::Uuid::now_v7().as_u128() % 1_000_000) as u32
}

async fn story(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let milk = product(app, &mut manager, "SUSU-B", true).await;
    let bread = product(app, &mut manager, "ROTI-B", true).await;
    let r = app
        .post(
            &mut manager,
            "/api/v1/suppliers",
            json!({"name": "PT Batch", "payment_terms": "cash"}),
        )
        .await;
    let supplier = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &mut manager,
            "/api/v1/purchase-orders",
            json!({"supplier_id": supplier, "outlet_id": store,
            "lines": [{"product_id": milk, "quantity": "100", "unit_price": "4000"},
                      {"product_id": bread, "quantity": "5", "unit_price": "4000"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let po = r.json["id"].as_str().unwrap().to_string();
    let (milk_line, bread_line) = (
        r.json["lines"][0]["id"].as_str().unwrap().to_string(),
        r.json["lines"][1]["id"].as_str().unwrap().to_string(),
    );
    app.post(
        &mut manager,
        &format!("/api/v1/purchase-orders/{po}/send"),
        json!({}),
    )
    .await;
    let path = format!("/api/v1/purchase-orders/{po}/receipts");

    // A tracked product needs its batch number.
    let r = app
        .post(
            &mut manager,
            &path,
            json!({"lines": [{"po_line_id": milk_line, "product_id": milk, "quantity": "60"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.json["error"]["field"], "lines[0].batch_no");

    // Two batches of milk (the later one received first) and bread already expired.
    let r = app
        .post(&mut manager, &path, json!({"lines": [
            {"po_line_id": milk_line, "product_id": milk, "quantity": "40", "batch_no": "B-LATE", "expires_on": day(40)},
            {"po_line_id": milk_line, "product_id": milk, "quantity": "60", "batch_no": "A-SOON", "expires_on": day(10)},
            {"po_line_id": bread_line, "product_id": bread, "quantity": "5", "batch_no": "R-OLD", "expires_on": day(-1)}]}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let batches = |p: &str| format!("/api/v1/products/{p}/batches?outlet_id={store}");
    let b = app.get(&mut manager, &batches(&milk)).await.json;
    assert_eq!(
        dec(&batch(&b, "A-SOON").unwrap()["quantity"]),
        Decimal::from(60)
    );
    assert_eq!(
        dec(&batch(&b, "B-LATE").unwrap()["quantity"]),
        Decimal::from(40)
    );
    assert_eq!(dec(&b["without_batch"]), Decimal::ZERO);

    // 70 sold: the 60 expiring soonest first, then 10 of the later batch.
    sell(app, &mut kasir, &store, &milk, 70).await;
    let b = app.get(&mut manager, &batches(&milk)).await.json;
    assert!(batch(&b, "A-SOON").is_none(), "{b}");
    assert_eq!(
        dec(&batch(&b, "B-LATE").unwrap()["quantity"]),
        Decimal::from(30)
    );
    assert_eq!(dec(&b["on_hand"]), Decimal::from(30));

    // The expiring list: within 30 days only the expired bread; within 60 the milk too.
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/stock-batches/expiring?outlet_id={store}&days=30"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let ours: Vec<&Value> = r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["product_id"] == milk.as_str() || i["product_id"] == bread.as_str())
        .collect();
    assert_eq!(ours.len(), 1, "{}", r.json);
    assert_eq!(ours[0]["batch_no"], "R-OLD");
    assert_eq!(ours[0]["expired"], true);
    assert_eq!(ours[0]["days_left"], -1);
    assert_eq!(dec(&ours[0]["value"]), Decimal::from(20_000));
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/stock-batches/expiring?outlet_id={store}&days=60"),
        )
        .await;
    assert!(r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["batch_no"] == "B-LATE"));
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/stock-batches/expiring?outlet_id={store}&days=400"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The till's catalogue: the bread is all expired, the milk is not.
    let cat = app
        .get(&mut kasir, &format!("/api/v1/outlets/{store}/catalogue"))
        .await
        .json;
    let item = |id: &str| {
        cat["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(item(&bread)["expired_on"], day(-1));
    assert!(item(&milk).get("expired_on").is_none());

    // A till that sold the bread offline is not refused; the units come out of the expired
    // batch (where else could they have come from).
    sell(app, &mut kasir, &store, &bread, 2).await;
    let b = app.get(&mut manager, &batches(&bread)).await.json;
    assert_eq!(
        dec(&batch(&b, "R-OLD").unwrap()["quantity"]),
        Decimal::from(3)
    );

    // Flagging an existing product, and another tenant finds none of it.
    let r = app
        .send(
            &mut manager,
            Method::PATCH,
            &format!("/api/v1/products/{milk}"),
            Some(json!({"tracks_batches": false})),
        )
        .await;
    assert_eq!(r.json["tracks_batches"], false, "{}", r.json);
    let (mut other, other_outlet) = app.other_tenant_with_outlet().await;
    let r = app
        .get(
            &mut other,
            &format!("/api/v1/products/{milk}/batches?outlet_id={other_outlet}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .get(
            &mut other,
            &format!("/api/v1/stock-batches/expiring?outlet_id={store}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}
on_every_backend!(batches_fefo_and_expiry, story);

/// The valuation as a file: a row per product at its cost and the total, CSV and XLSX;
/// another tenant's location is not found.
async fn valuation_files(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let p = product(app, &mut manager, "VAL-1", false).await;
    let r = app
        .post(
            &mut manager,
            "/api/v1/stock-adjustments",
            json!({"outlet_id": store, "product_id": p, "quantity": "10", "reason": "Stok awal"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let (status, headers, body) = app
        .send_bytes(
            &manager,
            Method::GET,
            &format!("/api/v1/stock-valuation.csv?outlet_id={store}"),
            "text/plain",
            Vec::new(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    let text = String::from_utf8(body).unwrap();
    assert!(
        text.starts_with("sku,nama,satuan,stok,hpp_rata_rata,nilai"),
        "{text}"
    );
    assert!(
        text.contains("VAL-1,Produk VAL-1,pcs,10,4000,40000"),
        "{text}"
    );
    let json = app
        .get(
            &mut manager,
            &format!("/api/v1/stock-valuation?outlet_id={store}&limit=500"),
        )
        .await
        .json;
    assert!(
        text.trim_end().ends_with(&format!(
            "TOTAL,,,,{}",
            json["total_value"].as_str().unwrap()
        )),
        "{text}"
    );
    let (status, _, body) = app
        .send_bytes(
            &manager,
            Method::GET,
            &format!("/api/v1/stock-valuation.xlsx?outlet_id={store}"),
            "text/plain",
            Vec::new(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.starts_with(b"PK\x03\x04"));
    let (mut other, _) = app.other_tenant_with_outlet().await;
    let r = app
        .get(
            &mut other,
            &format!("/api/v1/stock-valuation.csv?outlet_id={store}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}
on_every_backend!(valuation_as_csv_and_xlsx, valuation_files);
