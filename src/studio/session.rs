//! The bundle being edited: its JSON text (what a save writes, byte for byte), a version
//! that changes with every accepted change, what `lkjip check` says of it now, and the
//! file on disk as it was last loaded or saved (to notice another program's change before
//! a save, never overwriting it).
//!
//! It must never: accept text that is not a bundle (JSON that is not an object, or an
//! unknown schema version); write the bundle but atomically (`render::output`), nor
//! without first keeping the previous file as `BUNDLE.json.bak`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value as Json, json};

use crate::bundle::{self, Loaded, Problem, Severity};
use crate::render::output::write_atomic;
use crate::{figures, report, sample};

/// What `lkjip check` says of the text now.
pub struct Checked {
    /// Every problem (errors, warnings, notes), as `check` prints them.
    pub problems: Vec<Problem>,
    /// The bundle, when it loads (it may still fail `prepare`: then `emblem` is `Err`).
    pub loaded: Option<Arc<Loaded>>,
    /// The emblem, when the bundle is ready to render.
    pub emblem: Option<Option<Vec<u8>>>,
}

impl Checked {
    /// Ready to render: no error at all.
    pub fn ready(&self) -> Option<(Arc<Loaded>, Option<Vec<u8>>)> {
        Some((self.loaded.clone()?, self.emblem.clone()?))
    }

    /// Whether the text is a bundle at all: no error at the root (not an object, a
    /// required part missing) or at `schema_version`.
    pub fn is_bundle(&self) -> bool {
        !self.problems.iter().any(|p| {
            p.severity == Severity::Error && (p.path.is_empty() || p.path == "schema_version")
        })
    }

    /// Counts of errors and warnings.
    pub fn counts(&self) -> (usize, usize) {
        let n = |s| self.problems.iter().filter(|p| p.severity == s).count();
        (n(Severity::Error), n(Severity::Warning))
    }

    /// The problems as JSON: `{path, line, col, severity, message, text}`.
    pub fn problems_json(&self) -> Json {
        Json::Array(self.problems.iter().map(problem_json).collect())
    }

    /// The figures (`lkjip figures --json`), when the bundle loads.
    pub fn figures_json(&self) -> Option<Json> {
        let l = self.loaded.as_ref()?;
        serde_json::to_value(figures::compute(&l.bundle)).ok()
    }
}

/// One problem as JSON.
pub fn problem_json(p: &Problem) -> Json {
    json!({
        "path": p.path,
        "line": p.pos.line,
        "col": p.pos.col,
        "severity": match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        },
        "message": p.message,
        "text": p.to_string(),
    })
}

/// Check `text` as `lkjip check` does (`dir`: where the emblem lies).
pub fn check(name: &str, text: &str, dir: &Path) -> Checked {
    match crate::check::load(name, text.as_bytes()) {
        Err(problems) => Checked {
            problems,
            loaded: None,
            emblem: None,
        },
        Ok(loaded) => {
            let mut problems = loaded.warnings.clone();
            let unsafe_emblem = loaded
                .bundle
                .kop
                .lambang
                .as_deref()
                .and_then(|rel| super::lambang::safe(dir, rel).err());
            let emblem = match unsafe_emblem {
                Some(message) => {
                    problems.insert(
                        0,
                        Problem {
                            file: loaded.file.clone(),
                            pos: bundle::locate(&loaded.tree, "kop.lambang"),
                            path: "kop.lambang".into(),
                            message,
                            severity: Severity::Error,
                        },
                    );
                    None
                }
                None => match report::prepare(&loaded, Some(dir)) {
                    Ok(e) => Some(e),
                    Err(ps) => {
                        problems.splice(0..0, ps);
                        None
                    }
                },
            };
            Checked {
                problems,
                loaded: Some(Arc::new(loaded)),
                emblem,
            }
        }
    }
}

/// Why a save was refused.
pub enum SaveError {
    /// Someone else's change on disk, or the file would replace another one (409).
    Conflict(String),
    /// The file system refused (500).
    Io(String),
}

/// The bundle being edited.
pub struct Session {
    /// Name in problems (the file name).
    pub name: String,
    /// Where a save writes; `None` until the first save of a bundle started from the
    /// sample without a file name (then `laporan-<year>.json` in the current directory).
    pub target: Option<PathBuf>,
    /// The bundle's directory: its emblem, its PDF and DOCX.
    pub dir: PathBuf,
    /// The JSON text now.
    pub text: String,
    /// Changes with every accepted change.
    pub version: u64,
    /// The file's bytes when last loaded or saved (`None`: no file yet).
    pub disk: Option<Vec<u8>>,
    /// What `check` says of `text`.
    pub checked: Checked,
}

