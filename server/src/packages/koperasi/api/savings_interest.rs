//! Month-end interest on simpanan sukarela: for every account of a sukarela product with
//! a rate, the month's end-of-day balances are read from its ledger, the interest is
//! computed by the product's method (daily balance or the month's minimum) with
//! `domain::savings`, the final tax of PP 15/2009 is withheld, and both are posted to
//! the passbook. A month is posted once per account (unique index); posting again only
//! adds accounts that were missed.
use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{Datelike, NaiveDate};
use domain::savings::{
    interest_tax, month_balances, sukarela_interest, InterestTaxSettings, SukarelaSettings,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::Json;
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::packages::koperasi::api::loan_payments::{savings_posting, SavingsPosting};

use crate::packages::koperasi::entity::savings_interest_posting;
use crate::packages::koperasi::repo::{koperasi, shu};

#[derive(Deserialize, ToSchema)]
#[schema(as = InterestPostingInput)]
pub struct PostingInput {
    /// `YYYY-MM`; a month that has ended.
    pub month: String,
}

#[derive(Serialize, ToSchema)]
pub struct PostedAccount {
    pub account_id: String,
    pub member_id: String,
    pub gross: String,
    pub tax: String,
    pub net: String,
}

#[derive(Serialize, ToSchema)]
pub struct PostingResult {
    pub month: String,
    pub accounts: Vec<PostedAccount>,
    pub gross: String,
    pub tax: String,
    pub net: String,
    /// Accounts already posted for this month (left as they were).
    pub skipped: u32,
}

#[utoipa::path(post, path = "/savings-interest-postings", tag = "koperasi", request_body = PostingInput,
    responses((status = 201, body = PostingResult), (status = 422, description = "Not a month that has ended")))]
pub async fn post_month(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<PostingInput>,
) -> ApiResult<(StatusCode, Json<PostingResult>)> {
    auth.require(Permission::MANAGE_SAVINGS_PRODUCTS)?;
    let tenant_id = auth.tenant()?.to_string();
    let first = crate::kernel::input::date("month", &format!("{}-01", req.month.trim()))
        .map_err(|_| ApiError::validation("month", "Bulan harus berformat TTTT-BB."))?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(|| ApiError::validation("month", "Bulan tidak valid."))?;
    let zone = koperasi::zone(&state.db, &tenant_id).await?;
    if next > zone.today() {
        return Err(ApiError::validation(
            "month",
            "Bunga diposting setelah bulan berakhir.",
        ));
    }
    let month = format!("{:04}-{:02}", first.year(), first.month());
    let last = next.pred_opt().unwrap_or(first);
    let until = zone.midnight_text(next);
    let month_start = zone.midnight_text(first);

    let products: HashMap<String, _> = koperasi::products(&state.db, &tenant_id)
        .await?
        .into_iter()
        .filter(|p| p.kind == "sukarela")
        .filter(|p| p.rate_percent.parse::<Decimal>().unwrap_or_default() > Decimal::ZERO)
        .map(|p| (p.id.clone(), p))
        .collect();
    let done = koperasi::interest_posted_accounts(&state.db, &tenant_id, &month).await?;
    // Each account's ledger up to the month's end.
    let mut ledger: HashMap<String, Vec<(String, i64)>> = HashMap::new();
    let mut member_of: HashMap<String, String> = HashMap::new();
    for mv in shu::movements_before(&state.db, &tenant_id, &until).await? {
        member_of.insert(mv.account_id.clone(), mv.member_id.clone());
        ledger
            .entry(mv.account_id)
            .or_default()
            .push((mv.at, mv.balance_after));
    }
    let tax_rule = InterestTaxSettings::default();
    let mut postings = Vec::new();
    let mut skipped = 0u32;
    for (account_id, rows) in &ledger {
        let Some(account) = koperasi::find_account(&state.db, &tenant_id, account_id).await? else {
            continue;
        };
        let Some(product) = products.get(&account.product_id) else {
            continue;
        };
        if done.contains(account_id) {
            skipped += 1;
            continue;
        }
        let opening = rows
            .iter()
            .filter(|(at, _)| at.as_str() < month_start.as_str())
            .map(|(_, b)| *b)
            .next_back()
            .unwrap_or(0);
        let changes: Vec<(NaiveDate, Decimal)> = rows
            .iter()
            .filter(|(at, _)| at.as_str() >= month_start.as_str())
            .filter_map(|(at, b)| zone.day_of_text(at).map(|d| (d, Decimal::from(*b))))
            .collect();
        let balances = month_balances(first, last, Decimal::from(opening), &changes);
        let rate: Decimal = product.rate_percent.parse().unwrap_or_default();
        let settings = if product.interest_method == "minimum_balance" {
            SukarelaSettings::minimum_balance(rate)
        } else {
            SukarelaSettings::daily_balance(rate)
        };
        let interest = sukarela_interest(&balances, &settings)
            .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
        if interest.credited.is_zero() {
            continue;
        }
        let tax = interest_tax(interest.credited, &tax_rule)
            .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
        let whole = |d: Decimal| i64::try_from(d).unwrap_or(0);
        postings.push(savings_interest_posting::Model {
            id: new_id(),
            tenant_id: tenant_id.clone(),
            account_id: account_id.clone(),
            member_id: member_of.get(account_id).cloned().unwrap_or_default(),
            month: month.clone(),
            gross: whole(tax.gross),
            tax: whole(tax.tax),
            net: whole(tax.net),
            user_id: auth.user.id.clone(),
            at: crate::kernel::business_day::now_text(),
        });
    }
    postings.sort_by(|a, b| a.account_id.cmp(&b.account_id));
    let actor = Actor::of(&auth);
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let saved = postings.clone();
    let (tid, m) = (tenant_id.clone(), month.clone());
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            for p in &postings {
                koperasi::insert_interest_posting(txn, p.clone()).await?;
                for (delta, kind, note) in [
                    (p.gross, "interest", format!("Bunga {m}")),
                    (
                        -p.tax,
                        "interest_tax",
                        format!("PPh final bunga {m} (PP 15/2009)"),
                    ),
                ] {
                    if delta == 0 {
                        continue;
                    }
                    savings_posting(
                        txn,
                        SavingsPosting {
                            tenant_id: &tid,
                            account_id: &p.account_id,
                            member_id: &p.member_id,
                            delta,
                            floor: None,
                            kind,
                            note,
                            user_id: &user_id,
                            device_id: device_id.clone(),
                        },
                    )
                    .await?;
                }
            }
            let total: i64 = postings.iter().map(|p| p.net).sum();
            audit
                .record(
                    Change::new("savings.interest_posting", "savings_interest", &m)
                        .after(json!({"month": m, "accounts": postings.len(), "net": total})),
                )
                .await
        })
    })
    .await?;
    let sum = |f: fn(&savings_interest_posting::Model) -> i64| saved.iter().map(f).sum::<i64>();
    Ok((
        StatusCode::CREATED,
        Json(PostingResult {
            gross: sum(|p| p.gross).to_string(),
            tax: sum(|p| p.tax).to_string(),
            net: sum(|p| p.net).to_string(),
            accounts: saved
                .into_iter()
                .map(|p| PostedAccount {
                    account_id: p.account_id,
                    member_id: p.member_id,
                    gross: p.gross.to_string(),
                    tax: p.tax.to_string(),
                    net: p.net.to_string(),
                })
                .collect(),
            month,
            skipped,
        }),
    ))
}
