//! The document timestamp of `sign --ltv --tsa URL` (PAdES B-LTA): one more incremental
//! update after the DSS with a new signature field, invisible, on the first page, whose
//! value is a `/DocTimeStamp` (`/SubFilter /ETSI.RFC3161`): the TSA's RFC 3161 token of
//! the SHA-256 of the whole file but its `/Contents`. It proves that the signature, its
//! chain and the revocation data of the DSS existed at that time; an archive can stamp
//! the file again (`pyhanko sign timestamp`) before the TSA's certificate or the
//! algorithms wear out.
//!
//! It never changes a byte of the earlier revisions.

use super::algo::Hash;
use super::pdf::{self, Dict, NewObject, Pdf, Value};
use super::{field, signer, tsa};

/// Bytes reserved for the token (hex-encoded: twice as many characters); a token with
/// the TSA's chain of a few certificates fits.
pub const CONTENTS_BYTES: usize = 12 * 1024;

/// The name of the `n`-th document timestamp field.
fn field_name(n: usize) -> String {
    format!("DocTimeStamp{n}")
}

/// `bytes` (a signed report, with its DSS) with a document timestamp from the TSA at
/// `url`. Errors: one lower-case phrase (the file, or the TSA).
pub fn add(bytes: &[u8], url: &str) -> Result<Vec<u8>, String> {
    let (mut out, c1, c2) = prepare(bytes)?;
    let digest = Hash::Sha256.digest(&[&out[..c1], &out[c2..]]);
    let token = tsa::token_of_digest(url, Hash::Sha256, &digest)?;
    if token.len() > CONTENTS_BYTES {
        return Err(format!(
            "the TSA's token ({} bytes) does not fit the {CONTENTS_BYTES} bytes reserved for it",
            token.len()
        ));
    }
    let hex = signer::hex(&token);
    out[c1 + 1..c1 + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// The update with a zero-filled `/Contents`; where its hole is.
fn prepare(bytes: &[u8]) -> Result<(Vec<u8>, usize, usize), String> {
    let pdf = Pdf::parse(bytes)?;
    let root = pdf.dict(pdf.root()?)?;
    let Some(Value::Ref(form_num, _)) = root.get("AcroForm") else {
        return Err("the signature field is not in an /AcroForm of its own".into());
    };
    let mut form = pdf.dict(*form_num)?;
    let page = *pdf.pages()?.first().ok_or("the document has no page")?;
    let mut page_dict = pdf.dict(page)?;
    let taken: Vec<String> = field::signature_fields(&pdf)?
        .iter()
        .filter_map(|(_, d)| match d.get("T") {
            Some(Value::Str(s)) => Some(pdf::decode_text(s)),
            _ => None,
        })
        .collect();
    let name = (1..)
        .map(field_name)
        .find(|n| !taken.contains(n))
        .unwrap_or_default();
    let size = pdf.size()?;
    let (sig_num, widget_num, ap_num) = (size, size + 1, size + 2);
    let mut objects = Vec::new();

    let mut sig = Vec::new();
    sig.extend_from_slice(b"<</Type/DocTimeStamp/Filter/Adobe.PPKLite/SubFilter/ETSI.RFC3161");
    sig.extend_from_slice(b"/ByteRange");
    let range_at = sig.len();
    sig.extend_from_slice(signer::BYTE_RANGE_PLACEHOLDER);
    sig.extend_from_slice(b"/Contents");
    let contents_at = sig.len();
    sig.push(b'<');
    sig.extend(std::iter::repeat_n(b'0', CONTENTS_BYTES * 2));
    sig.push(b'>');
    sig.extend_from_slice(b">>");
    objects.push(NewObject {
        num: sig_num,
        body: sig,
    });

    let mut widget = Dict::default();
    widget.set("Type", Value::Name("Annot".into()));
    widget.set("Subtype", Value::Name("Widget".into()));
    widget.set("FT", Value::Name("Sig".into()));
    widget.set("T", pdf::text_string(&name));
    // Print (PDF/A), on no area of the page.
    widget.set("F", Value::Int(4));
    widget.set("Rect", Value::Array(vec![Value::Int(0); 4]));
    widget.set("P", Value::Ref(page, 0));
    widget.set("V", Value::Ref(sig_num, 0));
    let mut ap = Dict::default();
    ap.set("N", Value::Ref(ap_num, 0));
    widget.set("AP", Value::Dict(ap));
    objects.push(NewObject::value(widget_num, &Value::Dict(widget)));
    objects.push(NewObject::stream(
        ap_num,
        field::form_xobject(0.0, 0.0),
        b"",
    ));

    // The page's /Annots and the form's /Fields get the widget (an array of its own is
    // replaced as an object).
    for (owner_num, owner, key) in [
        (page, &mut page_dict, "Annots"),
        (*form_num, &mut form, "Fields"),
    ] {
        match owner.get(key).cloned() {
            Some(Value::Ref(n, _)) => {
                let Value::Array(mut list) = pdf.object(n)?.value else {
                    return Err(format!("object {n} (/{key}) is not an array"));
                };
                list.push(Value::Ref(widget_num, 0));
                objects.push(NewObject::value(n, &Value::Array(list)));
            }
            Some(Value::Array(mut list)) => {
                list.push(Value::Ref(widget_num, 0));
                owner.set(key, Value::Array(list));
                objects.push(NewObject::value(owner_num, &Value::Dict(owner.clone())));
            }
            None => {
                owner.set(key, Value::Array(vec![Value::Ref(widget_num, 0)]));
                objects.push(NewObject::value(owner_num, &Value::Dict(owner.clone())));
            }
            Some(_) => return Err(format!("object {owner_num}: /{key} is not an array")),
        }
    }

    let (mut out, body_starts) = pdf::append_update(&pdf, &objects, size + 3);
    let sig_start = body_starts[0];
    let c1 = sig_start + contents_at;
    let c2 = c1 + CONTENTS_BYTES * 2 + 2;
    signer::set_byte_range(&mut out, sig_start + range_at, c1, c2)?;
    Ok((out, c1, c2))
}
