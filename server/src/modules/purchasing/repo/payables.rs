//! Supplier invoices, the receipts each bills, payments, the aging and the statement.
//! Every sum is the database's: the aging adds up what is owed per supplier with one
//! `CASE` per bucket, the statement pages a union of invoices and payments.
use sea_orm::sea_query::{Alias, Expr, Func, Order, Query, SelectStatement, SimpleExpr, UnionType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::kernel::repo::{in_chunks, DbResult, INSERT_CHUNK};
use crate::modules::purchasing::entity::{
    goods_receipt, goods_receipt_line, supplier_invoice as inv, supplier_invoice_line as line,
    supplier_invoice_receipt as link, supplier_payment as pay,
};
use domain::purchasing::aging::AgingBucket;
use domain::purchasing::invoice::InvoiceStatus;

pub async fn find<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<inv::Model>> {
    inv::Entity::find_by_id(id.to_string())
        .filter(inv::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

/// The receipts of an order no invoice bills yet, oldest first.
pub async fn unbilled_receipts<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    po_id: &str,
) -> DbResult<Vec<goods_receipt::Model>> {
    let billed = Query::select()
        .column(link::Column::ReceiptId)
        .from(link::Entity)
        .and_where(Expr::col(link::Column::TenantId).eq(tenant_id))
        .to_owned();
    goods_receipt::Entity::find()
        .filter(goods_receipt::Column::TenantId.eq(tenant_id))
        .filter(goods_receipt::Column::PoId.eq(po_id))
        .filter(goods_receipt::Column::Id.not_in_subquery(billed))
        .order_by_asc(goods_receipt::Column::ReceivedAt)
        .all(db)
        .await
}

/// The supplier's receipts among `ids`.
pub async fn receipts_of_supplier<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: &str,
    ids: Vec<String>,
) -> DbResult<Vec<goods_receipt::Model>> {
    in_chunks(ids, |ids| {
        goods_receipt::Entity::find()
            .filter(goods_receipt::Column::TenantId.eq(tenant_id))
            .filter(goods_receipt::Column::SupplierId.eq(supplier_id))
            .filter(goods_receipt::Column::Id.is_in(ids))
            .all(db)
    })
    .await
}

/// Which of `receipt_ids` an invoice bills already.
pub async fn billed<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    receipt_ids: Vec<String>,
) -> DbResult<Vec<String>> {
    Ok(in_chunks(receipt_ids, |ids| {
        link::Entity::find()
            .filter(link::Column::TenantId.eq(tenant_id))
            .filter(link::Column::ReceiptId.is_in(ids))
            .all(db)
    })
    .await?
    .into_iter()
    .map(|l| l.receipt_id)
    .collect())
}

pub async fn receipt_lines<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    receipt_ids: Vec<String>,
) -> DbResult<Vec<goods_receipt_line::Model>> {
    in_chunks(receipt_ids, |ids| {
        goods_receipt_line::Entity::find()
            .filter(goods_receipt_line::Column::TenantId.eq(tenant_id))
            .filter(goods_receipt_line::Column::ReceiptId.is_in(ids))
            .all(db)
    })
    .await
}

/// A new invoice with its match lines and the receipts it bills (the header first).
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    invoice: inv::ActiveModel,
    lines: Vec<line::ActiveModel>,
    links: Vec<link::ActiveModel>,
) -> DbResult<inv::Model> {
    let saved = invoice.insert(db).await?;
    for chunk in lines.chunks(INSERT_CHUNK) {
        line::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    for chunk in links.chunks(INSERT_CHUNK) {
        link::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(saved)
}

pub async fn lines<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    invoice_id: &str,
) -> DbResult<Vec<line::Model>> {
    line::Entity::find()
        .filter(line::Column::TenantId.eq(tenant_id))
        .filter(line::Column::InvoiceId.eq(invoice_id))
        .order_by_asc(line::Column::LineNo)
        .all(db)
        .await
}

pub async fn payments<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    invoice_id: &str,
) -> DbResult<Vec<pay::Model>> {
    pay::Entity::find()
        .filter(pay::Column::TenantId.eq(tenant_id))
        .filter(pay::Column::InvoiceId.eq(invoice_id))
        .order_by_asc(pay::Column::CreatedAt)
        .all(db)
        .await
}

