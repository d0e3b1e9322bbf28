//! The loan book's reports on the desk: the collection list, the portfolio with
//! collectibility and PAR (managers), and the cash book.
use leptos::prelude::*;

use super::loan_view::*;
use crate::kernel::i18n::{t, use_lang};
use crate::kernel::pages::fetched;
pub use domain::api::koperasi::{
    CashBook, CashLine, ClassTotal, CollectionRow, InstallmentView as Installment,
    LoanPaymentView as LoanPayment, LoanProductView as LoanProduct, LoanSummary, LoanView as Loan,
    MemberView, Par, PayoffQuoteView as PayoffQuote, Portfolio, PortfolioLoan,
    PositionView as Position,
};

#[component]
pub(super) fn CollectionView(
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
pub(super) fn PortfolioView(
    selected: RwSignal<Option<String>>,
    tab: RwSignal<&'static str>,
) -> impl IntoView {
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
                            {p.par.iter().map(|x| view! { <li>"PAR " {x.days} ": " {rp(&x.outstanding)} " (" {rate_text(lang.get(), &x.percent)} "%)"</li> }).collect_view()}
                        </ul>
                        <ul>
                            {p.classes.iter().map(|c| {
                                let class = c.collectibility.clone();
                                view! { <li>{move || class_label(lang.get(), &class)} ": " {c.loans} " · " {rp(&c.outstanding)} " · " {t("reserve")} " " {rp(&c.reserve)}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any();
                    let rows = view! {
                        <div class="table-wrap" tabindex="0"><table>
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
pub(super) fn CashBookView() -> impl IntoView {
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
                        <div class="table-wrap" tabindex="0"><table>
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
