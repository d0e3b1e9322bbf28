//! Every server integration test, in one binary: one link and one run instead of one per
//! file (each binary links the whole server, which dominated CI time and disk).
//!
//! Scenarios run on a fresh SQLite file and, when `DATABASE_URL` names a PostgreSQL server,
//! on PostgreSQL too (see `common::TestApp::all`).

#[macro_use]
mod common;

mod api;
mod assembly;
mod audit;
mod auth;
mod batches;
mod bounds;
mod catalogue;
mod cli;
mod consignment;
mod contract;
mod dashboard;
mod direct_receipts;
mod koperasi;
mod loans;
mod money;
mod packages;
mod payables;
mod proposals;
mod purchase_returns;
mod purchasing;
mod rbac;
mod rbac_stock;
mod sales;
mod savings_interest;
mod security;
mod shu;
mod stock_control;
mod tenancy;
mod till;
