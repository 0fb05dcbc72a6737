//! `lkjip init --from LAST.json --year N`: next year's draft of every sample bundle passes
//! `check` with warnings only — one at every value to update — and renders for review.

mod common;

use common::*;

#[test]
fn next_years_draft_of_every_sample_checks_with_warnings_only_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    for last in data_bundles() {
        let stem = last.file_stem().unwrap().to_str().unwrap();
        let year: i32 = load_ok(stem, &std::fs::read(&last).unwrap())
            .bundle
            .laporan
            .tahun
            .0
            + 1;
        let draft = dir.path().join(format!("{stem}-next.json"));
        let out = lkjip(&[
            "init",
            "--from",
            last.to_str().unwrap(),
            "--year",
            &year.to_string(),
            "-o",
            draft.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let loaded = load_ok("draft", &std::fs::read(&draft).unwrap());
        let b = &loaded.bundle;
        assert_eq!(b.laporan.tahun.0, year);
        assert!(b.draf.iter().any(|p| p == "surat_pengantar.nomor"));
        assert!(b.draf.iter().any(|p| p.starts_with("narasi.")));
        // History kept: last year's realisations are still there.
        let last_year = (year - 1).to_string();
        assert!(
            b.sasaran
                .iter()
                .flat_map(|s| &s.indikator)
                .any(|k| k.realisasi.keys().any(|y| y.0.to_string() == last_year)),
            "{stem}: last year's realisations were dropped"
        );
        let check = lkjip(&["check", draft.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&check.stderr);
        assert_eq!(check.status.code(), Some(0), "{stem}: {err}");
        for path in &b.draf {
            assert!(
                err.contains(&format!(": {path}: warning: drafted by `lkjip init`")),
                "{stem}: no warning at {path}:\n{err}"
            );
        }
        let render = lkjip(&[
            "render",
            draft.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
        ]);
        assert!(
            render.status.success(),
            "{stem}: {}",
            String::from_utf8_lossy(&render.stderr)
        );
    }
}

#[test]
fn init_refuses_a_year_that_is_not_later() {
    let out = lkjip(&["init", "--from", SAMPLE, "--year", "2021"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--year 2021 is not after the bundle's report year 2021"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
