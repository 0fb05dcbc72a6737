//! The Word round trip: `lkjip absorb` brings staff's edits of a DOCX made by lkjip back
//! into its bundle, `lkjip audit` lists the printed figures of a report that disagree
//! with what the bundle computes. The DOCX carries the marks that make this possible
//! (`render::docx::origin`); [`read`] reads a DOCX back within fixed bounds, [`absorb`]
//! compares it with the bundle's own, [`splice`] writes the changed texts.
//!
//! Neither command ever writes a partial or unasked file: absorb writes the bundle
//! atomically and only when nothing is refused (or `--keep-text`), audit writes nothing.

pub mod absorb;
pub mod read;
pub mod splice;

use std::collections::BTreeMap;
use std::path::Path;

use crate::failure::Failure;
use crate::failure::io_reason;
use crate::input as cli;
use crate::render::docx::{ORIGIN_REPORT_PROPERTY, render_docx};

/// Read a DOCX made by lkjip; every refusal printed, located.
fn read_docx(path: &Path) -> Result<read::Docx, Failure> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|e| {
        eprintln!("{name}: cannot read the document ({})", io_reason(&e));
        Failure::Io
    })?;
    let d = read::read(&bytes).map_err(|e| {
        if e.at.is_empty() {
            eprintln!("{name}: {}", e.message);
        } else {
            eprintln!("{name}: {}: {}", e.at, e.message);
        }
        Failure::Invalid
    })?;
    if !d.properties.contains_key(ORIGIN_REPORT_PROPERTY) {
        eprintln!(
            "{name}: docProps/custom.xml: not a DOCX made by lkjip with round-trip marks (it has no {ORIGIN_REPORT_PROPERTY} property, so its content cannot be traced to a bundle)"
        );
        return Err(Failure::Invalid);
    }
    Ok(d)
}

/// The bundle, its own DOCX (rebuilt in memory) read back, and the report's identity.
fn rebuild(bundle: &Path) -> Result<(cli::Ready, read::Docx, String), Failure> {
    // the bundle's warnings are `check`'s to show; here only why it cannot be used
    let (ready, lines) = cli::load_file_quiet(bundle);
    let ready = ready.inspect_err(|_| cli::print_lines(&lines))?;
    let doc = crate::report::document(&ready.loaded, ready.emblem.clone());
    let bytes = render_docx(&doc, &BTreeMap::new()).map_err(|e| {
        eprintln!("{}: {e}", bundle.display());
        Failure::Io
    })?;
    let orig = read::read(&bytes).map_err(|e| {
        eprintln!(
            "{}: internal: the rebuilt DOCX does not read back ({}: {})",
            bundle.display(),
            e.at,
            e.message
        );
        Failure::Io
    })?;
    Ok((ready, orig, doc.origin.report))
}

/// The identity check: the DOCX must be of the bundle's report.
fn same_report(docx: &Path, d: &read::Docx, bundle: &Path, report: &str) -> Result<(), Failure> {
    let theirs = d
        .properties
        .get(ORIGIN_REPORT_PROPERTY)
        .cloned()
        .unwrap_or_default();
    if theirs != report {
        eprintln!(
            "{}: docProps/custom.xml: {ORIGIN_REPORT_PROPERTY}: made from another bundle (report \"{theirs}\"), not from {} (report \"{report}\")",
            docx.display(),
            bundle.display()
        );
        return Err(Failure::Invalid);
    }
    Ok(())
}

