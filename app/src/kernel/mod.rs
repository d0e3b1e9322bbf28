//! What every page stands on: the API client, session, offline store, printing,
//! formatting and shared page parts, the layout, translations, and the package registry
//! type.
pub mod approval;
pub mod client;
pub mod client_only;
pub mod hydration;
pub mod i18n;
pub mod layout;
pub mod lazy;
pub mod model;
pub mod offline;
pub mod package;
pub mod pages;
pub mod print;
pub mod printer;
pub mod session;
pub mod till_gate;
