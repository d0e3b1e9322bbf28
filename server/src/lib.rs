//! Satu's server: the `/api` JSON API, persistence, auth and tenancy. `main.rs` adds the
//! Leptos app on top; tests use `api_router` directly.
pub mod api;
pub mod audit;
pub mod auth;
pub mod db;
pub mod entity;
pub mod error;
pub mod migration;
pub mod rbac;
pub mod repo;
pub mod seed;
pub mod state;

pub use api::router as api_router;
