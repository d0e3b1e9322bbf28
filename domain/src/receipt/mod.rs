//! The receipt (struk): what it says, laid out for a thermal printer's width, and the
//! ESC/POS bytes that print it. The till prints from these bytes over WebUSB and the
//! browser fallback shows the same text, so both say exactly the same thing.
//!
//! Content follows the retail minimum for a cash-register slip (seller name, address and
//! NPWP; goods, price and discount; PPN; number and date) plus tenders, change and any
//! `pembulatan` line.

pub mod escpos;
pub mod slip;
pub mod text;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use escpos::{encode, encode_lines, PrintOptions};
pub use slip::{encode_slip, layout_slip, Slip, SlipRow};
pub use text::{layout, Align, Line, Style};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptItem {
    pub name: String,
    /// Decimal for weighed goods.
    pub quantity: Decimal,
    pub unit: String,
    pub unit_price: Decimal,
    /// This line's own discount (not its share of a cart discount).
    pub discount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// Outlet name first, then address, NPWP and any other header line.
    pub header: Vec<String>,
    pub number: String,
    pub cashier: String,
    /// Already in the outlet's time zone, e.g. `27/11/2026 10:15 WIB`.
    pub time: String,
    pub items: Vec<ReceiptItem>,
    pub subtotal: Decimal,
    /// Cart discount (line discounts are shown under their lines).
    pub cart_discount: Decimal,
    pub service_charge: Decimal,
    /// `PPN`, `PBJT`…; `None` prints no tax line.
    pub tax_label: Option<String>,
    pub tax: Decimal,
    /// Whether prices already include the tax ("termasuk PPN").
    pub tax_included: bool,
    pub rounding: Decimal,
    pub grand_total: Decimal,
    /// (label, amount), e.g. `("Tunai", 50000)`.
    pub tenders: Vec<(String, Decimal)>,
    pub change: Decimal,
    pub footer: Vec<String>,
    /// Printed as a QR code under the footer (the receipt number, or a QRIS to pay).
    pub qr: Option<String>,
}
