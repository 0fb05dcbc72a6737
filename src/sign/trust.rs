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
//! digitalSignature or nonRepudiation), and every CA's path length and name constraints
//! must hold for the certificates below it. It never reaches out to the network and
//! never trusts a certificate only because of its name.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use der::Encode;
use x509_cert::Certificate;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, NameConstraints};

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
    let mut path = vec![leaf.clone()];
    for _ in 0..10 {
        if let Some(a) = anchors.iter().find(|a| a.cert == cur) {
            check_constraints(&path)?;
            return Ok(named(a));
        }
        if let Some(a) = anchors.iter().find(|a| issued_by(&cur, &a.cert)) {
            keys::check_validity(&a.cert, at)
                .map_err(|e| format!("the trust anchor {}: {e}", keys::subject(&a.cert)))?;
            path.push(a.cert.clone());
            check_constraints(&path)?;
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
        path.push(cur.clone());
    }
    Err("the certificate chain is too long".into())
}

/// Whether a certificate is self-issued (its issuer is its subject).
fn self_issued(cert: &Certificate) -> bool {
    cert.tbs_certificate().issuer() == cert.tbs_certificate().subject()
}

/// The constraints each CA of `path` (the signer first, the anchor last) puts on the
/// certificates below it (RFC 5280, 6.1): the path length of its basic constraints, and
/// its name constraints on their subject names and the e-mail and DNS names of their
/// subject alternative names. A constraint on another kind of name that a certificate
/// has cannot be checked: refused.
fn check_constraints(path: &[Certificate]) -> Result<(), String> {
    for (i, ca) in path.iter().enumerate().skip(1) {
        let tbs = ca.tbs_certificate();
        let below = &path[..i];
        if let Ok(Some((_, bc))) = tbs.get_extension::<BasicConstraints>()
            && let Some(max) = bc.path_len_constraint
        {
            let between = below[1..].iter().filter(|c| !self_issued(c)).count();
            if between > usize::from(max) {
                return Err(format!(
                    "{} allows at most {max} intermediate certificates below it, the chain has {between} (path length constraint)",
                    keys::subject(ca)
                ));
            }
        }
        let nc = match tbs.get_extension::<NameConstraints>() {
            Ok(None) => continue,
            Ok(Some((_, nc))) => nc,
            Err(_) => {
                return Err(format!(
                    "the name constraints of {} cannot be read",
                    keys::subject(ca)
                ));
            }
        };
        for (j, cert) in below.iter().enumerate() {
            if j > 0 && self_issued(cert) {
                continue;
            }
            if let Some(why) = names::outside(cert, &nc) {
                return Err(format!(
                    "{} is outside the names {} may certify ({why})",
                    keys::subject(cert),
                    keys::subject(ca)
                ));
            }
        }
    }
    Ok(())
}

/// Name constraints (RFC 5280, 4.2.1.10) for directory names, e-mail addresses and DNS
/// names.
mod names {
    use der::Tagged;
    use x509_cert::Certificate;
    use x509_cert::ext::pkix::name::GeneralName;
    use x509_cert::ext::pkix::{NameConstraints, SubjectAltName};
    use x509_cert::name::Name;

    /// The PKCS#9 emailAddress attribute of a subject name.
    const EMAIL_ADDRESS: &str = "1.2.840.113549.1.9.1";

    /// A name of a certificate, of the kinds constraints are checked for.
    enum Kind {
        Dir(Vec<Vec<(String, String)>>),
        Email(String),
        Dns(String),
        /// Another kind of name (its kind as RFC 5280 numbers it).
        Other(u8),
    }

    fn kind_number(k: &Kind) -> u8 {
        match k {
            Kind::Email(_) => 1,
            Kind::Dns(_) => 2,
            Kind::Dir(_) => 4,
            Kind::Other(n) => *n,
        }
    }

