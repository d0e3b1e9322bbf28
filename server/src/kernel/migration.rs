//! Schema migrations. The same migrations run on SQLite and PostgreSQL, so only
//! portable column types are used (ids are UUIDv7 text, audit times are RFC 3339 text).
//! Each package keeps its own; they run in the order of their names, which is the order
//! the database recorded them in.
use sea_orm_migration::prelude::*;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        let mut all: Vec<Box<dyn MigrationTrait>> = crate::packages::all()
            .iter()
            .flat_map(|p| (p.migrations)())
            .collect();
        all.sort_by(|a, b| a.name().cmp(b.name()));
        all
    }
}
