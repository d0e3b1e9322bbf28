//! A member leaves (resigns or has died): her running loans are paid off from her savings,
//! pending applications are rejected, every account is emptied — debts first, the rest
//! paid out to her or, on death, to her heir — and her status changes. One transaction;
//! refused with the shortfall when her savings do not cover her debts.
use axum::extract::State;
use domain::loan::ledger;
use domain::membership::{settle_exit, ExitAccount};
use domain::savings::SavingsKind;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::packages::koperasi::api::loan_payments::{savings_posting, SavingsPosting};
use crate::packages::koperasi::api::loans::{changed_rows, penalty_rule, to_domain};
use crate::packages::koperasi::api::members::load;
use crate::packages::koperasi::entity::loan_payment;
use crate::packages::koperasi::repo::{koperasi, loans};
pub use domain::api::koperasi::ExitView;

#[derive(Deserialize, ToSchema)]
pub struct ExitInput {
    /// `resigned` or `deceased`.
    pub reason: String,
    #[serde(default)]
    pub note: Option<String>,
}

fn kind_of(text: &str) -> SavingsKind {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .unwrap_or(SavingsKind::Sukarela)
}

fn rupiah(v: Decimal) -> ApiResult<i64> {
    i64::try_from(v).map_err(|_| ApiError::validation("amount", "Jumlah terlalu besar."))
}

#[utoipa::path(post, path = "/members/{id}/exit", tag = "koperasi", params(("id" = String, Path)),
    request_body = ExitInput,
    responses((status = 200, body = ExitView), (status = 404),
        (status = 422, description = "`debts_exceed_savings` with the shortfall, or the member is not active")))]
