//! The command line (the CLI contract of the architecture guide): `render`, `check`,
//! `figures`, `schema`, `migrate`, `sign`, `verify`. Exit codes: 0 success (warnings
//! allowed), 1 invalid bundle (or a file given is not what the command needs), 2 usage
//! error, 3 rendering or I/O failure, 4 `verify` found the document not authentic.
//! Problems go to stderr, one per line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::bundle::{self, Loaded, Problem};
use crate::figures;

/// Exit code: the bundle is invalid.
pub const EXIT_INVALID: u8 = 1;
/// Exit code: usage error.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: rendering or I/O failure.
pub const EXIT_IO: u8 = 3;

/// lkjip: the yearly performance report (LKjIP) of a government agency, from one JSON bundle.
#[derive(Debug, Parser)]
#[command(name = "lkjip", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check bundles and print every error and warning.
    Check {
        /// Bundle files.
        #[arg(required = true)]
        bundles: Vec<PathBuf>,
    },
    /// Print the computed figures of a bundle, with their placeholder names.
    Figures {
        /// Bundle file.
        bundle: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of the bundle.
    Schema,
    /// Rewrite a bundle of an older schema version in the current one (to stdout, or to
    /// the file given with -o), listing every change on stderr.
    Migrate {
        /// Bundle file of an older schema version.
        bundle: PathBuf,
        /// Write the migrated bundle here (atomically) instead of to stdout.
        #[arg(short = 'o', long = "out", value_name = "NEW.json")]
        out: Option<PathBuf>,
    },
    /// Sign a report PDF made by lkjip (with `tata_letak.tte`) in its signature field: a
    /// PAdES B-B signature with the QR as its visible appearance. The password comes from
    /// --password-file or the environment variable LKJIP_P12_PASSWORD, never an argument.
    Sign {
        /// The report PDF.
        report: PathBuf,
        /// The signer's PKCS#12 file (key and certificate chain).
        #[arg(long, value_name = "KEY.p12")]
        p12: PathBuf,
        /// A file whose first line is the PKCS#12 password.
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        /// Write the signed PDF here (default: REPORT.signed.pdf beside it).
        #[arg(short = 'o', long = "out", value_name = "OUT.pdf")]
        out: Option<PathBuf>,
        /// Sign even with a certificate that has expired or is not valid yet.
        #[arg(long)]
        allow_expired: bool,
    },
    /// Check the signatures of a PDF and, for a report made by lkjip, that the signed
    /// report is exactly what its attached bundle gives. Exit 0 authentic, 4 not.
    Verify {
        /// The PDF.
        report: PathBuf,
        /// PEM file of trusted certificates (trust anchors) to check the chain against.
        #[arg(long, value_name = "CA.pem")]
        trust: Option<PathBuf>,
    },
    /// Render bundles to PDF and DOCX (the embedded sample when no bundle is given).
    Render {
        /// Bundle files.
        bundles: Vec<PathBuf>,
        /// Output directory.
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        /// Formats to write.
        #[arg(long, value_delimiter = ',', default_value = "pdf,docx")]
        format: Vec<Format>,
        /// Also write the typst sources (main.typ, layouts, IR JSON, fonts, images) here.
        #[arg(long, value_name = "DIR")]
        emit_typst: Option<PathBuf>,
        /// Sign each PDF in one step, as `lkjip sign` does, with this PKCS#12 file (the
        /// bundles need `tata_letak.tte`); nothing of a bundle is written if its PDF
        /// cannot be signed.
        #[arg(long, value_name = "KEY.p12")]
        sign: Option<PathBuf>,
        /// With --sign: a file whose first line is the PKCS#12 password (else the
        /// environment variable LKJIP_P12_PASSWORD).
        #[arg(long, value_name = "FILE", requires = "sign")]
        password_file: Option<PathBuf>,
        /// With --sign: sign even with a certificate that has expired or is not valid yet.
        #[arg(long, requires = "sign")]
        allow_expired: bool,
    },
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Print-ready PDF/A-3b.
    Pdf,
    /// Editable Word document.
    Docx,
}

/// Run the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    match cli.command {
        Command::Check { bundles } => check(&bundles),
        Command::Figures { bundle, json } => show_figures(&bundle, json),
        Command::Render {
            bundles,
            out,
            format,
            emit_typst,
            sign,
            password_file,
            allow_expired,
        } => {
            let signing = match sign {
                None => None,
                Some(p12) => match crate::cli_sign::load_key(&p12, password_file.as_deref()) {
                    Ok(key) => Some(crate::cli_render::Signing {
                        key,
                        p12,
                        allow_expired,
                    }),
                    Err(code) => return ExitCode::from(code),
                },
            };
            crate::cli_render::render(
                &bundles,
                &out,
                &format,
                emit_typst.as_deref(),
                signing.as_ref(),
            )
        }
        Command::Migrate { bundle, out } => migrate(&bundle, out.as_deref()),
        Command::Sign {
            report,
            p12,
            password_file,
            out,
            allow_expired,
        } => crate::cli_sign::sign(
            &report,
            &p12,
            password_file.as_deref(),
            out.as_deref(),
            allow_expired,
        ),
        Command::Verify { report, trust } => crate::cli_sign::verify(&report, trust.as_deref()),
        Command::Schema => {
            let schema = schemars::schema_for!(bundle::Bundle);
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
    }
}

