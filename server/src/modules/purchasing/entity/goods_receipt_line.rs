use sea_orm::entity::prelude::*;

use crate::kernel::money::{Milli, Sen};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "goods_receipt_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub receipt_id: String,
    pub po_line_id: Option<String>,
    pub product_id: String,
    pub quantity_base_milli: Milli,
    pub value_sen: Sen,
    pub batch_no: Option<String>,
    pub expires_on: Option<String>,
    pub flag: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
