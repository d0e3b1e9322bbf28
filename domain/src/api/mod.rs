//! The JSON the server answers and the app reads, declared once for both. The server adds
//! the OpenAPI schema (feature `openapi`); the app deserialises the same structs, so a
//! renamed or retyped field breaks the build of both rather than a screen at run time.
//!
//! Each package's own views stay with the package until it moves them here; what lives
//! here is what the kernel and the platform serve to every package: the error body, the
//! session, devices, tokens and the audit log.
mod audit;
mod devices;
mod error;
mod session;

pub use audit::{AuditView, Verification};
pub use devices::{CurrentDevice, DeviceView, PinUser};
pub use error::{ErrorBody, ErrorDetail};
pub use session::{LoginRequest, SessionView, TokenView, UserView};
