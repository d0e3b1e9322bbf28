//! The audit trail's codes as words: what was done (`outlet.create`), to what (`outlet`),
//! and which fields changed (`sell_price`). Only the audit page uses them, so they travel
//! in its chunk, not in every tablet's first load. A test reads the server's source and
//! fails on an action recorded there that has no words here.
use serde_json::Value;

use crate::kernel::i18n::{pick, Lang};

type Words = (&'static str, &'static str);

fn action_words(code: &str) -> Option<Words> {
    Some(match code {
        "tenant.create" => ("Usaha dibuat", "Business created"),
        "outlet.create" => ("Outlet ditambahkan", "Outlet added"),
        "outlet.update" => ("Outlet diubah", "Outlet changed"),
        "outlet.archive" => ("Outlet diarsipkan", "Outlet archived"),
        "user.create" => ("Pengguna ditambahkan", "User added"),
        "user.update" => ("Pengguna diubah", "User changed"),
        "user.invite" => ("Pengguna diundang", "User invited"),
        "user.activate" => ("Pengguna diaktifkan", "User activated"),
        "user.disable" => ("Pengguna dinonaktifkan", "User disabled"),
        "user.pin_set" => ("PIN diatur", "PIN set"),
        "token.create" => ("Token API dibuat", "API token created"),
        "token.revoke" => ("Token API dicabut", "API token revoked"),
        "device.register" => ("Perangkat didaftarkan", "Device registered"),
        "category.create" => ("Kategori ditambahkan", "Category added"),
        "category.update" => ("Kategori diubah", "Category changed"),
        "category.delete" => ("Kategori dihapus", "Category deleted"),
        "product.create" => ("Produk ditambahkan", "Product added"),
        "product.update" => ("Produk diubah", "Product changed"),
        "product.delete" => ("Produk dihapus", "Product deleted"),
        "product.import" => ("Produk diimpor", "Products imported"),
        "product.outlet_price.set" => ("Harga outlet diatur", "Outlet price set"),
        "product.outlet_price.clear" => ("Harga outlet dihapus", "Outlet price cleared"),
        "supplier.create" => ("Pemasok ditambahkan", "Supplier added"),
        "supplier.update" => ("Pemasok diubah", "Supplier changed"),
        "supplier.product" => ("Produk pemasok diatur", "Supplied product set"),
        "purchase_order.create" => ("Pesanan pembelian dibuat", "Purchase order created"),
        "purchase_order.send" => ("Pesanan dikirim ke pemasok", "Purchase order sent"),
        "purchase_order.approve" => ("Pesanan pembelian disetujui", "Purchase order approved"),
        "purchase_order.cancel" => ("Pesanan pembelian dibatalkan", "Purchase order cancelled"),
        "purchase_order.close" => ("Pesanan pembelian ditutup", "Purchase order closed"),
        "purchase_order.confirm" => (
            "Pesanan dikonfirmasi pemasok",
            "Order confirmed by supplier",
        ),
        "purchase_order.ship" => ("Pemasok mengirim barang", "Supplier shipped the goods"),
        "purchase_order.propose" => ("Pemasok mengusulkan perubahan", "Supplier proposed changes"),
        "purchase_order.accept_proposal" => {
            ("Usulan pemasok diterima", "Supplier's changes accepted")
        }
        "purchase_order.reject_proposal" => {
            ("Usulan pemasok ditolak", "Supplier's changes rejected")
        }
        "goods_receipt.create" => ("Barang diterima", "Goods received"),
        "consignment_settlement.create" => ("Settlement titipan dibuat", "Consignment settled"),
        "supplier_invoice.create" => ("Faktur pemasok dicatat", "Supplier invoice recorded"),
        "supplier_invoice.pay" => ("Faktur pemasok dibayar", "Supplier invoice paid"),
        "purchase_return.create" => ("Barang diretur ke pemasok", "Goods returned to supplier"),
        "assembly.create" => (
            "Parsel dirakit / dibongkar",
            "Bundles assembled / taken apart",
        ),
        "product.components" => ("Isi parsel diatur", "Bundle contents set"),
        "stock.reorder_point" => ("Titik pesan ulang diatur", "Reorder point set"),
        "stock.adjust" => ("Stok disesuaikan", "Stock adjusted"),
        "customer.create" => ("Pelanggan ditambahkan", "Customer added"),
        "customer.update" => ("Pelanggan diubah", "Customer changed"),
        "discount.approve" => ("Diskon disetujui", "Discount approved"),
        "refund.create" => ("Refund dicatat", "Refund recorded"),
        "shift.open" => ("Shift dibuka", "Shift opened"),
        "shift.close" => ("Shift ditutup", "Shift closed"),
        "shift.cash_movement" => ("Kas masuk/keluar", "Cash in/out"),
        "member.create" => ("Anggota didaftarkan", "Member registered"),
        "member.exit" => ("Anggota keluar", "Member left"),
        "member.ktp_photo" => ("Foto KTP disimpan", "KTP photo saved"),
        "member.portal_invite" => ("Anggota diundang ke portal", "Member invited to the portal"),
        "savings_product.create" => ("Produk simpanan dibuat", "Savings product created"),
        "savings_account.open" => ("Rekening simpanan dibuka", "Savings account opened"),
        "savings.deposit" => ("Setoran simpanan", "Savings deposit"),
        "savings.withdrawal" => ("Penarikan simpanan", "Savings withdrawal"),
        "savings.interest_posting" => ("Bunga simpanan dibukukan", "Savings interest posted"),
        "savings.berjangka_maturity" => ("Simpanan berjangka jatuh tempo", "Time deposit matured"),
        "savings.berjangka_early" => (
            "Simpanan berjangka dicairkan awal",
            "Time deposit withdrawn early",
        ),
        "loan_product.create" => ("Produk pinjaman dibuat", "Loan product created"),
        "loan.apply" => ("Pinjaman diajukan", "Loan applied for"),
        "loan.analyse" => ("Pinjaman dianalisis", "Loan analysed"),
        "loan.approve" => ("Pinjaman disetujui", "Loan approved"),
        "loan.reject" => ("Pinjaman ditolak", "Loan rejected"),
        "loan.disburse" => ("Pinjaman dicairkan", "Loan disbursed"),
        "loan.repay" => ("Angsuran dibayar", "Instalment paid"),
        "loan.payoff" => ("Pinjaman dilunasi", "Loan paid off"),
        "loan.write_off" => ("Pinjaman dihapusbukukan", "Loan written off"),
        "shu.compute" => ("SHU dihitung", "SHU computed"),
        "shu.approve" => ("SHU disetujui RAT", "SHU approved by the RAT"),
        "shu.post" => ("SHU dibukukan", "SHU posted"),
        _ => return None,
    })
}

