//! Sales and the stock ledger. A sale and its stock movements are written in one
//! transaction; stock is never a stored number but the sum of its movements.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::kernel::repo::DbResult;
use crate::modules::pos::entity::{sale, sale_line, sale_payment};

pub async fn find_by_client_id<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    client_sale_id: &str,
) -> DbResult<Option<sale::Model>> {
    sale::Entity::find()
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::ClientSaleId.eq(client_sale_id))
        .one(db)
        .await
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<sale::Model>> {
    sale::Entity::find_by_id(id.to_string())
        .filter(sale::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

pub async fn receipt_taken<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    receipt_no: &str,
) -> DbResult<bool> {
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
) -> DbResult<Vec<sale_line::Model>> {
    sale_line::Entity::find()
        .filter(sale_line::Column::SaleId.eq(sale_id))
        .order_by_asc(sale_line::Column::LineNo)
        .all(db)
        .await
}

pub async fn payments_of<C: ConnectionTrait>(
    db: &C,
    sale_id: &str,
) -> DbResult<Vec<sale_payment::Model>> {
    sale_payment::Entity::find()
        .filter(sale_payment::Column::SaleId.eq(sale_id))
        .all(db)
        .await
}

/// Sales of an outlet between two UTC instants (RFC 3339 text, which sorts as time).
pub async fn list<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    outlet_id: Option<&str>,
    from: &str,
    to: &str,
) -> DbResult<Vec<sale::Model>> {
    let mut q = sale::Entity::find()
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::SoldAt.gte(from))
        .filter(sale::Column::SoldAt.lt(to));
    if let Some(outlet) = outlet_id {
        q = q.filter(sale::Column::OutletId.eq(outlet));
    }
    q.order_by_asc(sale::Column::SoldAt).all(db).await
}

/// A customer's purchases, newest first.
pub async fn of_customer<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    customer_id: &str,
    limit: u64,
) -> DbResult<Vec<sale::Model>> {
    sale::Entity::find()
        .filter(sale::Column::TenantId.eq(tenant_id))
        .filter(sale::Column::CustomerId.eq(customer_id))
        .order_by_desc(sale::Column::SoldAt)
        .limit(limit)
        .all(db)
        .await
}

pub async fn lines_of_many<C: ConnectionTrait>(
    db: &C,
    sale_ids: &[String],
) -> DbResult<Vec<sale_line::Model>> {
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

/// A tenant's sales by id, in chunks the databases accept.
pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    ids: Vec<String>,
) -> DbResult<Vec<sale::Model>> {
    crate::kernel::repo::in_chunks(ids, |chunk| {
        sale::Entity::find()
            .filter(sale::Column::TenantId.eq(tenant_id))
            .filter(sale::Column::Id.is_in(chunk))
            .all(db)
    })
    .await
}

pub async fn payments_of_many<C: ConnectionTrait>(
    db: &C,
    sale_ids: &[String],
) -> DbResult<Vec<sale_payment::Model>> {
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

pub async fn insert_sale<C: ConnectionTrait>(
    db: &C,
    sale: sale::Model,
    lines: Vec<sale_line::Model>,
    payments: Vec<sale_payment::Model>,
) -> DbResult<()> {
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

/// Registered tills (devices) of any tenant that recorded a sale at or after `since`
/// (stored-time text). Read tenant by tenant through the (tenant, time) index, so only
/// the recent sales are touched, never the whole history.
pub async fn active_devices_since<C: ConnectionTrait>(db: &C, since: &str) -> DbResult<u64> {
    use sea_orm::sea_query::{Alias, Expr, Func, Query};
    let mut q = Query::select();
    q.from(sale::Entity)
        .expr_as(
            Func::cast_as(
                Func::count_distinct(Expr::col(sale::Column::DeviceId)),
                Alias::new("BIGINT"),
            ),
            Alias::new("devices"),
        )
        .and_where(
            Expr::col(sale::Column::TenantId).in_subquery(
                Query::select()
                    .column(crate::platform::entity::tenant::Column::Id)
                    .from(crate::platform::entity::tenant::Entity)
                    .to_owned(),
            ),
        )
        .and_where(Expr::col(sale::Column::SoldAt).gte(since))
        .and_where(Expr::col(sale::Column::DeviceId).is_not_null());
    let row = db.query_one(db.get_database_backend().build(&q)).await?;
    let devices = match row {
        Some(r) => r.try_get::<Option<i64>>("", "devices")?.unwrap_or(0),
        None => 0,
    };
    Ok(u64::try_from(devices).unwrap_or(0))
}
