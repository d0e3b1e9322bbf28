use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stock_movements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub outlet_id: String,
    pub product_id: String,
    pub kind: String,
    pub quantity: String,
    pub quantity_milli: i64,
    pub reference: Option<String>,
    pub reason: Option<String>,
    pub user_id: Option<String>,
    pub device_id: Option<String>,
    pub at: String,
    /// The location's average cost per unit when it moved (after it, for goods in);
    /// `None` for rows older than migration 000025.
    pub unit_cost_sen: Option<Sen>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
