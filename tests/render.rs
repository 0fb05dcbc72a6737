//! Render tests: the sample bundle rendered by the binary and read back with real readers
//! (poppler for the PDF, XML parts and LibreOffice for the DOCX). A test skips what needs
//! a reader that is not installed (see `common`).

mod common;

use std::sync::OnceLock;

use common::*;

struct Sample {
    _dir: tempfile::TempDir,
    pdf: std::path::PathBuf,
    docx: std::path::PathBuf,
    text: OnceLock<String>,
}

impl Sample {
    /// The PDF's text, or `None` (the test skips the rest) without poppler.
    fn text(&self) -> Option<&str> {
        readers::poppler("pdftotext")?;
        Some(self.text.get_or_init(|| pdf_text(&self.pdf)))
    }
}

fn sample() -> &'static Sample {
    static S: OnceLock<Sample> = OnceLock::new();
    S.get_or_init(|| {
        let (dir, pdf, docx) = render(SAMPLE);
        Sample {
            _dir: dir,
            pdf,
            docx,
            text: OnceLock::new(),
        }
    })
}

#[test]
fn chapter_and_section_titles_appear_in_order() {
    let Some(text) = sample().text() else {
        return;
    };
    let text = squash(text);
    let titles = [
        "KATAPENGANTAR",
        "DAFTARISI",
        "IKHTISAREKSEKUTIF",
        "BABI",
        "PENDAHULUAN",
        "LATARBELAKANG",
        "LANDASANHUKUM",
        "MAKSUDDANTUJUAN",
        "DATAUMUMORGANISASI",
        "KEKUATANSUMBERDAYA",
        "SISTEMATIKALAPORAN",
        "BABII",
        "PERENCANAANKINERJA",
        "INDIKATORKINERJAUTAMA",
        "ARAHKEBIJAKAN",
        "PROGRAMPRIORITAS",
        "BABIII",
        "AKUNTABILITASKINERJA",
        "CAPAIANKINERJA",
        "REALISASIANGGARAN",
        "BABIV",
        "PENUTUP",
        "KESIMPULAN",
        "SARANDANREKOMENDASI",
        "LAMPIRAN",
    ];
    // Skip the table of contents: search after the Ikhtisar heading's second occurrence.
    let mut at = text.find("IKHTISAREKSEKUTIF").unwrap();
    at = text[at + 1..]
        .find("IKHTISAREKSEKUTIF")
        .map_or(at, |i| at + 1 + i);
    for t in &titles[3..] {
        let found = text[at..]
            .find(t)
            .unwrap_or_else(|| panic!("{t} not found after position {at}"));
        at += found;
    }
}

#[test]
fn computed_figures_are_in_the_pdf() {
    let Some(text) = sample().text() else {
        return;
    };
    for figure in [
        "100,14%", "100,01%", "138,89%", "106,50%", "101,13%", "102,20%", "3,01%",
    ] {
        assert!(text.contains(figure), "{figure} missing from the PDF");
    }
}

#[test]
fn terbilang_of_the_largest_allocation_is_printed() {
    let Some(text) = sample().text() else {
        return;
    };
    assert!(squash(text).contains(&squash(
        "tujuh ratus delapan belas juta tiga ratus tujuh puluh ribu rupiah"
    )));
}

#[test]
fn all_fonts_are_embedded() {
    let Some(fonts) = try_poppler("pdffonts", &[], &sample().pdf) else {
        return;
    };
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {r}");
        assert!(r.contains("Liberation"), "unexpected font: {r}");
    }
}

#[test]
fn a4_pages_and_one_landscape_page() {
    let Some(info) = try_poppler("pdfinfo", &["-f", "1", "-l", "999"], &sample().pdf) else {
        return;
    };
    let sizes: Vec<String> = info
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("Page")?.trim_start();
            let (num, rest) = rest.split_once(' ')?;
            num.parse::<u32>().ok()?;
            let dims = rest.trim_start().strip_prefix("size:")?;
            Some(dims.split(" pts").next()?.trim().to_string())
        })
        .collect();
    assert!(sizes.len() > 20, "too few pages: {}", sizes.len());
    let portrait = sizes.iter().filter(|d| *d == "595.276 x 841.89").count();
    let landscape = sizes.iter().filter(|d| *d == "841.89 x 595.276").count();
    assert!(landscape >= 1, "no landscape page");
    assert_eq!(
        portrait + landscape,
        sizes.len(),
        "a page is not A4: {sizes:#?}"
    );
}

