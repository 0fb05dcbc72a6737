//! Editing a bundle's JSON *text* in place: set, add or remove a member of an object, and
//! leave every other byte of the file as it was (indentation, one-line objects, key order,
//! number texts). `lkjip import` writes its values back through here, so that an import
//! with no change gives the file byte for byte, and one with changes a diff of the
//! changed lines only.
//!
//! Why not the tree printer of `init`/`migrate` (`bundle::tree::to_pretty`): it rewrites the
//! whole file in one style, and the sample bundles keep some objects on one line. This
//! module walks the same positioned tree (`bundle::json`), copies the source text between
//! values verbatim, and re-lays out only an object whose members change, in the style it
//! already has (one member per line with its indentation, or all on one line).
//!
//! It must never change a value it was not asked to change, nor reorder members; the
//! input must be the text the tree was parsed from.

use std::collections::BTreeMap;

use crate::bundle::json::{Node, Value};

/// Changes to members of objects, by the path of the object (`sasaran[0].indikator[1].target`,
/// the root is `""`): for each member key, `Some(json_text)` to set or add it, `None` to
/// remove it.
#[derive(Debug, Default, Clone)]
pub struct Edits {
    members: BTreeMap<String, Vec<(String, Option<String>)>>,
    inserts: BTreeMap<String, Vec<Insert>>,
}

/// A new element of an array: a copy of one of its elements (the template), with the
/// edits made under `prefix` (its members set or removed there, as for any object).
#[derive(Debug, Clone)]
struct Insert {
    at: usize,
    template: usize,
    prefix: String,
}

impl Edits {
    /// Set (or add) member `key` of the object at `parent` to the JSON text `json`.
    pub fn set(&mut self, parent: &str, key: &str, json: String) {
        self.put(parent, key, Some(json));
    }

    /// Remove member `key` of the object at `parent` (nothing when it is absent).
    pub fn remove(&mut self, parent: &str, key: &str) {
        self.put(parent, key, None);
    }

    fn put(&mut self, parent: &str, key: &str, v: Option<String>) {
        let list = self.members.entry(parent.to_string()).or_default();
        list.retain(|(k, _)| k != key);
        list.push((key.to_string(), v));
    }

    /// Add a new element to the array at `array`, before its element `at` (its length: at
    /// the end): the text of its element `template`, laid out as that one is, with the
    /// edits made under the path `prefix` (which must name no existing value, e.g.
    /// `pegawai.per_tahun[+]`). Elements inserted at the same place keep their order.
    pub fn insert(&mut self, array: &str, at: usize, template: usize, prefix: &str) {
        self.inserts
            .entry(array.to_string())
            .or_default()
            .push(Insert {
                at,
                template,
                prefix: prefix.to_string(),
            });
    }

    /// No change at all.
    /// The paths these edits write: every member set or removed ("anggaran[0].alokasi")
    /// and every array that gets new elements ("pegawai.per_tahun").
    pub fn touched(&self) -> Vec<String> {
        let members = self.members.iter().flat_map(|(parent, list)| {
            list.iter().map(move |(key, _)| {
                if parent.is_empty() {
                    key.clone()
                } else {
                    format!("{parent}.{key}")
                }
            })
        });
        members.chain(self.inserts.keys().cloned()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty() && self.inserts.is_empty()
    }
}

/// The text `src` (whose parsed tree is `tree`) with `edits` applied.
pub fn apply(src: &str, tree: &Node, edits: &Edits) -> String {
    let map = Offsets::new(src);
    let mut w = Writer {
        src,
        map,
        edits,
        out: String::with_capacity(src.len() + 64),
    };
    let start = w.map.of(tree);
    let end = value_end(src, start);
    w.out.push_str(&src[..start]);
    w.node(tree, start, "");
    w.out.push_str(&src[end..]);
    w.out
}

/// Byte offsets of (line, column) positions.
struct Offsets<'a> {
    src: &'a str,
    lines: Vec<usize>,
}

impl<'a> Offsets<'a> {
    fn new(src: &'a str) -> Self {
        let mut lines = vec![0];
        lines.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Offsets { src, lines }
    }

    fn at(&self, line: u32, col: u32) -> usize {
        let start = self
            .lines
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(self.src.len());
        let rest = &self.src[start..];
        rest.char_indices()
            .nth(col.saturating_sub(1) as usize)
            .map_or(self.src.len(), |(i, _)| start + i)
    }

    fn of(&self, n: &Node) -> usize {
        self.at(n.pos.line, n.pos.col)
    }
}

