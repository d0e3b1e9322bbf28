//! The OpenAPI document, generated from the handlers' annotations, and a plain HTML page
//! that renders it for developers (no CDN: this must work offline).
use axum::extract::State;
use axum::response::Html;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::kernel::package::Registry;
use crate::kernel::state::AppState;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("satu_session"))),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Satu API", version = "1", description = "Satu: satu otak untuk banyak bisnis. \
        Money is a decimal string. Errors are {\"error\":{\"code\",\"message\"}}. Authenticate with the \
        session cookie (plus the X-CSRF-Token header on writes) or `Authorization: Bearer <token>`."),
    modifiers(&Security),
    components(schemas(crate::kernel::error::ErrorBody, crate::kernel::error::ErrorDetail)),
    security(("bearer" = []), ("session" = [])),
    paths(crate::kernel::health::health),
)]
pub struct ApiDoc;

/// The whole document: health, and every registered package's routes under `/api/v1`.
pub fn openapi(registry: Registry) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for p in registry {
        doc = doc.nest("/api/v1", crate::kernel::router::package_doc(p));
    }
    doc.openapi = utoipa::openapi::OpenApiVersion::Version31;
    contract(&mut doc);
    doc
}

/// What every operation promises beyond its own annotation, so that a generated client
/// works from the document: an operationId made from method and path (unique by
/// construction), and every error answer, declared or not, described by `ErrorBody`.
fn contract(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};
    let error_content = || Content::new(Some(RefOr::Ref(Ref::from_schema_name("ErrorBody"))));
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [
            ("get", &mut item.get),
            ("put", &mut item.put),
            ("post", &mut item.post),
            ("delete", &mut item.delete),
            ("patch", &mut item.patch),
        ];
        for (method, operation) in operations {
            let Some(op) = operation.as_mut() else {
                continue;
            };
            op.operation_id = Some(operation_id(method, path));
            for (status, response) in op.responses.responses.iter_mut() {
                let is_error = status.starts_with('4') || status.starts_with('5');
                if let (true, RefOr::T(r)) = (is_error, response) {
                    if r.content.is_empty() {
                        r.content.insert("application/json".into(), error_content());
                    }
                }
            }
            // Every request can be refused: malformed (400), unauthenticated (401),
            // forbidden (403), unknown (404), invalid (422), too fast (429), or fail (500).
            op.responses
                .responses
                .entry("default".into())
                .or_insert_with(|| {
                    RefOr::T(
                        ResponseBuilder::new()
                            .description("An error: `{\"error\": {\"code\", \"message\"}}`")
                            .content("application/json", error_content())
                            .build(),
                    )
                });
        }
    }
}

/// `get /api/v1/savings-accounts/{id}/deposits` → `get_savings_accounts_by_id_deposits`.
fn operation_id(method: &str, path: &str) -> String {
    let tail = path
        .strip_prefix("/api/v1/")
        .or_else(|| path.strip_prefix("/api/"))
        .unwrap_or(path);
    let words: Vec<String> = tail
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| match segment.strip_prefix('{') {
            Some(_) => "by_id".to_string(),
            None => segment
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect(),
        })
        .collect();
    format!("{method}_{}", words.join("_"))
}

pub async fn openapi_json(State(state): State<AppState>) -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(openapi(state.packages))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub async fn docs_page(State(state): State<AppState>) -> Html<String> {
    let doc = openapi(state.packages);
    let mut body = String::new();
    for (path, item) in doc.paths.paths.iter() {
        let ops = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            let tag = op
                .tags
                .as_ref()
                .and_then(|t| t.first())
                .cloned()
                .unwrap_or_default();
            let summary = op
                .summary
                .clone()
                .or(op.description.clone())
                .unwrap_or_default();
            let responses: Vec<String> = op.responses.responses.keys().cloned().collect();
            body.push_str(&format!(
                "<tr><td class=m>{method}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(path),
                escape(&tag),
                escape(&summary),
                responses.join(", ")
            ));
        }
    }
    let schemas = doc
        .components
        .as_ref()
        .map(|c| serde_json::to_string_pretty(&c.schemas).unwrap_or_default())
        .unwrap_or_default();
    Html(format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content='width=device-width'>\
         <title>Satu API</title><style>body{{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem}}\
         table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}}\
         .m{{font-weight:700;color:#0b6e4f}}pre{{background:#f4f4f4;padding:1rem;overflow:auto}}</style></head><body>\
         <h1>Satu API v1</h1><p>{}</p><p>Machine-readable: <a href='/api/openapi.json'>/api/openapi.json</a> (OpenAPI 3.1).</p>\
         <table><thead><tr><th>Method</th><th>Path</th><th>Tag</th><th>Summary</th><th>Responses</th></tr></thead><tbody>{body}</tbody></table>\
         <h2>Schemas</h2><pre>{}</pre></body></html>",
        escape(doc.info.description.as_deref().unwrap_or_default()),
        escape(&schemas)
    ))
}
