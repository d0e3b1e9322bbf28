use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "goods_receipts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub number: String,
    pub po_id: Option<String>,
    pub supplier_id: Option<String>,
    pub outlet_id: String,
    pub value_sen: Sen,
    pub note: Option<String>,
    pub user_id: String,
    pub device_id: Option<String>,
    pub received_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
