use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: Option<String>,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub pin_hash: Option<String>,
    pub platform_role: Option<String>,
    pub status: String,
    pub locale: String,
    pub is_demo: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
