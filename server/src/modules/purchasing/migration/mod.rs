//! Schema migrations (their names are what the database recorded).
use sea_orm_migration::MigrationTrait;

mod m20261208_000015_purchasing;

pub fn all() -> Vec<Box<dyn MigrationTrait>> {
    vec![Box::new(m20261208_000015_purchasing::Migration)]
}
