//! Catalogue: categories, products and variants, barcodes, outlet prices, the till's
//! offline catalogue, CSV and XLSX import/export; stock levels and adjustments.
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kernel::state::AppState;

pub mod assembly;
pub mod batches;
pub mod categories;
pub mod counts;
pub mod csv_export;
pub mod csv_import;
pub mod outlet_prices;
pub mod products;
pub mod rules;
pub mod stock;
pub mod stock_card;
pub mod stock_card_export;
pub mod till_catalogue;
pub mod transfers;
pub mod valuation_export;
pub mod xlsx;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(categories::list, categories::create))
        .routes(routes!(categories::update, categories::delete))
        .routes(routes!(products::list, products::create))
        .routes(routes!(csv_export::export))
        .routes(routes!(csv_export::export_xlsx))
        .routes(routes!(csv_import::import))
        .routes(routes!(
            products::get_one,
            products::update,
            products::deactivate
        ))
        .routes(routes!(
            outlet_prices::set_outlet_price,
            outlet_prices::clear_outlet_price
        ))
        .routes(routes!(till_catalogue::till_catalogue))
        .routes(routes!(stock::levels))
        .routes(routes!(stock::movements))
        .routes(routes!(stock::adjust))
        .routes(routes!(stock::valuation))
        .routes(routes!(valuation_export::csv))
        .routes(routes!(valuation_export::xlsx))
        .routes(routes!(stock_card::stock_card))
        .routes(routes!(stock_card_export::csv))
        .routes(routes!(stock_card_export::xlsx))
        .routes(routes!(counts::list, counts::create))
        .routes(routes!(counts::get_one))
        .routes(routes!(counts::count))
        .routes(routes!(counts::approve))
        .routes(routes!(transfers::list, transfers::create))
        .routes(routes!(transfers::get_one))
        .routes(routes!(transfers::send))
        .routes(routes!(transfers::receive))
        .routes(routes!(batches::expiring))
        .routes(routes!(batches::of_product))
        .routes(routes!(assembly::get_components, assembly::set_components))
        .routes(routes!(assembly::list, assembly::create))
}
