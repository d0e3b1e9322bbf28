//! After a sale: the change due on the whole screen, large enough to read out while handing
//! it over. The struk (its text and its printing, the ESC/POS encoder and the USB printer)
//! is a chunk of its own under `--split`, fetched once the till is live: a sale is recorded
//! and its change shown without it.
use domain::money::format_idr;
use domain::receipt::{PrintOptions, Slip, SlipRow};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use super::sell_record::Receipt;
use super::till_model::tender_label;
use super::till_ops::{print_job, SlipView};
use crate::kernel::i18n::{t, use_lang, Lang};

/// Fetches the struk's chunk ahead of the first sale.
pub fn preload() {
    let _struk = lazy_preload!(struk_view);
    let _print = lazy_preload!(print_struk);
}

/// The struk as text, and a button that prints it again.
#[lazy]
fn struk_view(struk: domain::receipt::Receipt, message: RwSignal<Option<String>>) -> AnyView {
    let lang = use_lang();
    let text = domain::receipt::text::to_plain(&domain::receipt::layout(&struk, 32), 32);
    let print = move |_| {
        let s = crate::kernel::printer::load_settings();
        let bytes = domain::receipt::encode(
            &struk,
            PrintOptions {
                width: s.columns(),
                open_drawer: false,
                cut: true,
            },
        );
        spawn_local(print_job(bytes, message, lang.get_untracked()));
    };
    view! {
        <SlipView text=text/>
        <button type="button" data-testid="print-receipt" on:click=print>{t("print")}</button>
    }
    .into_any()
}

/// Prints a struk as the sale finishes (when the printer prints automatically), kicking
/// the drawer open for cash.
#[lazy]
async fn print_struk(
    struk: domain::receipt::Receipt,
    open_drawer: bool,
    message: RwSignal<Option<String>>,
    lang: Lang,
) {
    let s = crate::kernel::printer::load_settings();
    if !s.auto_print {
        return;
    }
    let bytes = domain::receipt::encode(
        &struk,
        PrintOptions {
            width: s.columns(),
            open_drawer: s.open_drawer && open_drawer,
            cut: true,
        },
    );
    print_job(bytes, message, lang).await;
}

/// Starts the automatic print of a finished sale's struk.
pub fn auto_print(
    struk: domain::receipt::Receipt,
    open_drawer: bool,
    message: RwSignal<Option<String>>,
    lang: Lang,
) {
    spawn_local(async move { print_struk(struk, open_drawer, message, lang).await });
}

/// An unpaid bill with its QRIS, for a customer paying at the table or from a slip.
#[lazy]
async fn print_qris(
    header: Vec<String>,
    value: Decimal,
    payload: String,
    message: RwSignal<Option<String>>,
    lang: Lang,
) {
    let s = crate::kernel::printer::load_settings();
    let slip = Slip {
        header,
        title: "BAYAR DENGAN QRIS".into(),
        rows: vec![SlipRow::Total("TOTAL".into(), format_idr(value))],
        footer: vec!["Pindai dengan aplikasi bank atau e-wallet".into()],
        qr: Some(payload),
    };
    let bytes = domain::receipt::encode_slip(
        &slip,
        PrintOptions {
            width: s.columns(),
            open_drawer: false,
            cut: true,
        },
    );
    print_job(bytes, message, lang).await;
}

pub fn qris_slip(
    header: Vec<String>,
    value: Decimal,
    payload: String,
    message: RwSignal<Option<String>>,
    lang: Lang,
) {
    spawn_local(async move { print_qris(header, value, payload, message, lang).await });
}

/// The finished sale, over the whole till until the cashier starts the next one (a tap on
/// "Transaksi baru", or the next scan).
#[component]
pub fn DoneView(
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
                        {struk.map(|st| view! {
                            <Suspense fallback=|| ()>
                                {Suspend::new(async move { struk_view(st, message).await })}
                            </Suspense>
                        })}
                    </section>
                </div>
            }
        })
    }
}
