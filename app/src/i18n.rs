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

pub fn tr(lang: Lang, key: &'static str) -> &'static str {
    let (id, en) = match key {
        "app_tagline" => (
            "Satu otak untuk banyak bisnis",
            "One brain for many businesses",
        ),
        "sign_in" => ("Masuk", "Sign in"),
        "sign_out" => ("Keluar", "Sign out"),
        "email" => ("Email", "Email"),
        "password" => ("Kata sandi", "Password"),
        "signing_in" => ("Sedang masuk…", "Signing in…"),
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
        "dashboard" => ("Dasbor", "Dashboard"),
        "outlets" => ("Outlet", "Outlets"),
        "staff" => ("Staf", "Staff"),
        "devices" => ("Perangkat", "Devices"),
        "api_tokens" => ("Token API", "API tokens"),
        "audit" => ("Jejak audit", "Audit trail"),
        "till" => ("Kasir", "Till"),
        "my_savings" => ("Simpanan saya", "My savings"),
        "supplier_portal" => ("Portal pemasok", "Supplier portal"),
        "platform" => ("Platform", "Platform"),
        "loan_simulator" => ("Simulasi pinjaman", "Loan simulator"),
        "welcome" => ("Selamat datang", "Welcome"),
        "name" => ("Nama", "Name"),
        "code" => ("Kode", "Code"),
        "address" => ("Alamat", "Address"),
        "timezone" => ("Zona waktu", "Time zone"),
        "industry" => ("Paket industri", "Industry package"),
        "add_outlet" => ("Tambah outlet", "Add outlet"),
        "save" => ("Simpan", "Save"),
        "saved" => ("Tersimpan.", "Saved."),
        "role" => ("Peran", "Role"),
        "roles" => ("Peran", "Roles"),
        "status" => ("Status", "Status"),
        "invite_staff" => ("Undang staf", "Invite staff"),
        "invite_link" => (
            "Tautan undangan (hanya ditampilkan sekali)",
            "Invitation link (shown once)",
        ),
        "all_outlets" => ("Semua outlet", "All outlets"),
        "set_pin" => ("Atur PIN", "Set PIN"),
        "pin" => ("PIN (6 angka)", "PIN (6 digits)"),
        "disable" => ("Nonaktifkan", "Disable"),
        "create_token" => ("Buat token", "Create token"),
        "token_secret" => (
            "Salin token ini sekarang — tidak akan ditampilkan lagi",
            "Copy this token now — it will not be shown again",
        ),
        "revoke" => ("Cabut", "Revoke"),
        "revoked" => ("Dicabut", "Revoked"),
        "last_used" => ("Terakhir dipakai", "Last used"),
        "created" => ("Dibuat", "Created"),
        "never" => ("Belum pernah", "Never"),
        "when" => ("Waktu", "When"),
        "who" => ("Oleh", "By"),
        "action" => ("Tindakan", "Action"),
        "object" => ("Objek", "Object"),
        "details" => ("Rincian", "Details"),
        "filter" => ("Saring", "Filter"),
        "from" => ("Dari", "From"),
        "to" => ("Sampai", "To"),
        "chain_ok" => ("Rantai audit utuh", "Audit chain intact"),
        "chain_broken" => (
            "Rantai audit RUSAK pada entri",
            "Audit chain BROKEN at entry",
        ),
        "entries" => ("entri", "entries"),
        "register_device" => (
            "Daftarkan tablet ini sebagai perangkat kasir",
            "Register this tablet as a till device",
        ),
        "device_name" => ("Nama perangkat", "Device name"),
        "this_device" => ("Perangkat ini", "This device"),
        "not_registered" => (
            "Browser ini belum terdaftar sebagai perangkat kasir.",
            "This browser is not registered as a till device.",
        ),
        "switch_user" => ("Ganti kasir", "Switch cashier"),
        "choose_cashier" => (
            "Pilih nama Anda, lalu masukkan PIN",
            "Pick your name, then enter your PIN",
        ),
        "wrong_pin" => ("PIN salah.", "Wrong PIN."),
        "clear" => ("Hapus", "Clear"),
        "my_pin" => ("PIN saya", "My PIN"),
        "current_password" => ("Kata sandi saat ini", "Current password"),
        "cashier_on_duty" => ("Kasir bertugas", "Cashier on duty"),
        "outlet" => ("Outlet", "Outlet"),
        "device" => ("Perangkat", "Device"),
        "tenants" => ("Tenant", "Tenants"),
        "create_tenant" => ("Buat tenant", "Create tenant"),
        "business_name" => ("Nama usaha", "Business name"),
        "owner_email" => ("Email pemilik", "Owner's email"),
        "owner_name" => ("Nama pemilik", "Owner's name"),
        "plan" => ("Paket", "Plan"),
        "accept_invitation" => ("Terima undangan", "Accept invitation"),
        "choose_password" => (
            "Buat kata sandi (min. 8 karakter)",
            "Choose a password (min. 8 characters)",
        ),
        "invitation_done" => (
            "Kata sandi tersimpan. Silakan masuk.",
            "Password saved. Please sign in.",
        ),
        "member_intro" => (
            "Ringkasan keanggotaan Anda di koperasi.",
            "Your cooperative membership at a glance.",
        ),
        "supplier_intro" => (
            "Anda masuk sebagai pemasok.",
            "You are signed in as a supplier.",
        ),
        "principal" => ("Pokok pinjaman", "Loan amount"),
        "rate" => ("Bunga (%)", "Interest (%)"),
        "per_month" => ("per bulan", "per month"),
        "per_year" => ("per tahun", "per year"),
        "tenor" => ("Jangka waktu (bulan)", "Term (months)"),
        "method" => ("Metode", "Method"),
        "flat" => ("Flat", "Flat"),
        "effective" => ("Efektif (menurun)", "Effective (declining)"),
        "annuity" => ("Anuitas", "Annuity"),
        "calculate" => ("Hitung", "Calculate"),
        "period" => ("Bulan ke", "Month"),
        "interest" => ("Bunga", "Interest"),
        "installment" => ("Angsuran", "Instalment"),
        "balance" => ("Sisa pokok", "Balance"),
        "total_interest" => ("Total bunga", "Total interest"),
        "total_payment" => ("Total bayar", "Total payment"),
        "offline_ok" => (
            "Dihitung di perangkat ini — tetap jalan tanpa internet.",
            "Computed on this device — works without internet.",
        ),
        "not_found" => ("Halaman tidak ditemukan.", "Page not found."),
        "forbidden" => (
            "Anda tidak berhak membuka halaman ini.",
            "You may not open this page.",
        ),
        "active" => ("Aktif", "Active"),
        "invited" => ("Diundang", "Invited"),
        "disabled" => ("Nonaktif", "Disabled"),
        "verify_chain" => ("Periksa rantai", "Verify chain"),
        "open_api_docs" => ("Dokumentasi API", "API documentation"),
        // The till.
        "search_products" => (
            "Cari nama / SKU, atau pindai barcode",
            "Search name / SKU, or scan a barcode",
        ),
        "search_label" => ("Cari produk", "Search products"),
        "all_categories" => ("Semua kategori", "All categories"),
        "qty" => ("Jumlah", "Quantity"),
        "decrease" => ("Kurangi", "Decrease"),
        "increase" => ("Tambah", "Increase"),
        "subtotal" => ("Subtotal", "Subtotal"),
        "discount" => ("Diskon", "Discount"),
        "tax_ppn" => ("PPN", "VAT"),
        "total" => ("Total", "Total"),
        "amount_hint" => ("Jumlah (kosong = sisa tagihan)", "Amount (empty = amount due)"),
        "amount_label" => ("Jumlah bayar", "Amount paid"),
        "remaining" => ("Sisa", "Remaining"),
        "finish" => ("Selesai", "Done"),
        "void_cart" => ("Batal", "Void"),
        "hold" => ("Tahan", "Hold"),
        "on_hold" => ("Ditahan:", "On hold:"),
        "recall" => ("Panggil", "Recall"),
        "items" => ("barang", "items"),
        "receipt" => ("Struk", "Receipt"),
        "change" => ("Kembalian", "Change"),
        "print" => ("Cetak", "Print"),
        "waiting" => ("menunggu", "waiting"),
        "refused" => ("ditolak", "rejected"),
        "synced" => ("sinkron", "synced"),
        "line_discount" => ("Diskon barang", "Item discount"),
        "cart_discount" => ("Diskon transaksi", "Sale discount"),
        "percent" => ("Persen", "Percent"),
        "rupiah" => ("Rupiah", "Rupiah"),
        "apply" => ("Terapkan", "Apply"),
        "remove_discount" => ("Hapus diskon", "Remove discount"),
        "close" => ("Tutup", "Close"),
        "manager_approval" => ("Persetujuan manajer", "Manager approval"),
        "approval_needed" => (
            "Diskon {p}% melebihi batas kasir {l}%. Minta manajer memasukkan PIN.",
            "A {p}% discount is above the cashier limit of {l}%. Ask a manager for the PIN.",
        ),
        "approval_offline" => (
            "Persetujuan manajer butuh koneksi ke server. Coba lagi saat online, atau beri diskon dalam batas kasir.",
            "A manager's approval needs the server. Try again when online, or stay within the cashier limit.",
        ),
        "no_approvers" => (
            "Belum ada manajer dengan PIN di outlet ini.",
            "No manager with a PIN at this outlet yet.",
        ),
        "manager_pin" => ("PIN manajer", "Manager PIN"),
        "approve" => ("Setujui", "Approve"),
        "approved_by" => ("Disetujui", "Approved by"),
        "discount_over_limit" => (
            "Diskon melebihi batas kasir; perlu persetujuan manajer.",
            "The discount is above the cashier limit; a manager must approve.",
        ),
        "discount_invalid" => (
            "Diskon tidak sah: persen 0–100, rupiah bilangan bulat, tidak melebihi harga.",
            "Invalid discount: percent 0–100, whole rupiah, not above the price.",
        ),
        "customer" => ("Pelanggan", "Customer"),
        "find_customer" => ("Cari pelanggan (nama / no. HP)", "Find a customer (name / phone)"),
        "new_customer" => ("Pelanggan baru", "New customer"),
        "phone" => ("No. HP", "Phone"),
        "add_customer" => ("Tambah pelanggan", "Add customer"),
        "remove" => ("Lepas", "Remove"),
        "customer_offline" => (
            "Pelanggan baru hanya bisa ditambah saat online.",
            "New customers can only be added online.",
        ),
        "qris_scan" => (
            "Minta pelanggan memindai QRIS ini, lalu periksa notifikasi pembayaran.",
            "Ask the customer to scan this QRIS, then check the payment notification.",
        ),
        "qris_paid" => ("Sudah dibayar", "Paid"),
        "code_not_found" => ("Kode tidak ditemukan:", "Code not found:"),
        "qty_invalid" => (
            "Jumlah harus angka lebih dari 0 (maks. 3 desimal).",
            "Quantity must be a number above 0 (at most 3 decimals).",
        ),
        "sale_not_saved" => (
            "Penjualan tidak tersimpan di perangkat:",
            "The sale was not saved on this device:",
        ),
        "tender_cash" => ("Tunai", "Cash"),
        "tender_qris" => ("QRIS", "QRIS"),
        "tender_ewallet" => ("E-wallet", "E-wallet"),
        "tender_debit" => ("Kartu debit", "Debit card"),
        "tender_credit" => ("Kartu kredit", "Credit card"),
        "tender_transfer" => ("Transfer", "Transfer"),
        "tender_savings" => ("Simpanan anggota", "Member savings"),
        // Manager's retail screens.
        "catalogue" => ("Katalog", "Catalogue"),
        "stock" => ("Stok", "Stock"),
        "reports" => ("Laporan", "Reports"),
        "from_date" => ("Dari tanggal", "From"),
        "to_date" => ("Sampai tanggal", "To"),
        "download_csv" => ("Unduh CSV", "Download CSV"),
        "download_xlsx" => ("Unduh XLSX", "Download XLSX"),
        "report_sales_count" => ("Jumlah transaksi", "Sales"),
        "report_gross" => ("Omzet kotor", "Gross sales"),
        "report_net" => ("Omzet bersih (tanpa pajak)", "Net sales (excl. tax)"),
        "report_count" => ("Transaksi", "Sales"),
        "report_by_product" => ("Per produk", "By product"),
        "report_by_category" => ("Per kategori", "By category"),
        "report_by_cashier" => ("Per kasir", "By cashier"),
        "report_by_payment" => ("Per metode bayar", "By payment method"),
        "report_by_hour" => ("Per jam", "By hour"),
        "stock_qty" => ("Stok", "On hand"),
        "adjust" => ("Sesuaikan", "Adjust"),
        "stock_adjustment" => ("Penyesuaian stok", "Stock adjustment"),
        "product" => ("Produk", "Product"),
        "stock_change" => ("Perubahan (+ masuk, − keluar)", "Change (+ in, − out)"),
        "reason" => ("Alasan", "Reason"),
        "category" => ("Kategori", "Category"),
        "unit" => ("Satuan", "Unit"),
        "price" => ("Harga jual", "Price"),
        "add_product" => ("Tambah produk", "Add product"),
        "import_catalogue" => ("Impor katalog (CSV / XLSX)", "Import catalogue (CSV / XLSX)"),
        "import_hint" => (
            "Kolom sama dengan berkas ekspor; SKU yang sudah ada diperbarui. Jika ada baris salah, tidak ada yang disimpan.",
            "Same columns as the export; existing SKUs are updated. If any row is wrong, nothing is saved.",
        ),
        "import" => ("Impor", "Import"),
        "import_done" => ("Impor selesai", "Imported"),
        "created_n" => ("baru", "new"),
        "updated" => ("diperbarui", "updated"),
        "rejected_sales" => ("Penjualan ditolak server", "Sales the server refused"),
        "retry" => ("Kirim ulang", "Send again"),
        "customers" => ("Pelanggan", "Customers"),
        "update_ready" => (
            "Versi baru Satu sudah siap. Muat ulang setelah transaksi yang sedang berjalan selesai.",
            "A new version of Satu is ready. Reload once the current sale is finished.",
        ),
        "reload" => ("Muat ulang", "Reload"),
        "image_url" => ("Foto (URL)", "Photo (URL)"),
        "purchase_history" => ("Riwayat belanja", "Purchase history"),
        "all" => ("Semua", "All"),
        "amount_invalid" => ("Jumlah uang tidak valid.", "Invalid amount."),
        "auto_print" => (
            "Cetak otomatis setelah bayar",
            "Print automatically after payment",
        ),
        "cash_in" => ("Kas masuk", "Cash in"),
        "cash_out" => ("Kas keluar", "Cash out"),
        "cash_in_out" => ("Kas masuk/keluar", "Cash in/out"),
        "cash_needs_pin" => (
            "Di atas {l} perlu PIN manajer.",
            "Above {l} a manager's PIN is needed.",
        ),
        "cash_reason_hint" => ("mis. beli es batu", "e.g. buying ice"),
        "close_queued" => (
            "Shift ditutup di tablet ini. Laporan shift muncul setelah tersinkron ke server.",
            "Shift closed on this tablet. The shift report appears once it reaches the server.",
        ),
        "close_shift" => ("Tutup shift", "Close shift"),
        "count_hint" => (
            "Hitung uang di laci per pecahan (lembar/keping).",
            "Count the drawer by note and coin.",
        ),
        "count_invalid" => (
            "Jumlah lembar harus bilangan bulat.",
            "Counts must be whole numbers.",
        ),
        "counted_cash" => ("Kas dihitung", "Counted cash"),
        "difference" => ("Selisih", "Difference"),
        "done" => ("Selesai", "Done"),
        "expected_cash" => ("Kas seharusnya", "Expected cash"),
        "find" => ("Cari", "Find"),
        "note" => ("Catatan", "Note"),
        "open_drawer" => (
            "Buka laci kas saat bayar tunai",
            "Open the cash drawer on cash sales",
        ),
        "open_shift" => ("Buka shift", "Open shift"),
        "open_shift_hint" => (
            "Masukkan modal awal (uang kembalian) yang ada di laci.",
            "Enter the float (change money) in the drawer.",
        ),
        "opening_float" => ("Modal awal", "Opening float"),
        "pair_printer" => ("Pasangkan printer USB", "Pair USB printer"),
        "printed" => ("Struk terkirim ke printer.", "Sent to the printer."),
        "printer" => ("Printer", "Printer"),
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
        "printer_paired" => ("Printer dipasangkan:", "Printer paired:"),
        "queued" => ("menunggu sinkron", "waiting to sync"),
        "reason_required" => ("Alasan wajib diisi.", "A reason is required."),
        "receipt_not_here_offline" => (
            "Offline: struk ini tidak ada di tablet ini.",
            "Offline: this receipt is not on this tablet.",
        ),
        "receipt_number" => ("Nomor struk", "Receipt number"),
        "refund" => ("Refund", "Refund"),
        "refund_cash" => ("Tunai", "Cash"),
        "refund_done" => ("Refund", "Refund"),
        "refund_original" => ("Ke pembayaran asal", "To original tender"),
        "refund_pick_lines" => (
            "Isi jumlah barang yang direfund.",
            "Enter the quantities to refund.",
        ),
        "refund_qty" => ("Jumlah refund baris", "Refund quantity of line"),
        "refund_total" => ("Total refund", "Refund total"),
        "refunds" => ("Refund", "Refunds"),
        "reprint" => ("Cetak ulang", "Reprint"),
        "restock" => (
            "Barang kembali ke stok (tidak rusak)",
            "Goods go back into stock (not damaged)",
        ),
        "sales" => ("Penjualan", "Sales"),
        "test_print" => ("Tes cetak", "Test print"),
        "shifts" => ("Shift", "Shifts"),
        _ => (key, key),
    };
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
