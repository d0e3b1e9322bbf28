use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shifts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// With `id`, the primary key: ids the till makes are unique per tenant.
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: String,
    pub outlet_id: String,
    pub device_id: Option<String>,
    pub cashier_id: String,
    pub opening_float_sen: Sen,
    pub opened_at: String,
    pub status: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub denominations: Option<String>,
    pub counted_cash_sen: Option<Sen>,
    pub expected_cash_sen: Option<Sen>,
    pub difference_sen: Option<Sen>,
    pub note: Option<String>,
    pub received_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
