//! `lkjip workbook` and `lkjip import`: the round trip without change gives the bundle
//! byte for byte; edits made with openpyxl (and after a LibreOffice round trip) come back
//! as expected and change the computed figures; bad cells are named by sheet and cell,
//! all at once, and nothing is written; bad files (not an XLSX, truncated, a zip bomb, a
//! million rows) get one message.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{data_bundles, lkjip, readers};

fn run(args: &[&str]) -> Output {
    lkjip(args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "failed ({:?}):\n{}",
        o.status.code(),
        stderr(&o)
    );
    o
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A copy of `bundle` in a fresh directory, and its workbook beside it.
fn setup(bundle: &Path) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join(bundle.file_name().unwrap());
    std::fs::copy(bundle, &b).unwrap();
    ok(run(&["workbook", s(&b)]));
    let x = b.with_extension("xlsx");
    assert!(
        x.exists(),
        "the default output is BUNDLE.xlsx beside the bundle"
    );
    (dir, b, x)
}

fn sample() -> PathBuf {
    PathBuf::from(common::SAMPLE)
}

/// Edit a workbook with openpyxl (tests/workbook_edit.py); `None` when python3 or
/// openpyxl is missing (reported as a skip).
fn openpyxl(src: &Path, dst: &Path, ops: &str) -> Option<()> {
    let python = readers::python_module("openpyxl", "openpyxl with pip")?;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/workbook_edit.py");
    let o = Command::new(python)
        .args([script, s(src), s(dst), ops])
        .output()
        .unwrap();
    assert!(o.status.success(), "openpyxl edit failed: {}", stderr(&o));
    Some(())
}

/// Convert with LibreOffice into `outdir`; the converted file.
fn soffice(src: &Path, to: &str, outdir: &Path) -> Option<PathBuf> {
    let office = readers::soffice()?;
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(office)
        // An Indonesian LibreOffice: numbers shown as 1.234,56.
        .env("LC_ALL", "id_ID.UTF-8")
        .env("LANG", "id_ID.UTF-8")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            s(outdir),
            s(src),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "soffice failed: {}", stderr(&o));
    // The file LibreOffice wrote (a CSV of one sheet is named `<name>-<sheet>.csv`).
    let ext = to.split(':').next().unwrap();
    let stem = src.file_stem().unwrap().to_str().unwrap();
    let out = std::fs::read_dir(outdir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|e| e == ext)
                && p.file_stem().unwrap().to_str().unwrap().starts_with(stem)
        });
    assert!(out.is_some(), "soffice wrote nothing: {}", stderr(&o));
    out
}

