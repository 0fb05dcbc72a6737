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
    let document = document(loaded, emblem);
    let opts = pdf::PdfOptions {
        attachment: Some(pdf::Attachment {
            name: attachment_name.to_string(),
            bytes: loaded.raw.clone(),
            description: "Bundle data from which this report was generated".into(),
        }),
        ..Default::default()
    };
    let out = pdf::render_pdf(&document, &opts).map_err(|e| e.to_string())?;
    let pages: BTreeMap<String, String> = out
        .heading_pages
        .iter()
        .map(|h| (h.anchor.clone(), h.page_label.clone()))
        .collect();
    let docx = docx::render_docx(&document, &pages).map_err(|e| e.to_string())?;
    Ok(Rendered {
        document,
        pdf: out.bytes,
        docx,
        pages: out.page_count,
    })
}
