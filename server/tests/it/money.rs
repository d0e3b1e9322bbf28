//! Money stored as integers (`domain::stored`): the migration from decimal text converts
//! every value exactly and refuses garbage by naming its row; reports add up in SQL and
//! give the same figures as the sales themselves.
use crate::common;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use sea_orm_migration::MigratorTrait;

use satu_server::kernel::migration::Migrator;

const FIRST_INTEGER_MIGRATION: &str = "m20261207_000010_catalogue_money_in_sen";

/// A database migrated up to just before money became integers.
async fn before_integers() -> Vec<(DatabaseConnection, Option<tempfile::TempDir>)> {
    let steps = Migrator::migrations()
        .iter()
        .position(|m| m.name() == FIRST_INTEGER_MIGRATION)
        .expect("the integer migration is registered") as u32;
    let mut out = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/old.db?mode=rwc", dir.path().display());
    let db = Database::connect(&url).await.unwrap();
    Migrator::up(&db, Some(steps)).await.unwrap();
    out.push((db, Some(dir)));
    if let Some(url) = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        let admin = Database::connect(&url).await.unwrap();
        let name = format!("satu_money_{}", uuid::Uuid::now_v7().simple());
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        admin.close().await.ok();
        let base = url.split('?').next().unwrap_or(&url);
        let (server, _) = base.rsplit_once('/').unwrap();
        let db = Database::connect(format!("{server}/{name}")).await.unwrap();
        Migrator::up(&db, Some(steps)).await.unwrap();
        out.push((db, None));
    }
    out
}

