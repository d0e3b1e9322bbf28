use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "loan_payments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub loan_id: String,
    pub member_id: String,
    pub kind: String,
    pub source: String,
    pub savings_account_id: Option<String>,
    pub amount: i64,
    pub penalty: i64,
    pub interest: i64,
    pub principal: i64,
    pub advance: i64,
    pub paid_on: String,
    pub note: Option<String>,
    pub user_id: String,
    pub device_id: Option<String>,
    pub at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
