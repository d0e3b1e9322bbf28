use leptos::prelude::*;

use crate::kernel::i18n::t;
use crate::kernel::session::{use_session, Protected};

#[component]
pub fn SupplierHome() -> impl IntoView {
    let ctx = use_session();
    let name = move || ctx.session.get().map(|s| s.user.name).unwrap_or_default();
    let tenant = move || {
        ctx.session
            .get()
            .and_then(|s| s.user.tenant_name)
            .unwrap_or_default()
    };
    view! {
        <Protected roles=&["supplier"]>
            <h1 data-testid="page-title">{t("supplier_portal")}</h1>
            <section class="card">
                <p>{t("welcome")}", " <strong>{name}</strong></p>
                <p class="muted">{t("supplier_intro")}" — " {tenant}</p>
            </section>
        </Protected>
    }
}
