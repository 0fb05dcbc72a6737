//! Trust: whether a signer's certificate chains to a trust anchor, and where the anchors
//! come from. In order: the `--trust` files of `verify`; the files named by the
//! environment variable `LKJIP_TRUST` (a list of PEM files, `:`-separated) or, without
//! it, by the config file (`$XDG_CONFIG_HOME/lkjip/trust.conf`, else
//! `~/.config/lkjip/trust.conf`, then `/etc/lkjip/trust.conf`: one PEM file a line, `#`
//! comments, relative to the config file); then the system store
//! (`/etc/ssl/certs/ca-certificates.crt`, or the file `LKJIP_SYSTEM_TRUST` names; an
//! empty `LKJIP_SYSTEM_TRUST` leaves the system store out).
//!
//! A chain is walked from the signer's certificate through the certificates the
//! signature carries to an anchor, every link a verified signature of a CA certificate
//! valid at the signing time; the signer's certificate must allow signing (key usage
//! digitalSignature or nonRepudiation). It never reaches out to the network and never
//! trusts a certificate only because of its name.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use der::Encode;
use x509_cert::Certificate;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};

use super::{algo, keys};

/// The environment variable naming trust anchor files.
pub const TRUST_ENV: &str = "LKJIP_TRUST";
/// The environment variable naming the system store (empty: none).
pub const SYSTEM_ENV: &str = "LKJIP_SYSTEM_TRUST";
/// The system store read when `LKJIP_SYSTEM_TRUST` is not set.
pub const SYSTEM_STORE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// A trusted certificate and where it was found.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The certificate.
    pub cert: Certificate,
    /// Its source as the report names it (`--trust ca.pem`, `LKJIP_TRUST …`, …).
    pub source: String,
}

/// A file of anchors to read: its path, how the report names its source, and whether a
/// missing file is an error (the system store may be missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The PEM file.
    pub path: PathBuf,
    /// `--trust`, `LKJIP_TRUST`, the config file's path, `system store`.
    pub label: String,
    /// Whether a missing or unreadable file is an error.
    pub required: bool,
}

/// The anchor files, in order: `cli` (the `--trust` files), `LKJIP_TRUST` or the config
/// file, the system store. `env` reads an environment variable (the process's, or a
/// test's).
pub fn sources(cli: &[PathBuf], env: &dyn Fn(&str) -> Option<String>) -> Vec<Source> {
    let mut out: Vec<Source> = cli
        .iter()
        .map(|p| Source {
            path: p.clone(),
            label: "--trust".into(),
            required: true,
        })
        .collect();
    match env(TRUST_ENV).filter(|v| !v.trim().is_empty()) {
        Some(list) => out.extend(std::env::split_paths(&list).map(|path| Source {
            path,
            label: TRUST_ENV.into(),
            required: true,
        })),
        None => {
            let user = env("XDG_CONFIG_HOME")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or_else(|| env("HOME").map(|h| Path::new(&h).join(".config")));
            let configs = user
                .map(|d| d.join("lkjip/trust.conf"))
                .into_iter()
                .chain([PathBuf::from("/etc/lkjip/trust.conf")]);
            for conf in configs {
                let Ok(text) = std::fs::read_to_string(&conf) else {
                    continue;
                };
                let dir = conf.parent().unwrap_or(Path::new("/"));
                for line in text.lines().map(str::trim) {
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    out.push(Source {
                        path: dir.join(line),
                        label: conf.display().to_string(),
                        required: true,
                    });
                }
            }
        }
    }
    let system = env(SYSTEM_ENV).unwrap_or_else(|| SYSTEM_STORE.into());
    if !system.is_empty() {
        out.push(Source {
            path: system.into(),
            label: "system store".into(),
            required: false,
        });
    }
    out
}

/// Every certificate of a PEM file, each block on its own (one a reader cannot parse,
/// as a system store may hold, is left out).
pub fn pem_certificates(bytes: &[u8]) -> Vec<Certificate> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    let mut rest = text.as_ref();
    while let Some(b) = rest.find(BEGIN) {
        let Some(e) = rest[b..].find(END) else { break };
        let block = &rest[b..b + e + END.len()];
        if let Ok(certs) = Certificate::load_pem_chain(block.as_bytes()) {
            out.extend(certs);
        }
        rest = &rest[b + e + END.len()..];
    }
    out
}

/// Whether the certificate may sign documents: key usage digitalSignature or
/// nonRepudiation (no key usage extension: any use, RFC 5280).
pub fn check_signer_key_usage(cert: &Certificate) -> Result<(), String> {
    match cert.tbs_certificate().get_extension::<KeyUsage>() {
        Err(_) => Err("the signer's certificate has an unreadable key usage".into()),
        Ok(None) => Ok(()),
        Ok(Some((_, ku))) if ku.digital_signature() || ku.non_repudiation() => Ok(()),
        Ok(Some(_)) => Err(
            "the signer's certificate is not for signing (key usage has neither digitalSignature nor nonRepudiation)"
                .into(),
        ),
    }
}

/// Whether the certificate may issue certificates (basic constraints cA, and key usage
/// keyCertSign when it has a key usage).
fn is_ca(cert: &Certificate) -> bool {
    let tbs = cert.tbs_certificate();
    let ca = matches!(tbs.get_extension::<BasicConstraints>(), Ok(Some((_, bc))) if bc.ca);
    let ku = match tbs.get_extension::<KeyUsage>() {
        Ok(None) => true,
        Ok(Some((_, ku))) => ku.key_cert_sign(),
        Err(_) => false,
    };
    ca && ku
}

