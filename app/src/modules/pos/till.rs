use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use serde_json::json;

use crate::kernel::client::{self, Method};
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::model::{CurrentDevice, Device, Outlet, Session};
use crate::kernel::pages::{error_text, fetched, Notice};
use crate::kernel::session::{use_session, Protected};

#[component]
pub fn TillHome() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager", "cashier"]>
            <TillBody/>
        </Protected>
    }
}

#[component]
fn TillBody() -> impl IntoView {
    let ctx = use_session();
    let lang = use_lang();
    let version = RwSignal::new(0u32);
    let device = fetched::<CurrentDevice>(|| "/api/v1/devices/current".into(), version);
    let may_register = move || {
        ctx.session.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.has_any(&["owner", "admin", "manager"]))
        })
    };
    let outlets = fetched::<Vec<Outlet>>(|| "/api/v1/outlets".into(), RwSignal::new(0));

    let outlet = RwSignal::new(String::new());
    let device_name = RwSignal::new("Tablet Kasir 1".to_string());
    let reg_error = RwSignal::new(None::<String>);
    let register = move |ev: SubmitEvent| {
        ev.prevent_default();
        reg_error.set(None);
        let chosen = outlet.get_untracked();
        let outlet_id = if chosen.is_empty() {
            outlets
                .get_untracked()
                .and_then(Result::ok)
                .and_then(|l| l.iter().find(|o| o.kind.has_till()).map(|o| o.id.clone()))
                .unwrap_or_default()
        } else {
            chosen
        };
        let body = json!({"outlet_id": outlet_id, "name": device_name.get_untracked()});
        spawn_local(async move {
            match client::post::<Device>("/api/v1/devices", &body).await {
                Ok(_) => version.update(|v| *v += 1),
                Err(e) => reg_error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };

    let current_password = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let pin_error = RwSignal::new(None::<String>);
    let pin_ok = RwSignal::new(None::<String>);
    let save_pin = move |ev: SubmitEvent| {
        ev.prevent_default();
        pin_error.set(None);
        pin_ok.set(None);
        let body = json!({"current_password": current_password.get_untracked(), "pin": pin.get_untracked()});
        spawn_local(async move {
            match client::send_unit(Method::Put, "/api/v1/auth/pin", Some(&body)).await {
                Ok(()) => {
                    pin_ok.set(Some(tr(lang.get_untracked(), "saved").to_string()));
                    current_password.set(String::new());
                    pin.set(String::new());
                }
                Err(e) => pin_error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };

    let name = move || ctx.session.get().map(|s| s.user.name).unwrap_or_default();
    view! {
        <h1 data-testid="page-title">{t("till")}</h1>
        <section class="card till-status">
            <p>{t("cashier_on_duty")}": " <strong data-testid="cashier-name">{name}</strong></p>
            {move || match device.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Ok(d)) => view! {
                    <p data-testid="device-info">{t("outlet")}": " <strong>{d.outlet_name}</strong>
                        " · " {t("device")}": " {d.device.name} " (" {d.device.code} ")"</p>
                    <a class="button primary big" href="/kasir/pin">{t("switch_user")}</a>
                }.into_any(),
                Some(Err(_)) => view! { <p class="muted" data-testid="device-info">{t("not_registered")}</p> }.into_any(),
            }}
        </section>
        <Show when=move || may_register() && matches!(device.get(), Some(Err(_)))>
            <form class="card stack" on:submit=register data-testid="register-device">
                <h2>{t("register_device")}</h2>
                <label>{t("outlet")}
                    <select bind:value=outlet>
                        {move || outlets.get().and_then(Result::ok).unwrap_or_default().into_iter().filter(|o| o.kind.has_till()).map(|o| view! {
                            <option value=o.id>{o.name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t("device_name")}<input required bind:value=device_name/></label>
                <Notice error=reg_error/>
                <button type="submit" class="primary">{t("save")}</button>
            </form>
        </Show>
        <form class="card stack" on:submit=save_pin>
            <h2>{t("my_pin")}</h2>
            <label>{t("current_password")}<input type="password" autocomplete="current-password" required bind:value=current_password/></label>
            <label>{t("pin")}<input type="password" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" required bind:value=pin/></label>
            <Notice error=pin_error ok=pin_ok/>
            <button type="submit" class="primary">{t("set_pin")}</button>
        </form>
    }
}

/// The shared tablet's lock screen: pick a name, type a 6-digit PIN.
#[component]
pub fn PinSwitch() -> impl IntoView {
    let ctx = use_session();
    let lang = use_lang();
    let navigate = use_navigate();
    let device = fetched::<CurrentDevice>(|| "/api/v1/devices/current".into(), RwSignal::new(0));
    let chosen = RwSignal::new(None::<(String, String)>);
    let digits = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let go_to = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(home) = go_to.get() {
            navigate(&home, Default::default());
        }
    });

    let submit = move || {
        let Some((user_id, _)) = chosen.get_untracked() else {
            return;
        };
        let body = json!({"user_id": user_id, "pin": digits.get_untracked()});
        spawn_local(async move {
            match client::post::<Session>("/api/v1/auth/pin-login", &body).await {
                Ok(s) => {
                    let home = s.home.clone();
                    ctx.session.set(Some(s));
                    go_to.set(Some(home));
                }
                Err(e) => {
                    digits.set(String::new());
                    let msg = if e.code == "bad_credentials" {
                        tr(lang.get_untracked(), "wrong_pin").to_string()
                    } else {
                        error_text(lang.get_untracked(), &e)
                    };
                    error.set(Some(msg));
                }
            }
        });
    };
    let press = move |d: char| {
        error.set(None);
        digits.update(|s| {
            if s.len() < 6 {
                s.push(d)
            }
        });
        if digits.get_untracked().len() == 6 {
            submit();
        }
    };

    // A hardware keyboard works the pad too: digits, Backspace, Escape.
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if chosen.with_untracked(Option::is_none) {
                return;
            }
            match ev.key().as_str() {
                k if k.len() == 1 && k.chars().all(|c| c.is_ascii_digit()) => {
                    if let Some(d) = k.chars().next() {
                        press(d);
                    }
                }
                "Backspace" => digits.update(|s| {
                    s.pop();
                }),
                "Escape" => digits.set(String::new()),
                _ => {}
            }
        });
        on_cleanup(move || handle.remove());
    }
    view! {
        <h1 data-testid="page-title">{t("switch_user")}</h1>
        {move || match device.get() {
            None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
            Some(Err(_)) => view! {
                <section class="card"><p>{t("not_registered")}</p><a href="/masuk">{t("sign_in")}</a></section>
            }.into_any(),
            Some(Ok(d)) => view! {
                <p class="muted">{d.outlet_name}" · "{d.device.name}</p>
                <p>{t("choose_cashier")}</p>
                <div class="people">
                    {d.users.into_iter().map(|u| {
                        let pick = (u.id.clone(), u.name.clone());
                        let id = u.id.clone();
                        view! {
                            <button type="button" class="person" class:active=move || chosen.get().is_some_and(|c| c.0 == id)
                                on:click=move |_| { chosen.set(Some(pick.clone())); digits.set(String::new()); }>
                                {u.name}
                            </button>
                        }
                    }).collect_view()}
                </div>
            }.into_any(),
        }}
        <Show when=move || chosen.get().is_some()>
            <div class="keypad-wrap">
                <p class="pin-dots" data-testid="pin-dots">{move || "●".repeat(digits.get().len()) + &"○".repeat(6 - digits.get().len())}</p>
                <Notice error/>
                <div class="keypad">
                    {['1', '2', '3', '4', '5', '6', '7', '8', '9'].into_iter().map(|d| view! {
                        <button type="button" on:click=move |_| press(d)>{d.to_string()}</button>
                    }).collect_view()}
                    <button type="button" on:click=move |_| digits.set(String::new())>{t("clear")}</button>
                    <button type="button" on:click=move |_| press('0')>"0"</button>
                </div>
            </div>
        </Show>
    }
}
