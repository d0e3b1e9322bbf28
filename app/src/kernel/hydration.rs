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

/// Runs `f` once after hydration, when the user first touches or types (the cashier
/// starts working) or a few seconds have passed, whichever comes first: for fetching what
/// the first screen does not need (the till's panel chunks), so it never competes with
/// that screen for the network or the main thread, yet is there before the network drops.
pub fn later(f: impl FnOnce() + 'static) {
    after(move || {
        let once = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
        let run = move || {
            if let Some(f) = once.take() {
                f();
            }
        };
        let (touched, typed) = (run.clone(), run.clone());
        let _ = window_event_listener(leptos::ev::pointerdown, move |_| touched());
        let _ = window_event_listener(leptos::ev::keydown, move |_| typed());
        set_timeout(run, std::time::Duration::from_millis(LATER_MS));
    });
}

/// How long `later` waits after hydration when nobody touches the screen.
const LATER_MS: u64 = 4_000;
