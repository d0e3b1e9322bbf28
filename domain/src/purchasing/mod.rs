//! Purchasing and stock-costing rules: suppliers' NPWP and payment terms, units of
//! purchase (1 karton = 24 pcs), purchase-order totals with PPN masukan and their
//! statuses, moving weighted-average cost, first-expiry-first-out, payables aging and
//! returns to supplier.
pub mod aging;
pub mod consignment;
pub mod cost;
pub mod fefo;
pub mod invoice;
pub mod order;
pub mod proposal;
pub mod returns;
pub mod supplier;
pub mod unit;