impl Session {
    /// Open `path` (a file that does not exist yet starts from the sample), or the sample.
    pub fn open(path: Option<&Path>) -> Result<Session, String> {
        let (text, disk) = match path {
            Some(p) if p.exists() => {
                let bytes = std::fs::read(p).map_err(|e| {
                    format!(
                        "{}: cannot read the bundle ({})",
                        p.display(),
                        crate::failure::io_reason(&e)
                    )
                })?;
                let text = String::from_utf8(bytes.clone()).map_err(|_| {
                    format!(
                        "{}: the file is not valid UTF-8; save it as UTF-8",
                        p.display()
                    )
                })?;
                (text, Some(bytes))
            }
            _ => (String::from_utf8_lossy(sample::BYTES).into_owned(), None),
        };
        let name = path.map_or_else(|| sample::NAME.to_string(), |p| p.display().to_string());
        let dir = path
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let text = current_schema(&name, text)?;
        let checked = check(&name, &text, &dir);
        if !checked.is_bundle() {
            let lines: Vec<String> = checked.problems.iter().map(|p| p.to_string()).collect();
            return Err(format!(
                "{}\n{name}: not a bundle the studio can edit; fix the lines above in a text editor first",
                lines.join("\n")
            ));
        }
        Ok(Session {
            name,
            target: path.map(Path::to_path_buf),
            dir,
            text,
            version: 1,
            disk,
            checked,
        })
    }

    /// Replace the text with a checked one (the caller made sure it is a bundle).
    pub fn accept(&mut self, text: String, checked: Checked) {
        self.text = text;
        self.checked = checked;
        self.version += 1;
    }

    /// Whether the text differs from the file as last loaded or saved.
    pub fn dirty(&self) -> bool {
        self.disk.as_deref() != Some(self.text.as_bytes())
    }

    /// Whether the file on disk is no longer what was loaded or saved.
    pub fn disk_changed(&self) -> bool {
        match &self.target {
            None => false,
            Some(t) => std::fs::read(t).ok() != self.disk,
        }
    }

    /// Where a save writes now.
    pub fn save_path(&self) -> PathBuf {
        match &self.target {
            Some(t) => t.clone(),
            None => {
                let year = self.checked.loaded.as_ref().map_or_else(
                    || "baru".to_string(),
                    |l| l.bundle.laporan.tahun.to_string(),
                );
                PathBuf::from(format!("laporan-{year}.json"))
            }
        }
    }

    /// The backup of a file: `BUNDLE.json.bak` beside it.
    pub fn backup_path(target: &Path) -> PathBuf {
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(".bak");
        target.with_file_name(name)
    }

    /// Write the text to the file: refused when the file changed on disk since it was
    /// loaded or saved; the previous file is kept as the backup first. The path written.
    pub fn save(&mut self) -> Result<PathBuf, SaveError> {
        let target = self.save_path();
        let now = match std::fs::read(&target) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(SaveError::Io(format!(
                    "{}: cannot read the file before saving ({})",
                    target.display(),
                    crate::failure::io_reason(&e)
                )));
            }
        };
        if now != self.disk {
            return Err(SaveError::Conflict(if self.disk.is_none() {
                format!(
                    "{} already exists and is not the bundle opened here; nothing was written (open it with `lkjip edit {}`)",
                    target.display(),
                    target.display()
                )
            } else {
                format!(
                    "{} was changed on disk by another program since it was opened or saved here; nothing was written. Reload it (your edits here are then lost) or copy your edits aside first",
                    target.display()
                )
            }));
        }
        let io = |p: &Path, e: std::io::Error| {
            SaveError::Io(format!(
                "{}: cannot write ({})",
                p.display(),
                crate::failure::io_reason(&e)
            ))
        };
        if now.as_deref() != Some(self.text.as_bytes()) {
            if let Some(old) = &now {
                let bak = Self::backup_path(&target);
                write_atomic(&bak, old).map_err(|e| io(&bak, e))?;
            }
            write_atomic(&target, self.text.as_bytes()).map_err(|e| io(&target, e))?;
        }
        self.disk = Some(self.text.as_bytes().to_vec());
        if self.target.is_none() {
            self.dir = target
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf();
            self.name = target.display().to_string();
            self.target = Some(target.clone());
        }
        Ok(target)
    }

    /// Read the file again (dropping the edits here).
    pub fn reload(&mut self) -> Result<(), String> {
        let Some(t) = self.target.clone() else {
            return Err("there is no file to reload yet (the bundle was never saved)".into());
        };
        let fresh = Session::open(Some(&t))?;
        let version = self.version + 1;
        *self = fresh;
        self.version = version;
        Ok(())
    }
}

/// The text in the current schema: a bundle of an older schema version is migrated once,
/// when opened (a save then writes the current form).
fn current_schema(name: &str, text: String) -> Result<String, String> {
    let tree = match bundle::json::parse(&text) {
        Ok(t) => t,
        Err(e) => {
            return Err(format!(
                "{name}:{}:{}: {}; fix it in a text editor first",
                e.pos.line, e.pos.col, e.message
            ));
        }
    };
    match bundle::migrate::migrate(tree) {
        Ok(m) if !m.changes.is_empty() => {
            for c in &m.changes {
                eprintln!("{name}: migrated: {c} (a save writes the current schema)");
            }
            Ok(bundle::tree::to_pretty(&m.tree))
        }
        _ => Ok(text),
    }
}
