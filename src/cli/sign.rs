//! `lkjip sign` and `lkjip verify`: the command-line side of `sign` (reading the files
//! and the password, writing the signed PDF atomically, printing the report).
//!
//! The password comes from a file (`--password-file`) or the environment
//! (`LKJIP_P12_PASSWORD`), never from an argument `ps` would show; neither it nor the key
//! is ever printed.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::failure::Failure;
use crate::failure::io_reason;
use crate::render::output;
use crate::sign::{keys, signer, trust, verify};

/// The environment variable that may hold the PKCS#12 password.
pub const PASSWORD_ENV: &str = "LKJIP_P12_PASSWORD";

/// Run `sign`.
pub fn sign(
    report: &Path,
    p12: &Path,
    password_file: Option<&Path>,
    out: Option<&Path>,
    allow_expired: bool,
    tsa: Option<&str>,
    ltv: bool,
) -> Result<(), Failure> {
    let key = load_key(p12, password_file)?;
    let pdf = read(report, "the PDF")?;
    let req = signer::SignRequest {
        key: &key,
        now: SystemTime::now(),
        allow_expired,
        tsa,
        ltv,
    };
    let signed = signer::sign(&pdf, &req).map_err(|e| {
        match e {
            signer::SignError::Certificate(e) => eprintln!("{}: {e}", p12.display()),
            signer::SignError::Document(e) => eprintln!("{}: {e}", report.display()),
            signer::SignError::Timestamp(e) => eprintln!("{}: {e}", report.display()),
        }
        Failure::Invalid
    })?;
    let dest = out.map_or_else(|| signed_name(report), Path::to_path_buf);
    output::write_atomic(&dest, &signed).map_err(|e| {
        eprintln!("{}: cannot write ({})", dest.display(), io_reason(&e));
        Failure::Io
    })?;
    eprintln!(
        "{}: signed by {} ({} bytes)",
        dest.display(),
        keys::common_name(&key.leaf),
        signed.len()
    );
    Ok(())
}

/// Read the PKCS#12 file with the password of `password_file` or the environment; errors
/// are printed, `Err` says how it failed.
pub fn load_key(p12: &Path, password_file: Option<&Path>) -> Result<keys::SigningKey, Failure> {
    let password = password(password_file)?;
    let p12_bytes = read(p12, "the PKCS#12 file")?;
    keys::load_p12(&p12_bytes, &password).map_err(|e| {
        eprintln!("{}: {e}", p12.display());
        Failure::Invalid
    })
}

/// `REPORT.pdf` → `REPORT.signed.pdf` beside it.
fn signed_name(report: &Path) -> PathBuf {
    let stem = report
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    report.with_file_name(format!("{stem}.signed.pdf"))
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        eprintln!("{}: cannot read {what} ({})", path.display(), io_reason(&e));
        Failure::Io
    })
}

/// The password: the first line of the file, else the environment variable.
fn password(file: Option<&Path>) -> Result<String, Failure> {
    if let Some(f) = file {
        let text = std::fs::read(f).map_err(|e| {
            eprintln!(
                "{}: cannot read the password file ({})",
                f.display(),
                io_reason(&e)
            );
            Failure::Io
        })?;
        let text = String::from_utf8(text).map_err(|_| {
            eprintln!("{}: the password file is not UTF-8 text", f.display());
            Failure::Invalid
        })?;
        return Ok(text.lines().next().unwrap_or("").to_owned());
    }
    std::env::var(PASSWORD_ENV).map_err(|_| {
        eprintln!(
            "lkjip sign: no password: give --password-file FILE or set {PASSWORD_ENV} (an empty value for a PKCS#12 without password)"
        );
        Failure::Usage
    })
}

