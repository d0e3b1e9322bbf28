use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::kernel::client::ApiError;
use crate::kernel::i18n::{t, tr, Lang};
use crate::kernel::session::use_session;

/// What to tell a person about a failed call: our own wording for the codes we know,
/// otherwise the server's (Indonesian) message.
pub fn error_text(lang: Lang, err: &ApiError) -> String {
    match err.code.as_str() {
        "bad_credentials"
        | "rate_limited"
        | "network_error"
        | "demo_password_refused"
        | "package_not_enabled"
        | "forbidden" => tr(
            lang,
            match err.code.as_str() {
                "bad_credentials" => "bad_credentials",
                "rate_limited" => "rate_limited",
                "demo_password_refused" => "demo_password_refused",
                "forbidden" => "forbidden",
                "package_not_enabled" => "package_not_enabled",
                _ => "network_error",
            },
        )
        .to_string(),
        _ if !err.message.is_empty() => err.message.clone(),
        _ => tr(lang, "network_error").to_string(),
    }
}

/// `/`: straight to the signed-in user's home, or to sign-in.
#[component]
pub fn Home() -> impl IntoView {
    let ctx = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if ctx.loaded.get() {
            let target = ctx.session.with(|s| s.as_ref().map(|s| s.home.clone()));
            navigate(target.as_deref().unwrap_or("/masuk"), Default::default());
        }
    });
    view! { <p class="muted">{t("loading")}</p> }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <section class="card"><h1>"404"</h1><p>{t("not_found")}</p><a href="/">"Satu"</a></section> }
}

/// A status line under a form: error in red, success in green.
#[component]
pub fn Notice(
    error: RwSignal<Option<String>>,
    #[prop(optional)] ok: Option<RwSignal<Option<String>>>,
) -> impl IntoView {
    view! {
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        {move || ok.and_then(|o| o.get()).map(|m| view! { <p class="ok" role="status">{m}</p> })}
    }
}

/// Hours ahead of UTC for an outlet's zone label (WIB when unknown).
pub fn zone_offset(timezone: &str) -> i32 {
    match timezone {
        "WITA" => 8,
        "WIT" => 9,
        _ => 7,
    }
}

/// Formats an RFC 3339 UTC time for the reader, in WIB unless told otherwise.
pub fn local_time(rfc3339: &str, offset_hours: i32) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(dt) => {
            let (offset, label) = match offset_hours {
                8 => (8, "WITA"),
                9 => (9, "WIT"),
                _ => (7, "WIB"),
            };
            match chrono::FixedOffset::east_opt(offset * 3600) {
                Some(tz) => format!("{} {label}", dt.with_timezone(&tz).format("%d/%m/%Y %H:%M")),
                None => rfc3339.to_string(),
            }
        }
        Err(_) => rfc3339.to_string(),
    }
}

/// Fetches `url()` in the browser, again whenever `url()` or `version` changes.
pub fn fetched<T>(
    url: impl Fn() -> String + 'static,
    version: RwSignal<u32>,
) -> RwSignal<Option<Result<T, ApiError>>>
where
    T: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    let data = RwSignal::new(None);
    Effect::new(move |_| {
        version.track();
        let url = url();
        leptos::task::spawn_local(async move {
            data.set(Some(crate::kernel::client::get::<T>(&url).await));
        });
    });
    data
}
