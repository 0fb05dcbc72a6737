//! The hash and signature algorithms `verify` checks: SHA-256/384/512, RSA PKCS#1 v1.5
//! and ECDSA (P-256, P-384), for the signatures of a CMS and of the certificates of a
//! chain. Only verifies: it never signs and never sees a private key.

use der::Encode;
use rsa::pkcs8::DecodePublicKey;
use rsa::sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::Certificate;

/// OIDs of the algorithms.
pub mod oid {
    /// id-sha256.
    pub const SHA256: &str = "2.16.840.1.101.3.4.2.1";
    /// id-sha384.
    pub const SHA384: &str = "2.16.840.1.101.3.4.2.2";
    /// id-sha512.
    pub const SHA512: &str = "2.16.840.1.101.3.4.2.3";
    /// rsaEncryption (the hash is the CMS digest algorithm).
    pub const RSA: &str = "1.2.840.113549.1.1.1";
    /// sha256WithRSAEncryption.
    pub const SHA256_RSA: &str = "1.2.840.113549.1.1.11";
    /// sha384WithRSAEncryption.
    pub const SHA384_RSA: &str = "1.2.840.113549.1.1.12";
    /// sha512WithRSAEncryption.
    pub const SHA512_RSA: &str = "1.2.840.113549.1.1.13";
    /// id-ecPublicKey (the hash is the CMS digest algorithm).
    pub const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
    /// ecdsa-with-SHA256.
    pub const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";
    /// ecdsa-with-SHA384.
    pub const ECDSA_SHA384: &str = "1.2.840.10045.4.3.3";
    /// ecdsa-with-SHA512.
    pub const ECDSA_SHA512: &str = "1.2.840.10045.4.3.4";
    /// The named curve P-256 (prime256v1).
    pub const P256: &str = "1.2.840.10045.3.1.7";
    /// The named curve P-384 (secp384r1).
    pub const P384: &str = "1.3.132.0.34";
}

/// A hash algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// The hash of a digest algorithm OID (`None`: not one `verify` checks).
    pub fn from_oid(o: &str) -> Option<Hash> {
        match o {
            oid::SHA256 => Some(Hash::Sha256),
            oid::SHA384 => Some(Hash::Sha384),
            oid::SHA512 => Some(Hash::Sha512),
            _ => None,
        }
    }

    /// The hash of `parts` one after the other.
    pub fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut h = D::new();
            for p in parts {
                h.update(p);
            }
            h.finalize().to_vec()
        }
        match self {
            Hash::Sha256 => run::<Sha256>(parts),
            Hash::Sha384 => run::<Sha384>(parts),
            Hash::Sha512 => run::<Sha512>(parts),
        }
    }

    /// Its name as reports print it.
    pub fn name(self) -> &'static str {
        match self {
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }
}

/// Whether `sig` is `cert`'s key's signature over `message` with the signature algorithm
/// `alg` (`hash`: the hash when `alg` names only the key type, as a CMS may). `Err`: an
/// algorithm or key `verify` does not check.
pub fn verify(
    cert: &Certificate,
    alg: &str,
    hash: Option<Hash>,
    message: &[u8],
    sig: &[u8],
) -> Result<bool, String> {
    let spki = cert
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|_| "the certificate's public key cannot be read".to_string())?;
    let unsupported = || format!("unsupported signature algorithm {alg}");
    let (is_rsa, hash) = match alg {
        oid::SHA256_RSA => (true, Hash::Sha256),
        oid::SHA384_RSA => (true, Hash::Sha384),
        oid::SHA512_RSA => (true, Hash::Sha512),
        oid::ECDSA_SHA256 => (false, Hash::Sha256),
        oid::ECDSA_SHA384 => (false, Hash::Sha384),
        oid::ECDSA_SHA512 => (false, Hash::Sha512),
        oid::RSA => (true, hash.ok_or_else(unsupported)?),
        oid::EC_PUBLIC_KEY => (false, hash.ok_or_else(unsupported)?),
        _ => return Err(unsupported()),
    };
    let hashed = hash.digest(&[message]);
    if is_rsa {
        let key = rsa::RsaPublicKey::from_public_key_der(&spki)
            .map_err(|_| "the certificate's key is not an RSA key".to_string())?;
        let scheme = match hash {
            Hash::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
            Hash::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
            Hash::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>(),
        };
        Ok(key.verify(scheme, &hashed, sig).is_ok())
    } else {
        ecdsa_verify(&spki, &hashed, sig)
    }
}

/// ECDSA over an already hashed message (DER signature), P-256 or P-384.
fn ecdsa_verify(spki: &[u8], hashed: &[u8], sig: &[u8]) -> Result<bool, String> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    if let Ok(key) = p256::ecdsa::VerifyingKey::from_public_key_der(spki) {
        let Ok(sig) = p256::ecdsa::Signature::from_der(sig) else {
            return Ok(false);
        };
        return Ok(key.verify_prehash(hashed, &sig).is_ok());
    }
    if let Ok(key) = p384::ecdsa::VerifyingKey::from_public_key_der(spki) {
        let Ok(sig) = p384::ecdsa::Signature::from_der(sig) else {
            return Ok(false);
        };
        return Ok(key.verify_prehash(hashed, &sig).is_ok());
    }
    Err("the certificate's key is neither RSA nor ECDSA P-256/P-384".into())
}
