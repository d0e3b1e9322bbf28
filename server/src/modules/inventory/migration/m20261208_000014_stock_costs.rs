//! Each outlet's moving average cost of each product (set by goods receipts, read by the
//! sale to store its lines' cost), the reorder points the manager sets, and an index of
//! the ledger by time (the reorder list reads the last four weeks' sales from it).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StockCosts {
    Table,
    TenantId,
    OutletId,
    ProductId,
    UnitCostSen,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReorderPoints {
    Table,
    TenantId,
    OutletId,
    ProductId,
    PointMilli,
    OrderMilli,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(StockCosts::Table)
                .col(string(StockCosts::TenantId))
                .col(string(StockCosts::OutletId))
                .col(string(StockCosts::ProductId))
                .col(big_integer(StockCosts::UnitCostSen))
                .col(string(StockCosts::UpdatedAt))
                .primary_key(
                    Index::create()
                        .name("pk_stock_costs")
                        .col(StockCosts::TenantId)
                        .col(StockCosts::OutletId)
                        .col(StockCosts::ProductId),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ReorderPoints::Table)
                .col(string(ReorderPoints::TenantId))
                .col(string(ReorderPoints::OutletId))
                .col(string(ReorderPoints::ProductId))
                .col(big_integer(ReorderPoints::PointMilli))
                .col(big_integer(ReorderPoints::OrderMilli))
                .col(string(ReorderPoints::UpdatedAt))
                .primary_key(
                    Index::create()
                        .name("pk_reorder_points")
                        .col(ReorderPoints::TenantId)
                        .col(ReorderPoints::OutletId)
                        .col(ReorderPoints::ProductId),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_stock_outlet_time")
                .table(Alias::new("stock_movements"))
                .col(Alias::new("tenant_id"))
                .col(Alias::new("outlet_id"))
                .col(Alias::new("at"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_stock_outlet_time")
                .table(Alias::new("stock_movements"))
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(ReorderPoints::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(StockCosts::Table).to_owned())
            .await
    }
}
