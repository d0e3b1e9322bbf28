use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "loan_installments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub loan_id: String,
    pub period: i32,
    pub due_date: String,
    pub principal: i64,
    pub interest: i64,
    pub paid_principal: i64,
    pub paid_interest: i64,
    pub waived_interest: i64,
    pub penalty_charged: i64,
    pub paid_penalty: i64,
    pub penalty_through: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
