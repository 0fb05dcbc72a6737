//! Every agency's data (schema 2): the version-1 fixture keeps rendering through the
//! migration exactly as its migrated file does, `migrate` output passes `check`, a bundle
//! without labour data gets no labour table nor wording, PPPK counts reach the staff table
//! and its totals, and every sample bundle in `data/` renders with its own statistics.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use lkjip::doc::Document;
use lkjip::doc::ir::{Block, Table, spans_text};

const V1_SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/v1/mojokerto-2021.json"
);
const V1_MINIMAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/v1/minimal.json"
);

fn document_of(path: &str) -> Document {
    let loaded = load_ok(path, &std::fs::read(path).unwrap());
    lkjip::report::document(&loaded, None)
}

/// Every table of the IR: (number, title) from its caption, and the table.
fn tables(doc: &Document) -> Vec<(String, String, &Table)> {
    let mut out = Vec::new();
    for s in &doc.sections {
        for b in &s.blocks {
            if let Block::Table(t) = b {
                let number = t.caption.first().cloned().unwrap_or_default();
                let title = t.caption.get(1).cloned().unwrap_or_default();
                out.push((number, title, t));
            }
        }
    }
    out
}

fn cell_texts(t: &Table) -> Vec<Vec<String>> {
    t.header
        .iter()
        .chain(&t.body)
        .map(|r| r.cells.iter().map(|c| spans_text(&c.spans)).collect())
        .collect()
}

