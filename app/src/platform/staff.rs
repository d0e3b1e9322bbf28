use domain::api::Invited;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use crate::kernel::client::{self, Method};
use crate::kernel::i18n::{role_label, t, tr, use_lang};
use crate::kernel::model::{Outlet, User};
use crate::kernel::pages::{error_text, fetched, Notice};
use crate::kernel::session::{use_session, Protected};

#[component]
pub fn Staff() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <StaffBody/>
        </Protected>
    }
}

#[component]
fn StaffBody() -> impl IntoView {
    let ctx = use_session();
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let users = fetched::<Vec<User>>(|| "/api/v1/users".into(), version);
    let outlets = fetched::<Vec<Outlet>>(|| "/api/v1/outlets".into(), RwSignal::new(0));
    let is_owner = move || {
        ctx.session
            .with(|s| s.as_ref().is_some_and(|s| s.has("owner")))
    };
    let can_manage = move || {
        ctx.session
            .with(|s| s.as_ref().is_some_and(|s| s.has_any(&["owner", "admin"])))
    };

    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new("cashier".to_string());
    let outlet = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let invite_link = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        invite_link.set(None);
        let outlet_ids: Vec<String> = Some(outlet.get_untracked())
            .filter(|o| !o.is_empty())
            .into_iter()
            .collect();
        let body = json!({"email": email.get_untracked(), "name": name.get_untracked(),
            "roles": [role.get_untracked()], "outlet_ids": outlet_ids});
        spawn_local(async move {
            match client::post::<Invited>("/api/v1/users", &body).await {
                Ok(inv) => {
                    let origin = web_origin();
                    invite_link.set(Some(format!("{origin}{}", inv.invite_path)));
                    email.set(String::new());
                    name.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };

    let pin_for = RwSignal::new(None::<(String, String)>);
    let pin = RwSignal::new(String::new());
    let pin_error = RwSignal::new(None::<String>);
    let pin_ok = RwSignal::new(None::<String>);
    let save_pin = move |ev: SubmitEvent| {
        ev.prevent_default();
        pin_error.set(None);
        pin_ok.set(None);
        let Some((id, _)) = pin_for.get_untracked() else {
            return;
        };
        let body = json!({"pin": pin.get_untracked()});
        spawn_local(async move {
            match client::send_unit(Method::Put, &format!("/api/v1/users/{id}/pin"), Some(&body))
                .await
            {
                Ok(()) => {
                    pin_ok.set(Some(tr(lang.get_untracked(), "saved").to_string()));
                    pin.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => pin_error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let disable = move |id: String| {
        spawn_local(async move {
            let _ = client::send_unit(Method::Delete, &format!("/api/v1/users/{id}"), None::<&()>)
                .await;
            version.update(|v| *v += 1);
        });
    };

    view! {
        <h1 data-testid="page-title">{t("staff")}</h1>
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr><th>{t("name")}</th><th>{t("email")}</th><th>{t("roles")}</th><th>{t("status")}</th><th></th></tr></thead>
                <tbody>
                    {move || users.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|u| {
                        let roles = u.roles.iter().map(|r| role_label(lang.get(), r.as_str())).collect::<Vec<_>>().join(", ");
                        let status_key = match u.status.as_str() { "active" => "active", "invited" => "invited", _ => "disabled" };
                        let (id, id2, uname) = (u.id.clone(), u.id.clone(), u.name.clone());
                        let self_row = ctx.session.with(|s| s.as_ref().is_some_and(|s| s.user.id == u.id));
                        let pin_label = if u.has_pin { "PIN ✓" } else { "PIN" };
                        view! {
                            <tr>
                                <td>{u.name}</td><td>{u.email}</td><td>{roles}</td><td>{t(status_key)}</td>
                                <td class="row-actions">
                                    <button type="button" on:click=move |_| pin_for.set(Some((id.clone(), uname.clone())))>{pin_label}</button>
                                    <Show when=move || can_manage() && !self_row && status_key != "disabled">
                                        <button type="button" class="danger" on:click={let id2 = id2.clone(); move |_| disable(id2.clone())}>{t("disable")}</button>
                                    </Show>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Show when=move || pin_for.get().is_some()>
            <form class="card stack" on:submit=save_pin data-testid="pin-form">
                <h2>{t("set_pin")}": " {move || pin_for.get().map(|p| p.1)}</h2>
                <label>{t("pin")}<input inputmode="numeric" pattern="[0-9]{6}" maxlength="6" required bind:value=pin/></label>
                <Notice error=pin_error ok=pin_ok/>
                <button type="submit" class="primary">{t("save")}</button>
            </form>
        </Show>
        <Show when=can_manage>
            <form class="card stack" on:submit=submit data-testid="invite-form">
                <h2>{t("invite_staff")}</h2>
                <label>{t("name")}<input required bind:value=name/></label>
                <label>{t("email")}<input type="email" required bind:value=email/></label>
                <label>{t("role")}
                    <select bind:value=role>
                        <Show when=is_owner><option value="owner">{move || role_label(lang.get(), "owner")}</option><option value="admin">{move || role_label(lang.get(), "admin")}</option></Show>
                        {["manager", "cashier", "supplier", "member"].into_iter().map(|r| view! {
                            <option value=r>{move || role_label(lang.get(), r)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t("outlet")}
                    <select bind:value=outlet>
                        <option value="">{t("all_outlets")}</option>
                        {move || outlets.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|o| view! {
                            <option value=o.id>{o.name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Notice error/>
                <button type="submit" class="primary">{t("invite_staff")}</button>
                {move || invite_link.get().map(|l| view! {
                    <div class="secret"><p>{t("invite_link")}</p><code data-testid="invite-link">{l}</code></div>
                })}
            </form>
        </Show>
    }
}

pub fn web_origin() -> String {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}
