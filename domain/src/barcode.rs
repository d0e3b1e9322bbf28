//! EAN-13, EAN-8 and UPC-A check digits (the GS1 mod-10 scheme).
//!
//! All three share one algorithm: weights 3,1,3,… from the rightmost payload
//! digit, so one implementation serves every length.

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BarcodeKind {
    Ean13,
    Ean8,
    UpcA,
}

impl BarcodeKind {
    /// Full length including the check digit.
    pub fn length(self) -> usize {
        match self {
            BarcodeKind::Ean13 => 13,
            BarcodeKind::Ean8 => 8,
            BarcodeKind::UpcA => 12,
        }
    }

    fn from_len(len: usize) -> Option<Self> {
        match len {
            13 => Some(BarcodeKind::Ean13),
            12 => Some(BarcodeKind::UpcA),
            8 => Some(BarcodeKind::Ean8),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum BarcodeError {
    #[error("barcode hanya boleh berisi angka")]
    NotDigits,
    #[error("panjang barcode {length} tidak dikenali (EAN-13: 13, UPC-A: 12, EAN-8: 8)")]
    UnsupportedLength { length: usize },
    #[error("digit pemeriksa salah: tertulis {found}, seharusnya {expected}")]
    WrongCheckDigit { expected: u8, found: u8 },
}

fn digits(s: &str) -> Result<Vec<u8>, BarcodeError> {
    s.bytes()
        .map(|b| {
            if b.is_ascii_digit() {
                Ok(b - b'0')
            } else {
                Err(BarcodeError::NotDigits)
            }
        })
        .collect()
}

fn mod10(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Check digit for a payload without its check digit
/// (12 digits for EAN-13, 11 for UPC-A, 7 for EAN-8).
pub fn check_digit(payload: &str) -> Result<u8, BarcodeError> {
    let d = digits(payload.trim())?;
    if BarcodeKind::from_len(d.len() + 1).is_none() {
        return Err(BarcodeError::UnsupportedLength { length: d.len() });
    }
    Ok(mod10(&d))
}

/// Payload plus its computed check digit.
pub fn with_check_digit(payload: &str) -> Result<String, BarcodeError> {
    let c = check_digit(payload)?;
    Ok(format!("{}{c}", payload.trim()))
}

/// Validate a full code; the kind follows from its length.
pub fn validate(code: &str) -> Result<BarcodeKind, BarcodeError> {
    let d = digits(code.trim())?;
    let kind = BarcodeKind::from_len(d.len())
        .ok_or(BarcodeError::UnsupportedLength { length: d.len() })?;
    let (payload, check) = d.split_at(d.len() - 1);
    let expected = mod10(payload);
    if expected != check[0] {
        return Err(BarcodeError::WrongCheckDigit {
            expected,
            found: check[0],
        });
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vectors() {
        assert_eq!(check_digit("899123456789"), Ok(1));
        assert_eq!(validate("8991234567891"), Ok(BarcodeKind::Ean13));
        assert_eq!(validate("4006381333931"), Ok(BarcodeKind::Ean13));
        assert_eq!(validate("036000291452"), Ok(BarcodeKind::UpcA));
        assert_eq!(validate("96385074"), Ok(BarcodeKind::Ean8));
        assert_eq!(check_digit("9638507"), Ok(4));
        assert_eq!(
            with_check_digit("03600029145").as_deref(),
            Ok("036000291452")
        );
        assert_eq!(
            validate("8991234567890"),
            Err(BarcodeError::WrongCheckDigit {
                expected: 1,
                found: 0
            })
        );
        assert_eq!(validate("89912345678a1"), Err(BarcodeError::NotDigits));
        assert_eq!(
            validate("12345"),
            Err(BarcodeError::UnsupportedLength { length: 5 })
        );
        assert_eq!(
            check_digit("1234"),
            Err(BarcodeError::UnsupportedLength { length: 4 })
        );
        assert_eq!(BarcodeKind::UpcA.length(), 12);
    }

    proptest! {
        #[test]
        fn computed_codes_validate(payload in "[0-9]{12}|[0-9]{11}|[0-9]{7}") {
            let code = with_check_digit(&payload).unwrap();
            prop_assert!(validate(&code).is_ok());
        }
    }
}
