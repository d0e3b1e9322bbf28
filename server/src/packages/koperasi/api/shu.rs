//! SHU year-end close. The pengurus enters the year's SHU and the AD/ART split; Satu
//! computes every member's jasa modal (by savings at year end) and jasa usaha (by loan
//! interest paid in the year plus purchases at the koperasi's store) with
//! `domain::shu::distribute`. The draft can be recomputed until the RAT approves it;
//! posting then credits each share to the member's sukarela account, or records it as
//! paid out in cash — once.
use std::collections::{HashMap, HashSet};

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{NaiveDate, Utc};
use domain::shu::{distribute, ShuInput, ShuMember};
use rust_decimal::Decimal;
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
use crate::packages::koperasi::api::loan_payments::{savings_posting, SavingsPosting};

use crate::packages::koperasi::entity::{member, shu_closing, shu_share};
use crate::packages::koperasi::repo::{koperasi, shu};
pub use domain::api::koperasi::{ClosingView, MyShare, PoolView, ShareView};

#[derive(Deserialize, Serialize, ToSchema, Clone)]
pub struct PoolInput {
    pub name: String,
    #[schema(value_type = String, example = "40")]
    pub percent: Decimal,
}

#[derive(Deserialize, ToSchema)]
pub struct ClosingInput {
    pub year: i32,
    /// The year's SHU, whole rupiah.
    #[schema(value_type = String, example = "100000000")]
    pub shu_total: Decimal,
    /// The AD/ART split; percentages add up to 100.
    pub allocation: Vec<PoolInput>,
    pub jasa_modal_pool: String,
    pub jasa_usaha_pool: String,
    /// `pokok_wajib` (the textbook basis) or `all` (sukarela and berjangka too).
    #[serde(default = "pokok_wajib")]
    pub savings_basis: String,
}

fn pokok_wajib() -> String {
    "pokok_wajib".into()
}

/// The year's boundaries: `[from, until)` as RFC 3339 UTC for midnights in the koperasi's zone, and the
/// first and last day as dates.
fn year_bounds(zone: Zone, year: i32) -> ApiResult<(String, String, String, String)> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| ApiError::validation("year", "Tahun tidak valid."))?;
    let next = NaiveDate::from_ymd_opt(year + 1, 1, 1)
        .ok_or_else(|| ApiError::validation("year", "Tahun tidak valid."))?;
    let utc = |d: NaiveDate| zone.midnight_text(d);
    Ok((
        utc(start),
        utc(next),
        start.to_string(),
        NaiveDate::from_ymd_opt(year, 12, 31)
            .unwrap_or(start)
            .to_string(),
    ))
}

fn digits(s: &str) -> String {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    // 0812… and +62812… are the same number.
    d.strip_prefix("62").map(|r| format!("0{r}")).unwrap_or(d)
}

struct Figures {
    savings: i64,
    loan_interest: i64,
    purchases: i64,
}

