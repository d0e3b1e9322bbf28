//! The struk: layout at 32 and 48 columns, and the exact ESC/POS bytes (golden files in
//! `tests/golden/`, printable as hex; regenerate with `UPDATE_GOLDEN=1` after checking a
//! real print).
use domain::receipt::{
    encode, escpos::encode_text, layout, text::to_plain, text::wrap, PrintOptions, Receipt,
    ReceiptItem,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn sale() -> Receipt {
    Receipt {
        header: vec![
            "Minimarket Makmur".into(),
            "Jl. Merdeka No. 10, Semarang".into(),
            "NPWP 01.234.567.8-901.000".into(),
        ],
        number: "MKM1-D01-000042".into(),
        cashier: "Dewi Lestari".into(),
        time: "27/11/2026 10:15 WIB".into(),
        items: vec![
            ReceiptItem {
                name: "Teh Botol 350ml".into(),
                quantity: dec!(2),
                unit: "pcs".into(),
                unit_price: dec!(5000),
                discount: dec!(500),
            },
            ReceiptItem {
                name: "Beras Curah Premium Cap Bunga Mawar".into(),
                quantity: dec!(1.5),
                unit: "kg".into(),
                unit_price: dec!(14000),
                discount: Decimal::ZERO,
            },
        ],
        subtotal: dec!(31000),
        cart_discount: dec!(1000),
        service_charge: Decimal::ZERO,
        tax_label: Some("PPN".into()),
        tax: dec!(2922),
        tax_included: true,
        rounding: Decimal::ZERO,
        grand_total: dec!(29500),
        tenders: vec![("QRIS".into(), dec!(9500)), ("Tunai".into(), dec!(50000))],
        change: dec!(30000),
        footer: vec!["Terima kasih, selamat belanja kembali!".into()],
        qr: Some("MKM1-D01-000042".into()),
    }
}

#[test]
fn a_58mm_receipt_reads_right() {
    let text = to_plain(&layout(&sale(), 32), 32);
    let expected = [
        "       Minimarket Makmur",
        "  Jl. Merdeka No. 10, Semarang",
        "   NPWP 01.234.567.8-901.000",
        "--------------------------------",
        "No               MKM1-D01-000042",
        "Kasir               Dewi Lestari",
        "Waktu       27/11/2026 10:15 WIB",
        "--------------------------------",
        "Teh Botol 350ml",
        "  2 pcs x Rp5.000       Rp10.000",
        "  Diskon                  -Rp500",
        "Beras Curah Premium Cap Bunga",
        "Mawar",
        "  1,5 kg x Rp14.000     Rp21.000",
        "--------------------------------",
        "Subtotal                Rp31.000",
        "Diskon                  -Rp1.000",
        "PPN (termasuk)           Rp2.922",
        "TOTAL                   Rp29.500",
        "QRIS                     Rp9.500",
        "Tunai                   Rp50.000",
        "Kembalian               Rp30.000",
        "--------------------------------",
        " Terima kasih, selamat belanja",
        "            kembali!",
    ]
    .join("\n");
    assert_eq!(text, expected);
}

#[test]
fn an_80mm_receipt_uses_48_columns() {
    let lines = layout(&sale(), 48);
    assert!(lines.iter().all(|l| l.text.chars().count() <= 48));
    let plain = to_plain(&lines, 48);
    assert!(
        plain.contains("Beras Curah Premium Cap Bunga Mawar\n"),
        "{plain}"
    );
    assert!(
        plain.contains(&format!("TOTAL{}Rp29.500", " ".repeat(48 - 5 - 8))),
        "{plain}"
    );
}

#[test]
fn qr_commands_match_the_reference_bytes() {
    let mut r = sale();
    r.qr = Some("ABC".into());
    let bytes = encode(
        &r,
        PrintOptions {
            width: 32,
            open_drawer: false,
            cut: true,
        },
    );
    let hex = bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ");
    for vector in [
        "1D 28 6B 04 00 31 41 32 00",
        "1D 28 6B 03 00 31 43 06",
        "1D 28 6B 03 00 31 45 31",
        "1D 28 6B 06 00 31 50 30 41 42 43",
        "1D 28 6B 03 00 31 51 30",
    ] {
        assert!(hex.contains(vector), "{vector} missing");
    }
    assert!(
        hex.starts_with("1B 40 1B 74 13"),
        "init, then code page PC858"
    );
    assert!(hex.ends_with("1B 64 04 1D 56 01"), "feed, then partial cut");
    let with_drawer = encode(
        &r,
        PrintOptions {
            width: 32,
            open_drawer: true,
            cut: true,
        },
    );
    assert!(with_drawer.ends_with(&[0x1B, 0x70, 0x00, 0x19, 0xFA]));
}

#[test]
fn indonesian_and_latin_text_is_encoded_deliberately() {
    assert_eq!(encode_text("Kopi Susu"), b"Kopi Susu".to_vec());
    assert_eq!(
        encode_text("Café Ñoño"),
        vec![b'C', b'a', b'f', 0x82, b' ', 0xA5, b'o', 0xA4, b'o']
    );
    assert_eq!(encode_text("“Mie” – 2×"), b"\"Mie\" - 2\x9E".to_vec());
    assert_eq!(encode_text("日本"), b"??".to_vec());
}

fn golden(name: &str, bytes: &[u8]) {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    let hex: String = bytes
        .chunks(16)
        .map(|c| {
            c.iter()
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(" ")
                + "\n"
        })
        .collect();
    if std::env::var("UPDATE_GOLDEN").is_ok() {
        std::fs::write(&path, &hex).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        hex, stored,
        "{name} differs; check a print and run with UPDATE_GOLDEN=1"
    );
}

#[test]
fn golden_bytes_58mm() {
    golden(
        "receipt-58mm.hex",
        &encode(
            &sale(),
            PrintOptions {
                width: 32,
                open_drawer: true,
                cut: true,
            },
        ),
    );
}

#[test]
fn golden_bytes_80mm() {
    golden(
        "receipt-80mm.hex",
        &encode(
            &sale(),
            PrintOptions {
                width: 48,
                open_drawer: false,
                cut: true,
            },
        ),
    );
}

#[test]
fn long_words_are_split() {
    assert_eq!(wrap("ABCDEFGHIJ KL", 4), vec!["ABCD", "EFGH", "IJ", "KL"]);
    assert_eq!(wrap("", 10), vec![""]);
}

proptest! {
    #[test]
    fn no_line_is_wider_than_the_paper(
        name in "[A-Za-z0-9 ]{0,80}", price in 0i64..1_000_000_000, width in 24usize..64,
    ) {
        let mut r = sale();
        r.items[0].name = name;
        r.items[0].unit_price = Decimal::from(price);
        r.grand_total = Decimal::from(price) * dec!(3);
        for l in layout(&r, width) {
            prop_assert!(l.text.chars().count() <= width, "{:?} at {}", l.text, width);
        }
    }
}

/// The demo sale the Playwright test makes through the API (receipt `MKM1-GOLD-000001`)
/// and reprints from the till over a stand-in WebUSB printer: the till must send exactly
/// these bytes (`tests/golden/till-sale-{58,80}mm.hex`).
fn till_sale() -> Receipt {
    Receipt {
        header: vec![
            "Minimarket Makmur".into(),
            "Jl. Merdeka No. 10, Semarang".into(),
            "NPWP 01.234.567.8-901.000".into(),
        ],
        number: "MKM1-GOLD-000001".into(),
        cashier: "Dewi Lestari".into(),
        time: "27/11/2026 10:15 WIB".into(),
        items: vec![
            ReceiptItem {
                name: "Telur Ayam 10 butir".into(),
                quantity: dec!(1),
                unit: "pack".into(),
                unit_price: dec!(28000),
                discount: dec!(1000),
            },
            ReceiptItem {
                name: "Beras Curah".into(),
                quantity: dec!(1.5),
                unit: "kg".into(),
                unit_price: dec!(14000),
                discount: Decimal::ZERO,
            },
        ],
        subtotal: dec!(49000),
        cart_discount: Decimal::ZERO,
        service_charge: Decimal::ZERO,
        tax_label: Some("PPN".into()),
        tax: Decimal::ZERO,
        tax_included: true,
        rounding: Decimal::ZERO,
        grand_total: dec!(48000),
        tenders: vec![("Tunai".into(), dec!(50000))],
        change: dec!(2000),
        footer: vec!["Terima kasih, selamat belanja kembali!".into()],
        qr: Some("MKM1-GOLD-000001".into()),
    }
}

#[test]
fn golden_bytes_of_the_till_sale() {
    for (name, width) in [("till-sale-58mm.hex", 32), ("till-sale-80mm.hex", 48)] {
        golden(
            name,
            &encode(
                &till_sale(),
                PrintOptions {
                    width,
                    open_drawer: false,
                    cut: true,
                },
            ),
        );
    }
}

#[test]
fn a_refund_slip_reads_right() {
    use domain::receipt::{encode_slip, layout_slip, Slip, SlipRow};
    let slip = Slip {
        header: vec!["Minimarket Makmur".into()],
        title: "REFUND MKM1-D01-R00001".into(),
        rows: vec![
            SlipRow::Pair("Struk".into(), "MKM1-D01-000042".into()),
            SlipRow::Rule,
            SlipRow::Text("Teh Botol 350ml".into()),
            SlipRow::Pair("  1 x".into(), "Rp5.000".into()),
            SlipRow::Total("TOTAL REFUND".into(), "Rp5.000".into()),
            SlipRow::Pair("Tunai".into(), "Rp5.000".into()),
        ],
        footer: vec!["Alasan: Kemasan bocor".into()],
        qr: None,
    };
    let text = to_plain(&layout_slip(&slip, 32), 32);
    let expected = [
        "       Minimarket Makmur",
        "--------------------------------",
        "     REFUND MKM1-D01-R00001",
        "--------------------------------",
        "Struk            MKM1-D01-000042",
        "--------------------------------",
        "Teh Botol 350ml",
        "  1 x                    Rp5.000",
        "TOTAL REFUND             Rp5.000",
        "Tunai                    Rp5.000",
        "--------------------------------",
        "     Alasan: Kemasan bocor",
    ]
    .join("\n");
    assert_eq!(text, expected);
    let bytes = encode_slip(
        &slip,
        PrintOptions {
            width: 32,
            open_drawer: false,
            cut: true,
        },
    );
    assert_eq!(&bytes[..5], &[0x1b, 0x40, 0x1b, 0x74, 19]);
    assert_eq!(&bytes[bytes.len() - 3..], &[0x1d, 0x56, 0x01]);
}
