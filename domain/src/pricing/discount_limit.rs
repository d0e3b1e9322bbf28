//! How far a cashier may discount on her own. The limit is a percentage of the cart's
//! subtotal (all line and cart discounts together); above it a manager approves with a PIN.
//! Till and server both ask this module, so a sale the till let through is never refused
//! for its discount.

use rust_decimal::Decimal;

use super::Totals;

/// The cart's discounts as a percentage of its subtotal, two decimals rounded up, for the
/// screen and the approval request: rounding up never asks for less than is given, so an
/// approval for this figure always covers the cart. Zero for an empty cart.
pub fn discount_percent(totals: &Totals) -> Decimal {
    if totals.subtotal.is_zero() {
        return Decimal::ZERO;
    }
    (totals.discount_total * Decimal::ONE_HUNDRED / totals.subtotal)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::AwayFromZero)
}

/// Whether the discounts go beyond `limit_percent` of the subtotal. Compared without
/// dividing, so a discount exactly at the limit is allowed.
pub fn exceeds_limit(totals: &Totals, limit_percent: Decimal) -> bool {
    if totals.discount_total <= Decimal::ZERO {
        return false;
    }
    match (
        totals.discount_total.checked_mul(Decimal::ONE_HUNDRED),
        totals.subtotal.checked_mul(limit_percent),
    ) {
        (Some(given), Some(allowed)) => given > allowed,
        // Beyond decimal range only with absurd figures: ask for approval.
        _ => true,
    }
}

/// Whether an approval for up to `approved_percent` covers these totals.
pub fn approval_covers(totals: &Totals, approved_percent: Decimal) -> bool {
    !exceeds_limit(totals, approved_percent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::{price_cart, Cart, CartLine, Discount, PricingSettings};
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn totals(
        price: Decimal,
        qty: Decimal,
        line: Option<Discount>,
        cart: Option<Discount>,
    ) -> Totals {
        let cart = Cart {
            lines: vec![CartLine {
                id: "1".into(),
                unit_price: price,
                quantity: qty,
                member_price: None,
                time_prices: Vec::new(),
                discount: line,
                tax_exempt: false,
            }],
            cart_discount: cart,
            is_member: false,
            local_time: None,
        };
        price_cart(&cart, &PricingSettings::default()).expect("priced")
    }

    #[test]
    fn exactly_at_the_limit_is_allowed() {
        let t = totals(
            dec!(50000),
            dec!(1),
            Some(Discount::Percent(dec!(10))),
            None,
        );
        assert_eq!(t.discount_total, dec!(5000));
        assert!(!exceeds_limit(&t, dec!(10)));
        assert!(exceeds_limit(&t, dec!(9.99)));
        assert_eq!(discount_percent(&t), dec!(10));
    }

    #[test]
    fn line_and_cart_discounts_count_together() {
        // 5% on the line then 6% on the rest: 2,500 + 2,850 = 5,350 of 50,000 = 10.7%.
        let t = totals(
            dec!(50000),
            dec!(1),
            Some(Discount::Percent(dec!(5))),
            Some(Discount::Percent(dec!(6))),
        );
        assert_eq!(t.discount_total, dec!(5350));
        assert!(exceeds_limit(&t, dec!(10)));
        assert_eq!(discount_percent(&t), dec!(10.7));
        assert!(approval_covers(&t, dec!(10.7)));
        assert!(!approval_covers(&t, dec!(10.69)));
    }

    #[test]
    fn no_discount_never_exceeds() {
        let t = totals(dec!(12500), dec!(2), None, None);
        assert!(!exceeds_limit(&t, Decimal::ZERO));
        assert_eq!(discount_percent(&t), Decimal::ZERO);
    }

    #[test]
    fn the_percent_asked_for_always_covers_the_cart() {
        // Rp1.000 off Rp30.000 is 3.333…%: ask for 3.34, which covers it.
        let t = totals(
            dec!(30000),
            dec!(1),
            Some(Discount::Amount(dec!(1000))),
            None,
        );
        assert_eq!(discount_percent(&t), dec!(3.34));
        assert!(approval_covers(&t, discount_percent(&t)));
        assert!(!approval_covers(&t, dec!(3.33)));
    }

    proptest! {
        #[test]
        fn an_amount_discount_within_the_limit_is_never_flagged(
            price in 1_000i64..10_000_000, off_permille in 0i64..=100,
        ) {
            // off ≤ 10% of the price, whole rupiah, so it must pass a 10% limit.
            let price = Decimal::from(price);
            let off = (price * Decimal::from(off_permille) / dec!(1000)).floor();
            let t = totals(price, dec!(1), Some(Discount::Amount(off)), None);
            prop_assert!(!exceeds_limit(&t, dec!(10)));
            prop_assert!(discount_percent(&t) <= dec!(10));
        }
    }
}
