//! Schema migrations (their names are what the database recorded).
use sea_orm_migration::MigrationTrait;

mod m20261208_000015_purchasing;
mod m20261209_000017_payables;
mod m20261209_000018_purchase_returns;
mod m20261209_000020_stock_level_index;
mod m20261209_000021_consignment;
mod m20261210_000024_po_proposals;

pub fn all() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        Box::new(m20261208_000015_purchasing::Migration),
        Box::new(m20261209_000017_payables::Migration),
        Box::new(m20261209_000018_purchase_returns::Migration),
        Box::new(m20261209_000020_stock_level_index::Migration),
        Box::new(m20261209_000021_consignment::Migration),
        Box::new(m20261210_000024_po_proposals::Migration),
    ]
}
