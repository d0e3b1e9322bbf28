//! Payables aging: how long an unpaid invoice is past its due date.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AgingBucket {
    /// Not yet due.
    Current,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

impl AgingBucket {
    pub const ALL: [AgingBucket; 5] = [
        Self::Current,
        Self::Days1To30,
        Self::Days31To60,
        Self::Days61To90,
        Self::Over90,
    ];

    /// The bucket of an invoice due on `due` as seen on `today`.
    pub fn of(due: NaiveDate, today: NaiveDate) -> Self {
        match (today - due).num_days() {
            i64::MIN..=0 => Self::Current,
            1..=30 => Self::Days1To30,
            31..=60 => Self::Days31To60,
            61..=90 => Self::Days61To90,
            _ => Self::Over90,
        }
    }

    /// The due dates that fall in this bucket on `today`, as `(earliest, latest)`, both
    /// inclusive (`None`: unbounded), so a database can sum a bucket with one range.
    pub fn due_range(self, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let back = |days: i64| today.checked_sub_signed(chrono::Duration::days(days));
        match self {
            Self::Current => (back(0), None),
            Self::Days1To30 => (back(30), back(1)),
            Self::Days31To60 => (back(60), back(31)),
            Self::Days61To90 => (back(90), back(61)),
            Self::Over90 => (None, back(91)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Current => "current",
            Self::Days1To30 => "1_30",
            Self::Days31To60 => "31_60",
            Self::Days61To90 => "61_90",
            Self::Over90 => "over_90",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn buckets_at_their_edges() {
        let today = d(2026, 12, 7);
        assert_eq!(AgingBucket::of(d(2026, 12, 7), today), AgingBucket::Current);
        assert_eq!(
            AgingBucket::of(d(2026, 12, 20), today),
            AgingBucket::Current
        );
        assert_eq!(
            AgingBucket::of(d(2026, 12, 6), today),
            AgingBucket::Days1To30
        );
        assert_eq!(
            AgingBucket::of(d(2026, 11, 7), today),
            AgingBucket::Days1To30
        );
        assert_eq!(
            AgingBucket::of(d(2026, 11, 6), today),
            AgingBucket::Days31To60
        );
        assert_eq!(
            AgingBucket::of(d(2026, 9, 8), today),
            AgingBucket::Days61To90
        );
        assert_eq!(AgingBucket::of(d(2026, 9, 7), today), AgingBucket::Over90);
    }

    proptest! {
        /// The ranges a database sums by agree with `of`, for every due date.
        #[test]
        fn ranges_agree_with_of(offset in -400i64..400) {
            let today = d(2026, 12, 7);
            let due = today + chrono::Duration::days(offset);
            let found: Vec<AgingBucket> = AgingBucket::ALL.into_iter().filter(|b| {
                let (lo, hi) = b.due_range(today);
                lo.is_none_or(|lo| due >= lo) && hi.is_none_or(|hi| due <= hi)
            }).collect();
            prop_assert_eq!(found, vec![AgingBucket::of(due, today)]);
        }
    }
}
