//! Editing a bundle's JSON text at one field path (`sasaran[0].indikator[1].realisasi.2021`),
//! the way a person would in a text editor: only the bytes of that value change (a new
//! field is added after the last one of its object, an item after the last of its array,
//! with the indentation of its neighbours). Key order, number texts, formatting and every
//! other field stay as they were, so a saved file differs from the loaded one only where
//! something was edited.
//!
//! It must never produce text that is not JSON: the result is parsed again by the caller
//! (`session`), and an edit that cannot be placed is an error, never a guess.

use std::fmt;

use crate::bundle::json::{self, Node, Pos, Value};

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A field of an object.
    Key(String),
    /// An item of an array.
    Index(usize),
}

/// Why an edit cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchError(pub String);

impl fmt::Display for PatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What to do at the path.
#[derive(Debug, Clone)]
pub enum Op {
    /// Set the value (adding the field, or appending the item at index = length).
    Set(serde_json::Value),
    /// Remove the field or item (nothing when it is absent).
    Remove,
}

/// Parse a field path as `lkjip check` prints them: keys joined by `.`, array items as
/// `[N]`. The empty path (the whole bundle) is refused: replace it with `PUT`.
pub fn parse_path(path: &str) -> Result<Vec<Seg>, PatchError> {
    let bad = || {
        PatchError(format!(
            "{path:?} is not a field path (e.g. sasaran[0].nama)"
        ))
    };
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if key.contains(']') {
            return Err(bad());
        }
        if !key.is_empty() {
            out.push(Seg::Key(key.to_string()));
        } else if rest.is_empty() || out.is_empty() {
            return Err(bad());
        }
        let mut rest = rest;
        while !rest.is_empty() {
            let close = rest.find(']').ok_or_else(bad)?;
            if !rest.starts_with('[') {
                return Err(bad());
            }
            let n: usize = rest[1..close].parse().map_err(|_| bad())?;
            out.push(Seg::Index(n));
            rest = &rest[close + 1..];
        }
    }
    if out.is_empty() {
        return Err(bad());
    }
    Ok(out)
}

/// The path as text (the inverse of [`parse_path`]).
pub fn path_text(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Apply `op` at `path` to the JSON `text`; the new text.
pub fn apply_patch(text: &str, path: &[Seg], op: &Op) -> Result<String, PatchError> {
    let tree = json::parse(text).map_err(|e| PatchError(e.message))?;
    let doc = Doc::new(text);
    let mut node = &tree;
    for (i, seg) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        let here = || path_text(&path[..i]);
        match (&node.value, seg) {
            (Value::Object(fields), Seg::Key(k)) => {
                match fields.iter().position(|(name, _, _)| name == k) {
                    Some(j) if last => return doc.at_member(node, j, op),
                    Some(j) => node = &fields[j].2,
                    None => {
                        let Op::Set(v) = op else {
                            return Ok(text.to_string());
                        };
                        let v = nest(&path[i + 1..], v.clone())?;
                        return doc.append(node, Some(k), &v);
                    }
                }
            }
            (Value::Array(items), Seg::Index(n)) => {
                if *n < items.len() {
                    if last {
                        return doc.at_member(node, *n, op);
                    }
                    node = &items[*n];
                } else if *n == items.len() && last {
                    return match op {
                        Op::Set(v) => doc.append(node, None, v),
                        Op::Remove => Ok(text.to_string()),
                    };
                } else {
                    return Err(PatchError(format!(
                        "{}[{n}]: the list has {} item(s)",
                        here(),
                        items.len()
                    )));
                }
            }
            (Value::Object(_), Seg::Index(n)) => {
                return Err(PatchError(format!(
                    "{}: is an object, not a list (no item [{n}])",
                    here()
                )));
            }
            (Value::Array(_), Seg::Key(k)) => {
                return Err(PatchError(format!(
                    "{}: is a list, not an object (no field {k:?})",
                    here()
                )));
            }
            (other, _) => {
                return Err(PatchError(format!(
                    "{}: is {}, which has no fields",
                    here(),
                    other.describe()
                )));
            }
        }
    }
    Err(PatchError("empty path".into()))
}

/// The value for the fields still missing under a new field: `{"b": {"c": v}}`.
fn nest(rest: &[Seg], v: serde_json::Value) -> Result<serde_json::Value, PatchError> {
    let mut v = v;
    for seg in rest.iter().rev() {
        match seg {
            Seg::Key(k) => {
                let mut m = serde_json::Map::new();
                m.insert(k.clone(), v);
                v = serde_json::Value::Object(m);
            }
            Seg::Index(0) => v = serde_json::Value::Array(vec![v]),
            Seg::Index(n) => {
                return Err(PatchError(format!(
                    "item [{n}] of a list that does not exist yet"
                )));
            }
        }
    }
    Ok(v)
}

