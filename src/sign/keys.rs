//! The signer's key and certificates, from a PKCS#12 file (`.p12`/`.pfx`), and what the
//! report needs to know of a certificate (subject, common name, validity).
//!
//! The key lives only in memory: never written, printed or put into an error message.
//! RSA keys (the BSrE certificates are RSA) and ECDSA keys on P-256 and P-384; the key's
//! algorithm chooses the signature's (RSA PKCS#1 v1.5 with SHA-256, ECDSA with SHA-256 on
//! P-256, with SHA-384 on P-384). Another key type is an error that says so.

use std::time::SystemTime;

use der::{Decode, Encode};
use rsa::RsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use x509_cert::Certificate;

use super::algo::{Hash, oid};

/// A private key of one of the supported kinds.
pub enum PrivateKey {
    /// RSA (signs with PKCS#1 v1.5 and SHA-256).
    Rsa(RsaPrivateKey),
    /// ECDSA on P-256 (signs with SHA-256).
    P256(p256::ecdsa::SigningKey),
    /// ECDSA on P-384 (signs with SHA-384).
    P384(p384::ecdsa::SigningKey),
}

impl PrivateKey {
    /// Read a PKCS#8 private key (DER).
    pub fn from_pkcs8(der: &[u8]) -> Result<PrivateKey, String> {
        if let Ok(k) = RsaPrivateKey::from_pkcs8_der(der) {
            return Ok(PrivateKey::Rsa(k));
        }
        if let Ok(k) = p256::SecretKey::from_pkcs8_der(der) {
            return Ok(PrivateKey::P256(k.into()));
        }
        if let Ok(k) = p384::SecretKey::from_pkcs8_der(der) {
            return Ok(PrivateKey::P384(k.into()));
        }
        Err(
            "the private key is neither RSA nor ECDSA on P-256 or P-384 (the kinds supported)"
                .into(),
        )
    }

    /// The hash the signature uses.
    pub fn hash(&self) -> Hash {
        match self {
            PrivateKey::Rsa(_) | PrivateKey::P256(_) => Hash::Sha256,
            PrivateKey::P384(_) => Hash::Sha384,
        }
    }

    /// The CMS signature algorithm OID (rsaEncryption, ecdsa-with-SHA256/384).
    pub fn signature_oid(&self) -> &'static str {
        match self {
            PrivateKey::Rsa(_) => oid::RSA,
            PrivateKey::P256(_) => oid::ECDSA_SHA256,
            PrivateKey::P384(_) => oid::ECDSA_SHA384,
        }
    }

    /// The public key as a DER SubjectPublicKeyInfo.
    pub fn public_der(&self) -> Result<Vec<u8>, String> {
        let der = match self {
            PrivateKey::Rsa(k) => rsa::RsaPublicKey::from(k).to_public_key_der(),
            PrivateKey::P256(k) => p256::PublicKey::from(k.verifying_key()).to_public_key_der(),
            PrivateKey::P384(k) => p384::PublicKey::from(k.verifying_key()).to_public_key_der(),
        };
        der.map(|d| d.as_bytes().to_vec())
            .map_err(|_| "the private key cannot be read".to_string())
    }

    /// The signature over `message` (hashed with [`PrivateKey::hash`]): PKCS#1 v1.5, or
    /// ECDSA as DER.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, String> {
        use p256::ecdsa::signature::hazmat::PrehashSigner;
        let hashed = self.hash().digest(&[message]);
        let failed = |_| "the signature failed".to_string();
        match self {
            PrivateKey::Rsa(k) => k
                .sign(rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha256>(), &hashed)
                .map_err(|_| "the RSA signature failed".to_string()),
            PrivateKey::P256(k) => {
                let sig: p256::ecdsa::Signature = k.sign_prehash(&hashed).map_err(failed)?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
            PrivateKey::P384(k) => {
                let sig: p384::ecdsa::Signature = k.sign_prehash(&hashed).map_err(failed)?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
        }
    }
}

/// A key and its certificate chain, leaf first.
pub struct SigningKey {
    /// The private key.
    pub key: PrivateKey,
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
    let key = PrivateKey::from_pkcs8(chain.key().as_der())?;
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
    if key.public_der()? != spki {
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
