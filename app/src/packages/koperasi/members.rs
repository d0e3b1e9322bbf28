//! The koperasi desk (`/anggota`: register members, the teller's deposits and withdrawals,
//! passbooks) and the member's own page on her phone (`/simpanan-saya`).
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use super::member_desk_parts::*;
use super::savings_views::*;
use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, Notice};
use crate::kernel::session::Protected;
pub use domain::api::koperasi::{
    AccountView as Account, ExitView as ExitResult, MemberView as Member, MovementView as Movement,
    ProductView as Product, WajibView as Wajib,
};

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
                        <p class="muted">{t("member_no")} " " <span data-testid="member-no">{m.member_no.clone()}</span> " · " {t("joined")} " " {crate::packages::koperasi::loan_view::day(&m.join_date)}</p>
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
                Ok(m) => {
                    chosen.set(Some(m));
                    reveal_detail();
                }
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
                                    </button> <small class="muted">{member_status(lang.get(), &m.status)}</small></li>
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

/// A member's status (`active`, `resigned`, `deceased`) as words.
fn member_status(lang: crate::kernel::i18n::Lang, status: &str) -> &'static str {
    tr(
        lang,
        match status {
            "active" => "active",
            "resigned" => "exit_resigned",
            "deceased" => "exit_deceased",
            _ => "status",
        },
    )
}

/// Brings the member just opened into view: her record is rendered below the search and
/// the registration form, out of sight on a laptop and a phone.
fn reveal_detail() {
    #[cfg(feature = "hydrate")]
    leptos::prelude::request_animation_frame(|| {
        if let Some(detail) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.query_selector("[data-testid=member-detail]")
                .ok()
                .flatten()
        }) {
            detail.scroll_into_view();
        }
    });
}
