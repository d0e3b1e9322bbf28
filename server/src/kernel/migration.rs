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

/// A column of decimal text that becomes a BIGINT column of minor units
/// (`domain::stored`): `from` (text) → `to` (integer, 10^-`scale` each).
pub struct ToUnits {
    pub from: &'static str,
    pub to: &'static str,
    pub scale: u32,
    pub nullable: bool,
}

impl ToUnits {
    /// An amount column, in sen.
    pub const fn sen(from: &'static str, to: &'static str) -> ToUnits {
        ToUnits {
            from,
            to,
            scale: domain::stored::SEN_SCALE,
            nullable: false,
        }
    }

    /// An amount column that may be empty, in sen.
    pub const fn sen_or_null(from: &'static str, to: &'static str) -> ToUnits {
        ToUnits {
            from,
            to,
            scale: domain::stored::SEN_SCALE,
            nullable: true,
        }
    }

    /// A quantity column, in thousandths.
    pub const fn milli(from: &'static str, to: &'static str) -> ToUnits {
        ToUnits {
            from,
            to,
            scale: domain::stored::MILLI_SCALE,
            nullable: false,
        }
    }
}

/// Rows converted per round trip.
const CONVERT_PAGE: u64 = 1_000;

/// How a table's rows are told apart, in the order of its primary key (so each page of
/// the conversion is read through that index).
#[derive(Clone, Copy)]
pub enum RowKey {
    /// `id` alone.
    Id,
    /// `(tenant_id, id)`: ids the till makes, unique per tenant.
    TenantAndId,
}

/// Which way a conversion runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Decimal text → integer units (`up`).
    ToUnits,
    /// Integer units → decimal text (`down`, for a rollback).
    ToText,
}

/// Converts `columns` of `table` (rows told apart by `key`) from decimal text to
/// integers exactly: adds each integer column, fills it row by row through
/// `domain::stored::text_to_units`, then drops the text column. A stored value that is
/// not an exact amount stops the migration with an error naming the table, column and
/// row; nothing is rounded and nothing becomes 0. Each step checks what is already done,
/// so a run cut short (SQLite migrates outside a transaction) completes when run again.
pub async fn text_to_units(
    m: &SchemaManager<'_>,
    table: &'static str,
    key: RowKey,
    columns: &[ToUnits],
) -> Result<(), DbErr> {
    convert(m, table, key, columns, Direction::ToUnits).await
}

/// The way back: each integer column becomes its decimal text column again.
pub async fn units_to_text(
    m: &SchemaManager<'_>,
    table: &'static str,
    key: RowKey,
    columns: &[ToUnits],
) -> Result<(), DbErr> {
    convert(m, table, key, columns, Direction::ToText).await
}

async fn convert(
    m: &SchemaManager<'_>,
    table: &'static str,
    key: RowKey,
    columns: &[ToUnits],
    direction: Direction,
) -> Result<(), DbErr> {
    use sea_orm::{ConnectionTrait, Statement, Value};
    let db = m.get_connection();
    let backend = db.get_database_backend();
    // (the column read, the column written) for each conversion
    let ends = |c: &ToUnits| match direction {
        Direction::ToUnits => (c.from, c.to),
        Direction::ToText => (c.to, c.from),
    };
    for c in columns {
        let (_, target) = ends(c);
        if !m.has_column(table, target).await? {
            let mut def = ColumnDef::new(Alias::new(target));
            match direction {
                Direction::ToUnits => def.big_integer(),
                Direction::ToText => def.string(),
            };
            if c.nullable {
                def.null();
            } else if direction == Direction::ToUnits {
                def.not_null().default(0);
            } else {
                def.not_null().default("0");
            }
            m.alter_table(
                Table::alter()
                    .table(Alias::new(table))
                    .add_column(&mut def)
                    .to_owned(),
            )
            .await?;
        }
    }
    let pending: Vec<&ToUnits> = {
        let mut v = Vec::new();
        for c in columns {
            if m.has_column(table, ends(c).0).await? {
                v.push(c);
            }
        }
        v
    };
    if pending.is_empty() {
        return Ok(());
    }
    let tenant_col = || Alias::new("tenant_id");
    let id_col = || Alias::new("id");
    let mut last: Option<(String, String)> = None;
    loop {
        let mut q = Query::select();
        q.columns([tenant_col(), id_col()])
            .columns(pending.iter().map(|c| Alias::new(ends(c).0)))
            .from(Alias::new(table))
            .limit(CONVERT_PAGE);
        if let RowKey::TenantAndId = key {
            q.order_by(tenant_col(), Order::Asc);
        }
        q.order_by(id_col(), Order::Asc);
        match (&last, key) {
            (None, _) => {}
            (Some((_, id)), RowKey::Id) => {
                q.and_where(Expr::col(id_col()).gt(id.clone()));
            }
            (Some((tenant, id)), RowKey::TenantAndId) => {
                q.cond_where(
                    Cond::any()
                        .add(Expr::col(tenant_col()).gt(tenant.clone()))
                        .add(
                            Cond::all()
                                .add(Expr::col(tenant_col()).eq(tenant.clone()))
                                .add(Expr::col(id_col()).gt(id.clone())),
                        ),
                );
            }
        }
        let rows = db.query_all(backend.build(&q)).await?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            let tenant: String = row.try_get("", "tenant_id")?;
            let id: String = row.try_get("", "id")?;
            let mut update = Query::update();
            update.table(Alias::new(table));
            for c in &pending {
                let (source, target) = ends(c);
                let value =
                    match direction {
                        Direction::ToUnits => {
                            let text: Option<String> = row.try_get("", source)?;
                            let units = match text {
                                None if c.nullable => None,
                                None => {
                                    return Err(DbErr::Migration(format!(
                                        "{table}.{source} of row {id} (tenant {tenant}) is empty"
                                    )))
                                }
                                Some(t) => Some(
                                    domain::stored::text_to_units(&t, c.scale).map_err(|e| {
                                        DbErr::Migration(format!(
                                            "{table}.{source} of row {id} (tenant {tenant}): {e}"
                                        ))
                                    })?,
                                ),
                            };
                            Value::BigInt(units)
                        }
                        Direction::ToText => {
                            let units: Option<i64> = row.try_get("", source)?;
                            Value::String(units.map(|u| {
                                Box::new(domain::stored::from_units(u, c.scale).to_string())
                            }))
                        }
                    };
                update.value(Alias::new(target), value);
            }
            update.and_where(Expr::col(id_col()).eq(id.clone()));
            if let RowKey::TenantAndId = key {
                update.and_where(Expr::col(tenant_col()).eq(tenant.clone()));
            }
            db.execute(backend.build(&update)).await?;
            last = Some((tenant, id));
        }
    }
    for c in &pending {
        db.execute(Statement::from_string(
            backend,
            format!("ALTER TABLE \"{table}\" DROP COLUMN \"{}\"", ends(c).0),
        ))
        .await?;
    }
    Ok(())
}
