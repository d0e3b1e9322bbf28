//! The API contract (#12, point 10): `/api/openapi.json` is what generated clients are
//! built from, so real answers are checked against it here, and schemathesis fuzzes every
//! operation against it in `make test` (`end2end/contract.sh`).
use crate::common;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use common::TestApp;

/// The schema at `#/components/schemas/…`, following `$ref`s.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.trim_start_matches("#/components/schemas/");
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

/// Errors of `value` against `schema` (the subset utoipa emits: types, nullable type
/// lists, required, properties without extras, items, oneOf/anyOf/allOf).
fn check(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    check_with(doc, schema, value, at, errors, true)
}

/// `strict`: a property the schema does not name is an error (off for each part of an
/// `allOf`, whose union is checked instead).
fn check_with(
    doc: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    errors: &mut Vec<String>,
    strict: bool,
) {
    let schema = resolve(doc, schema);
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema[key].as_array() {
            let fits = options.iter().any(|o| {
                let mut e = Vec::new();
                check(doc, o, value, at, &mut e);
                e.is_empty()
            });
            if !fits {
                errors.push(format!("{at}: fits none of {key}"));
            }
            return;
        }
    }
    if let Some(all) = schema["allOf"].as_array() {
        let mut named = std::collections::BTreeSet::new();
        for s in all {
            check_with(doc, s, value, at, errors, false);
            let s = resolve(doc, s);
            named.extend(
                s["properties"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k.clone()),
            );
        }
        for name in value.as_object().into_iter().flatten().map(|(k, _)| k) {
            if strict && !named.contains(name) {
                errors.push(format!("{at}.{name}: not documented"));
            }
        }
        return;
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return, // any value
    };
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    if !types
        .iter()
        .any(|t| *t == kind || (*t == "number" && kind == "integer"))
    {
        errors.push(format!("{at}: {kind}, documented {types:?}"));
        return;
    }
    match value {
        Value::Object(fields) => {
            let props = schema["properties"].as_object();
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap_or_default();
                if !fields.contains_key(name) {
                    errors.push(format!("{at}.{name}: required, missing"));
                }
            }
            if let Some(props) = props {
                for (name, v) in fields {
                    match props.get(name) {
                        Some(s) => check(doc, s, v, &format!("{at}.{name}"), errors),
                        None if strict && schema["additionalProperties"].is_null() => {
                            errors.push(format!("{at}.{name}: not documented"))
                        }
                        None => {}
                    }
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate().take(20) {
                check(doc, &schema["items"], item, &format!("{at}[{i}]"), errors);
            }
        }
        _ => {}
    }
}

/// The documented JSON schema of this answer: its status, or `default`.
fn documented<'a>(doc: &'a Value, method: &Method, path: &str, status: u16) -> &'a Value {
    let op = &doc["paths"][path][method.as_str().to_lowercase()];
    assert!(op.is_object(), "{method} {path} is not documented");
    let responses = &op["responses"];
    let response = responses
        .get(status.to_string())
        .unwrap_or(&responses["default"]);
    assert!(
        response.is_object(),
        "{method} {path} answered {status}, which is not documented"
    );
    &response["content"]["application/json"]["schema"]
}

