//! Load tool for `POST /api/v1/sales`: 20 clients (by default) each send their sales one
//! after another over HTTP on loopback to a real server with a fresh database, then the
//! same rows are written as plain inserts (no HTTP, auth, recompute or stock check) by as
//! many concurrent tasks, as a ceiling. Prints sales per second for both and their ratio.
//!
//!     cargo run --release -p server --example sales_load -- [clients] [sales_per_client]
//!
//! With `DATABASE_URL=postgres://…` it runs against a fresh PostgreSQL database created
//! next to the one in the URL; otherwise against a fresh SQLite file.
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use chrono::Utc;
use domain::pricing::{price_cart, Cart, CartLine, PricingSettings};
use http_body_util::{BodyExt, Full};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, SET_COOKIE};
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rust_decimal::Decimal;
use satu_server::kernel::money::{Milli, Sen};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, TransactionTrait};
use serde_json::{json, Value};

use satu_server::kernel::state::{AppState, Settings};
use satu_server::modules::pos::entity::{sale, sale_line, sale_payment};
use satu_server::modules::pos::repo::sales as sales_repo;

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

struct Http {
    client: HttpClient,
    base: String,
}

impl Http {
    async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, String)],
        body: Option<&Value>,
    ) -> anyhow::Result<(StatusCode, Vec<String>, Value)> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header(CONTENT_TYPE, "application/json");
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let res = self.client.request(req.body(Full::from(body))?).await?;
        let status = res.status();
        let cookies = res
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or_default().to_string())
            .collect();
        let bytes = res.into_body().collect().await?.to_bytes();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok((status, cookies, json))
    }
}

async fn fresh_database() -> anyhow::Result<(DatabaseConnection, String, Option<tempfile::TempDir>)>
{
    if let Some(url) = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        let admin = sea_orm::Database::connect(&url).await?;
        let name = format!("satu_load_{}", uuid::Uuid::now_v7().simple());
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        admin.close().await?;
        let base = url.split('?').next().unwrap_or(&url);
        let (server, _) = base
            .rsplit_once('/')
            .ok_or_else(|| anyhow::anyhow!("DATABASE_URL needs a database name"))?;
        let db = satu_server::kernel::db::connect(&format!("{server}/{name}")).await?;
        return Ok((db, "postgresql".into(), None));
    }
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}/satu.db?mode=rwc", dir.path().display());
    let db = satu_server::kernel::db::connect(&url).await?;
    Ok((db, "sqlite".into(), Some(dir)))
}

