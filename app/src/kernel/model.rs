//! The shapes the app reads from the API (the server's OpenAPI document is the reference).
use serde::Deserialize;

/// Declared once for server and app in `domain::api`.
pub use domain::api::{
    AuditView as AuditEntry, CurrentDevice, DeviceView as Device, LoginRequest as Credentials,
    PinUser, SessionView as Session, TokenView as Token, UserView as User, Verification,
};
pub use domain::role::Role;

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Outlet {
    pub id: String,
    pub code: String,
    pub name: String,
    pub address: String,
    pub timezone: String,
    pub industry: String,
    #[serde(default)]
    pub cash_movement_limit: String,
    #[serde(default)]
    pub receipt_header: Vec<String>,
    #[serde(default)]
    pub receipt_footer: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Tenant {
    pub id: String,
    pub name: String,
    pub owner_email: String,
    pub plan: String,
}
