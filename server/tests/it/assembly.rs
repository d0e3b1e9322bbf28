//! Assembly: a parsel Lebaran built from syrup, biscuits and coffee at the store, its cost
//! the sum of theirs to the rupiah, one taken apart again; never more than is on the
//! shelf, a parsel cannot hold a parsel, and another tenant reaches none of it.
use crate::common;

use axum::http::{Method, StatusCode};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

use common::{Agent, TestApp};

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or("0")).unwrap()
}

async fn product(app: &TestApp, who: &mut Agent, sku: &str, cost: &str, price: &str) -> String {
    let r = app
        .post(
            who,
            "/api/v1/products",
            json!({"sku": sku, "name": format!("Produk {sku}"), "unit": "pcs",
                "cost": cost, "price": price, "tax": "ppn"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["id"].as_str().unwrap().to_string()
}

async fn on_hand(app: &TestApp, who: &mut Agent, outlet: &str, product: &str) -> Decimal {
    let levels = app
        .get(who, &format!("/api/v1/outlets/{outlet}/stock"))
        .await
        .json;
    levels
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product_id"] == product)
        .map_or(Decimal::ZERO, |l| dec(&l["quantity"]))
}

async fn recipe(app: &TestApp, who: &mut Agent, bundle: &str, parts: Value) -> common::Response {
    app.send(
        who,
        Method::PUT,
        &format!("/api/v1/products/{bundle}/components"),
        Some(json!({ "components": parts })),
    )
    .await
}

async fn story(app: &TestApp) {
    let mut manager = app.login("manager@makmur.test").await;
    let store = app.outlet_id(&mut manager, "MKM1").await;
    let syrup = product(app, &mut manager, "SRP-1", "18500", "25000").await;
    let biscuit = product(app, &mut manager, "BSK-1", "45000", "60000").await;
    let coffee = product(app, &mut manager, "KOP-1", "1250", "2000").await;
    let parcel = product(app, &mut manager, "PRS-1", "0", "150000").await;
    for (p, q) in [(&syrup, "20"), (&biscuit, "8"), (&coffee, "30")] {
        let r = app
            .post(
                &mut manager,
                "/api/v1/stock-adjustments",
                json!({"outlet_id": store, "product_id": p, "quantity": q, "reason": "Stok awal"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    }

    // Not a parcel yet.
    let build = |n: &str| json!({"outlet_id": store, "product_id": parcel, "quantity": n, "direction": "build"});
    let r = app
        .post(&mut manager, "/api/v1/assemblies", build("1"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.json);
    assert_eq!(r.error_code(), "not_a_bundle");

    // The recipe: 2 syrups, 1 biscuit tin, 3 coffees; itself and duplicates refused.
    let r = recipe(
        app,
        &mut manager,
        &parcel,
        json!([{"product_id": parcel, "quantity": "1"}]),
    )
    .await;
    assert_eq!(
        r.json["error"]["field"], "components[0].product_id",
        "{}",
        r.json
    );
    let r = recipe(
        app,
        &mut manager,
        &parcel,
        json!([{"product_id": syrup, "quantity": "1"}, {"product_id": syrup, "quantity": "1"}]),
    )
    .await;
    assert_eq!(
        r.json["error"]["field"], "components[1].product_id",
        "{}",
        r.json
    );
    let r = recipe(
        app,
        &mut manager,
        &parcel,
        json!([{"product_id": syrup, "quantity": "0"}]),
    )
    .await;
    assert_eq!(
        r.json["error"]["field"], "components[0].quantity",
        "{}",
        r.json
    );
    let r = recipe(
        app,
        &mut manager,
        &parcel,
        json!([
            {"product_id": syrup, "quantity": "2"},
            {"product_id": biscuit, "quantity": "1"},
            {"product_id": coffee, "quantity": "3"}
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["components"].as_array().unwrap().len(), 3);
    assert_eq!(r.json["components"][0]["sku"], "SRP-1");
    // A parcel inside a parcel is refused both ways.
    let gift = product(app, &mut manager, "GFT-1", "0", "200000").await;
    let r = app
        .send(
            &mut manager,
            Method::PUT,
            &format!("/api/v1/products/{gift}/components"),
            Some(json!({"components": [{"product_id": parcel, "quantity": "1"}]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    let r = app
        .send(
            &mut manager,
            Method::PUT,
            &format!("/api/v1/products/{syrup}/components"),
            Some(json!({"components": [{"product_id": coffee, "quantity": "1"}]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);

    // Nine parcels would need 9 biscuit tins; there are 8.
    let r = app
        .post(&mut manager, "/api/v1/assemblies", build("9"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.json);
    assert_eq!(r.error_code(), "insufficient_stock");
    assert!(r.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Produk BSK-1"));
    assert_eq!(
        on_hand(app, &mut manager, &store, &biscuit).await,
        Decimal::from(8)
    );

    // Five built: 2×18.500 + 45.000 + 3×1.250 = Rp85.750 each.
    let r = app
        .post(&mut manager, "/api/v1/assemblies", build("5"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(dec(&r.json["value"]), Decimal::from(428_750));
    assert!(r.json["number"].as_str().unwrap().starts_with("RK-"));
    assert_eq!(r.json["parts"].as_array().unwrap().len(), 3);
    for (p, left) in [(&syrup, 10), (&biscuit, 3), (&coffee, 15), (&parcel, 5)] {
        assert_eq!(
            on_hand(app, &mut manager, &store, p).await,
            Decimal::from(left)
        );
    }
    let card = app
        .get(
            &mut manager,
            &format!("/api/v1/products/{parcel}/stock-card?outlet_id={store}"),
        )
        .await
        .json;
    assert_eq!(dec(&card["unit_cost"]), Decimal::from(85_750));
    assert_eq!(card["rows"][0]["kind"], "assembly_in");
    // Each row keeps the cost it moved at: the parcels came in at Rp85.750 each.
    assert_eq!(dec(&card["rows"][0]["unit_cost"]), Decimal::from(85_750));
    assert_eq!(dec(&card["rows"][0]["value"]), Decimal::from(428_750));
    let syrup_card = app
        .get(
            &mut manager,
            &format!("/api/v1/products/{syrup}/stock-card?outlet_id={store}"),
        )
        .await
        .json;
    assert_eq!(syrup_card["rows"][0]["kind"], "assembly_out");
    assert_eq!(
        dec(&syrup_card["rows"][0]["value"]),
        Decimal::from(-185_000)
    );

    // One taken apart: Rp85.750 goes back, the components' value shared to the sen.
    let r = app
        .post(
            &mut manager,
            "/api/v1/assemblies",
            json!({"outlet_id": store, "product_id": parcel, "quantity": "1",
                "direction": "take_apart", "note": "Kemasan rusak"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(dec(&r.json["value"]), Decimal::from(85_750));
    let shared: Decimal = r.json["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| dec(&p["value"]))
        .sum();
    assert_eq!(shared, Decimal::from(85_750));
    for (p, left) in [(&syrup, 12), (&biscuit, 4), (&coffee, 18), (&parcel, 4)] {
        assert_eq!(
            on_hand(app, &mut manager, &store, p).await,
            Decimal::from(left)
        );
    }
    // Five parcels cannot be taken apart from four.
    let r = app
        .post(
            &mut manager,
            "/api/v1/assemblies",
            json!({"outlet_id": store, "product_id": parcel, "quantity": "5", "direction": "take_apart"}),
        )
        .await;
    assert_eq!(r.error_code(), "insufficient_stock", "{}", r.json);
    let list = app
        .get(
            &mut manager,
            &format!("/api/v1/assemblies?outlet_id={store}"),
        )
        .await
        .json;
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["direction"], "take_apart");
    assert_eq!(list["items"][0]["note"], "Kemasan rusak");

    // Who did it, in the audit log.
    let mut owner = app.login("owner@makmur.test").await;
    let audit = app
        .get(&mut owner, "/api/v1/audit?entity=assembly")
        .await
        .json;
    assert!(audit.to_string().contains("assembly.create"), "{audit}");

    // Another tenant finds none of it.
    let (mut other, other_outlet) = app.other_tenant_with_outlet().await;
    let r = app
        .get(&mut other, &format!("/api/v1/products/{parcel}/components"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .post(
            &mut other,
            "/api/v1/assemblies",
            json!({"outlet_id": other_outlet, "product_id": parcel, "quantity": "1", "direction": "build"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    let r = app
        .get(&mut other, &format!("/api/v1/assemblies?outlet_id={store}"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}
on_every_backend!(parcels_built_and_taken_apart, story);
