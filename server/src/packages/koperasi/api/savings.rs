//! Savings (simpanan): products per koperasi, and the teller's deposits and withdrawals.
//! Every movement is a ledger row with the balance after it, written in the same
//! transaction as the balance change and its audit entry.
use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{SecondsFormat, Utc};
use domain::savings::{apply_movement, Movement, SavingsKind};
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
use crate::packages::koperasi::entity::{savings_account, savings_movement, savings_product};
use crate::packages::koperasi::repo::koperasi;
pub use domain::api::koperasi::{AccountView, MovementView, ProductView};

fn kind_of(text: &str) -> Option<SavingsKind> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}

#[derive(Deserialize, ToSchema)]
#[schema(as = SavingsProductInput)]
pub struct ProductInput {
    /// Short code, e.g. `SP`, `SW`, `SS`.
    pub code: String,
    pub name: String,
    /// `pokok`, `wajib`, `sukarela` or `berjangka`.
    pub kind: String,
    /// The amount due for pokok (once) and wajib (monthly).
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "100000")]
    pub fixed_amount: Option<Decimal>,
    /// Yearly interest rate for sukarela/berjangka.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "3")]
    pub rate_percent: Option<Decimal>,
    /// A sukarela account keeps at least this much.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "10000")]
    pub minimum_balance: Option<Decimal>,
    /// Sukarela interest on the `daily_balance` (default) or the month's `minimum_balance`.
    #[serde(default)]
    pub interest_method: Option<String>,
    /// Berjangka: months from placement to maturity (3, 6, 12…).
    #[serde(default)]
    pub term_months: Option<u32>,
    /// Berjangka: percent of the deposit kept when it is taken out before maturity.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "2")]
    pub early_penalty_percent: Option<Decimal>,
}

fn product_view(p: savings_product::Model) -> ProductView {
    ProductView {
        id: p.id,
        code: p.code,
        name: p.name,
        kind: p.kind,
        fixed_amount: p.fixed_amount,
        rate_percent: p.rate_percent,
        minimum_balance: p.minimum_balance,
        interest_method: p.interest_method,
        term_months: p.term_months,
        early_penalty_percent: p.early_penalty_percent,
        active: p.active,
    }
}

#[utoipa::path(get, path = "/savings-products", tag = "koperasi",
    responses((status = 200, body = [ProductView])))]
pub async fn products(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<Json<Vec<ProductView>>> {
    auth.require(Permission::MANAGE_MEMBERS)?;
    let rows = koperasi::products(&state.db, auth.tenant()?).await?;
    Ok(Json(rows.into_iter().map(product_view).collect()))
}

#[utoipa::path(post, path = "/savings-products", tag = "koperasi", request_body = ProductInput,
    responses((status = 201, body = ProductView), (status = 409, description = "Code taken"), (status = 422)))]