/// Print problems to stderr, one per line.
pub fn print_problems(problems: &[Problem]) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
}

/// Read and load one bundle file; problems are printed. `Err` carries the exit code.
pub fn load_file(path: &Path) -> Result<Loaded, u8> {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{name}: cannot read the bundle ({})", io_reason(&e));
            return Err(EXIT_IO);
        }
    };
    match bundle::load(&name, &bytes) {
        Ok(loaded) => {
            print_problems(&loaded.warnings);
            let glyphs = glyph_problems(&loaded);
            if !glyphs.is_empty() {
                print_problems(&glyphs);
                return Err(EXIT_INVALID);
            }
            Ok(loaded)
        }
        Err(problems) => {
            print_problems(&problems);
            Err(EXIT_INVALID)
        }
    }
}

/// Characters of the bundle's texts that no embedded font of the PDF can show, each at
/// the first text that holds it.
pub fn glyph_problems(loaded: &Loaded) -> Vec<Problem> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    bundle::validate::walk_strings(&loaded.tree, "", &mut |path, pos, s| {
        for c in s.chars() {
            if !seen.contains(&c) && crate::render::pdf::missing_glyph(c) {
                seen.push(c);
                out.push(Problem {
                    file: loaded.file.clone(),
                    pos,
                    path: path.to_string(),
                    message: format!(
                        "character {c:?} (U+{:04X}) is in none of the PDF's fonts (Liberation Sans, DejaVu Sans, Symbola); PDF/A allows no missing glyph, so replace or remove it",
                        c as u32
                    ),
                    severity: bundle::Severity::Error,
                });
            }
        }
    });
    out
}

/// Lower-case reason of an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

fn check(paths: &[PathBuf]) -> ExitCode {
    let mut worst = 0;
    for p in paths {
        match load_file(p) {
            Ok(l) => {
                let n = l
                    .warnings
                    .iter()
                    .filter(|w| w.severity == bundle::Severity::Warning)
                    .count();
                eprintln!(
                    "{}: ok ({n} warning{})",
                    p.display(),
                    if n == 1 { "" } else { "s" }
                )
            }
            Err(code) => worst = worst.max(code),
        }
    }
    ExitCode::from(worst)
}

/// `lkjip migrate`: parse, bring to the current schema, write; the content is not
/// validated here (run `check` on the result), so a bundle with other problems migrates too.
fn migrate(path: &Path, out: Option<&Path>) -> ExitCode {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{name}: cannot read the bundle ({})", io_reason(&e));
            return ExitCode::from(EXIT_IO);
        }
    };
    let problem = |pos, path: &str, message| Problem {
        file: name.clone(),
        pos,
        path: path.into(),
        message,
        severity: bundle::Severity::Error,
    };
    let tree = std::str::from_utf8(&bytes)
        .map_err(|_| {
            problem(
                Default::default(),
                "",
                "the file is not valid UTF-8; save it as UTF-8".into(),
            )
        })
        .and_then(|text| bundle::json::parse(text).map_err(|e| problem(e.pos, "", e.message)));
    let migrated = tree.and_then(|t| {
        bundle::migrate::migrate(t).map_err(|(pos, m)| problem(pos, "schema_version", m))
    });
    let m = match migrated {
        Ok(m) => m,
        Err(p) => {
            print_problems(&[p]);
            return ExitCode::from(EXIT_INVALID);
        }
    };
    if m.changes.is_empty() {
        eprintln!(
            "{name}: already schema_version {}; nothing to change",
            bundle::types::SCHEMA_VERSION
        );
    }
    for c in &m.changes {
        eprintln!("{name}: migrated: {c}");
    }
    let text = bundle::tree::to_pretty(&m.tree);
    match out {
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
        Some(dest) => {
            if let Err(e) = crate::render::output::write_atomic(dest, text.as_bytes()) {
                eprintln!("{}: cannot write ({})", dest.display(), io_reason(&e));
                return ExitCode::from(EXIT_IO);
            }
            eprintln!(
                "{}: written; check it with `lkjip check {}`",
                dest.display(),
                dest.display()
            );
        }
    }
    ExitCode::SUCCESS
}

fn show_figures(path: &Path, json: bool) -> ExitCode {
    let loaded = match load_file(path) {
        Ok(l) => l,
        Err(code) => return ExitCode::from(code),
    };
    let f = figures::compute(&loaded.bundle);
    let mut out = std::io::stdout().lock();
    if json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&f).unwrap_or_default()
        );
    } else {
        let width = f.names.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        let _ = writeln!(out, "{:width$}  VALUE", "NAME (use as {{ NAME }})");
        for (k, v) in &f.names {
            let _ = writeln!(out, "{k:width$}  {v}");
        }
    }
    ExitCode::SUCCESS
}
