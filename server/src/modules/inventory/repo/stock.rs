//! The stock ledger and what pricing reads from the catalogue. Stock is never a stored
//! number but the sum of its movements; a sale writes its movements in its own transaction.
use std::collections::HashMap;

use chrono::{SecondsFormat, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::kernel::auth::secret::new_id;
use crate::kernel::error::ApiError;
use crate::kernel::money::Sen;
use crate::kernel::repo::DbResult;
use crate::modules::inventory::entity::{outlet_price, product, stock_movement};

/// Products of the tenant by id, for pricing a sale.
pub async fn products_by_id<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    ids: &[String],
) -> DbResult<HashMap<String, product::Model>> {
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
) -> DbResult<HashMap<String, Sen>> {
    Ok(outlet_price::Entity::find()
        .filter(outlet_price::Column::TenantId.eq(tenant_id))
        .filter(outlet_price::Column::OutletId.eq(outlet_id))
        .filter(outlet_price::Column::ProductId.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.product_id, p.price_sen))
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
) -> DbResult<HashMap<String, i64>> {
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

/// Stock on hand per product over several outlets (or all), in thousandths of a unit.
pub async fn stock_on_hand<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlets: &crate::kernel::repo::OutletScope,
) -> DbResult<HashMap<String, i64>> {
    let mut q = stock_movement::Entity::find()
        .select_only()
        .column(stock_movement::Column::ProductId)
        // Summed in two parts, as `stock_levels` explains.
        .column_as(
            Expr::cust("CAST(SUM(quantity_milli / 1000000) AS BIGINT)"),
            "millions",
        )
        .column_as(
            Expr::cust("CAST(SUM(quantity_milli % 1000000) AS BIGINT)"),
            "rest",
        )
        .filter(stock_movement::Column::TenantId.eq(tenant_id))
        .group_by(stock_movement::Column::ProductId);
    if let crate::kernel::repo::OutletScope::Only(ids) = outlets {
        q = q.filter(stock_movement::Column::OutletId.is_in(ids.clone()));
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
pub fn to_milli(quantity: Decimal) -> crate::kernel::error::ApiResult<i64> {
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

/// Validates the quantity (`to_milli`), so it answers an `ApiError`. Stock that leaves
/// also leaves the location's batches, first expiry first (`batches::consume`); stock that
/// comes in joins a batch only where its caller names one (a receipt). The row keeps the
/// location's average cost as it stands (callers that move the average set it first).
pub async fn record_movement<C: ConnectionTrait>(
    db: &C,
    m: Movement<'_>,
) -> crate::kernel::error::ApiResult<stock_movement::Model> {
    let milli = to_milli(m.quantity)?;
    if milli < 0 {
        // The business day in WIB (the movement does not carry its outlet's zone): an
        // eastern outlet's batch counts as expired up to two hours after its own midnight.
        super::batches::consume(
            db,
            m.tenant_id,
            m.outlet_id,
            m.product_id,
            -milli,
            crate::kernel::business_day::Zone::Wib.today(),
        )
        .await?;
    }
    let unit_cost = super::costs::cost_now(db, m.tenant_id, m.outlet_id, m.product_id).await?;
    Ok(stock_movement::ActiveModel {
        id: Set(new_id()),
        unit_cost_sen: Set(unit_cost),
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
) -> DbResult<Vec<stock_movement::Model>> {
    let mut q = stock_movement::Entity::find()
        .filter(stock_movement::Column::TenantId.eq(tenant_id))
        .filter(stock_movement::Column::OutletId.eq(outlet_id));
    if let Some(p) = product_id {
        q = q.filter(stock_movement::Column::ProductId.eq(p));
    }
    q.order_by_desc(stock_movement::Column::At)
        .limit(limit)
        .all(db)
        .await
}
