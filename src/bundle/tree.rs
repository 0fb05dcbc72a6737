//! Editing and writing the positioned JSON tree: the few operations the schema migration
//! needs (look up, take, insert a field; build new values that carry the position of the
//! source they came from), and a pretty-printer whose output parses back to the same tree.
//! Numbers are written with their source text, so no value changes on the way.

use super::json::{Node, Pos, Value};

impl Node {
    /// A new value at `pos`.
    pub fn at(pos: Pos, value: Value) -> Node {
        Node { pos, value }
    }

    /// A string at `pos`.
    pub fn string(pos: Pos, s: impl Into<String>) -> Node {
        Node::at(pos, Value::String(s.into()))
    }

    /// An object at `pos` from `(key, value)` pairs; keys take the value's position.
    pub fn object(pos: Pos, fields: Vec<(&str, Node)>) -> Node {
        Node::at(
            pos,
            Value::Object(
                fields
                    .into_iter()
                    .map(|(k, n)| (k.to_string(), n.pos, n))
                    .collect(),
            ),
        )
    }

    /// The value of field `key`, when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(fields) => fields.iter().find(|(k, _, _)| k == key).map(|f| &f.2),
            _ => None,
        }
    }

    /// The value of field `key`, mutable.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match &mut self.value {
            Value::Object(fields) => fields
                .iter_mut()
                .find(|(k, _, _)| k == key)
                .map(|f| &mut f.2),
            _ => None,
        }
    }

    /// Remove field `key`; returns its index in the object, key position and value.
    pub fn take(&mut self, key: &str) -> Option<(usize, Pos, Node)> {
        let Value::Object(fields) = &mut self.value else {
            return None;
        };
        let i = fields.iter().position(|(k, _, _)| k == key)?;
        let (_, kpos, node) = fields.remove(i);
        Some((i, kpos, node))
    }

    /// Insert field `key` at `index` (clamped) of this object; no-op on other values.
    pub fn insert(&mut self, index: usize, key: &str, kpos: Pos, node: Node) {
        if let Value::Object(fields) = &mut self.value {
            let i = index.min(fields.len());
            fields.insert(i, (key.to_string(), kpos, node));
        }
    }

    /// The text of a string or number value (`"2021"` or `2021` both give `2021`).
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) | Value::Number(s) => Some(s),
            _ => None,
        }
    }
}

/// The tree as pretty JSON (two-space indent, one value per line, like Python's
/// `json.dumps(indent=2, ensure_ascii=False)`), ending with a newline.
pub fn to_pretty(node: &Node) -> String {
    let mut out = String::new();
    write(&mut out, node, 0);
    out.push('\n');
    out
}

fn write(out: &mut String, node: &Node, depth: usize) {
    let indent = |out: &mut String, d: usize| out.extend(std::iter::repeat_n("  ", d));
    match &node.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => quote(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(fields) if fields.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, depth + 1);
                write(out, item, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push(']');
        }
        Value::Object(fields) => {
            out.push('{');
            for (i, (k, _, v)) in fields.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, depth + 1);
                quote(out, k);
                out.push_str(": ");
                write(out, v, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push('}');
        }
    }
}

fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::super::json::parse;
    use super::*;

    /// Positions aside, a tree equals another.
    fn same(a: &Node, b: &Node) -> bool {
        match (&a.value, &b.value) {
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.0 == q.0 && same(&p.2, &q.2))
            }
            (x, y) => x == y,
        }
    }

    #[test]
    fn pretty_output_parses_back_to_the_same_tree() {
        let src = r#"{"a": [1, 87.120, "x\"\\\n\u0001é"], "b": {}, "c": [], "d": {"e": null, "f": true}}"#;
        let tree = parse(src).unwrap();
        let text = to_pretty(&tree);
        assert!(same(&parse(&text).unwrap(), &tree), "{text}");
        assert!(text.contains("87.120"), "numbers keep their text");
        assert!(text.contains("\"b\": {}"));
    }

    #[test]
    fn take_and_insert_keep_the_order_of_fields() {
        let mut tree = parse(r#"{"a": 1, "b": 2, "c": 3}"#).unwrap();
        let (i, kpos, node) = tree.take("b").unwrap();
        assert_eq!(i, 1);
        tree.insert(i, "x", kpos, node);
        assert_eq!(
            to_pretty(&tree),
            "{\n  \"a\": 1,\n  \"x\": 2,\n  \"c\": 3\n}\n"
        );
        assert_eq!(tree.get("x").and_then(Node::text), Some("2"));
    }
}
