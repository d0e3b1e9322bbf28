//! ESC/POS bytes for a laid-out receipt. Code page PC858 (Multilingual Latin I with the
//! euro sign, `ESC t 19`) is chosen on purpose: Indonesian needs only ASCII, but names of
//! goods and people carry the odd é, ü or ñ, which PC858 has on the common 58/80 mm
//! printers; anything else is written as its closest ASCII or `?`, never as stray bytes.

use super::text::{layout, Align, Line, Style};
use super::Receipt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintOptions {
    /// 32 for 58 mm paper, 48 for 80 mm.
    pub width: usize,
    /// Pulse the cash-drawer pin after printing (cash sales).
    pub open_drawer: bool,
    pub cut: bool,
}

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const LF: u8 = 0x0A;
/// `ESC t 19`: PC858.
const CODE_PAGE_PC858: u8 = 19;

/// One character in PC858; `None` when it has no place there.
fn pc858(c: char) -> Option<u8> {
    if c.is_ascii() && !c.is_ascii_control() {
        return Some(c as u8);
    }
    let b = match c {
        'Ç' => 0x80,
        'ü' => 0x81,
        'é' => 0x82,
        'â' => 0x83,
        'ä' => 0x84,
        'à' => 0x85,
        'å' => 0x86,
        'ç' => 0x87,
        'ê' => 0x88,
        'ë' => 0x89,
        'è' => 0x8A,
        'ï' => 0x8B,
        'î' => 0x8C,
        'ì' => 0x8D,
        'Ä' => 0x8E,
        'Å' => 0x8F,
        'É' => 0x90,
        'ô' => 0x93,
        'ö' => 0x94,
        'ò' => 0x95,
        'û' => 0x96,
        'ù' => 0x97,
        'Ö' => 0x99,
        'Ü' => 0x9A,
        '£' => 0x9C,
        '×' => 0x9E,
        'á' => 0xA0,
        'í' => 0xA1,
        'ó' => 0xA2,
        'ú' => 0xA3,
        'ñ' => 0xA4,
        'Ñ' => 0xA5,
        '°' => 0xF8,
        '·' => 0xFA,
        '€' => 0xD5,
        _ => return None,
    };
    Some(b)
}

/// Bytes for `text` in PC858, with typographic marks made plain first.
pub fn encode_text(text: &str) -> Vec<u8> {
    text.chars()
        .flat_map(|c| {
            let plain: &str = match c {
                '‘' | '’' | '‚' => "'",
                '“' | '”' | '„' => "\"",
                '–' | '—' | '−' => "-",
                '…' => "...",
                '\u{a0}' => " ",
                _ => "",
            };
            if !plain.is_empty() {
                plain.bytes().collect::<Vec<_>>()
            } else {
                vec![pc858(c).unwrap_or(b'?')]
            }
        })
        .collect()
}

/// `GS ( k` QR code: model 2, module size 6, error correction M, then store and print.
fn qr(data: &str, out: &mut Vec<u8>) {
    let bytes = data.as_bytes();
    // A QR code holds at most 7,089 bytes; a receipt number or QRIS is far below.
    let len = bytes.len().min(7_000) + 3;
    out.extend_from_slice(&[GS, b'(', b'k', 4, 0, 0x31, 0x41, 0x32, 0]);
    out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 0x31, 0x43, 6]);
    out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 0x31, 0x45, 0x31]);
    out.extend_from_slice(&[
        GS,
        b'(',
        b'k',
        (len % 256) as u8,
        (len / 256) as u8,
        0x31,
        0x50,
        0x30,
    ]);
    out.extend_from_slice(&bytes[..len - 3]);
    out.extend_from_slice(&[GS, b'(', b'k', 3, 0, 0x31, 0x51, 0x30]);
}

fn line_bytes(l: &Line, out: &mut Vec<u8>) {
    out.extend_from_slice(&[ESC, b'a', if l.align == Align::Center { 1 } else { 0 }]);
    // ESC ! n: bit 3 emphasised, bit 4 double height.
    let mode = match l.style {
        Style::Normal => 0x00,
        Style::Bold => 0x08,
        Style::Large => 0x18,
    };
    out.extend_from_slice(&[ESC, b'!', mode]);
    out.extend(encode_text(&l.text));
    out.push(LF);
}

/// The whole print job for `receipt`.
pub fn encode(receipt: &Receipt, opts: PrintOptions) -> Vec<u8> {
    encode_lines(&layout(receipt, opts.width), receipt.qr.as_deref(), opts)
}

/// A print job for lines already laid out (a receipt, a refund slip, a shift report).
pub fn encode_lines(lines: &[Line], qr_data: Option<&str>, opts: PrintOptions) -> Vec<u8> {
    let mut out = vec![ESC, b'@', ESC, b't', CODE_PAGE_PC858];
    for l in lines {
        line_bytes(l, &mut out);
    }
    out.extend_from_slice(&[ESC, b'!', 0]);
    if let Some(data) = qr_data {
        out.extend_from_slice(&[ESC, b'a', 1]);
        qr(data, &mut out);
        out.push(LF);
        out.extend_from_slice(&[ESC, b'a', 0]);
    }
    // Feed past the cutter before cutting.
    out.extend_from_slice(&[ESC, b'd', 4]);
    if opts.cut {
        out.extend_from_slice(&[GS, b'V', 0x01]);
    }
    if opts.open_drawer {
        // ESC p m t1 t2: pin 2, 50 ms on, 500 ms off.
        out.extend_from_slice(&[ESC, b'p', 0, 25, 250]);
    }
    out
}
