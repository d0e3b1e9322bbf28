//! The koperasi's part of `satu seed-volume`: `--members` members of the demo koperasi
//! over `--days` days ending yesterday, each with simpanan pokok on joining, wajib every
//! month, sukarela deposits and withdrawals, and about one in seven with a loan scheduled
//! and repaid by `domain::loan` exactly as the loan desk does it — most on time, some late,
//! some stopped paying, so the portfolio has PAR. Rows are written directly (no audit
//! trail): it exists to measure what reads a koperasi of 5,000 members. Deterministic apart
//! from ids; a second run adds more members (numbers and NIKs carry on from the last).
use chrono::{Datelike, Duration, Months, NaiveDate, Utc};
use futures::future::BoxFuture;
use rust_decimal::Decimal;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};

use domain::loan::ledger;

use crate::kernel::auth::secret::new_id;
use crate::kernel::error::ApiError;
use crate::kernel::package::{VolumeArgs, Written};
use crate::kernel::repo::INSERT_CHUNK;
use crate::kernel::rng::SplitMix as Rng;
use crate::packages::koperasi::api::loans::{
    allocation_order, first_due, installment_rows, payment_row, penalty_rule, terms_of, Recorder,
};
use crate::packages::koperasi::entity::{
    loan, loan_installment, loan_payment, loan_product, member, savings_account, savings_movement,
    savings_product,
};
use crate::platform::entity::outlet;

/// Who the generated rows name as teller and officer (no user: nobody keyed them).
pub const TELLER: &str = "volume";
/// At most this many members a run, so a typo cannot fill the disk.
pub const MEMBERS_MAX: u32 = 100_000;
/// Members written per transaction.
const BATCH: usize = 250;

const FIRST: [&str; 16] = [
    "Budi", "Siti", "Agus", "Dewi", "Joko", "Rina", "Hendra", "Yuliana", "Slamet", "Nur", "Eko",
    "Wati", "Bambang", "Sri", "Andi", "Lestari",
];
const LAST: [&str; 12] = [
    "Santoso",
    "Wahyuni",
    "Setiawan",
    "Lestari",
    "Susilo",
    "Marlina",
    "Wijaya",
    "Sari",
    "Riyadi",
    "Hidayah",
    "Prasetyo",
    "Kurniawan",
];
const WORK: [&str; 8] = [
    "Pedagang",
    "Petani",
    "Guru",
    "Sopir",
    "Penjahit",
    "Karyawan",
    "Wiraswasta",
    "Montir",
];

fn at(day: NaiveDate, hour: u32) -> String {
    format!("{day}T{hour:02}:00:00.000000Z")
}

/// Rows of one batch of members, written in one transaction.
#[derive(Default)]
struct Batch {
    members: Vec<member::Model>,
    accounts: Vec<savings_account::Model>,
    movements: Vec<savings_movement::Model>,
    loans: Vec<loan::Model>,
    installments: Vec<loan_installment::Model>,
    payments: Vec<loan_payment::Model>,
}

macro_rules! insert_all {
    ($txn:expr, $rows:expr, $entity:ident) => {
        for chunk in $rows.chunks(INSERT_CHUNK) {
            $entity::Entity::insert_many(chunk.iter().cloned().map($entity::ActiveModel::from))
                .exec($txn)
                .await?;
        }
    };
}

impl Batch {
    async fn write(self, db: &DatabaseConnection) -> Result<(), ApiError> {
        db.transaction::<_, (), ApiError>(|txn| {
            Box::pin(async move {
                insert_all!(txn, self.members, member);
                insert_all!(txn, self.accounts, savings_account);
                insert_all!(txn, self.movements, savings_movement);
                insert_all!(txn, self.loans, loan);
                insert_all!(txn, self.installments, loan_installment);
                insert_all!(txn, self.payments, loan_payment);
                Ok(())
            })
        })
        .await
        .map_err(|e| match e {
            sea_orm::TransactionError::Connection(e) => ApiError::from(e),
            sea_orm::TransactionError::Transaction(e) => e,
        })
    }
}

