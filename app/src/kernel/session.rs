use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::kernel::client;
use crate::kernel::i18n::t;
use crate::kernel::model::Session;

/// Who is signed in, as the browser learned it from `/api/v1/auth/me`.
#[derive(Clone, Copy)]
pub struct SessionCtx {
    pub session: RwSignal<Option<Session>>,
    pub loaded: RwSignal<bool>,
}

impl SessionCtx {
    pub fn new() -> Self {
        SessionCtx {
            session: RwSignal::new(None),
            loaded: RwSignal::new(false),
        }
    }

    /// Asks the server once the page is live in the browser.
    pub fn load(self) {
        crate::kernel::hydration::after(move || {
            spawn_local(async move {
                // The signed-in user is kept on the device too, so a till reloaded while
                // offline still knows its cashier; the server checks again once reachable.
                let me = match client::get::<Session>("/api/v1/auth/me").await {
                    Ok(s) => Some(s),
                    Err(e) if e.status == 0 => crate::kernel::offline::kv_get("session")
                        .await
                        .ok()
                        .flatten()
                        .and_then(|j| serde_json::from_str(&j).ok()),
                    Err(_) => None,
                };
                self.session.set(me);
                self.loaded.set(true);
            });
        });
        // Whoever is signed in now (after sign-in, PIN switch or sign-out) is what an
        // offline reload will find.
        Effect::new(move |_| {
            if !self.loaded.get() {
                return;
            }
            let json = self
                .session
                .with(|s| serde_json::to_string(s).unwrap_or_else(|_| "null".into()));
            spawn_local(async move {
                let _ = crate::kernel::offline::kv_put("session", &json).await;
            });
        });
    }
}

impl Default for SessionCtx {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_session() -> SessionCtx {
    use_context::<SessionCtx>().unwrap_or_default()
}

/// Renders its children only for a signed-in user holding one of `roles` (empty: any);
/// sends everyone else to the sign-in page. The server checks again on every call.
#[component]
pub fn Protected(
    #[prop(optional)] roles: &'static [&'static str],
    children: ChildrenFn,
) -> impl IntoView {
    let ctx = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if ctx.loaded.get() && ctx.session.with(|s| s.is_none()) {
            navigate("/masuk", Default::default());
        }
    });
    let allowed = move || {
        ctx.session.with(|s| {
            s.as_ref()
                .is_some_and(|s| roles.is_empty() || s.has_any(roles))
        })
    };
    let loading = t("loading");
    let forbidden = t("error_forbidden");
    view! {
        {move || {
            if !ctx.loaded.get() || ctx.session.with(|s| s.is_none()) {
                view! { <p class="muted">{loading}</p> }.into_any()
            } else if allowed() {
                children().into_any()
            } else {
                view! { <p class="error" role="alert">{forbidden}</p> }.into_any()
            }
        }}
    }
}
