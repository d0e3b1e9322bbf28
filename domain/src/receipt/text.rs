//! The receipt as lines of a fixed width: 32 columns on 58 mm paper, 48 on 80 mm (Font A,
//! 12 dots per character on 384 / 576 dots).

use rust_decimal::Decimal;

use super::Receipt;
use crate::money::format_idr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Normal,
    Bold,
    /// Bold and double height, for the total.
    Large,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub align: Align,
    pub style: Style,
    pub text: String,
}

pub(crate) fn line(align: Align, style: Style, text: impl Into<String>) -> Line {
    Line {
        align,
        style,
        text: text.into(),
    }
}

/// Breaks text into pieces of at most `width` characters, at spaces where it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            out.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if needed > width && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    if !current.is_empty() || out.is_empty() {
        out.push(current);
    }
    out
}

/// `left` and `right` on one line, `right` flush right; when they do not fit, `left` gets
/// a line of its own.
pub(crate) fn pair(left: &str, right: &str, width: usize, style: Style) -> Vec<Line> {
    let l = left.chars().count();
    let r = right.chars().count();
    if l + 1 + r <= width {
        let gap = width - l - r;
        vec![line(
            Align::Left,
            style,
            format!("{left}{}{right}", " ".repeat(gap)),
        )]
    } else {
        let mut lines: Vec<Line> = wrap(left, width)
            .into_iter()
            .map(|t| line(Align::Left, style, t))
            .collect();
        lines.push(line(
            Align::Left,
            style,
            format!("{}{right}", " ".repeat(width.saturating_sub(r))),
        ));
        lines
    }
}

fn qty_text(q: Decimal) -> String {
    q.normalize().to_string().replace('.', ",")
}

/// The outlet's lines centred (its name in bold), then a rule: the top of every slip.
pub(crate) fn header(lines: &[String], width: usize) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, h) in lines.iter().enumerate() {
        let style = if i == 0 { Style::Bold } else { Style::Normal };
        out.extend(
            wrap(h, width)
                .into_iter()
                .map(|t| line(Align::Center, style, t)),
        );
    }
    out.push(line(Align::Left, Style::Normal, "-".repeat(width)));
    out
}

/// The receipt laid out for `width` columns (at least 24).
pub fn layout(r: &Receipt, width: usize) -> Vec<Line> {
    let width = width.max(24);
    let rule = line(Align::Left, Style::Normal, "-".repeat(width));
    let mut out = header(&r.header, width);
    out.extend(pair("No", &r.number, width, Style::Normal));
    out.extend(pair("Kasir", &r.cashier, width, Style::Normal));
    out.extend(pair("Waktu", &r.time, width, Style::Normal));
    out.push(rule.clone());
    for item in &r.items {
        out.extend(
            wrap(&item.name, width)
                .into_iter()
                .map(|t| line(Align::Left, Style::Normal, t)),
        );
        let gross = crate::money::round_rupiah(
            item.unit_price * item.quantity,
            crate::money::Rounding::HalfUp,
        );
        let detail = format!(
            "  {} {} x {}",
            qty_text(item.quantity),
            item.unit,
            format_idr(item.unit_price)
        );
        out.extend(pair(&detail, &format_idr(gross), width, Style::Normal));
        if !item.discount.is_zero() {
            out.extend(pair(
                "  Diskon",
                &format!("-{}", format_idr(item.discount)),
                width,
                Style::Normal,
            ));
        }
    }
    out.push(rule.clone());
    out.extend(pair(
        "Subtotal",
        &format_idr(r.subtotal),
        width,
        Style::Normal,
    ));
    if !r.cart_discount.is_zero() {
        out.extend(pair(
            "Diskon",
            &format!("-{}", format_idr(r.cart_discount)),
            width,
            Style::Normal,
        ));
    }
    if !r.service_charge.is_zero() {
        out.extend(pair(
            "Biaya layanan",
            &format_idr(r.service_charge),
            width,
            Style::Normal,
        ));
    }
    if let Some(label) = &r.tax_label {
        let label = if r.tax_included {
            format!("{label} (termasuk)")
        } else {
            label.clone()
        };
        out.extend(pair(&label, &format_idr(r.tax), width, Style::Normal));
    }
    if !r.rounding.is_zero() {
        out.extend(pair(
            "Pembulatan",
            &format_idr(r.rounding),
            width,
            Style::Normal,
        ));
    }
    // Double height keeps the width, so the total still fits the line.
    out.extend(pair(
        "TOTAL",
        &format_idr(r.grand_total),
        width,
        Style::Large,
    ));
    for (label, amount) in &r.tenders {
        out.extend(pair(label, &format_idr(*amount), width, Style::Normal));
    }
    out.extend(pair("Kembalian", &format_idr(r.change), width, Style::Bold));
    if !r.footer.is_empty() {
        out.push(rule);
        for f in &r.footer {
            out.extend(
                wrap(f, width)
                    .into_iter()
                    .map(|t| line(Align::Center, Style::Normal, t)),
            );
        }
    }
    out
}

/// The laid-out receipt as plain text (the browser's print fallback shows this).
pub fn to_plain(lines: &[Line], width: usize) -> String {
    lines
        .iter()
        .map(|l| match l.align {
            Align::Left => l.text.clone(),
            Align::Center => {
                let n = l.text.chars().count();
                format!("{}{}", " ".repeat(width.saturating_sub(n) / 2), l.text)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
