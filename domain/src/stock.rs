//! Stock control's statuses: a count (stock opname) and a transfer between locations,
//! each with the only moves it may make.
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("not possible from {from}")]
pub struct StepError {
    pub from: &'static str,
}

/// A stock count: counted line by line, then approved (its differences posted to the
/// ledger) or cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CountStatus {
    Counting,
    Approved,
    Cancelled,
}

impl CountStatus {
    pub const ALL: [CountStatus; 3] = [Self::Counting, Self::Approved, Self::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Counting => "counting",
            Self::Approved => "approved",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Counting, recounting and closing are only possible while counting.
    pub fn close(self, approve: bool) -> Result<Self, StepError> {
        match self {
            Self::Counting if approve => Ok(Self::Approved),
            Self::Counting => Ok(Self::Cancelled),
            other => Err(StepError {
                from: other.as_str(),
            }),
        }
    }

    pub fn can_count(self) -> bool {
        self == Self::Counting
    }
}

/// A transfer between two locations: asked for, sent (the goods leave and are in
/// transit), received (in part: the difference is recorded), or cancelled before sending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TransferStatus {
    Requested,
    Sent,
    Received,
    Cancelled,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransferStep {
    Send,
    Receive,
    Cancel,
}

impl TransferStatus {
    pub const ALL: [TransferStatus; 4] =
        [Self::Requested, Self::Sent, Self::Received, Self::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Sent => "sent",
            Self::Received => "received",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn apply(self, step: TransferStep) -> Result<Self, StepError> {
        match (self, step) {
            (Self::Requested, TransferStep::Send) => Ok(Self::Sent),
            (Self::Sent, TransferStep::Receive) => Ok(Self::Received),
            (Self::Requested, TransferStep::Cancel) => Ok(Self::Cancelled),
            (other, _) => Err(StepError {
                from: other.as_str(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_close_once() {
        assert_eq!(CountStatus::Counting.close(true), Ok(CountStatus::Approved));
        assert_eq!(
            CountStatus::Counting.close(false),
            Ok(CountStatus::Cancelled)
        );
        assert!(CountStatus::Approved.close(true).is_err());
        assert!(!CountStatus::Cancelled.can_count());
        for s in CountStatus::ALL {
            assert_eq!(CountStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn transfers_go_forward_only() {
        let s = TransferStatus::Requested.apply(TransferStep::Send).unwrap();
        assert_eq!(s, TransferStatus::Sent);
        assert!(s.apply(TransferStep::Cancel).is_err());
        assert_eq!(s.apply(TransferStep::Receive), Ok(TransferStatus::Received));
        assert!(TransferStatus::Received
            .apply(TransferStep::Receive)
            .is_err());
        assert!(TransferStatus::Requested
            .apply(TransferStep::Receive)
            .is_err());
        for s in TransferStatus::ALL {
            assert_eq!(TransferStatus::parse(s.as_str()), Some(s));
        }
    }
}
