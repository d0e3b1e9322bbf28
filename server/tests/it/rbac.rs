//! Every endpoint × every role: allowed roles get past the permission check, the others get
//! 403. The expected table is written out here by hand, independent of `rbac.rs`.
use crate::common;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use common::TestApp;

const ROLES: [(&str, &str); 7] = [
    ("superadmin", "superadmin@satu.test"),
    ("owner", "owner@makmur.test"),
    ("admin", "admin@makmur.test"),
    ("manager", "manager@makmur.test"),
    ("cashier", "kasir@makmur.test"),
    ("member", "anggota@makmur.test"),
    ("supplier", "supplier@makmur.test"),
];

pub(crate) const STAFF: &[&str] = &["owner", "admin", "manager", "cashier"];
pub(crate) const MANAGERS: &[&str] = &["owner", "admin", "manager"];
pub(crate) const ADMINS: &[&str] = &["owner", "admin"];

pub(crate) struct Case {
    method: Method,
    path: String,
    body: Option<Value>,
    allowed: &'static [&'static str],
}

pub(crate) fn case(
    method: Method,
    path: impl Into<String>,
    body: Option<Value>,
    allowed: &'static [&'static str],
) -> Case {
    Case {
        method,
        path: path.into(),
        body,
        allowed,
    }
}

