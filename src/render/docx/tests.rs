//! Tests of the whole renderer on the shared hand-made report ([`fixture::report`], every
//! block kind): the produced parts are read back (ZIP, XML) and compared with the IR;
//! LibreOffice converts the file to PDF when it is installed.

use std::collections::BTreeMap;
use std::io::Read;

use crate::doc::ir::*;

use super::render_docx;
use super::xml::{self, Element, Node};
use crate::render::fixture;

/// All parts of a package by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        // PNG is compressed already: pictures are stored, every other part deflated.
        let png = f.name().starts_with("word/media/") && f.name().ends_with(".png");
        let method = if png {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        assert_eq!(f.compression(), method, "{} compression", f.name());
        let mut v = Vec::new();
        f.read_to_end(&mut v).expect("read");
        out.insert(f.name().to_string(), v);
    }
    out
}

fn part(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> Element {
    xml::parse(parts.get(name).unwrap_or_else(|| panic!("{name} missing")))
        .expect("parses")
        .root
}

fn all<'a>(root: &'a Element, name: &str) -> Vec<&'a Element> {
    let mut out = Vec::new();
    fn go<'a>(e: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
        if e.name == name {
            out.push(e);
        }
        for c in e.elements() {
            go(c, name, out);
        }
    }
    go(root, name, &mut out);
    out
}

fn style_of(p: &Element) -> Option<&str> {
    p.find("w:pPr")
        .and_then(|pp| pp.find("w:pStyle"))
        .and_then(|s| s.get_attr("w:val"))
}

/// The text of each paragraph (runs' `w:t`, tabs as `\t`, breaks as `\n`).
fn paragraph_text(p: &Element) -> String {
    let mut s = String::new();
    p.walk(&mut |e| match e.name.as_str() {
        "w:t" => {
            for c in &e.children {
                if let Node::Text(t) = c {
                    s.push_str(&xml::unescape(t));
                }
            }
        }
        "w:tab" => s.push('\t'),
        "w:br" => s.push('\n'),
        _ => {}
    });
    s
}

fn render() -> (Vec<u8>, BTreeMap<String, Vec<u8>>) {
    let bytes = render_docx(&fixture::report(), &fixture::page_labels()).expect("renders");
    let parts = unzip(&bytes);
    (bytes, parts)
}

#[test]
fn headings_keep_text_style_and_bookmark() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let body = doc.find("w:body").expect("body");
    let heads: Vec<&Element> = all(body, "w:p")
        .into_iter()
        .filter(|p| style_of(p).is_some_and(|s| s.starts_with("Heading")))
        .collect();
    let mut want = Vec::new();
    for s in &fixture::report().sections {
        for b in &s.blocks {
            if let Block::Heading(h) = b {
                want.push(h.clone());
            }
        }
    }
    assert_eq!(heads.len(), want.len());
    for (p, h) in heads.iter().zip(&want) {
        assert_eq!(style_of(p), Some(format!("Heading{}", h.level).as_str()));
        let text = paragraph_text(p);
        assert!(text.ends_with(&h.text), "{text:?} ends with {:?}", h.text);
        if let Some(n) = &h.number {
            assert!(text.starts_with(n.as_str()));
        }
        let bm = p.find("w:bookmarkStart").expect("bookmark");
        assert!(bm.get_attr("w:name").is_some_and(|n| n.starts_with("_Toc")));
    }
}

#[test]
fn every_ir_text_appears() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let texts: Vec<String> = all(&doc, "w:p").iter().map(|p| paragraph_text(p)).collect();
    // Whitespace aside: a line break is a space in the IR's text and <w:br/> in Word.
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let joined = squash(&texts.join("\n"));
    for t in fixture::report().texts() {
        assert!(joined.contains(&squash(&t)), "missing {t:?}");
    }
}

