//! Cash taken in or out of the drawer, closing the shift with the count, and the printer's
//! settings: the till operations besides refunds.
use std::str::FromStr;

use domain::money::format_idr;
use domain::receipt::{Slip, SlipRow};
use domain::shift::DENOMINATIONS;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use serde_json::json;

use super::shift_report::*;
use super::till_model::*;
use super::till_ops::*;
use crate::kernel::approval::ManagerPin;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::offline;
use crate::kernel::pages::error_text;
use crate::kernel::printer::{self, PrinterSettings};

#[component]
pub(super) fn CashPanel(till: Till) -> impl IntoView {
    let lang = use_lang();
    let out = RwSignal::new(true);
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let approver = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let limit = move || {
        till.context
            .with(|c| {
                c.as_ref()
                    .and_then(|c| Decimal::from_str(&c.cash_limit).ok())
            })
            .unwrap_or(Decimal::from(100_000))
    };
    let value = move || {
        domain::money::parse_idr(&amount.get())
            .map(|m| m.amount())
            .unwrap_or_default()
    };
    let needs_pin = move || value() > limit();
    let submit = move || {
        error.set(None);
        done.set(None);
        let lang = lang.get_untracked();
        let Some(shift) = till.shift.get_untracked() else {
            return;
        };
        let v = value();
        if v <= Decimal::ZERO {
            error.set(Some(tr(lang, "amount_invalid").into()));
            return;
        }
        if reason.get_untracked().trim().is_empty() {
            error.set(Some(tr(lang, "reason_required").into()));
            return;
        }
        let id = offline::new_sale_id();
        let kind = if out.get_untracked() { "out" } else { "in" };
        let mut body = json!({"id": id, "kind": kind, "amount": v.normalize().to_string(),
            "reason": reason.get_untracked().trim(), "at": offline::now_rfc3339()});
        if needs_pin() {
            body["approver_id"] = json!(approver.get_untracked());
            body["pin"] = json!(pin.get_untracked());
        }
        busy.set(true);
        spawn_local(async move {
            let path = format!("/api/v1/shifts/{}/cash-movements", shift.id);
            let answer = send_or_queue(&till, &id, &path, body, "kas").await;
            busy.set(false);
            pin.set(String::new());
            match answer {
                Ok(sent) => {
                    let what = format!(
                        "{} {} — {}{}",
                        tr(lang, if kind == "out" { "cash_out" } else { "cash_in" }),
                        format_idr(v),
                        reason.get_untracked().trim(),
                        if sent.is_none() {
                            format!(" ({})", tr(lang, "queued"))
                        } else {
                            String::new()
                        }
                    );
                    done.set(Some(what));
                    amount.set(String::new());
                    reason.set(String::new());
                }
                Err(e) if e.code == "bad_credentials" => {
                    error.set(Some(tr(lang, "wrong_pin").into()))
                }
                Err(e) => error.set(Some(error_text(lang, &e))),
            }
        });
    };
    view! {
        <section class="panel" data-testid="cash-panel">
            <strong>{t("cash_in_out")}</strong>
            <div class="toggle">
                <button type="button" class:active=move || out.get() on:click=move |_| out.set(true)>{t("cash_out")}</button>
                <button type="button" class:active=move || !out.get() on:click=move |_| out.set(false)>{t("cash_in")}</button>
            </div>
            <label>{t("cash_amount")}<input inputmode="numeric" data-testid="cash-amount" bind:value=amount/></label>
            <label>{t("reason")}<input data-testid="cash-reason" placeholder=t("cash_reason_hint") bind:value=reason/></label>
            <Show when=needs_pin>
                <p class="muted">{move || tr(lang.get(), "cash_needs_pin").replace("{l}", &format_idr(limit()))}</p>
                <ManagerPin approvers=approvers(till) approver=approver pin=pin/>
            </Show>
            <button type="button" class="primary" data-testid="cash-save" disabled=move || busy.get() on:click=move |_| submit()>{t("save")}</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || done.get().map(|m| view! { <p class="ok" data-testid="cash-done">{m}</p> })}
        </section>
    }
}

