//! OCSP (RFC 6960): asking a certificate's responder (its authority information access
//! URL, `http://` only) whether it is revoked, for the DSS of `sign --ltv`; and reading
//! the responses a signed PDF carries (the DSS's `/OCSPs`, a signature's
//! adbe-revocationInfoArchival attribute) in `verify`: the responder's signature (the
//! issuer itself, or a responder the issuer authorised with the extended key usage
//! OCSPSigning), that the response answers for the certificate (issuer name and key
//! hash, serial number), and what it says at the signing time.
//!
//! It never sends anything but the certificate's identifier (issuer hashes and serial),
//! and never trusts a response whose signature does not verify.

use std::time::{Duration, SystemTime};

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::ext::pkix::AuthorityInfoAccessSyntax;
use x509_cert::ext::pkix::name::GeneralName;

use super::algo::{Hash, oid as alg};
use super::asn1::{NULL, octets, oid, seq};
use super::tsa::children;
use super::{algo, keys, trust};

/// The access method of an OCSP responder (id-ad-ocsp).
const AD_OCSP: &str = "1.3.6.1.5.5.7.48.1";
/// A basic OCSP response (id-pkix-ocsp-basic).
const BASIC: &str = "1.3.6.1.5.5.7.48.1.1";
/// The extended key usage of an authorised responder (id-kp-OCSPSigning).
const OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";
/// Adobe's signed attribute holding revocation data (adbe-revocationInfoArchival).
pub const REVOCATION_ARCHIVAL: &str = "1.2.840.113583.1.1.8";

/// How long before the signing time a "good" answer may have been made and still
/// count for it: a signer fetches the status just before signing (pyHanko does).
pub const GRACE: Duration = Duration::from_secs(10 * 60);

/// The `http://` OCSP responders of a certificate (authority information access).
pub fn urls(cert: &Certificate) -> Vec<String> {
    let Ok(Some((_, aia))) = cert
        .tbs_certificate()
        .get_extension::<AuthorityInfoAccessSyntax>()
    else {
        return Vec::new();
    };
    aia.0
        .iter()
        .filter(|d| d.access_method.to_string() == AD_OCSP)
        .filter_map(|d| match &d.access_location {
            GeneralName::UniformResourceIdentifier(u) if u.as_str().starts_with("http://") => {
                Some(u.as_str().to_owned())
            }
            _ => None,
        })
        .collect()
}

/// The hash of a certificate identifier (`CertID`): SHA-1, what most responders and
/// clients use (it only names the certificate; the response's signature is what is
/// trusted), or one of the SHA-2 hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdHash {
    /// SHA-1 (id-sha1).
    Sha1,
    /// SHA-256/384/512.
    Sha2(Hash),
}

/// id-sha1.
const SHA1: &str = "1.3.14.3.2.26";

impl IdHash {
    fn from_oid(o: &str) -> Option<IdHash> {
        if o == SHA1 {
            return Some(IdHash::Sha1);
        }
        Hash::from_oid(o).map(IdHash::Sha2)
    }

    fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        match self {
            IdHash::Sha1 => {
                use sha1::Digest;
                let mut h = sha1::Sha1::new();
                for p in parts {
                    h.update(p);
                }
                h.finalize().to_vec()
            }
            IdHash::Sha2(h) => h.digest(parts),
        }
    }
}

/// The issuer name hash and issuer key hash of `cert` (issued by `issuer`) with `hash`.
fn issuer_hashes(hash: IdHash, cert: &Certificate, issuer: &Certificate) -> Option<[Vec<u8>; 2]> {
    let name = cert.tbs_certificate().issuer().to_der().ok()?;
    let key = issuer
        .tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .raw_bytes();
    Some([hash.digest(&[&name]), hash.digest(&[key])])
}