#[test]
fn the_bundle_is_attached() {
    let Some(list) = try_poppler("pdfdetach", &["-list"], &sample().pdf) else {
        return;
    };
    assert!(list.contains("mojokerto-2021.json"), "{list}");
}

#[test]
fn two_renders_are_byte_identical() {
    let (_d, pdf2, docx2) = render(SAMPLE);
    assert!(
        std::fs::read(&sample().pdf).unwrap() == std::fs::read(pdf2).unwrap(),
        "PDF differs"
    );
    assert!(
        std::fs::read(&sample().docx).unwrap() == std::fs::read(docx2).unwrap(),
        "DOCX differs"
    );
}

#[test]
fn every_text_of_the_ir_is_in_both_outputs() {
    let loaded = lkjip::check::load("s.json", &std::fs::read(SAMPLE).unwrap()).unwrap();
    let doc = lkjip::report::document(&loaded, None);
    let texts = doc.texts();
    let missing_from = |output: &str| -> Vec<&String> {
        let output = squash(output);
        texts
            .iter()
            .filter(|t| !output.contains(&squash(t)))
            .collect()
    };
    let docx = xml_text(&docx_part(&sample().docx, "word/document.xml"));
    let missing_docx = missing_from(&docx);
    assert!(
        missing_docx.is_empty(),
        "missing from the DOCX: {missing_docx:#?}"
    );
    let Some(pdf) = try_pdf_body_text(&sample().pdf) else {
        return;
    };
    let missing_pdf = missing_from(&pdf);
    assert!(
        missing_pdf.is_empty(),
        "missing from the PDF: {missing_pdf:#?}"
    );
}

#[test]
fn render_without_bundle_writes_the_sample_into_out() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lkjip"))
        .arg("render")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("out/mojokerto-2021.pdf").exists());
    assert!(dir.path().join("out/mojokerto-2021.docx").exists());
}

#[test]
fn an_invalid_bundle_writes_nothing_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("mojokerto-2021.json");
    let text = std::fs::read_to_string(SAMPLE).unwrap().replacen(
        "\"tahun\": 2021",
        "\"tahun\": \"dua ribu\"",
        1,
    );
    std::fs::write(&bad, text).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    std::fs::write(out_dir.join("mojokerto-2021.pdf"), b"old good file").unwrap();
    let out = lkjip(&[
        "render",
        bad.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read(out_dir.join("mojokerto-2021.pdf")).unwrap(),
        b"old good file"
    );
    assert_eq!(
        std::fs::read_dir(&out_dir).unwrap().count(),
        1,
        "no other file written"
    );
}

/// Page (1-based) of the first line equal to `title` in a PDF, from page 5 on (after the
/// table of contents).
fn page_of(pdf: &std::path::Path, title: &str) -> Option<usize> {
    let text = pdf_text(pdf);
    text.split('\u{c}')
        .enumerate()
        .skip(4)
        .find(|(_, page)| page.lines().any(|l| l.trim() == title))
        .map(|(i, _)| i + 1)
}

#[test]
fn libreoffice_renders_the_docx_with_chapters_on_the_pdfs_pages() {
    let s = sample();
    let Some(soffice) = readers::soffice() else {
        return;
    };
    if readers::poppler("pdftotext").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&s.docx)
        .output()
        .unwrap();
    let lo = dir.path().join("mojokerto-2021.pdf");
    assert!(
        lo.exists(),
        "LibreOffice did not convert: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The Perjanjian Kinerja's signatures stay on its table's page (a keep-with-next
    // chain running out of the signature block once moved them to the next page).
    let table = page_of(&lo, "Sasaran dan Target Kinerja Tahun 2021").expect("the PK's table");
    let signed = page_of(&lo, "PIHAK PERTAMA,").expect("the PK's signatures");
    assert_eq!(table, signed, "the PK's table and its signatures");
    for title in ["BAB I", "BAB II", "BAB III", "BAB IV", "LAMPIRAN"] {
        let in_pdf = page_of(&s.pdf, title).unwrap_or_else(|| panic!("{title} not in the PDF"));
        let in_docx = page_of(&lo, title).unwrap_or_else(|| panic!("{title} not in the DOCX"));
        // Tolerance 1 page: paragraph and list-item spacing, the list step and single
        // line spacing in table cells come from the look sheet in both writers, and BAB I
        // to BAB III fall on the same pages; LibreOffice's rendering still runs one page
        // ahead by BAB IV (42 against 43: it keeps the space above a chapter heading at
        // a page's top and adds a paragraph's space after to the next one's space before,
        // where typst takes the larger).
        assert!(
            in_pdf.abs_diff(in_docx) <= 1,
            "{title}: page {in_pdf} in the PDF, {in_docx} in LibreOffice's rendering of the DOCX"
        );
    }
}

