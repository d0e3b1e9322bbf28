//! SeaORM entities, one per table; every tenant-owned table carries `tenant_id`.
pub mod category;
pub mod outlet_price;
pub mod product;
pub mod product_barcode;
pub mod reorder_point;
pub mod stock_cost;
pub mod stock_movement;
