use domain::api::CreatedToken;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use crate::kernel::client::{self, Method};
use crate::kernel::i18n::{t, use_lang};
use crate::kernel::model::Token;
use crate::kernel::pages::{error_text, fetched, local_time, Notice};
use crate::kernel::session::Protected;

#[component]
pub fn Tokens() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin"]>
            <TokensBody/>
        </Protected>
    }
}

#[component]
fn TokensBody() -> impl IntoView {
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let tokens = fetched::<Vec<Token>>(|| "/api/v1/tokens".into(), version);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let secret = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let body = json!({"name": name.get_untracked()});
        spawn_local(async move {
            match client::post::<CreatedToken>("/api/v1/tokens", &body).await {
                Ok(c) => {
                    secret.set(Some(c.secret));
                    name.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let revoke = move |id: String| {
        spawn_local(async move {
            let _ = client::send_unit(Method::Delete, &format!("/api/v1/tokens/{id}"), None::<&()>)
                .await;
            version.update(|v| *v += 1);
        });
    };
    view! {
        <h1 data-testid="page-title">{t("api_tokens")}</h1>
        <form class="card stack" on:submit=submit>
            <label>{t("name")}<input required bind:value=name placeholder="Integrasi akuntansi"/></label>
            <Notice error/>
            <button type="submit" class="primary">{t("create_token")}</button>
            {move || secret.get().map(|s| view! {
                <div class="secret"><p>{t("token_secret")}</p><code data-testid="token-secret">{s}</code></div>
            })}
        </form>
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr><th>{t("name")}</th><th>{t("token_prefix")}</th><th>{t("created")}</th><th>{t("last_used")}</th><th>{t("status")}</th><th></th></tr></thead>
                <tbody>
                    {move || tokens.get().and_then(Result::ok).is_some_and(|l| l.is_empty()).then(|| view! {
                        <tr><td colspan="6" class="muted">{t("no_tokens")}</td></tr>
                    })}
                    {move || tokens.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|tk| {
                        let id = tk.id.clone();
                        let active = tk.revoked_at.is_none();
                        view! {
                            <tr>
                                <td>{tk.name}</td><td><code>{tk.prefix}"…"</code></td>
                                <td>{local_time(&tk.created_at, 7)}</td>
                                <td>{tk.last_used_at.map(|d| local_time(&d, 7)).unwrap_or_else(|| t("never")().to_string())}</td>
                                <td>{if active { t("active")() } else { t("revoked")() }}</td>
                                <td><Show when=move || active>
                                    <button type="button" class="danger" on:click={let id = id.clone(); move |_| revoke(id.clone())}>{t("revoke")}</button>
                                </Show></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