pub async fn create_product(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<ProductInput>,
) -> ApiResult<(StatusCode, Json<ProductView>)> {
    auth.require(Permission::MANAGE_SAVINGS_PRODUCTS)?;
    let tenant_id = auth.tenant()?.to_string();
    let code = req.code.trim().to_uppercase();
    if code.is_empty() || code.len() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ApiError::validation(
            "code",
            "Kode 1–8 huruf/angka, mis. SP, SW, SS.",
        ));
    }
    let name = req.name.trim().to_string();
    if name.is_empty() {
        return Err(ApiError::validation("name", "Nama produk wajib diisi."));
    }
    let kind = kind_of(req.kind.trim()).ok_or_else(|| {
        ApiError::validation("kind", "Jenis: pokok, wajib, sukarela atau berjangka.")
    })?;
    let fixed =
        crate::kernel::input::whole_rupiah("fixed_amount", req.fixed_amount.unwrap_or_default())?;
    if matches!(kind, SavingsKind::Pokok | SavingsKind::Wajib) && fixed == 0 {
        return Err(ApiError::validation(
            "fixed_amount",
            "Simpanan pokok dan wajib perlu nominal.",
        ));
    }
    let rate = req.rate_percent.unwrap_or_default();
    if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
        return Err(ApiError::validation(
            "rate_percent",
            "Suku bunga 0–100% per tahun.",
        ));
    }
    let minimum = crate::kernel::input::whole_rupiah(
        "minimum_balance",
        req.minimum_balance.unwrap_or_default(),
    )?;
    let interest_method = match req.interest_method.as_deref().map(str::trim) {
        None | Some("") | Some("daily_balance") => "daily_balance",
        Some("minimum_balance") => "minimum_balance",
        Some(_) => {
            return Err(ApiError::validation(
                "interest_method",
                "Metode bunga: daily_balance atau minimum_balance.",
            ))
        }
    };
    let term = req.term_months.unwrap_or(0);
    if kind == SavingsKind::Berjangka && !(1..=120).contains(&term) {
        return Err(ApiError::validation(
            "term_months",
            "Simpanan berjangka perlu jangka waktu 1–120 bulan.",
        ));
    }
    let penalty = req.early_penalty_percent.unwrap_or_default();
    if penalty < Decimal::ZERO || penalty > Decimal::ONE_HUNDRED {
        return Err(ApiError::validation(
            "early_penalty_percent",
            "Penalti 0–100% dari simpanan.",
        ));
    }
    let row = savings_product::Model {
        id: new_id(),
        tenant_id: tenant_id.clone(),
        code,
        name,
        kind: kind.label().into(),
        fixed_amount: fixed.to_string(),
        rate_percent: rate.normalize().to_string(),
        minimum_balance: minimum.to_string(),
        interest_method: interest_method.into(),
        term_months: if kind == SavingsKind::Berjangka {
            term as i32
        } else {
            0
        },
        early_penalty_percent: penalty.normalize().to_string(),
        active: true,
        created_at: Utc::now(),
    };
    let actor = Actor::of(&auth);
    let product_id = row.id.clone();
    let saved = row.clone();
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            koperasi::insert_product(txn, row).await?;
            audit
                .record(
                    Change::new("savings_product.create", "savings_product", &saved.id).after(
                        json!({"code": saved.code, "kind": saved.kind,
                            "fixed_amount": saved.fixed_amount, "rate_percent": saved.rate_percent,
                            "minimum_balance": saved.minimum_balance}),
                    ),
                )
                .await
        })
    })
    .await?;
    let p = koperasi::find_product(&state.db, &tenant_id, &product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk simpanan"))?;
    Ok((StatusCode::CREATED, Json(product_view(p))))
}

pub async fn account_views(
    state: &AppState,
    tenant_id: &str,
    accounts: Vec<savings_account::Model>,
) -> ApiResult<Vec<AccountView>> {
    let products: HashMap<String, savings_product::Model> =
        koperasi::products(&state.db, tenant_id)
            .await?
            .into_iter()
            .map(|p| (p.id.clone(), p))
            .collect();
    Ok(accounts
        .into_iter()
        .map(|a| {
            let p = products.get(&a.product_id);
            AccountView {
                id: a.id,
                account_no: a.account_no,
                product_id: a.product_id,
                product_code: p.map(|p| p.code.clone()).unwrap_or_default(),
                product_name: p.map(|p| p.name.clone()).unwrap_or_default(),
                kind: p.map(|p| p.kind.clone()).unwrap_or_default(),
                balance: a.balance.to_string(),
                status: a.status,
                placed_on: a.placed_on,
                maturity_date: a.maturity_date,
            }
        })
        .collect())
}

#[derive(Deserialize, ToSchema)]
pub struct TellerInput {
    /// Whole rupiah.
    #[schema(value_type = String, example = "50000")]
    pub amount: Decimal,
    #[serde(default)]
    pub note: Option<String>,
    /// Berjangka: the day the deposit was placed (`YYYY-MM-DD`, today when absent; a
    /// certificate entered later may carry an earlier day).
    #[serde(default)]
    pub placed_on: Option<String>,
}

fn movement_view(m: savings_movement::Model) -> MovementView {
    MovementView {
        id: m.id,
        account_id: m.account_id,
        kind: m.kind,
        amount: m.amount.to_string(),
        balance_after: m.balance_after.to_string(),
        note: m.note,
        user_id: m.user_id,
        at: m.at,
    }
}

