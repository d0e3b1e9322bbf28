use serde::{Deserialize, Serialize};

/// Every error answer: `{"error": {"code", "message", "field"?, "params"?}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable, for programs and translations (`validation_failed`, `not_found`, …).
    pub code: String,
    /// For people, in Bahasa Indonesia.
    pub message: String,
    /// The input that was refused (validation errors only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What the message was built from (`{"package": "koperasi"}`), so a client can say it
    /// in its own language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub params: Option<serde_json::Value>,
}
