//! The loan desk (`/pinjaman`): applications, analysis, approval (a second approver above
//! the product's limit), disbursement, repayments, payoff and write-off; the collection
//! list and, for managers, the portfolio with collectibility and PAR. Also the member's
//! own loans on her phone ([`MyLoans`]).
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use serde_json::json;

use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang, Lang};
use crate::kernel::pages::{error_text, fetched, Notice};
use crate::kernel::session::{use_session, Protected};
pub use domain::api::koperasi::{
    CashBook, CashLine, ClassTotal, CollectionRow, InstallmentView as Installment,
    LoanPaymentView as LoanPayment, LoanProductView as LoanProduct, LoanSummary, LoanView as Loan,
    MemberView, Par, PayoffQuoteView as PayoffQuote, Portfolio, PortfolioLoan,
    PositionView as Position,
};

pub fn rp(s: &str) -> String {
    s.parse::<Decimal>()
        .map(domain::money::format_idr)
        .unwrap_or_default()
}

/// `2026-11-05` as Indonesians write it: `05/11/2026`.
pub fn day(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

/// A rate as typed by the koperasi (`1.5`), written the reader's way (`1,5` in Indonesian).
fn rate_text(lang: Lang, rate: &str) -> String {
    if lang == Lang::Id {
        rate.replace('.', ",")
    } else {
        rate.to_string()
    }
}

/// What the person typed (`1.250.000`, `Rp1.250.000`) as a plain decimal for the API.
fn typed_amount(s: &str) -> String {
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

fn installment_status(lang: Lang, status: &str) -> &'static str {
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

fn class_label(lang: Lang, class: &str) -> &'static str {
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

fn payment_label(lang: Lang, kind: &str) -> &'static str {
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

fn method_label(lang: Lang, method: &str) -> &'static str {
    tr(
        lang,
        match method {
            "flat" => "flat",
            "effective" => "effective",
            _ => "annuity",
        },
    )
}

fn is_manager() -> Memo<bool> {
    let ctx = use_session();
    Memo::new(move |_| {
        ctx.session
            .get()
            .is_some_and(|s| s.has_any(&["owner", "admin", "manager"]))
    })
}

fn is_owner_admin() -> Memo<bool> {
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
        <div class="table-wrap">
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
            <dt>{t("collectibility")}</dt><dd>{move || class_label(lang.get(), &class)}</dd>
            <dt>{t("payoff_total")}</dt><dd>{rp(&position.payoff_total)}</dd>
        </dl>
    }
}

#[component]
fn PaymentsList(payments: Vec<LoanPayment>) -> impl IntoView {
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

/// `/pinjaman`: the loan desk for officers and managers.
#[component]
pub fn LoanDesk() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager", "cashier"]>
            <DeskBody/>
        </Protected>
    }
}

#[component]
fn DeskBody() -> impl IntoView {
    let tab = RwSignal::new("loans");
    let selected = RwSignal::new(None::<String>);
    let version = RwSignal::new(0u32);
    let manager = is_manager();
    let tab_button = move |key: &'static str, label: &'static str| {
        view! {
            <button type="button" class:active=move || tab.get() == key data-testid=format!("tab-{key}")
                on:click=move |_| { tab.set(key); selected.set(None); }>{t(label)}</button>
        }
    };
    view! {
        <h1 data-testid="page-title">{t("loans")}</h1>
        <div class="tabs" role="tablist">
            {tab_button("loans", "loan_list")}
            {tab_button("apply", "apply_loan")}
            {tab_button("collection", "collection_list")}
            <Show when=move || manager.get()>{tab_button("portfolio", "portfolio")}{tab_button("cashbook", "cash_book")}</Show>
        </div>
        {move || match tab.get() {
            "apply" => view! { <ApplyForm selected tab version/> }.into_any(),
            "collection" => view! { <CollectionView selected tab/> }.into_any(),
            "portfolio" => view! { <PortfolioView selected tab/> }.into_any(),
            "cashbook" => view! { <CashBookView/> }.into_any(),
            _ => view! { <LoanList selected version/> }.into_any(),
        }}
        {move || selected.get().map(|id| view! { <LoanDetail id version/> })}
    }
}

