//! Purchasing's SQL: suppliers and what they supply, orders with their lines, receipts.
//! Every function takes the tenant from the caller's `Auth`; the supplier portal's also
//! take the supplier the signed-in user belongs to.
pub mod orders;
pub mod payables;
pub mod suppliers;
