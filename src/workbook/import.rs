//! Matching a returned workbook against the model of the bundle: columns by their header
//! text, rows by their id (never by position), each value cell read as a decimal (a
//! number; or a text read by the file's one rule, `1.234,56` in an XLSX or a CSV
//! separated by `;`, `1,234.56` in a CSV separated by `,`; or empty = no value) and
//! compared with the bundle's value. The result is the list of changes (field path, old,
//! new) and the member edits that make them, or every problem at once, each at its cell
//! (`Indikator!F7: realisasi 2022 of IKU3: expected a number, found "tujuh"`).
//!
//! Only value cells are read; keys only to match; labels and formula columns never. A
//! value equal to the bundle's (87.1 = 87.10 = "87,10") is no change, so the bundle's own
//! text stays. A changed value keeps the form of the field in the bundle: a JSON number
//! stays a JSON number (`88.5`), an Indonesian string stays a string (`"1.234,5"`); a
//! value new to the bundle takes the form of its siblings in the same object (the other
//! years of the indicator), else a JSON number. This module never writes a file.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::edit::Edits;
use super::model::{self, Cell, Kind, Role, Rule, Sheet, Slot};
use super::read::{Grid, MAX_COLS, MAX_ROWS, Reading, Value};
use super::write::column_name;

/// One change to the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Where the value was read (`Indikator!F7`).
    pub cell: String,
    /// What it is (`realisasi 2022 of IKU3`).
    pub what: String,
    /// The bundle path (`sasaran[2].indikator[0].realisasi.2022`).
    pub path: String,
    /// The old value (`None`: absent).
    pub old: Option<Decimal>,
    /// The new value (`None`: removed).
    pub new: Option<Decimal>,
    /// Instead of old and new: what was added (a new element of an array).
    pub note: Option<String>,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show =
            |v: Option<Decimal>| v.map_or("(kosong)".to_string(), |d| d.normalize().to_string());
        if let Some(note) = &self.note {
            return write!(f, "{}: {}: {note}", self.cell, self.path);
        }
        write!(
            f,
            "{}: {}: {}: {} -> {}",
            self.cell,
            self.path,
            self.what,
            show(self.old),
            show(self.new)
        )
    }
}

/// The outcome of reading one grid: changes made, problems found (`Sheet!C7: message`),
/// notes (ignored columns).
#[derive(Debug, Default)]
pub struct Outcome {
    /// Changes, in sheet order.
    pub changes: Vec<Change>,
    /// The edits that make them.
    pub edits: Edits,
    /// Problems: each `location: message`.
    pub problems: Vec<String>,
    /// Notes.
    pub notes: Vec<String>,
}

/// The name of a cell: `Indikator!F7`.
pub fn cell_name(sheet: &str, row: u32, col: u32) -> String {
    format!("{sheet}!{}{}", column_name(col), row + 1)
}

/// The indicator years named in a grid's header row (`Target 2023`, `Realisasi 2023`), so
/// the model can offer columns the bundle has no value for yet.
pub fn header_years(grid: &Grid) -> Vec<i32> {
    (0..MAX_COLS)
        .filter_map(|c| match grid.get(0, c) {
            Some(Value::Text(t)) => {
                let t = t.trim();
                t.strip_prefix("Target ")
                    .or_else(|| t.strip_prefix("Realisasi "))
                    .and_then(|y| y.parse::<i32>().ok())
                    .filter(|y| (1900..=2200).contains(y))
            }
            _ => None,
        })
        .collect()
}

/// The kind of sheet a grid's first header cell names (how a CSV is recognised).
pub fn recognise(grid: &Grid) -> Option<Kind> {
    let Some(Value::Text(first)) = grid.get(0, 0) else {
        return None;
    };
    Kind::ALL
        .into_iter()
        .find(|k| k.first_header().eq_ignore_ascii_case(first.trim()))
}

/// The text of a key cell (a number key such as a year as its digits).
fn key_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::Text(t)) => t.trim().to_string(),
        Some(Value::Number(d)) => d.normalize().to_string(),
        Some(Value::BadNumber(t)) | Some(Value::Date(t)) | Some(Value::Error(t)) => t.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        None => String::new(),
    }
}

