//! What the selling screen and its side panels (customer, discount, manager's approval)
//! share: the cart's lines and discounts, and every signal the panels read or change,
//! so the panels can live in a chunk of their own.
use domain::money::format_idr;
use domain::payment::TenderKind;
use domain::pricing::{
    approval_covers, exceeds_limit, price_cart, Cart, CartLine, Discount, PricingError,
    PricingSettings, Totals,
};
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::till_model::*;
use crate::kernel::session::SessionCtx;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub item: TillProduct,
    pub qty: Decimal,
    #[serde(default)]
    pub discount: Option<Discount>,
}

/// A manager's approval of a discount, valid for one sale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Approval {
    pub id: String,
    pub max_percent: Decimal,
    pub approver_name: String,
}

/// A cart kept on the device: put on hold (a customer fetching one more item), or the
/// open one, saved as it changes so a reload or a crash does not lose it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HeldCart {
    pub lines: Vec<Line>,
    #[serde(default)]
    pub cart_discount: Option<Discount>,
    #[serde(default)]
    pub customer: Option<CustomerView>,
    #[serde(default)]
    pub approval: Option<Approval>,
    /// Tenders already taken (the open cart only; a held cart has none).
    #[serde(default)]
    pub payments: Vec<(TenderKind, Decimal)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DiscountTarget {
    Line(usize),
    Cart,
}

/// A discount waiting for a manager: where it goes (none: the cart as it is) and the
/// percentage of the subtotal the approval must cover.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingDiscount {
    pub target: Option<DiscountTarget>,
    pub discount: Option<Discount>,
    pub percent: Decimal,
}

pub fn compute(
    lines: &[Line],
    cart_discount: Option<Discount>,
    settings: &PricingSettings,
) -> Result<Option<Totals>, PricingError> {
    if lines.is_empty() {
        return Ok(None);
    }
    let cart = Cart {
        lines: lines
            .iter()
            .enumerate()
            .map(|(i, l)| CartLine {
                id: i.to_string(),
                unit_price: l.item.price_amount(),
                quantity: l.qty,
                member_price: None,
                time_prices: Vec::new(),
                discount: l.discount.clone(),
                tax_exempt: l.item.tax == "none",
            })
            .collect(),
        cart_discount,
        is_member: false,
        local_time: None,
    };
    price_cart(&cart, settings).map(Some)
}

pub fn discount_text(d: &Discount) -> String {
    match d {
        Discount::Percent(p) => format!("{}%", p.normalize()),
        Discount::Amount(a) => format_idr(*a),
    }
}

/// Every signal of the sale the side panels touch (all `Copy`).
#[derive(Clone, Copy)]
pub struct SaleState {
    pub till: Till,
    pub session: SessionCtx,
    pub lines: RwSignal<Vec<Line>>,
    pub cart_discount: RwSignal<Option<Discount>>,
    pub customer: RwSignal<Option<CustomerView>>,
    pub customers: RwSignal<Vec<CustomerView>>,
    pub approval: RwSignal<Option<Approval>>,
    pub error: RwSignal<Option<String>>,
    pub editing: RwSignal<Option<DiscountTarget>>,
    pub disc_value: RwSignal<String>,
    pub disc_percent: RwSignal<bool>,
    pub needs_approval: RwSignal<Option<PendingDiscount>>,
    pub approver: RwSignal<String>,
    pub approver_pin: RwSignal<String>,
    pub approving: RwSignal<bool>,
    pub picking_customer: RwSignal<bool>,
    pub customer_query: RwSignal<String>,
    pub new_name: RwSignal<String>,
    pub new_phone: RwSignal<String>,
}

impl SaleState {
    /// Whether the signed-in user approves discounts herself.
    pub fn is_approver(&self) -> bool {
        self.session.session.with_untracked(|s| {
            s.as_ref()
                .is_some_and(|s| s.has_any(&["owner", "admin", "manager"]))
        })
    }

    /// Whether the cart's discounts, as they stand, still need a manager.
    pub fn over_limit(&self, t: &Totals) -> bool {
        let limit = self
            .till
            .context
            .with_untracked(|c| c.as_ref().map(TillContext::limit))
            .unwrap_or(Decimal::TEN);
        !self.is_approver()
            && exceeds_limit(t, limit)
            && !self.approval.with_untracked(|a| {
                a.as_ref()
                    .is_some_and(|a| approval_covers(t, a.max_percent))
            })
    }
}
