//! `lkjip render`: load each bundle (or the embedded sample), render PDF and DOCX in
//! memory, then write them atomically into the output directory. A bundle with errors
//! writes nothing; existing files are only ever replaced whole by good ones.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::bundle::Loaded;
use crate::cli::{EXIT_IO, Format, Ready, io_reason, load_bytes, load_file};
use crate::render::{output, pdf};
use crate::{report, sample};

/// Run `render`.
pub fn render(
    bundles: &[PathBuf],
    out: &Path,
    formats: &[Format],
    emit_typst: Option<&Path>,
) -> ExitCode {
    let mut worst = 0u8;
    let jobs: Vec<(String, Result<Ready, u8>)> = if bundles.is_empty() {
        vec![(
            sample::NAME.to_string(),
            load_bytes(sample::NAME, sample::BYTES, None),
        )]
    } else {
        bundles
            .iter()
            .map(|b| (b.display().to_string(), load_file(b)))
            .collect()
    };
    for (name, ready) in jobs {
        let code = match ready {
            Ok(r) => render_one(&name, &r.loaded, r.emblem, out, formats, emit_typst),
            Err(c) => c,
        };
        worst = worst.max(code);
    }
    ExitCode::from(worst)
}

fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(|| "lkjip".into(), |s| s.to_string_lossy().into_owned())
}

fn render_one(
    name: &str,
    l: &Loaded,
    emblem: Option<Vec<u8>>,
    out: &Path,
    formats: &[Format],
    emit_typst: Option<&Path>,
) -> u8 {
    let stem = stem(name);
    if let Some(dir) = emit_typst {
        let doc = report::document(l, emblem.clone());
        if let Err(e) = pdf::emit_typst(&doc, dir) {
            eprintln!(
                "{}: cannot write the typst sources ({})",
                dir.display(),
                io_reason(&e)
            );
            return EXIT_IO;
        }
    }
    let rendered = match report::render(l, emblem, &format!("{stem}.json")) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{name}: rendering failed: {e}");
            return EXIT_IO;
        }
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!(
            "{}: cannot create the output directory ({})",
            out.display(),
            io_reason(&e)
        );
        return EXIT_IO;
    }
    for f in formats {
        let (ext, bytes) = match f {
            Format::Pdf => ("pdf", &rendered.pdf),
            Format::Docx => ("docx", &rendered.docx),
        };
        let dest = out.join(format!("{stem}.{ext}"));
        if let Err(e) = output::write_atomic(&dest, bytes) {
            eprintln!("{}: cannot write ({})", dest.display(), io_reason(&e));
            return EXIT_IO;
        }
        eprintln!(
            "{}: written ({} bytes{})",
            dest.display(),
            bytes.len(),
            if *f == Format::Pdf {
                format!(", {} pages", rendered.pages)
            } else {
                String::new()
            }
        );
    }
    0
}
