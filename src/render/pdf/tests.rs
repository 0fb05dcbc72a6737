//! Render tests: hand-made documents rendered for real and read back with poppler
//! (`pdftotext`, `pdfinfo`, `pdffonts`, `pdfdetach`). Without poppler on `PATH` a test
//! does its checks that need no reader and says that it skipped the rest (see
//! [`crate::readers`]).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::doc::ir::{Block, Inline};
use crate::render::fixture::{self, INJECTIONS, LONG_TABLE_HEADER};

/// A PDF written to a unique temp file, removed on drop.
struct TempPdf(PathBuf);

impl TempPdf {
    fn new(bytes: &[u8]) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path =
            std::env::temp_dir().join(format!("lkjip-pdf-test-{}-{n}.pdf", std::process::id()));
        std::fs::write(&path, bytes).expect("write temp PDF");
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempPdf {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Stdout of the poppler `tool` run on `pdf`; `None` when poppler is not installed (the
/// caller skips the rest of its test).
fn run(tool: &str, args: &[&str], pdf: &Path) -> Option<String> {
    let program = crate::readers::poppler(tool)?;
    let out = Command::new(program)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("run {tool} (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("UTF-8 tool output"))
}

/// Text of one page (1-based), layout preserved.
fn page_text(pdf: &Path, page: usize) -> Option<String> {
    let n = page.to_string();
    run("pdftotext", &["-layout", "-f", &n, "-l", &n], pdf)
}

fn attachment() -> Attachment {
    Attachment {
        name: "data/bundle-2021.json".to_owned(),
        bytes: br#"{"tahun": 2021, "catatan": "*bukan* markup"}"#.to_vec(),
        description: "Bundle LKjIP 2021".to_owned(),
    }
}

/// The report fixture rendered once (with the attachment) for the tests sharing it.
fn report() -> &'static (PdfOutput, TempPdf) {
    static REPORT: OnceLock<(PdfOutput, TempPdf)> = OnceLock::new();
    REPORT.get_or_init(|| {
        let opts = PdfOptions {
            attachment: Some(attachment()),
            ..PdfOptions::default()
        };
        let out = render_pdf(&fixture::report(), &opts).unwrap_or_else(|e| panic!("{e}"));
        let file = TempPdf::new(&out.bytes);
        (out, file)
    })
}

fn heading_page<'a>(out: &'a PdfOutput, anchor: &str) -> &'a AnchorPage {
    out.anchor_pages
        .iter()
        .find(|h| h.anchor == anchor)
        .unwrap_or_else(|| panic!("no heading page for {anchor}"))
}

/// The footer of a page: its last non-empty text line.
fn footer(pdf: &Path, page_index: usize) -> Option<String> {
    Some(
        page_text(pdf, page_index + 1)?
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_owned(),
    )
}

#[test]
fn anchor_pages_follow_sections_and_restarts() {
    let (out, pdf) = report();
    let labels: Vec<(&str, &str)> = out
        .anchor_pages
        .iter()
        .map(|h| (h.anchor.as_str(), h.page_label.as_str()))
        .collect();
    let anchors: Vec<&str> = labels.iter().map(|(a, _)| *a).collect();
    assert_eq!(
        anchors,
        [
            "kata-pengantar",
            "daftar-isi",
            "ikhtisar",
            "bab-1",
            "s-1-1",
            "s-1-2",
            "bab-2",
            "s-2-1",
            "s-2-1-1",
            "s-3-2",
            "lampiran"
        ]
    );
    // Cover and letter are unnumbered pages 0 and 1; the front matter restarts at i.
    assert_eq!(heading_page(out, "kata-pengantar").page_index, 2);
    assert_eq!(heading_page(out, "kata-pengantar").page_label, "i");
    assert_eq!(heading_page(out, "daftar-isi").page_label, "ii");
    assert_eq!(heading_page(out, "ikhtisar").page_label, "iii");
    // The body restarts at 1.
    assert_eq!(heading_page(out, "bab-1").page_label, "1");
    assert_eq!(heading_page(out, "s-1-1").page_label, "1");
    // BAB II follows the long table; the landscape section and the appendix after it
    // continue the numbers.
    let bab2 = heading_page(out, "bab-2");
    let bab2_number: usize = bab2.page_label.parse().expect("arabic label");
    assert!(bab2_number > 3, "long table spans pages: {labels:?}");
    for anchor in ["s-3-2", "lampiran"] {
        let h = heading_page(out, anchor);
        assert_eq!(
            h.page_label,
            (bab2_number + h.page_index - bab2.page_index).to_string(),
            "{anchor}"
        );
    }
    let appendix = heading_page(out, "lampiran");
    assert!(appendix.page_index > heading_page(out, "s-3-2").page_index);
    assert_eq!(out.page_count, appendix.page_index + 1);
    // Every label is what the page's footer prints.
    for h in &out.anchor_pages {
        let Some(footer) = footer(pdf.path(), h.page_index) else {
            return;
        };
        assert_eq!(footer, h.page_label, "{}", h.anchor);
    }
}

#[test]
fn unnumbered_pages_have_no_footer_number() {
    let (_, pdf) = report();
    let Some(cover) = page_text(pdf.path(), 1) else {
        return;
    };
    assert!(cover.contains("PEMERINTAH KABUPATEN MOJOKERTO"), "{cover}");
    assert!(cover.contains("TAHUN 2022"), "{cover}");
    assert_eq!(footer(pdf.path(), 0).as_deref(), Some("TAHUN 2022"));
    let Some(letter) = page_text(pdf.path(), 2) else {
        return;
    };
    assert!(letter.contains("Yth. Kepala Bagian Organisasi"), "{letter}");
    assert!(letter.contains("NIP. 19690621 199802 1 001"), "{letter}");
}

#[test]
fn toc_lists_headings_with_footer_labels() {
    let (out, pdf) = report();
    let Some(toc) = page_text(pdf.path(), heading_page(out, "daftar-isi").page_index + 1) else {
        return;
    };
    let expect = [
        ("KATA PENGANTAR", "kata-pengantar"),
        ("DAFTAR ISI", "daftar-isi"),
        ("PENDAHULUAN", "bab-1"),
        ("LATAR BELAKANG", "s-1-1"),
        ("CAPAIAN KINERJA *bukan tebal*", "s-1-2"),
        ("VISI DAN MISI", "s-2-1"),
        ("REALISASI ANGGARAN", "s-3-2"),
    ];
    for (title, anchor) in expect {
        let label = &heading_page(out, anchor).page_label;
        // the dot leaders are drawn, not text: a line reads "title  label"
        assert!(
            toc.lines()
                .any(|l| l.contains(title) && l.trim_end().ends_with(&format!(" {label}"))),
            "no TOC line for {title} ending with {label}:\n{toc}"
        );
    }
    assert!(!toc.contains(". . ."), "{toc}");
    // Depth 2: the level-3 heading is not listed.
    assert!(!toc.contains("2.1.1"), "{toc}");
    assert!(toc.contains("BAB I"), "{toc}");
}

#[test]
fn long_table_header_repeats_on_every_page() {
    let (out, pdf) = report();
    let first = heading_page(out, "s-1-2").page_index;
    let last = heading_page(out, "bab-2").page_index - 1;
    assert!(last >= first + 2, "table should span 3+ pages");
    for page in first..=last {
        let Some(text) = page_text(pdf.path(), page + 1) else {
            return;
        };
        assert!(
            text.contains(LONG_TABLE_HEADER),
            "header missing on page {}",
            page + 1
        );
    }
    let Some(all) = run("pdftotext", &[], pdf.path()) else {
        return;
    };
    let all = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(all.contains("Tabel 1.2.1"));
    assert!(all.contains("Sumber: Dinas Tenaga Kerja Kabupaten Mojokerto"));
    // Every row made it, the last one too.
    assert!(all.contains(&format!("baris {}", fixture::LONG_TABLE_ROWS)));
}

/// Page sizes in whole points as `pdfinfo` prints them ("609.449 x 935.433" → 609, 935).
fn page_sizes(pdf: &Path) -> Option<Vec<(u32, u32)>> {
    let whole = |s: Option<&str>| -> u32 {
        s.and_then(|s| s.split('.').next())
            .and_then(|s| s.parse().ok())
            .expect("a page dimension")
    };
    let info = run("pdfinfo", &["-f", "1", "-l", "9999"], pdf)?;
    Some(
        info.lines()
            .filter(|l| l.starts_with("Page") && l.contains(" size: "))
            .map(|l| {
                let mut it = l.split(" size: ").nth(1).unwrap_or("").split_whitespace();
                let w = whole(it.next());
                let _x = it.next();
                (w, whole(it.next()))
            })
            .collect(),
    )
}

#[test]
fn f4_paper_and_landscape_section() {
    let (out, pdf) = report();
    let small = render_pdf(
        &fixture::small(vec![fixture::para(vec![fixture::text("A4")])]),
        &PdfOptions::default(),
    )
    .expect("render A4");
    let Some(sizes) = page_sizes(pdf.path()) else {
        return;
    };
    assert_eq!(sizes.len(), out.page_count);
    // 215 × 330 mm = 609.449 × 935.433 pt.
    let (f4_w, f4_h) = (609, 935);
    // The landscape section runs from its heading to the portrait appendix.
    let landscape = heading_page(out, "s-3-2").page_index..heading_page(out, "lampiran").page_index;
    assert!(!landscape.is_empty());
    for (i, &size) in sizes.iter().enumerate() {
        let expect = if landscape.contains(&i) {
            (f4_h, f4_w)
        } else {
            (f4_w, f4_h)
        };
        assert_eq!(size, expect, "page {i}");
    }
    let file = TempPdf::new(&small.bytes);
    // 210 × 297 mm = 595.276 × 841.89 pt.
    assert_eq!(page_sizes(file.path()), Some(vec![(595, 841)]));
}

#[test]
fn ir_strings_are_never_markup() {
    let (_, pdf) = report();
    // In a table cell, a heading, a signature, a caption and a list too (rendered first:
    // that it renders at all needs no reader).
    let inj = INJECTIONS.join(" ");
    let cell = |s: &str| fixture::cell(s, crate::doc::ir::Align::Left, false);
    let doc = fixture::small(vec![
        fixture::heading(2, Some("$1$"), &inj, "h-inj"),
        Block::Table(crate::doc::ir::Table {
            caption: vec![inj.clone()],
            widths: vec![1],
            header: vec![crate::doc::ir::Row {
                cells: vec![cell("<b>")],
            }],
            body: vec![crate::doc::ir::Row {
                cells: vec![cell(&inj)],
            }],
            size_pt: 10,
            note: Some(inj.clone()),
            anchor: None,
            origin: Default::default(),
        }),
        Block::List(crate::doc::ir::List {
            style: crate::doc::ir::ListStyle::DecimalDot,
            start: 3,
            items: vec![crate::doc::ir::ListItem {
                spans: vec![fixture::text(&inj)],
                children: vec![],
                origin: Default::default(),
            }],
            origin: Default::default(),
        }),
    ]);
    let out = render_pdf(&doc, &PdfOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let file = TempPdf::new(&out.bytes);
    let Some(all) = run("pdftotext", &[], pdf.path()) else {
        return;
    };
    for s in INJECTIONS {
        assert!(all.contains(s), "{s:?} not printed literally");
    }
    assert!(!all.contains("root:x:0"), "a file was read");
    let Some(text) = run("pdftotext", &["-raw"], file.path()) else {
        return;
    };
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for s in INJECTIONS {
        assert!(flat.matches(s).count() >= 4, "{s:?} in:\n{text}");
    }
    assert!(flat.contains("$1$") && flat.contains("<b>") && flat.contains("3."));
}

#[test]
fn attachment_is_embedded() {
    let (_, pdf) = report();
    let Some(list) = run("pdfdetach", &["-list"], pdf.path()) else {
        return;
    };
    assert!(list.contains("1 embedded files"), "{list}");
    assert!(list.contains("bundle-2021.json"), "{list}");
    let saved = std::env::temp_dir().join(format!(
        "lkjip-pdf-test-{}-attachment.json",
        std::process::id()
    ));
    let saved_str = saved.to_str().expect("UTF-8 temp path");
    if run("pdfdetach", &["-save", "1", "-o", saved_str], pdf.path()).is_none() {
        return;
    }
    let bytes = std::fs::read(&saved).expect("saved attachment");
    let _ = std::fs::remove_file(&saved);
    assert_eq!(bytes, attachment().bytes);
}

#[test]
fn fonts_are_embedded_liberation_sans() {
    let (_, pdf) = report();
    let Some(fonts) = run("pdffonts", &[], pdf.path()) else {
        return;
    };
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        assert!(row.contains("LiberationSans"), "{row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name, type…, encoding, emb, sub, uni, object ID (2 columns)
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "{row}");
    }
}

#[test]
fn metadata_pdfa_and_dates_come_from_the_document() {
    let (_, pdf) = report();
    let Some(info) = run("pdfinfo", &[], pdf.path()) else {
        return;
    };
    assert!(
        info.contains("Laporan Kinerja Instansi Pemerintah Tahun 2021"),
        "{info}"
    );
    assert!(
        info.contains("Dinas Tenaga Kerja Kabupaten Mojokerto"),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Creator:") && l.contains("lkjip "))
    );
    assert!(info.contains("2022"), "{info}");
    let Some(meta) = run("pdfinfo", &["-meta"], pdf.path()) else {
        return;
    };
    assert!(
        meta.contains("pdfaid:part>3<") || meta.contains("pdfaid:part=\"3\""),
        "{meta}"
    );
    assert!(meta.contains("2022-02-18"), "{meta}");
    assert!(meta.contains("id-ID"), "{meta}");
}

#[test]
fn renders_are_byte_identical() {
    let doc = fixture::report();
    let opts = PdfOptions {
        attachment: Some(attachment()),
        tagged: false,
    };
    let a = render_pdf(&doc, &opts).expect("first");
    let b = render_pdf(&doc, &opts).expect("second");
    assert!(a.bytes == b.bytes, "two renders differ");
    assert_eq!(a.anchor_pages, b.anchor_pages);
}

#[test]
fn warnings_are_errors_with_places() {
    let mut doc = fixture::small(vec![fixture::para(vec![fixture::text("x")])]);
    doc.page.font_pdf = "Arial".to_owned();
    let err = render_pdf(&doc, &PdfOptions::default()).expect_err("unknown font");
    assert!(err.message.contains("unknown font family: arial"), "{err}");
    let first = err.message.lines().next().unwrap_or("");
    assert!(first.starts_with("layouts/report.typ:"), "{err}");
    let place: Vec<&str> = first.splitn(4, ':').collect();
    assert!(
        place[1].parse::<usize>().is_ok() && place[2].parse::<usize>().is_ok(),
        "{err}"
    );
    assert!(first.contains(": warning: "), "{err}");
}

#[test]
fn missing_image_is_an_error() {
    let doc = fixture::small(vec![Block::Image(crate::doc::ir::Image {
        key: "tidak-ada.png".to_owned(),
        width_mm: 20,
        alt: String::new(),
    })]);
    let err = render_pdf(&doc, &PdfOptions::default()).expect_err("missing image");
    assert!(err.message.contains("/img/tidak-ada.png"), "{err}");
    assert!(err.message.starts_with("layouts/"), "{err}");
}

#[test]
fn bad_image_keys_are_refused() {
    let mut doc = fixture::small(vec![]);
    doc.images[0].key = "../x.png".to_owned();
    let err = render_pdf(&doc, &PdfOptions::default()).expect_err("bad key");
    assert!(err.message.contains("../x.png"), "{err}");
}

#[test]
fn attachment_names_are_plain_file_names() {
    assert_eq!(attachment_name("a/b/c.json"), "c.json");
    assert_eq!(attachment_name("C:\\x\\y.json"), "y.json");
    assert_eq!(attachment_name(".."), "bundle.json");
    assert_eq!(attachment_name(""), "bundle.json");
}

#[test]
fn emit_typst_writes_a_complete_tree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = fixture::report();
    emit_typst(&doc, dir.path()).expect("emit");
    for rel in [
        "main.typ",
        "layouts/report.typ",
        "layouts/blocks.typ",
        "layouts/letter.typ",
        "layouts/toc.typ",
        "options.json",
        "fonts/LiberationSans-Regular.ttf",
        "fonts/LiberationSans-BoldItalic.ttf",
        "fonts/LICENSE-Liberation.txt",
        "img/lambang.png",
    ] {
        assert!(dir.path().join(rel).is_file(), "{rel} missing");
    }
    let ir: crate::doc::ir::Document =
        serde_json::from_slice(&std::fs::read(dir.path().join("ir.json")).expect("ir.json"))
            .expect("IR JSON parses back");
    assert_eq!(ir.sections, doc.sections);
    assert_eq!(ir.meta, doc.meta);
}

