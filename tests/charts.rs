//! Charts and the organisation chart, from the data, in both outputs: every bundle of
//! `data/` gets its charts as SVG that parses and carries its figures; the DOCX holds one
//! picture per chart, rasterised at 220 dpi of its printed width, with the chart's alt
//! text; the tagged PDF has the same alt text on each, every caption, and the
//! organisation chart's unit names as text on its page; the outline can leave each chart
//! out; a wide organisation chart takes a landscape page and a tall one continues on a
//! second chart.

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

use common::*;
use lkjip::bundle::Polaritas;
use lkjip::doc::ir::{Block, Document, Image, Inline, Orientation};
use lkjip::format::{show_measure, show_pct};
use serde_json::{Value, json};

/// The IR of bundle JSON.
fn document_of(name: &str, bytes: &[u8]) -> (Document, lkjip::bundle::Loaded) {
    let loaded = load_ok(name, bytes);
    (lkjip::report::document(&loaded, None), loaded)
}

fn document(path: &Path) -> (Document, lkjip::bundle::Loaded) {
    document_of(
        path.file_name().unwrap().to_str().unwrap(),
        &std::fs::read(path).unwrap(),
    )
}

/// Every chart of the body: its image block, its caption and its section's orientation.
fn charts(doc: &Document) -> Vec<(Image, String, Orientation)> {
    let mut out = Vec::new();
    for s in &doc.sections {
        for pair in s.blocks.windows(2) {
            if let (Block::Image(i), Block::Paragraph(p)) = (&pair[0], &pair[1]) {
                let caption: String = p
                    .spans
                    .iter()
                    .filter_map(|x| match x {
                        Inline::Text { text, .. } => Some(text.as_str()),
                        _ => None,
                    })
                    .collect();
                out.push((i.clone(), caption, s.orientation));
            }
        }
    }
    out
}

fn svg_of<'a>(doc: &'a Document, key: &str) -> &'a str {
    doc.images
        .iter()
        .find(|a| a.key == key)
        .and_then(|a| a.svg.as_deref())
        .unwrap_or_else(|| panic!("no SVG under {key}"))
}

/// The texts of an SVG in document order, joined by spaces (a box's wrapped lines join
/// back into its name).
fn svg_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("the chart is valid SVG");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A bar's label as a panel prints it: the value as the tables print it, or, when the
/// panel's largest value runs to millions and more of a unit other than "%", short in
/// juta / miliar / triliun ("186,01 T", the unit word in the panel's title).
fn panel_label(
    v: rust_decimal::Decimal,
    panel: &[rust_decimal::Decimal],
    satuan: &str,
    dp: u32,
    desimal: u32,
) -> String {
    let max = panel.iter().map(|v| v.abs()).max();
    match max
        .filter(|_| satuan.trim() != "%")
        .and_then(lkjip::format::magnitude)
    {
        Some(m) => lkjip::format::short(v, m, dp),
        None => show_measure(Some(v), satuan, dp, desimal),
    }
}

