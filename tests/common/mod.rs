//! Helpers shared by the render tests: run the binary, read outputs back with poppler,
//! unzip DOCX parts, walk the IR for its texts.
//!
//! Outside readers are found through `PATH` by [`readers`] (the library's, shared with the
//! unit tests). A test skips what needs a missing reader: the `try_…` helpers return
//! `None` after printing `SKIPPED <test>: <tool> not found (install <package>)`, or fail
//! the test when `LKJIP_STRICT_READERS=1` (as in `.ci/run`). The helpers without `try_`
//! fail when the reader is missing; use them only after checking for it.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use lkjip::readers;

pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/mojokerto-2021.json");

pub fn lkjip(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lkjip"))
        .args(args)
        .output()
        .unwrap()
}

/// A poppler program found on `PATH`; panics when poppler is missing.
fn poppler_program(tool: &str) -> PathBuf {
    readers::locate(tool).unwrap_or_else(|| {
        panic!("{tool} not found (install poppler-utils); check with readers::poppler first")
    })
}

/// Stdout of a command that must succeed.
fn stdout_of(command: &mut Command) -> String {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        command.get_program(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Run a poppler tool and return its stdout; panics when poppler is missing (see
/// [`try_poppler`]).
pub fn poppler(tool: &str, args: &[&str], file: &Path) -> String {
    stdout_of(Command::new(poppler_program(tool)).args(args).arg(file))
}

/// [`poppler`], or `None` (the test skips the rest) when poppler is missing.
pub fn try_poppler(tool: &str, args: &[&str], file: &Path) -> Option<String> {
    readers::poppler(tool)?;
    Some(poppler(tool, args, file))
}

/// Text of a PDF in content order (`pdftotext -raw`); panics when poppler is missing (see
/// [`try_pdf_text`]).
pub fn pdf_text(file: &Path) -> String {
    stdout_of(
        Command::new(poppler_program("pdftotext"))
            .args(["-raw", "-enc", "UTF-8"])
            .arg(file)
            .arg("-"),
    )
}

/// [`pdf_text`], or `None` (the test skips the rest) when poppler is missing.
pub fn try_pdf_text(file: &Path) -> Option<String> {
    readers::poppler("pdftotext")?;
    Some(pdf_text(file))
}

/// Text of a PDF with the footer page numbers removed (the last line of a page when it
/// is a page label), so paragraphs that cross a page read as one; panics when poppler is
/// missing (see [`try_pdf_body_text`]).
pub fn pdf_body_text(file: &Path) -> String {
    pdf_text(file)
        .split('\u{c}')
        .map(|page| {
            let mut lines: Vec<&str> = page.lines().collect();
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            if lines.last().is_some_and(|l| is_page_label(l.trim())) {
                lines.pop();
            }
            lines.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// [`pdf_body_text`], or `None` (the test skips the rest) when poppler is missing.
pub fn try_pdf_body_text(file: &Path) -> Option<String> {
    readers::poppler("pdftotext")?;
    Some(pdf_body_text(file))
}

fn is_page_label(s: &str) -> bool {
    !s.is_empty()
        && (s.chars().all(|c| c.is_ascii_digit()) || s.chars().all(|c| "ivxlc".contains(c)))
}

/// A part of a zip (DOCX) as text.
pub fn docx_part(file: &Path, part: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(part).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The visible text of an XML part: tags removed, entities decoded.
pub fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Text reduced for comparison: no whitespace, no hyphens (line-break hyphenation), no
/// bidi control marks (pdftotext adds them around right-to-left runs).
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && *c != '-'
                && *c != '\u{ad}'
                && !matches!(*c as u32, 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
        })
        .collect()
}

/// Render `bundle` with the binary into a fresh dir; returns (dir, pdf, docx).
pub fn render(bundle: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = lkjip(&["render", bundle, "-o", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "render failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = Path::new(bundle)
        .file_stem()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let pdf = dir.path().join(format!("{stem}.pdf"));
    let docx = dir.path().join(format!("{stem}.docx"));
    (dir, pdf, docx)
}

/// The sample bundles of `data/`, sorted.
pub fn data_bundles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

/// Load a bundle that must load (its problems in the panic message otherwise).
pub fn load_ok(name: &str, bytes: &[u8]) -> lkjip::bundle::Loaded {
    lkjip::check::load(name, bytes).unwrap_or_else(|p| {
        panic!(
            "{name} does not load:\n{}",
            p.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}
