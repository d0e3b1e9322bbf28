use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "savings_products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub fixed_amount: String,
    pub rate_percent: String,
    pub minimum_balance: String,
    /// Sukarela interest: `daily_balance` or `minimum_balance`.
    pub interest_method: String,
    /// Berjangka: months from placement to maturity.
    pub term_months: i32,
    /// Berjangka: percent of the deposit kept when taken out before maturity.
    pub early_penalty_percent: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
