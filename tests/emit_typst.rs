//! `render --emit-typst DIR` writes sources that the official typst compiler (0.15, here
//! through its Python binding, installed by `.ci/run`) turns into the same pages (checked
//! with `pdftotext`). Without those readers only the emitted tree is checked.

mod common;

use std::process::Command;

use common::*;

#[test]
fn emitted_typst_compiles_to_the_same_pages() {
    let dir = tempfile::tempdir().unwrap();
    let emit = dir.path().join("typst");
    let out = dir.path().join("out");
    let r = lkjip(&[
        "render",
        SAMPLE,
        "-o",
        out.to_str().unwrap(),
        "--emit-typst",
        emit.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    for f in [
        "main.typ",
        "ir.json",
        "layouts/report.typ",
        "fonts/LiberationSans-Regular.ttf",
        "img/lambang.png",
    ] {
        assert!(emit.join(f).exists(), "{f} not emitted");
    }
    let theirs = dir.path().join("typst.pdf");
    let script = format!(
        "import typst; open({:?}, 'wb').write(typst.compile('main.typ', font_paths=['fonts'], ignore_system_fonts=True))",
        theirs.to_str().unwrap()
    );
    let Some(python) = readers::python_typst() else {
        return;
    };
    let py = Command::new(python)
        .arg("-c")
        .arg(&script)
        .current_dir(&emit)
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "the typst compiler failed (pip install typst==0.15.2): {}",
        String::from_utf8_lossy(&py.stderr)
    );
    let ours = out.join("mojokerto-2021.pdf");
    let Some(pdftotext) = readers::poppler("pdftotext") else {
        return;
    };
    let text = |p: &std::path::Path| {
        let o = Command::new(&pdftotext)
            .args(["-layout"])
            .arg(p)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert_eq!(text(&theirs), text(&ours));
}
