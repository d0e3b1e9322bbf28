//! Ids the till makes (shifts, cash movements, refunds, voids) are unique per tenant, not
//! across all tenants: the primary key becomes (tenant_id, id). A resend is still found by
//! its id within the tenant, and another tenant's id is simply a new row, so the answer no
//! longer tells whether an id exists elsewhere.
//!
//! PostgreSQL swaps the key in place. SQLite cannot alter a primary key, so each table is
//! rebuilt from its own column list (`PRAGMA table_info`) and its indexes are recreated.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 4] = ["shifts", "cash_movements", "refunds", "till_voids"];

async fn exec(m: &SchemaManager<'_>, sql: String) -> Result<(), DbErr> {
    let db = m.get_connection();
    db.execute(Statement::from_string(db.get_database_backend(), sql))
        .await
        .map(|_| ())
}

/// Rebuilds an SQLite table with `key` as its primary key, keeping columns, data and
/// indexes.
async fn rebuild_sqlite(m: &SchemaManager<'_>, table: &str, key: &[&str]) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let columns = db
        .query_all(Statement::from_string(
            backend,
            format!("PRAGMA table_info(\"{table}\")"),
        ))
        .await?;
    let mut defs = Vec::new();
    let mut names = Vec::new();
    for c in &columns {
        let name: String = c.try_get_by("name")?;
        let kind: String = c.try_get_by("type")?;
        let not_null: i32 = c.try_get_by("notnull")?;
        let default: Option<String> = c.try_get_by("dflt_value")?;
        let mut def = format!("\"{name}\" {kind}");
        if not_null != 0 || key.contains(&name.as_str()) {
            def.push_str(" NOT NULL");
        }
        if let Some(d) = default {
            def.push_str(&format!(" DEFAULT {d}"));
        }
        defs.push(def);
        names.push(format!("\"{name}\""));
    }
    let indexes = db
        .query_all(Statement::from_string(
            backend,
            format!(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' \
                 AND sql IS NOT NULL"
            ),
        ))
        .await?
        .into_iter()
        .map(|r| r.try_get_by::<String, _>("sql"))
        .collect::<Result<Vec<_>, _>>()?;
    let key = key
        .iter()
        .map(|k| format!("\"{k}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let names = names.join(", ");
    exec(
        m,
        format!(
            "CREATE TABLE \"{table}_rekey\" ({}, PRIMARY KEY ({key}))",
            defs.join(", ")
        ),
    )
    .await?;
    exec(
        m,
        format!("INSERT INTO \"{table}_rekey\" ({names}) SELECT {names} FROM \"{table}\""),
    )
    .await?;
    exec(m, format!("DROP TABLE \"{table}\"")).await?;
    exec(
        m,
        format!("ALTER TABLE \"{table}_rekey\" RENAME TO \"{table}\""),
    )
    .await?;
    for sql in indexes {
        exec(m, sql).await?;
    }
    Ok(())
}

async fn rekey(m: &SchemaManager<'_>, key: &[&str]) -> Result<(), DbErr> {
    for table in TABLES {
        match m.get_connection().get_database_backend() {
            DatabaseBackend::Postgres => {
                let cols = key
                    .iter()
                    .map(|k| format!("\"{k}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                exec(
                    m,
                    format!(
                        "ALTER TABLE \"{table}\" DROP CONSTRAINT \"{table}_pkey\", \
                         ADD CONSTRAINT \"{table}_pkey\" PRIMARY KEY ({cols})"
                    ),
                )
                .await?;
            }
            _ => rebuild_sqlite(m, table, key).await?,
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        rekey(m, &["tenant_id", "id"]).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        rekey(m, &["id"]).await
    }
}
