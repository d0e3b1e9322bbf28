//! SeaORM entities, one per table; every tenant-owned table carries `tenant_id`.
pub mod loan;
pub mod loan_installment;
pub mod loan_payment;
pub mod loan_product;
pub mod member;
pub mod member_document;
pub mod savings_account;
pub mod savings_interest_posting;
pub mod savings_movement;
pub mod savings_product;
pub mod shu_closing;
pub mod shu_share;
