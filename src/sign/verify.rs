//! `lkjip verify`: is a signed report authentic?
//!
//! For each signature: who signed (certificate subject), when (`/M`), whether the
//! `/ByteRange` covers the whole file but the signature's own `/Contents`, whether the
//! CMS is intact (message digest of the signed bytes, RSA signature over the signed
//! attributes, signing-certificate-v2 naming the signer's certificate), whether the
//! certificate was valid at signing time, and, given trust anchors, whether it chains to
//! one of them. For a report made by lkjip, also the content: the attached bundle is
//! rendered again and the signed revision must start with exactly those bytes (the
//! report and its signature field), so that no figure in the signed report was typed by
//! hand.
//!
//! Every reason a document is not authentic is collected; none stops the others.

use std::time::SystemTime;

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::{Decode, Encode};
use rsa::pkcs8::DecodePublicKey;
use rsa::sha2::Sha256;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use x509_cert::Certificate;

use super::asn1::oids;
use super::pdf::{self, Pdf, Value};
use super::{cms as lcms, field, keys};

/// What was found about one signature.
#[derive(Debug, Clone, Default)]
pub struct SignatureReport {
    /// The field's name.
    pub field: String,
    /// The signer's certificate subject, if the signature could be read.
    pub subject: Option<String>,
    /// The signing time as the signature dictionary gives it (`/M`).
    pub signing_time: Option<String>,
    /// Whether the `/ByteRange` covers the whole file but the `/Contents`.
    pub covers_whole_file: bool,
    /// Whether the signature is cryptographically intact (digest and RSA signature).
    pub intact: bool,
    /// The chain to a trust anchor: `None` when no anchor was given.
    pub chain: Option<Result<String, String>>,
    /// Where the signed revision ends (`/ByteRange` end).
    pub signed_end: usize,
    /// Where the signature's `/Contents` starts (inside the signing update).
    pub contents_start: usize,
    /// Every reason this signature is not valid.
    pub problems: Vec<String>,
}

/// Check every signature of the PDF `bytes`. `Err`: not a PDF this module can read.
pub fn signatures(bytes: &[u8], trust: &[Certificate]) -> Result<Vec<SignatureReport>, String> {
    let pdf = Pdf::parse(bytes)?;
    let mut out = Vec::new();
    for (_, widget) in field::signature_fields(&pdf)? {
        let name = match widget.get("T") {
            Some(Value::Str(s)) => pdf::decode_text(s),
            _ => String::new(),
        };
        let Some(v) = widget.get("V") else { continue };
        let mut r = SignatureReport {
            field: name,
            ..SignatureReport::default()
        };
        match pdf.resolve(v) {
            Ok(Value::Dict(sig)) => check(bytes, &sig, trust, &mut r),
            _ => r
                .problems
                .push("the signature dictionary cannot be read".into()),
        }
        out.push(r);
    }
    Ok(out)
}