fn figures(bundle: &Path) -> serde_json::Value {
    let o = ok(run(&["figures", s(bundle), "--json"]));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn bundle_json(p: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

#[test]
fn round_trip_without_change_gives_the_bundle_byte_for_byte() {
    for bundle in data_bundles() {
        let (dir, b, x) = setup(&bundle);
        let original = std::fs::read(&bundle).unwrap();
        // Deterministic: the same bundle gives the same workbook.
        let again = dir.path().join("again.xlsx");
        ok(run(&["workbook", s(&b), "-o", s(&again)]));
        assert_eq!(
            std::fs::read(&x).unwrap(),
            std::fs::read(&again).unwrap(),
            "{}: two workbooks of the same bundle differ",
            bundle.display()
        );
        let o = ok(run(&["import", s(&x), "--into", s(&b)]));
        assert!(stdout(&o).is_empty(), "changes listed: {}", stdout(&o));
        assert!(stderr(&o).contains("no change"), "{}", stderr(&o));
        assert_eq!(std::fs::read(&b).unwrap(), original, "{}", bundle.display());
        let new = dir.path().join("new.json");
        ok(run(&["import", s(&x), "--into", s(&b), "-o", s(&new)]));
        assert_eq!(
            std::fs::read(&new).unwrap(),
            original,
            "{}",
            bundle.display()
        );
    }
}

#[test]
fn the_workbook_has_its_sheets_formats_and_protection() {
    let (_dir, _b, x) = setup(&sample());
    let mut z = zip::ZipArchive::new(std::fs::File::open(&x).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut t = String::new();
        z.by_name(name).unwrap().read_to_string(&mut t).unwrap();
        t
    };
    let wb = part("xl/workbook.xml");
    for name in [
        "README",
        "Indikator",
        "Anggaran",
        "Pegawai",
        "Aset",
        "Statistik",
    ] {
        assert!(
            wb.contains(&format!("name=\"{name}\"")),
            "{name} missing: {wb}"
        );
    }
    let core = part("docProps/core.xml");
    assert!(
        core.contains("2022-02-18T00:00:00Z"),
        "the creation date is the report date: {core}"
    );
    let styles = part("xl/styles.xml");
    assert!(styles.contains("#,##0.00"), "{styles}");
    let ind = part("xl/worksheets/sheet2.xml");
    assert!(ind.contains("<sheetProtection"), "protected");
    assert!(!ind.contains("password"), "without a password");
    assert!(ind.contains("state=\"frozen\""), "header frozen");
    assert!(
        ind.contains("<dataValidation "),
        "validation on value cells"
    );
    assert!(ind.contains("<f>"), "formula column");
}

/// The edits of the openpyxl tests: IKU1's 2021 realisation changed, IKU2 and IKU3 swapped
/// (a row moved), an asset value typed as the text "1.234,5", IKU1's Renstra realisation
/// emptied.
const EDITS: &str = r#"[
  ["set", "Indikator", "IKU1", "Realisasi 2021", 95],
  ["swap", "Indikator", "IKU2", "IKU3"],
  ["set", "Aset", "Kendaraan Roda 2", "Nilai (Rp)", "1.234,5"],
  ["set", "Indikator", "IKU1", "Realisasi Renstra", null]
]"#;

fn check_edits(b: &Path, out: &Output) {
    let listed = stdout(out);
    assert!(
        listed.contains(
            "sasaran[0].indikator[0].realisasi.2021: realisasi 2021 of IKU1: 87.12 -> 95"
        ),
        "{listed}"
    );
    assert!(
        listed.contains("aset[2].nilai: nilai of Kendaraan Roda 2: 18510000 -> 1234.5"),
        "{listed}"
    );
    assert!(
        listed.contains("realisasi_renstra of IKU1: 91.24 -> (kosong)"),
        "{listed}"
    );
    assert_eq!(
        listed.lines().count(),
        3,
        "the swapped rows change nothing: {listed}"
    );
    let v = bundle_json(b);
    let iku1 = &v["sasaran"][0]["indikator"][0];
    assert_eq!(iku1["realisasi"]["2021"].to_string(), "95");
    assert!(iku1.get("realisasi_renstra").is_none());
    assert_eq!(v["aset"][2]["nilai"].to_string(), "1234.5");
    assert_eq!(
        v["sasaran"][1]["indikator"][0]["realisasi"]["2021"].to_string(),
        "80.01",
        "IKU2 untouched although its row moved"
    );
    let f = figures(b);
    assert_eq!(f["names"]["IKU1.capaian"], "109,20%");
}

#[test]
fn openpyxl_edits_come_back_into_the_bundle() {
    let (dir, b, x) = setup(&sample());
    let edited = dir.path().join("diisi.xlsx");
    if openpyxl(&x, &edited, EDITS).is_none() {
        return;
    }
    let before = std::fs::read(&b).unwrap();
    let dry = ok(run(&["import", s(&edited), "--into", s(&b), "--dry-run"]));
    assert_eq!(
        std::fs::read(&b).unwrap(),
        before,
        "--dry-run writes nothing"
    );
    assert_eq!(stdout(&dry).lines().count(), 3);
    let o = ok(run(&["import", s(&edited), "--into", s(&b)]));
    check_edits(&b, &o);
    // Only the changed lines differ.
    let (old, new) = (
        String::from_utf8(before).unwrap(),
        std::fs::read_to_string(&b).unwrap(),
    );
    let (o, n): (
        std::collections::HashSet<&str>,
        std::collections::HashSet<&str>,
    ) = (old.lines().collect(), new.lines().collect());
    let differing = o.symmetric_difference(&n).count();
    assert!(differing <= 6, "{differing} lines differ");
    assert_eq!(
        new.lines().count(),
        old.lines().count() - 1,
        "one line removed"
    );
}

#[test]
fn edits_survive_a_libreoffice_round_trip() {
    let (dir, b, x) = setup(&sample());
    let edited = dir.path().join("diisi.xlsx");
    if openpyxl(&x, &edited, EDITS).is_none() {
        return;
    }
    let lo = dir.path().join("lo");
    std::fs::create_dir(&lo).unwrap();
    let Some(converted) = soffice(&edited, "xlsx", &lo) else {
        return;
    };
    let o = ok(run(&["import", s(&converted), "--into", s(&b)]));
    check_edits(&b, &o);
}

#[test]
fn libreoffice_opens_the_workbook_and_shows_the_formats() {
    let (dir, _b, x) = setup(&sample());
    // The Anggaran sheet (the 3rd) as CSV, its cells as shown.
    let out = dir.path().join("csv");
    std::fs::create_dir(&out).unwrap();
    let Some(csv) = soffice(
        &x,
        "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,3",
        &out,
    ) else {
        return;
    };
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("ID Sasaran;ID Program;"), "{text}");
    // S1: alokasi 635513354 as an id-ID LibreOffice shows `#,##0.00`, and the serapan of
    // the formula column.
    let s1 = text.lines().nth(1).unwrap();
    assert!(s1.starts_with("S1;;"), "{text}");
    assert!(
        s1.ends_with(";635.513.354,00;350.180.630,00;55,10"),
        "{text}"
    );
}

