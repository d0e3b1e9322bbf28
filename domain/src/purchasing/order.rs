//! Purchase orders: their lines' amounts, PPN masukan, and the statuses an order moves
//! through (draft → sent → confirmed → partially received → received → closed, or
//! cancelled before any goods came).
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::tax::{compute_tax, PriceMode, TaxSettings};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PoStatus {
    Draft,
    /// Waiting for a manager's approval (above the tenant's approval amount).
    PendingApproval,
    Sent,
    Confirmed,
    PartiallyReceived,
    Received,
    Closed,
    Cancelled,
}

/// What someone does to an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoAction {
    /// The buyer sends it to the supplier (`needs_approval`: above the approval amount
    /// and not yet approved).
    Send {
        needs_approval: bool,
    },
    Approve,
    /// The supplier confirms it (with a delivery date).
    Confirm,
    /// Goods arrive; `complete` when every line has all it ordered.
    Receive {
        complete: bool,
    },
    /// The buyer stops waiting for what is still missing.
    Close,
    Cancel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("a purchase order that is {from:?} cannot be {action}")]
pub struct TransitionError {
    pub from: PoStatus,
    pub action: &'static str,
}

impl PoStatus {
    pub const ALL: [PoStatus; 8] = [
        Self::Draft,
        Self::PendingApproval,
        Self::Sent,
        Self::Confirmed,
        Self::PartiallyReceived,
        Self::Received,
        Self::Closed,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::PendingApproval => "pending_approval",
            Self::Sent => "sent",
            Self::Confirmed => "confirmed",
            Self::PartiallyReceived => "partially_received",
            Self::Received => "received",
            Self::Closed => "closed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Still expecting goods (what the supplier and the reorder list count as on order).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Sent | Self::Confirmed | Self::PartiallyReceived)
    }

    /// The supplier may mark goods shipped once it confirmed (again for the rest of a
    /// partial delivery).
    pub fn can_ship(self) -> bool {
        matches!(self, Self::Confirmed | Self::PartiallyReceived)
    }

    pub fn apply(self, action: PoAction) -> Result<PoStatus, TransitionError> {
        use PoAction as A;
        use PoStatus as S;
        let next = match (self, action) {
            (
                S::Draft,
                A::Send {
                    needs_approval: true,
                },
            ) => Some(S::PendingApproval),
            (
                S::Draft,
                A::Send {
                    needs_approval: false,
                },
            ) => Some(S::Sent),
            (S::PendingApproval, A::Approve) => Some(S::Sent),
            (S::Sent, A::Confirm) => Some(S::Confirmed),
            // Goods may come before the supplier confirmed (it phoned instead).
            (S::Sent | S::Confirmed | S::PartiallyReceived, A::Receive { complete }) => {
                Some(if complete {
                    S::Received
                } else {
                    S::PartiallyReceived
                })
            }
            (S::PartiallyReceived, A::Close) => Some(S::Closed),
            (S::Draft | S::PendingApproval | S::Sent | S::Confirmed, A::Cancel) => {
                Some(S::Cancelled)
            }
            _ => None,
        };
        next.ok_or(TransitionError {
            from: self,
            action: match action {
                A::Send { .. } => "sent",
                A::Approve => "approved",
                A::Confirm => "confirmed",
                A::Receive { .. } => "received",
                A::Close => "closed",
                A::Cancel => "cancelled",
            },
        })
    }
}

/// One line as ordered: quantity in units of purchase, price per unit of purchase before
/// PPN, and a discount in rupiah off the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineInput {
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub discount: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum LineError {
    #[error("quantity must be above zero")]
    Quantity,
    #[error("price must not be negative")]
    Price,
    #[error("discount must be between zero and the line amount")]
    Discount,
}

