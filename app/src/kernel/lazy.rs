//! Pages that are not the till load their code when first opened, so a tablet's first
//! load carries the till and the shell, not every package's screens. Built with
//! `cargo leptos build --split`; without it (tests, `cargo check`) they are ordinary pages.
//!
//! `lazy_page!(CataloguePage, pages::Catalogue)` declares the route value
//! `Lazy::<CataloguePage>::new()` for the component `pages::Catalogue`.

/// Declares a lazily loaded route for a component without props. The route's name must be
/// unique in the app: it names the WASM chunk.
#[macro_export]
macro_rules! lazy_page {
    ($route:ident, $($component:ident)::+) => {
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::IntoAny;
                leptos::prelude::untrack(|| $($component)::+()).into_any()
            }
        }
    };
    // A page that brings its package's page words (`kernel::i18n::use_page_words`).
    ($route:ident, $($component:ident)::+, words = $words:path) => {
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::IntoAny;
                $crate::kernel::i18n::use_page_words($words);
                leptos::prelude::untrack(|| $($component)::+()).into_any()
            }
        }
    };
}
