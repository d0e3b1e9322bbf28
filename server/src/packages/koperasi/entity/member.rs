use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub tenant_id: String,
    pub member_no: String,
    pub nik: String,
    pub name: String,
    pub sex: String,
    pub birth_date: String,
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub occupation: Option<String>,
    pub heir_name: Option<String>,
    pub heir_relation: Option<String>,
    pub join_date: String,
    pub status: String,
    pub ktp_photo_url: Option<String>,
    pub user_id: Option<String>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
