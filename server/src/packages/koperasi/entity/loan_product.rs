use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "loan_products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub code: String,
    pub name: String,
    pub method: String,
    pub rate_percent: String,
    pub rate_period: String,
    pub min_tenor: i32,
    pub max_tenor: i32,
    pub min_amount: i64,
    pub max_amount: i64,
    pub admin_fee: i64,
    pub provision_percent: String,
    pub penalty_rate_percent: String,
    pub penalty_grace_days: i32,
    pub savings_multiple: String,
    pub collateral_required: bool,
    pub single_approval_limit: i64,
    pub payoff_interest_periods: i32,
    pub allocation_order: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
