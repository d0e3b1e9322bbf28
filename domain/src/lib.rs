//! Satu business rules: every number the till and the server show is
//! computed here, with no I/O, database or clock (callers pass "today" or the
//! sale's local time in). Builds for native and `wasm32-unknown-unknown`.
//!
//! Module map:
//! - [`bounds`] — the largest amount, quantity and count accepted anywhere,
//!   chosen so that no sum can overflow.
//! - [`money`] — `Money` (IDR over `Decimal`), rounding, cash rounding,
//!   `Rp12.500` formatting/parsing, largest-remainder splitting.
//! - [`pricing`] — cart lines (member / happy-hour prices, weighed goods),
//!   line and cart discounts, service charge, totals with `pembulatan`.
//! - [`tax`] — PPN (12% × DPP nilai lain 11/12, or any rate), PBJT/PB1.
//! - [`payment`] — multi-tender settlement, change only from cash.
//! - [`refund`] — refund amounts per line (cumulative, never drifting from
//!   the grand total) and their split back over the original tenders.
//! - [`shift`] — shift close: counted cash by denomination, expected cash,
//!   selisih (kurang / lebih).
//! - [`nik`] — NIK (KTP) validation: birth date, sex, province, precise errors.
//! - [`savings`] — simpanan kinds, sukarela interest (daily / minimum balance),
//!   berjangka maturity, PP 15/2009 final tax on interest.
//! - [`shu`] — SHU allocation by AD/ART and per-member jasa modal / jasa usaha.
//! - [`qris`] — QRIS TLV parsing, CRC-16/CCITT-FALSE, static → dynamic payload.
//! - [`barcode`] — EAN-13 / EAN-8 / UPC-A check digits.
//! - [`receipt`] — the struk laid out for 32/48 columns and its ESC/POS bytes.
//! - [`stored`] — amounts as exact integers for storage (sen, thousandths),
//!   so a database adds them up; the rule and its conversion in one place.
//! - [`loan`] — `schedule` (flat / effective / annuity) with due dates;
//!   denda (`loan::penalty`), payment allocation, early payoff,
//!   kolektibilitas (koperasi 4-class or OJK 5-class) and PPAP reserve.
//! - [`stock`] — statuses of a stock count (opname) and of a transfer.
//! - [`purchasing`] — NPWP and payment terms, units of purchase, purchase-order
//!   totals with PPN masukan and statuses, moving average cost, FEFO, payables aging,
//!   returns to supplier.
pub mod api;
pub mod assembly;
pub mod barcode;
pub mod bounds;
pub mod industry;
pub mod loan;
pub mod location;
pub mod membership;
pub mod money;
pub mod nik;
pub mod payment;
pub mod pricing;
pub mod purchasing;
pub mod qris;
pub mod receipt;
pub mod refund;
pub mod role;
pub mod savings;
pub mod shift;
pub mod shu;
pub mod stock;
pub mod stored;
pub mod tax;
pub mod wajib;
