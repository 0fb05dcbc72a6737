//! Reading a DOCX back, bounded: the package (ZIP) with every entry's declared and real
//! size capped, and the XML parts with no DOCTYPE, no entity but the five predefined
//! ones (never an external one), limited nesting; then the body as the few things the
//! round trip needs: paragraphs (style, list numbering, runs with bold / italic /
//! underline, line breaks, figure content controls, the element bookmarks) and tables
//! (rows of cells of paragraphs), with tracked changes read as accepted and listed.
//!
//! It must never resolve an entity, follow a reference outside the package, or allocate
//! more than the caps allow; every refusal is one located message.

use std::collections::BTreeMap;
use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;

/// Largest size of one part, declared or read (bytes).
pub const MAX_ENTRY: u64 = 64 << 20;
/// Largest total of the parts read (bytes).
pub const MAX_TOTAL: u64 = 256 << 20;
/// Largest number of entries in the package.
pub const MAX_ENTRIES: usize = 10_000;
/// Deepest XML nesting accepted.
pub const MAX_DEPTH: usize = 256;

/// A refusal: where (part and line:col when known) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// `word/document.xml:12:5`, or empty for the package itself.
    pub at: String,
    /// What is wrong.
    pub message: String,
}

impl ReadError {
    fn new(at: impl Into<String>, message: impl Into<String>) -> Self {
        ReadError {
            at: at.into(),
            message: message.into(),
        }
    }
}

/// A tiny XML element: name (qualified), attributes and children (unescaped).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct El {
    /// Qualified name.
    pub name: String,
    /// Attributes, unescaped.
    pub attrs: Vec<(String, String)>,
    /// Children.
    pub children: Vec<Xn>,
}

/// A node.
#[derive(Debug, Clone, PartialEq)]
pub enum Xn {
    /// An element.
    E(El),
    /// Text (unescaped).
    T(String),
}

impl El {
    /// An attribute's value.
    pub fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Xn::E(e) => Some(e),
            Xn::T(_) => None,
        })
    }

    /// The first child of that name.
    pub fn find(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// The text of the element's own text children.
    pub fn own_text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Xn::T(t) => Some(t.as_str()),
                Xn::E(_) => None,
            })
            .collect()
    }

    /// Every descendant of that name, in document order.
    pub fn descendants<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.descendants(name, out);
        }
    }
}

fn line_col(bytes: &[u8], pos: usize) -> (usize, usize) {
    let upto = &bytes[..pos.min(bytes.len())];
    let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
    let start = upto.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&upto[start..]).chars().count() + 1;
    (line, col)
}