/// `lkjip absorb EDITED.docx --into BUNDLE.json [-o NEW.json] [--dry-run] [--keep-text]`.
pub fn absorb_cmd(
    docx: &Path,
    into: &Path,
    out: Option<&Path>,
    dry_run: bool,
    keep_text: bool,
) -> Result<(), Failure> {
    let edited = read_docx(docx)?;
    let (ready, orig, report) = rebuild(into)?;
    same_report(docx, &edited, into, &report)?;
    let res = absorb::compare(&edited, &orig, &ready.loaded.bundle);
    let name = docx.display();
    for (at, what) in &res.tracked {
        eprintln!("{name}: {at}: tracked change read as accepted: {what}");
    }
    if res.comments > 0 {
        eprintln!(
            "{name}: {} comment(s) ignored (comments are not part of the bundle)",
            res.comments
        );
    }
    {
        let mut so = std::io::stdout().lock();
        use std::io::Write as _;
        for (key, lines) in &res.diffs {
            let _ = writeln!(so, "{key}:");
            for l in lines {
                let _ = writeln!(so, "  {l}");
            }
        }
    }
    for i in &res.issues {
        eprintln!("{name}: {}: {}", i.at, i.message);
    }
    let figures = res.issues.iter().filter(|i| i.figure).count();
    let other = res.issues.len() - figures;
    if !res.issues.is_empty() && !keep_text {
        eprintln!(
            "{name}: not absorbed: {figures} changed figure(s), {other} edit(s) that cannot be placed; nothing written (fix them in the DOCX, change the bundle as said, or take the text edits alone with --keep-text)"
        );
        return Err(Failure::Invalid);
    }
    if res.changed.is_empty() {
        eprintln!("{name}: no text edits; the bundle is unchanged");
        if let (Some(dest), false) = (out, dry_run) {
            write(dest, &ready.loaded.raw)?;
        }
        return Ok(());
    }
    if ready.loaded.migrated_from.is_some() {
        eprintln!(
            "{}: the bundle is of an older schema version: run `lkjip migrate` first; nothing written",
            into.display()
        );
        return Err(Failure::Invalid);
    }
    let raw = String::from_utf8_lossy(&ready.loaded.raw);
    let text = splice::splice(&raw, &res.changed).map_err(|m| {
        eprintln!("{}: {m}", into.display());
        Failure::Io
    })?;
    // the new bundle must load as the old one did
    if let Err(problems) = crate::check::load(&into.display().to_string(), text.as_bytes()) {
        cli::print_problems(&problems);
        eprintln!("{name}: the edited texts do not make a valid bundle; nothing written");
        return Err(Failure::Invalid);
    }
    let keys: Vec<&str> = res.changed.iter().map(|(k, _)| k.as_str()).collect();
    if dry_run {
        eprintln!(
            "{name}: {} text(s) would change ({}); --dry-run: nothing written",
            keys.len(),
            keys.join(", ")
        );
        return Ok(());
    }
    let dest = out.unwrap_or(into);
    write(dest, text.as_bytes())?;
    eprintln!(
        "{name}: {} text(s) absorbed into {} ({})",
        keys.len(),
        dest.display(),
        keys.join(", ")
    );
    Ok(())
}

fn write(dest: &Path, bytes: &[u8]) -> Result<(), Failure> {
    crate::render::output::write_atomic(dest, bytes).map_err(|e| {
        eprintln!("{}: cannot write ({})", dest.display(), io_reason(&e));
        Failure::Io
    })
}

/// `lkjip audit REPORT.{docx,pdf} [--bundle B.json]`: exit 0 when every printed figure
/// agrees with what the bundle computes, 1 when some do not.
pub fn audit_cmd(report: &Path, bundle: Option<&Path>) -> Result<(), Failure> {
    let name = report.display();
    let bytes = std::fs::read(report).map_err(|e| {
        eprintln!("{name}: cannot read the report ({})", io_reason(&e));
        Failure::Io
    })?;
    if bytes.starts_with(b"%PDF") {
        return audit_pdf(report, &bytes, bundle);
    }
    let Some(bundle) = bundle else {
        eprintln!("{name}: a DOCX does not carry its bundle: give it with --bundle B.json");
        return Err(Failure::Usage);
    };
    let edited = read_docx(report)?;
    let (ready, orig, id) = rebuild(bundle)?;
    same_report(report, &edited, bundle, &id)?;
    let res = absorb::compare(&edited, &orig, &ready.loaded.bundle);
    let marked = count_figures(&edited);
    let bad: Vec<_> = res.issues.iter().filter(|i| i.figure).collect();
    for i in &bad {
        println!("{name}: {}: {}", i.at, i.message);
    }
    if bad.is_empty() {
        eprintln!("{name}: {marked} marked figure(s), all as the bundle computes them");
        Ok(())
    } else {
        eprintln!(
            "{name}: {} printed figure(s) disagree with what {} computes",
            bad.len(),
            bundle.display()
        );
        Err(Failure::Invalid)
    }
}

