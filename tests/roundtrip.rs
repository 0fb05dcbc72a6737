//! The Word round trip: a DOCX made by lkjip, edited with python-docx (and re-saved by
//! LibreOffice), absorbed back into its bundle; `audit` finds retyped figures; bad input
//! is refused with one located message and nothing written.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{lkjip, readers};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
const DINKES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/dinkes-mojokerto-2021.json"
);
const EDIT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/roundtrip_edit.py");

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Render a bundle's DOCX into `dir`; its path.
fn docx_of(bundle: &str, dir: &Path) -> PathBuf {
    let out = lkjip(&["render", bundle, "-o", s(dir), "--format", "docx"]);
    assert!(out.status.success(), "render: {}", err(&out));
    let stem = Path::new(bundle).file_stem().unwrap().to_str().unwrap();
    dir.join(format!("{stem}.docx"))
}

/// A copy of a bundle in `dir` (absorb writes beside it).
fn copy_bundle(bundle: &str, dir: &Path) -> PathBuf {
    let p = dir.join("bundle.json");
    std::fs::copy(bundle, &p).unwrap();
    p
}

/// Apply edits with python-docx; `None` (skipped) when python-docx is missing.
fn edit(src: &Path, dst: &Path, edits: &[&str]) -> Option<()> {
    let python = readers::python_module("docx", "python-docx with pip")?;
    let out = Command::new(python)
        .arg(EDIT)
        .arg(src)
        .arg(dst)
        .args(edits)
        .output()
        .unwrap();
    assert!(out.status.success(), "edit script: {}", err(&out));
    Some(())
}

fn json(p: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a.iter().map(plain).collect(),
        serde_json::Value::Object(o) => o.values().map(plain).collect(),
        _ => String::new(),
    }
}

/// The texts of a narasi slot's blocks, one per block.
fn slot(b: &serde_json::Value, name: &str) -> Vec<serde_json::Value> {
    b["narasi"][name].as_array().cloned().unwrap_or_default()
}

#[test]
fn render_then_absorb_without_edit_gives_the_same_bundle_for_every_bundle_in_data() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(DATA).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let bundle = s(&path);
        let docx = docx_of(bundle, dir.path());
        let new = dir.path().join("new.json");
        let out = lkjip(&["absorb", s(&docx), "--into", bundle, "-o", s(&new)]);
        assert!(out.status.success(), "{bundle}: {}", err(&out));
        assert_eq!(
            std::fs::read(&new).unwrap(),
            std::fs::read(&path).unwrap(),
            "{bundle}: absorb of the unedited DOCX changed the bundle: {}",
            err(&out)
        );
        let audit = lkjip(&["audit", s(&docx), "--bundle", bundle]);
        assert!(audit.status.success(), "{bundle}: audit: {}", err(&audit));
    }
}

/// The text edits, absorbed: each lands in its slot, in the bundle's forms.
fn check_text_edits(b: &serde_json::Value) {
    let lb = slot(b, "latar_belakang");
    assert_eq!(
        lb[2]["p"],
        "Paragraf latar belakang ini ditulis ulang oleh rekan kerja."
    );
    // a word made bold: {"b": …} then the rest
    assert_eq!(lb[0]["p"][0]["b"], "Pembangunan", "{}", lb[0]);
    assert!(plain(&lb[0]["p"][1]).starts_with(" kesehatan merupakan"));
    // the figure stays a placeholder, the words typed around it stay around it
    let lbl = slot(b, "latar_belakang_lanjutan");
    let p0 = plain(&lbl[0]["p"]);
    assert!(
        p0.contains("sebesar kurang lebih {{ aki.2021 }} (angka resmi)"),
        "{p0}"
    );
    // a list item added after the second
    let mt = slot(b, "maksud_tujuan");
    let items = mt[2]["list"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 4, "{items:?}");
    assert_eq!(
        items[2],
        "Menjadi dasar perbaikan layanan tahun berikutnya."
    );
    assert_eq!(mt[2]["list"]["style"], "1.");
    // a cell of a narrative table
    let sp = slot(b, "sarana_prasarana");
    assert_eq!(sp[1]["table"]["baris"][1][1], "17");
    assert_eq!(
        sp[1]["table"]["judul"],
        "Fasilitas Pelayanan Kesehatan di Kabupaten Mojokerto Tahun 2021"
    );
    // a paragraph deleted
    let cp = slot(b, "capaian_pembuka");
    assert_eq!(cp.len(), 3);
    assert!(!cp.iter().any(|x| plain(x).starts_with("Peningkatan AKI")));
}

