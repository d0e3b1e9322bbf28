//! `/pemasok`: the supplier's portal on its phone: the orders the shop sent it, newest
//! first, each opened below to confirm with a delivery date or to mark shipped.
use domain::api::purchasing::{PoPage, PoView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use domain::api::payables::{InvoicePage, InvoiceView};

use super::detail::{status_key, PoDetail, Reader};
use super::orders::reveal_detail;
use domain::api::payables::InvoiceStatus;

fn invoice_status_key(s: InvoiceStatus) -> &'static str {
    match s {
        InvoiceStatus::Open => "inv_status_open",
        InvoiceStatus::PartlyPaid => "inv_status_partly_paid",
        InvoiceStatus::Paid => "inv_status_paid",
    }
}
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
        <PortalInvoices/>
        <super::consignment::PortalConsignment/>
    }
}

/// The supplier's invoices as the shop recorded them, with what is paid; one opens below
/// with its match and payments.
#[component]
fn PortalInvoices() -> impl IntoView {
    let lang = use_lang();
    let invoices = fetched::<InvoicePage>(
        || "/api/v1/supplier-portal/invoices?limit=50".into(),
        RwSignal::new(0),
    );
    let selected = RwSignal::new(None::<InvoiceView>);
    let error = RwSignal::new(None::<String>);
    let open = move |id: String| {
        spawn_local(async move {
            match client::get::<InvoiceView>(&format!("/api/v1/supplier-portal/invoices/{id}"))
                .await
            {
                Ok(v) => selected.set(Some(v)),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>{t("portal_invoices")}</h2>
            <ul class="cards" data-testid="portal-invoices">
                {move || match invoices.get() {
                    None => view! { <li class="muted">{t("loading")}</li> }.into_any(),
                    Some(Err(e)) => view! { <li class="error">{error_text(lang.get(), &e)}</li> }.into_any(),
                    Some(Ok(p)) if p.items.is_empty() => view! { <li class="muted">{t("no_portal_invoices")}</li> }.into_any(),
                    Some(Ok(p)) => p.items.into_iter().map(|i| {
                        let id = i.id.clone();
                        view! {
                            <li>
                                <button type="button" class="link" data-testid="portal-invoice-open" on:click=move |_| open(id.clone())>{i.number.clone()}</button>
                                " · " {rupiah(&i.total)}<br/>
                                <span class="badge">{t(invoice_status_key(i.status))}</span>
                                " · " {t("due_on")} " " {day_text(lang.get(), &i.due_on, 7)}
                                " · " {t("outstanding")} " " {rupiah(&i.outstanding)}
                            </li>
                        }
                    }).collect_view().into_any(),
                }}
            </ul>
            <Notice error/>
        </section>
        {move || selected.get().map(|inv| view! {
            <section class="card" data-testid="invoice-detail">
                <h2>{inv.summary.number.clone()}</h2>
                <p><span class="badge" data-testid="invoice-status">{t(invoice_status_key(inv.summary.status))}</span></p>
                <p>{t("total")} " " {rupiah(&inv.summary.total)} " · " {t("paid")} " " {rupiah(&inv.summary.paid)} " · "
                    {t("outstanding")} " " <strong>{rupiah(&inv.summary.outstanding)}</strong></p>
                <ul data-testid="invoice-payments">
                    {inv.payments.iter().map(|p| view! {
                        <li>{day_text(lang.get_untracked(), &p.paid_on, 7)} " · " {rupiah(&p.amount)} {p.reference.clone().map(|r| view! { " · " {r} })}</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
