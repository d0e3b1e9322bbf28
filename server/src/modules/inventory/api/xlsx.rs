//! The catalogue as an Excel workbook: written with every cell as text so prices and
//! barcodes survive exactly, and read back from the first sheet into the same records the
//! CSV import checks.
//!
//! The reader is our own and streams: an upload is untrusted, and a general spreadsheet
//! reader sizes its memory from what the file *declares* (a dimension of A1:XFD1048576, a
//! string table of 10^12 entries) — one small file could abort the whole process. Here
//! nothing is allocated from a declared size: every part is read through a byte limit
//! (a zip bomb stops at the limit), and rows, columns and shared strings are counted as
//! they arrive against the import's own bounds.
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use rust_xlsxwriter::Workbook;

use super::csv_export::{Record, MAX_ROWS};
use crate::kernel::error::{ApiError, ApiResult};

/// Largest decompressed part (sheet, string table, workbook) read from an upload.
pub const PART_BYTES_MAX: u64 = 64 * 1024 * 1024;
/// Parts an import workbook may hold; a real one has a dozen.
const PARTS_MAX: usize = 1_000;
/// Columns read per row: the import knows ten; anything right of this is ignored, never
/// allocated.
const COLUMNS_MAX: usize = 64;
/// Shared strings kept: two per cell of the largest import is plenty.
const SHARED_STRINGS_MAX: usize = 2 * COLUMNS_MAX * (MAX_ROWS + 1);
/// Characters of one cell.
const CELL_CHARS_MAX: usize = 4_096;

pub fn write(header: &[&str], rows: &[[String; 10]]) -> ApiResult<Vec<u8>> {
    write_sheet("Produk", header, rows)
}

/// One sheet named `name`, the header then the rows, every cell text (amounts stay exact).
pub fn write_sheet<const N: usize>(
    name: &str,
    header: &[&str],
    rows: &[[String; N]],
) -> ApiResult<Vec<u8>> {
    let fail = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(anyhow::anyhow!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(fail)?;
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

type ReadResult<T> = Result<T, (usize, String)>;

fn unreadable(detail: impl std::fmt::Display) -> (usize, String) {
    (1, format!("Berkas XLSX tidak dapat dibaca: {detail}"))
}

/// One part of the archive, decompressed through [`PART_BYTES_MAX`].
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> ReadResult<Option<Vec<u8>>> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(unreadable(e)),
    };
    let mut out = Vec::new();
    file.take(PART_BYTES_MAX + 1)
        .read_to_end(&mut out)
        .map_err(unreadable)?;
    if out.len() as u64 > PART_BYTES_MAX {
        return Err((
            1,
            format!(
                "Berkas XLSX terlalu besar setelah dibuka (bagian {name} lebih dari {} MB).",
                PART_BYTES_MAX / 1024 / 1024
            ),
        ));
    }
    Ok(Some(out))
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let name = a.key.as_ref();
        // `r:id` and `id` alike: the namespace prefix varies between writers.
        let local = name.rsplit(':').next().unwrap_or(name);
        (local == key || name == key)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .ok()
            })
            .flatten()
    })
}

/// Text of a run, with entity references resolved.
fn push_text(out: &mut String, event: &Event<'_>) {
    if out.chars().count() >= CELL_CHARS_MAX {
        return;
    }
    match event {
        Event::Text(t) => out.push_str(&t.xml10_content()),
        Event::CData(t) => out.push_str(&t.xml10_content()),
        Event::GeneralRef(r) => {
            if let Ok(Some(c)) = r.resolve_char_ref() {
                out.push(c);
            } else {
                let name = r.xml10_content();
                if let Some(v) = quick_xml::escape::resolve_predefined_entity(&name) {
                    out.push_str(v);
                }
            }
        }
        _ => {}
    }
}

/// The path of the workbook's first sheet, from workbook.xml and its relationships.
fn first_sheet_path(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> ReadResult<String> {
    let fallback = "xl/worksheets/sheet1.xml".to_string();
    let Some(workbook) = part(zip, "xl/workbook.xml")? else {
        return Ok(fallback);
    };
    let mut reader = quick_xml::Reader::from_reader(workbook.as_slice());
    let mut buf = Vec::new();
    let mut rel_id = None;
    loop {
        match reader.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                rel_id = attr(&e, "id");
                break;
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let (Some(rel_id), Some(rels)) = (rel_id, part(zip, "xl/_rels/workbook.xml.rels")?) else {
        return Ok(fallback);
    };
    let mut reader = quick_xml::Reader::from_reader(rels.as_slice());
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == "Relationship"
                    && attr(&e, "Id").as_deref() == Some(rel_id.as_str()) =>
            {
                let target = attr(&e, "Target").unwrap_or_default();
                return Ok(match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{target}"),
                });
            }
            Event::Eof => return Ok(fallback),
            _ => {}
        }
    }
}

