//! The numbers from the spreadsheet: `lkjip workbook` writes every raw number of a bundle
//! into an XLSX for the agency's sections to fill in, and `lkjip import` reads the
//! returned workbook (or one sheet of it as CSV) back into the bundle.
//!
//! - [`model`]: the sheets, columns and rows, each value cell tied to its place in the
//!   bundle (both directions use this one model);
//! - [`write`]: the XLSX (rust_xlsxwriter), deterministic;
//! - [`read`]: XLSX (calamine) and CSV into grids, with bounds on every size;
//! - [`import`]: grids against the model: changes, or every problem at its cell;
//! - [`edit`]: the changes applied to the bundle's JSON text, every other byte kept.
//!
//! The import writes only raw values, never a computed figure, and writes nothing when a
//! cell is wrong or the bundle would not pass `lkjip check` afterwards. No module here
//! reads the clock.

pub mod edit;
pub mod import;
pub mod model;
pub mod read;
pub mod write;

use std::path::{Path, PathBuf};

use crate::failure::Failure;
use crate::failure::io_reason;
use crate::input::{load_bytes_quiet, load_file_quiet, print_lines};
use crate::render::output::write_atomic;
use model::Kind;

/// `lkjip workbook BUNDLE [-o FILE.xlsx] [--year N]`.
pub fn workbook_cmd(bundle: &Path, out: Option<&Path>, year: Option<i32>) -> Result<(), Failure> {
    let (ready, lines) = load_file_quiet(bundle);
    let ready = match ready {
        Ok(r) => r,
        Err(f) => {
            print_lines(&lines);
            return Err(f);
        }
    };
    let tree = &ready.loaded.tree;
    let sheets = model::build(tree, year, &[]);
    let dest: PathBuf = out.map_or_else(|| bundle.with_extension("xlsx"), Path::to_path_buf);
    let name = bundle.file_name().map_or_else(
        || bundle.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = write::workbook(tree, &sheets, &name).map_err(|e| {
        eprintln!("{}: cannot make the workbook ({e})", dest.display());
        Failure::Io
    })?;
    write_atomic(&dest, &bytes).map_err(|e| {
        eprintln!("{}: cannot write ({})", dest.display(), io_reason(&e));
        Failure::Io
    })?;
    let counts: Vec<String> = sheets
        .iter()
        .map(|s| format!("{} {}", s.rows.len(), s.kind.name()))
        .collect();
    eprintln!(
        "{}: written ({}); after filling it in: lkjip import {} --into {}",
        dest.display(),
        counts.join(", "),
        dest.display(),
        bundle.display()
    );
    Ok(())
}

/// `lkjip import FILE --into BUNDLE [-o NEW] [--dry-run]`.
pub fn import_cmd(
    file: &Path,
    into: &Path,
    out: Option<&Path>,
    dry_run: bool,
) -> Result<(), Failure> {
    let bundle_name = into.display().to_string();
    let raw = std::fs::read(into).map_err(|e| {
        eprintln!("{bundle_name}: cannot read the bundle ({})", io_reason(&e));
        Failure::Io
    })?;
    let (ready, before) = load_bytes_quiet(&bundle_name, &raw, into.parent());
    let lines = &before;
    let ready = match ready {
        Ok(r) => r,
        Err(f) => {
            print_lines(lines);
            eprintln!("{bundle_name}: the bundle must pass `lkjip check` before an import");
            return Err(f);
        }
    };
    let loaded = ready.loaded;
    if let Some(v) = loaded.migrated_from {
        eprintln!(
            "{bundle_name}: the bundle is of schema version {v}; run `lkjip migrate {bundle_name} -o {bundle_name}` first, then import"
        );
        return Err(Failure::Invalid);
    }
    let Ok(src) = std::str::from_utf8(&raw) else {
        return Err(Failure::Invalid);
    };

    let fname = file.display().to_string();
    let (grids, sheet_problems) = read_input(file).map_err(|(f, m)| {
        eprintln!("{fname}: {m}");
        f
    })?;
    let extra = grids
        .iter()
        .find(|g| g.name == Kind::Indikator.name())
        .map(import::header_years)
        .unwrap_or_default();
    let sheets = model::build(&loaded.tree, None, &extra);
    let mut outcome = import::Outcome {
        problems: sheet_problems,
        ..Default::default()
    };
    for grid in &grids {
        let kind = Kind::ALL.into_iter().find(|k| k.name() == grid.name);
        if let Some(sheet) = kind.and_then(|k| import::sheet_of(&sheets, k)) {
            import::read_grid(grid, sheet, &mut outcome);
        }
    }
    if !outcome.problems.is_empty() {
        for p in &outcome.problems {
            eprintln!("{fname}: {p}");
        }
        eprintln!(
            "{fname}: {} problem(s); nothing written",
            outcome.problems.len()
        );
        return Err(Failure::Invalid);
    }
    // A draft's "update this" list loses the paths this import filled.
    let draf = &loaded.bundle.draf;
    let mut filled = 0;
    if !draf.is_empty() && !outcome.edits.is_empty() {
        let touched = outcome.edits.touched();
        let covers = |d: &str, t: &str| {
            t == d
                || t.strip_prefix(d)
                    .is_some_and(|r| r.starts_with('.') || r.starts_with('['))
        };
        let left: Vec<&String> = draf
            .iter()
            .filter(|d| !touched.iter().any(|t| covers(d, t)))
            .collect();
        filled = draf.len() - left.len();
        if left.is_empty() {
            outcome.edits.remove("", "draf");
        } else if filled > 0 {
            let list = serde_json::to_string(&left).unwrap_or_default();
            outcome.edits.set("", "draf", list);
        }
    }
    let dest = out.unwrap_or(into);
    let dest_name = dest.display().to_string();
    let text = if outcome.edits.is_empty() {
        src.to_string()
    } else {
        edit::apply(src, &loaded.tree, &outcome.edits)
    };
    // The bundle after the import must pass `check`.
    let (checked, lines) = load_bytes_quiet(&dest_name, text.as_bytes(), dest.parent());
    for c in &outcome.changes {
        println!("{c}");
    }
    // Only what this import brought: a warning the bundle already had (a draft's "update
    // this" list) is counted, not repeated.
    let had: std::collections::BTreeSet<&str> = before
        .iter()
        .map(|l| without_place(l, &bundle_name))
        .collect();
    let (old, new): (Vec<String>, Vec<String>) = lines
        .into_iter()
        .partition(|l| had.contains(without_place(l, &dest_name)));
    print_lines(&new);
    if !old.is_empty() {
        eprintln!(
            "{dest_name}: {} warning(s) the bundle had before this import not repeated; `lkjip check {dest_name}` lists them",
            old.len()
        );
    }
    if let Err(f) = checked {
        eprintln!(
            "{fname}: the bundle would not pass `lkjip check` after this import (above); nothing written"
        );
        return Err(f);
    }
    let n = outcome.changes.len();
    if dry_run {
        eprintln!("{fname}: {n} change(s); --dry-run: nothing written");
        return Ok(());
    }
    if n == 0 && out.is_none() {
        eprintln!("{fname}: no change; {bundle_name} left as it is");
        return Ok(());
    }
    write_atomic(dest, text.as_bytes()).map_err(|e| {
        eprintln!("{dest_name}: cannot write ({})", io_reason(&e));
        Failure::Io
    })?;
    eprintln!("{fname}: {n} change(s) written to {dest_name}");
    if filled > 0 {
        eprintln!(
            "{dest_name}: {filled} path(s) this import filled taken off \"draf\" (the list of values still to update)"
        );
    }
    Ok(())
}

/// The grids of an XLSX (one per sheet of ours, named so) or of a CSV (one, named after
/// the sheet its header row shows), and the problems of missing or renamed sheets; `Err`
/// when the file cannot be read as either.
#[allow(clippy::type_complexity)]
fn read_input(file: &Path) -> Result<(Vec<read::Grid>, Vec<String>), (Failure, String)> {
    let meta = std::fs::metadata(file).map_err(|e| {
        (
            Failure::Io,
            format!("cannot read the file ({})", io_reason(&e)),
        )
    })?;
    if meta.len() > read::MAX_FILE {
        return Err((
            Failure::Invalid,
            format!(
                "the file is {} MiB, more than the {} MiB a workbook of lkjip may have",
                meta.len() >> 20,
                read::MAX_FILE >> 20
            ),
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| {
        (
            Failure::Io,
            format!("cannot read the file ({})", io_reason(&e)),
        )
    })?;
    let invalid = |m: String| (Failure::Invalid, m);
    let csv = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv {
        let mut grid = read::read_csv(&bytes);
        let Some(kind) = import::recognise(&grid) else {
            return Err(invalid(format!(
                "not a sheet of an lkjip workbook: the first cell of a CSV must be one of the headers {} (it says which sheet the CSV is)",
                Kind::ALL
                    .iter()
                    .map(|k| format!("{:?} ({})", k.first_header(), k.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        };
        grid.name = kind.name().to_string();
        return Ok((vec![grid], Vec::new()));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(invalid(
            "an old Excel 97-2003 (.xls) file or an encrypted workbook; save it as an Excel workbook (.xlsx) without a password".into(),
        ));
    }
    if !read::looks_like_zip(&bytes) {
        return Err(invalid(
            "not an XLSX workbook (an XLSX file is a zip archive, this one is not); give the .xlsx made by `lkjip workbook`, or one sheet saved as .csv".into(),
        ));
    }
    let ours = |n: &str| n != "README";
    let book = read::read_xlsx(&bytes, &ours).map_err(invalid)?;
    let mut grids = Vec::new();
    let mut problems = Vec::new();
    let others: Vec<&read::Grid> = book
        .grids
        .iter()
        .filter(|g| !Kind::ALL.iter().any(|k| k.name() == g.name))
        .collect();
    for kind in Kind::ALL {
        if let Some(g) = book.grids.iter().find(|g| g.name == kind.name()) {
            grids.push(g.clone());
        } else if let Some(g) = others.iter().find(|g| import::recognise(g) == Some(kind)) {
            problems.push(format!(
                "the sheet {:?} is the sheet {} renamed; name it back to {} (lkjip finds the sheets by name)",
                g.name,
                kind.name(),
                kind.name()
            ));
        } else {
            problems.push(format!(
                "missing sheet {}; the workbook has {}",
                kind.name(),
                book.names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    Ok((grids, problems))
}

/// A message of `check` without its file and line:column ("NAME:12:5: path: warning: …"
/// → "path: warning: …"), so the same warning before and after an edit compares equal.
fn without_place<'a>(line: &'a str, name: &str) -> &'a str {
    let rest = line.strip_prefix(name).and_then(|r| r.strip_prefix(':'));
    let Some(rest) = rest else { return line };
    let mut parts = rest.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(l), Some(c), Some(msg))
            if l.chars().all(|x| x.is_ascii_digit()) && c.chars().all(|x| x.is_ascii_digit()) =>
        {
            msg.trim_start()
        }
        _ => rest.trim_start(),
    }
}

#[cfg(test)]
mod place_tests {
    use super::without_place;

    #[test]
    fn a_warning_compares_without_its_file_and_position() {
        let a = "old.json:60:16: laporan.tanggal: warning: drafted";
        let b = "new.json:61:16: laporan.tanggal: warning: drafted";
        assert_eq!(without_place(a, "old.json"), without_place(b, "new.json"));
        assert_eq!(
            without_place(a, "old.json"),
            "laporan.tanggal: warning: drafted"
        );
        assert_eq!(without_place("x: y", "other"), "x: y");
    }
}
