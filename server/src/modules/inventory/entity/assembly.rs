use sea_orm::entity::prelude::*;

use crate::kernel::money::{Milli, Sen};

/// Bundles built from their components (`build`) or taken apart (`take_apart`) at a
/// location.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assemblies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub outlet_id: String,
    pub number: String,
    pub bundle_id: String,
    pub direction: String,
    pub quantity_milli: Milli,
    /// What moved: the components' value into the bundles, or the bundles' back.
    pub value_sen: Sen,
    pub note: Option<String>,
    pub user_id: String,
    pub device_id: Option<String>,
    pub created_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
