//! `lkjip check`: one fixture per validation rule with its exact message, the exit codes of
//! the CLI contract, and positions of type errors.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

const MINIMAL: &str = include_str!("fixtures/minimal.json");

fn lkjip() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lkjip"))
}

/// Write `text` as a bundle file in a fresh temp dir; returns (dir guard, path).
fn bundle_file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundle.json");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// The minimal bundle with `edit` applied, pretty-printed.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

/// Run `check` and return (exit code, stderr lines without the "file:line:col: " prefix).
fn check(text: &str) -> (i32, Vec<String>) {
    let (_dir, path) = bundle_file(text);
    let out = lkjip().arg("check").arg(&path).output().unwrap();
    let prefix = format!("{}:", path.display());
    let lines = String::from_utf8(out.stderr)
        .unwrap()
        .lines()
        .map(|l| {
            let rest = l
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("line without file name: {l}"));
            // drop "line:col: "
            let mut parts = rest.splitn(3, ':');
            let (a, b, c) = (
                parts.next().unwrap(),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
            );
            if a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok() {
                c.trim_start().to_string()
            } else {
                rest.trim().to_string()
            }
        })
        .collect();
    (out.status.code().unwrap(), lines)
}

fn assert_error(edit: impl FnOnce(&mut Value), expected: &str) {
    let (code, lines) = check(&edited(edit));
    assert_eq!(
        code, 1,
        "exit code for an invalid bundle; stderr: {lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l == expected),
        "expected line {expected:?} in {lines:#?}"
    );
}

#[test]
fn the_minimal_fixture_is_valid() {
    let (code, lines) = check(MINIMAL);
    assert_eq!(code, 0, "{lines:#?}");
    // Its only warnings are the analysis points it has no data for (issue 20: the seven
    // points are always printed, and `check` says which have no data).
    assert!(
        lines
            .iter()
            .filter(|l| l.contains(": warning: "))
            .all(|l| l.contains(" of the analysis of ")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.ends_with("ok (6 warnings)")),
        "{lines:#?}"
    );
}

#[test]
fn duplicate_ids() {
    assert_error(
        |v| v["sasaran"][1]["id"] = json!("S1"),
        "sasaran[1].id: duplicate sasaran id \"S1\" (already used at sasaran[0].id); ids must be unique",
    );
}

#[test]
fn dangling_reference_with_suggestion() {
    assert_error(
        |v| v["anggaran"][0]["sasaran"] = json!("S3"),
        "anggaran[0].sasaran: unknown sasaran \"S3\" (did you mean \"S1\"?)",
    );
}

#[test]
fn missing_report_year_target() {
    assert_error(
        |v| v["sasaran"][0]["indikator"][0]["target"] = json!({"2020": 86}),
        "sasaran[0].indikator[0].target: no target for the report year 2021; add \"2021\": <target>",
    );
}

#[test]
fn missing_report_year_realisation() {
    assert_error(
        |v| v["sasaran"][1]["indikator"][0]["realisasi"] = json!({}),
        "sasaran[1].indikator[0].realisasi: no realisasi for the report year 2021; add \"2021\": <realisasi> or use \"realisasi_dari\" with a statistik id",
    );
}

#[test]
fn zero_target() {
    assert_error(
        |v| v["sasaran"][0]["indikator"][0]["target"]["2021"] = json!(0),
        "sasaran[0].indikator[0].target.2021: target is 0, so capaian (realisasi / target) cannot be computed; enter the agreed non-zero target",
    );
}

#[test]
fn zero_realisation_under_t_over_r() {
    assert_error(
        |v| {
            let k = &mut v["sasaran"][1]["indikator"][0];
            k["polaritas"] = json!("negatif");
            k["rumus_negatif"] = json!("T/R");
            k["realisasi"]["2021"] = json!(0);
        },
        "sasaran[1].indikator[0].realisasi.2021: realisasi 2021 is 0 and this negative indicator uses the formula T/R, which is then undefined; use \"rumus_negatif\": \"2T-R\" or check the value",
    );
}

#[test]
fn negative_money() {
    assert_error(
        |v| v["anggaran"][1]["realisasi"] = json!(-5),
        "anggaran[1].realisasi: a budget realisation cannot be negative (found -5)",
    );
}

