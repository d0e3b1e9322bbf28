//! The JSON the server answers and the app reads, declared once for both. The server adds
//! the OpenAPI schema (feature `openapi`); the app deserialises the same structs, so a
//! renamed or retyped field breaks the build of both rather than a screen at run time.
//!
//! What the kernel and the platform serve to every package (the error body, the session,
//! devices, tokens, the audit log) is at the top; a package's own views are in a module
//! named after it (`koperasi`, `pos`, `inventory`).
mod audit;
pub mod consignment;
pub mod dashboard;
mod devices;
mod error;
pub mod inventory;
pub mod koperasi;
pub mod payables;
pub mod pos;
pub mod purchasing;
mod session;
mod tenancy;

pub use audit::{AuditView, Verification};
pub use devices::{CurrentDevice, DeviceView, PinUser};
pub use error::{ErrorBody, ErrorDetail};
pub use session::{CreatedToken, Invited, LoginRequest, SessionView, TokenView, UserView};
pub use tenancy::{CreatedTenant, OutletView, TenantView};
