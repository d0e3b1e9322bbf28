//! SHU closings and shares, and the year's figures they are computed from: savings at
//! year end, loan interest paid, and purchases at the koperasi's store.
use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::kernel::repo::{sum_sen, DbResult};
use crate::modules::pos::entity::{customer, refund, sale};
use crate::packages::koperasi::entity::{
    loan_payment, savings_account, savings_movement, shu_closing, shu_share,
};

pub async fn closings<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<Vec<shu_closing::Model>> {
    shu_closing::Entity::find()
        .filter(shu_closing::Column::TenantId.eq(tenant_id))
        .order_by_desc(shu_closing::Column::Year)
        .all(db)
        .await
}

pub async fn find_closing<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<shu_closing::Model>> {
    shu_closing::Entity::find_by_id(id.to_string())
        .filter(shu_closing::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn closing_of_year<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    year: i32,
) -> DbResult<Option<shu_closing::Model>> {
    shu_closing::Entity::find()
        .filter(shu_closing::Column::TenantId.eq(tenant_id))
        .filter(shu_closing::Column::Year.eq(year))
        .one(db)
        .await
}

pub async fn insert_closing<C: ConnectionTrait>(db: &C, row: shu_closing::Model) -> DbResult<()> {
    shu_closing::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

/// Saves a closing if it is still at the version read (see `loans::save_loan`).
pub async fn save_closing<C: ConnectionTrait>(db: &C, row: shu_closing::Model) -> DbResult<bool> {
    let read_version = row.version;
    let (id, tenant_id) = (row.id.clone(), row.tenant_id.clone());
    let mut active = shu_closing::ActiveModel::from(row).reset_all();
    active.version = sea_orm::ActiveValue::Set(read_version + 1);
    let res = shu_closing::Entity::update_many()
        .set(active)
        .filter(shu_closing::Column::Id.eq(id))
        .filter(shu_closing::Column::TenantId.eq(tenant_id))
        .filter(shu_closing::Column::Version.eq(read_version))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn delete_shares<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    closing_id: &str,
) -> DbResult<()> {
    shu_share::Entity::delete_many()
        .filter(shu_share::Column::TenantId.eq(tenant_id))
        .filter(shu_share::Column::ClosingId.eq(closing_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn insert_shares<C: ConnectionTrait>(
    db: &C,
    rows: Vec<shu_share::Model>,
) -> DbResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    for batch in rows.chunks(crate::kernel::repo::INSERT_CHUNK) {
        shu_share::Entity::insert_many(batch.iter().cloned().map(shu_share::ActiveModel::from))
            .exec(db)
            .await?;
    }
    Ok(())
}

pub async fn shares<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    closing_id: &str,
) -> DbResult<Vec<shu_share::Model>> {
    shu_share::Entity::find()
        .filter(shu_share::Column::TenantId.eq(tenant_id))
        .filter(shu_share::Column::ClosingId.eq(closing_id))
        .all(db)
        .await
}

pub async fn shares_of_member<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    member_id: &str,
) -> DbResult<Vec<shu_share::Model>> {
    shu_share::Entity::find()
        .filter(shu_share::Column::TenantId.eq(tenant_id))
        .filter(shu_share::Column::MemberId.eq(member_id))
        .all(db)
        .await
}

pub async fn mark_share_paid<C: ConnectionTrait>(db: &C, row: shu_share::Model) -> DbResult<()> {
    let mut active = shu_share::ActiveModel::from(row.clone());
    active.paid_at = sea_orm::ActiveValue::Set(row.paid_at);
    active.update(db).await?;
    Ok(())
}

/// Every savings movement before `until` (RFC 3339 UTC), oldest first.
pub async fn movements_before<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    until: &str,
) -> DbResult<Vec<savings_movement::Model>> {
    savings_movement::Entity::find()
        .filter(savings_movement::Column::TenantId.eq(tenant_id))
        .filter(savings_movement::Column::At.lt(until))
        .order_by_asc(savings_movement::Column::At)
        .order_by_asc(savings_movement::Column::Id)
        .all(db)
        .await
}

/// Each savings account's balance after its last movement before `until` (stored-time
/// text), with its member and product: one row an account, picked by the database
/// (`ROW_NUMBER() OVER (PARTITION BY account …)`), not every movement of every year.
pub async fn balances_before<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    until: &str,
) -> DbResult<Vec<(String, String, String, i64)>> {
    use savings_movement::Column as M;
    use sea_orm::sea_query::{Alias, Order, Query, WindowStatement};
    let mut window = WindowStatement::partition_by(M::AccountId);
    window
        .order_by(M::At, Order::Desc)
        .order_by(M::Id, Order::Desc);
    let mut last = Query::select();
    last.from(savings_movement::Entity)
        .columns([M::AccountId, M::MemberId, M::BalanceAfter])
        .expr_window_as(Expr::cust("ROW_NUMBER()"), window, Alias::new("rn"))
        .and_where(Expr::col(M::TenantId).eq(tenant_id))
        .and_where(Expr::col(M::At).lt(until));
    let t = Alias::new("t");
    let mut q = Query::select();
    q.from_subquery(last, t.clone())
        .column((t.clone(), M::AccountId))
        .column((t.clone(), M::MemberId))
        .column((savings_account::Entity, savings_account::Column::ProductId))
        .column((t.clone(), M::BalanceAfter))
        .inner_join(
            savings_account::Entity,
            Expr::col((savings_account::Entity, savings_account::Column::Id))
                .equals((t.clone(), M::AccountId)),
        )
        .and_where(Expr::col((t, Alias::new("rn"))).eq(1));
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<String>("", "account_id")?,
                r.try_get::<String>("", "member_id")?,
                r.try_get::<String>("", "product_id")?,
                r.try_get::<i64>("", "balance_after")?,
            ))
        })
        .collect()
}

