//! Writing changed bundle texts back into the bundle's JSON file: only the value of each
//! changed text is replaced (pretty-printed at its indentation, in the bundle's own
//! forms: a bare string for plain text, `{"b": …}`, `{"br": true}` …); every other byte
//! of the file stays as it was, key order included.
//!
//! It must never rewrite a value it was not given, nor write a file that does not parse.

use crate::bundle::json::{self, Node, Pos, Value};
use crate::bundle::text::{self as bt, Inlines, Span};
use crate::bundle::tree::to_pretty;

fn s(text: &str) -> Node {
    Node::string(Pos::default(), text)
}

fn obj(fields: Vec<(&str, Node)>) -> Node {
    Node::object(Pos::default(), fields)
}

fn arr(items: Vec<Node>) -> Node {
    Node::at(Pos::default(), Value::Array(items))
}

/// Inline text in the bundle's form.
pub fn inlines_node(i: &Inlines) -> Node {
    if let [Span::Text(t)] = i.0.as_slice() {
        return s(t);
    }
    if i.0.is_empty() {
        return s("");
    }
    arr(i
        .0
        .iter()
        .map(|sp| match sp {
            Span::Text(t) => s(t),
            Span::Bold(t) => obj(vec![("b", s(t))]),
            Span::Italic(t) => obj(vec![("i", s(t))]),
            Span::Underline(t) => obj(vec![("u", s(t))]),
            Span::Break(_) => obj(vec![("br", Node::at(Pos::default(), Value::Bool(true)))]),
        })
        .collect())
}

fn style_text(st: bt::ListStyle) -> &'static str {
    match st {
        bt::ListStyle::LowerAlphaDot => "a.",
        bt::ListStyle::LowerAlphaParen => "a)",
        bt::ListStyle::UpperAlphaDot => "A.",
        bt::ListStyle::DecimalDot => "1.",
        bt::ListStyle::DecimalParen => "1)",
        bt::ListStyle::Bullet => "-",
    }
}

/// Narrative blocks in the bundle's form.
pub fn blocks_node(blocks: &[bt::Block]) -> Node {
    arr(blocks
        .iter()
        .map(|b| match b {
            bt::Block::Paragraph(i) => obj(vec![("p", inlines_node(i))]),
            bt::Block::List(l) => obj(vec![(
                "list",
                obj(vec![
                    ("style", s(style_text(l.style))),
                    (
                        "items",
                        arr(l
                            .items
                            .iter()
                            .map(|it| {
                                if it.sub.is_empty() {
                                    inlines_node(&it.text)
                                } else {
                                    obj(vec![
                                        ("text", inlines_node(&it.text)),
                                        ("sub", blocks_node(&it.sub)),
                                    ])
                                }
                            })
                            .collect()),
                    ),
                ]),
            )]),
            bt::Block::Table(t) => {
                let mut fields = Vec::new();
                if let Some(j) = &t.judul {
                    fields.push(("judul", s(j)));
                }
                fields.push(("kepala", arr(t.kepala.iter().map(|k| s(k)).collect())));
                fields.push((
                    "baris",
                    arr(t
                        .baris
                        .iter()
                        .map(|r| arr(r.iter().map(inlines_node).collect()))
                        .collect()),
                ));
                obj(vec![("table", obj(fields))])
            }
        })
        .collect())
}

/// Byte offset of a (line, column in characters) position.
fn offset(text: &str, pos: Pos) -> Option<usize> {
    let mut line = 1;
    let mut start = 0;
    if pos.line > 1 {
        for (i, c) in text.char_indices() {
            if c == '\n' {
                line += 1;
                if line == pos.line {
                    start = i + 1;
                    break;
                }
            }
        }
        if line != pos.line {
            return None;
        }
    }
    let rest = &text[start..];
    let k = rest
        .char_indices()
        .nth(pos.col.saturating_sub(1) as usize)
        .map_or(rest.len(), |(i, _)| i);
    Some(start + k)
}

/// The end (exclusive byte offset) of the JSON value starting at `at`.
fn value_end(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = at;
    let mut depth = 0usize;
    loop {
        let c = *b.get(i)?;
        match c {
            b'"' => {
                i += 1;
                while *b.get(i)? != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ if depth == 0 => {
                // a scalar: up to the next delimiter
                let end = text[i..]
                    .find([',', '}', ']', '\n', ' ', '\r', '\t'])
                    .map_or(text.len(), |k| i + k);
                return Some(end);
            }
            _ => {}
        }
        i += 1;
    }
}

/// The node at a key path (`narasi.latar_belakang`: object field, then its field).
fn at_path<'a>(root: &'a Node, key: &str) -> Option<&'a Node> {
    match key.split_once('.') {
        Some((a, b)) if a == "narasi" || root.get(key).is_none() => root.get(a)?.get(b),
        _ => root.get(key),
    }
}

/// Replace the value of each `(key, blocks)` in the bundle text; `Err` names a key whose
/// value cannot be found.
pub fn splice(raw: &str, changes: &[(String, Vec<bt::Block>)]) -> Result<String, String> {
    let tree = json::parse(raw).map_err(|e| format!("the bundle does not parse: {}", e.message))?;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (key, blocks) in changes {
        let node = at_path(&tree, key).ok_or_else(|| format!("{key}: not found in the bundle"))?;
        let start =
            offset(raw, node.pos).ok_or_else(|| format!("{key}: position out of the file"))?;
        let end = value_end(raw, start).ok_or_else(|| format!("{key}: value not delimited"))?;
        let line_start = raw[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent: String = raw[line_start..start]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let pretty = to_pretty(&blocks_node(blocks));
        let pretty = pretty.trim_end_matches('\n');
        let text = pretty
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    l.to_string()
                } else {
                    format!("{indent}{l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        edits.push((start, end, text));
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = raw.to_string();
    for (start, end, text) in edits {
        out.replace_range(start..end, &text);
    }
    json::parse(&out).map_err(|e| {
        format!(
            "internal: the rewritten bundle does not parse ({})",
            e.message
        )
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_changed_value_moves() {
        let raw = "{\n  \"a\": 1,\n  \"narasi\": {\n    \"x\": [\n      {\"p\": \"old\"}\n    ],\n    \"y\": [ {\"p\": \"keep\"} ]\n  },\n  \"z\": \"é\"\n}\n";
        let new = vec![bt::Block::Paragraph(Inlines(vec![
            Span::Text("new ".into()),
            Span::Bold("bold".into()),
        ]))];
        let out = splice(raw, &[("narasi.x".into(), new)]).unwrap();
        assert!(out.contains("\"y\": [ {\"p\": \"keep\"} ]"), "{out}");
        assert!(out.contains("\"b\": \"bold\""), "{out}");
        assert!(out.ends_with("  \"z\": \"é\"\n}\n"), "{out}");
        assert_eq!(splice(raw, &[]).unwrap(), raw);
    }
}