fn count_figures(d: &read::Docx) -> usize {
    fn n(ps: &[read::Piece]) -> usize {
        ps.iter()
            .filter(|p| matches!(p, read::Piece::Figure { name: Some(_), .. }))
            .count()
    }
    d.body
        .iter()
        .map(|e| match e {
            read::Elem::P(p) => n(&p.pieces),
            read::Elem::T(t) => t
                .rows
                .iter()
                .flatten()
                .flat_map(|c| &c.paras)
                .map(|p| n(&p.pieces))
                .sum(),
        })
        .sum()
}

/// A PDF made by lkjip prints the figures of the bundle attached to it (the renderer
/// prints nothing else); they are compared with those of `--bundle` (default: the
/// attached one, which agrees by construction). Whether the PDF's pages are still
/// exactly what that bundle renders is `lkjip verify`'s check.
fn audit_pdf(report: &Path, bytes: &[u8], bundle: Option<&Path>) -> Result<(), Failure> {
    let name = report.display();
    let found = match crate::sign::extract::extract(bytes) {
        Ok(f) => f,
        Err(_) => {
            eprintln!(
                "{name}: this PDF carries no lkjip bundle (it was not made by lkjip, or it is damaged): its figures cannot be traced"
            );
            return Err(Failure::Invalid);
        }
    };
    let attached = crate::check::load(&format!("{name} (attached bundle)"), &found.bundle)
        .map_err(|ps| {
            cli::print_problems(&ps);
            Failure::Invalid
        })?;
    let printed = crate::figures::compute(&attached.bundle).names;
    let (computed, against) = match bundle {
        None => (printed.clone(), "its attached bundle".to_string()),
        Some(b) => {
            let ready = cli::load_file(b)?;
            let same = |l: &crate::bundle::Loaded| {
                let i = &l.bundle.instansi;
                format!("{} {} {}", i.nama, i.daerah, l.bundle.laporan.tahun)
            };
            if same(&ready.loaded) != same(&attached) {
                eprintln!(
                    "{name}: made from another bundle (report \"{}\"), not from {} (report \"{}\")",
                    same(&attached),
                    b.display(),
                    same(&ready.loaded)
                );
                return Err(Failure::Invalid);
            }
            (
                crate::figures::compute(&ready.loaded.bundle).names,
                b.display().to_string(),
            )
        }
    };
    let mut bad = 0;
    for (k, v) in &printed {
        match computed.get(k) {
            Some(c) if c == v => {}
            Some(c) => {
                bad += 1;
                println!(
                    "{name}: figure {k} printed as {} but {against} computes {}",
                    absorb::quote(v),
                    absorb::quote(c)
                );
            }
            None => {
                bad += 1;
                println!(
                    "{name}: figure {k} printed as {} but {against} has no such figure",
                    absorb::quote(v)
                );
            }
        }
    }
    if bad == 0 {
        eprintln!(
            "{name}: {} figure(s), all as {against} computes them (`lkjip verify` checks that the pages are still what the attached bundle renders)",
            printed.len()
        );
        Ok(())
    } else {
        eprintln!("{name}: {bad} printed figure(s) disagree with what {against} computes");
        Err(Failure::Invalid)
    }
}
