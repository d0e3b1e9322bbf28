use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "purchase_orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub number: String,
    pub supplier_id: String,
    pub outlet_id: String,
    pub status: String,
    pub expected_on: Option<String>,
    pub supplier_pkp: bool,
    pub subtotal_sen: Sen,
    pub ppn_sen: Sen,
    pub total_sen: Sen,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub approved_by: Option<String>,
    pub confirmed_at: Option<String>,
    pub delivery_on: Option<String>,
    pub supplier_note: Option<String>,
    pub shipped_at: Option<String>,
    pub delivery_note: Option<String>,
    pub closed_at: Option<String>,
    pub updated_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
