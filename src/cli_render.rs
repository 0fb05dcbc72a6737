//! `lkjip render`: load each bundle (or the embedded sample), render PDF and DOCX in
//! memory (and sign the PDF with `--sign`), then write them atomically into the output
//! directory. A bundle with errors writes nothing; existing files are only ever replaced
//! whole by good ones.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::bundle::{self, Loaded, Problem, Severity};
use crate::cli::{EXIT_INVALID, EXIT_IO, Format, io_reason, load_file, print_problems};
use crate::render::{output, pdf};
use crate::{report, sample};

/// `render --sign`: the signer's key, loaded once for every bundle.
pub struct Signing {
    /// The key and certificates.
    pub key: crate::sign::keys::SigningKey,
    /// The PKCS#12 file it came from (named in errors about the certificate).
    pub p12: PathBuf,
    /// Sign even with a certificate that is not valid now.
    pub allow_expired: bool,
}

/// Run `render`.
pub fn render(
    bundles: &[PathBuf],
    out: &Path,
    formats: &[Format],
    emit_typst: Option<&Path>,
    signing: Option<&Signing>,
) -> ExitCode {
    let mut worst = 0u8;
    let jobs: Vec<(String, Result<Loaded, u8>, Option<PathBuf>)> = if bundles.is_empty() {
        let loaded = bundle::load(sample::NAME, sample::BYTES).map_err(|p| {
            print_problems(&p);
            EXIT_INVALID
        });
        if let Ok(l) = &loaded {
            print_problems(&l.warnings);
        }
        vec![(sample::NAME.to_string(), loaded, None)]
    } else {
        bundles
            .iter()
            .map(|b| {
                (
                    b.display().to_string(),
                    load_file(b),
                    b.parent().map(Path::to_path_buf),
                )
            })
            .collect()
    };
    for (name, loaded, dir) in jobs {
        let code = match loaded {
            Ok(l) => render_one(&name, &l, dir.as_deref(), out, formats, emit_typst, signing),
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

/// Read the bundle's emblem (a PNG beside the bundle), or report where it is named.
fn emblem(l: &Loaded, dir: Option<&Path>) -> Result<Option<Vec<u8>>, Problem> {
    let Some(rel) = &l.bundle.kop.lambang else {
        return Ok(None);
    };
    let problem = |message: String| Problem {
        file: l.file.clone(),
        pos: bundle::locate(&l.tree, "kop.lambang"),
        path: "kop.lambang".into(),
        message,
        severity: Severity::Error,
    };
    let path = dir.unwrap_or(Path::new(".")).join(rel);
    let bytes = std::fs::read(&path).map_err(|e| {
        problem(format!(
            "cannot read the emblem {} ({})",
            path.display(),
            io_reason(&e)
        ))
    })?;
    if crate::doc::build::png_size(&bytes).is_none() {
        return Err(problem(format!(
            "the emblem {} is not a PNG image; save it as PNG",
            path.display()
        )));
    }
    Ok(Some(bytes))
}

fn render_one(
    name: &str,
    l: &Loaded,
    dir: Option<&Path>,
    out: &Path,
    formats: &[Format],
    emit_typst: Option<&Path>,
    signing: Option<&Signing>,
) -> u8 {
    let emblem = match emblem(l, dir) {
        Ok(e) => e,
        Err(p) => {
            print_problems(&[p]);
            return EXIT_INVALID;
        }
    };
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
    let mut rendered = match report::render(l, emblem, &format!("{stem}.json")) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{name}: rendering failed: {e}");
            return EXIT_IO;
        }
    };
    if let Some(s) = signing {
        let req = crate::sign::signer::SignRequest {
            key: &s.key,
            now: std::time::SystemTime::now(),
            allow_expired: s.allow_expired,
        };
        match crate::sign::signer::sign(&rendered.pdf, &req) {
            Ok(signed) => rendered.pdf = signed,
            Err(crate::sign::signer::SignError::Certificate(e)) => {
                eprintln!("{}: {e}", s.p12.display());
                return EXIT_INVALID;
            }
            Err(crate::sign::signer::SignError::Document(e)) => {
                eprintln!("{name}: cannot sign the PDF: {e}");
                return EXIT_INVALID;
            }
        }
    }
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
