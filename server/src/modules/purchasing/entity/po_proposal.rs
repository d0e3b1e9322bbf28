use sea_orm::entity::prelude::*;

/// Changes a supplier proposed to an order before confirming it, and the buyer's answer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "po_proposals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub po_id: String,
    /// `pending`, `accepted` or `rejected` (`domain::purchasing::proposal`).
    pub status: String,
    pub delivery_on: Option<String>,
    pub note: Option<String>,
    pub proposed_by: String,
    pub proposed_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
