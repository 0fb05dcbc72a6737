//! One report from one loaded bundle, in memory: `prepare` (the checks that need the fonts
//! and the files beside the bundle, run by `check` as by `render`, so that a bundle that
//! checks clean renders) → figures → IR → PDF layout (which gives the page of every
//! heading), meanwhile the DOCX's charts are rasterised → PDF export, meanwhile the DOCX
//! is written (its TOC caches those pages). The pairs run in parallel as rayon jobs in the
//! current pool (see `cli_render` for the threads of a batch). Nothing is written here.

use std::collections::BTreeMap;
use std::path::Path;

use crate::bundle::{self, Loaded, Problem, Severity};
use crate::doc::{self, Document};
use crate::figures;
use crate::render::{docx, pdf};

/// The rendered files of one report.
pub struct Rendered {
    /// The IR the files were made from.
    pub document: Document,
    /// PDF bytes.
    pub pdf: Vec<u8>,
    /// DOCX bytes.
    pub docx: Vec<u8>,
    /// Pages of the PDF.
    pub pages: usize,
}

/// What a render needs beyond the bundle, read and checked: every character of the texts
/// is in one of the PDF's fonts, and the emblem (`kop.lambang`, a PNG beside the bundle)
/// can be read. Every problem is located at its field; all are returned at once.
pub fn prepare(l: &Loaded, dir: Option<&Path>) -> Result<Option<Vec<u8>>, Vec<Problem>> {
    let mut problems = glyph_problems(l);
    let emblem = emblem(l, dir).map_err(|p| problems.push(p)).ok().flatten();
    if problems.is_empty() {
        Ok(emblem)
    } else {
        Err(problems)
    }
}

/// Characters of the bundle's texts that no embedded font of the PDF can show, each at
/// the first text that holds it.
fn glyph_problems(loaded: &Loaded) -> Vec<Problem> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    bundle::validate::walk_strings(&loaded.tree, "", &mut |path, pos, s| {
        for c in s.chars() {
            if !seen.contains(&c) && pdf::missing_glyph(c) {
                seen.push(c);
                out.push(Problem {
                    file: loaded.file.clone(),
                    pos,
                    path: path.to_string(),
                    message: format!(
                        "character {c:?} (U+{:04X}) is in none of the PDF's fonts (Liberation Sans, DejaVu Sans, Symbola); PDF/A allows no missing glyph, so replace or remove it",
                        c as u32
                    ),
                    severity: Severity::Error,
                });
            }
        }
    });
    out
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
            crate::failure::io_reason(&e)
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

/// Build the IR of a loaded bundle (`emblem`: the bundle's emblem PNG, if any).
pub fn document(loaded: &Loaded, emblem: Option<Vec<u8>>) -> Document {
    let f = figures::compute(&loaded.bundle);
    doc::build(&loaded.bundle, &f, emblem)
}

/// Render both files. Errors are plain messages (typst diagnostics with file and line).
pub fn render(
    loaded: &Loaded,
    emblem: Option<Vec<u8>>,
    attachment_name: &str,
) -> Result<Rendered, String> {
    let clock = Stopwatch::new();
    let t = clock.now();
    let document = document(loaded, emblem);
    clock.lap("figures + IR", t);
    let opts = pdf::PdfOptions {
        attachment: Some(pdf::Attachment {
            name: attachment_name.to_string(),
            bytes: loaded.raw.clone(),
            description: "Bundle data from which this report was generated".into(),
        }),
        // Tagged for screen readers and reflow: on the sample 525 KB instead of 219 KB and
        // 0,54 s instead of 0,37 s (measured with /usr/bin/time), a fair price for a
        // public document.
        tagged: true,
    };
    // Typst lays out the PDF while the DOCX's charts are rasterised (they take about as
    // long); then it exports the PDF while the DOCX is written (its TOC needs the heading
    // pages of the layout). Both pairs are rayon jobs: they run in parallel when the
    // current pool (that of a batch, or the global one) has a free thread, and one after
    // the other in a pool of one thread.
    let t = clock.now();
    let (laid, rasters) = rayon::join(
        || {
            let laid = pdf::layout(&document, &opts);
            clock.lap("PDF layout", t);
            laid
        },
        || {
            let t = clock.now();
            let rasters = docx::raster::rasterize(&document);
            clock.lap("charts", t);
            rasters
        },
    );
    let laid = laid.map_err(|e| e.to_string())?;
    let rasters = rasters.map_err(|e| format!("DOCX: {e}"))?;
    let pages: BTreeMap<String, String> = laid
        .anchor_pages()
        .iter()
        .map(|h| (h.anchor.clone(), h.page_label.clone()))
        .collect();
    let (out, docx) = rayon::join(
        || {
            let t = clock.now();
            let out = laid.export();
            clock.lap("PDF export", t);
            out
        },
        || {
            let t = clock.now();
            let docx = docx::render_docx_with(&document, &pages, &rasters);
            clock.lap("DOCX", t);
            docx
        },
    );
    let out = out.map_err(|e| e.to_string())?;
    let docx = docx.map_err(|e| e.to_string())?;
    // An electronically signed report (TTE) gets its empty signature field now: typst
    // cannot write one.
    let t = clock.now();
    let pdf_bytes = match &out.signature_field {
        Some(place) => crate::sign::field::add_field(&out.bytes, place)
            .map_err(|e| format!("cannot add the signature field ({e})"))?,
        None => out.bytes,
    };
    clock.lap("signature field", t);
    Ok(Rendered {
        document,
        pdf: pdf_bytes,
        docx,
        pages: out.page_count,
    })
}

/// Phase timings on stderr when `LKJIP_TIMINGS` is set (for benchmarks; never in output).
/// A phase ends: `lap` prints its duration (since `start`, a [`Stopwatch::now`]) and when it
/// ended, counted from the start of the render; phases come from both threads.
struct Stopwatch(Option<std::time::Instant>);

impl Stopwatch {
    fn new() -> Self {
        Stopwatch(std::env::var_os("LKJIP_TIMINGS").map(|_| std::time::Instant::now()))
    }

    fn now(&self) -> Option<std::time::Instant> {
        self.0.map(|_| std::time::Instant::now())
    }

    fn lap(&self, what: &str, start: Option<std::time::Instant>) {
        if let (Some(render), Some(start)) = (self.0, start) {
            eprintln!(
                "timing: {what}: {} ms (at {} ms)",
                start.elapsed().as_millis(),
                render.elapsed().as_millis()
            );
        }
    }
}
