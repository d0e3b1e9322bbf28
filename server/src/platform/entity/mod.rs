//! SeaORM entities, one per table; every tenant-owned table carries `tenant_id`.
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