/// A three-line basket (2 × teh, 1 × mie, 1 × gula) with totals priced by `domain`.
fn basket(products: &[(String, Decimal)], settings: &PricingSettings) -> anyhow::Result<Value> {
    let quantities = [Decimal::TWO, Decimal::ONE, Decimal::ONE];
    let cart = Cart {
        lines: products
            .iter()
            .zip(quantities)
            .enumerate()
            .map(|(i, ((_, price), qty))| CartLine {
                id: i.to_string(),
                unit_price: *price,
                quantity: qty,
                member_price: None,
                time_prices: Vec::new(),
                discount: None,
                tax_exempt: false,
            })
            .collect(),
        cart_discount: None,
        is_member: false,
        local_time: None,
    };
    let t = price_cart(&cart, settings)?;
    Ok(json!({
        "lines": products.iter().zip(quantities).map(|((id, price), qty)| json!({
            "product_id": id, "quantity": qty.to_string(), "unit_price": price.to_string()
        })).collect::<Vec<_>>(),
        "payments": [{"method": "cash", "amount": t.grand_total.to_string()}],
        "totals": {"subtotal": t.subtotal.to_string(), "discount_total": t.discount_total.to_string(),
            "service_charge": t.service_charge.to_string(), "tax": t.tax.to_string(),
            "rounding": t.rounding.to_string(), "grand_total": t.grand_total.to_string(),
            "paid_total": t.grand_total.to_string(), "change": "0"}
    }))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let clients: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(20);
    let per_client: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(50);

    let (db, backend, _dir) = fresh_database().await?;
    satu_server::seed::seed_demo(&db).await?;
    let state = AppState {
        db: db.clone(),
        settings: Arc::new(Settings {
            demo_mode: true,
            ..Settings::default()
        }),
        packages: satu_server::packages::all(),
    };
    let router = satu_server::api_router(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    let http = Arc::new(Http {
        client: Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(clients)
            .build_http(),
        base: format!("http://{addr}"),
    });

    // The owner signs in and makes an API token the clients share.
    let (status, cookies, me) = http
        .send(
            Method::POST,
            "/api/v1/auth/login",
            &[],
            Some(&json!({"email": "owner@makmur.test", "password": "demo1234"})),
        )
        .await?;
    anyhow::ensure!(status == StatusCode::OK, "login failed: {me}");
    let cookie = cookies.join("; ");
    let csrf = me["csrf_token"].as_str().unwrap_or_default().to_string();
    let session = [(COOKIE.as_str(), cookie), ("x-csrf-token", csrf)];
    let (_, _, token) = http
        .send(
            Method::POST,
            "/api/v1/tokens",
            &session,
            Some(&json!({"name": "load"})),
        )
        .await?;
    let bearer = format!("Bearer {}", token["secret"].as_str().unwrap_or_default());
    let auth = [(AUTHORIZATION.as_str(), bearer)];
    let (_, _, outlets) = http
        .send(Method::GET, "/api/v1/outlets", &auth, None)
        .await?;
    let outlet = outlets
        .as_array()
        .and_then(|l| l.iter().find(|o| o["code"] == "MKM1"))
        .and_then(|o| o["id"].as_str())
        .ok_or_else(|| anyhow::anyhow!("no MKM1 outlet"))?
        .to_string();
    let (_, _, catalogue) = http
        .send(
            Method::GET,
            &format!("/api/v1/outlets/{outlet}/catalogue"),
            &auth,
            None,
        )
        .await?;
    let (_, _, pricing) = http
        .send(
            Method::GET,
            &format!("/api/v1/outlets/{outlet}/pricing"),
            &auth,
            None,
        )
        .await?;
    let settings: PricingSettings = serde_json::from_value(pricing)?;
    let pick = |sku: &str| -> anyhow::Result<(String, Decimal)> {
        let p = catalogue["products"]
            .as_array()
            .and_then(|l| l.iter().find(|p| p["sku"] == sku))
            .ok_or_else(|| anyhow::anyhow!("no {sku}"))?;
        Ok((
            p["id"].as_str().unwrap_or_default().to_string(),
            p["price"].as_str().unwrap_or_default().parse()?,
        ))
    };
    let products = vec![pick("TEH-350")?, pick("MIE-001")?, pick("GULA-1KG")?];
    let template = Arc::new(basket(&products, &settings)?);

    // 1. Through the API.
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let http = http.clone();
        let auth = auth.clone();
        let template = template.clone();
        let outlet = outlet.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(per_client);
            let mut failures = 0usize;
            for n in 0..per_client {
                let mut body = (*template).clone();
                body["client_sale_id"] = json!(uuid::Uuid::now_v7().to_string());
                body["outlet_id"] = json!(outlet);
                body["receipt_no"] = json!(format!("MKM1-L{c:02}-{:06}", n + 1));
                body["sold_at"] = json!(Utc::now().to_rfc3339());
                let t0 = Instant::now();
                match http
                    .send(Method::POST, "/api/v1/sales", &auth, Some(&body))
                    .await
                {
                    Ok((StatusCode::CREATED, _, _)) => latencies.push(t0.elapsed()),
                    Ok((status, _, json)) => {
                        failures += 1;
                        eprintln!("sale refused: {status} {json}");
                    }
                    Err(e) => {
                        failures += 1;
                        eprintln!("request failed: {e}");
                    }
                }
            }
            (latencies, failures)
        }));
    }
    let mut latencies = Vec::new();
    let mut failures = 0;
    for t in tasks {
        let (l, f) = t.await?;
        latencies.extend(l);
        failures += f;
    }
    let api_secs = started.elapsed().as_secs_f64();
    latencies.sort();
    let api_rate = latencies.len() as f64 / api_secs;

    // 2. The same rows as plain inserts, as many writers at once.
    let tenant_id = satu_server::platform::entity::outlet::Entity::find_by_id(outlet.clone())
        .one(&db)
        .await?
        .map(|o| o.tenant_id)
        .ok_or_else(|| anyhow::anyhow!("outlet vanished"))?;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let db = db.clone();
        let template = template.clone();
        let tenant_id = tenant_id.clone();
        let outlet = outlet.clone();
        tasks.push(tokio::spawn(async move {
            let mut done = 0usize;
            for n in 0..per_client {
                let receipt = format!("MKM1-P{c:02}-{:06}", n + 1);
                if plain_insert(&db, &tenant_id, &outlet, &receipt, &template)
                    .await
                    .is_ok()
                {
                    done += 1;
                }
            }
            done
        }));
    }
    let mut inserted = 0;
    for t in tasks {
        inserted += t.await?;
    }
    let plain_secs = started.elapsed().as_secs_f64();
    let plain_rate = inserted as f64 / plain_secs;

    println!("backend: {backend}; {clients} clients × {per_client} sales (3 lines each), loopback HTTP/1.1");
    println!(
        "POST /api/v1/sales: {} stored, {failures} failed, {api_secs:.2} s → {api_rate:.0} sales/s; latency p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        latencies.len(),
        percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.95).as_secs_f64() * 1000.0,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1000.0,
    );
    println!(
        "plain inserts of the same rows: {inserted} in {plain_secs:.2} s → {plain_rate:.0} sales/s"
    );
    println!(
        "ratio API / plain inserts: {:.2}",
        if plain_rate > 0.0 {
            api_rate / plain_rate
        } else {
            0.0
        }
    );
    anyhow::ensure!(failures == 0, "{failures} sales failed");
    Ok(())
}

