//! The signer's key and certificates, from a PKCS#12 file (`.p12`/`.pfx`), and what the
//! report needs to know of a certificate (subject, common name, validity).
//!
//! The key lives only in memory: never written, printed or put into an error message.
//! Only RSA keys are supported (the BSrE certificates are RSA); another key type is an
//! error that says so.

use std::time::SystemTime;

use der::{Decode, Encode};
use rsa::RsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use x509_cert::Certificate;

/// A key and its certificate chain, leaf first.
pub struct SigningKey {
    /// The RSA private key.
    pub key: RsaPrivateKey,
    /// The signer's certificate, DER.
    pub leaf_der: Vec<u8>,
    /// The signer's certificate, parsed.
    pub leaf: Certificate,
    /// The other certificates of the chain (issuers), DER.
    pub chain_der: Vec<Vec<u8>>,
}

/// Load a PKCS#12 file. Errors are one lower-case phrase about the file (never the
/// password or the key).
pub fn load_p12(bytes: &[u8], password: &str) -> Result<SigningKey, String> {
    use p12_keystore::error::Error as E;
    let store = p12_keystore::KeyStore::from_pkcs12(
        bytes,
        password,
        p12_keystore::Pkcs12ImportPolicy::Strict,
    )
    .map_err(|e| match e {
        E::MacError(_) => "wrong password (the PKCS#12 integrity check fails)".to_string(),
        E::DerError(_) | E::InvalidVersion | E::InvalidData | E::InvalidLength => {
            "not a PKCS#12 file, or a damaged one".to_string()
        }
        E::UnpadError => "wrong password (cannot decrypt the key)".to_string(),
        other => format!(
            "cannot read the PKCS#12 file ({})",
            other.to_string().to_lowercase()
        ),
    })?;
    let (_, chain) = store
        .private_key_chain()
        .ok_or("the PKCS#12 file holds no private key with its certificate")?;
    let key = RsaPrivateKey::from_pkcs8_der(chain.key().as_der())
        .map_err(|_| "the private key is not an RSA key (only RSA keys are supported)")?;
    let certs = chain.certs();
    let leaf_der = certs
        .first()
        .ok_or("the PKCS#12 file holds no certificate for its key")?
        .as_der()
        .to_vec();
    let leaf =
        Certificate::from_der(&leaf_der).map_err(|_| "the signer's certificate cannot be read")?;
    // The certificate must be the key's.
    let spki = leaf
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|_| "the signer's certificate cannot be read")?;
    let public = rsa::RsaPublicKey::from(&key);
    use rsa::pkcs8::EncodePublicKey;
    let own = public
        .to_public_key_der()
        .map_err(|_| "the private key cannot be read")?;
    if own.as_bytes() != spki.as_slice() {
        return Err("the certificate in the PKCS#12 file is not the private key's".into());
    }
    Ok(SigningKey {
        key,
        leaf_der,
        leaf,
        chain_der: certs[1..].iter().map(|c| c.as_der().to_vec()).collect(),
    })
}

/// The certificate's subject as `CN=…,O=…`.
pub fn subject(cert: &Certificate) -> String {
    cert.tbs_certificate().subject().to_string()
}

/// The certificate's common name, or its whole subject when it has none.
pub fn common_name(cert: &Certificate) -> String {
    match cert.tbs_certificate().subject().common_name() {
        Ok(Some(cn)) => cn.value().into_owned(),
        _ => subject(cert),
    }
}

/// Whether the certificate is valid at `at`; `Err` says why not, with its dates.
pub fn check_validity(cert: &Certificate, at: SystemTime) -> Result<(), String> {
    let v = cert.tbs_certificate().validity();
    let (from, to) = (v.not_before.to_system_time(), v.not_after.to_system_time());
    if at < from {
        return Err(format!(
            "the certificate is not valid yet (valid from {})",
            v.not_before
        ));
    }
    if at > to {
        return Err(format!(
            "the certificate has expired (valid until {})",
            v.not_after
        ));
    }
    Ok(())
}