fn bundle_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn bundle(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

#[test]
fn every_bundle_has_its_charts_as_svg_with_their_figures() {
    for path in data_bundles() {
        let (doc, loaded) = document(&path);
        let b = &loaded.bundle;
        let f = lkjip::figures::compute(b);
        let dp = f.desimal;
        let found = charts(&doc);
        let keys: Vec<&str> = found.iter().map(|c| c.0.key.as_str()).collect();
        let unique: BTreeSet<&str> = keys.iter().copied().collect();
        assert_eq!(unique.len(), keys.len(), "{path:?}: keys repeat: {keys:?}");
        // A trend needs an indicator with more than one year (the 2019 report has none).
        let history = f
            .indikator
            .iter()
            .any(|k| k.tahunan.iter().filter(|y| y.realisasi.is_some()).count() > 1);
        for want in [
            "bagan-organisasi.svg",
            "grafik-pegawai.svg",
            "grafik-iku.svg",
            "grafik-tren.svg",
            "grafik-anggaran.svg",
        ]
        .into_iter()
        .filter(|w| history || *w != "grafik-tren.svg")
        {
            assert!(keys.contains(&want), "{path:?}: no {want} in {keys:?}");
        }
        for (image, caption, _) in &found {
            assert!(
                caption.starts_with("Grafik ") && !caption.starts_with("Grafik #"),
                "{path:?}: caption {caption:?} not numbered"
            );
            assert!(
                !image.alt.trim().is_empty(),
                "{path:?}: {} has no alt",
                image.key
            );
            svg_text(svg_of(&doc, &image.key));
        }

        // the organisation chart: every unit, in its box
        let org = svg_text(svg_of(&doc, "bagan-organisasi.svg"));
        for u in &b.organisasi.unit {
            assert!(
                org.contains(&u.nama),
                "{path:?}: unit {:?} not drawn",
                u.nama
            );
        }
        assert!(
            svg_of(&doc, "bagan-organisasi.svg").contains("stroke-dasharray")
                == b.organisasi.unit.iter().any(|u| matches!(
                    u.jenis,
                    lkjip::bundle::JenisUnit::Fungsional | lkjip::bundle::JenisUnit::Desa
                )),
            "{path:?}: a dashed line exactly for fungsional and desa"
        );

        // IKU: target, realisation, capaian; negative ones say lower is better
        let iku = svg_text(svg_of(&doc, "grafik-iku.svg"));
        let indicators: Vec<_> = b.sasaran.iter().flat_map(|s| &s.indikator).collect();
        for (k, fig) in indicators.iter().zip(&f.indikator) {
            let values: Vec<_> = [fig.target, fig.realisasi].into_iter().flatten().collect();
            for &v in &values {
                let label = panel_label(v, &values, &k.satuan, dp, fig.desimal);
                assert!(iku.contains(&label), "{path:?}: {label} of {}", k.nama);
            }
            if let Some(c) = fig.capaian {
                let label = format!("Capaian {}", show_pct(Some(c), dp));
                assert!(iku.contains(&label), "{path:?}: {label} of {}", k.nama);
            }
        }
        let negative = indicators
            .iter()
            .filter(|k| matches!(k.polaritas, Polaritas::Negatif))
            .count();
        assert_eq!(
            iku.matches("lebih rendah lebih baik").count(),
            negative,
            "{path:?}"
        );
        assert!(iku.contains(&format!("Target {}", b.laporan.tahun)));

        // each indicator over its years
        if history {
            let tren = svg_text(svg_of(&doc, "grafik-tren.svg"));
            for (k, fig) in indicators.iter().zip(&f.indikator) {
                let values: Vec<_> = fig.tahunan.iter().filter_map(|y| y.realisasi).collect();
                for y in &fig.tahunan {
                    if let Some(r) = y.realisasi {
                        let label = panel_label(r, &values, &k.satuan, dp, fig.desimal);
                        assert!(tren.contains(&label), "{path:?}: {label} ({})", y.tahun);
                    }
                }
            }
        }

        // budget: serapan of every sasaran and program, in juta on the axis
        let budget = svg_text(svg_of(&doc, "grafik-anggaran.svg"));
        assert!(budget.contains("juta rupiah") && budget.contains("Alokasi"));
        for a in &f.anggaran {
            let s = format!("Serapan {}", show_pct(a.serapan, dp));
            assert!(budget.contains(&s), "{path:?}: {s}");
            for p in &a.program {
                let s = format!("Serapan {}", show_pct(p.serapan, dp));
                assert!(budget.contains(&s), "{path:?}: {s}");
            }
        }
    }
}

#[test]
fn a_statistic_the_outline_asks_for_is_charted_over_its_periods() {
    let (doc, loaded) = document(&bundle("mojokerto-2021.json"));
    let f = lkjip::figures::compute(&loaded.bundle);
    let found = charts(&doc);
    let (_, caption, _) = found
        .iter()
        .find(|c| c.0.key == "grafik-tpt.svg")
        .expect("the TPT chart placed by kerangka.ubah");
    assert!(
        caption.contains("Tingkat Pengangguran Terbuka Agustus 2019 s.d. Desember 2021"),
        "{caption}"
    );
    let text = svg_text(svg_of(&doc, "grafik-tpt.svg"));
    let tpt = f.statistik.get("tpt").unwrap();
    for (period, v) in f.statistik.periode.iter().zip(&tpt.nilai) {
        assert!(text.contains(period.as_str()), "{period}");
        let label = lkjip::format::show_stat(*v, &tpt.nilai, &tpt.satuan, tpt.laju, f.desimal);
        assert!(text.contains(&label), "{label}");
    }
}

#[test]
fn the_outline_can_leave_each_chart_out_and_an_unknown_statistic_is_an_error() {
    let mut v = bundle_json(&bundle("mojokerto-2021.json"));
    let ubah: Vec<Value> = [
        "bagan-organisasi",
        "grafik-pegawai",
        "grafik-iku",
        "grafik-tren",
        "grafik-anggaran",
        "grafik-tpt",
    ]
    .iter()
    .map(|id| json!({ "hapus": id }))
    .collect();
    v["kerangka"]["ubah"].as_array_mut().unwrap().extend(ubah);
    let (doc, _) = document_of("x.json", &serde_json::to_vec(&v).unwrap());
    assert!(charts(&doc).is_empty(), "{:?}", charts(&doc));
    assert_eq!(doc.images.len(), 1, "only the emblem is left");

    let mut v = bundle_json(&bundle("mojokerto-2021.json"));
    v["kerangka"]["ubah"][0]["sisip"]["tabel"] = json!("tpu");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let out = lkjip(&["check", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "kerangka.ubah[0].sisip.tabel: no statistik.seri or statistik.laju has the id \"tpu\" (did you mean \"tpt\"?)"
        ),
        "{stderr}"
    );
}

/// Every `{{ … }}` of the bundle's texts removed.
fn strip_placeholders(v: &mut Value) {
    match v {
        Value::String(s) => {
            while let Some(a) = s.find("{{") {
                let b = s[a..].find("}}").map_or(s.len(), |b| a + b + 2);
                s.replace_range(a..b, "");
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip_placeholders),
        Value::Object(o) => o.values_mut().for_each(strip_placeholders),
        _ => {}
    }
}

#[test]
fn a_bundle_without_budget_leaves_its_chart_out() {
    let mut v = bundle_json(&bundle("kecamatan-mojosari-2021.json"));
    v["anggaran"] = json!([]);
    // the texts cite budget figures, which are now gone
    strip_placeholders(&mut v);
    let (doc, _) = document_of("x.json", &serde_json::to_vec(&v).unwrap());
    let keys: Vec<String> = charts(&doc).into_iter().map(|c| c.0.key).collect();
    assert!(
        !keys.contains(&"grafik-anggaran.svg".to_string()),
        "{keys:?}"
    );
    assert!(keys.contains(&"grafik-iku.svg".to_string()), "{keys:?}");
}

/// A bundle whose head is `kepala` with `bidang` more bidang of five seksi each and `upt`
/// more UPT.
fn grown(name: &str, bidang: usize, upt: usize) -> Value {
    let mut v = bundle_json(&bundle(name));
    let units = v["organisasi"]["unit"].as_array_mut().unwrap();
    for b in 0..bidang {
        units.push(json!({"id": format!("bx{b}"), "nama": format!("Bidang Tambahan Nomor {b} Urusan Kesehatan Daerah"), "jenis": "bidang", "induk": "kepala", "tugas": []}));
        for s in 0..5 {
            units.push(json!({"id": format!("sx{b}-{s}"), "nama": format!("Seksi Tambahan {b}.{s} Pelayanan dan Pengendalian Kesehatan Masyarakat"), "jenis": "seksi", "induk": format!("bx{b}"), "tugas": []}));
        }
    }
    for p in 0..upt {
        units.push(json!({"id": format!("px{p}"), "nama": format!("UPT Puskesmas Pembantu {p}"), "jenis": "upt", "induk": "kepala", "tugas": []}));
    }
    v
}

#[test]
fn six_bidang_take_a_landscape_page_to_stand_side_by_side() {
    let (doc, loaded) = document_of(
        "x.json",
        &serde_json::to_vec(&grown("mojokerto-2021.json", 2, 0)).unwrap(),
    );
    let found = charts(&doc);
    let (image, _, orientation) = found
        .iter()
        .find(|c| c.0.key == "bagan-organisasi.svg")
        .unwrap();
    assert_eq!(*orientation, Orientation::Landscape);
    // the section's heading goes with it, not left alone at the foot of a portrait page
    let section = doc
        .sections
        .iter()
        .find(|s| {
            s.blocks
                .iter()
                .any(|b| matches!(b, Block::Image(i) if i.key == "bagan-organisasi.svg"))
        })
        .unwrap();
    assert!(
        matches!(&section.blocks[0], Block::Heading(h) if h.text == "DATA UMUM ORGANISASI"),
        "{:?}",
        section.blocks[0]
    );
    let p = &doc.page;
    let landscape_text_mm = p.height_mm - p.margin.top - p.margin.bottom;
    assert!(
        image.width_mm <= landscape_text_mm && image.width_mm > 200,
        "{}",
        image.width_mm
    );
    let org = svg_text(svg_of(&doc, "bagan-organisasi.svg"));
    for u in &loaded.bundle.organisasi.unit {
        assert!(org.contains(&u.nama), "{}", u.nama);
    }
}

#[test]
fn an_organisation_chart_too_tall_for_any_page_continues_on_a_second_one() {
    let (doc, loaded) = document_of(
        "x.json",
        &serde_json::to_vec(&grown("dinkes-mojokerto-2021.json", 2, 20)).unwrap(),
    );
    let found = charts(&doc);
    let parts: Vec<_> = found
        .iter()
        .filter(|c| c.0.key.starts_with("bagan-organisasi"))
        .collect();
    assert_eq!(parts.len(), 2, "{found:?}");
    assert_eq!(parts[1].0.key, "bagan-organisasi-2.svg");
    assert!(
        parts[1]
            .1
            .contains("(lanjutan): 36 UPT Puskesmas, 1 UPT Laboratorium Kesehatan Daerah"),
        "{}",
        parts[1].1
    );
    let first = svg_text(svg_of(&doc, &parts[0].0.key));
    let second = svg_text(svg_of(&doc, &parts[1].0.key));
    assert!(
        first.contains("36 UPT Puskesmas, 1 UPT Laboratorium Kesehatan Daerah (bagan lanjutan)")
    );
    for u in &loaded.bundle.organisasi.unit {
        let in_second = matches!(
            u.jenis,
            lkjip::bundle::JenisUnit::Upt | lkjip::bundle::JenisUnit::Lainnya
        );
        let drawn = if in_second { &second } else { &first };
        assert!(
            drawn.contains(&u.nama),
            "{} (second part: {in_second})",
            u.nama
        );
    }
    assert!(
        second.contains("Kepala Dinas"),
        "the second part hangs from the head"
    );
}

/// The `/Alt` strings of a PDF's structure tree, read with qpdf (objects uncompressed), or
/// `None` (skipped) without qpdf.
fn pdf_alt_texts(pdf: &Path) -> Option<Vec<String>> {
    let qpdf = readers::qpdf()?;
    let dir = tempfile::tempdir().unwrap();
    let qdf = dir.path().join("q.pdf");
    let out = std::process::Command::new(qpdf)
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&qdf)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 3),
        "qpdf failed"
    );
    let bytes = std::fs::read(&qdf).unwrap();
    let mut alts = Vec::new();
    let key = b"/Alt ";
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(key.len()).position(|w| w == key) {
        let start = at + i + key.len();
        let (text, end) = pdf_string(&bytes, start);
        alts.push(text);
        at = end.max(start);
    }
    Some(alts)
}

