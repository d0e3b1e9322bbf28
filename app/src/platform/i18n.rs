//! The platform words: key → (Bahasa Indonesia, English). `kernel::i18n::tr` looks here
//! through the registry; the test there fails on a key no table has.
pub fn words(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "app_tagline" => (
            "Satu otak untuk banyak bisnis",
            "One brain for many businesses",
        ),
        "signing_in" => ("Sedang masuk…", "Signing in…"),
        "dashboard" => ("Dasbor", "Dashboard"),
        "staff" => ("Staf", "Staff"),
        "api_tokens" => ("Token API", "API tokens"),
        "audit" => ("Jejak audit", "Audit trail"),
        "supplier_portal" => ("Portal pemasok", "Supplier portal"),
        "welcome" => ("Selamat datang", "Welcome"),
        "code" => ("Kode", "Code"),
        "industry" => ("Paket industri", "Industry package"),
        "add_outlet" => ("Tambah outlet", "Add outlet"),
        "role" => ("Peran", "Role"),
        "roles" => ("Peran", "Roles"),
        "invite_staff" => ("Undang staf", "Invite staff"),
        "invite_link" => (
            "Tautan undangan (hanya ditampilkan sekali)",
            "Invitation link (shown once)",
        ),
        "all_outlets" => ("Semua outlet", "All outlets"),
        "disable" => ("Nonaktifkan", "Disable"),
        "create_token" => ("Buat token", "Create token"),
        "token_secret" => (
            "Salin token ini sekarang — tidak akan ditampilkan lagi",
            "Copy this token now — it will not be shown again",
        ),
        "revoke" => ("Cabut", "Revoke"),
        "revoked" => ("Dicabut", "Revoked"),
        "last_used" => ("Terakhir dipakai", "Last used"),
        "never" => ("Belum pernah", "Never"),
        "when" => ("Waktu", "When"),
        "action" => ("Tindakan", "Action"),
        "object" => ("Objek", "Object"),
        "details" => ("Rincian", "Details"),
        "filter" => ("Saring", "Filter"),
        "chain_ok" => ("Rantai audit utuh", "Audit chain intact"),
        "chain_broken" => (
            "Rantai audit RUSAK pada entri",
            "Audit chain BROKEN at entry",
        ),
        "entries" => ("entri", "entries"),
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
        "supplier_intro" => (
            "Anda masuk sebagai pemasok.",
            "You are signed in as a supplier.",
        ),
        "invited" => ("Diundang", "Invited"),
        "disabled" => ("Nonaktif", "Disabled"),
        "verify_chain" => ("Periksa rantai", "Verify chain"),
        "open_api_docs" => ("Dokumentasi API", "API documentation"),
        // The till.
        _ => return None,
    })
}
