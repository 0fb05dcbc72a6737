//! `lkjip render`: load each bundle (or the embedded sample, or every `*.json` of a
//! directory), render PDF and DOCX in memory (and sign the PDF with `--sign`), then write
//! them atomically into the output directory. `-j N` threads (one per core by default) in
//! one rayon pool; a render uses about two, so one bundle per two threads renders at a
//! time, and typst's caches are cleared between two bundles (while the next loads). Each
//! job's messages are printed together when it ends, with a progress bar on a terminal and
//! plain `[k/n]` lines otherwise, and a summary names every failure with its first error.
//! One bad bundle never stops the others. A bundle with errors writes nothing; existing
//! files are only ever replaced whole by good ones. Two bundles that would write the same
//! file are a usage error before any work.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::Format;
use crate::bundle::Loaded;
use crate::failure::io_reason;
use crate::failure::{self, Failure};
use crate::input::{Ready, load_bytes_quiet, load_file_quiet, print_lines};
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

/// One bundle to render.
enum Input {
    /// The embedded sample.
    Sample,
    /// A bundle file.
    File(PathBuf),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::Sample => sample::NAME.to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// What one job gives: how it failed, if it did, and its messages, in order.
struct Outcome {
    result: Result<(), Failure>,
    lines: Vec<String>,
}

/// Run `render`; `Err` is the worst failure of its jobs.
pub fn render(
    bundles: &[PathBuf],
    out: &Path,
    formats: &[Format],
    emit_typst: Option<&Path>,
    jobs: Option<u32>,
    signing: Option<&Signing>,
) -> Result<(), Failure> {
    let inputs = match inputs(bundles) {
        Ok(i) => i,
        Err(m) => {
            eprintln!("{m}");
            return Err(Failure::Usage);
        }
    };
    if inputs.is_empty() {
        eprintln!("no bundle (*.json) found in the directories given");
        return Err(Failure::Usage);
    }
    let many = inputs.len() > 1;
    // `-j N` is the number of threads in all. One render keeps about two busy (typst lays
    // out page runs in parallel; the charts and the DOCX go beside the PDF), so a bundle
    // is rendered per two threads, all in one rayon pool whose idle threads take over
    // the parallel work of the others. Fewer bundles at once also means less memory.
    let threads = jobs
        .map(|j| (j as usize).max(1))
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let workers = threads.div_ceil(2).min(inputs.len());
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot start {threads} threads ({e})");
            return Err(Failure::Io);
        }
    };
    let progress = Progress::new(inputs.len(), many);
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Outcome)>();
    let mut outcomes: BTreeMap<usize, Outcome> = BTreeMap::new();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, inputs, pool) = (&next, &inputs, &pool);
            s.spawn(move || {
                // Bundles differ: what typst memoized for one would mostly be dead weight
                // beside the next one, so the caches are cleared in between (while the
                // next bundle loads).
                let mut cleared = true;
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(input) = inputs.get(i) else { break };
                    let emit = emit_typst.map(|d| {
                        if many {
                            d.join(stem(&input.name()))
                        } else {
                            d.to_path_buf()
                        }
                    });
                    let outcome = pool
                        .install(|| run(input, out, formats, emit.as_deref(), signing, cleared));
                    cleared = false;
                    if tx.send((i, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, outcome) in rx {
            progress.done(&inputs[i].name(), &outcome);
            outcomes.insert(i, outcome);
        }
    });
    progress.finish();
    if many {
        summary(&inputs, &outcomes);
    }
    failure::worst(outcomes.values().filter_map(|o| o.result.err()))
}

