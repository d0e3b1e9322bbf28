use leptos::prelude::*;

use crate::kernel::i18n::{industry_label, t, use_lang};
use crate::kernel::model::Outlet;
use crate::kernel::pages::fetched;
use crate::kernel::session::{use_session, Protected};

#[component]
pub fn Dashboard() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager"]>
            <DashboardBody/>
        </Protected>
    }
}

#[component]
fn DashboardBody() -> impl IntoView {
    let ctx = use_session();
    let lang = use_lang();
    let outlets = fetched::<Vec<Outlet>>(|| "/api/v1/outlets".into(), RwSignal::new(0));
    let name = move || ctx.session.get().map(|s| s.user.name).unwrap_or_default();
    let tenant = move || {
        ctx.session
            .get()
            .and_then(|s| s.user.tenant_name)
            .unwrap_or_default()
    };
    view! {
        <h1 data-testid="page-title">{t("dashboard")}</h1>
        <p>{t("welcome")}", " <strong>{name}</strong>" — " {tenant}</p>
        <h2>{t("outlets")}</h2>
        <div class="grid">
            {move || match outlets.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
                Some(Ok(list)) => list.into_iter().map(|o| view! {
                    <article class="card tile">
                        <h3>{o.name}</h3>
                        <p class="muted">{o.code}" · "{move || industry_label(lang.get(), &o.industry)}" · "{o.timezone}</p>
                        <p>{o.address}</p>
                    </article>
                }).collect_view().into_any(),
            }}
        </div>
        <div class="actions">
            // What this user may open, from the registry (the tenant's packages only).
            {move || ctx.session.get().map(|s| {
                crate::kernel::package::menu(crate::packages::all(), &s)
                    .into_iter()
                    .filter(|e| e.path != "/dasbor")
                    .map(|e| view! { <a class="button" href=e.path>{t(e.label)}</a> })
                    .collect_view()
            })}
            <a class="button" href="/api/docs" rel="external">{t("open_api_docs")}</a>
        </div>
    }
}
