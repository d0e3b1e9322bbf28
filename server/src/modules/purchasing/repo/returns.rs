//! Returns to supplier with their lines; what a receipt brought in and what earlier returns
//! against it took back, each summed by the database.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::kernel::repo::{in_chunks, next_number_in, sum_sen, DbResult, INSERT_CHUNK};
use crate::modules::purchasing::entity::{
    goods_receipt, goods_receipt_line, purchase_return as ret, purchase_return_line as line,
};

/// The next return number under `prefix` (`RT-202612-0007`).
pub async fn next_number<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    prefix: &str,
) -> DbResult<String> {
    next_number_in::<ret::Entity, _>(
        db,
        ret::Column::TenantId,
        ret::Column::Number,
        tenant_id,
        prefix,
    )
    .await
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<ret::Model>> {
    ret::Entity::find_by_id(id.to_string())
        .filter(ret::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn find_receipt<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<goods_receipt::Model>> {
    goods_receipt::Entity::find_by_id(id.to_string())
        .filter(goods_receipt::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

/// The numbers of the receipts among `ids`, by id.
pub async fn receipt_numbers<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    ids: impl IntoIterator<Item = String>,
) -> DbResult<HashMap<String, String>> {
    Ok(in_chunks(ids, |ids| {
        goods_receipt::Entity::find()
            .filter(goods_receipt::Column::TenantId.eq(tenant_id))
            .filter(goods_receipt::Column::Id.is_in(ids))
            .all(db)
    })
    .await?
    .into_iter()
    .map(|r| (r.id, r.number))
    .collect())
}

/// Thousandths of each product one receipt brought in.
pub async fn received_in<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    receipt_id: &str,
) -> DbResult<HashMap<String, i64>> {
    let q = Query::select()
        .column(goods_receipt_line::Column::ProductId)
        .expr_as(
            sum_sen(goods_receipt_line::Column::QuantityBaseMilli),
            Alias::new("milli"),
        )
        .from(goods_receipt_line::Entity)
        .and_where(Expr::col(goods_receipt_line::Column::TenantId).eq(tenant_id))
        .and_where(Expr::col(goods_receipt_line::Column::ReceiptId).eq(receipt_id))
        .group_by_col(goods_receipt_line::Column::ProductId)
        .to_owned();
    by_product(db, &q).await
}

/// Thousandths of each product the returns against one receipt took back so far.
pub async fn returned_against<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    receipt_id: &str,
) -> DbResult<HashMap<String, i64>> {
    let q = Query::select()
        .column((line::Entity, line::Column::ProductId))
        .expr_as(
            sum_sen((line::Entity, line::Column::QuantityBaseMilli)),
            Alias::new("milli"),
        )
        .from(line::Entity)
        .inner_join(
            ret::Entity,
            Expr::col((ret::Entity, ret::Column::Id))
                .equals((line::Entity, line::Column::ReturnId)),
        )
        .and_where(Expr::col((ret::Entity, ret::Column::TenantId)).eq(tenant_id))
        .and_where(Expr::col((ret::Entity, ret::Column::ReceiptId)).eq(receipt_id))
        .group_by_col((line::Entity, line::Column::ProductId))
        .to_owned();
    by_product(db, &q).await
}

async fn by_product<C: ConnectionTrait>(
    db: &C,
    q: &sea_orm::sea_query::SelectStatement,
) -> DbResult<HashMap<String, i64>> {
    let rows = db.query_all(db.get_database_backend().build(q)).await?;
    let mut out = HashMap::new();
    for r in rows {
        let product: String = r.try_get("", "product_id")?;
        let milli: Option<i64> = r.try_get("", "milli")?;
        out.insert(product, milli.unwrap_or(0));
    }
    Ok(out)
}

/// A new return with its lines (the header first: the lines refer to it).
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: ret::ActiveModel,
    lines: Vec<line::ActiveModel>,
) -> DbResult<ret::Model> {
    let saved = row.insert(db).await?;
    for chunk in lines.chunks(INSERT_CHUNK) {
        line::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(saved)
}

/// The lines of each of `return_ids`, in the order they were given.
pub async fn lines_of<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    return_ids: impl IntoIterator<Item = String>,
) -> DbResult<HashMap<String, Vec<line::Model>>> {
    let mut out: HashMap<String, Vec<line::Model>> = HashMap::new();
    for l in in_chunks(return_ids, |ids| {
        line::Entity::find()
            .filter(line::Column::TenantId.eq(tenant_id))
            .filter(line::Column::ReturnId.is_in(ids))
            .order_by_asc(line::Column::Id)
            .all(db)
    })
    .await?
    {
        out.entry(l.return_id.clone()).or_default().push(l);
    }
    Ok(out)
}

#[derive(Default)]
pub struct Filter {
    pub supplier_id: Option<String>,
    pub po_id: Option<String>,
    pub outlet_id: Option<String>,
    /// Only returns from these outlets (a manager's own).
    pub outlets: Option<Vec<String>>,
    pub limit: u64,
    pub offset: u64,
}

/// A page of returns, the newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    f: &Filter,
) -> DbResult<(Vec<ret::Model>, u64)> {
    let mut q = ret::Entity::find().filter(ret::Column::TenantId.eq(tenant_id));
    if let Some(s) = &f.supplier_id {
        q = q.filter(ret::Column::SupplierId.eq(s.as_str()));
    }
    if let Some(p) = &f.po_id {
        q = q.filter(ret::Column::PoId.eq(p.as_str()));
    }
    if let Some(o) = &f.outlet_id {
        q = q.filter(ret::Column::OutletId.eq(o.as_str()));
    }
    if let Some(o) = &f.outlets {
        q = q.filter(ret::Column::OutletId.is_in(o.clone()));
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(ret::Column::CreatedAt)
        .order_by_desc(ret::Column::Number)
        .offset(f.offset)
        .limit(f.limit)
        .all(db)
        .await?;
    Ok((rows, total))
}