/// The koperasi's part of `satu seed-volume` (`Package::volume`).
pub fn seed_volume(
    db: &DatabaseConnection,
    v: VolumeArgs,
) -> BoxFuture<'_, Result<Written, ApiError>> {
    Box::pin(async move {
        if v.members == 0 {
            return Ok(Vec::new());
        }
        if v.members > MEMBERS_MAX {
            return Err(ApiError::validation(
                "members",
                format!("--members paling banyak {MEMBERS_MAX}."),
            ));
        }
        if v.days == 0 || v.days > crate::modules::pos::volume::DAYS_MAX {
            return Err(ApiError::validation("days", "--days antara 1 dan 3650."));
        }
        generate(db, v.days, v.members).await
    })
}

async fn generate(db: &DatabaseConnection, days: u32, members: u32) -> Result<Written, ApiError> {
    let Some(desk) = outlet::Entity::find()
        .filter(outlet::Column::Industry.eq("koperasi"))
        .one(db)
        .await?
    else {
        return Err(ApiError::validation(
            "members",
            "Tidak ada outlet koperasi: jalankan `satu seed-demo` dahulu.",
        ));
    };
    let tenant_id = desk.tenant_id.clone();
    let products = savings_product::Entity::find()
        .filter(savings_product::Column::TenantId.eq(&tenant_id))
        .all(db)
        .await?;
    let kind = |k: &str| products.iter().find(|p| p.kind == k && p.active).cloned();
    let (Some(pokok), Some(wajib), Some(sukarela)) =
        (kind("pokok"), kind("wajib"), kind("sukarela"))
    else {
        return Err(ApiError::validation(
            "members",
            "Produk simpanan pokok, wajib dan sukarela belum ada: jalankan `satu seed-demo`.",
        ));
    };
    let Some(loan_product) = loan_product::Entity::find()
        .filter(loan_product::Column::TenantId.eq(&tenant_id))
        .filter(loan_product::Column::Active.eq(true))
        .one(db)
        .await?
    else {
        return Err(ApiError::validation(
            "members",
            "Produk pinjaman belum ada: jalankan `satu seed-demo`.",
        ));
    };
    let whole = |text: &str| text.parse::<i64>().unwrap_or(0);
    let (pokok_amount, wajib_amount) = (
        whole(&pokok.fixed_amount).max(1),
        whole(&wajib.fixed_amount).max(1),
    );
    let sukarela_floor = whole(&sukarela.minimum_balance).max(0);
    let existing = member::Entity::find()
        .filter(member::Column::TenantId.eq(&tenant_id))
        .count(db)
        .await?;
    let existing_loans = loan::Entity::find()
        .filter(loan::Column::TenantId.eq(&tenant_id))
        .count(db)
        .await?;
    let zone = crate::kernel::business_day::Zone::parse(&desk.timezone);
    let yesterday = zone.today() - Duration::days(1);
    let first_day = yesterday - Duration::days(i64::from(days) - 1);
    let rule = penalty_rule(&loan_product);
    let order = allocation_order(&loan_product.allocation_order);
    let provision: Decimal = loan_product.provision_percent.parse().unwrap_or_default();
    let mut rng = Rng(0x4B5Bu64 ^ existing);
    let mut written = [0u64; 5];
    let mut batch = Batch::default();
    let mut loan_no = existing_loans;
    for n in 0..u64::from(members) {
        let serial = existing + n + 1;
        // Three in ten joined one to three years before the period; the rest join during it.
        let join = if rng.below(10) < 3 {
            first_day - Duration::days(365 + rng.below(730) as i64)
        } else {
            first_day + Duration::days(rng.below(u64::from(days)) as i64)
        };
        let sex = if rng.below(2) == 0 { "M" } else { "F" };
        let birth = NaiveDate::from_ymd_opt(
            1960 + (serial / 10_000) as i32 % 40,
            1 + (serial % 12) as u32,
            1 + (serial % 28) as u32,
        )
        .unwrap_or_default();
        let nik_day = birth.day() + if sex == "F" { 40 } else { 0 };
        // Kecamatan 06 of Semarang: the demo's own members are 05, so no NIK is taken twice.
        let nik = format!(
            "337406{nik_day:02}{:02}{:02}{:04}",
            birth.month(),
            birth.year() % 100,
            serial % 10_000
        );
        let m = member::Model {
            id: new_id(),
            tenant_id: tenant_id.clone(),
            member_no: format!("A{serial:06}"),
            nik,
            name: format!(
                "{} {}",
                FIRST[rng.below(FIRST.len() as u64) as usize],
                LAST[rng.below(LAST.len() as u64) as usize]
            ),
            sex: sex.into(),
            birth_date: birth.to_string(),
            address: format!("Jl. Volume No. {}, Semarang", 1 + serial % 400),
            phone: Some(format!("+62813{serial:08}")),
            email: None,
            occupation: Some(WORK[rng.below(WORK.len() as u64) as usize].into()),
            heir_name: None,
            heir_relation: None,
            join_date: join.to_string(),
            status: "active".into(),
            ktp_photo_url: None,
            user_id: None,
            created_by: TELLER.into(),
            created_at: Utc::now(),
        };
        // (product, deposits and withdrawals as (day, signed amount))
        let mut sukarela_moves = vec![(join, 50_000 + 10_000 * rng.below(150) as i64)];
        let mut day = join + Duration::days(30 + rng.below(60) as i64);
        while day <= yesterday {
            let balance: i64 = sukarela_moves.iter().map(|(_, a)| a).sum();
            let amount = if rng.below(3) == 0 && balance > sukarela_floor + 20_000 {
                -((balance - sukarela_floor) / 2 / 1_000 * 1_000)
            } else {
                10_000 * (1 + rng.below(50) as i64)
            };
            sukarela_moves.push((day, amount));
            day += Duration::days(30 + rng.below(90) as i64);
        }
        let mut wajib_moves = Vec::new();
        let mut month = 0;
        while let Some(due) = join.checked_add_months(Months::new(month)) {
            if due > yesterday {
                break;
            }
            wajib_moves.push((due, wajib_amount));
            month += 1;
        }
        for (p, moves) in [
            (&pokok, vec![(join, pokok_amount)]),
            (&wajib, wajib_moves),
            (&sukarela, sukarela_moves),
        ] {
            let account_id = new_id();
            let mut balance = 0i64;
            for (day, amount) in moves {
                balance += amount;
                batch.movements.push(savings_movement::Model {
                    id: new_id(),
                    tenant_id: tenant_id.clone(),
                    account_id: account_id.clone(),
                    member_id: m.id.clone(),
                    kind: if amount >= 0 { "deposit" } else { "withdrawal" }.into(),
                    amount: amount.abs(),
                    balance_after: balance,
                    note: None,
                    user_id: TELLER.into(),
                    device_id: None,
                    at: at(day, 2 + rng.below(8) as u32),
                });
            }
            batch.accounts.push(savings_account::Model {
                id: account_id,
                tenant_id: tenant_id.clone(),
                member_id: m.id.clone(),
                product_id: p.id.clone(),
                account_no: format!("{}-{}", p.code, m.member_no),
                balance,
                status: "active".into(),
                placed_on: None,
                maturity_date: None,
                opened_at: Utc::now(),
            });
        }
        // One member in seven borrows, a month or more after joining (an older member
        // within the last months).
        let disbursed =
            join.max(first_day - Duration::days(180)) + Duration::days(30 + rng.below(120) as i64);
        if rng.below(7) == 0 && disbursed < yesterday {
            loan_no += 1;
            let habit = rng.below(100);
            loan_of(
                &mut batch,
                &mut rng,
                LoanAsk {
                    tenant_id: &tenant_id,
                    member: &m,
                    product: &loan_product,
                    loan_no: format!("P{loan_no:06}"),
                    disbursed,
                    yesterday,
                    provision,
                    // 80 of 100 pay on the day, 12 a few days late, 8 stop after a while.
                    habit,
                },
                &rule,
                &order,
            )?;
        }
        batch.members.push(m);
        if batch.members.len() >= BATCH || n + 1 == u64::from(members) {
            let b = std::mem::take(&mut batch);
            written[0] += b.members.len() as u64;
            written[1] += b.movements.len() as u64;
            written[2] += b.loans.len() as u64;
            written[3] += b.installments.len() as u64;
            written[4] += b.payments.len() as u64;
            b.write(db).await?;
        }
    }
    let shoppers = shoppers(db, &tenant_id, existing, members).await?;
    Ok(vec![
        ("anggota", written[0]),
        ("mutasi simpanan", written[1]),
        ("pinjaman", written[2]),
        ("angsuran terjadwal", written[3]),
        ("pembayaran pinjaman", written[4]),
        ("anggota berbelanja di toko", shoppers.0),
        ("penjualan atas nama anggota", shoppers.1),
    ])
}