/// End (exclusive byte offset) of the JSON value starting at `start` of a text that parsed.
fn value_end(src: &str, start: usize) -> usize {
    let b = src.as_bytes();
    let mut i = start;
    let mut depth = 0usize;
    loop {
        let Some(&c) = b.get(i) else { return i };
        match c {
            b'"' => i = string_end(b, i),
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
                if depth == 0 {
                    return i;
                }
            }
            _ if depth == 0 => {
                while i < b.len()
                    && !matches!(b[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n')
                {
                    i += 1;
                }
                return i;
            }
            _ => i += 1,
        }
        if depth == 0 {
            return i;
        }
    }
}

/// End of the string literal whose opening quote is at `i`.
fn string_end(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

struct Writer<'a> {
    src: &'a str,
    map: Offsets<'a>,
    edits: &'a Edits,
    out: String,
}

impl Writer<'_> {
    /// Write the value `n` (starting at byte `start`) with the edits under `path`.
    fn node(&mut self, n: &Node, start: usize, path: &str) {
        let end = value_end(self.src, start);
        match &n.value {
            Value::Object(fields) => self.object(fields, start, end, path),
            Value::Array(items) if !items.is_empty() && self.edits.inserts.contains_key(path) => {
                self.array_with_inserts(items, start, end, path);
            }
            Value::Array(items) => {
                let mut at = start + 1;
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    let s = self.map.of(item);
                    self.out.push_str(&self.src[at..s]);
                    self.node(item, s, &format!("{path}[{i}]"));
                    at = value_end(self.src, s);
                }
                self.out.push_str(&self.src[at..end]);
            }
            _ => self.out.push_str(&self.src[start..end]),
        }
    }

    /// An array that gets new elements: the gaps of its source (lead, separator, trail)
    /// around the old and new elements in order.
    fn array_with_inserts(&mut self, items: &[Node], start: usize, end: usize, path: &str) {
        let edits = self.edits;
        let inserts = edits.inserts.get(path).map_or(&[][..], Vec::as_slice);
        let src = self.src;
        let spans: Vec<(usize, usize)> = items
            .iter()
            .map(|n| {
                let s = self.map.of(n);
                (s, value_end(src, s))
            })
            .collect();
        let (first, last) = (spans[0], spans[spans.len() - 1]);
        let lead = &src[start + 1..first.0];
        let trail = &src[last.1..end - 1];
        let sep = match spans.get(1) {
            Some(&(s1, _)) => src[first.1..s1].to_string(),
            None if lead.contains('\n') => format!(",{lead}"),
            None => ", ".to_string(),
        };
        // The new order: Ok(old index) or Err(insert).
        let mut order: Vec<Result<usize, &Insert>> = Vec::new();
        for i in 0..=items.len() {
            order.extend(
                inserts
                    .iter()
                    .filter(|x| x.at.min(items.len()) == i)
                    .map(Err),
            );
            if i < items.len() {
                order.push(Ok(i));
            }
        }
        self.out.push('[');
        self.out.push_str(lead);
        for (n, e) in order.iter().enumerate() {
            if n > 0 {
                self.out.push_str(&sep);
            }
            match e {
                Ok(i) => self.node(&items[*i], spans[*i].0, &format!("{path}[{i}]")),
                Err(x) => {
                    let t = x.template.min(items.len() - 1);
                    self.node(&items[t], spans[t].0, &x.prefix);
                }
            }
        }
        self.out.push_str(trail);
        self.out.push(']');
    }

    fn object(
        &mut self,
        fields: &[(String, crate::bundle::json::Pos, Node)],
        start: usize,
        end: usize,
        path: &str,
    ) {
        let child = |k: &str| {
            if path.is_empty() {
                k.to_string()
            } else {
                format!("{path}.{k}")
            }
        };
        // The members as (key text, colon text, value start) in source order.
        let src = self.src;
        let spans: Vec<(usize, usize, usize, usize)> = fields
            .iter()
            .map(|(_, kpos, v)| {
                let ks = self.map.at(kpos.line, kpos.col);
                let ke = string_end(src.as_bytes(), ks);
                let vs = self.map.of(v);
                (ks, ke, vs, value_end(src, vs))
            })
            .collect();
        let Some(changes) = self.edits.members.get(path) else {
            // Unchanged membership: the gaps verbatim, the members recursively.
            let mut at = start;
            for ((k, _, v), &(ks, _, vs, ve)) in fields.iter().zip(&spans) {
                self.out.push_str(&src[at..vs]);
                let _ = ks;
                self.node(v, vs, &child(k));
                at = ve;
            }
            self.out.push_str(&src[at..end]);
            return;
        };
        // The object's style, from its source.
        let inner_start = start + 1;
        let inner_end = end - 1;
        let (lead, trail, sep, colon) = match (spans.first(), spans.last()) {
            (Some(&(fk, fke, fvs, fve)), Some(&(_, _, _, lve))) => {
                let lead = &src[inner_start..fk];
                let trail = &src[lve..inner_end];
                let sep = match spans.get(1) {
                    Some(&(sk, ..)) => src[fve..sk].to_string(),
                    None if lead.contains('\n') => format!(",{lead}"),
                    None => ", ".to_string(),
                };
                (
                    lead.to_string(),
                    trail.to_string(),
                    sep,
                    src[fke..fvs].to_string(),
                )
            }
            _ => (String::new(), String::new(), ", ".into(), ": ".into()),
        };
        // The new member list: (key, Err(index of the source member) | Ok(new text)).
        let mut members: Vec<(String, Result<String, usize>)> = fields
            .iter()
            .enumerate()
            .map(|(i, (k, _, _))| (k.clone(), Err(i)))
            .collect();
        for (key, change) in changes {
            let at = members.iter().position(|(k, _)| k == key);
            match (at, change) {
                (Some(i), Some(text)) => members[i].1 = Ok(text.clone()),
                (Some(i), None) => {
                    let _ = members.remove(i);
                }
                (None, Some(text)) => {
                    let i = insertion_point(&members, key);
                    members.insert(i, (key.clone(), Ok(text.clone())));
                }
                (None, None) => {}
            }
        }
        self.out.push('{');
        if members.is_empty() {
            self.out.push('}');
            return;
        }
        self.out.push_str(&lead);
        for (n, (key, m)) in members.iter().enumerate() {
            if n > 0 {
                self.out.push_str(&sep);
            }
            match m {
                Err(i) => {
                    let (ks, ke, vs, _) = spans[*i];
                    self.out.push_str(&src[ks..ke]);
                    self.out.push_str(&src[ke..vs]);
                    self.node(&fields[*i].2, vs, &child(key));
                }
                Ok(text) => {
                    quote_key(&mut self.out, key);
                    self.out.push_str(&colon);
                    self.out.push_str(text);
                }
            }
        }
        self.out.push_str(&trail);
        self.out.push('}');
    }
}