async fn answers(app: &TestApp) {
    let mut anon = app.agent();
    let doc = app.get(&mut anon, "/api/openapi.json").await.json;

    // Unique operation ids and an error schema on every operation.
    let mut ids = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_default().to_string();
            assert!(
                ids.insert(id.clone()),
                "operationId {id} twice ({method} {path})"
            );
            for (status, r) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') || status == "default" {
                    let schema = &r["content"]["application/json"]["schema"];
                    assert!(
                        schema.is_object(),
                        "{method} {path} {status} has no error schema"
                    );
                }
            }
            assert!(op["responses"]["default"].is_object(), "{method} {path}");
        }
    }

    let mut owner = app.login("owner@makmur.test").await;
    let outlet = app.outlet_id(&mut owner, "MKM1").await;
    let r = app
        .post(&mut owner, "/api/v1/categories", json!({"name": "Kontrak"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app
        .post(
            &mut owner,
            "/api/v1/products",
            json!({"sku": "KONTRAK-1", "name": "Produk Kontrak", "unit": "pcs", "price": "1000", "tax": "ppn"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let product = r.json["id"].as_str().unwrap().to_string();
    let mut kasir = app.login("kasir@makmur.test").await;

    // (as the cashier?, method, concrete path, documented path, body)
    let cases: Vec<(bool, Method, String, &str, Option<Value>)> = vec![
        (
            false,
            Method::GET,
            "/api/v1/products".into(),
            "/api/v1/products",
            None,
        ),
        (
            false,
            Method::GET,
            format!("/api/v1/products/{product}"),
            "/api/v1/products/{id}",
            None,
        ),
        (
            false,
            Method::GET,
            "/api/v1/savings-products".into(),
            "/api/v1/savings-products",
            None,
        ),
        (
            false,
            Method::GET,
            format!("/api/v1/outlets/{outlet}/stock"),
            "/api/v1/outlets/{id}/stock",
            None,
        ),
        (
            false,
            Method::GET,
            format!("/api/v1/outlets/{outlet}/stock-movements"),
            "/api/v1/outlets/{id}/stock-movements",
            None,
        ),
        (
            false,
            Method::GET,
            "/api/v1/reports/sales".into(),
            "/api/v1/reports/sales",
            None,
        ),
        (
            false,
            Method::GET,
            "/api/v1/users".into(),
            "/api/v1/users",
            None,
        ),
        (
            false,
            Method::GET,
            "/api/v1/outlets".into(),
            "/api/v1/outlets",
            None,
        ),
        (
            false,
            Method::GET,
            "/api/v1/audit".into(),
            "/api/v1/audit",
            None,
        ),
        (
            false,
            Method::GET,
            "/api/v1/members".into(),
            "/api/v1/members",
            None,
        ),
        (
            false,
            Method::GET,
            "/api/v1/loans".into(),
            "/api/v1/loans",
            None,
        ),
        (
            false,
            Method::GET,
            "/api/v1/shifts".into(),
            "/api/v1/shifts",
            None,
        ),
        (
            false,
            Method::GET,
            "/api/v1/auth/me".into(),
            "/api/v1/auth/me",
            None,
        ),
        // Errors, declared or not, in the error schema.
        (
            false,
            Method::GET,
            "/api/v1/products/nope".into(),
            "/api/v1/products/{id}",
            None,
        ),
        (
            false,
            Method::GET,
            "/api/v1/products?offset=99999999999".into(),
            "/api/v1/products",
            None,
        ),
        (
            true,
            Method::POST,
            "/api/v1/products".into(),
            "/api/v1/products",
            Some(json!({"sku": "X", "name": "X", "price": "1"})),
        ),
        (
            false,
            Method::POST,
            "/api/v1/products".into(),
            "/api/v1/products",
            Some(json!({"sku": "", "name": "X"})),
        ),
        (
            false,
            Method::POST,
            "/api/v1/savings-products".into(),
            "/api/v1/savings-products",
            Some(json!({"code": "X"})),
        ),
    ];
    for (as_cashier, method, path, documented_path, body) in cases {
        let who = if as_cashier { &mut kasir } else { &mut owner };
        let r = app.send(who, method.clone(), &path, body).await;
        let schema = documented(&doc, &method, documented_path, r.status.as_u16());
        let mut errors = Vec::new();
        check(&doc, schema, &r.json, "$", &mut errors);
        assert!(
            errors.is_empty(),
            "{method} {path} {}: {errors:?}\n{}",
            r.status,
            r.json
        );
    }

    // A known path with a method it does not take: 405, in the error format.
    let r = app
        .send(&mut owner, Method::DELETE, "/api/v1/sales", None)
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.error_code(), "method_not_allowed");
    let r = app.send(&mut anon, Method::PUT, "/api/health", None).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.error_code(), "method_not_allowed");
    // The import's 422 is `{error, rows}` as documented.
    let csv = b"sku,name,price\nA-1,,abc\n".to_vec();
    let (status, _, body) = app
        .send_bytes(
            &owner,
            Method::POST,
            "/api/v1/products/import",
            "text/csv",
            csv,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = serde_json::from_slice(&body).unwrap();
    let schema = documented(&doc, &Method::POST, "/api/v1/products/import", 422);
    let mut errors = Vec::new();
    check(&doc, schema, &body, "$", &mut errors);
    assert!(errors.is_empty(), "{errors:?}\n{body}");
}
on_every_backend!(real_answers_match_the_openapi_document, answers);
