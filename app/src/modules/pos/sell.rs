//! The selling screen. Everything a sale needs is on the device: the catalogue, pricing
//! rules and customers are cached in IndexedDB, totals come from the `domain` crate, and a
//! finished sale goes into the outbox first; a sync loop delivers it to the server, which
//! accepts each `client_sale_id` once.
use std::collections::HashMap;
use std::str::FromStr;

use domain::money::format_idr;
use domain::payment::{quick_cash, settle, Tender, TenderKind};
use domain::pricing::{discount_percent, exceeds_limit, Discount, PricingSettings};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use super::outbox::*;
use super::sell_done::{extra_view, Extra, QrisScreen};
use super::sell_load::load_till;
#[cfg(feature = "hydrate")]
use super::sell_load::run_sync_loop;
use super::sell_model::*;
use super::sell_panels::{sale_panel_view, SalePanel};
use super::sell_record::{record_sale, Checkout, Receipt};
use super::till_model::*;
use crate::kernel::client_only::shown;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::offline;
use crate::kernel::session::{use_session, Protected};
use crate::modules::pos::till_ops::record_void;
use crate::modules::pos::till_panels::OpsBar;

/// Renders a payload as an SVG QR code.
/// The QR renderer is a chunk of its own (`--split`): most sales never show one.
#[lazy]
pub(super) fn qr_svg(payload: String) -> String {
    qrcode::QrCode::new(payload.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color>()
                .min_dimensions(240, 240)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default()
}

#[component]
pub fn SellPage() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager", "cashier"]>
            {crate::kernel::client_only::client_only(SellBody)}
        </Protected>
    }
}

