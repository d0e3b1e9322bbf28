//! Satu's web app: server-rendered, hydrated in the browser. Data comes from `/api/v1`;
//! the numbers come from the `domain` crate, compiled into the page.
//!
//! Shape, as on the server: `kernel` ← `platform` ← `modules` (pos, inventory) ←
//! `packages` (retail, koperasi); never one package into another.
// The whole app is one view type; its layout nests deeper than rustc's default 128.
#![recursion_limit = "256"]
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

pub mod kernel;
pub mod modules;
pub mod packages;
pub mod platform;

use kernel::i18n::{self, Lang, LangCtx};
use kernel::session::SessionCtx;
use kernel::{client, layout, pages};

/// Where the page finds this build's files (`/b/<build hash>`), set once by the server at
/// start; empty (plain `/pkg/…`) until then.
static ASSET_ROOT: std::sync::OnceLock<String> = std::sync::OnceLock::new();

pub fn set_asset_root(root: String) {
    let _ = ASSET_ROOT.set(root);
}

fn asset_root() -> String {
    ASSET_ROOT.get().cloned().unwrap_or_default()
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="id">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                // The build's files under a path that names the build (server kernel::web),
                // so browsers may keep them for a year.
                <HashedStylesheet options=options.clone() id="leptos" root=asset_root()/>
                <AppScripts options root=asset_root()/>
                <MetaTags/>
            </head>
            <body>
                <App/>
                {till_frame().map(|html| view! { <div class="till-frame" aria-hidden="true" inner_html=html></div> })}
            </body>
        </html>
    }
}

/// Starts the app (its JS, then its WASM) once the page has painted, not while the
/// browser is still laying out the server's HTML: the first screen is already whole
/// without them (the till's frame on `/kasir`), and 4 MB of WASM fetched alongside the
/// stylesheet only delays that paint on a slow line. Leptos's `HydrationScripts` is still
/// called for what it provides to the render (the split chunks' manifest, from which the
/// route's chunks are preloaded); its tags, which fetch both files at once, are not sent.
#[component]
fn AppScripts(options: LeptosOptions, root: String) -> impl IntoView {
    let _context_only = HydrationScripts(
        HydrationScriptsProps::builder()
            .options(options.clone())
            .root(root.clone())
            .build(),
    );
    let pkg = format!("{root}/{}", options.site_pkg_dir);
    let js = format!("{pkg}/{}.js", options.output_name);
    // cargo-leptos names the WASM after the output; a plain wasm-bindgen build adds `_bg`.
    let wasm_suffix = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        ""
    } else {
        "_bg"
    };
    let wasm = format!("{pkg}/{}{wasm_suffix}.wasm", options.output_name);
    // After the next frame has painted (requestAnimationFrame, then a task), with a timer
    // as the backstop for a tab that paints no frames (opened in the background).
    let script = format!(
        "(function(){{var started=false;function start(){{if(started)return;started=true;\
         import('{js}').then(function(m){{return m.default({{module_or_path:'{wasm}'}}).then(function(){{m.hydrate();}});}});}}\
         requestAnimationFrame(function(){{setTimeout(start,0);}});setTimeout(start,300);}})();"
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// On `/kasir`, the till's frame drawn by the server after the app (which hydration never
/// reaches): the cashier sees the till's layout from the first paint, before the WASM.
#[cfg(feature = "ssr")]
fn till_frame() -> Option<String> {
    let url = use_context::<leptos_router::location::RequestUrl>()?;
    let url: &str = url.as_ref();
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
    let path = path.split(['?', '#']).next().unwrap_or_default();
    (path == "/kasir").then(modules::pos::sell_frame::frame_html)
}

#[cfg(not(feature = "ssr"))]
fn till_frame() -> Option<String> {
    None
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = RwSignal::new(Lang::Id);
    provide_context(LangCtx(lang));
    let session = SessionCtx::new();
    provide_context(session);

    // Runs only in the browser, after hydration: the chosen language lives in a cookie.
    kernel::hydration::after(move || {
        if client::cookie("satu_lang").as_deref() == Some("en") {
            lang.set(Lang::En);
        }
    });
    Effect::new(move |_| {
        lang.with(|l| {
            #[cfg(feature = "hydrate")]
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = el.set_attribute("lang", l.code());
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = l;
        })
    });
    session.load();
    // The service worker lets an installed till reopen without the network. When a new
    // version takes over a page that already had one, say so; the page is never reloaded
    // for the cashier (a sale may be open).
    let update_ready = RwSignal::new(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            use wasm_bindgen::JsCast;
            let workers = w.navigator().service_worker();
            if workers.controller().is_some() {
                let on_change = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                    update_ready.set(true)
                });
                workers.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
                // Lives as long as the page.
                on_change.forget();
            }
            let _ = workers.register("/sw.js");
        }
    });
    let reload = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    // Marks the page as live: until then a click would reach plain HTML, not the app.
    kernel::hydration::after(move || {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Title text="Satu"/>
        <Meta name="theme-color" content="#0b6e4f"/>
        <Link rel="manifest" href="/manifest.webmanifest"/>
        <Link rel="icon" href="/icons/icon-192.png"/>
        <Show when=move || update_ready.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                {i18n::t("update_ready")} " "
                <button type="button" on:click=reload>{i18n::t("reload")}</button>
            </div>
        </Show>
        <Router>
            <layout::Shell>
                <Routes fallback=|| view! { <pages::NotFound/> }>
                    <Route path=path!("") view=pages::Home/>
                    <platform::PlatformRoutes/>
                    <Route path=path!("/kasir") view=kernel::till_gate::TillPage/>
                    <packages::PackageRoutes/>
                </Routes>
            </layout::Shell>
        </Router>
    }
}

/// Room for the WASM splitter (cargo leptos --split). It moves each lazy page's strings
/// and tables out of the till's first download into the page's own chunk, repacking the
/// read-only data per chunk with alignment padding; when the repacked data comes out
/// longer than the original segment, it gives up and keeps *all* of it in the main
/// module (about 150 KB more, brotli 50 KB, as measured on 2026-12-07: "Overlong segment
/// 0 by 342 after relocation"). Nothing references this block, so it is never loaded;
/// its only effect is that the segment has that much slack. end2end/first-load.mjs's
/// budget fails the build if the splitter gives up again.
#[cfg(feature = "hydrate")]
#[used]
static WASM_SPLIT_SLACK: [u8; 16 * 1024] = [0xA5; 16 * 1024];

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy pages (kernel::lazy) load their chunk before hydrating; the app learns when
    // the whole page is done (kernel::hydration).
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::tachys::dom::body();
        leptos::mount::hydrate_from_async(body, App).await.forget();
        kernel::hydration::mark_done();
    });
}
