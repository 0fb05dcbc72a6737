//! Where each heading and numbered caption landed. The layout gives every heading
//! element, and a metadata element at the start of every numbered caption, the IR anchor
//! as its typst label; after compiling, the label is looked up in the document's
//! introspector, which gives the heading's physical page. The printed label is that
//! page's own footer numbering (`i`, `1`, or none) applied to its logical page number
//! (`Page::number`, which follows `counter(page)` and so respects section restarts):
//! the same value the footer and the table of contents print.

use typst::foundations::Label;
use typst::introspection::Introspector;
use typst::model::Numbering;
use typst::utils::PicoStr;
use typst_layout::{Page, PagedDocument};

use super::{AnchorPage, PdfError};
use crate::doc::ir::Document;

/// The page of every heading, then of every numbered caption, of `doc` in the compiled
/// `paged` document.
pub(super) fn anchor_pages(
    doc: &Document,
    paged: &PagedDocument,
) -> Result<Vec<AnchorPage>, PdfError> {
    let introspector = paged.introspector();
    let captions = doc.captions();
    let headings = doc.headings().into_iter().map(|h| h.anchor.as_str());
    headings
        .chain(captions.iter().map(|c| c.anchor.as_str()))
        .map(|anchor| {
            let fail = |why: &str| PdfError {
                message: format!("anchor `{anchor}`: {why}"),
            };
            let label = Label::new(PicoStr::intern(anchor)).ok_or_else(|| fail("empty anchor"))?;
            let element = introspector.query_label(label).map_err(|e| fail(&e))?;
            let location = element.location().ok_or_else(|| fail("not located"))?;
            let page = introspector
                .page(location)
                .ok_or_else(|| fail("not on any page"))?;
            let page_index = page.get() - 1;
            let page = paged
                .pages()
                .get(page_index)
                .ok_or_else(|| fail("page out of range"))?;
            Ok(AnchorPage {
                anchor: anchor.to_string(),
                page_label: page_label(page),
                page_index,
            })
        })
        .collect()
}

/// The page number as the footer prints it ("" when the page shows none).
pub(super) fn page_label(page: &Page) -> String {
    match &page.numbering {
        None => String::new(),
        Some(Numbering::Pattern(pattern)) => pattern
            .apply(None, &[page.number])
            .map(|s| s.to_string())
            .unwrap_or_else(|_| page.number.to_string()),
        Some(Numbering::Func(_)) => page.number.to_string(),
    }
}