#[test]
fn text_with_breaks_and_styles_renders() {
    let doc = fixture::small(vec![fixture::para(vec![
        fixture::styled("tebal", true, false, false),
        Inline::Break,
        fixture::styled("miring", false, true, true),
    ])]);
    let out = render_pdf(&doc, &PdfOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let file = TempPdf::new(&out.bytes);
    let Some(fonts) = run("pdffonts", &[], file.path()) else {
        return;
    };
    assert!(fonts.contains("LiberationSans-Bold"), "{fonts}");
    assert!(fonts.contains("LiberationSans-Italic"), "{fonts}");
    let Some(text) = run("pdftotext", &[], file.path()) else {
        return;
    };
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(
        lines.contains(&"tebal") && lines.contains(&"miring"),
        "{text}"
    );
}

/// Measurement behind the `tagged` default (see the module docs):
/// `cargo test --release tagged_size -- --ignored --nocapture`.
#[test]
#[ignore]
fn tagged_size() {
    let doc = fixture::report();
    for _ in 0..3 {
        let start = std::time::Instant::now();
        render_pdf(&doc, &PdfOptions::default()).expect("untagged");
        println!("render: {:?}", start.elapsed());
    }
    let untagged = render_pdf(&doc, &PdfOptions::default()).expect("untagged");
    let tagged = render_pdf(
        &doc,
        &PdfOptions {
            tagged: true,
            ..PdfOptions::default()
        },
    )
    .expect("tagged");
    println!(
        "pages {}: untagged {} bytes, tagged {} bytes",
        untagged.page_count,
        untagged.bytes.len(),
        tagged.bytes.len()
    );
}

/// Writes the report fixture to `$TMPDIR/lkjip-sample.pdf` for looking at it:
/// `cargo test --release write_sample -- --ignored`.
#[test]
#[ignore]
fn write_sample() {
    let (out, _) = report();
    let path = std::env::temp_dir().join("lkjip-sample.pdf");
    std::fs::write(&path, &out.bytes).expect("write sample");
    println!("{}", path.display());
}

#[test]
fn missing_glyphs_are_named_with_their_text() {
    let doc = fixture::small(vec![fixture::para(vec![fixture::text(
        "Target tercapai 文 한 文",
    )])]);
    let err = render_pdf(&doc, &PdfOptions::default()).expect_err("no glyph");
    assert_eq!(err.message.lines().count(), 2, "{err}");
    assert!(
        err.message
            .contains("'文' (U+6587) in \"Target tercapai 文 한 文\""),
        "{err}"
    );
    assert!(err.message.contains("(U+D55C)"), "{err}");
}

#[test]
fn invisible_characters_render() {
    let doc = fixture::small(vec![fixture::para(vec![fixture::text(
        "a\u{200B}b\u{AD}c\u{A0}d\te\nf\u{FEFF}g",
    )])]);
    let out = render_pdf(&doc, &PdfOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let file = TempPdf::new(&out.bytes);
    let Some(text) = run("pdftotext", &[], file.path()) else {
        return;
    };
    assert!(text.contains('a') && text.contains('g'), "{text}");
}

/// Left and right edges of every text run in a frame (groups are only translated in
/// these layouts).
fn text_extents(
    frame: &typst::layout::Frame,
    origin: typst::layout::Point,
    out: &mut Vec<(typst::layout::Abs, typst::layout::Abs, String)>,
) {
    use typst::layout::{FrameItem, Point};
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(g) => {
                let shift = Point::new(g.transform.tx, g.transform.ty);
                text_extents(&g.frame, at + shift, out);
            }
            FrameItem::Text(t) => out.push((at.x, at.x + t.width(), t.text.to_string())),
            _ => {}
        }
    }
}

