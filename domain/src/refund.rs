//! Refunds of a paid sale: how much each returned line is worth, and which
//! tenders the money goes back to.
//!
//! The grand total (after cart discount, service charge, exclusive tax and
//! `pembulatan`) is first shared out over the lines once, in whole rupiah,
//! so that the shares add up to exactly what the customer paid. A partial
//! refund is then priced *cumulatively* — what the line is worth after this
//! refund minus what it was worth before — so any sequence of partial
//! refunds of a line adds up to exactly its share, never a rupiah more.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::{split_largest_remainder, Money};
use crate::payment::TenderKind;

/// A line of the original sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoldLine {
    pub line_no: u32,
    pub quantity: Decimal,
    /// The line after its own discount, before cart discount and tax.
    pub net: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundRequestLine {
    pub line_no: u32,
    pub quantity: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundedLine {
    pub line_no: u32,
    pub quantity: Decimal,
    /// Whole rupiah to hand back for this line.
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum RefundError {
    #[error("tidak ada barang yang direfund")]
    EmptyRequest,
    #[error("baris {line_no} tidak ada dalam penjualan ini")]
    UnknownLine { line_no: u32 },
    #[error("baris {line_no} muncul lebih dari sekali dalam permintaan refund")]
    DuplicateLine { line_no: u32 },
    #[error("baris {line_no}: jumlah refund harus lebih dari nol")]
    NonPositiveQuantity { line_no: u32 },
    #[error(
        "baris {line_no}: jumlah refund {requested} melebihi yang terjual \
         (sisa yang bisa direfund {remaining})"
    )]
    ExceedsSold {
        line_no: u32,
        requested: Decimal,
        remaining: Decimal,
    },
    #[error("data penjualan tidak valid: baris {line_no} tercatat lebih dari sekali")]
    DuplicateSoldLine { line_no: u32 },
    #[error("data refund sebelumnya untuk baris {line_no} tidak boleh negatif")]
    NegativeAlreadyRefunded { line_no: u32 },
    #[error("perhitungan refund melampaui batas angka")]
    Overflow,
}

impl RefundError {
    pub fn field(&self) -> &'static str {
        match self {
            RefundError::UnknownLine { .. } | RefundError::DuplicateLine { .. } => "line_no",
            RefundError::NonPositiveQuantity { .. } | RefundError::ExceedsSold { .. } => "quantity",
            RefundError::EmptyRequest
            | RefundError::DuplicateSoldLine { .. }
            | RefundError::NegativeAlreadyRefunded { .. }
            | RefundError::Overflow => "lines",
        }
    }
}

/// `num / den` rounded to whole rupiah, halves away from zero, decided on the
/// exact remainder: a 28-digit quotient could otherwise round a value just
/// below .5 up to exactly .5 and pay out a rupiah too much.
fn div_round(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        return None;
    }
    let rem = num.checked_rem(den)?;
    // `num − rem` is an exact multiple of `den`; rounding only normalises.
    let whole = num.checked_sub(rem)?.checked_div(den)?.round();
    if rem.abs().checked_mul(Decimal::TWO)? < den.abs() {
        return Some(whole);
    }
    if num.is_sign_negative() == den.is_sign_negative() {
        whole.checked_add(Decimal::ONE)
    } else {
        whole.checked_sub(Decimal::ONE)
    }
}

fn opposite_signs(a: Decimal, b: Decimal) -> bool {
    (a > Decimal::ZERO && b < Decimal::ZERO) || (a < Decimal::ZERO && b > Decimal::ZERO)
}

