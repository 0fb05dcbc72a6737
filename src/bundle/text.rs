//! Structured text of the bundle: paragraphs of inline spans, nested lists and free tables.
//! Text is always literal: there is no markup language inside strings, so `*`, `#`, `<`
//! or `$` typed by staff print as typed. Emphasis is structure (`{"b": "…"}`), not syntax.
//! Placeholders `{{ name }}` naming computed figures are expanded when the IR is built.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// One run of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum Span {
    /// Plain text (a bare JSON string).
    #[serde(rename = "t")]
    Text(String),
    /// Bold.
    #[serde(rename = "b")]
    Bold(String),
    /// Italic.
    #[serde(rename = "i")]
    Italic(String),
    /// Underlined.
    #[serde(rename = "u")]
    Underline(String),
    /// Line break (`{"br": true}`).
    #[serde(rename = "br")]
    Break(bool),
}

/// A run of inline spans: a JSON string, or an array of strings and `{"b"|"i"|"u": "…"}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[schemars(with = "InlinesSchema")]
pub struct Inlines(pub Vec<Span>);

#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum InlinesSchema {
    Plain(String),
    Spans(Vec<SpanSchema>),
}

#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum SpanSchema {
    Plain(String),
    Styled(Span),
}

#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum ItemSchema {
    Text(Inlines),
    Nested {
        text: Inlines,
        #[serde(default)]
        sub: Vec<Block>,
    },
}

/// Numbering style of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ListStyle {
    /// a. b. c.
    #[serde(rename = "a.")]
    LowerAlphaDot,
    /// a) b) c)
    #[serde(rename = "a)")]
    LowerAlphaParen,
    /// A. B. C.
    #[serde(rename = "A.")]
    UpperAlphaDot,
    /// 1. 2. 3.
    #[serde(rename = "1.")]
    DecimalDot,
    /// 1) 2) 3)
    #[serde(rename = "1)")]
    DecimalParen,
    /// Bullets.
    #[serde(rename = "-")]
    Bullet,
}

/// A block of narrative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub enum Block {
    /// A paragraph.
    #[serde(rename = "p")]
    Paragraph(Inlines),
    /// A list.
    #[serde(rename = "list")]
    List(List),
    /// A free table.
    #[serde(rename = "table")]
    Table(FreeTable),
}

/// A (possibly nested) list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct List {
    /// Numbering style.
    pub style: ListStyle,
    /// Items.
    pub items: Vec<Item>,
}

/// A list item: a string, or `{"text": …, "sub": [blocks]}`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(with = "ItemSchema")]
pub struct Item {
    /// Text of the item.
    pub text: Inlines,
    /// Nested blocks (usually a sub-list).
    #[serde(default)]
    pub sub: Vec<Block>,
}

/// A free table typed by staff (no computed figures).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FreeTable {
    /// Caption ("Tabel 2.1 …").
    #[serde(default)]
    pub judul: Option<String>,
    /// Header cells.
    pub kepala: Vec<String>,
    /// Rows of cells.
    pub baris: Vec<Vec<Inlines>>,
}

impl Inlines {
    /// Plain text of the run (emphasis dropped, breaks as spaces).
    pub fn plain(&self) -> String {
        let mut s = String::new();
        for span in &self.0 {
            match span {
                Span::Text(t) | Span::Bold(t) | Span::Italic(t) | Span::Underline(t) => {
                    s.push_str(t)
                }
                Span::Break(_) => s.push(' '),
            }
        }
        s
    }
}

impl From<&str> for Inlines {
    fn from(s: &str) -> Self {
        Inlines(vec![Span::Text(s.to_string())])
    }
}

struct SpanVisitor;

impl<'de> Visitor<'de> for SpanVisitor {
    type Value = Span;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or an object {\"b\"|\"i\"|\"u\": text} or {\"br\": true}")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Span, E> {
        Ok(Span::Text(v.to_string()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Span, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom(
                "empty object: expected {\"b\"|\"i\"|\"u\": text} or {\"br\": true}",
            ));
        };
        let span = match key.as_str() {
            "b" => Span::Bold(map.next_value()?),
            "i" => Span::Italic(map.next_value()?),
            "u" => Span::Underline(map.next_value()?),
            "br" => Span::Break(map.next_value()?),
            "t" => Span::Text(map.next_value()?),
            other => {
                return Err(de::Error::custom(format!(
                    "unknown text style {other:?}, expected \"b\" (bold), \"i\" (italic), \"u\" (underline) or \"br\" (line break)"
                )));
            }
        };
        if let Some(extra) = map.next_key::<String>()? {
            return Err(de::Error::custom(format!(
                "a styled span has exactly one key, found also {extra:?}"
            )));
        }
        Ok(span)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SpanVisitor)
    }
}

struct InlinesVisitor;

impl<'de> Visitor<'de> for InlinesVisitor {
    type Value = Inlines;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text: a string or an array of strings and styled spans")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Inlines, E> {
        Ok(Inlines(vec![Span::Text(v.to_string())]))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Inlines, A::Error> {
        let mut spans = Vec::new();
        while let Some(s) = seq.next_element::<Span>()? {
            spans.push(s);
        }
        Ok(Inlines(spans))
    }
}

impl<'de> Deserialize<'de> for Inlines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(InlinesVisitor)
    }
}

struct ItemVisitor;

impl<'de> Visitor<'de> for ItemVisitor {
    type Value = Item;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list item: text, or an object {\"text\": …, \"sub\": [blocks]}")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
        Ok(Item {
            text: Inlines(vec![Span::Text(v.to_string())]),
            sub: Vec::new(),
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Item, A::Error> {
        Ok(Item {
            text: InlinesVisitor.visit_seq(seq)?,
            sub: Vec::new(),
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
        let mut text = None;
        let mut sub = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "text" => text = Some(map.next_value::<Inlines>()?),
                "sub" => sub = map.next_value::<Vec<Block>>()?,
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown field {other:?} in a list item, expected \"text\" or \"sub\""
                    )));
                }
            }
        }
        let text =
            text.ok_or_else(|| de::Error::custom("missing field \"text\" in a list item"))?;
        Ok(Item { text, sub })
    }
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemVisitor)
    }
}
