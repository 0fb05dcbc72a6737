//! The CMS `SignedData` of a PAdES B-B signature (`/SubFilter /ETSI.CAdES.detached`):
//! detached (no content inside), the key's hash and signature algorithm (SHA-256 with
//! RSA PKCS#1 v1.5 or ECDSA P-256, SHA-384 with ECDSA P-384), with the signed attributes
//! content-type, message-digest and signing-certificate-v2 (ESS, RFC 5035). No
//! signing-time attribute: PAdES puts the time in the signature dictionary's `/M`.
//!
//! Made with the small DER writer of `asn1`; read back (in `verify`) with the `cms` crate.

use rsa::sha2::{Digest, Sha256};

use super::asn1::{self, octets, oid, oids, seq, set_of, tlv};
use super::keys::SigningKey;
use der::Encode;

/// SHA-256 of `parts` one after the other.
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// The DER `ContentInfo` of a detached signature over data whose hash (the key's:
/// [`super::keys::PrivateKey::hash`]) is `digest`.
/// With `tsa`, the signature value is timestamped there (an unsigned attribute).
pub fn signed_data(
    key: &SigningKey,
    digest: &[u8],
    tsa: Option<&str>,
) -> Result<Vec<u8>, super::signer::SignError> {
    use super::signer::SignError;
    let tbs = key.leaf.tbs_certificate();
    let der_err = |_| SignError::Document("the signer's certificate cannot be encoded".into());
    let issuer = tbs.issuer().to_der().map_err(der_err)?;
    let serial = tbs.serial_number().to_der().map_err(der_err)?;
    let digest_oid = match key.key.hash() {
        super::algo::Hash::Sha256 => super::algo::oid::SHA256,
        super::algo::Hash::Sha384 => super::algo::oid::SHA384,
        super::algo::Hash::Sha512 => super::algo::oid::SHA512,
    };
    let digest_alg = seq(&[&oid(digest_oid)]);

    let attribute = |kind: &str, value: Vec<u8>| seq(&[&oid(kind), &set_of(vec![value])]);
    // ESSCertIDv2 with the default hash (SHA-256) left out, and the issuer and serial
    // of the certificate (issuer as a GeneralName directoryName, [4] explicit).
    let issuer_serial = seq(&[&seq(&[&tlv(0xa4, &issuer)]), &serial]);
    let cert_id = seq(&[&octets(&sha256(&[&key.leaf_der])), &issuer_serial]);
    let signing_certificate = seq(&[&seq(&[&cert_id])]);
    let mut attrs = vec![
        attribute(oids::CONTENT_TYPE, oid(oids::DATA)),
        attribute(oids::MESSAGE_DIGEST, octets(digest)),
        attribute(oids::SIGNING_CERTIFICATE_V2, signing_certificate),
    ];
    attrs.sort();
    // The signature is over the attributes as a SET OF; in the SignerInfo they are
    // [0] IMPLICIT.
    let signed_attrs = set_of(attrs.clone());
    let signature = key.key.sign(&signed_attrs).map_err(SignError::Document)?;
    let unsigned = match tsa {
        None => Vec::new(),
        Some(url) => super::tsa::unsigned_attribute(
            &super::tsa::token(url, key.key.hash(), &signature).map_err(SignError::Timestamp)?,
        ),
    };
    // RSA's algorithm identifier has NULL parameters, ECDSA's none.
    let sig_alg = match key.key.signature_oid() {
        o if o == oids::RSA => seq(&[&oid(o), &asn1::NULL]),
        o => seq(&[&oid(o)]),
    };
    let signer_info = seq(&[
        &asn1::int(1),
        &seq(&[&issuer, &serial]),
        &digest_alg,
        &tlv(0xa0, &attrs.concat()),
        &sig_alg,
        &octets(&signature),
        &unsigned,
    ]);
    let mut certs = vec![key.leaf_der.clone()];
    certs.extend(key.chain_der.iter().cloned());
    certs.sort();
    let signed_data = seq(&[
        &asn1::int(1),
        &set_of(vec![digest_alg.clone()]),
        &seq(&[&oid(oids::DATA)]),
        &tlv(0xa0, &certs.concat()),
        &set_of(vec![signer_info]),
    ]);
    Ok(seq(&[&oid(oids::SIGNED_DATA), &tlv(0xa0, &signed_data)]))
}
