//! A serde `Deserializer` over the positioned JSON tree ([`Node`]) that reports problems
//! instead of stopping at the first: a wrong type, a bad decimal or date, an unknown field
//! or value, or a missing field is recorded with its position and field path, a neutral
//! stand-in value is used, and reading goes on. So one `check` run lists every problem.
//!
//! Conventions (the bundle types follow them): an absent `Option` is `None`; an absent list
//! or map is empty; any other absent field is an error. Unknown fields are errors with a
//! "did you mean" suggestion. Decimals, dates and years are recognised by their newtype
//! names (see `scalar.rs`) and parsed here exactly.

use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess, VariantAccess,
    Visitor,
};
use serde::forward_to_deserialize_any;

use super::diag::{child, did_you_mean};
use super::json::{Node, Pos, Value};
use super::scalar::{DATE_NAME, DEC_NAME, Date, YEAR_NAME, Year, parse_dec};

/// Problems recorded while reading: position, path, message.
#[derive(Default)]
pub struct Recorder {
    /// Recorded problems in reading order.
    pub problems: RefCell<Vec<(Pos, String, String)>>,
}

impl Recorder {
    fn push(&self, pos: Pos, path: &str, msg: impl Into<String>) {
        self.problems
            .borrow_mut()
            .push((pos, path.to_string(), msg.into()));
    }
}

/// Error that stops reading (a visitor refused even the stand-in value). Carries whether it
/// was already recorded.
#[derive(Debug)]
pub struct DeError {
    msg: String,
    recorded: bool,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            msg: msg.to_string(),
            recorded: false,
        }
    }
}

/// Deserialise `T` from `node`, recording every problem in `rec`. Returns `None` when
/// reading had to stop early (the problem is recorded).
pub fn read<'de, T: de::Deserialize<'de>>(node: &Node, rec: &Recorder) -> Option<T> {
    let d = NodeDe {
        node: Some(node),
        pos: node.pos,
        path: String::new(),
        rec,
        quiet: false,
    };
    match T::deserialize(d) {
        Ok(v) => Some(v),
        Err(e) => {
            if !e.recorded {
                rec.push(node.pos, "", e.msg);
            }
            None
        }
    }
}

/// Deserializer for one node; `node: None` is a field absent from its object.
struct NodeDe<'a> {
    node: Option<&'a Node>,
    /// Position of the node, or of the parent object when absent.
    pos: Pos,
    path: String,
    rec: &'a Recorder,
    /// Inside a stand-in for something already reported: report nothing more.
    quiet: bool,
}

struct Expecting<'v, V>(&'v V);

impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

impl<'a> NodeDe<'a> {
    fn value(&self) -> Option<&'a Value> {
        self.node.map(|n| &n.value)
    }

    fn report(&self, msg: impl Into<String>) {
        if !self.quiet {
            self.rec.push(self.pos, &self.path, msg);
        }
    }

    fn missing(&self) {
        self.report("missing field (it is required)");
    }

    fn wrong(&self, expected: &str) {
        match self.value() {
            None => self.missing(),
            Some(v) => self.report(format!("expected {expected}, found {}", v.describe())),
        }
    }

    /// A stand-in deserializer for a value already reported: absent and quiet.
    fn stand_in(&self) -> NodeDe<'a> {
        NodeDe {
            node: None,
            pos: self.pos,
            path: self.path.clone(),
            rec: self.rec,
            quiet: true,
        }
    }

    fn settle<T>(&self, r: Result<T, DeError>) -> Result<T, DeError> {
        r.map_err(|mut e| {
            if !e.recorded {
                if !self.quiet {
                    self.rec.push(self.pos, &self.path, e.msg.clone());
                }
                e.recorded = true;
            }
            e
        })
    }

    fn int<'de, V: Visitor<'de>>(self, v: V, min: i128, max: i128) -> Result<V::Value, DeError> {
        let n = match self.value() {
            Some(Value::Number(raw)) => {
                raw.parse::<i128>().ok().filter(|n| (min..=max).contains(n))
            }
            _ => None,
        };
        let r = match n {
            Some(n) if n < 0 => v.visit_i64(n as i64),
            Some(n) => v.visit_u64(n as u64),
            None => {
                self.wrong(&format!("a whole number from {min} to {max}"));
                v.visit_u64(0)
            }
        };
        self.settle(r)
    }

    fn seq_of(&self, items: &'a [Node]) -> Seq<'a> {
        Seq {
            items: items.iter(),
            index: 0,
            path: self.path.clone(),
            rec: self.rec,
            quiet: self.quiet,
        }
    }
}

