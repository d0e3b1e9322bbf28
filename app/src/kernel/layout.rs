use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::kernel::client::{self, Method};
use crate::kernel::i18n::{role_label, t, use_lang, Lang};
use crate::kernel::session::use_session;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let choose = move |l: Lang| {
        lang.set(l);
        client::set_cookie(&format!(
            "satu_lang={}; path=/; max-age=31536000; samesite=lax",
            l.code()
        ));
    };
    view! {
        <div class="lang" role="group" aria-label=move || t("language")()>
            <button type="button" class:active=move || lang.get() == Lang::Id
                on:click=move |_| choose(Lang::Id) data-testid="lang-id">"ID"</button>
            <button type="button" class:active=move || lang.get() == Lang::En
                on:click=move |_| choose(Lang::En) data-testid="lang-en">"EN"</button>
        </div>
    }
}

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let ctx = use_session();
    let lang = use_lang();
    let navigate = use_navigate();
    let sign_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = client::send_unit(Method::Post, "/api/v1/auth/logout", None::<&()>).await;
            ctx.session.set(None);
            navigate("/masuk", Default::default());
        });
    };
    let nav = move || {
        ctx.session.get().map(|s| {
            // Built from the registry: the packages the tenant has, the permissions held.
            crate::kernel::package::menu(crate::packages::all(), &s)
                .into_iter()
                .map(|e| {
                    let label = t(e.label);
                    view! { <A href=e.path>{label}</A> }
                })
                .collect_view()
        })
    };
    // A page of a package the tenant does not run (typed or bookmarked) says so.
    let location = leptos_router::hooks::use_location();
    let blocked = move || {
        let path = location.pathname.get();
        ctx.session.with(|s| {
            s.as_ref().is_some_and(|s| {
                crate::kernel::package::package_of_path(crate::packages::all(), &path)
                    .is_some_and(|p| !s.has_package(p.code))
            })
        })
    };
    let who = move || {
        ctx.session.get().map(|s| {
            let role = s.roles.first().map(|r| r.as_str()).unwrap_or_default();
            format!(
                "{} · {}{}",
                s.user.name,
                role_label(lang.get(), role),
                s.user
                    .tenant_name
                    .map(|n| format!(" · {n}"))
                    .unwrap_or_default()
            )
        })
    };
    // Till mode: the till's pages (a shared tablet) show only the till's controls, never
    // the back office's menu, whoever is signed in.
    let till_mode = move || {
        location
            .pathname
            .with(|p| p == "/kasir" || p.starts_with("/kasir/"))
    };
    view! {
        <header class="topbar" class:till-mode=till_mode>
            <a class="brand" href="/">"Satu"</a>
            <Show when=move || !till_mode()>
                <nav class="nav" aria-label="Menu">{nav}</nav>
            </Show>
            <div class="topbar-end">
                <span class="who" data-testid="who">{who}</span>
                <LanguageSwitch/>
                <Show when=move || ctx.session.with(|s| s.is_some())>
                    <button type="button" class="link" on:click=sign_out.clone() data-testid="sign-out">
                        {t("sign_out")}
                    </button>
                </Show>
            </div>
        </header>
        <main class="page" class:till-mode=till_mode>
            <Show when=blocked>
                <p class="error" role="alert" data-testid="package-not-enabled">{t("error_package_not_enabled")}</p>
            </Show>
            <div style:display=move || if blocked() { "none" } else { "contents" }>{children()}</div>
        </main>
    }
}
