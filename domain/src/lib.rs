//! Satu business rules.
