//! `lkjip sign`: a PAdES B-B signature in an incremental update that fills the empty
//! signature field of a report made by lkjip (RSA or ECDSA, as the key is).
//!
//! The update holds the signature dictionary (`/Filter /Adobe.PPKLite`, `/SubFilter
//! /ETSI.CAdES.detached`, `/M` the signing time, `/Name` the signer), the field with
//! `/V` and its visible appearance (the QR and the signer's name), and the form with `/SigFlags 3`. It is
//! written with a zero-filled `/Contents` and a placeholder `/ByteRange`; then the
//! byte range (everything but `/Contents`) is set, hashed, signed, and the CMS put into
//! `/Contents`. Every byte before the update stays as it was.

use std::time::SystemTime;

use super::keys::{self, SigningKey};
use super::pdf::{self, Dict, NewObject, Pdf, Value};
use super::{appearance, attachment, cms, field};

/// Bytes reserved for the CMS (hex-encoded: twice as many characters). Enough for an
/// RSA-4096 signature with a chain of several certificates.
pub const CONTENTS_BYTES: usize = 16 * 1024;

/// The `/ByteRange` as written before the offsets are known (as wide as any real one).
pub(crate) const BYTE_RANGE_PLACEHOLDER: &[u8] = b"[0 0000000000 0000000000 0000000000]";

/// What `sign` needs to know beyond the key.
pub struct SignRequest<'a> {
    /// The signer's key and certificates.
    pub key: &'a SigningKey,
    /// The signing time (also checked against the certificate's validity).
    pub now: SystemTime,
    /// Sign even with a certificate that is expired or not valid yet.
    pub allow_expired: bool,
    /// The TSA to timestamp the signature (PAdES B-T), if any.
    pub tsa: Option<&'a str>,
    /// Add a DSS with the chain and its revocation data after the signature (PAdES B-LT).
    pub ltv: bool,
}

/// Why a PDF was not signed: the certificate or the document is at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// The signer's certificate (expired, not valid yet).
    Certificate(String),
    /// The PDF (not lkjip's, no field, already signed, damaged).
    Document(String),
    /// The TSA or a CRL server (unreachable, refused, unreadable answer).
    Timestamp(String),
}

/// Sign the PDF `bytes` (a report made by lkjip with an empty signature field). Errors
/// are one lower-case phrase saying what is wrong with the file or the certificate.
pub fn sign(bytes: &[u8], req: &SignRequest) -> Result<Vec<u8>, SignError> {
    if !req.allow_expired {
        keys::check_validity(&req.key.leaf, req.now).map_err(|e| {
            SignError::Certificate(format!("{e}; use --allow-expired to sign anyway"))
        })?;
    }
    sign_document(bytes, req)
}

fn sign_document(bytes: &[u8], req: &SignRequest) -> Result<Vec<u8>, SignError> {
    let (out, c1, c2) = prepare(bytes, req).map_err(SignError::Document)?;
    let signed = finish(out, c1, c2, req)?;
    if !req.ltv {
        return Ok(signed);
    }
    // The document timestamp after the DSS (`doc_timestamp`, B-LTA) is not added yet:
    // pyHanko's difference analysis still calls its update an illegal modification.
    super::dss::add_dss(&signed, req.key).map_err(SignError::Timestamp)
}

/// The file with the signing update, `/Contents` still zeros; where the hole is.
fn prepare(bytes: &[u8], req: &SignRequest) -> Result<(Vec<u8>, usize, usize), String> {
    let pdf = Pdf::parse(bytes)?;
    if !made_by_lkjip(&pdf) {
        return Err("not a report made by lkjip (its /Creator is not lkjip)".into());
    }
    let fields = field::signature_fields(&pdf)?;
    let Some((field_num, mut widget)) = fields.into_iter().next() else {
        return Err(
            "has no signature field (render the bundle with tata_letak.tte to get one)".into(),
        );
    };
    let field_name = match widget.get("T") {
        Some(Value::Str(s)) => pdf::decode_text(s),
        _ => String::new(),
    };
    if widget.get("V").is_some() {
        return Err(format!("is already signed in the field `{field_name}`"));
    }
    let Some(Value::Array(rect)) = widget.get("Rect") else {
        return Err(format!("the field `{field_name}` has no /Rect"));
    };
    let rect: Vec<f64> = rect.iter().filter_map(number).collect();
    let [x1, y1, x2, y2] = rect[..] else {
        return Err(format!("the field `{field_name}` has a bad /Rect"));
    };
    let (w, h) = ((x2 - x1).abs(), (y2 - y1).abs());

    let signer = keys::common_name(&req.key.leaf);
    let time = der::DateTime::from_system_time(req.now)
        .map_err(|_| "the clock is outside the range a certificate can express")?;
    let bundle = attached_json(&pdf);
    let payload = match bundle.as_ref().and_then(verification_link) {
        Some(link) => link,
        None => format!(
            "{} {signer}\nTanggal: {:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC\nSHA-256 dokumen: {}",
            signed_by_phrase(bundle.as_ref()),
            time.year(),
            time.month(),
            time.day(),
            time.hour(),
            time.minutes(),
            time.seconds(),
            hex(&cms::sha256(&[bytes]))
        ),
    };

    let size = pdf.size()?;
    let (sig_num, ap_num) = (size, size + 1);
    let mut objects = Vec::new();

    // The signature dictionary, written by hand to know where /ByteRange and /Contents
    // are.
    let mut sig = Vec::new();
    sig.extend_from_slice(b"<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached");
    sig.extend_from_slice(
        format!(
            "/M(D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00')",
            time.year(),
            time.month(),
            time.day(),
            time.hour(),
            time.minutes(),
            time.seconds()
        )
        .as_bytes(),
    );
    sig.extend_from_slice(b"/Name");
    pdf::write_value(&pdf::text_string(&signer), &mut sig);
    sig.extend_from_slice(b"/ByteRange");
    let range_at = sig.len();
    sig.extend_from_slice(BYTE_RANGE_PLACEHOLDER);
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

    widget.set("V", Value::Ref(sig_num, 0));
    let mut ap = Dict::default();
    ap.set("N", Value::Ref(ap_num, 0));
    widget.set("AP", Value::Dict(ap));
    objects.push(NewObject::value(field_num, &Value::Dict(widget)));
    objects.push(NewObject::stream(
        ap_num,
        field::form_xobject(w, h),
        &appearance::stream(&payload, &signer, w, h)?,
    ));

    // The form: signatures exist, append only.
    let root = pdf.dict(pdf.root()?)?;
    match root.get("AcroForm") {
        Some(Value::Ref(n, _)) => {
            let mut form = pdf.dict(*n)?;
            form.set("SigFlags", Value::Int(3));
            objects.push(NewObject::value(*n, &Value::Dict(form)));
        }
        _ => return Err("the signature field is not in an /AcroForm of its own".into()),
    }

    let (mut out, body_starts) = pdf::append_update(&pdf, &objects, size + 2);
    let sig_start = body_starts[0];
    let (c1, c2) = (
        sig_start + contents_at,
        sig_start + contents_at + CONTENTS_BYTES * 2 + 2,
    );
    set_byte_range(&mut out, sig_start + range_at, c1, c2)?;
    Ok((out, c1, c2))
}

