//! The server's one error type. Every handler returns `ApiError`; it is turned into
//! `{"error":{"code","message"}}` here and nowhere else, so no SQL text or panic reaches a client.
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("Anda belum masuk atau sesi telah berakhir.")]
    Unauthenticated,
    #[error("Email atau kata sandi salah.")]
    BadCredentials,
    #[error("Kata sandi demo hanya berlaku dalam mode demo.")]
    DemoPasswordRefused,
    #[error("Anda tidak berhak melakukan tindakan ini.")]
    Forbidden,
    /// The route belongs to a package none of the tenant's outlets runs.
    #[error("Fitur ini bagian dari paket {package}, yang tidak aktif untuk usaha Anda.")]
    PackageNotEnabled { package: &'static str },
    #[error("Token CSRF tidak ada atau tidak cocok.")]
    CsrfFailed,
    #[error("{0} tidak ditemukan.")]
    NotFound(&'static str),
    #[error("Metode HTTP ini tidak didukung di alamat ini.")]
    MethodNotAllowed,
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("{message}")]
    Validation { field: String, message: String },
    /// Well-formed but refused by a business rule (422 with its own code).
    #[error("{message}")]
    Rejected { code: &'static str, message: String },
    #[error("{0}")]
    BadRequest(String),
    #[error("Terlalu banyak percobaan. Coba lagi dalam {retry_after_secs} detik.")]
    RateLimited { retry_after_secs: u64 },
    #[error("Terjadi kesalahan pada server.")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Conflict {
            code,
            message: message.into(),
        }
    }

    /// A unique index refused the write: a parallel request stored the same thing first.
    pub fn is_duplicate(&self) -> bool {
        matches!(self, ApiError::Conflict { code, .. } if *code == DUPLICATE)
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthenticated
            | ApiError::BadCredentials
            | ApiError::DemoPasswordRefused => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden | ApiError::PackageNotEnabled { .. } | ApiError::CsrfFailed => {
                StatusCode::FORBIDDEN
            }
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Validation { .. } | ApiError::Rejected { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthenticated => "unauthenticated",
            ApiError::BadCredentials => "bad_credentials",
            ApiError::DemoPasswordRefused => "demo_password_refused",
            ApiError::Forbidden => "forbidden",
            ApiError::PackageNotEnabled { .. } => "package_not_enabled",
            ApiError::CsrfFailed => "csrf_failed",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::Conflict { code, .. } => code,
            ApiError::Validation { .. } => "validation_failed",
            ApiError::Rejected { code, .. } => code,
            ApiError::BadRequest(_) => "bad_request",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::Internal(_) => "internal_error",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(err) = &self {
            tracing::error!(error = ?err, "internal error");
        }
        let mut error = json!({ "code": self.code(), "message": self.to_string() });
        match &self {
            ApiError::Validation { field, .. } => {
                error["field"] = json!(field);
                error["params"] = json!({ "field": field });
            }
            ApiError::PackageNotEnabled { package } => {
                error["params"] = json!({ "package": package });
            }
            _ => {}
        }
        let mut response = (self.status(), axum::Json(json!({ "error": error }))).into_response();
        if let ApiError::RateLimited { retry_after_secs } = self {
            if let Ok(v) = retry_after_secs.to_string().parse() {
                response.headers_mut().insert("retry-after", v);
            }
        }
        response
    }
}

pub use domain::api::{ErrorBody, ErrorDetail};

/// The code of the 409 a unique index answers with when two requests race past the
/// handler's own "already taken?" check.
pub const DUPLICATE: &str = "duplicate";

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            return ApiError::conflict(
                DUPLICATE,
                "Data yang sama baru saja disimpan oleh permintaan lain; muat ulang dan periksa.",
            );
        }
        ApiError::Internal(err.into())
    }
}

impl From<sea_orm::TransactionError<ApiError>> for ApiError {
    fn from(err: sea_orm::TransactionError<ApiError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e,
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
