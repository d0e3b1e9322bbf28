//! The catalogue as an Excel workbook: written with every cell as text so prices and
//! barcodes survive exactly, and read back from the first sheet into the same records the
//! CSV import checks.
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::Workbook;

use super::csv_io::Record;
use crate::error::{ApiError, ApiResult};

pub fn write(header: &[&str], rows: &[[String; 10]]) -> ApiResult<Vec<u8>> {
    let fail = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(anyhow::anyhow!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Produk").map_err(fail)?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet
                    .write_string(r as u32 + 1, c as u16, value)
                    .map_err(fail)?;
            }
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// An XLSX file is a ZIP archive.
pub fn looks_like_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// A cell as the text the CSV import expects. Numbers typed into a spreadsheet come back
/// as floats: whole ones lose the `.0` (a barcode or a price), others keep their shortest
/// form (0.375 kg).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The first sheet's rows with their spreadsheet row numbers (the header is row 1);
/// empty rows are skipped like blank CSV lines.
pub fn read(bytes: &[u8]) -> Result<Vec<Record>, (usize, String)> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| (1, format!("Berkas XLSX tidak dapat dibaca: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or((1, "Berkas XLSX tidak punya lembar kerja.".to_string()))?
        .map_err(|e| (1, format!("Lembar pertama tidak dapat dibaca: {e}")))?;
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let mut records = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        records.push((first_row + i + 1, cells));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text_cells() {
        let header = [
            "sku", "name", "variant", "category", "unit", "cost", "price", "tax", "active",
            "barcodes",
        ];
        let row = [
            "TEH-1".to_string(),
            "Teh \"Botol\" 350ml".into(),
            String::new(),
            "Minuman".into(),
            "pcs".into(),
            "3200".into(),
            "5000".into(),
            "ppn".into(),
            "true".into(),
            "8991000000034|2000000000015".into(),
        ];
        let bytes = write(&header, std::slice::from_ref(&row)).expect("written");
        assert!(looks_like_xlsx(&bytes));
        let records = read(&bytes).expect("read");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].0, 1);
        assert_eq!(records[0].1, header.map(String::from).to_vec());
        assert_eq!(records[1].0, 2);
        assert_eq!(records[1].1, row.to_vec());
    }

    #[test]
    fn numbers_typed_in_a_spreadsheet_read_as_plain_text() {
        assert_eq!(cell_text(&Data::Float(8991000000034.0)), "8991000000034");
        assert_eq!(cell_text(&Data::Float(3500.0)), "3500");
        assert_eq!(cell_text(&Data::Float(0.375)), "0.375");
        assert_eq!(cell_text(&Data::Bool(false)), "false");
    }
}
