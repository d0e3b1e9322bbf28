//! Cart pricing: line prices (member / happy-hour), line and cart discounts,
//! service charge, tax and the `pembulatan` line — the totals a receipt shows.

pub mod cart;
pub mod discount_limit;
pub mod line;

pub use cart::{price_cart, Cart, PricingSettings, ServiceBase, Totals};
pub use discount_limit::{approval_covers, discount_percent, exceeds_limit};
pub use line::{
    active_unit_price, apply_discount, CartLine, Discount, PriceSource, PricedLine, TimeWindowPrice,
};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::bounds::BoundError;
use crate::tax::TaxError;

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum PricingError {
    #[error("baris {line}: jumlah barang harus lebih dari nol")]
    InvalidQuantity { line: usize },
    #[error("baris {line}: harga tidak boleh negatif")]
    NegativePrice { line: usize },
    #[error("baris {line}: diskon harus 0–100% atau nominal tidak negatif")]
    InvalidLineDiscount { line: usize },
    #[error("baris {line}: diskon {discount} melebihi harga baris {amount}")]
    LineDiscountExceedsAmount {
        line: usize,
        discount: Decimal,
        amount: Decimal,
    },
    #[error("baris {line}: diskon nominal harus dalam rupiah bulat")]
    LineDiscountNotWhole { line: usize },
    #[error("diskon keranjang harus 0–100% atau nominal tidak negatif")]
    InvalidCartDiscount,
    #[error("diskon keranjang nominal harus dalam rupiah bulat")]
    CartDiscountNotWhole,
    #[error("diskon keranjang {discount} melebihi total {amount}")]
    CartDiscountExceedsTotal { discount: Decimal, amount: Decimal },
    #[error("biaya layanan harus antara 0 dan 100 persen")]
    InvalidServiceCharge,
    #[error("pajak: {0}")]
    Tax(TaxError),
    #[error("perhitungan melampaui batas angka")]
    Overflow,
    #[error("satu penjualan paling banyak {max} baris")]
    TooManyLines { max: usize },
    #[error("baris {line}: {error}")]
    QuantityOutOfBounds { line: usize, error: BoundError },
    #[error("baris {line}: harga: {error}")]
    PriceOutOfBounds { line: usize, error: BoundError },
    #[error("baris {line}: diskon: {error}")]
    DiscountOutOfBounds { line: usize, error: BoundError },
    #[error("diskon keranjang: {error}")]
    CartDiscountOutOfBounds { error: BoundError },
    #[error("baris {line}: nilai baris harus kurang dari Rp10.000.000.000.000")]
    LineTooLarge { line: usize },
    #[error("total penjualan harus kurang dari Rp10.000.000.000.000")]
    TotalTooLarge,
}

impl PricingError {
    pub fn field(&self) -> &'static str {
        match self {
            PricingError::InvalidQuantity { .. } | PricingError::QuantityOutOfBounds { .. } => {
                "quantity"
            }
            PricingError::NegativePrice { .. } | PricingError::PriceOutOfBounds { .. } => {
                "unit_price"
            }
            PricingError::DiscountOutOfBounds { .. } => "discount",
            PricingError::TooManyLines { .. }
            | PricingError::LineTooLarge { .. }
            | PricingError::TotalTooLarge => "lines",
            PricingError::InvalidLineDiscount { .. }
            | PricingError::LineDiscountNotWhole { .. }
            | PricingError::LineDiscountExceedsAmount { .. } => "discount",
            PricingError::InvalidCartDiscount
            | PricingError::CartDiscountNotWhole
            | PricingError::CartDiscountExceedsTotal { .. }
            | PricingError::CartDiscountOutOfBounds { .. } => "cart_discount",
            PricingError::InvalidServiceCharge => "service_charge_percent",
            PricingError::Tax(e) => e.field(),
            PricingError::Overflow => "lines",
        }
    }
}
