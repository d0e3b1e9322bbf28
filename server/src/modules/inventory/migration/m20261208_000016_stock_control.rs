//! Stock control: counts (stock opname) with a line per product, and transfers between
//! locations with a line per product. Quantities in thousandths, values in sen.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StockCounts {
    Table,
    Id,
    TenantId,
    OutletId,
    Number,
    Status,
    Blind,
    CategoryId,
    FrozenAt,
    Note,
    CreatedBy,
    ApprovedBy,
    ClosedAt,
    VarianceValueSen,
}

#[derive(DeriveIden)]
enum StockCountLines {
    Table,
    Id,
    TenantId,
    CountId,
    ProductId,
    ExpectedMilli,
    CountedMilli,
    CountedBy,
    CountedAt,
    UnitCostSen,
}

#[derive(DeriveIden)]
enum StockTransfers {
    Table,
    Id,
    TenantId,
    Number,
    FromOutletId,
    ToOutletId,
    Status,
    Note,
    RequestedBy,
    RequestedAt,
    SentBy,
    SentAt,
    ReceivedBy,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum StockTransferLines {
    Table,
    Id,
    TenantId,
    TransferId,
    ProductId,
    RequestedMilli,
    SentMilli,
    ReceivedMilli,
    UnitCostSen,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(StockCounts::Table)
                .col(string(StockCounts::Id).primary_key())
                .col(string(StockCounts::TenantId))
                .col(string(StockCounts::OutletId))
                .col(string(StockCounts::Number))
                .col(string(StockCounts::Status))
                .col(boolean(StockCounts::Blind).default(false))
                .col(string_null(StockCounts::CategoryId))
                .col(string(StockCounts::FrozenAt))
                .col(string_null(StockCounts::Note))
                .col(string(StockCounts::CreatedBy))
                .col(string_null(StockCounts::ApprovedBy))
                .col(string_null(StockCounts::ClosedAt))
                .col(big_integer_null(StockCounts::VarianceValueSen))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_stock_counts_number")
                .table(StockCounts::Table)
                .col(StockCounts::TenantId)
                .col(StockCounts::Number)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(StockCountLines::Table)
                .col(string(StockCountLines::Id).primary_key())
                .col(string(StockCountLines::TenantId))
                .col(string(StockCountLines::CountId))
                .col(string(StockCountLines::ProductId))
                .col(big_integer(StockCountLines::ExpectedMilli))
                .col(big_integer_null(StockCountLines::CountedMilli))
                .col(string_null(StockCountLines::CountedBy))
                .col(string_null(StockCountLines::CountedAt))
                .col(big_integer_null(StockCountLines::UnitCostSen))
                .foreign_key(
                    ForeignKey::create()
                        .from(StockCountLines::Table, StockCountLines::CountId)
                        .to(StockCounts::Table, StockCounts::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_stock_count_lines_product")
                .table(StockCountLines::Table)
                .col(StockCountLines::CountId)
                .col(StockCountLines::ProductId)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(StockTransfers::Table)
                .col(string(StockTransfers::Id).primary_key())
                .col(string(StockTransfers::TenantId))
                .col(string(StockTransfers::Number))
                .col(string(StockTransfers::FromOutletId))
                .col(string(StockTransfers::ToOutletId))
                .col(string(StockTransfers::Status))
                .col(string_null(StockTransfers::Note))
                .col(string(StockTransfers::RequestedBy))
                .col(string(StockTransfers::RequestedAt))
                .col(string_null(StockTransfers::SentBy))
                .col(string_null(StockTransfers::SentAt))
                .col(string_null(StockTransfers::ReceivedBy))
                .col(string_null(StockTransfers::ReceivedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_stock_transfers_number")
                .table(StockTransfers::Table)
                .col(StockTransfers::TenantId)
                .col(StockTransfers::Number)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(StockTransferLines::Table)
                .col(string(StockTransferLines::Id).primary_key())
                .col(string(StockTransferLines::TenantId))
                .col(string(StockTransferLines::TransferId))
                .col(string(StockTransferLines::ProductId))
                .col(big_integer(StockTransferLines::RequestedMilli))
                .col(big_integer(StockTransferLines::SentMilli).default(0))
                .col(big_integer(StockTransferLines::ReceivedMilli).default(0))
                .col(big_integer_null(StockTransferLines::UnitCostSen))
                .foreign_key(
                    ForeignKey::create()
                        .from(StockTransferLines::Table, StockTransferLines::TransferId)
                        .to(StockTransfers::Table, StockTransfers::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_stock_transfer_lines_transfer")
                .table(StockTransferLines::Table)
                .col(StockTransferLines::TransferId)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "stock_transfer_lines",
            "stock_transfers",
            "stock_count_lines",
            "stock_counts",
        ] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned())
                .await?;
        }
        Ok(())
    }
}