/// Members who shop at the koperasi's store: one in ten of those just added becomes a till
/// customer with her phone number (how the SHU finds her purchases) and is named on 12 of
/// the latest generated sales nobody is named on yet, so the SHU's jasa usaha has a year
/// of store purchases to share out. (Members, sales, customers counted.)
async fn shoppers(
    db: &DatabaseConnection,
    tenant_id: &str,
    existing: u64,
    members: u32,
) -> Result<(u64, u64), ApiError> {
    use crate::modules::pos::entity::{customer, sale};
    use sea_orm::sea_query::{Expr, Query};
    use sea_orm::{QueryOrder, QuerySelect};
    const SALES_EACH: u64 = 12;
    let shoppers: Vec<member::Model> = member::Entity::find()
        .filter(member::Column::TenantId.eq(tenant_id))
        .filter(member::Column::CreatedBy.eq(TELLER))
        // This run's numbers follow the members there were before it.
        .filter(member::Column::MemberNo.gt(format!("A{existing:06}")))
        .order_by_asc(member::Column::MemberNo)
        .limit(u64::from(members))
        .all(db)
        .await?
        .into_iter()
        .step_by(10)
        .collect();
    let (mut named, mut sales) = (0u64, 0u64);
    for m in shoppers {
        let c = customer::Model {
            id: new_id(),
            tenant_id: tenant_id.to_string(),
            name: m.name.clone(),
            phone: m.phone.clone(),
            member_user_id: None,
            created_at: Utc::now(),
        };
        let customer_id = c.id.clone();
        let tenant_id = tenant_id.to_string();
        db.transaction::<_, u64, ApiError>(|txn| {
            Box::pin(async move {
                customer::Entity::insert(customer::ActiveModel::from(c))
                    .exec(txn)
                    .await?;
                let latest = Query::select()
                    .column(sale::Column::Id)
                    .from(sale::Entity)
                    .and_where(Expr::col(sale::Column::TenantId).eq(tenant_id.as_str()))
                    .and_where(Expr::col(sale::Column::CustomerId).is_null())
                    .and_where(
                        Expr::col(sale::Column::CashierId).eq(crate::modules::pos::volume::CASHIER),
                    )
                    .order_by(sale::Column::Id, sea_orm::sea_query::Order::Desc)
                    .limit(SALES_EACH)
                    .to_owned();
                let done = sale::Entity::update_many()
                    .col_expr(sale::Column::CustomerId, Expr::value(customer_id))
                    .filter(sale::Column::Id.in_subquery(latest))
                    .exec(txn)
                    .await?;
                Ok(done.rows_affected)
            })
        })
        .await
        .map_err(|e| match e {
            sea_orm::TransactionError::Connection(e) => ApiError::from(e),
            sea_orm::TransactionError::Transaction(e) => e,
        })
        .map(|n| {
            named += 1;
            sales += n;
        })?;
    }
    Ok((named, sales))
}

