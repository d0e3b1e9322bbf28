//! SQL for this part; every function takes the tenant from the caller's `Auth`.
pub mod assembly;
pub mod batches;
pub mod catalogue;
pub mod control;
pub mod costs;
pub mod stock;