const TEXT_EDITS: [&str; 6] = ["rewrite", "around", "item", "bold", "cell", "delete"];

#[test]
fn python_docx_edits_are_absorbed_into_their_slots() {
    let dir = tempfile::tempdir().unwrap();
    let docx = docx_of(DINKES, dir.path());
    let edited = dir.path().join("edited.docx");
    if edit(&docx, &edited, &TEXT_EDITS).is_none() {
        return;
    }
    let bundle = copy_bundle(DINKES, dir.path());
    let before = std::fs::read(&bundle).unwrap();
    // --dry-run writes nothing
    let out = lkjip(&["absorb", s(&edited), "--into", s(&bundle), "--dry-run"]);
    assert!(out.status.success(), "{}", err(&out));
    assert_eq!(std::fs::read(&bundle).unwrap(), before);
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.contains("narasi.latar_belakang:"), "{diff}");
    assert!(
        diff.contains("+ Paragraf latar belakang ini ditulis ulang"),
        "{diff}"
    );
    let new = dir.path().join("new.json");
    let out = lkjip(&["absorb", s(&edited), "--into", s(&bundle), "-o", s(&new)]);
    assert!(out.status.success(), "{}", err(&out));
    let b = json(&new);
    check_text_edits(&b);
    // everything else untouched: the new bundle renders, and absorbing the same edits
    // into it changes nothing more
    let check = lkjip(&["check", s(&new)]);
    assert!(check.status.success(), "{}", err(&check));
    let again = dir.path().join("again.json");
    let out = lkjip(&["absorb", s(&edited), "--into", s(&new), "-o", s(&again)]);
    assert!(out.status.success(), "{}", err(&out));
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&new).unwrap());
}

#[test]
fn a_retyped_capaian_is_refused_with_its_location_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let docx = docx_of(DINKES, dir.path());
    let edited = dir.path().join("edited.docx");
    if edit(&docx, &edited, &["rewrite", "capaian"]).is_none() {
        return;
    }
    let bundle = copy_bundle(DINKES, dir.path());
    let new = dir.path().join("new.json");
    let out = lkjip(&["absorb", s(&edited), "--into", s(&bundle), "-o", s(&new)]);
    assert_eq!(out.status.code(), Some(1), "{}", err(&out));
    assert!(!new.exists(), "nothing may be written");
    let e = err(&out);
    assert!(e.contains(".capaian printed as \"135,89%\""), "{e}");
    assert!(
        e.contains("row \"") && e.contains("column \"Capaian\""),
        "{e}"
    );
    assert!(e.contains("realisasi"), "says what to change instead: {e}");
    // audit lists it too
    let audit = lkjip(&["audit", s(&edited), "--bundle", s(&bundle)]);
    assert_eq!(audit.status.code(), Some(1), "{}", err(&audit));
    assert!(String::from_utf8_lossy(&audit.stdout).contains("135,89%"));
    // --keep-text takes the text edit alone
    let out = lkjip(&[
        "absorb",
        s(&edited),
        "--into",
        s(&bundle),
        "-o",
        s(&new),
        "--keep-text",
    ]);
    assert!(out.status.success(), "{}", err(&out));
    let b = json(&new);
    assert_eq!(
        slot(&b, "latar_belakang")[2]["p"],
        "Paragraf latar belakang ini ditulis ulang oleh rekan kerja."
    );
}

