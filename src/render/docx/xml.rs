//! The small XML tree every part the DOCX writer touches goes through: parse a part
//! (text and attribute values kept exactly as escaped in the source), change it, write it
//! back, and build elements (attribute values escaped here). The fix-ups ([`super::fixup`]),
//! the origin marks, the section properties and the directly written parts use it; none
//! of them writes markup by hand around text it did not escape with [`escape`]. Knows
//! nothing of WordprocessingML: no element name is special here.

use std::fmt::Write as _;

use quick_xml::Reader;
use quick_xml::events::Event;

/// A node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// An element.
    Element(Element),
    /// Character data, kept escaped exactly as read (entity references included).
    Text(String),
    /// A comment, processing instruction or CDATA section, kept verbatim (with delimiters).
    Raw(String),
}

/// An element: qualified name, attributes (values kept escaped) and children.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element {
    /// Qualified name ("w:p").
    pub name: String,
    /// Attributes in source order, values escaped.
    pub attrs: Vec<(String, String)>,
    /// Children in order.
    pub children: Vec<Node>,
}

impl Element {
    /// A new element without attributes or children.
    pub fn new(name: &str) -> Self {
        Element {
            name: name.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Builder: add an attribute (the value is escaped here).
    pub fn attr(mut self, key: &str, value: &str) -> Self {
        self.set_attr(key, value);
        self
    }

    /// Builder: add a child element.
    pub fn child(mut self, e: Element) -> Self {
        self.children.push(Node::Element(e));
        self
    }

    /// The escaped value of an attribute.
    pub fn get_attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Set (or replace) an attribute; `value` is given unescaped.
    pub fn set_attr(&mut self, key: &str, value: &str) {
        let v = escape(value);
        match self.attrs.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = v,
            None => self.attrs.push((key.to_string(), v)),
        }
    }

    /// Remove an attribute.
    pub fn remove_attr(&mut self, key: &str) {
        self.attrs.retain(|(k, _)| k != key);
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// Child elements, mutable.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// The first child element of that name.
    pub fn find(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first child element of that name, mutable.
    pub fn find_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// The first child element of that name, created (appended) when missing.
    pub fn find_or_insert(&mut self, name: &str) -> &mut Element {
        let idx = self
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if e.name == name));
        let idx = match idx {
            Some(i) => i,
            None => {
                self.children.push(Node::Element(Element::new(name)));
                self.children.len() - 1
            }
        };
        match &mut self.children[idx] {
            Node::Element(e) => e,
            _ => unreachable!("index points at an element"),
        }
    }

    /// Remove every child element of that name.
    pub fn remove_children(&mut self, name: &str) {
        self.children
            .retain(|n| !matches!(n, Node::Element(e) if e.name == name));
    }

    /// Visit this element and all descendants, parents first.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Element)) {
        f(self);
        for c in self.elements_mut() {
            c.walk_mut(f);
        }
    }

    /// Visit this element and all descendants, parents first.
    pub fn walk(&self, f: &mut dyn FnMut(&Element)) {
        f(self);
        for c in self.elements() {
            c.walk(f);
        }
    }

    /// The element's own character data, unescaped.
    #[cfg(test)]
    pub fn text_content(&self) -> String {
        let mut s = String::new();
        for c in &self.children {
            if let Node::Text(t) = c {
                s.push_str(&unescape(t));
            }
        }
        s
    }

    /// The concatenated text of all descendant `w:t` elements (unescaped).
    #[cfg(test)]
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.walk(&mut |e| {
            if e.name == "w:t" {
                for c in &e.children {
                    if let Node::Text(t) = c {
                        s.push_str(&unescape(t));
                    }
                }
            }
        });
        s
    }
}

/// A parsed part: its root element (the XML declaration is written anew).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct XmlPart {
    /// The root element.
    pub root: Element,
}

/// Escape text for an attribute value or character data.
pub(crate) fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

/// Undo [`escape`] and the other predefined and numeric references (for tests and checks).
#[cfg(test)]
pub(crate) fn unescape(s: &str) -> String {
    match quick_xml::escape::unescape(s) {
        Ok(c) => c.into_owned(),
        Err(_) => s.to_string(),
    }
}

/// Parse a part.
pub(crate) fn parse(bytes: &[u8]) -> Result<XmlPart, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("part is not UTF-8: {e}"))?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let utf8 = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("XML error at {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(s) | Event::Empty(s) if root.is_some() => {
                return Err(format!("second root element <{}>", utf8(s.name().as_ref())));
            }
            Event::Start(s) => {
                stack.push(start_element(&s)?);
            }
            Event::Empty(s) => {
                let e = start_element(&s)?;
                push_node(&mut stack, &mut root, Node::Element(e));
            }
            Event::End(_) => {
                let e = stack.pop().ok_or("unbalanced end tag")?;
                push_node(&mut stack, &mut root, Node::Element(e));
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    push_text(top, &utf8(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    push_text(top, &format!("&{};", utf8(&r)));
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.children
                        .push(Node::Raw(format!("<![CDATA[{}]]>", utf8(&c))));
                }
            }
            Event::Comment(c) => {
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Raw(format!("<!--{}-->", utf8(&c))));
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err("unclosed element at end of part".into());
    }
    root.map(|root| XmlPart { root })
        .ok_or_else(|| "part has no root element".into())
}

