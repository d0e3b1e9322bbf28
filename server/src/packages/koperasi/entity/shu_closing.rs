use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shu_closings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub year: i32,
    pub shu_total: i64,
    pub allocation: String,
    pub jasa_modal_pool: String,
    pub jasa_usaha_pool: String,
    pub savings_basis: String,
    pub status: String,
    pub payout: Option<String>,
    pub total_savings: i64,
    pub total_transactions: i64,
    pub created_by: String,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    pub rat_notes: Option<String>,
    pub posted_by: Option<String>,
    pub posted_at: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
