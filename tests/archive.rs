//! Archives: `lkjip extract` gives back the bundle attached to a report, byte for byte, and
//! rendering it again with the same lkjip gives the same PDF; a PDF without an lkjip
//! bundle is refused with exit 1; a PDF made by another version is said so.

mod common;

use common::*;

fn render_to(bundle: &std::path::Path, dir: &std::path::Path) -> std::path::PathBuf {
    let out = lkjip(&[
        "render",
        bundle.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join(bundle.with_extension("pdf").file_name().unwrap())
}

#[test]
fn extract_then_render_gives_the_same_pdf_for_every_sample() {
    for bundle in data_bundles() {
        let first = tempfile::tempdir().unwrap();
        let pdf = render_to(&bundle, first.path());
        let again = tempfile::tempdir().unwrap();
        let extracted = again.path().join(bundle.file_name().unwrap());
        let out = lkjip(&[
            "extract",
            pdf.to_str().unwrap(),
            "-o",
            extracted.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "same version: no note");
        assert_eq!(
            std::fs::read(&extracted).unwrap(),
            std::fs::read(&bundle).unwrap()
        );
        let pdf2 = render_to(&extracted, again.path());
        assert!(
            std::fs::read(&pdf).unwrap() == std::fs::read(&pdf2).unwrap(),
            "{}: the PDF of the extracted bundle differs",
            bundle.display()
        );
    }
}

/// A valid one-page PDF (with its cross-reference table) and no attachment.
fn pdf_without_attachment() -> Vec<u8> {
    lkjip::sign::pdf::classic_pdf(
        &[
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[3 0 R]/Count 1>>",
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
        ],
        "",
    )
}

#[test]
fn a_pdf_without_a_bundle_is_refused_and_another_version_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.pdf");
    std::fs::write(&plain, pdf_without_attachment()).unwrap();
    let out = lkjip(&["extract", plain.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "{}: this PDF carries no lkjip bundle (it was not made by lkjip, or its attachment was removed)\n",
            plain.display()
        )
    );
    assert!(out.stdout.is_empty());

    let pdf = render_to(std::path::Path::new(SAMPLE), dir.path());
    let mut bytes = std::fs::read(&pdf).unwrap();
    let mine = format!("/Creator(lkjip {})", env!("CARGO_PKG_VERSION"));
    let at = bytes
        .windows(mine.len())
        .position(|w| w == mine.as_bytes())
        .unwrap();
    let old = format!(
        "/Creator(lkjip {:<width$})",
        "0.0.1",
        width = mine.len() - 16
    );
    bytes[at..at + old.len()].copy_from_slice(old.as_bytes());
    let older = dir.path().join("older.pdf");
    std::fs::write(&older, &bytes).unwrap();
    let out = lkjip(&["extract", older.to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("note: made by lkjip 0.0.1"), "{err}");
    assert_eq!(out.stdout, std::fs::read(SAMPLE).unwrap());
    let missing = lkjip(&["extract", "/nonexistent/report.pdf"]);
    assert_eq!(missing.status.code(), Some(3));
    let damaged = dir.path().join("damaged.pdf");
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    let out = lkjip(&["extract", damaged.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read this PDF"));
}
