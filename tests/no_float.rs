//! Exact arithmetic: no `f32`/`f64` in the bundle types, the figures or the formatting.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_floating_point_in_money_or_percentages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![
        root.join("bundle/types.rs"),
        root.join("bundle/scalar.rs"),
        root.join("bundle/text.rs"),
        root.join("bundle/validate.rs"),
    ];
    rust_files(&root.join("figures"), &mut files);
    rust_files(&root.join("format"), &mut files);
    rust_files(&root.join("doc"), &mut files);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap();
            for t in ["f32", "f64"] {
                let hit = code.match_indices(t).any(|(at, _)| {
                    let before = code[..at].chars().last();
                    let after = code[at + 3..].chars().next();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                        && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                assert!(!hit, "{}:{}: {t} in exact code: {line}", f.display(), i + 1);
            }
        }
    }
}
