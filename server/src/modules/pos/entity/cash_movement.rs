use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cash_movements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// With `id`, the primary key: ids the till makes are unique per tenant.
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: String,
    pub outlet_id: String,
    pub shift_id: String,
    pub kind: String,
    pub amount_sen: Sen,
    pub reason: String,
    pub approved_by: Option<String>,
    pub user_id: String,
    pub device_id: Option<String>,
    pub at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
