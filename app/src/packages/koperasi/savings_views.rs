//! A member's savings as both the desk and her own phone show them: the wajib line, the
//! account cards, the passbook and the teller's receipt.
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{fetched, local_time};
pub use domain::api::koperasi::{
    AccountView as Account, ExitView as ExitResult, MemberView as Member, MovementView as Movement,
    ProductView as Product, WajibView as Wajib,
};

/// Simpanan wajib billed since joining: in arrears (red) or paid up.
#[component]
pub(super) fn WajibLine(wajib: Wajib) -> impl IntoView {
    let late = wajib.months_in_arrears > 0;
    view! {
        <p class:error=late data-testid="wajib-status">
            {t("wajib_billed")} " " {wajib.months_billed} " " {t("months")} " × " {rp(&wajib.monthly)}
            " · " {t("paid")} " " {rp(&wajib.paid)} " · "
            {if late {
                view! { {t("wajib_arrears")} " " <strong data-testid="wajib-arrears">{rp(&wajib.arrears)}</strong>
                    " (" {wajib.months_in_arrears} " " {t("months")} ")" }.into_any()
            } else {
                view! { <strong>{t("wajib_paid_up")}</strong> }.into_any()
            }}
        </p>
    }
}

pub(super) fn rp(s: &str) -> String {
    s.parse::<Decimal>()
        .map(domain::money::format_idr)
        .unwrap_or_default()
}

/// The teller's receipt (bukti setoran/penarikan), laid out like every other slip.
pub(super) fn teller_slip(
    session: &Option<crate::kernel::model::Session>,
    member: Option<&Member>,
    account: Option<&Account>,
    m: &Movement,
    deposit: bool,
) -> domain::receipt::Slip {
    use domain::receipt::SlipRow;
    let header = vec![session
        .as_ref()
        .and_then(|s| s.user.tenant_name.clone())
        .unwrap_or_else(|| "Koperasi".into())];
    let mut rows = vec![SlipRow::Pair("Waktu".into(), local_time(&m.at, 7))];
    if let Some(member) = member {
        rows.push(SlipRow::Pair(
            "No. anggota".into(),
            member.member_no.clone(),
        ));
        rows.push(SlipRow::Text(member.name.clone()));
    }
    if let Some(a) = account {
        rows.push(SlipRow::Pair("Rekening".into(), a.account_no.clone()));
        rows.push(SlipRow::Text(a.product_name.clone()));
    }
    rows.push(SlipRow::Rule);
    rows.push(SlipRow::Total(
        if deposit { "SETOR" } else { "TARIK" }.into(),
        rp(&m.amount),
    ));
    rows.push(SlipRow::Pair("Saldo".into(), rp(&m.balance_after)));
    if let Some(n) = m.note.clone().filter(|n| !n.is_empty()) {
        rows.push(SlipRow::Text(n));
    }
    if let Some(s) = session {
        rows.push(SlipRow::Pair("Teller".into(), s.user.name.clone()));
    }
    domain::receipt::Slip {
        header,
        title: if deposit {
            "BUKTI SETORAN"
        } else {
            "BUKTI PENARIKAN"
        }
        .into(),
        rows,
        footer: vec!["Simpan bukti ini".into()],
        qr: None,
    }
}

/// The receipt on screen with its print button (thermal printer, else the browser).
#[component]
pub(super) fn TellerReceipt(slip: domain::receipt::Slip) -> impl IntoView {
    let lang = use_lang();
    let message = RwSignal::new(None::<String>);
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
        <div data-testid="teller-receipt">
            <crate::kernel::print::SlipView what=crate::kernel::print::Printable::Slip(shown)/>
            <button type="button" on:click=print>{t("print")}</button>
            {move || message.get().map(|m| view! { <p class="muted">{m}</p> })}
        </div>
    }
}

pub(super) fn movement_key(kind: &str) -> &'static str {
    match kind {
        "deposit" => "mv_deposit",
        "withdrawal" => "mv_withdrawal",
        "loan_repayment" => "mv_loan_repayment",
        "interest" => "mv_interest",
        "interest_tax" => "mv_interest_tax",
        "shu" => "mv_shu",
        "exit_debts" => "mv_exit_debts",
        "maturity" => "mv_maturity",
        "berjangka_principal" => "mv_berjangka_principal",
        "early_withdrawal" => "mv_early_withdrawal",
        "early_penalty" => "mv_early_penalty",
        _ => "mv_exit_payout",
    }
}

/// One account's passbook: every movement with the balance after it.
#[component]
pub(super) fn Passbook(account_id: String, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let rows = fetched::<Vec<Movement>>(
        move || format!("/api/v1/savings-accounts/{account_id}/movements"),
        version,
    );
    view! {
        {move || match rows.get() {
            None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t("no_movements")}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <div class="print-report">
                <button type="button" class="small" on:click=move |_| crate::kernel::printer::browser_print()>{t("print_passbook")}</button>
                <ul class="passbook" data-testid="passbook">
                    {list.into_iter().rev().map(|m| {
                        let out = matches!(
                            m.kind.as_str(),
                            "withdrawal"
                                | "loan_repayment"
                                | "interest_tax"
                                | "exit_debts"
                                | "exit_payout"
                                | "maturity"
                                | "early_withdrawal"
                                | "early_penalty"
                        );
                        let kind = m.kind.clone();
                        view! {
                            <li>
                                <span class="muted">{local_time(&m.at, 7)} " " <small>{move || tr(lang.get(), movement_key(&kind))}</small></span>
                                <span class:error=out>{if out { "−" } else { "+" }}{rp(&m.amount)}</span>
                                <strong>{rp(&m.balance_after)}</strong>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                </div>
            }.into_any(),
        }}
    }
}

#[component]
pub(super) fn AccountCards(
    accounts: Vec<Account>,
    version: RwSignal<u32>,
    #[prop(optional)] teller: Option<RwSignal<Option<String>>>,
) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(None::<String>);
    let total: Decimal = accounts
        .iter()
        .filter_map(|a| a.balance.parse::<Decimal>().ok())
        .sum();
    view! {
        <div class="accounts" data-testid="accounts">
            {accounts.into_iter().map(|a| {
                let id = a.id.clone();
                let id2 = a.id.clone();
                let id3 = a.id.clone();
                view! {
                    <section class="card account" data-testid=format!("account-{}", a.product_code)>
                        <button type="button" class="link" on:click=move |_| open.update(|o| *o = if o.as_deref() == Some(id.as_str()) { None } else { Some(id.clone()) })>
                            <span>{a.product_name.clone()} <small class="muted">" " {a.account_no.clone()}
                                {a.maturity_date.as_deref().map(|d| format!(" · {} {}", tr(lang.get_untracked(), "matures_on"), crate::packages::koperasi::loan_view::day(d)))}</small></span>
                            <strong class="balance">{rp(&a.balance)}</strong>
                        </button>
                        {teller.map(|sel| view! {
                            <button type="button" class="small" on:click=move |_| sel.set(Some(id3.clone()))>{t("teller")}</button>
                        })}
                        <Show when=move || open.get().as_deref() == Some(id2.as_str())>
                            <Passbook account_id=a.id.clone() version=version/>
                        </Show>
                    </section>
                }
            }).collect_view()}
            <p class="total">{t("total")} ": " <strong data-testid="savings-total">{domain::money::format_idr(total)}</strong></p>
        </div>
    }
}