/// Each member's savings at year end, loan interest paid and store purchases in the year.
async fn figures(
    state: &AppState,
    tenant_id: &str,
    year: i32,
    basis: &str,
    members: &[member::Model],
) -> ApiResult<HashMap<String, Figures>> {
    let (from, until, first_day, last_day) =
        year_bounds(koperasi::zone(&state.db, tenant_id).await?, year)?;
    let products = koperasi::products(&state.db, tenant_id).await?;
    let counted: HashSet<String> = products
        .iter()
        .filter(|p| basis == "all" || p.kind == "pokok" || p.kind == "wajib")
        .map(|p| p.id.clone())
        .collect();
    // The last balance before the year ended, per account (member, product, balance).
    let year_end = shu::balances_before(&state.db, tenant_id, &until).await?;
    let mut out: HashMap<String, Figures> = members
        .iter()
        .map(|m| {
            (
                m.id.clone(),
                Figures {
                    savings: 0,
                    loan_interest: 0,
                    purchases: 0,
                },
            )
        })
        .collect();
    for (_, member_id, product_id, balance) in year_end {
        if let (true, Some(f)) = (counted.contains(&product_id), out.get_mut(&member_id)) {
            f.savings = f.savings.saturating_add(balance);
        }
    }
    for (member_id, interest) in
        shu::interest_paid_between(&state.db, tenant_id, &first_day, &last_day).await?
    {
        if let Some(f) = out.get_mut(&member_id) {
            f.loan_interest = f.loan_interest.saturating_add(interest);
        }
    }
    // Purchases: till customers linked to the member's login, or with her phone number.
    let mut customer_member: HashMap<String, String> = HashMap::new();
    let by_user: HashMap<&str, &str> = members
        .iter()
        .filter_map(|m| m.user_id.as_deref().map(|u| (u, m.id.as_str())))
        .collect();
    let by_phone: HashMap<String, &str> = members
        .iter()
        .filter_map(|m| m.phone.as_deref().map(|p| (digits(p), m.id.as_str())))
        .filter(|(p, _)| p.len() >= 8)
        .collect();
    for c in shu::customers(&state.db, tenant_id).await? {
        let linked = c
            .member_user_id
            .as_deref()
            .and_then(|u| by_user.get(u))
            .or_else(|| c.phone.as_deref().and_then(|p| by_phone.get(&digits(p))));
        if let Some(m) = linked {
            customer_member.insert(c.id, m.to_string());
        }
    }
    // Summed per customer by the database (a busy store's year is a million sales), then
    // per member; a member's purchases are whole rupiah, rounded half up.
    let purchases = shu::customer_purchases_between(&state.db, tenant_id, &from, &until).await?;
    let mut by_member: HashMap<&str, i64> = HashMap::new();
    for (customer, sen) in &purchases {
        if let Some(m) = customer_member.get(customer) {
            let v = by_member.entry(m.as_str()).or_default();
            *v = v.saturating_add(*sen);
        }
    }
    for (m, sen) in by_member {
        if let Some(f) = out.get_mut(m) {
            let rupiah = domain::money::round_rupiah(
                crate::kernel::money::Sen(sen).dec(),
                domain::money::Rounding::HalfUp,
            );
            f.purchases = f
                .purchases
                .saturating_add(i64::try_from(rupiah).unwrap_or(i64::MAX));
        }
    }
    Ok(out)
}

fn pools_of(c: &shu_closing::Model) -> Vec<PoolInput> {
    serde_json::from_str(&c.allocation).unwrap_or_default()
}

async fn load_view(state: &AppState, c: shu_closing::Model) -> ApiResult<ClosingView> {
    let shares = shu::shares(&state.db, &c.tenant_id, &c.id).await?;
    let members: HashMap<String, member::Model> =
        crate::packages::koperasi::api::loans::member_map(&state.db, &c.tenant_id).await?;
    let pools = pools_of(&c);
    let amounts = domain::shu::allocate(
        Decimal::from(c.shu_total),
        &pools
            .iter()
            .map(|p| (p.name.clone(), p.percent))
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    let mut shares: Vec<ShareView> = shares
        .into_iter()
        .map(|s| {
            let m = members.get(&s.member_id);
            ShareView {
                member_no: m.map(|m| m.member_no.clone()).unwrap_or_default(),
                member_name: m.map(|m| m.name.clone()).unwrap_or_default(),
                member_id: s.member_id,
                savings: s.savings.to_string(),
                loan_interest: s.loan_interest.to_string(),
                purchases: s.purchases.to_string(),
                transactions: s.transactions.to_string(),
                jasa_modal: s.jasa_modal.to_string(),
                jasa_usaha: s.jasa_usaha.to_string(),
                total: s.total.to_string(),
                paid_at: s.paid_at,
            }
        })
        .collect();
    shares.sort_by(|a, b| a.member_no.cmp(&b.member_no));
    Ok(ClosingView {
        pools: pools
            .iter()
            .map(|p| PoolView {
                name: p.name.clone(),
                percent: p.percent.normalize().to_string(),
                amount: amounts
                    .iter()
                    .find(|(n, _)| *n == p.name)
                    .map(|(_, a)| a.to_string())
                    .unwrap_or_default(),
            })
            .collect(),
        id: c.id,
        year: c.year,
        shu_total: c.shu_total.to_string(),
        jasa_modal_pool: c.jasa_modal_pool,
        jasa_usaha_pool: c.jasa_usaha_pool,
        savings_basis: c.savings_basis,
        status: c.status,
        payout: c.payout,
        total_savings: c.total_savings.to_string(),
        total_transactions: c.total_transactions.to_string(),
        approved_by: c.approved_by,
        approved_at: c.approved_at,
        rat_notes: c.rat_notes,
        posted_at: c.posted_at,
        shares,
    })
}

fn rupiah(v: Decimal) -> ApiResult<i64> {
    i64::try_from(v).map_err(|_| ApiError::validation("shu_total", "Jumlah terlalu besar."))
}

/// Computes (or recomputes) the year's draft.
#[utoipa::path(post, path = "/shu-closings", tag = "koperasi", request_body = ClosingInput,
    responses((status = 201, body = ClosingView), (status = 409, description = "The year is already approved"), (status = 422)))]
