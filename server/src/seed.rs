//! Demo data: a platform superadmin and the tenant "Toko Makmur" with a minimarket and a
//! koperasi outlet and one user per role. Running it again changes nothing.
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;

use crate::kernel::audit::{self, Actor, Event};
use crate::kernel::auth::secret::{hash_password, new_id, DEMO_PASSWORD};
use crate::kernel::error::ApiError;
use crate::kernel::rbac::Role;
use crate::platform::entity::{outlet, tenant};
use crate::platform::repo::{outlets, tenants, users};

pub const DEMO_TENANT: &str = "Toko Makmur";
/// The demo cashier's PIN for switching user on a registered till.
pub const DEMO_PIN: &str = "123456";
/// The demo manager's PIN, for approving discounts above the cashier's limit at the till.
pub const DEMO_MANAGER_PIN: &str = "246810";

pub const DEMO_USERS: [(&str, &str, Role); 6] = [
    ("owner@makmur.test", "Budi Santoso", Role::Owner),
    ("admin@makmur.test", "Sari Wulandari", Role::Admin),
    ("manager@makmur.test", "Agus Pratama", Role::Manager),
    ("kasir@makmur.test", "Dewi Lestari", Role::Cashier),
    ("anggota@makmur.test", "Siti Aminah", Role::Member),
    ("supplier@makmur.test", "CV Sumber Rejeki", Role::Supplier),
];

/// A made-up static QRIS for the demo minimarket (fictitious acquirer and NMID; it pays
/// nobody), with a correct CRC so the till turns it into a dynamic one per sale.
pub fn demo_static_qris() -> String {
    fn tlv(tag: &str, value: &str) -> String {
        format!("{tag}{:02}{value}", value.len())
    }
    let account = [
        tlv("00", "ID.CO.DEMOBANK.WWW"),
        tlv("01", "936009990000000017"),
        tlv("02", "DEMO00000017"),
        tlv("03", "UMI"),
    ]
    .concat();
    let national = [
        tlv("00", "ID.CO.QRIS.WWW"),
        tlv("02", "ID1026112700017"),
        tlv("03", "UMI"),
    ]
    .concat();
    let mut body = [
        tlv("00", "01"),
        tlv("01", "11"),
        tlv("26", &account),
        tlv("51", &national),
        tlv("52", "5411"),
        tlv("53", "360"),
        tlv("58", "ID"),
        tlv("59", "Minimarket Makmur"),
        tlv("60", "Semarang"),
        tlv("61", "50132"),
    ]
    .concat();
    body.push_str("6304");
    let crc = domain::qris::crc_hex(body.as_bytes());
    body + &crc
}

pub async fn seed_demo(db: &DatabaseConnection) -> Result<(), ApiError> {
    seed_demo_with(db, true).await
}

