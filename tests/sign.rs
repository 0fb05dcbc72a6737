//! The electronically signed report (TTE): the layout with `tata_letak.tte`, the empty
//! signature field, `lkjip sign` and `lkjip verify`, checked with poppler's `pdfsig`,
//! pyHanko and qpdf.
//!
//! The keys are made at test time with `openssl` (a throw-away CA and signer
//! certificates in a temporary directory; no private key is committed). Without openssl,
//! pdfsig, pyHanko or qpdf the parts that need them print SKIPPED (and fail under
//! LKJIP_STRICT_READERS=1).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::*;
use lkjip::sign::pdf::{self as lpdf, NewObject, Pdf, Value};

/// The verification link of the test bundle.
const LINK: &str = "https://tte.example.go.id/verifikasi/LKJIP-2021-DISNAKER";

/// The sample bundle with `tata_letak.tte` (and a verification link).
fn tte_bundle(link: bool) -> String {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let tte = if link {
        serde_json::json!({ "tautan_verifikasi": LINK })
    } else {
        serde_json::json!({})
    };
    json["tata_letak"]["tte"] = tte;
    serde_json::to_string_pretty(&json).unwrap()
}

/// A throw-away PKI made with openssl: a CA, and signer certificates issued by it.
struct Pki {
    dir: PathBuf,
}