/// Read `grid` against `sheet` of the model into `out`.
pub fn read_grid(grid: &Grid, sheet: &Sheet, out: &mut Outcome) {
    let name = sheet.kind.name();
    let at = |r: u32, c: u32| cell_name(name, r, c);
    if let Some((r, c)) = grid.beyond {
        out.problems.push(format!(
            "{}: the sheet has data beyond row {MAX_ROWS} or column {} (the {MAX_COLS}th); a workbook of lkjip is far smaller, so this sheet is not read",
            at(r, c),
            column_name(MAX_COLS - 1)
        ));
        return;
    }
    // Columns by header.
    let mut by_col: BTreeMap<u32, usize> = BTreeMap::new();
    let mut seen: BTreeMap<usize, u32> = BTreeMap::new();
    let width = grid.cells.keys().map(|(_, c)| *c + 1).max().unwrap_or(0);
    for c in 0..width {
        let h = key_text(grid.get(0, c));
        if h.is_empty() {
            if (1..=grid.last_row().unwrap_or(0)).any(|r| grid.get(r, c).is_some()) {
                out.problems.push(format!(
                    "{}: a column without a header holds values; lkjip reads only the columns it wrote, by their header",
                    at(0, c)
                ));
            }
            continue;
        }
        match sheet
            .columns
            .iter()
            .position(|m| m.header.eq_ignore_ascii_case(&h))
        {
            Some(i) => {
                if let Some(first) = seen.insert(i, c) {
                    out.problems.push(format!(
                        "{}: the column {h:?} appears twice (also at {})",
                        at(0, c),
                        at(0, first)
                    ));
                } else {
                    by_col.insert(c, i);
                }
            }
            None => out.problems.push(format!(
                "{}: unknown column {h:?}; the sheet {name} has the columns {}",
                at(0, c),
                sheet
                    .columns
                    .iter()
                    .map(|c| format!("{:?}", c.header))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    let keys = sheet.key_columns();
    let key_cols: Vec<Option<u32>> = (0..keys).map(|i| seen.get(&i).copied()).collect();
    if key_cols[0].is_none() {
        out.problems.push(format!(
            "{}: the sheet {name} has no column {:?}, which names each row; lkjip cannot match the rows",
            at(0, 0),
            sheet.columns[0].header
        ));
        return;
    }
    // Rows by key.
    let index: BTreeMap<String, usize> = sheet
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.key.to_lowercase(), i))
        .collect();
    let mut matched: BTreeMap<usize, u32> = BTreeMap::new();
    let mut fresh: Vec<FreshCell> = Vec::new();
    for r in 1..=grid.last_row().unwrap_or(0) {
        let parts: Vec<String> = key_cols
            .iter()
            .map(|c| c.map(|c| key_text(grid.get(r, c))).unwrap_or_default())
            .collect();
        let key = if sheet.kind == Kind::Anggaran {
            model::anggaran_key(&parts[0], parts.get(1).map_or("", |s| s.as_str()))
        } else {
            parts[0].clone()
        };
        let key_col = key_cols[0].unwrap_or(0);
        let has_values = by_col.iter().any(|(&c, &i)| {
            matches!(sheet.columns[i].role, Role::Value { .. }) && grid.get(r, c).is_some()
        });
        if parts[0].is_empty() {
            if has_values {
                out.problems.push(format!(
                    "{}: the row has values but no {}; lkjip matches rows by it",
                    at(r, key_col),
                    sheet.columns[0].header
                ));
            }
            continue;
        }
        let Some(&row_i) = index.get(&key.to_lowercase()) else {
            let known: Vec<&str> = sheet.rows.iter().map(|r| r.key.as_str()).take(12).collect();
            out.problems.push(format!(
                "{}: unknown {} {key:?}; the bundle has {}{} (add a new one to the bundle first)",
                at(r, key_col),
                sheet.kind.row_word(),
                known.join(", "),
                if sheet.rows.len() > known.len() {
                    " …"
                } else {
                    ""
                }
            ));
            continue;
        };
        if let Some(first) = matched.insert(row_i, r) {
            out.problems.push(format!(
                "{}: {} {key:?} appears twice (also in row {})",
                at(r, key_col),
                sheet.kind.row_word(),
                first + 1
            ));
            continue;
        }
        let row = &sheet.rows[row_i];
        for (&c, &i) in &by_col {
            let column = &sheet.columns[i];
            let cell = grid.get(r, c);
            match (&column.role, &row.cells[i]) {
                (Role::Value { field, rule }, Cell::Value(slot)) => {
                    let what = format!("{field} of {}", row.key);
                    match read_value(cell, *rule, grid.reading) {
                        Err(m) => out.problems.push(format!("{}: {what}: {m}", at(r, c))),
                        Ok(new) => {
                            if slot.fresh.is_some() {
                                fresh.push((at(r, c), what.clone(), slot, new));
                            }
                            change(out, slot, new, at(r, c), what);
                        }
                    }
                }
                (Role::Value { field, .. }, Cell::Na(note)) => {
                    let same = match cell {
                        None => true,
                        Some(Value::Text(t)) => t.trim() == note.trim(),
                        _ => false,
                    };
                    if !same {
                        let why = if note.starts_with("dari statistik") {
                            format!(
                                "the bundle takes it from a statistic ({note}, realisasi_dari); change the series in the sheet Statistik"
                            )
                        } else {
                            "a goal (tujuan) indicator has no such value; leave the cell empty"
                                .into()
                        };
                        out.problems
                            .push(format!("{}: {field} of {}: {why}", at(r, c), row.key));
                    }
                }
                _ => {}
            }
        }
    }
    let key_col = key_cols[0].unwrap_or(0);
    let row_cell = |i: usize| {
        matched
            .get(&i)
            .map_or_else(|| at(0, key_col), |&r| at(r, key_col))
    };
    add_fresh(sheet, &fresh, &row_cell, out);
}

/// Record the change of `slot` to `new`, when it is one.
fn change(out: &mut Outcome, slot: &Slot, new: Option<Decimal>, cell: String, what: String) {
    if new == slot.value {
        return;
    }
    match new {
        None => out.edits.remove(&slot.parent, &slot.key),
        Some(v) => out
            .edits
            .set(&slot.parent, &slot.key, json_text(v, slot.string_form)),
    }
    out.changes.push(Change {
        cell,
        what,
        path: slot.path(),
        old: slot.value,
        new,
        note: None,
    });
}

/// A value cell read for an element not yet in the bundle: (cell, what, slot, value).
type FreshCell<'a> = (String, String, &'a Slot, Option<Decimal>);

/// Add the sheet's fresh elements (the report year's staff row, its statistics periods)
/// whose cells were filled: all their needed values given, each other value of the copied
/// element set or removed, the element inserted; the change paths then name it where it
/// will be. An element with no cell filled adds nothing.
fn add_fresh(
    sheet: &Sheet,
    read: &[FreshCell],
    row_cell: &dyn Fn(usize) -> String,
    out: &mut Outcome,
) {
    let mut added: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, f) in sheet.fresh.iter().enumerate() {
        let mine: Vec<&FreshCell> = read
            .iter()
            .filter(|c| c.2.fresh.is_some_and(|(j, _)| j == i))
            .collect();
        let Some(first) = mine.iter().find(|c| c.3.is_some()) else {
            continue;
        };
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let Cell::Value(slot) = cell else { continue };
                let Some((j, needed)) = slot.fresh else {
                    continue;
                };
                if j != i {
                    continue;
                }
                let given = mine
                    .iter()
                    .find(|m| std::ptr::eq(m.2, slot))
                    .and_then(|m| m.3);
                match given {
                    Some(_) => {}
                    None if needed => {
                        let (at, what) = match mine.iter().find(|m| std::ptr::eq(m.2, slot)) {
                            Some(m) => (m.0.clone(), m.1.clone()),
                            None => (
                                row_cell(r),
                                format!("the column {:?} of {}", sheet.columns[c].header, row.key),
                            ),
                        };
                        out.problems.push(format!(
                            "{at}: {what}: the new {} needs this value too (type 0 when there is none), or leave its whole row empty",
                            f.what
                        ));
                    }
                    None if slot.parent.starts_with(&f.prefix) => {
                        out.edits.remove(&slot.parent, &slot.key);
                    }
                    None => {}
                }
            }
        }
        for (parent, key, json) in &f.fixed {
            out.edits.set(parent, key, json.clone());
        }
        out.edits.insert(&f.array, f.at, f.template, &f.prefix);
        let before = added.entry(f.array.as_str()).or_default();
        let real = format!("{}[{}]", f.array, f.at + *before);
        *before += 1;
        for c in &mut out.changes {
            if let Some(rest) = c.path.strip_prefix(&f.prefix) {
                c.path = format!("{real}{rest}");
            }
        }
        let pos = out
            .changes
            .iter()
            .position(|c| c.cell == first.0)
            .unwrap_or(out.changes.len());
        out.changes.insert(
            pos,
            Change {
                cell: first.0.clone(),
                what: f.what.clone(),
                path: real,
                old: None,
                new: None,
                note: Some(format!(
                    "new {}, added because its cells are filled",
                    f.what
                )),
            },
        );
    }
}