pub async fn compute(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<ClosingInput>,
) -> ApiResult<(StatusCode, Json<ClosingView>)> {
    auth.require(Permission::CLOSE_SHU)?;
    let tenant_id = auth.tenant()?.to_string();
    let zone = koperasi::zone(&state.db, &tenant_id).await?;
    let today = zone.today();
    if req.year < 2000 || req.year > chrono::Datelike::year(&today) {
        return Err(ApiError::validation(
            "year",
            "Tahun buku tidak valid (paling lambat tahun ini).",
        ));
    }
    let total = crate::kernel::input::whole_rupiah("shu_total", req.shu_total)?;
    let basis = match req.savings_basis.trim() {
        "all" => "all",
        "pokok_wajib" | "" => "pokok_wajib",
        _ => {
            return Err(ApiError::validation(
                "savings_basis",
                "Dasar jasa modal: pokok_wajib atau all.",
            ))
        }
    };
    let existing = shu::closing_of_year(&state.db, &tenant_id, req.year).await?;
    if existing.as_ref().is_some_and(|c| c.status != "draft") {
        return Err(ApiError::conflict(
            "shu_closed",
            "SHU tahun ini sudah disahkan RAT; tidak dapat dihitung ulang.",
        ));
    }
    let (_, _, _, last_day) = year_bounds(zone, req.year)?;
    let members: Vec<member::Model> = koperasi::members(&state.db, &tenant_id, None, 100_000)
        .await?
        .into_iter()
        .filter(|m| m.join_date.as_str() <= last_day.as_str() && m.status == "active")
        .collect();
    let figures = figures(&state, &tenant_id, req.year, basis, &members).await?;
    let input = ShuInput {
        shu_total: Decimal::from(total),
        allocation: req
            .allocation
            .iter()
            .map(|p| (p.name.trim().to_string(), p.percent))
            .collect(),
        jasa_modal_pool: req.jasa_modal_pool.trim().to_string(),
        jasa_usaha_pool: req.jasa_usaha_pool.trim().to_string(),
        members: members
            .iter()
            .map(|m| {
                let f = &figures[&m.id];
                ShuMember {
                    member: m.id.clone(),
                    savings: Decimal::from(f.savings),
                    transactions: Decimal::from(f.loan_interest + f.purchases),
                }
            })
            .collect(),
    };
    let result = distribute(&input).map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let closing_id = existing
        .as_ref()
        .map(|c| c.id.clone())
        .unwrap_or_else(new_id);
    let mut shares = Vec::with_capacity(result.members.len());
    for s in &result.members {
        let f = &figures[&s.member];
        shares.push(shu_share::Model {
            id: new_id(),
            tenant_id: tenant_id.clone(),
            closing_id: closing_id.clone(),
            member_id: s.member.clone(),
            savings: f.savings,
            loan_interest: f.loan_interest,
            purchases: f.purchases,
            transactions: f.loan_interest + f.purchases,
            jasa_modal: rupiah(s.jasa_modal)?,
            jasa_usaha: rupiah(s.jasa_usaha)?,
            total: rupiah(s.total)?,
            paid_at: None,
        });
    }
    let row = shu_closing::Model {
        id: closing_id.clone(),
        tenant_id: tenant_id.clone(),
        year: req.year,
        shu_total: total,
        allocation: serde_json::to_string(&req.allocation).unwrap_or_default(),
        jasa_modal_pool: input.jasa_modal_pool.clone(),
        jasa_usaha_pool: input.jasa_usaha_pool.clone(),
        savings_basis: basis.into(),
        status: "draft".into(),
        payout: None,
        total_savings: figures
            .values()
            .fold(0i64, |t, f| t.saturating_add(f.savings)),
        total_transactions: figures.values().fold(0i64, |t, f| {
            t.saturating_add(f.loan_interest.saturating_add(f.purchases))
        }),
        created_by: auth.user.id.clone(),
        approved_by: None,
        approved_at: None,
        rat_notes: None,
        posted_by: None,
        posted_at: None,
        version: existing.as_ref().map(|c| c.version).unwrap_or(0),
        created_at: Utc::now(),
    };
    let actor = Actor::of(&auth);
    let is_new = existing.is_none();
    let saved = row.clone();
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let after = json!({"year": row.year, "shu_total": row.shu_total,
                    "allocation": row.allocation, "members": shares.len()});
            let (tid, id) = (row.tenant_id.clone(), row.id.clone());
            if is_new {
                shu::insert_closing(txn, row).await?;
            } else {
                if !shu::save_closing(txn, row).await? {
                    return Err(ApiError::conflict(
                        "shu_changed",
                        "Perhitungan SHU baru saja diubah orang lain. Muat ulang.",
                    ));
                }
                shu::delete_shares(txn, &tid, &id).await?;
            }
            shu::insert_shares(txn, shares).await?;
            audit
                .record(Change::new("shu.compute", "shu_closing", &id).after(after))
                .await
        })
    })
    .await?;
    let c = shu::find_closing(&state.db, &tenant_id, &saved.id)
        .await?
        .ok_or(ApiError::NotFound("Perhitungan SHU"))?;
    Ok((StatusCode::CREATED, Json(load_view(&state, c).await?)))
}

