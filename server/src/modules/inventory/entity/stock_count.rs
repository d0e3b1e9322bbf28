use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stock_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub outlet_id: String,
    pub number: String,
    pub status: String,
    pub blind: bool,
    pub category_id: Option<String>,
    pub frozen_at: String,
    pub note: Option<String>,
    pub created_by: String,
    pub approved_by: Option<String>,
    pub closed_at: Option<String>,
    pub variance_value_sen: Option<Sen>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
