//! The koperasi's headline figures for the dashboard, each summed by the database.
use sea_orm::sea_query::{Alias, Expr, Func, Query};
use sea_orm::{ConnectionTrait, QueryResult};

use crate::kernel::repo::{sum_sen, DbResult};
use crate::packages::koperasi::entity::{loan, member, savings_account, savings_product};

fn int(row: &QueryResult, col: &str) -> DbResult<i64> {
    Ok(row.try_get::<Option<i64>>("", col)?.unwrap_or(0))
}

/// Members whose membership is running.
pub async fn active_members<C: ConnectionTrait>(db: &C, tenant_id: &str) -> DbResult<i64> {
    members_counted(db, Some(tenant_id)).await
}

/// Members whose membership is running, in every tenant (the platform dashboard: a count,
/// nothing of any one koperasi).
pub async fn active_members_across_tenants<C: ConnectionTrait>(db: &C) -> DbResult<i64> {
    members_counted(db, None).await
}

async fn members_counted<C: ConnectionTrait>(db: &C, tenant_id: Option<&str>) -> DbResult<i64> {
    let mut q = Query::select();
    q.from(member::Entity)
        .expr_as(
            Func::count(Expr::col(sea_orm::sea_query::Asterisk)),
            Alias::new("n"),
        )
        .and_where(Expr::col(member::Column::Status).eq("active"));
    if let Some(t) = tenant_id {
        q.and_where(Expr::col(member::Column::TenantId).eq(t));
    }
    match db.query_one(db.get_database_backend().build(&q)).await? {
        Some(r) => int(&r, "n"),
        None => Ok(0),
    }
}

/// Loans being repaid (disbursed, not closed), in every tenant.
pub async fn running_loans_across_tenants<C: ConnectionTrait>(db: &C) -> DbResult<i64> {
    let mut q = Query::select();
    q.from(loan::Entity)
        .expr_as(
            Func::count(Expr::col(sea_orm::sea_query::Asterisk)),
            Alias::new("n"),
        )
        .and_where(Expr::col(loan::Column::Status).eq("disbursed"));
    match db.query_one(db.get_database_backend().build(&q)).await? {
        Some(r) => int(&r, "n"),
        None => Ok(0),
    }
}

/// The balance held in each savings product (whole rupiah), in product code order.
pub async fn savings_by_product<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<Vec<(String, String, i64)>> {
    let mut q = Query::select();
    q.from(savings_product::Entity)
        .left_join(
            savings_account::Entity,
            Expr::col((savings_account::Entity, savings_account::Column::ProductId))
                .equals((savings_product::Entity, savings_product::Column::Id)),
        )
        .expr_as(
            Expr::col((savings_product::Entity, savings_product::Column::Code)),
            Alias::new("code"),
        )
        .expr_as(
            Func::max(Expr::col((
                savings_product::Entity,
                savings_product::Column::Name,
            ))),
            Alias::new("name"),
        )
        .expr_as(
            sum_sen((savings_account::Entity, savings_account::Column::Balance)),
            Alias::new("balance"),
        )
        .and_where(
            Expr::col((savings_product::Entity, savings_product::Column::TenantId)).eq(tenant_id),
        )
        .group_by_col((savings_product::Entity, savings_product::Column::Code))
        .order_by(
            (savings_product::Entity, savings_product::Column::Code),
            sea_orm::Order::Asc,
        );
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<String>("", "code")?,
                r.try_get::<Option<String>>("", "name")?.unwrap_or_default(),
                int(r, "balance")?,
            ))
        })
        .collect()
}

/// Loans paid out between two days (inclusive, `YYYY-MM-DD`): how many and how much.
pub async fn disbursed_between<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    from_day: &str,
    to_day: &str,
) -> DbResult<(i64, i64)> {
    let mut q = Query::select();
    q.from(loan::Entity)
        .expr_as(
            Func::count(Expr::col(sea_orm::sea_query::Asterisk)),
            Alias::new("n"),
        )
        .expr_as(sum_sen(loan::Column::Amount), Alias::new("amount"))
        .and_where(Expr::col(loan::Column::TenantId).eq(tenant_id))
        .and_where(Expr::col(loan::Column::DisbursedOn).gte(from_day))
        .and_where(Expr::col(loan::Column::DisbursedOn).lte(to_day));
    match db.query_one(db.get_database_backend().build(&q)).await? {
        Some(r) => Ok((int(&r, "n")?, int(&r, "amount")?)),
        None => Ok((0, 0)),
    }
}

/// Instalments that fell due between two days (inclusive, `YYYY-MM-DD`): principal and
/// interest due, and how much of it has been paid so far (the collection rate's parts).
pub async fn due_and_paid_between<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    from_day: &str,
    to_day: &str,
) -> DbResult<(i64, i64)> {
    use crate::packages::koperasi::entity::loan_installment::{Column as I, Entity};
    let mut q = Query::select();
    q.from(Entity)
        .expr_as(
            Func::cast_as(
                Func::sum(Expr::col(I::Principal).add(Expr::col(I::Interest))),
                Alias::new("BIGINT"),
            ),
            Alias::new("due"),
        )
        .expr_as(
            Func::cast_as(
                Func::sum(Expr::col(I::PaidPrincipal).add(Expr::col(I::PaidInterest))),
                Alias::new("BIGINT"),
            ),
            Alias::new("paid"),
        )
        .and_where(Expr::col(I::TenantId).eq(tenant_id))
        .and_where(Expr::col(I::DueDate).gte(from_day))
        .and_where(Expr::col(I::DueDate).lte(to_day));
    match db.query_one(db.get_database_backend().build(&q)).await? {
        Some(r) => Ok((int(&r, "due")?, int(&r, "paid")?)),
        None => Ok((0, 0)),
    }
}
