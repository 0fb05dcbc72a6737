//! Reading a returned workbook (XLSX with calamine) or one sheet of it saved as CSV into
//! plain grids of typed cells, with bounds: the file size, the zip's entries (their count,
//! declared sizes, and the bytes they really unpack to, counted while streaming before
//! calamine opens anything), and the rows and columns of a sheet (cells are streamed one
//! by one, never laid out as a dense range, so a sheet with one cell in row 1 000 000
//! costs no memory). A file beyond a bound gets one message, never an allocation of its
//! size.
//!
//! What a cell means is decided here only as far as its type goes; matching cells to the
//! bundle is `import.rs`. This module never writes anything.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};
use rust_decimal::Decimal;

/// Largest file read (XLSX or CSV).
pub const MAX_FILE: u64 = 32 << 20;
/// Largest size a zip entry may unpack to.
pub const MAX_ENTRY: u64 = 32 << 20;
/// Largest size all entries together may unpack to.
pub const MAX_TOTAL: u64 = 96 << 20;
/// Most entries in the zip.
pub const MAX_ENTRIES: usize = 2000;
/// Most rows read in a sheet (the header included).
pub const MAX_ROWS: u32 = 20_000;
/// Most columns read in a sheet.
pub const MAX_COLS: u32 = 1_000;

/// A cell's content, by type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number.
    Number(Decimal),
    /// A number that no decimal holds (too large).
    BadNumber(String),
    /// A text (as typed).
    Text(String),
    /// A truth value.
    Bool(bool),
    /// A date or time (a cell formatted as a date).
    Date(String),
    /// A formula error (`#DIV/0!`).
    Error(String),
}

/// One sheet: its non-empty cells by (row, column), 0-based.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The sheet's name (for a CSV: the sheet its header row names).
    pub name: String,
    /// Non-empty cells.
    pub cells: BTreeMap<(u32, u32), Value>,
    /// A cell beyond [`MAX_ROWS`] or [`MAX_COLS`], the first one met.
    pub beyond: Option<(u32, u32)>,
    /// How numbers typed as text are read: the Indonesian way (an XLSX, a CSV separated
    /// by `;`) or the English way (a CSV separated by `,`).
    pub reading: Reading,
}

/// The one rule for a number typed as text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Reading {
    /// The dot groups thousands, the comma marks decimals: `1.234,56` (the text cells of
    /// an XLSX, a CSV separated by `;` as id-ID Excel writes it).
    #[default]
    Indonesian,
    /// The comma groups thousands, the dot marks decimals: `1,234.56` (a CSV separated by
    /// `,`, as an English Excel writes it).
    English,
}

impl Grid {
    /// The cell at (row, col).
    pub fn get(&self, row: u32, col: u32) -> Option<&Value> {
        self.cells.get(&(row, col))
    }

    /// The last row holding a cell.
    pub fn last_row(&self) -> Option<u32> {
        self.cells.keys().map(|(r, _)| *r).max()
    }

    fn put(&mut self, row: u32, col: u32, v: Value) {
        if row >= MAX_ROWS || col >= MAX_COLS {
            if self.beyond.is_none() {
                self.beyond = Some((row, col));
            }
            return;
        }
        if matches!(&v, Value::Text(t) if t.trim().is_empty()) {
            return;
        }
        self.cells.insert((row, col), v);
    }
}

/// A workbook read: its sheets in order, by name.
#[derive(Debug, Default)]
pub struct Book {
    /// Every sheet's name, in order.
    pub names: Vec<String>,
    /// The grids of the sheets asked for.
    pub grids: Vec<Grid>,
}

/// What kind of file the bytes are, by their first bytes.
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Check the zip's entries before anything unpacks them: count, declared sizes, then the
/// real unpacked size of each (streamed, capped).
pub fn check_zip(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("cannot read it as an XLSX (zip) file: {e}; the file is damaged or truncated")
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "the zip holds {} entries, more than the {MAX_ENTRIES} a workbook may have; this is not a workbook of lkjip",
            zip.len()
        ));
    }
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| {
            format!("cannot read entry {i} of the zip: {e}; the file is damaged or truncated")
        })?;
        if f.size() > MAX_ENTRY {
            return Err(too_big(f.name()));
        }
        declared = declared.saturating_add(f.size());
    }
    if declared > MAX_TOTAL {
        return Err(format!(
            "the workbook unpacks to more than {} MiB; a workbook of lkjip holds far less",
            MAX_TOTAL >> 20
        ));
    }
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 << 10];
    for i in 0..zip.len() {
        let mut f = zip
            .by_index(i)
            .map_err(|e| format!("cannot unpack entry {i} of the zip: {e}; the file is damaged, truncated or encrypted"))?;
        let name = f.name().to_string();
        let mut n = 0u64;
        loop {
            let got = f.read(&mut buf).map_err(|e| {
                format!("cannot unpack {name}: {e}; the file is damaged or truncated")
            })?;
            if got == 0 {
                break;
            }
            n += got as u64;
            total += got as u64;
            if n > MAX_ENTRY {
                return Err(too_big(&name));
            }
            if total > MAX_TOTAL {
                return Err(format!(
                    "the workbook unpacks to more than {} MiB; a workbook of lkjip holds far less",
                    MAX_TOTAL >> 20
                ));
            }
        }
    }
    Ok(())
}

fn too_big(name: &str) -> String {
    format!(
        "the part {name} unpacks to more than {} MiB; a workbook of lkjip holds a few thousand rows at most (a sheet of a million rows, or a zip bomb?)",
        MAX_ENTRY >> 20
    )
}

