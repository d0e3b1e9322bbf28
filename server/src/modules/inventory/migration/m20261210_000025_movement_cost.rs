//! Each stock movement keeps the location's average cost at the time (after a receipt,
//! the new average; on the way out, what the goods left at), so a stock card shows the
//! running cost and value historically. Rows written before have none.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StockMovements {
    Table,
    UnitCostSen,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(StockMovements::Table)
                .add_column(big_integer_null(StockMovements::UnitCostSen))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(StockMovements::Table)
                .drop_column(StockMovements::UnitCostSen)
                .to_owned(),
        )
        .await
    }
}
