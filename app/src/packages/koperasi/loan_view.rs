//! What the loan desk and the member's own loans both show: amounts and dates as a person
//! reads them, statuses in words, the schedule, the position and the payments.
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::kernel::i18n::{t, tr, use_lang, Lang};
use crate::kernel::session::use_session;
pub use domain::api::koperasi::{
    CashBook, CashLine, ClassTotal, CollectionRow, InstallmentView as Installment,
    LoanPaymentView as LoanPayment, LoanProductView as LoanProduct, LoanSummary, LoanView as Loan,
    MemberView, Par, PayoffQuoteView as PayoffQuote, Portfolio, PortfolioLoan,
    PositionView as Position,
};

pub use crate::kernel::pages::rupiah as rp;

/// `2026-11-05` as the reader writes it: `5 Nov 2026` (kernel::pages::day_text).
pub fn day(iso: &str) -> String {
    crate::kernel::pages::day_text(use_lang().get(), iso, 7)
}

/// A rate as typed by the koperasi (`1.5`), written the reader's way (`1,5` in Indonesian).
pub(super) fn rate_text(lang: Lang, rate: &str) -> String {
    if lang == Lang::Id {
        rate.replace('.', ",")
    } else {
        rate.to_string()
    }
}

/// What the person typed (`1.250.000`, `Rp1.250.000`) as a plain decimal for the API.
pub(super) fn typed_amount(s: &str) -> String {
    domain::money::parse_idr(s)
        .map(|m| m.amount().normalize().to_string())
        .unwrap_or_else(|_| s.trim().to_string())
}

pub fn status_label(lang: Lang, status: &str) -> &'static str {
    tr(
        lang,
        match status {
            "applied" => "loan_applied",
            "analysed" => "loan_analysed",
            "awaiting_second_approval" => "loan_awaiting_second",
            "approved" => "loan_approved",
            "rejected" => "loan_rejected",
            "disbursed" => "loan_disbursed",
            "paid_off" => "loan_paid_off",
            "written_off" => "loan_written_off",
            _ => "status",
        },
    )
}

pub(super) fn installment_status(lang: Lang, status: &str) -> &'static str {
    tr(
        lang,
        match status {
            "paid" => "inst_paid",
            "overdue" => "inst_overdue",
            "due" => "inst_due",
            "partial" => "inst_partial",
            _ => "inst_upcoming",
        },
    )
}

pub(super) fn class_label(lang: Lang, class: &str) -> &'static str {
    tr(
        lang,
        match class {
            "lancar" => "col_lancar",
            "kurang_lancar" => "col_kurang_lancar",
            "diragukan" => "col_diragukan",
            _ => "col_macet",
        },
    )
}

pub(super) fn payment_label(lang: Lang, kind: &str) -> &'static str {
    tr(
        lang,
        match kind {
            "disbursement" => "pay_disbursement",
            "fee" => "pay_fee",
            "payoff" => "pay_payoff",
            "write_off" => "pay_write_off",
            _ => "pay_repayment",
        },
    )
}

pub(super) fn method_label(lang: Lang, method: &str) -> &'static str {
    tr(
        lang,
        match method {
            "flat" => "flat",
            "effective" => "effective",
            _ => "annuity",
        },
    )
}

pub(super) fn is_manager() -> Memo<bool> {
    let ctx = use_session();
    Memo::new(move |_| {
        ctx.session
            .get()
            .is_some_and(|s| s.has_any(&["owner", "admin", "manager"]))
    })
}

pub(super) fn is_owner_admin() -> Memo<bool> {
    let ctx = use_session();
    Memo::new(move |_| {
        ctx.session
            .get()
            .is_some_and(|s| s.has_any(&["owner", "admin"]))
    })
}

// ---------------------------------------------------------------- shared views

/// The instalment schedule with what was paid, on a phone as well as a laptop.
#[component]
pub fn ScheduleTable(rows: Vec<Installment>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="schedule" data-testid="schedule">
                <thead><tr>
                    <th>"#"</th><th>{t("due_date")}</th><th>{t("installment")}</th>
                    <th>{t("paid")}</th><th>{t("penalty")}</th><th>{t("status")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let paid = r.paid_principal.parse::<Decimal>().unwrap_or_default()
                            + r.paid_interest.parse::<Decimal>().unwrap_or_default();
                        let overdue = r.status == "overdue";
                        let status = r.status.clone();
                        view! {
                            <tr class:overdue=overdue data-status=r.status.clone()>
                                <td>{r.period}</td>
                                <td>{day(&r.due_date)}</td>
                                <td class="num">{rp(&r.installment)}</td>
                                <td class="num">{domain::money::format_idr(paid)}</td>
                                <td class="num">{if r.penalty == "0" { String::new() } else { rp(&r.penalty) }}</td>
                                <td>{move || installment_status(lang.get(), &status)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Today's standing of a running loan.
#[component]
pub fn PositionCard(position: Position) -> impl IntoView {
    let lang = use_lang();
    let class = position.collectibility.clone();
    view! {
        <dl class="figures" data-testid="position">
            <dt>{t("outstanding")}</dt><dd data-testid="outstanding">{rp(&position.outstanding_principal)}</dd>
            <dt>{t("due_now")}</dt><dd data-testid="due-total">{rp(&position.due_total)}</dd>
            <dt>{t("overdue_amount")}</dt><dd data-testid="overdue">{rp(&position.overdue)}</dd>
            <dt>{t("penalty")}</dt><dd>{rp(&position.penalty_due)}</dd>
            <dt>{t("days_past_due")}</dt><dd data-testid="dpd">{position.days_past_due}</dd>
            <dt>{t("next_due")}</dt>
            <dd data-testid="next-due">{position.next_due_date.as_deref().map(day).unwrap_or_default()} " · " {rp(&position.next_due_amount)}</dd>
            <dt>{t("collectibility")}</dt>
            <dd>{move || class_label(lang.get(), &class)}
                // Late but still "Lancar" puzzles a reader: the koperasi rule counts months.
                <small class="muted" data-testid="collectibility-rule">{t("collectibility_rule")}</small></dd>
            <dt>{t("payoff_total")}</dt><dd>{rp(&position.payoff_total)}</dd>
        </dl>
    }
}

#[component]
pub(super) fn PaymentsList(payments: Vec<LoanPayment>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="passbook" data-testid="loan-payments">
            {payments.into_iter().rev().map(|p| {
                let kind = p.kind.clone();
                let split = if p.kind == "repayment" || p.kind == "payoff" {
                    format!("{} {} · {} {} · {} {}",
                        tr(lang.get_untracked(), "penalty"), rp(&p.penalty),
                        tr(lang.get_untracked(), "interest"), rp(&p.interest),
                        tr(lang.get_untracked(), "principal"), rp(&p.principal))
                } else {
                    p.note.clone().unwrap_or_default()
                };
                view! {
                    <li>
                        <span class="muted">{day(&p.paid_on)}</span>
                        <span>{move || payment_label(lang.get(), &kind)} " " <small class="muted">{split}</small></span>
                        <strong>{rp(&p.amount)}</strong>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

// ---------------------------------------------------------------- desk
