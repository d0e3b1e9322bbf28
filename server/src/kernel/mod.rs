//! What every package stands on: HTTP extractors, the one error type, input checks, the
//! business day, query helpers, auth, roles, the audit log, and the package registry type.
pub mod audit;
pub mod auth;
pub mod business_day;
pub mod db;
pub mod docs;
pub mod error;
pub mod health;
pub mod http;
pub mod input;
pub mod migration;
pub mod money;
pub mod package;
pub mod rbac;
pub mod repo;
pub mod rng;
pub mod router;
pub mod state;
pub mod txn;
pub mod web;
