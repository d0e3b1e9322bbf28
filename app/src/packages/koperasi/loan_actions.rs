//! What staff do to a loan at each step: analysis, approval (a second approver above the
//! product's limit), disbursement, repayment, payoff and write-off.
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use serde_json::json;

use super::loan_view::*;
use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang, Lang};
use crate::kernel::pages::{error_text, fetched, Notice};
pub use domain::api::koperasi::{
    CashBook, CashLine, ClassTotal, CollectionRow, InstallmentView as Installment,
    LoanPaymentView as LoanPayment, LoanProductView as LoanProduct, LoanSummary, LoanView as Loan,
    MemberView, Par, PayoffQuoteView as PayoffQuote, Portfolio, PortfolioLoan,
    PositionView as Position,
};

#[component]
pub(super) fn LoanActions(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
    let manager = is_manager();
    let owner = is_owner_admin();
    match loan.status.as_str() {
        "applied" | "analysed" => {
            let approve = (loan.status == "analysed").then(|| {
                let l = loan.clone();
                view! { <Show when=move || manager.get()><ApprovalPanel loan=l.clone() version/></Show> }
            });
            view! {
                <AnalysisPanel loan=loan.clone() version/>
                {approve}
            }
            .into_any()
        }
        "awaiting_second_approval" => view! {
            <p class="muted" data-testid="needs-second">{t("needs_second_approval")}</p>
            <Show when=move || manager.get()><ApprovalPanel loan=loan.clone() version/></Show>
        }
        .into_any(),
        "approved" => view! {
            <Show when=move || manager.get()><DisbursePanel loan=loan.clone() version/></Show>
        }
        .into_any(),
        "disbursed" => {
            let l = loan.clone();
            view! {
                <RepayPanel loan=loan.clone() version/>
                <PayoffPanel loan=loan.clone() version/>
                <Show when=move || owner.get()><WriteOffPanel loan=l.clone() version/></Show>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

/// Posts `body` to the loan's `action` and refreshes the view, or shows why not.
pub(super) fn loan_call(
    lang: RwSignal<Lang>,
    id: String,
    action: &'static str,
    body: serde_json::Value,
    version: RwSignal<u32>,
    error: RwSignal<Option<String>>,
    ok: Option<(RwSignal<Option<String>>, &'static str)>,
) {
    error.set(None);
    spawn_local(async move {
        match client::post::<serde_json::Value>(&format!("/api/v1/loans/{id}/{action}"), &body)
            .await
        {
            Ok(_) => {
                if let Some((signal, key)) = ok {
                    signal.set(Some(tr(lang.get_untracked(), key).to_string()));
                }
                version.update(|v| *v += 1);
            }
            Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
        }
    });
}

#[component]
pub(super) fn AnalysisPanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let notes = RwSignal::new(loan.analysis_notes.clone().unwrap_or_default());
    let kind = RwSignal::new(loan.collateral_kind.clone().unwrap_or_default());
    let description = RwSignal::new(loan.collateral_description.clone().unwrap_or_default());
    let value = RwSignal::new(if loan.collateral_value == "0" {
        String::new()
    } else {
        loan.collateral_value.clone()
    });
    let documents = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = loan.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let k = kind.get_untracked();
        let body = if k.is_empty() {
            json!({"notes": notes.get_untracked()})
        } else {
            json!({"notes": notes.get_untracked(), "collateral_kind": k,
                "collateral_description": description.get_untracked(),
                "collateral_value": typed_amount(&value.get_untracked()),
                "collateral_documents": documents.get_untracked()})
        };
        loan_call(lang, id.clone(), "analysis", body, version, error, None);
    };
    view! {
        <form class="panel grid-form" data-testid="analysis-form" on:submit=submit>
            <strong>{t("analysis")}</strong>
            <label>{t("analysis_notes")}<textarea required data-testid="analysis-notes" bind:value=notes></textarea></label>
            <label>{t("collateral")}
                <select data-testid="collateral-kind" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">{t("no_collateral")}</option>
                    <option value="bpkb">"BPKB"</option>
                    <option value="shm">"SHM"</option>
                    <option value="other">{t("other")}</option>
                </select>
            </label>
            <Show when=move || !kind.get().is_empty()>
                <label>{t("collateral_description")}<input data-testid="collateral-description" bind:value=description/></label>
                <label>{t("collateral_value")}<input inputmode="numeric" data-testid="collateral-value" bind:value=value/></label>
                <label>{t("collateral_documents")}<input bind:value=documents/></label>
            </Show>
            <button type="submit" class="primary" data-testid="save-analysis">{t("save_analysis")}</button>
            <Notice error/>
        </form>
    }
}

#[component]
pub(super) fn ApprovalPanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let (id1, id2) = (loan.id.clone(), loan.id.clone());
    view! {
        <div class="panel" data-testid="approval">
            <strong>{t("approval")}</strong>
            {loan.needs_second_approval.then(|| view! { <p class="muted">{t("two_approvers")}</p> })}
            <div class="row-actions">
                <button type="button" class="primary" data-testid="approve-loan"
                    on:click=move |_| loan_call(lang, id1.clone(), "approval", json!({"decision": "approve"}), version, error, None)>
                    {t("approve")}</button>
            </div>
            <label>{t("rejection_reason")}<input data-testid="reject-reason" bind:value=reason/></label>
            <button type="button" class="danger" data-testid="reject-loan"
                on:click=move |_| loan_call(lang, id2.clone(), "approval",
                    json!({"decision": "reject", "reason": reason.get_untracked()}), version, error, None)>
                {t("reject")}</button>
            <Notice error/>
        </div>
    }
}

#[component]
pub(super) fn DisbursePanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let deducted = RwSignal::new(true);
    let date = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let fees = loan.admin_fee.parse::<Decimal>().unwrap_or_default()
        + loan.provision_fee.parse::<Decimal>().unwrap_or_default();
    let amount = loan.amount.parse::<Decimal>().unwrap_or_default();
    let id = loan.id.clone();
    view! {
        <div class="panel" data-testid="disburse">
            <strong>{t("disburse")}</strong>
            <label class="check"><input type="checkbox" prop:checked=move || deducted.get()
                on:change=move |ev| deducted.set(event_target_checked(&ev))/> {t("fees_deducted")}</label>
            <p>{t("paid_out")} ": " <strong data-testid="paid-out">{move || domain::money::format_idr(if deducted.get() { amount - fees } else { amount })}</strong>
                <small class="muted">" (" {t("fees")} " " {domain::money::format_idr(fees)} ")"</small></p>
            <label>{t("disbursed_on")}<input type="date" bind:value=date/></label>
            <button type="button" class="primary" data-testid="disburse-loan"
                on:click=move |_| {
                    let d = date.get_untracked();
                    let mut body = json!({"fees_deducted": deducted.get_untracked()});
                    if !d.is_empty() { body["disbursed_on"] = json!(d); }
                    loan_call(lang, id.clone(), "disbursement", body, version, error, None);
                }>{t("disburse")}</button>
            <Notice error/>
        </div>
    }
}

#[component]
pub(super) fn RepayPanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let due = loan
        .position
        .as_ref()
        .map(|p| {
            if p.due_total == "0" {
                p.next_due_amount.clone()
            } else {
                p.due_total.clone()
            }
        })
        .unwrap_or_default();
    let amount = RwSignal::new(due);
    let source = RwSignal::new("cash".to_string());
    let account = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let member_id = loan.member_id.clone();
    let accounts = fetched::<MemberView>(
        move || format!("/api/v1/members/{member_id}"),
        RwSignal::new(0),
    );
    let id = loan.id.clone();
    let pay = move |_| {
        let mut body = json!({"amount": typed_amount(&amount.get_untracked()), "source": source.get_untracked()});
        if source.get_untracked() == "savings" {
            body["savings_account_id"] = json!(account.get_untracked());
        }
        let d = date.get_untracked();
        if !d.is_empty() {
            body["paid_on"] = json!(d);
        }
        loan_call(
            lang,
            id.clone(),
            "repayments",
            body,
            version,
            error,
            Some((ok, "repayment_recorded")),
        );
    };
    view! {
        <div class="panel" data-testid="repay">
            <strong>{t("repayment")}</strong>
            <label>{t("amount_label")}<input inputmode="numeric" data-testid="repay-amount" bind:value=amount/></label>
            <label>{t("pay_from")}
                <select data-testid="repay-source" on:change=move |ev| source.set(event_target_value(&ev))>
                    <option value="cash">{t("tender_cash")}</option>
                    <option value="savings">{t("from_savings")}</option>
                </select>
            </label>
            <Show when=move || source.get() == "savings">
                <label>{t("savings_account")}
                    <select data-testid="repay-account" on:change=move |ev| account.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || accounts.get().and_then(|r| r.ok()).map(|m| m.accounts).unwrap_or_default().into_iter()
                            .filter(|a| a.kind == "sukarela").map(|a| view! {
                                <option value=a.id.clone()>{a.account_no.clone()} " · " {rp(&a.balance)}</option>
                            }).collect_view()}
                    </select>
                </label>
            </Show>
            <label>{t("paid_on")}<input type="date" bind:value=date/></label>
            <button type="button" class="primary" data-testid="repay-loan" on:click=pay>{t("record_repayment")}</button>
            <Notice error ok/>
        </div>
    }
}

