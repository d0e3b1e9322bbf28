use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::kernel::repo::DbResult;
use crate::platform::entity::audit_entry;

/// What the owner filters the trail by; times are stored UTC RFC 3339 text bounds.
#[derive(Default)]
pub struct AuditQuery {
    /// A prefix: `user.` matches every user action.
    pub action_prefix: Option<String>,
    pub entity: Option<String>,
    /// Part of the actor's e-mail, lower case.
    pub actor_contains: Option<String>,
    pub outlet_id: Option<String>,
    pub at_from: Option<String>,
    pub at_to: Option<String>,
    pub limit: u64,
}

/// A tenant's chain, newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    chain: &str,
    query: AuditQuery,
) -> DbResult<Vec<audit_entry::Model>> {
    let mut q = audit_entry::Entity::find().filter(audit_entry::Column::Chain.eq(chain));
    if let Some(action) = query.action_prefix {
        q = q.filter(audit_entry::Column::Action.starts_with(action));
    }
    if let Some(entity) = query.entity {
        q = q.filter(audit_entry::Column::Entity.eq(entity));
    }
    if let Some(actor) = query.actor_contains {
        q = q.filter(audit_entry::Column::ActorEmail.contains(actor));
    }
    if let Some(outlet) = query.outlet_id {
        q = q.filter(audit_entry::Column::OutletId.eq(outlet));
    }
    // Fixed-width UTC text, so string order is time order.
    if let Some(from) = query.at_from {
        q = q.filter(audit_entry::Column::At.gte(from));
    }
    if let Some(to) = query.at_to {
        q = q.filter(audit_entry::Column::At.lte(to));
    }
    q.order_by_desc(audit_entry::Column::Seq)
        .limit(query.limit)
        .all(db)
        .await
}
