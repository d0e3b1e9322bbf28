//! An outlet is a store (with a till) or a warehouse (gudang) that only holds stock.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outlets {
    Table,
    Kind,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Outlets::Table)
                .add_column(string(Outlets::Kind).default("store"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Outlets::Table)
                .drop_column(Outlets::Kind)
                .to_owned(),
        )
        .await
    }
}
