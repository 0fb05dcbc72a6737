//! The report outline as data, tested on the IR (no outside reader needed) and, where the
//! readers are present, on the PDF and DOCX: tables and charts are numbered per chapter
//! with no gap; every narrative of a bundle is printed exactly once; no component is
//! dropped without a note; a bundle's own outline (a section added with a context table,
//! one removed, two reordered, one renamed) renders with gapless numbers in PDF, DOCX and
//! TOC, and its cross-references print the numbers that the captions carry. The IR of every
//! sample bundle is pinned by a reviewed snapshot.

mod common;

use std::path::Path;

use common::*;
use lkjip::doc::Document;
use lkjip::doc::ir::{Block, spans_text};
use serde_json::{Value, json};

const MINIMAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.json");

fn document(loaded: &lkjip::bundle::Loaded) -> Document {
    lkjip::report::document(loaded, None)
}

fn json_of(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every numbered table and chart label in order, with the chapter it stands in.
fn labels(doc: &Document) -> Vec<(u32, String)> {
    let mut chapter = 0;
    let mut out = Vec::new();
    for s in &doc.sections {
        for b in &s.blocks {
            match b {
                Block::Heading(h) if h.level == 1 && h.number.is_some() => chapter += 1,
                Block::Table(t) => {
                    if let Some(c) = t.caption.first().filter(|c| c.starts_with("Tabel ")) {
                        out.push((chapter, c.clone()));
                    }
                }
                Block::Paragraph(p) => {
                    let text = spans_text(&p.spans);
                    if let Some(rest) = text.strip_prefix("Grafik ")
                        && rest
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_digit() || c == '#')
                    {
                        out.push((
                            chapter,
                            text.split(' ').take(2).collect::<Vec<_>>().join(" "),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Labels are `Kind C.N` with C the chapter they stand in and N = 1, 2, 3 … per chapter.
fn assert_gapless(doc: &Document, what: &str) {
    let mut next: std::collections::BTreeMap<(u32, String), u32> = Default::default();
    for (chapter, label) in labels(doc) {
        let (kind, number) = label.split_once(' ').unwrap();
        let expected = next.entry((chapter, kind.to_string())).or_insert(1);
        assert_eq!(
            number,
            format!("{chapter}.{expected}"),
            "{what}: {label} in BAB {chapter}"
        );
        *expected += 1;
    }
    assert!(!next.is_empty(), "{what}: no numbered table");
}

#[test]
fn tables_and_charts_of_every_sample_are_numbered_per_chapter_without_gaps() {
    for path in data_bundles() {
        let loaded = load_ok(&path.display().to_string(), &std::fs::read(&path).unwrap());
        assert_gapless(&document(&loaded), &path.display().to_string());
    }
}

#[test]
fn every_narrative_of_a_bundle_is_printed_exactly_once() {
    for path in data_bundles() {
        let mut v = json_of(path.to_str().unwrap());
        let slots: Vec<String> = v["narasi"].as_object().unwrap().keys().cloned().collect();
        for slot in &slots {
            v["narasi"][slot] = json!([{"p": format!("NARASI[{slot}]")}]);
        }
        let loaded = load_ok("n.json", &serde_json::to_vec(&v).unwrap());
        let all = document(&loaded).texts().join("\n");
        for slot in &slots {
            let mark = format!("NARASI[{slot}]");
            assert_eq!(
                all.matches(&mark).count(),
                1,
                "{}: narasi.{slot} printed {} times",
                path.display(),
                all.matches(&mark).count()
            );
        }
    }
}

#[test]
fn no_component_is_left_out_of_a_sample_and_a_left_out_one_is_noted() {
    for path in data_bundles() {
        let loaded = load_ok(&path.display().to_string(), &std::fs::read(&path).unwrap());
        let notes: Vec<String> = loaded
            .warnings
            .iter()
            .filter(|w| w.severity == lkjip::bundle::Severity::Note)
            .map(|w| w.to_string())
            .collect();
        assert!(notes.is_empty(), "{}: {notes:?}", path.display());
    }
    let mut v = json_of(MINIMAL);
    v["anggaran"] = json!([]);
    v["aset"] = json!([]);
    let loaded = load_ok("no-budget.json", &serde_json::to_vec_pretty(&v).unwrap());
    let notes: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    for kind in ["alokasi", "kinerja_anggaran", "tabel_aset"] {
        assert!(
            notes.iter().any(|n| n.contains(&format!(
                "note: the component {kind} of the outline is left out"
            ))),
            "{kind}: {notes:#?}"
        );
    }
    let doc = document(&loaded);
    assert_gapless(&doc, "no-budget");
    assert!(doc.sections.iter().all(|s| s.name != "landscape"));
}

/// The minimal bundle with its own outline: "Aspek Strategis" added after "Maksud dan
/// Tujuan" with the labour table (taken out of Latar Belakang), "Sistematika Laporan"
/// removed, "Arah Kebijakan" moved before "Indikator Kinerja Utama", "Capaian Kinerja
/// Organisasi" renamed; the conclusion cites two tables and the chart by placeholder.
fn own_outline() -> Value {
    let mut v = json_of(MINIMAL);
    v["kerangka"] = json!({"ubah": [
        {"hapus": "tabel-statistik"},
        {"sisip": {"id": "aspek-strategis", "bagian": {"judul": "Aspek Strategis", "isi": [
            {"narasi": "aspek_strategis"},
            {"komponen": "tabel_statistik", "tabel": "ketenagakerjaan"}
        ]}}, "setelah": "maksud-tujuan"},
        {"hapus": "sistematika"},
        {"pindah": "arah-kebijakan", "sebelum": "iku"},
        {"ganti_judul": "capaian", "judul": "Capaian Kinerja"}
    ]});
    let narasi = v["narasi"].as_object_mut().unwrap();
    narasi.remove("sistematika");
    narasi.insert("arah_kebijakan".into(), json!([{"p": "Arah kebijakan."}]));
    narasi.insert(
        "aspek_strategis".into(),
        json!([{"p": "Aspek strategis pasar kerja disajikan pada {{ tabel.ketenagakerjaan }}."}]),
    );
    narasi.insert(
        "kesimpulan".into(),
        json!([{"p": "Anggaran pada {{ tabel.anggaran }}, pegawai pada {{ grafik.grafik-pegawai }}, sasaran pada {{ tabel.tabel-sasaran }}."}]),
    );
    v
}

fn headings(doc: &Document) -> Vec<String> {
    doc.headings()
        .into_iter()
        .filter(|h| h.level <= 2)
        .map(|h| format!("{} {}", h.number.clone().unwrap_or_default(), h.text))
        .collect()
}

/// The caption label of the table whose title is `title`.
fn caption_of(doc: &Document, title: &str) -> String {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Table(t) if t.caption.get(1).is_some_and(|c| c.contains(title)) => {
                Some(t.caption[0].clone())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no table {title:?}"))
}

#[test]
fn a_bundle_outline_adds_removes_moves_and_renames_sections_with_gapless_numbers() {
    let v = own_outline();
    let loaded = load_ok("own.json", &serde_json::to_vec_pretty(&v).unwrap());
    // The outline raises no warning (the minimal bundle's analysis points without data
    // are warned at their fields, which is not the outline's business).
    let outline_warnings: Vec<_> = loaded
        .warnings
        .iter()
        .filter(|w| !w.message.contains(" of the analysis of "))
        .collect();
    assert!(outline_warnings.is_empty(), "{outline_warnings:?}");
    let doc = document(&loaded);
    let h = headings(&doc);
    let body: Vec<&str> = h
        .iter()
        .map(String::as_str)
        .skip_while(|x| !x.starts_with("BAB I "))
        .collect();
    assert_eq!(
        &body[..7],
        [
            "BAB I PENDAHULUAN",
            "1.1 LATAR BELAKANG",
            "1.2 LANDASAN HUKUM",
            "1.3 MAKSUD DAN TUJUAN",
            "1.4 ASPEK STRATEGIS",
            "1.5 DATA UMUM ORGANISASI",
            "1.6 KEKUATAN SUMBER DAYA",
        ]
    );
    assert!(!h.iter().any(|x| x.contains("SISTEMATIKA")), "{h:#?}");
    let bab2: Vec<&str> = body
        .iter()
        .copied()
        .skip_while(|x| !x.starts_with("BAB II "))
        .take(4)
        .collect();
    assert_eq!(
        bab2,
        [
            "BAB II PERENCANAAN KINERJA",
            "2.1 VISI, MISI, TUJUAN DAN SASARAN",
            "2.2 ARAH KEBIJAKAN",
            "2.3 INDIKATOR KINERJA UTAMA"
        ]
    );
    assert!(h.iter().any(|x| x == "3.1 CAPAIAN KINERJA"), "{h:#?}");
    assert_gapless(&doc, "own outline");
    // The labour table left 1.1 for 1.4, still before the staff table of 1.6.
    let labour = caption_of(&doc, "Kondisi Ketenagakerjaan");
    assert_eq!(labour, "Tabel 1.1");
    assert_eq!(caption_of(&doc, "Jumlah PNS"), "Tabel 1.2");
    let budget = caption_of(&doc, "Alokasi Anggaran");
    let texts = doc.texts();
    // the staff chart's number, from its caption ("Grafik 1.3 Perkembangan Jumlah …")
    let staff = texts
        .iter()
        .find_map(|t| t.strip_suffix(" Perkembangan Jumlah Pegawai Menurut Pangkat/Golongan"))
        .expect("the staff chart's caption")
        .to_string();
    let cites = |s: &str| texts.iter().any(|t| t.contains(s));
    assert!(cites(&format!("pasar kerja disajikan pada {labour}.")));
    assert!(cites(&format!(
        "Anggaran pada {budget}, pegawai pada {staff}, sasaran pada Tabel 2.1."
    )));
    assert!(cites(&format!("Berdasarkan {budget}, total anggaran")));
    assert!(
        !texts.iter().any(|t| t.contains("{{")),
        "an unresolved placeholder"
    );

    // The same numbers in the PDF, the DOCX and both tables of contents.
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("own.json");
    std::fs::write(&src, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let out = lkjip(&[
        "render",
        src.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docx = xml_text(&docx_part(
        &dir.path().join("own.docx"),
        "word/document.xml",
    ));
    let docx = squash(&docx);
    for label in [&labour, &budget, &"Grafik 1.1".to_string()] {
        assert!(docx.contains(&squash(label)), "DOCX lacks {label}");
    }
    // The DOCX TOC lists the new section and not the removed one.
    assert!(
        docx.matches("1.4ASPEKSTRATEGIS").count() >= 2,
        "TOC entry and heading"
    );
    assert!(!docx.contains("SISTEMATIKALAPORAN"));
    if let Some(pdf) = try_pdf_text(&dir.path().join("own.pdf")) {
        let pdf = squash(&pdf);
        assert!(
            pdf.matches("1.4ASPEKSTRATEGIS").count() >= 2,
            "TOC entry and heading"
        );
        for label in [&labour, &budget] {
            assert!(pdf.contains(&squash(label)), "PDF lacks {label}");
        }
        assert!(pdf.contains(&squash(&format!("pasar kerja disajikan pada {labour}."))));
    }
}

#[test]
fn outline_mistakes_are_located_and_explained() {
    let mut v = own_outline();
    v["kerangka"]["ubah"] = json!([
        {"hapus": "sistematik"},
        {"sisip": {"id": "x", "komponen": "tabel_anggaran"}, "ke": "penutup"},
        {"pindah": "iku"}
    ]);
    let bytes = serde_json::to_vec_pretty(&v).unwrap();
    let problems = lkjip::check::load("bad.json", &bytes).unwrap_err();
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let has = |s: &str| lines.iter().any(|l| l.contains(s));
    assert!(
        has(
            "kerangka.ubah[0].hapus: the outline has no chapter or item with the id \"sistematik\" (did you mean \"sistematika\"?)"
        ),
        "{lines:#?}"
    );
    assert!(
        has("kerangka.ubah[1].sisip.komponen: unknown component \"tabel_anggaran\""),
        "{lines:#?}"
    );
    assert!(
        has("kerangka.ubah[2]: say where: exactly one of setelah, sebelum, ke"),
        "{lines:#?}"
    );
    // Narratives the outline never places are reported, not silently dropped.
    assert!(
        has("narasi.aspek_strategis: warning: no item of the outline places this text"),
        "{lines:#?}"
    );
    // A removed table can no longer be cited.
    let mut w = json_of(MINIMAL);
    w["kerangka"] = json!({"ubah": [{"hapus": "tabel-sasaran"}]});
    let problems =
        lkjip::check::load("w.json", &serde_json::to_vec_pretty(&w).unwrap()).unwrap_err();
    assert!(
        problems.iter().any(|p| p
            .message
            .contains("cites the unknown figure \"tabel.tabel-sasaran\"")),
        "{problems:#?}"
    );
}

/// The IR as text to review: one line per heading, paragraph, list item, picture and
/// table row, with what it is and its numbers (kinds: H1–H3, P, L, T caption, | row, IMG,
/// SIG, PB page break, and a line per section).
fn outline_view(doc: &Document) -> String {
    fn blocks(out: &mut String, bs: &[Block], depth: usize) {
        let pad = "  ".repeat(depth);
        for b in bs {
            match b {
                Block::Heading(h) => out.push_str(&format!(
                    "{pad}H{} {} {} #{}{}\n",
                    h.level,
                    h.number.clone().unwrap_or_default(),
                    h.text,
                    h.anchor,
                    if h.in_toc { "" } else { " (not in TOC)" }
                )),
                Block::Paragraph(p) => out.push_str(&format!("{pad}P {}\n", spans_text(&p.spans))),
                Block::List(l) => {
                    for item in &l.items {
                        out.push_str(&format!(
                            "{pad}L {:?} {}\n",
                            l.style,
                            spans_text(&item.spans)
                        ));
                        blocks(out, &item.children, depth + 1);
                    }
                }
                Block::Table(t) => {
                    out.push_str(&format!("{pad}T {}\n", t.caption.join(" / ")));
                    for r in t.header.iter().chain(&t.body) {
                        let cells: Vec<String> =
                            r.cells.iter().map(|c| spans_text(&c.spans)).collect();
                        out.push_str(&format!("{pad}| {}\n", cells.join(" | ")));
                    }
                    if let Some(n) = &t.note {
                        out.push_str(&format!("{pad}  note: {n}\n"));
                    }
                }
                Block::Image(i) => out.push_str(&format!("{pad}IMG {} ({})\n", i.key, i.alt)),
                Block::PageBreak => out.push_str(&format!("{pad}PB\n")),
                other => {
                    let kind = format!("{other:?}");
                    let kind = kind.split(['(', ' ', '{']).next().unwrap_or("");
                    out.push_str(&format!("{pad}{kind}\n"));
                }
            }
        }
    }
    let mut out = format!(
        "{} ({} × {} mm, {})\n",
        doc.meta.title, doc.page.width_mm, doc.page.height_mm, doc.page.font_pdf
    );
    for s in &doc.sections {
        out.push_str(&format!(
            "== section {} {:?} {:?} restart={}\n",
            s.name, s.orientation, s.numbering, s.restart
        ));
        blocks(&mut out, &s.blocks, 0);
    }
    out
}

/// The IR of every sample, pinned: a change to the report's content shows up as a diff
/// of `tests/snapshots/NAME.ir.txt` to review (`LKJIP_BLESS=1 cargo test --release
/// --test outline` rewrites them).
#[test]
fn the_ir_of_every_sample_matches_its_reviewed_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("LKJIP_BLESS").is_some();
    let mut stale = Vec::new();
    for path in data_bundles() {
        let loaded = load_ok(&path.display().to_string(), &std::fs::read(&path).unwrap());
        let doc = document(&loaded);
        let got = outline_view(&doc);
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let snap = root.join(format!("tests/snapshots/{stem}.ir.txt"));
        std::fs::create_dir_all(snap.parent().unwrap()).unwrap();
        if bless {
            std::fs::write(&snap, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&snap).unwrap_or_default();
        if want != got {
            let new = snap.with_extension("txt.new");
            std::fs::write(&new, &got).unwrap();
            stale.push(format!(
                "{}: differs (the new IR is in {}; review with `diff`, then bless)",
                snap.display(),
                new.display()
            ));
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}