macro_rules! ints {
    ($($m:ident: $t:ty),*) => {$(
        fn $m<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
            self.int(v, <$t>::MIN as i128, <$t>::MAX as i128)
        }
    )*};
}

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        // Only the text types (Inlines, Span, Item) ask for "any"; all of them take text.
        let r = match self.value() {
            Some(Value::String(s)) => v.visit_str(s),
            Some(Value::Array(items)) => v.visit_seq(self.seq_of(items)),
            Some(Value::Object(fields)) => v.visit_map(Map {
                fields: fields.iter(),
                pending: None,
                path: self.path.clone(),
                rec: self.rec,
                quiet: self.quiet,
            }),
            _ => {
                self.wrong(&Expecting(&v).to_string());
                v.visit_str("")
            }
        };
        self.settle(r)
    }

    ints!(deserialize_i8: i8, deserialize_i16: i16, deserialize_i32: i32, deserialize_i64: i64,
          deserialize_u8: u8, deserialize_u16: u16, deserialize_u32: u32, deserialize_u64: u64);

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match self.value() {
            Some(Value::Bool(b)) => v.visit_bool(*b),
            _ => {
                self.wrong("true or false");
                v.visit_bool(false)
            }
        };
        self.settle(r)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, _: V) -> Result<V::Value, DeError> {
        Err(de::Error::custom("floating point is not used in bundles"))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, _: V) -> Result<V::Value, DeError> {
        Err(de::Error::custom("floating point is not used in bundles"))
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match self.value() {
            Some(Value::String(s)) => v.visit_str(s),
            _ => {
                self.wrong("text in double quotes");
                v.visit_str("")
            }
        };
        self.settle(r)
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value, DeError> {
        Err(de::Error::custom("bytes are not used in bundles"))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value, DeError> {
        Err(de::Error::custom("bytes are not used in bundles"))
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.value() {
            None | Some(Value::Null) => v.visit_none(),
            Some(_) => v.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        v.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        let (parsed, stand_in): (Result<String, String>, &str) = match name {
            DEC_NAME => (
                match self.value() {
                    Some(Value::Number(raw)) => parse_dec(raw, false).map(|d| d.to_string()),
                    Some(Value::String(s)) => parse_dec(s, true).map(|d| d.to_string()),
                    other => Err(match other {
                        None => String::new(),
                        Some(v) => format!("expected a decimal number, found {}", v.describe()),
                    }),
                },
                "0",
            ),
            DATE_NAME => (
                match self.value() {
                    Some(Value::String(s)) => Date::parse(s).map(|d| d.to_string()),
                    other => Err(match other {
                        None => String::new(),
                        Some(v) => {
                            format!("expected a date \"YYYY-MM-DD\", found {}", v.describe())
                        }
                    }),
                },
                "2000-01-01",
            ),
            YEAR_NAME => (
                match self.value() {
                    Some(Value::Number(s) | Value::String(s)) => {
                        Year::parse(s).map(|y| y.to_string())
                    }
                    other => Err(match other {
                        None => String::new(),
                        Some(v) => format!("expected a year, found {}", v.describe()),
                    }),
                },
                "2000",
            ),
            _ => return v.visit_newtype_struct(self),
        };
        let r = match parsed {
            Ok(text) => v.visit_str(&text),
            Err(msg) => {
                if msg.is_empty() {
                    self.missing();
                } else {
                    self.report(msg);
                }
                v.visit_str(stand_in)
            }
        };
        self.settle(r)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match self.value() {
            Some(Value::Array(items)) => v.visit_seq(self.seq_of(items)),
            None => v.visit_seq(self.seq_of(&[])),
            Some(_) => {
                self.wrong("a list [ … ]");
                v.visit_seq(self.seq_of(&[]))
            }
        };
        self.settle(r)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let fields: &[(String, Pos, Node)] = match self.value() {
            Some(Value::Object(fields)) => fields,
            None => &[],
            Some(_) => {
                self.wrong("an object { … }");
                &[]
            }
        };
        let r = v.visit_map(Map {
            fields: fields.iter(),
            pending: None,
            path: self.path.clone(),
            rec: self.rec,
            quiet: self.quiet,
        });
        self.settle(r)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        names: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let (present, quiet): (&[(String, Pos, Node)], bool) = match self.value() {
            Some(Value::Object(fields)) => (fields, self.quiet),
            _ => {
                self.wrong("an object { … }");
                (&[], true)
            }
        };
        let r = v.visit_map(Struct {
            names,
            present: present.iter(),
            absent: names.iter(),
            seen: Vec::new(),
            pending: None,
            pos: self.pos,
            path: self.path.clone(),
            rec: self.rec,
            quiet,
        });
        self.settle(r)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let unknown = |name: &str| not_one_of("value", name, variants);
        let fallback = variants.first().copied().unwrap_or("");
        let (name, value, quiet) = match self.value() {
            Some(Value::String(s)) if variants.contains(&s.as_str()) => (s.as_str(), None, false),
            Some(Value::String(s)) => {
                self.report(unknown(s));
                (fallback, None, true)
            }
            Some(Value::Object(f)) if f.len() == 1 => {
                let (k, kpos, node) = &f[0];
                if variants.contains(&k.as_str()) {
                    (k.as_str(), Some((node, *kpos, k.as_str())), false)
                } else {
                    if !self.quiet {
                        self.rec.push(*kpos, &child(&self.path, k), unknown(k));
                    }
                    (fallback, None, true)
                }
            }
            _ => {
                let known: Vec<String> = variants.iter().map(|s| format!("\"{s}\"")).collect();
                self.wrong(&format!("one of {}", known.join(", ")));
                (fallback, None, true)
            }
        };
        let r = v.visit_enum(Enum {
            name,
            value: value.map(|(n, _, k)| NodeDe {
                node: Some(n),
                pos: n.pos,
                path: child(&self.path, k),
                rec: self.rec,
                quiet: self.quiet,
            }),
            stand_in: NodeDe {
                quiet: quiet || self.quiet,
                ..self.stand_in()
            },
        });
        self.settle(r)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_unit()
    }
}

struct Seq<'a> {
    items: std::slice::Iter<'a, Node>,
    index: usize,
    path: String,
    rec: &'a Recorder,
    quiet: bool,
}

impl<'de, 'a> SeqAccess<'de> for Seq<'a> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let path = child(&self.path, &format!("[{}]", self.index));
        self.index += 1;
        seed.deserialize(NodeDe {
            node: Some(node),
            pos: node.pos,
            path,
            rec: self.rec,
            quiet: self.quiet,
        })
        .map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// Free-form map (year → value): keys go through [`KeyDe`].
struct Map<'a> {
    fields: std::slice::Iter<'a, (String, Pos, Node)>,
    pending: Option<(&'a str, &'a Node)>,
    path: String,
    rec: &'a Recorder,
    quiet: bool,
}

