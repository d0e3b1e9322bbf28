//! The loan simulator computes in the browser with the `domain` crate, so it works with the
//! network off and shows exactly what the server's `/api/v1/loan-simulations` returns.
use std::str::FromStr;

use domain::loan::{schedule, LoanMethod, LoanTerms, RatePeriod, Schedule};
use domain::money::format_idr;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::kernel::i18n::{t, use_lang, Lang};

fn field_label(lang: Lang, field: &str) -> &'static str {
    crate::kernel::i18n::tr(
        lang,
        match field {
            "principal" => "principal",
            "rate_percent" => "rate",
            _ => "tenor",
        },
    )
}

fn compute(
    principal: &str,
    rate: &str,
    period: &str,
    tenor: &str,
    method: &str,
    lang: Lang,
) -> Result<Schedule, String> {
    let principal = domain::money::parse_idr(principal)
        .map(|m| m.amount())
        .map_err(|_| {
            format!(
                "{}: {}",
                field_label(lang, "principal"),
                "angka tidak valid"
            )
        })?;
    let rate = Decimal::from_str(&rate.trim().replace(',', ".")).map_err(|_| {
        format!(
            "{}: {}",
            field_label(lang, "rate_percent"),
            "angka tidak valid"
        )
    })?;
    let tenor_months = tenor.trim().parse::<u32>().map_err(|_| {
        format!(
            "{}: {}",
            field_label(lang, "tenor_months"),
            "angka tidak valid"
        )
    })?;
    let terms = LoanTerms {
        principal,
        rate_percent: rate,
        rate_period: if period == "year" {
            RatePeriod::Year
        } else {
            RatePeriod::Month
        },
        tenor_months,
        method: match method {
            "effective" => LoanMethod::Effective,
            "annuity" => LoanMethod::Annuity,
            _ => LoanMethod::Flat,
        },
        first_due_date: None,
    };
    schedule(&terms).map_err(|e| format!("{}: {e}", field_label(lang, e.field())))
}

#[component]
pub fn LoanSimulator() -> impl IntoView {
    let lang = use_lang();
    let principal = RwSignal::new("12.000.000".to_string());
    let rate = RwSignal::new("1,5".to_string());
    let period = RwSignal::new("month".to_string());
    let tenor = RwSignal::new("12".to_string());
    let method = RwSignal::new("annuity".to_string());
    let result = RwSignal::new(None::<Result<Schedule, String>>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        result.set(Some(compute(
            &principal.get_untracked(),
            &rate.get_untracked(),
            &period.get_untracked(),
            &tenor.get_untracked(),
            &method.get_untracked(),
            lang.get_untracked(),
        )));
    };
    view! {
        <h1 data-testid="page-title">{t("loan_simulator")}</h1>
        <p class="muted">{t("offline_ok")}</p>
        <form class="card stack" on:submit=submit data-testid="loan-form">
            <label>{t("principal")}<input inputmode="numeric" required bind:value=principal name="principal"/></label>
            <div class="row">
                <label>{t("rate")}<input inputmode="decimal" required bind:value=rate name="rate"/></label>
                <label>"\u{00a0}"
                    <select bind:value=period name="period" aria-label=t("rate_period")>
                        <option value="month">{t("per_month")}</option>
                        <option value="year">{t("per_year")}</option>
                    </select>
                </label>
            </div>
            <label>{t("tenor")}<input inputmode="numeric" required bind:value=tenor name="tenor"/></label>
            <label>{t("method")}
                <select bind:value=method name="method">
                    <option value="flat">{t("flat")}</option>
                    <option value="effective">{t("effective")}</option>
                    <option value="annuity">{t("annuity")}</option>
                </select>
            </label>
            <button type="submit" class="primary">{t("calculate")}</button>
        </form>
        {move || result.get().map(|r| match r {
            Err(e) => view! { <p class="error" role="alert" data-testid="loan-error">{e}</p> }.into_any(),
            Ok(s) => view! {
                <section class="card">
                    <p>{t("total_interest")}": " <strong data-testid="total-interest">{format_idr(s.total_interest)}</strong></p>
                    <p>{t("total_payment")}": " <strong data-testid="total-payment">{format_idr(s.total_payment)}</strong></p>
                </section>
                <div class="table-wrap" tabindex="0">
                    <table data-testid="schedule">
                        <thead><tr><th>{t("period")}</th><th class="num">{t("installment")}</th><th class="num">{t("principal")}</th><th class="num">{t("interest")}</th><th class="num">{t("balance")}</th></tr></thead>
                        <tbody>
                            {s.rows.into_iter().map(|r| view! {
                                <tr>
                                    <td>{r.period}</td>
                                    <td class="num">{format_idr(r.installment)}</td>
                                    <td class="num">{format_idr(r.principal)}</td>
                                    <td class="num">{format_idr(r.interest)}</td>
                                    <td class="num">{format_idr(r.balance)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any(),
        })}
    }
}
