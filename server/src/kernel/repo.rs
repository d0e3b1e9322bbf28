//! Persistence. Every function that touches tenant-owned rows takes the tenant id from the
//! caller's `Auth`, never from request input.

use std::collections::BTreeSet;
use std::future::Future;

/// What a repository answers: rows or the database's error. Handlers turn it into an
/// `ApiError` (unique violations become `409 duplicate`) with `?`.
pub type DbResult<T> = Result<T, sea_orm::DbErr>;

/// Which outlets' rows a report or the dashboard adds up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutletScope {
    /// Every outlet of the tenant.
    All,
    /// These outlets only (the caller's, or those picked).
    Only(Vec<String>),
}

/// `SUM` of a BIGINT column of sen (or any integer unit) as a BIGINT on both databases:
/// PostgreSQL sums BIGINT into NUMERIC, and the cast brings it back, failing (never
/// wrapping) past `i64`; SQLite fails on an integer overflow itself. NULL for no rows.
pub fn sum_sen(col: impl sea_orm::sea_query::IntoColumnRef) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Alias, Expr, Func};
    Func::cast_as(Func::sum(Expr::col(col)), Alias::new("BIGINT")).into()
}

/// Values one `IN (…)` binds at most. SQLite allows 32,766 bound variables in a statement
/// and PostgreSQL 65,535; a year of sales ids would pass both.
pub const IN_CHUNK: usize = 500;
/// Rows one multi-row `INSERT` carries at most (× at most ~30 columns, well below both
/// databases' limits).
pub const INSERT_CHUNK: usize = 200;

/// `fetch` for each chunk of the distinct `ids`, results joined: every `IN (…)` over a
/// list the caller does not bound goes through here.
pub async fn in_chunks<T, F, Fut>(
    ids: impl IntoIterator<Item = String>,
    mut fetch: F,
) -> Result<Vec<T>, sea_orm::DbErr>
where
    F: FnMut(Vec<String>) -> Fut,
    Fut: Future<Output = Result<Vec<T>, sea_orm::DbErr>>,
{
    let ids: Vec<String> = ids
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut out = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        out.extend(fetch(chunk.to_vec()).await?);
    }
    Ok(out)
}

/// `SELECT key, COUNT(*) FROM table [WHERE …] GROUP BY key`, as (key, count) in key order:
/// the platform dashboard's counts across tenants.
pub async fn count_by<C: sea_orm::ConnectionTrait>(
    db: &C,
    table: impl sea_orm::sea_query::IntoTableRef,
    key: impl sea_orm::sea_query::IntoColumnRef + Clone,
    filter: Option<sea_orm::sea_query::SimpleExpr>,
) -> DbResult<Vec<(String, i64)>> {
    use sea_orm::sea_query::{Alias, Asterisk, Expr, Func, Query};
    let mut q = Query::select();
    q.from(table)
        .expr_as(Expr::col(key.clone()), Alias::new("k"))
        .expr_as(
            Func::cast_as(Func::count(Expr::col(Asterisk)), Alias::new("BIGINT")),
            Alias::new("n"),
        )
        .add_group_by([Expr::col(key.clone()).into()])
        .order_by(key, sea_orm::sea_query::Order::Asc);
    if let Some(f) = filter {
        q.and_where(f);
    }
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<Option<String>>("", "k")?.unwrap_or_default(),
                r.try_get::<Option<i64>>("", "n")?.unwrap_or(0),
            ))
        })
        .collect()
}

/// The number after `last` under `prefix` (`PO-202612-0007` → `PO-202612-0008`); the
/// first is `…-0001`. Callers read `last` as the greatest number with that prefix, so a
/// gap or a number typed by the seed never makes the next one collide.
pub fn next_number(prefix: &str, last: Option<&str>) -> String {
    let n = last
        .and_then(|l| l.strip_prefix(prefix))
        .and_then(|rest| rest.parse::<u64>().ok())
        .unwrap_or(0);
    format!("{prefix}{:04}", n + 1)
}

/// The next number under `prefix` among the tenant's rows of `E` (orders, receipts, counts,
/// transfers): one past the greatest. Two made at the same instant may pick the same one;
/// a unique index refuses the second, which answers 409 and can be sent again.
pub async fn next_number_in<E, C>(
    db: &C,
    tenant_col: E::Column,
    number_col: E::Column,
    tenant_id: &str,
    prefix: &str,
) -> DbResult<String>
where
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
    let last: Option<String> = E::find()
        .select_only()
        .column(number_col)
        .filter(tenant_col.eq(tenant_id))
        .filter(number_col.starts_with(prefix))
        .order_by_desc(number_col)
        .into_tuple()
        .one(db)
        .await?;
    Ok(next_number(prefix, last.as_deref()))
}