impl<'de, 'a> MapAccess<'de> for Map<'a> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((k, kpos, node)) = self.fields.next() else {
            return Ok(None);
        };
        self.pending = Some((k, node));
        seed.deserialize(KeyDe {
            key: k,
            pos: *kpos,
            path: child(&self.path, k),
            rec: self.rec,
            quiet: self.quiet,
        })
        .map(Some)
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        let (k, node) = self
            .pending
            .take()
            .ok_or_else(|| de::Error::custom("value before key"))?;
        seed.deserialize(NodeDe {
            node: Some(node),
            pos: node.pos,
            path: child(&self.path, k),
            rec: self.rec,
            quiet: self.quiet,
        })
    }
}

/// Struct fields: present known fields, then the absent ones (as absent nodes), so that
/// each type decides what absence means. Unknown fields are reported and skipped.
struct Struct<'a> {
    names: &'static [&'static str],
    present: std::slice::Iter<'a, (String, Pos, Node)>,
    absent: std::slice::Iter<'static, &'static str>,
    seen: Vec<&'a str>,
    pending: Option<NodeDe<'a>>,
    pos: Pos,
    path: String,
    rec: &'a Recorder,
    quiet: bool,
}

impl<'de, 'a> MapAccess<'de> for Struct<'a> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        for (k, kpos, node) in self.present.by_ref() {
            if !self.names.contains(&k.as_str()) {
                if !self.quiet {
                    let hint = did_you_mean(k, self.names.iter().copied())
                        .map(|s| format!(" (did you mean \"{s}\"?)"))
                        .unwrap_or_else(|| format!(" (known fields: {})", self.names.join(", ")));
                    self.rec
                        .push(*kpos, &child(&self.path, k), format!("unknown field{hint}"));
                }
                continue;
            }
            self.seen.push(k);
            self.pending = Some(NodeDe {
                node: Some(node),
                pos: node.pos,
                path: child(&self.path, k),
                rec: self.rec,
                quiet: self.quiet,
            });
            return seed.deserialize(k.as_str().into_deserializer()).map(Some);
        }
        for name in self.absent.by_ref() {
            if self.seen.contains(name) {
                continue;
            }
            self.pending = Some(NodeDe {
                node: None,
                pos: self.pos,
                path: child(&self.path, name),
                rec: self.rec,
                quiet: self.quiet,
            });
            return seed.deserialize((*name).into_deserializer()).map(Some);
        }
        Ok(None)
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        let d = self
            .pending
            .take()
            .ok_or_else(|| de::Error::custom("value before key"))?;
        seed.deserialize(d)
    }
}