#[test]
fn a_capaian_cell_replaced_whole_and_a_retyped_figure_in_prose_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let docx = docx_of(DINKES, dir.path());
    let edited = dir.path().join("edited.docx");
    if edit(&docx, &edited, &["capaian_cell", "prose"]).is_none() {
        return;
    }
    let bundle = copy_bundle(DINKES, dir.path());
    let out = lkjip(&["absorb", s(&edited), "--into", s(&bundle), "--dry-run"]);
    assert_eq!(out.status.code(), Some(1), "{}", err(&out));
    let e = err(&out);
    // the control is gone with the cell's content: the cell's place names the figure
    assert!(
        e.contains("column \"Capaian\": figure IKU1.capaian printed as \"135,89%\""),
        "{e}"
    );
    assert!(
        e.contains("narasi.latar_belakang_lanjutan, body element")
            && e.contains("figure aki.2021 printed as \"140,00\""),
        "{e}"
    );
    assert!(e.contains("2 changed figure(s)"), "{e}");
}

/// LibreOffice re-saves the python-docx edits: the marks survive (the bookmarks by name,
/// the figure controls by their alias) and absorb gives the same bundle, or it says
/// exactly what was lost.
#[test]
fn libreoffice_resave_keeps_the_marks_or_absorb_says_what_was_lost() {
    let dir = tempfile::tempdir().unwrap();
    let docx = docx_of(DINKES, dir.path());
    let edited = dir.path().join("edited.docx");
    if edit(&docx, &edited, &TEXT_EDITS).is_none() {
        return;
    }
    let Some(soffice) = readers::soffice() else {
        return;
    };
    let lo = dir.path().join("lo");
    std::fs::create_dir_all(&lo).unwrap();
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(&lo)
        .arg(&edited)
        .output()
        .unwrap();
    let resaved = lo.join("edited.docx");
    assert!(resaved.exists(), "LibreOffice: {}", err(&out));
    let bundle = copy_bundle(DINKES, dir.path());
    let new = dir.path().join("new.json");
    let out = lkjip(&["absorb", s(&resaved), "--into", s(&bundle), "-o", s(&new)]);
    if out.status.success() {
        check_text_edits(&json(&new));
    } else {
        assert_eq!(out.status.code(), Some(1));
        assert!(!new.exists());
        let e = err(&out);
        // every refusal is located
        for l in e.lines().filter(|l| !l.contains("not absorbed:")) {
            assert!(l.contains(": "), "{l}");
        }
        panic!("LibreOffice lost marks: {e}");
    }
}

#[test]
fn tracked_changes_are_read_as_accepted_and_listed_and_comments_counted() {
    let dir = tempfile::tempdir().unwrap();
    let docx = docx_of(DINKES, dir.path());
    let edited = dir.path().join("edited.docx");
    if edit(&docx, &edited, &["tracked"]).is_none() {
        return;
    }
    let bundle = copy_bundle(DINKES, dir.path());
    let new = dir.path().join("new.json");
    let out = lkjip(&["absorb", s(&edited), "--into", s(&bundle), "-o", s(&new)]);
    assert!(out.status.success(), "{}", err(&out));
    let e = err(&out);
    assert!(
        e.contains("narasi.maksud_tujuan: tracked change read as accepted: inserted \"Ditambahkan"),
        "{e}"
    );
    assert!(
        e.contains("tracked change read as accepted: deleted \"Maksud\""),
        "{e}"
    );
    assert!(e.contains("1 comment(s) ignored"), "{e}");
    let p = plain(&slot(&json(&new), "maksud_tujuan")[0]);
    assert!(p.starts_with("penyusunan LKjIP"), "{p}");
    assert!(p.ends_with("Ditambahkan dengan lacak perubahan."), "{p}");
}

fn absorb_refuses(file: &Path, bundle: &str, what: &str) {
    let dir = file.parent().unwrap();
    let new = dir.join("refused.json");
    let out = lkjip(&["absorb", s(file), "--into", bundle, "-o", s(&new)]);
    assert_eq!(out.status.code(), Some(1), "{what}: {}", err(&out));
    assert!(!new.exists(), "{what}: nothing may be written");
    let e = err(&out);
    assert_eq!(e.lines().count(), 1, "{what}: one message: {e}");
    assert!(e.starts_with(s(file)), "{what}: located: {e}");
}

