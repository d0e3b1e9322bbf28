//! SeaORM entities, one per table; every tenant-owned table carries `tenant_id`.
pub mod cash_movement;
pub mod customer;
pub mod discount_approval;
pub mod refund;
pub mod refund_line;
pub mod refund_payment;
pub mod sale;
pub mod sale_line;
pub mod sale_payment;
pub mod shift;
pub mod till_void;
