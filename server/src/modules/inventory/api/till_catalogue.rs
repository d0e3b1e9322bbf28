//! The till's offline catalogue: every sellable row of an outlet, at the outlet's prices.
pub use domain::api::inventory::{TillCatalogue, TillProduct};
use std::collections::HashMap;

use axum::extract::State;
use chrono::Utc;

use super::outlet_prices::load_outlet;
use super::products::category_names;
use crate::kernel::auth::Auth;
use crate::kernel::error::ApiResult;
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::modules::inventory::repo::catalogue as repo;

#[utoipa::path(get, path = "/outlets/{id}/catalogue", tag = "catalogue",
    params(("id" = String, Path, description = "Outlet id")),
    responses((status = 200, body = TillCatalogue, description = "Every active product and variant at this outlet's prices"), (status = 404)))]
pub async fn till_catalogue(
    State(state): State<AppState>,
    auth: Auth,
    Path(outlet_id): Path<String>,
) -> ApiResult<Json<TillCatalogue>> {
    auth.require(Permission::VIEW_CATALOGUE)?;
    let outlet_id = load_outlet(&state, &auth, &outlet_id).await?;
    let tenant_id = auth.tenant()?;
    let rows = repo::active_products_for_till(&state.db, tenant_id).await?;
    let mut barcodes: HashMap<String, Vec<String>> = HashMap::with_capacity(rows.len());
    for (product_id, code) in repo::all_barcodes(&state.db, tenant_id).await? {
        barcodes.entry(product_id).or_default().push(code);
    }
    let mut prices = repo::outlet_prices_of_outlet(&state.db, tenant_id, &outlet_id).await?;
    let categories = category_names(&state.db, tenant_id).await?;
    let mut expired = crate::modules::inventory::repo::batches::expired_only(
        &state.db,
        tenant_id,
        &outlet_id,
        crate::kernel::business_day::Zone::Wib.today(),
    )
    .await?;
    let products: Vec<TillProduct> = rows
        .into_iter()
        .map(|r| TillProduct {
            price: prices.remove(&r.id).unwrap_or(r.price).text(),
            barcodes: barcodes.remove(&r.id).unwrap_or_default(),
            expired_on: expired.remove(&r.id),
            category: r
                .category_id
                .as_ref()
                .and_then(|c| categories.get(c))
                .cloned(),
            id: r.id,
            sku: r.sku,
            name: r.name,
            variant: r.variant,
            group_id: r.group_id,
            unit: r.unit,
            tax: r.tax,
            image_url: r.image_url,
        })
        .collect();
    Ok(Json(TillCatalogue {
        outlet_id,
        generated_at: Utc::now().to_rfc3339(),
        count: products.len(),
        products,
    }))
}