/// The text with its line starts, to turn positions into byte offsets.
struct Doc<'a> {
    text: &'a str,
    lines: Vec<usize>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Self {
        let mut lines = vec![0];
        lines.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Doc { text, lines }
    }

    /// Byte offset of a position (1-based line, column in characters).
    fn offset(&self, pos: Pos) -> usize {
        let start = self.lines[(pos.line as usize)
            .saturating_sub(1)
            .min(self.lines.len() - 1)];
        let line = &self.text[start..];
        let col = (pos.col as usize).saturating_sub(1);
        start + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
    }

    /// Byte offset just after the value starting at `start`.
    fn end(&self, start: usize) -> usize {
        let b = self.text.as_bytes();
        let mut i = start;
        match b.get(i) {
            Some(b'"') => string_end(b, i),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while i < b.len() {
                    match b[i] {
                        b'"' => {
                            i = string_end(b, i);
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return i + 1;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                b.len()
            }
            _ => {
                while i < b.len()
                    && !matches!(b[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n')
                {
                    i += 1;
                }
                i
            }
        }
    }

    /// The leading white space of the line holding `at`.
    fn indent(&self, at: usize) -> &'a str {
        let start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &self.text[start..];
        &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
    }

    /// Whether `at` is the first non-blank of its line.
    fn starts_line(&self, at: usize) -> bool {
        let start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        self.text[start..at].trim().is_empty()
    }

    fn splice(&self, from: usize, to: usize, with: &str) -> String {
        let mut s = String::with_capacity(self.text.len() + with.len());
        s.push_str(&self.text[..from]);
        s.push_str(with);
        s.push_str(&self.text[to..]);
        s
    }

    /// Where member `j` of a container starts (its key for an object) and its value.
    fn member(&self, container: &Node, j: usize) -> (usize, usize) {
        match &container.value {
            Value::Object(f) => (self.offset(f[j].1), self.offset(f[j].2.pos)),
            Value::Array(a) => {
                let at = self.offset(a[j].pos);
                (at, at)
            }
            _ => unreachable!("members of containers only"),
        }
    }

    fn len(container: &Node) -> usize {
        match &container.value {
            Value::Object(f) => f.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        }
    }

    /// Set or remove member `j` of `container`.
    fn at_member(&self, container: &Node, j: usize, op: &Op) -> Result<String, PatchError> {
        let (start, value) = self.member(container, j);
        let value_end = self.end(value);
        match op {
            Op::Set(v) => Ok(self.splice(value, value_end, &render(v, self.indent(start)))),
            Op::Remove => {
                let n = Self::len(container);
                if n == 1 {
                    let cs = self.offset(container.pos);
                    let empty = if matches!(container.value, Value::Object(_)) {
                        "{}"
                    } else {
                        "[]"
                    };
                    Ok(self.splice(cs, self.end(cs), empty))
                } else if j > 0 {
                    let (_, prev) = self.member(container, j - 1);
                    Ok(self.splice(self.end(prev), value_end, ""))
                } else {
                    let (next, _) = self.member(container, 1);
                    Ok(self.splice(start, next, ""))
                }
            }
        }
    }

    /// Add a member at the end of `container` (`key` for an object).
    fn append(
        &self,
        container: &Node,
        key: Option<&str>,
        v: &serde_json::Value,
    ) -> Result<String, PatchError> {
        let cs = self.offset(container.pos);
        let outer = self.indent(cs);
        let head = |ind: &str| match key {
            Some(k) => {
                format!(
                    "{}: ",
                    serde_json::to_string(k).unwrap_or_else(|_| "\"\"".into())
                ) + &render(v, ind)
            }
            None => render(v, ind),
        };
        let n = Self::len(container);
        if n == 0 {
            let inner = format!("{outer}  ");
            let (open, close) = if key.is_some() {
                ('{', '}')
            } else {
                ('[', ']')
            };
            let new = format!("{open}\n{inner}{}\n{outer}{close}", head(&inner));
            return Ok(self.splice(cs, self.end(cs), &new));
        }
        let (first, _) = self.member(container, 0);
        let (_, last_value) = self.member(container, n - 1);
        let at = self.end(last_value);
        let new = if self.starts_line(first) {
            let ind = self.indent(first);
            format!(",\n{ind}{}", head(ind))
        } else {
            format!(", {}", head(outer))
        };
        Ok(self.splice(at, at, &new))
    }
}

fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// A value as pretty JSON (two spaces a level), its later lines indented by `indent`.
fn render(v: &serde_json::Value, indent: &str) -> String {
    let pretty = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
    pretty.replace('\n', &format!("\n{indent}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set(text: &str, path: &str, v: serde_json::Value) -> String {
        apply_patch(text, &parse_path(path).unwrap(), &Op::Set(v)).unwrap()
    }

    fn remove(text: &str, path: &str) -> String {
        apply_patch(text, &parse_path(path).unwrap(), &Op::Remove).unwrap()
    }

    const DOC: &str =
        "{\n  \"a\": {\n    \"x\": 1.50,\n    \"y\": [1, 2]\n  },\n  \"b\": \"t\"\n}\n";

    #[test]
    fn paths_parse_and_print_back() {
        let p = parse_path("sasaran[0].indikator[12].realisasi.2021").unwrap();
        assert_eq!(p[1], Seg::Index(0));
        assert_eq!(p[5], Seg::Key("2021".into()));
        assert_eq!(path_text(&p), "sasaran[0].indikator[12].realisasi.2021");
        for bad in ["", "a..b", "a[x]", "[0]", "a[1", "a]"] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn setting_a_value_changes_only_its_bytes() {
        assert_eq!(
            set(DOC, "a.x", json!(2)),
            DOC.replace("\"x\": 1.50", "\"x\": 2")
        );
        assert_eq!(
            set(DOC, "b", json!("u\"v")),
            DOC.replace("\"t\"", "\"u\\\"v\"")
        );
        assert_eq!(
            set(DOC, "a.y[1]", json!(7)),
            DOC.replace("[1, 2]", "[1, 7]")
        );
        let nested = set(DOC, "b", json!({"k": [1]}));
        assert!(
            nested.contains("\"b\": {\n    \"k\": [\n      1\n    ]\n  }\n}"),
            "{nested}"
        );
    }

    #[test]
    fn new_fields_and_items_go_last_with_the_neighbours_indent() {
        let t = set(DOC, "a.z", json!("n"));
        assert!(t.contains("\"y\": [1, 2],\n    \"z\": \"n\"\n  },"), "{t}");
        let t = set(DOC, "a.y[2]", json!(3));
        assert!(t.contains("[1, 2, 3]"), "{t}");
        let t = set(DOC, "c.d.e", json!(1));
        assert!(
            t.ends_with("\"b\": \"t\",\n  \"c\": {\n    \"d\": {\n      \"e\": 1\n    }\n  }\n}\n"),
            "{t}"
        );
        let t = set("{\"a\": {}}", "a.k", json!(1));
        assert_eq!(t, "{\"a\": {\n  \"k\": 1\n}}");
        assert!(apply_patch(DOC, &parse_path("a.y[5]").unwrap(), &Op::Set(json!(1))).is_err());
        assert!(apply_patch(DOC, &parse_path("b.c").unwrap(), &Op::Set(json!(1))).is_err());
    }

    #[test]
    fn removing_takes_the_member_and_its_comma() {
        assert_eq!(
            remove(DOC, "b"),
            "{\n  \"a\": {\n    \"x\": 1.50,\n    \"y\": [1, 2]\n  }\n}\n"
        );
        assert_eq!(remove(DOC, "a.x"), DOC.replace("\"x\": 1.50,\n    ", ""));
        assert_eq!(remove(DOC, "a.y[0]"), DOC.replace("[1, 2]", "[2]"));
        assert_eq!(remove(DOC, "a.y[1]"), DOC.replace("[1, 2]", "[1]"));
        assert_eq!(remove("{\"a\": [1]}", "a[0]"), "{\"a\": []}");
        assert_eq!(remove(DOC, "nothing"), DOC);
        for t in [remove(DOC, "a"), remove(DOC, "a.y"), remove(DOC, "b")] {
            json::parse(&t).unwrap();
        }
    }

    #[test]
    fn strings_with_brackets_and_escapes_are_skipped_whole() {
        let t = "{\"a\": [\"]}\\\"\", {\"q\": \"[\"}], \"b\": 1}";
        assert_eq!(set(t, "b", json!(2)), t.replace("\"b\": 1", "\"b\": 2"));
        assert_eq!(set(t, "a", json!([])), "{\"a\": [], \"b\": 1}");
    }

    #[test]
    fn columns_count_characters_on_lines_with_non_ascii() {
        let t = "{\"é\": \"ü\", \"b\": 1}";
        assert_eq!(set(t, "b", json!(2)), "{\"é\": \"ü\", \"b\": 2}");
    }
}
