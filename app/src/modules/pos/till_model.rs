//! What the till's screens share (where it sells, the open shift, the catalogue, the
//! panel that is open), so the selling screen and the till operations both build on it
//! instead of on each other.
use crate::kernel::i18n::{tr, Lang};
use domain::payment::TenderKind;
use domain::pricing::PricingSettings;
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use super::outbox::SyncState;
pub use domain::api::inventory::TillProduct;
pub use domain::api::pos::CustomerView;

/// Where this till sells: cached so the till opens without the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TillContext {
    pub outlet_id: String,
    pub outlet_code: String,
    pub outlet_name: String,
    pub device_id: String,
    pub device_code: String,
    /// The cashier's own discount limit, % of the subtotal.
    #[serde(default = "default_limit")]
    pub discount_limit: String,
    /// Managers who may approve a larger discount here: (user id, name).
    #[serde(default)]
    pub approvers: Vec<(String, String)>,
    #[serde(default)]
    pub static_qris: Option<String>,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub timezone: String,
    #[serde(default)]
    pub receipt_header: Vec<String>,
    #[serde(default)]
    pub receipt_footer: Vec<String>,
    /// Cash in/out above this needs a manager's PIN (rupiah).
    #[serde(default)]
    pub cash_limit: String,
}

/// What the till's screens share: where it sells, the open shift, the cached catalogue
/// and pricing, the outbox counters, and which operation panel is open.
#[derive(Clone, Copy)]
pub struct Till {
    pub context: RwSignal<Option<TillContext>>,
    pub shift: RwSignal<Option<Shift>>,
    pub items: RwSignal<Vec<TillProduct>>,
    pub settings: RwSignal<PricingSettings>,
    pub sync: SyncState,
    pub panel: RwSignal<Option<OpsPanel>>,
}

pub(crate) fn default_limit() -> String {
    "10".into()
}

impl TillContext {
    pub(crate) fn limit(&self) -> Decimal {
        Decimal::from_str(&self.discount_limit).unwrap_or(Decimal::TEN)
    }
}

pub fn tender_label(lang: Lang, kind: TenderKind) -> &'static str {
    tr(
        lang,
        match kind {
            TenderKind::Cash => "tender_cash",
            TenderKind::Qris => "tender_qris",
            TenderKind::EWallet => "tender_ewallet",
            TenderKind::DebitCard => "tender_debit",
            TenderKind::CreditCard => "tender_credit",
            TenderKind::Transfer => "tender_transfer",
            TenderKind::MemberSavings => "tender_savings",
        },
    )
}

pub fn tender_code(kind: TenderKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The shift open on this tablet, kept on the device so the till works offline: opened
/// here (perhaps before the server has heard of it), or the server's `ShiftView` of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shift {
    pub id: String,
    pub opened_at: String,
    pub opening_float: Decimal,
    pub cashier: String,
}

impl From<domain::api::pos::ShiftView> for Shift {
    fn from(v: domain::api::pos::ShiftView) -> Self {
        Shift {
            opening_float: Decimal::from_str(&v.opening_float).unwrap_or_default(),
            id: v.id,
            opened_at: v.opened_at,
            cashier: v.cashier_name,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OpsPanel {
    Cash,
    Refund,
    Close,
    Printer,
}