pub async fn exit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ExitInput>,
) -> ApiResult<Json<ExitView>> {
    auth.require(Permission::EXIT_MEMBER)?;
    let tenant_id = auth.tenant()?.to_string();
    let m = koperasi::find_member(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    if m.status != "active" {
        return Err(ApiError::Rejected {
            code: "member_inactive",
            message: "Anggota ini sudah keluar.".into(),
        });
    }
    let reason = match req.reason.trim() {
        r @ ("resigned" | "deceased") => r.to_string(),
        _ => {
            return Err(ApiError::validation(
                "reason",
                "Alasan keluar: resigned atau deceased.",
            ))
        }
    };
    let paid_to = if reason == "deceased" {
        m.heir_name
            .clone()
            .map(|h| format!("ahli waris {h}"))
            .ok_or_else(|| {
                ApiError::validation("reason", "Ahli waris belum tercatat pada data anggota.")
            })?
    } else {
        m.name.clone()
    };
    let day = koperasi::zone(&state.db, &tenant_id).await?.today();
    let products = koperasi::products(&state.db, &tenant_id).await?;
    let accounts = koperasi::accounts_of(&state.db, &tenant_id, &m.id).await?;
    let exit_accounts: Vec<ExitAccount> = accounts
        .iter()
        .map(|a| ExitAccount {
            id: a.id.clone(),
            kind: products
                .iter()
                .find(|p| p.id == a.product_id)
                .map(|p| kind_of(&p.kind))
                .unwrap_or(SavingsKind::Sukarela),
            balance: Decimal::from(a.balance),
        })
        .collect();

    // Running loans are paid off today; applications not yet paid out are rejected.
    let member_loans = loans::loans(
        &state.db,
        &tenant_id,
        loans::LoanFilter {
            member_id: Some(&m.id),
            ..Default::default()
        },
        1000,
    )
    .await?;
    let mut payoffs = Vec::new();
    let mut debts = Decimal::ZERO;
    let mut rejected = Vec::new();
    for l in member_loans {
        match l.status.as_str() {
            "disbursed" => {
                let product = loans::find_product(&state.db, &tenant_id, &l.product_id)
                    .await?
                    .ok_or(ApiError::NotFound("Produk pinjaman"))?;
                let rows = loans::installments(&state.db, &tenant_id, &l.id).await?;
                let mut items = to_domain(&rows)?;
                let q = ledger::pay_off(
                    &mut items,
                    day,
                    product.payoff_interest_periods.max(0) as u32,
                    &penalty_rule(&product),
                )
                .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
                debts += q.total;
                let payment = loan_payment::Model {
                    id: new_id(),
                    tenant_id: tenant_id.clone(),
                    loan_id: l.id.clone(),
                    member_id: m.id.clone(),
                    kind: "payoff".into(),
                    source: "savings".into(),
                    savings_account_id: None,
                    amount: rupiah(q.total)?,
                    penalty: rupiah(q.penalty)?,
                    interest: rupiah(q.interest)?,
                    principal: rupiah(q.principal)?,
                    advance: 0,
                    paid_on: day.to_string(),
                    note: Some("Pelunasan dari simpanan saat keluar".into()),
                    user_id: auth.user.id.clone(),
                    device_id: auth.device_id.clone(),
                    at: crate::kernel::business_day::now_text(),
                };
                let mut next = l.clone();
                next.status = "paid_off".into();
                next.closed_on = Some(day.to_string());
                payoffs.push((next, changed_rows(&rows, &items)?, payment));
            }
            "applied" | "analysed" | "awaiting_second_approval" | "approved" => {
                let mut next = l.clone();
                next.status = "rejected".into();
                next.rejected_by = Some(auth.user.id.clone());
                next.rejection_reason = Some("Anggota keluar".into());
                rejected.push(next);
            }
            _ => {}
        }
    }
    let settlement = settle_exit(&exit_accounts, debts).map_err(|e| match e {
        domain::membership::ExitError::DebtsExceedSavings { .. } => ApiError::Rejected {
            code: "debts_exceed_savings",
            message: e.to_string(),
        },
        other => ApiError::validation("amount", other.to_string()),
    })?;

    let actor = Actor::of(&auth);
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let (tid, mid) = (tenant_id.clone(), m.id.clone());
    let status = reason.clone();
    let note = req
        .note
        .map(|n| n.trim().chars().take(300).collect::<String>())
        .filter(|n| !n.is_empty());
    let lines = settlement.lines.clone();
    let account_ids: Vec<String> = accounts.iter().map(|a| a.id.clone()).collect();
    let after = json!({"status": status, "savings": settlement.savings.to_string(),
        "debts": settlement.debts.to_string(), "paid_out": settlement.paid_out.to_string(),
        "paid_to": paid_to, "note": note});
    let paid_to_note = paid_to.clone();
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            for (next, rows, payment) in payoffs {
                if !loans::save_loan(txn, next).await? {
                    return Err(ApiError::conflict(
                        "loan_changed",
                        "Pinjaman baru saja diubah orang lain. Muat ulang lalu coba lagi.",
                    ));
                }
                for r in rows {
                    loans::update_installment(txn, r).await?;
                }
                loans::insert_payment(txn, payment).await?;
            }
            for next in rejected {
                if !loans::save_loan(txn, next).await? {
                    return Err(ApiError::conflict(
                        "loan_changed",
                        "Pinjaman baru saja diubah orang lain. Muat ulang lalu coba lagi.",
                    ));
                }
            }
            for line in lines {
                for (amount, kind, note) in [
                    (
                        line.to_debts,
                        "exit_debts",
                        "Pelunasan pinjaman saat keluar".to_string(),
                    ),
                    (
                        line.paid_out,
                        "exit_payout",
                        format!("Dibayarkan kepada {paid_to_note}"),
                    ),
                ] {
                    if amount.is_zero() {
                        continue;
                    }
                    savings_posting(
                        txn,
                        SavingsPosting {
                            tenant_id: &tid,
                            account_id: &line.account_id,
                            member_id: &mid,
                            delta: -rupiah(amount)?,
                            floor: Some(0),
                            kind,
                            note,
                            user_id: &user_id,
                            device_id: device_id.clone(),
                        },
                    )
                    .await?;
                }
            }
            for account_id in &account_ids {
                // A berjangka placement ends with the membership.
                koperasi::set_placement(txn, &tid, account_id, None).await?;
            }
            koperasi::set_member_status(txn, &tid, &mid, &status).await?;
            audit
                .record(
                    Change::new("member.exit", "member", &mid)
                        .before(json!({"status": "active"}))
                        .after(after),
                )
                .await
        })
    })
    .await?;
    let m = koperasi::find_member(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    Ok(Json(ExitView {
        member: load(&state, m).await?,
        savings: settlement.savings.to_string(),
        debts: settlement.debts.to_string(),
        paid_out: settlement.paid_out.to_string(),
        paid_to,
    }))
}
