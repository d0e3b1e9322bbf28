use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consignment_settlements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub number: String,
    pub supplier_id: String,
    pub outlet_id: String,
    /// `YYYY-MM-DD`, both days included.
    pub period_from: String,
    pub period_to: String,
    pub amount_sen: Sen,
    pub note: Option<String>,
    pub created_by: String,
    pub device_id: Option<String>,
    pub created_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
