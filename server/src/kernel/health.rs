use axum::extract::State;
use sea_orm::ConnectionTrait;
use serde::Serialize;

use crate::kernel::error::ApiResult;
use crate::kernel::http::Json;
use crate::kernel::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub database: &'static str,
}

#[utoipa::path(get, path = "/api/health", tag = "system",
    responses((status = 200, description = "Server and database are up", body = Health)))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    state.db.execute_unprepared("SELECT 1").await?;
    Ok(Json(Health {
        status: "ok",
        database: crate::kernel::db::backend_name(&state.db),
    }))
}
