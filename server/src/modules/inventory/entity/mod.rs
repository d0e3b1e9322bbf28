//! SeaORM entities, one per table; every tenant-owned table carries `tenant_id`.
pub mod assembly;
pub mod category;
pub mod outlet_price;
pub mod product;
pub mod product_barcode;
pub mod product_component;
pub mod reorder_point;
pub mod stock_batch;
pub mod stock_cost;
pub mod stock_count;
pub mod stock_count_line;
pub mod stock_movement;
pub mod stock_transfer;
pub mod stock_transfer_line;
