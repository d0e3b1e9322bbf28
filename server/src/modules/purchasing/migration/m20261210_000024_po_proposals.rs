//! A supplier's proposed changes to an order before it confirms, line by line, and the
//! buyer's decision on them.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PoProposals {
    Table,
    Id,
    TenantId,
    PoId,
    Status,
    DeliveryOn,
    Note,
    ProposedBy,
    ProposedAt,
    DecidedBy,
    DecidedAt,
    DecisionNote,
}

#[derive(DeriveIden)]
enum PoProposalLines {
    Table,
    Id,
    TenantId,
    ProposalId,
    PoLineId,
    QuantityMilli,
    UnitPriceSen,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PoProposals::Table)
                .col(string(PoProposals::Id).primary_key())
                .col(string(PoProposals::TenantId))
                .col(string(PoProposals::PoId))
                .col(string(PoProposals::Status))
                .col(string_null(PoProposals::DeliveryOn))
                .col(string_null(PoProposals::Note))
                .col(string(PoProposals::ProposedBy))
                .col(string(PoProposals::ProposedAt))
                .col(string_null(PoProposals::DecidedBy))
                .col(string_null(PoProposals::DecidedAt))
                .col(string_null(PoProposals::DecisionNote))
                .to_owned(),
        )
        .await?;
        // An order's proposals, newest first.
        m.create_index(
            Index::create()
                .name("ix_po_proposals_po")
                .table(PoProposals::Table)
                .col(PoProposals::TenantId)
                .col(PoProposals::PoId)
                .col(PoProposals::ProposedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PoProposalLines::Table)
                .col(string(PoProposalLines::Id).primary_key())
                .col(string(PoProposalLines::TenantId))
                .col(string(PoProposalLines::ProposalId))
                .col(string(PoProposalLines::PoLineId))
                .col(big_integer_null(PoProposalLines::QuantityMilli))
                .col(big_integer_null(PoProposalLines::UnitPriceSen))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_po_proposal_lines_proposal")
                .table(PoProposalLines::Table)
                .col(PoProposalLines::TenantId)
                .col(PoProposalLines::ProposalId)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PoProposalLines::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(PoProposals::Table).to_owned())
            .await
    }
}