#[test]
fn sections_orientation_and_page_numbers() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let secs = all(&doc, "w:sectPr");
    let ir = fixture::report();
    assert_eq!(secs.len(), ir.sections.len());
    for (s, irs) in secs.iter().zip(&ir.sections) {
        let sz = s.find("w:pgSz").expect("pgSz");
        let w: u32 = sz.get_attr("w:w").and_then(|v| v.parse().ok()).expect("w");
        let h: u32 = sz.get_attr("w:h").and_then(|v| v.parse().ok()).expect("h");
        match irs.orientation {
            Orientation::Landscape => {
                assert_eq!(sz.get_attr("w:orient"), Some("landscape"));
                assert!(w > h);
            }
            Orientation::Portrait => {
                assert_eq!(sz.get_attr("w:orient"), None);
                assert!(w < h);
            }
        }
        let fmt = s.find("w:pgNumType").and_then(|n| n.get_attr("w:fmt"));
        let want = match irs.numbering {
            PageNumbering::None => None,
            PageNumbering::LowerRoman => Some("lowerRoman"),
            PageNumbering::Arabic => Some("decimal"),
        };
        assert_eq!(fmt, want, "section {}", irs.name);
        let start = s.find("w:pgNumType").and_then(|n| n.get_attr("w:start"));
        assert_eq!(start, irs.restart.then_some("1"), "section {}", irs.name);
        assert!(s.find("w:footerReference").is_some());
    }
    // Two footer parts serve all sections.
    assert_eq!(
        parts
            .keys()
            .filter(|k| k.starts_with("word/footer"))
            .count(),
        2
    );
    let footer = String::from_utf8(parts["word/footer1.xml"].clone()).expect("utf8");
    assert!(footer.contains("PAGE"));
}

#[test]
fn tables_have_header_rows_spans_and_fixed_layout() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let tables: Vec<&Element> = all(&doc, "w:tbl")
        .into_iter()
        .filter(|t| !all(t, "w:tblHeader").is_empty())
        .collect();
    assert_eq!(
        tables.len(),
        3,
        "the long, the narrow and the wide table have header rows"
    );
    // The long table: two header rows, the body rows and a footer row.
    let t = tables[0];
    let rows: Vec<&Element> = t.elements().filter(|e| e.name == "w:tr").collect();
    assert_eq!(rows.len(), 2 + fixture::LONG_TABLE_ROWS + 1);
    let is_head = |r: &Element| {
        r.find("w:trPr")
            .and_then(|p| p.find("w:tblHeader"))
            .is_some()
    };
    assert!(is_head(rows[0]) && is_head(rows[1]) && !is_head(rows[2]));
    assert!(rows.iter().all(|r| {
        r.find("w:trPr")
            .and_then(|p| p.find("w:cantSplit"))
            .is_some()
    }));
    assert_eq!(
        t.find("w:tblPr")
            .and_then(|p| p.find("w:tblLayout"))
            .and_then(|l| l.get_attr("w:type")),
        Some("fixed")
    );
    let grid: u32 = all(t, "w:gridCol")
        .iter()
        .map(|g| {
            g.get_attr("w:w")
                .and_then(|v| v.parse::<u32>().ok())
                .expect("w")
        })
        .sum();
    // The F4 text width: 215 − 40 − 25 mm.
    assert_eq!(grid, 12189 - 2268 - 1417);
    let spans = |r: &Element| -> Vec<String> {
        all(r, "w:gridSpan")
            .iter()
            .filter_map(|g| g.get_attr("w:val").map(str::to_owned))
            .collect()
    };
    assert_eq!(spans(rows[0]), ["2"]);
    assert_eq!(spans(rows[rows.len() - 1]), ["2", "2"]);
    let merges: Vec<Option<&str>> = all(t, "w:vMerge")
        .iter()
        .map(|m| m.get_attr("w:val"))
        .collect();
    assert_eq!(
        merges,
        vec![
            Some("restart"),
            Some("restart"),
            Some("restart"),
            Some("continue"),
            Some("continue"),
            Some("continue")
        ]
    );
    // Every row fills the five grid columns.
    for r in &rows {
        let span: u32 = r
            .elements()
            .filter(|c| c.name == "w:tc")
            .map(|c| {
                c.find("w:tcPr")
                    .and_then(|p| p.find("w:gridSpan"))
                    .and_then(|g| g.get_attr("w:val"))
                    .map_or(1, |v| v.parse().expect("n"))
            })
            .sum();
        assert_eq!(span, 5);
    }
}

