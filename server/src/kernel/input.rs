//! Field rules every handler shares, so a bound is written once: ids the till made, times on
//! the till's clock, calendar dates, rupiah amounts and quantities (bounded by
//! `domain::bounds`, the same numbers the till checks), and free text.
use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};
use domain::bounds::{self, BoundError};
use rust_decimal::Decimal;

use crate::kernel::error::{ApiError, ApiResult};

/// How far behind the server a till's clock (or its outbox) may be: a tablet that was
/// offline for weeks still syncs, a sale dated last century does not.
pub const TILL_PAST_DAYS_MAX: i64 = 366;
/// How far ahead: a tablet whose clock or zone is set wrong by a day.
pub const TILL_FUTURE_HOURS_MAX: i64 = 24;
/// Calendar dates (birth dates, report periods, due dates) lie in these years, which keeps
/// every date calculation far from chrono's limits.
pub const YEAR_MIN: i32 = 1900;
pub const YEAR_MAX: i32 = 2199;
/// Names, labels and short references.
pub const NAME_CHARS_MAX: usize = 200;
/// Payment references, receipt numbers, codes.
pub const REFERENCE_CHARS_MAX: usize = 100;
/// Reasons, purposes, notes.
pub const NOTE_CHARS_MAX: usize = 500;

/// The largest `offset` of any page: the database binds it as a signed 64-bit number, and
/// no list is this long.
pub const OFFSET_MAX: u64 = 1_000_000;

/// A page's `(limit, offset)`: `limit` defaults to `default` and is held to 1..=`max`; an
/// offset past [`OFFSET_MAX`] is refused.
pub fn page(
    limit: Option<u64>,
    offset: Option<u64>,
    default: u64,
    max: u64,
) -> ApiResult<(u64, u64)> {
    let offset = offset.unwrap_or(0);
    if offset > OFFSET_MAX {
        return Err(ApiError::validation(
            "offset",
            format!("offset paling besar {OFFSET_MAX}."),
        ));
    }
    Ok((limit.unwrap_or(default).clamp(1, max), offset))
}

/// A refusal from `domain::bounds` on `field`, in the words the till shows.
pub fn bound(field: impl Into<String>, error: BoundError) -> ApiError {
    let message = error.to_string();
    let mut chars = message.chars();
    let message = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => message,
    };
    ApiError::validation(field, message)
}

/// A till-made id: a UUID, so two tablets never pick the same one.
pub fn client_id(field: &str, id: &str) -> ApiResult<String> {
    uuid::Uuid::parse_str(id.trim())
        .map(|u| u.to_string())
        .map_err(|_| ApiError::validation(field, format!("{field} harus UUID.")))
}

/// A time from the till (RFC 3339) within [`TILL_PAST_DAYS_MAX`] days before and
/// [`TILL_FUTURE_HOURS_MAX`] hours after the server's clock.
pub fn till_time(field: &str, text: &str) -> ApiResult<DateTime<Utc>> {
    let at = DateTime::parse_from_rfc3339(text.trim())
        .map_err(|_| ApiError::validation(field, format!("{field} harus waktu RFC 3339.")))?
        .with_timezone(&Utc);
    let now = Utc::now();
    if at < now - Duration::days(TILL_PAST_DAYS_MAX)
        || at > now + Duration::hours(TILL_FUTURE_HOURS_MAX)
    {
        return Err(ApiError::validation(
            field,
            format!(
                "Waktu {field} di luar batas wajar: paling lama {TILL_PAST_DAYS_MAX} hari lalu, \
                 paling jauh {TILL_FUTURE_HOURS_MAX} jam ke depan. Periksa jam tablet."
            ),
        ));
    }
    Ok(at)
}

/// [`till_time`] as stored: UTC text that sorts as time.
pub fn instant(field: &str, text: &str) -> ApiResult<String> {
    till_time(field, text).map(|t| t.to_rfc3339_opts(SecondsFormat::Micros, true))
}

fn in_years(field: &str, date: NaiveDate) -> ApiResult<NaiveDate> {
    use chrono::Datelike;
    if !(YEAR_MIN..=YEAR_MAX).contains(&date.year()) {
        return Err(ApiError::validation(
            field,
            format!("Tanggal harus antara tahun {YEAR_MIN} dan {YEAR_MAX}."),
        ));
    }
    Ok(date)
}

/// A calendar date `YYYY-MM-DD` between [`YEAR_MIN`] and [`YEAR_MAX`].
pub fn date(field: &str, text: &str) -> ApiResult<NaiveDate> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::validation(field, "Tanggal harus berformat TTTT-BB-HH."))?;
    in_years(field, date)
}