/// Loan interest each member paid within `[from, to]` (`YYYY-MM-DD`), summed by the
/// database.
pub async fn interest_paid_between<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    from: &str,
    to: &str,
) -> DbResult<HashMap<String, i64>> {
    let rows: Vec<(String, Option<i64>)> = loan_payment::Entity::find()
        .select_only()
        .column(loan_payment::Column::MemberId)
        .column_as(
            sum_sen((loan_payment::Entity, loan_payment::Column::Interest)),
            "interest",
        )
        .filter(loan_payment::Column::TenantId.eq(tenant_id))
        .filter(loan_payment::Column::PaidOn.gte(from))
        .filter(loan_payment::Column::PaidOn.lte(to))
        .group_by(loan_payment::Column::MemberId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(member, interest)| (member, interest.unwrap_or(0)))
        .collect())
}

/// Loan payments dated within `[from, to]` (`YYYY-MM-DD`).
pub async fn loan_payments_between<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    from: &str,
    to: &str,
) -> DbResult<Vec<loan_payment::Model>> {
    loan_payment::Entity::find()
        .filter(loan_payment::Column::TenantId.eq(tenant_id))
        .filter(loan_payment::Column::PaidOn.gte(from))
        .filter(loan_payment::Column::PaidOn.lte(to))
        .all(db)
        .await
}

pub async fn customers<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<Vec<customer::Model>> {
    customer::Entity::find()
        .filter(customer::Column::TenantId.eq(tenant_id))
        .all(db)
        .await
}

/// Net purchases per till customer, in sen: completed sales sold within `[from, until)`
/// (RFC 3339 UTC) less what was refunded of them, summed by the database.
pub async fn customer_purchases_between<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    from: &str,
    until: &str,
) -> DbResult<HashMap<String, i64>> {
    let sold: Vec<(String, Option<i64>)> = sale::Entity::find()
        .select_only()
        .column(sale::Column::CustomerId)
        .column_as(sum_sen((sale::Entity, sale::Column::GrandTotalSen)), "sen")
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::CustomerId.is_not_null())
        .filter(sale::Column::Status.eq("completed"))
        .filter(sale::Column::SoldAt.gte(from))
        .filter(sale::Column::SoldAt.lt(until))
        .group_by(sale::Column::CustomerId)
        .into_tuple()
        .all(db)
        .await?;
    let refunded: Vec<(String, Option<i64>)> = refund::Entity::find()
        .select_only()
        .column_as(
            Expr::col((sale::Entity, sale::Column::CustomerId)),
            "customer_id",
        )
        .column_as(sum_sen((refund::Entity, refund::Column::TotalSen)), "sen")
        .join(
            JoinType::InnerJoin,
            refund::Entity::belongs_to(sale::Entity)
                .from(refund::Column::SaleId)
                .to(sale::Column::Id)
                .into(),
        )
        .filter(refund::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::CustomerId.is_not_null())
        .filter(sale::Column::Status.eq("completed"))
        .filter(sale::Column::SoldAt.gte(from))
        .filter(sale::Column::SoldAt.lt(until))
        .group_by(Expr::col((sale::Entity, sale::Column::CustomerId)))
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<String, i64> = sold
        .into_iter()
        .map(|(c, sen)| (c, sen.unwrap_or(0)))
        .collect();
    for (c, sen) in refunded {
        let v = out.entry(c).or_default();
        *v = v.saturating_sub(sen.unwrap_or(0));
    }
    Ok(out)
}
