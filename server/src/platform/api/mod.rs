//! Sign-in, tenants, outlets, staff, tokens, devices and the audit log.
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kernel::state::AppState;

pub mod audit;
pub mod auth;
pub mod dashboard;
pub mod devices;
pub mod outlets;
pub mod platform_dashboard;
pub mod tenants;
pub mod tokens;
pub mod users;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::pin_login))
        .routes(routes!(auth::set_own_pin))
        .routes(routes!(users::accept_invitation))
        .routes(routes!(tenants::list, tenants::create))
        .routes(routes!(outlets::list, outlets::create))
        .routes(routes!(outlets::get_one, outlets::update, outlets::archive))
        .routes(routes!(users::list, users::invite))
        .routes(routes!(users::get_one, users::update, users::disable))
        .routes(routes!(users::set_pin))
        .routes(routes!(tokens::list, tokens::create))
        .routes(routes!(tokens::revoke))
        .routes(routes!(devices::list, devices::register))
        .routes(routes!(devices::current))
        .routes(routes!(audit::list))
        .routes(routes!(audit::verify))
        .routes(routes!(dashboard::dashboard))
        .routes(routes!(platform_dashboard::platform_dashboard))
}
