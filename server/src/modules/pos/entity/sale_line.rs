use sea_orm::entity::prelude::*;

use crate::kernel::money::{Milli, Sen};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sale_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub sale_id: String,
    pub line_no: i32,
    pub product_id: String,
    pub name: String,
    pub quantity_milli: Milli,
    pub unit_price_sen: Sen,
    pub discount_sen: Sen,
    pub net_sen: Sen,
    /// The product's cost when sold (for margin); `None` where it was not known.
    pub cost_sen: Option<Sen>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
