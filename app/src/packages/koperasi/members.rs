//! The koperasi desk (`/anggota`: register members, the teller's deposits and withdrawals,
//! passbooks) and the member's own page on her phone (`/simpanan-saya`).
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use serde_json::json;

use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, local_time, Notice};
use crate::kernel::session::Protected;
pub use domain::api::koperasi::{
    AccountView as Account, ExitView as ExitResult, MemberView as Member, MovementView as Movement,
    ProductView as Product, WajibView as Wajib,
};

/// Simpanan wajib billed since joining: in arrears (red) or paid up.
#[component]
fn WajibLine(wajib: Wajib) -> impl IntoView {
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

fn rp(s: &str) -> String {
    s.parse::<Decimal>()
        .map(domain::money::format_idr)
        .unwrap_or_default()
}

/// The teller's receipt (bukti setoran/penarikan), laid out like every other slip.
fn teller_slip(
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
fn TellerReceipt(slip: domain::receipt::Slip) -> impl IntoView {
    let lang = use_lang();
    let message = RwSignal::new(None::<String>);
    let text = domain::receipt::text::to_plain(&domain::receipt::layout_slip(&slip, 32), 32);
    let print = move |_| {
        let s = crate::kernel::printer::load_settings();
        let bytes = domain::receipt::encode_slip(
            &slip,
            domain::receipt::PrintOptions {
                width: s.columns(),
                open_drawer: false,
                cut: true,
            },
        );
        spawn_local(crate::modules::pos::till_ops::print_job(
            bytes,
            message,
            lang.get_untracked(),
        ));
    };
    view! {
        <div data-testid="teller-receipt">
            <crate::modules::pos::till_ops::SlipView text=text/>
            <button type="button" on:click=print>{t("print")}</button>
            {move || message.get().map(|m| view! { <p class="muted">{m}</p> })}
        </div>
    }
}

fn movement_key(kind: &str) -> &'static str {
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
fn Passbook(account_id: String, version: RwSignal<u32>) -> impl IntoView {
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
fn AccountCards(
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
                                {a.maturity_date.as_deref().map(|d| format!(" · {} {}", tr(lang.get_untracked(), "matures_on"), crate::packages::koperasi::loan_desk::day(d)))}</small></span>
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

/// `/simpanan-saya`: the member's balances per product and each passbook, on her phone.
#[component]
pub fn MemberHome() -> impl IntoView {
    let me = fetched::<Member>(|| "/api/v1/me/member".into(), RwSignal::new(0));
    let version = RwSignal::new(0u32);
    view! {
        <Protected roles=&["member"]>
            <h1 data-testid="page-title">{t("my_savings")}</h1>
            {move || match me.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(e)) if e.status == 404 => view! { <p class="muted">{t("not_a_member_yet")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
                Some(Ok(m)) => view! {
                    <section class="card">
                        <p><strong data-testid="member-name">{m.name.clone()}</strong></p>
                        <p class="muted">{t("member_no")} " " <span data-testid="member-no">{m.member_no.clone()}</span> " · " {t("joined")} " " {m.join_date.clone()}</p>
                    </section>
                    <AccountCards accounts=m.accounts.clone() version=version/>
                    {m.wajib.clone().map(|w| view! { <WajibLine wajib=w/> })}
                    <crate::packages::koperasi::loan_desk::MyLoans/>
                    <crate::packages::koperasi::shu::MyShu/>
                }.into_any(),
            }}
            <a class="button primary" href="/simulasi-pinjaman">{t("loan_simulator")}</a>
        </Protected>
    }
}

/// Opens an account of a product she has none of (a berjangka placement, or a product
/// added after she joined).
#[component]
fn OpenAccount(member: Member, chosen: RwSignal<Option<Member>>) -> impl IntoView {
    let lang = use_lang();
    let products = fetched::<Vec<Product>>(|| "/api/v1/savings-products".into(), RwSignal::new(0));
    let pick = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let have: Vec<String> = member
        .accounts
        .iter()
        .map(|a| a.product_code.clone())
        .collect();
    let missing = move || {
        products
            .get()
            .and_then(|r| r.ok())
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.active && !have.contains(&p.code))
            .collect::<Vec<_>>()
    };
    let member_id = member.id.clone();
    let open = move |_| {
        let product = pick.get_untracked();
        if product.is_empty() {
            return;
        }
        let id = member_id.clone();
        spawn_local(async move {
            let path = format!("/api/v1/members/{id}/accounts");
            match client::post::<Account>(&path, &json!({"product_id": product})).await {
                Ok(_) => {
                    if let Ok(m) = client::get::<Member>(&format!("/api/v1/members/{id}")).await {
                        chosen.set(Some(m));
                    }
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <Show when={let missing = missing.clone(); move || !missing().is_empty()}>
            <div class="row-actions" data-testid="open-account">
                <select on:change=move |ev| pick.set(event_target_value(&ev))>
                    <option value="">{t("open_account")} "…"</option>
                    {let missing = missing.clone(); move || missing().into_iter().map(|p| view! {
                        <option value=p.id.clone()>{p.code.clone()} " · " {p.name.clone()}</option>
                    }).collect_view()}
                </select>
                <button type="button" on:click=open.clone()>{t("open_account")}</button>
                <Notice error/>
            </div>
        </Show>
    }
}

/// One CSV line's cells (quoted cells may hold commas and doubled quotes).
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

/// A CSV report shown as a table, ready for the browser's print dialog.
#[component]
fn CsvReport(file: &'static str) -> impl IntoView {
    let lang = use_lang();
    let rows = RwSignal::new(None::<Result<Vec<Vec<String>>, String>>);
    Effect::new(move |_| {
        spawn_local(async move {
            let result = client::get_text(&format!("/api/v1/koperasi-reports/{file}"))
                .await
                .map(|text| text.lines().map(csv_cells).collect())
                .map_err(|e| error_text(lang.get_untracked(), &e));
            rows.set(Some(result));
        });
    });
    view! {
        <section class="card print-report" data-testid="csv-report">
            <button type="button" on:click=move |_| crate::kernel::printer::browser_print()>{t("print")}</button>
            {move || match rows.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{e}</p> }.into_any(),
                Some(Ok(table)) => {
                    let mut lines = table.into_iter();
                    let head = lines.next().unwrap_or_default();
                    view! {
                        <div class="table-wrap"><table>
                            <thead><tr>{head.into_iter().map(|h| view! { <th>{h.replace('_', " ")}</th> }).collect_view()}</tr></thead>
                            <tbody>{lines.map(|r| view! {
                                <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                            }).collect_view()}</tbody>
                        </table></div>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The KTP photo: shown when there is one; taken with the tablet's camera (or chosen
/// from files) and uploaded as it is.
#[component]
fn KtpPhoto(
    member_id: String,
    url: Option<String>,
    chosen: RwSignal<Option<Member>>,
) -> impl IntoView {
    let lang = use_lang();
    let error = RwSignal::new(None::<String>);
    let upload = move |ev: leptos::ev::Event| {
        error.set(None);
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let file = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .and_then(|f| f.get(0));
            let Some(file) = file else {
                return;
            };
            let path = format!("/api/v1/members/{member_id}/ktp");
            spawn_local(async move {
                match client::upload(&path, file).await {
                    Ok(v) => match serde_json::from_value::<Member>(v) {
                        Ok(m) => chosen.set(Some(m)),
                        Err(_) => error.set(Some(tr(lang.get_untracked(), "upload_failed").into())),
                    },
                    Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (ev, &member_id, chosen, lang);
        }
    };
    // A new upload gets a new address so the browser does not show the old photo.
    let shown = url.map(|u| format!("{u}?v={}", photo_version()));
    view! {
        <div class="ktp" data-testid="ktp">
            {shown.map(|u| view! { <img src=u alt=t("ktp_photo") class="ktp-photo" data-testid="ktp-photo"/> })}
            <label class="button">{t("ktp_take_photo")}
                <input type="file" accept="image/*" capture="environment" class="visually-hidden"
                    data-testid="ktp-input" on:change=upload/>
            </label>
            <Notice error/>
        </div>
    }
}

/// A fresh number per rendering of a photo, so a replaced photo is fetched again.
fn photo_version() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SHOWN: AtomicU64 = AtomicU64::new(0);
    SHOWN.fetch_add(1, Ordering::Relaxed).to_string()
}

/// A member leaves: loans paid off from savings, the rest paid out (managers only).
#[component]
fn ExitPanel(
    member_id: String,
    chosen: RwSignal<Option<Member>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let ctx = crate::kernel::session::use_session();
    let manager = Memo::new(move |_| {
        ctx.session
            .get()
            .is_some_and(|s| s.has_any(&["owner", "admin", "manager"]))
    });
    let reason = RwSignal::new("resigned".to_string());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let go = move |_| {
        error.set(None);
        let body = json!({"reason": reason.get_untracked(), "note": note.get_untracked()});
        let path = format!("/api/v1/members/{member_id}/exit");
        spawn_local(async move {
            let lang = lang.get_untracked();
            match client::post::<ExitResult>(&path, &body).await {
                Ok(r) => {
                    ok.set(Some(format!(
                        "{} {} · {} {} · {} {} ({})",
                        tr(lang, "exit_savings"),
                        rp(&r.savings),
                        tr(lang, "exit_debts"),
                        rp(&r.debts),
                        tr(lang, "exit_paid_out"),
                        rp(&r.paid_out),
                        r.paid_to
                    )));
                    chosen.set(Some(r.member));
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang, &e))),
            }
        });
    };
    view! {
        <Show when=move || manager.get()>
            <details class="panel" data-testid="member-exit">
                <summary>{t("member_exit")}</summary>
                <p class="muted">{t("member_exit_hint")}</p>
                <label>{t("reason")}
                    <select on:change=move |ev| reason.set(event_target_value(&ev))>
                        <option value="resigned">{t("exit_resigned")}</option>
                        <option value="deceased">{t("exit_deceased")}</option>
                    </select>
                </label>
                <label>{t("note")}<input bind:value=note/></label>
                <button type="button" class="danger" on:click=go.clone()>{t("member_exit")}</button>
                <Notice error ok/>
            </details>
        </Show>
    }
}

/// `/anggota`: the koperasi desk.
#[component]
pub fn MembersDesk() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager", "cashier"]>
            <DeskBody/>
        </Protected>
    }
}

#[component]
fn DeskBody() -> impl IntoView {
    let lang = use_lang();
    let query = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let list = fetched::<Vec<Member>>(
        move || {
            let q = query.get();
            if q.trim().is_empty() {
                "/api/v1/members".into()
            } else {
                format!("/api/v1/members?q={}", client::encode_query(q.trim()))
            }
        },
        version,
    );
    let chosen = RwSignal::new(None::<Member>);
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let pick = move |id: String| {
        spawn_local(async move {
            match client::get::<Member>(&format!("/api/v1/members/{id}")).await {
                Ok(m) => chosen.set(Some(m)),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };

    // Registration form.
    let nik = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let sex = RwSignal::new("F".to_string());
    let birth = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let occupation = RwSignal::new(String::new());
    let heir = RwSignal::new(String::new());
    let heir_relation = RwSignal::new(String::new());
    let register = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        ok.set(None);
        let body = json!({"nik": nik.get_untracked(), "name": name.get_untracked(), "sex": sex.get_untracked(),
            "birth_date": birth.get_untracked(), "address": address.get_untracked(), "phone": phone.get_untracked(),
            "email": email.get_untracked(), "occupation": occupation.get_untracked(),
            "heir_name": heir.get_untracked(), "heir_relation": heir_relation.get_untracked()});
        spawn_local(async move {
            let lang = lang.get_untracked();
            match client::post::<Member>("/api/v1/members", &body).await {
                Ok(m) => {
                    ok.set(Some(format!(
                        "{} {} — {}",
                        tr(lang, "member_registered"),
                        m.member_no,
                        m.name
                    )));
                    for s in [
                        nik,
                        name,
                        birth,
                        address,
                        phone,
                        email,
                        occupation,
                        heir,
                        heir_relation,
                    ] {
                        s.set(String::new());
                    }
                    chosen.set(Some(m));
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang, &e))),
            }
        });
    };

    // The teller: one account at a time.
    let teller_account = RwSignal::new(None::<String>);
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let teller_msg = RwSignal::new(None::<String>);
    let receipt = RwSignal::new(None::<domain::receipt::Slip>);
    let teller_err = RwSignal::new(None::<String>);
    let session = crate::kernel::session::use_session();
    // The chosen account is a berjangka with a placement running.
    let selected_placed = move || {
        let id = teller_account.get().unwrap_or_default();
        chosen
            .get()
            .and_then(|m| m.accounts.into_iter().find(|a| a.id == id))
            .is_some_and(|a| a.kind == "berjangka" && a.maturity_date.is_some())
    };
    let term_deposit = move |action: &'static str| {
        teller_err.set(None);
        teller_msg.set(None);
        let Some(account) = teller_account.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let lang = lang.get_untracked();
            let path = format!("/api/v1/savings-accounts/{account}/{action}");
            match client::post::<serde_json::Value>(&path, &json!({})).await {
                Ok(r) => {
                    let text = |k: &str| r[k].as_str().map(rp).unwrap_or_default();
                    teller_msg.set(Some(format!(
                        "{} {} · {} {}",
                        tr(lang, "paid_out"),
                        text("paid"),
                        tr(lang, "penalty"),
                        text("penalty")
                    )));
                    if let Some(c) = chosen.get_untracked() {
                        if let Ok(m) =
                            client::get::<Member>(&format!("/api/v1/members/{}", c.id)).await
                        {
                            chosen.set(Some(m));
                        }
                    }
                    version.update(|v| *v += 1);
                }
                Err(e) => teller_err.set(Some(error_text(lang, &e))),
            }
        });
    };
    let move_money = move |deposit: bool| {
        teller_err.set(None);
        teller_msg.set(None);
        let Some(account) = teller_account.get_untracked() else {
            return;
        };
        let value = domain::money::parse_idr(&amount.get_untracked())
            .map(|m| m.amount().normalize().to_string())
            .unwrap_or_default();
        let body = json!({"amount": value, "note": note.get_untracked()});
        let path = format!(
            "/api/v1/savings-accounts/{account}/{}",
            if deposit { "deposits" } else { "withdrawals" }
        );
        spawn_local(async move {
            let lang = lang.get_untracked();
            match client::post::<Movement>(&path, &body).await {
                Ok(m) => {
                    teller_msg.set(Some(format!(
                        "{} {} · {} {}",
                        tr(lang, if deposit { "deposited" } else { "withdrawn" }),
                        rp(&m.amount),
                        tr(lang, "balance_after"),
                        rp(&m.balance_after)
                    )));
                    let who = chosen.get_untracked();
                    let account = who
                        .as_ref()
                        .and_then(|c| c.accounts.iter().find(|a| a.id == m.account_id).cloned());
                    receipt.set(Some(teller_slip(
                        &session.session.get_untracked(),
                        who.as_ref(),
                        account.as_ref(),
                        &m,
                        deposit,
                    )));
                    amount.set(String::new());
                    note.set(String::new());
                    if let Some(c) = chosen.get_untracked() {
                        if let Ok(m) =
                            client::get::<Member>(&format!("/api/v1/members/{}", c.id)).await
                        {
                            chosen.set(Some(m));
                        }
                    }
                    version.update(|v| *v += 1);
                }
                Err(e) => teller_err.set(Some(error_text(lang, &e))),
            }
        });
    };

    let form = view! {
        <section class="card">
            <h2>{t("register_member")}</h2>
            <form class="grid-form" data-testid="member-form" on:submit=register>
                <label>"NIK"<input inputmode="numeric" maxlength="16" required bind:value=nik/></label>
                <label>{t("name")}<input required bind:value=name/></label>
                <label>{t("sex")}
                    <select prop:value=move || sex.get() on:change=move |ev| sex.set(event_target_value(&ev))>
                        <option value="F">{t("female")}</option>
                        <option value="M">{t("male")}</option>
                    </select>
                </label>
                <label>{t("birth_date")}<input type="date" required bind:value=birth/></label>
                <label>{t("address")}<input required bind:value=address/></label>
                <label>{t("phone")}<input inputmode="tel" bind:value=phone/></label>
                <label>{t("email")}<input type="email" bind:value=email/></label>
                <label>{t("occupation")}<input bind:value=occupation/></label>
                <label>{t("heir")}<input bind:value=heir/></label>
                <label>{t("heir_relation")}<input bind:value=heir_relation/></label>
                <button type="submit" class="primary">{t("register_member")}</button>
            </form>
            <Notice error ok/>
        </section>
    }
    .into_any();
    let search = view! {
            <section class="card">
                <input type="search" aria-label=t("find_member") placeholder=t("find_member") bind:value=query/>
                {move || match list.get() {
                    None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
                    Some(Ok(rows)) => view! {
                        <ul class="member-list" data-testid="member-list">
                            {rows.into_iter().map(|m| {
                                let id = m.id.clone();
                                view! {
                                    <li><button type="button" class="link" on:click=move |_| pick(id.clone())>
                                        {m.member_no.clone()} " · " {m.name.clone()}
                                    </button> <small class="muted">{m.status.clone()}</small></li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </section>
    }
    .into_any();
    // Split into parts that are each their own view type: one big nested view overflows
    // the compiler's query depth in the hydrate build.
    let teller_panel = move || {
        teller_account.get().is_some().then(|| {
            let buttons = view! {
                <div class="row-actions">
                    <button type="button" class="primary" data-testid="deposit" on:click=move |_| move_money(true)>{t("deposit")}</button>
                    <button type="button" data-testid="withdraw" on:click=move |_| move_money(false)>{t("withdraw")}</button>
                </div>
                <Show when=move || selected_placed()>
                    <div class="row-actions">
                        <button type="button" data-testid="mature" on:click=move |_| term_deposit("maturity")>{t("mature_now")}</button>
                        <button type="button" class="danger" data-testid="withdraw-early" on:click=move |_| term_deposit("early-withdrawal")>{t("withdraw_early")}</button>
                    </div>
                </Show>
            }
            .into_any();
            let fields = view! {
                <strong>{t("teller")} ": " {move || {
                    let id = teller_account.get().unwrap_or_default();
                    chosen.get().and_then(|m| m.accounts.into_iter().find(|a| a.id == id)).map(|a| format!("{} {}", a.product_name, a.account_no)).unwrap_or_default()
                }}</strong>
                <label>{t("amount_label")}<input inputmode="numeric" data-testid="teller-amount" bind:value=amount/></label>
                <label>{t("note")}<input bind:value=note/></label>
            }
            .into_any();
            view! {
                <div class="panel" data-testid="teller">
                    {fields}
                    {buttons}
                    <Notice error=teller_err ok=teller_msg/>
                    {move || receipt.get().map(|slip| view! { <TellerReceipt slip/> })}
                </div>
            }
            .into_any()
        })
    };
    let detail = move || {
        chosen.get().map(|m| {
            let head = view! {
                <h2>{m.member_no.clone()} " · " {m.name.clone()}</h2>
                <p class="muted">"NIK " {m.nik.clone()} " · " {m.address.clone()}</p>
                <KtpPhoto member_id=m.id.clone() url=m.ktp_photo_url.clone() chosen/>
            }
            .into_any();
            let accounts = view! {
                <AccountCards accounts=m.accounts.clone() version=version teller=teller_account/>
                {m.wajib.clone().map(|w| view! { <WajibLine wajib=w/> })}
                {(m.status == "active").then(|| view! { <OpenAccount member=m.clone() chosen/> })}
                {(m.status == "active").then(|| view! { <ExitPanel member_id=m.id.clone() chosen version/> })}
            }
            .into_any();
            view! {
                <section class="card" data-testid="member-detail">
                    {head}
                    {accounts}
                    {teller_panel}
                </section>
            }
            .into_any()
        })
    };
    let report = RwSignal::new(None::<&'static str>);
    view! {
        <h1 data-testid="page-title">{t("members")}</h1>
        <div class="grid">
            {form}
            {search}
        </div>
        {detail}
        <section class="card row-actions">
            <a class="button" href="/api/v1/koperasi-reports/members.csv" download="anggota.csv">{t("member_list_csv")}</a>
            <a class="button" href="/api/v1/koperasi-reports/savings.csv" download="simpanan.csv">{t("savings_csv")}</a>
            <button type="button" data-testid="show-member-report" on:click=move |_| report.set(Some("members.csv"))>{t("member_list_print")}</button>
            <button type="button" on:click=move |_| report.set(Some("savings.csv"))>{t("savings_print")}</button>
        </section>
        {move || report.get().map(|file| view! { <CsvReport file/> })}
    }
}
