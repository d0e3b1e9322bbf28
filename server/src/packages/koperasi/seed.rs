//! The koperasi package's demo: the koperasi desk, its savings and loan products, and the
//! demo member with savings and a running loan.
use futures::future::BoxFuture;
use sea_orm::DatabaseTransaction;

use crate::kernel::package::SeedContext;
use chrono::Utc;
use serde_json::json;

use crate::kernel::auth::secret::new_id;
use crate::kernel::error::ApiError;
use crate::platform::repo::users;

pub fn seed<'a>(
    txn: &'a DatabaseTransaction,
    ctx: &'a SeedContext<'a>,
) -> BoxFuture<'a, Result<(), ApiError>> {
    Box::pin(async move {
        crate::seed::demo_outlet(
            txn,
            ctx.audit,
            ctx.tenant_id,
            (
                "KSP1",
                "Koperasi Makmur",
                "Jl. Pemuda No. 5, Semarang",
                "koperasi",
            ),
            json!({}),
        )
        .await?;
        if ctx.with_catalogue {
            seed_koperasi(txn, ctx.tenant_id).await?;
        }
        Ok(())
    })
}

/// The demo koperasi's savings products, and the demo member (`anggota@makmur.test`, Siti
/// Aminah) with her pokok, three months of wajib and some sukarela, so the member portal
/// has something to show. Skipped when the koperasi already has products.
async fn seed_koperasi<C: sea_orm::ConnectionTrait>(
    txn: &C,
    tenant_id: &str,
) -> Result<(), ApiError> {
    use crate::packages::koperasi::entity::{member, savings_product};
    use crate::packages::koperasi::repo::koperasi;
    if !koperasi::products(txn, tenant_id).await?.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let mut products = Vec::new();
    for (code, name, kind, fixed, rate, minimum) in [
        ("SP", "Simpanan Pokok", "pokok", "100000", "0", "0"),
        ("SW", "Simpanan Wajib", "wajib", "50000", "0", "0"),
        ("SS", "Simpanan Sukarela", "sukarela", "0", "3", "10000"),
    ] {
        let p = savings_product::Model {
            id: new_id(),
            tenant_id: tenant_id.to_string(),
            code: code.into(),
            name: name.into(),
            kind: kind.into(),
            fixed_amount: fixed.into(),
            rate_percent: rate.into(),
            minimum_balance: minimum.into(),
            interest_method: "minimum_balance".into(),
            term_months: 0,
            early_penalty_percent: "0".into(),
            active: true,
            created_at: now,
        };
        koperasi::insert_product(txn, p.clone()).await?;
        products.push(p);
    }
    let Some(user) = users::find_by_email(txn, "anggota@makmur.test").await? else {
        return Ok(());
    };
    let m = member::Model {
        id: new_id(),
        tenant_id: tenant_id.to_string(),
        member_no: "A00001".into(),
        nik: "3374055708800004".into(),
        name: user.name.clone(),
        sex: "F".into(),
        birth_date: "1980-08-17".into(),
        address: "Jl. Pemuda No. 12, Semarang".into(),
        phone: Some("+6281234500001".into()),
        email: Some(user.email.clone()),
        occupation: Some("Pedagang".into()),
        heir_name: Some("Bambang Aminah".into()),
        heir_relation: Some("suami".into()),
        join_date: "2026-08-01".into(),
        status: "active".into(),
        ktp_photo_url: None,
        user_id: Some(user.id.clone()),
        created_by: user.id.clone(),
        created_at: now,
    };
    koperasi::insert_member(txn, m.clone()).await?;
    let deposits: [(&str, &[(&str, i64)]); 3] = [
        ("SP", &[("2026-08-01T03:00:00.000000Z", 100_000)]),
        (
            "SW",
            &[
                ("2026-08-01T03:00:00.000000Z", 50_000),
                ("2026-09-01T03:00:00.000000Z", 50_000),
                ("2026-10-01T03:00:00.000000Z", 50_000),
            ],
        ),
        (
            "SS",
            &[
                ("2026-08-01T03:00:00.000000Z", 250_000),
                ("2026-10-15T03:00:00.000000Z", 75_000),
            ],
        ),
    ];
    seed_savings(txn, tenant_id, &products, &m, &user.id, &deposits).await?;
    let teller = users::find_by_email(txn, "manager@makmur.test")
        .await?
        .map_or(user.id.clone(), |u| u.id);
    seed_other_members(txn, tenant_id, &products, &teller).await?;
    seed_demo_loan(txn, tenant_id, &m).await
}

type Deposits<'a> = [(&'a str, &'a [(&'a str, i64)])];

