//! Consignment (titip jual): products a supplier leaves on the shelf and still owns, at
//! the price owed per unit sold; settlements per supplier, location and period with a line
//! per product (sold, owed, unsold taken back). A period is settled once.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConsignmentProducts {
    Table,
    Id,
    TenantId,
    SupplierId,
    ProductId,
    PriceSen,
    Active,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ConsignmentSettlements {
    Table,
    Id,
    TenantId,
    Number,
    SupplierId,
    OutletId,
    PeriodFrom,
    PeriodTo,
    AmountSen,
    Note,
    CreatedBy,
    DeviceId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ConsignmentSettlementLines {
    Table,
    Id,
    TenantId,
    SettlementId,
    ProductId,
    SoldMilli,
    PriceSen,
    AmountSen,
    ReturnedMilli,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ConsignmentProducts::Table)
                .col(string(ConsignmentProducts::Id).primary_key())
                .col(string(ConsignmentProducts::TenantId))
                .col(string(ConsignmentProducts::SupplierId))
                .col(string(ConsignmentProducts::ProductId))
                .col(big_integer(ConsignmentProducts::PriceSen))
                .col(boolean(ConsignmentProducts::Active).default(true))
                .col(string(ConsignmentProducts::UpdatedAt))
                .to_owned(),
        )
        .await?;
        // A product is consigned by one supplier at a time.
        m.create_index(
            Index::create()
                .name("ux_consignment_products_product")
                .table(ConsignmentProducts::Table)
                .col(ConsignmentProducts::TenantId)
                .col(ConsignmentProducts::ProductId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ConsignmentSettlements::Table)
                .col(string(ConsignmentSettlements::Id).primary_key())
                .col(string(ConsignmentSettlements::TenantId))
                .col(string(ConsignmentSettlements::Number))
                .col(string(ConsignmentSettlements::SupplierId))
                .col(string(ConsignmentSettlements::OutletId))
                .col(string(ConsignmentSettlements::PeriodFrom))
                .col(string(ConsignmentSettlements::PeriodTo))
                .col(big_integer(ConsignmentSettlements::AmountSen))
                .col(string_null(ConsignmentSettlements::Note))
                .col(string(ConsignmentSettlements::CreatedBy))
                .col(string_null(ConsignmentSettlements::DeviceId))
                .col(string(ConsignmentSettlements::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_consignment_settlements_number")
                .table(ConsignmentSettlements::Table)
                .col(ConsignmentSettlements::TenantId)
                .col(ConsignmentSettlements::Number)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_consignment_settlements_supplier")
                .table(ConsignmentSettlements::Table)
                .col(ConsignmentSettlements::TenantId)
                .col(ConsignmentSettlements::SupplierId)
                .col(ConsignmentSettlements::OutletId)
                .col(ConsignmentSettlements::PeriodTo)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ConsignmentSettlementLines::Table)
                .col(string(ConsignmentSettlementLines::Id).primary_key())
                .col(string(ConsignmentSettlementLines::TenantId))
                .col(string(ConsignmentSettlementLines::SettlementId))
                .col(string(ConsignmentSettlementLines::ProductId))
                .col(big_integer(ConsignmentSettlementLines::SoldMilli))
                .col(big_integer(ConsignmentSettlementLines::PriceSen))
                .col(big_integer(ConsignmentSettlementLines::AmountSen))
                .col(big_integer(ConsignmentSettlementLines::ReturnedMilli))
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            ConsignmentSettlementLines::Table,
                            ConsignmentSettlementLines::SettlementId,
                        )
                        .to(ConsignmentSettlements::Table, ConsignmentSettlements::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_consignment_settlement_lines_settlement")
                .table(ConsignmentSettlementLines::Table)
                .col(ConsignmentSettlementLines::SettlementId)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Alias::new("consignment_settlement_lines"),
            Alias::new("consignment_settlements"),
            Alias::new("consignment_products"),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