/// Whether `issuer`'s key signed `cert`.
pub fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
        return false;
    }
    let Ok(tbs) = cert.tbs_certificate().to_der() else {
        return false;
    };
    let Some(sig) = cert.signature().as_bytes() else {
        return false;
    };
    let alg = cert.signature_algorithm().oid.to_string();
    algo::verify(issuer, &alg, None, &tbs, sig).unwrap_or(false)
}

/// Walk from `leaf` through `pool` (the certificates the signature carries) to one of
/// `anchors`, every issuer a CA valid at `at`. `Ok`: the anchor's subject and source.
pub fn chain_to_anchor(
    leaf: &Certificate,
    pool: &[Certificate],
    anchors: &[Anchor],
    at: SystemTime,
) -> Result<String, String> {
    let named = |a: &Anchor| format!("{} (from {})", keys::subject(&a.cert), a.source);
    let mut cur = leaf.clone();
    for _ in 0..10 {
        if let Some(a) = anchors.iter().find(|a| a.cert == cur) {
            return Ok(named(a));
        }
        if let Some(a) = anchors.iter().find(|a| issued_by(&cur, &a.cert)) {
            keys::check_validity(&a.cert, at)
                .map_err(|e| format!("the trust anchor {}: {e}", keys::subject(&a.cert)))?;
            return Ok(named(a));
        }
        let Some(next) = pool
            .iter()
            .find(|p| *p != &cur && is_ca(p) && issued_by(&cur, p))
        else {
            return Err(if anchors.is_empty() {
                "no trust anchor is configured (--trust, LKJIP_TRUST, the config file, the system store)".into()
            } else {
                format!(
                    "the certificate chain does not lead to a trusted certificate (it stops at {})",
                    keys::subject(&cur)
                )
            });
        };
        keys::check_validity(next, at)
            .map_err(|e| format!("in the chain, {}: {e}", keys::subject(next)))?;
        cur = next.clone();
    }
    Err("the certificate chain is too long".into())
}

/// The revocation status of `leaf` and of the certificates of `pool` from the CRLs the
/// signature or the document carries (`crls`; each must verify against its issuer, found
/// in `pool` or `anchors`). `Err`: a certificate revoked at or before `at`. `Ok(None)`: no
/// CRL applies; `Ok(Some(what))`: what was checked.
pub fn revocation(
    leaf: &Certificate,
    pool: &[Certificate],
    anchors: &[Anchor],
    crls: &[x509_cert::crl::CertificateList],
    at: SystemTime,
) -> Result<Option<String>, String> {
    let issuers: Vec<&Certificate> = pool.iter().chain(anchors.iter().map(|a| &a.cert)).collect();
    let mut checked = Vec::new();
    for cert in std::iter::once(leaf).chain(pool.iter()) {
        let tbs = cert.tbs_certificate();
        for crl in crls {
            let list = &crl.tbs_cert_list;
            if &list.issuer != tbs.issuer() {
                continue;
            }
            let (Ok(list_der), Some(sig)) = (list.to_der(), crl.signature.as_bytes()) else {
                continue;
            };
            let alg = crl.signature_algorithm.oid.to_string();
            let genuine = issuers.iter().any(|i| {
                i.tbs_certificate().subject() == &list.issuer
                    && algo::verify(i, &alg, None, &list_der, sig).unwrap_or(false)
            });
            if !genuine {
                continue;
            }
            let revoked = list
                .revoked_certificates
                .iter()
                .flatten()
                .find(|r| &r.serial_number == tbs.serial_number());
            if let Some(r) = revoked
                && r.revocation_date.to_system_time() <= at
            {
                return Err(format!(
                    "the certificate {} was revoked on {} (CRL of {})",
                    keys::subject(cert),
                    r.revocation_date,
                    list.issuer
                ));
            }
            checked.push(format!(
                "{} not revoked (CRL of {}, {})",
                keys::common_name(cert),
                list.issuer,
                list.this_update
            ));
        }
    }
    Ok((!checked.is_empty()).then(|| checked.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_in_order_env_replaces_the_config_file() {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("lkjip");
        std::fs::create_dir(&conf).unwrap();
        std::fs::write(conf.join("trust.conf"), "# BSrE\nbsre.pem\n\n").unwrap();
        let xdg = dir.path().to_string_lossy().into_owned();
        let env_with = |trust: Option<&str>, system: Option<&str>| {
            let xdg = xdg.clone();
            let trust = trust.map(str::to_owned);
            let system = system.map(str::to_owned);
            move |k: &str| match k {
                "XDG_CONFIG_HOME" => Some(xdg.clone()),
                TRUST_ENV => trust.clone(),
                SYSTEM_ENV => system.clone(),
                _ => None,
            }
        };
        let cli = [PathBuf::from("a.pem")];
        let got = sources(&cli, &env_with(None, None));
        let paths: Vec<_> = got.iter().map(|s| s.path.clone()).collect();
        assert_eq!(
            paths,
            [
                PathBuf::from("a.pem"),
                conf.join("bsre.pem"),
                PathBuf::from(SYSTEM_STORE)
            ]
        );
        assert!(!got[2].required);
        let got = sources(&[], &env_with(Some("/x.pem:/y.pem"), Some("")));
        let paths: Vec<_> = got.iter().map(|s| s.path.clone()).collect();
        assert_eq!(paths, [PathBuf::from("/x.pem"), PathBuf::from("/y.pem")]);
        assert_eq!(got[0].label, TRUST_ENV);
    }

    #[test]
    fn pem_blocks_one_by_one() {
        assert!(pem_certificates(b"no pem here").is_empty());
        assert!(
            pem_certificates(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
                .is_empty()
        );
    }
}
