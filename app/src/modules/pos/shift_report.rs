//! A shift's report (`GET /shifts/{id}`) on screen and as a printed slip; the till shows it
//! when a shift closes, the back office for any past shift.

use domain::money::format_idr;
use domain::receipt::{Slip, SlipRow};
use leptos::prelude::*;
use rust_decimal::Decimal;

use super::till_model::*;
use super::till_ops::*;
use crate::kernel::i18n::{t, use_lang, Lang};
pub use domain::api::pos::{
    CashMovementView as CashMove, ShiftReport, ShiftView as ShiftInfo, TenderTotal,
};

pub(super) fn method_label(m: &str) -> String {
    kind_of(m)
        .map(|k| tender_label(Lang::Id, k).to_string())
        .unwrap_or_else(|| m.to_string())
}

/// The shift report as a printable slip (Indonesian, like every receipt).
pub fn shift_slip(r: &ShiftReport, header: Vec<String>, offset: i32) -> Slip {
    let mut rows = vec![
        SlipRow::Pair("Kasir".into(), r.shift.cashier_name.clone()),
        SlipRow::Pair(
            "Buka".into(),
            crate::kernel::pages::local_time(&r.shift.opened_at, offset),
        ),
    ];
    if let Some(c) = &r.shift.closed_at {
        rows.push(SlipRow::Pair(
            "Tutup".into(),
            crate::kernel::pages::local_time(c, offset),
        ));
    }
    rows.push(SlipRow::Rule);
    rows.push(SlipRow::Pair(
        format!("Penjualan ({})", r.sales_count),
        format_idr(d(&r.sales_total)),
    ));
    for t in &r.by_tender {
        rows.push(SlipRow::Pair(
            format!("  {}", method_label(&t.method)),
            format_idr(d(&t.amount)),
        ));
    }
    rows.push(SlipRow::Pair("Diskon".into(), format_idr(d(&r.discounts))));
    rows.push(SlipRow::Pair(
        format!("Refund ({})", r.refunds_count),
        format!("-{}", format_idr(d(&r.refunds_total))),
    ));
    for t in &r.refunds_by_tender {
        rows.push(SlipRow::Pair(
            format!("  {}", method_label(&t.method)),
            format!("-{}", format_idr(d(&t.amount))),
        ));
    }
    rows.push(SlipRow::Pair(
        format!("Batal ({})", r.voids_count),
        format_idr(d(&r.voids_amount)),
    ));
    rows.push(SlipRow::Rule);
    rows.push(SlipRow::Pair(
        "Modal awal".into(),
        format_idr(d(&r.shift.opening_float)),
    ));
    rows.push(SlipRow::Pair("Kas masuk".into(), format_idr(d(&r.cash_in))));
    rows.push(SlipRow::Pair(
        "Kas keluar".into(),
        format!("-{}", format_idr(d(&r.cash_out))),
    ));
    rows.push(SlipRow::Total(
        "Kas seharusnya".into(),
        format_idr(d(&r.expected_cash)),
    ));
    if let Some(c) = &r.counted_cash {
        rows.push(SlipRow::Pair("Kas dihitung".into(), format_idr(d(c))));
    }
    if let Some(diff) = &r.difference {
        let v = d(diff);
        let text = if v < Decimal::ZERO {
            format!("-{}", format_idr(-v))
        } else {
            format_idr(v)
        };
        rows.push(SlipRow::Total("Selisih".into(), text));
    }
    Slip {
        header,
        title: "LAPORAN SHIFT".into(),
        rows,
        footer: Vec::new(),
        qr: None,
    }
}

/// A shift report on screen, with its figures tagged for tests and a print button.
#[component]
pub fn ShiftReportView(report: ShiftReport, header: Vec<String>, offset: i32) -> impl IntoView {
    let lang = use_lang();
    let message = RwSignal::new(None::<String>);
    let slip = shift_slip(&report, header, offset);
    let diff = report.difference.clone().map(|x| d(&x));
    let shown = slip.clone();
    let print = move |_| {
        crate::kernel::print::print(
            crate::kernel::print::Printable::Slip(slip.clone()),
            crate::kernel::print::Outcome {
                message,
                lang: lang.get_untracked(),
            },
        );
    };
    view! {
        <div class="shift-report" data-testid="shift-report">
            <dl class="totals">
                <dt>{t("sales")}</dt><dd data-testid="report-sales">{format_idr(d(&report.sales_total))}</dd>
                <dt>{t("refunds")}</dt><dd data-testid="report-refunds">{format_idr(d(&report.refunds_total))}</dd>
                <dt>{t("expected_cash")}</dt><dd data-testid="expected-cash">{format_idr(d(&report.expected_cash))}</dd>
                {report.counted_cash.clone().map(|c| view! { <dt>{t("counted_cash")}</dt><dd data-testid="counted-cash">{format_idr(d(&c))}</dd> })}
                {diff.map(|v| view! {
                    <dt>{t("difference")}</dt>
                    <dd data-testid="difference" class:error=v < Decimal::ZERO>
                        {if v < Decimal::ZERO { format!("−{}", format_idr(-v)) } else { format_idr(v) }}
                    </dd>
                })}
            </dl>
            <crate::kernel::print::SlipView what=crate::kernel::print::Printable::Slip(shown)/>
            <button type="button" data-testid="print-report" on:click=print>{t("print")}</button>
            {move || message.get().map(|m| view! { <p class="muted">{m}</p> })}
        </div>
    }
}
