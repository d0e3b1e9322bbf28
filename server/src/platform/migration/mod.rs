//! Schema migrations (their names are what the database recorded; they keep them when
//! files move). The migrator runs every package's in the order of their names.
use sea_orm_migration::MigrationTrait;

mod m20261127_000001_foundation;
mod m20261210_000022_outlet_kind;

pub fn all() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        Box::new(m20261127_000001_foundation::Migration),
        Box::new(m20261210_000022_outlet_kind::Migration),
    ]
}
