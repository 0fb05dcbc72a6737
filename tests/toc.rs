//! The DOCX table of contents is a real field whose cached page numbers are the page labels
//! of the typst layout of the same document, and it is listed in the same order.

mod common;

use std::collections::BTreeMap;

use lkjip::doc::ir::Block;
use lkjip::render::{docx, pdf};

#[test]
fn docx_toc_page_numbers_equal_the_pdf_pages() {
    let loaded = lkjip::check::load("s.json", &std::fs::read(common::SAMPLE).unwrap()).unwrap();
    let doc = lkjip::report::document(&loaded, None);
    let out = pdf::render_pdf(&doc, &pdf::PdfOptions::default()).unwrap();
    let pages: BTreeMap<String, String> = out
        .heading_pages
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
