use crate::common;

use axum::http::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::json;

use common::TestApp;

async fn chain(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let r = app
        .post(
            &mut owner,
            "/api/v1/outlets",
            json!({"name": "Bengkel Jaya", "code": "BKL1", "industry": "automotive"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let outlet = r.json["id"].as_str().unwrap().to_string();
    app.post(&mut owner, "/api/v1/tokens", json!({"name": "audit"}))
        .await;

    let entries = app
        .get(&mut owner, "/api/v1/audit?action=outlet.create")
        .await
        .json;
    let created = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity_id"] == outlet.as_str())
        .expect("entry");
    assert_eq!(created["actor_email"], "owner@makmur.test");
    assert_eq!(created["after"]["code"], "BKL1");
    assert!(created["before"].is_null());
    let all = app.get(&mut owner, "/api/v1/audit").await.json;
    let actions: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"token.create")
            && actions.contains(&"tenant.create")
            && actions.contains(&"user.create")
    );
    let filtered = app
        .get(&mut owner, "/api/v1/audit?actor=owner@makmur&action=token.")
        .await
        .json;
    assert!(filtered
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["action"] == "token.create"));
    // Date filters are whole days in WIB.
    let today = (chrono::Utc::now() + chrono::Duration::hours(7))
        .format("%Y-%m-%d")
        .to_string();
    let dated = app
        .get(
            &mut owner,
            &format!("/api/v1/audit?from={today}&to={today}"),
        )
        .await
        .json;
    assert_eq!(
        dated.as_array().unwrap().len(),
        all.as_array().unwrap().len()
    );
    let none = app
        .get(&mut owner, "/api/v1/audit?to=2000-01-01")
        .await
        .json;
    assert_eq!(none, json!([]));
    let bad = app.get(&mut owner, "/api/v1/audit?from=kemarin").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let v = app.get(&mut owner, "/api/v1/audit/verify").await.json;
    assert_eq!(v["valid"], true, "{v}");
    let count = v["entries"].as_u64().unwrap();
    assert!(count >= 10);

    // Tampering with history is detected: change one recorded value behind the API's back.
    let first_outlet = app
        .db
        .query_one(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT MIN(seq) AS seq FROM audit_log WHERE action = 'outlet.create'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "seq")
        .unwrap();
    app.db
        .execute_unprepared(&format!(
            "UPDATE audit_log SET actor_email = 'someone@else.test' WHERE seq = {first_outlet}"
        ))
        .await
        .unwrap();
    let v = app.get(&mut owner, "/api/v1/audit/verify").await.json;
    assert_eq!(v["valid"], false);
    assert_eq!(v["broken_at"], first_outlet);
}
on_every_backend!(audit_entries_are_recorded_filtered_and_chained, chain);

async fn deletion_detected(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    app.db
        .execute_unprepared("DELETE FROM audit_log WHERE seq = 3 AND chain <> 'platform'")
        .await
        .unwrap();
    let v = app.get(&mut owner, "/api/v1/audit/verify").await.json;
    assert_eq!(v["valid"], false);
    assert_eq!(v["broken_at"], 3);
}
on_every_backend!(deleting_an_audit_entry_breaks_the_chain, deletion_detected);

async fn concurrent_writers(app: &TestApp) {
    let mut owner = app.login("owner@makmur.test").await;
    let mut handles = Vec::new();
    for i in 0..12 {
        let router = app.router.clone();
        let cookies = owner.cookies.clone();
        handles.push(tokio::spawn(async move {
            let cookie = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
            let req = axum::http::Request::post("/api/v1/outlets")
                .header("cookie", cookie)
                .header("x-csrf-token", cookies["satu_csrf"].clone())
                .header("content-type", "application/json")
                .body(axum::body::Body::from(json!({"name": format!("Cabang {i}"), "code": format!("C{i}"), "industry": "retail"}).to_string()))
                .unwrap();
            tower::ServiceExt::oneshot(router, req).await.unwrap().status()
        }));
    }
    for h in handles {
        assert_eq!(h.await.unwrap(), StatusCode::CREATED);
    }
    let v = app.get(&mut owner, "/api/v1/audit/verify").await.json;
    assert_eq!(v["valid"], true, "{v}");
    let outlets = app.get(&mut owner, "/api/v1/outlets").await.json;
    assert_eq!(outlets.as_array().unwrap().len(), 14);
}
on_every_backend!(concurrent_changes_keep_the_chain_intact, concurrent_writers);

async fn all_or_nothing(app: &TestApp) {
    use satu_server::kernel::audit::Actor;
    use satu_server::kernel::error::ApiError;
    use satu_server::kernel::txn::{audited, Change};
    let count = |sql: &'static str| async move {
        app.db
            .query_one(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                sql,
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap()
    };
    let before = count("SELECT COUNT(*) AS n FROM audit_log").await;
    let tenant = "tenant-of-the-actor".to_string();
    // The entry is written, then the operation fails: neither stays.
    let failed: Result<(), ApiError> = audited(
        &app.db,
        Actor::system("test").in_tenant(&tenant),
        |_txn, audit| {
            Box::pin(async move {
                audit
                    .record(Change::new("thing.make", "thing", "t1"))
                    .await?;
                Err(ApiError::conflict("refused", "Ditolak."))
            })
        },
    )
    .await;
    assert!(matches!(
        failed,
        Err(ApiError::Conflict {
            code: "refused",
            ..
        })
    ));
    assert_eq!(count("SELECT COUNT(*) AS n FROM audit_log").await, before);
    // When it succeeds the entry is in the actor's tenant chain unless the change names
    // another one.
    audited(
        &app.db,
        Actor::system("test").in_tenant(&tenant),
        |_txn, audit| {
            Box::pin(async move {
                audit
                    .record(Change::new("thing.make", "thing", "t2"))
                    .await?;
                audit
                    .record(Change::new("thing.make", "thing", "t3").tenant(None))
                    .await
            })
        },
    )
    .await
    .unwrap();
    assert_eq!(
        count("SELECT COUNT(*) AS n FROM audit_log WHERE entity_id = 't2' AND chain = 'tenant-of-the-actor' AND tenant_id = 'tenant-of-the-actor'").await,
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) AS n FROM audit_log WHERE entity_id = 't3' AND chain = 'platform' AND tenant_id IS NULL").await,
        1
    );
    // A unique index refusing a racing insert is told apart from other failures.
    let twice = audited(&app.db, Actor::system("test"), |txn, _audit| {
        Box::pin(async move {
            for _ in 0..2 {
                txn.execute_unprepared(
                    "INSERT INTO audit_heads (chain, seq, hash) VALUES ('dup-test', 1, 'x')",
                )
                .await?;
            }
            Ok(())
        })
    })
    .await;
    assert!(
        twice.as_ref().is_err_and(ApiError::is_duplicate),
        "{twice:?}"
    );
}
on_every_backend!(an_audited_operation_is_all_or_nothing, all_or_nothing);
