//! Schema migrations. The same migrations run on SQLite and PostgreSQL, so only
//! portable column types are used (ids are UUIDv7 text, audit times are RFC 3339 text).
use sea_orm_migration::prelude::*;

mod m20261127_000001_foundation;
mod m20261127_000002_retail;
mod m20261127_000003_discount_approvals;
mod m20261127_000004_till_operations;
mod m20261127_000005_koperasi_members;
mod m20261127_000006_koperasi_loans;
mod m20261127_000007_shu_closings;
mod m20261127_000008_berjangka;
mod m20261202_000009_tenant_scoped_till_ids;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_foundation::Migration),
            Box::new(m20261127_000002_retail::Migration),
            Box::new(m20261127_000003_discount_approvals::Migration),
            Box::new(m20261127_000004_till_operations::Migration),
            Box::new(m20261127_000005_koperasi_members::Migration),
            Box::new(m20261127_000006_koperasi_loans::Migration),
            Box::new(m20261127_000007_shu_closings::Migration),
            Box::new(m20261127_000008_berjangka::Migration),
            Box::new(m20261202_000009_tenant_scoped_till_ids::Migration),
        ]
    }
}
