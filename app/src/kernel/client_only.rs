//! A part of a page that is only ever built in the browser, never hydrated.
//!
//! A view that is hydrated carries, in the WASM, the code to hydrate it (twice: the sync
//! and the async path lazy routes need) besides the code to build it. The till is shown
//! only once the browser knows who is signed in, so the server never renders it and
//! that hydration code was dead weight in every tablet's first load. Built here with
//! `mount_to` under the page's owner, it keeps the page's contexts (session, language,
//! router) and is unmounted with the page.
use leptos::prelude::*;

pub fn client_only<V, F>(f: F) -> impl IntoView
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let owner = Owner::current();
        let mounted = StoredValue::new_local(None::<Box<dyn std::any::Any>>);
        let mut f = Some(f);
        Effect::new(move |_| {
            let Some(el) = root.get() else {
                return;
            };
            let Some(f) = f.take() else {
                return;
            };
            let el: web_sys::HtmlElement = el.into();
            let handle = match &owner {
                Some(o) => o.with(|| leptos::mount::mount_to(el, f)),
                None => leptos::mount::mount_to(el, f),
            };
            mounted.set_value(Some(Box::new(handle)));
        });
    }
    #[cfg(not(feature = "hydrate"))]
    drop(f);
    view! { <div class="client-root" node_ref=root></div> }
}

/// `<Show>` for views inside [`client_only`]: `view` while `when` holds, rebuilt only when
/// `when` changes. `<Show>` erases its children into an `AnyView`, and that alone puts
/// their hydration code in the WASM; this keeps their type.
pub fn shown<V, W, F>(when: W, view: F) -> impl IntoView
where
    W: Fn() -> bool + Send + Sync + 'static,
    F: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let open = Memo::new(move |_| when());
    move || open.get().then(&view)
}
