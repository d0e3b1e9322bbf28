use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::kernel::client;
use crate::kernel::i18n::t;
use crate::kernel::model::{AuditEntry, Verification};
use crate::kernel::pages::{fetched, local_time};
use crate::kernel::session::Protected;

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
                    <option value="">"—"</option>
                    <option value="tenant.">"tenant.*"</option>
                    <option value="outlet.">"outlet.*"</option>
                    <option value="user.">"user.*"</option>
                    <option value="token.">"token.*"</option>
                    <option value="device.">"device.*"</option>
                </select>
            </label>
            <label>{t("who")}<input bind:value=actor placeholder="email"/></label>
            <label>{t("from")}<input type="date" bind:value=from/></label>
            <label>{t("to")}<input type="date" bind:value=to/></label>
            <button type="submit" class="primary">{t("filter")}</button>
        </form>
        <div class="table-wrap">
            <table data-testid="audit-table">
                <thead><tr><th>"#"</th><th>{t("when")}</th><th>{t("who")}</th><th>{t("action")}</th><th>{t("object")}</th><th>{t("details")}</th></tr></thead>
                <tbody>
                    {move || entries.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|e| {
                        let details = format!(
                            "{}{}",
                            e.before.map(|b| format!("sebelum {b} ")).unwrap_or_default(),
                            e.after.map(|a| format!("sesudah {a}")).unwrap_or_default()
                        );
                        view! {
                            <tr>
                                <td>{e.seq}</td><td>{local_time(&e.at, 7)}</td><td>{e.actor_email}</td>
                                <td><code>{e.action}</code></td><td>{e.entity}</td><td class="small">{details}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
