//! Money moving on a loan: disbursement (fixes the schedule, fees deducted or paid
//! separately), repayments at the teller or from the member's sukarela savings, early
//! payoff and write-off. Each is one transaction: the loan (version-checked, so two
//! tellers cannot apply payments on the same stale figures), its instalments, the
//! payment row, any savings movement, and the audit entry.
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use domain::loan::ledger::{self, Installment};
use domain::loan::schedule;
use rust_decimal::Decimal;
use sea_orm::DatabaseTransaction;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::business_day::Zone;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::packages::koperasi::api::loans::{
    allocation_order, changed_rows, first_due, installment_rows, load_view, penalty_rule,
    readable_loan, terms_of, AsOf, LoanView, Recorder,
};
use crate::packages::koperasi::entity::{
    loan, loan_installment, loan_payment, loan_product, savings_movement,
};
use crate::packages::koperasi::repo::{koperasi, loans};
pub use domain::api::koperasi::PayoffQuoteView;

fn ledger_error(e: ledger::LedgerError) -> ApiError {
    ApiError::validation(e.field(), e.to_string())
}

fn rupiah(v: Decimal) -> ApiResult<i64> {
    i64::try_from(v).map_err(|_| ApiError::validation("amount", "Jumlah terlalu besar."))
}

fn business_day(
    zone: Zone,
    field: &str,
    text: Option<&str>,
    not_before: Option<NaiveDate>,
) -> ApiResult<NaiveDate> {
    let day = match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => crate::kernel::input::date(field, t)?,
        None => zone.today(),
    };
    if day > zone.today() {
        return Err(ApiError::validation(
            field,
            "Tanggal tidak boleh di masa depan.",
        ));
    }
    if let Some(min) = not_before.filter(|m| day < *m) {
        return Err(ApiError::validation(
            field,
            format!("Tanggal tidak boleh sebelum {min}."),
        ));
    }
    Ok(day)
}

async fn loan_and_product(
    state: &AppState,
    tenant_id: &str,
    id: &str,
) -> ApiResult<(loan::Model, loan_product::Model)> {
    let l = loans::find_loan(&state.db, tenant_id, id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    let p = loans::find_product(&state.db, tenant_id, &l.product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk pinjaman"))?;
    Ok((l, p))
}

struct Posting {
    loan_before: loan::Model,
    loan_after: loan::Model,
    installments: Vec<loan_installment::Model>,
    new_installments: Vec<loan_installment::Model>,
    payments: Vec<loan_payment::Model>,
    /// Savings account debited (negative) or credited, and the ledger kind.
    savings: Option<(String, i64, Option<i64>, &'static str)>,
    action: &'static str,
}

/// Writes a posting in one transaction.
async fn post(state: &AppState, auth: &Auth, p: Posting) -> ApiResult<()> {
    let actor = Actor::of(auth);
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let tid = p.loan_after.tenant_id.clone();
            let lid = p.loan_after.id.clone();
            let member_id = p.loan_after.member_id.clone();
            let loan_no = p.loan_after.loan_no.clone();
            let after = json!({"status": p.loan_after.status,
                    "payments": p.payments.iter().map(|x| json!({"kind": x.kind, "source": x.source,
                        "amount": x.amount, "penalty": x.penalty, "interest": x.interest,
                        "principal": x.principal, "paid_on": x.paid_on})).collect::<Vec<_>>()});
            if !loans::save_loan(txn, p.loan_after).await? {
                return Err(ApiError::conflict(
                    "loan_changed",
                    "Pinjaman baru saja diubah orang lain. Muat ulang lalu coba lagi.",
                ));
            }
            loans::insert_installments(txn, p.new_installments).await?;
            for row in p.installments {
                loans::update_installment(txn, row).await?;
            }
            if let Some((account_id, delta, floor, kind)) = p.savings {
                savings_posting(
                    txn,
                    SavingsPosting {
                        tenant_id: &tid,
                        account_id: &account_id,
                        member_id: &member_id,
                        delta,
                        floor,
                        kind,
                        note: format!("Pinjaman {loan_no}"),
                        user_id: &user_id,
                        device_id: device_id.clone(),
                    },
                )
                .await?;
            }
            for row in p.payments {
                loans::insert_payment(txn, row).await?;
            }
            audit
                .record(
                    Change::new(p.action, "loan", &lid)
                        .before(json!({"status": p.loan_before.status,
                            "version": p.loan_before.version}))
                        .after(after),
                )
                .await
        })
    })
    .await?;
    Ok(())
}

