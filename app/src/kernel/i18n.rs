//! Bahasa Indonesia first, English on request. Keys are short English phrases so a
//! missing translation still reads sensibly.
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// The kernel's own words (shared by several packages).
fn kernel_words(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "till_coming_title" => ("Kasir untuk usaha ini segera hadir", "The till for this business is coming"),
        "till_coming_body" => (
            "Paket untuk jenis usaha outlet ini belum tersedia; kasirnya hadir bersama paketnya.",
            "This outlet's industry has no package yet; its till comes with it.",
        ),
        "package_not_enabled" => (
            "Fitur ini bagian dari paket yang tidak aktif untuk usaha Anda.",
            "This is part of a package your business does not have.",
        ),
        "sign_in" => ("Masuk", "Sign in"),
        "sign_out" => ("Keluar", "Sign out"),
        "email" => ("Email", "Email"),
        "password" => ("Kata sandi", "Password"),
        "bad_credentials" => ("Email atau kata sandi salah.", "Wrong email or password."),
        "rate_limited" => (
            "Terlalu banyak percobaan. Coba lagi nanti.",
            "Too many attempts. Try again later.",
        ),
        "demo_password_refused" => (
            "Kata sandi demo hanya berlaku dalam mode demo.",
            "The demo password only works in demo mode.",
        ),
        "network_error" => (
            "Tidak dapat menghubungi server. Periksa koneksi.",
            "Cannot reach the server. Check the connection.",
        ),
        "loading" => ("Memuat…", "Loading…"),
        "language" => ("Bahasa", "Language"),
        "outlets" => ("Outlet", "Outlets"),
        "till" => ("Kasir", "Till"),
        "platform" => ("Platform", "Platform"),
        "loan_simulator" => ("Simulasi pinjaman", "Loan simulator"),
        "name" => ("Nama", "Name"),
        "address" => ("Alamat", "Address"),
        "timezone" => ("Zona waktu", "Time zone"),
        "save" => ("Simpan", "Save"),
        "saved" => ("Tersimpan.", "Saved."),
        "status" => ("Status", "Status"),
        "set_pin" => ("Atur PIN", "Set PIN"),
        "pin" => ("PIN (6 angka)", "PIN (6 digits)"),
        "created" => ("Dibuat", "Created"),
        "who" => ("Oleh", "By"),
        "from" => ("Dari", "From"),
        "to" => ("Sampai", "To"),
        "this_device" => ("Perangkat ini", "This device"),
        "switch_user" => ("Ganti kasir", "Switch cashier"),
        "outlet" => ("Outlet", "Outlet"),
        "member_intro" => (
            "Ringkasan keanggotaan Anda di koperasi.",
            "Your cooperative membership at a glance.",
        ),
        "method" => ("Metode", "Method"),
        "not_found" => ("Halaman tidak ditemukan.", "Page not found."),
        "forbidden" => (
            "Anda tidak berhak membuka halaman ini.",
            "You may not open this page.",
        ),
        "active" => ("Aktif", "Active"),
        "search_label" => ("Cari produk", "Search products"),
        "total" => ("Total", "Total"),
        "amount_label" => ("Jumlah bayar", "Amount paid"),
        "items" => ("barang", "items"),
        "print" => ("Cetak", "Print"),
        "percent" => ("Persen", "Percent"),
        "apply" => ("Terapkan", "Apply"),
        "approve" => ("Setujui", "Approve"),
        "phone" => ("No. HP", "Phone"),
        "tender_cash" => ("Tunai", "Cash"),
        "from_date" => ("Dari tanggal", "From"),
        "to_date" => ("Sampai tanggal", "To"),
        "download_csv" => ("Unduh CSV", "Download CSV"),
        "reason" => ("Alasan", "Reason"),
        "price" => ("Harga jual", "Price"),
        "update_ready" => (
            "Versi baru Satu sudah siap. Muat ulang setelah transaksi yang sedang berjalan selesai.",
            "A new version of Satu is ready. Reload once the current sale is finished.",
        ),
        "reload" => ("Muat ulang", "Reload"),
        "payments" => ("Transaksi", "Transactions"),
        "approval" => ("Persetujuan", "Approval"),
        "purchases" => ("Belanja", "Purchases"),
        "all" => ("Semua", "All"),
        "cash_in" => ("Kas masuk", "Cash in"),
        "cash_out" => ("Kas keluar", "Cash out"),
        "note" => ("Catatan", "Note"),
        "printer_no_webusb" => (
            "Browser ini tidak mendukung printer USB langsung; memakai dialog cetak.",
            "This browser cannot print to USB directly; using the print dialog.",
        ),
        "printer_not_paired" => (
            "Belum ada printer USB yang dipasangkan; memakai dialog cetak.",
            "No USB printer paired yet; using the print dialog.",
        ),
        "printer_offline" => (
            "Printer tidak menjawab (kabel, daya, atau kertas?); memakai dialog cetak.",
            "The printer did not answer (cable, power or paper?); using the print dialog.",
        ),
        _ => return None,
    })
}