#[test]
fn toc_is_a_field_with_cached_page_labels() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let body = doc.find("w:body").expect("body");
    let entries: Vec<&Element> = all(body, "w:p")
        .into_iter()
        .filter(|p| style_of(p).is_some_and(|s| s.starts_with("TOC")))
        .collect();
    // Every heading of the report down to the TOC's depth 2 is listed: 10 of the 11.
    assert_eq!(entries.len(), 10);
    let instr: Vec<String> = all(body, "w:instrText")
        .iter()
        .map(|i| i.text_content())
        .collect();
    assert!(
        instr[0].contains("TOC \\o \"1-2\" \\h \\z \\u"),
        "{instr:?}"
    );
    assert_eq!(
        all(body, "w:fldChar")
            .iter()
            .filter(|f| f.get_attr("w:fldCharType") == Some("begin"))
            .count(),
        11
    );
    assert_eq!(
        all(body, "w:fldChar")
            .iter()
            .filter(|f| f.get_attr("w:fldCharType") == Some("end"))
            .count(),
        11
    );
    let labels = fixture::page_labels();
    let bookmarks: Vec<String> = all(body, "w:bookmarkStart")
        .iter()
        .filter_map(|b| b.get_attr("w:name").map(str::to_string))
        .collect();
    // The level-3 heading "2.1.1 Visi" is not listed.
    for (e, (anchor, text)) in entries.iter().zip([
        ("kata-pengantar", "KATA PENGANTAR"),
        ("daftar-isi", "DAFTAR ISI"),
        ("ikhtisar", "IKHTISAR EKSEKUTIF"),
        ("bab-1", "BAB I PENDAHULUAN"),
        ("s-1-1", "1.1\tLATAR BELAKANG"),
        ("s-1-2", "1.2\tCAPAIAN KINERJA *bukan tebal*"),
        ("bab-2", "BAB II PERENCANAAN KINERJA"),
        ("s-2-1", "2.1\tVISI DAN MISI"),
        ("s-3-2", "3.2\tREALISASI ANGGARAN"),
        ("lampiran", "LAMPIRAN"),
    ]) {
        let link = e.find("w:hyperlink").expect("hyperlink");
        let target = link.get_attr("w:anchor").expect("anchor").to_string();
        assert!(bookmarks.contains(&target), "{target} is a bookmark");
        let want_label = labels.get(anchor).cloned().unwrap_or_default();
        assert_eq!(paragraph_text(e), format!("{text}\t{want_label}"));
        let pageref = all(e, "w:instrText")
            .iter()
            .map(|i| i.text_content())
            .find(|t| t.contains("PAGEREF"))
            .expect("pageref");
        assert!(pageref.contains(&target));
    }
    let settings = part(&parts, "word/settings.xml");
    assert_eq!(
        settings
            .find("w:updateFields")
            .and_then(|u| u.get_attr("w:val")),
        Some("true")
    );
}

#[test]
fn lists_restart_per_list() {
    let (_, parts) = render();
    let num = part(&parts, "word/numbering.xml");
    let nums: Vec<&Element> = num.elements().filter(|e| e.name == "w:num").collect();
    assert_eq!(nums.len(), 6);
    let starts: Vec<&str> = nums
        .iter()
        .map(|n| {
            n.find("w:lvlOverride")
                .and_then(|o| o.find("w:startOverride"))
                .and_then(|s| s.get_attr("w:val"))
                .expect("start")
        })
        .collect();
    // The lettered list, its nested numbered and bulleted lists, then the lists starting
    // at C, lettered with a parenthesis and numbered with a dot.
    assert_eq!(starts, vec!["1", "1", "1", "3", "1", "1"]);
    let doc = part(&parts, "word/document.xml");
    let used: Vec<(String, String)> = all(&doc, "w:numPr")
        .iter()
        .map(|n| {
            let get = |k: &str| {
                n.find(k)
                    .and_then(|e| e.get_attr("w:val"))
                    .expect("val")
                    .to_string()
            };
            (get("w:numId"), get("w:ilvl"))
        })
        .collect();
    assert_eq!(
        used[2],
        ("2".to_string(), "1".to_string()),
        "the nested list is its own num at level 1"
    );
    let rels = String::from_utf8(parts["word/_rels/document.xml.rels"].clone()).expect("utf8");
    assert!(rels.contains("numbering.xml"));
}

#[test]
fn metadata_and_language() {
    let (_, parts) = render();
    let core = part(&parts, "docProps/core.xml");
    let get = |n: &str| core.find(n).map(|e| e.text_content()).unwrap_or_default();
    let ir = fixture::report();
    assert_eq!(get("dc:title"), ir.meta.title);
    assert_eq!(get("dc:creator"), ir.meta.author);
    assert_eq!(get("dc:language"), "id-ID");
    assert_eq!(get("dcterms:created"), "2022-02-18T00:00:00Z");
    let styles = part(&parts, "word/styles.xml");
    assert_eq!(all(&styles, "w:lang")[0].get_attr("w:val"), Some("id-ID"));
    assert!(parts.contains_key("word/theme/theme1.xml"));
    let ct = String::from_utf8(parts["[Content_Types].xml"].clone()).expect("utf8");
    assert!(ct.contains("/word/theme/theme1.xml"));
}

