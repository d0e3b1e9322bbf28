//! Customers (CRM lite): who they are, and what they bought (sales attached at the till).
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
pub use domain::api::pos::CustomerView;
pub use domain::api::pos::{PurchaseHistory, PurchaseView};
use sea_orm::{ConnectionTrait, Set};
use serde::Deserialize;
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
use crate::modules::inventory::api::rules;
use crate::modules::pos::entity::customer;
use crate::modules::pos::repo::customers;
use crate::platform::api::tenants::required;

impl From<customer::Model> for CustomerView {
    fn from(c: customer::Model) -> Self {
        CustomerView {
            id: c.id,
            name: c.name,
            phone: c.phone,
            member_user_id: c.member_user_id,
            created_at: c.created_at.to_rfc3339(),
        }
    }
}

fn snapshot(c: &customer::Model) -> serde_json::Value {
    json!({"name": c.name, "phone": c.phone, "member_user_id": c.member_user_id})
}

/// On update every field is optional; an empty `phone` or `member_user_id` clears it.
#[derive(Deserialize, ToSchema)]
pub struct CustomerInput {
    pub name: Option<String>,
    /// `0812-3456-7890`, `62812…` or `+62 812…`; stored as `+62…`.
    pub phone: Option<String>,
    pub member_user_id: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct CustomerFilter {
    /// Case-insensitive search in name and phone.
    pub q: Option<String>,
    /// Default 100, at most 500.
    pub limit: Option<u64>,
}

async fn check_member<C: ConnectionTrait>(
    db: &C,
    tenant_id: &str,
    user_id: &str,
) -> ApiResult<Option<String>> {
    let id = user_id.trim();
    if id.is_empty() {
        return Ok(None);
    }
    if customers::is_tenant_member(db, tenant_id, id).await? {
        Ok(Some(id.to_string()))
    } else {
        Err(ApiError::validation(
            "member_user_id",
            "Pengguna bukan anggota usaha ini.",
        ))
    }
}

#[utoipa::path(get, path = "/customers", tag = "customers", params(CustomerFilter),
    responses((status = 200, body = [CustomerView])))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(f): Query<CustomerFilter>,
) -> ApiResult<Json<Vec<CustomerView>>> {
    auth.require(Permission::MANAGE_CUSTOMERS)?;
    let q = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty());
    // "0812 34" finds +6281234…: search phones by their national digits too.
    let digits = q.and_then(|q| {
        let d: String = q
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '+' | '(' | ')'))
            .collect();
        if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let national = d
            .strip_prefix("62")
            .or_else(|| d.strip_prefix('0'))
            .unwrap_or(&d);
        Some(national.to_string())
    });
    let limit = f.limit.unwrap_or(100).clamp(1, 500);
    let all =
        customers::list_customers(&state.db, auth.tenant()?, q, digits.as_deref(), limit).await?;
    Ok(Json(all.into_iter().map(Into::into).collect()))
}

async fn load(state: &AppState, auth: &Auth, id: &str) -> ApiResult<customer::Model> {
    customers::find_customer(&state.db, auth.tenant()?, id)
        .await?
        .ok_or(ApiError::NotFound("Pelanggan"))
}

#[utoipa::path(get, path = "/customers/{id}", tag = "customers",
    params(("id" = String, Path)), responses((status = 200, body = CustomerView), (status = 404)))]
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<CustomerView>> {
    auth.require(Permission::MANAGE_CUSTOMERS)?;
    Ok(Json(load(&state, &auth, &id).await?.into()))
}

#[utoipa::path(get, path = "/customers/{id}/sales", tag = "customers",
    params(("id" = String, Path)), responses((status = 200, body = PurchaseHistory), (status = 404)))]
pub async fn purchases(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<PurchaseHistory>> {
    auth.require(Permission::VIEW_SALES)?;
    let c = load(&state, &auth, &id).await?;
    let rows = crate::modules::pos::repo::sales::of_customer(&state.db, auth.tenant()?, &c.id, 200)
        .await?;
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|s| auth.can_access_outlet(&s.outlet_id))
        .collect();
    let total = domain::bounds::saturating_sum(rows.iter().map(|s| s.grand_total_sen.dec()));
    let purchases: Vec<PurchaseView> = rows
        .into_iter()
        .map(|s| PurchaseView {
            sale_id: s.id,
            receipt_no: s.receipt_no,
            outlet_id: s.outlet_id,
            sold_at: s.sold_at,
            grand_total: s.grand_total_sen.text(),
            status: s.status,
        })
        .collect();
    Ok(Json(PurchaseHistory {
        customer: c.into(),
        count: purchases.len(),
        total: total.normalize().to_string(),
        purchases,
    }))
}

#[utoipa::path(post, path = "/customers", tag = "customers", request_body = CustomerInput,
    responses((status = 201, body = CustomerView), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(req): Json<CustomerInput>,
) -> ApiResult<(StatusCode, Json<CustomerView>)> {
    auth.require(Permission::MANAGE_CUSTOMERS)?;
    let tenant_id = auth.tenant()?.to_string();
    let name = required(
        "name",
        req.name.as_deref().unwrap_or_default(),
        "Nama pelanggan",
    )?;
    let phone = rules::phone("phone", req.phone.as_deref().unwrap_or_default())?;
    let member = req.member_user_id.clone();
    let actor = Actor::of(&auth);
    let created = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let member_user_id = match &member {
                Some(m) => check_member(txn, &tenant_id, m).await?,
                None => None,
            };
            let c = customers::insert_customer(
                txn,
                customer::ActiveModel {
                    id: Set(new_id()),
                    tenant_id: Set(tenant_id.clone()),
                    name: Set(name),
                    phone: Set(phone),
                    member_user_id: Set(member_user_id),
                    created_at: Set(Utc::now()),
                },
            )
            .await?;
            audit
                .record(Change::new("customer.create", "customer", &c.id).after(snapshot(&c)))
                .await?;
            Ok(c)
        })
    })
    .await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

#[utoipa::path(patch, path = "/customers/{id}", tag = "customers", request_body = CustomerInput,
    params(("id" = String, Path)),
    responses((status = 200, body = CustomerView), (status = 404), (status = 422)))]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(req): Json<CustomerInput>,
) -> ApiResult<Json<CustomerView>> {
    auth.require(Permission::MANAGE_CUSTOMERS)?;
    let before = load(&state, &auth, &id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let mut active: customer::ActiveModel = before.clone().into();
    if let Some(name) = &req.name {
        active.name = Set(required("name", name, "Nama pelanggan")?);
    }
    if let Some(phone) = &req.phone {
        active.phone = Set(rules::phone("phone", phone)?);
    }
    let member = req.member_user_id.clone();
    let actor = Actor::of(&auth);
    let updated = audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            if let Some(m) = &member {
                active.member_user_id = Set(check_member(txn, &tenant_id, m).await?);
            }
            let c = customers::update_customer(txn, active).await?;
            audit
                .record(
                    Change::new("customer.update", "customer", &c.id)
                        .before(snapshot(&before))
                        .after(snapshot(&c)),
                )
                .await?;
            Ok(c)
        })
    })
    .await?;
    Ok(Json(updated.into()))
}