/// `with_catalogue: false` leaves the product catalogue empty (tests that build their own).
pub async fn seed_demo_with(db: &DatabaseConnection, with_catalogue: bool) -> Result<(), ApiError> {
    let password_hash = hash_password(DEMO_PASSWORD)?;
    let pin_hash = hash_password(DEMO_PIN)?;
    let manager_pin_hash = hash_password(DEMO_MANAGER_PIN)?;
    db.transaction::<_, (), ApiError>(|txn| {
        Box::pin(async move {
            let actor = Actor::system("seed-demo");
            if users::find_by_email(txn, "superadmin@satu.test")
                .await?
                .is_none()
            {
                let u = users::insert(
                    txn,
                    users::NewUser {
                        tenant_id: None,
                        email: "superadmin@satu.test",
                        name: "Superadmin Satu",
                        password_hash: Some(password_hash.clone()),
                        platform_role: Some(Role::Superadmin),
                        status: "active",
                        is_demo: true,
                    },
                )
                .await?;
                audit::record(
                    txn,
                    &actor,
                    Event {
                        tenant_id: None,
                        outlet_id: None,
                        action: "user.create",
                        entity: "user",
                        entity_id: &u.id,
                        before: None,
                        after: Some(json!({"email": u.email, "roles": ["superadmin"]})),
                    },
                )
                .await?;
            }

            let t = match tenant::Entity::find()
                .filter(tenant::Column::OwnerEmail.eq("owner@makmur.test"))
                .one(txn)
                .await?
            {
                Some(t) => t,
                None => {
                    let t = tenants::insert(txn, DEMO_TENANT, "owner@makmur.test", "pro").await?;
                    audit::record(
                        txn,
                        &actor,
                        Event {
                            tenant_id: Some(&t.id),
                            outlet_id: None,
                            action: "tenant.create",
                            entity: "tenant",
                            entity_id: &t.id,
                            before: None,
                            after: Some(json!({"name": t.name, "plan": t.plan})),
                        },
                    )
                    .await?;
                    t
                }
            };

            for (code, name, address, industry) in [
                (
                    "MKM1",
                    "Minimarket Makmur",
                    "Jl. Merdeka No. 10, Semarang",
                    "retail",
                ),
                (
                    "KSP1",
                    "Koperasi Makmur",
                    "Jl. Pemuda No. 5, Semarang",
                    "koperasi",
                ),
            ] {
                if !outlets::code_taken(txn, &t.id, code, None).await? {
                    let o = outlets::insert(
                        txn,
                        outlet::ActiveModel {
                            id: Set(new_id()),
                            tenant_id: Set(t.id.clone()),
                            code: Set(code.to_string()),
                            name: Set(name.to_string()),
                            address: Set(address.to_string()),
                            timezone: Set("WIB".to_string()),
                            industry: Set(industry.to_string()),
                            archived: Set(false),
                            settings: Set(if industry == "retail" {
                                serde_json::json!({"static_qris": demo_static_qris(),
                                    "receipt_header": ["NPWP 01.234.567.8-901.000"],
                                    "receipt_footer": ["Terima kasih, selamat belanja kembali!"]})
                                .to_string()
                            } else {
                                "{}".to_string()
                            }),
                            created_at: Set(Utc::now()),
                        },
                    )
                    .await?;
                    audit::record(
                        txn,
                        &actor,
                        Event {
                            tenant_id: Some(&t.id),
                            outlet_id: Some(&o.id),
                            action: "outlet.create",
                            entity: "outlet",
                            entity_id: &o.id,
                            before: None,
                            after: Some(
                                json!({"code": o.code, "name": o.name, "industry": o.industry}),
                            ),
                        },
                    )
                    .await?;
                }
            }

            for (email, name, role) in DEMO_USERS {
                if users::find_by_email(txn, email).await?.is_some() {
                    continue;
                }
                let u = users::insert(
                    txn,
                    users::NewUser {
                        tenant_id: Some(&t.id),
                        email,
                        name,
                        password_hash: Some(password_hash.clone()),
                        platform_role: None,
                        status: "active",
                        is_demo: true,
                    },
                )
                .await?;
                users::set_roles_and_outlets(txn, &t.id, &u.id, &[role], &[]).await?;
                let pin = match role {
                    Role::Cashier => Some(pin_hash.clone()),
                    Role::Manager => Some(manager_pin_hash.clone()),
                    _ => None,
                };
                if let Some(pin) = pin {
                    let mut active: crate::platform::entity::user::ActiveModel = u.clone().into();
                    active.pin_hash = Set(Some(pin));
                    sea_orm::ActiveModelTrait::update(active, txn).await?;
                }
                audit::record(
                    txn,
                    &actor,
                    Event {
                        tenant_id: Some(&t.id),
                        outlet_id: None,
                        action: "user.create",
                        entity: "user",
                        entity_id: &u.id,
                        before: None,
                        after: Some(json!({"email": u.email, "roles": [role]})),
                    },
                )
                .await?;
            }
            if with_catalogue {
                seed_catalogue(txn, &t.id, &actor).await?;
                seed_koperasi(txn, &t.id).await?;
            }
            Ok(())
        })
    })
    .await?;
    Ok(())
}

