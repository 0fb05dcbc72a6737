//! The command line (the CLI contract: ARCHITECTURE.md and the README): `render`, `check`,
//! `figures`, `schema`, `migrate`, `init`, `extract`, `sign`, `verify`, `workbook`,
//! `import`, `absorb`, `audit`, `edit` (the studio, `crate::studio`). Exit codes: 0
//! success (warnings allowed), 1 invalid bundle (or a file given is not what the command
//! needs), 2 usage error, 3 rendering or I/O failure, 4 `verify` found the document not
//! authentic, 5 `verify` found it intact but its signer not verified (no trust anchor
//! reached): every command returns `Result<(), Failure>` and `crate::failure` maps it to
//! the code. Problems go to stderr, one per line.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

pub use crate::input::{
    Ready, load_bytes, load_bytes_quiet, load_file, load_file_quiet, print_lines, print_problems,
};

use crate::bundle::{self, Problem};
use crate::failure::{self, Failure};
use crate::figures;

pub use crate::failure::io_reason;

mod render;
mod sign;

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
        /// Add an RFC 3161 timestamp of the signature from this TSA (PAdES B-T; http://).
        #[arg(long, value_name = "URL")]
        tsa: Option<String>,
        /// Add the chain, its CRLs (from their http:// distribution points) and OCSP
        /// responses (from the http:// responders of their authority information access)
        /// in a DSS after the signature (PAdES B-LT), for validation after the
        /// certificates expire. Refuses a certificate a responder says is revoked.
        #[arg(long)]
        ltv: bool,
    },
    /// Check the signatures of a PDF and, for a report made by lkjip, that the signed
    /// report is exactly what its attached bundle gives. Exit 0 authentic, 4 not, 5
    /// intact but signer not verified (no trust anchor reached).
    Verify {
        /// The PDF.
        report: PathBuf,
        /// PEM file of trusted certificates (trust anchors), repeatable; besides them the
        /// anchors of `LKJIP_TRUST` or the config file, and the system store.
        #[arg(long, value_name = "CA.pem")]
        trust: Vec<PathBuf>,
    },
    /// Write every raw number of a bundle into an XLSX workbook to be filled in (sheets
    /// Indikator, Anggaran, Pegawai, Aset, Statistik and a README in Indonesian); read it
    /// back with `lkjip import`.
    Workbook {
        /// The bundle.
        bundle: PathBuf,
        /// Write the workbook here (atomically; default: BUNDLE.xlsx beside the bundle).
        #[arg(short = 'o', long = "out", value_name = "FILE.xlsx")]
        out: Option<PathBuf>,
        /// Only the columns and rows of this year (default: every year of the bundle).
        #[arg(long, value_name = "N")]
        year: Option<i32>,
    },
    /// Read the values of a filled-in workbook (or one sheet of it saved as CSV) back into
    /// the bundle: rows matched by id, every change listed (cell, field, old -> new) on
    /// stdout, nothing else in the bundle touched; nothing written on any problem.
    Import {
        /// The workbook (.xlsx) or one sheet of it (.csv, separator ; or ,), recognised by
        /// the header of its first column.
        file: PathBuf,
        /// The bundle to update (in place unless -o is given).
        #[arg(long, value_name = "BUNDLE.json")]
        into: PathBuf,
        /// Write the updated bundle here instead (atomically).
        #[arg(short = 'o', long = "out", value_name = "NEW.json")]
        out: Option<PathBuf>,
        /// List the changes and check the result, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Bring the edits of a DOCX made by lkjip back into its bundle's texts (narasi, the
    /// letter, the foreword, the summary texts); printed figures stay computed: a changed
    /// figure is refused with its location (exit 1, nothing written) unless --keep-text.
    Absorb {
        /// The edited DOCX.
        docx: PathBuf,
        /// The bundle the DOCX was rendered from.
        #[arg(long = "into", value_name = "BUNDLE.json")]
        into: PathBuf,
        /// Write the new bundle here (atomically) instead of over BUNDLE.json.
        #[arg(short = 'o', long = "out", value_name = "NEW.json")]
        out: Option<PathBuf>,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Take the text edits even when figures were changed or content cannot be placed
        /// (those are listed and left out).
        #[arg(long)]
        keep_text: bool,
    },
    /// List every printed figure of a report (DOCX or PDF made by lkjip) that disagrees
    /// with what the bundle computes. Exit 0 none, 1 some.
    Audit {
        /// The report (DOCX or PDF).
        report: PathBuf,
        /// The bundle (needed for a DOCX; for a PDF, default: the one attached to it).
        #[arg(long, value_name = "B.json")]
        bundle: Option<PathBuf>,
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
                    let key = sign::load_key(&p12, password_file.as_deref())?;
                    Some(render::Signing {
                        key,
                        p12,
                        allow_expired,
                    })
                }
            };
            render::render(
                &bundles,
                &out,
                &format,
                emit_typst.as_deref(),
                jobs,
                signing.as_ref(),
            )
        }
        Command::Absorb {
            docx,
            into,
            out,
            dry_run,
            keep_text,
        } => crate::word::absorb_cmd(&docx, &into, out.as_deref(), dry_run, keep_text),
        Command::Audit { report, bundle } => crate::word::audit_cmd(&report, bundle.as_deref()),
        Command::Migrate { bundle, out } => migrate(&bundle, out.as_deref()),
        Command::Init { from, year, out } => init(&from, year, out.as_deref()),
        Command::Extract { report, out } => extract(&report, out.as_deref()),
        Command::Sign {
            report,
            p12,
            password_file,
            out,
            allow_expired,
            tsa,
            ltv,
        } => sign::sign(
            &report,
            &p12,
            password_file.as_deref(),
            out.as_deref(),
            allow_expired,
            tsa.as_deref(),
            ltv,
        ),
        Command::Verify { report, trust } => sign::verify(&report, &trust),
        Command::Workbook { bundle, out, year } => {
            crate::workbook::workbook_cmd(&bundle, out.as_deref(), year)
        }
        Command::Import {
            file,
            into,
            out,
            dry_run,
        } => crate::workbook::import_cmd(&file, &into, out.as_deref(), dry_run),
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
    let found = match crate::sign::extract::extract(&bytes) {
        Ok(f) => f,
        Err(crate::sign::extract::Failure::NotPdf) => {
            eprintln!("{name}: not a PDF file");
            return Err(Failure::Invalid);
        }
        Err(crate::sign::extract::Failure::Unreadable(why)) => {
            eprintln!(
                "{name}: cannot read this PDF ({why}); it was not made by lkjip, or it is damaged"
            );
            return Err(Failure::Invalid);
        }
        Err(crate::sign::extract::Failure::NoBundle) => {
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
