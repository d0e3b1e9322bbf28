//! Suppliers, purchase orders and their receipts, returns to supplier, the reorder list,
//! supplier invoices and payables, and the supplier's own portal (`/supplier-portal/…`,
//! narrowed to the supplier the user signs in for).
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kernel::state::AppState;

pub mod consignments;
pub mod direct_receipts;
pub mod invoices;
pub mod orders;
pub mod payables;
pub mod portal;
pub mod portal_consignment;
pub mod proposals;
pub mod receipts;
pub mod reorder;
pub mod returns;
pub mod suppliers;
mod views;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(suppliers::list, suppliers::create))
        .routes(routes!(suppliers::get_one, suppliers::update))
        .routes(routes!(suppliers::products, suppliers::set_product))
        .routes(routes!(orders::list, orders::create))
        .routes(routes!(orders::get_one))
        .routes(routes!(orders::send))
        .routes(routes!(orders::approve))
        .routes(routes!(orders::cancel))
        .routes(routes!(orders::close))
        .routes(routes!(receipts::receive))
        .routes(routes!(direct_receipts::create))
        .routes(routes!(returns::list, returns::create))
        .routes(routes!(returns::get_one))
        .routes(routes!(reorder::suggestions))
        .routes(routes!(reorder::set_point))
        .routes(routes!(portal::orders))
        .routes(routes!(portal::order))
        .routes(routes!(portal::confirm))
        .routes(routes!(portal::ship))
        .routes(routes!(proposals::propose))
        .routes(routes!(proposals::accept))
        .routes(routes!(proposals::reject))
        .routes(routes!(invoices::list, invoices::create))
        .routes(routes!(invoices::get_one))
        .routes(routes!(invoices::pay))
        .routes(routes!(payables::aging))
        .routes(routes!(payables::statement))
        .routes(routes!(portal::invoices))
        .routes(routes!(portal::invoice))
        .routes(routes!(consignments::products, consignments::set_product))
        .routes(routes!(consignments::preview))
        .routes(routes!(consignments::settlements, consignments::settle))
        .routes(routes!(consignments::settlement))
        .routes(routes!(portal_consignment::settlements))
        .routes(routes!(portal_consignment::sold))
}