struct LoanAsk<'a> {
    tenant_id: &'a str,
    member: &'a member::Model,
    product: &'a loan_product::Model,
    loan_no: String,
    disbursed: NaiveDate,
    yesterday: NaiveDate,
    provision: Decimal,
    habit: u64,
}

fn ledger_error(e: ledger::LedgerError) -> ApiError {
    ApiError::validation("loan", e.to_string())
}

/// A disbursed loan with its schedule and the repayments made until yesterday.
fn loan_of(
    batch: &mut Batch,
    rng: &mut Rng,
    ask: LoanAsk<'_>,
    rule: &ledger::DailyPenalty,
    order: &domain::loan::AllocationOrder,
) -> Result<(), ApiError> {
    let p = ask.product;
    let steps = ((p.max_amount.min(10_000_000) - p.min_amount) / 500_000).max(0) as u64;
    let amount = p.min_amount + 500_000 * rng.below(steps + 1) as i64;
    let tenors: Vec<i32> = [6, 10, 12, 18, 24]
        .into_iter()
        .filter(|t| (p.min_tenor..=p.max_tenor).contains(t))
        .collect();
    let tenor = tenors
        .get(rng.below(tenors.len() as u64) as usize)
        .copied()
        .unwrap_or(p.min_tenor.max(1));
    let provision_fee = (Decimal::from(amount) * ask.provision / Decimal::from(100))
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::ToZero);
    let provision_fee = i64::try_from(provision_fee).unwrap_or(0);
    let fees = p.admin_fee + provision_fee;
    let mut row = loan::Model {
        id: new_id(),
        tenant_id: ask.tenant_id.to_string(),
        loan_no: ask.loan_no,
        member_id: ask.member.id.clone(),
        product_id: p.id.clone(),
        officer_id: TELLER.into(),
        amount,
        tenor,
        purpose: "Modal usaha".into(),
        status: "disbursed".into(),
        method: p.method.clone(),
        rate_percent: p.rate_percent.clone(),
        rate_period: p.rate_period.clone(),
        admin_fee: p.admin_fee,
        provision_fee,
        fees_deducted: Some(true),
        analysis_notes: None,
        collateral_kind: None,
        collateral_description: None,
        collateral_value: 0,
        collateral_documents: None,
        approved_by: Some(TELLER.into()),
        approved_at: Some(at(ask.disbursed - Duration::days(1), 3)),
        second_approved_by: None,
        second_approved_at: None,
        rejected_by: None,
        rejection_reason: None,
        disbursed_on: Some(ask.disbursed.to_string()),
        disbursed_by: Some(TELLER.into()),
        net_disbursed: Some(amount - fees),
        closed_on: None,
        written_off_by: None,
        written_off_amount: None,
        version: 0,
        created_by: TELLER.into(),
        device_id: None,
        created_at: Utc::now(),
    };
    let terms = terms_of(&row, first_due(ask.disbursed)?)?;
    let schedule = domain::loan::schedule(&terms)
        .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let mut items = ledger::installments(&schedule).map_err(ledger_error)?;
    let by = Recorder {
        user_id: TELLER,
        device_id: None,
        at: None,
    };
    let payment = |kind: &str, source: &str, amount: i64, on: NaiveDate| {
        payment_row(&row, &by, kind, source, amount, on)
    };
    batch.payments.push(payment(
        "disbursement",
        "cash",
        amount - fees,
        ask.disbursed,
    ));
    batch
        .payments
        .push(payment("fee", "deducted", fees, ask.disbursed));
    let stops_after = if ask.habit >= 92 {
        Some(rng.below(u64::try_from(tenor).unwrap_or(1)) as u32)
    } else {
        None
    };
    let dues: Vec<(u32, NaiveDate)> = items.iter().map(|i| (i.period, i.due_date)).collect();
    let mut last_paid = ask.disbursed;
    for (period, due) in dues {
        if stops_after.is_some_and(|k| period > k) {
            break;
        }
        let late = if ask.habit >= 80 { rng.below(12) } else { 0 };
        let on = due + Duration::days(late as i64);
        if on > ask.yesterday {
            break;
        }
        let owed: Decimal = items
            .iter()
            .filter(|i| i.period == period)
            .map(|i| i.unpaid())
            .sum();
        // What is due now (the instalment and any denda on it), as one payment.
        let position = ledger::position(&items, on);
        let amount = owed + position.due.penalty;
        if amount <= Decimal::ZERO {
            continue;
        }
        last_paid = on;
        let split = ledger::repay(&mut items, on, amount, order, rule).map_err(ledger_error)?;
        let rupiah = |d: Decimal| i64::try_from(d).unwrap_or(0);
        let mut paid = payment("repayment", "cash", rupiah(split.total()), on);
        paid.penalty = rupiah(split.penalty);
        paid.interest = rupiah(split.interest);
        paid.principal = rupiah(split.principal);
        paid.advance = rupiah(split.advance);
        batch.payments.push(paid);
    }
    if ledger::position(&items, ask.yesterday).paid_off {
        row.status = "paid_off".into();
        row.closed_on = Some(last_paid.to_string());
    }
    batch
        .installments
        .extend(installment_rows(&row.tenant_id, &row.id, &items)?);
    batch.loans.push(row);
    Ok(())
}
