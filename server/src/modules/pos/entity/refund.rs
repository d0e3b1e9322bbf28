use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "refunds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// With `id`, the primary key: ids the till makes are unique per tenant.
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: String,
    pub outlet_id: String,
    pub sale_id: String,
    pub refund_no: String,
    pub shift_id: Option<String>,
    pub cashier_id: String,
    pub device_id: Option<String>,
    pub approved_by: String,
    pub reason: String,
    pub restock: bool,
    pub to_cash: bool,
    pub total_sen: Sen,
    pub refunded_at: String,
    pub received_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
