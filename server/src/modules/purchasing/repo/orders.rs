use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::kernel::repo::{next_number_in, DbResult};
use crate::modules::purchasing::entity::{
    goods_receipt, goods_receipt_line, purchase_order as po, purchase_order_line as line,
};
use domain::purchasing::order::PoStatus;

/// The next order (`PO-202612-0007`) or, with `receipts`, receipt number under `prefix`.
pub async fn next_number<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    prefix: &str,
    receipts: bool,
) -> DbResult<String> {
    if receipts {
        next_number_in::<goods_receipt::Entity, _>(
            db,
            goods_receipt::Column::TenantId,
            goods_receipt::Column::Number,
            tenant_id,
            prefix,
        )
        .await
    } else {
        next_number_in::<po::Entity, _>(
            db,
            po::Column::TenantId,
            po::Column::Number,
            tenant_id,
            prefix,
        )
        .await
    }
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<po::Model>> {
    po::Entity::find_by_id(id.to_string())
        .filter(po::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

/// An order as its supplier may see it: its own, and only once it was sent.
pub async fn find_for_supplier<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: &str,
    id: &str,
) -> DbResult<Option<po::Model>> {
    po::Entity::find_by_id(id.to_string())
        .filter(po::Column::TenantId.eq(tenant_id))
        .filter(po::Column::SupplierId.eq(supplier_id))
        .filter(po::Column::SentAt.is_not_null())
        .one(db)
        .await
}

pub async fn lines<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    po_id: &str,
) -> DbResult<Vec<line::Model>> {
    line::Entity::find()
        .filter(line::Column::TenantId.eq(tenant_id))
        .filter(line::Column::PoId.eq(po_id))
        .order_by_asc(line::Column::LineNo)
        .all(db)
        .await
}

#[derive(Default)]
pub struct Filter {
    pub status: Option<PoStatus>,
    pub supplier_id: Option<String>,
    /// Only orders for these outlets (a manager's own).
    pub outlets: Option<Vec<String>>,
    /// The supplier portal: only orders that were sent.
    pub sent_only: bool,
    pub limit: u64,
    pub offset: u64,
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    f: &Filter,
) -> DbResult<(Vec<po::Model>, u64)> {
    let mut q = po::Entity::find().filter(po::Column::TenantId.eq(tenant_id));
    if let Some(s) = f.status {
        q = q.filter(po::Column::Status.eq(s.as_str()));
    }
    if let Some(s) = &f.supplier_id {
        q = q.filter(po::Column::SupplierId.eq(s.as_str()));
    }
    if let Some(o) = &f.outlets {
        q = q.filter(po::Column::OutletId.is_in(o.clone()));
    }
    if f.sent_only {
        q = q.filter(po::Column::SentAt.is_not_null());
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(po::Column::CreatedAt)
        .order_by_desc(po::Column::Number)
        .offset(f.offset)
        .limit(f.limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// Takes the order's row lock for the rest of the transaction (PostgreSQL) or the
/// database's write lock (SQLite), so two receipts or a receipt and a cancel against one
/// order run one after the other, each seeing what the other wrote.
pub async fn lock<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
    now: &str,
) -> DbResult<bool> {
    let r = po::Entity::update_many()
        .col_expr(po::Column::UpdatedAt, Expr::value(now))
        .filter(po::Column::TenantId.eq(tenant_id))
        .filter(po::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

pub async fn save<C: ConnectionTrait>(db: &C, row: po::ActiveModel) -> DbResult<po::Model> {
    row.update(db).await
}

/// Adds `milli` to what a line has received, unless that would pass what was ordered
/// and `allow_over` is off: answers whether it was added. One statement, so two receipts
/// at once cannot both slip under the limit.
pub async fn add_received<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    line_id: &str,
    milli: i64,
    allow_over: bool,
) -> DbResult<bool> {
    let mut q = line::Entity::update_many()
        .col_expr(
            line::Column::ReceivedBaseMilli,
            Expr::col(line::Column::ReceivedBaseMilli).add(milli),
        )
        .filter(line::Column::TenantId.eq(tenant_id))
        .filter(line::Column::Id.eq(line_id));
    if !allow_over {
        q = q.filter(
            Expr::expr(Expr::col(line::Column::ReceivedBaseMilli).add(milli))
                .lte(Expr::col(line::Column::OrderedBaseMilli)),
        );
    }
    Ok(q.exec(db).await?.rows_affected == 1)
}

pub async fn receipts_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    po_id: &str,
) -> DbResult<Vec<(goods_receipt::Model, Vec<goods_receipt_line::Model>)>> {
    let receipts = goods_receipt::Entity::find()
        .filter(goods_receipt::Column::TenantId.eq(tenant_id))
        .filter(goods_receipt::Column::PoId.eq(po_id))
        .order_by_asc(goods_receipt::Column::ReceivedAt)
        .all(db)
        .await?;
    let ids: Vec<String> = receipts.iter().map(|r| r.id.clone()).collect();
    let mut lines: HashMap<String, Vec<goods_receipt_line::Model>> = HashMap::new();
    for l in crate::kernel::repo::in_chunks(ids, |ids| {
        goods_receipt_line::Entity::find()
            .filter(goods_receipt_line::Column::TenantId.eq(tenant_id))
            .filter(goods_receipt_line::Column::ReceiptId.is_in(ids))
            .all(db)
    })
    .await?
    {
        lines.entry(l.receipt_id.clone()).or_default().push(l);
    }
    Ok(receipts
        .into_iter()
        .map(|r| {
            let ls = lines.remove(&r.id).unwrap_or_default();
            (r, ls)
        })
        .collect())
}

/// Ordered and not yet received, per product, for an outlet's orders still expecting
/// goods (summed by the database).
pub async fn on_order<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
) -> DbResult<HashMap<String, i64>> {
    let open: Vec<&str> = PoStatus::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(PoStatus::as_str)
        .collect();
    let outstanding = Expr::col((line::Entity, line::Column::OrderedBaseMilli))
        .sub(Expr::col((line::Entity, line::Column::ReceivedBaseMilli)));
    let q = Query::select()
        .column((line::Entity, line::Column::ProductId))
        .expr_as(
            Func::cast_as(Func::sum(outstanding), Alias::new("BIGINT")),
            Alias::new("milli"),
        )
        .from(line::Entity)
        .inner_join(
            po::Entity,
            Expr::col((po::Entity, po::Column::Id)).equals((line::Entity, line::Column::PoId)),
        )
        .and_where(Expr::col((po::Entity, po::Column::TenantId)).eq(tenant_id))
        .and_where(Expr::col((po::Entity, po::Column::OutletId)).eq(outlet_id))
        .and_where(Expr::col((po::Entity, po::Column::Status)).is_in(open))
        .and_where(
            Expr::col((line::Entity, line::Column::ReceivedBaseMilli))
                .lt(Expr::col((line::Entity, line::Column::OrderedBaseMilli))),
        )
        .group_by_col((line::Entity, line::Column::ProductId))
        .to_owned();
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    let mut out = HashMap::new();
    for r in rows {
        let product: String = r.try_get("", "product_id")?;
        let milli: Option<i64> = r.try_get("", "milli")?;
        out.insert(product, milli.unwrap_or(0));
    }
    Ok(out)
}

/// A new order with its lines.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    order: po::ActiveModel,
    lines: Vec<line::ActiveModel>,
) -> DbResult<po::Model> {
    let saved = order.insert(db).await?;
    for chunk in lines.chunks(crate::kernel::repo::INSERT_CHUNK) {
        line::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(saved)
}

/// A goods receipt with its lines (the header first: the lines refer to it).
/// One receipt's lines.
pub async fn receipt_lines<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    receipt_id: &str,
) -> DbResult<Vec<goods_receipt_line::Model>> {
    goods_receipt_line::Entity::find()
        .filter(goods_receipt_line::Column::TenantId.eq(tenant_id))
        .filter(goods_receipt_line::Column::ReceiptId.eq(receipt_id))
        .all(db)
        .await
}

pub async fn insert_receipt<C: ConnectionTrait>(
    db: &C,
    receipt: goods_receipt::ActiveModel,
    lines: Vec<goods_receipt_line::ActiveModel>,
) -> DbResult<goods_receipt::Model> {
    let saved = receipt.insert(db).await?;
    for chunk in lines.chunks(crate::kernel::repo::INSERT_CHUNK) {
        goods_receipt_line::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(saved)
}