/// The trust anchors of `verify`: the `--trust` files, then `LKJIP_TRUST` or the config
/// file, then the system store (`sign::trust`). A named file that cannot be read is an
/// error (printed).
fn anchors(cli: &[PathBuf]) -> Result<Vec<trust::Anchor>, Failure> {
    let env = |k: &str| std::env::var(k).ok();
    let mut out = Vec::new();
    for src in trust::sources(cli, &env) {
        let bytes = match std::fs::read(&src.path) {
            Ok(b) => b,
            Err(_) if !src.required => continue,
            Err(e) => {
                eprintln!(
                    "{}: cannot read the trust anchors named by {} ({})",
                    src.path.display(),
                    src.label,
                    io_reason(&e)
                );
                return Err(Failure::Io);
            }
        };
        let certs = trust::pem_certificates(&bytes);
        if certs.is_empty() && src.required {
            eprintln!(
                "{}: not a PEM file of certificates (named by {})",
                src.path.display(),
                src.label
            );
            return Err(Failure::Invalid);
        }
        let source = if src.label == "--trust" || src.label == trust::TRUST_ENV {
            format!("{} {}", src.label, src.path.display())
        } else {
            src.label.clone()
        };
        out.extend(certs.into_iter().map(|cert| trust::Anchor {
            cert,
            source: source.clone(),
        }));
    }
    Ok(out)
}

/// Run `verify`.
pub fn verify(report: &Path, trust: &[PathBuf]) -> Result<(), Failure> {
    let name = report.display().to_string();
    let anchors = anchors(trust)?;
    let bytes = match std::fs::read(report) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{name}: cannot read the PDF ({})", io_reason(&e));
            return Err(Failure::Io);
        }
    };
    let sigs = match verify::signatures(&bytes, &anchors) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{name}: not a PDF lkjip can read ({e})");
            return Err(Failure::Invalid);
        }
    };
    let dir = report
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let content = match verify::content(&bytes, &sigs, dir, &|loaded, emblem, name| {
        crate::report::render(loaded, emblem, name).map(|r| r.pdf)
    }) {
        Ok(c) => c,
        Err(e) => verify::Content::Differs(vec![e]),
    };
    let mut reasons = Vec::new();
    let mut unverified = Vec::new();
    if sigs.is_empty() {
        reasons.push("the document has no signature".to_string());
    }
    for s in &sigs {
        println!("signature `{}`:", s.field);
        if !s.kind.is_empty() {
            println!("  kind: {}", s.kind);
        }
        println!(
            "  signer: {}",
            s.subject.as_deref().unwrap_or("(cannot be read)")
        );
        println!(
            "  signing time: {}",
            s.signing_time.as_deref().unwrap_or("(not given)")
        );
        println!(
            "  covers the whole file but the signature: {}",
            if s.covers_whole_file { "yes" } else { "no" }
        );
        if let Some(rv) = &s.revocation {
            println!("  revocation: {rv}");
        }
        if let Some(t) = &s.timestamp {
            println!("  timestamp: {t}");
        }
        if let Some(later) = &s.later_revisions {
            println!("  after it: {later}");
        }
        println!(
            "  signature intact: {}",
            if s.intact { "yes" } else { "no" }
        );
        match &s.chain {
            None => println!("  certificate chain: not checked (the signature cannot be read)"),
            Some(Ok(anchor)) => println!("  certificate chain: trusted, to {anchor}"),
            Some(Err(why)) => {
                println!("  certificate chain: signer not verified ({why})");
                unverified.push(format!("signature `{}`: {why}", s.field));
            }
        }
        reasons.extend(
            s.problems
                .iter()
                .map(|p| format!("signature `{}`: {p}", s.field)),
        );
    }
    match &content {
        verify::Content::NotLkjip => {
            println!("content: not a report made by lkjip; not checked against a bundle")
        }
        verify::Content::Same { bundle } => {
            println!("content: exactly what the attached bundle {bundle} gives")
        }
        verify::Content::SameText { bundle, made_by } => println!(
            "content: rendered by lkjip {made_by}; the printed text of every page is what the attached bundle {bundle} gives with lkjip {} (compared by text, not bytes, across versions)",
            env!("CARGO_PKG_VERSION")
        ),
        verify::Content::Differs(why) => {
            println!("content: differs from the attached bundle");
            reasons.extend(why.iter().cloned());
        }
    }
    if !reasons.is_empty() {
        for r in &reasons {
            eprintln!("{name}: not authentic: {r}");
        }
        Err(Failure::NotAuthentic)
    } else if !unverified.is_empty() {
        println!("{name}: intact, signer not verified");
        for r in &unverified {
            eprintln!("{name}: signer not verified: {r}");
        }
        Err(Failure::SignerNotVerified)
    } else {
        println!("{name}: authentic");
        Ok(())
    }
}