/// Each line's whole-rupiah share of `grand_total`, in `sold` order.
fn shares(sold: &[SoldLine], grand_total: Decimal) -> Result<Vec<Decimal>, RefundError> {
    let sum_net = sold
        .iter()
        .try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l.net))
        .ok_or(RefundError::Overflow)?;
    if sum_net.is_zero() {
        return Ok(vec![Decimal::ZERO; sold.len()]);
    }
    let Some((_, init)) = sold.split_last() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(sold.len());
    let mut given = Decimal::ZERO;
    for line in init {
        let share = grand_total
            .checked_mul(line.net)
            .and_then(|n| div_round(n, sum_net))
            .ok_or(RefundError::Overflow)?;
        given = given.checked_add(share).ok_or(RefundError::Overflow)?;
        out.push(share);
    }
    let last = grand_total
        .checked_sub(given)
        .ok_or(RefundError::Overflow)?;
    out.push(last);

    // When the other lines all round the same way and the last line is worth
    // under a rupiah (typically a free bonus item), the remainder can come
    // out with the wrong sign; refunding the other lines would then pay back
    // more than the sale. Largest remainder keeps every share between 0 and
    // the total, so use it for those sales only.
    if opposite_signs(last, grand_total) && sold.iter().all(|l| l.net >= Decimal::ZERO) {
        let nets: Vec<Decimal> = sold.iter().map(|l| l.net).collect();
        if let Ok(parts) = split_largest_remainder(Money::new(grand_total), &nets) {
            return Ok(parts.into_iter().map(Decimal::from).collect());
        }
    }
    Ok(out)
}

/// What `quantity` of a line is worth once `done` of `sold_qty` is refunded.
fn worth(share: Decimal, done: Decimal, sold_qty: Decimal) -> Option<Decimal> {
    if done.is_zero() {
        Some(Decimal::ZERO)
    } else if done == sold_qty {
        Some(share)
    } else {
        div_round(share.checked_mul(done)?, sold_qty)
    }
}

/// Price a refund of `request` against the sale.
///
/// `already`: quantity already refunded per line_no (earlier refunds of this
/// sale). Output is in request order. Nothing is refunded unless every line
/// of the request is valid.
pub fn refund_lines(
    sold: &[SoldLine],
    grand_total: Decimal,
    already: &HashMap<u32, Decimal>,
    request: &[RefundRequestLine],
) -> Result<Vec<RefundedLine>, RefundError> {
    if request.is_empty() {
        return Err(RefundError::EmptyRequest);
    }
    let mut sold_nos = HashSet::with_capacity(sold.len());
    for line in sold {
        if !sold_nos.insert(line.line_no) {
            return Err(RefundError::DuplicateSoldLine {
                line_no: line.line_no,
            });
        }
    }
    let shares = shares(sold, grand_total)?;

    let mut seen = HashSet::with_capacity(request.len());
    let mut out = Vec::with_capacity(request.len());
    for req in request {
        let line_no = req.line_no;
        if !seen.insert(line_no) {
            return Err(RefundError::DuplicateLine { line_no });
        }
        let (line, share) = sold
            .iter()
            .zip(&shares)
            .find(|(l, _)| l.line_no == line_no)
            .ok_or(RefundError::UnknownLine { line_no })?;
        if req.quantity <= Decimal::ZERO {
            return Err(RefundError::NonPositiveQuantity { line_no });
        }
        let before = already.get(&line_no).copied().unwrap_or(Decimal::ZERO);
        if before < Decimal::ZERO {
            return Err(RefundError::NegativeAlreadyRefunded { line_no });
        }
        let after = before
            .checked_add(req.quantity)
            .ok_or(RefundError::Overflow)?;
        // With `before ≥ 0` and a positive request this also rejects any
        // line sold with a quantity ≤ 0, so `worth` never divides by zero.
        if after > line.quantity {
            return Err(RefundError::ExceedsSold {
                line_no,
                requested: req.quantity.normalize(),
                remaining: line
                    .quantity
                    .checked_sub(before)
                    .ok_or(RefundError::Overflow)?
                    .max(Decimal::ZERO)
                    .normalize(),
            });
        }
        let amount = worth(*share, after, line.quantity)
            .zip(worth(*share, before, line.quantity))
            .and_then(|(a, b)| a.checked_sub(b))
            .ok_or(RefundError::Overflow)?;
        out.push(RefundedLine {
            line_no,
            quantity: req.quantity,
            amount,
        });
    }
    Ok(out)
}

