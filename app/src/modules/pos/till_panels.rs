//! The bar of till operations. Its panels (cash, refund, closing, printer) are loaded
//! when first opened, so the till's first load carries only the selling screen.
use domain::money::format_idr;
use leptos::prelude::*;

use super::till_model::{OpsPanel, Till};
use super::till_refund::RefundPanel;
use super::till_shift::{CashPanel, ClosePanel, PrinterPanel};
use crate::kernel::i18n::t;

/// The open panel. Its code is a chunk of its own under `cargo leptos build --split`,
/// fetched once the till is live (and precached by the service worker for offline use).
#[lazy]
fn ops_panel(till: Till, panel: OpsPanel) -> AnyView {
    match panel {
        OpsPanel::Cash => view! { <CashPanel till=till/> }.into_any(),
        OpsPanel::Refund => view! { <RefundPanel till=till/> }.into_any(),
        OpsPanel::Close => view! { <ClosePanel till=till/> }.into_any(),
        OpsPanel::Printer => view! { <PrinterPanel/> }.into_any(),
    }
}

/// The bar of till operations and the panel that is open.
#[component]
pub fn OpsBar(till: Till) -> impl IntoView {
    // Fetch the panels' chunk once the till is up, so a tap on "Refund" never waits.
    crate::kernel::hydration::later(|| {
        let _loaded = lazy_preload!(ops_panel);
    });
    let toggle = move |p: OpsPanel| {
        till.panel
            .update(|cur| *cur = if *cur == Some(p) { None } else { Some(p) })
    };
    view! {
        <div class="ops" data-testid="ops">
            <span class="chip" data-testid="shift-info">{move || till.shift.get().map(|s| format!("{} · {}", s.cashier, format_idr(s.opening_float)))}</span>
            <button type="button" data-testid="ops-cash" on:click=move |_| toggle(OpsPanel::Cash)>{t("cash_in_out")}</button>
            <button type="button" data-testid="ops-refund" on:click=move |_| toggle(OpsPanel::Refund)>{t("refund")}</button>
            <button type="button" data-testid="ops-printer" on:click=move |_| toggle(OpsPanel::Printer)>{t("printer")}</button>
            <button type="button" data-testid="ops-close" on:click=move |_| toggle(OpsPanel::Close)>{t("close_shift")}</button>
        </div>
        {move || till.panel.get().map(|panel| view! {
            <div class="sheet" data-testid="ops-sheet">
                <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
                    {Suspend::new(async move { ops_panel(till, panel).await })}
                </Suspense>
                <button type="button" class="sheet-close" aria-label=t("close")
                    on:click=move |_| till.panel.set(None)>"×"</button>
            </div>
        })}
    }
}