/// A DER `OCSPRequest` for `cert` (issued by `issuer`): one request, SHA-256 identifiers,
/// no nonce, unsigned.
pub fn request_der(cert: &Certificate, issuer: &Certificate) -> Result<Vec<u8>, String> {
    let [name, key] = issuer_hashes(IdHash::Sha2(Hash::Sha256), cert, issuer)
        .ok_or("the certificate's issuer cannot be encoded")?;
    let serial = cert
        .tbs_certificate()
        .serial_number()
        .to_der()
        .map_err(|_| "the certificate's serial number cannot be encoded")?;
    let cert_id = seq(&[
        &seq(&[&oid(alg::SHA256), &NULL]),
        &octets(&name),
        &octets(&key),
        &serial,
    ]);
    // OCSPRequest { TBSRequest { requestList { Request { reqCert } } } }
    Ok(seq(&[&seq(&[&seq(&[&seq(&[&cert_id])])])]))
}

/// What a response says about one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Not revoked.
    Good,
    /// Revoked: when (as written and as a time) and why (CRLReason), if said.
    Revoked {
        /// The revocation time as the responder wrote it.
        text: String,
        /// The revocation time.
        at: SystemTime,
        /// The reason code, if given.
        reason: Option<u8>,
    },
    /// The responder does not know the certificate.
    Unknown,
}

/// One answer of a response.
#[derive(Debug, Clone)]
pub struct Single {
    hash: Option<IdHash>,
    name_hash: Vec<u8>,
    key_hash: Vec<u8>,
    serial: Vec<u8>,
    /// The status.
    pub status: Status,
    /// When the status was known to be so (`thisUpdate`).
    pub this_update: SystemTime,
    /// `thisUpdate` as written.
    pub this_update_text: String,
}

/// A basic OCSP response.
#[derive(Debug, Clone)]
pub struct Response {
    tbs: Vec<u8>,
    sig_alg: String,
    signature: Vec<u8>,
    certs: Vec<Certificate>,
    /// When the responder signed it (`producedAt`), as written.
    pub produced_at: String,
    produced: SystemTime,
    /// Its answers.
    pub responses: Vec<Single>,
}

/// A `GeneralizedTime` content (`YYYYMMDDHHMMSS[.f]Z`) as a time.
pub fn generalized_time(text: &str) -> Option<SystemTime> {
    let n = |r: std::ops::Range<usize>| -> Option<u16> { text.get(r)?.parse().ok() };
    Some(
        der::DateTime::new(
            n(0..4)?,
            n(4..6)? as u8,
            n(6..8)? as u8,
            n(8..10)? as u8,
            n(10..12)? as u8,
            n(12..14)? as u8,
        )
        .ok()?
        .to_system_time(),
    )
}

fn time_of(e: (u8, &[u8], &[u8])) -> Option<(String, SystemTime)> {
    if e.0 != 0x18 {
        return None;
    }
    let text = String::from_utf8_lossy(e.1).into_owned();
    let at = generalized_time(&text)?;
    Some((text, at))
}

fn oid_of(content: &[u8]) -> Option<String> {
    ObjectIdentifier::from_bytes(content)
        .ok()
        .map(|o| o.to_string())
}

/// Read a DER `OCSPResponse`. Errors: one lower-case phrase (not a response, not
/// successful, not a basic response).
pub fn parse(der: &[u8]) -> Result<Response, String> {
    let bad = || "not an OCSP response".to_string();
    let top = children(der).ok_or_else(bad)?;
    let status = top.first().filter(|s| s.0 == 0x0a).ok_or_else(bad)?.1;
    if status != [0] {
        return Err(format!(
            "the OCSP responder did not answer (status {})",
            status.last().copied().unwrap_or(255)
        ));
    }
    let bytes = top.get(1).filter(|b| b.0 == 0xa0).ok_or_else(bad)?;
    let rb = children(bytes.2).ok_or_else(bad)?;
    let rb = children(rb.first().ok_or_else(bad)?.2).ok_or_else(bad)?;
    if rb.first().and_then(|o| oid_of(o.1)).as_deref() != Some(BASIC) {
        return Err("not a basic OCSP response".into());
    }
    let basic = rb.get(1).filter(|o| o.0 == 0x04).ok_or_else(bad)?.1;
    parse_basic(basic).ok_or_else(bad)
}