#[utoipa::path(get, path = "/shu-closings", tag = "koperasi", responses((status = 200, body = [ClosingView])))]
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<ClosingView>>> {
    auth.require(Permission::CLOSE_SHU)?;
    let tenant_id = auth.tenant()?.to_string();
    let mut out = Vec::new();
    for c in shu::closings(&state.db, &tenant_id).await? {
        out.push(load_view(&state, c).await?);
    }
    Ok(Json(out))
}

#[utoipa::path(get, path = "/shu-closings/{id}", tag = "koperasi", params(("id" = String, Path)),
    responses((status = 200, body = ClosingView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<ClosingView>> {
    auth.require(Permission::CLOSE_SHU)?;
    let c = shu::find_closing(&state.db, auth.tenant()?, &id)
        .await?
        .ok_or(ApiError::NotFound("Perhitungan SHU"))?;
    Ok(Json(load_view(&state, c).await?))
}

#[derive(Deserialize, ToSchema)]
#[schema(as = ShuApprovalInput)]
pub struct ApprovalInput {
    /// The RAT's decision (date, number of the minutes).
    pub rat_notes: String,
}

async fn change(
    state: &AppState,
    auth: &Auth,
    before: &shu_closing::Model,
    after: shu_closing::Model,
    action: &'static str,
    posting: Vec<(shu_share::Model, Option<String>)>,
) -> ApiResult<()> {
    let actor = Actor::of(auth);
    let before_status = before.status.clone();
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let (tid, id) = (after.tenant_id.clone(), after.id.clone());
            let year = after.year;
            let after_json = json!({"status": after.status, "payout": after.payout,
                    "rat_notes": after.rat_notes, "shares_posted": posting.len()});
            if !shu::save_closing(txn, after).await? {
                return Err(ApiError::conflict(
                    "shu_changed",
                    "Perhitungan SHU baru saja diubah orang lain. Muat ulang.",
                ));
            }
            for (share, account) in posting {
                if let Some(account_id) = account {
                    savings_posting(
                        txn,
                        SavingsPosting {
                            tenant_id: &tid,
                            account_id: &account_id,
                            member_id: &share.member_id,
                            delta: share.total,
                            floor: None,
                            kind: "shu",
                            note: format!("SHU tahun buku {year}"),
                            user_id: &user_id,
                            device_id: device_id.clone(),
                        },
                    )
                    .await?;
                }
                shu::mark_share_paid(txn, share).await?;
            }
            audit
                .record(
                    Change::new(action, "shu_closing", &id)
                        .before(json!({"status": before_status}))
                        .after(after_json),
                )
                .await
        })
    })
    .await?;
    Ok(())
}

#[utoipa::path(post, path = "/shu-closings/{id}/approval", tag = "koperasi", params(("id" = String, Path)),
    request_body = ApprovalInput, responses((status = 200, body = ClosingView), (status = 404), (status = 422)))]
