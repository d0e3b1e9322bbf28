//! Hot paths the till and server hit with the largest inputs we expect.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use domain::loan::{schedule, LoanMethod, LoanTerms, RatePeriod};
use domain::pricing::{price_cart, Cart, CartLine, Discount, PricingSettings, ServiceBase};
use domain::shu::{distribute, ShuInput, ShuMember};
use domain::tax::{PriceMode, TaxSettings};
use rust_decimal::Decimal;

fn loan_360(c: &mut Criterion) {
    let mut group = c.benchmark_group("loan_schedule_360_months");
    for method in [LoanMethod::Flat, LoanMethod::Effective, LoanMethod::Annuity] {
        let terms = LoanTerms {
            principal: Decimal::from(750_000_000),
            rate_percent: Decimal::new(95, 1),
            rate_period: RatePeriod::Year,
            tenor_months: 360,
            method,
            first_due_date: chrono::NaiveDate::from_ymd_opt(2025, 1, 31),
        };
        group.bench_function(format!("{method:?}"), |b| {
            b.iter(|| schedule(black_box(&terms)))
        });
    }
    group.finish();
}

fn shu_10k(c: &mut Criterion) {
    let members = (0..10_000u32)
        .map(|i| ShuMember {
            member: format!("A{i:05}"),
            savings: Decimal::from(1_000_000 + (i as i64 * 7_919) % 50_000_000),
            transactions: Decimal::from((i as i64 * 104_729) % 120_000_000),
        })
        .collect();
    let pct = |n: i64| Decimal::from(n);
    let input = ShuInput {
        shu_total: Decimal::from(1_234_567_891i64),
        allocation: vec![
            ("cadangan".into(), pct(40)),
            ("jasa_modal".into(), pct(15)),
            ("jasa_usaha".into(), pct(25)),
            ("dana_pengurus".into(), pct(5)),
            ("dana_karyawan".into(), pct(5)),
            ("dana_pendidikan".into(), pct(5)),
            ("dana_sosial".into(), Decimal::new(25, 1)),
            ("pembangunan_daerah_kerja".into(), Decimal::new(25, 1)),
        ],
        jasa_modal_pool: "jasa_modal".into(),
        jasa_usaha_pool: "jasa_usaha".into(),
        members,
    };
    c.bench_function("shu_distribute_10000_members", |b| {
        b.iter(|| distribute(black_box(&input)))
    });
}

fn cart_200(c: &mut Criterion) {
    let lines = (0..200u32)
        .map(|i| CartLine {
            id: format!("SKU{i}"),
            unit_price: Decimal::from(1_000 + (i as i64 * 1_337) % 250_000),
            quantity: if i % 7 == 0 {
                Decimal::new(375 + i as i64, 3)
            } else {
                Decimal::from(1 + i % 4)
            },
            member_price: None,
            time_prices: vec![],
            discount: (i % 5 == 0).then(|| Discount::Percent(Decimal::from(10))),
            tax_exempt: i % 11 == 0,
        })
        .collect();
    let cart = Cart {
        lines,
        cart_discount: Some(Discount::Amount(Decimal::from(25_000))),
        is_member: false,
        local_time: None,
    };
    let settings = PricingSettings {
        tax: TaxSettings::ppn_nilai_lain(PriceMode::Inclusive),
        service_charge_percent: Decimal::ZERO,
        service_base: ServiceBase::AfterDiscount,
        cash_rounding: Some(domain::money::CashRounding::nearest(100)),
    };
    c.bench_function("price_cart_200_lines", |b| {
        b.iter(|| price_cart(black_box(&cart), black_box(&settings)))
    });
}

criterion_group!(benches, loan_360, shu_10k, cart_200);
criterion_main!(benches);
