//! Schema migrations (their names are what the database recorded; they keep them when
//! files move). The migrator runs every package's in the order of their names.
use sea_orm_migration::MigrationTrait;

mod m20261127_000003_discount_approvals;
mod m20261127_000004_till_operations;
mod m20261202_000009_tenant_scoped_till_ids;
mod m20261207_000011_till_money_in_sen;
mod m20261207_000012_sales_rollups;
mod m20261207_000013_rollup_slots;

pub fn all() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        Box::new(m20261127_000003_discount_approvals::Migration),
        Box::new(m20261127_000004_till_operations::Migration),
        Box::new(m20261202_000009_tenant_scoped_till_ids::Migration),
        Box::new(m20261207_000011_till_money_in_sen::Migration),
        Box::new(m20261207_000012_sales_rollups::Migration),
        Box::new(m20261207_000013_rollup_slots::Migration),
    ]
}
