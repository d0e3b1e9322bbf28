//! The till settings an outlet carries in its `settings` document, read with their
//! defaults. Platform keeps them so the outlet screen and the device's till profile can
//! show them; the POS core enforces them.
use rust_decimal::Decimal;

use crate::platform::entity::outlet;

/// Discount a cashier may give without approval, as a percentage of the subtotal, unless
/// the outlet's settings say otherwise.
pub const DEFAULT_CASHIER_LIMIT_PERCENT: Decimal = Decimal::TEN;

/// Cash paid in or out of a drawer without a manager, unless the outlet says otherwise.
pub const DEFAULT_CASH_LIMIT: Decimal = Decimal::from_parts(100_000, 0, 0, false, 0);

fn setting(o: &outlet::Model, key: &str) -> Option<Decimal> {
    serde_json::from_str::<serde_json::Value>(&o.settings)
        .ok()
        .and_then(|v| v.get(key).and_then(|p| p.as_str().map(str::to_string)))
        .and_then(|p| p.parse::<Decimal>().ok())
}

/// The outlet's cashier discount limit (`settings.cashier_discount_limit_percent`).
pub fn cashier_limit(o: &outlet::Model) -> Decimal {
    setting(o, "cashier_discount_limit_percent").unwrap_or(DEFAULT_CASHIER_LIMIT_PERCENT)
}

/// The outlet's cash movement limit (`settings.cash_movement_limit`, rupiah).
pub fn cash_limit(o: &outlet::Model) -> Decimal {
    setting(o, "cash_movement_limit").unwrap_or(DEFAULT_CASH_LIMIT)
}
