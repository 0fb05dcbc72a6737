//! `lkjip verify`: is a signed report authentic?
//!
//! For each signature: its kind (PAdES `ETSI.CAdES.detached` or `adbe.pkcs7.detached`),
//! who signed (certificate subject), when (`/M`), whether the `/ByteRange` covers the
//! whole file but the signature's own `/Contents`, whether the CMS is intact (message
//! digest of the signed bytes, RSA or ECDSA signature over the signed attributes,
//! signing-certificate-v2 naming the signer's certificate), whether the certificate was
//! valid at signing time and may sign, and whether it chains to a trust anchor
//! (`trust`): without one the signature is intact but its signer not verified; the
//! revocation data it or the DSS carries (CRLs, OCSP responses: `ocsp`) must not say a
//! certificate of the chain was revoked by the signing time. For a report made by lkjip, also the content: the attached bundle is
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
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;

use super::algo::{self, Hash};
use super::asn1::oids;
use super::pdf::{self, Pdf, Value};
use super::revisions;
use super::trust::{self, Anchor};
use super::{cms as lcms, field, keys, ocsp};

/// What was found about one signature.
#[derive(Debug, Clone, Default)]
pub struct SignatureReport {
    /// The field's name.
    pub field: String,
    /// The kind of signature (its `/SubFilter`), as the report prints it.
    pub kind: String,
    /// The signer's certificate subject, if the signature could be read.
    pub subject: Option<String>,
    /// The signing time as the signature dictionary gives it (`/M`).
    pub signing_time: Option<String>,
    /// Whether the `/ByteRange` covers the whole file but the `/Contents`.
    pub covers_whole_file: bool,
    /// Whether the signature is cryptographically intact (digest and signature).
    pub intact: bool,
    /// The chain to a trust anchor (`Ok`: the anchor and its source; `Err`: why the
    /// signer is not verified); `None` when the signature could not be read.
    pub chain: Option<Result<String, String>>,
    /// Where the signed revision ends (`/ByteRange` end).
    pub signed_end: usize,
    /// Where the signature's `/Contents` starts (inside the signing update).
    pub contents_start: usize,
    /// What the revocation data (CRLs and OCSP responses in the signature or the DSS) says,
    /// when some applies.
    pub revocation: Option<String>,
    /// The signature's RFC 3161 timestamp (PAdES B-T): its time, the TSA and its trust.
    pub timestamp: Option<String>,
    /// When later revisions follow the signed one and change only what is allowed: what
    /// they are.
    pub later_revisions: Option<String>,
    /// Every reason this signature is not valid (a signer not verified is not one: see
    /// `chain`).
    pub problems: Vec<String>,
}

impl SignatureReport {
    /// Whether the signature is valid and its signer verified against a trust anchor.
    pub fn trusted(&self) -> bool {
        self.problems.is_empty() && matches!(self.chain, Some(Ok(_)))
    }
}

/// Check every signature of the PDF `bytes` against the trust `anchors`. `Err`: not a PDF
/// this module can read.
pub fn signatures(bytes: &[u8], anchors: &[Anchor]) -> Result<Vec<SignatureReport>, String> {
    let pdf = Pdf::parse(bytes)?;
    let dss = Revocation {
        crls: dss_items(&pdf, "CRLs")
            .iter()
            .filter_map(|der| CertificateList::from_der(der).ok())
            .collect(),
        ocsps: dss_items(&pdf, "OCSPs")
            .iter()
            .filter_map(|der| ocsp::parse(der).ok())
            .collect(),
    };
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
            Ok(Value::Dict(sig)) => check(bytes, &sig, anchors, &dss, &mut r),
            _ => r
                .problems
                .push("the signature dictionary cannot be read".into()),
        }
        out.push(r);
    }
    // Signature N: the N-th revision signed, in the order of the file.
    out.sort_by_key(|r| r.signed_end);
    for (i, r) in out.iter_mut().enumerate() {
        if r.signed_end == 0 || r.signed_end >= bytes.len() {
            continue;
        }
        let n = i + 1;
        let changes = Pdf::parse(&bytes[..r.signed_end])
            .map_err(|e| format!("the revision it signed cannot be read on its own ({e})"))
            .and_then(|signed| revisions::disallowed_changes(&signed, &pdf));
        match changes {
            Ok(c) if c.is_empty() => {
                r.later_revisions = Some(format!(
                    "{} bytes of later revisions, allowed changes only (signatures, fields, DSS, timestamps)",
                    bytes.len() - r.signed_end
                ));
            }
            Ok(c) => r.problems.extend(
                c.into_iter()
                    .map(|c| format!("content changed after signature {n}: {c}")),
            ),
            Err(e) => r
                .problems
                .push(format!("content changed after signature {n}? {e}")),
        }
    }
    Ok(out)
}