#[test]
fn nip_length() {
    assert_error(
        |v| v["pejabat"][0]["nip"] = json!("1969062119980210011"),
        "pejabat[0].nip: a NIP has exactly 18 digits and nothing else (found 19 characters, 19 digits); write it without spaces, e.g. \"196906211998021001\"",
    );
}

#[test]
fn nip_birth_date() {
    assert_error(
        |v| v["pejabat"][0]["nip"] = json!("196902301998021001"),
        "pejabat[0].nip: digits 1–8 of the NIP must be a real birth date YYYYMMDD, found 19690230",
    );
}

#[test]
fn nip_appointment_before_18() {
    assert_error(
        |v| v["pejabat"][0]["nip"] = json!("196906211980021001"),
        "pejabat[0].nip: the NIP says appointed in 1980-02 but born in 1969-06: appointment must be at age 18 or later",
    );
}

#[test]
fn nip_sex_digit() {
    assert_error(
        |v| v["pejabat"][0]["nip"] = json!("196906211998023001"),
        "pejabat[0].nip: digit 15 of the NIP is the sex code, 1 or 2, found 3",
    );
}

#[test]
fn pangkat_not_matching_golongan() {
    assert_error(
        |v| v["pejabat"][0]["pangkat"] = json!("Pembina Utama Madya"),
        "pejabat[0].pangkat: pangkat \"Pembina Utama Madya\" does not match golongan IV/c, whose pangkat is \"Pembina Utama Muda\"; \"Pembina Utama Madya\" is golongan IV/d",
    );
}

#[test]
fn impossible_date() {
    assert_error(
        |v| v["laporan"]["tanggal"] = json!("2021-02-30"),
        "laporan.tanggal: impossible date \"2021-02-30\" (Februari 2021 has 28 days)",
    );
}

fn scale(bands: Value) -> impl FnOnce(&mut Value) {
    move |v| v["skala"] = bands
}

#[test]
fn overlapping_bands() {
    assert_error(
        scale(json!([
            {"dari": {"nilai": 100, "inklusif": true}, "nilai": 2, "predikat": "Baik"},
            {"sampai": {"nilai": 100, "inklusif": true}, "nilai": 1, "predikat": "Kurang"}
        ])),
        "skala[0].dari: band \"Baik\" overlaps band \"Kurang\" at 100: a value would get two ratings; make exactly one of the meeting bounds inklusif",
    );
}

#[test]
fn gapped_bands() {
    assert_error(
        scale(json!([
            {"dari": {"nilai": 75, "inklusif": true}, "nilai": 2, "predikat": "Baik"},
            {"sampai": {"nilai": 55, "inklusif": false}, "nilai": 1, "predikat": "Kurang"}
        ])),
        "skala[0].dari: gap between band \"Kurang\" (up to 55) and band \"Baik\" (from 75): values in between get no rating; make the bounds meet with exactly one inklusif",
    );
}

#[test]
fn declared_identity_is_a_warning_not_an_error() {
    let text = edited(|v| v["statistik"]["seri"][2]["nilai"]["2021"] = json!(627775));
    let (code, lines) = check(&text);
    assert_eq!(code, 0, "{lines:#?}");
    assert!(lines.contains(&"statistik.seri[1].nilai.2021: warning: Angkatan Kerja 832.804 in \"Desember 2021\" is not Bekerja 627.775 + Penganggur 25.029 = 652.804 (identity statistik.identitas[0]); rates use the value as given".to_string()), "{lines:#?}");
}

#[test]
fn a_unit_cycle_names_every_unit_in_it() {
    assert_error(
        |v| {
            let units = v["organisasi"]["unit"].as_array_mut().unwrap();
            units[1]["induk"] = json!("sb0");
            units.push(json!({"id": "sb0", "nama": "Sub Bagian Umum", "jenis": "subbagian", "induk": "sekr", "tugas": []}));
        },
        "organisasi.unit[1].induk: units form a cycle: sekr → sb0 → sekr; one of them must have another induk (the head has none)",
    );
}

