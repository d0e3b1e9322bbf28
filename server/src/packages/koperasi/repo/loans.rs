//! Loan products, loans, their instalments and payments.
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::kernel::repo::DbResult;
use crate::packages::koperasi::entity::{loan, loan_installment, loan_payment, loan_product};

pub async fn products<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
) -> DbResult<Vec<loan_product::Model>> {
    loan_product::Entity::find()
        .filter(loan_product::Column::TenantId.eq(tenant_id))
        .order_by_asc(loan_product::Column::Code)
        .all(db)
        .await
}

pub async fn find_product<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<loan_product::Model>> {
    loan_product::Entity::find_by_id(id.to_string())
        .filter(loan_product::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn insert_product<C: ConnectionTrait>(db: &C, row: loan_product::Model) -> DbResult<()> {
    loan_product::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

pub async fn loan_count<C: ConnectionTrait>(db: &C, tenant_id: &str) -> DbResult<u64> {
    loan::Entity::find()
        .filter(loan::Column::TenantId.eq(tenant_id))
        .count(db)
        .await
}

pub async fn insert_loan<C: ConnectionTrait>(db: &C, row: loan::Model) -> DbResult<()> {
    loan::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

pub async fn find_loan<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<loan::Model>> {
    loan::Entity::find_by_id(id.to_string())
        .filter(loan::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

#[derive(Default)]
pub struct LoanFilter<'a> {
    pub status: Option<&'a str>,
    pub member_id: Option<&'a str>,
    pub officer_id: Option<&'a str>,
    /// Only loans being repaid (disbursed, not closed).
    pub active_only: bool,
}

pub async fn loans<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    f: LoanFilter<'_>,
    limit: u64,
) -> DbResult<Vec<loan::Model>> {
    let mut q = loan::Entity::find().filter(loan::Column::TenantId.eq(tenant_id));
    if let Some(s) = f.status {
        q = q.filter(loan::Column::Status.eq(s));
    }
    if f.active_only {
        q = q.filter(loan::Column::Status.eq("disbursed"));
    }
    if let Some(m) = f.member_id {
        q = q.filter(loan::Column::MemberId.eq(m));
    }
    if let Some(o) = f.officer_id {
        q = q.filter(loan::Column::OfficerId.eq(o));
    }
    q.order_by_desc(loan::Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await
}

/// Saves a changed loan if nobody else changed it since it was read (its `version`).
/// False when someone did: the caller refuses rather than overwrite their work.
pub async fn save_loan<C: ConnectionTrait>(db: &C, row: loan::Model) -> DbResult<bool> {
    let read_version = row.version;
    let (id, tenant_id) = (row.id.clone(), row.tenant_id.clone());
    // Every column is written (`reset_all`), not only those marked changed.
    let mut active = loan::ActiveModel::from(row).reset_all();
    active.version = sea_orm::ActiveValue::Set(read_version + 1);
    let res = loan::Entity::update_many()
        .set(active)
        .filter(loan::Column::Id.eq(id))
        .filter(loan::Column::TenantId.eq(tenant_id))
        .filter(loan::Column::Version.eq(read_version))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn installments<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    loan_id: &str,
) -> DbResult<Vec<loan_installment::Model>> {
    loan_installment::Entity::find()
        .filter(loan_installment::Column::TenantId.eq(tenant_id))
        .filter(loan_installment::Column::LoanId.eq(loan_id))
        .order_by_asc(loan_installment::Column::Period)
        .all(db)
        .await
}

pub async fn installments_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    loan_ids: Vec<String>,
) -> DbResult<Vec<loan_installment::Model>> {
    // Chunks come back in id order, each ordered by loan and period: the whole is too.
    crate::kernel::repo::in_chunks(loan_ids, |ids| {
        loan_installment::Entity::find()
            .filter(loan_installment::Column::TenantId.eq(tenant_id))
            .filter(loan_installment::Column::LoanId.is_in(ids))
            .order_by_asc(loan_installment::Column::LoanId)
            .order_by_asc(loan_installment::Column::Period)
            .all(db)
    })
    .await
}

pub async fn insert_installments<C: ConnectionTrait>(
    db: &C,
    rows: Vec<loan_installment::Model>,
) -> DbResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    for batch in rows.chunks(crate::kernel::repo::INSERT_CHUNK) {
        loan_installment::Entity::insert_many(
            batch
                .iter()
                .cloned()
                .map(loan_installment::ActiveModel::from),
        )
        .exec(db)
        .await?;
    }
    Ok(())
}

pub async fn update_installment<C: ConnectionTrait>(
    db: &C,
    row: loan_installment::Model,
) -> DbResult<()> {
    loan_installment::Entity::update_many()
        .col_expr(
            loan_installment::Column::PaidPrincipal,
            Expr::value(row.paid_principal),
        )
        .col_expr(
            loan_installment::Column::PaidInterest,
            Expr::value(row.paid_interest),
        )
        .col_expr(
            loan_installment::Column::WaivedInterest,
            Expr::value(row.waived_interest),
        )
        .col_expr(
            loan_installment::Column::PenaltyCharged,
            Expr::value(row.penalty_charged),
        )
        .col_expr(
            loan_installment::Column::PaidPenalty,
            Expr::value(row.paid_penalty),
        )
        .col_expr(
            loan_installment::Column::PenaltyThrough,
            Expr::value(row.penalty_through),
        )
        .filter(loan_installment::Column::TenantId.eq(row.tenant_id))
        .filter(loan_installment::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn insert_payment<C: ConnectionTrait>(db: &C, row: loan_payment::Model) -> DbResult<()> {
    loan_payment::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

pub async fn payments<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    loan_id: &str,
) -> DbResult<Vec<loan_payment::Model>> {
    loan_payment::Entity::find()
        .filter(loan_payment::Column::TenantId.eq(tenant_id))
        .filter(loan_payment::Column::LoanId.eq(loan_id))
        .order_by_asc(loan_payment::Column::At)
        .order_by_asc(loan_payment::Column::Id)
        .all(db)
        .await
}
