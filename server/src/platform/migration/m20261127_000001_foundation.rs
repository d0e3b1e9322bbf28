use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Tenants::Table)
                .col(string(Tenants::Id).primary_key())
                .col(string(Tenants::Name))
                .col(string(Tenants::OwnerEmail))
                .col(string(Tenants::Plan))
                .col(timestamp_with_time_zone(Tenants::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Outlets::Table)
                .col(string(Outlets::Id).primary_key())
                .col(string(Outlets::TenantId))
                .col(string(Outlets::Code))
                .col(string(Outlets::Name))
                .col(string(Outlets::Address))
                .col(string(Outlets::Timezone))
                .col(string(Outlets::Industry))
                .col(boolean(Outlets::Archived).default(false))
                .col(timestamp_with_time_zone(Outlets::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Outlets::Table, Outlets::TenantId)
                        .to(Tenants::Table, Tenants::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_outlets_tenant_code")
                .table(Outlets::Table)
                .col(Outlets::TenantId)
                .col(Outlets::Code)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(string(Users::Id).primary_key())
                .col(string_null(Users::TenantId))
                .col(string_uniq(Users::Email))
                .col(string(Users::Name))
                .col(string_null(Users::PasswordHash))
                .col(string_null(Users::PinHash))
                .col(string_null(Users::PlatformRole))
                .col(string(Users::Status))
                .col(string(Users::Locale).default("id"))
                .col(boolean(Users::IsDemo).default(false))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Users::Table, Users::TenantId)
                        .to(Tenants::Table, Tenants::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_users_tenant")
                .table(Users::Table)
                .col(Users::TenantId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UserRoles::Table)
                .col(string(UserRoles::Id).primary_key())
                .col(string(UserRoles::TenantId))
                .col(string(UserRoles::UserId))
                .col(string(UserRoles::Role))
                .foreign_key(
                    ForeignKey::create()
                        .from(UserRoles::Table, UserRoles::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_user_roles")
                .table(UserRoles::Table)
                .col(UserRoles::UserId)
                .col(UserRoles::Role)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UserOutlets::Table)
                .col(string(UserOutlets::Id).primary_key())
                .col(string(UserOutlets::TenantId))
                .col(string(UserOutlets::UserId))
                .col(string(UserOutlets::OutletId))
                .foreign_key(
                    ForeignKey::create()
                        .from(UserOutlets::Table, UserOutlets::UserId)
                        .to(Users::Table, Users::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(UserOutlets::Table, UserOutlets::OutletId)
                        .to(Outlets::Table, Outlets::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_user_outlets")
                .table(UserOutlets::Table)
                .col(UserOutlets::UserId)
                .col(UserOutlets::OutletId)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Devices::Table)
                .col(string(Devices::Id).primary_key())
                .col(string(Devices::TenantId))
                .col(string(Devices::OutletId))
                .col(string(Devices::Code))
                .col(string(Devices::Name))
                .col(string_uniq(Devices::TokenHash))
                .col(string(Devices::RegisteredBy))
                .col(timestamp_with_time_zone(Devices::CreatedAt))
                .col(timestamp_with_time_zone_null(Devices::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Devices::Table, Devices::OutletId)
                        .to(Outlets::Table, Outlets::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(string(Sessions::Id).primary_key())
                .col(string(Sessions::UserId))
                .col(string_null(Sessions::TenantId))
                .col(string_null(Sessions::DeviceId))
                .col(string(Sessions::CsrfToken))
                .col(string(Sessions::Ip))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .col(timestamp_with_time_zone_null(Sessions::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Sessions::Table, Sessions::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ApiTokens::Table)
                .col(string(ApiTokens::Id).primary_key())
                .col(string(ApiTokens::TenantId))
                .col(string(ApiTokens::UserId))
                .col(string(ApiTokens::Name))
                .col(string(ApiTokens::Prefix))
                .col(string_uniq(ApiTokens::TokenHash))
                .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ApiTokens::Table, ApiTokens::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Invitations::Table)
                .col(string(Invitations::Id).primary_key())
                .col(string(Invitations::TenantId))
                .col(string(Invitations::UserId))
                .col(string_uniq(Invitations::TokenHash))
                .col(string(Invitations::CreatedBy))
                .col(timestamp_with_time_zone(Invitations::CreatedAt))
                .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                .col(timestamp_with_time_zone_null(Invitations::AcceptedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginFailures::Table)
                .col(pk_auto(LoginFailures::Id))
                .col(string(LoginFailures::Email))
                .col(string(LoginFailures::Ip))
                .col(timestamp_with_time_zone(LoginFailures::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_login_failures_at")
                .table(LoginFailures::Table)
                .col(LoginFailures::At)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditHeads::Table)
                .col(string(AuditHeads::Chain).primary_key())
                .col(big_integer(AuditHeads::Seq))
                .col(string(AuditHeads::Hash))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(string(AuditLog::Id).primary_key())
                .col(string(AuditLog::Chain))
                .col(big_integer(AuditLog::Seq))
                .col(string_null(AuditLog::TenantId))
                .col(string_null(AuditLog::OutletId))
                .col(string_null(AuditLog::DeviceId))
                .col(string_null(AuditLog::ActorUserId))
                .col(string(AuditLog::ActorEmail))
                .col(string(AuditLog::Action))
                .col(string(AuditLog::Entity))
                .col(string(AuditLog::EntityId))
                .col(text_null(AuditLog::Before))
                .col(text_null(AuditLog::After))
                .col(string(AuditLog::At))
                .col(string(AuditLog::PrevHash))
                .col(string(AuditLog::Hash))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_audit_chain_seq")
                .table(AuditLog::Table)
                .col(AuditLog::Chain)
                .col(AuditLog::Seq)
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditLog::Table.into_iden(),
            AuditHeads::Table.into_iden(),
            LoginFailures::Table.into_iden(),
            Invitations::Table.into_iden(),
            ApiTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            Devices::Table.into_iden(),
            UserOutlets::Table.into_iden(),
            UserRoles::Table.into_iden(),
            Users::Table.into_iden(),
            Outlets::Table.into_iden(),
            Tenants::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
    Name,
    OwnerEmail,
    Plan,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outlets {
    Table,
    Id,
    TenantId,
    Code,
    Name,
    Address,
    Timezone,
    Industry,
    Archived,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    TenantId,
    Email,
    Name,
    PasswordHash,
    PinHash,
    PlatformRole,
    Status,
    Locale,
    IsDemo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserRoles {
    Table,
    Id,
    TenantId,
    UserId,
    Role,
}

#[derive(DeriveIden)]
enum UserOutlets {
    Table,
    Id,
    TenantId,
    UserId,
    OutletId,
}

#[derive(DeriveIden)]
enum Devices {
    Table,
    Id,
    TenantId,
    OutletId,
    Code,
    Name,
    TokenHash,
    RegisteredBy,
    CreatedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    TenantId,
    DeviceId,
    CsrfToken,
    Ip,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    TenantId,
    UserId,
    Name,
    Prefix,
    TokenHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    TenantId,
    UserId,
    TokenHash,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    Email,
    Ip,
    At,
}

#[derive(DeriveIden)]
enum AuditHeads {
    Table,
    Chain,
    Seq,
    Hash,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    Chain,
    Seq,
    TenantId,
    OutletId,
    DeviceId,
    ActorUserId,
    ActorEmail,
    Action,
    Entity,
    EntityId,
    Before,
    After,
    At,
    PrevHash,
    Hash,
}
