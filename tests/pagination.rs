//! Pagination of long tables in the PDF (issue 20): a table split across pages keeps at
//! least two body rows on each side of every break. The 30-village kecamatan's population
//! table (34 body rows) is pushed down the page one short paragraph at a time, so that its
//! break falls after every row in turn, and each page's rows are counted in the PDF's
//! text by their labels.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const KECAMATAN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/kecamatan-contoh-2021.json"
);

/// The labels of the rows of the kecamatan's statistics table: its series' and rates'
/// names (a village row prints as "a. Desa …").
fn row_labels(bundle: &serde_json::Value) -> Vec<String> {
    ["seri", "laju"]
        .iter()
        .flat_map(|kind| bundle["statistik"][kind].as_array().unwrap())
        .map(|s| s["nama"].as_str().unwrap().to_string())
        .collect()
}

/// Render `bundle` (a variant a test made) as `STEM.pdf` in `dir` with the binary, PDF
/// only; returns the PDF's path.
fn render_pdf(bundle: &serde_json::Value, dir: &Path, stem: &str) -> PathBuf {
    let path = dir.join(format!("{stem}.json"));
    std::fs::write(&path, serde_json::to_vec(bundle).unwrap()).unwrap();
    let out = lkjip(&[
        "render",
        path.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "--format",
        "pdf",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join(format!("{stem}.pdf"))
}

/// Whether a line of `pdftotext` output is the label cell of a row.
fn is_row(line: &str, labels: &[String]) -> bool {
    let line = line.trim();
    let label = match line.split_once(". ") {
        Some((mark, rest)) if mark.len() <= 2 && mark.chars().all(|c| c.is_ascii_lowercase()) => {
            rest
        }
        _ => line,
    };
    labels.iter().any(|l| l == label)
}

/// How many rows of the table each page holds, for the pages that hold any.
fn rows_per_page(pdf: &Path, labels: &[String]) -> Vec<(usize, usize)> {
    let out = Command::new(readers::locate("pdftotext").unwrap())
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\u{c}')
        .enumerate()
        .map(|(i, page)| (i + 1, page.lines().filter(|l| is_row(l, labels)).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[test]
fn a_split_table_keeps_two_rows_on_each_side_of_the_break() {
    if readers::poppler("pdftotext").is_none() {
        return;
    }
    let base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(KECAMATAN).unwrap()).unwrap();
    let labels = row_labels(&base);
    let dir = tempfile::tempdir().unwrap();
    let mut breaks = Vec::new();
    // one more short paragraph before the table each time: from the table whole on its
    // page, through every break, to the table moved whole to the next page
    for extra in 0..=27 {
        let mut b = base.clone();
        let latar = b["narasi"]["latar_belakang"].as_array_mut().unwrap();
        for k in 0..extra {
            latar.push(serde_json::json!({ "p": format!("Paragraf pengisi nomor {k}.") }));
        }
        let pdf = render_pdf(&b, dir.path(), "variant");
        let pages = rows_per_page(&pdf, &labels);
        assert_eq!(
            pages.iter().map(|(_, n)| n).sum::<usize>(),
            34,
            "with {extra} paragraphs every row is found once: {pages:?}"
        );
        assert!(
            pages.iter().all(|(_, n)| *n >= 2),
            "with {extra} paragraphs before it, a page holds one row of the table alone: {pages:?}"
        );
        if pages.len() > 1 {
            breaks.push((pages[0].1, pages[pages.len() - 1].1));
        }
    }
    // the sweep met breaks near both ends of the table, where the rule is tight
    assert!(
        breaks.iter().any(|(_, last)| *last == 2),
        "no break left exactly two rows at the end: {breaks:?}"
    );
    assert!(
        breaks.iter().any(|(first, _)| *first == 2),
        "no break left exactly two rows at the start: {breaks:?}"
    );
}

/// A signature stays with the text it closes: the Perjanjian Kinerja's table (kept
/// whole) and its signatures share a page wherever the page ends, for the sample's four
/// indicators and the kecamatan's eight (more than a table kept whole otherwise). The
/// "supervisi" sentence is lengthened one sentence at a time (a bundle's `frasa`
/// override), so the page's end moves through the table and the signatures.
#[test]
fn the_perjanjian_kinerja_signatures_stay_with_their_table() {
    if readers::poppler("pdftotext").is_none() {
        return;
    }
    for bundle in [SAMPLE, KECAMATAN] {
        signatures_stay_with_the_table(bundle);
    }
}

fn signatures_stay_with_the_table(path: &str) {
    let base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sentence = "PIHAK KEDUA akan melakukan supervisi yang diperlukan serta akan melakukan \
evaluasi terhadap capaian kinerja dari perjanjian ini.";
    let mut apart = 0;
    for extra in 0..=30 {
        let mut b = base.clone();
        let text = vec![sentence; extra + 1].join(" ");
        b["frasa"] = serde_json::json!({ "lampiran.pk.supervisi": text });
        let pdf = render_pdf(&b, dir.path(), "variant");
        let text = pdf_text(&pdf);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let has = |page: &str, line: &str| page.lines().any(|l| l.trim() == line);
        let signature = pages
            .iter()
            .position(|p| has(p, "PIHAK PERTAMA,"))
            .expect("the PK's signatures");
        let table = pages
            .iter()
            .position(|p| has(p, "Sasaran dan Target Kinerja Tahun 2021"))
            .expect("the PK's table");
        assert_eq!(
            table,
            signature,
            "with {extra} more sentences the PK's table is on page {} and its signatures on page {}",
            table + 1,
            signature + 1
        );
        // the PK's opening and its table part when the page ends between them
        let opening = pages
            .iter()
            .position(|p| has(p, "PERJANJIAN KINERJA TAHUN 2021"))
            .expect("the PK's title");
        if opening != table {
            apart += 1;
        }
    }
    assert!(
        apart > 0,
        "the sweep never moved the table to the next page"
    );
}

/// No page of any bundle in `data/` is empty (nothing on it but its page number): a
/// page break at the top of a section, where a landscape table ended the chapter before
/// it, used to leave one in the two stress bundles.
#[test]
fn no_page_is_empty() {
    if readers::poppler("pdftotext").is_none() {
        return;
    }
    for bundle in data_bundles() {
        let (_dir, pdf, _docx) = render(bundle.to_str().unwrap());
        let text = pdf_text(&pdf);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        // the text after the last page's form feed is empty
        for (i, page) in pages[..pages.len() - 1].iter().enumerate() {
            let words: String = page.split_whitespace().collect();
            assert!(
                words.chars().count() > 5,
                "{}: page {} is empty: {page:?}",
                bundle.display(),
                i + 1
            );
        }
    }
}
