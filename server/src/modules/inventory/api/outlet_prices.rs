//! A product's price at one outlet, overriding the catalogue price there.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::products::{load, OutletPriceView};
use super::rules;
use crate::kernel::audit::Actor;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::modules::inventory::repo::catalogue as repo;
use crate::platform::repo::outlets;

#[derive(Deserialize, ToSchema)]
pub struct OutletPriceInput {
    /// Whole rupiah, decimal string.
    pub price: Option<String>,
}

pub(super) async fn load_outlet(
    state: &AppState,
    auth: &Auth,
    outlet_id: &str,
) -> ApiResult<String> {
    outlets::find(&state.db, auth.tenant()?, outlet_id)
        .await?
        .filter(|o| auth.can_access_outlet(&o.id))
        .map(|o| o.id)
        .ok_or(ApiError::NotFound("Outlet"))
}

#[utoipa::path(put, path = "/products/{id}/outlet-prices/{outlet_id}", tag = "catalogue",
    request_body = OutletPriceInput,
    params(("id" = String, Path), ("outlet_id" = String, Path)),
    responses((status = 200, body = OutletPriceView), (status = 404), (status = 422)))]
pub async fn set_outlet_price(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, outlet_id)): Path<(String, String)>,
    Json(req): Json<OutletPriceInput>,
) -> ApiResult<Json<OutletPriceView>> {
    auth.require(Permission::MANAGE_CATALOGUE)?;
    let product = load(&state, &auth, &id).await?;
    let outlet_id = load_outlet(&state, &auth, &outlet_id).await?;
    let price = rules::price("price", req.price.as_deref().unwrap_or_default())?;
    let tenant_id = auth.tenant()?.to_string();
    let actor = Actor::of(&auth);
    let view = OutletPriceView {
        outlet_id: outlet_id.clone(),
        price: price.text(),
    };
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let previous =
                repo::set_outlet_price(txn, &tenant_id, &outlet_id, &product.id, price).await?;
            audit
                .record(
                    Change::new("product.outlet_price.set", "product", &product.id)
                        .outlet(&outlet_id)
                        .before_opt(
                            previous.map(|p| json!({"sku": product.sku, "price": p.text()})),
                        )
                        .after(json!({"sku": product.sku, "price": price.text()})),
                )
                .await
        })
    })
    .await?;
    Ok(Json(view))
}

#[utoipa::path(delete, path = "/products/{id}/outlet-prices/{outlet_id}", tag = "catalogue",
    params(("id" = String, Path), ("outlet_id" = String, Path)),
    responses((status = 204, description = "The outlet sells at the product price again"), (status = 404)))]
pub async fn clear_outlet_price(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, outlet_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    auth.require(Permission::MANAGE_CATALOGUE)?;
    let product = load(&state, &auth, &id).await?;
    let outlet_id = load_outlet(&state, &auth, &outlet_id).await?;
    let tenant_id = auth.tenant()?.to_string();
    let actor = Actor::of(&auth);
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let Some(previous) =
                repo::clear_outlet_price(txn, &tenant_id, &outlet_id, &product.id).await?
            else {
                return Ok(());
            };
            audit
                .record(
                    Change::new("product.outlet_price.clear", "product", &product.id)
                        .outlet(&outlet_id)
                        .before(json!({"sku": product.sku, "price": previous.text()})),
                )
                .await
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
