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
use crate::packages::koperasi::entity::{loan_payment, savings_movement, shu_closing, shu_share};

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