/// A PDF string object at `i`: a literal `( … )` (escapes and balanced parentheses) or a
/// hex `<FEFF …>` in UTF-16BE; returns the text and the index after it.
fn pdf_string(b: &[u8], mut i: usize) -> (String, usize) {
    if b[i] == b'<' {
        let end = i + b[i..].iter().position(|&c| c == b'>').unwrap();
        let hex: Vec<u8> = b[i + 1..end]
            .iter()
            .copied()
            .filter(u8::is_ascii_hexdigit)
            .collect();
        let raw: Vec<u8> = hex
            .chunks(2)
            .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
            .collect();
        let text = if raw.starts_with(&[0xFE, 0xFF]) {
            let units: Vec<u16> = raw[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        } else {
            raw.iter().map(|&c| c as char).collect()
        };
        return (text, end + 1);
    }
    assert_eq!(b[i], b'(');
    i += 1;
    let (mut depth, mut raw) = (1, Vec::new());
    while i < b.len() {
        let c = b[i];
        i += 1;
        match c {
            b'\\' => {
                let e = b[i];
                i += 1;
                match e {
                    b'n' => raw.push(b'\n'),
                    b'r' => raw.push(b'\r'),
                    b't' => raw.push(b'\t'),
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            if (b'0'..=b'7').contains(&b[i]) {
                                v = v * 8 + u32::from(b[i] - b'0');
                                i += 1;
                            }
                        }
                        raw.push(v as u8);
                    }
                    other => raw.push(other),
                }
            }
            b'(' => {
                depth += 1;
                raw.push(c);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                raw.push(c);
            }
            _ => raw.push(c),
        }
    }
    (raw.iter().map(|&c| c as char).collect(), i)
}

