//! Loading a bundle file for a command: read it, load and check it (`check::load`),
//! read its emblem (`report::prepare`), and the messages one per line, printed or
//! returned. `check`, `render`, the studio, `absorb` and `import` all load through here,
//! so they agree on every message.

use std::io::Write;
use std::path::Path;

use crate::bundle::{Loaded, Problem};
use crate::failure::{Failure, io_reason};

/// Print problems to stderr, one per line.
pub fn print_problems(problems: &[Problem]) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
}

/// A bundle ready to render: loaded, validated, its emblem read.
pub struct Ready {
    /// The bundle.
    pub loaded: Loaded,
    /// Its emblem (PNG), when it names one.
    pub emblem: Option<Vec<u8>>,
}

/// Read, load and prepare one bundle file; problems are printed. `Err` says how it
/// failed. `check` and `render` both go through here, so they agree.
pub fn load_file(path: &Path) -> Result<Ready, Failure> {
    let (ready, lines) = load_file_quiet(path);
    print_lines(&lines);
    ready
}

/// [`load_file`] with the messages returned (one per line) instead of printed.
pub fn load_file_quiet(path: &Path) -> (Result<Ready, Failure>, Vec<String>) {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => load_bytes_quiet(&name, &bytes, path.parent()),
        Err(e) => (
            Err(Failure::Io),
            vec![format!(
                "{name}: cannot read the bundle ({})",
                io_reason(&e)
            )],
        ),
    }
}

/// Load and prepare a bundle from bytes (`dir`: where its emblem lies); problems printed.
pub fn load_bytes(name: &str, bytes: &[u8], dir: Option<&Path>) -> Result<Ready, Failure> {
    let (ready, lines) = load_bytes_quiet(name, bytes, dir);
    print_lines(&lines);
    ready
}

/// [`load_bytes`] with the messages returned instead of printed.
pub fn load_bytes_quiet(
    name: &str,
    bytes: &[u8],
    dir: Option<&Path>,
) -> (Result<Ready, Failure>, Vec<String>) {
    let text = |ps: &[Problem]| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    let loaded = match crate::check::load(name, bytes) {
        Ok(l) => l,
        Err(problems) => return (Err(Failure::Invalid), text(&problems)),
    };
    let mut lines = text(&loaded.warnings);
    match crate::report::prepare(&loaded, dir) {
        Ok(emblem) => (Ok(Ready { loaded, emblem }), lines),
        Err(problems) => {
            lines.extend(text(&problems));
            (Err(Failure::Invalid), lines)
        }
    }
}

/// Print lines to stderr.
pub fn print_lines(lines: &[String]) {
    let mut err = std::io::stderr().lock();
    for l in lines {
        let _ = writeln!(err, "{l}");
    }
}
