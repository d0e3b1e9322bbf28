//! The selling screen. Everything a sale needs is on the device: the catalogue and pricing
//! rules are cached in IndexedDB, totals come from the `domain` crate, and a finished sale
//! goes into the outbox first; a sync loop delivers it to the server, which accepts each
//! `client_sale_id` once.
use std::str::FromStr;

use domain::money::format_idr;
use domain::payment::{settle, Tender, TenderKind};
use domain::pricing::{price_cart, Cart, CartLine, PricingSettings, Totals};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::client;
use crate::i18n::{t, use_lang};
use crate::model::{CurrentDevice, Outlet};
use crate::offline;
use crate::session::{use_session, Protected};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub sku: String,
    pub name: String,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default, alias = "category_name")]
    pub category: Option<String>,
    #[serde(default)]
    pub unit: String,
    pub price: String,
    #[serde(default)]
    pub tax: String,
    #[serde(default)]
    pub barcodes: Vec<String>,
}

impl Item {
    fn label(&self) -> String {
        match &self.variant {
            Some(v) if !v.is_empty() => format!("{} {v}", self.name),
            _ => self.name.clone(),
        }
    }
    fn price(&self) -> Decimal {
        Decimal::from_str(&self.price).unwrap_or_default()
    }
}

#[derive(Clone, Debug, Deserialize)]
struct TillCatalogue {
    products: Vec<Item>,
}

/// Where this till sells: cached so the till opens without the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TillContext {
    pub outlet_id: String,
    pub outlet_code: String,
    pub outlet_name: String,
    pub device_id: String,
    pub device_code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Line {
    item: Item,
    qty: Decimal,
}

#[derive(Clone, Debug, PartialEq)]
struct Receipt {
    number: String,
    lines: Vec<(String, Decimal, Decimal)>,
    totals: Totals,
    payments: Vec<(TenderKind, Decimal)>,
    change: Decimal,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct OutboxEntry {
    sale: serde_json::Value,
    /// `pending`, or `rejected` when the server refused it and a manager must look.
    status: String,
    #[serde(default)]
    error: Option<String>,
}

fn tender_label(kind: TenderKind) -> &'static str {
    match kind {
        TenderKind::Cash => "Tunai",
        TenderKind::Qris => "QRIS",
        TenderKind::EWallet => "E-wallet",
        TenderKind::DebitCard => "Kartu debit",
        TenderKind::CreditCard => "Kartu kredit",
        TenderKind::Transfer => "Transfer",
        TenderKind::MemberSavings => "Simpanan anggota",
    }
}

