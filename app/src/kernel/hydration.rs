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