/// A table of words: key → (Bahasa Indonesia, English).
pub type Words = fn(&str) -> Option<(&'static str, &'static str)>;

/// Tables registered by pages as they open (`use_page_words`); process-wide, since a
/// server render may move between threads.
static PAGE_WORDS: std::sync::RwLock<Vec<Words>> = std::sync::RwLock::new(Vec::new());

/// Makes a lazily loaded page's own words known. The table is referenced only from the
/// page's code, so under `--split` it travels in the page's chunk; the server learns it
/// the first time it renders such a page.
pub fn use_page_words(words: Words) {
    let known = PAGE_WORDS
        .read()
        .is_ok_and(|all| all.iter().any(|w| std::ptr::fn_addr_eq(*w, words)));
    if !known {
        if let Ok(mut all) = PAGE_WORDS.write() {
            if !all.iter().any(|w| std::ptr::fn_addr_eq(*w, words)) {
                all.push(words);
            }
        }
    }
}

/// A key's words: the kernel's, else the first registered package's that has it, else
/// an opened page's.
pub fn lookup_in(
    registry: crate::kernel::package::Registry,
    key: &str,
) -> Option<(&'static str, &'static str)> {
    kernel_words(key)
        .or_else(|| registry.iter().find_map(|p| (p.translations)(key)))
        .or_else(|| {
            PAGE_WORDS
                .read()
                .ok()
                .and_then(|all| all.iter().find_map(|w| w(key)))
        })
}

pub fn tr(lang: Lang, key: &'static str) -> &'static str {
    // An unknown key reads as itself; the test below keeps there from being any.
    let (id, en) = lookup_in(crate::packages::all(), key).unwrap_or((key, key));
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

pub fn role_label(lang: Lang, role: &str) -> &'static str {
    let (id, en) = match role {
        "developer" => ("Developer", "Developer"),
        "superadmin" => ("Superadmin", "Superadmin"),
        "owner" => ("Pemilik", "Owner"),
        "admin" => ("Admin", "Admin"),
        "manager" => ("Manajer", "Manager"),
        "cashier" => ("Kasir", "Cashier"),
        "supplier" => ("Pemasok", "Supplier"),
        "member" => ("Anggota", "Member"),
        _ => ("?", "?"),
    };
    if lang == Lang::Id {
        id
    } else {
        en
    }
}

/// The language signal shared by the whole app.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

pub fn use_lang() -> RwSignal<Lang> {
    use_context::<LangCtx>()
        .map(|c| c.0)
        .unwrap_or_else(|| RwSignal::new(Lang::Id))
}

/// A reactive translated string for use in views.
pub fn t(key: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || tr(lang.get(), key)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Every key the code asks for (`t("…")`, `tr(lang, "…")`, a menu's `label: "…"`)
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
            for (opener, skip_args) in [("t(\"", false), ("label: \"", false), ("tr(", true)] {
                let mut from = 0;
                while let Some(i) = text[from..].find(opener) {
                    let at = from + i;
                    from = at + opener.len();
                    // `t(` as a call of its own, not the end of `set(` or `.t(`.
                    let before = text[..at].chars().next_back().unwrap_or(' ');
                    if opener != "label: \""
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
                    let page_words = crate::packages::page_words(&file.to_string_lossy());
                    if lookup_in(crate::packages::all(), key)
                        .or_else(|| page_words.and_then(|w| w(key)))
                        .is_none()
                    {
                        missing.push(format!("{}: {key}", file.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys without words: {missing:#?}");
        assert!(seen > 300, "only {seen} keys found: the scan is broken");
    }

    /// A page's words are found once it has opened, and only then.
    #[test]
    fn page_words_count_once_registered() {
        fn salon_pages(key: &str) -> Option<(&'static str, &'static str)> {
            (key == "salon_price_list").then_some(("Daftar harga", "Price list"))
        }
        let registry = crate::packages::all();
        assert!(lookup_in(registry, "salon_price_list").is_none());
        use_page_words(salon_pages);
        use_page_words(salon_pages);
        assert_eq!(
            lookup_in(registry, "salon_price_list"),
            Some(("Daftar harga", "Price list"))
        );
        let copies = PAGE_WORDS.read().map_or(0, |all| {
            all.iter()
                .filter(|w| std::ptr::fn_addr_eq(**w, salon_pages as Words))
                .count()
        });
        assert_eq!(copies, 1);
    }

    #[test]
    fn an_unknown_key_is_not_found() {
        assert!(lookup_in(crate::packages::all(), "no_such_key").is_none());
        assert_eq!(
            lookup_in(crate::packages::all(), "sign_in"),
            Some(("Masuk", "Sign in"))
        );
    }
}
