//! Simpanan berjangka: a product's term and early-withdrawal penalty, and on the account
//! the day the deposit was placed and the day it matures. Also members' documents (the
//! KTP photo), kept in the database so every server behind the balancer has them.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        m.alter_table(
            Table::alter()
                .table(SavingsProducts::Table)
                .add_column(integer(SavingsProducts::TermMonths).default(0))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(SavingsProducts::Table)
                .add_column(string(SavingsProducts::EarlyPenaltyPercent).default("0"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(SavingsAccounts::Table)
                .add_column(string_null(SavingsAccounts::PlacedOn))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(SavingsAccounts::Table)
                .add_column(string_null(SavingsAccounts::MaturityDate))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MemberDocuments::Table)
                .col(string(MemberDocuments::Id).primary_key())
                .col(string(MemberDocuments::TenantId))
                .col(string(MemberDocuments::MemberId))
                .col(string(MemberDocuments::Kind))
                .col(string(MemberDocuments::ContentType))
                .col(blob(MemberDocuments::Data))
                .col(string(MemberDocuments::UploadedBy))
                .col(string(MemberDocuments::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_member_documents_kind")
                .table(MemberDocuments::Table)
                .col(MemberDocuments::TenantId)
                .col(MemberDocuments::MemberId)
                .col(MemberDocuments::Kind)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(MemberDocuments::Table).to_owned())
            .await?;
        for col in [SavingsAccounts::PlacedOn, SavingsAccounts::MaturityDate] {
            m.alter_table(
                Table::alter()
                    .table(SavingsAccounts::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        for col in [
            SavingsProducts::TermMonths,
            SavingsProducts::EarlyPenaltyPercent,
        ] {
            m.alter_table(
                Table::alter()
                    .table(SavingsProducts::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum SavingsProducts {
    Table,
    TermMonths,
    EarlyPenaltyPercent,
}

#[derive(DeriveIden)]
enum SavingsAccounts {
    Table,
    PlacedOn,
    MaturityDate,
}

#[derive(DeriveIden)]
enum MemberDocuments {
    Table,
    Id,
    TenantId,
    MemberId,
    Kind,
    ContentType,
    Data,
    UploadedBy,
    At,
}
