//! Authentication: passwords and PINs (Argon2id), opaque secrets (sessions, API tokens,
//! devices, invitations: only their SHA-256 is stored), and the `Auth` request context.
pub mod context;
pub mod manager_pin;
pub mod secret;

pub use context::{Auth, ClientInfo, Credential};
