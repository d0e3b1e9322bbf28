//! SeaORM entities of purchasing, one per table; every row carries `tenant_id`.
pub mod consignment_product;
pub mod consignment_settlement;
pub mod consignment_settlement_line;
pub mod goods_receipt;
pub mod goods_receipt_line;
pub mod purchase_order;
pub mod purchase_order_line;
pub mod purchase_return;
pub mod purchase_return_line;
pub mod supplier;
pub mod supplier_invoice;
pub mod supplier_invoice_line;
pub mod supplier_invoice_receipt;
pub mod supplier_payment;
pub mod supplier_product;
pub mod supplier_user;
