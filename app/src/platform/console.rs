use domain::api::CreatedTenant;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use crate::kernel::client;
use crate::kernel::i18n::{t, use_lang};
use crate::kernel::model::Tenant;
use crate::kernel::pages::{error_text, fetched, Notice};
use crate::kernel::session::{use_session, Protected};
use crate::platform::staff::web_origin;

#[component]
pub fn Platform() -> impl IntoView {
    view! {
        <Protected roles=&["superadmin", "developer"]>
            <PlatformBody/>
        </Protected>
    }
}

#[component]
fn PlatformBody() -> impl IntoView {
    let ctx = use_session();
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let tenants = fetched::<Vec<Tenant>>(|| "/api/v1/tenants".into(), version);
    let is_superadmin = move || {
        ctx.session
            .with(|s| s.as_ref().is_some_and(|s| s.has("superadmin")))
    };
    let name = RwSignal::new(String::new());
    let owner_email = RwSignal::new(String::new());
    let owner_name = RwSignal::new(String::new());
    let plan = RwSignal::new("basic".to_string());
    let error = RwSignal::new(None::<String>);
    let link = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        link.set(None);
        let body = json!({"name": name.get_untracked(), "owner_email": owner_email.get_untracked(),
            "owner_name": owner_name.get_untracked(), "plan": plan.get_untracked()});
        spawn_local(async move {
            match client::post::<CreatedTenant>("/api/v1/tenants", &body).await {
                Ok(c) => {
                    link.set(Some(format!("{}{}", web_origin(), c.invite_path)));
                    name.set(String::new());
                    owner_email.set(String::new());
                    owner_name.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <h1 data-testid="page-title">{t("platform")}</h1>
        <crate::platform::platform_stats::PlatformStats/>
        <h2>{t("tenants")}</h2>
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr><th>{t("business_name")}</th><th>{t("owner_email")}</th><th>{t("plan")}</th></tr></thead>
                <tbody>
                    {move || tenants.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|tn| view! {
                        <tr><td>{tn.name}</td><td>{tn.owner_email}</td><td>{tn.plan}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Show when=is_superadmin>
            <form class="card stack" on:submit=submit data-testid="tenant-form">
                <h2>{t("create_tenant")}</h2>
                <label>{t("business_name")}<input required bind:value=name/></label>
                <label>{t("owner_name")}<input bind:value=owner_name/></label>
                <label>{t("owner_email")}<input type="email" required bind:value=owner_email/></label>
                <label>{t("plan")}
                    <select bind:value=plan>
                        <option value="basic">"Basic"</option>
                        <option value="pro">"Pro"</option>
                        <option value="enterprise">"Enterprise"</option>
                    </select>
                </label>
                <Notice error/>
                <button type="submit" class="primary">{t("create_tenant")}</button>
                {move || link.get().map(|l| view! {
                    <div class="secret"><p>{t("invite_link")}</p><code data-testid="invite-link">{l}</code></div>
                })}
            </form>
        </Show>
    }
}
