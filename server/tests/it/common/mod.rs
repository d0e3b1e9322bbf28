//! A test harness over the real router and a real database: a fresh SQLite file per test,
//! and a fresh PostgreSQL database per test when `DATABASE_URL` points at PostgreSQL.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::{json, Value};
use tower::ServiceExt;

use satu_server::kernel::state::{AppState, Settings};

pub struct TestApp {
    pub router: Router,
    pub settings: Arc<Settings>,
    pub db: DatabaseConnection,
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
}

pub fn demo_settings() -> Settings {
    Settings {
        demo_mode: true,
        ..Settings::default()
    }
}

impl TestApp {
    pub async fn sqlite(settings: Settings) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}/satu.db?mode=rwc", dir.path().display());
        let db = satu_server::kernel::db::connect(&url)
            .await
            .expect("sqlite connect");
        Self::build(db, "sqlite", settings, Some(dir)).await
    }

    pub async fn postgres(settings: Settings) -> Option<TestApp> {
        let url = std::env::var("DATABASE_URL")
            .ok()
            .filter(|u| u.starts_with("postgres"))?;
        let admin = sea_orm::Database::connect(&url)
            .await
            .expect("postgres admin connect");
        let name = format!("satu_test_{}", uuid::Uuid::now_v7().simple());
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        admin.close().await.ok();
        let base = url.split('?').next().unwrap_or(&url);
        let (server, _) = base.rsplit_once('/').expect("database url has a path");
        let db = satu_server::kernel::db::connect(&format!("{server}/{name}"))
            .await
            .expect("postgres connect");
        Some(Self::build(db, "postgres", settings, None).await)
    }

    /// SQLite always; PostgreSQL too when configured.
    pub async fn all(settings: Settings) -> Vec<TestApp> {
        let mut apps = vec![Self::sqlite(settings.clone()).await];
        if let Some(pg) = Self::postgres(settings).await {
            apps.push(pg);
        }
        apps
    }

    async fn build_logging() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter("error")
            .with_test_writer()
            .try_init();
    }

    async fn build(
        db: DatabaseConnection,
        backend: &'static str,
        settings: Settings,
        dir: Option<tempfile::TempDir>,
    ) -> TestApp {
        Self::build_logging().await;
        satu_server::seed::seed_demo_with(&db, false)
            .await
            .expect("seed demo");
        let settings = Arc::new(settings);
        let state = AppState {
            db: db.clone(),
            settings: settings.clone(),
            packages: satu_server::packages::all(),
        };
        TestApp {
            router: satu_server::api_router(state),
            settings,
            db,
            backend,
            _dir: dir,
        }
    }

    /// The same database served with another registry (a stand-in package, say).
    pub fn serving(mut self, packages: satu_server::kernel::package::Registry) -> TestApp {
        self.router = satu_server::api_router(AppState {
            db: self.db.clone(),
            settings: self.settings.clone(),
            packages,
        });
        self
    }

    pub fn agent(&self) -> Agent {
        Agent {
            cookies: HashMap::new(),
            bearer: None,
            ip: "10.9.8.7".into(),
            forwarded_for: None,
        }
    }

    pub async fn send(
        &self,
        agent: &mut Agent,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Response {
        let mut req = Request::builder().method(method.clone()).uri(path);
        let cookie_header: Vec<String> = agent
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !cookie_header.is_empty() {
            req = req.header("cookie", cookie_header.join("; "));
        }
        if let Some(token) = &agent.bearer {
            req = req.header("authorization", format!("Bearer {token}"));
        }
        if let Some(xff) = &agent.forwarded_for {
            req = req.header("x-forwarded-for", xff.clone());
        }
        if method != Method::GET {
            if let Some(csrf) = agent.cookies.get("satu_csrf") {
                req = req.header("x-csrf-token", csrf.clone());
            }
        }
        let body = match body {
            Some(v) => {
                req = req.header("content-type", "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        let mut request = req.body(body).expect("request");
        let addr: SocketAddr = format!("{}:40000", agent.ip).parse().expect("ip");
        request.extensions_mut().insert(ConnectInfo(addr));
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        for set in headers.get_all("set-cookie") {
            let text = set.to_str().unwrap_or_default();
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((k, v)) = pair.split_once('=') {
                if v.is_empty() || text.contains("Max-Age=0") {
                    agent.cookies.remove(k);
                } else {
                    agent.cookies.insert(k.to_string(), v.to_string());
                }
            }
        }
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        Response {
            status,
            headers,
            json,
        }
    }

    /// A teller deposit that must succeed.
    pub async fn deposit(&self, who: &mut Agent, account: &str, amount: &str) {
        let r = self
            .post(
                who,
                &format!("/api/v1/savings-accounts/{account}/deposits"),
                json!({"amount": amount}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    }

    /// Sends raw bytes (a file upload) and returns the raw answer.
    pub async fn send_bytes(
        &self,
        agent: &Agent,
        method: Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> (StatusCode, HeaderMap, Vec<u8>) {
        let cookie = agent
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut req = Request::builder()
            .method(method.clone())
            .uri(path)
            .header("cookie", cookie)
            .header("content-type", content_type);
        if method != Method::GET {
            if let Some(csrf) = agent.cookies.get("satu_csrf") {
                req = req.header("x-csrf-token", csrf.clone());
            }
        }
        let mut request = req.body(Body::from(body)).expect("request");
        let addr: SocketAddr = format!("{}:40000", agent.ip).parse().expect("ip");
        request.extensions_mut().insert(ConnectInfo(addr));
        let res = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        (status, headers, bytes)
    }

    pub async fn get(&self, agent: &mut Agent, path: &str) -> Response {
        self.send(agent, Method::GET, path, None).await
    }

    pub async fn post(&self, agent: &mut Agent, path: &str, body: Value) -> Response {
        self.send(agent, Method::POST, path, Some(body)).await
    }

    /// Signs in and returns the agent carrying the session cookie.
    pub async fn login(&self, email: &str) -> Agent {
        self.login_with(email, "demo1234").await
    }

    pub async fn login_with(&self, email: &str, password: &str) -> Agent {
        let mut agent = self.agent();
        let r = self
            .post(
                &mut agent,
                "/api/v1/auth/login",
                serde_json::json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "login {email} on {}: {}",
            self.backend,
            r.json
        );
        agent
    }

    /// A second tenant ("Warung Lain") with a retail outlet and a koperasi desk: its owner's session and the
    /// outlet's id, for proving one tenant cannot reach another's rows.
    pub async fn other_tenant_with_outlet(&self) -> (Agent, String) {
        let mut admin = self.login("superadmin@satu.test").await;
        let t = self
            .post(
                &mut admin,
                "/api/v1/tenants",
                json!({"name": "Warung Lain", "owner_email": "lain@warung.test", "plan": "basic"}),
            )
            .await
            .json;
        let mut anon = self.agent();
        self.post(
            &mut anon,
            "/api/v1/invitations/accept",
            json!({"token": t["invite_token"], "password": "warung-lain-1"}),
        )
        .await;
        let mut other = self.login_with("lain@warung.test", "warung-lain-1").await;
        let r = self
            .post(
                &mut other,
                "/api/v1/outlets",
                json!({"name": "Warung", "code": "WR1", "industry": "retail"}),
            )
            .await;
        let other_outlet = r.json["id"].as_str().unwrap().to_string();
        // A savings-and-loans desk too, so both tenants run every package and only the
        // tenant boundary stands between them.
        let r = self
            .post(
                &mut other,
                "/api/v1/outlets",
                json!({"name": "Koperasi Lain", "code": "KL1", "industry": "koperasi"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
        (other, other_outlet)
    }

    /// Makes the user with this email sign in for `supplier` (what the tenant's invitation
    /// of a supplier user does).
    pub async fn link_supplier_user(&self, email: &str, supplier: &str) {
        use sea_orm::{ConnectionTrait, Statement};
        let row = self
            .db
            .query_one(Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT tenant_id, id FROM users WHERE email = '{email}'"),
            ))
            .await
            .unwrap()
            .unwrap();
        let user: String = row.try_get("", "id").unwrap();
        let tenant: String = row.try_get("", "tenant_id").unwrap();
        satu_server::modules::purchasing::repo::suppliers::link_user(
            &self.db, &tenant, supplier, &user,
        )
        .await
        .unwrap();
    }

    pub async fn outlet_id(&self, agent: &mut Agent, code: &str) -> String {
        let r = self.get(agent, "/api/v1/outlets").await;
        r.json
            .as_array()
            .expect("outlets")
            .iter()
            .find(|o| o["code"] == code)
            .expect("outlet")["id"]
            .as_str()
            .expect("id")
            .to_string()
    }
}

#[derive(Clone)]
pub struct Agent {
    pub cookies: HashMap<String, String>,
    pub bearer: Option<String>,
    pub ip: String,
    /// An `X-Forwarded-For` header to send, as a proxy (or a lying client) would.
    pub forwarded_for: Option<String>,
}

#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
}

impl Response {
    pub fn error_code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or_default()
    }
}

/// Runs a scenario on every configured backend.
#[macro_export]
macro_rules! on_every_backend {
    ($name:ident, $scenario:ident) => {
        on_every_backend!($name, $scenario, common::demo_settings());
    };
    ($name:ident, $scenario:ident, $settings:expr) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            for app in common::TestApp::all($settings).await {
                eprintln!("{} on {}", stringify!($name), app.backend);
                $scenario(&app).await;
            }
        }
    };
}

/// The id of a member's account of the product with this code (from a member view).
pub fn account(member: &Value, code: &str) -> String {
    member["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .find(|a| a["product_code"] == code)
        .expect("account of that product")["id"]
        .as_str()
        .expect("id")
        .to_string()
}