fn zip_with(dir: &Path, name: &str, parts: &[(&str, &[u8])]) -> PathBuf {
    let p = dir.join(name);
    let mut z = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
    for (n, b) in parts {
        z.start_file(*n, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(b).unwrap();
    }
    z.finish().unwrap();
    p
}

#[test]
fn bad_input_is_refused_with_one_located_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let docx = docx_of(DINKES, d);
    // not a DOCX
    let not = d.join("not.docx");
    std::fs::write(&not, b"just text").unwrap();
    absorb_refuses(&not, DINKES, "not a DOCX");
    // truncated
    let bytes = std::fs::read(&docx).unwrap();
    let cut = d.join("cut.docx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    absorb_refuses(&cut, DINKES, "truncated zip");
    // a DOCX not made by lkjip
    let body = br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>"#;
    let foreign = zip_with(d, "foreign.docx", &[("word/document.xml", body)]);
    absorb_refuses(&foreign, DINKES, "not made by lkjip");
    // from another bundle
    let other = concat!(env!("CARGO_MANIFEST_DIR"), "/data/mojokerto-2021.json");
    absorb_refuses(&docx, other, "another bundle");
    // entities
    let xxe = br#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#;
    let ent = zip_with(d, "entity.docx", &[("word/document.xml", xxe)]);
    absorb_refuses(&ent, DINKES, "DOCTYPE with an external entity");
    let out = lkjip(&["absorb", s(&ent), "--into", DINKES, "--dry-run"]);
    assert!(err(&out).contains("word/document.xml:1:"), "{}", err(&out));
    // a zip bomb: a part declared (and inflating to) more than the cap
    let bomb = d.join("bomb.docx");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        z.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true),
        )
        .unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..80 {
            z.write_all(&chunk).unwrap();
        }
        z.finish().unwrap();
    }
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20);
    absorb_refuses(&bomb, DINKES, "zip bomb");
}

/// Every figure the IR marks prints exactly that figure's value, and the narrative slots
/// and tables carry their origin (for every bundle in data/).
#[test]
fn every_marked_figure_prints_its_value() {
    use lkjip::doc::ir::{Block, Inline};
    fn span_text(i: &Inline) -> &str {
        match i {
            Inline::Text { text, .. } => text,
            Inline::Break => "",
        }
    }
    fn walk(
        blocks: &[Block],
        names: &std::collections::BTreeMap<String, String>,
        count: &mut (usize, usize),
    ) {
        // prose: the mark's span; a table cell: its single span
        let check = |spans: &[Inline], m: &lkjip::doc::ir::FigureMark, n: &mut usize| {
            let text = span_text(&spans[if spans.len() == 1 { 0 } else { m.index }]);
            if let Some(v) = names.get(&m.name) {
                assert_eq!(&text[m.start..m.end], v, "{}", m.name);
                *n += 1;
            }
        };
        for b in blocks {
            match b {
                Block::Paragraph(p) => {
                    if p.origin.source.is_some() {
                        count.1 += 1;
                    }
                    for m in &p.origin.figures {
                        check(&p.spans, m, &mut count.0);
                    }
                }
                Block::List(l) => {
                    for it in &l.items {
                        for m in &it.origin.figures {
                            check(&it.spans, m, &mut count.0);
                        }
                        walk(&it.children, names, count);
                    }
                }
                Block::Table(t) => {
                    let rows: Vec<_> = t.header.iter().chain(&t.body).collect();
                    for m in &t.origin.figures {
                        check(&rows[m.row].cells[m.index].spans, m, &mut count.0);
                    }
                }
                _ => {}
            }
        }
    }
    for entry in std::fs::read_dir(DATA).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let loaded = lkjip::check::load("b", &bytes).unwrap();
        let names = lkjip::figures::compute(&loaded.bundle).names;
        let doc = lkjip::report::document(&loaded, None);
        let mut count = (0, 0);
        for s in &doc.sections {
            walk(&s.blocks, &names, &mut count);
        }
        assert!(
            count.0 > 20,
            "{}: only {} figures marked",
            path.display(),
            count.0
        );
        assert!(
            count.1 > 10,
            "{}: only {} sourced paragraphs",
            path.display(),
            count.1
        );
    }
}