fn start_element(s: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let mut e = Element::new(&String::from_utf8_lossy(s.name().as_ref()));
    for a in s.attributes().with_checks(false) {
        let a = a.map_err(|err| format!("bad attribute: {err}"))?;
        e.attrs.push((
            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
            String::from_utf8_lossy(&a.value).into_owned(),
        ));
    }
    Ok(e)
}

fn push_text(top: &mut Element, t: &str) {
    if let Some(Node::Text(prev)) = top.children.last_mut() {
        prev.push_str(t);
    } else {
        top.children.push(Node::Text(t.to_string()));
    }
}

fn push_node(stack: &mut [Element], root: &mut Option<Element>, n: Node) {
    match stack.last_mut() {
        Some(top) => top.children.push(n),
        None => {
            if let Node::Element(e) = n {
                *root = Some(e);
            }
        }
    }
}

/// Write a part back, with a standalone XML declaration.
pub(crate) fn serialize(part: &XmlPart) -> Vec<u8> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    write_element(&mut out, &part.root);
    out.into_bytes()
}

fn write_element(out: &mut String, e: &Element) {
    out.push('<');
    out.push_str(&e.name);
    for (k, v) in &e.attrs {
        let _ = write!(out, " {k}=\"{v}\"");
    }
    if e.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for c in &e.children {
        match c {
            Node::Element(ch) => write_element(out, ch),
            Node::Text(t) | Node::Raw(t) => out.push_str(t),
        }
    }
    out.push_str("</");
    out.push_str(&e.name);
    out.push('>');
}

/// Parse a fragment holding exactly one element (namespace prefixes need not be declared).
#[cfg(test)]
pub(crate) fn parse_fragment(xml: &str) -> Result<Element, String> {
    parse(xml.as_bytes()).map(|p| p.root)
}

impl Element {
    /// The child element of that name, inserted as the first child when missing.
    pub fn find_or_insert_first(&mut self, name: &str) -> &mut Element {
        if !self
            .children
            .iter()
            .any(|n| matches!(n, Node::Element(e) if e.name == name))
        {
            self.children.insert(0, Node::Element(Element::new(name)));
        }
        self.find_mut(name).expect("inserted above")
    }
}

/// Append a child element to the root of a part (used for the theme relationship and
/// content-type override that docx-rs does not write).
pub(crate) fn append_to_root(bytes: &[u8], child: Element) -> Result<Vec<u8>, String> {
    let mut part = parse(bytes)?;
    part.root.children.push(Node::Element(child));
    Ok(serialize(&part))
}

/// Remove the root's child elements that match (used for content-type overrides of parts
/// left out of the package).
pub(crate) fn remove_from_root(
    bytes: &[u8],
    drop: &dyn Fn(&Element) -> bool,
) -> Result<Vec<u8>, String> {
    let mut part = parse(bytes)?;
    part.root
        .children
        .retain(|n| !matches!(n, Node::Element(e) if drop(e)));
    Ok(serialize(&part))
}

/// Helpers for the tests of the modules that edit XML.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// An element from a fragment of XML.
    pub fn el(xml: &str) -> Element {
        parse_fragment(xml).expect("fragment parses")
    }

    /// An element serialised, without the XML declaration.
    pub fn out(e: &Element) -> String {
        let s = String::from_utf8(serialize(&XmlPart { root: e.clone() })).expect("utf8");
        s.split_once('\n').expect("decl").1.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{el, out};
    use super::*;

    #[test]
    fn round_trip_keeps_escapes_and_entities() {
        let src = r#"<w:t a="x &amp; &quot;y&quot;">a &lt;b&gt; &amp; c&#x41;</w:t>"#;
        assert_eq!(out(&el(src)), src);
        assert_eq!(el(src).text(), "a <b> & cA");
    }

    #[test]
    fn round_trip_empty_and_nested() {
        let src = r#"<a><b/><c x="1">t<!--k--></c></a>"#;
        assert_eq!(out(&el(src)), src);
    }

    #[test]
    fn remove_child_of_root() {
        let got = remove_from_root(br#"<R><a k="1"/><a k="2"/><b/></R>"#, &|e| {
            e.get_attr("k") == Some("1")
        })
        .expect("ok");
        assert!(
            String::from_utf8(got)
                .expect("utf8")
                .ends_with(r#"<R><a k="2"/><b/></R>"#)
        );
    }

    #[test]
    fn append_child_to_root() {
        let got = append_to_root(
            br#"<?xml version="1.0"?><R><a/></R>"#,
            Element::new("b").attr("k", "<v>"),
        )
        .expect("ok");
        assert!(
            String::from_utf8(got)
                .expect("utf8")
                .ends_with(r#"<R><a/><b k="&lt;v&gt;"/></R>"#)
        );
    }
}