/// A small minimarket catalogue with opening stock, so the till has something to sell.
/// (sku, name, category, price, unit, barcode, tax)
type DemoProduct = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
);

const DEMO_PRODUCTS: [DemoProduct; 6] = [
    (
        "MIE-001",
        "Indomie Goreng 85g",
        "Makanan",
        "3500",
        "pcs",
        Some("8991000000010"),
        "ppn",
    ),
    (
        "AIR-600",
        "Air Mineral 600ml",
        "Minuman",
        "4000",
        "pcs",
        Some("8991000000027"),
        "ppn",
    ),
    (
        "TEH-350",
        "Teh Botol 350ml",
        "Minuman",
        "5000",
        "pcs",
        Some("8991000000034"),
        "ppn",
    ),
    (
        "GULA-1KG",
        "Gula Pasir 1kg",
        "Sembako",
        "18500",
        "pcs",
        Some("8991000000041"),
        "ppn",
    ),
    (
        "TLR-10",
        "Telur Ayam 10 butir",
        "Sembako",
        "28000",
        "pack",
        Some("8991000000058"),
        "none",
    ),
    (
        "BRS-KG",
        "Beras Curah",
        "Sembako",
        "14000",
        "kg",
        None,
        "none",
    ),
];

async fn seed_catalogue<C: sea_orm::ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    actor: &Actor,
) -> Result<(), ApiError> {
    use crate::modules::inventory::entity::{category, product, product_barcode};
    let Some(store) = outlet::Entity::find()
        .filter(outlet::Column::TenantId.eq(tenant_id))
        .filter(outlet::Column::Code.eq("MKM1"))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    for (sku, name, cat, price, unit, barcode, tax) in DEMO_PRODUCTS {
        let exists = product::Entity::find()
            .filter(product::Column::TenantId.eq(tenant_id))
            .filter(product::Column::Sku.eq(sku))
            .one(db)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let category_id = match category::Entity::find()
            .filter(category::Column::TenantId.eq(tenant_id))
            .filter(category::Column::Name.eq(cat))
            .one(db)
            .await?
        {
            Some(c) => c.id,
            None => {
                let c = category::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.to_string()),
                    name: Set(cat.to_string()),
                    created_at: Set(Utc::now()),
                };
                sea_orm::ActiveModelTrait::insert(c, db).await?.id
            }
        };
        let id = new_id();
        sea_orm::ActiveModelTrait::insert(
            product::ActiveModel {
                id: Set(id.clone()),
                tenant_id: Set(tenant_id.to_string()),
                group_id: Set(None),
                sku: Set(sku.to_string()),
                name: Set(name.to_string()),
                variant: Set(None),
                category_id: Set(Some(category_id)),
                unit: Set(unit.to_string()),
                cost: Set("0".to_string()),
                price: Set(price.to_string()),
                tax: Set(tax.to_string()),
                active: Set(true),
                image_url: Set(None),
                created_at: Set(Utc::now()),
                updated_at: Set(Utc::now()),
            },
            db,
        )
        .await?;
        if let Some(code) = barcode {
            sea_orm::ActiveModelTrait::insert(
                product_barcode::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.to_string()),
                    product_id: Set(id.clone()),
                    code: Set(code.to_string()),
                },
                db,
            )
            .await?;
        }
        crate::modules::pos::repo::sales::record_movement(
            db,
            crate::modules::pos::repo::sales::Movement {
                tenant_id,
                outlet_id: &store.id,
                product_id: &id,
                kind: "adjustment",
                quantity: rust_decimal::Decimal::from(50),
                reference: None,
                reason: Some("Stok awal (demo)"),
                user_id: None,
                device_id: None,
            },
        )
        .await?;
        audit::record(
            db,
            actor,
            Event {
                tenant_id: Some(tenant_id),
                outlet_id: None,
                action: "product.create",
                entity: "product",
                entity_id: &id,
                before: None,
                after: Some(json!({"sku": sku, "name": name, "price": price})),
            },
        )
        .await?;
    }
    Ok(())
}