/// Where a new key goes: in numeric order among keys that are all numbers (years, period
/// ids), else at the end.
fn insertion_point(members: &[(String, Result<String, usize>)], key: &str) -> usize {
    let num = |k: &str| k.parse::<i64>().ok();
    match num(key) {
        Some(n) if members.iter().all(|(k, _)| num(k).is_some()) => members
            .iter()
            .position(|(k, _)| num(k).is_some_and(|m| m > n))
            .unwrap_or(members.len()),
        _ => members.len(),
    }
}

fn quote_key(out: &mut String, k: &str) {
    out.push_str(&serde_json::to_string(k).unwrap_or_else(|_| format!("\"{k}\"")));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::json::parse;

    fn run(src: &str, f: impl FnOnce(&mut Edits)) -> String {
        let tree = parse(src).unwrap();
        let mut e = Edits::default();
        f(&mut e);
        let out = apply(src, &tree, &e);
        parse(&out).unwrap_or_else(|e| panic!("{out}: {e:?}"));
        out
    }

    #[test]
    fn no_edit_gives_the_text_back() {
        for src in [
            "{\n  \"a\": [1, 2.50, {\"b\": \"x\\\"y\"}],\n  \"c\": {}\n}\n",
            "  {\"a\":1,\"b\" :  [ ]}  ",
            "{\"é\": \"ü\", \"n\": -1.5e3}",
        ] {
            assert_eq!(run(src, |_| {}), src);
        }
    }

    #[test]
    fn set_add_and_remove_keep_the_style() {
        let src = "{\n  \"t\": {\"2020\": 1, \"2022\": \"3,5\"},\n  \"r\": {\n    \"2021\": 2\n  },\n  \"z\": 9\n}\n";
        let out = run(src, |e| {
            e.set("t", "2021", "7".into());
            e.set("t", "2022", "\"4,5\"".into());
            e.set("r", "2022", "8".into());
            e.remove("", "z");
        });
        assert_eq!(
            out,
            "{\n  \"t\": {\"2020\": 1, \"2021\": 7, \"2022\": \"4,5\"},\n  \"r\": {\n    \"2021\": 2,\n    \"2022\": 8\n  }\n}\n"
        );
        let out = run("{\"a\": {}, \"b\": {\"x\": 1}}", |e| {
            e.set("a", "2021", "1".into());
            e.remove("b", "x");
        });
        assert_eq!(out, "{\"a\": {\"2021\": 1}, \"b\": {}}");
    }

    #[test]
    fn new_elements_copy_the_layout_of_their_template() {
        let src = "{\"a\": [\n  {\"y\": 1, \"p\": {\"x\": 2}, \"q\": 3}\n], \"b\": [{\"y\": 1}, {\"y\": 5}]}\n";
        let out = run(src, |e| {
            e.insert("a", 1, 0, "a[+]");
            e.set("a[+]", "y", "2".into());
            e.set("a[+].p", "x", "\"7\"".into());
            e.remove("a[+]", "q");
            e.insert("b", 1, 1, "b[+]");
            e.set("b[+]", "y", "3".into());
        });
        assert_eq!(
            out,
            "{\"a\": [\n  {\"y\": 1, \"p\": {\"x\": 2}, \"q\": 3},\n  {\"y\": 2, \"p\": {\"x\": \"7\"}}\n], \"b\": [{\"y\": 1}, {\"y\": 3}, {\"y\": 5}]}\n"
        );
    }

    #[test]
    fn edits_nest_in_arrays_and_objects() {
        let src = "{\"s\": [{\"k\": [{\"t\": {\"1\": 1}, \"n\": 2}]}]}";
        let out = run(src, |e| {
            e.set("s[0].k[0].t", "1", "5".into());
            e.set("s[0].k[0]", "m", "3".into());
        });
        assert_eq!(
            out,
            "{\"s\": [{\"k\": [{\"t\": {\"1\": 5}, \"n\": 2, \"m\": 3}]}]}"
        );
    }
}
