//! For tests only: the outside programs that read our outputs back (poppler, qpdf,
//! LibreOffice, openxml-audit, the Python binding of typst, pyHanko) or make test
//! material (openssl: a throw-away CA and signer), found through `PATH`.
//!
//! A test asks for its reader with [`find`] (or [`python_module`]) and skips the part that
//! needs it when that returns `None`. A missing reader is printed as
//! `SKIPPED <test>: <tool> not found (install <package>)` on stderr, past the test
//! harness's capture, so that `cargo test` on a machine with only Rust says what it did
//! not check. With `LKJIP_STRICT_READERS=1` (set by `.ci/run`) a missing reader fails the
//! test instead.
//!
//! Public (but hidden) so that the unit tests and the integration tests share this one
//! implementation.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The environment variable that turns a missing reader into a failure.
pub const STRICT: &str = "LKJIP_STRICT_READERS";

/// Whether a missing reader fails the test (`LKJIP_STRICT_READERS` set to anything but
/// empty or `0`).
pub fn strict() -> bool {
    std::env::var_os(STRICT).is_some_and(|v| !v.is_empty() && v != "0")
}

/// A poppler-utils program (`pdftotext`, `pdfinfo`, `pdffonts`, `pdfdetach`, `pdftoppm`).
pub fn poppler(tool: &str) -> Option<PathBuf> {
    find(tool, "poppler-utils")
}

/// `qpdf`.
pub fn qpdf() -> Option<PathBuf> {
    find("qpdf", "qpdf")
}

/// poppler's `pdfsig` (checks PDF signatures).
pub fn pdfsig() -> Option<PathBuf> {
    find("pdfsig", "poppler-utils")
}

/// pyHanko's command line (`pyhanko sign validate`).
pub fn pyhanko() -> Option<PathBuf> {
    find("pyhanko", "pyhanko pyhanko-cli with pip")
}

/// The `openssl` command (makes the throw-away CA and signer certificates of the signing
/// tests).
pub fn openssl() -> Option<PathBuf> {
    find("openssl", "openssl")
}

/// LibreOffice's `soffice`.
pub fn soffice() -> Option<PathBuf> {
    find("soffice", "libreoffice-writer-nogui")
}

/// `openxml-audit`, the OOXML schema checker from PyPI.
pub fn openxml_audit() -> Option<PathBuf> {
    find("openxml-audit", "openxml-audit with pip")
}

/// The version of the Python binding of typst whose layout is the `typst` crate's.
const PYTHON_TYPST: &str = "0.15.2";

/// A `python3` with the Python binding of the official typst compiler, at the version
/// that lays out as the `typst` crate this build uses ([`PYTHON_TYPST`]; 0.15.0 breaks
/// some list pages elsewhere): another version counts as missing.
pub fn python_typst() -> Option<PathBuf> {
    let package = format!("typst=={PYTHON_TYPST} with pip");
    let python = python_module("typst", &package)?;
    let version = Command::new(&python)
        .args(["-c", "import typst; print(typst.__version__)"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    if version != PYTHON_TYPST {
        missing(
            &format!("the Python module typst is {version}, not {PYTHON_TYPST}"),
            &package,
        );
        return None;
    }
    Some(python)
}

/// The program `tool` on `PATH`; when absent, report it (see [`missing`]) and return
/// `None`. `package` is what installs it, e.g. `poppler-utils`.
pub fn find(tool: &str, package: &str) -> Option<PathBuf> {
    let found = locate(tool);
    if found.is_none() {
        missing(&format!("{tool} not found"), package);
    }
    found
}

/// A `python3` on `PATH` that can import `module`; when there is none, report it (see
/// [`missing`]) and return `None`. `package` is what installs the module, e.g.
/// `typst==0.15.2 with pip`.
pub fn python_module(module: &str, package: &str) -> Option<PathBuf> {
    let Some(python) = locate("python3") else {
        missing(
            &format!("python3 not found, needed for the Python module {module}"),
            &format!("python3 and {package}"),
        );
        return None;
    };
    let imports = Command::new(&python)
        .arg("-c")
        .arg(format!("import {module}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !imports {
        missing(
            &format!("Python module {module} not found in {}", python.display()),
            package,
        );
        return None;
    }
    Some(python)
}

/// Report a missing reader for the running test: print that it is skipped, or panic when
/// [`strict`].
pub fn missing(what: &str, package: &str) {
    let test = current_test();
    if strict() {
        panic!("{test}: {what} (install {package}); {STRICT} is set: every reader is required");
    }
    // Straight to stderr, not `eprintln!`: the test harness captures that for passing
    // tests, and a skip must be seen. One write, so that the line is not cut by the
    // harness's own output.
    let line = format!("SKIPPED {test}: {what} (install {package})\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// The running test's name (the test harness names each test's thread after it).
fn current_test() -> String {
    std::thread::current().name().unwrap_or("a test").to_owned()
}

/// The first executable file named `tool` in the directories of `PATH`, without reporting
/// its absence.
pub fn locate(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let name = format!("{tool}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&path)
        .map(|dir| dir.join(&name))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}
