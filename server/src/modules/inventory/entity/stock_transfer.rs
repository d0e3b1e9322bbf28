use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stock_transfers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub number: String,
    pub from_outlet_id: String,
    pub to_outlet_id: String,
    pub status: String,
    pub note: Option<String>,
    pub requested_by: String,
    pub requested_at: String,
    pub sent_by: Option<String>,
    pub sent_at: Option<String>,
    pub received_by: Option<String>,
    pub received_at: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
