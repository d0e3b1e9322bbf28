//! Payables as the minimarket keeps them: the milk that came short is billed and matched
//! to the receipt, a bill at a dearer price shows its difference, payments never pass what
//! is owed (also two at once), the aging and the statement add up, and the supplier sees
//! its own invoices only.
use crate::common;

use axum::http::{Method, StatusCode};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

use common::{Agent, TestApp};

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not a decimal: {v}"))).unwrap()
}

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

/// A sent order of `cartons` karton of 24 at `price` a karton; its id and line id.
async fn order(
    app: &TestApp,
    who: &mut Agent,
    supplier: &str,
    store: &str,
    product: &str,
    cartons: &str,
    price: &str,
) -> (String, String) {
    let r = app
        .post(
            who,
            "/api/v1/purchase-orders",
            json!({"supplier_id": supplier, "outlet_id": store,
            "lines": [{"product_id": product, "quantity": cartons, "unit_price": price}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let po = r.json["id"].as_str().unwrap().to_string();
    let line = r.json["lines"][0]["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            who,
            &format!("/api/v1/purchase-orders/{po}/send"),
            json!({}),
        )
        .await;
    assert_eq!(r.json["status"], "sent", "{}", r.json);
    (po, line)
}

async fn receive(
    app: &TestApp,
    who: &mut Agent,
    po: &str,
    line: &str,
    product: &str,
    base: &str,
) -> String {
    let r = app
        .post(
            who,
            &format!("/api/v1/purchase-orders/{po}/receipts"),
            json!({"lines": [{"po_line_id": line, "product_id": product, "quantity": base}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["receipts"].as_array().unwrap().last().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn story(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let mut owner = app.login("owner@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let r = app
        .post(&mut manager, "/api/v1/products", json!({"sku": "UHT-250", "name": "Susu UHT 250ml", "unit": "pcs", "cost": "5070", "price": "6500", "tax": "ppn"}))
        .await;
    let milk = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .post(&mut manager, "/api/v1/suppliers", json!({"name": "PT Sumber Pangan", "npwp": "01.234.567.8-902.000", "pkp": true, "payment_terms": "net30"}))
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
        .send(&mut manager, Method::PUT, &format!("/api/v1/suppliers/{sumber}/products"),
            Some(json!({"product_id": milk, "purchase_unit": "karton", "per_base": "24", "last_price": "132000"})))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.json);

    // 60 karton ordered at Rp132.000; 48 came (value 48/60 of Rp7.920.000).
    let (po, line) = order(app, &mut manager, &sumber, &store, &milk, "60", "132000").await;
    let first = receive(app, &mut manager, &po, &line, &milk, "1152").await;

    // Billed for all 60 while 48 came: recorded, with the quantity difference shown.
    let r = app
        .post(&mut manager, "/api/v1/supplier-invoices", json!({"supplier_id": sumber, "number": "SP/INV/2612-01",
            "invoice_on": "2026-11-01", "po_id": po, "lines": [{"product_id": milk, "quantity": "1440", "value": "7920000"}]}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let wrong = r.json["id"].as_str().unwrap().to_string();
    assert_eq!(r.json["matched"], false);
    assert_eq!(r.json["lines"][0]["mismatches"], json!(["quantity"]));
    assert_eq!(dec(&r.json["lines"][0]["quantity_difference"]), d(288));
    assert_eq!(dec(&r.json["lines"][0]["value_difference"]), d(1_584_000));
    assert_eq!(dec(&r.json["lines"][0]["received_value"]), d(6_336_000));
    // PPN masukan 12% × 11/12 = 11% of Rp7.920.000; due 30 days after.
    assert_eq!(dec(&r.json["ppn"]), d(871_200));
    assert_eq!(dec(&r.json["total"]), d(8_791_200));
    assert_eq!(r.json["due_on"], "2026-12-01");
    assert_eq!(r.json["receipt_numbers"].as_array().unwrap().len(), 1);
    assert_eq!(r.json["status"], "open");

    // The receipt is billed now: a second invoice for it, or the same number, is refused.
    for (number, body_po) in [
        ("SP/INV/2612-02", po.clone()),
        ("SP/INV/2612-01", po.clone()),
    ] {
        let r = app
            .post(
                &mut manager,
                "/api/v1/supplier-invoices",
                json!({"supplier_id": sumber, "number": number,
                "invoice_on": "2026-11-01", "po_id": body_po, "receipt_ids": [first],
                "lines": [{"product_id": milk, "quantity": "1152", "value": "6336000"}]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.json);
        assert_eq!(r.json["error"]["code"], "already_billed");
    }

    // The rest (12 karton) comes and is billed at Rp133.000 a karton: a price difference.
    let second = receive(app, &mut manager, &po, &line, &milk, "288").await;
    let r = app
        .post(
            &mut manager,
            "/api/v1/supplier-invoices",
            json!({"supplier_id": sumber, "number": "SP/INV/2612-03",
            "invoice_on": "2026-11-20", "receipt_ids": [second], "po_id": po,
            "lines": [{"product_id": milk, "quantity": "288", "value": "1596000"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let dearer = r.json["id"].as_str().unwrap().to_string();
    assert_eq!(r.json["lines"][0]["mismatches"], json!(["price"]));
    assert_eq!(dec(&r.json["lines"][0]["value_difference"]), d(12_000));
    assert_eq!(dec(&r.json["total"]), d(1_771_560));

    // Bad input in words; nothing without a receipt to bill.
    let r = app
        .post(
            &mut manager,
            "/api/v1/supplier-invoices",
            json!({"supplier_id": sumber, "number": "X", "invoice_on": "2026-13-01",
            "po_id": po, "lines": [{"product_id": milk, "quantity": "1", "value": "1"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["field"], "invoice_on");
    let r = app
        .post(
            &mut manager,
            "/api/v1/supplier-invoices",
            json!({"supplier_id": sumber, "number": "X", "invoice_on": "2026-12-01",
            "lines": [{"product_id": milk, "quantity": "1", "value": "1"}]}),
        )
        .await;
    assert_eq!(r.json["error"]["field"], "po_id", "{}", r.json);

    // Payments: a manager may not pay; the owner pays part, never more than is owed.
    let pay = |id: &str| format!("/api/v1/supplier-invoices/{id}/payments");
    let r = app
        .post(
            &mut manager,
            &pay(&wrong),
            json!({"amount": "1000", "method": "cash"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(&mut owner, &pay(&wrong), json!({"amount": "3000000", "method": "transfer", "reference": "BCA 0112", "paid_on": "2026-11-25"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["status"], "partly_paid");
    assert_eq!(dec(&r.json["outstanding"]), d(5_791_200));
    assert_eq!(r.json["payments"][0]["paid_by"], "Budi Santoso");
    let r = app
        .post(
            &mut owner,
            &pay(&wrong),
            json!({"amount": "5791201", "method": "cash"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json["error"]["code"], "overpayment");
    let r = app
        .post(
            &mut owner,
            &pay(&wrong),
            json!({"amount": "0", "method": "cash"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Two payments of Rp4.000.000 at once against Rp5.791.200 owed: one goes through.
    let body = json!({"amount": "4000000", "method": "cash", "paid_on": "2026-11-28"});
    let (mut a, mut b) = (owner.clone(), owner.clone());
    let path = pay(&wrong);
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
    let r = app
        .post(
            &mut owner,
            &pay(&wrong),
            json!({"amount": "1791200", "method": "transfer", "paid_on": "2026-11-30"}),
        )
        .await;
    assert_eq!(r.json["status"], "paid", "{}", r.json);
    assert_eq!(dec(&r.json["paid"]), d(8_791_200));

    // The aging on 20 December: the dearer bill (due 20 December) is current; as of
    // 10 January it is 21 days past due.
    let r = app
        .get(&mut manager, "/api/v1/payables/aging?as_of=2026-12-20")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["total"], 1);
    assert_eq!(dec(&r.json["items"][0]["current"]), d(1_771_560));
    assert_eq!(dec(&r.json["totals"]["total"]), d(1_771_560));
    let r = app
        .get(&mut manager, "/api/v1/payables/aging?as_of=2027-01-10")
        .await;
    assert_eq!(dec(&r.json["items"][0]["days_1_30"]), d(1_771_560));
    assert_eq!(dec(&r.json["items"][0]["current"]), d(0));
    let r = app
        .get(&mut manager, "/api/v1/supplier-invoices?status=owed")
        .await;
    assert_eq!(r.json["total"], 1);
    assert_eq!(r.json["items"][0]["id"], dearer.as_str());

    // The statement: two bills and three payments, a running balance that pages.
    let path = format!("/api/v1/suppliers/{sumber}/statement?from=2026-11-01&to=2026-12-31");
    let r = app.get(&mut manager, &path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["total"], 5);
    assert_eq!(dec(&r.json["opening"]), d(0));
    assert_eq!(dec(&r.json["closing"]), d(1_771_560));
    let kinds: Vec<&str> = r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["invoice", "invoice", "payment", "payment", "payment"]
    );
    let balances: Vec<Decimal> = r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| dec(&e["balance"]))
        .collect();
    assert_eq!(balances.last(), Some(&d(1_771_560)));
    let r = app
        .get(&mut manager, &format!("{path}&limit=2&offset=2"))
        .await;
    assert_eq!(dec(&r.json["items"][0]["balance"]), balances[2]);
    assert_eq!(dec(&r.json["items"][1]["balance"]), balances[3]);
    // From the 21st the first bill and its payments are the opening balance.
    let r = app
        .get(
            &mut manager,
            &format!("/api/v1/suppliers/{sumber}/statement?from=2026-11-21&to=2026-12-31"),
        )
        .await;
    assert_eq!(dec(&r.json["opening"]), d(8_791_200 + 1_771_560));
    assert_eq!(r.json["total"], 3);

    // The supplier sees its own bills and payments; the other supplier and tenant nothing.
    let mut sp = app.login("supplier@makmur.test").await;
    let r = app.get(&mut sp, "/api/v1/supplier-portal/invoices").await;
    assert_eq!(r.json["total"], 2, "{}", r.json);
    let r = app
        .get(
            &mut sp,
            &format!("/api/v1/supplier-portal/invoices/{wrong}"),
        )
        .await;
    assert_eq!(r.json["payments"].as_array().unwrap().len(), 3);
    let mut sp2 = app.login("supplier2@makmur.test").await;
    let r = app.get(&mut sp2, "/api/v1/supplier-portal/invoices").await;
    assert_eq!(r.json["total"], 0);
    for path in [
        format!("/api/v1/supplier-portal/invoices/{wrong}"),
        format!("/api/v1/supplier-invoices/{wrong}"),
        "/api/v1/payables/aging".to_string(),
        format!("/api/v1/suppliers/{sumber}/statement"),
    ] {
        let r = app.get(&mut sp2, &path).await;
        assert!(
            matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
            "{path}: {}",
            r.status
        );
    }
    let (mut other, _) = app.other_tenant_with_outlet().await;
    for path in [
        format!("/api/v1/supplier-invoices/{wrong}"),
        format!("/api/v1/suppliers/{sumber}/statement"),
    ] {
        let r = app.get(&mut other, &path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    let r = app
        .post(
            &mut other,
            &pay(&dearer),
            json!({"amount": "1", "method": "cash"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.get(&mut other, "/api/v1/payables/aging").await;
    assert_eq!(r.json["total"], 0);

    // Each bill and payment is in the audit log with who made it.
    let r = app
        .get(&mut owner, "/api/v1/audit?entity=supplier_invoice")
        .await;
    let actions: Vec<String> = r.json["items"]
        .as_array()
        .or(r.json.as_array())
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "supplier_invoice.create")
            .count(),
        2
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "supplier_invoice.pay")
            .count(),
        3
    );
}
on_every_backend!(payables_story_to_the_rupiah, story);