/// Any RFC 3339 time (a filter bound, not a till's record) within the same years.
pub fn time(field: &str, text: &str) -> ApiResult<DateTime<Utc>> {
    let at = DateTime::parse_from_rfc3339(text.trim())
        .map_err(|_| ApiError::validation(field, "Waktu harus RFC 3339."))?
        .with_timezone(&Utc);
    in_years(field, at.date_naive())?;
    Ok(at)
}

/// Rupiah amounts: not negative, inside `domain::bounds`, at most two decimals.
pub fn amount(field: &str, value: Decimal) -> ApiResult<Decimal> {
    if value < Decimal::ZERO {
        return Err(ApiError::validation(
            field,
            "Jumlah uang tidak boleh negatif.",
        ));
    }
    bounds::check_amount(value).map_err(|e| bound(field, e))?;
    Ok(value.normalize())
}

/// Whole rupiah, not negative, inside `domain::bounds`, as the integer it is stored as.
pub fn whole_rupiah(field: &str, value: Decimal) -> ApiResult<i64> {
    let value = amount(field, value)?;
    if !value.fract().is_zero() {
        return Err(ApiError::validation(
            field,
            "Jumlah harus rupiah utuh dan tidak negatif.",
        ));
    }
    // Below 10^13 after the bound, so the conversion cannot fail.
    i64::try_from(value).map_err(|_| bound(field, BoundError::AmountTooLarge))
}

/// A quantity greater than zero inside `domain::bounds` (at most three decimals).
pub fn quantity(field: &str, value: Decimal) -> ApiResult<Decimal> {
    if value <= Decimal::ZERO {
        return Err(ApiError::validation(field, "Jumlah harus lebih dari 0."));
    }
    bounds::check_quantity(value).map_err(|e| bound(field, e))?;
    Ok(value.normalize())
}

/// Trimmed text of at most `chars_max` characters with no control characters (a line
/// break is allowed only where `multiline`). Empty text is `None`.
pub fn text(
    field: &str,
    value: &str,
    chars_max: usize,
    multiline: bool,
) -> ApiResult<Option<String>> {
    let v = value.trim();
    check_text(field, v, chars_max, multiline)?;
    Ok((!v.is_empty()).then(|| v.to_string()))
}

/// At most `chars_max` characters and no control characters (line breaks and tabs allowed
/// where `multiline`). The JSON and query guards apply it to every string as it arrives.
pub fn check_text(field: &str, text: &str, chars_max: usize, multiline: bool) -> ApiResult<()> {
    if text.chars().count() > chars_max {
        return Err(ApiError::validation(
            field,
            format!("Teks terlalu panjang (maks. {chars_max} karakter)."),
        ));
    }
    let refused = |c: char| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'));
    if text.chars().any(refused) {
        return Err(ApiError::validation(
            field,
            "Teks tidak boleh berisi karakter kontrol.",
        ));
    }
    Ok(())
}

/// [`text`] that must not be empty.
pub fn required(field: &str, value: &str, chars_max: usize, label: &str) -> ApiResult<String> {
    text(field, value, chars_max, false)?
        .ok_or_else(|| ApiError::validation(field, format!("{label} wajib diisi.")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_far_from_now_are_refused_not_panicking() {
        assert!(date("from", "-262143-01-01").is_err());
        assert!(date("from", "+262142-12-31").is_err());
        assert!(date("from", "2026-12-02").is_ok());
        assert!(time("from", "9999-12-31T00:00:00Z").is_err());
        assert!(till_time("sold_at", "9999-01-01T00:00:00Z").is_err());
        assert!(till_time("sold_at", "0001-01-01T00:00:00Z").is_err());
        let now = Utc::now().to_rfc3339();
        assert!(till_time("sold_at", &now).is_ok());
    }

    #[test]
    fn text_rules() {
        assert_eq!(
            text("n", "  Budi ", 10, false).unwrap().as_deref(),
            Some("Budi")
        );
        assert!(text("n", "Bu\0di", 10, false).is_err());
        assert!(text("n", "a\nb", 10, false).is_err());
        assert!(text("n", "a\nb", 10, true).is_ok());
        assert!(text("n", &"é".repeat(11), 10, false).is_err());
        assert_eq!(text("n", "   ", 10, false).unwrap(), None);
    }

    #[test]
    fn amounts() {
        assert!(amount("a", Decimal::from(-1)).is_err());
        assert!(amount("a", Decimal::from(10_000_000_000_000i64)).is_err());
        assert_eq!(whole_rupiah("a", Decimal::from(5000)).unwrap(), 5000);
        assert!(whole_rupiah("a", Decimal::new(50005, 1)).is_err());
        assert!(quantity("q", Decimal::ZERO).is_err());
        assert!(quantity("q", Decimal::new(1, 4)).is_err());
    }
}
