//! Catalogue: categories, products and variants, barcodes, outlet prices, the till's
//! offline catalogue, CSV and XLSX import/export, and customers.
use axum::routing::{get, patch, post, put};
use axum::Router;
use utoipa::OpenApi;

use crate::state::AppState;

pub mod categories;
pub mod csv_io;
pub mod customers;
pub mod products;
pub mod rules;
pub mod xlsx;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/categories",
            get(categories::list).post(categories::create),
        )
        .route(
            "/categories/{id}",
            patch(categories::update).delete(categories::delete),
        )
        .route("/products", get(products::list).post(products::create))
        .route("/products/export.csv", get(csv_io::export))
        .route("/products/export.xlsx", get(csv_io::export_xlsx))
        .route("/products/import", post(csv_io::import))
        .route(
            "/products/{id}",
            get(products::get_one)
                .patch(products::update)
                .delete(products::deactivate),
        )
        .route(
            "/products/{id}/outlet-prices/{outlet_id}",
            put(products::set_outlet_price).delete(products::clear_outlet_price),
        )
        .route("/outlets/{id}/catalogue", get(products::till_catalogue))
        .route("/customers", get(customers::list).post(customers::create))
        .route(
            "/customers/{id}",
            get(customers::get_one).patch(customers::update),
        )
        .route("/customers/{id}/sales", get(customers::purchases))
}

#[derive(OpenApi)]
#[openapi(paths(
    categories::list,
    categories::create,
    categories::update,
    categories::delete,
    products::list,
    products::create,
    products::get_one,
    products::update,
    products::deactivate,
    products::set_outlet_price,
    products::clear_outlet_price,
    products::till_catalogue,
    csv_io::export,
    csv_io::export_xlsx,
    csv_io::import,
    customers::list,
    customers::create,
    customers::get_one,
    customers::update,
    customers::purchases,
))]
pub struct CatalogueDoc;
