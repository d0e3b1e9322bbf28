//! When the page has become the app. Hydration waits for the chunks of lazily loaded pages
//! (`kernel::lazy`), so what the browser learns meanwhile (who is signed in, the chosen
//! language) must wait too: changed before hydration reaches it, a page would no longer
//! match the server's HTML it hydrates.
use leptos::prelude::*;

thread_local! {
    static DONE: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// `true` once the whole page is hydrated; never on the server.
pub fn done() -> ArcRwSignal<bool> {
    DONE.with(Clone::clone)
}

/// Called once by `hydrate()` when hydration has finished.
pub fn mark_done() {
    DONE.with(|d| d.set(true));
}

/// Runs `f` once, after hydration.
pub fn after(f: impl FnOnce() + 'static) {
    let done = done();
    let mut f = Some(f);
    Effect::new(move |_| {
        if done.get() {
            if let Some(f) = f.take() {
                f();
            }
        }
    });
}

/// Runs `steps` one by one, each in a moment the browser is idle, once the page is hydrated
/// and `ready` holds (the screen is drawn). For work the first screen does not need —
/// fetching the chunks of panels a cashier may open later — so it never delays or blocks
/// that screen: started while the till still waits on the network, ~150 chunk requests
/// queued in front of the till's own and their compiling blocked the first tap.
pub fn when_idle(ready: impl Fn() -> bool + 'static, steps: Vec<Box<dyn FnOnce()>>) {
    let done = done();
    let mut steps = Some(steps);
    Effect::new(move |_| {
        if done.get() && ready() {
            if let Some(steps) = steps.take() {
                idle_chain(steps.into_iter().rev().collect());
            }
        }
    });
}

#[cfg(feature = "hydrate")]
fn idle_chain(mut rest: Vec<Box<dyn FnOnce()>>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(step) = rest.pop() else {
        return;
    };
    let callback = Closure::once_into_js(move || {
        step();
        idle_chain(rest);
    });
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback: js_sys::Function = callback.unchecked_into();
    // Safari has no requestIdleCallback (the call throws): a short timeout stands in. Were
    // both refused, nothing is lost: a panel's chunk is fetched when it is first opened.
    if window.request_idle_callback(&callback).is_err() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&callback, 200);
    }
}

#[cfg(not(feature = "hydrate"))]
fn idle_chain(_steps: Vec<Box<dyn FnOnce()>>) {}