#[test]
fn openxml_audit_finds_no_schema_error_in_any_data_docx() {
    let Some(audit) = readers::openxml_audit() else {
        return;
    };
    for bundle in data_bundles() {
        let (_dir, _pdf, docx) = render(bundle.to_str().unwrap());
        let out = std::process::Command::new(&audit)
            .arg(&docx)
            .args(["-m", "0", "-f", "microsoft365"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.lines().any(|l| l.trim() == "Errors: 0"),
            "{}: {text}",
            bundle.display()
        );
    }
}

#[test]
fn paper_and_font_come_from_the_bundle() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/f4-times.json");
    let (_d, pdf, docx) = render(fixture);
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(
        styles.contains("w:ascii=\"Times New Roman\""),
        "DOCX body font"
    );
    let document = docx_part(&docx, "word/document.xml");
    // 215 mm and 330 mm in twentieths of a point
    assert!(
        document.contains("w:w=\"12189\"") && document.contains("w:h=\"18709\""),
        "DOCX page size"
    );
    let Some(info) = try_poppler("pdfinfo", &["-f", "1", "-l", "999"], &pdf) else {
        return;
    };
    let pages: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size:"))
        .collect();
    assert!(!pages.is_empty());
    for p in &pages {
        assert!(
            p.contains("609.449 x 935.433") || p.contains("935.433 x 609.449"),
            "not F4 (215 x 330 mm): {p}"
        );
    }
    let fonts = poppler("pdffonts", &[], &pdf);
    assert!(fonts.contains("LiberationSerif"), "{fonts}");
    assert!(!fonts.contains("LiberationSans"), "{fonts}");
}

#[test]
fn the_report_is_tagged_pdf_a_3b() {
    let Some(info) = try_poppler("pdfinfo", &[], &sample().pdf) else {
        return;
    };
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    let meta = poppler("pdfinfo", &["-meta"], &sample().pdf);
    assert!(
        meta.contains("<pdfaid:part>3</pdfaid:part>"),
        "no PDF/A-3 claim"
    );
    assert!(
        meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "no conformance B"
    );
}

#[test]
fn the_staff_chart_is_vector_in_the_pdf_and_a_picture_in_the_docx() {
    let s = sample();
    // DOCX: the emblem (twice: cover and kop share it) and the chart rasterised to PNG
    let mut z = zip::ZipArchive::new(std::fs::File::open(&s.docx).unwrap()).unwrap();
    let media: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().to_string())
        .filter(|n| n.starts_with("word/media/"))
        .collect();
    assert!(media.len() >= 2, "{media:?}");
    let mut widths = Vec::new();
    for name in &media {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut z.by_name(name).unwrap(), &mut bytes).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        widths.push(u32::from_be_bytes(bytes[16..20].try_into().unwrap()));
    }
    // 140 mm at 220 dpi
    assert!(
        widths.contains(&1213),
        "staff chart rasterised at 220 dpi: {widths:?}"
    );
    // vector: its texts are text in the PDF
    let Some(text) = s.text() else {
        return;
    };
    assert!(text.contains("Grafik Perkembangan Jumlah PNS Menurut Pangkat/Golongan"));
    assert!(text.contains("Golongan IV"));
}

#[test]
fn format_selects_the_files_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = lkjip(&[
        "render",
        SAMPLE,
        "-o",
        dir.path().to_str().unwrap(),
        "--format",
        "docx",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["mojokerto-2021.docx".to_string()]);
    let bad = lkjip(&["render", SAMPLE, "--format", "odt"]);
    assert_eq!(
        bad.status.code(),
        Some(2),
        "an unknown format is a usage error"
    );
}