#[component]
pub(super) fn ClosePanel(till: Till) -> impl IntoView {
    let lang = use_lang();
    let counts = RwSignal::new(vec![String::new(); DENOMINATIONS.len()]);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let report = RwSignal::new(None::<ShiftReport>);
    let queued = RwSignal::new(false);
    let parsed = move || -> Vec<(i64, u32)> {
        counts.with(|c| {
            DENOMINATIONS
                .iter()
                .zip(c.iter())
                .map(|(den, n)| (*den, n.trim().parse::<u32>().unwrap_or(0)))
                .collect()
        })
    };
    let counted = move || domain::shift::counted_cash(&parsed()).unwrap_or_default();
    let close = move || {
        error.set(None);
        let lang = lang.get_untracked();
        let (Some(shift), Some(c)) = (till.shift.get_untracked(), till.context.get_untracked())
        else {
            return;
        };
        if counts.with_untracked(|c| {
            c.iter()
                .any(|n| !n.trim().is_empty() && n.trim().parse::<u32>().is_err())
        }) {
            error.set(Some(tr(lang, "count_invalid").into()));
            return;
        }
        let body = json!({"closed_at": offline::now_rfc3339(), "note": note.get_untracked(),
            "counted": parsed().into_iter().filter(|(_, n)| *n > 0).map(|(den, n)| json!({"denomination": den, "count": n})).collect::<Vec<_>>()});
        busy.set(true);
        spawn_local(async move {
            let key = offline::new_sale_id();
            let path = format!("/api/v1/shifts/{}/close", shift.id);
            let answer = send_or_queue(&till, &key, &path, body, "tutup shift").await;
            busy.set(false);
            match answer {
                Ok(sent) => {
                    let _ = offline::kv_put(&format!("shift:{}", c.device_id), "null").await;
                    match sent.and_then(|v| serde_json::from_value::<ShiftReport>(v).ok()) {
                        Some(r) => report.set(Some(r)),
                        None => queued.set(true),
                    }
                }
                Err(e) => error.set(Some(error_text(lang, &e))),
            }
        });
    };
    let finish = move |_| {
        report.set(None);
        queued.set(false);
        till.panel.set(None);
        till.shift.set(None);
    };
    view! {
        <section class="panel" data-testid="close-panel">
            <strong>{t("close_shift")}</strong>
            <Show when=move || report.get().is_none() && !queued.get()>
                <p class="muted">{t("count_hint")}</p>
                <div class="denominations">
                    {DENOMINATIONS.iter().enumerate().map(|(i, den)| {
                        let label = format_idr(Decimal::from(*den));
                        view! {
                            <label>{label.clone()}
                                <input inputmode="numeric" aria-label=label
                                    prop:value=move || counts.with(|c| c[i].clone())
                                    on:input=move |ev| { let v = event_target_value(&ev); counts.update(|c| c[i] = v); }/>
                            </label>
                        }
                    }).collect_view()}
                </div>
                <p>{t("counted_cash")} ": " <strong data-testid="counted-total">{move || format_idr(counted())}</strong></p>
                <label>{t("note")}<input bind:value=note/></label>
                <button type="button" class="primary" data-testid="close-save" disabled=move || busy.get() on:click=move |_| close()>{t("close_shift")}</button>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || report.get().map(|r| {
                let offset = till.context.get_untracked().map(|c| crate::kernel::pages::zone_offset(&c.timezone)).unwrap_or(7);
                view! { <ShiftReportView report=r header=outlet_header(&till) offset=offset/> }
            })}
            <Show when=move || queued.get()>
                <p class="muted" data-testid="close-queued">{t("close_queued")}</p>
            </Show>
            <Show when=move || report.get().is_some() || queued.get()>
                <button type="button" data-testid="close-done" on:click=finish>{t("done")}</button>
            </Show>
        </section>
    }
}

#[component]
pub(super) fn PrinterPanel() -> impl IntoView {
    let lang = use_lang();
    let settings = RwSignal::new(printer::load_settings());
    let message = RwSignal::new(None::<String>);
    let update = move |f: &dyn Fn(&mut PrinterSettings)| {
        settings.update(|s| f(s));
        printer::save_settings(&settings.get_untracked());
    };
    let pair = move |_| {
        spawn_local(async move {
            let lang = lang.get_untracked();
            match printer::pair().await {
                Ok(name) => {
                    settings.set(printer::load_settings());
                    message.set(Some(format!("{} {name}", tr(lang, "printer_paired"))));
                }
                Err(e) => message.set(Some(tr(lang, e.key()).into())),
            }
        });
    };
    let test = move |_| {
        let s = settings.get_untracked();
        let slip = Slip {
            header: vec!["Satu".into()],
            title: "TES PRINTER".into(),
            rows: vec![
                SlipRow::Pair("Kertas".into(), format!("{} mm", s.paper_mm)),
                SlipRow::Text("Rp12.500 · café · ½ kg".into()),
            ],
            footer: Vec::new(),
            qr: Some("SATU".into()),
        };
        crate::kernel::print::print(
            crate::kernel::print::Printable::Slip(slip.clone()),
            crate::kernel::print::Outcome {
                message,
                lang: lang.get_untracked(),
            },
        );
    };
    view! {
        <section class="panel" data-testid="printer-panel">
            <strong>{t("printer")}</strong>
            <p>{move || settings.get().paired.map(|p| p.2).unwrap_or_else(|| tr(lang.get(), "printer_not_paired").to_string())}</p>
            <div class="toggle">
                <button type="button" class:active=move || settings.get().paper_mm == 58 on:click=move |_| update(&|s| s.paper_mm = 58)>"58 mm"</button>
                <button type="button" class:active=move || settings.get().paper_mm == 80 on:click=move |_| update(&|s| s.paper_mm = 80)>"80 mm"</button>
            </div>
            <label class="check"><input type="checkbox" data-testid="auto-print" prop:checked=move || settings.get().auto_print
                on:change=move |ev| { let v = event_target_checked(&ev); update(&move |s| s.auto_print = v); }/>{t("auto_print")}</label>
            <label class="check"><input type="checkbox" prop:checked=move || settings.get().open_drawer
                on:change=move |ev| { let v = event_target_checked(&ev); update(&move |s| s.open_drawer = v); }/>{t("open_drawer")}</label>
            <div class="row-actions">
                <button type="button" data-testid="pair-printer" on:click=pair>{t("pair_printer")}</button>
                <button type="button" on:click=test>{t("test_print")}</button>
            </div>
            {move || message.get().map(|m| view! { <p class="muted" data-testid="printer-message">{m}</p> })}
        </section>
    }
}
