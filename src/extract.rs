//! Back from an archived PDF to its bundle: every PDF lkjip makes carries the bundle it was
//! made from as a PDF/A-3 attachment (`application/json`, AFRelationship Source), and names
//! the lkjip version that made it (document info `/Creator` and XMP `CreatorTool`). This
//! module finds embedded files in a PDF's bytes — signed ones too: an incremental update
//! leaves the original objects in place — inflates them, and picks the one that is a bundle.
//! It only reads; it never trusts the attachment to be valid (the loader checks it).

use std::io::Read;

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
    /// A PDF with no embedded file that is a bundle.
    NoBundle,
}

/// The creator string lkjip writes into its PDFs: `lkjip <version>`.
pub fn creator() -> String {
    format!("lkjip {}", env!("CARGO_PKG_VERSION"))
}

/// Find the attached bundle of a PDF made by lkjip.
pub fn extract(pdf: &[u8]) -> Result<Extracted, Failure> {
    if !pdf.starts_with(b"%PDF-") {
        return Err(Failure::NotPdf);
    }
    let bundle = embedded_files(pdf)
        .into_iter()
        .find(|f| is_bundle(f))
        .ok_or(Failure::NoBundle)?;
    Ok(Extracted {
        bundle,
        made_by: made_by(pdf),
    })
}

/// The version in `/Creator(lkjip X)`, if any.
fn made_by(pdf: &[u8]) -> Option<String> {
    let at = find(pdf, b"/Creator(lkjip", 0)?;
    let start = at + b"/Creator(lkjip".len();
    let end = start + pdf[start..].iter().position(|&c| c == b')')?;
    let v = String::from_utf8_lossy(&pdf[start..end]).trim().to_string();
    Some(if v.is_empty() { "(unknown)".into() } else { v })
}

/// A JSON object with a `schema_version`: what lkjip attaches.
fn is_bundle(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    crate::bundle::json::parse(text).is_ok_and(|n| n.get("schema_version").is_some())
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Every `/Type /EmbeddedFile` stream, decoded.
fn embedded_files(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find(pdf, b"/EmbeddedFile", from) {
        from = at + 1;
        // Only a `/Type /EmbeddedFile` key (not `/EmbeddedFiles` of the name tree).
        if pdf.get(at + 13).is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let Some(dict_start) = rfind(pdf, b"obj", at) else {
            continue;
        };
        let Some(stream_kw) = find(pdf, b"stream", at) else {
            continue;
        };
        let dict = &pdf[dict_start..stream_kw];
        let Some(len) = length(pdf, dict) else {
            continue;
        };
        let mut data_start = stream_kw + b"stream".len();
        if pdf.get(data_start) == Some(&b'\r') {
            data_start += 1;
        }
        if pdf.get(data_start) == Some(&b'\n') {
            data_start += 1;
        }
        let Some(raw) = pdf.get(data_start..data_start + len) else {
            continue;
        };
        let flate = find(dict, b"/FlateDecode", 0).is_some();
        if flate {
            let mut inflated = Vec::new();
            if flate2::read::ZlibDecoder::new(raw)
                .read_to_end(&mut inflated)
                .is_ok()
            {
                out.push(inflated);
            }
        } else {
            out.push(raw.to_vec());
        }
    }
    out
}

fn rfind(hay: &[u8], needle: &[u8], before: usize) -> Option<usize> {
    hay.get(..before)?
        .windows(needle.len())
        .rposition(|w| w == needle)
}

/// `/Length N` of a stream dictionary, following `/Length N 0 R` to its object.
fn length(pdf: &[u8], dict: &[u8]) -> Option<usize> {
    let at = find(dict, b"/Length", 0)? + b"/Length".len();
    let rest = std::str::from_utf8(&dict[at..]).ok()?;
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .filter(|w| !w.is_empty());
    let n: usize = words.next()?.parse().ok()?;
    let next: Vec<&str> = words.take(2).collect();
    if next == ["0", "R"] {
        let head = format!("\n{n} 0 obj");
        let obj = find(pdf, head.as_bytes(), 0)? + head.len();
        let end = (obj + 40).min(pdf.len());
        let text = std::str::from_utf8(pdf.get(obj..end)?).ok()?;
        return text.split_whitespace().next()?.parse().ok();
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn pdf_with(stream_dict: &str, body: &[u8]) -> Vec<u8> {
        let mut pdf =
            b"%PDF-1.7\n1 0 obj\n<</Type/Catalog/Names<</EmbeddedFiles 3 0 R>>>>\nendobj\n"
                .to_vec();
        pdf.extend_from_slice(format!("2 0 obj\n{stream_dict}\nstream\n").as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(
            b"\nendstream\nendobj\n9 0 obj\n<</Creator(lkjip 9.9.9)>>\nendobj\n%%EOF\n",
        );
        pdf
    }

    #[test]
    fn finds_a_compressed_bundle_and_the_version() {
        let bundle = br#"{"schema_version": 2}"#;
        let z = zlib(bundle);
        let pdf = pdf_with(
            &format!(
                "<</Length {}/Type/EmbeddedFile/Filter/FlateDecode>>",
                z.len()
            ),
            &z,
        );
        let e = extract(&pdf).unwrap();
        assert_eq!(e.bundle, bundle);
        assert_eq!(e.made_by.as_deref(), Some("9.9.9"));
    }

    #[test]
    fn follows_an_indirect_length_and_ignores_other_attachments() {
        let other = b"not json";
        let mut pdf = pdf_with("<</Length 8/Type /EmbeddedFile>>", other);
        assert_eq!(extract(&pdf).unwrap_err(), Failure::NoBundle);
        let bundle = br#"{"schema_version": 1}"#;
        pdf.extend_from_slice(b"4 0 obj\n<</Length 5 0 R/Type/EmbeddedFile>>\nstream\n");
        pdf.extend_from_slice(bundle);
        pdf.extend_from_slice(
            format!("\nendstream\nendobj\n5 0 obj\n{}\nendobj\n", bundle.len()).as_bytes(),
        );
        assert_eq!(extract(&pdf).unwrap().bundle, bundle);
        assert_eq!(extract(b"GIF89a").unwrap_err(), Failure::NotPdf);
    }
}