/// A member's savings accounts, one per product, with the given deposits (product code →
/// (time, amount)) recorded by `teller_id`.
async fn seed_savings<C: sea_orm::ConnectionTrait>(
    txn: &C,
    tenant_id: &str,
    products: &[crate::packages::koperasi::entity::savings_product::Model],
    m: &crate::packages::koperasi::entity::member::Model,
    teller_id: &str,
    deposits: &Deposits<'_>,
) -> Result<(), ApiError> {
    use crate::packages::koperasi::entity::{savings_account, savings_movement};
    use crate::packages::koperasi::repo::koperasi;
    let now = Utc::now();
    for p in products {
        let mut balance = 0i64;
        let account_id = new_id();
        let rows = deposits
            .iter()
            .find(|(code, _)| *code == p.code)
            .map(|(_, rows)| *rows)
            .unwrap_or(&[]);
        for (at, amount) in rows {
            balance += amount;
            koperasi::insert_movement(
                txn,
                savings_movement::Model {
                    id: new_id(),
                    tenant_id: tenant_id.to_string(),
                    account_id: account_id.clone(),
                    member_id: m.id.clone(),
                    kind: "deposit".into(),
                    amount: *amount,
                    balance_after: balance,
                    note: Some("setoran (data demo)".into()),
                    user_id: teller_id.to_string(),
                    device_id: None,
                    at: (*at).to_string(),
                },
            )
            .await?;
        }
        koperasi::insert_account(
            txn,
            savings_account::Model {
                id: account_id,
                tenant_id: tenant_id.to_string(),
                member_id: m.id.clone(),
                product_id: p.id.clone(),
                account_no: format!("{}-{}", p.code, m.member_no),
                balance,
                status: "active".into(),
                placed_on: None,
                maturity_date: None,
                opened_at: now,
            },
        )
        .await?;
    }
    Ok(())
}

/// The koperasi's other members (no portal accounts): each paid pokok and wajib since
/// August and keeps some sukarela, so the member list, the SHU split and the cash book
/// show a koperasi at work — their deposits are the cash Siti's loan was lent from.
async fn seed_other_members<C: sea_orm::ConnectionTrait>(
    txn: &C,
    tenant_id: &str,
    products: &[crate::packages::koperasi::entity::savings_product::Model],
    teller_id: &str,
) -> Result<(), ApiError> {
    use crate::packages::koperasi::entity::member;
    use crate::packages::koperasi::repo::koperasi;
    // (name, sex, birth date, occupation, sukarela deposited on joining)
    let people: [(&str, &str, &str, &str, i64); 11] = [
        ("Budi Santoso", "M", "1975-03-12", "Petani", 400_000),
        ("Sri Wahyuni", "F", "1982-06-21", "Penjahit", 750_000),
        ("Agus Setiawan", "M", "1979-11-02", "Sopir", 250_000),
        ("Dewi Lestari", "F", "1988-01-30", "Guru", 1_200_000),
        ("Joko Susilo", "M", "1970-09-17", "Pedagang", 600_000),
        ("Rina Marlina", "F", "1985-04-08", "Pedagang", 900_000),
        ("Hendra Wijaya", "M", "1983-12-25", "Wiraswasta", 1_500_000),
        ("Yuliana Sari", "F", "1990-07-14", "Karyawan", 300_000),
        ("Slamet Riyadi", "M", "1968-02-05", "Petani", 200_000),
        ("Nur Hidayah", "F", "1987-10-19", "Bidan", 1_000_000),
        ("Eko Prasetyo", "M", "1980-05-27", "Montir", 450_000),
    ];
    let now = Utc::now();
    for (i, (name, sex, birth, occupation, sukarela)) in people.into_iter().enumerate() {
        let serial = i + 2;
        // NIK: Semarang (3374 05), birth date as ddmmyy (+40 on the day for women), serial.
        let day: u32 = birth[8..10].parse().unwrap_or(1) + if sex == "F" { 40 } else { 0 };
        let nik = format!("337405{day:02}{}{}{serial:04}", &birth[5..7], &birth[2..4]);
        let m = member::Model {
            id: new_id(),
            tenant_id: tenant_id.to_string(),
            member_no: format!("A{serial:05}"),
            nik,
            name: (*name).into(),
            sex: (*sex).into(),
            birth_date: (*birth).into(),
            address: format!("Jl. Pemuda No. {}, Semarang", 12 + serial * 3),
            phone: Some(format!("+62812345{serial:05}")),
            email: None,
            occupation: Some((*occupation).into()),
            heir_name: None,
            heir_relation: None,
            join_date: "2026-08-01".into(),
            status: "active".into(),
            ktp_photo_url: None,
            user_id: None,
            created_by: teller_id.to_string(),
            created_at: now,
        };
        koperasi::insert_member(txn, m.clone()).await?;
        let wajib: &[(&str, i64)] = &[
            ("2026-08-01T03:00:00.000000Z", 50_000),
            ("2026-09-01T03:00:00.000000Z", 50_000),
            ("2026-10-01T03:00:00.000000Z", 50_000),
            ("2026-11-02T03:00:00.000000Z", 50_000),
        ];
        let sukarela = [("2026-08-01T03:30:00.000000Z", sukarela)];
        let deposits: [(&str, &[(&str, i64)]); 3] = [
            ("SP", &[("2026-08-01T03:00:00.000000Z", 100_000)]),
            ("SW", wajib),
            ("SS", &sukarela),
        ];
        seed_savings(txn, tenant_id, products, &m, teller_id, &deposits).await?;
    }
    Ok(())
}

