//! Simpanan berjangka when its term ends or is broken. At maturity the deposit and its
//! simple interest (less the PP 15/2009 tax) move to the member's sukarela account; taken
//! out early, no interest is paid and the product's penalty is kept. Either way the
//! placement ends and the account may be placed again.
use axum::extract::State;
use domain::savings::{early_withdrawal, time_deposit_maturity, InterestTaxSettings, TimeDeposit};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::packages::koperasi::api::loan_payments::{savings_posting, SavingsPosting};
use crate::packages::koperasi::entity::{savings_account, savings_product};
use crate::packages::koperasi::repo::koperasi;

#[derive(Serialize, ToSchema)]
pub struct TimeDepositResult {
    pub principal: String,
    pub gross_interest: String,
    pub tax: String,
    pub net_interest: String,
    pub penalty: String,
    /// Moved to sukarela (maturity) or paid out in cash (early).
    pub paid: String,
}

async fn placed_account(
    state: &AppState,
    tenant_id: &str,
    id: &str,
) -> ApiResult<(savings_account::Model, savings_product::Model)> {
    let account = koperasi::find_account(&state.db, tenant_id, id)
        .await?
        .ok_or(ApiError::NotFound("Rekening simpanan"))?;
    let product = koperasi::find_product(&state.db, tenant_id, &account.product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk simpanan"))?;
    if product.kind != "berjangka" {
        return Err(ApiError::validation(
            "account",
            "Hanya untuk simpanan berjangka.",
        ));
    }
    if account.placed_on.is_none() || account.balance <= 0 {
        return Err(ApiError::Rejected {
            code: "not_placed",
            message: "Rekening berjangka ini belum ada penempatan.".into(),
        });
    }
    Ok((account, product))
}

fn rupiah(v: Decimal) -> i64 {
    i64::try_from(v).unwrap_or(0)
}

struct Leg {
    account_id: String,
    delta: i64,
    kind: &'static str,
    note: String,
}

async fn post(
    state: &AppState,
    auth: &Auth,
    account: &savings_account::Model,
    legs: Vec<Leg>,
    action: &'static str,
    after: serde_json::Value,
) -> ApiResult<()> {
    let actor = Actor::of(auth);
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let (tid, aid, mid) = (
        account.tenant_id.clone(),
        account.id.clone(),
        account.member_id.clone(),
    );
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            if !koperasi::set_placement(txn, &tid, &aid, None).await? {
                return Err(ApiError::conflict(
                    "not_placed",
                    "Simpanan berjangka ini baru saja dicairkan.",
                ));
            }
            for leg in legs {
                if leg.delta == 0 {
                    continue;
                }
                savings_posting(
                    txn,
                    SavingsPosting {
                        tenant_id: &tid,
                        account_id: &leg.account_id,
                        member_id: &mid,
                        delta: leg.delta,
                        floor: Some(0),
                        kind: leg.kind,
                        note: leg.note,
                        user_id: &user_id,
                        device_id: device_id.clone(),
                    },
                )
                .await?;
            }
            audit
                .record(Change::new(action, "savings_account", &aid).after(after))
                .await
        })
    })
    .await?;
    Ok(())
}

#[utoipa::path(post, path = "/savings-accounts/{id}/maturity", tag = "koperasi", params(("id" = String, Path)),
    responses((status = 200, body = TimeDepositResult), (status = 404),
        (status = 422, description = "Not yet matured, not placed, or no sukarela account")))]
