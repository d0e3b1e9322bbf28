//! The sales report's figures, added up by the database: every sum is one `SUM … GROUP
//! BY` over the period's rows (money in sen, quantities in thousandths), so a month of a
//! busy chain costs a few index range scans, not a million rows loaded into memory.
use sea_orm::sea_query::{Alias, Expr, Func, IntoColumnRef, Query, SelectStatement, SimpleExpr};
use sea_orm::{ConnectionTrait, QueryResult};

use crate::kernel::repo::{sum_sen, DbResult};
use crate::modules::inventory::entity::product;
use crate::modules::pos::entity::{
    refund, refund_line, refund_payment, sale, sale_line, sale_payment,
};

pub use crate::kernel::repo::OutletScope as Outlets;

/// The period and scope of a report: `[from, to)` as stored UTC text.
pub struct Scope<'a> {
    pub tenant_id: &'a str,
    pub outlets: &'a Outlets,
    pub from: &'a str,
    pub to: &'a str,
}

/// A group's figures: rows counted, quantity (thousandths) and amount (sen).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    pub key: String,
    pub label: String,
    pub count: i64,
    pub quantity_milli: i64,
    pub amount_sen: i64,
}

/// The sums over the period's sales, in sen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaleTotals {
    pub count: i64,
    pub subtotal_sen: i64,
    pub discount_sen: i64,
    pub service_sen: i64,
    pub tax_sen: i64,
    pub rounding_sen: i64,
    pub grand_total_sen: i64,
    pub change_sen: i64,
}

/// Sales in scope: `sales` filtered by tenant, time and outlets.
fn sales_in(q: &mut SelectStatement, s: &Scope<'_>) {
    q.and_where(Expr::col((sale::Entity, sale::Column::TenantId)).eq(s.tenant_id))
        .and_where(Expr::col((sale::Entity, sale::Column::SoldAt)).gte(s.from))
        .and_where(Expr::col((sale::Entity, sale::Column::SoldAt)).lt(s.to));
    if let Outlets::Only(ids) = s.outlets {
        q.and_where(Expr::col((sale::Entity, sale::Column::OutletId)).is_in(ids.clone()));
    }
}

/// Refunds in scope: made within the period (they net out of the period they were made
/// in, whenever the sale was).
fn refunds_in(q: &mut SelectStatement, s: &Scope<'_>) {
    q.and_where(Expr::col((refund::Entity, refund::Column::TenantId)).eq(s.tenant_id))
        .and_where(Expr::col((refund::Entity, refund::Column::RefundedAt)).gte(s.from))
        .and_where(Expr::col((refund::Entity, refund::Column::RefundedAt)).lt(s.to));
    if let Outlets::Only(ids) = s.outlets {
        q.and_where(Expr::col((refund::Entity, refund::Column::OutletId)).is_in(ids.clone()));
    }
}

fn count() -> SimpleExpr {
    Func::count(Expr::col(sea_orm::sea_query::Asterisk)).into()
}

fn sum(col: impl IntoColumnRef) -> SimpleExpr {
    sum_sen(col)
}

fn int(row: &QueryResult, col: &str) -> DbResult<i64> {
    Ok(row.try_get::<Option<i64>>("", col)?.unwrap_or(0))
}

fn text(row: &QueryResult, col: &str) -> DbResult<String> {
    Ok(row.try_get::<Option<String>>("", col)?.unwrap_or_default())
}

async fn groups<C: ConnectionTrait>(db: &C, q: &SelectStatement) -> DbResult<Vec<Group>> {
    let rows = db.query_all(db.get_database_backend().build(q)).await?;
    rows.iter()
        .map(|r| {
            Ok(Group {
                key: text(r, "key")?,
                label: text(r, "label")?,
                count: int(r, "n")?,
                quantity_milli: int(r, "quantity")?,
                amount_sen: int(r, "amount")?,
            })
        })
        .collect()
}

