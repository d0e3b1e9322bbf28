//! Tenants and their outlets, as the platform serves them to every package.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantView {
    pub id: String,
    pub name: String,
    pub owner_email: String,
    pub plan: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutletView {
    pub id: String,
    pub code: String,
    pub name: String,
    pub address: String,
    /// `WIB`, `WITA` or `WIT`.
    pub timezone: String,
    pub industry: String,
    /// A store (with a till) or a warehouse (stock only).
    #[serde(default)]
    pub kind: crate::location::LocationKind,
    pub created_at: String,
    /// Discount a cashier may give without a manager's PIN, % of the subtotal.
    pub cashier_discount_limit_percent: String,
    /// Static QRIS payload printed by the acquirer; the till makes a dynamic one per sale.
    pub static_qris: Option<String>,
    /// Cash a cashier may take in or out of the drawer without a manager's PIN (rupiah).
    pub cash_movement_limit: String,
    /// Receipt lines under the outlet's name and address (e.g. the NPWP).
    pub receipt_header: Vec<String>,
    /// Receipt lines at the bottom.
    pub receipt_footer: Vec<String>,
}

/// `POST /tenants`: the new business and its owner's one-time invitation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedTenant {
    pub tenant: TenantView,
    pub owner_user_id: String,
    /// One-time secret the owner uses to set a password; shown once.
    pub invite_token: String,
    pub invite_path: String,
}
