use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outlets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub code: String,
    pub name: String,
    pub address: String,
    pub timezone: String,
    pub industry: String,
    /// `store` or `warehouse` (`domain::location::LocationKind`).
    pub kind: String,
    pub archived: bool,
    /// Outlet settings (tax, cash rounding, receipt text) as JSON.
    #[sea_orm(column_type = "Text")]
    pub settings: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
