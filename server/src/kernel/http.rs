//! HTTP extractors that answer in our error format: `Json`, `Path`, `Query`.
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};

use crate::kernel::error::ApiError;

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
    crate::kernel::input::check_text(path, text, chars_max, true)
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
