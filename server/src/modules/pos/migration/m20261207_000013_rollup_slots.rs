//! Rollup rows in slots (`repo::rollups::SLOTS`): a database that ran the first version of
//! 000012 has one row per outlet, day and key, which every sale of that hour updates, so
//! concurrent sales on PostgreSQL queue for its lock. Each table is rebuilt with a `slot`
//! column in its key (its rows kept, in slot 0); tables 000012 already made with slots are
//! left as they are. Also an index on the hour rollup's day, for the platform dashboard's
//! sums across tenants.
//!
//! SQLite migrates outside a transaction, so each step can be run again after a cut: a
//! table dropped but not yet replaced is finished from its rebuilt copy.
use sea_orm_migration::prelude::*;

use super::m20261207_000012_sales_rollups::{create, Shape, SHAPES};
use crate::modules::pos::repo::rollups::HOURS;

#[derive(DeriveMigrationName)]
pub struct Migration;

const DAY_INDEX: &str = "ix_rollup_sales_hour_day";

fn quoted(names: impl IntoIterator<Item = String>) -> String {
    names
        .into_iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rebuilds `shape`'s table with or without slots, its rows copied (into slot 0) or added
/// up (out of the slots).
async fn rebuild(m: &SchemaManager<'_>, shape: &Shape, with_slot: bool) -> Result<(), DbErr> {
    let db = m.get_connection();
    let table = shape.table;
    let copy = format!("{table}_rebuilt");
    if !m.has_table(table).await? {
        if m.has_table(&copy).await? {
            m.rename_table(
                Table::rename()
                    .table(Alias::new(&copy), Alias::new(table))
                    .to_owned(),
            )
            .await?;
        }
        return Ok(());
    }
    if m.has_column(table, "slot").await? == with_slot {
        return Ok(());
    }
    m.drop_table(
        Table::drop()
            .table(Alias::new(&copy))
            .if_exists()
            .to_owned(),
    )
    .await?;
    create(m, &copy, shape, with_slot).await?;
    let dimension = (shape.dimension)().get_column_name();
    let mut keys: Vec<String> = ["tenant_id", "outlet_id", "day"]
        .iter()
        .map(|k| String::from(*k))
        .collect();
    keys.push(dimension);
    let figures: Vec<String> = shape.figures.iter().map(|f| String::from(*f)).collect();
    let label: Vec<String> = if shape.label {
        vec!["name".into()]
    } else {
        Vec::new()
    };
    let columns = quoted(keys.iter().chain(&figures).chain(&label).cloned());
    let select = if with_slot {
        // Into slot 0, the column's default.
        format!("SELECT {columns} FROM \"{table}\"")
    } else {
        let sums = figures
            .iter()
            .map(|f| format!("SUM(\"{f}\")"))
            .chain(label.iter().map(|l| format!("MAX(\"{l}\")")))
            .collect::<Vec<_>>()
            .join(", ");
        let keys = quoted(keys.iter().cloned());
        format!("SELECT {keys}, {sums} FROM \"{table}\" GROUP BY {keys}")
    };
    db.execute_unprepared(&format!("INSERT INTO \"{copy}\" ({columns}) {select}"))
        .await?;
    m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
        .await?;
    m.rename_table(
        Table::rename()
            .table(Alias::new(&copy), Alias::new(table))
            .to_owned(),
    )
    .await
}

fn day_index() -> IndexCreateStatement {
    Index::create()
        .if_not_exists()
        .name(DAY_INDEX)
        .table(Alias::new(HOURS))
        .col(Alias::new("day"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for shape in &SHAPES {
            rebuild(m, shape, true).await?;
        }
        m.create_index(day_index()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .if_exists()
                .name(DAY_INDEX)
                .table(Alias::new(HOURS))
                .to_owned(),
        )
        .await?;
        for shape in &SHAPES {
            rebuild(m, shape, false).await?;
        }
        Ok(())
    }
}
