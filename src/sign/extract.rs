//! Back from an archived PDF to its bundle: every PDF lkjip makes carries the bundle it was
//! made from as a PDF/A-3 attachment (`application/json`, AFRelationship Source), and names
//! the lkjip version that made it (document info `/Creator` and XMP `CreatorTool`:
//! `lkjip <version>`). The file is read with the PDF reader of `sign` (signed reports
//! too: the newest trailer of an incremental update still leads to the attachment). It
//! only reads; it never trusts the attachment to be a valid bundle (the loader checks it).

use crate::sign::attachment;
use crate::sign::pdf::{Pdf, Value};

/// What `extract` found.
#[derive(Debug)]
pub struct Extracted {
    /// The bundle bytes, exactly as attached.
    pub bundle: Vec<u8>,
    /// The version of lkjip that made the PDF (`None` when it does not say).
    pub made_by: Option<String>,
}

/// Why nothing could be extracted.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// The bytes are not a PDF.
    NotPdf,
    /// A PDF this reader cannot follow (damaged, or written in a form lkjip never uses).
    Unreadable(String),
    /// A PDF with no attached bundle.
    NoBundle,
}

pub use crate::render::pdf::{creator, version_of_creator};

/// Find the attached bundle of a PDF made by lkjip.
pub fn extract(bytes: &[u8]) -> Result<Extracted, Failure> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(Failure::NotPdf);
    }
    let pdf = Pdf::parse(bytes).map_err(Failure::Unreadable)?;
    let file = attachment::attached(&pdf)
        .map_err(Failure::Unreadable)?
        .ok_or(Failure::NoBundle)?;
    if !is_bundle(&file.bytes) {
        return Err(Failure::NoBundle);
    }
    Ok(Extracted {
        bundle: file.bytes,
        made_by: made_by(&pdf),
    })
}

/// The lkjip version in the document info, if lkjip made it.
fn made_by(pdf: &Pdf) -> Option<String> {
    let info = pdf.resolve(pdf.trailer.get("Info")?).ok()?;
    let Value::Dict(d) = info else { return None };
    match d.get("Creator") {
        Some(Value::Str(s)) => version_of_creator(s),
        _ => None,
    }
}

/// A JSON object with a `schema_version`: what lkjip attaches.
fn is_bundle(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    crate::bundle::json::parse(text).is_ok_and(|n| n.get("schema_version").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_creator_names_the_version() {
        assert_eq!(version_of_creator(b"lkjip 0.1.0").as_deref(), Some("0.1.0"));
        assert_eq!(version_of_creator(b"lkjip").as_deref(), Some(""));
        assert_eq!(version_of_creator(b"lkjipx"), None);
        assert_eq!(version_of_creator(b"LibreOffice"), None);
        assert_eq!(
            version_of_creator(creator().as_bytes()).as_deref(),
            Some(env!("CARGO_PKG_VERSION"))
        );
    }

    #[test]
    fn not_a_pdf() {
        assert_eq!(extract(b"GIF89a").unwrap_err(), Failure::NotPdf);
    }
}
