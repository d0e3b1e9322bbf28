//! A refund of an earlier sale at the till: find the receipt, pick lines and quantities,
//! see what goes back per tender, and the manager approves with a PIN.
use std::collections::HashMap;
use std::str::FromStr;

use domain::api::pos::{RefundView, SaleLookup};
use domain::money::format_idr;
use domain::payment::TenderKind;
use domain::receipt::{Receipt, Slip, SlipRow};
use domain::refund::{allocate_tenders, refund_lines, RefundRequestLine, SoldLine};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use serde_json::json;

use super::outbox::cached;
use super::till_model::*;
use super::till_ops::*;
use crate::kernel::approval::ManagerPin;
use crate::kernel::client::{self};
use crate::kernel::i18n::{t, tr, use_lang, Lang};
use crate::kernel::offline;
use crate::kernel::pages::error_text;
use crate::kernel::session::use_session;

/// What a refund would pay back, as the server will compute it.
pub(super) fn refund_preview(
    lookup: &Lookup,
    wanted: &[(u32, Decimal)],
    to_cash: bool,
) -> Result<(Decimal, Vec<(TenderKind, Decimal)>), String> {
    let sold: Vec<SoldLine> = lookup
        .sale
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| SoldLine {
            line_no: i as u32 + 1,
            quantity: d(&l.quantity),
            net: d(&l.net),
        })
        .collect();
    let already: HashMap<u32, Decimal> = lookup
        .refunded
        .iter()
        .map(|r| (r.line_no, d(&r.quantity)))
        .collect();
    let request: Vec<RefundRequestLine> = wanted
        .iter()
        .filter(|(_, q)| *q > Decimal::ZERO)
        .map(|(n, q)| RefundRequestLine {
            line_no: *n,
            quantity: *q,
        })
        .collect();
    let lines = refund_lines(&sold, d(&lookup.sale.grand_total), &already, &request)
        .map_err(|e| e.to_string())?;
    let total = domain::refund::total(&lines);
    let paid: Vec<(TenderKind, Decimal)> = lookup
        .sale
        .payments
        .iter()
        .filter_map(|p| kind_of(&p.method).map(|k| (k, d(&p.amount))))
        .collect();
    // Earlier refunds' tenders are not known offline; the server allocates from its own
    // record and the cashier sees its answer when online.
    let tenders = allocate_tenders(total, &paid, d(&lookup.sale.change), &[], to_cash);
    Ok((total, tenders))
}

