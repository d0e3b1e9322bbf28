//! Satu's server: the `/api` JSON API, persistence, auth and tenancy. `main.rs` adds the
//! Leptos app on top; tests use `api_router` directly.
//!
//! Shape: `kernel` (what everything stands on) ← `platform` (tenants, outlets, users) ←
//! `modules` (POS core, inventory, …) ← `packages` (retail, koperasi, …). Dependencies
//! point only that way, and never from one package to another.
pub mod kernel;
pub mod modules;
pub mod packages;
pub mod platform;
pub mod seed;

pub use kernel::router::router as api_router;
