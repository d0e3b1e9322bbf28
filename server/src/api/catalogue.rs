//! Catalogue: categories, products and variants, barcodes, outlet prices, CSV import/export.
use axum::Router;
use utoipa::OpenApi;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}

#[derive(OpenApi)]
#[openapi()]
pub struct CatalogueDoc;
