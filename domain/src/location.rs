//! What a location (an outlet row) is: a store with a till, or a warehouse (gudang) that
//! only holds stock. Stock, transfers, counts and purchase orders work at both; selling,
//! shifts and till devices only at a store.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum LocationKind {
    #[default]
    Store,
    Warehouse,
}

impl LocationKind {
    pub const ALL: [LocationKind; 2] = [LocationKind::Store, LocationKind::Warehouse];

    pub fn as_str(self) -> &'static str {
        match self {
            LocationKind::Store => "store",
            LocationKind::Warehouse => "warehouse",
        }
    }

    pub fn parse(code: &str) -> Option<LocationKind> {
        LocationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == code.trim())
    }

    /// Whether a till sells here (devices, shifts, sales).
    pub fn has_till(self) -> bool {
        self == LocationKind::Store
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_from_their_codes() {
        for kind in LocationKind::ALL {
            assert_eq!(LocationKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(LocationKind::parse("gudang"), None);
        assert!(LocationKind::Store.has_till());
        assert!(!LocationKind::Warehouse.has_till());
    }
}
