//! Bundle text is data, never code: typst markup, XML specials, emoji, right-to-left text
//! and combining marks in every free-text field print literally in the PDF, and the DOCX
//! stays well-formed XML that LibreOffice opens.

mod common;

use common::*;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/injection.json");
const PAYLOAD: &str = include_str!("fixtures/injection.payload");

#[test]
fn markup_in_texts_prints_literally_in_the_pdf() {
    let (_d, pdf, _docx) = render(FIXTURE);
    let Some(text) = try_pdf_text(&pdf) else {
        return;
    };
    assert!(!text.contains("root:x:0:0"), "a file was read into the PDF");
    // The payload as typed, in the letter's subject line and the analysis text.
    let squashed = squash(&text);
    let occurrences = squashed.matches(&squash(PAYLOAD)).count();
    assert!(
        occurrences >= 5,
        "payload printed literally only {occurrences} times"
    );
}

#[test]
fn the_docx_is_well_formed_and_holds_the_payload() {
    let (_d, _pdf, docx) = render(FIXTURE);
    let xml = docx_part(&docx, "word/document.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("document.xml is not well-formed: {e}"),
        }
    }
    assert!(squash(&xml_text(&xml)).contains(&squash(PAYLOAD)));
}

#[test]
fn libreoffice_opens_the_docx() {
    let (d, _pdf, docx) = render(FIXTURE);
    let Some(soffice) = readers::soffice() else {
        return;
    };
    if readers::poppler("pdftotext").is_none() {
        return;
    }
    let out = d.path().join("lo");
    let profile = d.path().join("profile");
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(&docx)
        .output()
        .unwrap();
    let converted = out.join("injection.pdf");
    assert!(
        converted.exists(),
        "LibreOffice did not convert: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = squash(&pdf_text(&converted));
    assert!(
        text.contains(&squash("#read(\"/etc/passwd\")")),
        "payload missing from LibreOffice's rendering"
    );
}