/// The JSON text of `v`: a number (`1234.5`), or an Indonesian string (`"1.234,5"`,
/// whole numbers without grouping, `"1234"`, which no reader takes for 1,234).
pub fn json_text(v: Decimal, string_form: bool) -> String {
    let v = v.normalize();
    if !string_form {
        return v.to_string();
    }
    let text = if v.scale() == 0 {
        v.to_string()
    } else {
        crate::format::number(v, v.scale())
    };
    if crate::format::parse_decimal(&text).ok() == Some(v) {
        format!("\"{text}\"")
    } else {
        v.to_string()
    }
}

/// The decimal of a value cell (a text read by `reading`); `None` when empty.
pub fn read_value(
    cell: Option<&Value>,
    rule: Rule,
    reading: Reading,
) -> Result<Option<Decimal>, String> {
    let v = match cell {
        None => return Ok(None),
        Some(Value::Number(d)) => *d,
        Some(Value::Text(t)) => match parse_text(t, reading)? {
            Some(d) => d,
            None => return Ok(None),
        },
        Some(Value::BadNumber(t)) => {
            return Err(format!("the number {t} is out of range"));
        }
        Some(Value::Bool(b)) => {
            return Err(format!(
                "expected a number, found the truth value {}",
                if *b { "TRUE" } else { "FALSE" }
            ));
        }
        Some(Value::Date(d)) => {
            return Err(format!(
                "expected a number, found a date ({d}); the cell is formatted as a date: format it as a number and type the value again"
            ));
        }
        Some(Value::Error(e)) => {
            return Err(format!(
                "the cell holds the formula error {e}; type the value itself"
            ));
        }
    };
    match rule {
        Rule::Any => {}
        Rule::NonNegative if v.is_sign_negative() && !v.is_zero() => {
            return Err(format!(
                "cannot be negative (found {})",
                crate::format::number(v, v.scale())
            ));
        }
        Rule::Count if (v.is_sign_negative() && !v.is_zero()) || !v.fract().is_zero() => {
            return Err(format!(
                "expected a whole number of 0 or more, found {}",
                crate::format::number(v, v.scale())
            ));
        }
        Rule::Count if v > Decimal::from(u32::MAX) => {
            return Err(format!("the count {v} is too large"));
        }
        _ => {}
    }
    Ok(Some(v))
}

