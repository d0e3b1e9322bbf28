//! Persistence. Every function that touches tenant-owned rows takes the tenant id from the
//! caller's `Auth`, never from request input.
pub mod catalogue;
pub mod devices;
pub mod discount_approvals;
pub mod invitations;
pub mod koperasi;
pub mod loans;
pub mod outlets;
pub mod sales;
pub mod sessions;
pub mod shu;
pub mod tenants;
pub mod till;
pub mod tokens;
pub mod users;
