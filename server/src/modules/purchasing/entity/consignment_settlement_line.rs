use sea_orm::entity::prelude::*;

use crate::kernel::money::{Milli, Sen};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consignment_settlement_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub settlement_id: String,
    pub product_id: String,
    /// Sold less refunded in the period.
    pub sold_milli: Milli,
    pub price_sen: Sen,
    pub amount_sen: Sen,
    /// Unsold units taken back by the supplier at the settlement.
    pub returned_milli: Milli,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
