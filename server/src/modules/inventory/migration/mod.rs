//! Schema migrations (their names are what the database recorded; they keep them when
//! files move). The migrator runs every package's in the order of their names.
use sea_orm_migration::MigrationTrait;

mod m20261127_000002_retail;
mod m20261207_000010_catalogue_money_in_sen;
mod m20261208_000014_stock_costs;
mod m20261208_000016_stock_control;
mod m20261209_000019_stock_batches;
mod m20261210_000023_assembly;
mod m20261210_000025_movement_cost;

pub fn all() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        Box::new(m20261127_000002_retail::Migration),
        Box::new(m20261207_000010_catalogue_money_in_sen::Migration),
        Box::new(m20261208_000014_stock_costs::Migration),
        Box::new(m20261208_000016_stock_control::Migration),
        Box::new(m20261209_000019_stock_batches::Migration),
        Box::new(m20261210_000023_assembly::Migration),
        Box::new(m20261210_000025_movement_cost::Migration),
    ]
}
