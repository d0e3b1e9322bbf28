//! Shifts, cash movements, refunds and voids: the till's records besides sales.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::kernel::money::Sen;
use crate::kernel::repo::DbResult;
use crate::modules::pos::entity::{
    cash_movement, refund, refund_line, refund_payment, sale, sale_payment, shift, till_void,
};

pub async fn find_shift<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<shift::Model>> {
    shift::Entity::find()
        .filter(shift::Column::Id.eq(id))
        .filter(shift::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

/// The shift still open on this device (or for this cashier when she has no device).
pub async fn open_shift_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    device_id: Option<&str>,
    cashier_id: &str,
) -> DbResult<Option<shift::Model>> {
    let mut q = shift::Entity::find()
        .filter(shift::Column::TenantId.eq(tenant_id))
        .filter(shift::Column::Status.eq("open"));
    q = match device_id {
        Some(d) => q.filter(shift::Column::DeviceId.eq(d)),
        None => q
            .filter(shift::Column::DeviceId.is_null())
            .filter(shift::Column::CashierId.eq(cashier_id)),
    };
    q.one(db).await
}

pub async fn insert_shift<C: ConnectionTrait>(db: &C, row: shift::Model) -> DbResult<()> {
    shift::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

pub struct Closing {
    pub closed_at: String,
    pub closed_by: String,
    pub denominations: String,
    pub counted: Sen,
    pub expected: Sen,
    pub difference: Sen,
    pub note: Option<String>,
}

/// Closes an open shift; false when it was closed meanwhile.
pub async fn close_shift<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
    c: Closing,
) -> DbResult<bool> {
    use sea_orm::sea_query::Expr;
    let done = shift::Entity::update_many()
        .col_expr(shift::Column::Status, Expr::value("closed"))
        .col_expr(shift::Column::ClosedAt, Expr::value(c.closed_at))
        .col_expr(shift::Column::ClosedBy, Expr::value(c.closed_by))
        .col_expr(shift::Column::Denominations, Expr::value(c.denominations))
        .col_expr(shift::Column::CountedCashSen, Expr::value(c.counted.0))
        .col_expr(shift::Column::ExpectedCashSen, Expr::value(c.expected.0))
        .col_expr(shift::Column::DifferenceSen, Expr::value(c.difference.0))
        .col_expr(shift::Column::Note, Expr::value(c.note))
        .filter(shift::Column::TenantId.eq(tenant_id))
        .filter(shift::Column::Id.eq(id))
        .filter(shift::Column::Status.eq("open"))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Shifts of an outlet opened between two UTC instants (RFC 3339 text), newest first.
pub async fn shifts<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: Option<&str>,
    from: &str,
    to: &str,
) -> DbResult<Vec<shift::Model>> {
    let mut q = shift::Entity::find()
        .filter(shift::Column::TenantId.eq(tenant_id))
        .filter(shift::Column::OpenedAt.gte(from))
        .filter(shift::Column::OpenedAt.lt(to));
    if let Some(o) = outlet_id {
        q = q.filter(shift::Column::OutletId.eq(o));
    }
    q.order_by_desc(shift::Column::OpenedAt).all(db).await
}

pub async fn find_cash_movement<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<cash_movement::Model>> {
    cash_movement::Entity::find()
        .filter(cash_movement::Column::Id.eq(id))
        .filter(cash_movement::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn insert_cash_movement<C: ConnectionTrait>(
    db: &C,
    row: cash_movement::Model,
) -> DbResult<()> {
    cash_movement::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

pub async fn cash_movements_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    shift_id: &str,
) -> DbResult<Vec<cash_movement::Model>> {
    cash_movement::Entity::find()
        .filter(cash_movement::Column::TenantId.eq(tenant_id))
        .filter(cash_movement::Column::ShiftId.eq(shift_id))
        .order_by_asc(cash_movement::Column::At)
        .all(db)
        .await
}

pub async fn sales_of_shift<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    shift_id: &str,
) -> DbResult<(Vec<sale::Model>, Vec<sale_payment::Model>)> {
    let sales = sale::Entity::find()
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::ShiftId.eq(shift_id))
        .all(db)
        .await?;
    let ids: Vec<String> = sales.iter().map(|s| s.id.clone()).collect();
    let payments = crate::modules::pos::repo::sales::payments_of_many(db, &ids).await?;
    Ok((sales, payments))
}

/// A refund with its lines and tenders.
pub struct RefundRecord {
    pub refund: refund::Model,
    pub lines: Vec<refund_line::Model>,
    pub payments: Vec<refund_payment::Model>,
}

pub async fn find_refund<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<RefundRecord>> {
    let Some(r) = refund::Entity::find()
        .filter(refund::Column::Id.eq(id))
        .filter(refund::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(complete(db, vec![r]).await?.pop())
}

async fn complete<C: ConnectionTrait>(
    db: &C,
    refunds: Vec<refund::Model>,
) -> DbResult<Vec<RefundRecord>> {
    let ids: Vec<String> = refunds.iter().map(|r| r.id.clone()).collect();
    let mut lines = Vec::new();
    let mut payments = Vec::new();
    for chunk in ids.chunks(500) {
        lines.extend(
            refund_line::Entity::find()
                .filter(refund_line::Column::RefundId.is_in(chunk.to_vec()))
                .order_by_asc(refund_line::Column::SaleLineNo)
                .all(db)
                .await?,
        );
        payments.extend(
            refund_payment::Entity::find()
                .filter(refund_payment::Column::RefundId.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    Ok(refunds
        .into_iter()
        .map(|r| RefundRecord {
            lines: lines
                .iter()
                .filter(|l| l.refund_id == r.id)
                .cloned()
                .collect(),
            payments: payments
                .iter()
                .filter(|p| p.refund_id == r.id)
                .cloned()
                .collect(),
            refund: r,
        })
        .collect())
}

pub async fn refunds_of_sale<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    sale_id: &str,
) -> DbResult<Vec<RefundRecord>> {
    let rows = refund::Entity::find()
        .filter(refund::Column::TenantId.eq(tenant_id))
        .filter(refund::Column::SaleId.eq(sale_id))
        .order_by_asc(refund::Column::RefundedAt)
        .all(db)
        .await?;
    complete(db, rows).await
}

pub async fn refunds_of_shift<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    shift_id: &str,
) -> DbResult<Vec<RefundRecord>> {
    let rows = refund::Entity::find()
        .filter(refund::Column::TenantId.eq(tenant_id))
        .filter(refund::Column::ShiftId.eq(shift_id))
        .all(db)
        .await?;
    complete(db, rows).await
}

/// Refunds made between two UTC instants, for reports.
pub async fn refunds_between<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: Option<&str>,
    from: &str,
    to: &str,
) -> DbResult<Vec<RefundRecord>> {
    let mut q = refund::Entity::find()
        .filter(refund::Column::TenantId.eq(tenant_id))
        .filter(refund::Column::RefundedAt.gte(from))
        .filter(refund::Column::RefundedAt.lt(to));
    if let Some(o) = outlet_id {
        q = q.filter(refund::Column::OutletId.eq(o));
    }
    let rows = q.all(db).await?;
    complete(db, rows).await
}

pub async fn insert_refund<C: ConnectionTrait>(db: &C, r: RefundRecord) -> DbResult<()> {
    refund::ActiveModel::from(r.refund).insert(db).await?;
    for batch in r.lines.chunks(crate::kernel::repo::INSERT_CHUNK) {
        refund_line::Entity::insert_many(batch.iter().cloned().map(refund_line::ActiveModel::from))
            .exec(db)
            .await?;
    }
    for batch in r.payments.chunks(crate::kernel::repo::INSERT_CHUNK) {
        refund_payment::Entity::insert_many(
            batch.iter().cloned().map(refund_payment::ActiveModel::from),
        )
        .exec(db)
        .await?;
    }
    Ok(())
}

pub async fn refund_no_taken<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    refund_no: &str,
) -> DbResult<bool> {
    Ok(refund::Entity::find()
        .filter(refund::Column::TenantId.eq(tenant_id))
        .filter(refund::Column::RefundNo.eq(refund_no))
        .one(db)
        .await?
        .is_some())
}

pub async fn find_void<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<till_void::Model>> {
    till_void::Entity::find()
        .filter(till_void::Column::Id.eq(id))
        .filter(till_void::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn insert_void<C: ConnectionTrait>(db: &C, row: till_void::Model) -> DbResult<()> {
    till_void::ActiveModel {
        id: Set(row.id),
        tenant_id: Set(row.tenant_id),
        outlet_id: Set(row.outlet_id),
        shift_id: Set(row.shift_id),
        kind: Set(row.kind),
        items: Set(row.items),
        amount_sen: Set(row.amount_sen),
        reason: Set(row.reason),
        user_id: Set(row.user_id),
        device_id: Set(row.device_id),
        at: Set(row.at),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn voids_of_shift<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    shift_id: &str,
) -> DbResult<Vec<till_void::Model>> {
    till_void::Entity::find()
        .filter(till_void::Column::TenantId.eq(tenant_id))
        .filter(till_void::Column::ShiftId.eq(shift_id))
        .all(db)
        .await
}

pub async fn find_sale_by_receipt<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    receipt_no: &str,
) -> DbResult<Option<sale::Model>> {
    sale::Entity::find()
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::ReceiptNo.eq(receipt_no))
        .one(db)
        .await
}