pub struct SavingsPosting<'a> {
    pub tenant_id: &'a str,
    pub account_id: &'a str,
    pub member_id: &'a str,
    pub delta: i64,
    pub floor: Option<i64>,
    pub kind: &'static str,
    pub note: String,
    pub user_id: &'a str,
    pub device_id: Option<String>,
}

/// A savings movement inside someone else's transaction (loan repayment from savings,
/// SHU posted to sukarela), with the same no-overdraft guard as the teller.
pub async fn savings_posting(txn: &DatabaseTransaction, s: SavingsPosting<'_>) -> ApiResult<()> {
    if !koperasi::change_balance(txn, s.tenant_id, s.account_id, s.delta, s.floor).await? {
        return Err(ApiError::Rejected {
            code: "insufficient_savings",
            message: "Saldo simpanan tidak cukup.".into(),
        });
    }
    let after = koperasi::find_account(txn, s.tenant_id, s.account_id)
        .await?
        .map(|a| a.balance)
        .unwrap_or(0);
    Ok(koperasi::insert_movement(
        txn,
        savings_movement::Model {
            id: new_id(),
            tenant_id: s.tenant_id.to_string(),
            account_id: s.account_id.to_string(),
            member_id: s.member_id.to_string(),
            kind: s.kind.into(),
            amount: s.delta.abs(),
            balance_after: after,
            note: Some(s.note),
            user_id: s.user_id.to_string(),
            device_id: s.device_id,
            at: crate::kernel::business_day::now_text(),
        },
    )
    .await?)
}

fn payment_row(
    l: &loan::Model,
    auth: &Auth,
    kind: &str,
    source: &str,
    amount: i64,
    paid_on: NaiveDate,
) -> loan_payment::Model {
    let by = Recorder {
        user_id: &auth.user.id,
        device_id: auth.device_id.as_deref(),
        at: Some(crate::kernel::business_day::now_text()),
    };
    crate::packages::koperasi::api::loans::payment_row(l, &by, kind, source, amount, paid_on)
}

async fn reload(
    state: &AppState,
    tenant_id: &str,
    id: &str,
    day: NaiveDate,
) -> ApiResult<LoanView> {
    let l = loans::find_loan(&state.db, tenant_id, id)
        .await?
        .ok_or(ApiError::NotFound("Pinjaman"))?;
    let zone = koperasi::zone(&state.db, tenant_id).await?;
    load_view(&state.db, l, day.max(zone.today())).await
}

// ---------------------------------------------------------------- disbursement

#[derive(Deserialize, ToSchema)]
pub struct DisbursementInput {
    /// `YYYY-MM-DD`, today (the koperasi's zone) when absent; the first instalment falls a month later.
    #[serde(default)]
    pub disbursed_on: Option<String>,
    /// True: admin and provision fees are deducted from what is paid out. False: the
    /// member pays them separately at the counter.
    #[serde(default = "yes")]
    pub fees_deducted: bool,
}

fn yes() -> bool {
    true
}

#[utoipa::path(post, path = "/loans/{id}/disbursement", tag = "koperasi", params(("id" = String, Path)),
    request_body = DisbursementInput, responses((status = 200, body = LoanView), (status = 404), (status = 422)))]
