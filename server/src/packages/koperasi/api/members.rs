//! Koperasi members. Registration checks the NIK with `domain::nik` and that the birth date
//! and sex typed by the officer are the ones the NIK encodes (a mistyped digit usually shows
//! there first). Each member gets a number and an account for every active savings product.
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path, Query};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::packages::koperasi::api::savings::{account_views, AccountView};
use crate::packages::koperasi::entity::{member, savings_account};
use crate::packages::koperasi::repo::koperasi;
pub use domain::api::koperasi::{MemberView, WajibView};

#[derive(Deserialize, ToSchema)]
pub struct MemberInput {
    pub nik: String,
    pub name: String,
    /// `M` or `F`, as on the KTP.
    pub sex: String,
    /// `YYYY-MM-DD`, as on the KTP.
    pub birth_date: String,
    pub address: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub occupation: Option<String>,
    /// Ahli waris.
    #[serde(default)]
    pub heir_name: Option<String>,
    #[serde(default)]
    pub heir_relation: Option<String>,
    /// `YYYY-MM-DD`; today (the koperasi's zone) when absent.
    #[serde(default)]
    pub join_date: Option<String>,
    #[serde(default)]
    pub ktp_photo_url: Option<String>,
}

fn view(m: member::Model, accounts: Vec<AccountView>) -> MemberView {
    MemberView {
        id: m.id,
        member_no: m.member_no,
        nik: m.nik,
        name: m.name,
        sex: m.sex,
        birth_date: m.birth_date,
        address: m.address,
        phone: m.phone,
        email: m.email,
        occupation: m.occupation,
        heir_name: m.heir_name,
        heir_relation: m.heir_relation,
        join_date: m.join_date,
        status: m.status,
        ktp_photo_url: m.ktp_photo_url,
        accounts,
        wajib: None,
    }
}

/// Optional text of at most `max` characters: longer is refused, not cut.
fn optional(field: &str, v: &Option<String>, max: usize) -> ApiResult<Option<String>> {
    match v {
        Some(text) => crate::kernel::input::text(field, text, max, false),
        None => Ok(None),
    }
}

fn date(field: &str, text: &str) -> ApiResult<NaiveDate> {
    crate::kernel::input::date(field, text)
}

pub async fn load(state: &AppState, m: member::Model) -> ApiResult<MemberView> {
    let accounts = koperasi::accounts_of(&state.db, &m.tenant_id, &m.id).await?;
    let products = koperasi::products(&state.db, &m.tenant_id).await?;
    let wajib = if m.status == "active" {
        wajib_of(
            &m,
            &accounts,
            &products,
            koperasi::zone(&state.db, &m.tenant_id).await?.today(),
        )
    } else {
        None
    };
    let accounts = account_views(state, &m.tenant_id, accounts).await?;
    let mut v = view(m, accounts);
    v.wajib = wajib;
    Ok(v)
}

/// The member's wajib bills against her wajib balance (not withdrawable while a member,
/// so the balance is what she paid).
pub fn wajib_of(
    m: &member::Model,
    accounts: &[crate::packages::koperasi::entity::savings_account::Model],
    products: &[crate::packages::koperasi::entity::savings_product::Model],
    today: NaiveDate,
) -> Option<WajibView> {
    let product = products.iter().find(|p| p.kind == "wajib")?;
    let account = accounts.iter().find(|a| a.product_id == product.id)?;
    let join = NaiveDate::parse_from_str(&m.join_date, "%Y-%m-%d").ok()?;
    let monthly: Decimal = product.fixed_amount.parse().ok()?;
    let s = domain::wajib::wajib_status(join, today, monthly, Decimal::from(account.balance));
    Some(WajibView {
        monthly: monthly.to_string(),
        months_billed: s.months_billed,
        billed: s.billed.to_string(),
        paid: s.paid.to_string(),
        arrears: s.arrears.to_string(),
        months_in_arrears: s.months_in_arrears,
        prepaid: s.prepaid.to_string(),
    })
}

