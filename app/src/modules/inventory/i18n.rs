//! The inventory words: key → (Bahasa Indonesia, English). `kernel::i18n::tr` looks here
//! through the registry; the test there fails on a key no table has.
pub fn words(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "menu_stock" => ("Stok & katalog", "Stock & catalogue"),
        "stock_out" => ("Habis", "Out of stock"),
        "stock_low" => ("Menipis", "Running low"),
        "catalogue" => ("Katalog", "Catalogue"),
        "stock" => ("Stok", "Stock"),
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
