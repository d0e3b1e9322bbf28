//! SQL for this part; every function takes the tenant from the caller's `Auth`.
pub mod audit;
pub mod devices;
pub mod invitations;
pub mod outlets;
pub mod sessions;
pub mod tenants;
pub mod tokens;
pub mod users;