/// The pages typst lays out for `doc` (no export).
fn laid_out(doc: &Document) -> PagedDocument {
    let world = world::ReportWorld::new(
        doc,
        ir_json(doc, false).expect("json"),
        options_json(None),
        None,
    );
    typst::compile::<PagedDocument>(&world)
        .output
        .unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn text_stays_inside_the_margins() {
    use typst::layout::{Abs, Point};
    let doc = fixture::report();
    let paged = laid_out(&doc);
    let m = doc.page.margin;
    let slack = Abs::pt(0.5);
    for (i, page) in paged.pages().iter().enumerate() {
        let size = page.frame.size();
        // Landscape pages rotate the portrait margins clockwise.
        let (left, right) = if size.x > size.y {
            (m.bottom, m.top)
        } else {
            (m.left, m.right)
        };
        let min = Abs::mm(f64::from(left)) - slack;
        let max = size.x - Abs::mm(f64::from(right)) + slack;
        let mut runs = Vec::new();
        text_extents(&page.frame, Point::zero(), &mut runs);
        for (x0, x1, text) in runs {
            assert!(
                x0 >= min && x1 <= max,
                "page {}: {text:?} at {x0:?}..{x1:?} is outside {min:?}..{max:?}",
                i + 1
            );
        }
    }
}

/// `doc::fit` bounds a table cell's words by these fonts' advance widths: check them.
#[test]
fn the_cell_fitting_bounds_hold_for_every_liberation_face() {
    use crate::doc::fit::{ASCII_ADVANCE, OTHER_ADVANCE};
    let faces: Vec<_> = world::FONTS
        .iter()
        .filter(|(name, _)| name.starts_with("Liberation"))
        .map(|(name, bytes)| (name, ttf_parser::Face::parse(bytes, 0).expect("font")))
        .collect();
    assert_eq!(faces.len(), 8, "Sans and Serif, four styles each");
    let thousandths = |f: &ttf_parser::Face, g| {
        (u32::from(f.glyph_hor_advance(g).unwrap_or(0)) * 1000)
            .div_ceil(u32::from(f.units_per_em()))
    };
    for (name, face) in &faces {
        for (i, bound) in ASCII_ADVANCE.iter().enumerate() {
            let c = char::from(0x20 + i as u8);
            let g = face.glyph_index(c).expect("ASCII glyph");
            assert!(thousandths(face, g) <= *bound, "{name}: {c:?}");
        }
        for g in 0..face.number_of_glyphs() {
            let g = ttf_parser::GlyphId(g);
            assert!(thousandths(face, g) <= OTHER_ADVANCE, "{name}: glyph {g:?}");
        }
    }
}

#[test]
fn every_cell_of_a_narrow_table_stays_in_its_column() {
    use typst::layout::{Abs, Point};
    let doc = fixture::small(vec![fixture::narrow_table()]);
    let paged = laid_out(&doc);
    let m = doc.page.margin;
    let left = Abs::mm(f64::from(m.left));
    let column = (Abs::mm(f64::from(doc.page.width_mm - m.left - m.right))) / 10.0;
    let slack = Abs::pt(0.5);
    let mut runs = Vec::new();
    text_extents(&paged.pages()[0].frame, Point::zero(), &mut runs);
    let mut cells = 0;
    for (x0, x1, text) in runs {
        if text.contains("Tabel") || x0 < left - slack || text.trim().parse::<u32>().is_ok() {
            continue; // the caption, the page number
        }
        cells += 1;
        let k = ((x0 - left) / column).floor();
        let right = left + column * (k + 1.0);
        assert!(
            x1 <= right + slack,
            "{text:?} at {x0:?}..{x1:?} sticks out of column {k} (to {right:?})"
        );
    }
    assert!(cells >= 30, "{cells} runs");
}
