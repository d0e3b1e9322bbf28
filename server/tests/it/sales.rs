//! Sales from the till: recomputed, idempotent, stock through the ledger, reports that match.
use crate::common;
use satu_server::kernel::money::Sen;

use axum::http::{Method, StatusCode};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use serde_json::{json, Value};

use common::{Agent, TestApp};
use satu_server::modules::inventory::entity::{category, product, product_barcode};

struct Shop {
    outlet: String,
    teh: String,
    beras: String,
}

async fn add_product(
    app: &TestApp,
    tenant: &str,
    sku: &str,
    name: &str,
    price: &str,
    unit: &str,
    category_id: Option<String>,
) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    product::ActiveModel {
        id: Set(id.clone()),
        tenant_id: Set(tenant.to_string()),
        group_id: Set(None),
        sku: Set(sku.to_string()),
        name: Set(name.to_string()),
        variant: Set(None),
        category_id: Set(category_id),
        unit: Set(unit.to_string()),
        cost_sen: Set(Sen(0)),
        price_sen: Set(Sen::of(price.parse().unwrap()).unwrap()),
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
    product_barcode::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        tenant_id: Set(tenant.to_string()),
        product_id: Set(id.clone()),
        code: Set(format!("{sku}-BC")),
    }
    .insert(&app.db)
    .await
    .unwrap();
    id
}

