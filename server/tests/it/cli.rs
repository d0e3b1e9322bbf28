//! The `satu` binary's subcommands, run as a user would.
use std::process::Command;

use sea_orm::{ConnectionTrait, Database};

fn satu(db_url: &str, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_satu"));
    cmd.args(args)
        .env("DATABASE_URL", db_url)
        .env_remove("SATU_DEMO");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run satu")
}

async fn count(db_url: &str, sql: &str) -> i64 {
    let db = Database::connect(db_url).await.unwrap();
    let row = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql.to_string(),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

#[tokio::test]
async fn migrate_seed_twice_and_create_superadmin() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/nested/satu.db?mode=rwc", dir.path().display());

    let out = satu(&url, &["migrate"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("sqlite"));

    for _ in 0..2 {
        let out = satu(&url, &["seed-demo"], &[]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        count(&url, "SELECT COUNT(*) FROM tenants").await,
        1,
        "seed-demo is idempotent"
    );
    assert_eq!(count(&url, "SELECT COUNT(*) FROM users").await, 8);
    // Purchasing's demo, once: two suppliers, three orders, two receipts, one invoice
    // partly paid.
    assert_eq!(count(&url, "SELECT COUNT(*) FROM suppliers").await, 2);
    assert_eq!(count(&url, "SELECT COUNT(*) FROM purchase_orders").await, 4);
    assert_eq!(count(&url, "SELECT COUNT(*) FROM goods_receipts").await, 3);
    assert_eq!(
        count(&url, "SELECT COUNT(*) FROM supplier_invoices").await,
        1
    );
    assert_eq!(
        count(&url, "SELECT COUNT(*) FROM supplier_payments").await,
        1
    );
    assert_eq!(count(&url, "SELECT COUNT(*) FROM supplier_users").await, 2);
    assert_eq!(count(&url, "SELECT COUNT(*) FROM outlets").await, 3);
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM outlets WHERE kind = 'warehouse'"
        )
        .await,
        1,
        "the demo's warehouse Gudang Makmur"
    );
    assert_eq!(
        count(&url, "SELECT COUNT(*) FROM products").await,
        31,
        "the demo minimarket has a catalogue, and its Parsel Lebaran"
    );
    assert_eq!(count(&url, "SELECT COUNT(*) FROM assemblies").await, 1);
    // The opening count of each product, the milk and bread that came on demo orders, and
    // the sugar, noodles and tea the warehouse received, and the parcels built from three
    // products.
    assert_eq!(
        count(&url, "SELECT COUNT(*) FROM stock_movements").await,
        39
    );

    let out = satu(
        &url,
        &["create-superadmin", "--email", "ops@satu.test"],
        &[("SATU_PASSWORD", "short")],
    );
    assert!(!out.status.success(), "a short password is refused");
    let out = satu(
        &url,
        &["create-superadmin", "--email", "ops@satu.test"],
        &[("SATU_PASSWORD", "demo1234")],
    );
    assert!(
        !out.status.success(),
        "the demo password is refused for real accounts"
    );
    let out = satu(
        &url,
        &[
            "create-superadmin",
            "--email",
            "ops@satu.test",
            "--name",
            "Ops",
        ],
        &[("SATU_PASSWORD", "sangat-rahasia-9")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM users WHERE platform_role = 'superadmin'"
        )
        .await,
        2
    );
    let out = satu(
        &url,
        &["create-superadmin", "--email", "ops@satu.test"],
        &[("SATU_PASSWORD", "sangat-rahasia-9")],
    );
    assert!(!out.status.success(), "an email is registered once");
}

/// `satu serve` takes booleans as 1/0, yes/no and true/false from the environment, like
/// `satu` alone: it starts (answers /api/health) instead of refusing "invalid value '1'".
#[tokio::test]
async fn serve_accepts_boolean_environment_values() {
    for (value, args) in [("1", vec!["serve"]), ("yes", vec!["serve"]), ("1", vec![])] {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/satu.db?mode=rwc", dir.path().display());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_satu"))
            .args(&args)
            .env("DATABASE_URL", &url)
            .env("SATU_ADDR", format!("127.0.0.1:{port}"))
            .env("SATU_DEMO", value)
            .env("SATU_SECURE_COOKIES", value)
            .env("SATU_TRUST_PROXY", value)
            .env("LEPTOS_SITE_ROOT", dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start satu");
        let mut up = false;
        for _ in 0..300 {
            if let Some(status) = child.try_wait().unwrap() {
                let mut err = String::new();
                use std::io::Read;
                child.stderr.take().unwrap().read_to_string(&mut err).ok();
                panic!("satu {args:?} with {value} exited {status}: {err}");
            }
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                up = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        child.kill().ok();
        child.wait().ok();
        assert!(up, "satu {args:?} with {value} never listened");
    }
}

