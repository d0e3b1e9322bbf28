//! `/kasir`: the till of the package the device's outlet runs. A retail outlet gets the
//! POS till; an outlet whose package has no till yet (a café until F&B lands) gets a page
//! saying so. Offline, the last known answer stands, so selling never waits on this.
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::kernel::client;
use crate::kernel::i18n::t;
use crate::kernel::model::CurrentDevice;
use crate::kernel::package::till_for;

const KNOWN_INDUSTRY: &str = "till_industry";

#[component]
pub fn TillPage() -> impl IntoView {
    let registry = crate::packages::all();
    let lang = crate::kernel::i18n::use_lang();
    let industry = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        spawn_local(async move {
            let fresh = async {
                let d = client::get::<CurrentDevice>("/api/v1/devices/current")
                    .await
                    .ok()?;
                Some(d.outlet?.industry)
            }
            .await;
            let known = match fresh {
                Some(i) => {
                    let _ = crate::kernel::offline::kv_put(KNOWN_INDUSTRY, &i).await;
                    Some(i)
                }
                None => crate::kernel::offline::kv_get(KNOWN_INDUSTRY)
                    .await
                    .ok()
                    .flatten(),
            };
            industry.set(known);
        });
    });
    // Only a definite "no till for this outlet" replaces the till, so the till is never
    // rebuilt while it loads (a memo that stays `false` does not re-render).
    let coming = Memo::new(move |_| {
        industry.with(|i| {
            i.as_deref()
                .is_some_and(|i| till_for(registry, i).is_none())
        })
    });
    let default_till = registry.iter().find_map(|p| p.till);
    move || {
        if coming.get() {
            let name = industry.get_untracked().unwrap_or_default();
            view! {
                <section class="card" data-testid="till-coming">
                    <h1>{t("till_coming_title")}</h1>
                    <p>{move || format!("{} ({})", t("till_coming_body")(), crate::kernel::i18n::industry_label(lang.get(), &name))}</p>
                </section>
            }
            .into_any()
        } else {
            match industry
                .get_untracked()
                .as_deref()
                .and_then(|i| till_for(registry, i))
                .and_then(|p| p.till)
                .or(default_till)
            {
                Some(till) => till(),
                None => {
                    view! { <p data-testid="till-coming">{t("till_coming_body")}</p> }.into_any()
                }
            }
        }
    }
}