async fn matrix(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let outlet = app.outlet_id(&mut owner, "MKM1").await;
    let users = app.get(&mut owner, "/api/v1/users").await.json;
    let kasir = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "kasir@makmur.test")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let token = app
        .post(&mut owner, "/api/v1/tokens", json!({"name": "matrix"}))
        .await
        .json["token"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Each for their own rows: a member her loans and savings; others find nothing (404).
    const TENANT_USERS: &[&str] = &["owner", "admin", "manager", "cashier", "member", "supplier"];
    const EVERYONE: &[&str] = &[
        "superadmin",
        "owner",
        "admin",
        "manager",
        "cashier",
        "member",
        "supplier",
    ];
    let shu = json!({"shu_total": "1000", "allocation": {"cadangan": "50", "jasa": "50"}, "jasa_modal": "jasa",
        "jasa_usaha": "cadangan", "members": [{"member": "a", "savings": "1", "transactions": "1"}]});
    let mut cases = vec![
        case(Method::GET, "/api/v1/tenants", None, &["superadmin"]),
        case(
            Method::GET,
            "/api/v1/platform/dashboard",
            None,
            &["superadmin"],
        ),
        case(
            Method::POST,
            "/api/v1/tenants",
            Some(json!({"name": "", "owner_email": "", "plan": "basic"})),
            &["superadmin"],
        ),
        case(Method::GET, "/api/v1/outlets", None, STAFF),
        case(
            Method::GET,
            format!("/api/v1/outlets/{outlet}"),
            None,
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/outlets",
            Some(json!({"name": ""})),
            ADMINS,
        ),
        case(
            Method::PATCH,
            format!("/api/v1/outlets/{outlet}"),
            Some(json!({"name": ""})),
            ADMINS,
        ),
        case(
            Method::DELETE,
            "/api/v1/outlets/00000000-0000-0000-0000-000000000000",
            None,
            ADMINS,
        ),
        case(Method::GET, "/api/v1/users", None, MANAGERS),
        case(
            Method::GET,
            format!("/api/v1/users/{kasir}"),
            None,
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/users",
            Some(json!({"email": "x", "name": "", "roles": []})),
            ADMINS,
        ),
        case(
            Method::PATCH,
            format!("/api/v1/users/{kasir}"),
            Some(json!({"name": ""})),
            ADMINS,
        ),
        case(
            Method::DELETE,
            "/api/v1/users/00000000-0000-0000-0000-000000000000",
            None,
            ADMINS,
        ),
        case(
            Method::PUT,
            format!("/api/v1/users/{kasir}/pin"),
            Some(json!({"pin": "x"})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/tokens", None, ADMINS),
        case(
            Method::POST,
            "/api/v1/tokens",
            Some(json!({"name": ""})),
            ADMINS,
        ),
        case(
            Method::DELETE,
            format!("/api/v1/tokens/{token}-nope"),
            None,
            ADMINS,
        ),
        case(Method::GET, "/api/v1/devices", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/devices",
            Some(json!({"outlet_id": "nope", "name": "x"})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/audit", None, &["owner"]),
        case(Method::GET, "/api/v1/audit/verify", None, &["owner"]),
        case(Method::GET, "/api/v1/dashboard", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/loan-simulations",
            Some(
                json!({"principal": "1000000", "rate_percent": "1", "rate_period": "month", "tenor_months": 2, "method": "flat"}),
            ),
            EVERYONE,
        ),
        case(Method::POST, "/api/v1/shu-simulations", Some(shu), MANAGERS),
        case(
            Method::POST,
            "/api/v1/nik-checks",
            Some(json!({"nik": "3171011708450001"})),
            STAFF,
        ),
        case(Method::GET, "/api/v1/auth/me", None, EVERYONE),
        case(
            Method::POST,
            "/api/v1/sales",
            Some(
                json!({"client_sale_id": "x", "outlet_id": "x", "receipt_no": "x", "sold_at": "x",
                "lines": [], "payments": [], "totals": {"subtotal": "0", "discount_total": "0",
                "service_charge": "0", "tax": "0", "rounding": "0", "grand_total": "0",
                "paid_total": "0", "change": "0"}}),
            ),
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/discount-approvals",
            Some(json!({"outlet_id": "x", "approver_id": "x", "pin": "x", "percent": "1"})),
            STAFF,
        ),
        case(Method::GET, "/api/v1/sales", None, MANAGERS),
        case(Method::GET, "/api/v1/customers/nope/sales", None, MANAGERS),
        case(Method::GET, "/api/v1/sales/nope", None, MANAGERS),
        case(
            Method::GET,
            format!("/api/v1/outlets/{outlet}/stock"),
            None,
            STAFF,
        ),
        case(
            Method::GET,
            format!("/api/v1/outlets/{outlet}/stock-movements"),
            None,
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/stock-adjustments",
            Some(json!({"outlet_id": "x", "product_id": "x", "quantity": "1", "reason": ""})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/reports/sales", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/shifts",
            Some(json!({"id": "x", "outlet_id": "x", "opening_float": "0", "opened_at": "x"})),
            STAFF,
        ),
        case(Method::GET, "/api/v1/shifts/current", None, STAFF),
        case(Method::GET, "/api/v1/shifts", None, MANAGERS),
        case(Method::GET, "/api/v1/shifts/nope", None, STAFF),
        case(
            Method::POST,
            "/api/v1/shifts/nope/cash-movements",
            Some(json!({"id": "x", "kind": "out", "amount": "1", "reason": "x", "at": "x"})),
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/shifts/nope/close",
            Some(json!({"counted": [], "closed_at": "x"})),
            STAFF,
        ),
        case(
            Method::GET,
            "/api/v1/sales/lookup?receipt_no=nope",
            None,
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/refunds",
            Some(
                json!({"id": "x", "outlet_id": "x", "receipt_no": "x", "refund_no": "x",
                "refunded_at": "x", "lines": [], "restock": true, "reason": "x",
                "approver_id": "x", "pin": "x", "total": "0"}),
            ),
            STAFF,
        ),
        case(Method::GET, "/api/v1/refunds/nope", None, STAFF),
        case(
            Method::POST,
            "/api/v1/voids",
            Some(json!({"id": "x", "outlet_id": "x", "kind": "line", "at": "x", "items": []})),
            STAFF,
        ),
        case(Method::GET, "/api/v1/members", None, STAFF),
        case(
            Method::POST,
            "/api/v1/members",
            Some(json!({"nik": "x", "name": "x", "sex": "F", "birth_date": "x", "address": "x"})),
            STAFF,
        ),
        case(Method::GET, "/api/v1/members/nope", None, STAFF),
        case(
            Method::POST,
            "/api/v1/members/nope/portal-invitation",
            Some(json!({})),
            ADMINS,
        ),
        case(Method::GET, "/api/v1/savings-products", None, STAFF),
        case(
            Method::POST,
            "/api/v1/savings-products",
            Some(json!({"code": "", "name": "", "kind": "x"})),
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/savings-accounts/nope/deposits",
            Some(json!({"amount": "1"})),
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/savings-accounts/nope/withdrawals",
            Some(json!({"amount": "1"})),
            STAFF,
        ),
        case(Method::GET, "/api/v1/loan-products", None, STAFF),
        case(
            Method::POST,
            "/api/v1/loan-products",
            Some(
                json!({"code": "", "name": "", "method": "x", "rate_percent": "1",
                "min_tenor": 1, "max_tenor": 1, "min_amount": "1", "max_amount": "1",
                "single_approval_limit": "1"}),
            ),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/loans", None, STAFF),
        case(
            Method::POST,
            "/api/v1/loans",
            Some(
                json!({"member_id": "nope", "product_id": "nope", "amount": "1", "tenor": 1, "purpose": "x"}),
            ),
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/loans/nope/analysis",
            Some(json!({"notes": "x"})),
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/loans/nope/approval",
            Some(json!({"decision": "approve"})),
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/loans/nope/disbursement",
            Some(json!({})),
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/loans/nope/repayments",
            Some(json!({"amount": "1"})),
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/loans/nope/payoff",
            Some(json!({})),
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/loans/nope/write-off",
            Some(json!({"reason": "x"})),
            ADMINS,
        ),
        case(Method::GET, "/api/v1/loan-reports/collection", None, STAFF),
        case(
            Method::GET,
            "/api/v1/loan-reports/portfolio",
            None,
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/members/nope/exit",
            Some(json!({"reason": "resigned"})),
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/savings-interest-postings",
            Some(json!({"month": "x"})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/shu-closings", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/shu-closings/nope/approval",
            Some(json!({"rat_notes": "x"})),
            ADMINS,
        ),
        case(
            Method::POST,
            "/api/v1/shu-closings/nope/posting",
            Some(json!({"payout": "cash"})),
            ADMINS,
        ),
        case(
            Method::GET,
            "/api/v1/koperasi-reports/cash-book",
            None,
            MANAGERS,
        ),
        case(
            Method::GET,
            "/api/v1/koperasi-reports/members.csv",
            None,
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/savings-accounts/nope/maturity",
            Some(json!({})),
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/savings-accounts/nope/early-withdrawal",
            Some(json!({})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/categories", None, STAFF),
        case(
            Method::POST,
            "/api/v1/categories",
            Some(json!({"name": ""})),
            MANAGERS,
        ),
        case(
            Method::PATCH,
            "/api/v1/categories/nope",
            Some(json!({"name": ""})),
            MANAGERS,
        ),
        case(Method::DELETE, "/api/v1/categories/nope", None, MANAGERS),
        case(Method::GET, "/api/v1/customers", None, STAFF),
        case(
            Method::POST,
            "/api/v1/customers",
            Some(json!({"name": ""})),
            STAFF,
        ),
        case(Method::GET, "/api/v1/customers/nope", None, STAFF),
        case(
            Method::PATCH,
            "/api/v1/customers/nope",
            Some(json!({"name": ""})),
            STAFF,
        ),
        case(Method::GET, "/api/v1/loans/nope", None, TENANT_USERS),
        case(Method::GET, "/api/v1/loans/nope/payoff", None, TENANT_USERS),
        case(Method::GET, "/api/v1/me/loans", None, TENANT_USERS),
        case(Method::GET, "/api/v1/me/member", None, TENANT_USERS),
        case(Method::GET, "/api/v1/me/shu", None, TENANT_USERS),
        case(
            Method::POST,
            "/api/v1/members/nope/accounts",
            Some(json!({"product_id": "nope"})),
            STAFF,
        ),
        // Staff, and a member for her own photo (anyone else's is a 404).
        case(Method::GET, "/api/v1/members/nope/ktp", None, TENANT_USERS),
        case(Method::POST, "/api/v1/members/nope/ktp", None, STAFF),
        case(
            Method::GET,
            format!("/api/v1/outlets/{outlet}/catalogue"),
            None,
            STAFF,
        ),
        case(
            Method::GET,
            format!("/api/v1/outlets/{outlet}/pricing"),
            None,
            STAFF,
        ),
        case(Method::GET, "/api/v1/products", None, STAFF),
        case(
            Method::POST,
            "/api/v1/products",
            Some(json!({"name": ""})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/products/export.csv", None, STAFF),
        case(Method::GET, "/api/v1/products/export.xlsx", None, STAFF),
        case(Method::POST, "/api/v1/products/import", None, MANAGERS),
        case(Method::GET, "/api/v1/products/nope", None, STAFF),
        case(
            Method::PATCH,
            "/api/v1/products/nope",
            Some(json!({"name": ""})),
            MANAGERS,
        ),
        case(Method::DELETE, "/api/v1/products/nope", None, MANAGERS),
        case(
            Method::PUT,
            format!("/api/v1/products/nope/outlet-prices/{outlet}"),
            Some(json!({"price": "1"})),
            MANAGERS,
        ),
        case(
            Method::DELETE,
            format!("/api/v1/products/nope/outlet-prices/{outlet}"),
            None,
            MANAGERS,
        ),
        case(
            Method::GET,
            "/api/v1/savings-accounts/nope/movements",
            None,
            TENANT_USERS,
        ),
        case(
            Method::POST,
            "/api/v1/shu-closings",
            Some(json!({"year": 1800, "shu_total": "0", "allocation": [],
            "jasa_modal_pool": "", "jasa_usaha_pool": "", "savings_basis": "all"})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/shu-closings/nope", None, MANAGERS),
    ];
    cases.extend(crate::rbac_stock::cases(&outlet));

    // Every mismatch is collected, so one run shows the whole table's disagreements.
    let mut wrong = Vec::new();
    for (role, email) in ROLES {
        let mut agent = app.login(email).await;
        for c in &cases {
            let r = app
                .send(&mut agent, c.method.clone(), &c.path, c.body.clone())
                .await;
            let allowed = c.allowed.contains(&role);
            let refused = r.status == StatusCode::FORBIDDEN && r.error_code() == "forbidden";
            if allowed && (refused || r.status == StatusCode::UNAUTHORIZED) {
                wrong.push(format!(
                    "{role} {} {} should be allowed: {} {}",
                    c.method, c.path, r.status, r.json
                ));
            } else if !allowed && !refused {
                wrong.push(format!(
                    "{role} {} {} should be refused: {} {}",
                    c.method, c.path, r.status, r.json
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");

    every_registered_route_has_a_case(&cases);

    // Nobody signed in: 401 everywhere.
    let mut anonymous = app.agent();
    for c in &cases {
        let r = app
            .send(&mut anonymous, c.method.clone(), &c.path, c.body.clone())
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {} {}",
            c.method,
            c.path
        );
    }
}
on_every_backend!(every_endpoint_checks_every_role, matrix);

/// Routes anyone may call, signed in or not (they have no permission to check).
const OPEN: &[(&str, &str)] = &[
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/logout"),
    ("GET", "/api/v1/auth/me"),
    ("POST", "/api/v1/auth/pin-login"),
    ("PUT", "/api/v1/auth/pin"),
    ("POST", "/api/v1/invitations/accept"),
    // The till asks which registered device it is before anyone signs in (its cookie).
    ("GET", "/api/v1/devices/current"),
];

/// The matrix is written by hand, but which routes exist comes from the registry: a route
/// added to any package without a row here fails this test.
fn every_registered_route_has_a_case(cases: &[Case]) {
    let doc = satu_server::kernel::docs::openapi(satu_server::packages::all());
    let mut missing = Vec::new();
    for (template, item) in &doc.paths.paths {
        if !template.starts_with("/api/v1/") {
            continue;
        }
        let methods = [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PUT", item.put.is_some()),
            ("PATCH", item.patch.is_some()),
            ("DELETE", item.delete.is_some()),
        ];
        for (method, present) in methods {
            if !present || OPEN.contains(&(method, template.as_str())) {
                continue;
            }
            let covered = cases
                .iter()
                .any(|c| c.method.as_str() == method && fits(template, &c.path));
            if !covered {
                missing.push(format!("{method} {template}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes with no role-matrix row: {missing:#?}"
    );
}

/// Whether a concrete path (query string aside) is an instance of an OpenAPI template.
pub(crate) fn fits(template: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}
