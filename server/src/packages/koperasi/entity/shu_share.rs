use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shu_shares")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub closing_id: String,
    pub member_id: String,
    pub savings: i64,
    pub loan_interest: i64,
    pub purchases: i64,
    pub transactions: i64,
    pub jasa_modal: i64,
    pub jasa_usaha: i64,
    pub total: i64,
    pub paid_at: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
