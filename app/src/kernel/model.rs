//! The shapes the app reads from the API (the server's OpenAPI document is the reference).
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub tenant_id: Option<String>,
    pub tenant_name: Option<String>,
    pub roles: Vec<String>,
    pub outlet_ids: Option<Vec<String>>,
    pub status: String,
    pub has_pin: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub user: User,
    pub roles: Vec<String>,
    pub csrf_token: String,
    pub home: String,
    pub device_id: Option<String>,
    /// What the tenant has switched on (`platform`, `pos`, `retail`, `koperasi`, …).
    #[serde(default)]
    pub packages: Vec<String>,
    /// Permission codes this user holds (`pos.record_sale`, …).
    #[serde(default)]
    pub permissions: Vec<String>,
}

impl Session {
    pub fn has_package(&self, code: &str) -> bool {
        self.packages.iter().any(|p| p == code)
    }

    pub fn can(&self, permission: &str) -> bool {
        self.permissions.iter().any(|p| p == permission)
    }

    pub fn has(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }

    pub fn has_any(&self, roles: &[&str]) -> bool {
        roles.iter().any(|r| self.has(r))
    }
}

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

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Token {
    pub id: String,
    pub name: String,
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor_email: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Verification {
    pub entries: u64,
    pub valid: bool,
    pub broken_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Device {
    pub id: String,
    pub code: String,
    pub name: String,
    pub outlet_id: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PinUser {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub approver: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CurrentDevice {
    pub device: Device,
    pub outlet_name: String,
    pub users: Vec<PinUser>,
    #[serde(default)]
    pub cashier_discount_limit_percent: String,
    #[serde(default)]
    pub static_qris: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}
