use sea_orm::entity::prelude::*;

use crate::kernel::money::{Milli, Sen};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stock_count_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub count_id: String,
    pub product_id: String,
    pub expected_milli: Milli,
    pub counted_milli: Option<Milli>,
    pub counted_by: Option<String>,
    pub counted_at: Option<String>,
    pub unit_cost_sen: Option<Sen>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
