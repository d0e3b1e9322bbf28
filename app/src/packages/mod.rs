//! Industry packages, and the app's registry: the one list the menu, the till and the
//! translations walk. Adding a package is a folder here (and one on the server) plus a
//! line in `all()` and, if it has pages, one in `PackageRoutes`.
use leptos::prelude::*;
use leptos_router::MatchNestedRoutes;

use crate::kernel::package::{AppPackage, Registry};

pub mod koperasi;
pub mod retail;

static ALL: [&AppPackage; 6] = [
    &crate::platform::PACKAGE,
    &crate::modules::pos::MODULE,
    &crate::modules::inventory::MODULE,
    &crate::modules::purchasing::MODULE,
    &retail::PACKAGE,
    &koperasi::PACKAGE,
];

pub fn all() -> Registry {
    &ALL
}

/// Every module's and package's pages.
#[component(transparent)]
pub fn PackageRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <crate::modules::pos::PosRoutes/>
        <crate::modules::inventory::InventoryRoutes/>
        <crate::modules::purchasing::PurchasingRoutes/>
        <koperasi::KoperasiRoutes/>
    }
    .into_inner()
}

#[cfg(test)]
mod tests {
    use crate::kernel::i18n::{lookup_in, Words};

    /// The page words (`kernel::i18n::use_page_words`) of the package whose source file
    /// is `path`: a package's pages may use them, nothing else may.
    fn page_words(path: &str) -> Option<Words> {
        if path.contains("/platform/dashboard") {
            return Some(crate::platform::i18n::dashboard_words as Words);
        }
        if path.contains("/platform/platform_stats") {
            return Some(crate::platform::i18n::platform_words as Words);
        }
        if path.contains("/modules/inventory/") {
            return Some(crate::modules::inventory::i18n::page_words as Words);
        }
        if path.contains("/modules/purchasing/") {
            return Some(crate::modules::purchasing::i18n::page_words as Words);
        }
        path.contains("/packages/koperasi/")
            .then_some(super::koperasi::i18n::page_words as Words)
    }

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Text written straight into a view (`<th>"Jasa modal"</th>`) reads the same in both
    /// languages, so it must be a name or a code that is not translated (SKU, NIK, Satu);
    /// anything else goes through `t()`.
    #[test]
    fn every_word_in_a_view_has_both_languages() {
        const SAME_IN_BOTH: &[&str] = &[
            "SKU",
            "Barcode",
            "SHU",
            "NIK",
            "BPKB",
            "SHM",
            "Satu",
            "QRIS",
            "PIN",
            "ID",
            "EN",
            "RAT",
            "PAR",
            "PKP",
            "CSV",
            "XLSX",
            "WIB (UTC+7)",
            "WITA (UTC+8)",
            "WIT (UTC+9)",
            "Basic",
            "Pro",
            "Enterprise",
        ];
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut untranslated = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("read");
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            // A literal that is a view's text: right after a tag's `>` or before its `<`.
            let starts = text
                .match_indices(">\"")
                .chain(text.match_indices("} \""))
                .map(|(i, m)| i + m.len());
            for start in starts {
                let rest = &text[start..];
                let Some(end) = rest.find('"') else { continue };
                let literal = &rest[..end];
                // A view's text is one line; across lines it is Rust between two strings.
                if literal.contains('\n') {
                    continue;
                }
                let is_text = rest[end + 1..].trim_start().starts_with('<')
                    || rest[end + 1..].trim_start().starts_with('{');
                let has_word = literal
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w.chars().count() >= 3);
                let name = literal.trim().trim_end_matches(':');
                if is_text && has_word && !SAME_IN_BOTH.contains(&name) {
                    untranslated.push(format!("{}: {literal}", file.display()));
                }
            }
        }
        assert!(
            untranslated.is_empty(),
            "text in a view without words in both languages: {untranslated:#?}"
        );
    }

    /// Every key the code asks for (`t("…")`, `tr(lang, "…")`, a menu's `label: "…"` and
    /// `group: "…"`)
    /// is in some table: nothing shows a raw key to a user.
    #[test]
    fn every_key_in_use_has_words() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut missing = Vec::new();
        let mut seen = 0;
        for file in &files {
            let text = std::fs::read_to_string(file).expect("read");
            // Test code registers stand-ins with words of their own.
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (opener, skip_args) in [
                ("t(\"", false),
                ("label: \"", false),
                ("group: \"", false),
                ("tr(", true),
            ] {
                let mut from = 0;
                while let Some(i) = text[from..].find(opener) {
                    let at = from + i;
                    from = at + opener.len();
                    // `t(` as a call of its own, not the end of `set(` or `.t(`.
                    let before = text[..at].chars().next_back().unwrap_or(' ');
                    if !opener.ends_with(": \"")
                        && (before.is_alphanumeric() || before == '_' || before == '.')
                    {
                        continue;
                    }
                    let rest = &text[from..];
                    let rest = if skip_args {
                        match rest.split_once(", \"") {
                            Some((arg, r)) if !arg.contains(')') => r,
                            _ => continue,
                        }
                    } else {
                        rest
                    };
                    let key = rest.split('"').next().unwrap_or_default();
                    let is_key = !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                    if !is_key {
                        continue;
                    }
                    seen += 1;
                    let page_words = page_words(&file.to_string_lossy());
                    match lookup_in(super::all(), key).or_else(|| page_words.and_then(|w| w(key))) {
                        None => missing.push(format!("{}: {key}", file.display())),
                        // Both languages, never one left blank.
                        Some((id, en)) if id.trim().is_empty() || en.trim().is_empty() => {
                            missing.push(format!("{}: {key} (one language empty)", file.display()))
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys without words: {missing:#?}");
        assert!(seen > 300, "only {seen} keys found: the scan is broken");
    }
}
