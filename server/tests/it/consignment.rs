//! Consignment (titip jual): eggs CV Segar Jaya leaves on the shelf are owed at the agreed
//! price as they sell; a settlement lists what sold and the amount due and takes back the
//! unsold; a period is settled once; the supplier sees its own items only.
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

fn today() -> String {
    (Utc::now() + Duration::hours(7)).date_naive().to_string()
}

async fn sell(app: &TestApp, who: &mut Agent, outlet: &str, product: &str, n: i64) {
    let total = (25_000 * n).to_string();
    let r = app
        .post(who, "/api/v1/sales", json!({
            "client_sale_id": uuid::Uuid::now_v7().to_string(),
            "outlet_id": outlet,
            "receipt_no": format!("MKM1-C01-{:06}", uuid::Uuid::now_v7().as_u128() % 1_000_000),
            "sold_at": Utc::now().to_rfc3339(),
            "lines": [{"product_id": product, "quantity": n.to_string(), "unit_price": "25000"}],
            "payments": [{"method": "cash", "amount": total}],
            "totals": {"subtotal": total, "discount_total": "0", "service_charge": "0", "tax": "0",
                "rounding": "0", "grand_total": total, "paid_total": total, "change": "0"}
        }))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
}

async fn story(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let r = app
        .post(
            &mut manager,
            "/api/v1/products",
            json!({"sku": "TLR-B", "name": "Telur Ayam 10 butir", "unit": "pcs",
            "cost": "0", "price": "25000", "tax": "none"}),
        )
        .await;
    let eggs = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .post(&mut manager, "/api/v1/stock-adjustments", json!({"outlet_id": store, "product_id": eggs, "quantity": "50", "reason": "Titipan datang"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app
        .post(
            &mut manager,
            "/api/v1/suppliers",
            json!({"name": "CV Segar Jaya", "payment_terms": "net7"}),
        )
        .await;
    let segar = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &mut manager,
            "/api/v1/suppliers",
            json!({"name": "PT Lain", "payment_terms": "cash"}),
        )
        .await;
    let other_supplier = r.json["id"].as_str().unwrap().to_string();
    app.link_supplier_user("supplier2@makmur.test", &segar)
        .await;
    app.link_supplier_user("supplier@makmur.test", &other_supplier)
        .await;

    // Consigned at Rp21.000 a tray; nobody else may consign it at the same time.
    let put = |s: &str, price: &str| json!({"supplier_id": s, "product_id": eggs, "price": price});
    let r = app
        .send(
            &mut manager,
            Method::PUT,
            "/api/v1/consignments/products",
            Some(put(&segar, "21000")),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.json);
    let r = app
        .send(
            &mut manager,
            Method::PUT,
            "/api/v1/consignments/products",
            Some(put(&other_supplier, "20000")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json["error"]["code"], "consigned_elsewhere");
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/consignments/products?supplier_id={segar}"),
        )
        .await;
    assert_eq!(r.json["total"], 1);
    assert_eq!(dec(&r.json["items"][0]["price"]), Decimal::from(21_000));

    // Ten trays sell in two sales.
    sell(app, &mut kasir, &store, &eggs, 7).await;
    sell(app, &mut kasir, &store, &eggs, 3).await;
    let day = today();
    let q = format!("supplier_id={segar}&outlet_id={store}&from={day}&to={day}");
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/consignments/settlements/preview?{q}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(dec(&r.json["lines"][0]["sold"]), Decimal::from(10));
    assert_eq!(dec(&r.json["lines"][0]["on_hand"]), Decimal::from(40));
    assert_eq!(dec(&r.json["amount"]), Decimal::from(210_000));

    // The settlement: Rp210.000 due, five unsold trays taken back.
    let body = json!({"supplier_id": segar, "outlet_id": store, "from": day, "to": day,
        "returned": [{"product_id": eggs, "quantity": "5"}], "note": "Minggu ini"});
    let r = app
        .post(
            &mut manager,
            "/api/v1/consignments/settlements",
            body.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let settlement = r.json["id"].as_str().unwrap().to_string();
    assert!(r.json["number"].as_str().unwrap().starts_with("CS-"));
    assert_eq!(dec(&r.json["amount"]), Decimal::from(210_000));
    assert_eq!(dec(&r.json["lines"][0]["returned"]), Decimal::from(5));
    let levels = app
        .get(&mut manager, &format!("/api/v1/outlets/{store}/stock"))
        .await
        .json;
    let left = levels
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product_id"] == eggs.as_str())
        .unwrap();
    assert_eq!(dec(&left["quantity"]), Decimal::from(35));

    // Once per period; a period over the limit or backwards is refused in words.
    let r = app
        .post(&mut manager, "/api/v1/consignments/settlements", body)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json["error"]["code"], "period_settled");
    let r = app
        .get(&mut manager, &format!("/api/v1/consignments/settlements/preview?supplier_id={segar}&outlet_id={store}&from=2026-01-01&to=2026-12-31"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["field"], "to");
    // More back than is on the shelf.
    let tomorrow = (Utc::now() + Duration::hours(31)).date_naive().to_string();
    let r = app
        .post(&mut manager, "/api/v1/consignments/settlements", json!({"supplier_id": segar, "outlet_id": store,
            "from": tomorrow, "to": tomorrow, "returned": [{"product_id": eggs, "quantity": "36"}]}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.json);
    assert_eq!(r.json["error"]["code"], "insufficient_stock");

    // The supplier sees its sold trays and its settlement; another supplier neither.
    let mut sp2 = app.login("supplier2@makmur.test").await;
    let r = app
        .get(&mut sp2, "/api/v1/supplier-portal/consignments/sold")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(dec(&r.json[0]["sold"]), Decimal::from(10));
    let r = app
        .get(&mut sp2, "/api/v1/supplier-portal/consignments/settlements")
        .await;
    assert_eq!(r.json["total"], 1);
    let mut sp = app.login("supplier@makmur.test").await;
    let r = app
        .get(&mut sp, "/api/v1/supplier-portal/consignments/sold")
        .await;
    assert_eq!(r.json.as_array().unwrap().len(), 0, "{}", r.json);
    let r = app
        .get(&mut sp, "/api/v1/supplier-portal/consignments/settlements")
        .await;
    assert_eq!(r.json["total"], 0);
    for path in [
        format!("/api/v1/consignments/settlements/{settlement}"),
        "/api/v1/consignments/products".to_string(),
    ] {
        let r = app.get(&mut sp, &path).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    let (mut other, _) = app.other_tenant_with_outlet().await;
    let r = app
        .get(
            &mut other,
            &format!("/api/v1/consignments/settlements/{settlement}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .get(&mut other, "/api/v1/consignments/settlements")
        .await;
    assert_eq!(r.json["total"], 0);
}
on_every_backend!(consignment_settled_once_to_the_rupiah, story);
