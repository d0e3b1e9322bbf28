//! Field rules shared by the JSON handlers and the CSV import, so a row is accepted by the
//! import exactly when the same values would be accepted by `POST /products`.
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::kernel::error::{ApiError, ApiResult};
use crate::kernel::money::Sen;

pub const UNITS: [&str; 9] = [
    "pcs", "kg", "gram", "liter", "ml", "pack", "box", "lusin", "karton",
];
pub const TAXES: [&str; 2] = ["ppn", "none"];

/// Largest amount accepted for a price or cost (one trillion rupiah).
const MAX_AMOUNT: i64 = 1_000_000_000_000;

pub fn sku(field: &str, value: &str) -> ApiResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ApiError::validation(field, "SKU wajib diisi."));
    }
    if v.chars().count() > 64 {
        return Err(ApiError::validation(
            field,
            "SKU terlalu panjang (maks. 64 karakter).",
        ));
    }
    if v.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(ApiError::validation(field, "SKU tidak boleh berisi spasi."));
    }
    Ok(v.to_string())
}

pub fn name(field: &str, value: &str) -> ApiResult<String> {
    crate::platform::api::tenants::required(field, value, "Nama produk")
}

/// A variant label such as `L / Merah`; empty means "no variant".
pub fn variant(field: &str, value: &str) -> ApiResult<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > 100 {
        return Err(ApiError::validation(
            field,
            "Nama varian terlalu panjang (maks. 100 karakter).",
        ));
    }
    Ok(Some(v.to_string()))
}

pub fn unit(field: &str, value: &str) -> ApiResult<String> {
    let v = value.trim().to_lowercase();
    UNITS
        .iter()
        .find(|u| **u == v)
        .map(|u| u.to_string())
        .ok_or_else(|| {
            ApiError::validation(
                field,
                format!("Satuan harus salah satu dari: {}.", UNITS.join(", ")),
            )
        })
}

pub fn tax(field: &str, value: &str) -> ApiResult<String> {
    let v = value.trim().to_lowercase();
    TAXES
        .iter()
        .find(|t| **t == v)
        .map(|t| t.to_string())
        .ok_or_else(|| ApiError::validation(field, "Pajak harus `ppn` atau `none`."))
}

/// A non-negative amount of money, as stored (sen).
/// Accepts a plain decimal with at most two decimals (`15000`, `1250.50`) or the
/// Indonesian notation (`15.000`, `Rp 1.250,50`). `whole` demands whole rupiah.
pub fn money(field: &str, value: &str, label: &str, whole: bool) -> ApiResult<Sen> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ApiError::validation(field, format!("{label} wajib diisi.")));
    }
    let invalid = || {
        ApiError::validation(
            field,
            format!("{label} harus berupa angka, mis. 15000 atau 15.000."),
        )
    };
    let plain = {
        let (int, frac) = v.split_once('.').unwrap_or((v, ""));
        !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.len() <= 2
            && frac.bytes().all(|b| b.is_ascii_digit())
            && !(v.contains('.') && frac.is_empty())
    };
    let amount = if plain {
        Decimal::from_str(v).map_err(|_| invalid())?
    } else {
        domain::money::parse_idr(v).map_err(|_| invalid())?.amount()
    };
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(ApiError::validation(
            field,
            format!("{label} tidak boleh negatif."),
        ));
    }
    if amount > Decimal::from(MAX_AMOUNT) {
        return Err(ApiError::validation(
            field,
            format!("{label} terlalu besar."),
        ));
    }
    let amount = amount.normalize();
    if amount.scale() > 2 {
        return Err(ApiError::validation(
            field,
            format!("{label} paling banyak dua angka di belakang koma."),
        ));
    }
    if whole && !amount.fract().is_zero() {
        return Err(ApiError::validation(
            field,
            format!("{label} harus dalam rupiah penuh."),
        ));
    }
    Sen::of(amount.abs())
}

pub fn price(field: &str, value: &str) -> ApiResult<Sen> {
    money(field, value, "Harga", true)
}

pub fn cost(field: &str, value: &str) -> ApiResult<Sen> {
    money(field, value, "Harga pokok", false)
}

/// One barcode: EAN-13, UPC-A and EAN-8 (8, 12 or 13 digits) must carry a correct check
/// digit; anything else is an internal code of 3–32 letters, digits or dashes.
pub fn barcode(field: &str, value: &str) -> ApiResult<String> {
    let v = value.trim();
    let all_digits = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
    if all_digits && matches!(v.len(), 8 | 12 | 13) {
        return match domain::barcode::validate(v) {
            Ok(_) => Ok(v.to_string()),
            Err(e) => Err(ApiError::validation(field, format!("Barcode {v}: {e}."))),
        };
    }
    let len = v.chars().count();
    if !(3..=32).contains(&len) || !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(ApiError::validation(
            field,
            format!(
                "Barcode {v:?} tidak valid: gunakan EAN-13/EAN-8/UPC-A atau kode internal 3–32 huruf, angka, atau tanda hubung."
            ),
        ));
    }
    Ok(v.to_string())
}

