//! The DOCX table of contents is a real field whose cached page numbers are the page labels
//! of the typst layout of the same document, and it is listed in the same order.

mod common;

use std::collections::BTreeMap;

use lkjip::doc::ir::{Block, Captioned};
use lkjip::render::{docx, pdf};

#[test]
fn docx_toc_page_numbers_equal_the_pdf_pages() {
    let loaded = lkjip::check::load("s.json", &std::fs::read(common::SAMPLE).unwrap()).unwrap();
    let doc = lkjip::report::document(&loaded, None);
    let out = pdf::render_pdf(&doc, &pdf::PdfOptions::default()).unwrap();
    let pages: BTreeMap<String, String> = out
        .anchor_pages
        .iter()
        .map(|h| (h.anchor.clone(), h.page_label.clone()))
        .collect();

    // Expected: every heading in the TOC, in document order, with its PDF page label.
    let depth = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| {
            if let Block::Toc(t) = b {
                Some(t.depth)
            } else {
                None
            }
        })
        .unwrap();
    let expected: Vec<String> = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Heading(h) if h.in_toc && h.level <= depth => Some(pages[&h.anchor].clone()),
            _ => None,
        })
        .collect();
    assert!(
        expected.iter().any(|p| p == "i") && expected.iter().any(|p| p == "1"),
        "{expected:?}"
    );

    let bytes = docx::render_docx(&doc, &pages).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.docx");
    std::fs::write(&path, bytes).unwrap();
    let xml = common::docx_part(&path, "word/document.xml");
    assert!(xml.contains("TOC \\o"), "no TOC field");
    // Each PAGEREF field's cached result: the texts between its "separate" and "end".
    let cached: Vec<String> = xml
        .split("PAGEREF ")
        .skip(1)
        .map(|rest| {
            let after = &rest[rest.find("w:fldCharType=\"separate\"").expect("separate")..];
            let result = &after[..after.find("w:fldCharType=\"end\"").expect("end")];
            result
                .split("<w:t")
                .skip(1)
                .map(|t| {
                    let t = &t[t.find('>').unwrap() + 1..];
                    t[..t.find("</w:t>").unwrap()].to_string()
                })
                .collect()
        })
        .collect();
    assert_eq!(cached, expected);
    let settings = common::docx_part(&path, "word/settings.xml");
    assert!(
        settings.contains("<w:updateFields w:val=\"true\"/>"),
        "{settings}"
    );
}

/// The lines of each page of a PDF as `pdftotext -layout` lays them out, trimmed, or
/// `None` when poppler is missing.
fn layout_pages(pdf: &std::path::Path) -> Option<Vec<Vec<String>>> {
    common::readers::poppler("pdftotext")?;
    let out = std::process::Command::new(common::readers::locate("pdftotext").unwrap())
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    Some(
        text.split('\u{c}')
            .map(|p| p.lines().map(|l| l.trim().to_string()).collect())
            .collect(),
    )
}

/// A bundle that asks for the Daftar Tabel and Daftar Grafik lists every numbered table
/// and chart with the page label its caption lands on, in the PDF (read back with
/// poppler: the list's line against the footer of the caption's page) and in the DOCX
/// (a TOC field over the captions' TC fields, cached pages equal to the PDF's).
#[test]
fn the_lists_of_tables_and_charts_name_each_captions_page() {
    let bundle = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/dinkes-mojokerto-2021.json"
    );
    let loaded = lkjip::check::load("d.json", &std::fs::read(bundle).unwrap()).unwrap();
    let doc = lkjip::report::document(&loaded, None);
    let captions = doc.captions();
    let lists: Vec<_> = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Captions(l) => Some(l.of),
            _ => None,
        })
        .collect();
    assert_eq!(lists, [Captioned::Table, Captioned::Chart]);
    assert!(captions.iter().filter(|c| c.of == Captioned::Table).count() > 5);
    assert!(captions.iter().filter(|c| c.of == Captioned::Chart).count() > 2);

    let out = pdf::render_pdf(&doc, &pdf::PdfOptions::default()).unwrap();
    let pages: BTreeMap<String, String> = out
        .anchor_pages
        .iter()
        .map(|h| (h.anchor.clone(), h.page_label.clone()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("d.pdf");
    std::fs::write(&pdf_path, &out.bytes).unwrap();

    // DOCX: one TC field per caption, each list a TOC field over its own, cached pages
    let bytes = docx::render_docx(&doc, &pages).unwrap();
    let docx_path = dir.path().join("d.docx");
    std::fs::write(&docx_path, bytes).unwrap();
    let xml = common::docx_part(&docx_path, "word/document.xml");
    for (of, id) in [(Captioned::Table, "T"), (Captioned::Chart, "G")] {
        assert!(
            xml.contains(&format!("TOC \\h \\z \\f {id} ")),
            "no list {id}"
        );
        let n = captions.iter().filter(|c| c.of == of).count();
        assert_eq!(xml.matches(&format!("\\f {id} \\l 1 ")).count(), n, "{id}");
    }
    for c in &captions {
        let tc = format!("TC \"{} {}\"", c.number, c.title.replace('"', "\\\""));
        assert!(xml.contains(&tc), "no {tc}");
    }

    let Some(text) = layout_pages(&pdf_path) else {
        return;
    };
    let footer = |page: &[String]| {
        page.iter()
            .rev()
            .find(|l| !l.is_empty())
            .cloned()
            .unwrap_or_default()
    };
    let list_pages: Vec<usize> = text
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.iter()
                .any(|l| l == "DAFTAR TABEL" || l == "DAFTAR GRAFIK")
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(list_pages.len(), 2, "the two lists: {list_pages:?}");
    for c in &captions {
        // the list's line: number, title (its first words), dot leaders, page label
        let head: String = c.title.chars().take(20).collect();
        let listed = list_pages
            .iter()
            .flat_map(|&i| &text[i])
            .find(|l| l.starts_with(&c.number) && l.contains(&head))
            .unwrap_or_else(|| panic!("{} not listed", c.number));
        let printed = listed.rsplit(' ').next().unwrap();
        // the caption itself, on a page after the lists
        let caption_page = (list_pages[1] + 1..text.len())
            .find(|&i| {
                text[i].iter().any(|l| match c.of {
                    Captioned::Table => *l == c.number,
                    Captioned::Chart => l.starts_with(&format!("{} {head}", c.number)),
                })
            })
            .unwrap_or_else(|| panic!("caption {} not found", c.number));
        assert_eq!(
            printed,
            footer(&text[caption_page]),
            "{} is listed on page {printed}, its caption is on the page whose footer says {}",
            c.number,
            footer(&text[caption_page])
        );
        assert_eq!(printed, pages[&c.anchor], "{}", c.number);
    }
}
