//! Absurd numbers, dates and text (#12, points 3, 8 and 9): refused with a 422 that names
//! the field, never stored, and never a 500 — and what is already stored, however large,
//! cannot make a later request fail.
use crate::common;

use axum::http::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{json, Value};

use crate::till::{now, sale, shop, uuid};
use common::{Agent, TestApp};

fn refused(r: &common::Response, field: &str) {
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.json["error"]["field"], field, "{}", r.json);
}

async fn open_shift(app: &TestApp, kasir: &mut Agent, outlet: &str) -> String {
    let shift = uuid();
    let r = app
        .post(
            kasir,
            "/api/v1/shifts",
            json!({"id": shift, "outlet_id": outlet, "opening_float": "100000", "opened_at": now()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    shift
}

async fn absurd_numbers(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let shift = open_shift(app, &mut kasir, &shop.outlet).await;

    // The two sales of 9·10^18 and 10^18 units that broke the stock sum.
    for qty in ["9000000000000000000", "1000000000000000000", "1000000000"] {
        let mut s = sale(&shop, &shift, &format!("MKM1-D01-Q{qty}"), 1, "cash", 5000);
        s["lines"][0]["quantity"] = json!(qty);
        refused(
            &app.post(&mut kasir, "/api/v1/sales", s).await,
            "lines[0].quantity",
        );
    }
    let mut s = sale(&shop, &shift, "MKM1-D01-Q4", 1, "cash", 5000);
    s["lines"][0]["quantity"] = json!("0.0001");
    refused(
        &app.post(&mut kasir, "/api/v1/sales", s).await,
        "lines[0].quantity",
    );
    // Rp4·10^28 typed at the till.
    let mut s = sale(&shop, &shift, "MKM1-D01-P1", 1, "cash", 5000);
    s["lines"][0]["unit_price"] = json!("40000000000000000000000000000");
    refused(
        &app.post(&mut kasir, "/api/v1/sales", s).await,
        "lines[0].unit_price",
    );
    // A tender past the bound.
    let mut s = sale(&shop, &shift, "MKM1-D01-P2", 1, "cash", 5000);
    s["payments"][0]["amount"] = json!("90000000000000");
    refused(&app.post(&mut kasir, "/api/v1/sales", s).await, "tenders");
    // 1,001 lines, and the 3,700 that once ran out of SQL variables: a 422, not a 500.
    for n in [1_001, 3_700] {
        let mut s = sale(&shop, &shift, &format!("MKM1-D01-L{n}"), 1, "cash", 5000);
        let line = s["lines"][0].clone();
        s["lines"] = Value::Array(vec![line; n]);
        refused(&app.post(&mut kasir, "/api/v1/sales", s).await, "lines");
    }
    // A sale of 1,000 lines, the most there may be, is stored.
    let mut s = sale(&shop, &shift, "MKM1-D01-L1000", 1, "cash", 5_000_000);
    let line = s["lines"][0].clone();
    s["lines"] = Value::Array(vec![line; 1_000]);
    s["totals"] = json!({"subtotal": "5000000", "discount_total": "0", "service_charge": "0",
        "tax": "495495", "rounding": "0", "grand_total": "5000000", "paid_total": "5000000", "change": "0"});
    let r = app.post(&mut kasir, "/api/v1/sales", s).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["lines"].as_array().unwrap().len(), 1_000);

    // Voids of Rp5·10^28, and one void of two items each inside the bound whose sum is not.
    for amounts in [
        vec!["50000000000000000000000000000"],
        vec!["9000000000000", "9000000000000"],
    ] {
        let items: Vec<Value> = amounts
            .iter()
            .map(|a| json!({"product_id": shop.teh, "name": "Teh Kotak", "quantity": "1", "amount": a}))
            .collect();
        let field = if amounts.len() == 1 {
            "items[0].amount"
        } else {
            "items"
        };
        let void = json!({"id": uuid(), "outlet_id": shop.outlet, "shift_id": shift, "kind": "cart",
            "at": now(), "items": items});
        refused(&app.post(&mut kasir, "/api/v1/voids", void).await, field);
    }
    // Cash out, an opening float and a stock adjustment past the bounds.
    let path = format!("/api/v1/shifts/{shift}/cash-movements");
    let r = app
        .post(
            &mut kasir,
            &path,
            json!({"id": uuid(), "kind": "in", "amount": "40000000000000000000000000000", "reason": "x", "at": now()}),
        )
        .await;
    refused(&r, "amount");
    let r = app
        .post(
            &mut owner,
            "/api/v1/shifts",
            json!({"id": uuid(), "outlet_id": shop.outlet, "opening_float": "10000000000000", "opened_at": now()}),
        )
        .await;
    refused(&r, "opening_float");
    let r = app
        .post(
            &mut owner,
            "/api/v1/stock-adjustments",
            json!({"outlet_id": shop.outlet, "product_id": shop.teh, "quantity": "9000000000000000000", "reason": "x"}),
        )
        .await;
    refused(&r, "quantity");
    // Closing with 4 billion notes of one kind.
    let close =
        json!({"closed_at": now(), "counted": [{"denomination": 100000, "count": 4000000000u32}]});
    let r = app
        .post(&mut kasir, &format!("/api/v1/shifts/{shift}/close"), close)
        .await;
    refused(&r, "counted");

    // What is stored, however large, never fails a later request: movements that together
    // pass i64, and two sales whose totals together pass `Decimal`.
    let me = app.get(&mut owner, "/api/v1/auth/me").await.json;
    let tenant = me["user"]["tenant_id"].as_str().unwrap().to_string();
    for _ in 0..3 {
        app.db
            .execute(Statement::from_sql_and_values(
                app.db.get_database_backend(),
                match app.db.get_database_backend() {
                    sea_orm::DatabaseBackend::Postgres => {
                        "INSERT INTO stock_movements (id, tenant_id, outlet_id, product_id, kind, quantity, quantity_milli, at) VALUES ($1, $2, $3, $4, 'adjustment', '1', $5, '2026-01-01T00:00:00Z')"
                    }
                    _ => {
                        "INSERT INTO stock_movements (id, tenant_id, outlet_id, product_id, kind, quantity, quantity_milli, at) VALUES (?, ?, ?, ?, 'adjustment', '1', ?, '2026-01-01T00:00:00Z')"
                    }
                },
                [
                    uuid().into(),
                    tenant.clone().into(),
                    shop.outlet.clone().into(),
                    shop.teh.clone().into(),
                    (i64::MAX / 2).into(),
                ],
            ))
            .await
            .unwrap();
    }
    let r = app
        .get(
            &mut owner,
            &format!("/api/v1/outlets/{}/stock", shop.outlet),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let s = sale(&shop, &shift, "MKM1-D01-S1", 1, "cash", 5000);
    let r = app.post(&mut kasir, "/api/v1/sales", s).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let s = sale(&shop, &shift, "MKM1-D01-S2", 1, "cash", 5000);
    assert_eq!(
        app.post(&mut kasir, "/api/v1/sales", s).await.status,
        StatusCode::CREATED
    );
    app.db
        .execute(Statement::from_string(
            app.db.get_database_backend(),
            // The largest amount a sale may carry (just under Rp10.000.000.000.000, in sen):
            // a report over many of them still adds up in a BIGINT.
            "UPDATE sales SET grand_total_sen = 999999999999999, paid_total_sen = 999999999999999 WHERE receipt_no IN ('MKM1-D01-S1', 'MKM1-D01-S2')",
        ))
        .await
        .unwrap();
    for path in [
        "/api/v1/reports/sales".to_string(),
        "/api/v1/reports/sales?format=csv".to_string(),
        format!("/api/v1/shifts/{shift}"),
    ] {
        let r = app.get(&mut owner, &path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.json);
    }
    let close = json!({"closed_at": now(), "counted": [{"denomination": 100000, "count": 1}]});
    let r = app
        .post(&mut kasir, &format!("/api/v1/shifts/{shift}/close"), close)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
}
on_every_backend!(absurd_amounts_and_quantities_are_refused, absurd_numbers);

async fn absurd_savings(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    crate::koperasi::products(app, &mut owner).await;
    let r = app
        .post(&mut owner, "/api/v1/members", crate::koperasi::siti())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let ss = common::account(&r.json, "SS");
    let path = format!("/api/v1/savings-accounts/{ss}/deposits");
    // The deposit of Rp9·10^18 after which every deposit was a 500.
    let r = app
        .post(&mut owner, &path, json!({"amount": "9000000000000000000"}))
        .await;
    refused(&r, "amount");
    // A balance just below the ceiling of Rp10^15: of four parallel deposits of Rp5.000,
    // two fit and two are refused, however they interleave.
    app.db
        .execute(Statement::from_string(
            app.db.get_database_backend(),
            format!("UPDATE savings_accounts SET balance = 999999999988000 WHERE id = '{ss}'"),
        ))
        .await
        .unwrap();
    let results = futures::future::join_all((0..4).map(|_| {
        let mut who = owner.clone();
        let path = path.clone();
        async move {
            let r = app.post(&mut who, &path, json!({"amount": "5000"})).await;
            (r.status, r.json)
        }
    }))
    .await;
    let mut ok = 0;
    for (status, body) in results {
        match status {
            StatusCode::CREATED => ok += 1,
            StatusCode::UNPROCESSABLE_ENTITY => assert_eq!(body["error"]["field"], "amount"),
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(ok, 2);
    let balance = app
        .db
        .query_one(Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT balance FROM savings_accounts WHERE id = '{ss}'"),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    assert_eq!(balance, 999_999_999_998_000);
}
on_every_backend!(absurd_deposits_are_refused, absurd_savings);

async fn absurd_requests(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    // Dates past chrono's arithmetic, on every route that takes a period.
    for path in [
        "/api/v1/reports/sales?from=-262143-01-01",
        "/api/v1/reports/sales?to=%2B262142-12-31",
        "/api/v1/sales?from=-262143-01-01",
        "/api/v1/audit?from=-262143-01-01",
        "/api/v1/audit?to=9999-12-31T23:59:59Z",
    ] {
        let r = app.get(&mut owner, path).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            r.json
        );
    }
    // An offset past i64.
    let r = app
        .get(&mut owner, "/api/v1/products?offset=9223372036854775808")
        .await;
    refused(&r, "offset");
    let r = app.get(&mut owner, "/api/v1/products?offset=1000000").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    // Control characters and overlong text, in a body and in a query.
    let shop = shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let s = sale(&shop, "", "MKM1-D01\u{0}", 1, "cash", 5000);
    refused(
        &app.post(&mut kasir, "/api/v1/sales", s).await,
        "receipt_no",
    );
    let r = app
        .post(
            &mut owner,
            "/api/v1/categories",
            json!({"name": "Minuman\u{7}"}),
        )
        .await;
    refused(&r, "name");
    let r = app
        .post(
            &mut owner,
            "/api/v1/categories",
            json!({"name": "x".repeat(10_001)}),
        )
        .await;
    refused(&r, "name");
    let r = app.get(&mut owner, "/api/v1/products?q=teh%00").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    // A sale dated in year 9999 or 0001.
    for at in ["9999-01-01T00:00:00Z", "0001-01-01T00:00:00Z"] {
        let mut s = sale(&shop, "", "MKM1-D01-T1", 1, "cash", 5000);
        s["sold_at"] = json!(at);
        s.as_object_mut().unwrap().remove("shift_id");
        refused(&app.post(&mut kasir, "/api/v1/sales", s).await, "sold_at");
    }
    // A payment reference of 5,000 characters.
    let mut s = sale(&shop, "", "MKM1-D01-T2", 1, "qris", 5000);
    s.as_object_mut().unwrap().remove("shift_id");
    s["payments"][0]["reference"] = json!("x".repeat(5_000));
    refused(
        &app.post(&mut kasir, "/api/v1/sales", s).await,
        "payments[0].reference",
    );
}
on_every_backend!(absurd_dates_offsets_and_text_are_refused, absurd_requests);
