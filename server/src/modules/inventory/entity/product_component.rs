use sea_orm::entity::prelude::*;

use crate::kernel::money::Milli;

/// One component of a bundle product: how many of it go into one bundle.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_components")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub bundle_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub component_id: String,
    pub quantity_milli: Milli,
    /// The order the components were listed in.
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