/// A number typed as text, by the one rule of its file (see [`Reading`]): the Indonesian
/// way (`1.234,56`, `87,12`, `1.234` is one thousand two hundred and thirty-four) or the
/// English way (`1,234.56`), each through the project's Indonesian decimal parser
/// ([`crate::format::parse_decimal`]); spaces, a leading `Rp` and a trailing `%` are
/// allowed. A text that only the other way reads is refused with the form to type.
/// Blank: `None`.
pub fn parse_text(t: &str, reading: Reading) -> Result<Option<Decimal>, String> {
    let s: String = t
        .trim()
        .trim_start_matches("Rp.")
        .trim_start_matches("Rp")
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    // The English way is the Indonesian one with the two marks swapped.
    let swap = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            })
            .collect()
    };
    let (mine, other) = match reading {
        Reading::Indonesian => (s.clone(), swap(&s)),
        Reading::English => (swap(&s), s.clone()),
    };
    if let Ok(d) = crate::format::parse_decimal(&mine) {
        return Ok(Some(d));
    }
    let plain = format!("expected a number, found {:?}", t.trim());
    let Ok(d) = crate::format::parse_decimal(&other) else {
        return Err(plain);
    };
    let shown = crate::format::number(d, d.scale());
    Err(match reading {
        Reading::Indonesian => format!(
            "{plain}; a number typed as text is read the Indonesian way, the dot grouping thousands and the comma marking decimals (1.234,56): type {shown}"
        ),
        Reading::English => format!(
            "{plain}; this CSV is separated by commas, so its numbers are read the English way, the comma grouping thousands and the dot marking decimals (1,234.56): write {}, or save the CSV separated by \";\" as an Indonesian Excel does",
            swap(&shown)
        ),
    })
}

