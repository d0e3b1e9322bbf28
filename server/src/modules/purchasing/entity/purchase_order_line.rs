use sea_orm::entity::prelude::*;

use crate::kernel::money::{Milli, Sen};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "purchase_order_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub po_id: String,
    pub line_no: i32,
    pub product_id: String,
    pub purchase_unit: String,
    pub per_base_milli: Milli,
    pub quantity_milli: Milli,
    pub unit_price_sen: Sen,
    pub discount_sen: Sen,
    pub net_sen: Sen,
    pub ordered_base_milli: Milli,
    pub received_base_milli: Milli,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