#[test]
fn pictures_have_unique_ids_and_media() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let ids: Vec<&str> = all(&doc, "wp:docPr")
        .iter()
        .filter_map(|d| d.get_attr("id"))
        .collect();
    assert_eq!(ids, vec!["1", "2", "3"]);
    let alts: Vec<Option<&str>> = all(&doc, "wp:docPr")
        .iter()
        .map(|d| d.get_attr("descr"))
        .collect();
    assert_eq!(alts, vec![None, None, Some("Lambang Kabupaten Mojokerto")]);
    assert!(parts.keys().any(|k| k.starts_with("word/media/")));
    let rels = String::from_utf8(parts["word/_rels/document.xml.rels"].clone()).expect("utf8");
    for blip in all(&doc, "a:blip") {
        let rid = blip.get_attr("r:embed").expect("embed");
        assert!(rels.contains(&format!("Id=\"{rid}\"")), "{rid} in rels");
    }
}

#[test]
fn two_renders_are_byte_identical() {
    let a = render_docx(&fixture::report(), &fixture::page_labels()).expect("a");
    let b = render_docx(&fixture::report(), &fixture::page_labels()).expect("b");
    assert!(a == b, "two renders in one process differ");
}

#[test]
fn unknown_image_is_an_error() {
    let mut d = fixture::report();
    d.images.clear();
    let e = render_docx(&d, &fixture::page_labels()).expect_err("no image");
    assert!(e.to_string().contains("lambang.png"));
}

#[test]
fn empty_document_renders() {
    let mut d = fixture::report();
    d.sections.clear();
    let bytes = render_docx(&d, &BTreeMap::new()).expect("renders");
    let parts = unzip(&bytes);
    assert_eq!(all(&part(&parts, "word/document.xml"), "w:sectPr").len(), 1);
}

/// Convert with LibreOffice and find the headings in the PDF's text (skipped without
/// LibreOffice or poppler, see [`crate::readers`]).
#[test]
fn libreoffice_converts_and_shows_headings() {
    let Some(soffice) = crate::readers::soffice() else {
        return;
    };
    let Some(pdftotext) = crate::readers::poppler("pdftotext") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let docx = dir.path().join("sample.docx");
    std::fs::write(
        &docx,
        render_docx(&fixture::report(), &fixture::page_labels()).expect("renders"),
    )
    .expect("write");
    let profile = dir.path().join("profile");
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = dir.path().join("sample.pdf");
    assert!(
        pdf.exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&status.stdout)
    );
    let text = std::process::Command::new(pdftotext)
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    let ir = fixture::report();
    for h in ir.headings() {
        assert!(text.contains(&h.text), "{} in the PDF text", h.text);
    }
}

/// Validate with `openxml-audit` (PyPI): no schema errors (skipped without it, see
/// [`crate::readers`]).
#[test]
fn openxml_audit_finds_no_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.docx");
    std::fs::write(
        &path,
        render_docx(&fixture::report(), &fixture::page_labels()).expect("renders"),
    )
    .expect("write");
    let Some(audit) = crate::readers::openxml_audit() else {
        return;
    };
    let out = std::process::Command::new(audit)
        .arg(&path)
        .args(["-o", "json", "-m", "0"])
        .output()
        .expect("openxml-audit runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let errors = &report[0]["errors"];
    assert_eq!(report[0]["error_count"], 0, "{errors:#}");
}

/// Write the sample to `$LKJIP_DOCX_SAMPLE` when that is set (for looking at it); with
/// `$LKJIP_DOCX_IR` naming an IR JSON (as written by `lkjip render --emit-typst DIR`,
/// images read from `DIR/img/`), render that document instead.
#[test]
fn write_sample_when_asked() {
    let Ok(path) = std::env::var("LKJIP_DOCX_SAMPLE") else {
        return;
    };
    let doc = match std::env::var("LKJIP_DOCX_IR") {
        Ok(ir) => {
            let mut d: Document =
                serde_json::from_slice(&std::fs::read(&ir).expect("IR file")).expect("IR JSON");
            let dir = std::path::Path::new(&ir).parent().expect("dir").join("img");
            for entry in std::fs::read_dir(dir).expect("img dir") {
                let entry = entry.expect("entry");
                let png = std::fs::read(entry.path()).expect("png");
                let w = u32::from_be_bytes(png[16..20].try_into().expect("4 bytes"));
                let h = u32::from_be_bytes(png[20..24].try_into().expect("4 bytes"));
                let key = entry.file_name().to_string_lossy().into_owned();
                d.images.push(ImageAsset {
                    key,
                    png,
                    svg: None,
                    width_px: w,
                    height_px: h,
                });
            }
            d
        }
        Err(_) => fixture::report(),
    };
    std::fs::write(
        path,
        render_docx(&doc, &fixture::page_labels()).expect("renders"),
    )
    .expect("write");
}
