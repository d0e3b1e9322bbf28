//! SeaORM entities, one per table. Every tenant-owned table carries `tenant_id`;
//! repositories filter on it from the authenticated context.
pub mod api_token;
pub mod audit_entry;
pub mod audit_head;
pub mod device;
pub mod invitation;
pub mod login_failure;
pub mod outlet;
pub mod session;
pub mod tenant;
pub mod user;
pub mod user_outlet;
pub mod user_role;
