//! A supplier's proposed changes to an order it was sent (less of a product, another
//! price, a line it cannot supply, another delivery date) before it confirms. The buyer
//! accepts them (the order takes the new lines and totals and is confirmed) or rejects
//! them (the order stays as sent; the supplier confirms it as it is or proposes again).
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::order::{totals, LineInput, OrderTotals, PoStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ProposalStatus {
    Pending,
    Accepted,
    Rejected,
}

impl ProposalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Pending => "pending",
            ProposalStatus::Accepted => "accepted",
            ProposalStatus::Rejected => "rejected",
        }
    }

    pub fn parse(code: &str) -> Option<ProposalStatus> {
        [Self::Pending, Self::Accepted, Self::Rejected]
            .into_iter()
            .find(|s| s.as_str() == code)
    }

    /// The buyer's answer; only a pending proposal takes one.
    pub fn decide(self, accept: bool) -> Result<ProposalStatus, ProposalError> {
        match self {
            ProposalStatus::Pending if accept => Ok(ProposalStatus::Accepted),
            ProposalStatus::Pending => Ok(ProposalStatus::Rejected),
            _ => Err(ProposalError::Decided),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum ProposalError {
    #[error("changes can be proposed only to an order sent and not yet confirmed")]
    NotOpen,
    #[error("the proposal is decided already")]
    Decided,
    #[error("a proposal must change something")]
    NoChange,
    #[error("the order would have no line left")]
    NothingLeft,
    #[error("a quantity must not be negative")]
    Quantity,
    #[error("a price must not be negative")]
    Price,
}

/// Whether an order in `status` takes a proposal.
pub fn can_propose(status: PoStatus) -> Result<(), ProposalError> {
    if status == PoStatus::Sent {
        Ok(())
    } else {
        Err(ProposalError::NotOpen)
    }
}

/// A line as ordered and what the supplier proposes for it (`None`: as ordered).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineChange {
    pub ordered: LineInput,
    /// Units of purchase; zero: the supplier cannot supply it.
    pub quantity: Option<Decimal>,
    /// Per unit of purchase, before PPN.
    pub unit_price: Option<Decimal>,
}

impl LineChange {
    /// The line if the proposal is accepted (`None`: dropped). The discount stays in
    /// rupiah, never more than the new line is worth.
    pub fn proposed(&self) -> Result<Option<LineInput>, ProposalError> {
        let quantity = self.quantity.unwrap_or(self.ordered.quantity);
        let unit_price = self.unit_price.unwrap_or(self.ordered.unit_price);
        if quantity < Decimal::ZERO {
            return Err(ProposalError::Quantity);
        }
        if unit_price < Decimal::ZERO {
            return Err(ProposalError::Price);
        }
        if quantity.is_zero() {
            return Ok(None);
        }
        let gross = quantity * unit_price;
        Ok(Some(LineInput {
            quantity,
            unit_price,
            discount: self.ordered.discount.min(gross),
        }))
    }

    fn changes(&self) -> bool {
        self.quantity.is_some_and(|q| q != self.ordered.quantity)
            || self
                .unit_price
                .is_some_and(|p| p != self.ordered.unit_price)
    }
}

/// The order's lines and totals if the proposal is accepted: each line as proposed
/// (`None` where dropped), and the new totals. `delivery_changed`: the supplier proposes
/// another delivery date (a proposal of only that is a change too).
pub fn outcome(
    lines: &[LineChange],
    supplier_is_pkp: bool,
    delivery_changed: bool,
) -> Result<(Vec<Option<LineInput>>, OrderTotals), ProposalError> {
    if !delivery_changed && !lines.iter().any(LineChange::changes) {
        return Err(ProposalError::NoChange);
    }
    let proposed = lines
        .iter()
        .map(LineChange::proposed)
        .collect::<Result<Vec<_>, _>>()?;
    let kept: Vec<LineInput> = proposed.iter().flatten().copied().collect();
    if kept.is_empty() {
        return Err(ProposalError::NothingLeft);
    }
    let totals = totals(&kept, supplier_is_pkp).map_err(|_| ProposalError::Price)?;
    Ok((proposed, totals))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn line(quantity: Decimal, unit_price: Decimal) -> LineInput {
        LineInput {
            quantity,
            unit_price,
            discount: Decimal::ZERO,
        }
    }

    #[test]
    fn fewer_milk_at_a_new_price_and_no_tea() {
        let lines = [
            LineChange {
                ordered: line(dec!(60), dec!(132000)),
                quantity: Some(dec!(48)),
                unit_price: Some(dec!(135000)),
            },
            LineChange {
                ordered: line(dec!(5), dec!(84000)),
                quantity: Some(dec!(0)),
                unit_price: None,
            },
        ];
        let (proposed, t) = outcome(&lines, false, false).unwrap();
        assert_eq!(proposed[0], Some(line(dec!(48), dec!(135000))));
        assert_eq!(proposed[1], None);
        assert_eq!(t.total, dec!(6480000));
    }

    #[test]
    fn nothing_changed_or_nothing_left_is_refused() {
        let same = [LineChange {
            ordered: line(dec!(2), dec!(10)),
            quantity: Some(dec!(2)),
            unit_price: None,
        }];
        assert_eq!(outcome(&same, false, false), Err(ProposalError::NoChange));
        assert!(
            outcome(&same, false, true).is_ok(),
            "a new date alone is a change"
        );
        let none = [LineChange {
            ordered: line(dec!(2), dec!(10)),
            quantity: Some(dec!(0)),
            unit_price: None,
        }];
        assert_eq!(
            outcome(&none, false, false),
            Err(ProposalError::NothingLeft)
        );
        let negative = [LineChange {
            ordered: line(dec!(2), dec!(10)),
            quantity: None,
            unit_price: Some(dec!(-1)),
        }];
        assert_eq!(outcome(&negative, false, false), Err(ProposalError::Price));
    }

    #[test]
    fn a_discount_never_exceeds_the_smaller_line() {
        let l = LineChange {
            ordered: LineInput {
                quantity: dec!(10),
                unit_price: dec!(1000),
                discount: dec!(5000),
            },
            quantity: Some(dec!(2)),
            unit_price: None,
        };
        assert_eq!(l.proposed().unwrap().unwrap().discount, dec!(2000));
    }

    #[test]
    fn only_a_sent_order_takes_a_proposal_and_it_is_decided_once() {
        assert!(can_propose(PoStatus::Sent).is_ok());
        for s in [PoStatus::Draft, PoStatus::Confirmed, PoStatus::Received] {
            assert_eq!(can_propose(s), Err(ProposalError::NotOpen));
        }
        assert_eq!(
            ProposalStatus::Pending.decide(true),
            Ok(ProposalStatus::Accepted)
        );
        assert_eq!(
            ProposalStatus::Pending.decide(false),
            Ok(ProposalStatus::Rejected)
        );
        assert_eq!(
            ProposalStatus::Accepted.decide(false),
            Err(ProposalError::Decided)
        );
        for s in [
            ProposalStatus::Pending,
            ProposalStatus::Accepted,
            ProposalStatus::Rejected,
        ] {
            assert_eq!(ProposalStatus::parse(s.as_str()), Some(s));
        }
    }
}