#[component]
fn SellBody() -> impl IntoView {
    crate::kernel::hydration::later(|| {
        let _loaded = lazy_preload!(qr_svg);
        super::sell_panels::preload();
        super::sell_done::preload();
        crate::kernel::print::preload();
    });
    let ctx = use_session();
    let lang = use_lang();
    let context = RwSignal::new(None::<TillContext>);
    let no_device = RwSignal::new(false);
    let items = RwSignal::new(Vec::<TillProduct>::new());
    let customers = RwSignal::new(Vec::<CustomerView>::new());
    let settings = RwSignal::new(PricingSettings::default());
    let query = RwSignal::new(String::new());
    let category = RwSignal::new(None::<String>);
    let lines = RwSignal::new(Vec::<Line>::new());
    let cart_discount = RwSignal::new(None::<Discount>);
    let customer = RwSignal::new(None::<CustomerView>);
    let approval = RwSignal::new(None::<Approval>);
    let payments = RwSignal::new(Vec::<(TenderKind, Decimal)>::new());
    let amount = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let receipt = RwSignal::new(None::<Receipt>);
    let pending = RwSignal::new(0usize);
    let rejected = RwSignal::new(0usize);
    let online = RwSignal::new(true);
    let last_sync = RwSignal::new(None::<String>);
    let sync = SyncState {
        pending,
        rejected,
        online,
        last_sync,
    };
    let shift = RwSignal::new(None::<Shift>);
    // How often this till sold each product: its favourites, first in the grid.
    let sold = RwSignal::new(HashMap::<String, u32>::new());
    let till = Till {
        context,
        shift,
        items,
        settings,
        sync,
        panel: RwSignal::new(None),
    };
    provide_context(till);
    let held = RwSignal::new(Vec::<HeldCart>::new());
    let print_message = RwSignal::new(None::<String>);
    // The discount editor, the manager's approval, the customer picker and the QRIS screen.
    let editing = RwSignal::new(None::<DiscountTarget>);
    let disc_value = RwSignal::new(String::new());
    let disc_percent = RwSignal::new(true);
    let needs_approval = RwSignal::new(None::<PendingDiscount>);
    let approver = RwSignal::new(String::new());
    let approver_pin = RwSignal::new(String::new());
    let approving = RwSignal::new(false);
    let picking_customer = RwSignal::new(false);
    let customer_query = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let new_phone = RwSignal::new(String::new());
    let qris = RwSignal::new(None::<(Decimal, String)>);
    let sale = SaleState {
        till,
        session: ctx,
        lines,
        cart_discount,
        customer,
        customers,
        approval,
        error,
        editing,
        disc_value,
        disc_percent,
        needs_approval,
        approver,
        approver_pin,
        approving,
        picking_customer,
        customer_query,
        new_name,
        new_phone,
    };
    // Sales the server refused, kept on the device for a manager: (id, receipt, reason).
    let refused_list = RwSignal::new(None::<Vec<(String, String, String)>>);
    let show_refused = move || {
        spawn_local(async move {
            let list = offline::outbox_all()
                .await
                .unwrap_or_default()
                .iter()
                .filter_map(|t| serde_json::from_str::<OutboxEntry>(t).ok())
                .filter(|e| e.status == "rejected")
                .map(|e| (e.key(), e.label(), e.error.clone().unwrap_or_default()))
                .collect();
            refused_list.set(Some(list));
        });
    };
    let retry = move |id: String| {
        spawn_local(async move {
            let entry = offline::outbox_all()
                .await
                .unwrap_or_default()
                .iter()
                .filter_map(|t| serde_json::from_str::<OutboxEntry>(t).ok())
                .find(|e| e.key() == id);
            if let Some(mut entry) = entry {
                entry.status = "pending".into();
                entry.error = None;
                if let Ok(json) = serde_json::to_string(&entry) {
                    let _ = offline::outbox_put(&id, &json).await;
                }
            }
            sync_once(sync).await;
            refused_list.set(None);
        });
    };

    let is_approver = move || sale.is_approver();
    let save_held = move || {
        let Some(till) = context.get_untracked() else {
            return;
        };
        let carts = held.get_untracked();
        spawn_local(async move {
            cache(&format!("held:{}", till.device_id), &carts).await;
        });
    };
    let clear_sale = move || {
        lines.set(Vec::new());
        payments.set(Vec::new());
        cart_discount.set(None);
        customer.set(None);
        approval.set(None);
        editing.set(None);
        needs_approval.set(None);
        qris.set(None);
    };

    let till_state = till;
    let shift_checked = RwSignal::new(false);
    // Load the till's context, pricing, catalogue and customers: from the server when it
    // answers (refreshing the cache), otherwise from the cache.
    Effect::new(move |_| {
        spawn_local(load_till(
            till_state,
            customers,
            held,
            no_device,
            shift_checked,
        ));
    });
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| run_sync_loop(sync));

    // A closed shift leaves no receipt of its last sale on screen.
    Effect::new(move |_| {
        if shift.with(Option::is_none) {
            receipt.set(None);
        }
    });
    // The open cart survives a reload: restored once the till knows its device, then saved
    // on every change.
    let cart_restored = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(device) = context.with(|c| c.as_ref().map(|c| c.device_id.clone())) else {
            return;
        };
        if cart_restored.get_untracked() {
            return;
        }
        spawn_local(async move {
            if let Some(open) = cached::<HeldCart>(&format!("cart:{device}")).await {
                if lines.with_untracked(Vec::is_empty) {
                    lines.set(open.lines);
                    cart_discount.set(open.cart_discount);
                    customer.set(open.customer);
                    approval.set(open.approval);
                    payments.set(open.payments);
                }
            }
            if let Some(counts) = cached(&format!("sold:{device}")).await {
                sold.set(counts);
            }
            cart_restored.set(true);
        });
    });
    Effect::new(move |_| {
        let open = HeldCart {
            lines: lines.get(),
            cart_discount: cart_discount.get(),
            customer: customer.get(),
            approval: approval.get(),
            payments: payments.get(),
        };
        if !cart_restored.get() {
            return;
        }
        let Some(device) = context.with_untracked(|c| c.as_ref().map(|c| c.device_id.clone()))
        else {
            return;
        };
        spawn_local(async move { cache(&format!("cart:{device}"), &open).await });
    });

    let totals = Memo::new(move |_| {
        lines.with(|l| settings.with(|s| compute(l, cart_discount.get(), s).ok().flatten()))
    });
    let due = move || totals.get().map(|t| t.grand_total).unwrap_or_default();
    let paid = move || payments.with(|p| p.iter().map(|x| x.1).sum::<Decimal>());
    let remaining = move || (due() - paid()).max(Decimal::ZERO);
    let categories = Memo::new(move |_| {
        let mut names: Vec<String> = items.with(|all| {
            all.iter()
                .filter_map(|i| i.category.clone())
                .filter(|c| !c.is_empty())
                .collect()
        });
        names.sort();
        names.dedup();
        names
    });
    let results = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        if q.is_empty() {
            let cat = category.get();
            // What this till sells most comes first, then by name.
            return items.with(|all| {
                sold.with(|counts| {
                    let mut shown: Vec<&TillProduct> = all
                        .iter()
                        .filter(|i| cat.is_none() || i.category == cat)
                        .collect();
                    shown.sort_by(|a, b| {
                        let count = |i: &TillProduct| counts.get(&i.id).copied().unwrap_or(0);
                        count(b).cmp(&count(a)).then_with(|| a.name.cmp(&b.name))
                    });
                    shown.into_iter().take(60).cloned().collect::<Vec<_>>()
                })
            });
        }
        items.with(|all| {
            all.iter()
                .filter(|i| {
                    i.name.to_lowercase().contains(&q)
                        || i.sku.to_lowercase().contains(&q)
                        || i.barcodes.iter().any(|b| b == &q)
                })
                .take(24)
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let add = move |item: TillProduct| {
        // Every unit the outlet holds is past its expiry: not for sale (the manager writes
        // it off or returns it).
        if let Some(day) = item.expired_on.as_deref() {
            error.set(Some(format!(
                "{}: {} {}",
                item.name,
                tr(lang.get_untracked(), "expired_stock"),
                // `YYYY-MM-DD` as `DD/MM/YYYY`, without pulling date parsing into the
                // till's first load.
                day.split('-').rev().collect::<Vec<_>>().join("/")
            )));
            return;
        }
        receipt.set(None);
        lines.update(|ls| match ls.iter_mut().find(|l| l.item.id == item.id) {
            Some(l) => l.qty += Decimal::ONE,
            None => ls.push(Line {
                item,
                qty: Decimal::ONE,
                discount: None,
            }),
        });
    };
    // A keyboard-wedge scanner types the code and presses Enter.
    let on_enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Enter" {
            return;
        }
        ev.prevent_default();
        let code = query.get_untracked().trim().to_string();
        let found = items.with_untracked(|all| {
            all.iter()
                .find(|i| {
                    i.barcodes.iter().any(|b| b == &code) || i.sku.eq_ignore_ascii_case(&code)
                })
                .cloned()
        });
        match found {
            Some(item) => {
                add(item);
                query.set(String::new());
            }
            None => {
                if let Some(first) = results.get_untracked().first().cloned() {
                    add(first);
                    query.set(String::new());
                } else {
                    error.set(Some(format!(
                        "{} {code}",
                        tr(lang.get_untracked(), "code_not_found")
                    )));
                }
            }
        }
    };

    let pay_with = move |kind: TenderKind| {
        error.set(None);
        let typed = domain::money::parse_idr(&amount.get_untracked())
            .map(|m| m.amount())
            .ok();
        let value = match typed {
            Some(v) if v > Decimal::ZERO => v,
            _ => remaining(),
        };
        if value <= Decimal::ZERO {
            return;
        }
        // QRIS: show the outlet's QRIS with this amount; the cashier confirms once the
        // customer's payment has arrived.
        let static_qris =
            context.with_untracked(|c| c.as_ref().and_then(|c| c.static_qris.clone()));
        if kind == TenderKind::Qris {
            if let Some(fixed) = static_qris {
                match domain::qris::to_dynamic(&fixed, value) {
                    Ok(payload) => {
                        qris.set(Some((value, payload)));
                        amount.set(String::new());
                    }
                    Err(e) => error.set(Some(format!("QRIS: {e}"))),
                }
                return;
            }
        }
        payments.update(|p| p.push((kind, value)));
        amount.set(String::new());
    };

    let finish = move |_| {
        error.set(None);
        let Some(t) = totals.get_untracked() else {
            return;
        };
        let Some(till) = context.get_untracked() else {
            return;
        };
        if sale.over_limit(&t) {
            // The cart changed after the approval (or never had one): ask again.
            error.set(Some(tr(lang.get_untracked(), "discount_over_limit").into()));
            needs_approval.set(Some(PendingDiscount {
                target: None,
                discount: None,
                percent: discount_percent(&t),
            }));
            return;
        }
        let tenders: Vec<Tender> = payments
            .get_untracked()
            .iter()
            .map(|(k, a)| Tender {
                kind: *k,
                amount: *a,
                reference: None,
            })
            .collect();
        let settlement = match settle(t.grand_total, &tenders) {
            Ok(s) => s,
            Err(e) => {
                error.set(Some(e.to_string()));
                return;
            }
        };
        let cart_lines = lines.get_untracked();
        let payment_list = payments.get_untracked();
        let discount = cart_discount.get_untracked();
        let buyer = customer.get_untracked();
        let approved = approval
            .get_untracked()
            .filter(|_| exceeds_limit(&t, till.limit()));
        let cashier_name = ctx
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.user.name.clone()))
            .unwrap_or_default();
        let checkout = Checkout {
            till,
            till_state,
            totals: t,
            settlement,
            cart_lines,
            payment_list,
            discount,
            buyer,
            approved,
            cashier_name,
            shift_id: shift.get_untracked().map(|s| s.id),
            lang: lang.get_untracked(),
            error,
            print_message,
        };
        let sold_ids: Vec<String> = checkout
            .cart_lines
            .iter()
            .map(|l| l.item.id.clone())
            .collect();
        let device = checkout.till.device_id.clone();
        spawn_local(async move {
            if let Some(r) = record_sale(checkout).await {
                receipt.set(Some(r));
                clear_sale();
                sold.update(|counts| {
                    for id in sold_ids {
                        *counts.entry(id).or_default() += 1;
                    }
                });
                cache(&format!("sold:{device}"), &sold.get_untracked()).await;
                pending.update(|p| *p += 1);
                sync_once(sync).await;
            }
        });
    };

    let left = view! {
            <section class="till-left">
                <input class="search" type="search" placeholder=t("search_products")
                    aria-label=t("search_label") data-testid="search" autofocus
                    bind:value=query on:keydown=on_enter on:input=move |_| receipt.set(None)/>
                <div class="categories" data-testid="categories">
                    <button type="button" class:active=move || category.with(Option::is_none)
                        on:click=move |_| category.set(None)>{t("all_categories")}</button>
                    {move || categories.get().into_iter().map(|name| {
                        let chosen = name.clone();
                        let shown = name.clone();
                        view! {
                            <button type="button" class:active=move || category.with(|c| c.as_deref() == Some(shown.as_str()))
                                on:click=move |_| { query.set(String::new()); category.set(Some(chosen.clone())); }>
                                {name}
                            </button>
                        }
                    }).collect_view()}
                </div>
                <div class="results" data-testid="results">
                    {move || results.get().into_iter().map(|item| {
                        let label = item.label();
                        let price = format_idr(item.price_amount());
                        let picture = match item.image_url.clone() {
                            Some(src) => Either::Left(view! { <img class="thumb" src=src alt="" loading="lazy"/> }),
                            None => Either::Right(view! {
                                <span class="initials" aria-hidden="true" style=format!("background:{}", tile_colour(&item.name))>{initials(&item.name)}</span>
                            }),
                        };
                        let it = item.clone();
                        view! {
                            <button type="button" class="result" on:click=move |_| { add(it.clone()); query.set(String::new()); }>
                                {picture}
                                <span class="name">{label}</span>
                                <span class="price">{price}</span>
                            </button>
                        }
                    }).collect_view()}
                </div>
            </section>
    };
    let cart = view! {
                <div class="customer-row">
                    {move || match customer.get() {
                        Some(c) => Either::Left(view! {
                            <span class="chip" data-testid="customer">{t("customer")} ": " {c.name.clone()}</span>
                            <button type="button" on:click=move |_| customer.set(None)>{t("remove")}</button>
                        }),
                        None => Either::Right(view! {
                            <button type="button" data-testid="customer-button"
                                on:click=move |_| picking_customer.update(|p| *p = !*p)>{t("customer")}</button>
                        }),
                    }}
                    <button type="button" data-testid="cart-discount" disabled=move || lines.with(|l| l.is_empty())
                        on:click=move |_| { disc_value.set(String::new()); editing.set(Some(DiscountTarget::Cart)); }>
                        {t("cart_discount")}
                        {move || cart_discount.get().map(|d| format!(" −{}", discount_text(&d)))}
                    </button>
                </div>
                <div class="cart-lines">
                <table class="cart" data-testid="cart">
                    <tbody>
                        {move || {
                            let priced = totals.get().map(|t| t.lines).unwrap_or_default();
                            lines.get().into_iter().enumerate().map(|(i, l)| {
                                let net = priced.get(i).map(|p| p.gross - p.line_discount).unwrap_or_default();
                                let disc = l.discount.as_ref().map(discount_text);
                                view! {
                                    <tr>
                                        <td>
                                            {l.item.label()}
                                            {disc.map(|d| view! { <small class="line-discount">" −" {d}</small> })}
                                        </td>
                                        <td class="qty">
                                            <button type="button" aria-label=t("decrease") on:click=move |_| {
                                                // Taking a rung-up item off again is a void, recorded.
                                                if let Some(l) = lines.with_untracked(|ls| ls.get(i).cloned()) {
                                                    let q = l.qty.min(Decimal::ONE);
                                                    record_void(till_state, "line", vec![(l.item.id.clone(), l.item.label(), q, l.item.price_amount() * q)]);
                                                }
                                                lines.update(|ls| {
                                                    if let Some(x) = ls.get_mut(i) { x.qty -= Decimal::ONE; }
                                                    ls.retain(|x| x.qty > Decimal::ZERO);
                                                });
                                            }>"−"</button>
                                            <input class="qty-input" inputmode="decimal" aria-label=t("qty")
                                                prop:value=l.qty.normalize().to_string().replace('.', ",")
                                                on:change=move |ev| {
                                                    let text = event_target_value(&ev).trim().replace(',', ".");
                                                    match Decimal::from_str(&text) {
                                                        Ok(q) if q > Decimal::ZERO && q.scale() <= 3 => {
                                                            error.set(None);
                                                            lines.update(|ls| if let Some(x) = ls.get_mut(i) { x.qty = q; });
                                                        }
                                                        _ => error.set(Some(tr(lang.get_untracked(), "qty_invalid").into())),
                                                    }
                                                }/>
                                            <button type="button" aria-label=t("increase") on:click=move |_| lines.update(|ls| {
                                                if let Some(x) = ls.get_mut(i) { x.qty += Decimal::ONE; }
                                            })>"+"</button>
                                        </td>
                                        <td class="num">{format_idr(net)}</td>
                                        <td>
                                            <button type="button" class="small" aria-label=t("line_discount")
                                                on:click=move |_| { disc_value.set(String::new()); editing.set(Some(DiscountTarget::Line(i))); }>"%"</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
                    {move || lines.with(Vec::is_empty).then(|| view! { <p class="muted empty-cart">{t("cart_empty")}</p> })}
                </div>
    };
    let panels = view! {
                {shown(move || picking_customer.get(), move || view! { <div class="sheet">{sale_panel_view(sale, SalePanel::Customer)}</div> })}
                {shown(move || editing.get().is_some(), move || view! { <div class="sheet">{sale_panel_view(sale, SalePanel::Discount)}</div> })}
                {shown(move || needs_approval.get().is_some(), move || view! { <div class="sheet">{sale_panel_view(sale, SalePanel::Approval)}</div> })}
    };
    // The charge panel: always on screen, whatever the cart's length.
    let charge = view! {
            <div class="charge" data-testid="charge">
                    {move || totals.get().map(|tot| view! {
                        <dl class="totals">
                            <dt>{t("subtotal")}</dt><dd>{format_idr(tot.subtotal)}</dd>
                            {(!tot.discount_total.is_zero()).then(|| view! {
                                <dt>{t("discount")} " (" {discount_percent(&tot).normalize().to_string().replace('.', ",")} "%)"</dt>
                                <dd data-testid="discount">"−" {format_idr(tot.discount_total)}</dd>
                            })}
                            <dt>{t("tax_ppn")}</dt><dd data-testid="tax">{format_idr(tot.tax)}</dd>
                            <dt class="grand">{t("total")}</dt><dd class="grand" data-testid="grand-total">{format_idr(tot.grand_total)}</dd>
                        </dl>
                    })}
                    {move || approval.get().map(|a| view! {
                        <p class="muted" data-testid="approval">{t("approved_by")} ": " {a.approver_name} " (≤ " {a.max_percent.normalize().to_string()} "%)"</p>
                    })}
                    <ul class="payments" data-testid="payments">
                        {move || payments.get().into_iter().map(|(k, a)| view! { <li>{move || tender_label(lang.get(), k)} " " {format_idr(a)}</li> }).collect_view()}
                    </ul>
                    <p class="remaining">{t("remaining")} " " <strong data-testid="remaining">{move || format_idr(remaining())}</strong></p>
                    <div class="quick" data-testid="quick-cash">
                        {move || quick_cash(remaining()).into_iter().enumerate().map(|(n, v)| view! {
                            <button type="button" class="cash-note" on:click=move |_| { error.set(None); payments.update(|p| p.push((TenderKind::Cash, v))); }>
                                {if n == 0 { Either::Left(view! { <span>{t("exact_cash")}</span><br/> }) } else { Either::Right(()) }}
                                {format_idr(v)}
                            </button>
                        }).collect_view()}
                    </div>
                    <div class="amount-row">
                        <input inputmode="numeric" placeholder=t("amount_hint") aria-label=t("amount_label")
                            data-testid="amount" bind:value=amount/>
                    </div>
                    <div class="methods">
                        {[TenderKind::Cash, TenderKind::Qris, TenderKind::EWallet, TenderKind::DebitCard, TenderKind::Transfer]
                            .into_iter()
                            .map(|k| view! { <button type="button" on:click=move |_| pay_with(k)>{move || tender_label(lang.get(), k)}</button> })
                            .collect_view()}
                    </div>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <div class="finish-row">
                        <button type="button" data-testid="void-cart" class="danger" disabled=move || lines.with(|l| l.is_empty()) on:click=move |_| {
                            let voided: Vec<_> = lines.with_untracked(|ls| ls.iter().map(|l| (l.item.id.clone(), l.item.label(), l.qty, l.item.price_amount() * l.qty)).collect());
                            record_void(till_state, "cart", voided);
                            clear_sale();
                        }>{t("void_cart")}</button>
                        <button type="button" data-testid="hold" disabled=move || lines.with(|l| l.is_empty())
                            on:click=move |_| {
                                let cart = HeldCart {
                                    lines: lines.get_untracked(),
                                    cart_discount: cart_discount.get_untracked(),
                                    customer: customer.get_untracked(),
                                    approval: approval.get_untracked(),
                                    payments: Vec::new(),
                                };
                                held.update(|h| h.push(cart));
                                clear_sale();
                                save_held();
                            }>{t("hold")}</button>
                        <button type="button" class="primary big" data-testid="finish"
                            disabled=move || totals.get().is_none() || paid() < due()
                            on:click=finish>{t("finish")}</button>
                    </div>
                    {shown(move || held.with(|h| !h.is_empty()), move || view! {
                        <div class="held" data-testid="held">
                            <span>{t("on_hold")}</span>
                            {move || held.get().into_iter().enumerate().map(|(n, cart)| {
                                let count = cart.lines.len();
                                let value = cart.lines.iter().map(|l| l.item.price_amount() * l.qty).sum::<Decimal>();
                                view! {
                                    <button type="button" disabled=move || lines.with(|l| !l.is_empty())
                                        on:click=move |_| {
                                            let mut restored = None;
                                            held.update(|h| if n < h.len() { restored = Some(h.remove(n)); });
                                            if let Some(cart) = restored {
                                                receipt.set(None);
                                                lines.set(cart.lines);
                                                cart_discount.set(cart.cart_discount);
                                                customer.set(cart.customer);
                                                approval.set(cart.approval);
                                            }
                                            save_held();
                                        }>
                                        {move || format!("{} #{} · {count} {} · {}", tr(lang.get(), "recall"), n + 1, tr(lang.get(), "items"), format_idr(value))}
                                    </button>
                                }
                            }).collect_view()}
                        </div>
                    })}
            </div>
    };
    let cashier = move || ctx.session.get().map(|s| s.user.name).unwrap_or_default();
    view! {
        <div class="till-head">
            <h1 class="sr-only" data-testid="page-title">{t("till")}</h1>
            <span data-testid="cashier-name" class="chip strong">{cashier}</span>
            <span data-testid="device-info" class="chip">{move || context.get().map(|c| format!("{} · {}", c.outlet_name, c.device_code))}</span>
            <span data-testid="sync-status" class="chip" class:offline=move || !online.get()>
                {move || if online.get() { "Online" } else { "Offline" }}
                " · " {move || pending.get()} " " {t("waiting")}
                {move || (rejected.get() > 0).then(|| format!(" · {} {}", rejected.get(), tr(lang.get(), "refused")))}
                {move || last_sync.get().map(|s| format!(" · {} {}", tr(lang.get(), "synced"), crate::kernel::pages::local_time(&s, crate::kernel::pages::zone_offset(&context.with(|c| c.as_ref().map(|c| c.timezone.clone()).unwrap_or_default())))))}
            </span>
            {shown(move || shift.with(Option::is_some), move || view! {
                <OpsBar till=till_state/>
            })}
            <a class="button" href="/kasir/pin">{t("switch_user")}</a>
            <a class="button" href="/kasir/perangkat">{t("devices")}</a>
        </div>
        {shown(move || { rejected.get() > 0 }, move || view! {
            <div class="panel approval" data-testid="refused">
                <button type="button" on:click=move |_| show_refused()>{t("rejected_sales")} " (" {move || rejected.get()} ")"</button>
                {move || refused_list.get().map(|list| list.into_iter().map(|(id, receipt, why)| view! {
                    <p>
                        <strong>{receipt}</strong> " — " {why} " "
                        {shown(is_approver, move || view! {
                            <button type="button" on:click={let id = id.clone(); move |_| retry(id.clone())}>{t("retry")}</button>
                        })}
                    </p>
                }).collect_view())}
            </div>
        })}
        {shown(move || no_device.get(), move || view! {
            <p class="error" role="alert">{t("not_registered")} " " <a href="/kasir/perangkat">{t("register_device")}</a></p>
        })}
        {shown(move || context.with(Option::is_some) && shift_checked.get() && shift.with(Option::is_none), move || extra_view(Extra::ShiftGate(till_state)))}
        <div class="till" class:hidden=move || shift.with(Option::is_none)>
            {left}
            <section class="till-right">
                {cart}
                {charge}
            </section>
        </div>
        {panels}
        {shown(move || qris.with(Option::is_some), move || extra_view(Extra::Qris(QrisScreen { qris, payments, message: print_message, till: till_state })))}
        {shown(move || receipt.with(Option::is_some), move || extra_view(Extra::Done(receipt, print_message)))}
    }
}

/// Up to two letters for a product without a picture: "Indomie Goreng" → "IG".
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// A steady colour per name, so a product's tile looks the same on every visit; dark
/// enough for white letters (WCAG AA).
fn tile_colour(name: &str) -> String {
    let hue = name
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
        % 360;
    format!("hsl({hue} 55% 32%)")
}