fn migrate_to(src: &str, dir: &Path) -> PathBuf {
    let dest = dir.join(Path::new(src).file_name().unwrap());
    let out = lkjip(&["migrate", src, "-o", dest.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "migrate failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dest
}

#[test]
fn the_version_1_sample_builds_the_same_report_as_its_migrated_file() {
    let dir = tempfile::tempdir().unwrap();
    let migrated = migrate_to(V1_SAMPLE, dir.path());
    assert_eq!(
        document_of(V1_SAMPLE),
        document_of(migrated.to_str().unwrap()),
        "the IR of the v1 file and of its migrated form differ"
    );
}

#[test]
fn the_version_1_sample_renders_through_the_migration_with_the_same_pdf_text() {
    if readers::poppler("pdftotext").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let migrated = migrate_to(V1_SAMPLE, dir.path());
    let v1_out = dir.path().join("v1");
    let v2_out = dir.path().join("v2");
    let r1 = lkjip(&["render", V1_SAMPLE, "-o", v1_out.to_str().unwrap()]);
    let r2 = lkjip(&[
        "render",
        migrated.to_str().unwrap(),
        "-o",
        v2_out.to_str().unwrap(),
    ]);
    assert!(r1.status.success() && r2.status.success());
    let note = String::from_utf8_lossy(&r1.stderr);
    assert!(
        note.contains("note: schema version 1 read through the migration to 2"),
        "{note}"
    );
    assert!(!String::from_utf8_lossy(&r2.stderr).contains("note:"));
    let text = |d: &Path| pdf_text(&d.join("mojokerto-2021.pdf"));
    let (a, b) = (text(&v1_out), text(&v2_out));
    assert!(a.contains("Tingkat Pengangguran Terbuka (TPT)") && a.contains("3,01%"));
    assert_eq!(a, b);
}

#[test]
fn migrate_lists_its_changes_and_its_output_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("new.json");
    let out = lkjip(&["migrate", V1_MINIMAL, "-o", dest.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("migrated: schema_version: 1 → 2"), "{err}");
    assert!(
        err.contains("migrated: ketenagakerjaan → statistik"),
        "{err}"
    );
    assert!(
        err.contains("migrated: pegawai: list of 1 year(s)"),
        "{err}"
    );
    let check = lkjip(&["check", dest.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // A current bundle: nothing to change, the same content on stdout.
    let again = lkjip(&["migrate", dest.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to change"));
    assert_eq!(again.stdout, std::fs::read(&dest).unwrap());
}

#[test]
fn migrate_never_replaces_the_output_when_the_input_is_broken() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"schema_version\": 1,").unwrap();
    let dest = dir.path().join("out.json");
    std::fs::write(&dest, "precious").unwrap();
    let out = lkjip(&[
        "migrate",
        bad.to_str().unwrap(),
        "-o",
        dest.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with(&format!("{}:1:", bad.display())), "{err}");
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "precious");
}

/// The v1 minimal bundle with no labour-market period, its goal indicator typed instead.
fn without_labour_data(dir: &Path) -> PathBuf {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(V1_MINIMAL).unwrap()).unwrap();
    v["ketenagakerjaan"]["periode"] = serde_json::json!([]);
    v["narasi"]["latar_belakang"] =
        serde_json::json!([{"p": "Latar belakang tanpa data pasar kerja."}]);
    let goal = &mut v["tujuan"][0]["indikator"][0];
    goal.as_object_mut().unwrap().remove("realisasi_dari");
    goal["realisasi"] = serde_json::json!({"2021": 3.2});
    let path = dir.join("no-labour.json");
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path
}

#[test]
fn a_bundle_without_labour_data_gets_no_labour_table_nor_wording() {
    let dir = tempfile::tempdir().unwrap();
    let path = without_labour_data(dir.path());
    let doc = document_of(path.to_str().unwrap());
    let all = doc.texts().join("\n");
    // (The goal indicator "Tingkat Pengangguran Terbuka" is the bundle's own text.)
    for word in [
        "Ketenagakerjaan",
        "TPT =",
        "TPAK",
        "Angkatan Kerja",
        "Bekerja",
    ] {
        assert!(!all.contains(word), "{word:?} is printed:\n{all}");
    }
    // BAB I's tables are numbered from 1.1 with no gap: staff first, then assets.
    let numbers: Vec<String> = tables(&doc)
        .iter()
        .filter(|t| t.0.starts_with("Tabel 1."))
        .map(|t| t.0.clone())
        .collect();
    assert_eq!(numbers, ["Tabel 1.1", "Tabel 1.2"]);
    if readers::poppler("pdftotext").is_some() {
        let out = dir.path().join("out");
        let r = lkjip(&[
            "render",
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let text = pdf_text(&out.join("no-labour.pdf"));
        assert!(!text.contains("Ketenagakerjaan") && !text.contains("TPAK"));
        assert!(text.contains("Tabel 1.1"));
    }
}

#[test]
fn pppk_counts_reach_the_staff_table_totals_and_placeholders() {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(MINIMAL).unwrap()).unwrap();
    v["pegawai"]["per_tahun"][0]["pppk"] = serde_json::json!(7);
    v["pegawai"]["rincian"] = serde_json::json!([{
        "judul": "Jumlah Pegawai Menurut Pendidikan",
        "baris": [{"nama": "S1", "jumlah": {"2021": 30}}, {"nama": "SMA", "jumlah": {"2021": 5}}]
    }]);
    v["narasi"]["kesimpulan"] = serde_json::json!([{"p": "Pegawai {{ pegawai.2021 }} orang, PPPK {{ pegawai.pppk.2021 }}."}]);
    let bytes = serde_json::to_vec(&v).unwrap();
    let loaded = load_ok("pppk.json", &bytes);
    // No staff warning (the analysis points without data are warned at their own fields).
    let staff_warnings: Vec<_> = loaded
        .warnings
        .iter()
        .filter(|w| !w.message.contains(" of the analysis of "))
        .collect();
    assert!(staff_warnings.is_empty(), "{staff_warnings:?}");
    let doc = lkjip::report::document(&loaded, None);
    let all = tables(&doc);
    let staff = all
        .iter()
        .find(|t| t.1.contains("PPPK"))
        .expect("a staff table with PPPK");
    let rows = cell_texts(staff.2);
    assert!(rows[0].contains(&"Jumlah PNS".to_string()), "{rows:?}");
    // 0 + 5 + 20 + 3 PNS, 7 PPPK, 35 in all.
    assert_eq!(rows[1], ["2021", "0", "5", "20", "3", "28", "7", "35"]);
    let breakdown = all
        .iter()
        .find(|t| t.1 == "Jumlah Pegawai Menurut Pendidikan")
        .expect("the breakdown table");
    assert_eq!(cell_texts(breakdown.2).last().unwrap(), &["JUMLAH", "35"]);
    assert!(
        doc.texts()
            .iter()
            .any(|t| t.contains("Pegawai 35 orang, PPPK 7."))
    );
    // A breakdown that does not add up is a located warning.
    let mut w = v.clone();
    w["pegawai"]["rincian"][0]["baris"][1]["jumlah"]["2021"] = serde_json::json!(4);
    let loaded = load_ok("pppk.json", &serde_json::to_vec_pretty(&w).unwrap());
    let msgs: Vec<String> = loaded
        .warnings
        .iter()
        .filter(|w| !w.message.contains(" of the analysis of "))
        .map(|p| p.to_string())
        .collect();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].contains("pegawai.rincian[0]: warning: the categories of \"Jumlah Pegawai Menurut Pendidikan\" add up to 34 in 2021, but pegawai.per_tahun[0] has 35 (PNS 28 + PPPK 7)"), "{msgs:?}");
}

const MINIMAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.json");

#[test]
fn data_holds_three_agencies_in_schema_2_with_their_own_statistics() {
    let bundles = data_bundles();
    assert!(bundles.len() >= 3, "{bundles:?}");
    let mut agencies = std::collections::BTreeSet::new();
    for path in &bundles {
        let bytes = std::fs::read(path).unwrap();
        let loaded = load_ok(&path.display().to_string(), &bytes);
        assert_eq!(
            loaded.migrated_from,
            None,
            "{} is not schema 2",
            path.display()
        );
        let b = &loaded.bundle;
        // One report per agency and year.
        assert!(
            agencies.insert((b.instansi.nama.clone(), b.laporan.tahun.0)),
            "{}: a second report of {} {}",
            path.display(),
            b.instansi.nama,
            b.laporan.tahun
        );
        // No warning but the seed's own contradictions in the labour office's bundles
        // (angkatan kerja ≠ bekerja + penganggur, declared as an identity).
        let unexpected: Vec<String> = loaded
            .warnings
            .iter()
            .filter(|w| {
                !(b.instansi.nama == "Dinas Tenaga Kerja"
                    && w.message.contains("(identity statistik.identitas[0])"))
            })
            // Nor the analysis points the samples have no data for (no national figures).
            .filter(|w| !w.message.contains(" of the analysis of "))
            .map(|w| w.to_string())
            .collect();
        assert!(unexpected.is_empty(), "{}: {unexpected:#?}", path.display());
        // Every declared context table is printed, with every row, and nothing else of
        // the statistics.
        let doc = lkjip::report::document(&loaded, None);
        let printed: Vec<String> = tables(&doc).iter().map(|t| t.1.clone()).collect();
        for t in b.statistik.iter().flat_map(|s| &s.tabel) {
            assert!(
                printed.contains(&t.judul),
                "{}: {:?} missing",
                path.display(),
                t.judul
            );
        }
    }
    let distinct: std::collections::BTreeSet<&String> = agencies.iter().map(|a| &a.0).collect();
    assert!(
        distinct.len() >= 3,
        "three agencies of different kinds: {distinct:?}"
    );
}

#[test]
fn every_data_bundle_renders_and_reads_back() {
    let poppler = readers::poppler("pdftotext").is_some();
    let dir = tempfile::tempdir().unwrap();
    for path in data_bundles() {
        let out = lkjip(&[
            "render",
            path.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let pdf = dir.path().join(format!("{stem}.pdf"));
        let docx = dir.path().join(format!("{stem}.docx"));
        let loaded = load_ok(stem, &std::fs::read(&path).unwrap());
        let doc = lkjip::report::document(&loaded, None);
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        let docx_all = squash(&xml_text(&docx_part(&docx, "word/document.xml")));
        let pdf_all = poppler.then(|| squash(&pdf_body_text(&pdf)));
        for (number, title, _) in tables(&doc) {
            let t = squash(&title);
            assert!(docx_all.contains(&t), "{stem}: DOCX lacks {number} {title}");
            if let Some(pdf_all) = &pdf_all {
                assert!(pdf_all.contains(&t), "{stem}: PDF lacks {number} {title}");
            }
        }
        if let Some(pdf_all) = &pdf_all {
            let name = squash(&loaded.bundle.instansi.nama.to_uppercase());
            assert!(pdf_all.contains(&name), "{stem}: agency name missing");
        }
    }
}
