//! Append-only audit trail. Entries of one tenant form a chain: each entry's hash covers its
//! content and the previous entry's hash, so editing or deleting a row breaks `verify`.
//! The chain head row is updated first inside the caller's transaction, which serialises
//! writers on PostgreSQL (row lock) and SQLite (single writer) alike.
use chrono::{SecondsFormat, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::{json, Value};

use crate::kernel::auth::secret::{new_id, sha256_hex};
use crate::kernel::auth::Auth;
use crate::kernel::error::ApiResult;
use crate::platform::entity::{audit_entry, audit_head};

pub const PLATFORM_CHAIN: &str = "platform";
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did it, from where.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: Option<String>,
    pub email: String,
    pub device_id: Option<String>,
    /// The tenant whose chain the entries go to unless a change names another.
    pub tenant_id: Option<String>,
}

impl Actor {
    pub fn of(auth: &Auth) -> Actor {
        Actor {
            user_id: Some(auth.user.id.clone()),
            email: auth.user.email.clone(),
            device_id: auth.device_id.clone(),
            tenant_id: auth.tenant_id.clone(),
        }
    }

    pub fn system(what: &str) -> Actor {
        Actor {
            user_id: None,
            email: format!("system:{what}"),
            device_id: None,
            tenant_id: None,
        }
    }

    /// The same actor, acting for `tenant_id`.
    pub fn in_tenant(mut self, tenant_id: &str) -> Actor {
        self.tenant_id = Some(tenant_id.to_string());
        self
    }
}

pub struct Event<'a> {
    pub tenant_id: Option<&'a str>,
    pub outlet_id: Option<&'a str>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

fn digest(e: &audit_entry::Model) -> String {
    let canonical = json!([
        e.chain,
        e.seq,
        e.tenant_id,
        e.outlet_id,
        e.device_id,
        e.actor_user_id,
        e.actor_email,
        e.action,
        e.entity,
        e.entity_id,
        e.before,
        e.after,
        e.at,
        e.prev_hash
    ]);
    sha256_hex(&canonical.to_string())
}

pub async fn record<C: ConnectionTrait>(db: &C, actor: &Actor, event: Event<'_>) -> ApiResult<()> {
    let chain = event.tenant_id.unwrap_or(PLATFORM_CHAIN).to_string();
    let bumped = audit_head::Entity::update_many()
        .col_expr(
            audit_head::Column::Seq,
            Expr::col(audit_head::Column::Seq).add(1),
        )
        .filter(audit_head::Column::Chain.eq(&chain))
        .exec(db)
        .await?;
    let (seq, prev_hash) = if bumped.rows_affected == 0 {
        audit_head::ActiveModel {
            chain: Set(chain.clone()),
            seq: Set(1),
            hash: Set(GENESIS.to_string()),
        }
        .insert(db)
        .await?;
        (1, GENESIS.to_string())
    } else {
        let head = audit_head::Entity::find_by_id(chain.clone())
            .one(db)
            .await?
            .ok_or_else(|| {
                crate::kernel::error::ApiError::Internal(anyhow::anyhow!("audit head vanished"))
            })?;
        (head.seq, head.hash)
    };

    let mut entry = audit_entry::Model {
        id: new_id(),
        chain: chain.clone(),
        seq,
        tenant_id: event.tenant_id.map(str::to_string),
        outlet_id: event.outlet_id.map(str::to_string),
        device_id: actor.device_id.clone(),
        actor_user_id: actor.user_id.clone(),
        actor_email: actor.email.clone(),
        action: event.action.to_string(),
        entity: event.entity.to_string(),
        entity_id: event.entity_id.to_string(),
        before: event.before.map(|v| v.to_string()),
        after: event.after.map(|v| v.to_string()),
        at: Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true),
        prev_hash,
        hash: String::new(),
    };
    entry.hash = digest(&entry);
    let hash = entry.hash.clone();
    audit_entry::ActiveModel::from(entry).insert(db).await?;
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::Hash, Expr::value(hash))
        .filter(audit_head::Column::Chain.eq(&chain))
        .exec(db)
        .await?;
    Ok(())
}

pub use domain::api::Verification;

pub async fn verify<C: ConnectionTrait>(db: &C, chain: &str) -> ApiResult<Verification> {
    let entries = audit_entry::Entity::find()
        .filter(audit_entry::Column::Chain.eq(chain))
        .order_by_asc(audit_entry::Column::Seq)
        .all(db)
        .await?;
    let mut prev = GENESIS.to_string();
    let mut expected_seq = 1;
    for e in &entries {
        if e.seq != expected_seq || e.prev_hash != prev || digest(e) != e.hash {
            return Ok(Verification {
                entries: entries.len() as u64,
                valid: false,
                broken_at: Some(expected_seq),
            });
        }
        prev = e.hash.clone();
        expected_seq += 1;
    }
    if let Some(head) = audit_head::Entity::find_by_id(chain.to_string())
        .one(db)
        .await?
    {
        if head.seq != expected_seq - 1 || head.hash != prev {
            return Ok(Verification {
                entries: entries.len() as u64,
                valid: false,
                broken_at: Some(expected_seq),
            });
        }
    }
    Ok(Verification {
        entries: entries.len() as u64,
        valid: true,
        broken_at: None,
    })
}