/// The account and its product, if the member is active and the account is this tenant's.
async fn teller_account(
    state: &AppState,
    tenant_id: &str,
    id: &str,
) -> ApiResult<(savings_account::Model, savings_product::Model)> {
    let account = koperasi::find_account(&state.db, tenant_id, id)
        .await?
        .ok_or(ApiError::NotFound("Rekening simpanan"))?;
    let member = koperasi::find_member(&state.db, tenant_id, &account.member_id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    if member.status != "active" {
        return Err(ApiError::Rejected {
            code: "member_inactive",
            message: "Anggota tidak aktif.".into(),
        });
    }
    let product = koperasi::find_product(&state.db, tenant_id, &account.product_id)
        .await?
        .ok_or(ApiError::NotFound("Produk simpanan"))?;
    Ok((account, product))
}

async fn teller(
    state: &AppState,
    auth: &Auth,
    account_id: &str,
    req: TellerInput,
    deposit: bool,
) -> ApiResult<(StatusCode, Json<MovementView>)> {
    auth.require(Permission::TELLER_SAVINGS)?;
    let tenant_id = auth.tenant()?.to_string();
    let (account, product) = teller_account(state, &tenant_id, account_id).await?;
    let kind = kind_of(&product.kind).unwrap_or(SavingsKind::Sukarela);
    let minimum: Decimal = product.minimum_balance.parse().unwrap_or_default();
    // A berjangka holds one placement at a time, from its deposit until it is paid out.
    let placement = if deposit && kind == SavingsKind::Berjangka {
        if account.balance > 0 || account.placed_on.is_some() {
            return Err(ApiError::Rejected {
                code: "deposit_placed",
                message: format!(
                    "Simpanan berjangka ini sudah ditempatkan sampai {}; penempatan baru setelah dicairkan.",
                    account.maturity_date.clone().unwrap_or_default()
                ),
            });
        }
        let today = koperasi::zone(&state.db, &tenant_id).await?.today();
        let placed = match req
            .placed_on
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            Some(d) => crate::kernel::input::date("placed_on", d)?,
            None => today,
        };
        if placed > today {
            return Err(ApiError::validation(
                "placed_on",
                "Tanggal penempatan tidak boleh di masa depan.",
            ));
        }
        let matures = placed
            .checked_add_months(chrono::Months::new(product.term_months.max(1) as u32))
            .ok_or_else(|| ApiError::validation("placed_on", "Tanggal tidak valid."))?;
        Some((placed.to_string(), matures.to_string()))
    } else {
        None
    };
    let movement = if deposit {
        Movement::Deposit(req.amount)
    } else {
        Movement::Withdrawal(req.amount)
    };
    apply_movement(kind, Decimal::from(account.balance), movement, minimum)
        .map_err(|e| ApiError::validation(e.field(), e.to_string()))?;
    let amount = crate::kernel::input::whole_rupiah("amount", req.amount)?;
    let floor = i64::try_from(minimum).unwrap_or(0);
    let note = req
        .note
        .as_deref()
        .map(|n| crate::kernel::input::text("note", n, 200, false))
        .transpose()?
        .flatten();
    let movement_id = new_id();
    let actor = Actor::of(auth);
    let user_id = auth.user.id.clone();
    let device_id = auth.device_id.clone();
    let (tid, aid, mid) = (tenant_id.clone(), account.id.clone(), movement_id.clone());
    let member_id = account.member_id.clone();
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let delta = if deposit { amount } else { -amount };
            let floor = if deposit { None } else { Some(floor) };
            if let Some((placed, matures)) = placement {
                if !koperasi::set_placement(txn, &tid, &aid, Some((placed, matures))).await? {
                    return Err(ApiError::conflict(
                        "deposit_placed",
                        "Simpanan berjangka ini baru saja ditempatkan.",
                    ));
                }
            }
            if !koperasi::change_balance(txn, &tid, &aid, delta, floor).await? {
                if deposit {
                    // Parallel deposits reached the ceiling first.
                    let e = domain::bounds::BoundError::BalanceTooLarge;
                    return Err(crate::kernel::input::bound("amount", e));
                }
                // Another teller took it first; say what is left now.
                let now = koperasi::find_account(txn, &tid, &aid)
                    .await?
                    .map(|a| a.balance)
                    .unwrap_or(0);
                let available = Decimal::from((now - floor.unwrap_or(0)).max(0));
                let e = domain::savings::SavingsError::Insufficient { available };
                return Err(ApiError::validation(e.field(), e.to_string()));
            }
            let after = koperasi::find_account(txn, &tid, &aid)
                .await?
                .map(|a| a.balance)
                .unwrap_or(0);
            let row = savings_movement::Model {
                id: mid.clone(),
                tenant_id: tid.clone(),
                account_id: aid.clone(),
                member_id,
                kind: if deposit { "deposit" } else { "withdrawal" }.into(),
                amount,
                balance_after: after,
                note,
                user_id,
                device_id,
                at: Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true),
            };
            let after_json = json!({"account_id": row.account_id, "kind": row.kind,
                    "amount": row.amount, "balance_after": row.balance_after});
            koperasi::insert_movement(txn, row).await?;
            audit
                .record(
                    Change::new(
                        if deposit {
                            "savings.deposit"
                        } else {
                            "savings.withdrawal"
                        },
                        "savings_movement",
                        &mid,
                    )
                    .after(after_json),
                )
                .await
        })
    })
    .await?;
    let saved = koperasi::movements(&state.db, &tenant_id, &account.id)
        .await?
        .into_iter()
        .find(|m| m.id == movement_id)
        .ok_or(ApiError::NotFound("Mutasi"))?;
    Ok((StatusCode::CREATED, Json(movement_view(saved))))
}