fn parse_basic(basic: &[u8]) -> Option<Response> {
    let b = children(basic)?;
    let tbs = b.first()?;
    let sig_alg = oid_of(children(b.get(1)?.2)?.first()?.1)?;
    let signature = b.get(2).filter(|s| s.0 == 0x03)?.1.get(1..)?.to_vec();
    let mut certs = Vec::new();
    if let Some(c) = b.get(3).filter(|c| c.0 == 0xa0) {
        for cert in children(children(c.2)?.first()?.2)? {
            certs.push(Certificate::from_der(cert.2).ok()?);
        }
    }
    let mut t = children(tbs.2)?.into_iter().peekable();
    if t.peek()?.0 == 0xa0 {
        t.next();
    }
    let _responder_id = t.next()?;
    let (produced_at, produced) = time_of(t.next()?)?;
    let mut responses = Vec::new();
    for single in children(t.next().filter(|r| r.0 == 0x30)?.2)? {
        let s = children(single.2)?;
        let id = children(s.first()?.2)?;
        let hash = IdHash::from_oid(&oid_of(children(id.first()?.2)?.first()?.1)?);
        let status = match s.get(1)? {
            (0x80, _, _) => Status::Good,
            (0xa1, _, whole) => {
                let r = children(whole)?;
                let (text, at) = time_of(*r.first()?)?;
                let reason = r
                    .get(1)
                    .and_then(|e| children(e.2))
                    .and_then(|e| e.first().and_then(|x| x.1.last().copied()));
                Status::Revoked { text, at, reason }
            }
            _ => Status::Unknown,
        };
        let (this_update_text, this_update) = time_of(*s.get(2)?)?;
        responses.push(Single {
            hash,
            name_hash: id.get(1)?.1.to_vec(),
            key_hash: id.get(2)?.1.to_vec(),
            serial: id.get(3)?.1.to_vec(),
            status,
            this_update,
            this_update_text,
        });
    }
    Some(Response {
        tbs: tbs.2.to_vec(),
        sig_alg,
        signature,
        certs,
        produced_at,
        produced,
        responses,
    })
}

/// The name of a CRLReason code.
pub fn reason_name(code: u8) -> &'static str {
    match code {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => "unknown reason",
    }
}

/// An answer of a response about a certificate, its signature checked.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The answer.
    pub single: Single,
    /// The responder (certificate subject).
    pub responder: String,
    /// When the response was signed, as written.
    pub produced_at: String,
}

/// What `resp` says about `cert`, whose issuer is one of `issuers`. `Ok(None)`: the
/// response is not about it. `Err`: it is, but its signature or responder is not the
/// issuer's.
pub fn answer(
    cert: &Certificate,
    issuers: &[&Certificate],
    resp: &Response,
) -> Result<Option<Answer>, String> {
    let serial = cert.tbs_certificate().serial_number().as_bytes();
    let Some((issuer, single)) = issuers
        .iter()
        .filter(|i| trust::issued_by(cert, i))
        .find_map(|issuer| {
            resp.responses
                .iter()
                .find(|s| {
                    s.serial == serial
                        && s.hash.and_then(|h| issuer_hashes(h, cert, issuer))
                            == Some([s.name_hash.clone(), s.key_hash.clone()])
                })
                .map(|s| (*issuer, s))
        })
    else {
        return Ok(None);
    };
    let who = keys::common_name(cert);
    let signer = std::iter::once(issuer)
        .chain(resp.certs.iter())
        .find(|c| algo::verify(c, &resp.sig_alg, None, &resp.tbs, &resp.signature) == Ok(true))
        .ok_or_else(|| {
            format!(
                "the OCSP response for {who} is not signed by its issuer or by a responder in it"
            )
        })?;
    if signer != issuer {
        let authorised = matches!(
            signer.tbs_certificate().get_extension::<x509_cert::ext::pkix::ExtendedKeyUsage>(),
            Ok(Some((_, eku))) if eku.0.iter().any(|o| o.to_string() == OCSP_SIGNING)
        );
        if !(trust::issued_by(signer, issuer) && authorised) {
            return Err(format!(
                "the OCSP response for {who} is signed by {}, which its issuer did not authorise (issued by it, extended key usage OCSPSigning)",
                keys::subject(signer)
            ));
        }
        keys::check_validity(signer, resp.produced)
            .map_err(|e| format!("the OCSP responder {} of {who}: {e}", keys::subject(signer)))?;
    }
    Ok(Some(Answer {
        single: single.clone(),
        responder: keys::subject(signer),
        produced_at: resp.produced_at.clone(),
    }))
}