/// Σ of the refunded amounts.
pub fn total(lines: &[RefundedLine]) -> Decimal {
    // Each amount is bounded by the sale's grand total, so saturation is
    // unreachable in practice; it only keeps this infallible without a panic.
    lines
        .iter()
        .fold(Decimal::ZERO, |acc, l| acc.saturating_add(l.amount))
}

fn merge(out: &mut Vec<(TenderKind, Decimal)>, kind: TenderKind, amount: Decimal) {
    if amount.is_zero() {
        return;
    }
    match out.iter_mut().find(|(k, _)| *k == kind) {
        Some((_, a)) => *a = a.saturating_add(amount),
        None => out.push((kind, amount)),
    }
}

/// Split a refund of `total` over the tenders of the original sale.
///
/// `paid` is the sale's tenders in payment order and `change` the kembalian
/// given (always out of cash); `already` is what earlier refunds of this
/// sale paid back per kind. With `to_cash` everything is paid in cash.
/// Otherwise the most recent tender is refunded first, each up to what it
/// still holds; anything left over (only possible with inconsistent input)
/// is paid in cash. A total ≤ 0 allocates nothing.
pub fn allocate_tenders(
    total: Decimal,
    paid: &[(TenderKind, Decimal)],
    change: Decimal,
    already: &[(TenderKind, Decimal)],
    to_cash: bool,
) -> Vec<(TenderKind, Decimal)> {
    let mut out = Vec::new();
    if total <= Decimal::ZERO {
        return out;
    }
    if to_cash {
        merge(&mut out, TenderKind::Cash, total);
        return out;
    }

    let mut available: Vec<(TenderKind, Decimal)> = paid
        .iter()
        .map(|&(kind, amount)| (kind, amount.max(Decimal::ZERO)))
        .collect();
    // The change was handed out of the cash the customer gave, so that cash
    // never stayed in the drawer and cannot be refunded.
    let mut change_left = change.max(Decimal::ZERO);
    for (_, amount) in available.iter_mut().rev().filter(|(k, _)| k.is_cash()) {
        let take = change_left.min(*amount);
        *amount -= take;
        change_left -= take;
    }
    // Earlier refunds took from the most recent tenders first, exactly as
    // this one will, so their amounts come off in the same order.
    for &(kind, amount) in already {
        let mut left = amount.max(Decimal::ZERO);
        for (_, avail) in available.iter_mut().rev().filter(|(k, _)| *k == kind) {
            let take = left.min(*avail);
            *avail -= take;
            left -= take;
        }
    }

    let mut remaining = total;
    for &(kind, avail) in available.iter().rev() {
        let give = remaining.min(avail);
        merge(&mut out, kind, give);
        remaining -= give;
    }
    merge(&mut out, TenderKind::Cash, remaining);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::RoundingStrategy;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_halves_away_from_zero() {
        assert_eq!(div_round(dec!(5), dec!(2)), Some(dec!(3)));
        assert_eq!(div_round(dec!(-5), dec!(2)), Some(dec!(-3)));
        assert_eq!(div_round(dec!(5), dec!(-2)), Some(dec!(-3)));
        assert_eq!(div_round(dec!(7), dec!(3)), Some(dec!(2)));
        assert_eq!(div_round(dec!(0), dec!(3)), Some(dec!(0)));
        assert_eq!(div_round(dec!(1), dec!(0)), None);
        assert_eq!(div_round(dec!(30098), dec!(1.5)), Some(dec!(20065)));
    }

    proptest! {
        #[test]
        fn div_round_matches_exact_rounding(num in -10_000_000_000i64..10_000_000_000, den in 1i64..100_000, scale in 0u32..4) {
            // Multiplying by `den` first makes the exact quotient terminate,
            // so the library rounding is a valid reference.
            let n = Decimal::new(num, scale);
            let d = Decimal::from(den);
            let expected = n.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(div_round(n * d, d), Some(expected));
            prop_assert_eq!(div_round(-(n * d), -d), Some(expected));
        }
    }
}
