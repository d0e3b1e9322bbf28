//! The loan desk (`/pinjaman`): applications, analysis, approval (a second approver above
//! the product's limit), disbursement, repayments, payoff and write-off; the collection
//! list and, for managers, the portfolio with collectibility and PAR. Also the member's
//! own loans on her phone ([`MyLoans`]).
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use super::loan_actions::LoanActions;
use super::loan_reports::{CashBookView, CollectionView, PortfolioView};
use super::loan_view::*;
use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, Notice};
use crate::kernel::session::Protected;
pub use domain::api::koperasi::{
    CashBook, CashLine, ClassTotal, CollectionRow, InstallmentView as Installment,
    LoanPaymentView as LoanPayment, LoanProductView as LoanProduct, LoanSummary, LoanView as Loan,
    MemberView, Par, PayoffQuoteView as PayoffQuote, Portfolio, PortfolioLoan,
    PositionView as Position,
};

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
            <button type="button" role="tab" aria-selected=move || (tab.get() == key).to_string()
                class:active=move || tab.get() == key data-testid=format!("tab-{key}")
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
                            let late = l.days_past_due;
                            let is_late = late > 0;
                            view! {
                                <li class:overdue=is_late>
                                    <button type="button" class="link" on:click=move |_| selected.set(Some(id.clone()))>
                                        {l.loan_no.clone()} " · " {l.member_no.clone()} " " {l.member_name.clone()}
                                        " · " {rp(&l.amount)} " / " {l.tenor} " " {t("months")}
                                    </button>
                                    " " <span class="badge">{move || status_label(lang.get(), &st)}</span>
                                    {(late > 0).then(|| view! {
                                        " " <span class="badge late" data-testid="late-badge">{move || format!("{} {late} {}", tr(lang.get(), "late_by"), tr(lang.get(), "days"))}</span>
                                    })}
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
        let fees = domain::loan::Fees::of(
            principal,
            p.admin_fee.parse().unwrap_or_default(),
            p.provision_percent.parse().unwrap_or_default(),
        );
        Some((principal, s, fees))
    };
    // The whole schedule, the fees and what she receives, before anything is stored.
    let preview_view = move || {
        preview().map(|(principal, s, fees)| {
            let lang = lang.get();
            let idr = domain::money::format_idr;
            let rows = s
                .rows
                .iter()
                .map(|r| {
                    view! {
                        <tr><td>{r.period}</td><td class="num">{idr(r.installment)}</td>
                            <td class="num">{idr(r.principal)}</td><td class="num">{idr(r.interest)}</td>
                            <td class="num">{idr(r.balance)}</td></tr>
                    }
                })
                .collect_view();
            view! {
                <dl class="figures">
                    <dt>{tr(lang, "first_installment")}</dt><dd>{idr(s.rows.first().map(|r| r.installment).unwrap_or_default())}</dd>
                    <dt>{tr(lang, "total_interest")}</dt><dd>{idr(s.total_interest)}</dd>
                    <dt>{tr(lang, "total_payment")}</dt><dd>{idr(s.total_payment)}</dd>
                    <dt>{tr(lang, "admin_fee")}</dt><dd>{idr(fees.admin)}</dd>
                    <dt>{tr(lang, "provision_fee")}</dt><dd>{idr(fees.provision)}</dd>
                    <dt>{tr(lang, "net_if_deducted")}</dt><dd data-testid="preview-net">{idr(fees.net_when_deducted(principal))}</dd>
                </dl>
                <div class="table-wrap" tabindex="0" role="region" aria-label=tr(lang, "schedule")>
                    <table class="schedule" data-testid="preview-schedule">
                        <thead><tr><th>{tr(lang, "period")}</th><th class="num">{tr(lang, "installment")}</th>
                            <th class="num">{tr(lang, "principal_part")}</th><th class="num">{tr(lang, "interest")}</th>
                            <th class="num">{tr(lang, "balance")}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
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
                <div class="preview" data-testid="loan-preview">{preview_view}</div>
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
