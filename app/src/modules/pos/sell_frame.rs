//! The till's frame, drawn by the server only (see `frame_html`).
use crate::kernel::i18n::tr;

/// The till's frame as the server draws it on `/kasir` before the WASM has arrived (the
/// shell adds it after the app; `style/main.css` shows it until the till has drawn its
/// first screen), with the till's own classes so it is laid out as the till will be: the
/// search field, the grid's place, an empty cart and the charge panel. Only the server
/// builds it and the app never hydrates it, so none of it travels in the first load.
pub fn frame_html() -> String {
    let lang = crate::kernel::i18n::Lang::Id;
    let word = |key| {
        tr(lang, key)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    };
    format!(
        concat!(
            r#"<div class="till-head"><span class="chip strong">{till}</span></div>"#,
            r#"<div class="till"><section class="till-left">"#,
            r#"<input class="search" type="search" disabled aria-label="{search}" placeholder="{search}">"#,
            r#"<p class="till-preparing">{preparing}</p><div class="results">{tiles}</div></section>"#,
            r#"<section class="till-right"><p class="muted empty-cart">{empty}</p>"#,
            r#"<div class="charge"><dl class="totals"><dt class="grand">{total}</dt><dd class="grand">Rp0</dd></dl>"#,
            r#"<div class="finish-row"><button type="button" class="primary big" disabled>{finish}</button></div>"#,
            r#"</div></section></div>"#
        ),
        till = word("till"),
        search = word("search_products"),
        preparing = "Menyiapkan kasir: produk, harga dan shift perangkat ini…",
        tiles = r#"<span class="result tile-placeholder"></span>"#.repeat(12),
        empty = word("cart_empty"),
        total = word("total"),
        finish = word("finish"),
    )
}