/// Revocation data: CRLs and OCSP responses (those that can be read).
#[derive(Default)]
struct Revocation {
    crls: Vec<CertificateList>,
    ocsps: Vec<ocsp::Response>,
}

/// The streams of the document security store's array `key` (`/DSS /CRLs`, `/OCSPs`).
fn dss_items(pdf: &Pdf, key: &str) -> Vec<Vec<u8>> {
    let Ok(root) = pdf.root().and_then(|r| pdf.dict(r)) else {
        return Vec::new();
    };
    let Some(Ok(Value::Dict(dss))) = root.get("DSS").map(|d| pdf.resolve(d)) else {
        return Vec::new();
    };
    let Some(Ok(Value::Array(items))) = dss.get(key).map(|c| pdf.resolve(c)) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|c| match c {
            Value::Ref(n, _) => pdf.stream_data(*n).ok(),
            _ => None,
        })
        .collect()
}

/// The revocation data inside a signature's CMS: its CRLs, and the CRLs and OCSP
/// responses of the adbe-revocationInfoArchival signed attribute.
fn cms_revocation(contents: &[u8]) -> Revocation {
    let Ok(sd) = signed_data(contents) else {
        return Revocation::default();
    };
    let mut out = Revocation::default();
    for c in sd.crls.iter().flat_map(|set| set.0.iter()) {
        if let cms::revocation::RevocationInfoChoice::Crl(l) = c {
            out.crls.push(l.clone());
        }
    }
    let archived = sd
        .signer_infos
        .0
        .iter()
        .filter_map(|si| si.signed_attrs.as_ref())
        .flat_map(|attrs| attrs.iter())
        .filter(|a| a.oid.to_string() == ocsp::REVOCATION_ARCHIVAL)
        .filter_map(|a| a.values.iter().next().and_then(|v| v.to_der().ok()));
    for value in archived {
        let (crls, ocsps) = ocsp::archival(&value);
        out.crls.extend(
            crls.iter()
                .filter_map(|d| CertificateList::from_der(d).ok()),
        );
        out.ocsps
            .extend(ocsps.iter().filter_map(|d| ocsp::parse(d).ok()));
    }
    out
}

