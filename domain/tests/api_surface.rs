//! The paths and shapes the server and the till depend on. If one of these
//! stops compiling, a caller breaks.

use chrono::NaiveDate;
use domain::barcode::{self, BarcodeKind};
use domain::loan::{schedule, LoanError, LoanMethod, LoanTerms, RatePeriod, Schedule, ScheduleRow};
use domain::money::{split_largest_remainder, Money};
use domain::nik::{self, Nik, Sex};
use domain::qris;
use domain::shu::{distribute, ShuInput, ShuMember, ShuMemberShare, ShuResult};
use rust_decimal_macros::dec;

#[test]
fn money_surface() {
    let m = Money::new(dec!(12500));
    assert_eq!(m.amount(), dec!(12500));
    assert_eq!(Money::from_rupiah(12500), m);
    assert_eq!(m.format_idr(), "Rp12.500");
    assert_eq!(Money::parse_idr("Rp 12.500,00"), Ok(m));
    assert_eq!(domain::money::parse_idr("12.500"), Ok(m));
    assert_eq!(m + m - m, m);
    assert_eq!(Money::new(dec!(0.5)).round_half_up(), Money::from_rupiah(1));
    let parts = split_largest_remainder(Money::from_rupiah(10), &[dec!(1), dec!(2)]).unwrap();
    assert_eq!(parts.iter().copied().sum::<Money>(), Money::from_rupiah(10));
}

#[test]
fn loan_surface() {
    let terms = LoanTerms {
        principal: dec!(12000000),
        rate_percent: dec!(1.5),
        rate_period: RatePeriod::Month,
        tenor_months: 12,
        method: LoanMethod::Annuity,
        first_due_date: NaiveDate::from_ymd_opt(2025, 1, 31),
    };
    let s: Schedule = schedule(&terms).unwrap();
    let row: &ScheduleRow = &s.rows[0];
    assert_eq!(row.period, 1);
    assert_eq!(row.installment, dec!(1100160));
    assert_eq!(s.total_interest, dec!(1201920));
    assert_eq!(s.total_payment, dec!(13201920));
    let err: LoanError = schedule(&LoanTerms {
        tenor_months: 0,
        ..terms
    })
    .unwrap_err();
    assert_eq!(err.field(), "tenor_months");
}

#[test]
fn shu_nik_qris_barcode_surface() {
    let input = ShuInput {
        shu_total: dec!(2000000),
        allocation: vec![
            ("jm".into(), dec!(20)),
            ("ju".into(), dec!(30)),
            ("cadangan".into(), dec!(50)),
        ],
        jasa_modal_pool: "jm".into(),
        jasa_usaha_pool: "ju".into(),
        members: vec![
            ShuMember {
                member: "A".into(),
                savings: dec!(500000),
                transactions: dec!(1000000),
            },
            ShuMember {
                member: "B".into(),
                savings: dec!(9500000),
                transactions: dec!(14000000),
            },
        ],
    };
    let r: ShuResult = distribute(&input).unwrap();
    let a: &ShuMemberShare = &r.members[0];
    assert_eq!(a.total, dec!(60000));
    assert_eq!(r.pools[0], ("jm".to_string(), dec!(400000)));
    let bad = ShuInput {
        allocation: vec![("jm".into(), dec!(20)), ("ju".into(), dec!(30))],
        ..input
    };
    assert_eq!(distribute(&bad).unwrap_err().field(), "allocation");

    let n: Nik = nik::parse("3171015708450001").unwrap();
    assert_eq!((n.sex, n.province_code.as_str()), (Sex::Female, "31"));
    assert_eq!(
        nik::parse("9971011708450001").unwrap_err().code(),
        "unknown_province"
    );

    assert_eq!(qris::crc16_ccitt_false(b"123456789"), 0x29B1);
    let s = "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7";
    let d = qris::to_dynamic(s, dec!(10000)).unwrap();
    assert!(d.ends_with("460E"));
    assert_eq!(qris::parse(&d).unwrap().amount(), Ok(Some(dec!(10000))));

    assert_eq!(barcode::validate("8991234567891"), Ok(BarcodeKind::Ean13));
    assert_eq!(barcode::check_digit("899123456789"), Ok(1));
}