/// (drawing extent width in EMU, alt text, PNG bytes) of every picture of a DOCX.
fn docx_pictures(docx: &Path) -> Vec<(u64, String, Vec<u8>)> {
    let xml = docx_part(docx, "word/document.xml");
    let rels = docx_part(docx, "word/_rels/document.xml.rels");
    let rels = roxmltree::Document::parse(&rels).unwrap();
    let target = |id: &str| {
        rels.descendants()
            .find(|n| n.attribute("Id") == Some(id))
            .and_then(|n| n.attribute("Target"))
            .map(|t| format!("word/{t}"))
            .unwrap()
    };
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut z = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut out = Vec::new();
    for d in doc.descendants().filter(|n| n.has_tag_name("drawing")) {
        let extent = d.descendants().find(|n| n.has_tag_name("extent")).unwrap();
        let cx: u64 = extent.attribute("cx").unwrap().parse().unwrap();
        let descr = d
            .descendants()
            .find(|n| n.has_tag_name("docPr"))
            .and_then(|n| n.attribute("descr"))
            .unwrap_or_default()
            .to_string();
        let blip = d.descendants().find(|n| n.has_tag_name("blip")).unwrap();
        let id = blip
            .attributes()
            .find(|a| a.name() == "embed")
            .unwrap()
            .value();
        let mut bytes = Vec::new();
        z.by_name(&target(id))
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        out.push((cx, descr, bytes));
    }
    out
}