    /// An attribute value as compared: strings lower-cased with runs of spaces as one.
    fn value_text(v: &der::Any) -> String {
        let bytes = v.value();
        let text = match v.tag().number().value() {
            // BMPString: UTF-16BE.
            30 => String::from_utf16_lossy(
                &bytes
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                    .collect::<Vec<_>>(),
            ),
            12 | 19 | 20 | 22 | 28 => String::from_utf8_lossy(bytes).into_owned(),
            _ => return bytes.iter().map(|b| format!("{b:02x}")).collect(),
        };
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    fn rdns(name: &Name) -> Vec<Vec<(String, String)>> {
        name.iter_rdn()
            .map(|rdn| {
                let mut atvs: Vec<(String, String)> = rdn
                    .iter()
                    .map(|a| (a.oid.to_string(), value_text(&a.value)))
                    .collect();
                atvs.sort();
                atvs
            })
            .collect()
    }

    fn kind_of(g: &GeneralName) -> Kind {
        match g {
            GeneralName::Rfc822Name(s) => Kind::Email(s.as_str().to_lowercase()),
            GeneralName::DnsName(s) => Kind::Dns(s.as_str().to_lowercase()),
            GeneralName::DirectoryName(n) => Kind::Dir(rdns(n)),
            GeneralName::OtherName(_) => Kind::Other(0),
            GeneralName::EdiPartyName(_) => Kind::Other(5),
            GeneralName::UniformResourceIdentifier(_) => Kind::Other(6),
            GeneralName::IpAddress(_) => Kind::Other(7),
            GeneralName::RegisteredId(_) => Kind::Other(8),
        }
    }

    /// The names of `cert` that constraints apply to: its subject (and the e-mail
    /// addresses in it) and its subject alternative names.
    fn names_of(cert: &Certificate) -> Result<Vec<Kind>, String> {
        let tbs = cert.tbs_certificate();
        let subject = tbs.subject();
        let mut out = Vec::new();
        if !subject.is_empty() {
            out.push(Kind::Dir(rdns(subject)));
        }
        for a in subject
            .iter()
            .filter(|a| a.oid.to_string() == EMAIL_ADDRESS)
        {
            out.push(Kind::Email(value_text(&a.value)));
        }
        match tbs.get_extension::<SubjectAltName>() {
            Ok(None) => {}
            Ok(Some((_, san))) => out.extend(san.0.iter().map(kind_of)),
            Err(_) => return Err("its subject alternative names cannot be read".into()),
        }
        Ok(out)
    }

    fn dns_within(name: &str, base: &str) -> bool {
        base.is_empty()
            || if base.starts_with('.') {
                name.ends_with(base)
            } else {
                name == base || name.ends_with(&format!(".{base}"))
            }
    }

    fn email_within(name: &str, base: &str) -> bool {
        if base.contains('@') {
            return name == base;
        }
        let host = name.rsplit('@').next().unwrap_or_default();
        if base.starts_with('.') {
            host.ends_with(base)
        } else {
            host == base
        }
    }

    /// Whether `name` is in the subtree `base`: `Some(answer)` for names of the same kind
    /// that can be compared, `None` for another kind.
    fn within(name: &Kind, base: &Kind) -> Option<bool> {
        match (name, base) {
            (Kind::Dir(n), Kind::Dir(b)) => Some(n.len() >= b.len() && n[..b.len()] == b[..]),
            (Kind::Email(n), Kind::Email(b)) => Some(email_within(n, b)),
            (Kind::Dns(n), Kind::Dns(b)) => Some(dns_within(n, b)),
            _ => None,
        }
    }

    fn shown(k: &Kind) -> String {
        match k {
            Kind::Dir(rdns) => rdns
                .iter()
                .rev()
                .map(|rdn| {
                    rdn.iter()
                        .map(|(o, v)| format!("{o}={v}"))
                        .collect::<Vec<_>>()
                        .join("+")
                })
                .collect::<Vec<_>>()
                .join(","),
            Kind::Email(e) => format!("e-mail {e}"),
            Kind::Dns(d) => format!("DNS name {d}"),
            Kind::Other(n) => format!("a name of kind {n}"),
        }
    }

    /// Why `cert` is outside what `nc` permits, if it is.
    pub fn outside(cert: &Certificate, nc: &NameConstraints) -> Option<String> {
        let names = match names_of(cert) {
            Ok(n) => n,
            Err(e) => return Some(e),
        };
        let permitted: Vec<Kind> = nc
            .permitted_subtrees
            .iter()
            .flatten()
            .map(|t| kind_of(&t.base))
            .collect();
        let excluded: Vec<Kind> = nc
            .excluded_subtrees
            .iter()
            .flatten()
            .map(|t| kind_of(&t.base))
            .collect();
        for name in &names {
            let k = kind_number(name);
            let same = |b: &&Kind| kind_number(b) == k;
            if let Kind::Other(_) = name
                && permitted.iter().chain(&excluded).any(|b| same(&b))
            {
                return Some(format!(
                    "{} cannot be checked against the constraints",
                    shown(name)
                ));
            }
            if excluded
                .iter()
                .filter(same)
                .any(|b| within(name, b) == Some(true))
            {
                return Some(format!("{} is excluded", shown(name)));
            }
            let allowed: Vec<&Kind> = permitted.iter().filter(same).collect();
            if !allowed.is_empty() && !allowed.iter().any(|b| within(name, b) == Some(true)) {
                return Some(format!("{} is not permitted", shown(name)));
            }
        }
        None
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn dns_and_email_subtrees() {
            assert!(dns_within("a.go.id", "go.id"));
            assert!(dns_within("go.id", "go.id"));
            assert!(!dns_within("notgo.id", "go.id"));
            assert!(!dns_within("go.id", ".go.id"));
            assert!(email_within("x@kemnaker.go.id", "kemnaker.go.id"));
            assert!(email_within("x@a.go.id", ".go.id"));
            assert!(!email_within("x@go.id.evil", "go.id"));
            assert!(email_within("x@go.id", "x@go.id"));
        }
    }
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
    for cert in std::iter::once(leaf).chain(pool.iter().filter(|c| *c != leaf)) {
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
