use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "savings_accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub member_id: String,
    pub product_id: String,
    pub account_no: String,
    pub balance: i64,
    pub status: String,
    /// Berjangka: the day the deposit was placed and the day it matures.
    pub placed_on: Option<String>,
    pub maturity_date: Option<String>,
    pub opened_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