/// Rupiah to the sen.
fn sen(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

impl LineInput {
    /// Quantity × price − discount, to the sen.
    pub fn net(&self) -> Result<Decimal, LineError> {
        if self.quantity <= Decimal::ZERO {
            return Err(LineError::Quantity);
        }
        if self.unit_price < Decimal::ZERO {
            return Err(LineError::Price);
        }
        let gross = sen(self.quantity * self.unit_price);
        if self.discount < Decimal::ZERO || self.discount > gross {
            return Err(LineError::Discount);
        }
        Ok(gross - sen(self.discount))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrderTotals {
    /// Lines after their discounts, before PPN.
    pub subtotal: Decimal,
    /// PPN masukan (0 when the supplier is not a PKP).
    pub ppn: Decimal,
    pub total: Decimal,
}

/// The order's totals. A PKP supplier's prices are before PPN: PPN is 12% of DPP nilai
/// lain (11/12 of the price), computed once on the subtotal and floored, as on the till.
pub fn totals(lines: &[LineInput], supplier_is_pkp: bool) -> Result<OrderTotals, LineError> {
    let mut subtotal = Decimal::ZERO;
    for l in lines {
        subtotal += l.net()?;
    }
    let ppn = ppn_masukan(subtotal, supplier_is_pkp);
    Ok(OrderTotals {
        subtotal,
        ppn,
        total: subtotal + ppn,
    })
}

/// PPN masukan on a subtotal before PPN: 12% of DPP nilai lain, floored (0 for a
/// supplier that is not a PKP). An invoice's expected PPN is the same figure.
pub fn ppn_masukan(subtotal: Decimal, supplier_is_pkp: bool) -> Decimal {
    if supplier_is_pkp {
        compute_tax(subtotal, &TaxSettings::ppn_nilai_lain(PriceMode::Exclusive))
            .map(|t| t.tax)
            .unwrap_or(Decimal::ZERO)
    } else {
        Decimal::ZERO
    }
}

/// A line's share of the order's PPN is not its cost: PPN masukan is credited against
/// PPN keluaran, so stock is valued at the net line amount. A non-PKP supplier's price
/// is the cost.
pub fn stock_value_of(line_net: Decimal, received_base: Decimal, ordered_base: Decimal) -> Decimal {
    if ordered_base <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    sen(line_net * received_base / ordered_base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn lifecycle() {
        let s = PoStatus::Draft
            .apply(PoAction::Send {
                needs_approval: false,
            })
            .unwrap();
        assert_eq!(s, PoStatus::Sent);
        let s = s.apply(PoAction::Confirm).unwrap();
        let s = s.apply(PoAction::Receive { complete: false }).unwrap();
        assert_eq!(s, PoStatus::PartiallyReceived);
        assert!(s.apply(PoAction::Cancel).is_err());
        assert_eq!(
            s.apply(PoAction::Receive { complete: true }).unwrap(),
            PoStatus::Received
        );
        assert_eq!(s.apply(PoAction::Close).unwrap(), PoStatus::Closed);
        assert!(PoStatus::Received
            .apply(PoAction::Receive { complete: true })
            .is_err());
        assert!(PoStatus::Draft.apply(PoAction::Confirm).is_err());
        assert_eq!(
            PoStatus::Draft
                .apply(PoAction::Send {
                    needs_approval: true
                })
                .unwrap(),
            PoStatus::PendingApproval
        );
        assert_eq!(
            PoStatus::PendingApproval.apply(PoAction::Approve).unwrap(),
            PoStatus::Sent
        );
        for s in PoStatus::ALL {
            assert_eq!(PoStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn totals_with_ppn_masukan() {
        // 60 karton of milk at Rp132.000 less Rp60.000, and 10 karton of tea at Rp48.500.
        let lines = [
            LineInput {
                quantity: dec!(60),
                unit_price: dec!(132000),
                discount: dec!(60000),
            },
            LineInput {
                quantity: dec!(10),
                unit_price: dec!(48500),
                discount: dec!(0),
            },
        ];
        let t = totals(&lines, true).unwrap();
        assert_eq!(t.subtotal, dec!(8345000));
        // 12% × 11/12 × 8.345.000 = 917.950.
        assert_eq!(t.ppn, dec!(917950));
        assert_eq!(t.total, dec!(9262950));
        assert_eq!(totals(&lines, false).unwrap().ppn, dec!(0));
        let bad = LineInput {
            quantity: dec!(1),
            unit_price: dec!(10),
            discount: dec!(11),
        };
        assert_eq!(totals(&[bad], true), Err(LineError::Discount));
    }

    #[test]
    fn received_share_of_a_line() {
        // 48 of 60 karton: 48/60 of the line's net amount.
        assert_eq!(
            stock_value_of(dec!(7860000), dec!(1152), dec!(1440)),
            dec!(6288000)
        );
    }
}
