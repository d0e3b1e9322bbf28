use sea_orm::entity::prelude::*;

use crate::kernel::money::{Milli, Sen};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supplier_products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub supplier_id: String,
    pub product_id: String,
    pub supplier_code: Option<String>,
    pub purchase_unit: String,
    pub per_base_milli: Milli,
    pub last_price_sen: Option<Sen>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