/// Read the XLSX `bytes` (checked with [`check_zip`] first): every sheet's name, and the
/// grids of the sheets whose name `want` accepts.
pub fn read_xlsx(bytes: &[u8], want: &dyn Fn(&str) -> bool) -> Result<Book, String> {
    check_zip(bytes)?;
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| format!("cannot read it as an XLSX workbook: {e}"))?;
    let names = xlsx.sheet_names();
    let mut grids = Vec::new();
    for name in &names {
        if !want(name) {
            continue;
        }
        let mut grid = Grid {
            name: name.clone(),
            ..Grid::default()
        };
        let mut cells = xlsx
            .worksheet_cells_reader(name)
            .map_err(|e| format!("cannot read the sheet {name}: {e}"))?;
        loop {
            let cell = cells
                .next_cell()
                .map_err(|e| format!("cannot read the sheet {name}: {e}"))?;
            let Some(cell) = cell else { break };
            let (row, col) = cell.get_position();
            let v = match cell.get_value() {
                DataRef::Empty => continue,
                DataRef::Int(i) => Value::Number(Decimal::from(*i)),
                DataRef::Float(f) => number(*f),
                DataRef::String(s) => Value::Text(s.clone()),
                DataRef::SharedString(s) => Value::Text(s.to_string()),
                DataRef::Bool(b) => Value::Bool(*b),
                DataRef::DateTime(d) => Value::Date(excel_date(d.as_f64())),
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Date(s.clone()),
                DataRef::Error(e) => Value::Error(e.to_string()),
            };
            grid.put(row, col, v);
            if grid.beyond.is_some() {
                break;
            }
        }
        grids.push(grid);
    }
    Ok(Book { names, grids })
}

/// A date serial of the 1900 system as `YYYY-MM-DD` (the serial itself when out of range).
fn excel_date(serial: f64) -> String {
    if !(61.0..2_958_466.0).contains(&serial) {
        return format!("{serial}");
    }
    // Days since 1970-01-01 (serial 25569), then the civil date (H. Hinnant's algorithm).
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The decimal of a cell's binary number: its shortest text, read exactly (`87.12`, never
/// `87.1199999…`).
fn number(f: f64) -> Value {
    if !f.is_finite() {
        return Value::BadNumber(format!("{f}"));
    }
    let text = format!("{f}");
    match Decimal::from_str_exact(&text) {
        Ok(d) => Value::Number(d),
        Err(_) => Value::BadNumber(text),
    }
}

/// Read a CSV (one sheet): UTF-8 (a byte-order mark is skipped) or else Windows-1252;
/// the separator is `;` (what Excel writes under id-ID) unless the header line has more
/// `,` than `;`. Every field is a text (the import reads numbers from texts, the
/// Indonesian way in a CSV separated by `;`, the English way in one separated by `,`).
pub fn read_csv(bytes: &[u8]) -> Grid {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text: String = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => bytes.iter().map(|&b| cp1252(b)).collect(),
    };
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(',').count() > first.matches(';').count() {
        ','
    } else {
        ';'
    };
    let mut grid = Grid {
        reading: if sep == ',' {
            Reading::English
        } else {
            Reading::Indonesian
        },
        ..Grid::default()
    };
    let (mut row, mut col) = (0u32, 0u32);
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            c if c == sep => {
                grid.put(row, col, Value::Text(std::mem::take(&mut field)));
                col += 1;
            }
            '\r' => {}
            '\n' => {
                grid.put(row, col, Value::Text(std::mem::take(&mut field)));
                row += 1;
                col = 0;
            }
            c => field.push(c),
        }
        any = true;
        if grid.beyond.is_some() {
            break;
        }
    }
    if any && grid.beyond.is_none() {
        grid.put(row, col, Value::Text(field));
    }
    grid
}

/// A byte of Windows-1252 as a character.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_quotes_and_commas() {
        let g = read_csv(
            "\u{feff}ID Indikator;Realisasi 2021\r\nIKU1;\"87,12\"\nIKU2;\"a \"\"b\"\"; c\"\n"
                .as_bytes(),
        );
        assert_eq!(g.get(0, 0), Some(&Value::Text("ID Indikator".into())));
        assert_eq!(g.get(1, 1), Some(&Value::Text("87,12".into())));
        assert_eq!(g.get(2, 1), Some(&Value::Text("a \"b\"; c".into())));
        assert_eq!(g.reading, Reading::Indonesian);
        let g = read_csv(b"ID Indikator,Realisasi 2021\nIKU1,\"1,087.12\"");
        assert_eq!(g.get(1, 1), Some(&Value::Text("1,087.12".into())));
        assert_eq!(g.reading, Reading::English);
        let g = read_csv(b"Nama Aset;Satuan\nM\xe9ja;unit\n");
        assert_eq!(g.get(1, 0), Some(&Value::Text("Méja".into())));
    }

    #[test]
    fn date_serials() {
        assert_eq!(excel_date(44568.0), "2022-01-07");
        assert_eq!(excel_date(25569.5), "1970-01-01");
    }

    #[test]
    fn numbers_read_as_their_shortest_text() {
        assert_eq!(number(87.12), Value::Number(Decimal::new(8712, 2)));
        assert_eq!(number(635513354.0), Value::Number(Decimal::from(635513354)));
    }

    #[test]
    fn rows_beyond_the_bound_are_noted_not_stored() {
        let mut g = Grid::default();
        g.put(MAX_ROWS + 5, 0, Value::Text("x".into()));
        assert!(g.cells.is_empty());
        assert_eq!(g.beyond, Some((MAX_ROWS + 5, 0)));
    }
}
