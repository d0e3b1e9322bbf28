//! SHU year-end close: one closing per koperasi and year (draft → approved at the RAT →
//! posted), and each member's share with the figures it was computed from. Also the
//! sukarela interest method per savings product and the month-end interest postings
//! (one per account and month, so posting a month twice cannot pay twice).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ShuClosings::Table)
                .col(string(ShuClosings::Id).primary_key())
                .col(string(ShuClosings::TenantId))
                .col(integer(ShuClosings::Year))
                .col(big_integer(ShuClosings::ShuTotal))
                .col(string(ShuClosings::Allocation))
                .col(string(ShuClosings::JasaModalPool))
                .col(string(ShuClosings::JasaUsahaPool))
                .col(string(ShuClosings::SavingsBasis))
                .col(string(ShuClosings::Status))
                .col(string_null(ShuClosings::Payout))
                .col(big_integer(ShuClosings::TotalSavings))
                .col(big_integer(ShuClosings::TotalTransactions))
                .col(string(ShuClosings::CreatedBy))
                .col(string_null(ShuClosings::ApprovedBy))
                .col(string_null(ShuClosings::ApprovedAt))
                .col(string_null(ShuClosings::RatNotes))
                .col(string_null(ShuClosings::PostedBy))
                .col(string_null(ShuClosings::PostedAt))
                .col(integer(ShuClosings::Version).default(0))
                .col(timestamp_with_time_zone(ShuClosings::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ShuShares::Table)
                .col(string(ShuShares::Id).primary_key())
                .col(string(ShuShares::TenantId))
                .col(string(ShuShares::ClosingId))
                .col(string(ShuShares::MemberId))
                .col(big_integer(ShuShares::Savings))
                .col(big_integer(ShuShares::LoanInterest))
                .col(big_integer(ShuShares::Purchases))
                .col(big_integer(ShuShares::Transactions))
                .col(big_integer(ShuShares::JasaModal))
                .col(big_integer(ShuShares::JasaUsaha))
                .col(big_integer(ShuShares::Total))
                .col(string_null(ShuShares::PaidAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_shu_closings_year")
                .table(ShuClosings::Table)
                .col(ShuClosings::TenantId)
                .col(ShuClosings::Year)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_shu_shares_member")
                .table(ShuShares::Table)
                .col(ShuShares::ClosingId)
                .col(ShuShares::MemberId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(SavingsProducts::Table)
                .add_column(string(SavingsProducts::InterestMethod).default("daily_balance"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SavingsInterestPostings::Table)
                .col(string(SavingsInterestPostings::Id).primary_key())
                .col(string(SavingsInterestPostings::TenantId))
                .col(string(SavingsInterestPostings::AccountId))
                .col(string(SavingsInterestPostings::MemberId))
                .col(string(SavingsInterestPostings::Month))
                .col(big_integer(SavingsInterestPostings::Gross))
                .col(big_integer(SavingsInterestPostings::Tax))
                .col(big_integer(SavingsInterestPostings::Net))
                .col(string(SavingsInterestPostings::UserId))
                .col(string(SavingsInterestPostings::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_savings_interest_account_month")
                .table(SavingsInterestPostings::Table)
                .col(SavingsInterestPostings::AccountId)
                .col(SavingsInterestPostings::Month)
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(
            Table::drop()
                .table(SavingsInterestPostings::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(SavingsProducts::Table)
                .drop_column(SavingsProducts::InterestMethod)
                .to_owned(),
        )
        .await?;
        for t in [ShuShares::Table.into_iden(), ShuClosings::Table.into_iden()] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ShuClosings {
    Table,
    Id,
    TenantId,
    Year,
    ShuTotal,
    Allocation,
    JasaModalPool,
    JasaUsahaPool,
    SavingsBasis,
    Status,
    Payout,
    TotalSavings,
    TotalTransactions,
    CreatedBy,
    ApprovedBy,
    ApprovedAt,
    RatNotes,
    PostedBy,
    PostedAt,
    Version,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ShuShares {
    Table,
    Id,
    TenantId,
    ClosingId,
    MemberId,
    Savings,
    LoanInterest,
    Purchases,
    Transactions,
    JasaModal,
    JasaUsaha,
    Total,
    PaidAt,
}

#[derive(DeriveIden)]
enum SavingsProducts {
    Table,
    InterestMethod,
}

#[derive(DeriveIden)]
enum SavingsInterestPostings {
    Table,
    Id,
    TenantId,
    AccountId,
    MemberId,
    Month,
    Gross,
    Tax,
    Net,
    UserId,
    At,
}
