//! The member's KTP photo: taken with the tablet's camera at registration, stored with
//! the member (in the database, so any server behind the balancer can serve it) and shown
//! only to the koperasi's staff and to the member herself.
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::IntoResponse;
use serde_json::json;

use crate::kernel::audit::Actor;
use crate::kernel::auth::secret::new_id;
use crate::kernel::auth::Auth;
use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::http::{Json, Path};
use crate::kernel::rbac::Permission;
use crate::kernel::state::AppState;
use crate::kernel::txn::{audited, Change};
use crate::packages::koperasi::api::members::{load, MemberView};
use crate::packages::koperasi::entity::member_document;
use crate::packages::koperasi::repo::koperasi;

/// A phone photo after the browser's JPEG compression is well under this.
const MAX_BYTES: usize = 3 * 1024 * 1024;

/// The image type from the file's first bytes (the header can lie).
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        Some("image/png")
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

#[utoipa::path(post, path = "/members/{id}/ktp", tag = "koperasi", params(("id" = String, Path)),
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "The photo (JPEG, PNG or WebP, at most 3 MB)"),
    responses((status = 200, body = MemberView), (status = 404), (status = 422, description = "Not an image")))]
pub async fn upload(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Json<MemberView>> {
    auth.require(Permission::MANAGE_MEMBERS)?;
    let tenant_id = auth.tenant()?.to_string();
    let m = koperasi::find_member(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    let bytes = axum::body::to_bytes(body, MAX_BYTES)
        .await
        .map_err(|_| ApiError::validation("ktp", "Foto terlalu besar (maks. 3 MB)."))?;
    let content_type = image_type(&bytes)
        .ok_or_else(|| ApiError::validation("ktp", "Berkas bukan foto (JPEG, PNG atau WebP)."))?;
    let row = member_document::Model {
        id: new_id(),
        tenant_id: tenant_id.clone(),
        member_id: m.id.clone(),
        kind: "ktp".into(),
        content_type: content_type.into(),
        data: bytes.to_vec(),
        uploaded_by: auth.user.id.clone(),
        at: crate::kernel::business_day::now_text(),
    };
    let url = format!("/api/v1/members/{}/ktp", m.id);
    let actor = Actor::of(&auth);
    let size = row.data.len();
    audited(&state.db, actor, move |txn, audit| {
        Box::pin(async move {
            let mid = row.member_id.clone();
            koperasi::replace_ktp(txn, row, url).await?;
            audit
                .record(
                    Change::new("member.ktp_photo", "member", &mid)
                        .after(json!({"content_type": content_type, "bytes": size})),
                )
                .await
        })
    })
    .await?;
    let m = koperasi::find_member(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Anggota"))?;
    Ok(Json(load(&state, m).await?))
}

#[utoipa::path(get, path = "/members/{id}/ktp", tag = "koperasi", params(("id" = String, Path)),
    responses((status = 200, description = "The photo", content_type = "image/jpeg"), (status = 404)))]
pub async fn photo(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<impl IntoResponse> {
    let tenant_id = auth.tenant()?.to_string();
    if !auth.can(Permission::MANAGE_MEMBERS) {
        let own = koperasi::member_of_user(&state.db, &tenant_id, &auth.user.id)
            .await?
            .is_some_and(|m| m.id == id);
        if !own {
            return Err(ApiError::NotFound("Foto KTP"));
        }
    }
    let doc = koperasi::ktp_of(&state.db, &tenant_id, &id)
        .await?
        .ok_or(ApiError::NotFound("Foto KTP"))?;
    let mut headers = HeaderMap::new();
    if let Ok(v) = doc.content_type.parse() {
        headers.insert(header::CONTENT_TYPE, v);
    }
    // An identity document: never kept by shared caches.
    if let Ok(v) = "private, no-store".parse() {
        headers.insert(header::CACHE_CONTROL, v);
    }
    Ok((headers, doc.data))
}
