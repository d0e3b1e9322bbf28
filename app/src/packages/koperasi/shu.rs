//! `/shu`: the year-end SHU close (compute a draft with the AD/ART split, record the RAT's
//! approval, post to sukarela or pay out) and the member's SHU history ([`MyShu`]).
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, Notice};
use crate::kernel::session::{use_session, Protected};
use crate::packages::koperasi::loan_view::rp;
pub use domain::api::koperasi::{
    ClosingView as Closing, MyShare, PoolView as Pool, ShareView as Share,
};

fn status_key(status: &str) -> &'static str {
    match status {
        "draft" => "shu_draft",
        "approved" => "shu_approved",
        _ => "shu_posted",
    }
}

/// The SHU list as CSV (opens in a spreadsheet), built from what is on screen.
fn csv(c: &Closing) -> String {
    let mut out = String::from(
        "no_anggota,nama,simpanan,bunga_pinjaman,belanja,jasa_modal,jasa_usaha,total\n",
    );
    for s in &c.shares {
        out.push_str(&format!(
            "{},\"{}\",{},{},{},{},{},{}\n",
            s.member_no,
            s.member_name.replace('"', "\"\""),
            s.savings,
            s.loan_interest,
            s.purchases,
            s.jasa_modal,
            s.jasa_usaha,
            s.total
        ));
    }
    out
}

fn csv_href(c: &Closing) -> String {
    format!(
        "data:text/csv;charset=utf-8,{}",
        client::encode_query(&csv(c))
    )
}

#[component]
pub fn ShuPage() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <ShuBody/>
        </Protected>
    }
}

