//! NIK (Nomor Induk Kependudukan) validation and decoding.
//!
//! Layout `PPKKCC DDMMYY SSSS`: province, regency, district of first
//! registration; birth day (+40 for women), month, two-digit year; serial.
//! There is no check digit, so validation is structural.
//!
//! Century: the NIK only carries `YY`. Without a reference date we follow
//! python-stdnum and try 19YY first, then 20YY (so `450817` → 1945 and
//! `000229` → 2000 because 1900 was not a leap year). When the caller gives
//! "today", the most recent valid date not after today wins (20YY before
//! 19YY), which decodes children's NIKs correctly.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Province codes accepted by default. 62–65, 71–76, 81–82 and 91–96 are
/// not confirmed by the rules reference; pass an official Kemendagri list
/// through [`NikSettings::province_codes`] to override. 91–96 are the Papua
/// provinces (Papua, Papua Barat and the 2022 splits); there is no 97.
pub const DEFAULT_PROVINCE_CODES: &[&str] = &[
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
    "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
    "91", "92", "93", "94", "95", "96",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    #[serde(rename = "M")]
    Male,
    #[serde(rename = "F")]
    Female,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nik {
    /// The 16 digits, as given (whitespace removed).
    pub nik: String,
    pub province_code: String,
    /// `PPKK`.
    pub regency_code: String,
    /// `PPKKCC`.
    pub district_code: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub serial: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NikSettings {
    /// Reference date for the century choice and the "not in the future" rule.
    #[serde(default)]
    pub today: Option<NaiveDate>,
    /// Replaces [`DEFAULT_PROVINCE_CODES`] when given.
    #[serde(default)]
    pub province_codes: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum NikError {
    #[error("NIK harus 16 digit (diterima {length})")]
    WrongLength { length: usize },
    #[error("NIK hanya boleh berisi angka")]
    NotDigits,
    #[error("kode provinsi {province} tidak dikenal")]
    UnknownProvince { province: String },
    #[error("kode kabupaten/kota tidak valid")]
    InvalidRegency,
    #[error("kode kecamatan tidak valid")]
    InvalidDistrict,
    #[error("tanggal lahir dalam NIK tidak valid")]
    InvalidBirthDate,
    #[error("tanggal lahir dalam NIK berada di masa depan")]
    BirthDateInFuture,
    #[error("nomor urut NIK tidak boleh 0000")]
    InvalidSerial,
}

impl NikError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            NikError::WrongLength { .. } => "wrong_length",
            NikError::NotDigits => "not_digits",
            NikError::UnknownProvince { .. } => "unknown_province",
            NikError::InvalidRegency => "invalid_regency",
            NikError::InvalidDistrict => "invalid_district",
            NikError::InvalidBirthDate => "invalid_birth_date",
            NikError::BirthDateInFuture => "birth_date_in_future",
            NikError::InvalidSerial => "invalid_serial",
        }
    }
}

/// Parse with default settings (no reference date, default province list).
pub fn parse(input: &str) -> Result<Nik, NikError> {
    parse_with(input, &NikSettings::default())
}

/// Parse, choosing the century relative to `today`.
pub fn parse_with_today(input: &str, today: NaiveDate) -> Result<Nik, NikError> {
    parse_with(
        input,
        &NikSettings {
            today: Some(today),
            province_codes: None,
        },
    )
}

pub fn parse_with(input: &str, settings: &NikSettings) -> Result<Nik, NikError> {
    // Copied NIKs often carry spaces or dots from formatted ID cards.
    let nik: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect();
    let length = nik.chars().count();
    if !nik.chars().all(|c| c.is_ascii_digit()) {
        return Err(NikError::NotDigits);
    }
    if length != 16 {
        return Err(NikError::WrongLength { length });
    }
    let digit = |range: std::ops::Range<usize>| -> u32 {
        nik[range]
            .bytes()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'))
    };

    let province = &nik[0..2];
    let known = match &settings.province_codes {
        Some(list) => list.iter().any(|c| c == province),
        None => DEFAULT_PROVINCE_CODES.contains(&province),
    };
    if !known {
        return Err(NikError::UnknownProvince {
            province: province.to_string(),
        });
    }
    if digit(2..4) == 0 {
        return Err(NikError::InvalidRegency);
    }
    if digit(4..6) == 0 {
        return Err(NikError::InvalidDistrict);
    }

    let raw_day = digit(6..8);
    let (sex, day) = if raw_day > 40 {
        (Sex::Female, raw_day - 40)
    } else {
        (Sex::Male, raw_day)
    };
    let month = digit(8..10);
    let yy = digit(10..12) as i32;
    let birth_date = birth_date(day, month, yy, settings.today)?;

    if digit(12..16) == 0 {
        return Err(NikError::InvalidSerial);
    }

    Ok(Nik {
        province_code: province.to_string(),
        regency_code: nik[0..4].to_string(),
        district_code: nik[0..6].to_string(),
        serial: nik[12..16].to_string(),
        birth_date,
        sex,
        nik,
    })
}