pub async fn sale_totals<C: ConnectionTrait>(db: &C, s: &Scope<'_>) -> DbResult<SaleTotals> {
    let mut q = Query::select();
    q.from(sale::Entity)
        .expr_as(count(), Alias::new("n"))
        .expr_as(sum(sale::Column::SubtotalSen), Alias::new("subtotal"))
        .expr_as(sum(sale::Column::DiscountTotalSen), Alias::new("discount"))
        .expr_as(sum(sale::Column::ServiceChargeSen), Alias::new("service"))
        .expr_as(sum(sale::Column::TaxTotalSen), Alias::new("tax"))
        .expr_as(sum(sale::Column::RoundingSen), Alias::new("rounding"))
        .expr_as(sum(sale::Column::GrandTotalSen), Alias::new("total"))
        .expr_as(sum(sale::Column::ChangeDueSen), Alias::new("change"));
    sales_in(&mut q, s);
    let Some(r) = db.query_one(db.get_database_backend().build(&q)).await? else {
        return Ok(SaleTotals::default());
    };
    Ok(SaleTotals {
        count: int(&r, "n")?,
        subtotal_sen: int(&r, "subtotal")?,
        discount_sen: int(&r, "discount")?,
        service_sen: int(&r, "service")?,
        tax_sen: int(&r, "tax")?,
        rounding_sen: int(&r, "rounding")?,
        grand_total_sen: int(&r, "total")?,
        change_sen: int(&r, "change")?,
    })
}

/// Sales and their total per cashier (label left for the caller: names live elsewhere).
pub async fn by_cashier<C: ConnectionTrait>(db: &C, s: &Scope<'_>) -> DbResult<Vec<Group>> {
    let mut q = Query::select();
    q.from(sale::Entity)
        .expr_as(Expr::col(sale::Column::CashierId), Alias::new("key"))
        .expr_as(count(), Alias::new("n"))
        .expr_as(sum(sale::Column::GrandTotalSen), Alias::new("amount"))
        .group_by_col(sale::Column::CashierId);
    sales_in(&mut q, s);
    groups(db, &q).await
}

/// Sales and their total per hour of the day in the outlet's zone (`offset_hours` ahead
/// of UTC). `sold_at` is stored as `YYYY-MM-DDTHH:…Z`, so its hour is characters 12–13.
pub async fn by_hour<C: ConnectionTrait>(
    db: &C,
    s: &Scope<'_>,
    offset_hours: i64,
) -> DbResult<Vec<Group>> {
    let offset = offset_hours.rem_euclid(24);
    let hour = Expr::cust(format!(
        "CAST((CAST(SUBSTR(sold_at, 12, 2) AS INTEGER) + {offset}) % 24 AS BIGINT)"
    ));
    let mut q = Query::select();
    q.from(sale::Entity)
        .expr_as(hour.clone(), Alias::new("hour"))
        .expr_as(count(), Alias::new("n"))
        .expr_as(sum(sale::Column::GrandTotalSen), Alias::new("amount"))
        .add_group_by([hour]);
    sales_in(&mut q, s);
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    rows.iter()
        .map(|r| {
            let h = int(r, "hour")?;
            Ok(Group {
                key: format!("{h:02}"),
                label: format!("{h:02}:00"),
                count: int(r, "n")?,
                quantity_milli: 0,
                amount_sen: int(r, "amount")?,
            })
        })
        .collect()
}

