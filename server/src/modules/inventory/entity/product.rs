use sea_orm::entity::prelude::*;

use crate::kernel::money::Sen;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub group_id: Option<String>,
    pub sku: String,
    pub name: String,
    pub variant: Option<String>,
    pub category_id: Option<String>,
    pub unit: String,
    pub cost_sen: Sen,
    pub price_sen: Sen,
    pub tax: String,
    pub active: bool,
    pub image_url: Option<String>,
    /// Receipts record batch and expiry; stock leaves first-expiry-first-out.
    pub tracks_batches: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
