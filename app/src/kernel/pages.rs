use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::kernel::client::{self, ApiError};
use crate::kernel::i18n::{t, tr, Lang};
use crate::kernel::model::Outlet;
use crate::kernel::session::use_session;

/// What to tell a person about a failed call: the app's own words for a code it knows
/// (`error_<code>` in any registered table; `{name}` filled from the refusal's `params`),
/// otherwise the server's (Indonesian) message.
pub fn error_text(lang: Lang, err: &ApiError) -> String {
    let known =
        crate::kernel::i18n::lookup_in(crate::packages::all(), &format!("error_{}", err.code));
    match known {
        Some((id, en)) => {
            let mut text = if lang == Lang::Id { id } else { en }.to_string();
            if let Some(serde_json::Value::Object(params)) = &err.params {
                for (name, value) in params {
                    let value = value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_string);
                    text = text.replace(&format!("{{{name}}}"), &value);
                }
            }
            text
        }
        None if !err.message.is_empty() => err.message.clone(),
        None => tr(lang, "error_network_error").to_string(),
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
/// A decimal amount as the API sends it (`"12500"`), written `Rp12.500`; empty when absent
/// or not a number.
pub fn rupiah(amount: &str) -> String {
    amount
        .parse::<rust_decimal::Decimal>()
        .map(domain::money::format_idr)
        .unwrap_or_default()
}

/// A day as Indonesians write it, `2 Des 2026` (English `2 Dec 2026`), from a date
/// (`2026-12-02`) or an instant (RFC 3339, read in the zone `offset_hours` east of UTC).
pub fn day_text(lang: Lang, value: &str, offset_hours: i32) -> String {
    let day = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            let at = chrono::DateTime::parse_from_rfc3339(value).ok()?;
            let tz = chrono::FixedOffset::east_opt(offset_hours * 3600)?;
            Some(at.with_timezone(&tz).date_naive())
        });
    let Some(day) = day else {
        return value.to_string();
    };
    use chrono::Datelike;
    const ID: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let months = if lang == Lang::Id { ID } else { EN };
    let month = months
        .get(day.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", day.day(), day.year())
}

/// Today in WIB: on the server from its clock, in the browser from the browser's.
pub fn today_wib() -> chrono::NaiveDate {
    #[cfg(feature = "ssr")]
    let now = chrono::Utc::now();
    #[cfg(not(feature = "ssr"))]
    let now = chrono::DateTime::parse_from_rfc3339(&crate::kernel::offline::now_rfc3339())
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    (now + chrono::Duration::hours(7)).date_naive()
}

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

pub type OutletList = RwSignal<Option<Result<Vec<Outlet>, client::ApiError>>>;

/// The outlet picker shared by the back-office pages: the first store whose package
/// sells through the till is chosen (not a warehouse), else the first location.
pub fn outlet_choice() -> (OutletList, RwSignal<String>) {
    let outlets = fetched::<Vec<Outlet>>(|| "/api/v1/outlets".into(), RwSignal::new(0));
    let chosen = RwSignal::new(String::new());
    Effect::new(move |_| {
        if chosen.with_untracked(String::is_empty) {
            if let Some(Ok(list)) = outlets.get() {
                let first = list
                    .iter()
                    .find(|o| o.kind.has_till() && crate::kernel::package::has_till(&o.industry))
                    .or(list.first())
                    .map(|o| o.id.clone());
                if let Some(id) = first {
                    chosen.set(id);
                }
            }
        }
    });
    (outlets, chosen)
}

#[component]
pub fn OutletSelect(outlets: OutletList, chosen: RwSignal<String>) -> impl IntoView {
    view! {
        <label>{t("outlets")}
            <select data-testid="outlet" prop:value=move || chosen.get()
                on:change=move |ev| chosen.set(event_target_value(&ev))>
                {move || outlets.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|o| {
                    let id = o.id.clone();
                    view! { <option value=id>{format!("{} · {}", o.code, o.name)}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(code: &str, message: &str) -> ApiError {
        ApiError {
            status: 403,
            code: code.into(),
            message: message.into(),
            params: Some(serde_json::json!({"package": "koperasi"})),
        }
    }

    #[test]
    fn days_read_as_written_in_indonesia() {
        assert_eq!(day_text(Lang::Id, "2026-12-02", 7), "2 Des 2026");
        assert_eq!(day_text(Lang::En, "2026-08-01", 7), "1 Aug 2026");
        // 17:00 UTC is already the next day in WIB.
        assert_eq!(
            day_text(Lang::Id, "2026-12-01T17:00:00.000000Z", 7),
            "2 Des 2026"
        );
        assert_eq!(day_text(Lang::Id, "kemarin", 7), "kemarin");
    }

    #[test]
    fn a_known_code_is_said_in_the_chosen_language_else_the_server_message() {
        let e = refusal("package_not_enabled", "Paket koperasi tidak aktif.");
        assert_eq!(
            error_text(Lang::En, &e),
            "This is part of a package your business does not have."
        );
        assert!(error_text(Lang::Id, &e).starts_with("Fitur ini"));
        let e = refusal("discount_exceeds_limit", "Diskon melebihi batas.");
        assert_eq!(error_text(Lang::En, &e), "Diskon melebihi batas.");
        assert_eq!(
            error_text(Lang::En, &refusal("odd", "")),
            "Cannot reach the server. Check the connection."
        );
    }
}
