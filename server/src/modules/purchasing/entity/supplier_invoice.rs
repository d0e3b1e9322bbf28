use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supplier_invoices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub supplier_id: String,
    pub outlet_id: String,
    pub po_id: Option<String>,
    /// The supplier's own number.
    pub number: String,
    pub invoice_on: String,
    pub due_on: String,
    pub subtotal_sen: Sen,
    pub ppn_sen: Sen,
    pub expected_ppn_sen: Sen,
    pub total_sen: Sen,
    pub paid_sen: Sen,
    pub status: String,
    pub matched: bool,
    pub note: Option<String>,
    pub created_by: String,
    pub device_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
