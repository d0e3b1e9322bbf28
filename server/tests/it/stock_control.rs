//! Stock control: a transfer from the store to the warehouse (sent, received short), a
//! blind stock opname counted by hand and by scanner while a sale happens, approved in one
//! transaction at cost, and the product's stock card that shows it all.
use crate::common;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use common::{Agent, TestApp};

fn level(levels: &Value, product: &str) -> String {
    levels
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product_id"] == product)
        .map_or("0".into(), |l| l["quantity"].as_str().unwrap().to_string())
}

async fn stock(app: &TestApp, who: &mut Agent, outlet: &str, product: &str) -> String {
    level(
        &app.get(who, &format!("/api/v1/outlets/{outlet}/stock"))
            .await
            .json,
        product,
    )
}

async fn story(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let mut manager = app.login("manager@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let r = app
        .post(
            &mut owner,
            "/api/v1/outlets",
            json!({"name": "Gudang Timur", "code": "GDT1", "industry": "retail", "kind": "gudang"}),
        )
        .await;
    assert_eq!(r.json["error"]["field"], "kind", "{}", r.json);
    let r = app
        .post(
            &mut owner,
            "/api/v1/outlets",
            json!({"name": "Gudang Timur", "code": "GDT1", "industry": "retail", "kind": "warehouse"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["kind"], "warehouse");
    let warehouse = r.json["id"].as_str().unwrap().to_string();
    // A warehouse has no till: no device registers there; the store stays a store.
    let r = app
        .post(
            &mut manager,
            "/api/v1/devices",
            json!({"outlet_id": warehouse, "name": "Tablet gudang"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.json["error"]["field"], "outlet_id");
    let r = app
        .get(&mut manager, &format!("/api/v1/outlets/{store}"))
        .await;
    assert_eq!(r.json["kind"], "store");
    let r = app
        .post(
            &mut manager,
            "/api/v1/products",
            json!({"sku": "UHT-1L", "name": "Susu UHT 1L", "unit": "pcs",
        "cost": "15000", "price": "19000", "tax": "ppn", "barcodes": ["8991000009990"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let milk = r.json["id"].as_str().unwrap().to_string();
    let r = app.post(&mut manager, "/api/v1/stock-adjustments", json!({"outlet_id": store, "product_id": milk, "quantity": "50", "reason": "Stok awal"})).await;
    assert_eq!(r.status, StatusCode::CREATED);

    // Ten go to the warehouse; nine arrive.
    let r = app.post(&mut manager, "/api/v1/stock-transfers", json!({"from_outlet_id": store, "to_outlet_id": store, "lines": [{"product_id": milk, "quantity": "10"}]})).await;
    assert_eq!(r.json["error"]["field"], "to_outlet_id");
    let r = app.post(&mut manager, "/api/v1/stock-transfers", json!({"from_outlet_id": store, "to_outlet_id": warehouse, "lines": [{"product_id": milk, "quantity": "10"}]})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["status"], "requested");
    let transfer = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/stock-transfers/{transfer}/receive"),
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), "invalid_status", "not before it was sent");
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/stock-transfers/{transfer}/send"),
            json!({}),
        )
        .await;
    assert_eq!(r.json["status"], "sent", "{}", r.json);
    assert_eq!(stock(app, &mut manager, &store, &milk).await, "40");
    assert_eq!(
        stock(app, &mut manager, &warehouse, &milk).await,
        "0",
        "in transit"
    );
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/stock-transfers/{transfer}/receive"),
            json!({"lines": [{"product_id": milk, "quantity": "11"}]}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "more than was sent"
    );
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/stock-transfers/{transfer}/receive"),
            json!({"lines": [{"product_id": milk, "quantity": "9"}]}),
        )
        .await;
    assert_eq!(r.json["status"], "received", "{}", r.json);
    assert_eq!(r.json["lines"][0]["difference"], "1");
    assert_eq!(stock(app, &mut manager, &warehouse, &milk).await, "9");
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/stock-transfers/{transfer}/receive"),
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), "invalid_status");
    let list = app.get(&mut manager, "/api/v1/stock-transfers").await.json;
    assert_eq!(list["total"], 1);

    // A blind count of the store: nobody sees what is expected until it is approved.
    let r = app
        .post(
            &mut manager,
            "/api/v1/stock-counts",
            json!({"outlet_id": store, "blind": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let count = r.json["id"].as_str().unwrap().to_string();
    assert_eq!(r.json["status"], "counting");
    assert!(r.json["lines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["expected"].is_null()));
    // The cashier counts with the scanner (each scan adds one) and by hand.
    let mut kasir = app.login("kasir@makmur.test").await;
    for _ in 0..2 {
        let r = app
            .post(
                &mut kasir,
                &format!("/api/v1/stock-counts/{count}/lines"),
                json!({"barcode": "8991000009990", "quantity": "1", "add": true}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    }
    let r = app
        .post(
            &mut kasir,
            &format!("/api/v1/stock-counts/{count}/lines"),
            json!({"product_id": milk, "quantity": "36", "add": true}),
        )
        .await;
    assert_eq!(r.json["counted"], "38", "{}", r.json);
    assert!(r.json["expected"].is_null(), "blind");
    let r = app
        .post(
            &mut kasir,
            &format!("/api/v1/stock-counts/{count}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a cashier counts, a manager approves"
    );
    // A sale during the count is the ledger's, not a difference.
    let r = app.post(&mut manager, "/api/v1/stock-adjustments", json!({"outlet_id": store, "product_id": milk, "quantity": "-1", "reason": "Terjual saat opname"})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/stock-counts/{count}/approve"),
            json!({"reason": "Opname Sabtu"}),
        )
        .await;
    assert_eq!(r.json["status"], "approved", "{}", r.json);
    // Two short at Rp15.000.
    assert_eq!(r.json["variance_value"], "-30000");
    let line = r.json["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product_id"] == milk.as_str())
        .unwrap()
        .clone();
    assert_eq!(line["expected"], "40");
    assert_eq!(line["variance"], "-2");
    assert_eq!(stock(app, &mut manager, &store, &milk).await, "37");
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/stock-counts/{count}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), "invalid_status");
    let r = app
        .post(
            &mut kasir,
            &format!("/api/v1/stock-counts/{count}/lines"),
            json!({"product_id": milk, "quantity": "1"}),
        )
        .await;
    assert_eq!(
        r.error_code(),
        "invalid_status",
        "a closed count takes no more counting"
    );

    // The stock card: newest first, the balance after each movement.
    let card = app
        .get(
            &mut manager,
            &format!("/api/v1/products/{milk}/stock-card?outlet_id={store}"),
        )
        .await
        .json;
    let rows: Vec<(String, String, String)> = card["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().into(),
                r["quantity"].as_str().unwrap().into(),
                r["balance"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("stock_count".into(), "-2".into(), "37".into()),
            ("adjustment".into(), "-1".into(), "39".into()),
            ("transfer_out".into(), "-10".into(), "40".into()),
            ("adjustment".into(), "50".into(), "50".into()),
        ],
        "{card}"
    );
    // A page further down keeps the running balance.
    let page = app
        .get(
            &mut manager,
            &format!("/api/v1/products/{milk}/stock-card?outlet_id={store}&limit=2&offset=2"),
        )
        .await
        .json;
    assert_eq!(page["rows"][0]["balance"], "40", "{page}");

    // The card as a file for a period: opening balance, the movements oldest first with
    // the balance after each and its cost, the closing balance.
    let today = chrono::Utc::now().date_naive();
    let (from, to) = (
        today - chrono::Duration::days(1),
        today + chrono::Duration::days(1),
    );
    let file = |ext: &str| {
        format!("/api/v1/products/{milk}/stock-card.{ext}?outlet_id={store}&from={from}&to={to}")
    };
    let (status, headers, body) = app
        .send_bytes(
            &manager,
            Method::GET,
            &file("csv"),
            "text/plain",
            Vec::new(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    let text = String::from_utf8(body).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "waktu,jenis,referensi,keterangan,jumlah,saldo,hpp_per_unit,nilai"
    );
    assert!(
        lines[1].contains(",saldo_awal,") && lines[1].ends_with(",0,,"),
        "{text}"
    );
    assert!(
        lines[2].contains(",adjustment,") && lines[2].contains(",50,50,15000,750000"),
        "{text}"
    );
    assert!(lines.last().unwrap().contains(",saldo_akhir,"), "{text}");
    assert!(lines.last().unwrap().ends_with(",37,,"), "{text}");
    let (status, headers, body) = app
        .send_bytes(
            &manager,
            Method::GET,
            &file("xlsx"),
            "text/plain",
            Vec::new(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .contains("spreadsheetml"));
    assert!(body.starts_with(b"PK"));
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/products/{milk}/stock-card.csv?outlet_id={store}&from=2026-01-01&to=2027-06-01"),
        )
        .await;
    assert_eq!(
        r.json["error"]["field"], "to",
        "a period over 366 days: {}",
        r.json
    );

    // Another tenant finds none of it.
    let (mut other, _) = app.other_tenant_with_outlet().await;
    for path in [
        format!("/api/v1/stock-counts/{count}"),
        format!("/api/v1/stock-transfers/{transfer}"),
    ] {
        assert_eq!(
            app.get(&mut other, &path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let r = app
        .post(
            &mut other,
            &format!("/api/v1/stock-transfers/{transfer}/send"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
on_every_backend!(transfer_and_stock_opname, story);