impl Pki {
    fn ca(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// The signer's PKCS#12 (password `rahasia`): valid now, or with the given dates
    /// (`YYYYMMDDHHMMSSZ`).
    fn p12(&self, name: &str, dates: Option<(&str, &str)>) -> PathBuf {
        let d = &self.dir;
        let cert = d.join(format!("{name}.pem"));
        let mut ca = Command::new("openssl");
        ca.current_dir(d).args([
            "ca",
            "-batch",
            "-config",
            "ca.cnf",
            "-cert",
            "ca.pem",
            "-keyfile",
            "ca.key",
            "-in",
            "signer.csr",
            "-extensions",
            "ext",
            "-notext",
            "-out",
        ]);
        ca.arg(&cert);
        match dates {
            None => ca.args(["-days", "30"]),
            Some((from, to)) => ca.args(["-startdate", from, "-enddate", to]),
        };
        run(&mut ca);
        let p12 = d.join(format!("{name}.p12"));
        run(Command::new("openssl")
            .current_dir(d)
            .args([
                "pkcs12",
                "-export",
                "-inkey",
                "signer.key",
                "-certfile",
                "ca.pem",
            ])
            .arg("-in")
            .arg(&cert)
            .arg("-out")
            .arg(&p12)
            .args(["-passout", "pass:rahasia"]));
        p12
    }
}

fn run(c: &mut Command) -> Output {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{c:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Everything the tests share: the PKI, the TTE render, the signed file.
struct Setup {
    dir: PathBuf,
    pki: Pki,
    /// The TTE render (unsigned, with its empty field).
    unsigned: PathBuf,
    /// Its DOCX.
    docx: PathBuf,
    /// `unsigned` signed with the valid certificate.
    signed: PathBuf,
    /// The PKCS#12 of the valid certificate.
    p12: PathBuf,
    /// The password file.
    password: PathBuf,
}

/// The shared setup, or `None` (SKIPPED) without openssl.
fn setup() -> Option<&'static Setup> {
    readers::openssl()?;
    static SETUP: OnceLock<Setup> = OnceLock::new();
    Some(SETUP.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let pki_dir = dir.join("pki");
        std::fs::create_dir(&pki_dir).unwrap();
        let openssl = |args: &[&str]| {
            run(Command::new("openssl").current_dir(&pki_dir).args(args));
        };
        openssl(&[
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
            "ca.pem", "-days", "30", "-subj", "/CN=Throw-away Test CA/O=lkjip tests",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        openssl(&[
            "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "signer.key", "-out",
            "signer.csr", "-subj", "/CN=BAMBANG PURWANTO, S.H., M.H./O=Dinas Tenaga Kerja",
        ]);
        std::fs::write(
            pki_dir.join("ca.cnf"),
            "[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nserial = serial\nnew_certs_dir = .\ndefault_md = sha256\npolicy = p\nunique_subject = no\n[p]\ncommonName = supplied\norganizationName = optional\n[ext]\nbasicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature,nonRepudiation\n",
        )
        .unwrap();
        std::fs::write(pki_dir.join("index.txt"), "").unwrap();
        std::fs::write(pki_dir.join("serial"), "01\n").unwrap();
        let pki = Pki { dir: pki_dir };
        let p12 = pki.p12("signer", None);
        let password = dir.join("password");
        std::fs::write(&password, "rahasia\n").unwrap();

        let bundle = dir.join("tte.json");
        std::fs::write(&bundle, tte_bundle(true)).unwrap();
        let out = lkjip(&["render", bundle.to_str().unwrap(), "-o", dir.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let unsigned = dir.join("tte.pdf");
        let signed = dir.join("signed.pdf");
        let out = sign(&unsigned, &p12, &password, &signed, &[]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        Setup {
            docx: dir.join("tte.docx"),
            dir,
            pki,
            unsigned,
            signed,
            p12,
            password,
        }
    }))
}

fn sign(pdf: &Path, p12: &Path, password: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lkjip"))
        .arg("sign")
        .arg(pdf)
        .arg("--p12")
        .arg(p12)
        .arg("--password-file")
        .arg(password)
        .arg("-o")
        .arg(out)
        .args(extra)
        .env_remove("LKJIP_P12_PASSWORD")
        .output()
        .unwrap()
}

fn verify(pdf: &Path, trust: Option<&Path>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lkjip"));
    c.arg("verify").arg(pdf);
    if let Some(t) = trust {
        c.arg("--trust").arg(t);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh directory of the shared setup's temporary tree.
fn scratch(name: &str) -> PathBuf {
    let d = setup().unwrap().dir.join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// pdfsig's report of a file (it exits non-zero for an invalid signature).
fn pdfsig(file: &Path) -> Option<(bool, String)> {
    let tool = readers::pdfsig()?;
    let out = Command::new(tool).arg(file).output().unwrap();
    Some((out.status.success(), text(&out.stdout) + &text(&out.stderr)))
}

/// pyHanko's one-line verdict per signature, trusting only the test CA.
fn pyhanko(file: &Path, ca: &Path) -> Option<(bool, String)> {
    let tool = readers::pyhanko()?;
    let out = Command::new(tool)
        .args(["sign", "validate", "--trust-replace", "--trust"])
        .arg(ca)
        .arg(file)
        .output()
        .unwrap();
    Some((out.status.success(), text(&out.stdout) + &text(&out.stderr)))
}

fn pdfa_claimed(bytes: &[u8]) -> bool {
    let t = String::from_utf8_lossy(bytes);
    t.contains("<pdfaid:part>3</pdfaid:part>")
        && t.contains("<pdfaid:conformance>B</pdfaid:conformance>")
}

#[test]
fn tte_bundle_checks_and_old_bundles_render_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("tte.json");
    std::fs::write(&bundle, tte_bundle(false)).unwrap();
    let out = lkjip(&["check", bundle.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Without tte: no field, no notice, no electronic form.
    let loaded = lkjip::check::load("s.json", &std::fs::read(SAMPLE).unwrap()).unwrap();
    let doc = lkjip::report::document(&loaded, None);
    assert!(doc.page.footer_notice.is_empty());
    let json = serde_json::to_string(&doc).unwrap();
    assert!(!json.contains("electronic") && !json.contains("footer_notice"));
}

#[test]
fn tte_layout_every_head_signature_is_electronic_with_one_field_and_the_notice() {
    let loaded = lkjip::check::load("tte.json", tte_bundle(false).as_bytes()).unwrap();
    let doc = lkjip::report::document(&loaded, None);
    let kepala = &loaded.bundle.penandatangan.kepala;
    let head = loaded
        .bundle
        .pejabat
        .iter()
        .find(|p| &p.id == kepala)
        .unwrap();
    let mut sigs = Vec::new();
    for s in &doc.sections {
        for b in &s.blocks {
            match b {
                lkjip::doc::ir::Block::Signature(s) => sigs.push((s.clone(), s.name == head.nama)),
                lkjip::doc::ir::Block::SignaturePair { left, right } => {
                    sigs.push((left.clone(), left.name == head.nama));
                    sigs.push((right.clone(), right.name == head.nama));
                }
                _ => {}
            }
        }
    }
    // Letter, foreword, PIHAK PERTAMA, closing: electronic; PIHAK KEDUA: ink.
    let electronic: Vec<_> = sigs
        .iter()
        .filter(|(s, _)| s.electronic.is_some())
        .collect();
    assert_eq!(electronic.len(), 4, "{sigs:#?}");
    assert!(
        sigs.iter()
            .all(|(s, is_head)| s.electronic.is_some() == *is_head)
    );
    for (s, _) in &electronic {
        assert!(
            s.role_lines
                .iter()
                .any(|l| l == "Ditandatangani secara elektronik oleh:"),
            "{s:?}"
        );
    }
    let fields: Vec<_> = electronic
        .iter()
        .filter_map(|(s, _)| s.electronic.as_ref().unwrap().field.clone())
        .collect();
    assert_eq!(fields, vec!["TTE BAMBANG PURWANTO, SH, MH".to_string()]);
    // The field is the cover letter's (the first one).
    assert!(electronic[0].0.electronic.as_ref().unwrap().field.is_some());
    assert_eq!(
        doc.page.footer_notice,
        lkjip::doc::phrase::default_lines("tte.catatan")
    );
}

#[test]
fn tte_render_has_an_empty_field_on_the_letter_and_stays_byte_identical() {
    let Some(s) = setup() else { return };
    let bytes = std::fs::read(&s.unsigned).unwrap();
    // Deterministic: a second render gives the same bytes, field included.
    let dir = scratch("second-render");
    let bundle = dir.join("tte.json");
    std::fs::write(&bundle, tte_bundle(true)).unwrap();
    let out = lkjip(&[
        "render",
        bundle.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "--format",
        "pdf",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::read(dir.join("tte.pdf")).unwrap() == bytes,
        "two renders differ"
    );
    assert!(pdfa_claimed(&bytes));

    // The field: on page 2 (the cover letter), a 25 mm square.
    let pdf = Pdf::parse(&bytes).unwrap();
    let fields = lkjip::sign::field::signature_fields(&pdf).unwrap();
    assert_eq!(fields.len(), 1);
    let (_, widget) = &fields[0];
    assert!(widget.get("V").is_none());
    let pages = pdf.pages().unwrap();
    assert_eq!(widget.get("P"), Some(&Value::Ref(pages[1], 0)));
    let Some(Value::Array(rect)) = widget.get("Rect") else {
        panic!()
    };
    let r: Vec<f64> = rect
        .iter()
        .map(|v| match v {
            Value::Int(n) => *n as f64,
            Value::Real(x) => x.parse().unwrap(),
            _ => panic!(),
        })
        .collect();
    let side = 25.0 * 72.0 / 25.4;
    assert!(
        (r[2] - r[0] - side).abs() < 0.01 && (r[3] - r[1] - side).abs() < 0.01,
        "{r:?}"
    );

    if let Some((_, report)) = pdfsig(&s.unsigned) {
        assert!(report.contains("TTE BAMBANG PURWANTO, SH, MH"), "{report}");
        assert!(report.contains("not signed"), "{report}");
    }
    if let Some(qpdf) = readers::qpdf() {
        let out = Command::new(qpdf)
            .arg("--check")
            .arg(&s.unsigned)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stdout));
    }
    // The notice on every page, the electronic form on the letter.
    if let Some(t) = try_pdf_text(&s.unsigned) {
        let pages: Vec<&str> = t.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        assert_eq!(pages.len(), pdf.pages().unwrap().len());
        for (i, p) in pages.iter().enumerate() {
            assert!(
                squash(p).contains(&squash(
                    &lkjip::doc::phrase::default_lines("tte.catatan")[1]
                )),
                "page {} has no notice",
                i + 1
            );
        }
        assert!(pages[1].contains("Ditandatangani secara elektronik oleh:"));
    }
    // The DOCX: the same texts, no field.
    let doc = docx_part(&s.docx, "word/document.xml");
    assert!(xml_text(&doc).contains("Ditandatangani secara elektronik oleh:"));
    let footers: String = (1..=2)
        .map(|i| xml_text(&docx_part(&s.docx, &format!("word/footer{i}.xml"))))
        .collect();
    for line in lkjip::doc::phrase::default_lines("tte.catatan") {
        assert!(footers.contains(&line), "DOCX footer lacks {line:?}");
    }
}

#[test]
fn signed_report_is_valid_for_pdfsig_pyhanko_qpdf_and_verify() {
    let Some(s) = setup() else { return };
    let unsigned = std::fs::read(&s.unsigned).unwrap();
    let signed = std::fs::read(&s.signed).unwrap();
    assert!(
        signed.starts_with(&unsigned),
        "the signature is not an incremental update"
    );
    assert!(pdfa_claimed(&signed));
    let out = verify(&s.signed, Some(&s.pki.ca()));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let report = text(&out.stdout);
    assert!(
        report.contains("covers the whole file but the signature: yes"),
        "{report}"
    );
    assert!(report.contains("certificate chain: trusted"), "{report}");
    assert!(report.contains("content: exactly what the attached bundle tte.json gives"));
    assert!(report.contains("CN=BAMBANG PURWANTO"), "{report}");
    if let Some((ok, report)) = pdfsig(&s.signed) {
        assert!(ok, "{report}");
        assert!(report.contains("Signature is Valid"), "{report}");
        assert!(report.contains("Total document signed"), "{report}");
        assert!(report.contains("ETSI.CAdES.detached"), "{report}");
    }
    if let Some((ok, report)) = pyhanko(&s.signed, &s.pki.ca()) {
        assert!(ok, "{report}");
        assert!(report.contains(":INTACT:TRUSTED,UNTOUCHED"), "{report}");
    }
    if let Some(qpdf) = readers::qpdf() {
        let out = Command::new(qpdf)
            .arg("--check")
            .arg(&s.signed)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stdout));
    }
}

#[test]
fn password_from_the_environment_and_the_qr_without_a_link() {
    let Some(s) = setup() else { return };
    let dir = scratch("env-password");
    let bundle = dir.join("nolink.json");
    std::fs::write(&bundle, tte_bundle(false)).unwrap();
    let out = lkjip(&[
        "render",
        bundle.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "--format",
        "pdf",
    ]);
    assert!(out.status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_lkjip"))
        .arg("sign")
        .arg(dir.join("nolink.pdf"))
        .arg("--p12")
        .arg(&s.p12)
        .env("LKJIP_P12_PASSWORD", "rahasia")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let signed = dir.join("nolink.signed.pdf");
    assert!(!text(&out.stderr).contains("rahasia"));
    let out = verify(&signed, Some(&s.pki.ca()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// Flip one byte of the signed range (a letter of the document title in /Info).
fn tampered(s: &Setup) -> PathBuf {
    let mut bytes = std::fs::read(&s.signed).unwrap();
    let at = bytes
        .windows(16)
        .position(|w| w == b"(Laporan Kinerja")
        .expect("title in /Info")
        + 1;
    bytes[at] = b'K';
    let path = scratch("tampered").join("tampered.pdf");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn one_tampered_byte_fails_pdfsig_pyhanko_and_verify() {
    let Some(s) = setup() else { return };
    let path = tampered(s);
    let out = verify(&path, Some(&s.pki.ca()));
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("the signed bytes were changed"),
        "{}",
        text(&out.stderr)
    );
    if let Some((ok, report)) = pdfsig(&path) {
        assert!(!ok || !report.contains("Signature is Valid"), "{report}");
    }
    if let Some((ok, report)) = pyhanko(&path, &s.pki.ca()) {
        assert!(!ok && !report.contains(":INTACT:"), "{report}");
    }
}

/// Append an update that replaces the attached bundle with another one.
fn with_swapped_attachment(bytes: &[u8], other: &[u8]) -> Vec<u8> {
    let pdf = Pdf::parse(bytes).unwrap();
    let root = pdf.dict(pdf.root().unwrap()).unwrap();
    let Some(Value::Array(af)) = root.get("AF") else {
        panic!("no /AF")
    };
    let Value::Dict(spec) = pdf.resolve(&af[0]).unwrap() else {
        panic!()
    };
    let Some(Value::Dict(ef)) = spec.get("EF").cloned() else {
        panic!()
    };
    let Some(Value::Ref(stream, _)) = ef.get("F") else {
        panic!()
    };
    let mut dict = pdf.dict(*stream).unwrap();
    dict.0
        .retain(|(k, _)| k != "Filter" && k != "DecodeParms" && k != "Params");
    let update = [NewObject::stream(*stream, dict, other)];
    lpdf::append_update(&pdf, &update, pdf.size().unwrap()).0
}

#[test]
fn a_swapped_attachment_fails_verify() {
    let Some(s) = setup() else { return };
    let signed = std::fs::read(&s.signed).unwrap();
    // Another bundle: one realisation typed differently.
    let other =
        tte_bundle(true).replacen("\"tempat\": \"Mojokerto\"", "\"tempat\": \"Mojosari\"", 1);
    assert_ne!(other, tte_bundle(true));
    let path = scratch("swapped").join("swapped.pdf");
    std::fs::write(&path, with_swapped_attachment(&signed, other.as_bytes())).unwrap();
    let out = verify(&path, Some(&s.pki.ca()));
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(err.contains("changed after signing"), "{err}");
    assert!(err.contains("is not what its attached bundle"), "{err}");
}

#[test]
fn verify_exit_codes_unsigned_unreadable_and_not_a_pdf() {
    let Some(s) = setup() else { return };
    let out = verify(&s.unsigned, None);
    assert_eq!(out.status.code(), Some(4));
    assert!(text(&out.stderr).contains("has no signature"));
    let out = verify(&s.dir.join("missing.pdf"), None);
    assert_eq!(out.status.code(), Some(3));
    let junk = scratch("junk").join("junk.pdf");
    std::fs::write(&junk, b"not a pdf at all").unwrap();
    let out = verify(&junk, None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    // Without --trust the chain is not checked, and the signature is still authentic.
    let out = verify(&s.signed, None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("not checked (no --trust given)"));
}

/// A bad `sign`: exit 1, one line naming `file` and saying `what`, no output file.
fn refused(out: &Output, dest: &Path, file: &Path, what: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(&format!("{}: ", file.display())), "{err}");
    assert!(err.contains(what), "{err}");
    assert!(!dest.exists(), "an output file was written");
    let leftovers: Vec<_> = std::fs::read_dir(dest.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn sign_refuses_bad_input_and_writes_nothing() {
    let Some(s) = setup() else { return };
    let dir = scratch("refused");
    let dest = dir.join("out.pdf");

    let wrong = dir.join("wrong-password");
    std::fs::write(&wrong, "salah\n").unwrap();
    refused(
        &sign(&s.unsigned, &s.p12, &wrong, &dest, &[]),
        &dest,
        &s.p12,
        "wrong password",
    );

    let no_key = dir.join("no-key.p12");
    run(Command::new("openssl")
        .current_dir(&s.pki.dir)
        .args([
            "pkcs12",
            "-export",
            "-nokeys",
            "-in",
            "signer.pem",
            "-passout",
            "pass:rahasia",
            "-out",
        ])
        .arg(&no_key));
    refused(
        &sign(&s.unsigned, &no_key, &s.password, &dest, &[]),
        &dest,
        &no_key,
        "no private key",
    );

    let expired = s
        .pki
        .p12("expired", Some(("20200101000000Z", "20210101000000Z")));
    refused(
        &sign(&s.unsigned, &expired, &s.password, &dest, &[]),
        &dest,
        &expired,
        "expired",
    );
    let future = s
        .pki
        .p12("future", Some(("20991231000000Z", "21001231000000Z")));
    refused(
        &sign(&s.unsigned, &future, &s.password, &dest, &[]),
        &dest,
        &future,
        "not valid yet",
    );
    // --allow-expired signs anyway; verify then says the certificate was not valid.
    let out = sign(
        &s.unsigned,
        &expired,
        &s.password,
        &dest,
        &["--allow-expired"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v = verify(&dest, None);
    assert_eq!(v.status.code(), Some(4));
    assert!(text(&v.stderr).contains("expired"), "{}", text(&v.stderr));
    std::fs::remove_file(&dest).unwrap();

    refused(
        &sign(&s.signed, &s.p12, &s.password, &dest, &[]),
        &dest,
        &s.signed,
        "already signed in the field `TTE BAMBANG PURWANTO, SH, MH`",
    );

    let (_tmp, plain, _) = render(SAMPLE);
    refused(
        &sign(&plain, &s.p12, &s.password, &dest, &[]),
        &dest,
        &plain,
        "no signature field",
    );

    let foreign = dir.join("foreign.pdf");
    std::fs::write(&foreign, foreign_pdf()).unwrap();
    refused(
        &sign(&foreign, &s.p12, &s.password, &dest, &[]),
        &dest,
        &foreign,
        "not a report made by lkjip",
    );

    let truncated = dir.join("truncated.pdf");
    let bytes = std::fs::read(&s.unsigned).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    refused(
        &sign(&truncated, &s.p12, &s.password, &dest, &[]),
        &dest,
        &truncated,
        "truncated",
    );
}

/// A one-page PDF made by someone else (no lkjip creator).
fn foreign_pdf() -> Vec<u8> {
    lkjip::sign::pdf::classic_pdf(
        &[
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[3 0 R]/Count 1>>",
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
            "<</Creator(someone else)>>",
        ],
        "/Info 4 0 R",
    )
}

#[test]
fn render_sign_renders_and_signs_in_one_step() {
    let Some(s) = setup() else { return };
    let dir = scratch("render-sign");
    let bundle = dir.join("tte.json");
    std::fs::write(&bundle, tte_bundle(true)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lkjip"))
        .args([
            "render",
            bundle.to_str().unwrap(),
            "-o",
            dir.to_str().unwrap(),
            "--sign",
        ])
        .arg(&s.p12)
        .arg("--password-file")
        .arg(&s.password)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pdf = dir.join("tte.pdf");
    let unsigned = std::fs::read(&s.unsigned).unwrap();
    assert!(std::fs::read(&pdf).unwrap().starts_with(&unsigned));
    let out = verify(&pdf, Some(&s.pki.ca()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A bundle without tte has no field: nothing is written.
    let plain = dir.join("plain");
    let out = Command::new(env!("CARGO_BIN_EXE_lkjip"))
        .args(["render", SAMPLE, "-o", plain.to_str().unwrap(), "--sign"])
        .arg(&s.p12)
        .arg("--password-file")
        .arg(&s.password)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot sign the PDF: has no signature field"));
    assert!(!plain.exists() || std::fs::read_dir(&plain).unwrap().count() == 0);
}

#[test]
fn pyhanko_signs_into_the_field_and_lkjip_verify_accepts_it() {
    let Some(s) = setup() else { return };
    let Some(tool) = readers::pyhanko() else {
        return;
    };
    let out_pdf = scratch("pyhanko").join("py.pdf");
    let pki = &s.pki.dir;
    let out = Command::new(tool)
        .args([
            "sign",
            "addsig",
            "--field",
            "TTE BAMBANG PURWANTO, SH, MH",
            "--use-pades",
        ])
        .args(["pemder", "--no-pass", "--key"])
        .arg(pki.join("signer.key"))
        .arg("--cert")
        .arg(pki.join("signer.pem"))
        .arg("--chain")
        .arg(s.pki.ca())
        .arg(&s.unsigned)
        .arg(&out_pdf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = verify(&out_pdf, Some(&s.pki.ca()));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

#[test]
fn extract_gives_back_the_bundle_of_a_signed_report_and_it_renders_to_the_signed_revision() {
    let Some(s) = setup() else { return };
    let out_dir = scratch("extract-signed");
    let bundle = out_dir.join("tte.json");
    let r = lkjip(&[
        "extract",
        s.signed.to_str().unwrap(),
        "-o",
        bundle.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert_eq!(std::fs::read_to_string(&bundle).unwrap(), tte_bundle(true));
    // Rendered again, it gives the unsigned report byte for byte (the signed file is that
    // report plus the signing update).
    let r = lkjip(&[
        "render",
        bundle.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", text(&r.stderr));
    let again = std::fs::read(out_dir.join("tte.pdf")).unwrap();
    assert!(again == std::fs::read(&s.unsigned).unwrap());
    assert!(std::fs::read(&s.signed).unwrap().starts_with(&again));
}
