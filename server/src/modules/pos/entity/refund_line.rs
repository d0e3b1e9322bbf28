use sea_orm::entity::prelude::*;

use crate::kernel::money::{Milli, Sen};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "refund_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub refund_id: String,
    pub sale_line_no: i32,
    pub product_id: String,
    pub name: String,
    pub quantity_milli: Milli,
    pub amount_sen: Sen,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
