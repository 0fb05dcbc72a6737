//! One report from one loaded bundle, in memory: figures → IR → PDF (which also gives the
//! page of every heading) → DOCX (whose TOC caches those pages). Nothing is written here.

use std::collections::BTreeMap;

use crate::bundle::Loaded;
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
    let document = document(loaded, emblem);
    clock.lap("figures + IR");
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
    let out = pdf::render_pdf(&document, &opts).map_err(|e| e.to_string())?;
    // An electronically signed report (TTE) gets its empty signature field now: typst
    // cannot write one.
    let pdf_bytes = match &out.signature_field {
        Some(place) => crate::sign::field::add_field(&out.bytes, place)
            .map_err(|e| format!("cannot add the signature field ({e})"))?,
        None => out.bytes,
    };
    clock.lap("PDF");
    let pages: BTreeMap<String, String> = out
        .heading_pages
        .iter()
        .map(|h| (h.anchor.clone(), h.page_label.clone()))
        .collect();
    let docx = docx::render_docx(&document, &pages).map_err(|e| e.to_string())?;
    clock.lap("DOCX");
    Ok(Rendered {
        document,
        pdf: pdf_bytes,
        docx,
        pages: out.page_count,
    })
}

/// Phase timings on stderr when `LKJIP_TIMINGS` is set (for benchmarks; never in output).
struct Stopwatch(Option<std::cell::Cell<std::time::Instant>>);

impl Stopwatch {
    fn new() -> Self {
        Stopwatch(
            std::env::var_os("LKJIP_TIMINGS")
                .map(|_| std::cell::Cell::new(std::time::Instant::now())),
        )
    }

    fn lap(&self, what: &str) {
        if let Some(t) = &self.0 {
            let now = std::time::Instant::now();
            eprintln!("timing: {what}: {} ms", (now - t.get()).as_millis());
            t.set(now);
        }
    }
}
