//! A supplier's NPWP and payment terms.
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A tax number: the old 15 digits (`01.234.567.8-901.000`) or the 16 of the NIK-based
/// NPWP (2024 onwards). Separators are dropped; only the digits are kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Npwp(String);

#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum NpwpError {
    #[error("NPWP has 15 or 16 digits")]
    Length { digits: usize },
    #[error("NPWP holds digits, dots and dashes only")]
    Character,
}

impl Npwp {
    pub fn parse(text: &str) -> Result<Self, NpwpError> {
        let mut digits = String::with_capacity(16);
        for c in text.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '.' | '-' | ' ' => {}
                _ => return Err(NpwpError::Character),
            }
        }
        match digits.len() {
            15 | 16 => Ok(Npwp(digits)),
            n => Err(NpwpError::Length { digits: n }),
        }
    }

    pub fn digits(&self) -> &str {
        &self.0
    }

    /// As printed: `01.234.567.8-901.000` for 15 digits, the 16 digits as they are.
    pub fn formatted(&self) -> String {
        let d = &self.0;
        if d.len() == 15 {
            format!(
                "{}.{}.{}.{}-{}.{}",
                &d[0..2],
                &d[2..5],
                &d[5..8],
                &d[8..9],
                &d[9..12],
                &d[12..15]
            )
        } else {
            d.clone()
        }
    }
}

/// When a supplier's invoice falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PaymentTerms {
    /// On delivery.
    Cash,
    Net7,
    Net14,
    Net30,
}

impl PaymentTerms {
    pub const ALL: [PaymentTerms; 4] = [Self::Cash, Self::Net7, Self::Net14, Self::Net30];

    pub fn days(self) -> u64 {
        match self {
            Self::Cash => 0,
            Self::Net7 => 7,
            Self::Net14 => 14,
            Self::Net30 => 30,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cash => "cash",
            Self::Net7 => "net7",
            Self::Net14 => "net14",
            Self::Net30 => "net30",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    pub fn due_date(self, invoice_date: NaiveDate) -> NaiveDate {
        invoice_date
            .checked_add_days(Days::new(self.days()))
            .unwrap_or(invoice_date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npwp_15_and_16_digits() {
        let old = Npwp::parse("01.234.567.8-901.000").unwrap();
        assert_eq!(old.digits(), "012345678901000");
        assert_eq!(old.formatted(), "01.234.567.8-901.000");
        assert_eq!(
            Npwp::parse("3171 0123 4567 8901").unwrap().digits(),
            "3171012345678901"
        );
        assert_eq!(Npwp::parse("1234"), Err(NpwpError::Length { digits: 4 }));
        assert_eq!(
            Npwp::parse("01.234.567.8-901.0001X"),
            Err(NpwpError::Character)
        );
    }

    #[test]
    fn terms_give_the_due_date() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
        assert_eq!(
            PaymentTerms::Net14.due_date(d),
            NaiveDate::from_ymd_opt(2027, 1, 3).unwrap()
        );
        assert_eq!(PaymentTerms::Cash.due_date(d), d);
        assert_eq!(PaymentTerms::parse("net30"), Some(PaymentTerms::Net30));
        assert_eq!(PaymentTerms::parse("60"), None);
    }
}
