//! The supplier proposes changes instead of confirming: 48 cartons of milk at a new
//! price and no tea, delivered later. The buyer rejects that, the supplier proposes
//! again, the buyer accepts: the order takes the new lines and totals and is confirmed.
//! Another supplier, and a confirmed order, take no proposal.
use crate::common;

use axum::http::StatusCode;
use serde_json::{json, Value};

use common::TestApp;

fn line_of<'a>(po: &'a Value, name: &str) -> &'a Value {
    po["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == name)
        .unwrap_or_else(|| panic!("no line {name} in {po}"))
}

async fn story(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let mut ids = Vec::new();
    for (sku, name) in [
        ("UHT-250", "Susu UHT 250ml"),
        ("TEH-350", "Teh Botol 350ml"),
    ] {
        let r = app
            .post(
                &mut manager,
                "/api/v1/products",
                json!({"sku": sku, "name": name, "unit": "pcs", "cost": "5000", "price": "6500", "tax": "ppn"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
        ids.push(r.json["id"].as_str().unwrap().to_string());
    }
    let (milk, tea) = (ids[0].clone(), ids[1].clone());
    let r = app
        .post(
            &mut manager,
            "/api/v1/suppliers",
            json!({"name": "PT Sumber Pangan", "payment_terms": "net30"}),
        )
        .await;
    let sumber = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &mut manager,
            "/api/v1/suppliers",
            json!({"name": "CV Segar Jaya", "payment_terms": "net7"}),
        )
        .await;
    let segar = r.json["id"].as_str().unwrap().to_string();
    app.link_supplier_user("supplier@makmur.test", &sumber)
        .await;
    app.link_supplier_user("supplier2@makmur.test", &segar)
        .await;
    let r = app
        .post(
            &mut manager,
            "/api/v1/purchase-orders",
            json!({"supplier_id": sumber, "outlet_id": store, "expected_on": "2026-12-15", "lines": [
                {"product_id": milk, "quantity": "60", "unit_price": "132000"},
                {"product_id": tea, "quantity": "5", "unit_price": "84000"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let po = r.json["id"].as_str().unwrap().to_string();
    let milk_line = line_of(&r.json, "Susu UHT 250ml")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let tea_line = line_of(&r.json, "Teh Botol 350ml")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/purchase-orders/{po}/send"),
            json!({}),
        )
        .await;
    assert_eq!(r.json["status"], "sent", "{}", r.json);

    let mut supplier = app.login("supplier@makmur.test").await;
    let propose = format!("/api/v1/supplier-portal/purchase-orders/{po}/proposal");
    // Another supplier does not see the order at all.
    let mut other = app.login("supplier2@makmur.test").await;
    let r = app
        .post(
            &mut other,
            &propose,
            json!({"lines": [{"line_id": milk_line, "quantity": "1"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Nothing changed, or a line of another order: refused.
    let r = app
        .post(
            &mut supplier,
            &propose,
            json!({"lines": [{"line_id": milk_line, "quantity": "60"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    let r = app
        .post(
            &mut supplier,
            &propose,
            json!({"lines": [{"line_id": "nope", "quantity": "1"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    let r = app
        .post(
            &mut supplier,
            &propose,
            json!({"lines": [
            {"line_id": milk_line, "quantity": "0"}, {"line_id": tea_line, "quantity": "0"}]}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an order with nothing left: {}",
        r.json
    );

    // 48 cartons at Rp135.000, no tea, on the 20th.
    let r = app
        .post(
            &mut supplier,
            &propose,
            json!({"lines": [
                {"line_id": milk_line, "quantity": "48", "unit_price": "135000"},
                {"line_id": tea_line, "quantity": "0"}],
                "delivery_on": "2026-12-20", "note": "Teh sedang kosong"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["status"], "sent");
    assert_eq!(r.json["proposal"]["status"], "pending");
    assert_eq!(r.json["proposal"]["total"], "6480000");

    // The buyer sees it, and rejects it: the order stays as sent.
    let detail = format!("/api/v1/purchase-orders/{po}");
    let r = app.get(&mut manager, &detail).await;
    assert_eq!(r.json["proposal"]["note"], "Teh sedang kosong");
    let r = app
        .post(
            &mut manager,
            &format!("{detail}/proposal/reject"),
            json!({"note": "Teh tetap perlu"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["status"], "sent");
    assert_eq!(r.json["proposal"]["status"], "rejected");
    assert_eq!(r.json["total"], "8340000");
    let r = app
        .post(
            &mut manager,
            &format!("{detail}/proposal/accept"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "no_pending_proposal");
    // The supplier sees the answer.
    let r = app
        .get(
            &mut supplier,
            &format!("/api/v1/supplier-portal/purchase-orders/{po}"),
        )
        .await;
    assert_eq!(r.json["proposal"]["decision_note"], "Teh tetap perlu");

    // Fifty cartons then, tea as ordered; accepted: confirmed at Rp7.020.000.
    let r = app
        .post(
            &mut supplier,
            &propose,
            json!({"lines": [{"line_id": milk_line, "quantity": "50"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let r = app
        .post(
            &mut manager,
            &format!("{detail}/proposal/accept"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["status"], "confirmed");
    assert_eq!(r.json["total"], "7020000");
    assert_eq!(line_of(&r.json, "Susu UHT 250ml")["quantity"], "50");
    assert_eq!(line_of(&r.json, "Susu UHT 250ml")["ordered_base"], "50");
    assert_eq!(line_of(&r.json, "Teh Botol 350ml")["quantity"], "5");
    assert_eq!(r.json["delivery_on"], "2026-12-15");
    assert_eq!(r.json["proposal"]["status"], "accepted");
    // Confirmed: no more proposals.
    let r = app
        .post(
            &mut supplier,
            &propose,
            json!({"lines": [{"line_id": milk_line, "quantity": "40"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.json);
    assert_eq!(r.error_code(), "invalid_status");

    // In the audit log, and out of another tenant's reach.
    let mut owner = app.login("owner@makmur.test").await;
    let audit = app
        .get(&mut owner, "/api/v1/audit?action=purchase_order.")
        .await
        .json
        .to_string();
    for action in [
        "purchase_order.propose",
        "purchase_order.reject_proposal",
        "purchase_order.accept_proposal",
    ] {
        assert!(audit.contains(action), "{action} missing");
    }
    let (mut stranger, _) = app.other_tenant_with_outlet().await;
    let r = app
        .post(
            &mut stranger,
            &format!("{detail}/proposal/reject"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
on_every_backend!(supplier_proposes_changes, story);