pub async fn disburse(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<DisbursementInput>,
) -> ApiResult<Json<LoanView>> {
    auth.require(Permission::DISBURSE_LOAN)?;
    let tenant_id = auth.tenant()?.to_string();
    let (l, _) = loan_and_product(&state, &tenant_id, &id).await?;
    if l.status != "approved" {
        return Err(ApiError::Rejected {
            code: "loan_status",
            message: "Hanya pinjaman yang sudah disetujui dapat dicairkan.".into(),
        });
    }
    // A date in the past is allowed: paper loans are entered after the fact.
    let zone = koperasi::zone(&state.db, &tenant_id).await?;
    let day = business_day(zone, "disbursed_on", req.disbursed_on.as_deref(), None)?;
    let s = schedule(&terms_of(&l, first_due(day)?)?)
        .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let items = ledger::installments(&s).map_err(ledger_error)?;
    let rows = installment_rows(&tenant_id, &l.id, &items)?;
    let fees = l.admin_fee + l.provision_fee;
    let net = if req.fees_deducted {
        l.amount - fees
    } else {
        l.amount
    };
    let mut next = l.clone();
    next.status = "disbursed".into();
    next.fees_deducted = Some(req.fees_deducted);
    next.disbursed_on = Some(day.to_string());
    next.disbursed_by = Some(auth.user.id.clone());
    next.net_disbursed = Some(net);
    let mut payments = vec![payment_row(&l, &auth, "disbursement", "cash", net, day)];
    if fees > 0 {
        let source = if req.fees_deducted {
            "deducted"
        } else {
            "cash"
        };
        let mut fee = payment_row(&l, &auth, "fee", source, fees, day);
        fee.note = Some(format!(
            "Administrasi {} + provisi {}",
            l.admin_fee, l.provision_fee
        ));
        payments.push(fee);
    }
    post(
        &state,
        &auth,
        Posting {
            loan_before: l,
            loan_after: next,
            installments: Vec::new(),
            new_installments: rows,
            payments,
            savings: None,
            action: "loan.disburse",
        },
    )
    .await?;
    Ok(Json(reload(&state, &tenant_id, &id, day).await?))
}

// ---------------------------------------------------------------- repayments

#[derive(Deserialize, ToSchema)]
pub struct RepaymentInput {
    #[schema(value_type = String, example = "560000")]
    pub amount: Decimal,
    /// `YYYY-MM-DD`, today (the koperasi's zone) when absent (a collector's receipt entered later).
    #[serde(default)]
    pub paid_on: Option<String>,
    /// `cash` (teller) or `savings` (deducted from the member's account).
    #[serde(default = "cash")]
    pub source: String,
    /// The sukarela account to deduct from, when `source` is `savings`.
    #[serde(default)]
    pub savings_account_id: Option<String>,
}

fn cash() -> String {
    "cash".into()
}

#[derive(Serialize, ToSchema)]
pub struct RepaymentResult {
    pub payment: crate::packages::koperasi::api::loans::LoanPaymentView,
    pub loan: LoanView,
}

