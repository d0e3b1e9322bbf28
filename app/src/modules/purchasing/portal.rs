//! `/pemasok`: the supplier's portal on its phone: the orders the shop sent it, newest
//! first, each opened below to confirm with a delivery date or to mark shipped.
use domain::api::purchasing::{PoPage, PoView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::detail::{status_key, PoDetail, Reader};
use super::orders::reveal_detail;
use crate::kernel::client;
use crate::kernel::i18n::{t, use_lang};
use crate::kernel::pages::{day_text, error_text, fetched, rupiah, Notice};
use crate::kernel::session::{use_session, Protected};

#[component]
pub fn SupplierPortal() -> impl IntoView {
    view! {
        <Protected roles=&["supplier"]>
            <PortalBody/>
        </Protected>
    }
}

#[component]
fn PortalBody() -> impl IntoView {
    let lang = use_lang();
    let ctx = use_session();
    let tenant = move || {
        ctx.session
            .get()
            .and_then(|s| s.user.tenant_name)
            .unwrap_or_default()
    };
    let version = RwSignal::new(0u32);
    let orders = fetched::<PoPage>(
        || "/api/v1/supplier-portal/purchase-orders?limit=50".into(),
        version,
    );
    let selected = RwSignal::new(None::<PoView>);
    let error = RwSignal::new(None::<String>);
    let open = move |id: String| {
        spawn_local(async move {
            match client::get::<PoView>(&format!("/api/v1/supplier-portal/purchase-orders/{id}"))
                .await
            {
                Ok(v) => {
                    selected.set(Some(v));
                    reveal_detail();
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let changed = Callback::new(move |v: PoView| {
        selected.set(Some(v));
        version.update(|n| *n += 1);
    });
    view! {
        <h1 data-testid="page-title">{t("supplier_portal")}</h1>
        <section class="card">
            <p class="muted">{t("portal_intro")} " — " {tenant}</p>
            <ul class="cards" data-testid="portal-orders">
                {move || match orders.get() {
                    None => view! { <li class="muted">{t("loading")}</li> }.into_any(),
                    Some(Err(e)) => view! { <li class="error">{error_text(lang.get(), &e)}</li> }.into_any(),
                    Some(Ok(p)) if p.items.is_empty() => view! { <li class="muted">{t("no_portal_orders")}</li> }.into_any(),
                    Some(Ok(p)) => p.items.into_iter().map(|o| {
                        let id = o.id.clone();
                        view! {
                            <li>
                                <button type="button" class="link" data-testid="portal-open" on:click=move |_| open(id.clone())>{o.number.clone()}</button>
                                " · " {o.outlet_name.clone()} " · " {rupiah(&o.total)}<br/>
                                <span class="badge">{t(status_key(o.status))}</span>
                                {o.delivery_on.clone().map(|d| view! { " · " {t("delivery_on")} " " {day_text(lang.get(), &d, 7)} })}
                            </li>
                        }
                    }).collect_view().into_any(),
                }}
            </ul>
            <Notice error/>
        </section>
        {move || selected.get().map(|po| view! { <PoDetail po reader=Reader::Supplier on_change=changed/> })}
    }
}