async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn int(db: &DatabaseConnection, sql: &str) -> Option<i64> {
    let row = db
        .query_one(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .expect("a row");
    row.try_get_by_index::<Option<i64>>(0).unwrap()
}

/// A tenant, an outlet and a product with these (old, text) cost and price.
async fn catalogue(db: &DatabaseConnection, cost: &str, price: &str) {
    exec(db, "INSERT INTO tenants (id, name, owner_email, plan, created_at) VALUES ('t1', 'Toko', 'o@t.test', 'basic', '2026-12-01T00:00:00Z')").await;
    exec(db, "INSERT INTO outlets (id, tenant_id, code, name, address, timezone, industry, archived, created_at) VALUES ('o1', 't1', 'O1', 'Toko', 'Jl', 'WIB', 'retail', FALSE, '2026-12-01T00:00:00Z')").await;
    exec(db, &format!("INSERT INTO products (id, tenant_id, sku, name, unit, cost, price, tax, active, created_at, updated_at) VALUES ('p1', 't1', 'S1', 'Teh', 'pcs', '{cost}', '{price}', 'none', TRUE, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')")).await;
}

/// A sale with one line and one payment, every amount the given text.
async fn old_sale(db: &DatabaseConnection, id: &str, amount: &str, quantity: &str) {
    exec(db, &format!("INSERT INTO sales (id, tenant_id, outlet_id, cashier_id, client_sale_id, receipt_no, subtotal, discount_total, service_charge, tax_total, rounding, grand_total, paid_total, change_due, status, sold_at, received_at) VALUES ('{id}', 't1', 'o1', 'u1', 'c-{id}', 'R-{id}', '{amount}', '0', '0.00', '-0.5', '-50', '{amount}', '{amount}', '0', 'completed', '2026-12-01T03:00:00.000000Z', '2026-12-01T03:00:00Z')")).await;
    exec(db, &format!("INSERT INTO sale_lines (id, tenant_id, sale_id, line_no, product_id, name, quantity, unit_price, discount, net) VALUES ('l-{id}', 't1', '{id}', 1, 'p1', 'Teh', '{quantity}', '{amount}', '0', '{amount}')")).await;
    exec(db, &format!("INSERT INTO sale_payments (id, tenant_id, sale_id, method, amount) VALUES ('y-{id}', 't1', '{id}', 'cash', '{amount}')")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_migration_converts_every_stored_amount_exactly() {
    // Whole rupiah, sen, the largest amount `bounds` allows, zero written oddly, and
    // quantities of weighed goods.
    let amounts = [
        ("s1", "12500", "1", 1_250_000, 1_000),
        ("s2", "0.01", "0.125", 1, 125),
        (
            "s3",
            "9999999999999.99",
            "999999999.999",
            999_999_999_999_999,
            999_999_999_999,
        ),
        ("s4", "0.00", "2.5", 0, 2_500),
        ("s5", "1250.50", "-1", 125_050, -1_000),
    ];
    for (db, _dir) in before_integers().await {
        catalogue(&db, "8500.5", "12000").await;
        exec(&db, "INSERT INTO outlet_prices (id, tenant_id, outlet_id, product_id, price) VALUES ('op1', 't1', 'o1', 'p1', '11000')").await;
        for (id, amount, qty, _, _) in amounts {
            old_sale(&db, id, amount, qty).await;
        }
        exec(&db, "INSERT INTO shifts (id, tenant_id, outlet_id, cashier_id, opening_float, opened_at, status, counted_cash, expected_cash, difference, received_at) VALUES ('sh1', 't1', 'o1', 'u1', '200000', '2026-12-01T01:00:00Z', 'closed', '450000.5', '450000', '0.5', '2026-12-01T01:00:00Z')").await;
        exec(&db, "INSERT INTO shifts (id, tenant_id, outlet_id, cashier_id, opening_float, opened_at, status, received_at) VALUES ('sh2', 't1', 'o1', 'u1', '0', '2026-12-01T01:00:00Z', 'open', '2026-12-01T01:00:00Z')").await;

        Migrator::up(&db, None).await.expect("the rest migrates");

        assert_eq!(
            int(&db, "SELECT cost_sen FROM products WHERE id = 'p1'").await,
            Some(850_050)
        );
        assert_eq!(
            int(&db, "SELECT price_sen FROM products WHERE id = 'p1'").await,
            Some(1_200_000)
        );
        assert_eq!(
            int(&db, "SELECT price_sen FROM outlet_prices WHERE id = 'op1'").await,
            Some(1_100_000)
        );
        for (id, _, _, sen, milli) in amounts {
            for col in ["subtotal_sen", "grand_total_sen", "paid_total_sen"] {
                assert_eq!(
                    int(&db, &format!("SELECT {col} FROM sales WHERE id = '{id}'")).await,
                    Some(sen),
                    "{id} {col}"
                );
            }
            assert_eq!(
                int(
                    &db,
                    &format!("SELECT tax_total_sen FROM sales WHERE id = '{id}'")
                )
                .await,
                Some(-50)
            );
            assert_eq!(
                int(
                    &db,
                    &format!("SELECT rounding_sen FROM sales WHERE id = '{id}'")
                )
                .await,
                Some(-5_000)
            );
            assert_eq!(
                int(
                    &db,
                    &format!("SELECT service_charge_sen FROM sales WHERE id = '{id}'")
                )
                .await,
                Some(0)
            );
            assert_eq!(
                int(
                    &db,
                    &format!("SELECT net_sen FROM sale_lines WHERE sale_id = '{id}'")
                )
                .await,
                Some(sen)
            );
            assert_eq!(
                int(
                    &db,
                    &format!("SELECT quantity_milli FROM sale_lines WHERE sale_id = '{id}'")
                )
                .await,
                Some(milli)
            );
            assert_eq!(
                int(
                    &db,
                    &format!("SELECT cost_sen FROM sale_lines WHERE sale_id = '{id}'")
                )
                .await,
                None,
                "the cost of an older sale is unknown"
            );
            assert_eq!(
                int(
                    &db,
                    &format!("SELECT amount_sen FROM sale_payments WHERE sale_id = '{id}'")
                )
                .await,
                Some(sen)
            );
        }
        // Summed by the database, exactly.
        let expected: i64 = amounts.iter().map(|a| a.3).sum();
        assert_eq!(
            int(
                &db,
                "SELECT CAST(SUM(grand_total_sen) AS BIGINT) FROM sales"
            )
            .await,
            Some(expected)
        );
        // The dashboard's rollups are filled from what was stored.
        let sum = |sql: &'static str| int(&db, sql);
        assert_eq!(
            sum("SELECT CAST(SUM(sales) AS BIGINT) FROM rollup_sales_hour").await,
            Some(5)
        );
        assert_eq!(
            sum("SELECT CAST(SUM(grand_total_sen) AS BIGINT) FROM rollup_sales_hour").await,
            Some(expected)
        );
        assert_eq!(
            sum("SELECT CAST(SUM(net_sen) AS BIGINT) FROM rollup_product_day").await,
            Some(expected)
        );
        assert_eq!(
            sum("SELECT CAST(SUM(amount_sen) AS BIGINT) FROM rollup_tender_day").await,
            Some(expected)
        );
        assert_eq!(
            sum("SELECT CAST(MAX(hour) AS BIGINT) FROM rollup_sales_hour").await,
            Some(10),
            "03:00 UTC is 10:00 WIB"
        );
        // Rollup rows live in slots (000013); taken out of them and put back, every figure
        // stays the same.
        let figures = || async {
            (
                sum("SELECT CAST(SUM(sales) AS BIGINT) FROM rollup_sales_hour").await,
                sum("SELECT CAST(SUM(net_sen) AS BIGINT) FROM rollup_product_day").await,
                sum("SELECT CAST(SUM(amount_sen) AS BIGINT) FROM rollup_tender_day").await,
            )
        };
        let before = figures().await;
        assert_eq!(before, (Some(5), Some(expected), Some(expected)));
        let has_slot = |table: &'static str| {
            let db = &db;
            async move {
                db.execute(Statement::from_string(
                    db.get_database_backend(),
                    format!("SELECT slot FROM {table}"),
                ))
                .await
                .is_ok()
            }
        };
        assert!(has_slot("rollup_sales_hour").await);
        // Every migration after it first (however many there are by now), then 000013.
        let from_slots = Migrator::migrations()
            .iter()
            .filter(|m| m.name() >= "m20261207_000013_rollup_slots")
            .count() as u32;
        Migrator::down(&db, Some(from_slots))
            .await
            .expect("000013 and every migration after it run back down");
        assert!(!has_slot("rollup_sales_hour").await);
        assert!(!has_slot("rollup_product_day").await);
        assert_eq!(figures().await, before, "added up out of the slots");
        Migrator::up(&db, None).await.expect("and up again");
        assert!(has_slot("rollup_tender_day").await);
        assert_eq!(figures().await, before, "kept in slot 0");
        assert_eq!(
            int(&db, "SELECT counted_cash_sen FROM shifts WHERE id = 'sh1'").await,
            Some(45_000_050)
        );
        assert_eq!(
            int(&db, "SELECT difference_sen FROM shifts WHERE id = 'sh1'").await,
            Some(50)
        );
        assert_eq!(
            int(&db, "SELECT counted_cash_sen FROM shifts WHERE id = 'sh2'").await,
            None
        );
        assert_eq!(
            int(&db, "SELECT opening_float_sen FROM shifts WHERE id = 'sh2'").await,
            Some(0)
        );
        // The text columns are gone: nothing can read the old form by mistake.
        let gone = db
            .execute(Statement::from_string(
                db.get_database_backend(),
                "SELECT grand_total FROM sales",
            ))
            .await;
        assert!(gone.is_err(), "sales.grand_total should be dropped");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_migration_refuses_garbage_and_names_the_row() {
    for garbage in ["abc", "", "1e5", "12.345", "Rp12.500"] {
        for (db, _dir) in before_integers().await {
            catalogue(&db, "0", "5000").await;
            old_sale(&db, "fine", "5000", "1").await;
            old_sale(&db, "bad-sale", "5000", "1").await;
            exec(
                &db,
                &format!("UPDATE sales SET discount_total = '{garbage}' WHERE id = 'bad-sale'"),
            )
            .await;
            let err = Migrator::up(&db, None)
                .await
                .expect_err("garbage must stop the migration")
                .to_string();
            assert!(err.contains("sales.discount_total"), "{garbage:?}: {err}");
            assert!(err.contains("bad-sale"), "{garbage:?}: {err}");
        }
    }
}

/// The report's figures are the sum of the sales it covers, for random baskets (the
/// volume generator's: 1–9 lines, cash with change, QRIS, e-wallet), added up here in
/// Rust from every stored row and by the report in SQL.
async fn report_matches_the_sales(app: &common::TestApp) {
    use rust_decimal::Decimal;
    use satu_server::modules::pos::entity::{sale, sale_line, sale_payment};
    use sea_orm::EntityTrait;
    use serde_json::Value;

    let mut owner = app.login("owner@makmur.test").await;
    for (sku, price, cost) in [
        ("TEH", "5000", "3900"),
        ("KOPI", "12500", "9750.5"),
        ("BERAS", "14000", "0"),
        ("SUSU", "18900", "15000"),
        ("ROTI", "8500", "6000"),
    ] {
        let r = app
            .post(
                &mut owner,
                "/api/v1/products",
                serde_json::json!({"sku": sku, "name": sku, "price": price, "cost": cost, "tax": "ppn"}),
            )
            .await;
        assert_eq!(r.status, axum::http::StatusCode::CREATED, "{}", r.json);
    }
    satu_server::modules::pos::volume::generate(
        &app.db,
        satu_server::modules::pos::volume::Volume {
            days: 3,
            outlets: 2,
            sales_per_day: 40,
        },
    )
    .await
    .unwrap();
    let d = |v: &Value| v.as_str().unwrap().parse::<Decimal>().unwrap();
    let today = chrono::Utc::now() + chrono::Duration::hours(7);
    // Every generated sale lies in the last three days before today (UTC); a wider range
    // in WIB holds them all.
    let from = (today - chrono::Duration::days(5)).date_naive();
    let to = today.date_naive();
    let report = app
        .get(
            &mut owner,
            &format!("/api/v1/reports/sales?from={from}&to={to}"),
        )
        .await;
    assert_eq!(report.status, axum::http::StatusCode::OK, "{}", report.json);
    let report = report.json;

    let sales = sale::Entity::find().all(&app.db).await.unwrap();
    let lines = sale_line::Entity::find().all(&app.db).await.unwrap();
    let payments = sale_payment::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(sales.len(), 240);
    let total: Decimal = sales.iter().map(|s| s.grand_total_sen.dec()).sum();
    let tax: Decimal = sales.iter().map(|s| s.tax_total_sen.dec()).sum();
    let gross: Decimal = sales.iter().map(|s| s.subtotal_sen.dec()).sum();
    let change: Decimal = sales.iter().map(|s| s.change_due_sen.dec()).sum();
    let net_lines: Decimal = lines.iter().map(|l| l.net_sen.dec()).sum();
    let quantity: Decimal = lines.iter().map(|l| l.quantity_milli.dec()).sum();
    let paid: Decimal = payments.iter().map(|p| p.amount_sen.dec()).sum();

    assert_eq!(report["sales_count"], 240);
    assert_eq!(d(&report["sales_total"]), total);
    assert_eq!(d(&report["total"]), total);
    assert_eq!(d(&report["gross"]), gross);
    assert_eq!(d(&report["tax"]), tax);
    assert_eq!(d(&report["net"]), total - tax);
    let sum = |section: &str, field: &str| -> Decimal {
        report[section]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| d(&b[field]))
            .sum()
    };
    let count = |section: &str| -> u64 {
        report[section]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["count"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(sum("by_hour", "amount"), total);
    assert_eq!(sum("by_cashier", "amount"), total);
    assert_eq!(
        sum("by_payment", "amount"),
        paid - change,
        "cash kept, not cash handed back"
    );
    assert_eq!(sum("by_payment", "amount"), total);
    assert_eq!(sum("by_product", "amount"), net_lines);
    assert_eq!(sum("by_category", "amount"), net_lines);
    assert_eq!(sum("by_product", "quantity"), quantity);
    assert_eq!(count("by_hour"), 240);
    assert_eq!(count("by_product"), lines.len() as u64);

    // One outlet's report holds only its own sales.
    let outlet = app.outlet_id(&mut owner, "MKM1").await;
    let one = app
        .get(
            &mut owner,
            &format!("/api/v1/reports/sales?outlet_id={outlet}&from={from}&to={to}"),
        )
        .await
        .json;
    let own: Decimal = sales
        .iter()
        .filter(|s| s.outlet_id == outlet)
        .map(|s| s.grand_total_sen.dec())
        .sum();
    assert_eq!(one["sales_count"], 120);
    assert_eq!(d(&one["sales_total"]), own);
}
on_every_backend!(the_report_adds_up_to_the_sales, report_matches_the_sales);
