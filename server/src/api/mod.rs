//! The `/api` HTTP surface. Handlers are thin: they check permissions, validate input,
//! call repositories inside one transaction, and record the audit entry in that same
//! transaction.
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::routing::{get, post, put};
use axum::Router;

use crate::error::ApiError;
use crate::state::AppState;

pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod devices;
pub mod discounts;
pub mod docs;
pub mod health;
pub mod input;
pub mod koperasi_reports;
pub mod loan_payments;
pub mod loan_reports;
pub mod loans;
pub mod member_documents;
pub mod member_exit;
pub mod members;
pub mod outlets;
pub mod refunds;
pub mod reports;
pub mod sales;
pub mod savings;
pub mod savings_interest;
pub mod shifts;
pub mod shu;
pub mod simulations;
pub mod stock;
pub mod tenants;
pub mod time_deposits;
pub mod tokens;
pub mod users;
pub mod voids;

/// `axum::Json` whose rejection speaks our error format, and which refuses, before any
/// handler sees them, strings no field accepts: control characters (other than line breaks
/// and tabs) and anything longer than [`STRING_CHARS_MAX`]. Each field's own, tighter limit
/// is the handler's (`input::text`).
pub struct Json<T>(pub T);

/// The longest string any JSON field may carry (the longest real one is a note).
pub const STRING_CHARS_MAX: usize = 10_000;
/// The longest query parameter value (a search, a date, an id).
pub const QUERY_CHARS_MAX: usize = 1_000;

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let axum::Json(value) = axum::Json::<serde_json::Value>::from_request(req, state).await?;
        let mut path = String::new();
        check_strings(&value, &mut path)?;
        serde_path_to_error::deserialize(value)
            .map(Json)
            .map_err(|e| {
                let path = e.path().to_string();
                let message = e.into_inner().to_string();
                let field = if path == "." {
                    data_error_field(&message)
                } else {
                    path
                };
                ApiError::Validation {
                    message: format!("Data tidak valid: {field}: {message}"),
                    field,
                }
            })
    }
}

/// Strings as they arrive may carry line breaks (notes); each field's own rule is stricter.
fn check_text(path: &str, text: &str, chars_max: usize) -> Result<(), ApiError> {
    input::check_text(path, text, chars_max, true)
}