/// Pinjaman Umum, and Siti's Rp3.000.000 over 10 months disbursed on 5 September: October
/// paid on time, November not yet — so the demo shows a schedule, denda and the
/// collection list.
async fn seed_demo_loan<C: sea_orm::ConnectionTrait>(
    txn: &C,
    tenant_id: &str,
    m: &crate::packages::koperasi::entity::member::Model,
) -> Result<(), ApiError> {
    use crate::packages::koperasi::entity::{loan, loan_product};
    use crate::packages::koperasi::repo::loans;
    use domain::loan::ledger;
    use rust_decimal::Decimal;

    let now = Utc::now();
    let product = loan_product::Model {
        id: new_id(),
        tenant_id: tenant_id.to_string(),
        code: "PU".into(),
        name: "Pinjaman Umum".into(),
        method: "flat".into(),
        rate_percent: "1.5".into(),
        rate_period: "month".into(),
        min_tenor: 3,
        max_tenor: 24,
        min_amount: 500_000,
        max_amount: 20_000_000,
        admin_fee: 25_000,
        provision_percent: "1".into(),
        penalty_rate_percent: "0.1".into(),
        penalty_grace_days: 3,
        savings_multiple: "10".into(),
        collateral_required: false,
        single_approval_limit: 5_000_000,
        payoff_interest_periods: 1,
        allocation_order: "penalty,interest,principal".into(),
        active: true,
        created_at: now,
    };
    loans::insert_product(txn, product.clone()).await?;
    let (Some(officer), Some(manager)) = (
        users::find_by_email(txn, "kasir@makmur.test").await?,
        users::find_by_email(txn, "manager@makmur.test").await?,
    ) else {
        return Ok(());
    };
    let disbursed = chrono::NaiveDate::from_ymd_opt(2026, 9, 5).unwrap_or_default();
    let row = loan::Model {
        id: new_id(),
        tenant_id: tenant_id.to_string(),
        loan_no: "P00001".into(),
        member_id: m.id.clone(),
        product_id: product.id.clone(),
        officer_id: officer.id.clone(),
        amount: 3_000_000,
        tenor: 10,
        purpose: "Tambah modal warung".into(),
        status: "disbursed".into(),
        method: product.method.clone(),
        rate_percent: product.rate_percent.clone(),
        rate_period: product.rate_period.clone(),
        admin_fee: 25_000,
        provision_fee: 30_000,
        fees_deducted: Some(true),
        analysis_notes: Some("Warung kelontong 5 tahun, omzet Rp6 jt/bln (data demo)".into()),
        collateral_kind: None,
        collateral_description: None,
        collateral_value: 0,
        collateral_documents: None,
        approved_by: Some(manager.id.clone()),
        approved_at: Some("2026-09-04T03:00:00.000000Z".into()),
        second_approved_by: None,
        second_approved_at: None,
        rejected_by: None,
        rejection_reason: None,
        disbursed_on: Some(disbursed.to_string()),
        disbursed_by: Some(manager.id.clone()),
        net_disbursed: Some(2_945_000),
        closed_on: None,
        written_off_by: None,
        written_off_amount: None,
        version: 0,
        created_by: officer.id.clone(),
        device_id: None,
        created_at: now,
    };
    let terms = crate::packages::koperasi::api::loans::terms_of(
        &row,
        crate::packages::koperasi::api::loans::first_due(disbursed)?,
    )?;
    let schedule = domain::loan::schedule(&terms)
        .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let mut items = ledger::installments(&schedule)
        .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let paid_on = chrono::NaiveDate::from_ymd_opt(2026, 10, 5).unwrap_or_default();
    let split = ledger::repay(
        &mut items,
        paid_on,
        Decimal::from(345_000),
        &Default::default(),
        &crate::packages::koperasi::api::loans::penalty_rule(&product),
    )
    .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    loans::insert_loan(txn, row.clone()).await?;
    let rows = crate::packages::koperasi::api::loans::installment_rows(tenant_id, &row.id, &items)?;
    loans::insert_installments(txn, rows).await?;
    let by = crate::packages::koperasi::api::loans::Recorder {
        user_id: &officer.id,
        device_id: None,
        at: None,
    };
    let payment = |kind: &str, source: &str, amount: i64, on: chrono::NaiveDate| {
        crate::packages::koperasi::api::loans::payment_row(&row, &by, kind, source, amount, on)
    };
    loans::insert_payment(txn, payment("disbursement", "cash", 2_945_000, disbursed)).await?;
    loans::insert_payment(txn, payment("fee", "deducted", 55_000, disbursed)).await?;
    let mut repaid = payment("repayment", "cash", 345_000, paid_on);
    repaid.interest = i64::try_from(split.interest).unwrap_or_default();
    repaid.principal = i64::try_from(split.principal).unwrap_or_default();
    loans::insert_payment(txn, repaid).await?;
    Ok(())
}