/// What was done, as words; an action recorded by a newer server reads as its code.
pub fn action(lang: Lang, code: &str) -> String {
    action_words(code).map_or_else(|| code.to_string(), |w| pick(lang, w).to_string())
}

fn entity_words(code: &str) -> Option<Words> {
    Some(match code {
        "tenant" => ("Usaha", "Business"),
        "outlet" => ("Outlet", "Outlet"),
        "user" => ("Pengguna", "User"),
        "api_token" => ("Token API", "API token"),
        "device" => ("Perangkat", "Device"),
        "category" => ("Kategori", "Category"),
        "product" => ("Produk", "Product"),
        "customer" => ("Pelanggan", "Customer"),
        "discount_approval" => ("Persetujuan diskon", "Discount approval"),
        "refund" => ("Refund", "Refund"),
        "shift" => ("Shift", "Shift"),
        "cash_movement" => ("Kas masuk/keluar", "Cash movement"),
        "member" => ("Anggota", "Member"),
        "savings_product" => ("Produk simpanan", "Savings product"),
        "savings_account" => ("Rekening simpanan", "Savings account"),
        "savings_interest" => ("Bunga simpanan", "Savings interest"),
        "loan_product" => ("Produk pinjaman", "Loan product"),
        "loan" => ("Pinjaman", "Loan"),
        "shu_closing" => ("Tutup buku SHU", "SHU closing"),
        "stock" => ("Stok", "Stock"),
        "supplier" => ("Pemasok", "Supplier"),
        "purchase_order" => ("Pesanan pembelian", "Purchase order"),
        "goods_receipt" => ("Penerimaan barang", "Goods receipt"),
        "supplier_invoice" => ("Faktur pemasok", "Supplier invoice"),
        "consignment_settlement" => ("Settlement titipan", "Consignment settlement"),
        "purchase_return" => ("Retur pembelian", "Purchase return"),
        "assembly" => ("Rakitan parsel", "Assembly"),
        _ => return None,
    })
}

