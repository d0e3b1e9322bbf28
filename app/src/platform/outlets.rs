use domain::location::LocationKind;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use crate::kernel::client;
use crate::kernel::i18n::{industry_label, t, tr, use_lang};
use crate::kernel::model::Outlet;
use crate::kernel::pages::{error_text, fetched, Notice};
use crate::kernel::session::{use_session, Protected};

pub use domain::industry::INDUSTRIES;

#[component]
pub fn Outlets() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <OutletsBody/>
        </Protected>
    }
}

#[component]
fn OutletsBody() -> impl IntoView {
    let ctx = use_session();
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let outlets = fetched::<Vec<Outlet>>(|| "/api/v1/outlets".into(), version);
    let can_manage = move || {
        ctx.session
            .with(|s| s.as_ref().is_some_and(|s| s.has_any(&["owner", "admin"])))
    };

    let name = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let timezone = RwSignal::new("WIB".to_string());
    let industry = RwSignal::new("retail".to_string());
    let kind = RwSignal::new("store".to_string());
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        ok.set(None);
        let body = json!({
            "name": name.get_untracked(), "code": code.get_untracked(), "address": address.get_untracked(),
            "timezone": timezone.get_untracked(), "industry": industry.get_untracked(),
            "kind": kind.get_untracked(),
        });
        spawn_local(async move {
            match client::post::<Outlet>("/api/v1/outlets", &body).await {
                Ok(_) => {
                    ok.set(Some(tr(lang.get_untracked(), "saved").to_string()));
                    name.set(String::new());
                    code.set(String::new());
                    address.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };

    view! {
        <h1 data-testid="page-title">{t("outlets")}</h1>
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr><th>{t("code")}</th><th>{t("name")}</th><th>{t("industry")}</th><th>{t("location_kind")}</th><th>{t("timezone")}</th><th>{t("address")}</th></tr></thead>
                <tbody>
                    {move || outlets.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|o| view! {
                        <tr><td>{o.code}</td><td>{o.name}</td><td>{move || industry_label(lang.get(), &o.industry)}</td>
                            <td data-testid="outlet-kind">{t(kind_word(o.kind))}</td><td>{o.timezone}</td><td>{o.address}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Show when=can_manage>
            <form class="card stack" on:submit=submit data-testid="outlet-form">
                <h2>{t("add_outlet")}</h2>
                <label>{t("name")}<input required bind:value=name/></label>
                <label>{t("code")}<input required maxlength="8" bind:value=code placeholder="MKM2"/></label>
                <label>{t("address")}<input bind:value=address/></label>
                <label>{t("timezone")}
                    <select bind:value=timezone>
                        <option value="WIB">"WIB (UTC+7)"</option>
                        <option value="WITA">"WITA (UTC+8)"</option>
                        <option value="WIT">"WIT (UTC+9)"</option>
                    </select>
                </label>
                <label>{t("industry")}
                    <select bind:value=industry>
                        {INDUSTRIES.iter().map(|i| view! { <option value=*i>{move || industry_label(lang.get(), i)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t("location_kind")}
                    <select bind:value=kind data-testid="outlet-kind-choice">
                        <option value="store">{t("kind_store")}</option>
                        <option value="warehouse">{t("kind_warehouse")}</option>
                    </select>
                </label>
                <Notice error ok/>
                <button type="submit" class="primary">{t("save")}</button>
            </form>
        </Show>
    }
}

/// The word for a location's kind: a store sells at its till, a warehouse only holds stock.
fn kind_word(kind: LocationKind) -> &'static str {
    match kind {
        LocationKind::Store => "kind_store",
        LocationKind::Warehouse => "kind_warehouse",
    }
}
