//! How the site's bytes travel: compressed when the browser accepts it, and kept by the
//! browser for as long as their address says they are the same bytes.
//!
//! Every build file is served under a path that names the build, `/b/<build>/pkg/…`, where
//! `<build>` hashes the names and bytes of every file under `pkg/`. A new build is a new
//! address, so those answers may be cached for a year (`immutable`), and the service
//! worker's precache takes the WASM the page already loaded from the browser's cache
//! instead of downloading it a second time. (Per-file hashed names would do the same, but
//! they put a random 22-character name for each of the several hundred WASM chunks into the
//! split loader, which every till downloads first: about 10 KB more.)
use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// A year: the longest `max-age` browsers honour. A build's address never changes content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Files at an address that does not name the build must be asked for again.
pub const REVALIDATE: &str = "no-cache";

/// One build of the front end, as found under `pkg/` when the server starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Build {
    /// The first 16 hex digits of a SHA-256 over every file's name and bytes.
    pub version: String,
    /// The WASM, JS and CSS files (not their `.br`/`.gz` twins): the main ones, then the
    /// chunks, each by name.
    pub files: Vec<String>,
}

impl Build {
    pub fn read(pkg: &Path) -> Build {
        let mut files: Vec<String> = std::fs::read_dir(pkg)
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| [".wasm", ".js", ".css"].iter().any(|ext| n.ends_with(ext)))
                    .collect()
            })
            .unwrap_or_default();
        // The till's own files first (the WASM, its JS, the CSS), then the lazy chunks:
        // the service worker precaches in this order.
        files.sort_by_key(|f| {
            (
                f.starts_with("chunk_") || f.starts_with("split_"),
                f.clone(),
            )
        });
        let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
        for file in &files {
            sha2::Digest::update(&mut hasher, file.as_bytes());
            if let Ok(bytes) = std::fs::read(pkg.join(file)) {
                sha2::Digest::update(&mut hasher, &bytes);
            }
        }
        let version = hex::encode(sha2::Digest::finalize(hasher))
            .chars()
            .take(16)
            .collect();
        Build { version, files }
    }

    /// What the page puts before `/pkg/…` (leptos' `root`).
    pub fn root(&self) -> String {
        format!("/b/{}", self.version)
    }

    /// Every file's address, for the service worker to precache.
    pub fn urls(&self, pkg_dir: &str) -> Vec<String> {
        self.files
            .iter()
            .map(|f| format!("{}/{pkg_dir}/{f}", self.root()))
            .collect()
    }
}

/// `/b/…` answers are this build's files: a year. `/pkg/…` (the same files at an address
/// that does not name the build) must be revalidated, or a browser could mix two builds.
pub async fn cache_policy(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let value = if path.starts_with("/b/") {
        Some(IMMUTABLE)
    } else if path.starts_with("/pkg/") {
        Some(REVALIDATE)
    } else {
        None
    };
    let mut response = next.run(request).await;
    if let Some(value) = value.filter(|_| response.status().is_success()) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// The site with its build files at the build's address, the cache policy, and brotli or
/// gzip for every compressible answer (pages, JSON, the service worker) the browser
/// accepts; build files stored compressed (`.br`, `.gz` beside each, from
/// `cargo leptos build --precompress`) are sent as they are, never compressed twice.
pub fn delivered(router: Router, site_root: &Path, pkg_dir: &str, build: &Build) -> Router {
    let files = ServeDir::new(site_root.join(pkg_dir))
        .precompressed_br()
        .precompressed_gzip();
    router
        .nest_service(&format!("{}/{pkg_dir}", build.root()), files)
        .layer(axum::middleware::from_fn(cache_policy))
        .layer(CompressionLayer::new().br(true).gzip(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_version_follows_every_byte() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join("satu.wasm"), b"one").expect("write");
        std::fs::write(dir.path().join("satu.wasm.br"), b"x").expect("write");
        std::fs::write(dir.path().join("chunk_1.wasm"), b"two").expect("write");
        let first = Build::read(dir.path());
        assert_eq!(first.files, ["satu.wasm", "chunk_1.wasm"]);
        assert_eq!(first.version.len(), 16);
        assert_eq!(
            first.urls("pkg")[0],
            format!("/b/{}/pkg/satu.wasm", first.version)
        );
        std::fs::write(dir.path().join("chunk_1.wasm"), b"three").expect("write");
        assert_ne!(Build::read(dir.path()).version, first.version);
    }
}
