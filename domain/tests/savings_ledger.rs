//! Deposits and withdrawals at the teller: which are allowed and what is left.
use domain::savings::{apply_movement, Movement, SavingsError, SavingsKind};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[test]
fn sukarela_withdraws_down_to_the_minimum_only() {
    let k = SavingsKind::Sukarela;
    assert_eq!(
        apply_movement(k, dec!(100000), Movement::Deposit(dec!(50000)), dec!(10000)),
        Ok(dec!(150000))
    );
    assert_eq!(
        apply_movement(
            k,
            dec!(100000),
            Movement::Withdrawal(dec!(90000)),
            dec!(10000)
        ),
        Ok(dec!(10000))
    );
    let err = apply_movement(
        k,
        dec!(100000),
        Movement::Withdrawal(dec!(90001)),
        dec!(10000),
    )
    .unwrap_err();
    assert_eq!(
        err,
        SavingsError::Insufficient {
            available: dec!(90000)
        }
    );
    assert_eq!(
        err.to_string(),
        "saldo tidak cukup: paling banyak Rp90.000 dapat ditarik"
    );
}

#[test]
fn pokok_and_wajib_stay_while_a_member() {
    for k in [
        SavingsKind::Pokok,
        SavingsKind::Wajib,
        SavingsKind::Berjangka,
    ] {
        let err = apply_movement(
            k,
            dec!(100000),
            Movement::Withdrawal(dec!(1)),
            Decimal::ZERO,
        )
        .unwrap_err();
        assert!(matches!(err, SavingsError::NotWithdrawable { .. }), "{k:?}");
        assert_eq!(
            apply_movement(
                k,
                dec!(100000),
                Movement::Deposit(dec!(25000)),
                Decimal::ZERO
            ),
            Ok(dec!(125000))
        );
    }
}

#[test]
fn amounts_are_positive_whole_rupiah() {
    for bad in [dec!(0), dec!(-5), dec!(100.5)] {
        assert_eq!(
            apply_movement(
                SavingsKind::Sukarela,
                dec!(1000),
                Movement::Deposit(bad),
                Decimal::ZERO
            ),
            Err(SavingsError::AmountNotPositive)
        );
    }
}

proptest! {
    /// Whatever a teller tries, in any order, the balance never drops below the minimum and
    /// equals deposits less accepted withdrawals.
    #[test]
    fn never_below_the_minimum(
        minimum in 0i64..50_000,
        steps in proptest::collection::vec((any::<bool>(), 1i64..200_000), 1..60),
    ) {
        let minimum = Decimal::from(minimum);
        let mut balance = Decimal::ZERO;
        let mut expected = Decimal::ZERO;
        for (deposit, amount) in steps {
            let a = Decimal::from(amount);
            let m = if deposit { Movement::Deposit(a) } else { Movement::Withdrawal(a) };
            if let Ok(b) = apply_movement(SavingsKind::Sukarela, balance, m, minimum) {
                expected += if deposit { a } else { -a };
                balance = b;
                prop_assert!(deposit || balance >= minimum, "withdrew below the minimum");
            }
            prop_assert!(balance == expected);
            prop_assert!(balance >= Decimal::ZERO);
        }
    }
}