fn tender_code(kind: TenderKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn compute(lines: &[Line], settings: &PricingSettings) -> Option<Totals> {
    if lines.is_empty() {
        return None;
    }
    let cart = Cart {
        lines: lines
            .iter()
            .enumerate()
            .map(|(i, l)| CartLine {
                id: i.to_string(),
                unit_price: l.item.price(),
                quantity: l.qty,
                member_price: None,
                time_prices: Vec::new(),
                discount: None,
                tax_exempt: l.item.tax == "none",
            })
            .collect(),
        cart_discount: None,
        is_member: false,
        local_time: None,
    };
    price_cart(&cart, settings).ok()
}

/// Tries every queued sale once; returns how many are still waiting.
async fn sync_once(
    pending: RwSignal<usize>,
    rejected: RwSignal<usize>,
    online: RwSignal<bool>,
    last_sync: RwSignal<Option<String>>,
) {
    let entries = offline::outbox_all().await.unwrap_or_default();
    let mut waiting = 0;
    let mut refused = 0;
    let mut reached = false;
    for text in entries {
        let Ok(mut entry) = serde_json::from_str::<OutboxEntry>(&text) else {
            continue;
        };
        let id = entry.sale["client_sale_id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        if entry.status == "rejected" {
            refused += 1;
            continue;
        }
        match client::post::<serde_json::Value>("/api/v1/sales", &entry.sale).await {
            Ok(_) => {
                reached = true;
                let _ = offline::outbox_delete(&id).await;
            }
            Err(e) if e.status == 0 || e.status >= 500 || e.status == 401 => {
                // Unreachable (or signed out): keep it and try again later.
                reached = reached || e.status != 0;
                waiting += 1;
            }
            Err(e) => {
                reached = true;
                entry.status = "rejected".into();
                entry.error = Some(e.message);
                if let Ok(json) = serde_json::to_string(&entry) {
                    let _ = offline::outbox_put(&id, &json).await;
                }
                refused += 1;
            }
        }
    }
    pending.set(waiting);
    rejected.set(refused);
    if reached || waiting == 0 {
        online.set(offline::browser_online());
        last_sync.set(Some(offline::now_rfc3339()));
    } else {
        online.set(false);
    }
}

#[component]
pub fn SellPage() -> impl IntoView {
    view! {
        <Protected roles=&["owner", "admin", "manager", "cashier"]>
            <SellBody/>
        </Protected>
    }
}

#[component]
fn SellBody() -> impl IntoView {
    let ctx = use_session();
    let lang = use_lang();
    let context = RwSignal::new(None::<TillContext>);
    let no_device = RwSignal::new(false);
    let items = RwSignal::new(Vec::<Item>::new());
    let settings = RwSignal::new(PricingSettings::default());
    let query = RwSignal::new(String::new());
    let lines = RwSignal::new(Vec::<Line>::new());
    let payments = RwSignal::new(Vec::<(TenderKind, Decimal)>::new());
    let amount = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let receipt = RwSignal::new(None::<Receipt>);
    let pending = RwSignal::new(0usize);
    let rejected = RwSignal::new(0usize);
    let online = RwSignal::new(true);
    let last_sync = RwSignal::new(None::<String>);
    // Carts put on hold (a customer fetching one more item); kept on the device.
    let held = RwSignal::new(Vec::<Vec<Line>>::new());
    let save_held = move || {
        let Some(till) = context.get_untracked() else {
            return;
        };
        let json =
            held.with_untracked(|h| serde_json::to_string(h).unwrap_or_else(|_| "[]".into()));
        spawn_local(async move {
            let _ = offline::kv_put(&format!("held:{}", till.device_id), &json).await;
        });
    };

    // Load the till's context, pricing and catalogue: from the server when it answers
    // (refreshing the cache), otherwise from the cache.
    Effect::new(move |_| {
        spawn_local(async move {
            let fresh = async {
                let d = client::get::<CurrentDevice>("/api/v1/devices/current")
                    .await
                    .ok()?;
                let o = client::get::<Outlet>(&format!("/api/v1/outlets/{}", d.device.outlet_id))
                    .await
                    .ok()?;
                Some(TillContext {
                    outlet_id: o.id,
                    outlet_code: o.code,
                    outlet_name: o.name,
                    device_id: d.device.id,
                    device_code: d.device.code,
                })
            }
            .await;
            let till = match fresh {
                Some(c) => {
                    if let Ok(json) = serde_json::to_string(&c) {
                        let _ = offline::kv_put("context", &json).await;
                    }
                    Some(c)
                }
                None => offline::kv_get("context")
                    .await
                    .ok()
                    .flatten()
                    .and_then(|j| serde_json::from_str(&j).ok()),
            };
            let Some(till) = till else {
                no_device.set(true);
                return;
            };
            let pricing_key = format!("pricing:{}", till.outlet_id);
            match client::get::<PricingSettings>(&format!(
                "/api/v1/outlets/{}/pricing",
                till.outlet_id
            ))
            .await
            {
                Ok(p) => {
                    if let Ok(json) = serde_json::to_string(&p) {
                        let _ = offline::kv_put(&pricing_key, &json).await;
                    }
                    settings.set(p);
                }
                Err(_) => {
                    if let Some(p) = offline::kv_get(&pricing_key)
                        .await
                        .ok()
                        .flatten()
                        .and_then(|j| serde_json::from_str(&j).ok())
                    {
                        settings.set(p);
                    }
                }
            }
            let catalogue_key = format!("catalogue:{}", till.outlet_id);
            match client::get::<TillCatalogue>(&format!(
                "/api/v1/outlets/{}/catalogue",
                till.outlet_id
            ))
            .await
            {
                Ok(TillCatalogue { products: list }) => {
                    if let Ok(json) = serde_json::to_string(&list) {
                        let _ = offline::kv_put(&catalogue_key, &json).await;
                    }
                    items.set(list);
                }
                Err(_) => {
                    if let Some(list) = offline::kv_get(&catalogue_key)
                        .await
                        .ok()
                        .flatten()
                        .and_then(|j| serde_json::from_str(&j).ok())
                    {
                        items.set(list);
                    }
                }
            }
            if let Some(h) = offline::kv_get(&format!("held:{}", till.device_id))
                .await
                .ok()
                .flatten()
                .and_then(|j| serde_json::from_str(&j).ok())
            {
                held.set(h);
            }
            context.set(Some(till));
        });
    });

    // The sync loop: every few seconds while the page is open, backing off when offline.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let alive = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let stop = alive.clone();
        on_cleanup(move || stop.store(false, std::sync::atomic::Ordering::Relaxed));
        spawn_local(async move {
            let mut delay = 2_000u32;
            while alive.load(std::sync::atomic::Ordering::Relaxed) {
                sync_once(pending, rejected, online, last_sync).await;
                delay = if online.get_untracked() {
                    2_000
                } else {
                    (delay * 2).min(30_000)
                };
                // Sleep in short steps so the moment the network returns, the queue goes.
                let was_online = online.get_untracked();
                let mut slept = 0;
                while slept < delay {
                    gloo_timers::future::TimeoutFuture::new(500).await;
                    slept += 500;
                    if !was_online && offline::browser_online() {
                        break;
                    }
                }
            }
        });
    });

    let totals = Memo::new(move |_| lines.with(|l| settings.with(|s| compute(l, s))));
    let due = move || totals.get().map(|t| t.grand_total).unwrap_or_default();
    let paid = move || payments.with(|p| p.iter().map(|x| x.1).sum::<Decimal>());
    let remaining = move || (due() - paid()).max(Decimal::ZERO);

    let results = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
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

    let add = move |item: Item| {
        receipt.set(None);
        lines.update(|ls| match ls.iter_mut().find(|l| l.item.id == item.id) {
            Some(l) => l.qty += Decimal::ONE,
            None => ls.push(Line {
                item,
                qty: Decimal::ONE,
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
                    error.set(Some(format!("Kode {code} tidak ditemukan.")));
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
        spawn_local(async move {
            let counter_key = format!("receipt_counter:{}", till.device_id);
            let next = offline::kv_get(&counter_key)
                .await
                .ok()
                .flatten()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
                + 1;
            let _ = offline::kv_put(&counter_key, &next.to_string()).await;
            let number = format!("{}-{}-{next:06}", till.outlet_code, till.device_code);
            let client_sale_id = offline::new_sale_id();
            let sale = json!({
                "client_sale_id": client_sale_id,
                "outlet_id": till.outlet_id,
                "receipt_no": number,
                "sold_at": offline::now_rfc3339(),
                "lines": cart_lines.iter().map(|l| json!({
                    "product_id": l.item.id, "quantity": l.qty.normalize().to_string(),
                    "unit_price": l.item.price().normalize().to_string()
                })).collect::<Vec<_>>(),
                "payments": payment_list.iter().map(|(k, a)| json!({"method": tender_code(*k), "amount": a.normalize().to_string()})).collect::<Vec<_>>(),
                "totals": {
                    "subtotal": t.subtotal.normalize().to_string(),
                    "discount_total": t.discount_total.normalize().to_string(),
                    "service_charge": t.service_charge.normalize().to_string(),
                    "tax": t.tax.normalize().to_string(),
                    "rounding": t.rounding.normalize().to_string(),
                    "grand_total": t.grand_total.normalize().to_string(),
                    "paid_total": settlement.paid_total.normalize().to_string(),
                    "change": settlement.change.normalize().to_string(),
                }
            });
            let entry = OutboxEntry {
                sale,
                status: "pending".into(),
                error: None,
            };
            match serde_json::to_string(&entry) {
                Ok(json) => {
                    if let Err(e) = offline::outbox_put(&client_sale_id, &json).await {
                        error.set(Some(format!("Penjualan tidak tersimpan di perangkat: {e}")));
                        return;
                    }
                }
                Err(e) => {
                    error.set(Some(e.to_string()));
                    return;
                }
            }
            receipt.set(Some(Receipt {
                number,
                lines: cart_lines
                    .iter()
                    .map(|l| (l.item.label(), l.qty, l.item.price() * l.qty))
                    .collect(),
                totals: t,
                payments: payment_list,
                change: settlement.change,
            }));
            lines.set(Vec::new());
            payments.set(Vec::new());
            pending.update(|p| *p += 1);
            sync_once(pending, rejected, online, last_sync).await;
        });
    };

    let cashier = move || ctx.session.get().map(|s| s.user.name).unwrap_or_default();
    let _ = lang;
    view! {
        <div class="till-head">
            <h1 data-testid="page-title">{t("till")}</h1>
            <span data-testid="cashier-name" class="chip">{cashier}</span>
            <span data-testid="device-info" class="chip">{move || context.get().map(|c| format!("{} · {}", c.outlet_name, c.device_code))}</span>
            <span data-testid="sync-status" class="chip" class:offline=move || !online.get()>
                {move || if online.get() { "Online" } else { "Offline" }}
                " · " {move || pending.get()} " menunggu"
                {move || (rejected.get() > 0).then(|| format!(" · {} ditolak", rejected.get()))}
                {move || last_sync.get().map(|s| format!(" · sinkron {}", crate::pages::local_time(&s, 7)))}
            </span>
            <a class="button" href="/kasir/pin">{t("switch_user")}</a>
            <a class="button" href="/kasir/perangkat">{t("devices")}</a>
        </div>
        <Show when=move || no_device.get()>
            <p class="error" role="alert">{t("not_registered")} " " <a href="/kasir/perangkat">{t("register_device")}</a></p>
        </Show>
        <div class="till">
            <section class="till-left">
                <input class="search" type="search" placeholder="Cari nama / SKU, atau pindai barcode"
                    aria-label="Cari produk" data-testid="search" autofocus
                    bind:value=query on:keydown=on_enter/>
                <div class="results" data-testid="results">
                    {move || results.get().into_iter().map(|item| {
                        let label = item.label();
                        let price = format_idr(item.price());
                        let it = item.clone();
                        view! {
                            <button type="button" class="result" on:click=move |_| add(it.clone())>
                                <span class="name">{label}</span>
                                <span class="price">{price}</span>
                            </button>
                        }
                    }).collect_view()}
                </div>
            </section>
            <section class="till-right card">
                <table class="cart" data-testid="cart">
                    <tbody>
                        {move || lines.get().into_iter().enumerate().map(|(i, l)| {
                            let total = format_idr(l.item.price() * l.qty);
                            view! {
                                <tr>
                                    <td>{l.item.label()}</td>
                                    <td class="qty">
                                        <button type="button" aria-label="Kurangi" on:click=move |_| lines.update(|ls| {
                                            if let Some(x) = ls.get_mut(i) { x.qty -= Decimal::ONE; }
                                            ls.retain(|x| x.qty > Decimal::ZERO);
                                        })>"−"</button>
                                        <input class="qty-input" inputmode="decimal" aria-label="Jumlah"
                                            prop:value=l.qty.normalize().to_string().replace('.', ",")
                                            on:change=move |ev| {
                                                let text = event_target_value(&ev).trim().replace(',', ".");
                                                match Decimal::from_str(&text) {
                                                    Ok(q) if q > Decimal::ZERO && q.scale() <= 3 => {
                                                        error.set(None);
                                                        lines.update(|ls| if let Some(x) = ls.get_mut(i) { x.qty = q; });
                                                    }
                                                    _ => error.set(Some("Jumlah harus angka lebih dari 0 (maks. 3 desimal).".into())),
                                                }
                                            }/>
                                        <button type="button" aria-label="Tambah" on:click=move |_| lines.update(|ls| {
                                            if let Some(x) = ls.get_mut(i) { x.qty += Decimal::ONE; }
                                        })>"+"</button>
                                    </td>
                                    <td class="num">{total}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {move || totals.get().map(|t| view! {
                    <dl class="totals">
                        <dt>"Subtotal"</dt><dd>{format_idr(t.subtotal)}</dd>
                        <dt>"PPN"</dt><dd data-testid="tax">{format_idr(t.tax)}</dd>
                        <dt class="grand">"Total"</dt><dd class="grand" data-testid="grand-total">{format_idr(t.grand_total)}</dd>
                    </dl>
                })}
                <div class="pay">
                    <input inputmode="numeric" placeholder="Jumlah (kosong = sisa tagihan)" aria-label="Jumlah bayar"
                        data-testid="amount" bind:value=amount/>
                    <div class="quick">
                        {[20_000i64, 50_000, 100_000].into_iter().map(|v| view! {
                            <button type="button" on:click=move |_| amount.set(v.to_string())>{format_idr(Decimal::from(v))}</button>
                        }).collect_view()}
                    </div>
                    <div class="methods">
                        {[TenderKind::Cash, TenderKind::Qris, TenderKind::EWallet, TenderKind::DebitCard, TenderKind::Transfer]
                            .into_iter()
                            .map(|k| view! { <button type="button" on:click=move |_| pay_with(k)>{tender_label(k)}</button> })
                            .collect_view()}
                    </div>
                    <ul class="payments" data-testid="payments">
                        {move || payments.get().into_iter().map(|(k, a)| view! { <li>{tender_label(k)} " " {format_idr(a)}</li> }).collect_view()}
                    </ul>
                    <p>"Sisa: " <strong data-testid="remaining">{move || format_idr(remaining())}</strong></p>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <button type="button" class="primary big" data-testid="finish"
                        disabled=move || totals.get().is_none() || paid() < due()
                        on:click=finish>"Selesai"</button>
                    <div class="row-actions">
                        <button type="button" on:click=move |_| { lines.set(Vec::new()); payments.set(Vec::new()); }>"Batal"</button>
                        <button type="button" data-testid="hold" disabled=move || lines.with(|l| l.is_empty())
                            on:click=move |_| {
                                let cart = lines.get_untracked();
                                held.update(|h| h.push(cart));
                                lines.set(Vec::new());
                                payments.set(Vec::new());
                                save_held();
                            }>"Tahan"</button>
                    </div>
                    <Show when=move || held.with(|h| !h.is_empty())>
                        <div class="held" data-testid="held">
                            <span>"Ditahan:"</span>
                            {move || held.get().into_iter().enumerate().map(|(n, cart)| {
                                let count = cart.len();
                                let value = cart.iter().map(|l| l.item.price() * l.qty).sum::<Decimal>();
                                view! {
                                    <button type="button" disabled=move || lines.with(|l| !l.is_empty())
                                        on:click=move |_| {
                                            let mut restored = None;
                                            held.update(|h| if n < h.len() { restored = Some(h.remove(n)); });
                                            if let Some(cart) = restored {
                                                receipt.set(None);
                                                lines.set(cart);
                                            }
                                            save_held();
                                        }>
                                        {format!("Panggil #{} · {count} barang · {}", n + 1, format_idr(value))}
                                    </button>
                                }
                            }).collect_view()}
                        </div>
                    </Show>
                </div>
            </section>
        </div>
        {move || receipt.get().map(|r| view! {
            <section class="card receipt" data-testid="receipt">
                <h2>"Struk " {r.number.clone()}</h2>
                <table>
                    {r.lines.into_iter().map(|(n, q, a)| view! { <tr><td>{n}</td><td>{q.normalize().to_string()}</td><td class="num">{format_idr(a)}</td></tr> }).collect_view()}
                </table>
                <p>"Total " <strong>{format_idr(r.totals.grand_total)}</strong> " · PPN " {format_idr(r.totals.tax)}</p>
                {r.payments.into_iter().map(|(k, a)| view! { <p>{tender_label(k)} " " {format_idr(a)}</p> }).collect_view()}
                <p>"Kembalian " <strong data-testid="change">{format_idr(r.change)}</strong></p>
                <button type="button" onclick="window.print()">"Cetak"</button>
            </section>
        })}
    }
}
