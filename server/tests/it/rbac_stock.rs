//! The role matrix's rows for purchasing and stock control (`rbac.rs` walks them with the
//! rest): who may order, receive, return, count, approve and transfer, and the supplier's
//! portal.
use axum::http::Method;
use serde_json::json;

use crate::rbac::{case, Case, ADMINS, MANAGERS, STAFF};

pub(crate) fn cases(outlet: &str) -> Vec<Case> {
    vec![
        case(Method::GET, "/api/v1/suppliers", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/suppliers",
            Some(json!({"name": ""})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/suppliers/nope", None, MANAGERS),
        case(
            Method::PATCH,
            "/api/v1/suppliers/nope",
            Some(json!({})),
            MANAGERS,
        ),
        case(
            Method::GET,
            "/api/v1/suppliers/nope/products",
            None,
            MANAGERS,
        ),
        case(
            Method::PUT,
            "/api/v1/suppliers/nope/products",
            Some(json!({"product_id": "nope"})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/purchase-orders", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/purchase-orders",
            Some(json!({"supplier_id": "nope", "outlet_id": "nope", "lines": []})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/purchase-orders/nope", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/purchase-orders/nope/send",
            Some(json!({})),
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/purchase-orders/nope/approve",
            Some(json!({})),
            ADMINS,
        ),
        case(
            Method::POST,
            "/api/v1/purchase-orders/nope/cancel",
            Some(json!({})),
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/purchase-orders/nope/close",
            Some(json!({})),
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/purchase-orders/nope/receipts",
            Some(json!({"lines": []})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/purchase-returns", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/purchase-returns",
            Some(json!({"supplier_id": "nope", "outlet_id": outlet, "reason": "", "lines": []})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/purchase-returns/nope", None, MANAGERS),
        case(
            Method::GET,
            format!("/api/v1/reorder-suggestions?outlet_id={outlet}"),
            None,
            MANAGERS,
        ),
        case(
            Method::PUT,
            "/api/v1/reorder-points",
            Some(json!({"outlet_id": outlet, "product_id": "nope"})),
            MANAGERS,
        ),
        case(
            Method::GET,
            format!("/api/v1/stock-valuation?outlet_id={outlet}"),
            None,
            MANAGERS,
        ),
        case(
            Method::GET,
            format!("/api/v1/stock-valuation.csv?outlet_id={outlet}"),
            None,
            MANAGERS,
        ),
        case(
            Method::GET,
            format!("/api/v1/stock-valuation.xlsx?outlet_id={outlet}"),
            None,
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/stock-counts", None, STAFF),
        case(
            Method::POST,
            "/api/v1/stock-counts",
            Some(json!({"outlet_id": "nope"})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/stock-counts/nope", None, STAFF),
        case(
            Method::POST,
            "/api/v1/stock-counts/nope/lines",
            Some(json!({"product_id": "x", "quantity": "1"})),
            STAFF,
        ),
        case(
            Method::POST,
            "/api/v1/stock-counts/nope/approve",
            Some(json!({})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/stock-transfers", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/stock-transfers",
            Some(json!({"from_outlet_id": "nope", "to_outlet_id": "nope", "lines": []})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/stock-transfers/nope", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/stock-transfers/nope/send",
            Some(json!({})),
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/stock-transfers/nope/receive",
            Some(json!({})),
            MANAGERS,
        ),
        case(
            Method::GET,
            format!("/api/v1/products/nope/stock-card?outlet_id={outlet}"),
            None,
            MANAGERS,
        ),
        case(
            Method::GET,
            format!("/api/v1/stock-batches/expiring?outlet_id={outlet}"),
            None,
            MANAGERS,
        ),
        case(
            Method::GET,
            format!("/api/v1/products/nope/batches?outlet_id={outlet}"),
            None,
            MANAGERS,
        ),
        case(
            Method::GET,
            "/api/v1/products/nope/components",
            None,
            STAFF,
        ),
        case(
            Method::PUT,
            "/api/v1/products/nope/components",
            Some(json!({"components": []})),
            MANAGERS,
        ),
        case(
            Method::GET,
            format!("/api/v1/assemblies?outlet_id={outlet}"),
            None,
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/assemblies",
            Some(json!({"outlet_id": outlet, "product_id": "nope", "quantity": "1", "direction": "build"})),
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/consignments/products", None, MANAGERS),
        case(
            Method::PUT,
            "/api/v1/consignments/products",
            Some(json!({"supplier_id": "nope", "product_id": "nope", "price": "1"})),
            MANAGERS,
        ),
        case(
            Method::GET,
            format!("/api/v1/consignments/settlements/preview?supplier_id=nope&outlet_id={outlet}&from=2026-12-01&to=2026-12-07"),
            None,
            MANAGERS,
        ),
        case(Method::GET, "/api/v1/consignments/settlements", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/consignments/settlements",
            Some(json!({"supplier_id": "nope", "outlet_id": "nope", "from": "2026-12-01", "to": "2026-12-07"})),
            MANAGERS,
        ),
        case(
            Method::GET,
            "/api/v1/consignments/settlements/nope",
            None,
            MANAGERS,
        ),
        case(
            Method::GET,
            "/api/v1/supplier-portal/consignments/settlements",
            None,
            &["supplier"],
        ),
        case(
            Method::GET,
            "/api/v1/supplier-portal/consignments/sold",
            None,
            &["supplier"],
        ),
        case(Method::GET, "/api/v1/supplier-invoices", None, MANAGERS),
        case(
            Method::POST,
            "/api/v1/supplier-invoices",
            Some(
                json!({"supplier_id": "nope", "number": "", "invoice_on": "2026-12-01", "lines": []}),
            ),
            MANAGERS,
        ),
        case(
            Method::GET,
            "/api/v1/supplier-invoices/nope",
            None,
            MANAGERS,
        ),
        case(
            Method::POST,
            "/api/v1/supplier-invoices/nope/payments",
            Some(json!({"amount": "1", "method": "cash"})),
            ADMINS,
        ),
        case(Method::GET, "/api/v1/payables/aging", None, MANAGERS),
        case(
            Method::GET,
            "/api/v1/suppliers/nope/statement",
            None,
            MANAGERS,
        ),
        // The supplier's own portal (404 for a supplier user no supplier record names).
        case(
            Method::GET,
            "/api/v1/supplier-portal/purchase-orders",
            None,
            &["supplier"],
        ),
        case(
            Method::GET,
            "/api/v1/supplier-portal/purchase-orders/nope",
            None,
            &["supplier"],
        ),
        case(
            Method::POST,
            "/api/v1/supplier-portal/purchase-orders/nope/confirm",
            Some(json!({"delivery_on": "2026-12-12"})),
            &["supplier"],
        ),
        case(
            Method::POST,
            "/api/v1/supplier-portal/purchase-orders/nope/ship",
            Some(json!({"delivery_note": "SJ-1"})),
            &["supplier"],
        ),
        case(
            Method::GET,
            "/api/v1/supplier-portal/invoices",
            None,
            &["supplier"],
        ),
        case(
            Method::GET,
            "/api/v1/supplier-portal/invoices/nope",
            None,
            &["supplier"],
        ),
    ]
}