fn birth_date(
    day: u32,
    month: u32,
    yy: i32,
    today: Option<NaiveDate>,
) -> Result<NaiveDate, NikError> {
    let c19 = NaiveDate::from_ymd_opt(1900 + yy, month, day);
    let c20 = NaiveDate::from_ymd_opt(2000 + yy, month, day);
    match today {
        None => c19.or(c20).ok_or(NikError::InvalidBirthDate),
        Some(today) => {
            if c19.is_none() && c20.is_none() {
                return Err(NikError::InvalidBirthDate);
            }
            [c20, c19]
                .into_iter()
                .flatten()
                .find(|d| *d <= today)
                .ok_or(NikError::BirthDateInFuture)
        }
    }
}

impl Nik {
    /// Age in whole years on `on`.
    pub fn age_on(&self, on: NaiveDate) -> i32 {
        let mut age = on.year() - self.birth_date.year();
        if (on.month(), on.day()) < (self.birth_date.month(), self.birth_date.day()) {
            age -= 1;
        }
        age
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn doc_vectors() {
        let n = parse("3171011708450001").unwrap();
        assert_eq!((n.birth_date, n.sex), (d(1945, 8, 17), Sex::Male));
        assert_eq!(n.province_code, "31");
        assert_eq!(n.regency_code, "3171");
        assert_eq!(n.district_code, "317101");
        assert_eq!(n.serial, "0001");

        let n = parse("3171015708450001").unwrap();
        assert_eq!((n.birth_date, n.sex), (d(1945, 8, 17), Sex::Female));

        assert_eq!(
            parse("3171012902001234").unwrap().birth_date,
            d(2000, 2, 29)
        );
        assert_eq!(parse("3171013002001234"), Err(NikError::InvalidBirthDate));
        assert_eq!(
            parse("9971011708450001"),
            Err(NikError::UnknownProvince {
                province: "99".into()
            })
        );
        assert_eq!(
            parse("9771011708450001"),
            Err(NikError::UnknownProvince {
                province: "97".into()
            })
        );
        assert_eq!(
            parse("9771011708450001").unwrap_err().code(),
            "unknown_province"
        );
        assert!(parse("9671011708450001").is_ok());
        assert!(parse("9171011708450001").is_ok());
        let n = parse("3273056010900009").unwrap();
        assert_eq!((n.birth_date, n.sex), (d(1990, 10, 20), Sex::Female));
        assert_eq!(parse("3502027102019913"), Err(NikError::InvalidBirthDate));
    }

    #[test]
    fn century_with_today() {
        let today = d(2025, 6, 1);
        assert_eq!(
            parse_with_today("3171011708450001", today)
                .unwrap()
                .birth_date,
            d(1945, 8, 17)
        );
        assert_eq!(
            parse_with_today("3171012902001234", today)
                .unwrap()
                .birth_date,
            d(2000, 2, 29)
        );
        assert_eq!(
            parse_with_today("3171011501150001", today)
                .unwrap()
                .birth_date,
            d(2015, 1, 15)
        );
        // 1 Jan 2000 can only be 1900 if "today" is before it.
        assert_eq!(
            parse_with_today("3171010101000001", d(1999, 1, 1))
                .unwrap()
                .birth_date,
            d(1900, 1, 1)
        );
        assert_eq!(
            parse_with_today("3171012902001234", d(1999, 1, 1)),
            Err(NikError::BirthDateInFuture)
        );
    }

    #[test]
    fn structural_errors() {
        assert_eq!(
            parse("317101170845000"),
            Err(NikError::WrongLength { length: 15 })
        );
        assert_eq!(
            parse("31710117084500011"),
            Err(NikError::WrongLength { length: 17 })
        );
        assert_eq!(parse("31710117084500a1"), Err(NikError::NotDigits));
        assert_eq!(parse("3100011708450001"), Err(NikError::InvalidRegency));
        assert_eq!(parse("3171001708450001"), Err(NikError::InvalidDistrict));
        assert_eq!(parse("3171011708450000"), Err(NikError::InvalidSerial));
        assert_eq!(parse("3171010008450001"), Err(NikError::InvalidBirthDate));
        assert_eq!(parse("3171014008450001"), Err(NikError::InvalidBirthDate));
        assert_eq!(parse("3171011713450001"), Err(NikError::InvalidBirthDate));
        assert!(parse("3171 0117 0845 0001").is_ok());
        assert_eq!(NikError::InvalidBirthDate.code(), "invalid_birth_date");
        assert_eq!(
            NikError::WrongLength { length: 3 }.to_string(),
            "NIK harus 16 digit (diterima 3)"
        );
    }

    #[test]
    fn custom_province_list_and_serde() {
        let settings = NikSettings {
            today: None,
            province_codes: Some(vec!["99".into()]),
        };
        assert!(parse_with("9971011708450001", &settings).is_ok());
        assert!(parse_with("3171011708450001", &settings).is_err());
        let n = parse("3171015708450001").unwrap();
        let v = serde_json::to_value(&n).unwrap();
        assert_eq!(v["sex"], "F");
        assert_eq!(v["birth_date"], "1945-08-17");
        let e = serde_json::to_value(NikError::InvalidSerial).unwrap();
        assert_eq!(e["code"], "invalid_serial");
        assert_eq!(n.age_on(d(2025, 8, 16)), 79);
        assert_eq!(n.age_on(d(2025, 8, 17)), 80);
    }
}
