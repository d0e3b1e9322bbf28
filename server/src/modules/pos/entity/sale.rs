use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sales")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub outlet_id: String,
    pub device_id: Option<String>,
    pub cashier_id: String,
    pub client_sale_id: String,
    pub receipt_no: String,
    pub customer_id: Option<String>,
    pub subtotal_sen: Sen,
    pub discount_total_sen: Sen,
    pub service_charge_sen: Sen,
    pub tax_total_sen: Sen,
    pub rounding_sen: Sen,
    pub grand_total_sen: Sen,
    pub paid_total_sen: Sen,
    pub change_due_sen: Sen,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub flags: Option<String>,
    pub sold_at: String,
    pub received_at: DateTimeUtc,
    pub discount_approved_by: Option<String>,
    pub shift_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
