//! QRIS (EMVCo Merchant-Presented Mode) parsing and static → dynamic
//! conversion.
//!
//! The payload is parsed as real TLV rather than patched with string
//! replacement (the widely copied `str_replace("010211","010212")` corrupts
//! payloads where that sequence appears inside a value). Lengths count
//! characters, and the CRC is CRC-16/CCITT-FALSE over the UTF-8 bytes up to
//! and including `6304`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Longest amount tag 54 may carry (EMVCo: 13 characters).
const MAX_AMOUNT_LEN: usize = 13;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrisField {
    /// Two-digit tag, e.g. `"59"`.
    pub tag: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qris {
    /// Top-level fields in payload order, CRC (`63`) last.
    pub fields: Vec<QrisField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum QrisError {
    #[error("payload QRIS kosong")]
    Empty,
    #[error("tag tidak valid pada posisi {position} (harus 2 digit)")]
    InvalidTag { position: usize },
    #[error("panjang tidak valid pada posisi {position} (harus 2 digit)")]
    InvalidLength { position: usize },
    #[error("nilai tag {tag} terpotong pada posisi {position}")]
    Truncated { tag: String, position: usize },
    #[error("payload QRIS tidak memiliki CRC (tag 63)")]
    MissingCrc,
    #[error("CRC (tag 63) harus menjadi field terakhir")]
    CrcNotLast,
    #[error("format CRC tidak valid (harus 4 digit heksadesimal)")]
    InvalidCrcFormat,
    #[error("CRC tidak cocok: tertulis {found}, seharusnya {expected}")]
    CrcMismatch { expected: String, found: String },
    #[error("payload format indicator (tag 00) harus '01' di awal payload")]
    InvalidPayloadFormat,
    #[error("point of initiation (tag 01) tidak valid: '{value}'")]
    InvalidPointOfInitiation { value: String },
    #[error("nominal pada tag 54 tidak valid: '{value}'")]
    InvalidAmountField { value: String },
    #[error("nominal harus lebih dari nol")]
    AmountNotPositive,
    #[error("nominal QRIS harus dalam rupiah bulat")]
    AmountNotWhole,
    #[error("nominal terlalu panjang (maksimal 13 karakter)")]
    AmountTooLong,
    #[error("nilai tag {tag} terlalu panjang (maksimal 99 karakter)")]
    ValueTooLong { tag: String },
}

impl QrisError {
    pub fn code(&self) -> &'static str {
        match self {
            QrisError::Empty => "empty",
            QrisError::InvalidTag { .. } => "invalid_tag",
            QrisError::InvalidLength { .. } => "invalid_length",
            QrisError::Truncated { .. } => "truncated",
            QrisError::MissingCrc => "missing_crc",
            QrisError::CrcNotLast => "crc_not_last",
            QrisError::InvalidCrcFormat => "invalid_crc_format",
            QrisError::CrcMismatch { .. } => "crc_mismatch",
            QrisError::InvalidPayloadFormat => "invalid_payload_format",
            QrisError::InvalidPointOfInitiation { .. } => "invalid_point_of_initiation",
            QrisError::InvalidAmountField { .. } => "invalid_amount_field",
            QrisError::AmountNotPositive => "amount_not_positive",
            QrisError::AmountNotWhole => "amount_not_whole",
            QrisError::AmountTooLong => "amount_too_long",
            QrisError::ValueTooLong { .. } => "value_too_long",
        }
    }
}

/// CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR.
pub fn crc16_ccitt_false(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in data {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// Uppercase, zero-padded 4-hex CRC as QRIS writes it.
pub fn crc_hex(data: &[u8]) -> String {
    format!("{:04X}", crc16_ccitt_false(data))
}

/// Parse a TLV string (top level or a template's value) without CRC checks.
/// Positions in errors are character offsets.
pub fn parse_tlv(input: &str) -> Result<Vec<QrisField>, QrisError> {
    let chars: Vec<char> = input.chars().collect();
    let mut fields = Vec::new();
    let mut pos = 0;
    while pos < chars.len() {
        let tag: String = chars
            .get(pos..pos + 2)
            .filter(|t| t.iter().all(|c| c.is_ascii_digit()))
            .ok_or(QrisError::InvalidTag { position: pos })?
            .iter()
            .collect();
        let len_pos = pos + 2;
        let len = chars
            .get(len_pos..len_pos + 2)
            .filter(|t| t.iter().all(|c| c.is_ascii_digit()))
            .map(|t| {
                t.iter()
                    .fold(0usize, |a, c| a * 10 + (*c as usize - '0' as usize))
            })
            .ok_or(QrisError::InvalidLength { position: len_pos })?;
        let start = len_pos + 2;
        let value: String = chars
            .get(start..start + len)
            .ok_or(QrisError::Truncated {
                tag: tag.clone(),
                position: start,
            })?
            .iter()
            .collect();
        fields.push(QrisField { tag, value });
        pos = start + len;
    }
    Ok(fields)
}

/// Parse a QRIS payload and verify its structure and CRC.
pub fn parse(payload: &str) -> Result<Qris, QrisError> {
    let payload = payload.trim();
    if payload.is_empty() {
        return Err(QrisError::Empty);
    }
    let fields = parse_tlv(payload)?;
    match fields.first() {
        Some(f) if f.tag == "00" && f.value == "01" => {}
        _ => return Err(QrisError::InvalidPayloadFormat),
    }
    let crc_index = fields
        .iter()
        .position(|f| f.tag == "63")
        .ok_or(QrisError::MissingCrc)?;
    if crc_index != fields.len() - 1 {
        return Err(QrisError::CrcNotLast);
    }
    let found = &fields[crc_index].value;
    if found.len() != 4 || !found.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(QrisError::InvalidCrcFormat);
    }
    // The CRC covers everything before its own 4 hex digits, "6304" included.
    let covered = &payload[..payload.len() - 4];
    let expected = crc_hex(covered.as_bytes());
    if !expected.eq_ignore_ascii_case(found) {
        return Err(QrisError::CrcMismatch {
            expected,
            found: found.clone(),
        });
    }
    if let Some(poi) = fields.iter().find(|f| f.tag == "01") {
        if poi.value != "11" && poi.value != "12" {
            return Err(QrisError::InvalidPointOfInitiation {
                value: poi.value.clone(),
            });
        }
    }
    let qris = Qris { fields };
    qris.amount()?;
    Ok(qris)
}

impl Qris {
    pub fn get(&self, tag: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.tag == tag)
            .map(|f| f.value.as_str())
    }

    /// Point of initiation `12`.
    pub fn is_dynamic(&self) -> bool {
        self.get("01") == Some("12")
    }

    /// Tag 54, if present.
    pub fn amount(&self) -> Result<Option<Decimal>, QrisError> {
        match self.get("54") {
            None => Ok(None),
            Some(v) => {
                let ok = !v.is_empty()
                    && v.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && v.chars().filter(|c| *c == '.').count() <= 1;
                if !ok {
                    return Err(QrisError::InvalidAmountField { value: v.into() });
                }
                v.parse::<Decimal>()
                    .map(Some)
                    .map_err(|_| QrisError::InvalidAmountField { value: v.into() })
            }
        }
    }

    pub fn merchant_name(&self) -> Option<&str> {
        self.get("59")
    }

    pub fn merchant_city(&self) -> Option<&str> {
        self.get("60")
    }

    /// NMID from the `ID.CO.QRIS.WWW` template (tag 51, sub-tag 02).
    pub fn nmid(&self) -> Option<String> {
        let template = parse_tlv(self.get("51")?).ok()?;
        template
            .into_iter()
            .find(|f| f.tag == "02")
            .map(|f| f.value)
    }

    pub fn crc(&self) -> Option<&str> {
        self.get("63")
    }

    /// Serialise the fields (except any `63`) and append a fresh CRC.
    pub fn to_payload(&self) -> Result<String, QrisError> {
        let mut out = String::with_capacity(256);
        for f in self.fields.iter().filter(|f| f.tag != "63") {
            let len = f.value.chars().count();
            if len > 99 {
                return Err(QrisError::ValueTooLong { tag: f.tag.clone() });
            }
            out.push_str(&f.tag);
            out.push_str(&format!("{len:02}"));
            out.push_str(&f.value);
        }
        out.push_str("6304");
        let crc = crc_hex(out.as_bytes());
        out.push_str(&crc);
        Ok(out)
    }
}

fn amount_string(amount: Decimal) -> Result<String, QrisError> {
    if amount <= Decimal::ZERO {
        return Err(QrisError::AmountNotPositive);
    }
    if !amount.fract().is_zero() {
        return Err(QrisError::AmountNotWhole);
    }
    // Integers only: one library reports QRIS rejects decimals, and rupiah
    // has no minor unit anyway.
    let s = amount.trunc().normalize().to_string();
    if s.len() > MAX_AMOUNT_LEN {
        return Err(QrisError::AmountTooLong);
    }
    Ok(s)
}

/// Turn a merchant's static QRIS into a dynamic one for `amount`:
/// tag 01 = `12`, tags 54–57 replaced by the amount, placed before tag 58,
/// fresh CRC. Works on an already-dynamic payload too (the amount is replaced).
pub fn to_dynamic(static_payload: &str, amount: Decimal) -> Result<String, QrisError> {
    let amount = amount_string(amount)?;
    let parsed = parse(static_payload)?;
    let mut fields: Vec<QrisField> = parsed
        .fields
        .into_iter()
        .filter(|f| !matches!(f.tag.as_str(), "54" | "55" | "56" | "57" | "63"))
        .collect();

    match fields.iter_mut().find(|f| f.tag == "01") {
        Some(poi) => poi.value = "12".into(),
        None => fields.insert(
            1,
            QrisField {
                tag: "01".into(),
                value: "12".into(),
            },
        ),
    }
    // Tags are two ASCII digits, so string order is numeric order.
    let at = fields
        .iter()
        .position(|f| f.tag.as_str() > "57")
        .unwrap_or(fields.len());
    fields.insert(
        at,
        QrisField {
            tag: "54".into(),
            value: amount,
        },
    );
    Qris { fields }.to_payload()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    const STATIC: &str = "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7";
    const DYNAMIC_10000: &str = "00020101021226570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605405100005802ID5922Warung Sayur Bu Sugeng6010Kab. Demak6105595676304460E";

    #[test]
    fn crc_vectors() {
        assert_eq!(crc16_ccitt_false(b"123456789"), 0x29B1);
        assert_eq!(crc_hex(&STATIC.as_bytes()[..STATIC.len() - 4]), "58C7");
        assert_eq!(
            crc_hex(&DYNAMIC_10000.as_bytes()[..DYNAMIC_10000.len() - 4]),
            "460E"
        );
        assert_eq!(crc_hex(b""), "FFFF");
    }

    #[test]
    fn parses_static() {
        let q = parse(STATIC).unwrap();
        assert!(!q.is_dynamic());
        assert_eq!(q.merchant_name(), Some("Warung Sayur Bu Sugeng"));
        assert_eq!(q.merchant_city(), Some("Kab. Demak"));
        assert_eq!(q.nmid().as_deref(), Some("ID1020017611473"));
        assert_eq!(q.amount(), Ok(None));
        assert_eq!(q.crc(), Some("58C7"));
        assert_eq!(q.get("53"), Some("360"));
    }

    #[test]
    fn static_to_dynamic_vector() {
        let d = to_dynamic(STATIC, dec!(10000)).unwrap();
        assert_eq!(d, DYNAMIC_10000);
        assert_eq!(d.len(), 208);
        let q = parse(&d).unwrap();
        assert!(q.is_dynamic());
        assert_eq!(q.amount(), Ok(Some(dec!(10000))));
        // Re-pricing a dynamic payload replaces the amount.
        let again = to_dynamic(&d, dec!(25000)).unwrap();
        assert_eq!(parse(&again).unwrap().amount(), Ok(Some(dec!(25000))));
        assert_eq!(to_dynamic(&again, dec!(10000)).unwrap(), DYNAMIC_10000);
    }

    #[test]
    fn decimal_amount_in_payload_is_read() {
        let q = Qris {
            fields: vec![
                QrisField {
                    tag: "00".into(),
                    value: "01".into(),
                },
                QrisField {
                    tag: "01".into(),
                    value: "12".into(),
                },
                QrisField {
                    tag: "54".into(),
                    value: "69300.00".into(),
                },
                QrisField {
                    tag: "58".into(),
                    value: "ID".into(),
                },
            ],
        };
        let p = q.to_payload().unwrap();
        assert_eq!(parse(&p).unwrap().amount(), Ok(Some(dec!(69300))));
    }

    #[test]
    fn rejects_malformed() {
        assert_eq!(parse(""), Err(QrisError::Empty));
        assert_eq!(parse("0X"), Err(QrisError::InvalidTag { position: 0 }));
        assert_eq!(
            parse("0002"),
            Err(QrisError::Truncated {
                tag: "00".into(),
                position: 4
            })
        );
        assert_eq!(parse("00A1"), Err(QrisError::InvalidLength { position: 2 }));
        assert_eq!(parse("000201"), Err(QrisError::MissingCrc));
        assert_eq!(
            parse("000202630400005802ID"),
            Err(QrisError::InvalidPayloadFormat)
        );
        let mut bad = STATIC.to_string();
        bad.replace_range(bad.len() - 4.., "58C8");
        assert_eq!(
            parse(&bad),
            Err(QrisError::CrcMismatch {
                expected: "58C7".into(),
                found: "58C8".into()
            })
        );
        bad.replace_range(bad.len() - 4.., "58CG");
        assert_eq!(parse(&bad), Err(QrisError::InvalidCrcFormat));
        let tampered = STATIC.replace("Bu Sugeng", "Bu Sugeny");
        assert!(matches!(
            parse(&tampered),
            Err(QrisError::CrcMismatch { .. })
        ));
        let lower = STATIC.replace("58C7", "58c7");
        assert!(parse(&lower).is_ok());
        assert_eq!(
            to_dynamic(STATIC, dec!(0)),
            Err(QrisError::AmountNotPositive)
        );
        assert_eq!(
            to_dynamic(STATIC, dec!(-5)),
            Err(QrisError::AmountNotPositive)
        );
        assert_eq!(
            to_dynamic(STATIC, dec!(100.5)),
            Err(QrisError::AmountNotWhole)
        );
        assert_eq!(
            to_dynamic(STATIC, dec!(99999999999999)),
            Err(QrisError::AmountTooLong)
        );
        assert_eq!(QrisError::MissingCrc.code(), "missing_crc");
    }

    proptest! {
        #[test]
        fn static_dynamic_roundtrip(amount in 1i64..9_999_999_999_999, name in "[A-Za-z .]{1,25}") {
            let merchant = Qris {
                fields: vec![
                    QrisField { tag: "00".into(), value: "01".into() },
                    QrisField { tag: "01".into(), value: "11".into() },
                    QrisField { tag: "52".into(), value: "5812".into() },
                    QrisField { tag: "53".into(), value: "360".into() },
                    QrisField { tag: "58".into(), value: "ID".into() },
                    QrisField { tag: "59".into(), value: name.clone() },
                    QrisField { tag: "60".into(), value: "Jakarta".into() },
                ],
            };
            let static_payload = merchant.to_payload().unwrap();
            let dynamic = to_dynamic(&static_payload, Decimal::from(amount)).unwrap();
            let q = parse(&dynamic).unwrap();
            prop_assert!(q.is_dynamic());
            prop_assert_eq!(q.amount(), Ok(Some(Decimal::from(amount))));
            prop_assert_eq!(q.merchant_name(), Some(name.as_str()));
            let crc = crc_hex(&dynamic.as_bytes()[..dynamic.len() - 4]);
            prop_assert_eq!(q.crc(), Some(crc.as_str()));
        }
    }
}
