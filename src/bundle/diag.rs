//! Problems found in a bundle: each carries the file, the position, the field path and a
//! plain message, and prints as `file:line:col: field.path: message` (warnings add
//! `warning: ` before the message). This is the only format in which input problems reach
//! the user.

use std::fmt;

use super::json::Pos;

/// Error (the bundle cannot be used) or warning (it can, but something looks wrong).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks rendering.
    Error,
    /// Reported, rendering goes on.
    Warning,
    /// Information (e.g. an old schema version migrated in memory).
    Note,
}

/// One problem in a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// File name as given on the command line.
    pub file: String,
    /// Position of the offending value (or of its parent object for a missing field).
    pub pos: Pos,
    /// Field path such as `sasaran[1].indikator[0].target.2021` (empty for the whole file).
    pub path: String,
    /// What is wrong and, where possible, what would be right.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.pos.line, self.pos.col)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        match self.severity {
            Severity::Error => {}
            Severity::Warning => f.write_str("warning: ")?,
            Severity::Note => f.write_str("note: ")?,
        }
        f.write_str(&self.message)
    }
}

/// Append a child to a field path: `a` + `b` = `a.b`; `a` + `[0]` = `a[0]`.
pub fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else if key.starts_with('[') {
        format!("{path}{key}")
    } else {
        format!("{path}.{key}")
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely
/// typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (levenshtein(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("realisai", ["target", "realisasi"]),
            Some("realisasi")
        );
        assert_eq!(did_you_mean("zzzz", ["target", "realisasi"]), None);
    }

    #[test]
    fn paths_join_fields_and_indexes() {
        assert_eq!(child("", "sasaran"), "sasaran");
        assert_eq!(child("sasaran", "[1]"), "sasaran[1]");
        assert_eq!(child("sasaran[1]", "id"), "sasaran[1].id");
    }
}