/// The savings account a repayment may be deducted from: the member's own, of a product
/// that allows withdrawals, keeping its minimum balance.
async fn deduction_account(
    state: &AppState,
    tenant_id: &str,
    l: &loan::Model,
    account_id: Option<&str>,
) -> ApiResult<(String, i64)> {
    let id = account_id
        .filter(|a| !a.is_empty())
        .ok_or_else(|| ApiError::validation("savings_account_id", "Pilih rekening simpanan."))?;
    let account = koperasi::find_account(&state.db, tenant_id, id)
        .await?
        .filter(|a| a.member_id == l.member_id)
        .ok_or(ApiError::NotFound("Rekening simpanan"))?;
    let product = koperasi::find_product(&state.db, tenant_id, &account.product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk simpanan"))?;
    if product.kind != "sukarela" {
        return Err(ApiError::validation(
            "savings_account_id",
            "Potongan hanya dari simpanan sukarela.",
        ));
    }
    let floor = product.minimum_balance.parse::<i64>().unwrap_or(0);
    Ok((account.id, floor))
}

async fn last_payment_day(state: &AppState, l: &loan::Model) -> ApiResult<Option<NaiveDate>> {
    let rows = loans::payments(&state.db, &l.tenant_id, &l.id).await?;
    Ok(rows
        .iter()
        .filter_map(|p| NaiveDate::parse_from_str(&p.paid_on, "%Y-%m-%d").ok())
        .max())
}

enum Kind {
    Repayment(Decimal),
    Payoff,
}

async fn pay(
    state: &AppState,
    auth: &Auth,
    id: &str,
    kind: Kind,
    paid_on: Option<&str>,
    source: &str,
    account: Option<&str>,
) -> ApiResult<(StatusCode, Json<RepaymentResult>)> {
    auth.require(Permission::TELLER_SAVINGS)?;
    let tenant_id = auth.tenant()?.to_string();
    let (l, product) = loan_and_product(state, &tenant_id, id).await?;
    if l.status != "disbursed" {
        return Err(ApiError::Rejected {
            code: "loan_status",
            message: "Pinjaman ini tidak sedang berjalan.".into(),
        });
    }
    // Denda accrues forward in time, so payments are entered in date order.
    let last = last_payment_day(state, &l).await?;
    let zone = koperasi::zone(&state.db, &tenant_id).await?;
    let day = business_day(zone, "paid_on", paid_on, last)?;
    let rows = loans::installments(&state.db, &tenant_id, &l.id).await?;
    let mut items: Vec<Installment> = crate::packages::koperasi::api::loans::to_domain(&rows)?;
    let rule = penalty_rule(&product);
    let mut payment = payment_row(&l, auth, "repayment", source, 0, day);
    match kind {
        Kind::Repayment(amount) => {
            crate::kernel::input::whole_rupiah("amount", amount)?;
            let split = ledger::repay(
                &mut items,
                day,
                amount,
                &allocation_order(&product.allocation_order),
                &rule,
            )
            .map_err(ledger_error)?;
            payment.amount = rupiah(split.total())?;
            payment.penalty = rupiah(split.penalty)?;
            payment.interest = rupiah(split.interest)?;
            payment.principal = rupiah(split.principal)?;
            payment.advance = rupiah(split.advance)?;
        }
        Kind::Payoff => {
            let q = ledger::pay_off(
                &mut items,
                day,
                product.payoff_interest_periods.max(0) as u32,
                &rule,
            )
            .map_err(ledger_error)?;
            payment.kind = "payoff".into();
            payment.amount = rupiah(q.total)?;
            payment.penalty = rupiah(q.penalty)?;
            payment.interest = rupiah(q.interest)?;
            payment.principal = rupiah(q.principal)?;
            payment.note = Some(format!("Bunga dibebaskan {}", q.waived_interest));
        }
    }
    let savings = match source {
        "cash" => None,
        "savings" => {
            let (account_id, floor) = deduction_account(state, &tenant_id, &l, account).await?;
            payment.savings_account_id = Some(account_id.clone());
            Some((account_id, -payment.amount, Some(floor), "loan_repayment"))
        }
        _ => {
            return Err(ApiError::validation(
                "source",
                "Sumber pembayaran: cash atau savings.",
            ))
        }
    };
    let mut next = l.clone();
    if ledger::position(&items, day).paid_off {
        next.status = "paid_off".into();
        next.closed_on = Some(day.to_string());
    }
    let changed = changed_rows(&rows, &items)?;
    let saved_payment = payment.clone();
    post(
        state,
        auth,
        Posting {
            loan_before: l,
            loan_after: next,
            installments: changed,
            new_installments: Vec::new(),
            payments: vec![payment],
            savings,
            action: if saved_payment.kind == "payoff" {
                "loan.payoff"
            } else {
                "loan.repay"
            },
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(RepaymentResult {
            payment: crate::packages::koperasi::api::loans::payment_view(saved_payment),
            loan: reload(state, &tenant_id, id, day).await?,
        }),
    ))
}

#[utoipa::path(post, path = "/loans/{id}/repayments", tag = "koperasi", params(("id" = String, Path)),
    request_body = RepaymentInput,
    responses((status = 201, body = RepaymentResult), (status = 404),
        (status = 422, description = "More than the loan owes, a date before the last payment, or savings too low")))]
pub async fn repay(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<RepaymentInput>,
) -> ApiResult<(StatusCode, Json<RepaymentResult>)> {
    pay(
        &state,
        &auth,
        &id,
        Kind::Repayment(req.amount),
        req.paid_on.as_deref(),
        req.source.trim(),
        req.savings_account_id.as_deref(),
    )
    .await
}

