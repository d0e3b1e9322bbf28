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
        "menu_settings" => ("Pengaturan", "Settings"),
        "menu" => ("Menu", "Menu"),
        "menu_close" => ("Tutup menu", "Close menu"),
        "till_coming_title" => ("Kasir untuk usaha ini segera hadir", "The till for this business is coming"),
        "till_coming_body" => (
            "Paket untuk jenis usaha outlet ini belum tersedia; kasirnya hadir bersama paketnya.",
            "This outlet's industry has no package yet; its till comes with it.",
        ),
        "error_package_not_enabled" => (
            "Fitur ini bagian dari paket yang tidak aktif untuk usaha Anda.",
            "This is part of a package your business does not have.",
        ),
        "sign_in" => ("Masuk", "Sign in"),
        "sign_out" => ("Keluar", "Sign out"),
        "email" => ("Email", "Email"),
        "password" => ("Kata sandi", "Password"),
        "error_bad_credentials" => ("Email atau kata sandi salah.", "Wrong email or password."),
        "error_rate_limited" => (
            "Terlalu banyak percobaan. Coba lagi nanti.",
            "Too many attempts. Try again later.",
        ),
        "error_demo_password_refused" => (
            "Kata sandi demo hanya berlaku dalam mode demo.",
            "The demo password only works in demo mode.",
        ),
        "error_network_error" => (
            "Tidak dapat menghubungi server. Periksa koneksi.",
            "Cannot reach the server. Check the connection.",
        ),
        "loading" => ("Memuat…", "Loading…"),
        "no_tokens" => ("Belum ada token API.", "No API tokens yet."),
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
        "method" => ("Metode", "Method"),
        "not_found" => ("Halaman tidak ditemukan.", "Page not found."),
        "error_forbidden" => (
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
    pick(
        lang,
        lookup_in(crate::packages::all(), key).unwrap_or((key, key)),
    )
}

/// The reader's side of a pair of words: (Bahasa Indonesia, English).
pub fn pick(lang: Lang, (id, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

/// An outlet's industry (`domain::industry::INDUSTRIES`) as words.
pub fn industry_label(lang: Lang, code: &str) -> &'static str {
    let words = match code {
        "retail" => ("Ritel / minimarket", "Retail / minimarket"),
        "koperasi" => ("Koperasi simpan pinjam", "Savings & loan cooperative"),
        "fnb" => ("Kafe & restoran", "Café & restaurant"),
        "beauty" => ("Salon & kecantikan", "Salon & beauty"),
        "services" => ("Jasa", "Services"),
        "education" => ("Pendidikan", "Education"),
        "healthcare" => ("Kesehatan", "Healthcare"),
        "hospitality" => ("Penginapan", "Hospitality"),
        "automotive" => ("Bengkel & otomotif", "Automotive"),
        "agriculture" => ("Pertanian", "Agriculture"),
        _ => ("?", "?"),
    };
    pick(lang, words)
}

pub fn role_label(lang: Lang, role: &str) -> &'static str {
    let words = match role {
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
    pick(lang, words)
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

    /// Every industry an outlet can have reads as words in both languages.
    #[test]
    fn every_industry_has_words() {
        for code in domain::industry::INDUSTRIES {
            for lang in [Lang::Id, Lang::En] {
                assert_ne!(industry_label(lang, code), "?", "{code}");
            }
        }
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
