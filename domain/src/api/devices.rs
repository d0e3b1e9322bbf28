use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceView {
    pub id: String,
    pub code: String,
    pub name: String,
    pub outlet_id: String,
    #[serde(default)]
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PinUser {
    pub id: String,
    pub name: String,
    /// May approve discounts above a cashier's limit with the PIN.
    pub approver: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentDevice {
    pub device: DeviceView,
    pub outlet_name: String,
    /// Staff who can switch in on this device with their PIN.
    pub users: Vec<PinUser>,
    /// Discount a cashier may give without a manager, % of the subtotal.
    #[serde(default)]
    pub cashier_discount_limit_percent: String,
    /// The outlet's static QRIS payload (from its acquirer), if set.
    pub static_qris: Option<String>,
    /// The device's outlet, so a till opens with one request instead of two in a row.
    #[serde(default)]
    pub outlet: Option<super::OutletView>,
}
