//! One business operation = one database transaction with its audit entries.
//!
//! `audited` opens the transaction, hands the closure the transaction and an [`Audit`] that
//! already knows who is acting (and for which tenant), and commits only when the closure
//! succeeds, so a change is never stored without its audit entry or the other way round.
//!
//! ```text
//! let created = audited(&state.db, Actor::of(&auth), move |txn, audit| Box::pin(async move {
//!     let o = outlets::insert(txn, row).await?;
//!     audit.record(Change::new("outlet.create", "outlet", &o.id).outlet(&o.id).after(snapshot(&o))).await?;
//!     Ok(o)
//! })).await?;
//! ```
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};
use serde_json::Value;

use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::error::{ApiError, ApiResult};

/// What the closure given to [`audited`] returns: a future borrowing the transaction.
pub type TxnFuture<'c, T> = Pin<Box<dyn Future<Output = ApiResult<T>> + Send + 'c>>;

/// Runs `work` in one transaction; commits when it returns `Ok`, rolls back otherwise.
/// A unique index that refuses a racing insert comes back as `ApiError::is_duplicate`.
pub async fn audited<T, F>(db: &DatabaseConnection, actor: Actor, work: F) -> ApiResult<T>
where
    T: Send,
    F: for<'c> FnOnce(&'c DatabaseTransaction, Audit<'c>) -> TxnFuture<'c, T> + Send,
{
    let actor = Arc::new(actor);
    db.transaction::<_, T, ApiError>(move |txn| {
        let audit = Audit { txn, actor };
        work(txn, audit)
    })
    .await
    .map_err(ApiError::from)
}

/// Writes audit entries into the transaction it was made for.
#[derive(Clone)]
pub struct Audit<'c> {
    txn: &'c DatabaseTransaction,
    actor: Arc<Actor>,
}

impl Audit<'_> {
    /// Records `change` as done by the transaction's actor.
    pub async fn record(&self, change: Change<'_>) -> ApiResult<()> {
        let actor = Arc::clone(&self.actor);
        self.record_as(&actor, change).await
    }

    /// Records `change` as done by someone only known inside the transaction (a user
    /// accepting an invitation is found by the invitation's token).
    pub async fn record_as(&self, actor: &Actor, change: Change<'_>) -> ApiResult<()> {
        let tenant_id = match change.tenant_id {
            Some(t) => t,
            None => actor.tenant_id.as_deref(),
        };
        audit::record(
            self.txn,
            actor,
            Event {
                tenant_id,
                outlet_id: change.outlet_id,
                action: change.action,
                entity: change.entity,
                entity_id: change.entity_id,
                before: change.before,
                after: change.after,
            },
        )
        .await
    }
}

/// One audited change: what was done to which row, and the row before and after.
#[must_use = "a change is only written by Audit::record"]
pub struct Change<'a> {
    action: &'a str,
    entity: &'a str,
    entity_id: &'a str,
    outlet_id: Option<&'a str>,
    /// `None`: the actor's tenant. `Some(None)`: the platform chain.
    tenant_id: Option<Option<&'a str>>,
    before: Option<Value>,
    after: Option<Value>,
}

impl<'a> Change<'a> {
    /// `action` is `entity.verb` (`outlet.create`); `entity_id` the row's id.
    pub fn new(action: &'a str, entity: &'a str, entity_id: &'a str) -> Self {
        Change {
            action,
            entity,
            entity_id,
            outlet_id: None,
            tenant_id: None,
            before: None,
            after: None,
        }
    }

    pub fn outlet(mut self, outlet_id: &'a str) -> Self {
        self.outlet_id = Some(outlet_id);
        self
    }

    pub fn outlet_opt(mut self, outlet_id: Option<&'a str>) -> Self {
        self.outlet_id = outlet_id;
        self
    }

    /// Files the entry under another tenant's chain than the actor's (a platform admin
    /// creating a tenant) or, with `None`, under the platform chain.
    pub fn tenant(mut self, tenant_id: Option<&'a str>) -> Self {
        self.tenant_id = Some(tenant_id);
        self
    }

    pub fn before(mut self, row: Value) -> Self {
        self.before = Some(row);
        self
    }

    pub fn after(mut self, row: Value) -> Self {
        self.after = Some(row);
        self
    }

    pub fn before_opt(mut self, row: Option<Value>) -> Self {
        self.before = row;
        self
    }

    pub fn after_opt(mut self, row: Option<Value>) -> Self {
        self.after = row;
        self
    }
}