async fn shop(app: &TestApp, owner: &mut Agent) -> Shop {
    let me = app.get(owner, "/api/v1/auth/me").await.json;
    let tenant = me["user"]["tenant_id"].as_str().unwrap().to_string();
    let outlet = app.outlet_id(owner, "MKM1").await;
    let cat = uuid::Uuid::now_v7().to_string();
    category::ActiveModel {
        id: Set(cat.clone()),
        tenant_id: Set(tenant.clone()),
        name: Set("Minuman Dingin".into()),
        created_at: Set(Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let teh = add_product(
        app,
        &tenant,
        "TEH-01",
        "Teh Botol 350ml",
        "5000",
        "pcs",
        Some(cat),
    )
    .await;
    let beras = add_product(app, &tenant, "BRS-01", "Beras Curah", "14000", "kg", None).await;
    // 10 teh in stock, no beras yet.
    let r = app.post(owner, "/api/v1/stock-adjustments", json!({"outlet_id": outlet, "product_id": teh, "quantity": "10", "reason": "Stok awal"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    Shop { outlet, teh, beras }
}

/// A day a few days back (WIB), and the next: inside the window a till's clock may lag.
fn day(plus: i64) -> String {
    (Utc::now() + chrono::Duration::hours(7) - chrono::Duration::days(5 - plus))
        .date_naive()
        .to_string()
}

fn cash_sale(shop: &Shop, receipt: &str) -> Value {
    // 2 × Rp5.000 with PPN included: PPN = floor(10.000 × 11/111) = 990.
    json!({
        "client_sale_id": uuid::Uuid::now_v7().to_string(),
        "outlet_id": shop.outlet,
        "receipt_no": receipt,
        "sold_at": format!("{}T10:15:00+07:00", day(0)),
        "lines": [{"product_id": shop.teh, "quantity": "2", "unit_price": "5000"}],
        "payments": [{"method": "cash", "amount": "20000"}],
        "totals": {"subtotal": "10000", "discount_total": "0", "service_charge": "0", "tax": "990",
            "rounding": "0", "grand_total": "10000", "paid_total": "20000", "change": "10000"}
    })
}

async fn sale_count(app: &TestApp) -> u64 {
    satu_server::modules::pos::entity::sale::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

async fn records_and_replays(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let body = cash_sale(&shop, "MKM1-D01-000001");
    let r = app.post(&mut kasir, "/api/v1/sales", body.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["grand_total"], "10000");
    assert_eq!(r.json["tax_total"], "990");
    assert_eq!(r.json["change"], "10000");
    assert_eq!(r.json["status"], "completed");
    assert_eq!(r.json["lines"][0]["name"], "Teh Botol 350ml");
    let id = r.json["id"].as_str().unwrap().to_string();

    // The same sale sent again (a retry after a lost answer) is the same sale.
    let again = app.post(&mut kasir, "/api/v1/sales", body.clone()).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json["id"], id.as_str());
    assert_eq!(sale_count(app).await, 1);

    let pricing = app
        .get(
            &mut kasir,
            &format!("/api/v1/outlets/{}/pricing", shop.outlet),
        )
        .await
        .json;
    assert_eq!(
        pricing["tax"]["kind"], "ppn",
        "a minimarket's shelf prices include PPN: {pricing}"
    );
    assert_eq!(pricing["tax"]["price_mode"], "inclusive");
    let stock = app
        .get(
            &mut owner,
            &format!("/api/v1/outlets/{}/stock", shop.outlet),
        )
        .await
        .json;
    let teh = stock
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sku"] == "TEH-01")
        .unwrap();
    assert_eq!(teh["quantity"], "8");
    let moves = app
        .get(
            &mut owner,
            &format!(
                "/api/v1/outlets/{}/stock-movements?product_id={}",
                shop.outlet, shop.teh
            ),
        )
        .await
        .json;
    let kinds: Vec<&str> = moves
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["sale", "adjustment"]);
    assert_eq!(moves[0]["quantity"], "-2");
    assert_eq!(moves[0]["reference"], "MKM1-D01-000001");
    assert!(moves[0]["user_id"].is_string());

    // A different sale reusing the receipt number is refused.
    let mut other = cash_sale(&shop, "MKM1-D01-000001");
    other["client_sale_id"] = json!(uuid::Uuid::now_v7().to_string());
    let r = app.post(&mut kasir, "/api/v1/sales", other).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "receipt_no_taken");
}
on_every_backend!(a_sale_is_recorded_once_and_moves_stock, records_and_replays);

async fn concurrent_resends(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = shop(app, &mut owner).await;
    let kasir = app.login("kasir@makmur.test").await;
    let body = cash_sale(&shop, "MKM1-D01-000007");
    let mut handles = Vec::new();
    for _ in 0..8 {
        let router = app.router.clone();
        let cookies = kasir.cookies.clone();
        let body = body.clone();
        handles.push(tokio::spawn(async move {
            let cookie = cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            let req = axum::http::Request::post("/api/v1/sales")
                .header("cookie", cookie)
                .header("x-csrf-token", cookies["satu_csrf"].clone())
                .header("content-type", "application/json")
                .body(axum::body::Body::from(body.to_string()))
                .unwrap();
            let res = tower::ServiceExt::oneshot(router, req).await.unwrap();
            let status = res.status();
            let bytes = http_body_util::BodyExt::collect(res.into_body())
                .await
                .unwrap()
                .to_bytes();
            (status, serde_json::from_slice::<Value>(&bytes).unwrap())
        }));
    }
    let mut ids = Vec::new();
    let mut created = 0;
    for h in handles {
        let (status, json) = h.await.unwrap();
        assert!(
            status == StatusCode::CREATED || status == StatusCode::OK,
            "{status} {json}"
        );
        if status == StatusCode::CREATED {
            created += 1;
        }
        ids.push(json["id"].as_str().unwrap().to_string());
    }
    assert_eq!(created, 1);
    assert!(ids.iter().all(|i| i == &ids[0]));
    assert_eq!(sale_count(app).await, 1);
    let stock = app
        .get(
            &mut owner,
            &format!("/api/v1/outlets/{}/stock", shop.outlet),
        )
        .await
        .json;
    assert_eq!(
        stock
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["sku"] == "TEH-01")
            .unwrap()["quantity"],
        "8"
    );
}
on_every_backend!(concurrent_resends_create_one_sale, concurrent_resends);

async fn recompute(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let mut body = cash_sale(&shop, "MKM1-D01-000002");
    body["totals"]["grand_total"] = json!("9000");
    let r = app.post(&mut kasir, "/api/v1/sales", body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "totals_mismatch");
    assert_eq!(sale_count(app).await, 0);

    // Underpaid: refused by the domain's settlement rules.
    let mut body = cash_sale(&shop, "MKM1-D01-000003");
    body["payments"] = json!([{"method": "cash", "amount": "5000"}]);
    let r = app.post(&mut kasir, "/api/v1/sales", body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);

    // Split tender: QRIS for part, cash for the rest with change.
    let mut body = cash_sale(&shop, "MKM1-D01-000004");
    body["payments"] = json!([{"method": "qris", "amount": "4000", "reference": "QR-1"}, {"method": "cash", "amount": "10000"}]);
    body["totals"]["paid_total"] = json!("14000");
    body["totals"]["change"] = json!("4000");
    let r = app.post(&mut kasir, "/api/v1/sales", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["payments"].as_array().unwrap().len(), 2);

    // Line discount of 10% and a weighed item sold offline with no stock: kept, but flagged.
    let body = json!({
        "client_sale_id": uuid::Uuid::now_v7().to_string(),
        "outlet_id": shop.outlet,
        "receipt_no": "MKM1-D01-000005",
        "sold_at": format!("{}T11:40:00+07:00", day(0)),
        "lines": [
            {"product_id": shop.teh, "quantity": "1", "unit_price": "5000", "discount": {"percent": "10"}},
            {"product_id": shop.beras, "quantity": "1.5", "unit_price": "14000"}
        ],
        "payments": [{"method": "transfer", "amount": "25500"}],
        "totals": {"subtotal": "26000", "discount_total": "500", "service_charge": "0", "tax": "2527",
            "rounding": "0", "grand_total": "25500", "paid_total": "25500", "change": "0"}
    });
    let r = app.post(&mut kasir, "/api/v1/sales", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["status"], "flagged");
    assert_eq!(r.json["flags"], json!(["negative_stock"]));
    let stock = app
        .get(
            &mut owner,
            &format!("/api/v1/outlets/{}/stock", shop.outlet),
        )
        .await
        .json;
    let beras = stock
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sku"] == "BRS-01")
        .unwrap();
    assert_eq!(beras["quantity"], "-1.5");

    // Sold at an old price: the sale stands as charged, flagged for a manager.
    let mut body = cash_sale(&shop, "MKM1-D01-000006");
    body["lines"][0]["unit_price"] = json!("4500");
    body["totals"] = json!({"subtotal": "9000", "discount_total": "0", "service_charge": "0", "tax": "891",
        "rounding": "0", "grand_total": "9000", "paid_total": "20000", "change": "11000"});
    let r = app.post(&mut kasir, "/api/v1/sales", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["flags"], json!(["price_changed"]));
}
on_every_backend!(the_server_recomputes_and_flags, recompute);

async fn report(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;
    for n in 1..=3 {
        let r = app
            .post(
                &mut kasir,
                "/api/v1/sales",
                cash_sale(&shop, &format!("MKM1-D01-00001{n}")),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let mut late = cash_sale(&shop, "MKM1-D01-000020");
    late["sold_at"] = json!(format!("{}T23:30:00+07:00", day(0)));
    late["payments"] = json!([{"method": "qris", "amount": "10000"}]);
    late["totals"]["paid_total"] = json!("10000");
    late["totals"]["change"] = json!("0");
    assert_eq!(
        app.post(&mut kasir, "/api/v1/sales", late).await.status,
        StatusCode::CREATED
    );
    let mut next_day = cash_sale(&shop, "MKM1-D01-000021");
    next_day["sold_at"] = json!(format!("{}T00:10:00+07:00", day(1)));
    assert_eq!(
        app.post(&mut kasir, "/api/v1/sales", next_day).await.status,
        StatusCode::CREATED
    );

    let url = format!(
        "/api/v1/reports/sales?outlet_id={}&from={d}&to={d}",
        shop.outlet,
        d = day(0)
    );
    let r = app.get(&mut owner, &url).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let j = &r.json;
    assert_eq!(
        j["sales_count"], 4,
        "the 00:10 WIB sale belongs to the next day"
    );
    assert_eq!(j["gross"], "40000");
    assert_eq!(j["tax"], "3960");
    assert_eq!(j["total"], "40000");
    assert_eq!(j["net"], "36040");
    assert_eq!(j["by_product"][0]["quantity"], "8");
    assert_eq!(j["by_category"][0]["label"], "Minuman Dingin");
    assert_eq!(j["by_cashier"][0]["label"], "Dewi Lestari");
    assert_eq!(j["by_cashier"][0]["count"], 4);
    let pay: Vec<(String, String)> = j["by_payment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["key"].as_str().unwrap().to_string(),
                b["amount"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        pay,
        vec![
            ("cash".into(), "30000".into()),
            ("qris".into(), "10000".into())
        ]
    );
    let hours: Vec<&str> = j["by_hour"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["key"].as_str().unwrap())
        .collect();
    assert_eq!(hours, vec!["10", "23"]);

    let csv = app.get(&mut owner, &format!("{url}&format=csv")).await;
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    let text = csv.json.as_str().unwrap();
    assert!(text.starts_with("section,key,label,count,quantity,amount\n"));
    assert!(text.contains("summary,total,total,4,,40000"));

    let list = app
        .get(
            &mut owner,
            &format!(
                "/api/v1/sales?outlet_id={}&from={d}&to={d}",
                shop.outlet,
                d = day(1)
            ),
        )
        .await
        .json;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["receipt_no"], "MKM1-D01-000021");
}
on_every_backend!(reports_match_the_sales, report);

async fn isolation_and_roles(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let sale = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            cash_sale(&shop, "MKM1-D01-000030"),
        )
        .await
        .json;
    let sale_id = sale["id"].as_str().unwrap();
    assert_eq!(
        app.get(&mut kasir, "/api/v1/sales").await.status,
        StatusCode::FORBIDDEN,
        "cashiers do not browse sales"
    );
    let mut member = app.login("anggota@makmur.test").await;
    assert_eq!(
        app.post(&mut member, "/api/v1/sales", cash_sale(&shop, "X-1"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = app.post(&mut kasir, "/api/v1/stock-adjustments", json!({"outlet_id": shop.outlet, "product_id": shop.teh, "quantity": "5", "reason": "x"})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // A second tenant.
    let (mut other, other_outlet) = app.other_tenant_with_outlet().await;

    assert_eq!(
        app.get(&mut other, &format!("/api/v1/sales/{sale_id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(
            &mut other,
            &format!("/api/v1/sales?from={d}&to={d}", d = day(0))
        )
        .await
        .json,
        json!([])
    );
    assert_eq!(
        app.get(
            &mut other,
            &format!("/api/v1/outlets/{}/stock", shop.outlet)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let r = app.post(&mut other, "/api/v1/stock-adjustments", json!({"outlet_id": shop.outlet, "product_id": shop.teh, "quantity": "-5", "reason": "x"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.post(&mut other, "/api/v1/stock-adjustments", json!({"outlet_id": other_outlet, "product_id": shop.teh, "quantity": "-5", "reason": "x"})).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another tenant's product is unknown here"
    );
    // Selling tenant A's product through tenant B's outlet is refused.
    let mut body = cash_sale(&shop, "WR1-D01-000001");
    body["outlet_id"] = json!(other_outlet);
    let r = app.post(&mut other, "/api/v1/sales", body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["field"], "lines[0].product_id");
    let report = app
        .get(
            &mut other,
            &format!("/api/v1/reports/sales?from={d}&to={d}", d = day(0)),
        )
        .await
        .json;
    assert_eq!(report["sales_count"], 0);
    let _ = Method::GET;
}
on_every_backend!(sales_and_stock_are_tenant_scoped, isolation_and_roles);

/// A second tenant with one retail outlet: its owner's agent and the outlet id.
/// 2 × Rp5.000 with a cart discount, paid exactly by transfer.
fn discounted_sale(shop: &Shop, receipt: &str, percent: &str, approval: Option<&str>) -> Value {
    // PPN included: floor(grand total × 11/111).
    let (discount, grand, tax) = match percent {
        "10" => ("1000", "9000", "891"),
        "15" => ("1500", "8500", "842"),
        "20" => ("2000", "8000", "792"),
        other => panic!("no figures for {other}%"),
    };
    json!({
        "client_sale_id": uuid::Uuid::now_v7().to_string(),
        "outlet_id": shop.outlet,
        "receipt_no": receipt,
        "sold_at": format!("{}T12:00:00+07:00", day(0)),
        "lines": [{"product_id": shop.teh, "quantity": "2", "unit_price": "5000"}],
        "cart_discount": {"percent": percent},
        "payments": [{"method": "transfer", "amount": grand}],
        "discount_approval_id": approval,
        "totals": {"subtotal": "10000", "discount_total": discount, "service_charge": "0", "tax": tax,
            "rounding": "0", "grand_total": grand, "paid_total": grand, "change": "0"}
    })
}

async fn user_id(app: &TestApp, owner: &mut Agent, email: &str) -> String {
    let users = app.get(owner, "/api/v1/users").await.json;
    users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn discount_limits(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = shop(app, &mut owner).await;
    let manager_id = user_id(app, &mut owner, "manager@makmur.test").await;
    let kasir_id = user_id(app, &mut owner, "kasir@makmur.test").await;
    let mut kasir = app.login("kasir@makmur.test").await;

    // Within the cashier's 10%: no approval needed.
    let r = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            discounted_sale(&shop, "MKM1-D01-000101", "10", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["discount_approved_by"], Value::Null);

    // 15% without approval: refused, nothing stored.
    let before = sale_count(app).await;
    let r = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            discounted_sale(&shop, "MKM1-D01-000102", "15", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.error_code(), "discount_needs_approval");
    assert_eq!(sale_count(app).await, before);

    // Wrong PIN, a cashier as approver, another user's PIN: all refused alike.
    let approve = |approver: &str, pin: &str, percent: &str| json!({"outlet_id": shop.outlet, "approver_id": approver, "pin": pin, "percent": percent});
    let r = app
        .post(
            &mut kasir,
            "/api/v1/discount-approvals",
            approve(&manager_id, "000000", "15"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.json);
    let r = app
        .post(
            &mut kasir,
            "/api/v1/discount-approvals",
            approve(&kasir_id, "123456", "15"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.json);
    let r = app
        .post(
            &mut kasir,
            "/api/v1/discount-approvals",
            approve(&manager_id, "246810", "0"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);

    // An approval for 12% does not cover 15%.
    let r = app
        .post(
            &mut kasir,
            "/api/v1/discount-approvals",
            approve(&manager_id, "246810", "12"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let small = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            discounted_sale(&shop, "MKM1-D01-000103", "15", Some(&small)),
        )
        .await;
    assert_eq!(r.error_code(), "discount_needs_approval", "{}", r.json);

    // The manager's PIN for 15%: accepted, recorded on the sale and in the audit trail.
    let r = app
        .post(
            &mut kasir,
            "/api/v1/discount-approvals",
            approve(&manager_id, "246810", "15"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["approver_name"], "Agus Pratama");
    let approval = r.json["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            discounted_sale(&shop, "MKM1-D01-000104", "15", Some(&approval)),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["discount_approved_by"], manager_id.as_str());
    assert_eq!(r.json["discount_total"], "1500");
    let audit = app
        .get(&mut owner, "/api/v1/audit?action=discount.approve")
        .await
        .json;
    assert!(audit.to_string().contains("Agus Pratama"), "{audit}");

    // One approval, one sale.
    let r = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            discounted_sale(&shop, "MKM1-D01-000105", "15", Some(&approval)),
        )
        .await;
    assert_eq!(r.error_code(), "discount_needs_approval", "{}", r.json);

    // A manager selling gives 20% on her own.
    let mut manager = app.login("manager@makmur.test").await;
    let r = app
        .post(
            &mut manager,
            "/api/v1/sales",
            discounted_sale(&shop, "MKM1-D01-000106", "20", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);

    // The owner raises the outlet's limit to 20%: the cashier needs no approval for 15%.
    let r = app
        .send(
            &mut owner,
            Method::PATCH,
            &format!("/api/v1/outlets/{}", shop.outlet),
            Some(json!({"cashier_discount_limit_percent": "20"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["cashier_discount_limit_percent"], "20");
    let r = app
        .post(
            &mut kasir,
            "/api/v1/sales",
            discounted_sale(&shop, "MKM1-D01-000107", "15", None),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app
        .send(
            &mut owner,
            Method::PATCH,
            &format!("/api/v1/outlets/{}", shop.outlet),
            Some(json!({"cashier_discount_limit_percent": "101"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);

    // Another tenant can neither use this outlet nor this tenant's manager.
    let (mut other, other_outlet) = app.other_tenant_with_outlet().await;
    let r = app
        .post(
            &mut other,
            "/api/v1/discount-approvals",
            approve(&manager_id, "246810", "15"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    let r = app
        .post(
            &mut other,
            "/api/v1/discount-approvals",
            json!({"outlet_id": other_outlet, "approver_id": manager_id, "pin": "246810", "percent": "15"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.json);
}
on_every_backend!(discounts_above_the_limit_need_a_manager, discount_limits);

async fn customer_history(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let shop = shop(app, &mut owner).await;
    let mut kasir = app.login("kasir@makmur.test").await;
    let r = app
        .post(
            &mut kasir,
            "/api/v1/customers",
            json!({"name": "Siti Aminah", "phone": "0812-3456-7890"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let customer = r.json["id"].as_str().unwrap().to_string();

    let mut body = cash_sale(&shop, "MKM1-D01-000201");
    body["customer_id"] = json!(customer);
    let r = app.post(&mut kasir, "/api/v1/sales", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["customer_id"], customer.as_str());
    let mut body = discounted_sale(&shop, "MKM1-D01-000202", "10", None);
    body["customer_id"] = json!(customer);
    assert_eq!(
        app.post(&mut kasir, "/api/v1/sales", body).await.status,
        StatusCode::CREATED
    );
    // A sale without a customer is not in her history.
    app.post(
        &mut kasir,
        "/api/v1/sales",
        cash_sale(&shop, "MKM1-D01-000203"),
    )
    .await;

    let path = format!("/api/v1/customers/{customer}/sales");
    let r = app.get(&mut owner, &path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["count"], 2);
    assert_eq!(r.json["total"], "19000");
    assert_eq!(r.json["customer"]["phone"], "+6281234567890");
    assert_eq!(r.json["purchases"][0]["receipt_no"], "MKM1-D01-000202");
    assert_eq!(
        app.get(&mut kasir, &path).await.status,
        StatusCode::FORBIDDEN
    );

    // An unknown customer is refused, and another tenant sees neither the customer nor
    // her history.
    let mut body = cash_sale(&shop, "MKM1-D01-000204");
    body["customer_id"] = json!(uuid::Uuid::now_v7().to_string());
    let r = app.post(&mut kasir, "/api/v1/sales", body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["field"], "customer_id");
    let (mut other, other_outlet) = app.other_tenant_with_outlet().await;
    assert_eq!(
        app.get(&mut other, &path).await.status,
        StatusCode::NOT_FOUND
    );
    let mut body = cash_sale(&shop, "WR1-D01-000009");
    body["outlet_id"] = json!(other_outlet);
    body["customer_id"] = json!(customer);
    let r = app.post(&mut other, "/api/v1/sales", body).await;
    assert_eq!(r.json["error"]["field"], "customer_id", "{}", r.json);
}
on_every_backend!(customers_see_their_purchases, customer_history);
