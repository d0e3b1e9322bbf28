//! The till's own storage in IndexedDB: a key-value store for the cached catalogue, pricing
//! rules and device context, and the outbox of sales not yet accepted by the server.
//! Everything is stored as JSON text so the same serde types serve both sides.

#[cfg(feature = "hydrate")]
mod imp {
    use idb::{Database, ObjectStore, TransactionMode};
    use wasm_bindgen::JsValue;

    const DB: &str = "satu-till";
    const KV: &str = "kv";
    const OUTBOX: &str = "outbox";

    async fn open() -> Result<Database, String> {
        Database::builder(DB)
            .version(1)
            .add_object_store(ObjectStore::builder(KV))
            .add_object_store(ObjectStore::builder(OUTBOX))
            .build()
            .await
            .map_err(|e| e.to_string())
    }

    async fn put(store: &str, key: &str, value: &str) -> Result<(), String> {
        let db = open().await?;
        let tx = db
            .transaction(&[store], TransactionMode::ReadWrite)
            .map_err(|e| e.to_string())?;
        let s = tx.object_store(store).map_err(|e| e.to_string())?;
        s.put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        tx.commit()
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        db.close();
        Ok(())
    }

    pub async fn kv_put(key: &str, value: &str) -> Result<(), String> {
        put(KV, key, value).await
    }

    pub async fn kv_get(key: &str) -> Result<Option<String>, String> {
        let db = open().await?;
        let tx = db
            .transaction(&[KV], TransactionMode::ReadOnly)
            .map_err(|e| e.to_string())?;
        let s = tx.object_store(KV).map_err(|e| e.to_string())?;
        let value = s
            .get(JsValue::from_str(key))
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        db.close();
        Ok(value.and_then(|v| v.as_string()))
    }

    pub async fn outbox_put(id: &str, json: &str) -> Result<(), String> {
        put(OUTBOX, id, json).await
    }

    pub async fn outbox_all() -> Result<Vec<String>, String> {
        let db = open().await?;
        let tx = db
            .transaction(&[OUTBOX], TransactionMode::ReadOnly)
            .map_err(|e| e.to_string())?;
        let s = tx.object_store(OUTBOX).map_err(|e| e.to_string())?;
        let values = s
            .get_all(None, None)
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        db.close();
        Ok(values.into_iter().filter_map(|v| v.as_string()).collect())
    }

    pub async fn outbox_delete(id: &str) -> Result<(), String> {
        let db = open().await?;
        let tx = db
            .transaction(&[OUTBOX], TransactionMode::ReadWrite)
            .map_err(|e| e.to_string())?;
        let s = tx.object_store(OUTBOX).map_err(|e| e.to_string())?;
        s.delete(JsValue::from_str(id))
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        tx.commit()
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        db.close();
        Ok(())
    }
}

#[cfg(not(feature = "hydrate"))]
mod imp {
    // Server rendering never touches the till's storage.
    pub async fn kv_put(_key: &str, _value: &str) -> Result<(), String> {
        Err("offline storage exists only in the browser".into())
    }
    pub async fn kv_get(_key: &str) -> Result<Option<String>, String> {
        Ok(None)
    }
    pub async fn outbox_put(_id: &str, _json: &str) -> Result<(), String> {
        Err("offline storage exists only in the browser".into())
    }
    pub async fn outbox_all() -> Result<Vec<String>, String> {
        Ok(Vec::new())
    }
    pub async fn outbox_delete(_id: &str) -> Result<(), String> {
        Ok(())
    }
}

pub use imp::*;

/// A new sale id: UUID v7, so ids sort by creation time.
pub fn new_sale_id() -> String {
    #[cfg(feature = "hydrate")]
    {
        uuid::Uuid::now_v7().to_string()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// Whether the browser believes it is online.
pub fn browser_online() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        true
    }
}

pub fn now_rfc3339() -> String {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys_date();
        d.as_string().unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

#[cfg(feature = "hydrate")]
fn js_sys_date() -> wasm_bindgen::JsValue {
    // toISOString gives UTC with milliseconds, which is RFC 3339.
    let date = js_sys::Date::new_0();
    date.to_iso_string().into()
}