#[component]
pub(super) fn RefundPanel(till: Till) -> impl IntoView {
    let lang = use_lang();
    let ctx = use_session();
    let receipt_no = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Lookup>);
    let quantities = RwSignal::new(Vec::<String>::new());
    let to_cash = RwSignal::new(false);
    let restock = RwSignal::new(true);
    let reason = RwSignal::new(String::new());
    let approver = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let slip = RwSignal::new(None::<Slip>);
    let receipt = RwSignal::new(None::<Receipt>);
    let busy = RwSignal::new(false);

    let find = move || {
        error.set(None);
        slip.set(None);
        receipt.set(None);
        let no = receipt_no.get_untracked().trim().to_string();
        if no.is_empty() {
            return;
        }
        let Some(c) = till.context.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let lang = lang.get_untracked();
            let url = format!(
                "/api/v1/sales/lookup?receipt_no={}",
                client::encode_query(&no)
            );
            let answer = match client::get::<SaleLookup>(&url).await {
                Ok(l) => Ok(Lookup::from(l)),
                Err(e) if e.status == 0 => recent_sale(&c.device_id, &no)
                    .await
                    .ok_or_else(|| tr(lang, "receipt_not_here_offline").to_string()),
                Err(e) if e.status == 404 => {
                    // Sold here a moment ago and still in the outbox.
                    recent_sale(&c.device_id, &no)
                        .await
                        .ok_or_else(|| error_text(lang, &e))
                }
                Err(e) => Err(error_text(lang, &e)),
            };
            match answer {
                Ok(l) => {
                    quantities.set(vec![String::new(); l.sale.lines.len()]);
                    found.set(Some(l));
                }
                Err(m) => {
                    found.set(None);
                    error.set(Some(m));
                }
            }
        });
    };
    let wanted = move || -> Vec<(u32, Decimal)> {
        quantities.with(|qs| {
            qs.iter()
                .enumerate()
                .filter_map(|(i, q)| {
                    let q = Decimal::from_str(&q.trim().replace(',', ".")).ok()?;
                    (q > Decimal::ZERO).then_some((i as u32 + 1, q))
                })
                .collect()
        })
    };
    let preview = Memo::new(move |_| {
        let l = found.get()?;
        let w = wanted();
        if w.is_empty() {
            return None;
        }
        Some(refund_preview(&l, &w, to_cash.get()))
    });
    let submit = move || {
        error.set(None);
        let lang = lang.get_untracked();
        let (Some(l), Some(c)) = (found.get_untracked(), till.context.get_untracked()) else {
            return;
        };
        let w = wanted();
        let (total, tenders) = match refund_preview(&l, &w, to_cash.get_untracked()) {
            Ok(p) if !w.is_empty() => p,
            Ok(_) => {
                error.set(Some(tr(lang, "refund_pick_lines").into()));
                return;
            }
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let why = reason.get_untracked().trim().to_string();
        if why.is_empty() {
            error.set(Some(tr(lang, "reason_required").into()));
            return;
        }
        let approver_id = approver.get_untracked();
        let approver_name = c
            .approvers
            .iter()
            .find(|a| a.0 == approver_id)
            .map(|a| a.1.clone())
            .unwrap_or_default();
        let cashier = ctx
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.user.name.clone()))
            .unwrap_or_default();
        let shift_id = till.shift.get_untracked().map(|s| s.id);
        busy.set(true);
        spawn_local(async move {
            let counter_key = format!("refund_counter:{}", c.device_id);
            let next = offline::kv_get(&counter_key)
                .await
                .ok()
                .flatten()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
                + 1;
            let refund_no = format!("{}-{}-R{next:05}", c.outlet_code, c.device_code);
            let id = offline::new_sale_id();
            let refunded_at = offline::now_rfc3339();
            let body = json!({
                "id": id, "outlet_id": c.outlet_id, "receipt_no": l.sale.receipt_no,
                "refund_no": refund_no, "refunded_at": refunded_at, "shift_id": shift_id,
                "lines": w.iter().map(|(n, q)| json!({"line_no": n, "quantity": q.normalize().to_string()})).collect::<Vec<_>>(),
                "to_cash": to_cash.get_untracked(), "restock": restock.get_untracked(),
                "reason": why, "approver_id": approver_id, "pin": pin.get_untracked(),
                "total": total.normalize().to_string(),
            });
            let answer = send_or_queue(&till, &id, "/api/v1/refunds", body, &refund_no).await;
            busy.set(false);
            pin.set(String::new());
            // The server's tenders when it answered (it knows earlier refunds), else ours.
            let tenders: Vec<(String, Decimal)> = match &answer {
                Ok(Some(v)) => serde_json::from_value::<RefundView>(v.clone())
                    .map(|r| {
                        r.payments
                            .into_iter()
                            .map(|p| {
                                let label = kind_of(&p.method)
                                    .map(|k| tender_label(Lang::Id, k).to_string())
                                    .unwrap_or(p.method);
                                (label, d(&p.amount))
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                _ => tenders
                    .iter()
                    .map(|(k, a)| (tender_label(Lang::Id, *k).to_string(), *a))
                    .collect(),
            };
            match answer {
                Ok(sent) => {
                    // Numbered only once taken: a refused attempt leaves no gap.
                    let _ = offline::kv_put(&counter_key, &next.to_string()).await;
                    note_refund(&c.device_id, &l.sale.receipt_no, &w).await;
                    let mut rows = vec![
                        SlipRow::Pair("Struk".into(), l.sale.receipt_no.clone()),
                        SlipRow::Pair("Kasir".into(), cashier),
                        SlipRow::Pair(
                            "Waktu".into(),
                            crate::kernel::pages::local_time(
                                &refunded_at,
                                crate::kernel::pages::zone_offset(&c.timezone),
                            ),
                        ),
                        SlipRow::Rule,
                    ];
                    for (n, q) in &w {
                        if let Some(line) = l.sale.lines.get(*n as usize - 1) {
                            rows.push(SlipRow::Text(line.name.clone()));
                            rows.push(SlipRow::Pair(
                                format!("  {} x", q.normalize().to_string().replace('.', ",")),
                                String::new(),
                            ));
                        }
                    }
                    rows.push(SlipRow::Rule);
                    rows.push(SlipRow::Total("TOTAL REFUND".into(), format_idr(total)));
                    for (label, a) in &tenders {
                        rows.push(SlipRow::Pair(label.clone(), format_idr(*a)));
                    }
                    rows.push(SlipRow::Pair("Disetujui".into(), approver_name));
                    rows.push(SlipRow::Pair(
                        "Barang".into(),
                        if restock.get_untracked() {
                            "kembali ke stok".into()
                        } else {
                            "rusak".into()
                        },
                    ));
                    slip.set(Some(Slip {
                        header: outlet_header(&till),
                        title: format!("REFUND {refund_no}"),
                        rows,
                        footer: vec![format!("Alasan: {}", reason.get_untracked().trim())],
                        qr: Some(refund_no.clone()),
                    }));
                    message.set(Some(format!(
                        "{} {refund_no} · {}{}",
                        tr(lang, "refund_done"),
                        format_idr(total),
                        if sent.is_none() {
                            format!(" ({})", tr(lang, "queued"))
                        } else {
                            String::new()
                        }
                    )));
                    found.set(None);
                    reason.set(String::new());
                }
                Err(e) if e.code == "bad_credentials" => {
                    error.set(Some(tr(lang, "wrong_pin").into()))
                }
                Err(e) => error.set(Some(error_text(lang, &e))),
            }
        });
    };
    let reprint = move || {
        if let Some(l) = found.get_untracked() {
            receipt.set(sale_receipt(&till, &l));
            if let Some(r) = receipt.get_untracked() {
                crate::kernel::print::print(
                    crate::kernel::print::Printable::Receipt(r.clone()),
                    crate::kernel::print::Outcome {
                        message,
                        lang: lang.get_untracked(),
                    },
                );
            }
        }
    };
    let print_slip = move || {
        if let Some(sl) = slip.get_untracked() {
            crate::kernel::print::print(
                crate::kernel::print::Printable::Slip(sl.clone()),
                crate::kernel::print::Outcome {
                    message,
                    lang: lang.get_untracked(),
                },
            );
        }
    };

    let lines_view = move || {
        found.get().map(|l| {
            let refunded: HashMap<u32, Decimal> = l
                .refunded
                .iter()
                .map(|r| (r.line_no, d(&r.quantity)))
                .collect();
            view! {
                <p>{t("receipt")} " " <strong>{l.sale.receipt_no.clone()}</strong> " · " {format_idr(d(&l.sale.grand_total))}
                    " · " {l.sale.payments.iter().map(|p| kind_of(&p.method).map(|k| tender_label(lang.get_untracked(), k).to_string()).unwrap_or_else(|| p.method.clone())).collect::<Vec<_>>().join(" + ")}</p>
                <table class="cart" data-testid="refund-lines">
                    <tbody>
                        {l.sale.lines.iter().enumerate().map(|(i, line)| {
                            let sold = d(&line.quantity);
                            let back = refunded.get(&(i as u32 + 1)).copied().unwrap_or_default();
                            let left = (sold - back).max(Decimal::ZERO);
                            view! {
                                <tr>
                                    <td>{line.name.clone()}</td>
                                    <td class="num">{sold.normalize().to_string()}
                                        {(!back.is_zero()).then(|| format!(" (−{})", back.normalize()))}</td>
                                    <td class="num">{format_idr(d(&line.net))}</td>
                                    <td class="qty">
                                        <input class="qty-input" inputmode="decimal" aria-label=move || format!("{} {}", tr(lang.get(), "refund_qty"), i + 1)
                                            disabled=left.is_zero()
                                            prop:value=move || quantities.with(|q| q.get(i).cloned().unwrap_or_default())
                                            on:input=move |ev| { let v = event_target_value(&ev); quantities.update(|q| if let Some(x) = q.get_mut(i) { *x = v; }); }/>
                                        <button type="button" class="small" disabled=left.is_zero()
                                            on:click=move |_| quantities.update(|q| if let Some(x) = q.get_mut(i) { *x = left.normalize().to_string(); })>{t("all")}</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="toggle">
                    <button type="button" class:active=move || !to_cash.get() on:click=move |_| to_cash.set(false)>{t("refund_original")}</button>
                    <button type="button" class:active=move || to_cash.get() on:click=move |_| to_cash.set(true)>{t("refund_cash")}</button>
                </div>
                <label class="check"><input type="checkbox" prop:checked=move || restock.get()
                    on:change=move |ev| restock.set(event_target_checked(&ev))/>{t("restock")}</label>
                <label>{t("reason")}<input data-testid="refund-reason" bind:value=reason/></label>
                {move || preview.get().map(|p| match p {
                    Ok((total, tenders)) => view! {
                        <p data-testid="refund-total">{t("refund_total")} ": " <strong>{format_idr(total)}</strong> " → "
                            {tenders.iter().map(|(k, a)| format!("{} {}", tender_label(lang.get(), *k), format_idr(*a))).collect::<Vec<_>>().join(", ")}</p>
                    }.into_any(),
                    Err(e) => view! { <p class="error">{e}</p> }.into_any(),
                })}
                <ManagerPin approvers=approvers(till) approver=approver pin=pin/>
                <div class="row-actions">
                    <button type="button" class="primary" data-testid="refund-save" disabled=move || busy.get() on:click=move |_| submit()>{t("refund")}</button>
                    <button type="button" data-testid="reprint" on:click=move |_| reprint()>{t("reprint")}</button>
                </div>
            }
        })
    };
    // This shift's sales on this till, newest first, to pick from instead of typing.
    let shift_sales = RwSignal::new(Vec::<SaleRecord>::new());
    if let Some(c) = till.context.get_untracked() {
        let opened = till
            .shift
            .get_untracked()
            .map(|s| s.opened_at)
            .unwrap_or_default();
        spawn_local(async move {
            let since = chrono::DateTime::parse_from_rfc3339(&opened).ok();
            let list: Vec<Lookup> = cached(&recent_key(&c.device_id)).await.unwrap_or_default();
            shift_sales.set(
                list.into_iter()
                    .map(|l| l.sale)
                    .filter(|s| {
                        let at = chrono::DateTime::parse_from_rfc3339(&s.sold_at).ok();
                        since.zip(at).is_none_or(|(since, at)| at >= since)
                    })
                    .collect(),
            );
        });
    }
    let offset = crate::kernel::pages::zone_offset(
        &till
            .context
            .get_untracked()
            .map(|c| c.timezone)
            .unwrap_or_default(),
    );
    // Typed text narrows the list: part of the receipt number, the time, or the amount.
    let picks = move || {
        let q = receipt_no.get().trim().to_lowercase();
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        shift_sales.with(|all| {
            all.iter()
                .map(|s| {
                    (
                        s.clone(),
                        crate::kernel::pages::local_time(&s.sold_at, offset),
                    )
                })
                .filter(|(s, time)| {
                    q.is_empty()
                        || s.receipt_no.to_lowercase().contains(&q)
                        || time.contains(&q)
                        || (!digits.is_empty() && s.grand_total.contains(&digits))
                })
                .take(30)
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel" data-testid="refund-panel">
            <strong>{t("refund")}</strong>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); find(); }>
                <input data-testid="refund-receipt" aria-label=t("receipt_number") placeholder=t("refund_search") bind:value=receipt_no/>
                <button type="submit">{t("find")}</button>
            </form>
            {move || found.with(Option::is_none).then(|| view! {
                <div class="picks" data-testid="shift-sales">
                    {move || {
                        let list = picks();
                        if list.is_empty() {
                            view! { <p class="muted">{t("no_shift_sales")}</p> }.into_any()
                        } else {
                            list.into_iter().map(|(s, time)| {
                                let no = s.receipt_no.clone();
                                view! {
                                    <button type="button" class="pick" on:click=move |_| { receipt_no.set(no.clone()); find(); }>
                                        <span>{time}</span>
                                        <strong>{s.receipt_no.clone()}</strong>
                                        <span class="num">{format_idr(d(&s.grand_total))}</span>
                                    </button>
                                }
                            }).collect_view().into_any()
                        }
                    }}
                </div>
            })}
            {lines_view}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || message.get().map(|m| view! { <p class="ok" data-testid="refund-message">{m}</p> })}
            {move || slip.get().map(|s| view! {
                <crate::kernel::print::SlipView what=crate::kernel::print::Printable::Slip(s.clone())/>
                <button type="button" data-testid="print-slip" on:click=move |_| print_slip()>{t("print")}</button>
            })}
            {move || receipt.get().map(|r| view! {
                <crate::kernel::print::SlipView what=crate::kernel::print::Printable::Receipt(r.clone())/>
            })}
        </section>
    }
}
