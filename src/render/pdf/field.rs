//! Where the signature field goes. The layout marks the QR square of the head's main
//! electronic signature with `metadata(field name)` and the label `<tte-field>`
//! (`layouts/letter.typ`); after compiling, the label's position in the document's
//! introspector gives the square's page and top-left corner, which become the field's
//! rectangle in PDF user space (points from the bottom-left corner of the page).

use typst::foundations::Label;
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::{FieldPlacement, PdfError};
use crate::doc::ir::{Block, Document, Electronic};

/// The label of the square that gets the signature field.
const LABEL: &str = "tte-field";

/// The electronic signature of `doc` that carries the field name, if any.
fn field_signature(doc: &Document) -> Option<(&str, &Electronic)> {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(|b| match b {
            Block::Signature(s) => vec![s],
            Block::SignaturePair { left, right } => vec![left, right],
            _ => vec![],
        })
        .filter_map(|s| s.electronic.as_ref())
        .find_map(|e| e.field.as_deref().map(|name| (name, e)))
}

/// The page and rectangle of the signature field's square, when the document has one.
pub(super) fn placement(
    doc: &Document,
    paged: &PagedDocument,
) -> Result<Option<FieldPlacement>, PdfError> {
    let Some((name, electronic)) = field_signature(doc) else {
        return Ok(None);
    };
    let fail = |why: &str| PdfError {
        message: format!("signature field `{name}`: {why}"),
    };
    let introspector = paged.introspector();
    let label = Label::new(PicoStr::intern(LABEL)).ok_or_else(|| fail("empty label"))?;
    let element = introspector.query_label(label).map_err(|e| fail(&e))?;
    let location = element.location().ok_or_else(|| fail("not located"))?;
    let position = introspector
        .position(location)
        .ok_or_else(|| fail("not on any page"))?;
    let page_index = position.page.get() - 1;
    let page = paged
        .pages()
        .get(page_index)
        .ok_or_else(|| fail("page out of range"))?;
    let height = page.frame.height().to_pt();
    let side = f64::from(electronic.qr_mm) * 72.0 / 25.4;
    let (x, y) = (position.point.x.to_pt(), position.point.y.to_pt());
    Ok(Some(FieldPlacement {
        name: name.to_owned(),
        page_index,
        rect: [x, height - y - side, x + side, height - y],
    }))
}
