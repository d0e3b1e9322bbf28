//! Batches and expiry: a product may be tracked by batch; each location's stock of it is
//! split into batches with their expiry, filled by receipts and emptied first-expiry-
//! first-out by whatever takes stock out. The ledger stays the authority on quantity:
//! what no batch covers is "without batch".
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Products {
    Table,
    TracksBatches,
}

#[derive(DeriveIden, Clone, Copy)]
enum StockBatches {
    Table,
    Id,
    TenantId,
    OutletId,
    ProductId,
    BatchNo,
    ExpiresOn,
    QuantityMilli,
    ReceivedMilli,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Products::Table)
                .add_column(boolean(Products::TracksBatches).default(false))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(StockBatches::Table)
                .col(string(StockBatches::Id).primary_key())
                .col(string(StockBatches::TenantId))
                .col(string(StockBatches::OutletId))
                .col(string(StockBatches::ProductId))
                .col(string(StockBatches::BatchNo))
                .col(string_null(StockBatches::ExpiresOn))
                .col(big_integer(StockBatches::QuantityMilli))
                .col(big_integer(StockBatches::ReceivedMilli))
                .col(string(StockBatches::CreatedAt))
                .col(string(StockBatches::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_stock_batches_batch")
                .table(StockBatches::Table)
                .col(StockBatches::TenantId)
                .col(StockBatches::OutletId)
                .col(StockBatches::ProductId)
                .col(StockBatches::BatchNo)
                .unique()
                .to_owned(),
        )
        .await?;
        // The expiring-soon list: a location's batches by expiry.
        m.create_index(
            Index::create()
                .name("ix_stock_batches_expiry")
                .table(StockBatches::Table)
                .col(StockBatches::TenantId)
                .col(StockBatches::OutletId)
                .col(StockBatches::ExpiresOn)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(StockBatches::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Products::Table)
                .drop_column(Products::TracksBatches)
                .to_owned(),
        )
        .await
    }
}