fn check(bytes: &[u8], sig: &pdf::Dict, trust: &[Certificate], r: &mut SignatureReport) {
    r.signing_time = match sig.get("M") {
        Some(Value::Str(s)) => Some(pdf::decode_text(s)),
        _ => None,
    };
    if sig.name("SubFilter") != Some("ETSI.CAdES.detached") {
        r.problems.push(format!(
            "the signature is not PAdES (/SubFilter {})",
            sig.name("SubFilter").unwrap_or("missing")
        ));
    }
    let range: Vec<usize> = match sig.get("ByteRange") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| match v {
                Value::Int(n) if *n >= 0 => Some(*n as usize),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let [a, b, c, d] = range[..] else {
        r.problems
            .push("the signature has no valid /ByteRange".into());
        return;
    };
    // The hole holds at least `<>`.
    if a != 0 || b + 2 > c || c.checked_add(d).is_none_or(|end| end > bytes.len()) {
        r.problems
            .push("the /ByteRange points outside the file (truncated?)".into());
        return;
    }
    r.signed_end = c + d;
    r.contents_start = b;
    let hole_is_contents = bytes[b] == b'<'
        && bytes[c - 1] == b'>'
        && bytes[b + 1..c - 1].iter().all(u8::is_ascii_hexdigit);
    r.covers_whole_file = r.signed_end == bytes.len() && hole_is_contents;
    if !hole_is_contents {
        r.problems
            .push("the bytes left out of the /ByteRange are not the signature's /Contents".into());
    } else if r.signed_end != bytes.len() {
        r.problems.push(format!(
            "the file was changed after signing: {} bytes after the signed range",
            bytes.len() - r.signed_end
        ));
    }
    let Some(Value::Str(contents)) = sig.get("Contents") else {
        r.problems.push("the signature has no /Contents".into());
        return;
    };
    let digest = lcms::sha256(&[&bytes[..b], &bytes[c..c + d]]);
    match cms_check(contents, &digest, r) {
        Ok(cert) => {
            r.subject = Some(keys::subject(&cert));
            let at = r
                .signing_time
                .as_deref()
                .and_then(pdf_date)
                .unwrap_or_else(SystemTime::now);
            if let Err(e) = keys::check_validity(&cert, at) {
                r.problems.push(format!("at signing time {e}"));
            }
            if !trust.is_empty() {
                let chain = chain_to_anchor(&cert, &contents_certs(contents), trust, at);
                if let Err(e) = &chain {
                    r.problems.push(e.clone());
                }
                r.chain = Some(chain);
            }
        }
        Err(e) => r.problems.push(e),
    }
}

/// The DER at the start of `bytes` (the `/Contents` is zero-padded).
fn der_prefix(bytes: &[u8]) -> Option<&[u8]> {
    if bytes.len() < 2 || bytes[0] != 0x30 {
        return None;
    }
    let (len, head) = match bytes[1] {
        n if n < 0x80 => (usize::from(n), 2),
        n => {
            let k = usize::from(n & 0x7f);
            if k == 0 || k > 4 || bytes.len() < 2 + k {
                return None;
            }
            let len = bytes[2..2 + k]
                .iter()
                .fold(0usize, |acc, &x| acc << 8 | usize::from(x));
            (len, 2 + k)
        }
    };
    bytes.get(..head + len)
}

fn signed_data(contents: &[u8]) -> Result<SignedData, String> {
    let der = der_prefix(contents).ok_or("the signature's /Contents is not a CMS structure")?;
    let info = ContentInfo::from_der(der)
        .map_err(|e| format!("the signature's CMS cannot be read ({e})"))?;
    if info.content_type.to_string() != oids::SIGNED_DATA {
        return Err("the signature's CMS is not SignedData".into());
    }
    info.content
        .decode_as::<SignedData>()
        .map_err(|e| format!("the signature's CMS cannot be read ({e})"))
}

fn contents_certs(contents: &[u8]) -> Vec<Certificate> {
    signed_data(contents)
        .ok()
        .and_then(|sd| sd.certificates)
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    CertificateChoices::Certificate(c) => Some(c.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Check the CMS against the digest of the signed bytes; the signer's certificate.
fn cms_check(
    contents: &[u8],
    digest: &[u8; 32],
    r: &mut SignatureReport,
) -> Result<Certificate, String> {
    let sd = signed_data(contents)?;
    let si = sd
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("the signature's CMS has no signer")?;
    let certs = contents_certs(contents);
    let cert = certs
        .iter()
        .find(|c| match &si.sid {
            SignerIdentifier::IssuerAndSerialNumber(isn) => {
                c.tbs_certificate().issuer() == &isn.issuer
                    && c.tbs_certificate().serial_number() == &isn.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(_) => certs.len() == 1,
        })
        .cloned()
        .ok_or("the signer's certificate is not in the signature")?;
    if si.digest_alg.oid.to_string() != oids::SHA256 {
        return Err(format!(
            "unsupported digest algorithm {} (only SHA-256 is checked)",
            si.digest_alg.oid
        ));
    }
    let attrs = si
        .signed_attrs
        .as_ref()
        .ok_or("the signature has no signed attributes (not PAdES)")?;
    let value_of = |oid: &str| {
        attrs
            .iter()
            .find(|a| a.oid.to_string() == oid)
            .and_then(|a| a.values.iter().next())
    };
    let md = value_of(oids::MESSAGE_DIGEST)
        .and_then(|v| v.decode_as::<der::asn1::OctetString>().ok())
        .ok_or("the signature has no message-digest attribute")?;
    let mut ok = true;
    if md.as_bytes() != digest {
        ok = false;
        r.problems.push(
            "the signed bytes were changed: their SHA-256 is not the signature's message digest"
                .into(),
        );
    }
    let cert_der = cert
        .to_der()
        .map_err(|_| "the signer's certificate cannot be read")?;
    match value_of(oids::SIGNING_CERTIFICATE_V2) {
        None => r
            .problems
            .push("the signature has no signing-certificate-v2 attribute (not PAdES)".into()),
        Some(v) => {
            let expected = [&[0x04, 0x20][..], &lcms::sha256(&[&cert_der])].concat();
            if !v.value().windows(34).any(|w| w == expected.as_slice()) {
                ok = false;
                r.problems.push(
                    "the signing-certificate-v2 attribute does not name the signer's certificate"
                        .into(),
                );
            }
        }
    }
    let alg = si.signature_algorithm.oid.to_string();
    if alg != oids::RSA && alg != oids::SHA256_RSA {
        return Err(format!(
            "unsupported signature algorithm {alg} (only RSA is checked)"
        ));
    }
    let attrs_der = attrs
        .to_der()
        .map_err(|_| "the signed attributes cannot be encoded")?;
    if !rsa_verify(&cert, &lcms::sha256(&[&attrs_der]), si.signature.as_bytes()) {
        ok = false;
        r.problems
            .push("the RSA signature over the signed attributes is wrong".into());
    }
    r.intact = ok;
    Ok(cert)
}

fn rsa_verify(cert: &Certificate, hash: &[u8], sig: &[u8]) -> bool {
    let Ok(spki) = cert.tbs_certificate().subject_public_key_info().to_der() else {
        return false;
    };
    let Ok(key) = RsaPublicKey::from_public_key_der(&spki) else {
        return false;
    };
    key.verify(Pkcs1v15Sign::new::<Sha256>(), hash, sig).is_ok()
}

/// Whether `issuer` signed `cert` (sha256WithRSAEncryption).
fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
        return false;
    }
    if cert.signature_algorithm().oid.to_string() != oids::SHA256_RSA {
        return false;
    }
    let Ok(tbs) = cert.tbs_certificate().to_der() else {
        return false;
    };
    let Some(sig) = cert.signature().as_bytes() else {
        return false;
    };
    rsa_verify(issuer, &lcms::sha256(&[&tbs]), sig)
}

/// Walk from `leaf` through the signature's certificates to a trust anchor, each
/// certificate valid at `at`. `Ok`: the anchor's subject.
pub fn chain_to_anchor(
    leaf: &Certificate,
    pool: &[Certificate],
    trust: &[Certificate],
    at: SystemTime,
) -> Result<String, String> {
    let mut cur = leaf.clone();
    for _ in 0..10 {
        if trust.contains(&cur) {
            return Ok(keys::subject(&cur));
        }
        if let Some(anchor) = trust.iter().find(|t| issued_by(&cur, t)) {
            return Ok(keys::subject(anchor));
        }
        let Some(next) = pool.iter().find(|p| *p != &cur && issued_by(&cur, p)) else {
            return Err(format!(
                "the certificate chain does not lead to a trusted certificate (stops at {})",
                keys::subject(&cur)
            ));
        };
        keys::check_validity(next, at)
            .map_err(|e| format!("in the chain, {}: {e}", keys::subject(next)))?;
        cur = next.clone();
    }
    Err("the certificate chain is too long".into())
}

/// `D:YYYYMMDDHHmmSS…` as a time (the offset is honoured when given as `+HH'mm'`,
/// `-HH'mm'` or `Z`).
pub fn pdf_date(s: &str) -> Option<SystemTime> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let year = digits(0..4)?;
    let month = digits(4..6).unwrap_or(1);
    let day = digits(6..8).unwrap_or(1);
    let (h, mi, se) = (
        digits(8..10).unwrap_or(0),
        digits(10..12).unwrap_or(0),
        digits(12..14).unwrap_or(0),
    );
    let dt = der::DateTime::new(
        year as u16,
        month as u8,
        day as u8,
        h as u8,
        mi as u8,
        se as u8,
    )
    .ok()?;
    let mut t = dt.to_system_time();
    let rest = s.get(14..).unwrap_or("");
    if let Some(sign @ ('+' | '-')) = rest.chars().next() {
        let oh: u64 = rest.get(1..3)?.parse().ok()?;
        let om: u64 = rest.get(4..6).and_then(|m| m.parse().ok()).unwrap_or(0);
        let off = std::time::Duration::from_secs(oh * 3600 + om * 60);
        t = if sign == '+' { t - off } else { t + off };
    }
    Some(t)
}

/// The result of checking a report's content against its attached bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Not a report made by lkjip: there is no bundle to check against.
    NotLkjip,
    /// The signed revision (or the whole file, if unsigned) is exactly what the attached
    /// bundle renders to.
    Same {
        /// The attachment's name.
        bundle: String,
    },
    /// It is not; every reason.
    Differs(Vec<String>),
}