#[component]
pub(super) fn PayoffPanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let quote = RwSignal::new(None::<PayoffQuote>);
    let error = RwSignal::new(None::<String>);
    let (id1, id2) = (loan.id.clone(), loan.id.clone());
    let ask = move |_| {
        let id = id1.clone();
        spawn_local(async move {
            match client::get::<PayoffQuote>(&format!("/api/v1/loans/{id}/payoff")).await {
                Ok(q) => quote.set(Some(q)),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <div class="panel" data-testid="payoff">
            <button type="button" on:click=ask data-testid="payoff-quote">{t("early_payoff")}</button>
            {move || quote.get().map(|q| {
                let id = id2.clone();
                view! {
                    <p>{t("principal")} " " {rp(&q.principal)} " + " {t("interest")} " " {rp(&q.interest)}
                        " + " {t("penalty")} " " {rp(&q.penalty)} " = " <strong data-testid="payoff-total">{rp(&q.total)}</strong>
                        <small class="muted">" · " {t("interest_waived")} " " {rp(&q.waived_interest)}</small></p>
                    <button type="button" class="primary" data-testid="payoff-loan"
                        on:click=move |_| loan_call(lang, id.clone(), "payoff", json!({}), version, error, None)>
                        {t("pay_off_now")}</button>
                }
            })}
            <Notice error/>
        </div>
    }
}

#[component]
pub(super) fn WriteOffPanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = loan.id.clone();
    view! {
        <details class="panel">
            <summary>{t("write_off")}</summary>
            <label>{t("reason")}<input bind:value=reason/></label>
            <button type="button" class="danger" on:click=move |_| loan_call(lang, id.clone(), "write-off",
                json!({"reason": reason.get_untracked()}), version, error, None)>{t("write_off")}</button>
            <Notice error/>
        </details>
    }
}
