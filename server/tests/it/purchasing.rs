//! Purchasing as the minimarket runs it: the reorder list, an order above the approval
//! amount, the supplier's portal (confirm, ship), a short delivery with batch and expiry
//! that moves stock and the average cost, the rest of it, and what cannot happen: a
//! receipt past the order (also two at once), another supplier or tenant reading it.
use crate::common;

use axum::http::{Method, StatusCode};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

use common::{Agent, TestApp};

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(
        v.as_str()
            .unwrap_or_else(|| panic!("not a decimal string: {v}")),
    )
    .unwrap()
}

async fn product(
    app: &TestApp,
    who: &mut Agent,
    sku: &str,
    name: &str,
    cost: &str,
    price: &str,
) -> String {
    let r = app
        .post(who, "/api/v1/products", json!({"sku": sku, "name": name, "unit": "pcs", "cost": cost, "price": price, "tax": "ppn"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["id"].as_str().unwrap().to_string()
}

async fn adjust(app: &TestApp, who: &mut Agent, outlet: &str, product: &str, qty: &str) {
    let r = app
        .post(who, "/api/v1/stock-adjustments", json!({"outlet_id": outlet, "product_id": product, "quantity": qty, "reason": "Stok awal"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
}

fn stock_of(levels: &Value, product: &str) -> Decimal {
    levels
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product_id"] == product)
        .map_or(Decimal::ZERO, |l| dec(&l["quantity"]))
}

/// The supplier record and its two users' link, as the seed makes them for the demo.
async fn supplier(app: &TestApp, who: &mut Agent, name: &str, pkp: bool) -> String {
    let body = if pkp {
        json!({"name": name, "phone": "0812-3450-0001", "npwp": "01.234.567.8-902.000", "pkp": true, "payment_terms": "net30"})
    } else {
        json!({"name": name, "phone": "085712300002", "payment_terms": "net7"})
    };
    let r = app.post(who, "/api/v1/suppliers", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["id"].as_str().unwrap().to_string()
}

async fn link(app: &TestApp, email: &str, supplier: &str) {
    let tenant: String = {
        use sea_orm::{ConnectionTrait, Statement};
        let row = app
            .db
            .query_one(Statement::from_string(
                app.db.get_database_backend(),
                format!("SELECT tenant_id, id FROM users WHERE email = '{email}'"),
            ))
            .await
            .unwrap()
            .unwrap();
        let user: String = row.try_get("", "id").unwrap();
        let tenant: String = row.try_get("", "tenant_id").unwrap();
        satu_server::modules::purchasing::repo::suppliers::link_user(
            &app.db, &tenant, supplier, &user,
        )
        .await
        .unwrap();
        tenant
    };
    assert!(!tenant.is_empty());
}

async fn story(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let mut owner = app.login("owner@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let milk = product(
        app,
        &mut manager,
        "UHT-250",
        "Susu UHT 250ml",
        "5070",
        "6500",
    )
    .await;
    let sugar = product(
        app,
        &mut manager,
        "GULA-1KG",
        "Gula Pasir 1kg",
        "14000",
        "17500",
    )
    .await;
    adjust(app, &mut manager, &store, &milk, "50").await;
    adjust(app, &mut manager, &store, &sugar, "50").await;

    // Suppliers: bad NPWP and phone refused in words; PT Sumber Pangan is a PKP.
    let r = app
        .post(
            &mut manager,
            "/api/v1/suppliers",
            json!({"name": "X", "npwp": "1234", "pkp": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["field"], "npwp");
    let r = app
        .post(
            &mut manager,
            "/api/v1/suppliers",
            json!({"name": "X", "phone": "12"}),
        )
        .await;
    assert_eq!(r.json["error"]["field"], "phone");
    let sumber = supplier(app, &mut manager, "PT Sumber Pangan", true).await;
    let segar = supplier(app, &mut manager, "CV Segar Jaya", false).await;
    let r = app
        .get(&mut manager, &format!("/api/v1/suppliers/{sumber}"))
        .await;
    assert_eq!(r.json["phone"], "+6281234500001");
    assert_eq!(r.json["npwp"], "012345678902000");
    let r = app
        .post(
            &mut manager,
            "/api/v1/suppliers",
            json!({"name": "PT Sumber Pangan"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    for (p, unit, per, price) in [
        (&milk, "karton", "24", "132000"),
        (&sugar, "bal", "20", "300000"),
    ] {
        let r = app
            .send(&mut manager, Method::PUT, &format!("/api/v1/suppliers/{sumber}/products"),
                Some(json!({"product_id": p, "purchase_unit": unit, "per_base": per, "last_price": price, "supplier_code": "SP-1"})))
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.json);
    }
    link(app, "supplier@makmur.test", &sumber).await;
    link(app, "supplier2@makmur.test", &segar).await;

    // The reorder list: sugar is at its point (50 ≤ 60), in whole bal of 20.
    let r = app
        .send(&mut manager, Method::PUT, "/api/v1/reorder-points",
            Some(json!({"outlet_id": store, "product_id": sugar, "reorder_point": "60", "order_quantity": "90"})))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.json);
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/reorder-suggestions?outlet_id={store}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let row = r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["product_id"] == sugar.as_str())
        .cloned()
        .expect("sugar listed");
    assert_eq!(row["supplier_name"], "PT Sumber Pangan");
    assert_eq!(row["purchase_unit"], "bal");
    assert_eq!(row["suggested_quantity"], "5");
    assert_eq!(row["suggested_base"], "100");
    assert!(!r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["product_id"] == milk.as_str()));

    // The order: 5 bal of sugar and 60 karton of milk less Rp60.000; PPN masukan 11%.
    let r = app
        .post(&mut manager, "/api/v1/purchase-orders", json!({"supplier_id": sumber, "outlet_id": store, "expected_on": "2026-12-10",
            "lines": [{"product_id": sugar, "quantity": row["suggested_quantity"], "unit_price": "300000"},
                      {"product_id": milk, "quantity": "60", "unit_price": "132000", "discount": "60000"}]}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let po = r.json["id"].as_str().unwrap().to_string();
    assert_eq!(r.json["status"], "draft");
    assert_eq!(dec(&r.json["subtotal"]), Decimal::from(9_360_000));
    assert_eq!(dec(&r.json["ppn"]), Decimal::from(1_029_600));
    assert_eq!(dec(&r.json["total"]), Decimal::from(10_389_600));
    let milk_line = r.json["lines"][1]["id"].as_str().unwrap().to_string();
    let sugar_line = r.json["lines"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(r.json["lines"][1]["ordered_base"], "1440");

    // A draft is not the supplier's to see.
    let mut sp = app.login("supplier@makmur.test").await;
    let r = app
        .get(
            &mut sp,
            &format!("/api/v1/supplier-portal/purchase-orders/{po}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Above Rp10.000.000 a manager's order waits for the owner.
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/purchase-orders/{po}/send"),
            json!({}),
        )
        .await;
    assert_eq!(r.json["status"], "pending_approval", "{}", r.json);
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/purchase-orders/{po}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(
            &mut owner,
            &format!("/api/v1/purchase-orders/{po}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(r.json["status"], "sent", "{}", r.json);

    // The supplier sees it, cannot ship before confirming, confirms, ships.
    let r = app
        .get(&mut sp, "/api/v1/supplier-portal/purchase-orders")
        .await;
    assert_eq!(r.json["total"], 1, "{}", r.json);
    let r = app
        .post(
            &mut sp,
            &format!("/api/v1/supplier-portal/purchase-orders/{po}/ship"),
            json!({"delivery_note": "SJ-1"}),
        )
        .await;
    assert_eq!(r.error_code(), "invalid_status");
    let r = app
        .post(
            &mut sp,
            &format!("/api/v1/supplier-portal/purchase-orders/{po}/confirm"),
            json!({"delivery_on": "2026-12-12", "note": "Susu dikirim 48 dulu"}),
        )
        .await;
    assert_eq!(r.json["status"], "confirmed", "{}", r.json);
    assert_eq!(r.json["delivery_on"], "2026-12-12");
    let r = app
        .post(
            &mut sp,
            &format!("/api/v1/supplier-portal/purchase-orders/{po}/ship"),
            json!({"delivery_note": "SJ-SP-0412"}),
        )
        .await;
    assert_eq!(r.json["delivery_note"], "SJ-SP-0412", "{}", r.json);

    // Another supplier and another tenant find nothing; the supplier reads no sales.
    let mut sp2 = app.login("supplier2@makmur.test").await;
    for path in [
        format!("/api/v1/supplier-portal/purchase-orders/{po}"),
        format!("/api/v1/purchase-orders/{po}"),
        "/api/v1/sales".to_string(),
        format!("/api/v1/outlets/{store}/stock"),
    ] {
        let r = app.get(&mut sp2, &path).await;
        assert!(
            matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
            "{path}: {}",
            r.status
        );
    }
    let r = app
        .get(&mut sp2, "/api/v1/supplier-portal/purchase-orders")
        .await;
    assert_eq!(r.json["total"], 0);
    let r = app
        .post(
            &mut sp2,
            &format!("/api/v1/supplier-portal/purchase-orders/{po}/confirm"),
            json!({"delivery_on": "2026-12-12"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let (mut other, _) = app.other_tenant_with_outlet().await;
    for path in [
        format!("/api/v1/purchase-orders/{po}"),
        format!("/api/v1/suppliers/{sumber}"),
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
            &format!("/api/v1/purchase-orders/{po}/receipts"),
            json!({"lines": [{"po_line_id": milk_line, "product_id": milk, "quantity": "1"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Short delivery: 48 of 60 karton of milk (batch, expiry) and all the sugar.
    let r = app
        .post(&mut manager, &format!("/api/v1/purchase-orders/{po}/receipts"), json!({"note": "12 karton menyusul",
            "lines": [{"po_line_id": milk_line, "product_id": milk, "quantity": "1152", "batch_no": "UHT-2612A", "expires_on": "2026-12-27"},
                      {"po_line_id": sugar_line, "product_id": sugar, "quantity": "100"}]}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["status"], "partially_received");
    assert_eq!(r.json["lines"][1]["outstanding_base"], "288");
    let receipt = &r.json["receipts"][0];
    assert_eq!(receipt["lines"][0]["batch_no"], "UHT-2612A");
    assert_eq!(receipt["lines"][0]["expires_on"], "2026-12-27");
    // 48/60 of the milk line's Rp7.860.000, and the sugar's Rp1.500.000 (PPN is not cost).
    assert_eq!(dec(&receipt["lines"][0]["value"]), Decimal::from(6_288_000));
    assert_eq!(dec(&receipt["value"]), Decimal::from(7_788_000));
    let levels = app
        .get(&mut manager, &format!("/api/v1/outlets/{store}/stock"))
        .await
        .json;
    assert_eq!(stock_of(&levels, &milk), Decimal::from(1202));
    assert_eq!(stock_of(&levels, &sugar), Decimal::from(150));

    // The average cost moved: (50 × 5.070 + 6.288.000) / 1.202, to the sen.
    let mut pool =
        domain::purchasing::cost::CostPool::opening(Decimal::from(50), Decimal::from(5070));
    pool.receive(Decimal::from(1152), Decimal::from(6_288_000))
        .unwrap();
    assert_eq!(pool.average(), Decimal::from_str("5442.18").unwrap());
    let v = app
        .get(
            &mut manager,
            &format!("/api/v1/stock-valuation?outlet_id={store}"),
        )
        .await;
    assert_eq!(v.status, StatusCode::OK, "{}", v.json);
    let milk_row = v.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["product_id"] == milk.as_str())
        .unwrap()
        .clone();
    assert_eq!(dec(&milk_row["unit_cost"]), pool.average());
    assert_eq!(
        dec(&milk_row["value"]),
        (Decimal::from(1202) * pool.average()).round_dp(2)
    );

    // A sale now keeps that cost on its line (its margin reads from it).
    let movements = app
        .get(
            &mut manager,
            &format!("/api/v1/outlets/{store}/stock-movements?product_id={milk}"),
        )
        .await
        .json;
    assert!(
        movements
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["kind"] == "purchase_receipt"),
        "{movements}"
    );

    // 13 karton more than is outstanding: refused, nothing written.
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/purchase-orders/{po}/receipts"),
            json!({"lines": [{"po_line_id": milk_line, "product_id": milk, "quantity": "312"}]}),
        )
        .await;
    assert_eq!(r.error_code(), "over_receipt", "{}", r.json);
    let levels = app
        .get(&mut manager, &format!("/api/v1/outlets/{store}/stock"))
        .await
        .json;
    assert_eq!(stock_of(&levels, &milk), Decimal::from(1202));
    // The cancellation of an order goods came against is refused.
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/purchase-orders/{po}/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), "invalid_status");
    // The 12 that follow complete it; after that nothing more comes against it.
    let r = app.post(&mut manager, &format!("/api/v1/purchase-orders/{po}/receipts"),
        json!({"lines": [{"po_line_id": milk_line, "product_id": milk, "quantity": "288", "batch_no": "UHT-2612B", "expires_on": "2027-01-20"}]})).await;
    assert_eq!(r.json["status"], "received", "{}", r.json);
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/purchase-orders/{po}/receipts"),
            json!({"lines": [{"po_line_id": milk_line, "product_id": milk, "quantity": "1"}]}),
        )
        .await;
    assert_eq!(r.error_code(), "invalid_status");

    // The supplier sees both receipts against its order.
    let r = app
        .get(
            &mut sp,
            &format!("/api/v1/supplier-portal/purchase-orders/{po}"),
        )
        .await;
    assert_eq!(r.json["receipts"].as_array().unwrap().len(), 2);

    // Every step is in the audit trail with who did it.
    let audit = app
        .get(&mut owner, "/api/v1/audit?entity=purchase_order")
        .await
        .json;
    let actions: Vec<String> = audit["items"]
        .as_array()
        .or(audit.as_array())
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap_or_default().to_string())
        .collect();
    for a in [
        "purchase_order.create",
        "purchase_order.send",
        "purchase_order.approve",
        "purchase_order.confirm",
        "purchase_order.ship",
        "goods_receipt.create",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} not in {actions:?}");
    }
}
on_every_backend!(purchasing_story_to_the_rupiah, story);

/// Two receipts of 40 against an order of 60, at the same moment: one is stored, the
/// other refused; never 80 in.
async fn concurrent_receipts(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let tea = product(
        app,
        &mut manager,
        "TEH-350",
        "Teh Botol 350ml",
        "3000",
        "4000",
    )
    .await;
    let s = supplier(app, &mut manager, "PT Teh", false).await;
    let r = app
        .post(
            &mut manager,
            "/api/v1/purchase-orders",
            json!({"supplier_id": s, "outlet_id": store,
        "lines": [{"product_id": tea, "quantity": "60", "unit_price": "3000"}]}),
        )
        .await;
    let po = r.json["id"].as_str().unwrap().to_string();
    let line = r.json["lines"][0]["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &mut manager,
            &format!("/api/v1/purchase-orders/{po}/send"),
            json!({}),
        )
        .await;
    assert_eq!(r.json["status"], "sent");
    let body = json!({"lines": [{"po_line_id": line, "product_id": tea, "quantity": "40"}]});
    let path = format!("/api/v1/purchase-orders/{po}/receipts");
    let (mut a, mut b) = (manager.clone(), manager.clone());
    let (r1, r2) = tokio::join!(
        app.post(&mut a, &path, body.clone()),
        app.post(&mut b, &path, body.clone())
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
    let levels = app
        .get(&mut manager, &format!("/api/v1/outlets/{store}/stock"))
        .await
        .json;
    assert_eq!(stock_of(&levels, &tea), Decimal::from(40));
    // With the over-receipt flag the extra is taken and marked.
    let r = app
        .post(
            &mut manager,
            &path,
            json!({"allow_over": true,
        "lines": [{"po_line_id": line, "product_id": tea, "quantity": "24"}]}),
        )
        .await;
    assert_eq!(r.json["status"], "received", "{}", r.json);
    assert_eq!(r.json["receipts"][1]["lines"][0]["flag"], "over");
}
on_every_backend!(
    concurrent_receipts_never_pass_the_order,
    concurrent_receipts
);
