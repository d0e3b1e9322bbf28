//! Fields every till request carries: ids the till made, times on the till's clock, and
//! rupiah amounts. Shifts, cash movements, refunds and voids check them the same way.
use chrono::{DateTime, SecondsFormat, Utc};
use rust_decimal::Decimal;

use crate::error::{ApiError, ApiResult};

/// A till-made id: a UUID, so two tablets never pick the same one.
pub fn client_id(field: &str, id: &str) -> ApiResult<String> {
    uuid::Uuid::parse_str(id.trim())
        .map(|u| u.to_string())
        .map_err(|_| ApiError::validation(field, format!("{field} harus UUID.")))
}

/// A time from the till (RFC 3339), stored as UTC text that sorts as time.
pub fn instant(field: &str, text: &str) -> ApiResult<String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| {
            t.with_timezone(&Utc)
                .to_rfc3339_opts(SecondsFormat::Micros, true)
        })
        .map_err(|_| ApiError::validation(field, format!("{field} harus waktu RFC 3339.")))
}

/// Rupiah amounts: not negative, at most two decimals.
pub fn amount(field: &str, value: Decimal) -> ApiResult<Decimal> {
    if value < Decimal::ZERO || value.normalize().scale() > 2 {
        return Err(ApiError::validation(
            field,
            "Jumlah uang tidak boleh negatif (paling banyak 2 desimal).",
        ));
    }
    Ok(value.normalize())
}
