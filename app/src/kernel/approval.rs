//! The manager's approval: pick who approves, type their PIN. Refunds, large cash
//! movements and discounts above the cashier's limit all ask for it the same way.
use leptos::either::Either;
use leptos::prelude::*;

use crate::kernel::i18n::t;

/// `approvers` is (user id, name); the first is preselected so one tap on the PIN pad
/// is enough when the outlet has a single manager.
#[component]
pub fn ManagerPin(
    #[prop(into)] approvers: Signal<Vec<(String, String)>>,
    approver: RwSignal<String>,
    pin: RwSignal<String>,
    /// What is being approved, shown under the title.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="manager-pin">
            <strong>{t("manager_approval")}</strong>
            {children.map(|c| c())}
            {move || {
                let list = approvers.get();
                let Some((first, _)) = list.first() else {
                    return Either::Left(view! { <p class="error">{t("no_approvers")}</p> });
                };
                if approver.with_untracked(|a| !list.iter().any(|(id, _)| id == a)) {
                    approver.set(first.clone());
                }
                Either::Right(view! {
                    <div class="people">
                        {list.into_iter().map(|(id, name)| {
                            let chosen = Memo::new({
                                let id = id.clone();
                                move |_| approver.with(|a| *a == id)
                            });
                            view! {
                                <button type="button" class="person" class:active=move || chosen.get()
                                    aria-pressed=move || chosen.get().to_string()
                                    on:click=move |_| approver.set(id.clone())>{name}</button>
                            }
                        }).collect_view()}
                    </div>
                })
            }}
            <input type="password" inputmode="numeric" maxlength="6" autocomplete="off"
                aria-label=t("manager_pin") placeholder=t("manager_pin") bind:value=pin/>
        </div>
    }
}
