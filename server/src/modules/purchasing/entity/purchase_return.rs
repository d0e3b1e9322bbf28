use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "purchase_returns")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub number: String,
    pub supplier_id: String,
    pub outlet_id: String,
    pub po_id: Option<String>,
    pub receipt_id: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub value_sen: Sen,
    pub user_id: String,
    pub device_id: Option<String>,
    pub created_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