/// Walks the document, keeping `path` as serde_path_to_error writes it (`lines[2].name`).
fn check_strings(value: &serde_json::Value, path: &mut String) -> Result<(), ApiError> {
    use serde_json::Value;
    match value {
        Value::String(s) => check_text(path, s, STRING_CHARS_MAX),
        Value::Array(items) => {
            let len = path.len();
            for (i, item) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                check_strings(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(fields) => {
            let len = path.len();
            for (key, item) in fields {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                check_text(path, key, QUERY_CHARS_MAX)?;
                check_strings(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

/// `axum::Query` with our error format; every value is checked like a JSON string, with
/// [`QUERY_CHARS_MAX`].
pub struct Query<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, ApiError> {
        let raw = parts.uri.query().unwrap_or_default();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw)
            .map_err(|_| ApiError::BadRequest("Parameter tidak dapat dibaca.".into()))?;
        for (key, value) in &pairs {
            check_text(key, key, QUERY_CHARS_MAX)?;
            check_text(key, value, QUERY_CHARS_MAX)?;
        }
        let axum::extract::Query(value) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Query(value))
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::JsonDataError(e) => ApiError::Validation {
                field: data_error_field(&e.body_text()),
                message: format!("Data tidak valid: {}", e.body_text()),
            },
            JsonRejection::MissingJsonContentType(_) => {
                ApiError::BadRequest("Kirim data sebagai application/json.".into())
            }
            other => {
                ApiError::BadRequest(format!("JSON tidak dapat dibaca: {}", other.body_text()))
            }
        }
    }
}

/// serde names the offending field in its message ("… at line 1 column 5: missing field `x`"
/// or "`rate_period`: unknown variant"); surface it so clients can point at the input.
fn data_error_field(text: &str) -> String {
    let rest = text.split_once("target type: ").map_or(text, |(_, r)| r);
    if let Some(field) = rest
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return field.to_string();
    }
    match rest.split_once(": ") {
        Some((path, _)) if path != "." => path.to_string(),
        _ => String::new(),
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        ApiError::NotFound("Sumber daya")
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::BadRequest(format!("Parameter tidak valid: {}", rejection.body_text()))
    }
}

pub fn router(state: AppState) -> Router {
    let v1 = Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/auth/pin-login", post(auth::pin_login))
        .route("/auth/pin", put(auth::set_own_pin))
        .route("/invitations/accept", post(users::accept_invitation))
        .route("/tenants", get(tenants::list).post(tenants::create))
        .route("/outlets", get(outlets::list).post(outlets::create))
        .route(
            "/outlets/{id}",
            get(outlets::get_one)
                .patch(outlets::update)
                .delete(outlets::archive),
        )
        .route("/users", get(users::list).post(users::invite))
        .route(
            "/users/{id}",
            get(users::get_one)
                .patch(users::update)
                .delete(users::disable),
        )
        .route("/users/{id}/pin", put(users::set_pin))
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/{id}", axum::routing::delete(tokens::revoke))
        .route("/devices", get(devices::list).post(devices::register))
        .route("/devices/current", get(devices::current))
        .route("/audit", get(audit::list))
        .route("/audit/verify", get(audit::verify))
        .route("/loan-simulations", post(simulations::loan))
        .route("/shu-simulations", post(simulations::shu))
        .route("/nik-checks", post(simulations::nik))
        .route("/sales", get(sales::list).post(sales::create))
        .route("/sales/lookup", get(refunds::lookup))
        .route("/sales/{id}", get(sales::get_one))
        .route("/refunds", post(refunds::create))
        .route("/refunds/{id}", get(refunds::get_one))
        .route("/shifts", get(shifts::list).post(shifts::open))
        .route("/shifts/current", get(shifts::current))
        .route("/shifts/{id}", get(shifts::get_one))
        .route("/shifts/{id}/cash-movements", post(shifts::cash_movement))
        .route("/shifts/{id}/close", post(shifts::close))
        .route("/voids", post(voids::create))
        .route("/members", get(members::list).post(members::create))
        .route("/members/{id}", get(members::get_one))
        .route(
            "/members/{id}/portal-invitation",
            post(members::invite_to_portal),
        )
        .route("/me/member", get(members::me))
        .route("/members/{id}/exit", post(member_exit::exit))
        .route("/members/{id}/accounts", post(savings::open_account))
        .route(
            "/members/{id}/ktp",
            get(member_documents::photo).post(member_documents::upload),
        )
        .route(
            "/savings-products",
            get(savings::products).post(savings::create_product),
        )
        .route("/savings-accounts/{id}/deposits", post(savings::deposit))
        .route(
            "/savings-accounts/{id}/withdrawals",
            post(savings::withdraw),
        )
        .route("/savings-accounts/{id}/movements", get(savings::movements))
        .route(
            "/savings-accounts/{id}/maturity",
            post(time_deposits::mature),
        )
        .route(
            "/savings-accounts/{id}/early-withdrawal",
            post(time_deposits::withdraw_early),
        )
        .route(
            "/savings-interest-postings",
            post(savings_interest::post_month),
        )
        .route(
            "/loan-products",
            get(loans::products).post(loans::create_product),
        )
        .route("/loans", get(loans::list).post(loans::apply))
        .route("/loans/{id}", get(loans::get_one))
        .route("/loans/{id}/analysis", post(loans::analyse))
        .route("/loans/{id}/approval", post(loans::approve))
        .route("/loans/{id}/disbursement", post(loan_payments::disburse))
        .route("/loans/{id}/repayments", post(loan_payments::repay))
        .route(
            "/loans/{id}/payoff",
            get(loan_payments::payoff_quote).post(loan_payments::pay_off),
        )
        .route("/loans/{id}/write-off", post(loan_payments::write_off))
        .route("/loan-reports/collection", get(loan_reports::collection))
        .route("/loan-reports/portfolio", get(loan_reports::portfolio))
        .route("/me/loans", get(loan_reports::my_loans))
        .route("/shu-closings", get(shu::list).post(shu::compute))
        .route("/shu-closings/{id}", get(shu::get_one))
        .route("/shu-closings/{id}/approval", post(shu::approve))
        .route("/shu-closings/{id}/posting", post(shu::post))
        .route("/me/shu", get(shu::mine))
        .route(
            "/koperasi-reports/cash-book",
            get(koperasi_reports::cash_book_json),
        )
        .route("/koperasi-reports/{file}", get(koperasi_reports::csv_file))
        .route("/discount-approvals", post(discounts::approve))
        .route("/outlets/{id}/pricing", get(sales::outlet_pricing))
        .route("/outlets/{id}/stock", get(stock::levels))
        .route("/outlets/{id}/stock-movements", get(stock::movements))
        .route("/stock-adjustments", post(stock::adjust))
        .route("/reports/sales", get(reports::sales_report))
        .merge(catalogue::routes())
        // A known path with a method it does not take answers in our error format too.
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed });

    let api = Router::new()
        .route("/health", get(health::health))
        .route("/openapi.json", get(docs::openapi_json))
        .route("/docs", get(docs::docs_page))
        .nest("/v1", v1)
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .fallback(|| async { ApiError::NotFound("Alamat API") })
        .with_state(state)
        // A bug must still answer in our error format, never with a dropped connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            axum::response::IntoResponse::into_response(ApiError::Internal(anyhow::anyhow!(
                "handler panicked"
            )))
        }));
    Router::new().nest("/api", api)
}