/// Lines sold per product: lines counted, quantity and net amount.
pub async fn by_product<C: ConnectionTrait>(db: &C, s: &Scope<'_>) -> DbResult<Vec<Group>> {
    let mut q = Query::select();
    q.from(sale_line::Entity)
        .inner_join(
            sale::Entity,
            Expr::col((sale::Entity, sale::Column::Id))
                .equals((sale_line::Entity, sale_line::Column::SaleId)),
        )
        .expr_as(
            Expr::col((sale_line::Entity, sale_line::Column::ProductId)),
            Alias::new("key"),
        )
        .expr_as(
            Func::max(Expr::col((sale_line::Entity, sale_line::Column::Name))),
            Alias::new("label"),
        )
        .expr_as(count(), Alias::new("n"))
        .expr_as(
            sum((sale_line::Entity, sale_line::Column::QuantityMilli)),
            Alias::new("quantity"),
        )
        .expr_as(
            sum((sale_line::Entity, sale_line::Column::NetSen)),
            Alias::new("amount"),
        )
        .group_by_col((sale_line::Entity, sale_line::Column::ProductId));
    sales_in(&mut q, s);
    groups(db, &q).await
}

/// Lines sold per product category (key: category id, empty for none).
pub async fn by_category<C: ConnectionTrait>(db: &C, s: &Scope<'_>) -> DbResult<Vec<Group>> {
    let mut q = Query::select();
    q.from(sale_line::Entity)
        .inner_join(
            sale::Entity,
            Expr::col((sale::Entity, sale::Column::Id))
                .equals((sale_line::Entity, sale_line::Column::SaleId)),
        )
        .left_join(
            product::Entity,
            Expr::col((product::Entity, product::Column::Id))
                .equals((sale_line::Entity, sale_line::Column::ProductId)),
        )
        .expr_as(
            Expr::col((product::Entity, product::Column::CategoryId)),
            Alias::new("key"),
        )
        .expr_as(count(), Alias::new("n"))
        .expr_as(
            sum((sale_line::Entity, sale_line::Column::QuantityMilli)),
            Alias::new("quantity"),
        )
        .expr_as(
            sum((sale_line::Entity, sale_line::Column::NetSen)),
            Alias::new("amount"),
        )
        .group_by_col((product::Entity, product::Column::CategoryId));
    sales_in(&mut q, s);
    groups(db, &q).await
}

/// Payments per method (key and label: the method code).
pub async fn by_payment<C: ConnectionTrait>(db: &C, s: &Scope<'_>) -> DbResult<Vec<Group>> {
    let mut q = Query::select();
    q.from(sale_payment::Entity)
        .inner_join(
            sale::Entity,
            Expr::col((sale::Entity, sale::Column::Id))
                .equals((sale_payment::Entity, sale_payment::Column::SaleId)),
        )
        .expr_as(
            Expr::col((sale_payment::Entity, sale_payment::Column::Method)),
            Alias::new("key"),
        )
        .expr_as(
            Expr::col((sale_payment::Entity, sale_payment::Column::Method)),
            Alias::new("label"),
        )
        .expr_as(count(), Alias::new("n"))
        .expr_as(
            sum((sale_payment::Entity, sale_payment::Column::AmountSen)),
            Alias::new("amount"),
        )
        .group_by_col((sale_payment::Entity, sale_payment::Column::Method));
    sales_in(&mut q, s);
    groups(db, &q).await
}

/// Refunds made in the period: how many and their total, in sen.
pub async fn refund_totals<C: ConnectionTrait>(db: &C, s: &Scope<'_>) -> DbResult<(i64, i64)> {
    let mut q = Query::select();
    q.from(refund::Entity)
        .expr_as(count(), Alias::new("n"))
        .expr_as(sum(refund::Column::TotalSen), Alias::new("amount"));
    refunds_in(&mut q, s);
    let Some(r) = db.query_one(db.get_database_backend().build(&q)).await? else {
        return Ok((0, 0));
    };
    Ok((int(&r, "n")?, int(&r, "amount")?))
}

