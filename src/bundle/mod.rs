//! The input bundle: its serde types, loading with located errors, and validation.
//!
//! `read` turns bytes into a typed bundle with the findings of what the bundle alone can
//! say, or into the complete list of problems, each as `file:line:col: field.path:
//! message`; `finish` makes the [`Loaded`] bundle once the stage above (the `check` module)
//! has added its findings. Neither panics on any input. Nothing here calls up into the
//! figures or the document.

pub mod de;
pub mod diag;
pub mod draft;
pub mod json;
pub mod kerangka;
pub mod migrate;
pub mod scalar;
pub mod text;
pub mod tree;
pub mod types;
pub mod validate;

pub use diag::{Problem, Severity};
pub use types::*;

use json::{Node, Pos, Value};

/// A bundle that parsed and validated without errors (warnings may remain).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// File name as given.
    pub file: String,
    /// The bundle.
    pub bundle: Bundle,
    /// The raw bytes (attached to the PDF).
    pub raw: Vec<u8>,
    /// Positioned tree (to locate later problems).
    pub tree: Node,
    /// Warnings found by validation (and the note of a migration, first).
    pub warnings: Vec<Problem>,
    /// The schema version the file declared, when it was older and migrated in memory.
    pub migrated_from: Option<u32>,
}

/// A bundle that parsed and type-checked, with the findings of [`validate`] (errors too):
/// what the bundle alone can say. `check::load` (the stage above) adds the checks that need figures
/// or the outline and makes a [`Loaded`] with [`finish`].
#[derive(Debug, Clone)]
pub struct Read {
    /// The bundle.
    pub bundle: Bundle,
    /// The raw bytes.
    pub raw: Vec<u8>,
    /// Positioned tree.
    pub tree: Node,
    /// The note of a migration, if the file was of an older schema version.
    pub note: Option<Problem>,
    /// The schema version the file declared, when it was older and migrated in memory.
    pub migrated_from: Option<u32>,
    /// Validation findings, each with its sort key.
    pub found: Vec<(validate::Order, validate::Finding)>,
}

/// Parse, migrate, type-check and validate a bundle from bytes as far as the bundle alone
/// can say. `file` is used in messages. A bundle that cannot be typed is refused here
/// with every problem found.
pub fn read(file: &str, bytes: &[u8]) -> Result<Read, Vec<Problem>> {
    let problem = |pos: Pos, path: &str, message: String| Problem {
        file: file.to_string(),
        pos,
        path: path.to_string(),
        message,
        severity: Severity::Error,
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let good = std::str::from_utf8(good).unwrap_or("");
            let line = good.matches('\n').count() as u32 + 1;
            let col = good.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
            return Err(vec![problem(
                Pos { line, col },
                "",
                format!(
                    "the file is not valid UTF-8 (byte 0x{:02X}); save it as UTF-8",
                    bytes[e.valid_up_to()]
                ),
            )]);
        }
    };
    let tree = json::parse(text).map_err(|e| vec![problem(e.pos, "", e.message)])?;
    if !matches!(tree.value, Value::Object(_)) {
        return Err(vec![problem(
            tree.pos,
            "",
            format!(
                "expected the bundle to be a JSON object {{ … }}, found {}",
                tree.value.describe()
            ),
        )]);
    }
    let migrated =
        migrate::migrate(tree).map_err(|(pos, m)| vec![problem(pos, "schema_version", m)])?;
    let tree = migrated.tree;
    let note = (migrated.from < types::SCHEMA_VERSION).then(|| Problem {
        severity: Severity::Note,
        ..problem(
            tree.get("schema_version").map_or(tree.pos, |n| n.pos),
            "schema_version",
            format!(
                "schema version {} read through the migration to {} (`lkjip migrate {file}` writes the new form)",
                migrated.from,
                types::SCHEMA_VERSION
            ),
        )
    });
    let rec = de::Recorder::default();
    let bundle: Option<Bundle> = de::read(&tree, &rec);
    let mut problems: Vec<Problem> = rec
        .problems
        .into_inner()
        .into_iter()
        .map(|(pos, path, msg)| problem(pos, &path, msg))
        .collect();
    let Some(bundle) = bundle.filter(|_| problems.is_empty()) else {
        if problems.is_empty() {
            problems.push(problem(tree.pos, "", "the bundle could not be read".into()));
        }
        problems.splice(0..0, note);
        return Err(problems);
    };
    let found = validate::validate(&bundle, &tree);
    Ok(Read {
        bundle,
        raw: bytes.to_vec(),
        tree,
        note,
        migrated_from: (migrated.from < types::SCHEMA_VERSION).then_some(migrated.from),
        found,
    })
}

/// The loaded bundle from what was read and every finding of both stages, each located
/// (printed in the order of their keys: errors first, then warnings); `Err` with all of
/// them when any is an error.
pub fn finish(
    file: &str,
    read: Read,
    mut found: Vec<(validate::Order, validate::Finding)>,
) -> Result<Loaded, Vec<Problem>> {
    found.sort_by_key(|(order, _)| *order);
    let tree = read.tree;
    let located: Vec<Problem> = found
        .into_iter()
        .map(|(_, f)| Problem {
            file: file.to_string(),
            pos: f.pos.unwrap_or_else(|| locate(&tree, &f.path)),
            path: f.path,
            message: f.message,
            severity: f.severity,
        })
        .collect();
    let (errors, warnings): (Vec<_>, Vec<_>) = located
        .into_iter()
        .partition(|p| p.severity == Severity::Error);
    let note = read.note;
    if !errors.is_empty() {
        let mut all: Vec<Problem> = note.into_iter().collect();
        all.extend(errors);
        all.extend(warnings);
        return Err(all);
    }
    let mut all: Vec<Problem> = note.into_iter().collect();
    all.extend(warnings);
    Ok(Loaded {
        file: file.to_string(),
        bundle: read.bundle,
        raw: read.raw,
        tree,
        warnings: all,
        migrated_from: read.migrated_from,
    })
}

/// Position of the value at `path` (`a.b[2].c`), or of its nearest existing ancestor. A
/// key may itself hold dots (`frasa.analisis.target` is the key `analisis.target` of
/// `frasa`): the longest field name that the rest of the path starts with is taken.
pub fn locate(tree: &Node, path: &str) -> Pos {
    let mut node = tree;
    let mut rest = path;
    loop {
        rest = rest.trim_start_matches('.');
        if rest.is_empty() {
            return node.pos;
        }
        let next = match &node.value {
            Value::Object(fields) => fields
                .iter()
                .filter(|(name, _, _)| {
                    !name.is_empty()
                        && rest.starts_with(name.as_str())
                        && matches!(rest.as_bytes().get(name.len()), None | Some(b'.' | b'['))
                })
                .max_by_key(|(name, _, _)| name.len())
                .map(|(name, _, n)| (n, name.len())),
            Value::Array(items) => rest
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .and_then(|(i, _)| Some((items.get(i.parse::<usize>().ok()?)?, i.len() + 2))),
            _ => None,
        };
        match next {
            Some((n, used)) => {
                node = n;
                rest = &rest[used..];
            }
            None => return node.pos,
        }
    }
}
