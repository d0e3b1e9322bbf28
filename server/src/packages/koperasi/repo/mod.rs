//! SQL for this part; every function takes the tenant from the caller's `Auth`.
pub mod figures;
pub mod koperasi;
pub mod loans;
pub mod shu;