#[utoipa::path(post, path = "/members", tag = "koperasi", request_body = MemberInput,
    responses(
        (status = 201, description = "Registered, with an account per active savings product", body = MemberView),
        (status = 409, description = "A member with this NIK exists (`member_exists`)"),
        (status = 422, description = "Invalid NIK, or birth date/sex differ from the NIK")))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<MemberInput>,
) -> ApiResult<(StatusCode, Json<MemberView>)> {
    auth.require(Permission::MANAGE_MEMBERS)?;
    let tenant_id = auth.tenant()?.to_string();
    let today = koperasi::zone(&state.db, &tenant_id).await?.today();
    let nik = domain::nik::parse_with_today(&req.nik, today)
        .map_err(|e| ApiError::validation("nik", format!("NIK tidak valid: {e}")))?;
    let name = req.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(ApiError::validation(
            "name",
            "Nama wajib diisi (maks. 120 karakter).",
        ));
    }
    let birth = date("birth_date", &req.birth_date)?;
    if birth != nik.birth_date {
        return Err(ApiError::validation(
            "birth_date",
            format!(
                "Tanggal lahir tidak cocok dengan NIK (menurut NIK: {}).",
                nik.birth_date.format("%d-%m-%Y")
            ),
        ));
    }
    let sex = match req.sex.trim() {
        "M" | "L" => domain::nik::Sex::Male,
        "F" | "P" => domain::nik::Sex::Female,
        _ => return Err(ApiError::validation("sex", "Jenis kelamin: M atau F.")),
    };
    if sex != nik.sex {
        return Err(ApiError::validation(
            "sex",
            "Jenis kelamin tidak cocok dengan NIK (tanggal lahir perempuan ditambah 40).",
        ));
    }
    let address = req.address.trim().to_string();
    if address.is_empty() {
        return Err(ApiError::validation("address", "Alamat wajib diisi."));
    }
    let join = match req.join_date.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => date("join_date", d)?,
        None => today,
    };
    if join > today {
        return Err(ApiError::validation(
            "join_date",
            "Tanggal masuk tidak boleh di masa depan.",
        ));
    }
    if koperasi::nik_taken(&state.db, &tenant_id, &nik.nik).await? {
        return Err(ApiError::conflict(
            "member_exists",
            "Sudah ada anggota dengan NIK ini.",
        ));
    }
    let products: Vec<_> = koperasi::products(&state.db, &tenant_id)
        .await?
        .into_iter()
        .filter(|p| p.active && p.kind != "berjangka")
        .collect();

    // Member numbers are sequential per koperasi; two officers registering at once may
    // pick the same one, and the unique index sends the second round again.
    for _ in 0..5 {
        let n = koperasi::member_count(&state.db, &tenant_id).await? + 1;
        let row = member::Model {
            id: new_id(),
            tenant_id: tenant_id.clone(),
            member_no: format!("A{n:05}"),
            nik: nik.nik.clone(),
            name: name.clone(),
            sex: if sex == domain::nik::Sex::Male {
                "M"
            } else {
                "F"
            }
            .into(),
            birth_date: birth.to_string(),
            address: address.clone(),
            phone: optional("phone", &req.phone, 30)?,
            email: optional("email", &req.email, 120)?,
            occupation: optional("occupation", &req.occupation, 80)?,
            heir_name: optional("heir_name", &req.heir_name, 120)?,
            heir_relation: optional("heir_relation", &req.heir_relation, 40)?,
            join_date: join.to_string(),
            status: "active".into(),
            ktp_photo_url: optional("ktp_photo_url", &req.ktp_photo_url, 500)?,
            user_id: None,
            created_by: auth.user.id.clone(),
            created_at: Utc::now(),
        };
        let accounts: Vec<savings_account::Model> = products
            .iter()
            .map(|p| savings_account::Model {
                id: new_id(),
                tenant_id: tenant_id.clone(),
                member_id: row.id.clone(),
                product_id: p.id.clone(),
                account_no: format!("{}-{}", p.code, row.member_no),
                balance: 0,
                status: "active".into(),
                placed_on: None,
                maturity_date: None,
                opened_at: Utc::now(),
            })
            .collect();
        let actor = Actor::of(&auth);
        let member_id = row.id.clone();
        let saved = row.clone();
        let result = audited(&state.db, actor, move |txn, audit| {
            Box::pin(async move {
                koperasi::insert_member(txn, row).await?;
                for a in accounts {
                    koperasi::insert_account(txn, a).await?;
                }
                audit
                    .record(Change::new("member.create", "member", &saved.id).after(
                        json!({"member_no": saved.member_no, "nik": saved.nik, "name": saved.name}),
                    ))
                    .await
            })
        })
        .await;
        match result {
            Ok(()) => {
                let m = koperasi::find_member(&state.db, &tenant_id, &member_id)
                    .await?
                    .ok_or(ApiError::NotFound("Anggota"))?;
                return Ok((StatusCode::CREATED, Json(load(&state, m).await?)));
            }
            Err(err) => {
                if !err.is_duplicate() {
                    return Err(err);
                }
                if koperasi::nik_taken(&state.db, &tenant_id, &nik.nik).await? {
                    return Err(ApiError::conflict(
                        "member_exists",
                        "Sudah ada anggota dengan NIK ini.",
                    ));
                }
            }
        }
    }
    Err(ApiError::conflict(
        crate::kernel::error::DUPLICATE,
        "Nomor anggota bentrok; coba lagi.",
    ))
}