#[utoipa::path(post, path = "/savings-accounts/{id}/deposits", tag = "koperasi",
    params(("id" = String, Path)), request_body = TellerInput,
    responses((status = 201, body = MovementView), (status = 404), (status = 422)))]
pub async fn deposit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<TellerInput>,
) -> ApiResult<(StatusCode, Json<MovementView>)> {
    teller(&state, &auth, &id, req, true).await
}

#[utoipa::path(post, path = "/savings-accounts/{id}/withdrawals", tag = "koperasi",
    params(("id" = String, Path)), request_body = TellerInput,
    responses((status = 201, body = MovementView), (status = 404),
        (status = 422, description = "Not withdrawable while a member, or more than the balance above the minimum")))]
pub async fn withdraw(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<TellerInput>,
) -> ApiResult<(StatusCode, Json<MovementView>)> {
    teller(&state, &auth, &id, req, false).await
}

/// The account's ledger, oldest first, each row with the balance after it (the passbook).
#[utoipa::path(get, path = "/savings-accounts/{id}/movements", tag = "koperasi",
    params(("id" = String, Path)), responses((status = 200, body = [MovementView]), (status = 404)))]
pub async fn movements(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<MovementView>>> {
    let tenant_id = auth.tenant()?.to_string();
    let account = koperasi::find_account(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Rekening simpanan"))?;
    if !auth.can(Permission::MANAGE_MEMBERS) {
        // A member reads her own passbook only.
        let own = koperasi::member_of_user(&state.db, &tenant_id, &auth.user.id)
            .await?
            .is_some_and(|m| m.id == account.member_id);
        if !own {
            return Err(ApiError::NotFound("Rekening simpanan"));
        }
    }
    let rows = koperasi::movements(&state.db, &tenant_id, &account.id).await?;
    Ok(Json(rows.into_iter().map(movement_view).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct OpenAccountInput {
    pub product_id: String,
}

/// Opens an account of a product the member does not have yet (a berjangka, or a product
/// created after she joined).
#[utoipa::path(post, path = "/members/{id}/accounts", tag = "koperasi", params(("id" = String, Path)),
    request_body = OpenAccountInput,
    responses((status = 201, body = AccountView), (status = 404), (status = 409, description = "She already has one")))]
pub async fn open_account(
    State(state): State<AppState>,
    auth: Auth,
    Path(member_id): Path<String>,
    Json(req): Json<OpenAccountInput>,
) -> ApiResult<(StatusCode, Json<AccountView>)> {
    auth.require(Permission::TELLER_SAVINGS)?;
    let tenant_id = auth.tenant()?.to_string();
    let member = koperasi::find_member(&state.db, &tenant_id, &member_id)
        .await?
        .filter(|m| m.status == "active")
        .ok_or(ApiError::NotFound("Anggota"))?;
    let product = koperasi::find_product(&state.db, &tenant_id, &req.product_id)
        .await?
        .filter(|p| p.active)
        .ok_or(ApiError::NotFound("Produk simpanan"))?;
    if koperasi::accounts_of(&state.db, &tenant_id, &member.id)
        .await?
        .iter()
        .any(|a| a.product_id == product.id)
    {
        return Err(ApiError::conflict(
            "account_exists",
            "Anggota sudah punya rekening produk ini.",
        ));
    }
    let row = savings_account::Model {
        id: new_id(),
        tenant_id: tenant_id.clone(),
        member_id: member.id.clone(),
        product_id: product.id.clone(),
        account_no: format!("{}-{}", product.code, member.member_no),
        balance: 0,
        status: "active".into(),
        placed_on: None,
        maturity_date: None,
        opened_at: Utc::now(),
    };
    let actor = Actor::of(&auth);
    let saved = row.clone();
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let (id, no) = (row.id.clone(), row.account_no.clone());
            koperasi::insert_account(txn, row).await?;
            audit
                .record(
                    Change::new("savings_account.open", "savings_account", &id)
                        .after(json!({"account_no": no})),
                )
                .await
        })
    })
    .await?;
    let view = account_views(&state, &tenant_id, vec![saved])
        .await?
        .into_iter()
        .next()
        .ok_or(ApiError::NotFound("Rekening simpanan"))?;
    Ok((StatusCode::CREATED, Json(view)))
}