#[component]
fn LoanList(selected: RwSignal<Option<String>>, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let status = RwSignal::new(String::new());
    let rows = fetched::<Vec<LoanSummary>>(
        move || format!("/api/v1/loans?status={}", status.get()),
        version,
    );
    let statuses = [
        "applied",
        "analysed",
        "awaiting_second_approval",
        "approved",
        "disbursed",
        "paid_off",
        "rejected",
        "written_off",
    ];
    view! {
        <section class="card">
            <label>{t("status")}
                <select data-testid="loan-status-filter" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{t("all")}</option>
                    {statuses.into_iter().map(|s| view! { <option value=s>{move || status_label(lang.get(), s)}</option> }).collect_view()}
                </select>
            </label>
            {move || match rows.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t("no_loans")}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="member-list" data-testid="loan-list">
                        {list.into_iter().map(|l| {
                            let id = l.id.clone();
                            let st = l.status.clone();
                            view! {
                                <li>
                                    <button type="button" class="link" on:click=move |_| selected.set(Some(id.clone()))>
                                        {l.loan_no.clone()} " · " {l.member_no.clone()} " " {l.member_name.clone()}
                                        " · " {rp(&l.amount)} " / " {l.tenor} " " {t("months")}
                                    </button>
                                    " " <span class="badge">{move || status_label(lang.get(), &st)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ApplyForm(
    selected: RwSignal<Option<String>>,
    tab: RwSignal<&'static str>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let query = RwSignal::new(String::new());
    let members = fetched::<Vec<MemberView>>(
        move || {
            format!(
                "/api/v1/members?q={}",
                client::encode_query(query.get().trim())
            )
        },
        RwSignal::new(0),
    );
    let products = fetched::<Vec<LoanProduct>>(|| "/api/v1/loan-products".into(), RwSignal::new(0));
    let member = RwSignal::new(String::new());
    let product = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let tenor = RwSignal::new("12".to_string());
    let purpose = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let chosen_product = move || {
        let id = product.get();
        products
            .get()
            .and_then(|r| r.ok())
            .and_then(|list| list.into_iter().find(|p| p.id == id))
    };
    // Same numbers as the server: domain's schedule, computed here as she types.
    let preview = move || {
        let p = chosen_product()?;
        let principal = domain::money::parse_idr(&amount.get()).ok()?.amount();
        let terms = domain::loan::LoanTerms {
            principal,
            rate_percent: p.rate_percent.parse().ok()?,
            rate_period: if p.rate_period == "year" {
                domain::loan::RatePeriod::Year
            } else {
                domain::loan::RatePeriod::Month
            },
            tenor_months: tenor.get().trim().parse().ok()?,
            method: match p.method.as_str() {
                "effective" => domain::loan::LoanMethod::Effective,
                "annuity" => domain::loan::LoanMethod::Annuity,
                _ => domain::loan::LoanMethod::Flat,
            },
            first_due_date: None,
        };
        let s = domain::loan::schedule(&terms).ok()?;
        let first = s.rows.first()?.installment;
        Some(format!(
            "{} {} · {} {}",
            tr(lang.get(), "first_installment"),
            domain::money::format_idr(first),
            tr(lang.get(), "total_interest"),
            domain::money::format_idr(s.total_interest)
        ))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let body = json!({"member_id": member.get_untracked(), "product_id": product.get_untracked(),
            "amount": typed_amount(&amount.get_untracked()),
            "tenor": tenor.get_untracked().trim().parse::<u32>().unwrap_or(0),
            "purpose": purpose.get_untracked()});
        spawn_local(async move {
            match client::post::<Loan>("/api/v1/loans", &body).await {
                Ok(l) => {
                    version.update(|v| *v += 1);
                    tab.set("loans");
                    selected.set(Some(l.id));
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>{t("apply_loan")}</h2>
            <form class="grid-form" data-testid="loan-form" on:submit=submit>
                <label>{t("find_member")}<input type="search" data-testid="loan-member-search" bind:value=query/></label>
                <label>{t("member_field")}
                    <select required data-testid="loan-member" on:change=move |ev| member.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || members.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|m| {
                            view! { <option value=m.id.clone()>{m.member_no.clone()} " · " {m.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t("loan_product")}
                    <select required data-testid="loan-product" on:change=move |ev| product.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || products.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|p| {
                            view! { <option value=p.id.clone()>{p.code.clone()} " · " {p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t("loan_amount")}<input inputmode="numeric" required data-testid="loan-amount" bind:value=amount/></label>
                <label>{t("tenor_months")}<input inputmode="numeric" required data-testid="loan-tenor" bind:value=tenor/></label>
                <label>{t("loan_purpose")}<input required data-testid="loan-purpose" bind:value=purpose/></label>
                <p class="muted" data-testid="loan-terms">{move || chosen_product().map(|p| format!(
                    "{} {}% {} · {} {}–{} {} · {} {}–{}",
                    method_label(lang.get(), &p.method), rate_text(lang.get(), &p.rate_percent),
                    tr(lang.get(), if p.rate_period == "year" { "per_year" } else { "per_month" }),
                    tr(lang.get(), "tenor"), p.min_tenor, p.max_tenor, tr(lang.get(), "months"),
                    tr(lang.get(), "plafon"), rp(&p.min_amount), rp(&p.max_amount)))}</p>
                <p data-testid="loan-preview">{preview}</p>
                <button type="submit" class="primary" data-testid="submit-loan">{t("submit_application")}</button>
            </form>
            <Notice error/>
        </section>
    }
}

#[component]
fn LoanDetail(id: String, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let loan = fetched::<Loan>(move || format!("/api/v1/loans/{id}"), version);
    view! {
        {move || match loan.get() {
            None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
            Some(Ok(l)) => {
                let status = l.status.clone();
                let head = view! {
                    <h2>{l.loan_no.clone()} " · " {l.member_no.clone()} " " {l.member_name.clone()}</h2>
                    <p><span class="badge" data-testid="loan-status">{move || status_label(lang.get(), &status)}</span>
                        " " {l.product_name.clone()} " · " {rp(&l.amount)} " · " {l.tenor} " " {t("months")}
                        " · " {method_label(lang.get_untracked(), &l.method)} " " {rate_text(lang.get_untracked(), &l.rate_percent)} "%"</p>
                    <p class="muted">{t("loan_purpose")} ": " {l.purpose.clone()}
                        " · " {t("admin_fee")} " " {rp(&l.admin_fee)} " · " {t("provision")} " " {rp(&l.provision_fee)}
                        {l.net_disbursed.clone().map(|n| format!(" · {} {}", tr(lang.get_untracked(), "net_disbursed"), rp(&n)))}</p>
                    {l.analysis_notes.clone().map(|n| view! { <p>{t("analysis")} ": " {n}
                        {l.collateral_kind.clone().map(|k| format!(" · {} {} {} ({})", tr(lang.get_untracked(), "collateral"),
                            k.to_uppercase(), l.collateral_description.clone().unwrap_or_default(), rp(&l.collateral_value)))}</p> })}
                    {l.rejection_reason.clone().map(|r| view! { <p class="error">{t("rejection_reason")} ": " {r}</p> })}
                }.into_any();
                let position = l.position.clone().map(|p| view! { <PositionCard position=p/> });
                let schedule = view! {
                    <h3>{if l.disbursed_on.is_some() { t("schedule") } else { t("schedule_preview") }}</h3>
                    <ScheduleTable rows=l.schedule.clone()/>
                    <p class="muted">{t("total_interest")} " " {rp(&l.total_interest)}</p>
                }.into_any();
                let payments = (!l.payments.is_empty()).then(|| view! {
                    <h3>{t("payments")}</h3>
                    <PaymentsList payments=l.payments.clone()/>
                });
                view! {
                    <section class="card" data-testid="loan-detail">
                        {head}
                        <LoanActions loan=l.clone() version/>
                        {position}
                        {schedule}
                        {payments}
                    </section>
                }.into_any()
            }
        }}
    }
}

#[component]
fn LoanActions(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
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
fn loan_call(
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
fn AnalysisPanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
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
fn ApprovalPanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
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
fn DisbursePanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
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
fn RepayPanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
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
fn PayoffPanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
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
fn WriteOffPanel(loan: Loan, version: RwSignal<u32>) -> impl IntoView {
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

#[component]
fn CollectionView(
    selected: RwSignal<Option<String>>,
    tab: RwSignal<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    let mine = RwSignal::new(false);
    let rows = fetched::<Vec<CollectionRow>>(
        move || {
            if mine.get() {
                "/api/v1/loan-reports/collection?officer_id=me".into()
            } else {
                "/api/v1/loan-reports/collection".into()
            }
        },
        RwSignal::new(0),
    );
    view! {
        <section class="card" data-testid="collection">
            <label class="check"><input type="checkbox" on:change=move |ev| mine.set(event_target_checked(&ev))/> {t("my_loans_only")}</label>
            {move || match rows.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t("nothing_due")}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="member-list">
                        {list.into_iter().map(|r| {
                            let id = r.loan_id.clone();
                            let class = r.collectibility.clone();
                            view! {
                                <li data-testid="collection-row">
                                    <button type="button" class="link" on:click=move |_| { tab.set("loans"); selected.set(Some(id.clone())); }>
                                        {r.member_no.clone()} " " {r.member_name.clone()} " · " {r.loan_no.clone()}
                                    </button>
                                    <div class="muted">{r.address.clone()} " · " {r.phone.clone().unwrap_or_default()}</div>
                                    <div><strong>{rp(&r.due_total)}</strong> " · " {r.days_past_due} " " {t("days_late")}
                                        " · " {t("penalty")} " " {rp(&r.penalty_due)} " · " {move || class_label(lang.get(), &class)}</div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PortfolioView(selected: RwSignal<Option<String>>, tab: RwSignal<&'static str>) -> impl IntoView {
    let lang = use_lang();
    let data = fetched::<Portfolio>(|| "/api/v1/loan-reports/portfolio".into(), RwSignal::new(0));
    view! {
        <section class="card print-report" data-testid="portfolio">
            {move || match data.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
                Some(Ok(p)) => {
                    let summary = view! {
                        <p>{day(&p.as_of)} " · " {t("outstanding")} " " <strong>{rp(&p.outstanding)}</strong>
                            " · " {t("reserve")} " " <strong>{rp(&p.reserve)}</strong></p>
                        <ul class="par" data-testid="par">
                            {p.par.iter().map(|x| view! { <li>"PAR " {x.days} ": " {rp(&x.outstanding)} " (" {x.percent.clone()} "%)"</li> }).collect_view()}
                        </ul>
                        <ul>
                            {p.classes.iter().map(|c| {
                                let class = c.collectibility.clone();
                                view! { <li>{move || class_label(lang.get(), &class)} ": " {c.loans} " · " {rp(&c.outstanding)} " · " {t("reserve")} " " {rp(&c.reserve)}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any();
                    let rows = view! {
                        <div class="table-wrap"><table>
                            <thead><tr><th>{t("loan_no")}</th><th>{t("member_field")}</th><th>{t("outstanding")}</th><th>{t("days_past_due")}</th><th>{t("collectibility")}</th><th>{t("reserve")}</th></tr></thead>
                            <tbody>
                                {p.loans.into_iter().map(|l| {
                                    let id = l.loan_id.clone();
                                    let class = l.collectibility.clone();
                                    view! { <tr>
                                        <td><button type="button" class="link" on:click=move |_| { tab.set("loans"); selected.set(Some(id.clone())); }>{l.loan_no.clone()}</button></td>
                                        <td>{l.member_name.clone()}</td><td class="num">{rp(&l.outstanding)}</td><td class="num">{l.days_past_due}</td>
                                        <td>{move || class_label(lang.get(), &class)}</td><td class="num">{rp(&l.reserve)}</td>
                                    </tr> }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any();
                    view! { {summary} {rows}
                        <div class="row-actions">
                            <a class="button" href="/api/v1/koperasi-reports/loans.csv" download="pinjaman.csv">{t("download_csv")}</a>
                            <button type="button" on:click=move |_| crate::kernel::printer::browser_print()>{t("print")}</button>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The cash book for a period: opening balance, every cash movement, closing balance.
#[component]
fn CashBookView() -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let query = move || format!("from={}&to={}", from.get(), to.get());
    let book = fetched::<CashBook>(
        move || format!("/api/v1/koperasi-reports/cash-book?{}", query()),
        RwSignal::new(0),
    );
    view! {
        <section class="card print-report" data-testid="cash-book">
            <div class="row-actions">
                <label>{t("from_date")}<input type="date" bind:value=from/></label>
                <label>{t("to_date")}<input type="date" bind:value=to/></label>
                <a class="button" href=move || format!("/api/v1/koperasi-reports/cash-book.csv?{}", query()) download="buku-kas.csv">{t("download_csv")}</a>
                <button type="button" on:click=move |_| crate::kernel::printer::browser_print()>{t("print")}</button>
            </div>
            {move || match book.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
                Some(Ok(b)) => {
                    let head = view! {
                        <h2>{t("cash_book")} " " {day(&b.from)} " – " {day(&b.to)}</h2>
                        <p>{t("opening_balance")} " " <strong>{rp(&b.opening)}</strong> " · " {t("cash_in")} " " {rp(&b.cash_in)}
                            " · " {t("cash_out")} " " {rp(&b.cash_out)} " · " {t("closing_balance")} " " <strong>{rp(&b.closing)}</strong></p>
                    }.into_any();
                    let rows = view! {
                        <div class="table-wrap"><table>
                            <thead><tr><th>{t("time")}</th><th>{t("description")}</th><th>{t("member_field")}</th>
                                <th class="num">{t("cash_in")}</th><th class="num">{t("cash_out")}</th><th class="num">{t("balance")}</th></tr></thead>
                            <tbody>
                                {b.lines.into_iter().map(|l| view! { <tr>
                                    <td>{crate::kernel::pages::local_time(&l.at, 7)}</td><td>{l.description}</td>
                                    <td>{l.member_no} " " {l.member_name}</td>
                                    <td class="num">{rp(&l.cash_in)}</td><td class="num">{rp(&l.cash_out)}</td><td class="num">{rp(&l.balance)}</td>
                                </tr> }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any();
                    view! { {head} {rows} }.into_any()
                }
            }}
        </section>
    }
}

// ---------------------------------------------------------------- member portal

/// "Pinjaman saya": the member's loans, what is due next and overdue, and the schedule.
#[component]
pub fn MyLoans() -> impl IntoView {
    let lang = use_lang();
    let loans = fetched::<Vec<Loan>>(|| "/api/v1/me/loans".into(), RwSignal::new(0));
    view! {
        <h2 id="pinjaman">{t("my_loans")}</h2>
        {move || match loans.get() {
            None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
            Some(Err(e)) if e.status == 404 => ().into_any(),
            Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t("no_loans")}</p> }.into_any(),
            Some(Ok(list)) => list.into_iter().map(|l| {
                let status = l.status.clone();
                view! {
                    <section class="card" data-testid="my-loan">
                        <p><strong>{l.loan_no.clone()}</strong> " · " {l.product_name.clone()} " · " {rp(&l.amount)}
                            " · " <span class="badge">{move || status_label(lang.get(), &status)}</span></p>
                        {l.position.clone().map(|p| view! { <PositionCard position=p/> })}
                        <details open=l.status == "disbursed">
                            <summary>{t("schedule")}</summary>
                            <ScheduleTable rows=l.schedule.clone()/>
                        </details>
                    </section>
                }
            }).collect_view().into_any(),
        }}
    }
}