/// Parse an XML part into a tree. Refused: a DOCTYPE (so no entity can be declared), an
/// entity reference other than the predefined ones and character references, nesting
/// deeper than [`MAX_DEPTH`], malformed XML.
pub fn parse_xml(part: &str, bytes: &[u8]) -> Result<El, ReadError> {
    let mut r = Reader::from_reader(bytes);
    let at = |pos: usize| {
        let (l, c) = line_col(bytes, pos);
        format!("{part}:{l}:{c}")
    };
    let mut stack: Vec<El> = vec![El::default()];
    let mut buf = Vec::new();
    loop {
        let pos = r.buffer_position() as usize;
        let ev = r
            .read_event_into(&mut buf)
            .map_err(|e| ReadError::new(at(pos), format!("not well-formed XML ({e})")))?;
        match ev {
            Event::DocType(_) => {
                return Err(ReadError::new(
                    at(pos),
                    "a DOCTYPE (entity declarations) is not accepted in a DOCX part",
                ));
            }
            Event::Start(s) | Event::Empty(s) if stack.len() > MAX_DEPTH => {
                let _ = s;
                return Err(ReadError::new(at(pos), "XML nested too deeply"));
            }
            Event::Start(s) => {
                let el = element(&s).map_err(|m| ReadError::new(at(pos), m))?;
                stack.push(el);
            }
            Event::Empty(s) => {
                let el = element(&s).map_err(|m| ReadError::new(at(pos), m))?;
                if let Some(top) = stack.last_mut() {
                    top.children.push(Xn::E(el));
                }
            }
            Event::End(_) => {
                let el = stack.pop().unwrap_or_default();
                match stack.last_mut() {
                    Some(top) => top.children.push(Xn::E(el)),
                    None => return Err(ReadError::new(at(pos), "unbalanced end tag")),
                }
            }
            Event::Text(t) => {
                let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                push_text(&mut stack, &raw);
            }
            Event::GeneralRef(g) => {
                let name = String::from_utf8_lossy(g.as_ref()).into_owned();
                let text = match name.as_str() {
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "amp" => "&".to_string(),
                    "apos" => "'".to_string(),
                    "quot" => "\"".to_string(),
                    n if n.starts_with('#') => char_ref(&n[1..]).ok_or_else(|| {
                        ReadError::new(at(pos), format!("invalid character reference &{n};"))
                    })?,
                    n => {
                        return Err(ReadError::new(
                            at(pos),
                            format!(
                                "entity reference &{n}; is not accepted (entities are never resolved)"
                            ),
                        ));
                    }
                };
                push_text(&mut stack, &text);
            }
            Event::CData(c) => {
                let raw = String::from_utf8_lossy(c.as_ref()).into_owned();
                push_text(&mut stack, &raw);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let mut doc = stack.pop().unwrap_or_default();
    if !stack.is_empty() {
        return Err(ReadError::new(
            at(bytes.len()),
            "the XML ends inside an element",
        ));
    }
    doc.children.retain(|n| matches!(n, Xn::E(_)));
    match doc.children.pop() {
        Some(Xn::E(root)) => Ok(root),
        _ => Err(ReadError::new(format!("{part}:1:1"), "no root element")),
    }
}

fn push_text(stack: &mut [El], s: &str) {
    if let Some(top) = stack.last_mut() {
        match top.children.last_mut() {
            Some(Xn::T(t)) => t.push_str(s),
            _ => top.children.push(Xn::T(s.to_string())),
        }
    }
}

fn char_ref(n: &str) -> Option<String> {
    let v = match n.strip_prefix('x').or_else(|| n.strip_prefix('X')) {
        Some(h) => u32::from_str_radix(h, 16).ok()?,
        None => n.parse().ok()?,
    };
    char::from_u32(v).map(String::from)
}

fn unescape_attr(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let j = after
            .find(';')
            .ok_or_else(|| format!("unterminated reference in attribute value {raw:?}"))?;
        let name = &after[..j];
        match name {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "apos" => out.push('\''),
            "quot" => out.push('"'),
            n if n.starts_with('#') => out
                .push_str(&char_ref(&n[1..]).ok_or(format!("invalid character reference &{n};"))?),
            n => {
                return Err(format!(
                    "entity reference &{n}; is not accepted (entities are never resolved)"
                ));
            }
        }
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn element(s: &quick_xml::events::BytesStart) -> Result<El, String> {
    let name = String::from_utf8_lossy(s.name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| format!("bad attribute ({e})"))?;
        let k = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let v = unescape_attr(&String::from_utf8_lossy(&a.value))?;
        attrs.push((k, v));
    }
    Ok(El {
        name,
        attrs,
        children: Vec::new(),
    })
}

/// The parts of a package that the round trip reads, by name.
pub struct Package {
    /// Part name → bytes.
    pub parts: BTreeMap<String, Vec<u8>>,
}

/// The parts a DOCX made by lkjip is read for.
const WANTED: [&str; 4] = [
    "word/document.xml",
    "word/numbering.xml",
    "word/comments.xml",
    "docProps/custom.xml",
];

/// Open the package: a ZIP whose entries are within the caps; the wanted parts read.
pub fn open(bytes: &[u8]) -> Result<Package, ReadError> {
    if !bytes.starts_with(b"PK") {
        return Err(ReadError::new(
            "",
            "not a DOCX file (a DOCX is a ZIP package; this file does not start like one)",
        ));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        ReadError::new(
            "",
            format!("not a readable DOCX package: truncated or damaged ZIP ({e})"),
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(ReadError::new(
            "",
            format!(
                "the package has {} entries, more than the {MAX_ENTRIES} accepted",
                zip.len()
            ),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| {
            ReadError::new("", format!("entry {i} of the package is damaged ({e})"))
        })?;
        if f.size() > MAX_ENTRY {
            return Err(ReadError::new(
                f.name().to_string(),
                format!(
                    "declared size {} bytes is more than the {} accepted for one part (a ZIP bomb?)",
                    f.size(),
                    MAX_ENTRY
                ),
            ));
        }
        total = total.saturating_add(f.size());
    }
    if total > MAX_TOTAL {
        return Err(ReadError::new(
            "",
            format!("the parts declare {total} bytes in all, more than the {MAX_TOTAL} accepted"),
        ));
    }
    let mut parts = BTreeMap::new();
    for name in WANTED {
        let Ok(f) = zip.by_name(name) else { continue };
        let declared = f.size();
        let mut data = Vec::with_capacity(declared.min(MAX_ENTRY) as usize);
        f.take(MAX_ENTRY + 1).read_to_end(&mut data).map_err(|e| {
            ReadError::new(name, format!("cannot be read: truncated or damaged ({e})"))
        })?;
        if data.len() as u64 > declared || data.len() as u64 > MAX_ENTRY {
            return Err(ReadError::new(
                name,
                "inflates to more than its declared size (a ZIP bomb?)",
            ));
        }
        parts.insert(name.to_string(), data);
    }
    if !parts.contains_key("word/document.xml") {
        return Err(ReadError::new(
            "",
            "not a Word document: the package has no word/document.xml",
        ));
    }
    Ok(Package { parts })
}

/// One piece of a paragraph's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Text with its emphasis.
    Text {
        /// The text.
        text: String,
        /// Bold.
        b: bool,
        /// Italic.
        i: bool,
        /// Underlined.
        u: bool,
    },
    /// A line break.
    Break,
    /// A figure content control: its name (tag, else alias; `None` when both were lost)
    /// and what it holds.
    Figure {
        /// The figure's placeholder name.
        name: Option<String>,
        /// Its content.
        pieces: Vec<Piece>,
    },
    /// A picture or other object that is not text.
    Object,
}

/// A paragraph as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Para {
    /// The element bookmark: (n, k) of `_lkjip_<n>[_<k>]`.
    pub mark: Option<(usize, usize)>,
    /// Paragraph style id.
    pub style: Option<String>,
    /// List numbering: (numId, level).
    pub num: Option<(String, usize)>,
    /// Left indent in twips, when set on the paragraph.
    pub indent: i64,
    /// An element bookmark that starts after this paragraph's text (LibreOffice moves the
    /// start of the next paragraph's bookmark there across a section break).
    pub carry: Option<(usize, usize)>,
    /// Content.
    pub pieces: Vec<Piece>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// Paragraphs (nested tables are flattened into their paragraphs).
    pub paras: Vec<Para>,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tbl {
    /// The element bookmark, found in its first cell.
    pub mark: Option<(usize, usize)>,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
}

/// A body element.
#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    /// A paragraph.
    P(Para),
    /// A table.
    T(Tbl),
}

impl Elem {
    /// The element bookmark.
    pub fn mark(&self) -> Option<(usize, usize)> {
        match self {
            Elem::P(p) => p.mark,
            Elem::T(t) => t.mark,
        }
    }
}

/// A DOCX read back.
#[derive(Debug, Clone, Default)]
pub struct Docx {
    /// Custom properties (name → text).
    pub properties: BTreeMap<String, String>,
    /// Body elements in order.
    pub body: Vec<Elem>,
    /// Tracked changes met, as accepted: ("inserted"/"deleted", text), in order, with
    /// the index of the body element they are in.
    pub tracked: Vec<(usize, &'static str, String)>,
    /// Comments in the file.
    pub comments: usize,
    /// numId → its numbering.
    pub lists: BTreeMap<String, NumInfo>,
}

/// Plain text of pieces (a break as a space; a figure's content).
pub fn pieces_text(ps: &[Piece]) -> String {
    let mut s = String::new();
    for p in ps {
        match p {
            Piece::Text { text, .. } => s.push_str(text),
            Piece::Break => s.push(' '),
            Piece::Figure { pieces, .. } => s.push_str(&pieces_text(pieces)),
            Piece::Object => {}
        }
    }
    s
}

impl Para {
    /// Plain text.
    pub fn text(&self) -> String {
        pieces_text(&self.pieces)
    }
}

impl Cell {
    /// Plain text of the cell (paragraphs joined by a space).
    pub fn text(&self) -> String {
        self.paras
            .iter()
            .map(Para::text)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn on(e: Option<&El>) -> bool {
    e.is_some_and(|e| !matches!(e.attr("w:val"), Some("0" | "false" | "none" | "off")))
}

struct Walker<'a> {
    tracked: &'a mut Vec<(usize, &'static str, String)>,
    element: usize,
}

impl Walker<'_> {
    fn mark_of(name: &str) -> Option<(usize, usize)> {
        let rest = name.strip_prefix("_lkjip_")?;
        let mut it = rest.split('_');
        let n = it.next()?.parse().ok()?;
        let k = match it.next() {
            Some(k) => k.parse().ok()?,
            None => 0,
        };
        Some((n, k))
    }

    fn run(&mut self, r: &El, out: &mut Vec<Piece>) {
        let rpr = r.find("w:rPr");
        let (b, i, u) = (
            on(rpr.and_then(|p| p.find("w:b"))),
            on(rpr.and_then(|p| p.find("w:i"))),
            on(rpr.and_then(|p| p.find("w:u"))),
        );
        for c in r.elements() {
            match c.name.as_str() {
                "w:t" => out.push(Piece::Text {
                    text: c.own_text(),
                    b,
                    i,
                    u,
                }),
                "w:tab" | "w:ptab" => out.push(Piece::Text {
                    text: "\t".into(),
                    b,
                    i,
                    u,
                }),
                "w:br" if !matches!(c.attr("w:type"), Some("page" | "column")) => {
                    out.push(Piece::Break)
                }
                "w:cr" => out.push(Piece::Break),
                "w:noBreakHyphen" => out.push(Piece::Text {
                    text: "\u{2011}".into(),
                    b,
                    i,
                    u,
                }),
                "w:drawing" | "w:pict" | "w:object" => out.push(Piece::Object),
                "mc:AlternateContent" => out.push(Piece::Object),
                _ => {}
            }
        }
    }

    /// Paragraph-level content (also that of `w:ins`, hyperlinks, run-level sdts …).
    fn inline(&mut self, parent: &El, p: &mut Para, out: &mut Vec<Piece>) {
        for c in parent.elements() {
            match c.name.as_str() {
                "w:r" => self.run(c, out),
                "w:ins" | "w:moveTo" => {
                    let mut ins = Vec::new();
                    self.inline(c, p, &mut ins);
                    self.tracked
                        .push((self.element, "inserted", pieces_text(&ins)));
                    out.extend(ins);
                }
                "w:del" | "w:moveFrom" => {
                    let mut t = String::new();
                    let mut dels = Vec::new();
                    c.descendants("w:delText", &mut dels);
                    for d in dels {
                        t.push_str(&d.own_text());
                    }
                    self.tracked.push((self.element, "deleted", t));
                }
                "w:hyperlink" | "w:smartTag" | "w:customXml" | "w:fldSimple" | "w:dir"
                | "w:bdo" => self.inline(c, p, out),
                "w:sdt" => {
                    let pr = c.find("w:sdtPr");
                    let name = pr
                        .and_then(|pr| pr.find("w:tag"))
                        .and_then(|t| t.attr("w:val"))
                        .or_else(|| {
                            pr.and_then(|pr| pr.find("w:alias"))
                                .and_then(|t| t.attr("w:val"))
                        })
                        .filter(|n| !n.is_empty())
                        .map(str::to_string);
                    let mut inner = Vec::new();
                    if let Some(content) = c.find("w:sdtContent") {
                        self.inline(content, p, &mut inner);
                    }
                    match name {
                        Some(n) => out.push(Piece::Figure {
                            name: Some(n),
                            pieces: inner,
                        }),
                        // an anonymous control (LibreOffice drops tags): its content
                        None => out.push(Piece::Figure {
                            name: None,
                            pieces: inner,
                        }),
                    }
                }
                "w:bookmarkStart" => {
                    if let Some(m) = c.attr("w:name").and_then(Self::mark_of) {
                        if out.is_empty() && p.mark.is_none() {
                            p.mark = Some(m);
                        } else if !out.is_empty() {
                            p.carry = Some(m);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, e: &El) -> Para {
        let mut p = Para::default();
        if let Some(ppr) = e.find("w:pPr") {
            p.style = ppr
                .find("w:pStyle")
                .and_then(|s| s.attr("w:val"))
                .map(str::to_string);
            if let Some(n) = ppr.find("w:numPr") {
                let id = n.find("w:numId").and_then(|x| x.attr("w:val"));
                let lvl = n
                    .find("w:ilvl")
                    .and_then(|x| x.attr("w:val"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                if let Some(id) = id.filter(|i| *i != "0") {
                    p.num = Some((id.to_string(), lvl));
                }
            }
            if let Some(ind) = ppr.find("w:ind") {
                p.indent = ind
                    .attr("w:left")
                    .or_else(|| ind.attr("w:start"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
            }
        }
        let mut pieces = Vec::new();
        self.inline(e, &mut p, &mut pieces);
        p.pieces = pieces;
        p
    }

    fn cell_content(&mut self, e: &El, cell: &mut Cell) {
        for c in e.elements() {
            match c.name.as_str() {
                "w:p" => cell.paras.push(self.paragraph(c)),
                "w:tbl" => {
                    for r in self.table(c).rows {
                        for x in r {
                            cell.paras.extend(x.paras);
                        }
                    }
                }
                "w:sdt" | "w:customXml" => {
                    if let Some(content) = c.find("w:sdtContent") {
                        self.cell_content(content, cell);
                    } else {
                        self.cell_content(c, cell);
                    }
                }
                _ => {}
            }
        }
    }

    fn rows(&mut self, e: &El, t: &mut Tbl) {
        for r in e.elements() {
            match r.name.as_str() {
                "w:tr" => {
                    let mut row = Vec::new();
                    self.cells(r, &mut row);
                    t.rows.push(row);
                }
                "w:sdt" | "w:customXml" => {
                    if let Some(content) = r.find("w:sdtContent") {
                        self.rows(content, t);
                    } else {
                        self.rows(r, t);
                    }
                }
                _ => {}
            }
        }
    }

    fn cells(&mut self, r: &El, row: &mut Vec<Cell>) {
        for c in r.elements() {
            match c.name.as_str() {
                "w:tc" => {
                    let mut cell = Cell::default();
                    self.cell_content(c, &mut cell);
                    row.push(cell);
                }
                "w:sdt" | "w:customXml" => {
                    if let Some(content) = c.find("w:sdtContent") {
                        self.cells(content, row);
                    } else {
                        self.cells(c, row);
                    }
                }
                _ => {}
            }
        }
    }

    fn table(&mut self, e: &El) -> Tbl {
        let mut t = Tbl::default();
        self.rows(e, &mut t);
        t.mark = t
            .rows
            .first()
            .and_then(|r| r.first())
            .and_then(|c| c.paras.first())
            .and_then(|p| p.mark);
        t
    }

    fn body(&mut self, e: &El, out: &mut Vec<Elem>) {
        for c in e.elements() {
            self.element = out.len();
            let carry = match out.last() {
                Some(Elem::P(p)) => p.carry,
                _ => None,
            };
            match c.name.as_str() {
                "w:p" => {
                    let mut p = self.paragraph(c);
                    if p.mark.is_none() {
                        p.mark = carry;
                    }
                    out.push(Elem::P(p));
                }
                "w:tbl" => out.push(Elem::T(self.table(c))),
                "w:sdt" => {
                    if let Some(content) = c.find("w:sdtContent") {
                        self.body(content, out);
                    }
                }
                "w:customXml" | "w:ins" | "w:moveTo" => self.body(c, out),
                _ => {}
            }
        }
    }
}

/// A list numbering (`w:num`) as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumInfo {
    /// Its abstract numbering id.
    pub abstract_id: String,
    /// Level → list style text ("a.", "1)", "-" …).
    pub levels: BTreeMap<usize, String>,
    /// Levels whose numbering restarts here (`w:startOverride`): a new list begins.
    pub restart: Vec<usize>,
}

fn list_styles(root: &El) -> BTreeMap<String, NumInfo> {
    let mut abstracts: BTreeMap<String, BTreeMap<usize, String>> = BTreeMap::new();
    for a in root.elements().filter(|e| e.name == "w:abstractNum") {
        let Some(id) = a.attr("w:abstractNumId") else {
            continue;
        };
        let mut levels = BTreeMap::new();
        for l in a.elements().filter(|e| e.name == "w:lvl") {
            let ilvl: usize = l.attr("w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
            let fmt = l
                .find("w:numFmt")
                .and_then(|f| f.attr("w:val"))
                .unwrap_or("decimal");
            let text = l
                .find("w:lvlText")
                .and_then(|f| f.attr("w:val"))
                .unwrap_or("");
            let paren = text.ends_with(')');
            let style = match fmt {
                "lowerLetter" if paren => "a)",
                "lowerLetter" => "a.",
                "upperLetter" => "A.",
                "decimal" if paren => "1)",
                "decimal" => "1.",
                _ => "-",
            };
            levels.insert(ilvl, style.to_string());
        }
        abstracts.insert(id.to_string(), levels);
    }
    let mut out = BTreeMap::new();
    for n in root.elements().filter(|e| e.name == "w:num") {
        let (Some(id), Some(a)) = (
            n.attr("w:numId"),
            n.find("w:abstractNumId").and_then(|a| a.attr("w:val")),
        ) else {
            continue;
        };
        if let Some(levels) = abstracts.get(a) {
            let restart = n
                .elements()
                .filter(|o| o.name == "w:lvlOverride" && o.find("w:startOverride").is_some())
                .filter_map(|o| o.attr("w:ilvl").and_then(|v| v.parse().ok()))
                .collect();
            out.insert(
                id.to_string(),
                NumInfo {
                    abstract_id: a.to_string(),
                    levels: levels.clone(),
                    restart,
                },
            );
        }
    }
    out
}

/// Read a DOCX: package, custom properties, numbering, comments, body.
pub fn read(bytes: &[u8]) -> Result<Docx, ReadError> {
    let pkg = open(bytes)?;
    let mut d = Docx::default();
    if let Some(c) = pkg.parts.get("docProps/custom.xml") {
        let root = parse_xml("docProps/custom.xml", c)?;
        for p in root.elements().filter(|e| e.name.ends_with("property")) {
            let Some(name) = p.attr("name") else { continue };
            let value: String = p.elements().map(|v| v.own_text()).collect();
            d.properties.insert(name.to_string(), value);
        }
    }
    if let Some(n) = pkg.parts.get("word/numbering.xml") {
        d.lists = list_styles(&parse_xml("word/numbering.xml", n)?);
    }
    if let Some(c) = pkg.parts.get("word/comments.xml") {
        let root = parse_xml("word/comments.xml", c)?;
        d.comments = root.elements().filter(|e| e.name == "w:comment").count();
    }
    let doc = parse_xml("word/document.xml", &pkg.parts["word/document.xml"])?;
    let body = doc
        .find("w:body")
        .ok_or_else(|| ReadError::new("word/document.xml", "no w:body"))?;
    let mut tracked = Vec::new();
    let mut w = Walker {
        tracked: &mut tracked,
        element: 0,
    };
    let mut out = Vec::new();
    w.body(body, &mut out);
    d.body = out;
    d.tracked = tracked;
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doctype_and_entities_are_refused() {
        let e = parse_xml(
            "x.xml",
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>",
        )
        .unwrap_err();
        assert!(e.message.contains("DOCTYPE"), "{e:?}");
        let e = parse_xml("x.xml", b"<a>&e;</a>").unwrap_err();
        assert!(e.message.contains("entity"), "{e:?}");
        assert_eq!(e.at, "x.xml:1:4");
        let ok = parse_xml("x.xml", b"<a b=\"&lt;&#65;\">x &amp; y&#x42;</a>").unwrap();
        assert_eq!(ok.attr("b"), Some("<A"));
        assert_eq!(ok.own_text(), "x & yB");
    }

    #[test]
    fn marks_are_read() {
        assert_eq!(Walker::mark_of("_lkjip_12_3"), Some((12, 3)));
        assert_eq!(Walker::mark_of("_lkjip_7"), Some((7, 0)));
        assert_eq!(Walker::mark_of("_Toc1"), None);
    }
}
