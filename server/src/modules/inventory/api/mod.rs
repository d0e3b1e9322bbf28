//! Catalogue: categories, products and variants, barcodes, outlet prices, the till's
//! offline catalogue, CSV and XLSX import/export; stock levels and adjustments.
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kernel::state::AppState;

pub mod categories;
pub mod csv_io;
pub mod products;
pub mod rules;
pub mod stock;
pub mod xlsx;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(categories::list, categories::create))
        .routes(routes!(categories::update, categories::delete))
        .routes(routes!(products::list, products::create))
        .routes(routes!(csv_io::export))
        .routes(routes!(csv_io::export_xlsx))
        .routes(routes!(csv_io::import))
        .routes(routes!(
            products::get_one,
            products::update,
            products::deactivate
        ))
        .routes(routes!(
            products::set_outlet_price,
            products::clear_outlet_price
        ))
        .routes(routes!(products::till_catalogue))
        .routes(routes!(stock::levels))
        .routes(routes!(stock::movements))
        .routes(routes!(stock::adjust))
}
