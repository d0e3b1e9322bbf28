//! Manager approvals of discounts above a cashier's limit. An approval is given once (PIN
//! checked by the server) and used by at most one sale.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(DiscountApprovals::Table)
                .col(string(DiscountApprovals::Id).primary_key())
                .col(string(DiscountApprovals::TenantId))
                .col(string(DiscountApprovals::OutletId))
                .col(string_null(DiscountApprovals::DeviceId))
                .col(string(DiscountApprovals::RequestedBy))
                .col(string(DiscountApprovals::ApprovedBy))
                .col(string(DiscountApprovals::MaxPercent))
                .col(string_null(DiscountApprovals::SaleId))
                .col(timestamp_with_time_zone(DiscountApprovals::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_discount_approvals_tenant")
                .table(DiscountApprovals::Table)
                .col(DiscountApprovals::TenantId)
                .col(DiscountApprovals::Id)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Sales::Table)
                .add_column(string_null(Sales::DiscountApprovedBy))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Sales::Table)
                .drop_column(Sales::DiscountApprovedBy)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(DiscountApprovals::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum DiscountApprovals {
    Table,
    Id,
    TenantId,
    OutletId,
    DeviceId,
    RequestedBy,
    ApprovedBy,
    MaxPercent,
    SaleId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sales {
    Table,
    DiscountApprovedBy,
}
