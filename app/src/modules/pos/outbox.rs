//! The till's outbox: every sale, refund, shift and void is queued on the device first
//! and delivered in order by `sync_once`; the cache keeps what the till needs offline.
use crate::kernel::client;
use crate::kernel::offline;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One request waiting for the server. Sales came first and were stored as `{sale, …}`;
/// refunds, shifts, cash movements and voids carry their own path.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OutboxEntry {
    #[serde(default)]
    pub key: String,
    #[serde(default = "sales_path")]
    pub path: String,
    #[serde(alias = "sale")]
    pub body: serde_json::Value,
    #[serde(default)]
    pub label: String,
    /// `pending`, or `rejected` when the server refused it and a manager must look.
    pub status: String,
    #[serde(default)]
    pub error: Option<String>,
}

pub(crate) fn sales_path() -> String {
    "/api/v1/sales".into()
}

impl OutboxEntry {
    pub(crate) fn key(&self) -> String {
        if self.key.is_empty() {
            self.body["client_sale_id"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        } else {
            self.key.clone()
        }
    }
    pub(crate) fn label(&self) -> String {
        if self.label.is_empty() {
            self.body["receipt_no"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        } else {
            self.label.clone()
        }
    }
}

/// Queues a request behind everything already waiting. `key` is a UUIDv7 made now, so the
/// store's key order is the order of events.
pub async fn enqueue(
    key: &str,
    path: &str,
    body: &serde_json::Value,
    label: &str,
) -> Result<(), String> {
    let entry = OutboxEntry {
        key: key.to_string(),
        path: path.to_string(),
        body: body.clone(),
        label: label.to_string(),
        status: "pending".into(),
        error: None,
    };
    let json = serde_json::to_string(&entry).map_err(|e| e.to_string())?;
    offline::outbox_put(key, &json).await
}

pub async fn cached<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    offline::kv_get(key)
        .await
        .ok()
        .flatten()
        .and_then(|j| serde_json::from_str(&j).ok())
}

pub async fn cache<T: Serialize>(key: &str, value: &T) {
    if let Ok(json) = serde_json::to_string(value) {
        let _ = offline::kv_put(key, &json).await;
    }
}

/// Sends the queued sales in order (oldest first), updating the counts as it goes. Stops
/// at the first "unreachable": the rest would fail the same way.
pub async fn sync_once(sync: SyncState) {
    let SyncState {
        pending,
        rejected,
        online,
        last_sync,
    } = sync;
    let entries: Vec<OutboxEntry> = offline::outbox_all()
        .await
        .unwrap_or_default()
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .collect();
    let mut refused = entries.iter().filter(|e| e.status == "rejected").count();
    let queue: Vec<OutboxEntry> = entries
        .into_iter()
        .filter(|e| e.status != "rejected")
        .collect();
    let mut waiting = queue.len();
    pending.set(waiting);
    rejected.set(refused);
    let mut reached = false;
    for mut entry in queue {
        let id = entry.key();
        match client::post::<serde_json::Value>(&entry.path, &entry.body).await {
            Ok(_) => {
                reached = true;
                let _ = offline::outbox_delete(&id).await;
                waiting -= 1;
                pending.set(waiting);
            }
            Err(e) if e.status == 0 => break,
            Err(e) if e.status >= 500 || e.status == 401 => {
                // The server is there but cannot take it now (or the cashier was signed
                // out): keep it for the next round.
                reached = true;
            }
            Err(e) => {
                reached = true;
                entry.status = "rejected".into();
                entry.error = Some(e.message);
                if let Ok(json) = serde_json::to_string(&entry) {
                    let _ = offline::outbox_put(&id, &json).await;
                }
                waiting -= 1;
                refused += 1;
                pending.set(waiting);
                rejected.set(refused);
            }
        }
    }
    if reached || waiting == 0 {
        online.set(offline::browser_online());
        last_sync.set(Some(offline::now_rfc3339()));
    } else {
        online.set(false);
    }
}

/// The sync counters the till's header shows.
#[derive(Clone, Copy)]
pub struct SyncState {
    pub pending: RwSignal<usize>,
    pub rejected: RwSignal<usize>,
    pub online: RwSignal<bool>,
    pub last_sync: RwSignal<Option<String>>,
}
