//! Suppliers' proposed changes to orders, and their lines.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::kernel::repo::DbResult;
use crate::modules::purchasing::entity::{
    po_proposal as proposal, po_proposal_line as line, purchase_order_line as po_line,
};

/// The order's latest proposal (pending or decided) with its lines.
pub async fn latest<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    po_id: &str,
) -> DbResult<Option<(proposal::Model, Vec<line::Model>)>> {
    let Some(p) = proposal::Entity::find()
        .filter(proposal::Column::TenantId.eq(tenant_id))
        .filter(proposal::Column::PoId.eq(po_id))
        .order_by_desc(proposal::Column::ProposedAt)
        .order_by_desc(proposal::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let lines = line::Entity::find()
        .filter(line::Column::TenantId.eq(tenant_id))
        .filter(line::Column::ProposalId.eq(&p.id))
        .all(db)
        .await?;
    Ok(Some((p, lines)))
}

/// Removes the order's pending proposal (the supplier sends a new one in its place).
pub async fn withdraw_pending<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    po_id: &str,
) -> DbResult<()> {
    let pending: Vec<String> = proposal::Entity::find()
        .filter(proposal::Column::TenantId.eq(tenant_id))
        .filter(proposal::Column::PoId.eq(po_id))
        .filter(proposal::Column::Status.eq("pending"))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    if pending.is_empty() {
        return Ok(());
    }
    line::Entity::delete_many()
        .filter(line::Column::TenantId.eq(tenant_id))
        .filter(line::Column::ProposalId.is_in(pending.clone()))
        .exec(db)
        .await?;
    proposal::Entity::delete_many()
        .filter(proposal::Column::TenantId.eq(tenant_id))
        .filter(proposal::Column::Id.is_in(pending))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: proposal::ActiveModel,
    lines: Vec<line::ActiveModel>,
) -> DbResult<proposal::Model> {
    let saved = row.insert(db).await?;
    if !lines.is_empty() {
        line::Entity::insert_many(lines).exec(db).await?;
    }
    Ok(saved)
}

pub async fn save<C: ConnectionTrait>(
    db: &C,
    row: proposal::ActiveModel,
) -> DbResult<proposal::Model> {
    row.update(db).await
}

pub async fn save_po_line<C: ConnectionTrait>(
    db: &C,
    row: po_line::ActiveModel,
) -> DbResult<po_line::Model> {
    row.update(db).await
}

pub async fn delete_po_line<C: ConnectionTrait>(db: &C, tenant_id: &str, id: &str) -> DbResult<()> {
    po_line::Entity::delete_many()
        .filter(po_line::Column::TenantId.eq(tenant_id))
        .filter(po_line::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
