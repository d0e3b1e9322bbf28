use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::kernel::client::{self, Method};
use crate::kernel::i18n::{role_label, t, tr, use_lang, Lang};
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
    // The menu folds into groups (kernel::package::menu_groups): on a laptop each group
    // opens as a dropdown; on a phone the whole menu is a drawer behind one button. It is
    // written as HTML (`menu_html`: links the router follows, native `<details>` groups):
    // views of their own would put their code in the till's first load, and the till
    // never shows the menu.
    let drawer_open = RwSignal::new(false);
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        location.pathname.track();
        drawer_open.set(false);
    });
    let nav = move || {
        let path = location.pathname.get();
        let lang = lang.get();
        ctx.session
            .with(|s| s.as_ref().map(|s| menu_html(lang, &path, s)))
            .unwrap_or_default()
    };
    // A page of a package the tenant does not run (typed or bookmarked) says so.
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
        <header class="topbar" class:till-mode=till_mode class:menu-open=move || drawer_open.get()>
            <a class="brand" href="/">"Satu"</a>
            <Show when=move || !till_mode() && ctx.session.with(|s| s.is_some())>
                <button type="button" class="nav-toggle" data-testid="menu-toggle"
                    aria-expanded=move || drawer_open.get().to_string() aria-controls="menu"
                    on:click=move |_| drawer_open.update(|o| *o = !*o)>
                    <span aria-hidden="true">"☰ "</span>
                    {move || if drawer_open.get() { t("menu_close")() } else { t("menu")() }}
                </button>
            </Show>
            <Show when=move || !till_mode()>
                <nav class="nav" id="menu" aria-label=move || t("menu")() inner_html=nav></nav>
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

/// The menu as HTML: a link per entry, a `<details>` per group (it opens and closes by
/// itself, and a new page renders it closed), the current page marked `aria-current`.
fn menu_html(lang: Lang, path: &str, session: &crate::kernel::model::Session) -> String {
    fn escaped(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
    let mut html = String::new();
    for g in crate::kernel::package::menu_groups(crate::packages::all(), session) {
        let links: String = g
            .entries
            .iter()
            .map(|e| {
                let current = if crate::kernel::package::is_under(path, e.path) {
                    " aria-current=\"page\""
                } else {
                    ""
                };
                format!(
                    "<a href=\"{}\"{current}>{}</a>",
                    escaped(e.path),
                    escaped(tr(lang, e.label))
                )
            })
            .collect();
        if g.label.is_empty() {
            html.push_str(&links);
        } else {
            html.push_str(&format!(
                "<details class=\"nav-group\"><summary class=\"nav-group-toggle\">{}</summary>\
                 <div class=\"nav-group-items\">{links}</div></details>",
                escaped(tr(lang, g.label))
            ));
        }
    }
    html
}
