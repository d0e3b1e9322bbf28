use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

/// A product on the shelf that its supplier still owns, and what the shop owes per unit sold.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consignment_products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub supplier_id: String,
    pub product_id: String,
    pub price_sen: Sen,
    pub active: bool,
    pub updated_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
