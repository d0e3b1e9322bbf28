//! The stock ledger summed from its indexes alone. Stock is the sum of its movements
//! (`inventory::repo::stock`); at a busy year's size (3.3 M movements: 20,000 products × 3
//! locations, `satu seed-volume`) the reorder list and the stock valuation summed one
//! location's movements by reading each from the table (2 s on SQLite), and the
//! dashboard's dead stock everyone's (3 s). Both sums now read only an index that holds
//! the quantity beside the product:
//! - a location's stock per product: (tenant, outlet, product, quantity), which replaces
//!   the (tenant, outlet, product) index it begins with (the stock card and every other
//!   use of that one are served by it as they were);
//! - the whole tenant's stock per product: (tenant, product, quantity), read in product
//!   order, so the sums need no sort either.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StockMovements {
    Table,
    TenantId,
    OutletId,
    ProductId,
    QuantityMilli,
}

const OLD: &str = "ix_stock_outlet_product";
const BY_OUTLET: &str = "ix_stock_outlet_product_quantity";
const BY_PRODUCT: &str = "ix_stock_product_quantity";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name(BY_OUTLET)
                .table(StockMovements::Table)
                .col(StockMovements::TenantId)
                .col(StockMovements::OutletId)
                .col(StockMovements::ProductId)
                .col(StockMovements::QuantityMilli)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(BY_PRODUCT)
                .table(StockMovements::Table)
                .col(StockMovements::TenantId)
                .col(StockMovements::ProductId)
                .col(StockMovements::QuantityMilli)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name(OLD)
                .table(StockMovements::Table)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name(OLD)
                .table(StockMovements::Table)
                .col(StockMovements::TenantId)
                .col(StockMovements::OutletId)
                .col(StockMovements::ProductId)
                .to_owned(),
        )
        .await?;
        for name in [BY_PRODUCT, BY_OUTLET] {
            m.drop_index(
                Index::drop()
                    .name(name)
                    .table(StockMovements::Table)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