/// The demo koperasi's savings products, and the demo member (`anggota@makmur.test`, Siti
/// Aminah) with her pokok, three months of wajib and some sukarela, so the member portal
/// has something to show. Skipped when the koperasi already has products.
async fn seed_koperasi<C: sea_orm::ConnectionTrait>(
    txn: &C,
    tenant_id: &str,
) -> Result<(), ApiError> {
    use crate::packages::koperasi::entity::{
        member, savings_account, savings_movement, savings_product,
    };
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
    for p in &products {
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
                    user_id: user.id.clone(),
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
    seed_demo_loan(txn, tenant_id, &m).await
}

/// Pinjaman Umum, and Siti's Rp3.000.000 over 10 months disbursed on 5 September: October
/// paid on time, November not yet — so the demo shows a schedule, denda and the
/// collection list.
async fn seed_demo_loan<C: sea_orm::ConnectionTrait>(
    txn: &C,
    tenant_id: &str,
    m: &crate::packages::koperasi::entity::member::Model,
) -> Result<(), ApiError> {
    use crate::packages::koperasi::entity::{loan, loan_installment, loan_payment, loan_product};
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
    let mut rows = Vec::new();
    for i in &items {
        let whole = |d: Decimal| i64::try_from(d).unwrap_or_default();
        rows.push(loan_installment::Model {
            id: new_id(),
            tenant_id: tenant_id.to_string(),
            loan_id: row.id.clone(),
            period: i.period as i32,
            due_date: i.due_date.to_string(),
            principal: whole(i.principal),
            interest: whole(i.interest),
            paid_principal: whole(i.paid_principal),
            paid_interest: whole(i.paid_interest),
            waived_interest: 0,
            penalty_charged: whole(i.penalty_charged),
            paid_penalty: whole(i.paid_penalty),
            penalty_through: i.penalty_through.map(|d| d.to_string()),
        });
    }
    loans::insert_installments(txn, rows).await?;
    let payment =
        |kind: &str, source: &str, amount: i64, on: chrono::NaiveDate| loan_payment::Model {
            id: new_id(),
            tenant_id: tenant_id.to_string(),
            loan_id: row.id.clone(),
            member_id: m.id.clone(),
            kind: kind.into(),
            source: source.into(),
            savings_account_id: None,
            amount,
            penalty: 0,
            interest: 0,
            principal: 0,
            advance: 0,
            paid_on: on.to_string(),
            note: None,
            user_id: officer.id.clone(),
            device_id: None,
            at: format!("{on}T03:00:00.000000Z"),
        };
    loans::insert_payment(txn, payment("disbursement", "cash", 2_945_000, disbursed)).await?;
    loans::insert_payment(txn, payment("fee", "deducted", 55_000, disbursed)).await?;
    let mut repaid = payment("repayment", "cash", 345_000, paid_on);
    repaid.interest = i64::try_from(split.interest).unwrap_or_default();
    repaid.principal = i64::try_from(split.principal).unwrap_or_default();
    loans::insert_payment(txn, repaid).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_qris_is_a_valid_static_one() {
        let q = domain::qris::parse(&super::demo_static_qris()).expect("valid QRIS");
        assert!(!q.is_dynamic());
        assert_eq!(q.merchant_name(), Some("Minimarket Makmur"));
        let dynamic = domain::qris::to_dynamic(&super::demo_static_qris(), 15_000.into()).unwrap();
        assert_eq!(
            domain::qris::parse(&dynamic).unwrap().amount().unwrap(),
            Some(15_000.into())
        );
    }
}