/// The bundles named on the command line, directories expanded (their `*.json` files in
/// name order); a usage error when a directory cannot be read or two bundles would write
/// the same output files.
fn inputs(bundles: &[PathBuf]) -> Result<Vec<Input>, String> {
    if bundles.is_empty() {
        return Ok(vec![Input::Sample]);
    }
    let mut files = Vec::new();
    for b in bundles {
        if b.is_dir() {
            let entries = std::fs::read_dir(b).map_err(|e| {
                format!(
                    "{}: cannot read the directory ({})",
                    b.display(),
                    io_reason(&e)
                )
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(b.clone());
        }
    }
    let mut seen: BTreeMap<String, &PathBuf> = BTreeMap::new();
    for f in &files {
        let s = stem(&f.display().to_string());
        if let Some(first) = seen.insert(s.clone(), f) {
            return Err(format!(
                "{} and {} would both write {s}.pdf and {s}.docx; rename one or render them into different directories (-o)",
                first.display(),
                f.display()
            ));
        }
    }
    Ok(files.into_iter().map(Input::File).collect())
}

fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(|| "lkjip".into(), |s| s.to_string_lossy().into_owned())
}

/// Load, render and write one bundle; nothing is printed here. In parallel with loading:
/// unless `cleared`, typst's caches are cleared; if `cleared` (a worker's first bundle),
/// what every render shares (fonts, typst's library, layouts) is built.
fn run(
    input: &Input,
    out: &Path,
    formats: &[Format],
    emit_typst: Option<&Path>,
    signing: Option<&Signing>,
    cleared: bool,
) -> Outcome {
    let name = input.name();
    let ((ready, mut lines), ()) = rayon::join(
        || match input {
            Input::Sample => load_bytes_quiet(sample::NAME, sample::BYTES, None),
            Input::File(p) => load_file_quiet(p),
        },
        || {
            if cleared {
                pdf::warm_up();
            } else {
                pdf::clear_caches();
            }
        },
    );
    let result = match ready {
        Ok(Ready { loaded, emblem }) => render_one(
            &name, &loaded, emblem, out, formats, emit_typst, signing, &mut lines,
        ),
        Err(f) => Err(f),
    };
    Outcome { result, lines }
}

#[allow(clippy::too_many_arguments)]
fn render_one(
    name: &str,
    l: &Loaded,
    emblem: Option<Vec<u8>>,
    out: &Path,
    formats: &[Format],
    emit_typst: Option<&Path>,
    signing: Option<&Signing>,
    lines: &mut Vec<String>,
) -> Result<(), Failure> {
    let stem = stem(name);
    if let Some(dir) = emit_typst {
        let doc = report::document(l, emblem.clone());
        if let Err(e) = pdf::emit_typst(&doc, dir) {
            lines.push(format!(
                "{}: cannot write the typst sources ({})",
                dir.display(),
                io_reason(&e)
            ));
            return Err(Failure::Io);
        }
    }
    let mut rendered = match report::render(l, emblem, &format!("{stem}.json")) {
        Ok(r) => r,
        Err(e) => {
            lines.push(format!("{name}: rendering failed: {e}"));
            return Err(Failure::Io);
        }
    };
    if let Some(s) = signing {
        let req = crate::sign::signer::SignRequest {
            key: &s.key,
            now: std::time::SystemTime::now(),
            allow_expired: s.allow_expired,
            tsa: None,
            ltv: false,
        };
        match crate::sign::signer::sign(&rendered.pdf, &req) {
            Ok(signed) => rendered.pdf = signed,
            Err(crate::sign::signer::SignError::Certificate(e)) => {
                lines.push(format!("{}: {e}", s.p12.display()));
                return Err(Failure::Invalid);
            }
            Err(
                crate::sign::signer::SignError::Document(e)
                | crate::sign::signer::SignError::Timestamp(e),
            ) => {
                lines.push(format!("{name}: cannot sign the PDF: {e}"));
                return Err(Failure::Invalid);
            }
        }
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        lines.push(format!(
            "{}: cannot create the output directory ({})",
            out.display(),
            io_reason(&e)
        ));
        return Err(Failure::Io);
    }
    let files: Vec<(&Format, PathBuf, &Vec<u8>)> = formats
        .iter()
        .map(|f| {
            let (ext, bytes) = match f {
                Format::Pdf => ("pdf", &rendered.pdf),
                Format::Docx => ("docx", &rendered.docx),
            };
            (f, out.join(format!("{stem}.{ext}")), bytes)
        })
        .collect();
    // Both files at once: each waits for the disk (fsync) on its own.
    let written: Vec<std::io::Result<()>> = files
        .par_iter()
        .map(|(_, dest, bytes)| output::write_atomic(dest, bytes))
        .collect();
    let mut failed = false;
    for ((f, dest, bytes), result) in files.iter().zip(written) {
        match result {
            Err(e) => {
                lines.push(format!(
                    "{}: cannot write ({})",
                    dest.display(),
                    io_reason(&e)
                ));
                failed = true;
            }
            Ok(()) => lines.push(format!(
                "{}: written ({} bytes{})",
                dest.display(),
                bytes.len(),
                if **f == Format::Pdf {
                    format!(", {} pages", rendered.pages)
                } else {
                    String::new()
                }
            )),
        }
    }
    if failed { Err(Failure::Io) } else { Ok(()) }
}

/// Every failure with its first error, and the count of good reports.
fn summary(inputs: &[Input], outcomes: &BTreeMap<usize, Outcome>) {
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|(i, o)| {
            let what = o.result.err()?.word();
            let first = o
                .lines
                .iter()
                .find(|l| !l.contains(": warning: ") && !l.contains(": note: "))
                .cloned()
                .unwrap_or_default();
            Some(format!("  {} ({what}): {first}", inputs[*i].name()))
        })
        .collect();
    let ok = outcomes.len() - failed.len();
    let mut lines = vec![format!(
        "summary: {ok} of {} bundles rendered{}",
        outcomes.len(),
        if failed.is_empty() {
            ""
        } else {
            "; not rendered:"
        }
    )];
    lines.extend(failed);
    print_lines(&lines);
}

/// Progress: a bar on a terminal, `[k/n] name: ok` lines otherwise; one bundle alone
/// prints its messages only.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
    many: bool,
    done: AtomicUsize,
}

impl Progress {
    fn new(total: usize, many: bool) -> Progress {
        let bar = (many && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            total,
            many,
            done: AtomicUsize::new(0),
        }
    }

    fn done(&self, name: &str, o: &Outcome) {
        let k = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        let status = o.result.map_or_else(Failure::word, |()| "ok");
        match &self.bar {
            Some(bar) => {
                for l in &o.lines {
                    bar.println(l);
                }
                bar.set_message(format!("{name}: {status}"));
                bar.inc(1);
            }
            None => {
                print_lines(&o.lines);
                if self.many {
                    print_lines(&[format!("[{k}/{}] {name}: {status}", self.total)]);
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
