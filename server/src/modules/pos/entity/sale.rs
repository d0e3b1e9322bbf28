use sea_orm::entity::prelude::*;

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
    pub subtotal: String,
    pub discount_total: String,
    pub service_charge: String,
    pub tax_total: String,
    pub rounding: String,
    pub grand_total: String,
    pub paid_total: String,
    pub change_due: String,
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