/// The numbers of the receipts an invoice bills.
pub async fn receipt_numbers<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    invoice_id: &str,
) -> DbResult<Vec<String>> {
    let ids: Vec<String> = link::Entity::find()
        .filter(link::Column::TenantId.eq(tenant_id))
        .filter(link::Column::InvoiceId.eq(invoice_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.receipt_id)
        .collect();
    let mut numbers: Vec<String> = in_chunks(ids, |ids| {
        goods_receipt::Entity::find()
            .filter(goods_receipt::Column::TenantId.eq(tenant_id))
            .filter(goods_receipt::Column::Id.is_in(ids))
            .all(db)
    })
    .await?
    .into_iter()
    .map(|r| r.number)
    .collect();
    numbers.sort();
    Ok(numbers)
}

#[derive(Default)]
pub struct Filter {
    pub status: Option<InvoiceStatus>,
    /// Open and partly paid together.
    pub owed_only: bool,
    pub supplier_id: Option<String>,
    /// Only invoices for these outlets (a manager's own).
    pub outlets: Option<Vec<String>>,
    pub limit: u64,
    pub offset: u64,
}

/// A page of invoices, the earliest due first among those owed, else the newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    f: &Filter,
) -> DbResult<(Vec<inv::Model>, u64)> {
    let mut q = inv::Entity::find().filter(inv::Column::TenantId.eq(tenant_id));
    if let Some(s) = f.status {
        q = q.filter(inv::Column::Status.eq(s.as_str()));
    }
    if f.owed_only {
        q = q.filter(inv::Column::Status.ne(InvoiceStatus::Paid.as_str()));
    }
    if let Some(s) = &f.supplier_id {
        q = q.filter(inv::Column::SupplierId.eq(s.as_str()));
    }
    if let Some(o) = &f.outlets {
        q = q.filter(inv::Column::OutletId.is_in(o.clone()));
    }
    let total = q.clone().count(db).await?;
    let q = if f.owed_only || f.status.is_some_and(InvoiceStatus::is_owed) {
        q.order_by_asc(inv::Column::DueOn)
    } else {
        q.order_by_desc(inv::Column::InvoiceOn)
    };
    let rows = q
        .order_by_desc(inv::Column::CreatedAt)
        .offset(f.offset)
        .limit(f.limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// Adds `amount_sen` to what is paid of an invoice unless that would pass its total:
/// answers whether it was added. One statement, so two payments at once cannot both slip
/// under the total.
pub async fn add_paid<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
    amount_sen: i64,
    now: &str,
) -> DbResult<bool> {
    let r = inv::Entity::update_many()
        .col_expr(
            inv::Column::PaidSen,
            Expr::col(inv::Column::PaidSen).add(amount_sen),
        )
        .col_expr(inv::Column::UpdatedAt, Expr::value(now))
        .filter(inv::Column::TenantId.eq(tenant_id))
        .filter(inv::Column::Id.eq(id))
        .filter(
            Expr::expr(Expr::col(inv::Column::PaidSen).add(amount_sen))
                .lte(Expr::col(inv::Column::TotalSen)),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
    status: InvoiceStatus,
) -> DbResult<()> {
    inv::Entity::update_many()
        .col_expr(inv::Column::Status, Expr::value(status.as_str()))
        .filter(inv::Column::TenantId.eq(tenant_id))
        .filter(inv::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn insert_payment<C: ConnectionTrait>(
    db: &C,
    row: pay::ActiveModel,
) -> DbResult<pay::Model> {
    row.insert(db).await
}

/// What is owed on one supplier's invoices, per aging bucket (in `AgingBucket::ALL`
/// order), in sen.
pub struct AgingSums {
    pub supplier_id: String,
    pub buckets: [i64; 5],
}

fn bucket_sum(bucket: AgingBucket, as_of: chrono::NaiveDate) -> SimpleExpr {
    let owed = Expr::col((inv::Entity, inv::Column::TotalSen))
        .sub(Expr::col((inv::Entity, inv::Column::PaidSen)));
    let due = || Expr::col((inv::Entity, inv::Column::DueOn));
    let (lo, hi) = bucket.due_range(as_of);
    let mut cond = sea_orm::Condition::all();
    if let Some(lo) = lo {
        cond = cond.add(due().gte(lo.to_string()));
    }
    if let Some(hi) = hi {
        cond = cond.add(due().lte(hi.to_string()));
    }
    Func::cast_as(
        Func::coalesce([
            Func::sum(Expr::case(cond, owed).finally(Expr::value(0i64))).into(),
            Expr::value(0i64),
        ]),
        Alias::new("BIGINT"),
    )
    .into()
}

fn aging_query(
    tenant_id: &str,
    outlets: Option<&[String]>,
    as_of: chrono::NaiveDate,
) -> SelectStatement {
    let mut q = Query::select();
    q.from(inv::Entity)
        .and_where(Expr::col((inv::Entity, inv::Column::TenantId)).eq(tenant_id))
        .and_where(Expr::col((inv::Entity, inv::Column::Status)).ne(InvoiceStatus::Paid.as_str()));
    if let Some(o) = outlets {
        q.and_where(Expr::col((inv::Entity, inv::Column::OutletId)).is_in(o.to_vec()));
    }
    for (i, b) in AgingBucket::ALL.into_iter().enumerate() {
        q.expr_as(bucket_sum(b, as_of), Alias::new(format!("b{i}")));
    }
    q
}

fn buckets_of(r: &sea_orm::QueryResult) -> DbResult<[i64; 5]> {
    let mut out = [0i64; 5];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = r.try_get::<Option<i64>>("", &format!("b{i}"))?.unwrap_or(0);
    }
    Ok(out)
}

/// A page of suppliers with something owed (by supplier id), what each is owed per
/// bucket, how many suppliers there are, and the buckets over all of them.
pub async fn aging<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlets: Option<&[String]>,
    as_of: chrono::NaiveDate,
    limit: u64,
    offset: u64,
) -> DbResult<(Vec<AgingSums>, u64, [i64; 5])> {
    let backend = db.get_database_backend();
    let mut per = aging_query(tenant_id, outlets, as_of);
    per.column((inv::Entity, inv::Column::SupplierId))
        .group_by_col((inv::Entity, inv::Column::SupplierId))
        .order_by((inv::Entity, inv::Column::SupplierId), Order::Asc)
        .limit(limit)
        .offset(offset);
    let mut rows = Vec::new();
    for r in db.query_all(backend.build(&per)).await? {
        rows.push(AgingSums {
            supplier_id: r.try_get("", "supplier_id")?,
            buckets: buckets_of(&r)?,
        });
    }
    let mut all = aging_query(tenant_id, outlets, as_of);
    all.expr_as(
        Func::cast_as(
            Func::count_distinct(Expr::col((inv::Entity, inv::Column::SupplierId))),
            Alias::new("BIGINT"),
        ),
        Alias::new("suppliers"),
    );
    let (count, totals) = match db.query_one(backend.build(&all)).await? {
        Some(r) => (
            r.try_get::<Option<i64>>("", "suppliers")?.unwrap_or(0),
            buckets_of(&r)?,
        ),
        None => (0, [0; 5]),
    };
    Ok((rows, u64::try_from(count).unwrap_or(0), totals))
}

/// A supplier's invoices and payments between two dates as one list: `(on, kind,
/// invoice_id, reference, charge_sen, payment_sen, at)`.
fn entries(
    tenant_id: &str,
    supplier_id: &str,
    outlets: Option<&[String]>,
    from: Option<&str>,
    to: &str,
) -> SelectStatement {
    let mut invoices = Query::select();
    invoices
        .expr_as(
            Expr::col((inv::Entity, inv::Column::InvoiceOn)),
            Alias::new("on_day"),
        )
        .expr_as(Expr::val("invoice"), Alias::new("kind"))
        .expr_as(
            Expr::col((inv::Entity, inv::Column::Id)),
            Alias::new("invoice_id"),
        )
        .expr_as(
            Expr::col((inv::Entity, inv::Column::Number)),
            Alias::new("reference"),
        )
        .expr_as(
            Expr::col((inv::Entity, inv::Column::TotalSen)),
            Alias::new("charge"),
        )
        .expr_as(Expr::value(0i64), Alias::new("payment"))
        .expr_as(
            Expr::col((inv::Entity, inv::Column::CreatedAt)),
            Alias::new("at"),
        )
        .from(inv::Entity)
        .and_where(Expr::col((inv::Entity, inv::Column::TenantId)).eq(tenant_id))
        .and_where(Expr::col((inv::Entity, inv::Column::SupplierId)).eq(supplier_id))
        .and_where(Expr::col((inv::Entity, inv::Column::InvoiceOn)).lte(to));
    let mut payments = Query::select();
    payments
        .expr_as(
            Expr::col((pay::Entity, pay::Column::PaidOn)),
            Alias::new("on_day"),
        )
        .expr_as(Expr::val("payment"), Alias::new("kind"))
        .expr_as(
            Expr::col((pay::Entity, pay::Column::InvoiceId)),
            Alias::new("invoice_id"),
        )
        .expr_as(
            Expr::col((inv::Entity, inv::Column::Number)),
            Alias::new("reference"),
        )
        .expr_as(Expr::value(0i64), Alias::new("charge"))
        .expr_as(
            Expr::col((pay::Entity, pay::Column::AmountSen)),
            Alias::new("payment"),
        )
        .expr_as(
            Expr::col((pay::Entity, pay::Column::CreatedAt)),
            Alias::new("at"),
        )
        .from(pay::Entity)
        .inner_join(
            inv::Entity,
            Expr::col((inv::Entity, inv::Column::Id)).equals((pay::Entity, pay::Column::InvoiceId)),
        )
        .and_where(Expr::col((pay::Entity, pay::Column::TenantId)).eq(tenant_id))
        .and_where(Expr::col((pay::Entity, pay::Column::SupplierId)).eq(supplier_id))
        .and_where(Expr::col((pay::Entity, pay::Column::PaidOn)).lte(to));
    if let Some(o) = outlets {
        invoices.and_where(Expr::col((inv::Entity, inv::Column::OutletId)).is_in(o.to_vec()));
        payments.and_where(Expr::col((inv::Entity, inv::Column::OutletId)).is_in(o.to_vec()));
    }
    if let Some(from) = from {
        invoices.and_where(Expr::col((inv::Entity, inv::Column::InvoiceOn)).gte(from));
        payments.and_where(Expr::col((pay::Entity, pay::Column::PaidOn)).gte(from));
    }
    invoices.union(UnionType::All, payments);
    invoices
}

pub struct EntryRow {
    pub on: String,
    pub kind: String,
    pub invoice_id: String,
    pub reference: String,
    pub charge_sen: i64,
    pub payment_sen: i64,
}

fn ordered(inner: SelectStatement) -> SelectStatement {
    let e = Alias::new("e");
    let mut q = Query::select();
    q.columns([
        Alias::new("on_day"),
        Alias::new("kind"),
        Alias::new("invoice_id"),
        Alias::new("reference"),
        Alias::new("charge"),
        Alias::new("payment"),
    ])
    .from_subquery(inner, e)
    .order_by(Alias::new("on_day"), Order::Asc)
    .order_by(Alias::new("at"), Order::Asc)
    .order_by(Alias::new("kind"), Order::Asc);
    q
}

/// `SUM(charge) - SUM(payment)` over `rows`, in sen.
async fn balance_of<C: ConnectionTrait>(db: &C, rows: SelectStatement) -> DbResult<i64> {
    let q = Query::select()
        .expr_as(
            Func::cast_as(
                Func::sum(Expr::col(Alias::new("charge"))),
                Alias::new("BIGINT"),
            ),
            Alias::new("charged"),
        )
        .expr_as(
            Func::cast_as(
                Func::sum(Expr::col(Alias::new("payment"))),
                Alias::new("BIGINT"),
            ),
            Alias::new("paid"),
        )
        .from_subquery(rows, Alias::new("p"))
        .to_owned();
    Ok(
        match db.query_one(db.get_database_backend().build(&q)).await? {
            Some(r) => {
                r.try_get::<Option<i64>>("", "charged")?.unwrap_or(0)
                    - r.try_get::<Option<i64>>("", "paid")?.unwrap_or(0)
            }
            None => 0,
        },
    )
}

/// A page of a supplier's statement: what was owed before `from`, what was owed before
/// this page's first entry, the page's entries, how many entries the period has, and
/// what is owed at the end of `to`.
pub struct StatementPage {
    pub opening_sen: i64,
    pub before_page_sen: i64,
    pub rows: Vec<EntryRow>,
    pub count: u64,
    pub closing_sen: i64,
}

#[allow(clippy::too_many_arguments)]
pub async fn statement<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    supplier_id: &str,
    outlets: Option<&[String]>,
    from: &str,
    to: &str,
    limit: u64,
    offset: u64,
) -> DbResult<StatementPage> {
    let backend = db.get_database_backend();
    // Everything dated before `from`: the day before it is the last that counts.
    let before_from = chrono::NaiveDate::parse_from_str(from, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.pred_opt())
        .map(|d| d.to_string())
        .unwrap_or_default();
    let opening_sen = balance_of(
        db,
        entries(tenant_id, supplier_id, outlets, None, &before_from),
    )
    .await?;
    let closing_sen = balance_of(db, entries(tenant_id, supplier_id, outlets, None, to)).await?;
    let period = entries(tenant_id, supplier_id, outlets, Some(from), to);
    let count_q = Query::select()
        .expr_as(
            Func::cast_as(Func::count(Expr::val(1)), Alias::new("BIGINT")),
            Alias::new("n"),
        )
        .from_subquery(period.clone(), Alias::new("c"))
        .to_owned();
    let count = match db.query_one(backend.build(&count_q)).await? {
        Some(r) => r.try_get::<Option<i64>>("", "n")?.unwrap_or(0),
        None => 0,
    };
    let before_page_sen = if offset == 0 {
        opening_sen
    } else {
        let mut head = ordered(period.clone());
        head.limit(offset);
        opening_sen + balance_of(db, head).await?
    };
    let mut page = ordered(period);
    page.limit(limit).offset(offset);
    let mut rows = Vec::new();
    for r in db.query_all(backend.build(&page)).await? {
        rows.push(EntryRow {
            on: r.try_get("", "on_day")?,
            kind: r.try_get("", "kind")?,
            invoice_id: r.try_get("", "invoice_id")?,
            reference: r.try_get("", "reference")?,
            charge_sen: r.try_get("", "charge")?,
            payment_sen: r.try_get("", "payment")?,
        });
    }
    Ok(StatementPage {
        opening_sen,
        before_page_sen,
        rows,
        count: u64::try_from(count).unwrap_or(0),
        closing_sen,
    })
}
