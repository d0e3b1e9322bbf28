//! Consignment (titip jual): the products a supplier leaves on the shelf, what was sold
//! of them in a period, and the settlements. Amounts and quantities are decimal strings.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsignedProductInput {
    pub supplier_id: String,
    pub product_id: String,
    /// Owed to the supplier per unit sold.
    pub price: String,
    /// `false` ends the consignment (the product is the shop's own again).
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsignedProductView {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub supplier_id: String,
    pub supplier_name: String,
    pub price: String,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsignedProductPage {
    pub items: Vec<ConsignedProductView>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

/// One consigned product in a period: sold (less refunds), owed, and on the shelf now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettlementLineView {
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub sold: String,
    pub price: String,
    pub amount: String,
    /// Unsold units the supplier took back at the settlement.
    pub returned: String,
    /// On the shelf now (a preview only; empty on a settlement).
    pub on_hand: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettlementView {
    /// Empty on a preview.
    pub id: String,
    pub number: String,
    pub supplier_id: String,
    pub supplier_name: String,
    pub outlet_id: String,
    pub outlet_name: String,
    pub from: String,
    pub to: String,
    pub amount: String,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub lines: Vec<SettlementLineView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettlementPage {
    pub items: Vec<SettlementView>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnedInput {
    pub product_id: String,
    pub quantity: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettlementInput {
    pub supplier_id: String,
    pub outlet_id: String,
    /// `YYYY-MM-DD`, both days included, in the outlet's zone.
    pub from: String,
    pub to: String,
    /// Unsold units the supplier takes back now (they leave stock).
    #[serde(default)]
    pub returned: Vec<ReturnedInput>,
    pub note: Option<String>,
}