pub fn entity(lang: Lang, code: &str) -> String {
    entity_words(code).map_or_else(|| humanized(code), |w| pick(lang, w).to_string())
}

fn field_words(code: &str) -> Option<Words> {
    Some(match code {
        "name" => ("Nama", "Name"),
        "status" => ("Status", "Status"),
        "code" => ("Kode", "Code"),
        "sku" => ("SKU", "SKU"),
        "amount" => ("Jumlah", "Amount"),
        "price" | "sell_price" => ("Harga", "Price"),
        "cost" => ("Harga pokok", "Cost"),
        "email" => ("Email", "Email"),
        "roles" => ("Peran", "Roles"),
        "kind" => ("Jenis", "Kind"),
        "active" => ("Aktif", "Active"),
        "reason" => ("Alasan", "Reason"),
        "rate_percent" => ("Bunga (%)", "Rate (%)"),
        "quantity" => ("Jumlah barang", "Quantity"),
        "plan" => ("Paket langganan", "Plan"),
        "penalty" => ("Denda", "Penalty"),
        "method" => ("Metode", "Method"),
        "industry" => ("Jenis usaha", "Industry"),
        "timezone" => ("Zona waktu", "Time zone"),
        "tenor" => ("Tenor", "Term"),
        "total" => ("Total", "Total"),
        "tax" => ("Pajak", "Tax"),
        "phone" => ("Telepon", "Phone"),
        "address" => ("Alamat", "Address"),
        "note" => ("Catatan", "Note"),
        "nik" => ("NIK", "NIK"),
        "principal" => ("Pokok pinjaman", "Principal"),
        "interest" => ("Bunga", "Interest"),
        "net" | "net_interest" => ("Bersih", "Net"),
        "balance_after" => ("Saldo sesudahnya", "Balance after"),
        "opening_float" => ("Modal awal laci", "Opening float"),
        "expected_cash" => ("Kas seharusnya", "Expected cash"),
        "counted_cash" => ("Kas dihitung", "Counted cash"),
        "difference" => ("Selisih", "Difference"),
        "receipt_no" => ("No. struk", "Receipt no."),
        "refund_no" => ("No. refund", "Refund no."),
        "loan_no" => ("No. pinjaman", "Loan no."),
        "member_no" => ("No. anggota", "Member no."),
        "account_no" => ("No. rekening", "Account no."),
        "percent" | "max_percent" => ("Persen", "Percent"),
        "unit" => ("Satuan", "Unit"),
        "year" => ("Tahun", "Year"),
        "month" => ("Bulan", "Month"),
        "lines" => ("Baris", "Lines"),
        "rows" => ("Baris", "Rows"),
        "payments" | "tenders" => ("Pembayaran", "Payments"),
        "paid" | "paid_out" => ("Dibayar", "Paid"),
        "paid_on" => ("Tanggal bayar", "Paid on"),
        "paid_to" => ("Dibayar kepada", "Paid to"),
        "owner_email" => ("Email pemilik", "Owner's email"),
        "prefix" => ("Awalan", "Prefix"),
        "restock" => ("Kembali ke stok", "Back to stock"),
        "minimum_balance" => ("Saldo minimum", "Minimum balance"),
        "collateral_value" => ("Nilai agunan", "Collateral value"),
        "approver_name" | "approved_by" => ("Disetujui oleh", "Approved by"),
        "single_approval_limit" => ("Batas persetujuan tunggal", "Single approval limit"),
        "receipt_header" => ("Kepala struk", "Receipt header"),
        "receipt_footer" => ("Kaki struk", "Receipt footer"),
        "shu_total" => ("Total SHU", "SHU total"),
        "allocation" => ("Pembagian", "Allocation"),
        "opened_at" => ("Dibuka", "Opened"),
        "closed_at" => ("Ditutup", "Closed"),
        "barcodes" => ("Barcode", "Barcodes"),
        "source" => ("Sumber", "Source"),
        "version" => ("Versi", "Version"),
        "settings" => ("Pengaturan", "Settings"),
        _ => return None,
    })
}

fn humanized(code: &str) -> String {
    code.replace(['_', '.'], " ")
}

/// Ids, hashes and secrets say nothing to a reader of the trail.
fn hidden(field: &str) -> bool {
    field == "id" || field.ends_with("_id") || field.ends_with("_ids") || field.contains("hash")
}