/// What the API writes for one sale (sale, lines, payment, stock movements) in one
/// transaction, without anything else.
async fn plain_insert(
    db: &DatabaseConnection,
    tenant_id: &str,
    outlet_id: &str,
    receipt: &str,
    template: &Value,
) -> anyhow::Result<()> {
    let id = uuid::Uuid::now_v7().to_string();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let dec = |v: &Value| -> Decimal { v.as_str().unwrap_or_default().parse().unwrap_or_default() };
    let sen = |v: &Value| Sen::of(dec(v));
    let totals = &template["totals"];
    let sale_row = sale::Model {
        id: id.clone(),
        tenant_id: tenant_id.into(),
        outlet_id: outlet_id.into(),
        device_id: None,
        cashier_id: "load".into(),
        client_sale_id: uuid::Uuid::now_v7().to_string(),
        receipt_no: receipt.into(),
        customer_id: None,
        subtotal_sen: sen(&totals["subtotal"])?,
        discount_total_sen: sen(&totals["discount_total"])?,
        service_charge_sen: sen(&totals["service_charge"])?,
        tax_total_sen: sen(&totals["tax"])?,
        rounding_sen: sen(&totals["rounding"])?,
        grand_total_sen: sen(&totals["grand_total"])?,
        paid_total_sen: sen(&totals["paid_total"])?,
        change_due_sen: sen(&totals["change"])?,
        status: "completed".into(),
        flags: None,
        sold_at: Utc::now().to_rfc3339(),
        received_at: Utc::now(),
        discount_approved_by: None,
        shift_id: None,
    };
    let lines: Vec<sale_line::Model> = template["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, l)| -> anyhow::Result<sale_line::Model> {
            Ok(sale_line::Model {
                id: uuid::Uuid::now_v7().to_string(),
                tenant_id: tenant_id.into(),
                sale_id: id.clone(),
                line_no: i as i32 + 1,
                product_id: text(&l["product_id"]),
                name: "x".into(),
                quantity_milli: Milli::of(dec(&l["quantity"]))?,
                unit_price_sen: sen(&l["unit_price"])?,
                discount_sen: Sen::ZERO,
                net_sen: Sen::ZERO,
                cost_sen: None,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let payments = vec![sale_payment::Model {
        id: uuid::Uuid::now_v7().to_string(),
        tenant_id: tenant_id.into(),
        sale_id: id.clone(),
        method: "cash".into(),
        amount_sen: sen(&totals["grand_total"])?,
        reference: None,
    }];
    let moves: Vec<(String, Decimal)> = lines
        .iter()
        .map(|l| (l.product_id.clone(), l.quantity_milli.dec()))
        .collect();
    let tenant_id = tenant_id.to_string();
    let outlet_id = outlet_id.to_string();
    let receipt = receipt.to_string();
    db.transaction::<_, (), satu_server::kernel::error::ApiError>(|txn| {
        Box::pin(async move {
            sales_repo::insert_sale(txn, sale_row, lines, payments).await?;
            for (product_id, qty) in &moves {
                satu_server::modules::inventory::repo::stock::record_movement(
                    txn,
                    satu_server::modules::inventory::repo::stock::Movement {
                        tenant_id: &tenant_id,
                        outlet_id: &outlet_id,
                        product_id,
                        kind: "sale",
                        quantity: -*qty,
                        reference: Some(&receipt),
                        reason: None,
                        user_id: None,
                        device_id: None,
                    },
                )
                .await?;
            }
            Ok(())
        })
    })
    .await?;
    Ok(())
}
