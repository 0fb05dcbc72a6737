//! The document security store of `sign --ltv` (PAdES B-LT): one more incremental update
//! after the signature with `/DSS` in the catalog holding the signer's certificate chain
//! and the revocation data of the chain's certificates: their CRLs (fetched from their CRL
//! distribution points) and OCSP responses (asked of the responders their authority
//! information access names; `ocsp`), `http://` only, so that the report can still be
//! validated after the certificates expire or the servers are gone.
//!
//! It never changes a byte of the signed revision, never adds a CRL or OCSP response it
//! cannot read, and refuses (adds nothing) when a responder says a certificate is revoked.

use der::Decode;
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::CrlDistributionPoints;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};

use super::keys::SigningKey;
use super::pdf::{Dict, NewObject, Pdf, Value};

/// The `http://` CRL distribution points of a certificate.
fn crl_urls(cert: &Certificate) -> Vec<String> {
    let Ok(Some((_, dps))) = cert
        .tbs_certificate()
        .get_extension::<CrlDistributionPoints>()
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for dp in dps.0 {
        if let Some(DistributionPointName::FullName(names)) = dp.distribution_point {
            for n in names {
                if let GeneralName::UniformResourceIdentifier(u) = n
                    && u.as_str().starts_with("http://")
                {
                    out.push(u.as_str().to_owned());
                }
            }
        }
    }
    out
}

/// The OCSP responses of the certificates `certs` (each asked of its responders, and
/// checked: signed by the issuer or a responder it authorised, and "good"). Errors: one
/// lower-case phrase.
fn ocsp_responses(certs: &[Certificate]) -> Result<Vec<Vec<u8>>, String> {
    let issuers: Vec<&Certificate> = certs.iter().collect();
    let mut out = Vec::new();
    for cert in certs {
        let urls = super::ocsp::urls(cert);
        if urls.is_empty() {
            continue;
        }
        let who = super::keys::subject(cert);
        let Some(issuer) = certs.iter().find(|i| super::trust::issued_by(cert, i)) else {
            return Err(format!(
                "the issuer of {who} is not in the PKCS#12 file, so its OCSP status cannot be asked"
            ));
        };
        let request = super::ocsp::request_der(cert, issuer)?;
        for url in urls {
            let der = super::tsa::ocsp_post(&url, &request)?;
            let resp = super::ocsp::parse(&der).map_err(|e| format!("{url}: {e}"))?;
            let answer = super::ocsp::answer(cert, &issuers, &resp)
                .map_err(|e| format!("{url}: {e}"))?
                .ok_or_else(|| format!("the OCSP responder {url} did not answer for {who}"))?;
            match answer.single.status {
                super::ocsp::Status::Good => {}
                super::ocsp::Status::Revoked { text, reason, .. } => {
                    return Err(format!(
                        "the certificate {who} is revoked (since {text}{}, says the OCSP responder {url})",
                        reason
                            .map(|r| format!(", reason {}", super::ocsp::reason_name(r)))
                            .unwrap_or_default()
                    ));
                }
                super::ocsp::Status::Unknown => {
                    return Err(format!(
                        "the OCSP responder {url} does not know the certificate {who}"
                    ));
                }
            }
            if !out.contains(&der) {
                out.push(der);
            }
        }
    }
    Ok(out)
}

/// `signed` with a DSS update: the key's chain, the CRLs and the OCSP responses of its
/// certificates. Errors: one lower-case phrase (a CRL or OCSP response that cannot be
/// fetched or read, a revoked certificate).
pub fn add_dss(signed: &[u8], key: &SigningKey) -> Result<Vec<u8>, String> {
    let pdf = Pdf::parse(signed)?;
    let mut certs = vec![key.leaf_der.clone()];
    certs.extend(key.chain_der.iter().cloned());
    let parsed: Vec<Certificate> = certs
        .iter()
        .filter_map(|d| Certificate::from_der(d).ok())
        .collect();
    let ocsps = ocsp_responses(&parsed)?;
    let mut crls: Vec<Vec<u8>> = Vec::new();
    for cert in &parsed {
        for url in crl_urls(cert) {
            let crl = super::tsa::http_get(&url, "CRL server")?;
            <CertificateList>::from_der(&crl)
                .map_err(|_| format!("the CRL at {url} cannot be read (not a DER CRL v2)"))?;
            if !crls.contains(&crl) {
                crls.push(crl);
            }
        }
    }
    let root = pdf.root()?;
    let mut catalog = pdf.dict(root)?;
    let mut next = pdf.size()?;
    let mut objects = Vec::new();
    let mut refs = |items: &[Vec<u8>], objects: &mut Vec<NewObject>| {
        let mut out = Vec::new();
        for data in items {
            objects.push(NewObject::stream(next, Dict::default(), data));
            out.push(Value::Ref(next, 0));
            next += 1;
        }
        out
    };
    let cert_refs = refs(&certs, &mut objects);
    let crl_refs = refs(&crls, &mut objects);
    let ocsp_refs = refs(&ocsps, &mut objects);
    let mut dss = Dict::default();
    dss.set("Certs", Value::Array(cert_refs));
    if !crl_refs.is_empty() {
        dss.set("CRLs", Value::Array(crl_refs));
    }
    if !ocsp_refs.is_empty() {
        dss.set("OCSPs", Value::Array(ocsp_refs));
    }
    catalog.set("DSS", Value::Dict(dss));
    objects.push(NewObject::value(root, &Value::Dict(catalog)));
    Ok(super::pdf::append_update(&pdf, &objects, next).0)
}
