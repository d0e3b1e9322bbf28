//! The members desk's panels: opening an account, the CSV reports, the KTP photo and a
//! member's exit.
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use super::savings_views::*;
use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, Notice};
pub use domain::api::koperasi::{
    AccountView as Account, ExitView as ExitResult, MemberView as Member, MovementView as Movement,
    ProductView as Product, WajibView as Wajib,
};

/// Opens an account of a product she has none of (a berjangka placement, or a product
/// added after she joined).
#[component]
pub(super) fn OpenAccount(member: Member, chosen: RwSignal<Option<Member>>) -> impl IntoView {
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
pub(super) fn csv_cells(line: &str) -> Vec<String> {
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
pub(super) fn CsvReport(file: &'static str) -> impl IntoView {
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
                        <div class="table-wrap" tabindex="0"><table>
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
pub(super) fn KtpPhoto(
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
pub(super) fn photo_version() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SHOWN: AtomicU64 = AtomicU64::new(0);
    SHOWN.fetch_add(1, Ordering::Relaxed).to_string()
}

/// A member leaves: loans paid off from savings, the rest paid out (managers only).
#[component]
pub(super) fn ExitPanel(
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