#[derive(Deserialize, ToSchema)]
pub struct PayoffInput {
    #[serde(default)]
    pub paid_on: Option<String>,
    #[serde(default = "cash")]
    pub source: String,
    #[serde(default)]
    pub savings_account_id: Option<String>,
}

#[utoipa::path(post, path = "/loans/{id}/payoff", tag = "koperasi", params(("id" = String, Path)),
    request_body = PayoffInput, responses((status = 201, body = RepaymentResult), (status = 404), (status = 422)))]
pub async fn pay_off(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<PayoffInput>,
) -> ApiResult<(StatusCode, Json<RepaymentResult>)> {
    pay(
        &state,
        &auth,
        &id,
        Kind::Payoff,
        req.paid_on.as_deref(),
        req.source.trim(),
        req.savings_account_id.as_deref(),
    )
    .await
}

#[utoipa::path(get, path = "/loans/{id}/payoff", tag = "koperasi", params(("id" = String, Path), AsOf),
    responses((status = 200, body = PayoffQuoteView), (status = 404)))]
pub async fn payoff_quote(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Query(q): Query<AsOf>,
) -> ApiResult<Json<PayoffQuoteView>> {
    let l = readable_loan(&state, &auth, &id).await?;
    let zone = koperasi::zone(&state.db, &l.tenant_id).await?;
    let day = crate::packages::koperasi::api::loans::as_of(&q, zone)?;
    let product = loans::find_product(&state.db, &l.tenant_id, &l.product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk pinjaman"))?;
    let rows = loans::installments(&state.db, &l.tenant_id, &l.id).await?;
    let (items, _) = crate::packages::koperasi::api::loans::standing(&rows, &product, day)?;
    let quote = ledger::payoff_quote(&items, day, product.payoff_interest_periods.max(0) as u32);
    Ok(Json(PayoffQuoteView {
        as_of: day.to_string(),
        principal: quote.principal.to_string(),
        interest: quote.interest.to_string(),
        penalty: quote.penalty.to_string(),
        waived_interest: quote.waived_interest.to_string(),
        total: quote.total.to_string(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct WriteOffInput {
    pub reason: String,
}

#[utoipa::path(post, path = "/loans/{id}/write-off", tag = "koperasi", params(("id" = String, Path)),
    request_body = WriteOffInput, responses((status = 200, body = LoanView), (status = 404), (status = 422)))]
pub async fn write_off(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<WriteOffInput>,
) -> ApiResult<Json<LoanView>> {
    auth.require(Permission::WRITE_OFF_LOAN)?;
    let tenant_id = auth.tenant()?.to_string();
    let (l, product) = loan_and_product(&state, &tenant_id, &id).await?;
    if l.status != "disbursed" {
        return Err(ApiError::Rejected {
            code: "loan_status",
            message: "Hanya pinjaman berjalan yang dapat dihapusbukukan.".into(),
        });
    }
    let reason = req.reason.trim();
    if reason.is_empty() {
        return Err(ApiError::validation(
            "reason",
            "Alasan hapus buku wajib diisi.",
        ));
    }
    let day = koperasi::zone(&state.db, &tenant_id).await?.today();
    let rows = loans::installments(&state.db, &tenant_id, &l.id).await?;
    let (_, pos) = crate::packages::koperasi::api::loans::standing(&rows, &product, day)?;
    let outstanding = rupiah(pos.outstanding_principal)?;
    let mut next = l.clone();
    next.status = "written_off".into();
    next.closed_on = Some(day.to_string());
    next.written_off_by = Some(auth.user.id.clone());
    next.written_off_amount = Some(outstanding);
    let mut row = payment_row(&l, &auth, "write_off", "none", outstanding, day);
    row.principal = outstanding;
    row.note = Some(reason.chars().take(300).collect());
    post(
        &state,
        &auth,
        Posting {
            loan_before: l,
            loan_after: next,
            installments: Vec::new(),
            new_installments: Vec::new(),
            payments: vec![row],
            savings: None,
            action: "loan.write_off",
        },
    )
    .await?;
    Ok(Json(reload(&state, &tenant_id, &id, day).await?))
}