/// "unknown value \"x\", expected one of \"a\", \"b\" (did you mean \"a\"?)".
fn not_one_of(what: &str, name: &str, variants: &[&str]) -> String {
    let hint = did_you_mean(name, variants.iter().copied())
        .map(|s| format!(" (did you mean \"{s}\"?)"))
        .unwrap_or_default();
    let known: Vec<String> = variants.iter().map(|s| format!("\"{s}\"")).collect();
    format!(
        "unknown {what} {name:?}, expected one of {}{hint}",
        known.join(", ")
    )
}

/// A map key: text, or a year.
struct KeyDe<'a> {
    key: &'a str,
    pos: Pos,
    path: String,
    rec: &'a Recorder,
    quiet: bool,
}

impl<'de> de::Deserializer<'de> for KeyDe<'_> {
    type Error = DeError;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_str(self.key)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        if name == YEAR_NAME {
            match Year::parse(self.key) {
                Ok(_) => v.visit_str(self.key),
                Err(msg) => {
                    if !self.quiet {
                        self.rec.push(self.pos, &self.path, msg);
                    }
                    v.visit_str("2000")
                }
            }
        } else {
            v.visit_newtype_struct(self)
        }
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let name = if variants.contains(&self.key) {
            self.key
        } else {
            if !self.quiet {
                self.rec
                    .push(self.pos, &self.path, not_one_of("key", self.key, variants));
            }
            variants.first().copied().unwrap_or("")
        };
        v.visit_enum(name.into_deserializer())
    }
    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

struct Enum<'a> {
    name: &'a str,
    value: Option<NodeDe<'a>>,
    stand_in: NodeDe<'a>,
}

impl<'de, 'a> EnumAccess<'de> for Enum<'a> {
    type Error = DeError;
    type Variant = Variant<'a>;
    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Variant<'a>), DeError> {
        let v = seed.deserialize(self.name.into_deserializer())?;
        Ok((
            v,
            Variant {
                value: self.value,
                stand_in: self.stand_in,
            },
        ))
    }
}

struct Variant<'a> {
    value: Option<NodeDe<'a>>,
    stand_in: NodeDe<'a>,
}

impl<'de, 'a> VariantAccess<'de> for Variant<'a> {
    type Error = DeError;
    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        match self.value {
            Some(d) => seed.deserialize(d),
            None => {
                self.stand_in
                    .report("expected an object { \"kind\": value } for this value");
                seed.deserialize(self.stand_in.stand_in())
            }
        }
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, DeError> {
        let d = self.value.unwrap_or_else(|| self.stand_in.stand_in());
        de::Deserializer::deserialize_seq(d, v)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let d = self.value.unwrap_or_else(|| self.stand_in.stand_in());
        de::Deserializer::deserialize_struct(d, "", fields, v)
    }
}
