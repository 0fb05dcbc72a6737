//! Helpers shared by the render tests: run the binary, read outputs back with poppler,
//! unzip DOCX parts, walk the IR for its texts.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/mojokerto-2021.json");

pub fn lkjip(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lkjip"))
        .args(args)
        .output()
        .unwrap()
}

/// Run a poppler tool and return its stdout.
pub fn poppler(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{tool} missing ({e}); install poppler-utils"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text of a PDF in content order (`pdftotext -raw`).
pub fn pdf_text(file: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Text of a PDF with the footer page numbers removed (the last line of a page when it
/// is a page label), so paragraphs that cross a page read as one.
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
