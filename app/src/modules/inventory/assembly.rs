//! Parcels on `/stok/kontrol`: what one parcel (a bundle product) is made of, and parcels
//! built from their components at a location or taken apart again, with the value that
//! moved at cost.
use domain::api::inventory::{AssemblyPage, AssemblyView, BundleView, ProductPage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

use crate::kernel::client;
use crate::kernel::i18n::{t, tr, use_lang};
use crate::kernel::pages::{error_text, fetched, outlet_choice, rupiah, Notice, OutletSelect};

/// A product search of at least two letters, ten answers.
fn search_url(q: &str) -> String {
    if q.trim().chars().count() < 2 {
        String::new()
    } else {
        format!(
            "/api/v1/products?limit=10&q={}",
            client::encode_query(q.trim())
        )
    }
}

fn qty(text: &str) -> String {
    text.replace('.', ",")
}

#[component]
pub fn Parcels() -> impl IntoView {
    let lang = use_lang();
    let (outlets, outlet) = outlet_choice();
    let search = RwSignal::new(String::new());
    let found = fetched::<ProductPage>(move || search_url(&search.get()), RwSignal::new(0));
    let bundle = RwSignal::new(String::new());
    let recipe_version = RwSignal::new(0u32);
    let recipe = fetched::<BundleView>(
        move || {
            let id = bundle.get();
            if id.is_empty() {
                String::new()
            } else {
                format!("/api/v1/products/{id}/components")
            }
        },
        recipe_version,
    );
    // The recipe being edited: (product id, label, quantity per parcel).
    let draft = RwSignal::new(Vec::<(String, String, String)>::new());
    Effect::new(move |_| {
        if let Some(Ok(r)) = recipe.get() {
            draft.set(
                r.components
                    .into_iter()
                    .map(|c| (c.product_id, format!("{} · {}", c.sku, c.name), c.quantity))
                    .collect(),
            );
        }
    });
    let part_search = RwSignal::new(String::new());
    let part_found =
        fetched::<ProductPage>(move || search_url(&part_search.get()), RwSignal::new(0));
    let part = RwSignal::new(String::new());
    let part_qty = RwSignal::new("1".to_string());
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let add_part = move |_| {
        let id = part.get_untracked();
        let Some(p) = part_found
            .get_untracked()
            .and_then(Result::ok)
            .and_then(|page| page.items.into_iter().find(|p| p.id == id))
        else {
            return;
        };
        let q = part_qty.get_untracked().trim().replace(',', ".");
        draft.update(|d| {
            d.retain(|(pid, _, _)| *pid != p.id);
            d.push((p.id.clone(), format!("{} · {}", p.sku, p.name), q));
        });
    };
    let save_recipe = move |_| {
        error.set(None);
        ok.set(None);
        let id = bundle.get_untracked();
        let body = json!({"components": draft.get_untracked().into_iter()
            .map(|(p, _, q)| json!({"product_id": p, "quantity": q})).collect::<Vec<_>>()});
        spawn_local(async move {
            let url = format!("/api/v1/products/{id}/components");
            match client::send_unit(client::Method::Put, &url, Some(&body)).await {
                Ok(()) => {
                    ok.set(Some(tr(lang.get_untracked(), "saved").to_string()));
                    recipe_version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };

    let list_version = RwSignal::new(0u32);
    let recent = fetched::<AssemblyPage>(
        move || {
            let o = outlet.get();
            if o.is_empty() {
                String::new()
            } else {
                format!("/api/v1/assemblies?outlet_id={o}&limit=10")
            }
        },
        list_version,
    );
    let count = RwSignal::new("1".to_string());
    let note = RwSignal::new(String::new());
    let run = move |direction: &'static str| {
        error.set(None);
        ok.set(None);
        let body = json!({"outlet_id": outlet.get_untracked(), "product_id": bundle.get_untracked(),
            "quantity": count.get_untracked().trim().replace(',', "."), "direction": direction,
            "note": Some(note.get_untracked()).filter(|n| !n.trim().is_empty())});
        spawn_local(async move {
            match client::post::<AssemblyView>("/api/v1/assemblies", &body).await {
                Ok(a) => {
                    let l = lang.get_untracked();
                    let what = if a.direction == "build" {
                        "parcels_built"
                    } else {
                        "parcels_taken_apart"
                    };
                    ok.set(Some(format!(
                        "{}: {} {} · {}",
                        a.number,
                        qty(&a.quantity),
                        tr(l, what),
                        rupiah(&a.value)
                    )));
                    note.set(String::new());
                    list_version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(error_text(lang.get_untracked(), &e))),
            }
        });
    };
    let chosen = move || !bundle.get().is_empty();

    view! {
        <section class="card" data-testid="parcels">
            <h2>{t("parcels")}</h2>
            <p class="muted">{t("parcels_hint")}</p>
            <div class="grid-form">
                <OutletSelect outlets chosen=outlet/>
                <label>{t("parcel_product")}<input type="search" bind:value=search data-testid="parcel-search"/></label>
                <label>{t("choose")}
                    <select data-testid="parcel-choice" prop:value=move || bundle.get()
                        on:change=move |ev| bundle.set(event_target_value(&ev))>
                        <option value="">"–"</option>
                        {move || found.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default().into_iter()
                            .map(|p| view! { <option value=p.id.clone()>{format!("{} · {}", p.sku, p.name)}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <Show when=chosen>
                <h3>{t("parcel_contents")}</h3>
                <div class="table-wrap" tabindex="0">
                    <table data-testid="parcel-contents">
                        <thead><tr><th>{t("product")}</th><th class="num">{t("per_parcel")}</th><th></th></tr></thead>
                        <tbody>
                            {move || draft.get().is_empty().then(|| view! { <tr><td colspan="3" class="muted">{t("no_contents")}</td></tr> })}
                            {move || draft.get().into_iter().map(|(id, label, q)| view! {
                                <tr><td>{label}</td><td class="num">{qty(&q)}</td>
                                    <td><button type="button" on:click=move |_| draft.update(|d| d.retain(|(p, _, _)| *p != id))>{t("remove")}</button></td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="grid-form" data-testid="parcel-part-form">
                    <label>{t("component")}<input type="search" bind:value=part_search data-testid="part-search"/></label>
                    <label>{t("choose")}
                        <select data-testid="part-choice" prop:value=move || part.get()
                            on:change=move |ev| part.set(event_target_value(&ev))>
                            <option value="">"–"</option>
                            {move || part_found.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default().into_iter()
                                .map(|p| view! { <option value=p.id.clone()>{format!("{} · {}", p.sku, p.name)}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>{t("per_parcel")}<input inputmode="decimal" bind:value=part_qty data-testid="part-qty"/></label>
                    <button type="button" on:click=add_part data-testid="part-add">{t("add_component")}</button>
                    <button type="button" class="primary" on:click=save_recipe data-testid="parcel-save">{t("save_contents")}</button>
                </div>
                <h3>{t("build_or_take_apart")}</h3>
                <div class="grid-form" data-testid="assembly-form">
                    <label>{t("parcel_count")}<input inputmode="decimal" bind:value=count data-testid="assembly-qty"/></label>
                    <label>{t("note")}<input bind:value=note maxlength="500"/></label>
                    <button type="button" class="primary" on:click=move |_| run("build") data-testid="assembly-build">{t("build_parcels")}</button>
                    <button type="button" on:click=move |_| run("take_apart") data-testid="assembly-take-apart">{t("take_apart")}</button>
                </div>
            </Show>
            <Notice error ok/>
            <h3>{t("recent_assemblies")}</h3>
            <div class="table-wrap" tabindex="0">
                <table data-testid="assemblies">
                    <thead><tr><th>{t("number")}</th><th>{t("parcel_product")}</th><th>{t("movement")}</th>
                        <th class="num">{t("quantity")}</th><th class="num">{t("value_moved")}</th></tr></thead>
                    <tbody>
                        {move || recent.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default().into_iter().map(|a| {
                            let what = if a.direction == "build" { "build_parcels" } else { "take_apart" };
                            view! {
                                <tr><td>{a.number}</td><td>{format!("{} · {}", a.sku, a.name)}</td><td>{t(what)}</td>
                                    <td class="num">{qty(&a.quantity)}</td><td class="num">{rupiah(&a.value)}</td></tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
