use sea_orm::entity::prelude::*;

use crate::kernel::money::{Milli, Sen};

/// What the supplier proposes for one order line (`None`: as ordered).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "po_proposal_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub proposal_id: String,
    pub po_line_id: String,
    /// Units of purchase; zero: cannot supply.
    pub quantity_milli: Option<Milli>,
    pub unit_price_sen: Option<Sen>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
