//! The till's full-screen moments: the change due after a sale (large enough to read out
//! while handing it over), the QRIS to turn to the customer, and the float count that opens
//! a shift. They are one chunk of their own under `--split`, fetched once the till is live,
//! so the first load carries only what rings up a sale; the struk's text and printing come
//! from `kernel::print`, another chunk.
use domain::money::format_idr;
use domain::receipt::{Slip, SlipRow};
use leptos::prelude::*;
use rust_decimal::Decimal;

use super::sell_record::Receipt;
use super::till_model::{tender_label, Till};
use super::till_ops::ShiftGate;
use crate::kernel::i18n::{t, use_lang, Lang};
use crate::kernel::print::{self, Outcome, Printable, SlipView};
use domain::payment::TenderKind;
use leptos::task::spawn_local;

/// The QRIS screen's state: the amount and payload shown, the sale's tenders it adds to.
#[derive(Clone, Copy)]
pub struct QrisScreen {
    pub qris: RwSignal<Option<(Decimal, String)>>,
    pub payments: RwSignal<Vec<(TenderKind, Decimal)>>,
    pub message: RwSignal<Option<String>>,
    pub till: Till,
}

#[derive(Clone, Copy)]
pub enum Extra {
    Done(RwSignal<Option<Receipt>>, RwSignal<Option<String>>),
    Qris(QrisScreen),
    ShiftGate(Till),
}

#[lazy]
fn till_extra(extra: Extra) -> AnyView {
    match extra {
        Extra::Done(receipt, message) => view! { <DoneView receipt message/> }.into_any(),
        Extra::Qris(q) => view! { <QrisView q=q/> }.into_any(),
        Extra::ShiftGate(till) => view! { <ShiftGate till=till/> }.into_any(),
    }
}

/// Fetches the chunk once the till is live, so the first sale never waits for it.
pub fn preload() {
    let _loaded = lazy_preload!(till_extra);
}

/// One of the full-screen moments, shown once its chunk is there.
pub fn extra_view(extra: Extra) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move { till_extra(extra).await })}
        </Suspense>
    }
}

/// QRIS over the whole screen, to turn the tablet to the customer; the cashier confirms
/// once the payment has arrived.
#[component]
fn QrisView(q: QrisScreen) -> impl IntoView {
    let lang = use_lang();
    let QrisScreen {
        qris,
        payments,
        message,
        till,
    } = q;
    move || {
        qris.get().map(|(value, payload)| {
            let svg = RwSignal::new(String::new());
            let code = payload.clone();
            spawn_local(async move { svg.set(super::sell::qr_svg(code).await) });
            let slip_payload = payload.clone();
            view! {
                <div class="overlay qris" data-testid="qris" role="dialog" aria-label=t("qris_scan")>
                    <p class="done-label">{t("qris_scan")}</p>
                    <div class="qr" data-testid="qris-code" data-payload=payload.clone() inner_html=move || svg.get()></div>
                    <p class="done-change">{format_idr(value)}</p>
                    <div class="row-actions">
                        <button type="button" class="primary big" data-testid="qris-paid"
                            on:click=move |_| { payments.update(|p| p.push((TenderKind::Qris, value))); qris.set(None); }>{t("qris_paid")}</button>
                        <button type="button" class="big" data-testid="qris-print" on:click=move |_| {
                            let header = till.context.get_untracked().map(|c| vec![c.outlet_name]).unwrap_or_default();
                            qris_slip(header, value, slip_payload.clone(), message, lang.get_untracked());
                        }>{t("print")}</button>
                        <button type="button" class="big" on:click=move |_| qris.set(None)>{t("close")}</button>
                    </div>
                    {move || message.get().map(|m| view! { <p class="muted">{m}</p> })}
                </div>
            }
        })
    }
}

/// Prints a finished sale's struk when the printer prints by itself, kicking the drawer
/// open for cash.
pub fn auto_print(
    struk: domain::receipt::Receipt,
    open_drawer: bool,
    message: RwSignal<Option<String>>,
    lang: Lang,
) {
    print::auto_print(
        Printable::Receipt(struk),
        open_drawer,
        Outcome { message, lang },
    );
}

/// An unpaid bill with its QRIS, for a customer paying at the table or from a slip.
pub fn qris_slip(
    header: Vec<String>,
    value: Decimal,
    payload: String,
    message: RwSignal<Option<String>>,
    lang: Lang,
) {
    let slip = Slip {
        header,
        title: "BAYAR DENGAN QRIS".into(),
        rows: vec![SlipRow::Total("TOTAL".into(), format_idr(value))],
        footer: vec!["Pindai dengan aplikasi bank atau e-wallet".into()],
        qr: Some(payload),
    };
    print::print(Printable::Slip(slip), Outcome { message, lang });
}

/// The finished sale, over the whole till until the cashier starts the next one (a tap on
/// "Transaksi baru", or the next scan).
#[component]
fn DoneView(
    receipt: RwSignal<Option<Receipt>>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        receipt.get().map(|r| {
            let struk = r.struk.clone();
            view! {
                <div class="overlay done" data-testid="receipt" role="dialog" aria-labelledby="done-title">
                    <div class="done-main">
                        <p class="done-label" id="done-title">{t("change")}</p>
                        <p class="done-change" data-testid="change">{format_idr(r.change)}</p>
                        <p class="done-total">
                            {t("total")} " " <strong>{format_idr(r.totals.grand_total)}</strong>
                            {r.payments.iter().map(|(k, a)| {
                                let (k, a) = (*k, *a);
                                view! { " · " {move || tender_label(lang.get(), k)} " " {format_idr(a)} }
                            }).collect_view()}
                        </p>
                        <button type="button" class="primary big" data-testid="new-sale" autofocus
                            on:click=move |_| receipt.set(None)>{t("new_sale")}</button>
                        {move || message.get().map(|m| view! { <p class="muted" data-testid="print-message">{m}</p> })}
                    </div>
                    <section class="done-struk">
                        <h2>{t("receipt")} " " {r.number.clone()}</h2>
                        {r.customer.clone().map(|c| view! { <p>{t("customer")} ": " {c}</p> })}
                        {r.approved_by.clone().map(|a| view! { <p class="muted">{t("approved_by")} ": " {a}</p> })}
                        {(!r.totals.cart_discount_total.is_zero()).then(|| view! {
                            <p>{t("cart_discount")} " −" {format_idr(r.totals.cart_discount_total)}</p>
                        })}
                        {struk.map(|st| {
                            let again = st.clone();
                            view! {
                                <SlipView what=Printable::Receipt(st)/>
                                <button type="button" data-testid="print-receipt" on:click=move |_| {
                                    print::print(Printable::Receipt(again.clone()), Outcome { message, lang: lang.get_untracked() });
                                }>{t("print")}</button>
                            }
                        })}
                    </section>
                </div>
            }
        })
    }
}