/// `satu seed-volume` adds a busy history to the demo: whole outlet-days of sales, each
/// with 1–9 lines and one payment covering it, dated before today; bad sizes are refused.
#[tokio::test]
async fn seed_volume_writes_whole_days_of_sales() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/satu.db?mode=rwc", dir.path().display());
    let out = satu(&url, &["seed-demo"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        count(&url, "SELECT COUNT(*) FROM members").await,
        12,
        "the demo koperasi has Siti and eleven other members"
    );
    let args = [
        "seed-volume",
        "--days",
        "3",
        "--outlets",
        "2",
        "--sales-per-day",
        "20",
        "--members",
        "40",
        "--products",
        "60",
    ];
    let out = satu(&url, &args, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("120 penjualan"));
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM outlets WHERE industry = 'retail' AND kind = 'store'"
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM sales WHERE cashier_id = 'volume'"
        )
        .await,
        120
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM (SELECT sale_id, COUNT(*) AS n FROM sale_lines GROUP BY sale_id) \
             WHERE n < 1 OR n > 9"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM sale_payments p JOIN sales s ON s.id = p.sale_id \
             WHERE s.cashier_id = 'volume'"
        )
        .await,
        120
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM sales s JOIN sale_payments p ON p.sale_id = s.id \
             WHERE p.amount_sen < s.grand_total_sen"
        )
        .await,
        0,
        "every sale is paid in full"
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM sales WHERE sold_at >= strftime('%Y-%m-%dT%H:%M:%S', 'now')"
        )
        .await,
        0,
        "the history ends before now (yesterday in the outlet's zone)"
    );
    // The koperasi's part: 40 more members, each with pokok, wajib and sukarela whose
    // balances are their movements' sums; loans whose instalments carry exactly what the
    // repayments paid.
    assert!(String::from_utf8_lossy(&out.stdout).contains("40 anggota"));
    assert_eq!(count(&url, "SELECT COUNT(*) FROM members").await, 52);
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM savings_accounts a JOIN members m ON m.id = a.member_id \
             WHERE m.created_by = 'volume'"
        )
        .await,
        120
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM savings_accounts a WHERE a.balance <> \
             (SELECT COALESCE(SUM(CASE kind WHEN 'deposit' THEN amount ELSE -amount END), 0) \
              FROM savings_movements v WHERE v.account_id = a.id)"
        )
        .await,
        0,
        "every balance is the sum of its movements"
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM savings_accounts WHERE balance < 0"
        )
        .await,
        0
    );
    assert!(
        count(
            &url,
            "SELECT COUNT(*) FROM loans WHERE created_by = 'volume'"
        )
        .await
            > 0
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM loans l WHERE l.created_by = 'volume' AND \
             (SELECT COALESCE(SUM(paid_principal), 0) FROM loan_installments i WHERE i.loan_id = l.id) <> \
             (SELECT COALESCE(SUM(principal), 0) FROM loan_payments p \
              WHERE p.loan_id = l.id AND p.kind = 'repayment')"
        )
        .await,
        0,
        "instalments carry what the repayments paid"
    );
    // One in ten of them shops at the store: named on 12 of the latest sales each, found
    // by the SHU through her phone number.
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM customers c JOIN members m ON m.phone = c.phone \
             WHERE m.created_by = 'volume'"
        )
        .await,
        4
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM sales WHERE customer_id IS NOT NULL"
        )
        .await,
        48
    );
    // Purchasing's part: the catalogue brought to 60 products, each supplied, and the
    // stock ledger of both outlets over the days: receipts in, sales out, each receipt's
    // value its lines', an average cost wherever goods came.
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM products p JOIN outlets o ON o.tenant_id = p.tenant_id \
             WHERE o.code = 'MKM1'"
        )
        .await,
        60
    );
    let generated = count(&url, "SELECT COUNT(*) FROM products WHERE sku LIKE 'VOL-%'").await;
    assert!(generated > 0);
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM products p WHERE p.sku LIKE 'VOL-%' AND NOT EXISTS \
             (SELECT 1 FROM supplier_products s WHERE s.product_id = p.id)"
        )
        .await,
        0,
        "every new product has a supplier"
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(DISTINCT outlet_id) FROM stock_movements WHERE user_id = 'volume'"
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM stock_movements WHERE user_id = 'volume' AND NOT \
             ((kind = 'sale' AND quantity_milli < 0) OR (kind = 'purchase_receipt' AND quantity_milli > 0))"
        )
        .await,
        0
    );
    assert!(
        count(
            &url,
            "SELECT COUNT(*) FROM stock_movements WHERE user_id = 'volume' AND kind = 'sale'"
        )
        .await
            >= 2 * 3 * 20,
        "every basket's lines leave stock"
    );
    let movements = count(
        &url,
        "SELECT COUNT(*) FROM stock_movements WHERE user_id = 'volume'",
    )
    .await;
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM goods_receipt_lines l JOIN goods_receipts r ON r.id = l.receipt_id \
             WHERE r.user_id = 'volume'"
        )
        .await,
        count(
            &url,
            "SELECT COUNT(*) FROM stock_movements WHERE user_id = 'volume' AND kind = 'purchase_receipt'"
        )
        .await
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM goods_receipts r WHERE r.user_id = 'volume' AND r.value_sen <> \
             (SELECT SUM(l.value_sen) FROM goods_receipt_lines l WHERE l.receipt_id = r.id)"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM stock_costs c JOIN products p ON p.id = c.product_id \
             WHERE p.sku LIKE 'VOL-%' AND c.unit_cost_sen > 0"
        )
        .await,
        2 * generated,
        "the first day stocks every product at both outlets"
    );
    // Once: a second run keeps the catalogue and the history as they are.
    let again = [
        "seed-volume",
        "--days",
        "3",
        "--outlets",
        "2",
        "--sales-per-day",
        "0",
        "--members",
        "0",
        "--products",
        "60",
    ];
    let out = satu(&url, &again, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("sudah ada"));
    assert_eq!(
        count(
            &url,
            "SELECT COUNT(*) FROM stock_movements WHERE user_id = 'volume'"
        )
        .await,
        movements
    );
    assert_eq!(
        count(&url, "SELECT COUNT(*) FROM products WHERE sku LIKE 'VOL-%'").await,
        generated
    );
    let out = satu(&url, &["seed-volume", "--days", "0"], &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--days"));
}
