use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "loans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub loan_no: String,
    pub member_id: String,
    pub product_id: String,
    pub officer_id: String,
    pub amount: i64,
    pub tenor: i32,
    pub purpose: String,
    pub status: String,
    pub method: String,
    pub rate_percent: String,
    pub rate_period: String,
    pub admin_fee: i64,
    pub provision_fee: i64,
    pub fees_deducted: Option<bool>,
    pub analysis_notes: Option<String>,
    pub collateral_kind: Option<String>,
    pub collateral_description: Option<String>,
    pub collateral_value: i64,
    pub collateral_documents: Option<String>,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    pub second_approved_by: Option<String>,
    pub second_approved_at: Option<String>,
    pub rejected_by: Option<String>,
    pub rejection_reason: Option<String>,
    pub disbursed_on: Option<String>,
    pub disbursed_by: Option<String>,
    pub net_disbursed: Option<i64>,
    pub closed_on: Option<String>,
    pub written_off_by: Option<String>,
    pub written_off_amount: Option<i64>,
    pub version: i32,
    pub created_by: String,
    pub device_id: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
