//! The package shape: a tenant reaches only the packages its outlets run (every route of
//! every package, from the registry), a package is added by registering one value (a
//! stand-in salon package that exists only here), and dependencies point only
//! packages → modules → kernel.
use crate::common;

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use common::{Agent, TestApp};
use satu_server::kernel::auth::Auth;
use satu_server::kernel::error::ApiResult;
use satu_server::kernel::http::Json;
use satu_server::kernel::package::{no_migrations, Layer, Package, Registry};
use satu_server::kernel::rbac::{Permission, Role};
use satu_server::kernel::router::package_doc;
use satu_server::kernel::state::AppState;

/// A tenant whose only outlet is a café: no package of its industry exists yet.
async fn cafe_owner(app: &TestApp) -> Agent {
    let mut admin = app.login("superadmin@satu.test").await;
    let r = app
        .post(
            &mut admin,
            "/api/v1/tenants",
            json!({"name": "Kafe Senja", "owner_email": "senja@kafe.test", "plan": "basic"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let mut anon = app.agent();
    let r = app
        .post(
            &mut anon,
            "/api/v1/invitations/accept",
            json!({"token": r.json["invite_token"], "password": "kafe-senja-1"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.json);
    let mut owner = app.login_with("senja@kafe.test", "kafe-senja-1").await;
    let r = app
        .post(
            &mut owner,
            "/api/v1/outlets",
            json!({"name": "Kafe Senja", "code": "KS1", "industry": "fnb", "timezone": "WITA"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    owner
}

/// Every operation a package's routes declare, with its path parameters filled in.
fn operations(p: &Package) -> Vec<(Method, String)> {
    let doc = package_doc(p);
    let mut out = Vec::new();
    for (template, item) in &doc.paths.paths {
        let path: String = template
            .split('/')
            .map(|s| {
                if s.starts_with('{') {
                    "01900000-0000-7000-8000-000000000000"
                } else {
                    s
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let path = format!("/api/v1{path}");
        for (method, present) in [
            (Method::GET, item.get.is_some()),
            (Method::POST, item.post.is_some()),
            (Method::PUT, item.put.is_some()),
            (Method::PATCH, item.patch.is_some()),
            (Method::DELETE, item.delete.is_some()),
        ] {
            if present {
                out.push((method, path.clone()));
            }
        }
    }
    out
}

async fn call(app: &TestApp, who: &mut Agent, method: &Method, path: &str) -> common::Response {
    let body = (method != Method::GET).then(|| json!({}));
    app.send(who, method.clone(), path, body).await
}

async fn only_what_the_outlets_run(app: &TestApp) {
    let mut cafe = cafe_owner(app).await;
    let me = app.get(&mut cafe, "/api/v1/auth/me").await.json;
    assert_eq!(me["packages"], json!(["platform"]), "{me}");
    let mut owner = app.login("owner@makmur.test").await;
    let me = app.get(&mut owner, "/api/v1/auth/me").await.json;
    assert_eq!(
        me["packages"],
        json!([
            "inventory",
            "koperasi",
            "platform",
            "pos",
            "purchasing",
            "retail"
        ])
    );
    let held: Vec<&str> = me["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(held.contains(&"koperasi.approve_loan") && held.contains(&"pos.record_sale"));

    let mut checked = 0;
    for p in satu_server::packages::all() {
        if p.layer == Layer::Platform {
            continue;
        }
        for (method, path) in operations(p) {
            let r = call(app, &mut cafe, &method, &path).await;
            assert_eq!(
                r.status,
                StatusCode::FORBIDDEN,
                "café {method} {path}: {}",
                r.json
            );
            assert_eq!(r.error_code(), "package_not_enabled", "{method} {path}");
            assert_eq!(
                r.json["error"]["params"]["package"], p.code,
                "{method} {path}"
            );
            // The tenant that runs the package gets past the gate.
            let r = call(app, &mut owner, &method, &path).await;
            assert_ne!(
                r.error_code(),
                "package_not_enabled",
                "owner {method} {path}"
            );
            checked += 1;
        }
    }
    assert!(checked > 80, "only {checked} package routes were checked");

    // Platform routes stay open to the café: its outlets, its staff.
    assert_eq!(
        app.get(&mut cafe, "/api/v1/outlets").await.status,
        StatusCode::OK
    );

    // A retail outlet switches on retail, and with it the POS core and inventory, but
    // not the koperasi.
    let r = app
        .post(
            &mut cafe,
            "/api/v1/outlets",
            json!({"name": "Toko Roti", "code": "TR1", "industry": "retail"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(
        app.get(&mut cafe, "/api/v1/products").await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&mut cafe, "/api/v1/sales").await.status,
        StatusCode::OK
    );
    let r = app.get(&mut cafe, "/api/v1/members").await;
    assert_eq!(r.error_code(), "package_not_enabled");
}
on_every_backend!(
    a_tenant_reaches_only_the_packages_its_outlets_run,
    only_what_the_outlets_run
);

// ------------------------------------------------------------- a stand-in package

const PING: Permission = Permission::new("salon.ping", &[Role::Owner, Role::Manager]);

#[derive(serde::Serialize, utoipa::ToSchema)]
struct Pong {
    tenant_id: String,
}

#[utoipa::path(get, path = "/salon/ping", tag = "salon",
    responses((status = 200, body = Pong), (status = 403)))]
async fn ping(auth: Auth) -> ApiResult<Json<Pong>> {
    auth.require(PING)?;
    Ok(Json(Pong {
        tenant_id: auth.tenant()?.to_string(),
    }))
}

fn salon_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(ping))
}

static SALON: Package = Package {
    code: "salon",
    layer: Layer::Package,
    requires: &["pos"],
    industries: &["beauty"],
    permissions: &[PING],
    routes: salon_routes,
    migrations: no_migrations,
    seed: None,
    default_tax: None,
    homes: &[],
    dashboard: None,
    platform: None,
    volume: None,
};

fn with_salon() -> Registry {
    let mut all: Vec<&'static Package> = satu_server::packages::all().to_vec();
    all.push(&SALON);
    Vec::leak(all)
}

async fn stand_in(app: TestApp) {
    let app = app.serving(with_salon());
    let mut owner = app.login("owner@makmur.test").await;
    // Registered, so documented; not yet run by any outlet, so gated.
    let doc = app.get(&mut owner, "/api/openapi.json").await.json;
    assert!(doc["paths"]["/api/v1/salon/ping"]["get"].is_object());
    let r = app.get(&mut owner, "/api/v1/salon/ping").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error_code(), "package_not_enabled");
    assert_eq!(r.json["error"]["params"]["package"], "salon");
    let me = app.get(&mut owner, "/api/v1/auth/me").await.json;
    assert!(!me["permissions"].to_string().contains("salon.ping"));

    // A beauty outlet switches it on: the route answers, and the permission is listed.
    let r = app
        .post(
            &mut owner,
            "/api/v1/outlets",
            json!({"name": "Salon Makmur", "code": "SLN1", "industry": "beauty"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    let r = app.get(&mut owner, "/api/v1/salon/ping").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert!(r.json["tenant_id"].is_string());
    let me = app.get(&mut owner, "/api/v1/auth/me").await.json;
    let packages: BTreeSet<&str> = me["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(packages.contains("salon") && packages.contains("pos"));
    assert!(me["permissions"].to_string().contains("salon.ping"));

    // Its permission holds: a cashier is refused, as for any package's route.
    let mut kasir = app.login("kasir@makmur.test").await;
    let r = app.get(&mut kasir, "/api/v1/salon/ping").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error_code(), "forbidden");
    // Another tenant without a salon is gated, signed-out callers are asked to sign in.
    let (mut other, _) = app.other_tenant_with_outlet().await;
    assert_eq!(
        app.get(&mut other, "/api/v1/salon/ping").await.error_code(),
        "package_not_enabled"
    );
    let mut anon = app.agent();
    assert_eq!(
        app.get(&mut anon, "/api/v1/salon/ping").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_package_is_one_registered_value() {
    for app in TestApp::all(common::demo_settings()).await {
        eprintln!("a_package_is_one_registered_value on {}", app.backend);
        stand_in(app).await;
    }
}

// ------------------------------------------------------- direction of dependencies

/// `crate::packages::x` / `crate::modules::x` named in a source file.
fn references(text: &str, layer: &str) -> BTreeSet<String> {
    let needle = format!("crate::{layer}::");
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        out.insert(name);
    }
    out
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// What `code` may build on: itself and what it requires, transitively.
fn reachable(code: &str) -> BTreeSet<&'static str> {
    let registry = satu_server::packages::all();
    let mut seen = BTreeSet::new();
    let mut todo = vec![code.to_string()];
    while let Some(c) = todo.pop() {
        if let Some(p) = registry.iter().find(|p| p.code == c) {
            if seen.insert(p.code) {
                todo.extend(p.requires.iter().map(|r| r.to_string()));
            }
        }
    }
    seen
}

#[test]
fn dependencies_point_from_packages_to_modules_to_the_kernel() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let parts: Vec<&str> = rel.iter().filter_map(|s| s.to_str()).collect();
        let text = std::fs::read_to_string(file).expect("read");
        let (modules, packages) = (references(&text, "modules"), references(&text, "packages"));
        // Walking the registry (`packages::all()`) is how the kernel reaches packages.
        let packages: BTreeSet<String> = packages.into_iter().filter(|p| p != "all").collect();
        match parts.as_slice() {
            ["packages", "mod.rs"] => {}
            ["packages", own, ..] | ["modules", own, ..] => {
                let allowed = reachable(own);
                for used in modules.iter().chain(&packages) {
                    if !allowed.contains(used.as_str()) {
                        wrong.push(format!("{} uses {used}", rel.display()));
                    }
                }
            }
            // Kernel and platform are beneath every module and package.
            _ => {
                for used in modules.iter().chain(&packages) {
                    wrong.push(format!("{} uses {used}", rel.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies against the direction: {wrong:#?}"
    );
    assert!(files.len() > 100, "the scan found {} files", files.len());
}

/// Handlers stay thin: a query is written in a repo, never in a file under `api/`.
/// (Building an `ActiveModel` for a repo to insert is fine; running a query is not.)
#[test]
fn handlers_leave_sql_to_repos() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let queries = [
        "Entity::find",
        "Entity::update_many",
        "Entity::delete_many",
        "Entity::insert",
        ".insert(txn)",
        ".insert(&state.db)",
    ];
    let mut wrong = Vec::new();
    let mut handlers = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        if !rel.iter().any(|part| part == "api") {
            continue;
        }
        handlers += 1;
        let text = std::fs::read_to_string(file).expect("read");
        for q in queries {
            if text.contains(q) {
                wrong.push(format!("{} runs `{q}`", rel.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "queries outside repos: {wrong:#?}");
    assert!(handlers > 30, "the scan found {handlers} handler files");
}

#[test]
fn reachable_follows_requires() {
    // A guard on the guard: the helper above must not allow everything.
    assert!(reachable("retail").contains("pos"));
    assert!(!reachable("retail").contains("koperasi"));
    assert!(!reachable("pos").contains("retail"));
}

// ------------------------------------------------------------- the business day

async fn desk_zone(app: &TestApp) {
    let mut owner = cafe_owner(app).await;
    for (code, zone) in [("KW1", "WIT")] {
        let r = app
            .post(
                &mut owner,
                "/api/v1/outlets",
                json!({"name": "Koperasi Timur", "code": code, "industry": "koperasi", "timezone": zone}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    }
    // "Today" of the koperasi is the WIT desk's date (UTC+9), whatever the server's zone.
    let before = (chrono::Utc::now() + chrono::Duration::hours(9)).date_naive();
    let book = app
        .get(&mut owner, "/api/v1/koperasi-reports/cash-book")
        .await;
    let after = (chrono::Utc::now() + chrono::Duration::hours(9)).date_naive();
    assert_eq!(book.status, StatusCode::OK, "{}", book.json);
    let to = book.json["to"].as_str().expect("to").to_string();
    assert!(
        to == before.to_string() || to == after.to_string(),
        "{to} vs {before}"
    );
    // The audit trail's bare dates are the tenant's zone too (its first outlet: WITA).
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let r = app
        .get(
            &mut owner,
            &format!("/api/v1/audit?from={today}&to={today}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.json.as_array().is_some_and(|a| !a.is_empty()),
        "{}",
        r.json
    );
}
on_every_backend!(the_koperasi_day_is_its_desks_zone, desk_zone);

// ------------------------------------------------------------------ the app side

/// The app's registry names the server's packages and permissions: a menu entry cannot
/// ask for a permission no package declares (it would never show).
#[test]
fn the_apps_menu_asks_for_real_permissions() {
    let server = satu_server::packages::all();
    let codes: BTreeSet<&str> = satu_server::kernel::package::permissions(server)
        .map(|p| p.code)
        .collect();
    for p in app::packages::all() {
        let Some(owner) = server.iter().find(|s| s.code == p.code) else {
            panic!("the app registers {}, which the server does not", p.code);
        };
        for e in p.menu {
            assert!(
                codes.contains(e.permission),
                "{} needs unknown {}",
                e.path,
                e.permission
            );
            // An entry's permission belongs to its own package, or to one it builds on.
            let package = e.permission.split('.').next().unwrap_or_default();
            assert!(
                package == "platform" || reachable(owner.code).contains(package),
                "{} ({}) asks for {}",
                e.path,
                p.code,
                e.permission
            );
        }
    }
}

#[test]
fn app_dependencies_point_the_same_way() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let parts: Vec<&str> = rel.iter().filter_map(|s| s.to_str()).collect();
        let text = std::fs::read_to_string(file).expect("read");
        let modules = references(&text, "modules");
        let packages: BTreeSet<String> = references(&text, "packages")
            .into_iter()
            .filter(|p| p != "all")
            .collect();
        match parts.as_slice() {
            ["packages", "mod.rs"] | ["lib.rs"] => {}
            ["packages", own, ..] | ["modules", own, ..] => {
                let allowed = reachable(own);
                for used in modules.iter().chain(&packages) {
                    if !allowed.contains(used.as_str()) {
                        wrong.push(format!("app/{} uses {used}", rel.display()));
                    }
                }
            }
            _ => {
                for used in modules.iter().chain(&packages) {
                    wrong.push(format!("app/{} uses {used}", rel.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies against the direction: {wrong:#?}"
    );
    assert!(files.len() > 25, "the scan found {} files", files.len());
}
