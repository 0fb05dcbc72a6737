//! A bundle's own wording (`frasa`): three phrases of `data/kerangka/frasa.json`
//! overridden, one of them citing a computed figure, print in place of the defaults, in
//! the IR and (where poppler is installed) in the PDF's text.

mod common;

use common::*;
use serde_json::{Value, json};

const MINIMAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.json");

#[test]
fn a_bundle_overrides_three_phrases_and_the_report_prints_its_wording() {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(MINIMAL).unwrap()).unwrap();
    v["frasa"] = json!({
        "ikhtisar.judul": "RINGKASAN EKSEKUTIF",
        "tabel.pengukuran.judul": "Hasil Pengukuran Kinerja Tahun {{ tahun }}",
        "analisis.target": "Pada Tahun {{ tahun }} indikator {{ indikator }} mencapai {{ capaian }}; indikator pertama mencapai {{ IKU1.capaian }}.",
    });
    let bytes = serde_json::to_vec_pretty(&v).unwrap();
    let loaded = load_ok("frasa.json", &bytes);
    let capaian = lkjip::figures::compute(&loaded.bundle).names["IKU1.capaian"].clone();
    assert!(capaian.ends_with('%'), "{capaian}");
    let first = format!(
        "Pada Tahun 2021 indikator Persentase penempatan tenaga kerja mencapai {capaian}; indikator pertama mencapai {capaian}."
    );

    let texts = lkjip::report::document(&loaded, None).texts();
    let has = |s: &str| texts.iter().any(|t| t == s);
    assert!(has("RINGKASAN EKSEKUTIF"), "{texts:#?}");
    assert!(!has("IKHTISAR EKSEKUTIF"));
    assert!(has("Hasil Pengukuran Kinerja Tahun 2021"));
    assert!(!has("Pengukuran Kinerja Tahun 2021"));
    assert!(has(&first), "{first} not in {texts:#?}");
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("{{") || t.contains("ditargetkan sebesar")),
        "an unfilled placeholder or the default wording is left"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("frasa.json");
    std::fs::write(&path, &bytes).unwrap();
    let (_out, pdf, _docx) = render(path.to_str().unwrap());
    let Some(text) = try_pdf_body_text(&pdf) else {
        return;
    };
    let text = squash(&text);
    for s in [
        "RINGKASAN EKSEKUTIF",
        "Hasil Pengukuran Kinerja Tahun 2021",
        first.as_str(),
    ] {
        assert!(text.contains(&squash(s)), "the PDF lacks {s:?}");
    }
    assert!(!text.contains(&squash("IKHTISAR EKSEKUTIF")));
}
