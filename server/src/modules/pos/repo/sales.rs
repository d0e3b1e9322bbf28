//! Sales and the stock ledger. A sale and its stock movements are written in one
//! transaction; stock is never a stored number but the sum of its movements.
use std::collections::HashMap;

use chrono::{SecondsFormat, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::kernel::auth::secret::new_id;
use crate::kernel::error::{ApiError, ApiResult};
use crate::modules::inventory::entity::{outlet_price, product, stock_movement};
use crate::modules::pos::entity::{sale, sale_line, sale_payment};

pub async fn find_by_client_id<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    client_sale_id: &str,
) -> ApiResult<Option<sale::Model>> {
    Ok(sale::Entity::find()
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::ClientSaleId.eq(client_sale_id))
        .one(db)
        .await?)
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> ApiResult<Option<sale::Model>> {
    Ok(sale::Entity::find_by_id(id.to_string())
        .filter(sale::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?)
}

pub async fn receipt_taken<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    receipt_no: &str,
) -> ApiResult<bool> {
    Ok(sale::Entity::find()
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::ReceiptNo.eq(receipt_no))
        .one(db)
        .await?
        .is_some())
}

pub async fn lines_of<C: ConnectionTrait>(
    db: &C,
    sale_id: &str,
) -> ApiResult<Vec<sale_line::Model>> {
    Ok(sale_line::Entity::find()
        .filter(sale_line::Column::SaleId.eq(sale_id))
        .order_by_asc(sale_line::Column::LineNo)
        .all(db)
        .await?)
}

pub async fn payments_of<C: ConnectionTrait>(
    db: &C,
    sale_id: &str,
) -> ApiResult<Vec<sale_payment::Model>> {
    Ok(sale_payment::Entity::find()
        .filter(sale_payment::Column::SaleId.eq(sale_id))
        .all(db)
        .await?)
}

/// Sales of an outlet between two UTC instants (RFC 3339 text, which sorts as time).
pub async fn list<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: Option<&str>,
    from: &str,
    to: &str,
) -> ApiResult<Vec<sale::Model>> {
    let mut q = sale::Entity::find()
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::SoldAt.gte(from))
        .filter(sale::Column::SoldAt.lt(to));
    if let Some(outlet) = outlet_id {
        q = q.filter(sale::Column::OutletId.eq(outlet));
    }
    Ok(q.order_by_asc(sale::Column::SoldAt).all(db).await?)
}

/// A customer's purchases, newest first.
pub async fn of_customer<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    customer_id: &str,
    limit: u64,
) -> ApiResult<Vec<sale::Model>> {
    Ok(sale::Entity::find()
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::CustomerId.eq(customer_id))
        .order_by_desc(sale::Column::SoldAt)
        .limit(limit)
        .all(db)
        .await?)
}