/// Render the attached bundle again and compare it with the signed revisions (with the
/// whole file when there is no signature). `dir`: where the PDF is (an emblem the bundle
/// names is looked for there, as `render` looks beside the bundle).
pub fn content(
    bytes: &[u8],
    signatures: &[SignatureReport],
    dir: &std::path::Path,
) -> Result<Content, String> {
    let pdf = Pdf::parse(bytes)?;
    if !super::signer::made_by_lkjip(&pdf) {
        return Ok(Content::NotLkjip);
    }
    let differs = |why: String| Ok(Content::Differs(vec![why]));
    let Some(bundle) = super::attachment::attached(&pdf)? else {
        return differs("the report has no attached bundle to check its content against".into());
    };
    let loaded = match crate::check::load(&bundle.name, &bundle.bytes) {
        Ok(l) => l,
        Err(problems) => {
            return differs(format!(
                "the attached bundle {} is not valid ({})",
                bundle.name,
                problems.first().map(|p| p.to_string()).unwrap_or_default()
            ));
        }
    };
    let emblem = match &loaded.bundle.kop.lambang {
        None => None,
        Some(rel) => match std::fs::read(dir.join(rel)) {
            Ok(b) => Some(b),
            Err(_) => {
                return differs(format!(
                    "cannot render the attached bundle again: its emblem {rel} is not beside the PDF"
                ));
            }
        },
    };
    let rendered = crate::report::render(&loaded, emblem, &bundle.name)
        .map_err(|e| format!("cannot render the attached bundle again ({e})"))?;
    let expected = &rendered.pdf;
    let first_difference = |end: usize| {
        let got = &bytes[..end.min(bytes.len())];
        got.iter()
            .zip(expected.iter())
            .position(|(x, y)| x != y)
            .unwrap_or(got.len().min(expected.len()))
    };
    let mut problems = Vec::new();
    if signatures.is_empty() && bytes != expected.as_slice() {
        problems.push(format!(
            "the report is not what its attached bundle {} gives (first difference at byte {})",
            bundle.name,
            first_difference(bytes.len())
        ));
    }

    for s in signatures {
        let signed = &bytes[..s.signed_end.min(bytes.len())];
        if !(signed.starts_with(expected) && s.contents_start > expected.len()) {
            problems.push(format!(
                "the report signed in `{}` is not what its attached bundle {} gives (first difference at byte {})",
                s.field,
                bundle.name,
                first_difference(s.signed_end)
            ));
        }
    }
    Ok(if problems.is_empty() {
        Content::Same {
            bundle: bundle.name,
        }
    } else {
        Content::Differs(problems)
    })
}