pub async fn mature(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<TimeDepositResult>> {
    auth.require(Permission::TELLER_SAVINGS)?;
    let tenant_id = auth.tenant()?.to_string();
    let (account, product) = placed_account(&state, &tenant_id, &id).await?;
    let matures = account.maturity_date.clone().unwrap_or_default();
    if koperasi::zone(&state.db, &tenant_id)
        .await?
        .today()
        .to_string()
        < matures
    {
        return Err(ApiError::Rejected {
            code: "not_matured",
            message: format!(
                "Belum jatuh tempo ({matures}). Penarikan sebelum jatuh tempo dikenai penalti."
            ),
        });
    }
    let sukarela = koperasi::products(&state.db, &tenant_id)
        .await?
        .into_iter()
        .find(|p| p.kind == "sukarela")
        .ok_or_else(|| ApiError::Rejected {
            code: "no_sukarela",
            message: "Koperasi belum punya produk simpanan sukarela.".into(),
        })?;
    let target = koperasi::accounts_of(&state.db, &tenant_id, &account.member_id)
        .await?
        .into_iter()
        .find(|a| a.product_id == sukarela.id)
        .ok_or_else(|| ApiError::Rejected {
            code: "no_sukarela",
            message: "Anggota belum punya rekening sukarela.".into(),
        })?;
    let m = time_deposit_maturity(&TimeDeposit {
        principal: Decimal::from(account.balance),
        rate_percent_per_year: product.rate_percent.parse().unwrap_or_default(),
        term_months: product.term_months.max(1) as u32,
        tax: Some(InterestTaxSettings::default()),
    })
    .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let no = account.account_no.clone();
    let legs = vec![
        Leg {
            account_id: account.id.clone(),
            delta: -account.balance,
            kind: "maturity",
            note: format!("Jatuh tempo, dipindah ke {}", target.account_no),
        },
        Leg {
            account_id: target.id.clone(),
            delta: account.balance,
            kind: "berjangka_principal",
            note: format!("Pokok berjangka {no}"),
        },
        Leg {
            account_id: target.id.clone(),
            delta: rupiah(m.gross_interest),
            kind: "interest",
            note: format!("Bunga berjangka {no}"),
        },
        Leg {
            account_id: target.id.clone(),
            delta: -rupiah(m.tax),
            kind: "interest_tax",
            note: format!("PPh final bunga berjangka {no} (PP 15/2009)"),
        },
    ];
    let result = TimeDepositResult {
        principal: account.balance.to_string(),
        gross_interest: m.gross_interest.to_string(),
        tax: m.tax.to_string(),
        net_interest: m.net_interest.to_string(),
        penalty: "0".into(),
        paid: m.maturity_amount.to_string(),
    };
    let after = json!({"principal": result.principal, "net_interest": result.net_interest, "to": target.id});
    post(
        &state,
        &auth,
        &account,
        legs,
        "savings.berjangka_maturity",
        after,
    )
    .await?;
    Ok(Json(result))
}

#[utoipa::path(post, path = "/savings-accounts/{id}/early-withdrawal", tag = "koperasi", params(("id" = String, Path)),
    responses((status = 200, body = TimeDepositResult), (status = 404), (status = 422)))]
pub async fn withdraw_early(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<TimeDepositResult>> {
    // Breaking a term deposit costs the member: a manager decides.
    auth.require(Permission::MANAGE_SAVINGS_PRODUCTS)?;
    let tenant_id = auth.tenant()?.to_string();
    let (account, product) = placed_account(&state, &tenant_id, &id).await?;
    let (penalty, paid) = early_withdrawal(
        Decimal::from(account.balance),
        product.early_penalty_percent.parse().unwrap_or_default(),
    )
    .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    // Two rows, so the cash book sees only what left the till.
    let legs = vec![
        Leg {
            account_id: account.id.clone(),
            delta: -rupiah(paid),
            kind: "early_withdrawal",
            note: "Dibayarkan sebelum jatuh tempo".into(),
        },
        Leg {
            account_id: account.id.clone(),
            delta: -rupiah(penalty),
            kind: "early_penalty",
            note: format!(
                "Penalti {}% pencairan sebelum jatuh tempo",
                product.early_penalty_percent
            ),
        },
    ];
    let result = TimeDepositResult {
        principal: account.balance.to_string(),
        gross_interest: "0".into(),
        tax: "0".into(),
        net_interest: "0".into(),
        penalty: penalty.to_string(),
        paid: paid.to_string(),
    };
    let after =
        json!({"principal": result.principal, "penalty": result.penalty, "paid": result.paid});
    post(
        &state,
        &auth,
        &account,
        legs,
        "savings.berjangka_early",
        after,
    )
    .await?;
    Ok(Json(result))
}
