use sea_orm::entity::prelude::*;

use crate::kernel::money::Milli;

/// One batch of a product at a location: what is left of it and when it expires.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stock_batches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub outlet_id: String,
    pub product_id: String,
    pub batch_no: String,
    /// `YYYY-MM-DD`; `None`: no expiry.
    pub expires_on: Option<String>,
    pub quantity_milli: Milli,
    pub received_milli: Milli,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
