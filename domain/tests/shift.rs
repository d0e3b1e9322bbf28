use domain::shift::{counted_cash, difference, CashSummary, ShiftError, DENOMINATIONS};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[test]
fn counts_the_drawer() {
    assert_eq!(
        counted_cash(&[(100000, 2), (20000, 3), (1000, 5), (500, 4)]),
        Ok(dec!(267000))
    );
    assert_eq!(counted_cash(&[]), Ok(dec!(0)));
    assert_eq!(counted_cash(&[(50000, 0), (100, 7)]), Ok(dec!(700)));
    let all: Vec<(i64, u32)> = DENOMINATIONS.iter().map(|&d| (d, 1)).collect();
    assert_eq!(counted_cash(&all), Ok(dec!(188800)));
}

#[test]
fn rejects_bad_counts() {
    let err = counted_cash(&[(75000, 1)]).unwrap_err();
    assert_eq!(
        err,
        ShiftError::UnknownDenomination {
            denomination: 75000
        }
    );
    assert_eq!(err.field(), "counts");
    assert_eq!(err.to_string(), "pecahan Rp75000 tidak dikenal");
    assert!(counted_cash(&[(-1000, 1)]).is_err());
    assert_eq!(
        counted_cash(&[(1000, 1), (1000, 2)]),
        Err(ShiftError::DuplicateDenomination { denomination: 1000 })
    );
}

#[test]
fn expected_and_difference() {
    let s = CashSummary {
        opening_float: dec!(500000),
        cash_sales: dec!(2350000),
        cash_refunds: dec!(45000),
        cash_in: dec!(100000),
        cash_out: dec!(250000),
    };
    assert_eq!(s.validate(), Ok(()));
    assert_eq!(s.expected(), dec!(2655000));
    // Kurang Rp5.000, lebih Rp2.000, pas.
    assert_eq!(difference(s.expected(), dec!(2650000)), dec!(-5000));
    assert_eq!(difference(s.expected(), dec!(2657000)), dec!(2000));
    assert_eq!(difference(s.expected(), dec!(2655000)), dec!(0));
    assert_eq!(CashSummary::default().expected(), dec!(0));

    let bad = CashSummary {
        cash_out: dec!(-1),
        ..s.clone()
    };
    assert_eq!(bad.validate(), Err(ShiftError::NegativeCashOut));
    assert_eq!(bad.validate().unwrap_err().field(), "cash_out");
    let bad = CashSummary {
        opening_float: dec!(-1),
        ..s.clone()
    };
    assert_eq!(bad.validate(), Err(ShiftError::NegativeOpeningFloat));

    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["opening_float"], serde_json::json!("500000"));
    let back: CashSummary = serde_json::from_value(json).unwrap();
    assert_eq!(back, s);
}

fn summary() -> impl Strategy<Value = CashSummary> {
    proptest::array::uniform5(0i64..=10_000_000_000).prop_map(|[a, b, c, d, e]| CashSummary {
        opening_float: Decimal::from(a),
        cash_sales: Decimal::from(b),
        cash_refunds: Decimal::from(c),
        cash_in: Decimal::from(d),
        cash_out: Decimal::from(e),
    })
}

proptest! {
    #[test]
    fn expected_is_linear(a in summary(), b in summary()) {
        // Stripping the movements back out leaves the float.
        prop_assert_eq!(
            a.expected() - a.cash_sales + a.cash_refunds - a.cash_in + a.cash_out,
            a.opening_float
        );
        let sum = CashSummary {
            opening_float: a.opening_float + b.opening_float,
            cash_sales: a.cash_sales + b.cash_sales,
            cash_refunds: a.cash_refunds + b.cash_refunds,
            cash_in: a.cash_in + b.cash_in,
            cash_out: a.cash_out + b.cash_out,
        };
        prop_assert_eq!(sum.expected(), a.expected() + b.expected());
    }

    #[test]
    fn difference_reconciles(s in summary(), counts in proptest::collection::vec(0u32..1000, 10)) {
        let pairs: Vec<(i64, u32)> = DENOMINATIONS.iter().copied().zip(counts).collect();
        let counted = counted_cash(&pairs).unwrap();
        prop_assert_eq!(s.expected() + difference(s.expected(), counted), counted);
    }
}
