//! Manager approvals of discounts above a cashier's limit.
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::kernel::repo::DbResult;
use crate::modules::pos::entity::discount_approval;

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: discount_approval::Model,
) -> DbResult<discount_approval::Model> {
    discount_approval::ActiveModel::from(row).insert(db).await
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
) -> DbResult<Option<discount_approval::Model>> {
    discount_approval::Entity::find_by_id(id.to_string())
        .filter(discount_approval::Column::TenantId.eq(tenant_id))
        .one(db)
        .await
}

/// Ties the approval to a sale; false when another sale took it first.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    id: &str,
    sale_id: &str,
) -> DbResult<bool> {
    let done = discount_approval::Entity::update_many()
        .col_expr(discount_approval::Column::SaleId, Expr::value(sale_id))
        .filter(discount_approval::Column::TenantId.eq(tenant_id))
        .filter(discount_approval::Column::Id.eq(id))
        .filter(discount_approval::Column::SaleId.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}