/// The shared string table, counted as it is read (its declared count is ignored).
fn shared_strings(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> ReadResult<Vec<String>> {
    let Some(bytes) = part(zip, "xl/sharedStrings.xml")? else {
        return Ok(Vec::new());
    };
    let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
    let mut buf = Vec::new();
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    // Phonetic runs (`rPh`) repeat the text in another script; they are not the cell.
    let mut in_phonetic = false;
    let mut in_text = false;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(unreadable)?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current = Some(String::new()),
                "rPh" => in_phonetic = true,
                "t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                "si" => {
                    if strings.len() >= SHARED_STRINGS_MAX {
                        return Err((
                            1,
                            format!(
                                "Berkas XLSX punya lebih dari {SHARED_STRINGS_MAX} teks; pecah menjadi beberapa impor."
                            ),
                        ));
                    }
                    strings.push(current.take().unwrap_or_default());
                }
                "rPh" => in_phonetic = false,
                "t" => in_text = false,
                _ => {}
            },
            Event::Eof => break,
            other => {
                if let (Some(s), true, false) = (current.as_mut(), in_text, in_phonetic) {
                    push_text(s, other);
                }
            }
        }
        buf.clear();
    }
    Ok(strings)
}

/// Column index (0-based) of a cell reference such as `B7`; `None` when it has no letters
/// or lies right of [`COLUMNS_MAX`].
fn column_of(reference: &str) -> Option<usize> {
    let mut col = 0usize;
    let mut letters = 0;
    for c in reference.chars().take_while(|c| c.is_ascii_alphabetic()) {
        col = col * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
        letters += 1;
        if letters > 3 {
            return None;
        }
    }
    (letters > 0 && col <= COLUMNS_MAX).then(|| col - 1)
}

/// A number as Excel stores it, as the text the CSV import expects: whole numbers lose a
/// trailing `.0` or exponent (a barcode, a price), others keep their shortest form.
fn number_text(raw: &str) -> String {
    match raw.trim().parse::<f64>() {
        Ok(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Ok(f) if f.is_finite() => f.to_string(),
        _ => raw.trim().to_string(),
    }
}

struct Cell {
    column: Option<usize>,
    kind: String,
    value: String,
}

/// The first sheet's rows with their spreadsheet row numbers (the header is row 1);
/// empty rows are skipped like blank CSV lines.
pub fn read(bytes: &[u8]) -> ReadResult<Vec<Record>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if zip.len() > PARTS_MAX {
        return Err(unreadable(format!("lebih dari {PARTS_MAX} bagian")));
    }
    let sheet_path = first_sheet_path(&mut zip)?;
    let strings = shared_strings(&mut zip)?;
    let sheet = part(&mut zip, &sheet_path)?
        .ok_or((1, "Berkas XLSX tidak punya lembar kerja.".to_string()))?;

    let mut reader = quick_xml::Reader::from_reader(sheet.as_slice());
    let mut buf = Vec::new();
    let mut records: Vec<Record> = Vec::new();
    let mut row_no = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut in_value = false;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(unreadable)?;
        match &event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                row_no = attr(e, "r")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(row_no + 1);
                row.clear();
                if matches!(event, Event::Empty(_)) {
                    continue;
                }
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "c" => {
                let column = match attr(e, "r") {
                    Some(r) => column_of(&r),
                    None => Some(row.len()),
                };
                let c = Cell {
                    column,
                    kind: attr(e, "t").unwrap_or_default(),
                    value: String::new(),
                };
                if matches!(event, Event::Start(_)) {
                    cell = Some(c);
                }
            }
            Event::Start(e) if matches!(e.local_name().as_ref(), "v" | "t") => in_value = true,
            Event::End(e) => match e.local_name().as_ref() {
                "v" | "t" => in_value = false,
                "c" => {
                    if let Some(Cell {
                        column: Some(col),
                        kind,
                        value,
                    }) = cell.take()
                    {
                        let text = match kind.as_str() {
                            "s" => value
                                .trim()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| strings.get(i).cloned())
                                .unwrap_or_default(),
                            "b" => (value.trim() == "1").to_string(),
                            "e" => format!("#{value}"),
                            "str" | "inlineStr" => value,
                            _ => number_text(&value),
                        };
                        if row.len() <= col {
                            row.resize(col + 1, String::new());
                        }
                        row[col] = text;
                    }
                }
                "row" => {
                    if row.iter().any(|c| !c.trim().is_empty()) {
                        if records.len() > MAX_ROWS {
                            return Err((
                                row_no,
                                format!("Paling banyak {MAX_ROWS} baris per impor."),
                            ));
                        }
                        records.push((row_no, std::mem::take(&mut row)));
                    }
                    row.clear();
                }
                _ => {}
            },
            Event::Eof => break,
            other => {
                if let (Some(c), true) = (cell.as_mut(), in_value) {
                    push_text(&mut c.value, other);
                }
            }
        }
        buf.clear();
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
        assert_eq!(number_text("8991000000034"), "8991000000034");
        assert_eq!(number_text("8.991000000034E+12"), "8991000000034");
        assert_eq!(number_text("3500"), "3500");
        assert_eq!(number_text("0.375"), "0.375");
    }

    #[test]
    fn cell_references_beyond_the_import_columns_are_not_columns() {
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("J20"), Some(9));
        assert_eq!(column_of("XFD1048576"), None);
        assert_eq!(column_of("12"), None);
    }
}
