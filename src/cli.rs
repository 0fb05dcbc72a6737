//! The command line (the CLI contract of the architecture guide): `render`, `check`,
//! `figures`, `schema`, `migrate`, `init`, `extract`, `sign`, `verify`, `edit` (the
//! studio, `crate::studio`). Exit codes: 0 success (warnings allowed), 1 invalid bundle
//! (or a file given is not what the command needs), 2 usage error, 3 rendering or I/O
//! failure, 4 `verify` found the document not authentic: every command returns
//! `Result<(), Failure>` and `crate::failure` maps it to the code. Problems go to stderr,
//! one per line.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::bundle::{self, Loaded, Problem};
use crate::failure::{self, Failure};
use crate::figures;

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
    /// Write the bundle attached to a PDF made by lkjip (signed or not).
    Extract {
        /// The report PDF.
        report: PathBuf,
        /// Write the bundle here (atomically) instead of to stdout.
        #[arg(short = 'o', long = "out", value_name = "BUNDLE.json")]
        out: Option<PathBuf>,
    },
    /// Start next year's bundle from last year's: carried over what stays, dates moved on,
    /// every value to update listed in `draf` (check warns at each).
    Init {
        /// Last year's bundle.
        #[arg(long = "from", value_name = "LAST.json")]
        from: PathBuf,
        /// The new report year.
        #[arg(long)]
        year: i32,
        /// Write the new bundle here (atomically) instead of to stdout.
        #[arg(short = 'o', long = "out", value_name = "NEW.json")]
        out: Option<PathBuf>,
    },
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
    /// Edit a bundle in the browser (the report studio): forms, problems at their fields,
    /// live pages. Prints http://127.0.0.1:PORT/?token=TOKEN; a file that does not exist
    /// yet (or none) starts from the embedded sample.
    Edit {
        /// The bundle file.
        bundle: Option<PathBuf>,
        /// Port on 127.0.0.1 (default: a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Do not open a browser.
        #[arg(long)]
        no_open: bool,
    },
    /// Render bundles to PDF and DOCX (the embedded sample when no bundle is given).
    Render {
        /// Bundle files, or directories of bundles (their `*.json` files).
        bundles: Vec<PathBuf>,
        /// Output directory.
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        /// Formats to write.
        #[arg(long, value_delimiter = ',', default_value = "pdf,docx")]
        format: Vec<Format>,
        /// Also write the typst sources (main.typ, layouts, IR JSON, fonts, images) here
        /// (in a sub-directory per bundle when there are several).
        #[arg(long, value_name = "DIR")]
        emit_typst: Option<PathBuf>,
        /// Threads in all (default: one per core); one bundle renders per two threads.
        #[arg(short = 'j', long = "jobs", value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        jobs: Option<u32>,
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

/// Run the command line; `Err` is how it failed (its messages printed), which
/// [`failure::exit_code`] maps to the process exit code.
pub fn main() -> Result<(), Failure> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // `--help` and `--version` come this way too, and are no failure.
            return if e.use_stderr() {
                Err(Failure::Usage)
            } else {
                Ok(())
            };
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
            jobs,
            sign,
            password_file,
            allow_expired,
        } => {
            let signing = match sign {
                None => None,
                Some(p12) => {
                    let key = crate::cli_sign::load_key(&p12, password_file.as_deref())?;
                    Some(crate::cli_render::Signing {
                        key,
                        p12,
                        allow_expired,
                    })
                }
            };
            crate::cli_render::render(
                &bundles,
                &out,
                &format,
                emit_typst.as_deref(),
                jobs,
                signing.as_ref(),
            )
        }
        Command::Migrate { bundle, out } => migrate(&bundle, out.as_deref()),
        Command::Init { from, year, out } => init(&from, year, out.as_deref()),
        Command::Extract { report, out } => extract(&report, out.as_deref()),
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
        Command::Edit {
            bundle,
            port,
            no_open,
        } => crate::studio::edit(bundle, port, no_open),
        Command::Schema => {
            let schema = schemars::schema_for!(bundle::Bundle);
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            Ok(())
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

/// A bundle ready to render: loaded, validated, its emblem read.
pub struct Ready {
    /// The bundle.
    pub loaded: Loaded,
    /// Its emblem (PNG), when it names one.
    pub emblem: Option<Vec<u8>>,
}

/// Read, load and prepare one bundle file; problems are printed. `Err` says how it
/// failed. `check` and `render` both go through here, so they agree.
pub fn load_file(path: &Path) -> Result<Ready, Failure> {
    let (ready, lines) = load_file_quiet(path);
    print_lines(&lines);
    ready
}

/// [`load_file`] with the messages returned (one per line) instead of printed.
pub fn load_file_quiet(path: &Path) -> (Result<Ready, Failure>, Vec<String>) {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => load_bytes_quiet(&name, &bytes, path.parent()),
        Err(e) => (
            Err(Failure::Io),
            vec![format!(
                "{name}: cannot read the bundle ({})",
                io_reason(&e)
            )],
        ),
    }
}

/// Load and prepare a bundle from bytes (`dir`: where its emblem lies); problems printed.
pub fn load_bytes(name: &str, bytes: &[u8], dir: Option<&Path>) -> Result<Ready, Failure> {
    let (ready, lines) = load_bytes_quiet(name, bytes, dir);
    print_lines(&lines);
    ready
}

