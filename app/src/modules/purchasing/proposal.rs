//! A supplier's proposed changes to an order: the form on its portal (per line a quantity
//! and a price, 0 for a line it cannot supply; another delivery date) and the panel both
//! sides read, where the buyer accepts or rejects them.
use domain::api::purchasing::PoView;
use domain::purchasing::proposal::ProposalStatus;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use super::detail::qty;
use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{day_text, error_text, rupiah, Notice};

fn status_key(s: ProposalStatus) -> &'static str {
    match s {
        ProposalStatus::Pending => "proposal_pending",
        ProposalStatus::Accepted => "proposal_accepted",
        ProposalStatus::Rejected => "proposal_rejected",
    }
}

/// Typed decimals travel with a point.
fn typed(text: &str) -> String {
    text.trim().replace('.', "").replace(',', ".")
}

/// One line in the form: its id, name, quantity and price as ordered, and as typed.
type Row = (
    String,
    String,
    String,
    String,
    RwSignal<String>,
    RwSignal<String>,
);

/// The supplier's form: each line's quantity and price as ordered, to change.
#[component]
pub fn ProposalForm(po: PoView, on_change: Callback<PoView>) -> impl IntoView {
    let lang = use_lang();
    let error = RwSignal::new(None::<String>);
    let rows: Vec<Row> = po
        .lines
        .iter()
        .map(|l| {
            (
                l.id.clone(),
                l.name.clone(),
                qty(&l.quantity),
                l.unit_price.clone(),
                RwSignal::new(qty(&l.quantity)),
                RwSignal::new(l.unit_price.clone()),
            )
        })
        .collect();
    let date = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let url = format!("/api/v1/supplier-portal/purchase-orders/{}/proposal", po.id);
    let submit_rows = rows.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        // Only what differs from the order is sent.
        let lines: Vec<serde_json::Value> = submit_rows
            .iter()
            .filter_map(|(id, _, ordered_qty, ordered_price, q, p)| {
                let q = q.get_untracked();
                let p = p.get_untracked();
                let q_changed = q.trim() != ordered_qty.as_str();
                let p_changed = p.trim() != ordered_price.as_str();
                (q_changed || p_changed).then(|| {
                    json!({"line_id": id,
                        "quantity": q_changed.then(|| q.trim().replace(',', ".")),
                        "unit_price": p_changed.then(|| typed(&p))})
                })
            })
            .collect();
        let body = json!({"lines": lines,
            "delivery_on": Some(date.get_untracked()).filter(|d| !d.is_empty()),
            "note": Some(note.get_untracked()).filter(|n| !n.trim().is_empty())});
        let url = url.clone();
        spawn_local(async move {
            match client::post::<PoView>(&url, &body).await {
                Ok(v) => on_change.run(v),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <details class="no-print" data-testid="po-propose">
            <summary>{t("propose_changes")}</summary>
            <form on:submit=submit>
                <p class="muted">{t("proposal_hint")}</p>
                <div class="table-wrap" tabindex="0">
                    <table>
                        <thead><tr><th>{t("product")}</th><th>{t("order_qty")}</th><th>{t("unit_price")}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(_, name, _, _, q, p)| view! {
                                <tr>
                                    <td>{name.clone()}</td>
                                    <td><input type="text" inputmode="decimal" size="6" aria-label=format!("{} {}", tr(lang.get_untracked(), "order_qty"), name)
                                        data-testid="propose-qty" bind:value=q/></td>
                                    <td><input type="text" inputmode="decimal" size="9" aria-label=format!("{} {}", tr(lang.get_untracked(), "unit_price"), name)
                                        data-testid="propose-price" bind:value=p/></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="grid-form">
                    <label>{t("delivery_on")}<input type="date" bind:value=date data-testid="propose-date"/></label>
                    <label>{t("supplier_note")}<input type="text" maxlength="500" bind:value=note data-testid="propose-note"/></label>
                    <button type="submit" class="primary" data-testid="propose-send">{t("send_proposal")}</button>
                </div>
                <Notice error/>
            </form>
        </details>
    }
}

/// The latest proposal beside the order, and, for a buyer who manages purchasing while
/// it waits, the answer.
#[component]
pub fn ProposalPanel(po: PoView, decide: bool, on_change: Callback<PoView>) -> impl IntoView {
    let lang = use_lang();
    let Some(p) = po.proposal.clone() else {
        return ().into_any();
    };
    let error = RwSignal::new(None::<String>);
    let answer = RwSignal::new(String::new());
    let pending = p.status == ProposalStatus::Pending;
    let base = format!("/api/v1/purchase-orders/{}/proposal", po.id);
    let send = move |step: &'static str| {
        error.set(None);
        let url = format!("{base}/{step}");
        let body = json!({"note": Some(answer.get_untracked()).filter(|n| !n.trim().is_empty())});
        spawn_local(async move {
            match client::post::<PoView>(&url, &body).await {
                Ok(v) => on_change.run(v),
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let send2 = send.clone();
    let changes = p
        .lines
        .iter()
        .filter_map(|c| {
            let l = po.lines.iter().find(|l| l.id == c.po_line_id)?;
            let quantity = c.quantity.as_deref().map(|q| {
                if q == "0" {
                    tr(lang.get_untracked(), "cannot_supply").to_string()
                } else {
                    format!("{} → {} {}", qty(&l.quantity), qty(q), l.purchase_unit)
                }
            });
            let price = c
                .unit_price
                .as_deref()
                .map(|u| format!("{} → {}", rupiah(&l.unit_price), rupiah(u)));
            Some(view! {
                <li>{l.name.clone()} ": " {[quantity, price].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</li>
            })
        })
        .collect_view();
    view! {
        <div class="card proposal" data-testid="po-proposal">
            <h3>{t("proposal")} " " <span class="badge" data-testid="proposal-status">{t(status_key(p.status))}</span></h3>
            <ul data-testid="proposal-changes">{changes}</ul>
            {p.delivery_on.clone().map(|d| view! { <p>{t("delivery_on")} ": " {day_text(lang.get_untracked(), &d, 7)}</p> })}
            {p.note.clone().map(|n| view! { <p>{t("supplier_note")} ": " {n}</p> })}
            {p.total.clone().map(|total| view! { <p>{t("total_if_accepted")} ": " <strong data-testid="proposal-total">{rupiah(&total)}</strong></p> })}
            {p.decision_note.clone().map(|n| view! { <p>{t("shop_answer")} ": " <span data-testid="proposal-answer">{n}</span></p> })}
            {(decide && pending).then(|| view! {
                <div class="grid-form no-print">
                    <label>{t("shop_answer")}<input type="text" maxlength="500" bind:value=answer/></label>
                    <button type="button" class="primary" data-testid="proposal-accept" on:click=move |_| send("accept")>{t("accept_proposal")}</button>
                    <button type="button" data-testid="proposal-reject" on:click=move |_| send2("reject")>{t("reject_proposal")}</button>
                </div>
            })}
            <Notice error/>
        </div>
    }
    .into_any()
}