/// Validates every barcode and refuses duplicates within the list.
pub fn barcodes(field: &str, values: &[String]) -> ApiResult<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        let code = barcode(field, v)?;
        if out.contains(&code) {
            return Err(ApiError::validation(
                field,
                format!("Barcode {code} tercantum dua kali."),
            ));
        }
        out.push(code);
    }
    if out.len() > 20 {
        return Err(ApiError::validation(
            field,
            "Paling banyak 20 barcode per produk.",
        ));
    }
    Ok(out)
}

/// Optional image URL: empty clears it; otherwise an absolute http(s) URL.
pub fn image_url(field: &str, value: &str) -> ApiResult<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let lower = v.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let ok = match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty()
                && v.len() <= 1000
                && !v.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if !ok {
        return Err(ApiError::validation(
            field,
            "URL gambar harus alamat http:// atau https:// yang lengkap.",
        ));
    }
    Ok(Some(v.to_string()))
}

/// `true`/`false` in the spellings a spreadsheet user might type.
pub fn flag(field: &str, value: &str) -> ApiResult<bool> {
    match value.trim().to_lowercase().as_str() {
        "" | "true" | "1" | "ya" | "y" | "yes" | "aktif" => Ok(true),
        "false" | "0" | "tidak" | "t" | "no" | "n" | "nonaktif" => Ok(false),
        _ => Err(ApiError::validation(
            field,
            "Nilai aktif harus true atau false.",
        )),
    }
}

/// Indonesian phone number in `+62…` form. Accepts `0812-3456-7890`, `62812…`, `+62 812…`.
pub fn phone(field: &str, value: &str) -> ApiResult<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let invalid = || {
        ApiError::validation(
            field,
            "Nomor telepon harus nomor Indonesia, mis. 0812-3456-7890 atau +62 812 3456 7890.",
        )
    };
    let compact: String = v
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = compact.strip_prefix("+62") {
        rest
    } else if let Some(rest) = compact.strip_prefix("62") {
        rest
    } else if let Some(rest) = compact.strip_prefix('0') {
        rest
    } else {
        return Err(invalid());
    };
    let national = national.strip_prefix('0').unwrap_or(national);
    if !(8..=12).contains(&national.len())
        || !national.bytes().all(|b| b.is_ascii_digit())
        || national.starts_with('0')
    {
        return Err(invalid());
    }
    Ok(Some(format!("+62{national}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_forms() {
        assert_eq!(price("p", "15000").unwrap().text(), "15000");
        assert_eq!(price("p", "15.000").unwrap().text(), "15000");
        assert_eq!(price("p", "Rp 15.000").unwrap().text(), "15000");
        assert_eq!(price("p", "15000.00").unwrap().text(), "15000");
        assert_eq!(cost("c", "1250.5").unwrap().text(), "1250.5");
        assert_eq!(cost("c", "1.250,50").unwrap().text(), "1250.5");
        assert_eq!(cost("c", "0").unwrap().text(), "0");
        assert!(price("p", "1250.5").is_err());
        assert!(price("p", "-5").is_err());
        assert!(price("p", "abc").is_err());
        assert!(price("p", "").is_err());
        assert!(cost("c", "1.2345").is_err());
        assert!(price("p", "99999999999999").is_err());
    }

    #[test]
    fn barcode_rules() {
        assert!(barcode("b", "8991234567891").is_ok());
        assert!(barcode("b", "8991234567890").is_err());
        assert!(barcode("b", "96385074").is_ok());
        assert!(barcode("b", "036000291452").is_ok());
        assert!(barcode("b", "KOPI-01").is_ok());
        assert!(barcode("b", "12345").is_ok());
        assert!(barcode("b", "ab").is_err());
        assert!(barcode("b", "a b c").is_err());
        assert!(barcodes("b", &["KOPI-01".into(), "KOPI-01".into()]).is_err());
    }

    #[test]
    fn phones() {
        let p = |s: &str| phone("phone", s).unwrap().unwrap();
        assert_eq!(p("0812-3456-7890"), "+6281234567890");
        assert_eq!(p("6281234567890"), "+6281234567890");
        assert_eq!(p("+62 812 3456 7890"), "+6281234567890");
        assert_eq!(p("(021) 555-1234"), "+62215551234");
        assert!(phone("phone", "12345").is_err());
        assert!(phone("phone", "+1 555 123 4567").is_err());
        assert!(phone("phone", "0812abc").is_err());
        assert_eq!(phone("phone", " ").unwrap(), None);
    }

    #[test]
    fn urls() {
        assert!(image_url("i", "https://cdn.example.com/a.png").is_ok());
        assert!(image_url("i", "ftp://x/a.png").is_err());
        assert!(image_url("i", "https://").is_err());
        assert_eq!(image_url("i", "").unwrap(), None);
    }
}
