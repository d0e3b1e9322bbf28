use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde_json::json;

use crate::kernel::client::{self, Method};
use crate::kernel::i18n::{t, use_lang};
use crate::kernel::model::{Credentials, Session};
use crate::kernel::pages::{error_text, Notice};
use crate::kernel::session::use_session;

#[component]
pub fn Login() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The server-rendered form stays disabled until the app is live, so a quick tap can
    // never submit the password as a plain GET form.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let ctx = use_session();
    let lang = use_lang();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(home) = ctx.session.with(|s| s.as_ref().map(|s| s.home.clone())) {
            navigate(&home, Default::default());
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        let body = Credentials {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match client::post::<Session>("/api/v1/auth/login", &body).await {
                Ok(s) => ctx.session.set(Some(s)),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card narrow">
            <h1>"Satu"</h1>
            <p class="muted">{t("app_tagline")}</p>
            <form on:submit=submit class="stack" data-testid="login-form">
                <label>{t("email")}
                    <input type="email" name="email" autocomplete="username" required bind:value=email/>
                </label>
                <label>{t("password")}
                    <input type="password" name="password" autocomplete="current-password" required bind:value=password/>
                </label>
                <Notice error/>
                <button type="submit" class="primary" disabled=move || busy.get() || !live.get()>
                    {move || if busy.get() { t("signing_in")() } else { t("sign_in")() }}
                </button>
            </form>
            <p class="public-links">
                {crate::kernel::package::public_links(crate::packages::all()).into_iter().map(|l| {
                    view! { <a href=l.path>{t(l.label)}</a> }
                }).collect_view()}
            </p>
        </section>
    }
}

#[component]
pub fn AcceptInvitation() -> impl IntoView {
    let query = use_query_map();
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let lang = use_lang();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
        let body = json!({"token": token, "password": password.get_untracked()});
        spawn_local(async move {
            match client::send_unit(Method::Post, "/api/v1/invitations/accept", Some(&body)).await {
                Ok(()) => ok.set(Some(
                    crate::kernel::i18n::tr(lang.get_untracked(), "invitation_done").to_string(),
                )),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <section class="card narrow">
            <h1>{t("accept_invitation")}</h1>
            <form on:submit=submit class="stack">
                <label>{t("choose_password")}
                    <input type="password" autocomplete="new-password" minlength="8" required bind:value=password/>
                </label>
                <Notice error ok/>
                <button type="submit" class="primary">{t("save")}</button>
            </form>
            <p><a href="/masuk">{t("sign_in")}</a></p>
        </section>
    }
}
