use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::kernel::client;
use crate::kernel::i18n::{t, use_lang};
use crate::kernel::model::{AuditEntry, Verification};
use crate::kernel::pages::{fetched, local_time};
use crate::kernel::session::Protected;
use crate::platform::audit_words;

/// The filter's choices: an action prefix and the entity it names.
const ACTION_GROUPS: &[(&str, &str)] = &[
    ("tenant.", "tenant"),
    ("outlet.", "outlet"),
    ("user.", "user"),
    ("token.", "api_token"),
    ("device.", "device"),
    ("product.", "product"),
    ("stock.", "stock"),
    ("shift.", "shift"),
    ("refund.", "refund"),
    ("member.", "member"),
    ("savings", "savings_account"),
    ("loan", "loan"),
    ("shu.", "shu_closing"),
];

#[component]
pub fn Audit() -> impl IntoView {
    view! {
        <Protected roles=&["owner"]>
            <AuditBody/>
        </Protected>
    }
}

#[component]
fn AuditBody() -> impl IntoView {
    let lang = use_lang();
    let action = RwSignal::new(String::new());
    let actor = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let entries =
        fetched::<Vec<AuditEntry>>(move || format!("/api/v1/audit?{}", query.get()), version);
    let verification = fetched::<Verification>(|| "/api/v1/audit/verify".into(), version);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        query.set(format!(
            "action={}&actor={}&from={}&to={}",
            client::encode_query(&action.get_untracked()),
            client::encode_query(&actor.get_untracked()),
            client::encode_query(&from.get_untracked()),
            client::encode_query(&to.get_untracked())
        ));
    };
    view! {
        <h1 data-testid="page-title">{t("audit")}</h1>
        <p data-testid="chain-status">
            {move || verification.get().and_then(Result::ok).map(|v| if v.valid {
                view! { <span class="ok">"✔ " {t("chain_ok")} " (" {v.entries} " " {t("entries")} ")"</span> }.into_any()
            } else {
                view! { <span class="error">"✖ " {t("chain_broken")} " " {v.broken_at}</span> }.into_any()
            })}
            " "
            <button type="button" on:click=move |_| version.update(|v| *v += 1)>{t("verify_chain")}</button>
        </p>
        <form class="filters" on:submit=submit data-testid="audit-filter">
            <label>{t("action")}
                <select bind:value=action>
                    <option value="">{t("all")}</option>
                    {ACTION_GROUPS.iter().map(|(prefix, entity)| view! {
                        <option value=*prefix>{move || audit_words::entity(lang.get(), entity)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{t("who")}<input bind:value=actor placeholder=t("email")/></label>
            <label>{t("from")}<input type="date" bind:value=from/></label>
            <label>{t("to")}<input type="date" bind:value=to/></label>
            <button type="submit" class="primary">{t("filter")}</button>
        </form>
        <div class="table-wrap" tabindex="0">
            <table data-testid="audit-table">
                <thead><tr><th>"#"</th><th>{t("when")}</th><th>{t("who")}</th><th>{t("action")}</th><th>{t("object")}</th><th>{t("details")}</th></tr></thead>
                <tbody>
                    {move || match entries.get() {
                        None => view! { <tr><td colspan="6" class="muted">{t("loading")}</td></tr> }.into_any(),
                        Some(Err(e)) => view! { <tr><td colspan="6" class="error">{e.message}</td></tr> }.into_any(),
                        Some(Ok(rows)) if rows.is_empty() => view! { <tr><td colspan="6" class="muted">{t("no_entries")}</td></tr> }.into_any(),
                        Some(Ok(rows)) => rows.into_iter().map(|e| {
                            let lang = lang.get();
                            let details = audit_words::changes(lang, e.before.as_ref(), e.after.as_ref())
                                .into_iter()
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view();
                            view! {
                                <tr>
                                    <td>{e.seq}</td><td>{local_time(&e.at, 7)}</td><td>{e.actor_email}</td>
                                    <td title=e.action.clone()>{audit_words::action(lang, &e.action)}</td>
                                    <td>{audit_words::entity(lang, &e.entity)}</td>
                                    <td class="small"><ul class="changes">{details}</ul></td>
                                </tr>
                            }
                        }).collect_view().into_any(),
                    }}
                </tbody>
            </table>
        </div>
    }
}
