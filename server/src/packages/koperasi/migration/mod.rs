//! Schema migrations (their names are what the database recorded; they keep them when
//! files move). The migrator runs every package's in the order of their names.
use sea_orm_migration::MigrationTrait;

mod m20261127_000005_koperasi_members;
mod m20261127_000006_koperasi_loans;
mod m20261127_000007_shu_closings;
mod m20261127_000008_berjangka;

pub fn all() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        Box::new(m20261127_000005_koperasi_members::Migration),
        Box::new(m20261127_000006_koperasi_loans::Migration),
        Box::new(m20261127_000007_shu_closings::Migration),
        Box::new(m20261127_000008_berjangka::Migration),
    ]
}