pub async fn lines_of_many<C: ConnectionTrait>(
    db: &C,
    sale_ids: &[String],
) -> ApiResult<Vec<sale_line::Model>> {
    let mut out = Vec::new();
    for chunk in sale_ids.chunks(500) {
        out.extend(
            sale_line::Entity::find()
                .filter(sale_line::Column::SaleId.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

pub async fn payments_of_many<C: ConnectionTrait>(
    db: &C,
    sale_ids: &[String],
) -> ApiResult<Vec<sale_payment::Model>> {
    let mut out = Vec::new();
    for chunk in sale_ids.chunks(500) {
        out.extend(
            sale_payment::Entity::find()
                .filter(sale_payment::Column::SaleId.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

/// Products of the tenant by id, for pricing a sale.
pub async fn products_by_id<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    ids: &[String],
) -> ApiResult<HashMap<String, product::Model>> {
    Ok(product::Entity::find()
        .filter(product::Column::TenantId.eq(tenant_id))
        .filter(product::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect())
}

pub async fn outlet_prices<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    ids: &[String],
) -> ApiResult<HashMap<String, String>> {
    Ok(outlet_price::Entity::find()
        .filter(outlet_price::Column::TenantId.eq(tenant_id))
        .filter(outlet_price::Column::OutletId.eq(outlet_id))
        .filter(outlet_price::Column::ProductId.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.product_id, p.price))
        .collect())
}

#[derive(Debug, FromQueryResult)]
struct Level {
    product_id: String,
    millions: Option<i64>,
    rest: Option<i64>,
}

impl Level {
    /// The two parts joined, as the `i64` callers keep (a level past ±9.2·10^15 units is
    /// shown as that bound rather than failing the request).
    fn milli(&self) -> i64 {
        let total =
            i128::from(self.millions.unwrap_or(0)) * 1_000_000 + i128::from(self.rest.unwrap_or(0));
        i64::try_from(total).unwrap_or(if total < 0 { i64::MIN } else { i64::MAX })
    }
}

/// Stock on hand per product at an outlet, in thousandths of a unit.
pub async fn stock_levels<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_ids: Option<&[String]>,
) -> ApiResult<HashMap<String, i64>> {
    let mut q = stock_movement::Entity::find()
        .select_only()
        .column(stock_movement::Column::ProductId)
        // Each movement is below 10^12 thousandths (`domain::bounds`), yet enough of them
        // would pass i64 in one SUM (an error in SQLite, a failed cast in PostgreSQL). The
        // millions and the remainders are summed apart, each part a million times smaller,
        // and joined in i128. PostgreSQL sums BIGINT into NUMERIC; the casts give both
        // databases an integer.
        .column_as(
            Expr::cust("CAST(SUM(quantity_milli / 1000000) AS BIGINT)"),
            "millions",
        )
        .column_as(
            Expr::cust("CAST(SUM(quantity_milli % 1000000) AS BIGINT)"),
            "rest",
        )
        .filter(stock_movement::Column::TenantId.eq(tenant_id))
        .filter(stock_movement::Column::OutletId.eq(outlet_id))
        .group_by(stock_movement::Column::ProductId);
    if let Some(ids) = product_ids {
        q = q.filter(stock_movement::Column::ProductId.is_in(ids.to_vec()));
    }
    Ok(q.into_model::<Level>()
        .all(db)
        .await?
        .into_iter()
        .map(|l| {
            let milli = l.milli();
            (l.product_id, milli)
        })
        .collect())
}

/// A quantity in thousandths, as stock is stored; inside `domain::bounds`, so it fits.
pub fn to_milli(quantity: Decimal) -> ApiResult<i64> {
    domain::bounds::check_quantity(quantity)
        .map_err(|e| crate::kernel::input::bound("quantity", e))?;
    // |quantity| < 10^9 with at most three decimals: the product is an integer below 10^12.
    let scaled = quantity
        .checked_mul(Decimal::from(1000))
        .ok_or_else(|| ApiError::validation("quantity", "Jumlah terlalu besar."))?;
    i64::try_from(scaled).map_err(|_| ApiError::validation("quantity", "Jumlah terlalu besar."))
}

pub fn from_milli(milli: i64) -> Decimal {
    Decimal::new(milli, 3).normalize()
}

pub struct Movement<'a> {
    pub tenant_id: &'a str,
    pub outlet_id: &'a str,
    pub product_id: &'a str,
    pub kind: &'a str,
    pub quantity: Decimal,
    pub reference: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub user_id: Option<&'a str>,
    pub device_id: Option<&'a str>,
}

pub async fn record_movement<C: ConnectionTrait>(
    db: &C,
    m: Movement<'_>,
) -> ApiResult<stock_movement::Model> {
    Ok(stock_movement::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(m.tenant_id.to_string()),
        outlet_id: Set(m.outlet_id.to_string()),
        product_id: Set(m.product_id.to_string()),
        kind: Set(m.kind.to_string()),
        quantity: Set(m.quantity.normalize().to_string()),
        quantity_milli: Set(to_milli(m.quantity)?),
        reference: Set(m.reference.map(str::to_string)),
        reason: Set(m.reason.map(str::to_string)),
        user_id: Set(m.user_id.map(str::to_string)),
        device_id: Set(m.device_id.map(str::to_string)),
        at: Set(Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)),
    }
    .insert(db)
    .await?)
}

pub async fn movements<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: &str,
    product_id: Option<&str>,
    limit: u64,
) -> ApiResult<Vec<stock_movement::Model>> {
    let mut q = stock_movement::Entity::find()
        .filter(stock_movement::Column::TenantId.eq(tenant_id))
        .filter(stock_movement::Column::OutletId.eq(outlet_id));
    if let Some(p) = product_id {
        q = q.filter(stock_movement::Column::ProductId.eq(p));
    }
    Ok(q.order_by_desc(stock_movement::Column::At)
        .limit(limit)
        .all(db)
        .await?)
}

pub async fn insert_sale<C: ConnectionTrait>(
    db: &C,
    sale: sale::Model,
    lines: Vec<sale_line::Model>,
    payments: Vec<sale_payment::Model>,
) -> ApiResult<()> {
    sale::ActiveModel::from(sale).insert(db).await?;
    for batch in lines.chunks(crate::kernel::repo::INSERT_CHUNK) {
        sale_line::Entity::insert_many(batch.iter().cloned().map(sale_line::ActiveModel::from))
            .exec(db)
            .await?;
    }
    for batch in payments.chunks(crate::kernel::repo::INSERT_CHUNK) {
        sale_payment::Entity::insert_many(
            batch.iter().cloned().map(sale_payment::ActiveModel::from),
        )
        .exec(db)
        .await?;
    }
    Ok(())
}