#[test]
fn a_zero_denominator_is_located_at_the_series_value() {
    assert_error(
        |v| v["statistik"]["seri"][1]["nilai"]["2021"] = json!(0),
        "statistik.seri[1].nilai.2021: Angkatan Kerja is 0 in period \"Desember 2021\", so the rate \"tpt\" (penganggur / angkatan_kerja × 100) cannot be computed; check the value",
    );
}

#[test]
fn unknown_placeholder_with_suggestion() {
    assert_error(
        |v| v["narasi"]["kesimpulan"] = json!([{"p": "Capaian {{ IKU1.capain }}."}]),
        "narasi.kesimpulan[0].p: unknown figure \"IKU1.capain\" in placeholder (did you mean \"IKU1.capaian\"?)",
    );
}

#[test]
fn unknown_field_with_suggestion() {
    assert_error(
        |v| {
            let k = v["sasaran"][0]["indikator"][0].as_object_mut().unwrap();
            let r = k.remove("realisasi").unwrap();
            k.insert("realisai".into(), r);
        },
        "sasaran[0].indikator[0].realisai: unknown field (did you mean \"realisasi\"?)",
    );
}

#[test]
fn missing_field() {
    assert_error(
        |v| {
            v["laporan"].as_object_mut().unwrap().remove("tempat");
        },
        "laporan.tempat: missing field (it is required)",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = edited(|v| {
        v["sasaran"][0]["indikator"][0]["target"]["2021"] = json!("1.2.3");
        v["laporan"]["tempat"] = json!(5);
        v["pejabat"][0]["golongan"] = json!("V/a");
    });
    let (code, lines) = check(&text);
    assert_eq!(code, 1);
    assert!(
        lines.iter().any(|l| l
            == "sasaran[0].indikator[0].target.2021: expected a decimal number, found \"1.2.3\""),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l == "laporan.tempat: expected text in double quotes, found the number 5"),
        "{lines:#?}"
    );
    // golongan is checked by validation, which runs only on a well-typed bundle
}

#[test]
fn a_type_error_is_reported_at_its_line_and_column() {
    let text = MINIMAL.replace("\"target_renstra\": 87,", "\"target_renstra\": [87],");
    let (_dir, path) = bundle_file(&text);
    let out = lkjip().arg("check").arg(&path).output().unwrap();
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("[87]").map(|c| (i + 1, l[..c].chars().count() + 1)))
        .unwrap();
    let expected = format!(
        "{}:{line}:{col}: sasaran[0].indikator[0].target_renstra: expected a decimal number, found an array\n",
        path.display()
    );
    assert_eq!(String::from_utf8(out.stderr).unwrap(), expected);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_type_error_in_a_copy_of_the_sample_is_reported_at_its_line_and_column() {
    let sample = include_str!("../data/mojokerto-2021.json");
    let needle = "\"target_renstra\": 90,";
    assert!(sample.contains(needle));
    let text = sample.replacen(needle, "\"target_renstra\": \"sembilan puluh\",", 1);
    let (_dir, path) = bundle_file(&text);
    let out = lkjip().arg("check").arg(&path).output().unwrap();
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            l.find("\"sembilan puluh\"")
                .map(|c| (i + 1, l[..c].chars().count() + 1))
        })
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let expected = format!(
        "{}:{line}:{col}: sasaran[1].indikator[0].target_renstra: expected a decimal number, found \"sembilan puluh\"",
        path.display()
    );
    assert!(stderr.lines().any(|l| l == expected), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn exit_codes_of_the_contract() {
    // 2: usage error
    let out = lkjip().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = lkjip().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // 3: I/O failure
    let out = lkjip()
        .args(["check", "/nonexistent/bundle.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "/nonexistent/bundle.json: cannot read the bundle (file not found)\n"
    );
}

#[test]
fn schema_validates_the_fixture() {
    let out = lkjip().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(schema["properties"]["sasaran"].is_object());
    for sample in samples() {
        let instance: Value =
            serde_json::from_str(&std::fs::read_to_string(&sample).unwrap()).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", sample.display());
    }
}

fn samples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v = vec![root.join("tests/fixtures/minimal.json")];
    let mut data: Vec<PathBuf> = std::fs::read_dir(root.join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    data.sort();
    v.extend(data);
    v
}