#[component]
fn ShuBody() -> impl IntoView {
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let closings = fetched::<Vec<Closing>>(|| "/api/v1/shu-closings".into(), version);
    let year = RwSignal::new("2026".to_string());
    let total = RwSignal::new(String::new());
    let pools = RwSignal::new(vec![
        ("Cadangan".to_string(), "40".to_string()),
        ("Jasa modal".to_string(), "20".to_string()),
        ("Jasa usaha".to_string(), "25".to_string()),
        ("Dana pengurus".to_string(), "5".to_string()),
        ("Dana pendidikan".to_string(), "5".to_string()),
        ("Dana sosial".to_string(), "5".to_string()),
    ]);
    let basis = RwSignal::new("pokok_wajib".to_string());
    let error = RwSignal::new(None::<String>);
    let compute = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let allocation: Vec<_> = pools
            .get_untracked()
            .into_iter()
            .map(|(n, p)| json!({"name": n, "percent": p}))
            .collect();
        let amount = domain::money::parse_idr(&total.get_untracked())
            .map(|m| m.amount().normalize().to_string())
            .unwrap_or_default();
        let body = json!({"year": year.get_untracked().trim().parse::<i32>().unwrap_or(0),
            "shu_total": amount, "allocation": allocation,
            "jasa_modal_pool": "Jasa modal", "jasa_usaha_pool": "Jasa usaha",
            "savings_basis": basis.get_untracked()});
        spawn_local(async move {
            match client::post::<Closing>("/api/v1/shu-closings", &body).await {
                Ok(_) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let form = view! {
        <section class="card">
            <h2>{t("shu_compute")}</h2>
            <form class="grid-form" data-testid="shu-form" on:submit=compute>
                <label>{t("fiscal_year")}<input inputmode="numeric" bind:value=year/></label>
                <label>{t("shu_total")}<input inputmode="numeric" required data-testid="shu-total" bind:value=total/></label>
                <label>{t("shu_savings_basis")}
                    <select on:change=move |ev| basis.set(event_target_value(&ev))>
                        <option value="pokok_wajib">{t("shu_basis_pw")}</option>
                        <option value="all">{t("shu_basis_all")}</option>
                    </select>
                </label>
                <fieldset class="shu-split">
                    <legend>{t("shu_split")}</legend>
                    {move || pools.get().into_iter().enumerate().map(|(i, (name, pct))| view! {
                        <label>{move || pool_label(lang.get(), &name)}
                            <span class="pct">
                                <input inputmode="decimal" prop:value=pct
                                    on:change=move |ev| pools.update(|p| p[i].1 = event_target_value(&ev))/>
                                "%"
                            </span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="primary" data-testid="shu-compute">{t("shu_compute")}</button>
            </form>
            <Notice error/>
        </section>
    }
    .into_any();
    view! {
        <h1 data-testid="page-title">"SHU"</h1>
        {form}
        {move || closings.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|c| view! {
            <ClosingCard closing=c version/>
        }).collect_view()}
    }
}

#[component]
fn ClosingCard(closing: Closing, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let ctx = use_session();
    let owner = Memo::new(move |_| {
        ctx.session
            .get()
            .is_some_and(|s| s.has_any(&["owner", "admin"]))
    });
    let notes = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let act = move |id: String, path: &'static str, body: serde_json::Value| {
        error.set(None);
        spawn_local(async move {
            match client::post::<Closing>(&format!("/api/v1/shu-closings/{id}/{path}"), &body).await
            {
                Ok(_) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let (id1, id2, id3) = (closing.id.clone(), closing.id.clone(), closing.id.clone());
    let status = closing.status.clone();
    let href = csv_href(&closing);
    let file = format!("shu-{}.csv", closing.year);
    let head = view! {
        <h2>{t("fiscal_year")} " " {closing.year} " · " {rp(&closing.shu_total)}
            " " <span class="badge" data-testid="shu-status">{move || tr(lang.get(), status_key(&status))}</span></h2>
        <ul class="par">
            {closing.pools.iter().map(|p| view! { <li>{p.name.clone()} " " {p.percent.clone()} "%: " {rp(&p.amount)}</li> }).collect_view()}
        </ul>
        {closing.rat_notes.clone().map(|n| view! { <p class="muted">"RAT: " {n}</p> })}
        {closing.payout.clone().map(|p| view! { <p class="muted">{t("shu_paid_as")} " " {p}</p> })}
    }
    .into_any();
    let table = view! {
        <div class="table-wrap" tabindex="0"><table data-testid="shu-shares">
            <thead><tr><th>{t("member_no")}</th><th>{t("name")}</th><th class="num">{t("savings_short")}</th>
                <th class="num">{t("interest")}</th><th class="num">{t("purchases")}</th>
                <th class="num">{t("shu_capital_share")}</th><th class="num">{t("shu_patronage_share")}</th><th class="num">{t("total")}</th></tr></thead>
            <tbody>
                {closing.shares.iter().map(|s| view! { <tr>
                    <td>{s.member_no.clone()}</td><td>{s.member_name.clone()}</td>
                    <td class="num">{rp(&s.savings)}</td><td class="num">{rp(&s.loan_interest)}</td>
                    <td class="num">{rp(&s.purchases)}</td><td class="num">{rp(&s.jasa_modal)}</td>
                    <td class="num">{rp(&s.jasa_usaha)}</td><td class="num"><strong>{rp(&s.total)}</strong></td>
                </tr> }).collect_view()}
            </tbody>
        </table></div>
    }
    .into_any();
    let actions = match closing.status.as_str() {
        "draft" => view! {
            <Show when=move || owner.get()>
                <div class="panel">
                    <label>{t("rat_notes")}<input data-testid="rat-notes" bind:value=notes/></label>
                    <button type="button" class="primary" data-testid="shu-approve"
                        on:click={let id = id1.clone(); move |_| act(id.clone(), "approval", json!({"rat_notes": notes.get_untracked()}))}>
                        {t("shu_approve")}</button>
                </div>
            </Show>
        }
        .into_any(),
        "approved" => view! {
            <Show when=move || owner.get()>
                <div class="row-actions">
                    <button type="button" class="primary" data-testid="shu-post-sukarela"
                        on:click={let id = id2.clone(); move |_| act(id.clone(), "posting", json!({"payout": "sukarela"}))}>
                        {t("shu_to_sukarela")}</button>
                    <button type="button"
                        on:click={let id = id3.clone(); move |_| act(id.clone(), "posting", json!({"payout": "cash"}))}>
                        {t("shu_in_cash")}</button>
                </div>
            </Show>
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! {
        <section class="card print-report" data-testid="shu-closing">
            {head}
            {actions}
            <Notice error/>
            {table}
            <div class="row-actions">
                <a class="button" href=href download=file>{t("download_csv")}</a>
                <button type="button" on:click=move |_| crate::kernel::printer::browser_print()>{t("print")}</button>
            </div>
        </section>
    }
}

/// The member's SHU, year by year.
#[component]
pub fn MyShu() -> impl IntoView {
    let lang = use_lang();
    let rows = fetched::<Vec<MyShare>>(|| "/api/v1/me/shu".into(), RwSignal::new(0));
    view! {
        <h2>{t("my_shu")}</h2>
        {move || match rows.get() {
            None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
            Some(Err(_)) => ().into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t("no_shu_yet")}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="passbook" data-testid="my-shu">
                    {list.into_iter().map(|s| {
                        let status = s.status.clone();
                        view! { <li>
                            <span>{s.year}</span>
                            <span class="muted">"JM " {rp(&s.jasa_modal)} " · JU " {rp(&s.jasa_usaha)} " · "
                                {move || tr(lang.get(), status_key(&status))}
                                {s.paid_at.as_deref().map(|p| format!(" {}", &p[..p.len().min(10)]))}</span>
                            <strong>{rp(&s.total)}</strong>
                        </li> }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

/// A pool of the SHU split by its name in the koperasi's books (the names the server
/// stores are the Indonesian ones), as the reader's words.
fn pool_label(lang: crate::kernel::i18n::Lang, name: &str) -> String {
    let key = match name {
        "Cadangan" => "shu_pool_reserve",
        "Jasa modal" => "shu_capital_share",
        "Jasa usaha" => "shu_patronage_share",
        "Dana pengurus" => "shu_pool_board",
        "Dana pendidikan" => "shu_pool_education",
        "Dana sosial" => "shu_pool_social",
        _ => return name.to_string(),
    };
    crate::kernel::i18n::tr(lang, key).to_string()
}
