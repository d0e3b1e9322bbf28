//! Assembly: a bundle product's components (its recipe), and each time bundles were
//! built from them or taken apart, with who, when, from which device and the value moved.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProductComponents {
    Table,
    TenantId,
    BundleId,
    ComponentId,
    QuantityMilli,
    Position,
}

#[derive(DeriveIden)]
enum Assemblies {
    Table,
    Id,
    TenantId,
    OutletId,
    Number,
    BundleId,
    Direction,
    QuantityMilli,
    ValueSen,
    Note,
    UserId,
    DeviceId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ProductComponents::Table)
                .col(string(ProductComponents::TenantId))
                .col(string(ProductComponents::BundleId))
                .col(string(ProductComponents::ComponentId))
                .col(big_integer(ProductComponents::QuantityMilli))
                .col(integer(ProductComponents::Position))
                .primary_key(
                    Index::create()
                        .col(ProductComponents::TenantId)
                        .col(ProductComponents::BundleId)
                        .col(ProductComponents::ComponentId),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Assemblies::Table)
                .col(string(Assemblies::Id).primary_key())
                .col(string(Assemblies::TenantId))
                .col(string(Assemblies::OutletId))
                .col(string(Assemblies::Number))
                .col(string(Assemblies::BundleId))
                .col(string(Assemblies::Direction))
                .col(big_integer(Assemblies::QuantityMilli))
                .col(big_integer(Assemblies::ValueSen))
                .col(string_null(Assemblies::Note))
                .col(string(Assemblies::UserId))
                .col(string_null(Assemblies::DeviceId))
                .col(string(Assemblies::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_assemblies_number")
                .table(Assemblies::Table)
                .col(Assemblies::TenantId)
                .col(Assemblies::Number)
                .unique()
                .to_owned(),
        )
        .await?;
        // A location's assemblies, newest first.
        m.create_index(
            Index::create()
                .name("ix_assemblies_outlet")
                .table(Assemblies::Table)
                .col(Assemblies::TenantId)
                .col(Assemblies::OutletId)
                .col(Assemblies::CreatedAt)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Assemblies::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(ProductComponents::Table).to_owned())
            .await
    }
}
