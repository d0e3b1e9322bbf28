use sea_orm::entity::prelude::*;

use crate::kernel::money::{Milli, Sen};

/// One product of an invoice's three-way match, kept as it stood when recorded.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supplier_invoice_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub invoice_id: String,
    pub line_no: i32,
    pub product_id: String,
    pub ordered_base_milli: Milli,
    pub ordered_sen: Sen,
    pub received_base_milli: Milli,
    pub received_sen: Sen,
    pub invoiced_base_milli: Milli,
    pub invoiced_sen: Sen,
    /// Comma-separated `domain::purchasing::invoice::Mismatch` names; empty when it agrees.
    pub mismatches: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
