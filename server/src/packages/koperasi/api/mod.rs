//! Koperasi simpan pinjam: members, savings, loans, SHU, the koperasi's reports and the
//! member's portal.
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kernel::state::AppState;

pub mod koperasi_reports;
pub mod loan_payments;
pub mod loan_reports;
pub mod loans;
pub mod member_documents;
pub mod member_exit;
pub mod members;
pub mod savings;
pub mod savings_interest;
pub mod shu;
pub mod simulations;
pub mod time_deposits;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(simulations::loan))
        .routes(routes!(simulations::shu))
        .routes(routes!(simulations::nik))
        .routes(routes!(members::list, members::create))
        .routes(routes!(members::get_one))
        .routes(routes!(members::invite_to_portal))
        .routes(routes!(members::me))
        .routes(routes!(member_exit::exit))
        .routes(routes!(savings::open_account))
        .routes(routes!(member_documents::photo, member_documents::upload))
        .routes(routes!(savings::products, savings::create_product))
        .routes(routes!(savings::deposit))
        .routes(routes!(savings::withdraw))
        .routes(routes!(savings::movements))
        .routes(routes!(time_deposits::mature))
        .routes(routes!(time_deposits::withdraw_early))
        .routes(routes!(savings_interest::post_month))
        .routes(routes!(loans::products, loans::create_product))
        .routes(routes!(loans::list, loans::apply))
        .routes(routes!(loans::get_one))
        .routes(routes!(loans::analyse))
        .routes(routes!(loans::approve))
        .routes(routes!(loan_payments::disburse))
        .routes(routes!(loan_payments::repay))
        .routes(routes!(loan_payments::payoff_quote, loan_payments::pay_off))
        .routes(routes!(loan_payments::write_off))
        .routes(routes!(loan_reports::collection))
        .routes(routes!(loan_reports::portfolio))
        .routes(routes!(loan_reports::my_loans))
        .routes(routes!(shu::list, shu::compute))
        .routes(routes!(shu::get_one))
        .routes(routes!(shu::approve))
        .routes(routes!(shu::post))
        .routes(routes!(shu::mine))
        .routes(routes!(koperasi_reports::cash_book_json))
        .routes(routes!(koperasi_reports::csv_file))
}
