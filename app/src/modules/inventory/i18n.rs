//! The inventory words: key → (Bahasa Indonesia, English). `kernel::i18n::tr` looks here
//! through the registry; the test there fails on a key no table has.
pub fn words(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "menu_stock" => ("Stok & katalog", "Stock & catalogue"),
        "stock_out" => ("Habis", "Out of stock"),
        "stock_low" => ("Menipis", "Running low"),
        "catalogue" => ("Katalog", "Catalogue"),
        "stock" => ("Stok", "Stock"),
        "stock_control" => ("Opname & transfer", "Counts & transfers"),
        "download_xlsx" => ("Unduh XLSX", "Download XLSX"),
        "stock_qty" => ("Stok", "On hand"),
        "no_stock" => ("Belum ada produk di outlet ini.", "No products at this outlet yet."),
        "adjust" => ("Sesuaikan", "Adjust"),
        "stock_adjustment" => ("Penyesuaian stok", "Stock adjustment"),
        "product" => ("Produk", "Product"),
        "stock_change" => ("Perubahan (+ masuk, − keluar)", "Change (+ in, − out)"),
        "category" => ("Kategori", "Category"),
        "unit" => ("Satuan", "Unit"),
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
        "image_url" => ("Foto (URL)", "Photo (URL)"),
        _ => return None,
    })
}

/// The stock-control page's words (`/stok/kontrol`), in its own chunk.
pub fn page_words(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "stock_opname" => ("Stok opname", "Stock count"),
        "blind_count" => (
            "Hitung buta (stok sistem disembunyikan)",
            "Blind count (system stock hidden)",
        ),
        "start_count" => ("Mulai stok opname", "Start a stock count"),
        "counting" => ("sedang dihitung", "counting"),
        "count_approved" => ("disetujui", "approved"),
        "lines_counted" => ("produk sudah dihitung", "products counted"),
        "scan_barcode" => ("Pindai barcode", "Scan barcode"),
        "add_one" => ("Tambah 1", "Add 1"),
        "expected" => ("Stok sistem", "System stock"),
        "counted" => ("Dihitung", "Counted"),
        "difference" => ("Selisih", "Difference"),
        "value_at_cost" => ("Nilai selisih (HPP)", "Difference at cost"),
        "approve_count" => (
            "Setujui dan posting selisih",
            "Approve and post differences",
        ),
        "transfers" => ("Transfer stok", "Stock transfers"),
        "transfer_to" => ("Ke lokasi", "To location"),
        "quantity" => ("Jumlah", "Quantity"),
        "choose" => ("Pilih", "Choose"),
        "request_transfer" => ("Minta transfer", "Request transfer"),
        "number" => ("Nomor", "Number"),
        "route" => ("Dari → ke", "From → to"),
        "transfer_requested" => ("Diminta", "Requested"),
        "transfer_sent" => ("Dalam perjalanan", "In transit"),
        "transfer_received" => ("Diterima", "Received"),
        "transfer_cancelled" => ("Dibatalkan", "Cancelled"),
        "send_transfer" => ("Kirim", "Send"),
        "receive_transfer" => ("Terima", "Receive"),
        _ => return None,
    })
}