#[test]
fn bad_cells_are_named_all_at_once_and_nothing_is_written() {
    let (dir, b, x) = setup(&sample());
    let bad = dir.path().join("realisasi.xlsx");
    let ops = r##"[
      ["set", "Indikator", "IKU3", "Realisasi 2021", "tujuh"],
      ["setid", "Indikator", "IKU4", "IKU2"],
      ["cell", "Indikator", "A30", "IKU99"],
      ["cell", "Indikator", "G30", 5],
      ["set", "Anggaran", "S1", "Alokasi (Rp)", "#DIV/0!"],
      ["date", "Aset", "Gedung Kantor", "Jumlah"],
      ["rename", "Pegawai", "Staf"],
      ["delete", "Statistik"]
    ]"##;
    if openpyxl(&x, &bad, ops).is_none() {
        return;
    }
    let before = std::fs::read(&b).unwrap();
    let out = dir.path().join("new.json");
    let o = run(&["import", s(&bad), "--into", s(&b), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    for want in [
        "realisasi.xlsx: Indikator!K5: realisasi 2021 of IKU3: expected a number, found \"tujuh\"",
        "indicator \"IKU2\" appears twice",
        "Indikator!A30: unknown indicator \"IKU99\"",
        "Anggaran!D2: alokasi of S1: the cell holds the formula error #DIV/0!",
        "Aset!C2: jumlah of Gedung Kantor: expected a number, found a date (2022-01-07)",
        "the sheet \"Staf\" is the sheet Pegawai renamed",
        "missing sheet Statistik",
    ] {
        assert!(e.contains(want), "{want:?} not in:\n{e}");
    }
    assert!(!out.exists(), "nothing written");
    assert_eq!(std::fs::read(&b).unwrap(), before);
}

#[test]
fn an_import_that_breaks_the_bundle_writes_nothing() {
    let (dir, b, x) = setup(&sample());
    let bad = dir.path().join("kosong.xlsx");
    if openpyxl(
        &x,
        &bad,
        r#"[["set", "Indikator", "IKU1", "Target Renstra", null]]"#,
    )
    .is_none()
    {
        return;
    }
    let before = std::fs::read(&b).unwrap();
    let o = run(&["import", s(&bad), "--into", s(&b)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("target_renstra"), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing written"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&b).unwrap(), before);
}

#[test]
fn a_csv_of_one_sheet_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.json");
    std::fs::copy(sample(), &b).unwrap();
    let csv = dir.path().join("anggaran.csv");
    // As id-ID Excel writes it: `;`, decimal comma, grouped thousands; rows reordered.
    std::fs::write(
        &csv,
        "ID Sasaran;ID Program;Uraian;Alokasi (Rp);Realisasi (Rp);Serapan (%)\r\n\
         S2;;x;718.370.000,00;500.000.000,50;69,60\r\n\
         S1;;y;635.513.354,00;350.180.630,00;55,10\r\n",
    )
    .unwrap();
    let o = ok(run(&["import", s(&csv), "--into", s(&b)]));
    assert_eq!(
        stdout(&o).trim(),
        "Anggaran!E2: anggaran[1].realisasi: realisasi of S2: 491801680 -> 500000000.5"
    );
    assert_eq!(
        bundle_json(&b)["anggaran"][1]["realisasi"].to_string(),
        "500000000.5"
    );
    // With `,` as separator: English numbers.
    std::fs::write(&csv, "ID Sasaran,Alokasi (Rp)\nS1,\"635,513,354.00\"\n").unwrap();
    let o = ok(run(&["import", s(&csv), "--into", s(&b), "--dry-run"]));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    // Not a sheet of ours.
    std::fs::write(&csv, "Foo;Bar\n1;2\n").unwrap();
    let o = run(&["import", s(&csv), "--into", s(&b)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a sheet of an lkjip workbook"),
        "{}",
        stderr(&o)
    );
}

/// The next year's draft (`lkjip init`) has no staff row, no statistics period and no
/// target of the new year: the workbook offers them empty (a Pegawai row 2022, a Statistik
/// column "Desember 2022", the columns Target/Realisasi 2022), and the import adds what
/// was filled, as new elements laid out as last year's; `figures` computes the new
/// capaian. A staff row half filled is refused at its cells.
#[test]
fn a_new_year_gets_its_staff_row_period_and_targets() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("mojokerto-2022.json");
    ok(run(&[
        "init",
        "--from",
        s(&sample()),
        "--year",
        "2022",
        "-o",
        s(&b),
    ]));
    let x = dir.path().join("2022.xlsx");
    ok(run(&["workbook", s(&b), "-o", s(&x)]));
    let filled = dir.path().join("diisi.xlsx");
    let ops = r#"[
      ["set", "Indikator", "IKU1", "Target 2022", 88],
      ["set", "Indikator", "IKU1", "Realisasi 2022", 90],
      ["set", "Pegawai", "2022", "PNS Golongan I", 0],
      ["set", "Pegawai", "2022", "PNS Golongan II", 8],
      ["set", "Pegawai", "2022", "PNS Golongan III", 1],
      ["set", "Pegawai", "2022", "PNS Golongan IV", 20],
      ["set", "Statistik", "angkatan_kerja", "Desember 2022", 850000],
      ["set", "Statistik", "penganggur", "Desember 2022", "24.500"]
    ]"#;
    if openpyxl(&x, &filled, ops).is_none() {
        return;
    }
    let o = ok(run(&["import", s(&filled), "--into", s(&b)]));
    let listed = stdout(&o);
    for want in [
        "Indikator!L3: sasaran[0].indikator[0].target.2022: target 2022 of IKU1: (kosong) -> 88",
        "Pegawai!B5: pegawai.per_tahun[3]: new staff year 2022, added because its cells are filled",
        "pegawai.per_tahun[3].pns.II: PNS golongan II of 2022: (kosong) -> 8",
        "statistik.periode[3]: new period 2022 (\"Desember 2022\"), added because its cells are filled",
        "Statistik!G5: statistik.seri[3].nilai.2022: periode 2022 of penganggur: (kosong) -> 24500",
    ] {
        assert!(listed.contains(want), "{want:?} not in:\n{listed}");
    }
    let v = bundle_json(&b);
    assert_eq!(
        v["pegawai"]["per_tahun"][3],
        serde_json::json!({"tahun": 2022, "pns": {"I": 0, "II": 8, "III": 1, "IV": 20}})
    );
    assert_eq!(
        v["statistik"]["periode"][3],
        serde_json::json!({"id": "2022", "label": "Desember 2022", "tahun": 2022})
    );
    assert_eq!(v["statistik"]["seri"][1]["nilai"]["2022"], 850000);
    let iku1 = &v["sasaran"][0]["indikator"][0];
    assert_eq!(iku1["target"]["2022"], 88);
    assert_eq!(iku1["realisasi"]["2022"], 90);
    // The new element is laid out as last year's.
    let text = std::fs::read_to_string(&b).unwrap();
    assert!(
        text.contains("      {\n        \"tahun\": 2022,\n        \"pns\": {\n          \"I\": 0,"),
        "{text}"
    );
    assert_eq!(figures(&b)["names"]["IKU1.capaian"], "102,27%");
    // The draft's list of values to update loses what was filled, keeps the rest; the
    // draft's own warnings are counted, not repeated.
    let draf: Vec<&str> = v["draf"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d.as_str())
        .collect();
    for gone in [
        "pegawai.per_tahun",
        "statistik.periode",
        "sasaran[0].indikator[0].target",
        "sasaran[0].indikator[0].realisasi",
    ] {
        assert!(!draf.contains(&gone), "{gone} still in draf: {draf:?}");
    }
    assert!(
        draf.contains(&"sasaran[1].indikator[0].realisasi"),
        "{draf:?}"
    );
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("taken off \"draf\""), "{said}");
    assert!(!said.contains("drafted by `lkjip init`"), "{said}");
    // Imported again: nothing left to add.
    let o = ok(run(&["import", s(&filled), "--into", s(&b)]));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));

    // A staff row of the new year half filled: its empty cells are named.
    let b2 = dir.path().join("b2.json");
    ok(run(&[
        "init",
        "--from",
        s(&sample()),
        "--year",
        "2022",
        "-o",
        s(&b2),
    ]));
    let half = dir.path().join("separuh.xlsx");
    openpyxl(
        &x,
        &half,
        r#"[["set", "Pegawai", "2022", "PNS Golongan IV", 20]]"#,
    );
    let before = std::fs::read(&b2).unwrap();
    let o = run(&["import", s(&half), "--into", s(&b2)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Pegawai!B5: PNS golongan I of 2022: the new staff year 2022 needs this value too (type 0 when there is none), or leave its whole row empty"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&b2).unwrap(), before);
}

/// Import `file` (written with `text`) into a fresh copy of the sample: the output.
fn import_text(name: &str, text: &str) -> (Output, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.json");
    std::fs::copy(sample(), &b).unwrap();
    let f = dir.path().join(name);
    std::fs::write(&f, text).unwrap();
    let o = run(&["import", s(&f), "--into", s(&b)]);
    (o, bundle_json(&b))
}

/// One rule for numbers typed as text: the Indonesian reading (the project's decimal
/// parser) in the text cells of an XLSX and in a CSV separated by `;`, the English reading
/// in a CSV separated by `,`; a text only the other reading takes is refused with the form
/// to type, at its cell.
#[test]
fn numbers_typed_as_text_follow_one_rule() {
    // `;`: the dot groups thousands ("1.234" is 1234), the comma marks decimals.
    let (o, v) = import_text(
        "aset.csv",
        "Nama Aset;Jumlah;Nilai (Rp)\nKendaraan Roda 2;2;1.234\nGedung Kantor;1;599.058.310,5\n",
    );
    ok(o);
    assert_eq!(v["aset"][2]["nilai"].to_string(), "1234");
    assert_eq!(v["aset"][0]["nilai"].to_string(), "599058310.5");
    let (o, v) = import_text(
        "aset.csv",
        "Nama Aset;Jumlah;Nilai (Rp)\nKendaraan Roda 2;2;18510000.5\nGedung Kantor;1;87.12\n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("Aset!C3: nilai of Gedung Kantor: expected a number, found \"87.12\"; a number typed as text is read the Indonesian way, the dot grouping thousands and the comma marking decimals (1.234,56): type 87,12"),
        "{e}"
    );
    assert!(
        e.contains("Aset!C2: nilai of Kendaraan Roda 2: expected a number, found \"18510000.5\""),
        "{e}"
    );
    assert!(e.contains("2 problem(s); nothing written"), "{e}");
    assert_eq!(v["aset"][2]["nilai"].to_string(), "18510000");

    // `,`: the comma groups thousands, the dot marks decimals.
    let (o, v) = import_text(
        "aset.csv",
        "Nama Aset,Jumlah,Nilai (Rp)\nKendaraan Roda 2,2,\"1,234\"\nGedung Kantor,1,599058310.5\n",
    );
    ok(o);
    assert_eq!(v["aset"][2]["nilai"].to_string(), "1234");
    assert_eq!(v["aset"][0]["nilai"].to_string(), "599058310.5");
    let (o, _) = import_text(
        "aset.csv",
        "Nama Aset,Jumlah,Nilai (Rp)\nGedung Kantor,1,\"599.058.310,5\"\n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Aset!C2: nilai of Gedung Kantor: expected a number, found \"599.058.310,5\"; this CSV is separated by commas, so its numbers are read the English way"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("write 599,058,310.5"), "{}", stderr(&o));

    // XLSX text cells: the Indonesian reading.
    let (dir, b, x) = setup(&sample());
    let edited = dir.path().join("teks.xlsx");
    let ops = r#"[
      ["set", "Aset", "Kendaraan Roda 2", "Nilai (Rp)", "1.234"],
      ["set", "Aset", "Gedung Kantor", "Nilai (Rp)", "Rp 1.000.000,25"],
      ["set", "Indikator", "IKU1", "Realisasi 2021", "95,5"]
    ]"#;
    if openpyxl(&x, &edited, ops).is_none() {
        return;
    }
    ok(run(&["import", s(&edited), "--into", s(&b)]));
    let v = bundle_json(&b);
    assert_eq!(v["aset"][2]["nilai"].to_string(), "1234");
    assert_eq!(v["aset"][0]["nilai"].to_string(), "1000000.25");
    assert_eq!(
        v["sasaran"][0]["indikator"][0]["realisasi"]["2021"].to_string(),
        "95.5"
    );
    let bad = dir.path().join("titik.xlsx");
    openpyxl(
        &x,
        &bad,
        r#"[["set", "Indikator", "IKU1", "Realisasi 2021", "87.12"]]"#,
    );
    let o = run(&["import", s(&bad), "--into", s(&b)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("realisasi 2021 of IKU1: expected a number, found \"87.12\"; a number typed as text is read the Indonesian way"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn files_that_are_no_workbook_get_one_message() {
    let (dir, b, x) = setup(&sample());
    let before = std::fs::read(&b).unwrap();
    let try_file = |name: &str, bytes: &[u8], want: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let o = run(&["import", s(&p), "--into", s(&b)]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let e = stderr(&o);
        assert_eq!(e.lines().count(), 1, "{name}: one message: {e}");
        assert!(e.contains(want), "{name}: {want:?} not in {e}");
        assert_eq!(std::fs::read(&b).unwrap(), before);
    };
    try_file(
        "teks.xlsx",
        b"ini bukan lembar kerja",
        "not an XLSX workbook",
    );
    let whole = std::fs::read(&x).unwrap();
    try_file(
        "potong.xlsx",
        &whole[..whole.len() / 2],
        "damaged or truncated",
    );

    // A zip bomb: a sheet that unpacks to 64 MiB of zeros.
    let bomb = dir.path().join("bom.xlsx");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        z.start_file("xl/worksheets/sheet2.xml", opts).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..64 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    try_file("bom.xlsx", &std::fs::read(&bomb).unwrap(), "zip bomb");

    // A sheet of 1 000 000 rows in place of Indikator.
    let big = dir.path().join("juta.xlsx");
    {
        let mut src = zip::ZipArchive::new(std::fs::File::open(&x).unwrap()).unwrap();
        let mut z = zip::ZipWriter::new(std::fs::File::create(&big).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let name = f.name().to_string();
            z.start_file(name.as_str(), opts).unwrap();
            if name == "xl/worksheets/sheet2.xml" {
                z.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>").unwrap();
                for r in 1..=1_000_000u32 {
                    write!(z, "<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c></row>").unwrap();
                }
                z.write_all(b"</sheetData></worksheet>").unwrap();
            } else {
                std::io::copy(&mut f, &mut z).unwrap();
            }
        }
        z.finish().unwrap();
    }
    try_file("juta.xlsx", &std::fs::read(&big).unwrap(), "a million rows");
}

/// A sheet entry of 1 000 000 rows that stays under the zip's size bounds (rows without
/// references, 26 bytes each: 26 MB unpacked) reaches calamine, which streams it: the
/// import stops at row 20 001 with one message at its cell, in bounded memory (the peak
/// resident size of the process, measured by GNU time, stays under 120 MB).
#[test]
fn a_million_row_sheet_is_streamed_in_bounded_memory() {
    let (dir, b, x) = setup(&sample());
    let big = dir.path().join("juta-ringkas.xlsx");
    {
        let mut src = zip::ZipArchive::new(std::fs::File::open(&x).unwrap()).unwrap();
        let mut z = zip::ZipWriter::new(std::fs::File::create(&big).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let name = f.name().to_string();
            z.start_file(name.as_str(), opts).unwrap();
            if name == "xl/worksheets/sheet2.xml" {
                z.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>").unwrap();
                for _ in 0..1_000_000u32 {
                    z.write_all(b"<row><c><v>1</v></c></row>").unwrap();
                }
                z.write_all(b"</sheetData></worksheet>").unwrap();
            } else {
                std::io::copy(&mut f, &mut z).unwrap();
            }
        }
        z.finish().unwrap();
    }
    let before = std::fs::read(&b).unwrap();
    let Some(time) = readers::find("time", "time") else {
        return;
    };
    let o = Command::new(time)
        .args(["-f", "peak-kb %M", env!("CARGO_BIN_EXE_lkjip")])
        .args(["import", s(&big), "--into", s(&b)])
        .output()
        .unwrap();
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    let lines: Vec<&str> = e
        .lines()
        .filter(|l| !l.starts_with("peak-kb") && !l.starts_with("Command exited"))
        .collect();
    assert_eq!(
        lines,
        [
            "juta-ringkas.xlsx: Indikator!A20001: the sheet has data beyond row 20000 or column ALL (the 1000th); a workbook of lkjip is far smaller, so this sheet is not read",
            "juta-ringkas.xlsx: 1 problem(s); nothing written"
        ]
        .map(|l| format!("{}/{l}", dir.path().display()))
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>(),
        "{e}"
    );
    let peak: u64 = e
        .lines()
        .find_map(|l| l.strip_prefix("peak-kb "))
        .and_then(|k| k.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak from GNU time: {e}"));
    eprintln!("import of a 1 000 000-row sheet: peak resident {peak} kB");
    assert!(peak < 120_000, "peak resident size {peak} kB");
    assert_eq!(std::fs::read(&b).unwrap(), before, "nothing written");
}

#[test]
fn a_far_cell_is_refused_without_laying_out_the_sheet() {
    let (dir, b, x) = setup(&sample());
    let far = dir.path().join("jauh.xlsx");
    if openpyxl(&x, &far, r#"[["cell", "Indikator", "B1000000", 1]]"#).is_none() {
        return;
    }
    let o = run(&["import", s(&far), "--into", s(&b)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Indikator!B1000000: the sheet has data beyond row 20000"),
        "{}",
        stderr(&o)
    );
}