/// The revocation status of `leaf` and the certificates of `pool` from OCSP responses
/// (`responses`; each must be signed by the certificate's issuer, found in `pool` or
/// `anchors`, or by a responder it authorised). `signed_at`: the signing time a "good"
/// answer must cover (made at or after it, or at most [`GRACE`] before it);
/// `revoked_by`: a revocation at or before it makes the signature not valid. `Err`: such
/// a revocation, with its time and reason. `Ok`: what was checked and what was not used.
pub fn revocation(
    leaf: &Certificate,
    pool: &[Certificate],
    anchors: &[trust::Anchor],
    responses: &[Response],
    signed_at: SystemTime,
    revoked_by: SystemTime,
) -> Result<Vec<String>, String> {
    let issuers: Vec<&Certificate> = pool.iter().chain(anchors.iter().map(|a| &a.cert)).collect();
    let mut out = Vec::new();
    for cert in std::iter::once(leaf).chain(pool.iter().filter(|c| *c != leaf)) {
        let who = keys::common_name(cert);
        for resp in responses {
            let a = match answer(cert, &issuers, resp) {
                Ok(Some(a)) => a,
                Ok(None) => continue,
                Err(e) => {
                    out.push(format!("{e} (not used)"));
                    continue;
                }
            };
            let by = format!("OCSP response of {}, {}", a.responder, a.produced_at);
            match &a.single.status {
                Status::Revoked { text, at, reason } if *at <= revoked_by => {
                    return Err(format!(
                        "the certificate {} was revoked on {text}{} ({by})",
                        keys::subject(cert),
                        reason
                            .map(|r| format!(", reason {}", reason_name(r)))
                            .unwrap_or_default()
                    ));
                }
                Status::Revoked { text, .. } => out.push(format!(
                    "{who} revoked on {text}, after the time the timestamp proves ({by})"
                )),
                Status::Good if a.single.this_update + GRACE >= signed_at => {
                    out.push(format!("{who} not revoked ({by})"))
                }
                Status::Good => out.push(format!(
                    "{who}: an OCSP answer of {} is older than the signing time (not used)",
                    a.single.this_update_text
                )),
                Status::Unknown => out.push(format!(
                    "{who}: the OCSP responder does not know the certificate ({by})"
                )),
            }
        }
    }
    Ok(out)
}

/// The revocation data of an adbe-revocationInfoArchival attribute value (DER): its CRLs
/// and OCSP responses (DER each).
pub fn archival(value: &[u8]) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let (mut crls, mut ocsps) = (Vec::new(), Vec::new());
    for part in children(value).unwrap_or_default() {
        let items = children(part.2)
            .and_then(|inner| inner.first().and_then(|s| children(s.2)))
            .unwrap_or_default();
        let into = match part.0 {
            0xa0 => &mut crls,
            0xa1 => &mut ocsps,
            _ => continue,
        };
        into.extend(items.iter().map(|i| i.2.to_vec()));
    }
    (crls, ocsps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_response_and_times() {
        assert!(parse(b"").is_err());
        assert!(
            parse(&[0x30, 0x03, 0x0a, 0x01, 0x06])
                .unwrap_err()
                .contains("status 6")
        );
        assert!(generalized_time("20260102030405Z").is_some());
        assert!(generalized_time("2026").is_none());
        assert_eq!(reason_name(1), "keyCompromise");
        assert_eq!(archival(b"junk"), (Vec::new(), Vec::new()));
    }

    #[test]
    fn certificate_ids_by_sha1_and_sha2() {
        let sha1 = IdHash::from_oid(SHA1).unwrap();
        assert_eq!(
            sha1.digest(&[b"a", b"bc"]),
            [
                0xa9, 0x99, 0x3e, 0x36, 0x47, 0x06, 0x81, 0x6a, 0xba, 0x3e, 0x25, 0x71, 0x78, 0x50,
                0xc2, 0x6c, 0x9c, 0xd0, 0xd8, 0x9d
            ]
        );
        assert_eq!(
            IdHash::from_oid(alg::SHA256),
            Some(IdHash::Sha2(Hash::Sha256))
        );
        assert_eq!(IdHash::from_oid("1.2.3"), None);
    }
}