#[test]
fn both_outputs_carry_every_chart_with_its_alt_text_and_caption() {
    for path in data_bundles() {
        let (doc, loaded) = document(&path);
        let found = charts(&doc);
        let (_dir, pdf, docx) = render(path.to_str().unwrap());

        // DOCX: one picture per chart, its alt text, 220 dpi of its printed width
        let pictures = docx_pictures(&docx);
        for (image, _, _) in &found {
            let with_alt: Vec<_> = pictures.iter().filter(|p| p.1 == image.alt).collect();
            assert_eq!(with_alt.len(), 1, "{path:?}: {} pictures", image.key);
            let (cx, _, png) = with_alt[0];
            let (w, h) = lkjip::doc::build::png_size(png).expect("a PNG");
            let mm = *cx as f64 / 36_000.0;
            assert_eq!(
                w,
                (mm * 220.0 / 25.4).ceil() as u32,
                "{path:?}: {} is {w} px for {mm} mm",
                image.key
            );
            let asset = doc.images.iter().find(|a| a.key == image.key).unwrap();
            let want_h = f64::from(w) * f64::from(asset.height_px) / f64::from(asset.width_px);
            assert!(
                (f64::from(h) - want_h).abs() <= 1.0,
                "{path:?}: {} is {w}×{h}, drawn {}×{}",
                image.key,
                asset.width_px,
                asset.height_px
            );
        }

        // tagged PDF: every chart's alt text
        if let Some(alts) = pdf_alt_texts(&pdf) {
            for (image, _, _) in &found {
                assert!(
                    alts.contains(&image.alt),
                    "{path:?}: no /Alt for {} in {alts:?}",
                    image.key
                );
            }
        }

        // PDF: every caption; the unit names as text on the organisation chart's page
        let Some(text) = try_pdf_text(&pdf) else {
            return;
        };
        let squashed = squash(&text);
        for (image, caption, _) in &found {
            assert!(
                squashed.contains(&squash(caption)),
                "{path:?}: caption of {} missing: {caption}",
                image.key
            );
        }
        let (_, caption, _) = found
            .iter()
            .find(|c| c.0.key == "bagan-organisasi.svg")
            .unwrap();
        // the last page with the caption: a Daftar Grafik lists it before
        let page = text
            .split('\u{c}')
            .rfind(|p| squash(p).contains(&squash(caption)))
            .unwrap();
        let page = squash(page);
        for u in &loaded.bundle.organisasi.unit {
            assert!(
                page.contains(&squash(&u.nama)),
                "{path:?}: {} not on the chart's page",
                u.nama
            );
        }
    }
}

