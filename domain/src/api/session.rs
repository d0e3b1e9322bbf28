use serde::{Deserialize, Serialize};

use crate::role::Role;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub name: String,
    pub tenant_id: Option<String>,
    pub tenant_name: Option<String>,
    pub roles: Vec<Role>,
    /// Outlets the user is limited to; `null` means every outlet of the tenant.
    pub outlet_ids: Option<Vec<String>>,
    pub status: String,
    pub has_pin: bool,
    /// `id` or `en`.
    #[serde(default)]
    pub locale: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionView {
    pub user: UserView,
    pub roles: Vec<Role>,
    /// Send back as `X-CSRF-Token` on every state-changing request made with the cookie.
    pub csrf_token: String,
    /// The screen this user lands on.
    pub home: String,
    pub device_id: Option<String>,
    /// What the tenant has switched on (`platform`, `pos`, `retail`, `koperasi`, …): the
    /// app shows only those packages' menus and pages.
    #[serde(default)]
    pub packages: Vec<String>,
    /// The permission codes this user holds (`pos.record_sale`, …), for the menu.
    #[serde(default)]
    pub permissions: Vec<String>,
}

impl SessionView {
    pub fn has_package(&self, code: &str) -> bool {
        self.packages.iter().any(|p| p == code)
    }

    pub fn can(&self, permission: &str) -> bool {
        self.permissions.iter().any(|p| p == permission)
    }

    /// `role` by its name (`"owner"`).
    pub fn has(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r.as_str() == role)
    }

    pub fn has_any(&self, roles: &[&str]) -> bool {
        roles.iter().any(|r| self.has(r))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenView {
    pub id: String,
    pub name: String,
    /// First characters of the secret, to recognise it.
    pub prefix: String,
    pub user_id: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// `POST /tokens`: the new token and its secret.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedToken {
    pub token: TokenView,
    /// The secret, shown this once: send it as `Authorization: Bearer …`.
    pub secret: String,
}

/// `POST /users`: the invited user and the one-time link that sets her password.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invited {
    pub user: UserView,
    /// One-time secret; shown once.
    pub invite_token: String,
    pub invite_path: String,
}
