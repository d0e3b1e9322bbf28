//! The business day in an outlet's zone. Indonesia has three (WIB UTC+7, WITA UTC+8,
//! WIT UTC+9); a day's sales, a koperasi's cash book and a loan's due date follow the
//! outlet's own midnight, not the server's.
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Zone {
    #[default]
    Wib,
    Wita,
    Wit,
}

impl Zone {
    pub const ALL: [Zone; 3] = [Zone::Wib, Zone::Wita, Zone::Wit];

    /// The outlet's stored zone; anything else is WIB (what every outlet was before it
    /// could choose).
    pub fn parse(text: &str) -> Zone {
        match text.trim().to_ascii_uppercase().as_str() {
            "WITA" => Zone::Wita,
            "WIT" => Zone::Wit,
            _ => Zone::Wib,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Wib => "WIB",
            Zone::Wita => "WITA",
            Zone::Wit => "WIT",
        }
    }

    pub fn offset_hours(self) -> i64 {
        match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
        }
    }

    fn offset(self) -> Duration {
        Duration::hours(self.offset_hours())
    }

    /// Today's date in this zone.
    pub fn today(self) -> NaiveDate {
        self.day_of(Utc::now())
    }

    /// The calendar day an instant falls on in this zone.
    pub fn day_of(self, at: DateTime<Utc>) -> NaiveDate {
        (at + self.offset()).date_naive()
    }

    /// The day of a stored RFC 3339 time, if it is one.
    pub fn day_of_text(self, at: &str) -> Option<NaiveDate> {
        DateTime::parse_from_rfc3339(at)
            .ok()
            .map(|t| self.day_of(t.with_timezone(&Utc)))
    }

    /// The instant `day` starts in this zone.
    pub fn midnight(self, day: NaiveDate) -> DateTime<Utc> {
        (day.and_time(NaiveTime::MIN) - self.offset()).and_utc()
    }

    /// `day` at `hour`:00 in this zone, as an instant.
    pub fn at_hour(self, day: NaiveDate, hour: u32) -> DateTime<Utc> {
        self.midnight(day) + Duration::hours(i64::from(hour.min(23)))
    }

    /// [`Zone::midnight`] as stored text (RFC 3339 UTC, microseconds), for range filters.
    pub fn midnight_text(self, day: NaiveDate) -> String {
        stored(self.midnight(day))
    }
}

/// How times are stored: RFC 3339 UTC with microseconds, so text order is time order.
pub fn stored(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Now, as stored.
pub fn now_text() -> String {
    stored(Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_zone_has_its_own_midnight() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        assert_eq!(Zone::Wib.midnight_text(day), "2026-12-01T17:00:00.000000Z");
        assert_eq!(Zone::Wita.midnight_text(day), "2026-12-01T16:00:00.000000Z");
        assert_eq!(Zone::Wit.midnight_text(day), "2026-12-01T15:00:00.000000Z");
        // 16:30 UTC is still 2 December in WIB but already 3 December in WIT.
        let at = DateTime::parse_from_rfc3339("2026-12-02T15:30:00Z")
            .expect("time")
            .with_timezone(&Utc);
        assert_eq!(Zone::Wib.day_of(at), day);
        assert_eq!(Zone::Wit.day_of(at), day.succ_opt().expect("next"));
        assert_eq!(Zone::parse("wita"), Zone::Wita);
        assert_eq!(Zone::parse(""), Zone::Wib);
    }
}