/// A text of a chart as the box it takes: left, top, right, bottom, in points.
#[derive(Debug, Clone)]
struct TextBox {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// Every text of an SVG chart as a box measured as the charts measure it
/// ([`lkjip::charts::text_width`]): the anchor sets where it starts, the font size (its
/// own, else the chart's) its height, from 0,75 em above the baseline to 0,2 em below.
fn text_boxes(svg: &str) -> (f64, f64, Vec<TextBox>) {
    let doc = roxmltree::Document::parse(svg).expect("the chart is valid SVG");
    let root = doc.root_element();
    let num = |n: roxmltree::Node, a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok());
    let (w, h) = (num(root, "width").unwrap(), num(root, "height").unwrap());
    let base = num(root, "font-size").unwrap_or(8.0);
    let mut boxes = Vec::new();
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let text = n.text().unwrap_or("").to_string();
        if text.trim().is_empty() {
            continue;
        }
        let size = num(n, "font-size").unwrap_or(base);
        let bold = n.attribute("font-weight") == Some("bold");
        let tw = lkjip::charts::text_width(&text, size, bold);
        let (x, y) = (num(n, "x").unwrap(), num(n, "y").unwrap());
        let x0 = match n.attribute("text-anchor") {
            Some("middle") => x - tw / 2.0,
            Some("end") => x - tw,
            _ => x,
        };
        boxes.push(TextBox {
            text,
            x0,
            y0: y - 0.75 * size,
            x1: x0 + tw,
            y1: y + 0.2 * size,
        });
    }
    (w, h, boxes)
}

/// What is wrong with the texts of a chart: a text outside the chart, two texts on top of
/// each other (0,3 pt of slack for rounding to tenths).
fn label_faults(svg: &str) -> Vec<String> {
    const SLACK: f64 = 0.3;
    let (w, h, boxes) = text_boxes(svg);
    let mut faults = Vec::new();
    for b in &boxes {
        if b.x0 < -SLACK || b.y0 < -SLACK || b.x1 > w + SLACK || b.y1 > h + SLACK {
            faults.push(format!(
                "{:?} leaves the chart ({:.1},{:.1})–({:.1},{:.1}) of {w}×{h}",
                b.text, b.x0, b.y0, b.x1, b.y1
            ));
        }
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let apart = a.x1 <= b.x0 + SLACK
                || b.x1 <= a.x0 + SLACK
                || a.y1 <= b.y0 + SLACK
                || b.y1 <= a.y0 + SLACK;
            if !apart {
                faults.push(format!("{:?} overlaps {:?}", a.text, b.text));
            }
        }
    }
    faults
}

#[test]
fn no_chart_label_leaves_its_chart_or_covers_another() {
    let mut faults = Vec::new();
    for path in data_bundles() {
        let (doc, _) = document(&path);
        for img in doc.images.iter().filter(|a| a.svg.is_some()) {
            for f in label_faults(img.svg.as_deref().unwrap()) {
                faults.push(format!("{}: {}: {f}", path.display(), img.key));
            }
        }
    }
    assert!(
        faults.is_empty(),
        "{} faults:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

#[test]
fn the_label_check_sees_an_overlap_and_a_text_outside() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" font-size="8"><text x="10" y="20">Capaian</text><text x="20" y="22">Target</text><text x="95" y="40">keluar</text></svg>"#;
    let faults = label_faults(svg);
    assert_eq!(faults.len(), 2, "{faults:?}");
}
