//! The `/api` router: every registered package's routes under `/api/v1`, each package's
//! behind its gate, plus health and the OpenAPI document.
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::kernel::auth::context::authenticate;
use crate::kernel::docs;
use crate::kernel::error::ApiError;
use crate::kernel::health;
use crate::kernel::package::{self, Layer, Package};
use crate::kernel::state::AppState;
use crate::platform::repo::outlets;

/// The `/api` router for the packages in `state.packages` (normally `packages::all()`).
pub fn router(state: AppState) -> Router {
    let registry = state.packages;
    let mut v1 = Router::new();
    for p in registry {
        let (routes, doc) = (p.routes)().split_for_parts();
        // A package may add no routes of its own (retail sells through the modules).
        let routes = if p.layer == Layer::Platform || doc.paths.paths.is_empty() {
            routes
        } else {
            let code = p.code;
            routes.route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                move |state: State<AppState>, req: Request, next: Next| {
                    gate(state, code, req, next)
                },
            ))
        };
        v1 = v1.merge(routes);
    }
    // A known path with a method it does not take answers in our error format too.
    let v1 = v1.method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed });

    let api = Router::new()
        .route("/health", get(health::health))
        .route("/openapi.json", get(docs::openapi_json))
        .route("/docs", get(docs::docs_page))
        .nest("/v1", v1)
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .fallback(|| async { ApiError::NotFound("Alamat API") })
        .with_state(state)
        // A bug must still answer in our error format, never with a dropped connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            IntoResponse::into_response(ApiError::Internal(anyhow::anyhow!("handler panicked")))
        }));
    Router::new().nest("/api", api)
}

/// A package's routes answer `403 package_not_enabled` to a tenant none of whose outlets
/// runs it. Who is asking is worked out once here and handed to the handler; a request
/// that cannot be signed in goes on, so the handler answers it as it would (401, 403…).
async fn gate(
    State(state): State<AppState>,
    code: &'static str,
    req: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = req.into_parts();
    if let Ok(auth) = authenticate(&mut parts, &state).await {
        if let Some(tenant) = auth.tenant_id.as_deref() {
            match enabled_for(&state, tenant).await {
                Ok(on) if !on.contains(code) => {
                    return ApiError::PackageNotEnabled { package: code }.into_response()
                }
                Ok(_) => {}
                Err(e) => return e.into_response(),
            }
        }
        parts.extensions.insert(auth);
    }
    next.run(Request::from_parts(parts, body)).await
}

/// What the tenant has switched on, from its outlets' industries.
pub async fn enabled_for(
    state: &AppState,
    tenant_id: &str,
) -> Result<std::collections::BTreeSet<&'static str>, ApiError> {
    let industries = outlets::industries(&state.db, tenant_id).await?;
    Ok(package::enabled(
        state.packages,
        industries.iter().map(String::as_str),
    ))
}

pub fn package_doc(p: &Package) -> utoipa::openapi::OpenApi {
    (p.routes)().into_openapi()
}