/// Write the `/ByteRange` of a hole `c1..c2` (the `/Contents` with its `<>`) over the
/// placeholder at `at`.
pub(crate) fn set_byte_range(
    out: &mut [u8],
    at: usize,
    c1: usize,
    c2: usize,
) -> Result<(), String> {
    let range = format!("[0 {c1} {c2} {}", out.len() - c2);
    if range.len() + 1 > BYTE_RANGE_PLACEHOLDER.len() {
        return Err("the file is too large to sign".into());
    }
    let mut range = range.into_bytes();
    range.resize(BYTE_RANGE_PLACEHOLDER.len() - 1, b' ');
    range.push(b']');
    out[at..at + range.len()].copy_from_slice(&range);
    Ok(())
}

/// Hash the byte range, sign, timestamp, and put the CMS into the hole.
fn finish(mut out: Vec<u8>, c1: usize, c2: usize, req: &SignRequest) -> Result<Vec<u8>, SignError> {
    let digest = req.key.key.hash().digest(&[&out[..c1], &out[c2..]]);
    let signed = cms::signed_data(req.key, &digest, req.tsa)?;
    if signed.len() > CONTENTS_BYTES {
        return Err(SignError::Document(format!(
            "the signature ({} bytes) does not fit the {CONTENTS_BYTES} bytes reserved for it",
            signed.len()
        )));
    }
    let hex = hex(&signed);
    out[c1 + 1..c1 + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// Whether the document info names lkjip as its creator.
pub fn made_by_lkjip(pdf: &Pdf) -> bool {
    let Some(info) = pdf.trailer.get("Info") else {
        return false;
    };
    matches!(
        pdf.resolve(info),
        Ok(Value::Dict(d)) if matches!(d.get("Creator"), Some(Value::Str(c)) if crate::render::pdf::version_of_creator(c).is_some())
    )
}

/// The bundle attached to the PDF, as JSON, if it has one that reads.
fn attached_json(pdf: &Pdf) -> Option<serde_json::Value> {
    let bundle = attachment::attached(pdf).ok()??;
    serde_json::from_slice(&bundle.bytes).ok()
}

/// The words before the signer's name in the QR without a link: the phrase
/// `tandatangan.tte` the report prints above the name (`data/kerangka/frasa.json`, or
/// the attached bundle's `frasa`), so that the QR and the page say the same.
fn signed_by_phrase(bundle: Option<&serde_json::Value>) -> String {
    const ID: &str = "tandatangan.tte";
    let over: std::collections::BTreeMap<String, String> = bundle
        .and_then(|b| b.get("frasa")?.get(ID)?.as_str())
        .map(|t| [(ID.to_owned(), t.to_owned())].into())
        .unwrap_or_default();
    crate::doc::phrase::template(&over, ID).trim().to_owned()
}

/// The verification link of the attached bundle (`tata_letak.tte.tautan_verifikasi`), if
/// it has one.
fn verification_link(json: &serde_json::Value) -> Option<String> {
    json.pointer("/tata_letak/tte/tautan_verifikasi")?
        .as_str()
        .filter(|s| !s.trim().is_empty())
        .map(str::to_owned)
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Int(n) => Some(*n as f64),
        Value::Real(r) => r.parse().ok(),
        _ => None,
    }
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_says_the_phrase_the_page_prints() {
        let default = crate::doc::phrase::defaults()["tandatangan.tte"]
            .trim()
            .to_owned();
        assert_eq!(signed_by_phrase(None), default);
        let plain = serde_json::json!({ "tata_letak": {} });
        assert_eq!(signed_by_phrase(Some(&plain)), default);
        let over = serde_json::json!({ "frasa": { "tandatangan.tte": "Disahkan secara elektronik oleh:" } });
        assert_eq!(
            signed_by_phrase(Some(&over)),
            "Disahkan secara elektronik oleh:"
        );
    }
}
