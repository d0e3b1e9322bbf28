//! Koperasi: members, savings products, accounts and their ledger. An account's balance is
//! kept in whole rupiah as an integer so a withdrawal can be one conditional UPDATE that
//! never takes it below the product's minimum, whatever other tellers do at that moment.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Members::Table)
                .col(string(Members::Id).primary_key())
                .col(string(Members::TenantId))
                .col(string(Members::MemberNo))
                .col(string(Members::Nik))
                .col(string(Members::Name))
                .col(string(Members::Sex))
                .col(string(Members::BirthDate))
                .col(string(Members::Address))
                .col(string_null(Members::Phone))
                .col(string_null(Members::Email))
                .col(string_null(Members::Occupation))
                .col(string_null(Members::HeirName))
                .col(string_null(Members::HeirRelation))
                .col(string(Members::JoinDate))
                .col(string(Members::Status))
                .col(string_null(Members::KtpPhotoUrl))
                .col(string_null(Members::UserId))
                .col(string(Members::CreatedBy))
                .col(timestamp_with_time_zone(Members::CreatedAt))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ux_members_tenant_no", Members::MemberNo),
            ("ux_members_tenant_nik", Members::Nik),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(Members::Table)
                    .col(Members::TenantId)
                    .col(col)
                    .unique()
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(SavingsProducts::Table)
                .col(string(SavingsProducts::Id).primary_key())
                .col(string(SavingsProducts::TenantId))
                .col(string(SavingsProducts::Code))
                .col(string(SavingsProducts::Name))
                .col(string(SavingsProducts::Kind))
                .col(string(SavingsProducts::FixedAmount))
                .col(string(SavingsProducts::RatePercent))
                .col(string(SavingsProducts::MinimumBalance))
                .col(boolean(SavingsProducts::Active).default(true))
                .col(timestamp_with_time_zone(SavingsProducts::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_savings_products_tenant_code")
                .table(SavingsProducts::Table)
                .col(SavingsProducts::TenantId)
                .col(SavingsProducts::Code)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SavingsAccounts::Table)
                .col(string(SavingsAccounts::Id).primary_key())
                .col(string(SavingsAccounts::TenantId))
                .col(string(SavingsAccounts::MemberId))
                .col(string(SavingsAccounts::ProductId))
                .col(string(SavingsAccounts::AccountNo))
                .col(big_integer(SavingsAccounts::Balance).default(0))
                .col(string(SavingsAccounts::Status))
                .col(timestamp_with_time_zone(SavingsAccounts::OpenedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_savings_accounts_member_product")
                .table(SavingsAccounts::Table)
                .col(SavingsAccounts::TenantId)
                .col(SavingsAccounts::MemberId)
                .col(SavingsAccounts::ProductId)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SavingsMovements::Table)
                .col(string(SavingsMovements::Id).primary_key())
                .col(string(SavingsMovements::TenantId))
                .col(string(SavingsMovements::AccountId))
                .col(string(SavingsMovements::MemberId))
                .col(string(SavingsMovements::Kind))
                .col(big_integer(SavingsMovements::Amount))
                .col(big_integer(SavingsMovements::BalanceAfter))
                .col(string_null(SavingsMovements::Note))
                .col(string(SavingsMovements::UserId))
                .col(string_null(SavingsMovements::DeviceId))
                .col(string(SavingsMovements::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_savings_movements_account")
                .table(SavingsMovements::Table)
                .col(SavingsMovements::TenantId)
                .col(SavingsMovements::AccountId)
                .col(SavingsMovements::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            SavingsMovements::Table.into_iden(),
            SavingsAccounts::Table.into_iden(),
            SavingsProducts::Table.into_iden(),
            Members::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
    TenantId,
    MemberNo,
    Nik,
    Name,
    Sex,
    BirthDate,
    Address,
    Phone,
    Email,
    Occupation,
    HeirName,
    HeirRelation,
    JoinDate,
    Status,
    KtpPhotoUrl,
    UserId,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SavingsProducts {
    Table,
    Id,
    TenantId,
    Code,
    Name,
    Kind,
    FixedAmount,
    RatePercent,
    MinimumBalance,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SavingsAccounts {
    Table,
    Id,
    TenantId,
    MemberId,
    ProductId,
    AccountNo,
    Balance,
    Status,
    OpenedAt,
}

#[derive(DeriveIden)]
enum SavingsMovements {
    Table,
    Id,
    TenantId,
    AccountId,
    MemberId,
    Kind,
    Amount,
    BalanceAfter,
    Note,
    UserId,
    DeviceId,
    At,
}
