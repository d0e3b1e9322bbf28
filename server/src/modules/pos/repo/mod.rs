//! SQL for this part; every function takes the tenant from the caller's `Auth`.
pub mod customers;
pub mod discount_approvals;
pub mod reports;
pub mod rollups;
pub mod sales;
pub mod till;
