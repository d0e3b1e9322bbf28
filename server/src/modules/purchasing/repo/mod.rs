//! Purchasing's SQL: suppliers and what they supply, orders with their lines, receipts,
//! returns to supplier.
//! Every function takes the tenant from the caller's `Auth`; the supplier portal's also
//! take the supplier the signed-in user belongs to.
pub mod consignment;
pub mod orders;
pub mod payables;
pub mod proposals;
pub mod returns;
pub mod suppliers;