/// The model's sheet of `kind`.
pub fn sheet_of(sheets: &[Sheet], kind: Kind) -> Option<&Sheet> {
    sheets.iter().find(|s| s.kind == kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn texts_read_by_one_rule() {
        let id = |t: &str| parse_text(t, Reading::Indonesian);
        let en = |t: &str| parse_text(t, Reading::English);
        assert_eq!(id("1.234,56").unwrap(), Some(d("1234.56")));
        assert_eq!(id(" 1.234,5 ").unwrap(), Some(d("1234.5")));
        assert_eq!(id("1.234").unwrap(), Some(d("1234")), "the dot groups");
        assert_eq!(id("Rp 1.000.000").unwrap(), Some(d("1000000")));
        assert!(id("Rp. 1.000.000,-").is_err(), "no `,-`");
        assert_eq!(id("3,01%").unwrap(), Some(d("3.01")));
        assert_eq!(id("-0,5").unwrap(), Some(d("-0.5")));
        assert_eq!(id("  ").unwrap(), None);
        assert_eq!(
            id("87.12").unwrap_err(),
            "expected a number, found \"87.12\"; a number typed as text is read the Indonesian way, the dot grouping thousands and the comma marking decimals (1.234,56): type 87,12"
        );
        assert!(id("1,234.5").unwrap_err().ends_with("type 1.234,5"));
        assert_eq!(
            id("tujuh").unwrap_err(),
            "expected a number, found \"tujuh\""
        );
        assert_eq!(
            id("1.2.3").unwrap_err(),
            "expected a number, found \"1.2.3\""
        );

        assert_eq!(en("1,234.56").unwrap(), Some(d("1234.56")));
        assert_eq!(en("87.12").unwrap(), Some(d("87.12")));
        assert_eq!(en("1,234").unwrap(), Some(d("1234")), "the comma groups");
        assert_eq!(en("635,513,354.00").unwrap(), Some(d("635513354")));
        let e = en("87,12").unwrap_err();
        assert!(e.contains("read the English way"), "{e}");
        assert!(e.contains("write 87.12,"), "{e}");
        assert!(en("1.234,5").unwrap_err().contains("write 1,234.5,"));
        assert_eq!(
            en("tujuh").unwrap_err(),
            "expected a number, found \"tujuh\""
        );
    }

    #[test]
    fn values_keep_the_bundle_form() {
        assert_eq!(json_text(d("88.50"), false), "88.5");
        assert_eq!(json_text(d("1234.5"), true), "\"1.234,5\"");
        assert_eq!(json_text(d("1234"), true), "\"1234\"");
    }

    #[test]
    fn rules_of_value_cells() {
        assert!(
            read_value(
                Some(&Value::Number(d("-1"))),
                Rule::NonNegative,
                Reading::Indonesian
            )
            .is_err()
        );
        assert!(
            read_value(
                Some(&Value::Number(d("2.5"))),
                Rule::Count,
                Reading::Indonesian
            )
            .is_err()
        );
        assert_eq!(
            read_value(
                Some(&Value::Number(d("-1"))),
                Rule::Any,
                Reading::Indonesian
            )
            .unwrap(),
            Some(d("-1"))
        );
        assert!(
            read_value(
                Some(&Value::Error("#DIV/0!".into())),
                Rule::Any,
                Reading::Indonesian
            )
            .unwrap_err()
            .contains("#DIV/0!")
        );
        assert!(
            read_value(
                Some(&Value::Date("2022-01-07".into())),
                Rule::Any,
                Reading::Indonesian
            )
            .unwrap_err()
            .contains("date")
        );
    }
}