#[derive(Deserialize, IntoParams)]
pub struct MemberFilter {
    /// Name, member number, NIK or phone.
    pub q: Option<String>,
}

#[utoipa::path(get, path = "/members", tag = "koperasi", params(MemberFilter),
    responses((status = 200, body = [MemberView])))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(filter): Query<MemberFilter>,
) -> ApiResult<Json<Vec<MemberView>>> {
    auth.require(Permission::MANAGE_MEMBERS)?;
    let rows = koperasi::members(&state.db, auth.tenant()?, filter.q.as_deref(), 200).await?;
    Ok(Json(
        rows.into_iter().map(|m| view(m, Vec::new())).collect(),
    ))
}

#[utoipa::path(get, path = "/members/{id}", tag = "koperasi", params(("id" = String, Path)),
    responses((status = 200, body = MemberView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<MemberView>> {
    auth.require(Permission::MANAGE_MEMBERS)?;
    let m = koperasi::find_member(&state.db, auth.tenant()?, &id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    Ok(Json(load(&state, m).await?))
}

/// The signed-in member's own record and savings: what the member portal shows. Nobody
/// else's, whatever the request says.
#[utoipa::path(get, path = "/me/member", tag = "koperasi",
    responses((status = 200, body = MemberView), (status = 404, description = "Not linked to a member")))]
pub async fn me(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<MemberView>> {
    let m = koperasi::member_of_user(&state.db, auth.tenant()?, &auth.user.id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    Ok(Json(load(&state, m).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct PortalInvite {
    /// Where the invitation goes; the member's own email when absent.
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PortalInvited {
    pub member_id: String,
    pub user_id: String,
    /// Open this path (or send it) so the member sets her password.
    pub invite_path: String,
    pub invite_token: String,
}

/// Gives a member her own login for the member portal (role Member, linked to her record).
#[utoipa::path(post, path = "/members/{id}/portal-invitation", tag = "koperasi",
    params(("id" = String, Path)), request_body = PortalInvite,
    responses((status = 201, body = PortalInvited), (status = 404),
        (status = 409, description = "Already has a login, or the email is taken")))]
pub async fn invite_to_portal(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<PortalInvite>,
) -> ApiResult<(StatusCode, Json<PortalInvited>)> {
    auth.require(Permission::CREATE_LOGIN)?;
    let tenant_id = auth.tenant()?.to_string();
    let m = koperasi::find_member(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    if m.user_id.is_some() {
        return Err(ApiError::conflict(
            "portal_exists",
            "Anggota ini sudah punya akun portal.",
        ));
    }
    let email = req
        .email
        .clone()
        .or_else(|| m.email.clone())
        .ok_or_else(|| ApiError::validation("email", "Email anggota wajib diisi."))?;
    let email = crate::platform::api::tenants::validate_email(&email)?;
    let actor = Actor::of(&auth);
    let inviter = auth.user.id.clone();
    let invited = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            if crate::platform::repo::users::find_by_email(txn, &email)
                .await?
                .is_some()
            {
                return Err(ApiError::conflict("email_taken", "Email sudah terdaftar."));
            }
            let u = crate::platform::repo::users::insert(
                txn,
                crate::platform::repo::users::NewUser {
                    tenant_id: Some(&tenant_id),
                    email: &email,
                    name: &m.name,
                    password_hash: None,
                    platform_role: None,
                    status: "invited",
                    is_demo: false,
                },
            )
            .await?;
            crate::platform::repo::users::set_roles_and_outlets(
                txn,
                &tenant_id,
                &u.id,
                &[crate::kernel::rbac::Role::Member],
                &[],
            )
            .await?;
            koperasi::link_user(txn, &tenant_id, &m.id, &u.id).await?;
            let token =
                crate::platform::repo::invitations::create(txn, &tenant_id, &u.id, &inviter)
                    .await?;
            audit
                .record(
                    Change::new("member.portal_invite", "member", &m.id)
                        .after(json!({"user_id": u.id, "email": email})),
                )
                .await?;
            Ok(PortalInvited {
                member_id: m.id.clone(),
                user_id: u.id,
                invite_path: format!("/undangan?token={token}"),
                invite_token: token,
            })
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(invited)))
}
