//! Till operations: a shift from float to count, cash in and out, refunds and voids, and
//! the shift report's expected cash and difference.
use crate::common;
use satu_server::kernel::money::Sen;

use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{json, Value};

use common::{Agent, TestApp};
use satu_server::modules::inventory::entity::product;

pub(crate) fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub(crate) fn now() -> String {
    Utc::now().to_rfc3339()
}

pub(crate) struct Shop {
    pub outlet: String,
    pub teh: String,
    pub manager: String,
}

pub(crate) async fn shop(app: &TestApp, owner: &mut Agent) -> Shop {
    let me = app.get(owner, "/api/v1/auth/me").await.json;
    let tenant = me["user"]["tenant_id"].as_str().unwrap().to_string();
    let outlet = app.outlet_id(owner, "MKM1").await;
    let teh = uuid();
    product::ActiveModel {
        id: Set(teh.clone()),
        tenant_id: Set(tenant),
        group_id: Set(None),
        sku: Set("TEH-SHIFT".into()),
        name: Set("Teh Kotak".into()),
        variant: Set(None),
        category_id: Set(None),
        unit: Set("pcs".into()),
        cost_sen: Set(Sen(0)),
        price_sen: Set(Sen(500_000)),
        tax: Set("ppn".into()),
        active: Set(true),
        image_url: Set(None),
        tracks_batches: Set(false),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let r = app.post(owner, "/api/v1/stock-adjustments", json!({"outlet_id": outlet, "product_id": teh, "quantity": "10", "reason": "Stok awal"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let users = app.get(owner, "/api/v1/users").await.json;
    let manager = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "manager@makmur.test")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    Shop {
        outlet,
        teh,
        manager,
    }
}

/// `qty` × Rp5.000, PPN included (11/111 of the total, rounded down).
pub(crate) fn sale(
    shop: &Shop,
    shift: &str,
    receipt: &str,
    qty: i64,
    method: &str,
    paid: i64,
) -> Value {
    let total = qty * 5000;
    let tax = total * 11 / 111;
    json!({
        "client_sale_id": uuid(),
        "outlet_id": shop.outlet,
        "receipt_no": receipt,
        "sold_at": now(),
        "shift_id": shift,
        "lines": [{"product_id": shop.teh, "quantity": qty.to_string(), "unit_price": "5000"}],
        "payments": [{"method": method, "amount": paid.to_string()}],
        "totals": {"subtotal": total.to_string(), "discount_total": "0", "service_charge": "0",
            "tax": tax.to_string(), "rounding": "0", "grand_total": total.to_string(),
            "paid_total": paid.to_string(), "change": (paid - total).to_string()}
    })
}

fn refund(shop: &Shop, shift: &str, receipt: &str, qty: &str, total: &str, restock: bool) -> Value {
    json!({
        "id": uuid(),
        "outlet_id": shop.outlet,
        "receipt_no": receipt,
        "refund_no": format!("R-{}", uuid()),
        "refunded_at": now(),
        "shift_id": shift,
        "lines": [{"line_no": 1, "quantity": qty}],
        "restock": restock,
        "reason": "Kemasan bocor",
        "approver_id": shop.manager,
        "pin": "246810",
        "total": total,
    })
}

async fn teh_stock(app: &TestApp, owner: &mut Agent, shop: &Shop) -> String {
    let stock = app
        .get(owner, &format!("/api/v1/outlets/{}/stock", shop.outlet))
        .await
        .json;
    stock
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sku"] == "TEH-SHIFT")
        .unwrap()["quantity"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn a_shift_from_float_to_count(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;

    // Open with Rp200.000 in the drawer; a resend answers the same shift.
    let shift = uuid();
    let open = json!({"id": shift, "outlet_id": shop.outlet, "opening_float": "200000", "opened_at": now()});
    let r = app.post(&mut kasir, "/api/v1/shifts", open.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["status"], "open");
    let r = app.post(&mut kasir, "/api/v1/shifts", open).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let r = app.post(&mut kasir, "/api/v1/shifts", json!({"id": uuid(), "outlet_id": shop.outlet, "opening_float": "0", "opened_at": now()})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.json);
    assert_eq!(r.error_code(), "shift_already_open");
    let r = app.get(&mut kasir, "/api/v1/shifts/current").await;
    assert_eq!(r.json["id"], shift.as_str());
    let r = app.post(&mut kasir, "/api/v1/shifts", json!({"id": "not-a-uuid", "outlet_id": shop.outlet, "opening_float": "-5", "opened_at": now()})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Two sales: Rp10.000 cash (paid 20.000, change 10.000) and Rp15.000 by QRIS.
    let r = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            sale(&shop, &shift, "SHIFT-000001", 2, "cash", 20000),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["shift_id"], shift.as_str());
    let r = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            sale(&shop, &shift, "SHIFT-000002", 3, "qris", 15000),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(teh_stock(app, &mut owner, &shop).await, "5");

    // The cashier finds the sale by its receipt number.
    let r = app
        .get(&mut kasir, "/api/v1/sales/lookup?receipt_no=SHIFT-000001")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["sale"]["lines"][0]["quantity"], "2");
    assert_eq!(r.json["refunded"], json!([]));

    // Refund one of the two cash teh: wrong PIN refused, nothing written.
    let mut body = refund(&shop, &shift, "SHIFT-000001", "1", "5000", true);
    body["pin"] = json!("000000");
    let r = app.post(&mut kasir, "/api/v1/refunds", body.clone()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.json);
    body["pin"] = json!("246810");
    body["total"] = json!("4000");
    let r = app.post(&mut kasir, "/api/v1/refunds", body.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.error_code(), "totals_mismatch");
    body["total"] = json!("5000");
    let r = app.post(&mut kasir, "/api/v1/refunds", body.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["total"], "5000");
    assert_eq!(r.json["approved_by"], shop.manager.as_str());
    assert_eq!(
        r.json["payments"],
        json!([{"method": "cash", "amount": "5000"}])
    );
    let first_refund = r.json["id"].clone();
    // The outbox sends it again: the same refund, not a second one.
    let r = app.post(&mut kasir, "/api/v1/refunds", body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["id"], first_refund);
    assert_eq!(teh_stock(app, &mut owner, &shop).await, "6", "restocked");
    // Two more of a sale of two, one of which is already back: refused.
    let r = app
        .post(
            &mut kasir,
            "/api/v1/refunds",
            refund(&shop, &shift, "SHIFT-000001", "2", "10000", true),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.error_code(), "refund_exceeds_sale");
    let r = app
        .get(&mut kasir, "/api/v1/sales/lookup?receipt_no=SHIFT-000001")
        .await;
    assert_eq!(r.json["refunded"], json!([{"line_no": 1, "quantity": "1"}]));

    // A damaged item from the QRIS sale: back to QRIS, not into stock.
    let r = app
        .post(
            &mut kasir,
            "/api/v1/refunds",
            refund(&shop, &shift, "SHIFT-000002", "1", "5000", false),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(
        r.json["payments"],
        json!([{"method": "qris", "amount": "5000"}])
    );
    assert_eq!(teh_stock(app, &mut owner, &shop).await, "6", "damaged");

    // Cash out for ice within the limit; a large one needs the manager.
    let cash = |kind: &str, amount: &str, reason: &str| json!({"id": uuid(), "kind": kind, "amount": amount, "reason": reason, "at": now()});
    let path = format!("/api/v1/shifts/{shift}/cash-movements");
    let r = app
        .post(&mut kasir, &path, cash("out", "25000", "Beli es batu"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert!(r.json["approved_by"].is_null());
    let mut big = cash("out", "150000", "Setor ke bank");
    let r = app.post(&mut kasir, &path, big.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.error_code(), "needs_approval");
    big["approver_id"] = json!(shop.manager);
    big["pin"] = json!("246810");
    let r = app.post(&mut kasir, &path, big).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["approved_by"], shop.manager.as_str());
    let r = app
        .post(&mut kasir, &path, cash("in", "50000", "Tukar uang kecil"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app
        .post(&mut kasir, &path, cash("out", "10000", "  "))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A line voided before payment is recorded for the shift.
    let void = json!({"id": uuid(), "outlet_id": shop.outlet, "shift_id": shift, "kind": "line", "at": now(),
        "items": [{"product_id": shop.teh, "name": "Teh Kotak", "quantity": "1", "amount": "5000"}]});
    let r = app.post(&mut kasir, "/api/v1/voids", void.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(
        app.post(&mut kasir, "/api/v1/voids", void).await.status,
        StatusCode::OK
    );

    // Close: 200.000 + 10.000 cash sales − 5.000 cash refund + 50.000 in − 175.000 out
    // = 80.000 expected; the drawer holds 79.000.
    let close = json!({"closed_at": now(), "counted": [
        {"denomination": 50000, "count": 1}, {"denomination": 20000, "count": 1},
        {"denomination": 5000, "count": 1}, {"denomination": 2000, "count": 2},
        {"denomination": 100, "count": 0}]});
    let bad = json!({"closed_at": now(), "counted": [{"denomination": 75000, "count": 1}]});
    let r = app
        .post(&mut kasir, &format!("/api/v1/shifts/{shift}/close"), bad)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    let r = app
        .post(
            &mut kasir,
            &format!("/api/v1/shifts/{shift}/close"),
            close.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let report = r.json;
    assert_eq!(report["expected_cash"], "80000", "{report}");
    assert_eq!(report["counted_cash"], "79000");
    assert_eq!(report["difference"], "-1000");
    assert_eq!(report["sales_count"], 2);
    assert_eq!(report["sales_total"], "25000");
    assert_eq!(
        report["by_tender"],
        json!([{"method": "cash", "amount": "10000"}, {"method": "qris", "amount": "15000"}])
    );
    assert_eq!(report["refunds_count"], 2);
    assert_eq!(report["refunds_total"], "10000");
    assert_eq!(report["voids_count"], 1);
    assert_eq!(report["voids_amount"], "5000");
    assert_eq!(report["cash_in"], "50000");
    assert_eq!(report["cash_out"], "175000");
    assert_eq!(report["shift"]["status"], "closed");
    assert_eq!(
        report["shift"]["denominations"].as_array().unwrap().len(),
        4
    );
    // Closing again (the outbox resending) changes nothing.
    let r = app
        .post(&mut kasir, &format!("/api/v1/shifts/{shift}/close"), close)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["difference"], "-1000");
    let r = app
        .post(&mut kasir, &path, cash("out", "1000", "Parkir"))
        .await;
    assert_eq!(r.error_code(), "shift_closed");
    assert!(app
        .get(&mut kasir, "/api/v1/shifts/current")
        .await
        .json
        .is_null());

    // Managers see the shift and its report; the cashier sees her own but not the list.
    let mut manager = app.login("manager@makmur.test").await;
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/shifts?outlet_id={}", shop.outlet),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert!(r
        .json
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == shift.as_str()));
    let r = app
        .get(&mut manager, &format!("/api/v1/shifts/{shift}"))
        .await;
    assert_eq!(r.json["expected_cash"], "80000");
    assert_eq!(
        app.get(&mut kasir, "/api/v1/shifts").await.status,
        StatusCode::FORBIDDEN
    );

    // The day's report nets the refunds out.
    let r = app
        .get(
            &mut owner,
            &format!("/api/v1/reports/sales?outlet_id={}", shop.outlet),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["sales_total"], "25000", "{}", r.json);
    assert_eq!(r.json["refunds"], "10000");
    assert_eq!(r.json["total"], "15000");
    let teh = r.json["by_product"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["key"] == shop.teh.as_str())
        .unwrap()
        .clone();
    assert_eq!(teh["quantity"], "3");
    assert_eq!(teh["amount"], "15000");

    // Another tenant can neither see nor touch any of it.
    let (mut other, other_outlet) = app.other_tenant_with_outlet().await;
    assert_eq!(
        app.get(&mut other, &format!("/api/v1/shifts/{shift}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&mut other, "/api/v1/sales/lookup?receipt_no=SHIFT-000002")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut theirs = refund(&shop, &shift, "SHIFT-000002", "1", "5000", true);
    theirs["outlet_id"] = json!(other_outlet);
    theirs["shift_id"] = Value::Null;
    let r = app.post(&mut other, "/api/v1/refunds", theirs).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.json);
    let r = app
        .post(&mut other, &path, cash("out", "1000", "Coba"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.json);
    let r = app
        .get(
            &mut other,
            &format!("/api/v1/refunds/{}", first_refund.as_str().unwrap()),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
on_every_backend!(
    a_shift_from_float_to_count_and_its_difference,
    a_shift_from_float_to_count
);

/// Two tablets refund the last item of a sale at the same moment: one refund stands.
async fn concurrent_refunds(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let shift = uuid();
    app.post(
        &mut kasir,
        "/api/v1/shifts",
        json!({"id": shift, "outlet_id": shop.outlet, "opening_float": "0", "opened_at": now()}),
    )
    .await;
    let r = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            sale(&shop, &shift, "RACE-000001", 1, "cash", 5000),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let mut a = app.login("kasir@makmur.test").await;
    let mut b = app.login("kasir@makmur.test").await;
    let ra = refund(&shop, &shift, "RACE-000001", "1", "5000", true);
    let rb = refund(&shop, &shift, "RACE-000001", "1", "5000", true);
    let (x, y) = tokio::join!(
        app.post(&mut a, "/api/v1/refunds", ra),
        app.post(&mut b, "/api/v1/refunds", rb)
    );
    let created = [x.status, y.status]
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(
        created, 1,
        "{} {} / {} {}",
        x.status, x.json, y.status, y.json
    );
    let r = app
        .get(&mut kasir, "/api/v1/sales/lookup?receipt_no=RACE-000001")
        .await;
    assert_eq!(r.json["refunds"].as_array().unwrap().len(), 1);
}
on_every_backend!(one_of_two_concurrent_refunds_stands, concurrent_refunds);