/// Each refund's amount beside its sale's tax and total (sen), grouped by those three so
/// equal refunds of equal sales come as one row with a count: the tax share of a refund
/// is a ratio, rounded per refund, which a plain SUM cannot give.
pub async fn refund_tax_shares<C: ConnectionTrait>(
    db: &C,
    s: &Scope<'_>,
) -> DbResult<Vec<(i64, i64, i64, i64)>> {
    let mut q = Query::select();
    let refund_total = Expr::col((refund::Entity, refund::Column::TotalSen));
    let sale_tax = Expr::col((sale::Entity, sale::Column::TaxTotalSen));
    let sale_total = Expr::col((sale::Entity, sale::Column::GrandTotalSen));
    q.from(refund::Entity)
        .inner_join(
            sale::Entity,
            Expr::col((sale::Entity, sale::Column::Id))
                .equals((refund::Entity, refund::Column::SaleId)),
        )
        .expr_as(refund_total.clone(), Alias::new("refund"))
        .expr_as(sale_tax.clone(), Alias::new("tax"))
        .expr_as(sale_total.clone(), Alias::new("total"))
        .expr_as(count(), Alias::new("n"))
        .and_where(Expr::col((sale::Entity, sale::Column::TaxTotalSen)).ne(0))
        .add_group_by([refund_total.into(), sale_tax.into(), sale_total.into()]);
    refunds_in(&mut q, s);
    let rows = db.query_all(db.get_database_backend().build(&q)).await?;
    rows.iter()
        .map(|r| {
            Ok((
                int(r, "refund")?,
                int(r, "tax")?,
                int(r, "total")?,
                int(r, "n")?,
            ))
        })
        .collect()
}

/// Refunded quantity and amount per product.
pub async fn refunds_by_product<C: ConnectionTrait>(db: &C, s: &Scope<'_>) -> DbResult<Vec<Group>> {
    let mut q = Query::select();
    q.from(refund_line::Entity)
        .inner_join(
            refund::Entity,
            Expr::col((refund::Entity, refund::Column::Id))
                .equals((refund_line::Entity, refund_line::Column::RefundId))
                .and(
                    Expr::col((refund::Entity, refund::Column::TenantId))
                        .equals((refund_line::Entity, refund_line::Column::TenantId)),
                ),
        )
        .expr_as(
            Expr::col((refund_line::Entity, refund_line::Column::ProductId)),
            Alias::new("key"),
        )
        .expr_as(
            Func::max(Expr::col((refund_line::Entity, refund_line::Column::Name))),
            Alias::new("label"),
        )
        .expr_as(count(), Alias::new("n"))
        .expr_as(
            sum((refund_line::Entity, refund_line::Column::QuantityMilli)),
            Alias::new("quantity"),
        )
        .expr_as(
            sum((refund_line::Entity, refund_line::Column::AmountSen)),
            Alias::new("amount"),
        )
        .group_by_col((refund_line::Entity, refund_line::Column::ProductId));
    refunds_in(&mut q, s);
    groups(db, &q).await
}

/// Refunded amount per tender.
pub async fn refunds_by_payment<C: ConnectionTrait>(db: &C, s: &Scope<'_>) -> DbResult<Vec<Group>> {
    let mut q = Query::select();
    q.from(refund_payment::Entity)
        .inner_join(
            refund::Entity,
            Expr::col((refund::Entity, refund::Column::Id))
                .equals((refund_payment::Entity, refund_payment::Column::RefundId))
                .and(
                    Expr::col((refund::Entity, refund::Column::TenantId))
                        .equals((refund_payment::Entity, refund_payment::Column::TenantId)),
                ),
        )
        .expr_as(
            Expr::col((refund_payment::Entity, refund_payment::Column::Method)),
            Alias::new("key"),
        )
        .expr_as(
            Expr::col((refund_payment::Entity, refund_payment::Column::Method)),
            Alias::new("label"),
        )
        .expr_as(count(), Alias::new("n"))
        .expr_as(
            sum((refund_payment::Entity, refund_payment::Column::AmountSen)),
            Alias::new("amount"),
        )
        .group_by_col((refund_payment::Entity, refund_payment::Column::Method));
    refunds_in(&mut q, s);
    groups(db, &q).await
}
