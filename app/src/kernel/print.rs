//! Receipts and slips: as text on screen (and for the browser's print dialog) and as
//! ESC/POS bytes to the USB printer. Everything that lays out or encodes one goes through
//! the single lazy function below, so under `--split` the layout, the encoder and the
//! WebUSB printer are one chunk: code shared by two chunks would land in the first load
//! instead. The till fetches it once it is live.
use domain::receipt::{PrintOptions, Receipt, Slip};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::kernel::i18n::{tr, Lang};
use crate::kernel::printer;

/// What is printed: a sale's struk, or a slip (refund, cash, shift report, teller).
// Built once per print and moved straight into the printing chunk: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Printable {
    Receipt(Receipt),
    Slip(Slip),
}

/// Where a print's outcome is told: a message to show, in this language.
#[derive(Clone, Copy)]
pub struct Outcome {
    pub message: RwSignal<Option<String>>,
    pub lang: Lang,
}

enum Request {
    Text(Printable, usize),
    Print {
        what: Printable,
        open_drawer: bool,
        outcome: Outcome,
        only_if_automatic: bool,
    },
}

#[lazy]
async fn printing(request: Request) -> String {
    match request {
        Request::Text(what, columns) => match what {
            Printable::Receipt(r) => {
                domain::receipt::text::to_plain(&domain::receipt::layout(&r, columns), columns)
            }
            Printable::Slip(s) => {
                domain::receipt::text::to_plain(&domain::receipt::layout_slip(&s, columns), columns)
            }
        },
        Request::Print {
            what,
            open_drawer,
            outcome,
            only_if_automatic,
        } => {
            let s = printer::load_settings();
            if only_if_automatic && !s.auto_print {
                return String::new();
            }
            let options = PrintOptions {
                width: s.columns(),
                open_drawer: open_drawer && s.open_drawer,
                cut: true,
            };
            let bytes = match &what {
                Printable::Receipt(r) => domain::receipt::encode(r, options),
                Printable::Slip(sl) => domain::receipt::encode_slip(sl, options),
            };
            // Over WebUSB; when that is not possible, say why and open the browser's print
            // dialog, which prints the slip shown on screen.
            match printer::print(&bytes).await {
                Ok(()) => outcome
                    .message
                    .set(Some(tr(outcome.lang, "printed").to_string())),
                Err(e) => {
                    outcome
                        .message
                        .set(Some(tr(outcome.lang, e.key()).to_string()));
                    printer::browser_print();
                }
            }
            String::new()
        }
    }
}

/// Fetches the printing chunk ahead of the first print.
pub fn preload() {
    let _printing = lazy_preload!(printing);
}

/// Prints now (the cashier pressed "print").
pub fn print(what: Printable, outcome: Outcome) {
    spawn_local(async move {
        printing(Request::Print {
            what,
            open_drawer: false,
            outcome,
            only_if_automatic: false,
        })
        .await;
    });
}

/// Prints as a sale finishes when the printer is set to print by itself; `open_drawer`
/// kicks the cash drawer (cash was taken) if the printer is set to.
pub fn auto_print(what: Printable, open_drawer: bool, outcome: Outcome) {
    spawn_local(async move {
        printing(Request::Print {
            what,
            open_drawer,
            outcome,
            only_if_automatic: true,
        })
        .await;
    });
}

/// The slip as the printer would print it, in a monospace column 32 characters wide
/// (58 mm paper); what the browser's print dialog prints.
#[component]
pub fn SlipView(what: Printable) -> impl IntoView {
    let text = RwSignal::new(String::new());
    spawn_local(async move { text.set(printing(Request::Text(what, 32)).await) });
    view! { <pre class="slip printable" data-testid="slip">{move || text.get()}</pre> }
}
