//! Batch rendering: a directory of bundles plus a broken one renders every good report,
//! names the broken one in the summary with its first error and exits 1; output is plain
//! `[k/n]` lines when stderr is not a terminal; two bundles that would write the same files
//! are a usage error before any work.

mod common;

use common::*;

#[test]
fn a_batch_renders_every_good_bundle_and_names_the_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let good = data_bundles();
    for b in &good {
        std::fs::copy(b, input.join(b.file_name().unwrap())).unwrap();
    }
    let broken = input.join("rusak.json");
    std::fs::write(&broken, b"{\"schema_version\": 2, \"laporan\": 5}").unwrap();
    let out = dir.path().join("out");
    let r = lkjip(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-j",
        "2",
    ]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    for b in &good {
        let stem = b.file_stem().unwrap().to_str().unwrap();
        for ext in ["pdf", "docx"] {
            assert!(
                out.join(format!("{stem}.{ext}")).exists(),
                "{stem}.{ext} missing:\n{err}"
            );
        }
    }
    assert!(!out.join("rusak.pdf").exists());
    let n = good.len() + 1;
    assert!(
        err.contains(&format!(
            "summary: {} of {n} bundles rendered; not rendered:",
            good.len()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "  {} (invalid): {}:1:",
            broken.display(),
            broken.display()
        )),
        "{err}"
    );
    // Not a terminal: one plain line per finished bundle, no control characters.
    for k in 1..=n {
        assert!(err.contains(&format!("[{k}/{n}] ")), "{err}");
    }
    assert!(!err.contains('\u{1b}'), "escape sequences in plain output");
}

#[test]
fn two_bundles_writing_the_same_files_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let v1 = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/v1/mojokerto-2021.json"
    );
    let r = lkjip(&["render", SAMPLE, v1, "-o", out.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("would both write mojokerto-2021.pdf"));
    assert!(!out.exists(), "nothing may be written");
}
