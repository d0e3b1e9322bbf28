//! Slips other than the sale receipt: a refund's own receipt and the shift report. Same
//! paper, same code page, same layout rules as the struk, so they print on the same
//! printer and read alike.
use serde::{Deserialize, Serialize};

use super::text::{header, line, pair, wrap, Align, Line, Style};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlipRow {
    /// Label on the left, value on the right.
    Pair(String, String),
    /// The emphasised figure (e.g. `TOTAL REFUND`).
    Total(String, String),
    Text(String),
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slip {
    /// Outlet name first, then address and other header lines.
    pub header: Vec<String>,
    /// E.g. `REFUND` or `LAPORAN SHIFT`, centred and bold under the header.
    pub title: String,
    pub rows: Vec<SlipRow>,
    pub footer: Vec<String>,
    pub qr: Option<String>,
}

/// The slip laid out for `width` columns (at least 24).
pub fn layout_slip(s: &Slip, width: usize) -> Vec<Line> {
    let width = width.max(24);
    let rule = line(Align::Left, Style::Normal, "-".repeat(width));
    let mut out = header(&s.header, width);
    out.extend(
        wrap(&s.title, width)
            .into_iter()
            .map(|t| line(Align::Center, Style::Bold, t)),
    );
    out.push(rule.clone());
    for row in &s.rows {
        match row {
            SlipRow::Pair(l, r) => out.extend(pair(l, r, width, Style::Normal)),
            SlipRow::Total(l, r) => out.extend(pair(l, r, width, Style::Large)),
            SlipRow::Text(t) => out.extend(
                wrap(t, width)
                    .into_iter()
                    .map(|t| line(Align::Left, Style::Normal, t)),
            ),
            SlipRow::Rule => out.push(rule.clone()),
        }
    }
    if !s.footer.is_empty() {
        out.push(rule);
        for f in &s.footer {
            out.extend(
                wrap(f, width)
                    .into_iter()
                    .map(|t| line(Align::Center, Style::Normal, t)),
            );
        }
    }
    out
}

/// The slip's ESC/POS print job.
pub fn encode_slip(s: &Slip, opts: super::PrintOptions) -> Vec<u8> {
    super::escpos::encode_lines(&layout_slip(s, opts.width), s.qr.as_deref(), opts)
}
