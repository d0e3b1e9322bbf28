//! The POS core: sales, refunds, voids, shifts, discounts, customers and the sales report;
//! F&B, beauty and workshops sell through it too.
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kernel::state::AppState;

pub mod customers;
pub mod discounts;
pub mod refunds;
pub mod reports;
pub mod sales;
pub mod shifts;
pub mod voids;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sales::list, sales::create))
        .routes(routes!(refunds::lookup))
        .routes(routes!(sales::get_one))
        .routes(routes!(refunds::create))
        .routes(routes!(refunds::get_one))
        .routes(routes!(shifts::list, shifts::open))
        .routes(routes!(shifts::current))
        .routes(routes!(shifts::get_one))
        .routes(routes!(shifts::cash_movement))
        .routes(routes!(shifts::close))
        .routes(routes!(voids::create))
        .routes(routes!(discounts::approve))
        .routes(routes!(sales::outlet_pricing))
        .routes(routes!(reports::sales_report))
        .routes(routes!(customers::list, customers::create))
        .routes(routes!(customers::get_one, customers::update))
        .routes(routes!(customers::purchases))
}