fn value_text(lang: Lang, v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::Bool(b) => pick(lang, if *b { ("ya", "yes") } else { ("tidak", "no") }).into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.chars().count() > 60 => {
            format!("{}…", s.chars().take(60).collect::<String>())
        }
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|i| i.is_string()) && items.len() <= 4 => items
            .iter()
            .filter_map(|i| i.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        Value::Array(items) => format!("{} {}", items.len(), pick(lang, ("baris", "items"))),
        Value::Object(fields) => format!("{} {}", fields.len(), pick(lang, ("isian", "fields"))),
    }
}

/// The fields an entry changed, one line each (`Harga: 12500 → 13000`), ids left out; on
/// a creation (no before) every field it was made with. At most `LINES_MAX` lines.
pub fn changes(lang: Lang, before: Option<&Value>, after: Option<&Value>) -> Vec<String> {
    const LINES_MAX: usize = 8;
    let label = |k: &str| field_words(k).map_or_else(|| humanized(k), |w| pick(lang, w).into());
    let (b, a) = match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => (Some(b), Some(a)),
        (None, Some(Value::Object(a))) => (None, Some(a)),
        (Some(Value::Object(b)), None) => (Some(b), None),
        (before, after) => {
            // Not a record of fields: say what it was and what it became.
            let side = |v: Option<&Value>| v.map(|v| value_text(lang, v));
            return match (side(before), side(after)) {
                (Some(b), Some(a)) => vec![format!("{b} → {a}")],
                (Some(only), None) | (None, Some(only)) => vec![only],
                (None, None) => vec![],
            };
        }
    };
    let mut keys: Vec<&String> = a.map(|a| a.keys().collect()).unwrap_or_default();
    for k in b.iter().flat_map(|b| b.keys()) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let mut lines: Vec<String> = keys
        .into_iter()
        .filter(|k| !hidden(k))
        .filter_map(|k| {
            let old = b.and_then(|b| b.get(k));
            let new = a.and_then(|a| a.get(k));
            match (old, new) {
                (Some(o), Some(n)) if o == n => None,
                (Some(o), Some(n)) => Some(format!(
                    "{}: {} → {}",
                    label(k),
                    value_text(lang, o),
                    value_text(lang, n)
                )),
                (None, Some(n)) => Some(format!("{}: {}", label(k), value_text(lang, n))),
                (Some(o), None) => Some(format!("{}: {} → —", label(k), value_text(lang, o))),
                (None, None) => None,
            }
        })
        .collect();
    if lines.len() > LINES_MAX {
        lines.truncate(LINES_MAX);
        lines.push("…".into());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every action the server records (a quoted `entity.verb` in its source) has words
    /// in both languages.
    #[test]
    fn every_recorded_action_has_words() {
        let server = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/src");
        let mut files = vec![server];
        let mut missing = Vec::new();
        let mut seen = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(
                    std::fs::read_dir(&path)
                        .expect("dir")
                        .flatten()
                        .map(|e| e.path()),
                );
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            for quoted in text.split('"').skip(1).step_by(2) {
                let Some((entity, verb)) = quoted.split_once('.') else {
                    continue;
                };
                let is_action = entity_words(entity).is_some()
                    && !verb.is_empty()
                    && verb.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                    // A file name (`savings.csv`), not an action.
                    && !matches!(verb, "csv" | "xlsx" | "pdf");
                if is_action {
                    seen += 1;
                    if action_words(quoted).is_none() {
                        missing.push(quoted.to_string());
                    }
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "actions without words: {missing:?}");
        assert!(seen > 40, "only {seen} actions found: the scan is broken");
    }

    #[test]
    fn changes_read_as_fields_without_ids() {
        let before = json!({"id": "p1", "name": "Teh", "sell_price": "12500", "active": true});
        let after = json!({"id": "p1", "name": "Teh", "sell_price": "13000", "active": false, "outlet_id": "o1"});
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        assert_eq!(
            sorted(changes(Lang::Id, Some(&before), Some(&after))),
            ["Aktif: ya → tidak", "Harga: 12500 → 13000"]
        );
        assert_eq!(
            sorted(changes(
                Lang::En,
                None,
                Some(&json!({"name": "Kafe", "industry": "fnb"}))
            )),
            ["Industry: fnb", "Name: Kafe"]
        );
        assert_eq!(changes(Lang::Id, None, Some(&json!("open"))), ["open"]);
        assert_eq!(action(Lang::En, "loan.disburse"), "Loan disbursed");
        assert_eq!(action(Lang::Id, "new.thing"), "new.thing");
    }
}
