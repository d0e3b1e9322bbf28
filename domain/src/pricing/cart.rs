//! Cart totals in receipt order: subtotal → discounts → service charge →
//! tax → pembulatan → grand total.

use chrono::NaiveTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::line::{
    apply_discount, is_fractional_amount, price_line, CartLine, Discount, PricedLine,
};
use super::PricingError;
use crate::bounds::{check_amount, AMOUNT_MAX, LINES_PER_SALE_MAX};
use crate::money::{
    round_rupiah, split_largest_remainder, CashRounding, Money, MoneyError, Rounding,
};
use crate::tax::{compute_tax, PriceMode, TaxKind, TaxSettings};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    #[serde(default)]
    pub cart_discount: Option<Discount>,
    #[serde(default)]
    pub is_member: bool,
    /// The sale's local time of day, for time-window prices.
    #[serde(default)]
    pub local_time: Option<NaiveTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceBase {
    /// Bapenda Jakarta's worked example: service on the discounted amount.
    #[default]
    AfterDiscount,
    BeforeDiscount,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PricingSettings {
    pub tax: TaxSettings,
    /// 0 for none; restaurants typically 5–10.
    #[serde(default)]
    pub service_charge_percent: Decimal,
    #[serde(default)]
    pub service_base: ServiceBase,
    /// Applied to the grand total; pass `None` for non-cash sales.
    #[serde(default)]
    pub cash_rounding: Option<CashRounding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub lines: Vec<PricedLine>,
    /// Σ line gross.
    pub subtotal: Decimal,
    pub line_discount_total: Decimal,
    pub cart_discount_total: Decimal,
    pub discount_total: Decimal,
    pub after_discount: Decimal,
    pub service_charge: Decimal,
    pub tax_kind: TaxKind,
    /// Taxable amount without tax (harga jual) incl. service charge.
    pub taxable_amount: Decimal,
    /// DPP as printed (DPP nilai lain for PPN 12%).
    pub dpp: Decimal,
    pub tax: Decimal,
    pub total_before_rounding: Decimal,
    /// `pembulatan`: grand total − total before rounding (may be negative).
    pub rounding: Decimal,
    pub grand_total: Decimal,
}

pub fn price_cart(cart: &Cart, settings: &PricingSettings) -> Result<Totals, PricingError> {
    let pct = settings.service_charge_percent;
    if pct < Decimal::ZERO || pct > Decimal::ONE_HUNDRED {
        return Err(PricingError::InvalidServiceCharge);
    }
    if cart.lines.len() > LINES_PER_SALE_MAX {
        return Err(PricingError::TooManyLines {
            max: LINES_PER_SALE_MAX,
        });
    }

    let mut lines = cart
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| price_line(i, l, cart.is_member, cart.local_time))
        .collect::<Result<Vec<_>, _>>()?;

    let subtotal = checked_sum(lines.iter().map(|l| l.gross))?;
    let line_discount_total = checked_sum(lines.iter().map(|l| l.line_discount))?;
    let after_line = sub(subtotal, line_discount_total)?;

    if let Some(Discount::Amount(a) | Discount::Percent(a)) = &cart.cart_discount {
        check_amount(*a).map_err(|error| PricingError::CartDiscountOutOfBounds { error })?;
    }
    let cart_discount_total = match &cart.cart_discount {
        None => Decimal::ZERO,
        Some(d) if is_fractional_amount(d) => return Err(PricingError::CartDiscountNotWhole),
        Some(d) => apply_discount(after_line, d).ok_or(PricingError::InvalidCartDiscount)?,
    };
    if cart_discount_total > after_line {
        return Err(PricingError::CartDiscountExceedsTotal {
            discount: cart_discount_total,
            amount: after_line,
        });
    }
    if !cart_discount_total.is_zero() {
        // Spread over lines by their net so per-line figures (and tax-exempt
        // lines) stay consistent with the cart total.
        let weights: Vec<Decimal> = lines.iter().map(|l| l.net).collect();
        let shares = split_largest_remainder(Money::new(cart_discount_total), &weights).map_err(
            |e| match e {
                // The exact split multiplies in i128: a discount × line net
                // beyond ~1.7·10^38 does not fit.
                MoneyError::Overflow => PricingError::Overflow,
                _ => PricingError::InvalidCartDiscount,
            },
        )?;
        for (line, share) in lines.iter_mut().zip(shares) {
            line.cart_discount = share.amount();
            line.net = sub(line.net, share.amount())?;
        }
    }

    let discount_total = add(line_discount_total, cart_discount_total)?;
    let after_discount = sub(subtotal, discount_total)?;
    let service_base = match settings.service_base {
        ServiceBase::AfterDiscount => after_discount,
        ServiceBase::BeforeDiscount => subtotal,
    };
    let service_charge = round_rupiah(
        service_base
            .checked_mul(pct)
            .ok_or(PricingError::Overflow)?
            / Decimal::ONE_HUNDRED,
        Rounding::HalfUp,
    );

    // Service charge is part of the consideration paid, so it is taxed
    // (Bapenda Jakarta includes it in the PBJT base).
    let taxable_lines = checked_sum(lines.iter().filter(|l| !l.tax_exempt).map(|l| l.net))?;
    let tax = compute_tax(add(taxable_lines, service_charge)?, &settings.tax)
        .map_err(PricingError::Tax)?;

    let before_tax = add(after_discount, service_charge)?;
    let total_before_rounding = match settings.tax.price_mode {
        PriceMode::Exclusive => add(before_tax, tax.tax)?,
        PriceMode::Inclusive => before_tax,
    };
    let grand_total = match &settings.cash_rounding {
        Some(r) => r
            .try_apply(Money::new(total_before_rounding))
            .ok_or(PricingError::Overflow)?
            .amount(),
        None => total_before_rounding,
    };
    if grand_total >= AMOUNT_MAX || total_before_rounding >= AMOUNT_MAX {
        return Err(PricingError::TotalTooLarge);
    }

    Ok(Totals {
        lines,
        subtotal,
        line_discount_total,
        cart_discount_total,
        discount_total,
        after_discount,
        service_charge,
        tax_kind: settings.tax.kind,
        taxable_amount: tax.price_excluding_tax,
        dpp: tax.dpp,
        tax: tax.tax,
        total_before_rounding,
        rounding: sub(grand_total, total_before_rounding)?,
        grand_total,
    })
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal, PricingError> {
    a.checked_add(b).ok_or(PricingError::Overflow)
}

fn sub(a: Decimal, b: Decimal) -> Result<Decimal, PricingError> {
    a.checked_sub(b).ok_or(PricingError::Overflow)
}

/// Σ that reports overflow instead of panicking like `Decimal`'s `Sum`.
fn checked_sum(mut values: impl Iterator<Item = Decimal>) -> Result<Decimal, PricingError> {
    values.try_fold(Decimal::ZERO, add)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bounds::BoundError;
    use crate::pricing::{PriceSource, TimeWindowPrice};
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn absurd_carts_are_refused_before_anything_can_overflow() {
        let s = PricingSettings::default();
        let max = Decimal::MAX;
        let bound = |error| PricingError::PriceOutOfBounds { line: 0, error };
        let c = cart(vec![line("a", max, dec!(1))]);
        assert_eq!(price_cart(&c, &s), Err(bound(BoundError::AmountTooLarge)));
        // Rp4·10^28 typed at the till: the report that found this.
        let c = cart(vec![line(
            "a",
            dec!(40000000000000000000000000000),
            dec!(1),
        )]);
        assert_eq!(price_cart(&c, &s), Err(bound(BoundError::AmountTooLarge)));
        // 9·10^18 units.
        let c = cart(vec![line("a", dec!(1), dec!(9000000000000000000))]);
        assert_eq!(
            price_cart(&c, &s),
            Err(PricingError::QuantityOutOfBounds {
                line: 0,
                error: BoundError::QuantityTooLarge
            })
        );
        // Each factor in bounds, their product not.
        let c = cart(vec![line("a", dec!(9999999999999), dec!(2))]);
        assert_eq!(
            price_cart(&c, &s),
            Err(PricingError::LineTooLarge { line: 0 })
        );
        // Lines in bounds, the sale not.
        let c = cart(vec![
            line("a", dec!(6000000000000), dec!(1)),
            line("b", dec!(6000000000000), dec!(1)),
        ]);
        assert_eq!(price_cart(&c, &s), Err(PricingError::TotalTooLarge));
        // Tax on top takes it past the bound.
        let fnb = PricingSettings {
            tax: TaxSettings::pbjt(dec!(10), PriceMode::Exclusive),
            ..PricingSettings::default()
        };
        let c = cart(vec![line("a", dec!(9500000000000), dec!(1))]);
        assert_eq!(price_cart(&c, &fnb), Err(PricingError::TotalTooLarge));
        let many = (0..=LINES_PER_SALE_MAX)
            .map(|i| line(&i.to_string(), dec!(1000), dec!(1)))
            .collect();
        assert_eq!(
            price_cart(&cart(many), &s),
            Err(PricingError::TooManyLines { max: 1000 })
        );
        let mut c = cart(vec![line("a", dec!(1000), dec!(1))]);
        c.cart_discount = Some(Discount::Amount(dec!(90000000000000)));
        assert_eq!(
            price_cart(&c, &s),
            Err(PricingError::CartDiscountOutOfBounds {
                error: BoundError::AmountTooLarge
            })
        );
        assert_eq!(PricingError::TotalTooLarge.field(), "lines");
    }

    fn line(id: &str, price: Decimal, qty: Decimal) -> CartLine {
        CartLine {
            id: id.into(),
            unit_price: price,
            quantity: qty,
            member_price: None,
            time_prices: vec![],
            discount: None,
            tax_exempt: false,
        }
    }

    fn cart(lines: Vec<CartLine>) -> Cart {
        Cart {
            lines,
            cart_discount: None,
            is_member: false,
            local_time: None,
        }
    }

    fn fnb(service: Decimal, base: ServiceBase) -> PricingSettings {
        PricingSettings {
            tax: TaxSettings::pbjt(dec!(10), PriceMode::Exclusive),
            service_charge_percent: service,
            service_base: base,
            cash_rounding: None,
        }
    }

    #[test]
    fn pbjt_with_service_bapenda() {
        let mut c = cart(vec![
            line("nasi", dec!(60000), dec!(1)),
            line("teh", dec!(40000), dec!(1)),
        ]);
        c.cart_discount = Some(Discount::Percent(dec!(20)));
        let t = price_cart(&c, &fnb(dec!(5), ServiceBase::AfterDiscount)).unwrap();
        assert_eq!(t.subtotal, dec!(100000));
        assert_eq!(t.discount_total, dec!(20000));
        assert_eq!(t.service_charge, dec!(4000));
        assert_eq!(t.tax, dec!(8400));
        assert_eq!(t.grand_total, dec!(92400));
        let lines_net: Decimal = t.lines.iter().map(|l| l.net).sum();
        assert_eq!(lines_net, dec!(80000));

        let t = price_cart(&c, &fnb(dec!(5), ServiceBase::BeforeDiscount)).unwrap();
        assert_eq!(
            (t.service_charge, t.tax, t.grand_total),
            (dec!(5000), dec!(8500), dec!(93500))
        );

        let c = cart(vec![line("paket", dec!(200000), dec!(1))]);
        let t = price_cart(&c, &fnb(dec!(5), ServiceBase::AfterDiscount)).unwrap();
        assert_eq!(
            (t.service_charge, t.tax, t.grand_total),
            (dec!(10000), dec!(21000), dec!(231000))
        );
    }

    #[test]
    fn ppn_retail_inclusive_and_exempt() {
        let settings = PricingSettings {
            tax: TaxSettings::ppn_nilai_lain(PriceMode::Inclusive),
            ..PricingSettings::default()
        };
        let mut beras = line("beras", dec!(15000), dec!(2));
        beras.tax_exempt = true;
        let c = cart(vec![line("sabun", dec!(25000), dec!(1)), beras]);
        let t = price_cart(&c, &settings).unwrap();
        assert_eq!(t.subtotal, dec!(55000));
        assert_eq!(t.tax, dec!(2477));
        assert_eq!(t.taxable_amount, dec!(22523));
        assert_eq!(t.grand_total, dec!(55000));

        let excl = PricingSettings {
            tax: TaxSettings::ppn_nilai_lain(PriceMode::Exclusive),
            ..PricingSettings::default()
        };
        let t = price_cart(&cart(vec![line("tv", dec!(123456), dec!(1))]), &excl).unwrap();
        assert_eq!(
            (t.dpp, t.tax, t.grand_total),
            (dec!(113168), dec!(13580), dec!(137036))
        );
    }

    #[test]
    fn weighed_goods_discounts_and_rounding() {
        let mut daging = line("daging", dec!(52000), dec!(0.375));
        daging.discount = Some(Discount::Percent(dec!(10)));
        let mut gula = line("gula", dec!(17500), dec!(1));
        gula.discount = Some(Discount::Amount(dec!(500)));
        let mut c = cart(vec![daging, gula]);
        c.cart_discount = Some(Discount::Amount(dec!(1001)));
        let settings = PricingSettings {
            cash_rounding: Some(CashRounding::nearest(100)),
            ..PricingSettings::default()
        };
        let t = price_cart(&c, &settings).unwrap();
        assert_eq!(t.lines[0].gross, dec!(19500));
        assert_eq!(t.lines[0].line_discount, dec!(1950));
        assert_eq!(t.lines[1].line_discount, dec!(500));
        assert_eq!(t.subtotal, dec!(37000));
        assert_eq!(t.cart_discount_total, dec!(1001));
        assert_eq!(
            t.lines.iter().map(|l| l.cart_discount).sum::<Decimal>(),
            dec!(1001)
        );
        assert_eq!(t.total_before_rounding, dec!(33549));
        assert_eq!(t.rounding, dec!(-49));
        assert_eq!(t.grand_total, dec!(33500));
    }

    #[test]
    fn member_and_happy_hour_prices() {
        let mut kopi = line("kopi", dec!(20000), dec!(2));
        kopi.member_price = Some(dec!(18000));
        kopi.time_prices = vec![TimeWindowPrice {
            start: NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            unit_price: dec!(15000),
        }];
        let mut c = cart(vec![kopi]);
        let s = PricingSettings::default();
        assert_eq!(price_cart(&c, &s).unwrap().subtotal, dec!(40000));
        c.is_member = true;
        let t = price_cart(&c, &s).unwrap();
        assert_eq!(
            (t.subtotal, t.lines[0].price_source),
            (dec!(36000), PriceSource::Member)
        );
        c.local_time = NaiveTime::from_hms_opt(16, 59, 59);
        let t = price_cart(&c, &s).unwrap();
        assert_eq!(
            (t.subtotal, t.lines[0].price_source),
            (dec!(30000), PriceSource::TimeWindow)
        );
        c.local_time = NaiveTime::from_hms_opt(17, 0, 0);
        assert_eq!(price_cart(&c, &s).unwrap().subtotal, dec!(36000));
        let overnight = TimeWindowPrice {
            start: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(2, 0, 0).unwrap(),
            unit_price: dec!(1),
        };
        assert!(overnight.is_active(NaiveTime::from_hms_opt(1, 0, 0).unwrap()));
        assert!(!overnight.is_active(NaiveTime::from_hms_opt(2, 0, 0).unwrap()));
    }

    #[test]
    fn rejects_bad_input() {
        let s = PricingSettings::default();
        let c = cart(vec![line("x", dec!(1000), dec!(0))]);
        assert_eq!(
            price_cart(&c, &s),
            Err(PricingError::InvalidQuantity { line: 0 })
        );
        let c = cart(vec![line("x", dec!(-1), dec!(1))]);
        assert_eq!(price_cart(&c, &s).unwrap_err().field(), "unit_price");
        let mut l = line("x", dec!(1000), dec!(1));
        l.discount = Some(Discount::Amount(dec!(1001)));
        assert!(matches!(
            price_cart(&cart(vec![l]), &s),
            Err(PricingError::LineDiscountExceedsAmount { .. })
        ));
        let mut c = cart(vec![line("x", dec!(1000), dec!(1))]);
        c.cart_discount = Some(Discount::Percent(dec!(101)));
        assert_eq!(price_cart(&c, &s), Err(PricingError::InvalidCartDiscount));
        c.cart_discount = Some(Discount::Amount(dec!(100.5)));
        assert_eq!(price_cart(&c, &s), Err(PricingError::CartDiscountNotWhole));
        assert_eq!(PricingError::CartDiscountNotWhole.field(), "cart_discount");
        c.cart_discount = Some(Discount::Amount(dec!(100.00)));
        assert!(price_cart(&c, &s).is_ok());
        let mut l = line("x", dec!(1000), dec!(1));
        l.discount = Some(Discount::Amount(dec!(0.5)));
        assert_eq!(
            price_cart(&cart(vec![l.clone()]), &s),
            Err(PricingError::LineDiscountNotWhole { line: 0 })
        );
        assert_eq!(
            PricingError::LineDiscountNotWhole { line: 0 }.field(),
            "discount"
        );
        l.discount = Some(Discount::Amount(dec!(-0.5)));
        assert_eq!(
            price_cart(&cart(vec![l]), &s),
            Err(PricingError::InvalidLineDiscount { line: 0 })
        );
        assert_eq!(
            apply_discount(dec!(1000), &Discount::Amount(dec!(1.5))),
            None
        );
    }

    fn any_decimal() -> impl Strategy<Value = Decimal> {
        // Every representable Decimal: 96-bit mantissa, sign, scale 0–28.
        (any::<u128>(), any::<bool>(), 0u32..=28).prop_map(|(m, neg, scale)| {
            let m = (m & ((1u128 << 96) - 1)) as i128;
            Decimal::from_i128_with_scale(if neg { -m } else { m }, scale)
        })
    }

    fn any_rounding() -> impl Strategy<Value = Rounding> {
        prop_oneof![
            Just(Rounding::HalfUp),
            Just(Rounding::Down),
            Just(Rounding::Up)
        ]
    }

    fn tax_settings() -> impl Strategy<Value = TaxSettings> {
        (0u32..=3, 0u32..=10_000, any::<bool>()).prop_map(|(kind, rate_bp, inclusive)| {
            let mode = if inclusive {
                PriceMode::Inclusive
            } else {
                PriceMode::Exclusive
            };
            let rate = Decimal::new(i64::from(rate_bp), 2);
            match kind {
                0 => TaxSettings::none(),
                1 => TaxSettings::ppn_nilai_lain(mode),
                2 => TaxSettings::ppn_full_base(rate, mode),
                _ => TaxSettings::pbjt(rate, mode),
            }
        })
    }

    proptest! {
        /// Large but valid carts (unit prices up to Rp1 triliun, up to a
        /// million units a line, discounts up to Rp1.000 triliun, any
        /// setting in range) never panic: they price, or are refused only
        /// for a discount bigger than what it applies to.
        #[test]
        fn large_valid_carts_never_panic(
            items in proptest::collection::vec(
                (
                    0i64..=1_000_000_000_000,
                    1i64..=1_000_000,
                    0u32..=3,
                    prop_oneof![
                        (0u32..=10_000).prop_map(|bp| Some(Discount::Percent(Decimal::new(i64::from(bp), 2)))),
                        (0i64..=1_000_000_000_000_000).prop_map(|a| Some(Discount::Amount(Decimal::from(a)))),
                        Just(None),
                    ],
                    any::<bool>(),
                ),
                1..40,
            ),
            cart_discount in prop_oneof![
                (0u32..=10_000).prop_map(|bp| Some(Discount::Percent(Decimal::new(i64::from(bp), 2)))),
                (0i64..=1_000_000_000_000_000).prop_map(|a| Some(Discount::Amount(Decimal::from(a)))),
                Just(None),
            ],
            service_bp in 0u32..=10_000,
            before_discount in any::<bool>(),
            tax in tax_settings(),
            rounding in proptest::option::of((1i64..=100_000, any_rounding())),
        ) {
            let lines = items
                .into_iter()
                .enumerate()
                .map(|(i, (price, qty, qty_scale, discount, exempt))| CartLine {
                    discount,
                    tax_exempt: exempt,
                    ..line(&i.to_string(), Decimal::from(price), Decimal::new(qty, qty_scale))
                })
                .collect();
            let mut c = cart(lines);
            c.cart_discount = cart_discount;
            let price_mode = tax.price_mode;
            let s = PricingSettings {
                tax,
                service_charge_percent: Decimal::new(i64::from(service_bp), 2),
                service_base: if before_discount { ServiceBase::BeforeDiscount } else { ServiceBase::AfterDiscount },
                cash_rounding: rounding
                    .map(|(step, mode)| CashRounding::new(Decimal::from(step), mode).unwrap()),
            };
            match price_cart(&c, &s) {
                Ok(t) => {
                    let net = Money::checked_sum(t.lines.iter().map(|l| Money::new(l.net)));
                    prop_assert_eq!(net, Some(Money::new(t.after_discount)));
                    prop_assert_eq!(t.subtotal - t.discount_total, t.after_discount);
                    for l in &t.lines {
                        prop_assert!(l.net >= Decimal::ZERO);
                        prop_assert!(l.net.fract().is_zero());
                    }
                    prop_assert!(t.tax >= Decimal::ZERO);
                    prop_assert!(t.grand_total >= Decimal::ZERO);
                    prop_assert_eq!(t.grand_total - t.rounding, t.total_before_rounding);
                    let expected = match price_mode {
                        PriceMode::Exclusive => t.after_discount + t.service_charge + t.tax,
                        PriceMode::Inclusive => t.after_discount + t.service_charge,
                    };
                    prop_assert_eq!(t.total_before_rounding, expected);
                }
                Err(
                    PricingError::LineDiscountExceedsAmount { .. }
                    | PricingError::CartDiscountExceedsTotal { .. }
                    | PricingError::DiscountOutOfBounds { .. }
                    | PricingError::CartDiscountOutOfBounds { .. }
                    | PricingError::LineTooLarge { .. }
                    | PricingError::TotalTooLarge,
                ) => {}
                Err(e) => prop_assert!(false, "unexpected error {e:?}"),
            }
        }

        /// Any Decimal anywhere — including values next to the type's
        /// limits — gives a result or an error, never a panic.
        #[test]
        fn arbitrary_carts_never_panic(
            items in proptest::collection::vec(
                (
                    any_decimal(),
                    any_decimal(),
                    proptest::option::of(any_decimal()),
                    proptest::option::of((any::<bool>(), any_decimal())),
                    any::<bool>(),
                ),
                1..8,
            ),
            cart_discount in proptest::option::of((any::<bool>(), any_decimal())),
            service in any_decimal(),
            tax_rate in any_decimal(),
            dpp in (any_decimal(), any_decimal()),
            inclusive in any::<bool>(),
            step in proptest::option::of((any_decimal(), any_rounding())),
            is_member in any::<bool>(),
        ) {
            let discount = |d: Option<(bool, Decimal)>| {
                d.map(|(pct, v)| if pct { Discount::Percent(v) } else { Discount::Amount(v) })
            };
            let lines = items
                .into_iter()
                .enumerate()
                .map(|(i, (price, qty, member, d, exempt))| CartLine {
                    member_price: member,
                    discount: discount(d),
                    tax_exempt: exempt,
                    ..line(&i.to_string(), price, qty)
                })
                .collect();
            let mut c = cart(lines);
            c.cart_discount = discount(cart_discount);
            c.is_member = is_member;
            let s = PricingSettings {
                tax: TaxSettings {
                    kind: TaxKind::Pbjt,
                    rate_percent: tax_rate,
                    dpp_numerator: dpp.0,
                    dpp_denominator: dpp.1,
                    price_mode: if inclusive { PriceMode::Inclusive } else { PriceMode::Exclusive },
                    rounding: Rounding::Down,
                },
                service_charge_percent: service,
                service_base: ServiceBase::AfterDiscount,
                cash_rounding: step.and_then(|(st, mode)| CashRounding::new(st.abs().trunc(), mode).ok()),
            };
            // Whatever went in, what comes out is inside the bounds, so the sums of
            // stored sales cannot overflow.
            if let Ok(t) = price_cart(&c, &s) {
                prop_assert!(t.grand_total < AMOUNT_MAX);
                prop_assert!(t.lines.iter().all(|l| l.gross < AMOUNT_MAX && l.quantity.abs() < crate::bounds::QUANTITY_MAX));
            }
        }

        #[test]
        fn totals_are_consistent(
            items in proptest::collection::vec((1i64..1_000_000, 1i64..5000, 0u32..=100), 1..30),
            cart_pct in 0u32..=100,
            service in 0u32..=10,
            inclusive in any::<bool>(),
        ) {
            let lines = items.iter().enumerate().map(|(i, (p, q, d))| CartLine {
                discount: Some(Discount::Percent(Decimal::from(*d))),
                ..line(&i.to_string(), Decimal::from(*p), Decimal::new(*q, 2))
            }).collect();
            let mut c = cart(lines);
            c.cart_discount = Some(Discount::Percent(Decimal::from(cart_pct)));
            let mode = if inclusive { PriceMode::Inclusive } else { PriceMode::Exclusive };
            let s = PricingSettings {
                tax: TaxSettings::ppn_nilai_lain(mode),
                service_charge_percent: Decimal::from(service),
                service_base: ServiceBase::AfterDiscount,
                cash_rounding: Some(CashRounding::nearest(100)),
            };
            let t = price_cart(&c, &s).unwrap();
            let net: Decimal = t.lines.iter().map(|l| l.net).sum();
            prop_assert_eq!(net, t.after_discount);
            prop_assert_eq!(t.subtotal - t.discount_total, t.after_discount);
            for l in &t.lines {
                prop_assert!(l.net >= Decimal::ZERO);
            }
            prop_assert!(t.tax >= Decimal::ZERO);
            prop_assert_eq!(t.grand_total - t.rounding, t.total_before_rounding);
            prop_assert!(t.rounding.abs() <= dec!(50));
        }
    }
}