/// [`load_bytes`] with the messages returned instead of printed.
pub fn load_bytes_quiet(
    name: &str,
    bytes: &[u8],
    dir: Option<&Path>,
) -> (Result<Ready, Failure>, Vec<String>) {
    let text = |ps: &[Problem]| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    let loaded = match bundle::load(name, bytes) {
        Ok(l) => l,
        Err(problems) => return (Err(Failure::Invalid), text(&problems)),
    };
    let mut lines = text(&loaded.warnings);
    match crate::report::prepare(&loaded, dir) {
        Ok(emblem) => (Ok(Ready { loaded, emblem }), lines),
        Err(problems) => {
            lines.extend(text(&problems));
            (Err(Failure::Invalid), lines)
        }
    }
}

/// Print lines to stderr.
pub fn print_lines(lines: &[String]) {
    let mut err = std::io::stderr().lock();
    for l in lines {
        let _ = writeln!(err, "{l}");
    }
}

/// Lower-case reason of an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// `lkjip check`: every bundle, each reported; the worst failure of them all.
fn check(paths: &[PathBuf]) -> Result<(), Failure> {
    let mut failures = Vec::new();
    for p in paths {
        match load_file(p) {
            Ok(Ready { loaded: l, .. }) => {
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
            Err(f) => failures.push(f),
        }
    }
    failure::worst(failures)
}

/// `lkjip init`: last year's bundle must load (through the migration when old); the draft
/// is written, then checked in memory so that what it lists is shown at once.
fn init(from: &Path, year: i32, out: Option<&Path>) -> Result<(), Failure> {
    let ready = load_file(from)?;
    let draft = bundle::draft::next_year(ready.loaded.tree, year).map_err(|m| {
        eprintln!("{}: {m}", from.display());
        Failure::Usage
    })?;
    let text = bundle::tree::to_pretty(&draft.tree);
    write_or_print(out, text.as_bytes())?;
    eprintln!(
        "{}: draft of {year} with {} value(s) to update listed in \"draf\"; `lkjip check` shows where",
        out.map_or("stdout".into(), |p| p.display().to_string()),
        draft.paths.len()
    );
    Ok(())
}

/// `lkjip extract`: the attached bundle, byte for byte; a note when another lkjip version
/// made the PDF (rendering again may then give other bytes).
fn extract(report: &Path, out: Option<&Path>) -> Result<(), Failure> {
    let name = report.display();
    let bytes = match std::fs::read(report) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{name}: cannot read the report ({})", io_reason(&e));
            return Err(Failure::Io);
        }
    };
    let found = match crate::extract::extract(&bytes) {
        Ok(f) => f,
        Err(crate::extract::Failure::NotPdf) => {
            eprintln!("{name}: not a PDF file");
            return Err(Failure::Invalid);
        }
        Err(crate::extract::Failure::Unreadable(why)) => {
            eprintln!(
                "{name}: cannot read this PDF ({why}); it was not made by lkjip, or it is damaged"
            );
            return Err(Failure::Invalid);
        }
        Err(crate::extract::Failure::NoBundle) => {
            eprintln!(
                "{name}: this PDF carries no lkjip bundle (it was not made by lkjip, or its attachment was removed)"
            );
            return Err(Failure::Invalid);
        }
    };
    let current = env!("CARGO_PKG_VERSION");
    match &found.made_by {
        Some(v) if v == current => {}
        Some(v) if v.is_empty() => eprintln!(
            "{name}: note: made by an early lkjip that did not record its version; rendering the bundle again may not give the same bytes"
        ),
        Some(v) => eprintln!(
            "{name}: note: made by lkjip {v}, this is lkjip {current}; rendering the bundle again may not give the same bytes"
        ),
        None => eprintln!("{name}: note: the PDF does not say which lkjip version made it"),
    }
    write_or_print(out, &found.bundle)
}

/// Write `bytes` to `out` atomically, or to stdout; `Err` when it cannot (reported).
fn write_or_print(out: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match out {
        None => {
            let _ = std::io::stdout().lock().write_all(bytes);
            Ok(())
        }
        Some(dest) => crate::render::output::write_atomic(dest, bytes).map_err(|e| {
            eprintln!("{}: cannot write ({})", dest.display(), io_reason(&e));
            Failure::Io
        }),
    }
}

/// `lkjip migrate`: parse, bring to the current schema, write; the content is not
/// validated here (run `check` on the result), so a bundle with other problems migrates too.
fn migrate(path: &Path, out: Option<&Path>) -> Result<(), Failure> {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{name}: cannot read the bundle ({})", io_reason(&e));
            return Err(Failure::Io);
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
            return Err(Failure::Invalid);
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
    write_or_print(out, text.as_bytes())?;
    if let Some(dest) = out {
        eprintln!(
            "{}: written; check it with `lkjip check {}`",
            dest.display(),
            dest.display()
        );
    }
    Ok(())
}

fn show_figures(path: &Path, json: bool) -> Result<(), Failure> {
    let loaded = load_file(path)?.loaded;
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
    Ok(())
}
