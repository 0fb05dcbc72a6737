//! Layout for the studio's live pages (`lkjip edit`): the same World, layouts and checks
//! as a render, without the PDF export and without emptying typst's caches, so that the
//! next edit's layout reuses what this one memoized (the studio evicts old entries
//! itself). It must never clear the caches: that would make every edit a cold layout.

use typst::diag::{SourceDiagnostic, Warned};
use typst_layout::PagedDocument;

use super::world::ReportWorld;
use super::{PdfError, check_image_keys, diag, error, glyphs, ir_json, options_json};
use crate::doc::ir::Document;

/// Lay out `doc` as the PDF would be laid out; its pages, or the typst diagnostics.
pub fn layout_pages(doc: &Document) -> Result<PagedDocument, PdfError> {
    check_image_keys(doc)?;
    glyphs::check(doc)?;
    let world = ReportWorld::new(
        doc,
        ir_json(doc, false).map_err(|e| error(format!("IR to JSON: {e}")))?,
        options_json(None),
        None,
    );
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    match output {
        Ok(paged) if warnings.is_empty() => Ok(paged),
        Ok(_) => Err(diag::to_error(&world, &warnings.iter().collect::<Vec<_>>())),
        Err(errors) => {
            let all: Vec<&SourceDiagnostic> = errors.iter().chain(&warnings).collect();
            Err(diag::to_error(&world, &all))
        }
    }
}