pub async fn approve(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<ApprovalInput>,
) -> ApiResult<Json<ClosingView>> {
    auth.require(Permission::APPROVE_SHU)?;
    let tenant_id = auth.tenant()?.to_string();
    let c = shu::find_closing(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Perhitungan SHU"))?;
    if c.status != "draft" {
        return Err(ApiError::Rejected {
            code: "shu_status",
            message: "Hanya perhitungan draf yang dapat disahkan.".into(),
        });
    }
    let notes = req.rat_notes.trim();
    if notes.is_empty() {
        return Err(ApiError::validation(
            "rat_notes",
            "Catat keputusan RAT (tanggal, nomor berita acara).",
        ));
    }
    let mut next = c.clone();
    next.status = "approved".into();
    next.approved_by = Some(auth.user.id.clone());
    next.approved_at = Some(crate::kernel::business_day::now_text());
    next.rat_notes = Some(notes.chars().take(500).collect());
    change(&state, &auth, &c, next, "shu.approve", Vec::new()).await?;
    let c = shu::find_closing(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Perhitungan SHU"))?;
    Ok(Json(load_view(&state, c).await?))
}

#[derive(Deserialize, ToSchema)]
#[schema(as = ShuPostingInput)]
pub struct PostingInput {
    /// `sukarela`: credited to each member's sukarela account; `cash`: paid out at the counter.
    pub payout: String,
}

#[utoipa::path(post, path = "/shu-closings/{id}/posting", tag = "koperasi", params(("id" = String, Path)),
    request_body = PostingInput, responses((status = 200, body = ClosingView), (status = 404), (status = 422)))]
pub async fn post(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<PostingInput>,
) -> ApiResult<Json<ClosingView>> {
    auth.require(Permission::APPROVE_SHU)?;
    let tenant_id = auth.tenant()?.to_string();
    let c = shu::find_closing(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Perhitungan SHU"))?;
    if c.status != "approved" {
        return Err(ApiError::Rejected {
            code: "shu_status",
            message: "SHU dibagikan setelah disahkan RAT, dan hanya sekali.".into(),
        });
    }
    let payout = match req.payout.trim() {
        p @ ("sukarela" | "cash") => p.to_string(),
        _ => {
            return Err(ApiError::validation(
                "payout",
                "Pembagian: sukarela atau cash.",
            ))
        }
    };
    let sukarela = koperasi::products(&state.db, &tenant_id)
        .await?
        .into_iter()
        .find(|p| p.kind == "sukarela");
    let now = crate::kernel::business_day::now_text();
    let mut posting = Vec::new();
    for mut share in shu::shares(&state.db, &tenant_id, &c.id).await? {
        if share.total <= 0 {
            continue;
        }
        let account = if payout == "sukarela" {
            let product = sukarela.as_ref().ok_or_else(|| ApiError::Rejected {
                code: "no_sukarela",
                message: "Koperasi belum punya produk simpanan sukarela.".into(),
            })?;
            let account = koperasi::accounts_of(&state.db, &tenant_id, &share.member_id)
                .await?
                .into_iter()
                .find(|a| a.product_id == product.id)
                .ok_or_else(|| ApiError::Rejected {
                    code: "no_sukarela",
                    message: "Ada anggota tanpa rekening sukarela.".into(),
                })?;
            Some(account.id)
        } else {
            None
        };
        share.paid_at = Some(now.clone());
        posting.push((share, account));
    }
    let mut next = c.clone();
    next.status = "posted".into();
    next.payout = Some(payout);
    next.posted_by = Some(auth.user.id.clone());
    next.posted_at = Some(now);
    change(&state, &auth, &c, next, "shu.post", posting).await?;
    let c = shu::find_closing(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Perhitungan SHU"))?;
    Ok(Json(load_view(&state, c).await?))
}

/// The signed-in member's SHU, year by year (drafts are not shown until the RAT approves).
#[utoipa::path(get, path = "/me/shu", tag = "koperasi", responses((status = 200, body = [MyShare]), (status = 404)))]
pub async fn mine(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<MyShare>>> {
    let tenant_id = auth.tenant()?.to_string();
    let m = koperasi::member_of_user(&state.db, &tenant_id, &auth.user.id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    let closings: HashMap<String, shu_closing::Model> = shu::closings(&state.db, &tenant_id)
        .await?
        .into_iter()
        .filter(|c| c.status != "draft")
        .map(|c| (c.id.clone(), c))
        .collect();
    let mut out: Vec<MyShare> = shu::shares_of_member(&state.db, &tenant_id, &m.id)
        .await?
        .into_iter()
        .filter_map(|s| {
            let c = closings.get(&s.closing_id)?;
            Some(MyShare {
                year: c.year,
                status: c.status.clone(),
                payout: c.payout.clone(),
                savings: s.savings.to_string(),
                transactions: s.transactions.to_string(),
                jasa_modal: s.jasa_modal.to_string(),
                jasa_usaha: s.jasa_usaha.to_string(),
                total: s.total.to_string(),
                paid_at: s.paid_at,
            })
        })
        .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.year));
    Ok(Json(out))
}