fn check(
    bytes: &[u8],
    sig: &pdf::Dict,
    anchors: &[Anchor],
    dss: &Revocation,
    r: &mut SignatureReport,
) {
    r.signing_time = match sig.get("M") {
        Some(Value::Str(s)) => Some(pdf::decode_text(s)),
        _ => None,
    };
    let sub_filter = sig.name("SubFilter").unwrap_or("missing");
    let pades = match sub_filter {
        "ETSI.CAdES.detached" => {
            r.kind = "PAdES (/SubFilter /ETSI.CAdES.detached)".into();
            true
        }
        "adbe.pkcs7.detached" => {
            r.kind = "PKCS#7 detached (/SubFilter /adbe.pkcs7.detached)".into();
            false
        }
        "ETSI.RFC3161" => {
            r.kind = "document timestamp (/SubFilter /ETSI.RFC3161)".into();
            false
        }
        other => {
            r.kind = format!("/SubFilter /{other}");
            r.problems.push(format!(
                "unsupported kind of signature (/SubFilter /{other}; lkjip checks ETSI.CAdES.detached and adbe.pkcs7.detached)"
            ));
            return;
        }
    };
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
    }
    let Some(Value::Str(contents)) = sig.get("Contents") else {
        r.problems.push("the signature has no /Contents".into());
        return;
    };
    if sub_filter == "ETSI.RFC3161" {
        // A document timestamp: the token stamps the byte range itself.
        let der = der_prefix(contents).unwrap_or(contents);
        let token = [der, &bytes[..b], &bytes[c..c + d]].concat();
        match check_timestamp(&token, anchors) {
            Ok(stamp) => {
                r.intact = true;
                r.subject = Some(stamp.tsa);
                r.signing_time = Some(stamp.gen_time);
                r.chain = Some(stamp.chain);
            }
            Err(e) => r.problems.push(e),
        }
        return;
    }
    match cms_check(contents, [&bytes[..b], &bytes[c..c + d]], pades, r) {
        Ok((cert, token)) => {
            r.subject = Some(keys::subject(&cert));
            let mut at = r
                .signing_time
                .as_deref()
                .and_then(pdf_date)
                .unwrap_or_else(SystemTime::now);
            // Without a trusted timestamp the signing time is only the signer's claim:
            // revocation is then judged now.
            let mut proven = None;
            match token.map(|t| check_timestamp(&t, anchors)) {
                None => {}
                Some(Err(e)) => r.problems.push(e),
                Some(Ok(stamp)) => {
                    // A trusted timestamp proves the time; the signer's own /M does not.
                    r.timestamp = Some(match &stamp.chain {
                        Ok(anchor) => {
                            at = stamp.at;
                            proven = Some(stamp.at);
                            format!("{} by {} (trusted, to {anchor})", stamp.gen_time, stamp.tsa)
                        }
                        Err(e) => format!(
                            "{} by {} (TSA not verified: {e}; the time is not used)",
                            stamp.gen_time, stamp.tsa
                        ),
                    });
                }
            }
            if let Err(e) = keys::check_validity(&cert, at) {
                r.problems.push(format!("at signing time {e}"));
            }
            if let Err(e) = trust::check_signer_key_usage(&cert) {
                r.problems.push(e);
            }
            let pool = contents_certs(contents);
            let mut data = cms_revocation(contents);
            data.crls.extend(dss.crls.iter().cloned());
            data.ocsps.extend(dss.ocsps.iter().cloned());
            let revoked_by = proven.unwrap_or_else(SystemTime::now);
            let mut said = Vec::new();
            match trust::revocation(&cert, &pool, anchors, &data.crls, revoked_by) {
                Ok(what) => said.extend(what),
                Err(e) => r.problems.push(e),
            }
            match ocsp::revocation(&cert, &pool, anchors, &data.ocsps, at, revoked_by) {
                Ok(what) => said.extend(what),
                Err(e) => r.problems.push(e),
            }
            r.revocation = (!said.is_empty()).then(|| said.join("; "));
            r.chain = Some(trust::chain_to_anchor(&cert, &pool, anchors, at));
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
    bytes.get(..head.checked_add(len)?)
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

/// Whether `cert` has the subject key identifier `ski`.
fn has_ski(cert: &Certificate, ski: &[u8]) -> bool {
    matches!(
        cert.tbs_certificate().get_extension::<x509_cert::ext::pkix::SubjectKeyIdentifier>(),
        Ok(Some((_, id))) if id.0.as_bytes() == ski
    )
}

/// Check the CMS against the signed bytes (`signed`: the two parts of the byte range);
/// the signer's certificate. `pades`: the signing-certificate-v2 attribute is required.
fn cms_check(
    contents: &[u8],
    signed: [&[u8]; 2],
    pades: bool,
    r: &mut SignatureReport,
) -> Result<(Certificate, Option<Vec<u8>>), String> {
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
            SignerIdentifier::SubjectKeyIdentifier(ski) => has_ski(c, ski.0.as_bytes()),
        })
        .cloned()
        .ok_or("the signer's certificate is not in the signature")?;
    let hash = Hash::from_oid(&si.digest_alg.oid.to_string()).ok_or_else(|| {
        format!(
            "unsupported digest algorithm {} (SHA-256, SHA-384 and SHA-512 are checked)",
            si.digest_alg.oid
        )
    })?;
    let digest = hash.digest(&signed);
    let alg = si.signature_algorithm.oid.to_string();
    let mut ok = true;
    let verified = match &si.signed_attrs {
        Some(attrs) => {
            let value_of = |oid: &str| {
                attrs
                    .iter()
                    .find(|a| a.oid.to_string() == oid)
                    .and_then(|a| a.values.iter().next())
            };
            let md = value_of(oids::MESSAGE_DIGEST)
                .and_then(|v| v.decode_as::<der::asn1::OctetString>().ok())
                .ok_or("the signature has no message-digest attribute")?;
            if md.as_bytes() != digest.as_slice() {
                ok = false;
                r.problems.push(format!(
                    "the signed bytes were changed: their {} is not the signature's message digest",
                    hash.name()
                ));
            }
            let cert_der = cert
                .to_der()
                .map_err(|_| "the signer's certificate cannot be read")?;
            match value_of(oids::SIGNING_CERTIFICATE_V2) {
                None if pades => r.problems.push(
                    "the signature has no signing-certificate-v2 attribute (not PAdES)".into(),
                ),
                None => {}
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
            let attrs_der = attrs
                .to_der()
                .map_err(|_| "the signed attributes cannot be encoded")?;
            algo::verify(&cert, &alg, Some(hash), &attrs_der, si.signature.as_bytes())?
        }
        None if pades => return Err("the signature has no signed attributes (not PAdES)".into()),
        None => {
            // The signature is over the signed bytes themselves.
            let whole = signed.concat();
            algo::verify(&cert, &alg, Some(hash), &whole, si.signature.as_bytes())?
        }
    };
    if !verified {
        ok = false;
        r.problems
            .push("the signature value is wrong (not made by the certificate's key)".into());
    }
    r.intact = ok;
    // A signature timestamp (PAdES B-T): the token, with the signature value it stamps.
    let token = si.unsigned_attrs.as_ref().and_then(|attrs| {
        attrs
            .iter()
            .find(|a| a.oid.to_string() == super::tsa::TIMESTAMP_TOKEN)
            .and_then(|a| a.values.iter().next())
            .and_then(|v| v.to_der().ok())
    });
    let token = token.map(|t| [t, si.signature.as_bytes().to_vec()].concat());
    Ok((cert, token))
}

/// A checked signature timestamp: its time and what vouches for the TSA.
struct Stamp {
    gen_time: String,
    at: SystemTime,
    tsa: String,
    chain: Result<String, String>,
}

/// Check a timestamp token (`token`: the DER token followed by the signature value it
/// must stamp).
fn check_timestamp(token: &[u8], anchors: &[Anchor]) -> Result<Stamp, String> {
    let der = der_prefix(token).ok_or("the timestamp token is not DER")?;
    let stamped = &token[der.len()..];
    let sd = signed_data(der).map_err(|e| format!("the timestamp token: {e}"))?;
    let econtent = sd
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or("the timestamp token has no TSTInfo")?;
    let tst_der = econtent.value();
    let tst =
        super::tsa::tst_info(tst_der).ok_or("the timestamp token's TSTInfo cannot be read")?;
    let hash = tst
        .hash
        .ok_or("the timestamp token uses a hash lkjip does not check")?;
    if hash.digest(&[stamped]) != tst.imprint {
        return Err("the timestamp is not of this signature (its message imprint differs)".into());
    }
    let mut scratch = SignatureReport::default();
    let (tsa_cert, _) = cms_check(der, [tst_der, &[]], false, &mut scratch)
        .map_err(|e| format!("the timestamp token: {e}"))?;
    if let Some(p) = scratch.problems.first() {
        return Err(format!("the timestamp token: {p}"));
    }
    let for_timestamps = matches!(
        tsa_cert.tbs_certificate().get_extension::<x509_cert::ext::pkix::ExtendedKeyUsage>(),
        Ok(Some((_, eku))) if eku.0.iter().any(|o| o.to_string() == "1.3.6.1.5.5.7.3.8")
    );
    if !for_timestamps {
        return Err(
            "the timestamp's certificate is not a TSA's (no extended key usage timeStamping)"
                .into(),
        );
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u16> { tst.gen_time.get(r)?.parse().ok() };
    let at = (|| {
        der::DateTime::new(
            digits(0..4)?,
            digits(4..6)? as u8,
            digits(6..8)? as u8,
            digits(8..10)? as u8,
            digits(10..12)? as u8,
            digits(12..14)? as u8,
        )
        .ok()
    })()
    .ok_or("the timestamp's time cannot be read")?
    .to_system_time();
    let chain = trust::chain_to_anchor(&tsa_cert, &contents_certs(der), anchors, at);
    Ok(Stamp {
        gen_time: tst.gen_time,
        at,
        tsa: keys::subject(&tsa_cert),
        chain,
    })
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
    /// Rendered by another lkjip version: the printed text of every page (in reading
    /// order) is what the attached bundle gives with this version.
    SameText {
        /// The attachment's name.
        bundle: String,
        /// The version that rendered the report.
        made_by: String,
    },
    /// It is not; every reason.
    Differs(Vec<String>),
}

/// How verify renders the attached bundle again: the loaded bundle, its emblem and the
/// attachment's name to the PDF bytes (the caller passes `report::render`, so signing
/// never calls up into the renderer).
pub type RenderPdf<'a> =
    &'a dyn Fn(&crate::bundle::Loaded, Option<Vec<u8>>, &str) -> Result<Vec<u8>, String>;

/// Render the attached bundle again (with `render`) and compare it with the signed
/// revisions (with the whole file when there is no signature). `dir`: where the PDF is
/// (an emblem the bundle names is looked for there, as `render` looks beside the bundle).
pub fn content(
    bytes: &[u8],
    signatures: &[SignatureReport],
    dir: &std::path::Path,
    render: RenderPdf,
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
    let rendered = render(&loaded, emblem, &bundle.name)
        .map_err(|e| format!("cannot render the attached bundle again ({e})"))?;
    let expected = &rendered;
    let now = env!("CARGO_PKG_VERSION");
    match made_by(&pdf) {
        Some(v) if !v.is_empty() && v != now => {
            return text_content(bytes, signatures, expected, bundle.name, v);
        }
        _ => {}
    }
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

/// The lkjip version in the document info (`/Creator`).
fn made_by(pdf: &Pdf) -> Option<String> {
    let Ok(Value::Dict(info)) = pdf.resolve(pdf.trailer.get("Info")?) else {
        return None;
    };
    match info.get("Creator") {
        Some(Value::Str(c)) => crate::render::pdf::version_of_creator(c),
        _ => None,
    }
}

/// Whitespace collapsed: the printed words, not how a version spaced them.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words around byte `at` of `text` (a char boundary is found).
fn around(text: &str, at: usize) -> String {
    let mut from = at.saturating_sub(30);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + 30).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to].to_string()
}

/// The comparison of a report rendered by lkjip `made_by` with what this version renders
/// of its bundle: the printed text of every page, page by page.
fn text_content(
    bytes: &[u8],
    signatures: &[SignatureReport],
    expected: &[u8],
    bundle: String,
    made_by: String,
) -> Result<Content, String> {
    let now = env!("CARGO_PKG_VERSION");
    let want: Vec<String> = Pdf::parse(expected)?
        .page_texts()?
        .iter()
        .map(|t| words(t))
        .collect();
    let ends: Vec<usize> = if signatures.is_empty() {
        vec![bytes.len()]
    } else {
        signatures.iter().map(|s| s.signed_end).collect()
    };
    let mut problems = Vec::new();
    for end in ends {
        let got: Vec<String> = Pdf::parse(&bytes[..end.min(bytes.len())])?
            .page_texts()?
            .iter()
            .map(|t| words(t))
            .collect();
        if got.len() != want.len() {
            problems.push(format!(
                "the report (rendered by lkjip {made_by}) has {} pages; its attached bundle {bundle} gives {} with lkjip {now}",
                got.len(),
                want.len()
            ));
            continue;
        }
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            if g == w {
                continue;
            }
            let at = g
                .char_indices()
                .zip(w.chars())
                .find(|((_, a), b)| a != b)
                .map_or(g.len().min(w.len()), |((i, _), _)| i);
            problems.push(format!(
                "page {}: the report (rendered by lkjip {made_by}) prints “{}” where its attached bundle {bundle} gives “{}” with lkjip {now}",
                i + 1,
                around(g, at),
                around(w, at.min(w.len()))
            ));
        }
    }
    Ok(if problems.is_empty() {
        Content::SameText { bundle, made_by }
    } else {
        Content::Differs(problems)
    })
}
