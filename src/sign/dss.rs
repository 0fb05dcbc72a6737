//! The document security store of `sign --ltv` (PAdES B-LT): one more incremental update
//! after the signature with `/DSS` in the catalog holding the signer's certificate chain
//! and the CRLs of the chain's certificates (fetched from their CRL distribution points,
//! `http://` only), so that the report can still be validated after the certificates
//! expire or the CRL servers are gone. OCSP responses are not fetched.
//!
//! It never changes a byte of the signed revision, and never adds a CRL it cannot read.

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

/// `signed` with a DSS update: the key's chain and the CRLs of its certificates. Errors:
/// one lower-case phrase (a CRL that cannot be fetched or read).
pub fn add_dss(signed: &[u8], key: &SigningKey) -> Result<Vec<u8>, String> {
    let pdf = Pdf::parse(signed)?;
    let mut certs = vec![key.leaf_der.clone()];
    certs.extend(key.chain_der.iter().cloned());
    let mut crls: Vec<Vec<u8>> = Vec::new();
    for der in &certs {
        let Ok(cert) = Certificate::from_der(der) else {
            continue;
        };
        for url in crl_urls(&cert) {
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
    let mut dss = Dict::default();
    dss.set("Certs", Value::Array(cert_refs));
    if !crl_refs.is_empty() {
        dss.set("CRLs", Value::Array(crl_refs));
    }
    catalog.set("DSS", Value::Dict(dss));
    objects.push(NewObject::value(root, &Value::Dict(catalog)));
    Ok(super::pdf::append_update(&pdf, &objects, next).0)
}
