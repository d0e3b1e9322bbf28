//! Platform modules: what several industry packages build on.
pub mod inventory;
pub mod pos;
pub mod purchasing;
