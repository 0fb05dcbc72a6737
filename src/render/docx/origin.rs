//! The origin marks of the DOCX: what lets `lkjip absorb` bring an edited file back into
//! its bundle and `lkjip audit` find retyped figures (see README, "Word round trip").
//!
//! - Every body-level paragraph and table starts with a collapsed hidden bookmark
//!   `_lkjip_<n>` (n counts the generated body elements from 1), or `_lkjip_<n>_<k>`
//!   (n counting the elements of that text) when it is
//!   (part of) the bundle text named by the custom property `lkjip.asal.<k>`
//!   (`narasi.latar_belakang`, `kata_pengantar`, `kalimat.<id>` …). Bookmark names
//!   survive python-docx and LibreOffice exactly; a leading `_` hides them in Word.
//! - Every printed figure is a run-level content control (`w:sdt`) whose tag and alias are
//!   the figure's placeholder name (`IKU1.capaian`), with hidden appearance
//!   (`w15:appearance`): plain text (`w:text`) in prose, whose alias LibreOffice keeps;
//!   rich text in table cells, since LibreOffice shows a plain-text control's text in the
//!   body size (there the cell's place names the figure). Word keeps tag and alias,
//!   python-docx everything.
//! - `docProps/custom.xml` holds `lkjip.laporan` (agency, region, year: the report the
//!   file belongs to) and the `lkjip.asal.<k>` keys.
//!
//! Marks never change how the document looks or prints, and never add or drop text.

use docx_rs::{BookmarkEnd, BookmarkStart, Paragraph, ParagraphChild, Table, TableCellContent};
use docx_rs::{TableChild, TableRowChild};

use crate::doc::ir::{self, Block, DocOrigin, FigureMark, Inline, Origin};

use super::blocks::{RunFmt, add_spans, add_text_with, styled_run};
use super::xml::{self, Element, Node, escape};

/// Prefix of the element bookmarks.
pub const ELEMENT_PREFIX: &str = "_lkjip_";
/// Name prefix of the temporary bookmarks that delimit a figure until the fix-up pass
/// turns them into a content control.
const FIGURE_PREFIX: &str = "lkjip-fig:";
/// The custom property naming the report.
pub const REPORT_PROPERTY: &str = "lkjip.laporan";
/// The custom property prefix of the bundle text keys.
pub const SOURCE_PROPERTY: &str = "lkjip.asal.";

/// The element marks of a render: the bundle texts met, the current one, the count.
#[derive(Debug, Default)]
pub(crate) struct ElementMarks {
    /// Bundle text keys in order of first appearance (index + 1 is `k`).
    pub sources: Vec<String>,
    current: usize,
    /// Elements met per source (index k; 0: generated).
    counts: Vec<usize>,
    /// All elements met (bookmark ids).
    count: usize,
}

impl ElementMarks {
    fn set(&mut self, o: &Origin) {
        self.current = match &o.source {
            None => 0,
            Some(s) => match self.sources.iter().position(|x| x == s) {
                Some(i) => i + 1,
                None => {
                    self.sources.push(s.clone());
                    self.sources.len()
                }
            },
        };
    }

    /// A block starts: its elements carry its source.
    pub fn enter(&mut self, b: &Block) {
        match b {
            Block::Paragraph(p) => self.set(&p.origin),
            Block::List(l) => self.set(&l.origin),
            Block::Table(t) => self.set(&t.origin),
            _ => self.current = 0,
        }
    }

    /// A list item of `l` starts (after nested blocks of the previous item).
    pub fn enter_list(&mut self, l: &ir::List) {
        self.set(&l.origin);
    }

    fn next(&mut self) -> (usize, String) {
        self.count += 1;
        let k = self.current;
        if self.counts.len() <= k {
            self.counts.resize(k + 1, 0);
        }
        self.counts[k] += 1;
        let n = self.counts[k];
        // numbered per source, so that an edited text does not renumber what follows
        let name = match k {
            0 => format!("{ELEMENT_PREFIX}{n}"),
            k => format!("{ELEMENT_PREFIX}{n}_{k}"),
        };
        // ids beyond the heading bookmarks' (which count from 1)
        (1_000_000 + self.count, name)
    }

    /// A body paragraph gets its element bookmark at its start (after a heading's own
    /// bookmark, which stays first).
    pub fn mark_paragraph(&mut self, mut p: Paragraph) -> Paragraph {
        let (id, name) = self.next();
        let at = p
            .children
            .iter()
            .take_while(|c| matches!(c, ParagraphChild::BookmarkStart(_)))
            .count();
        p.children
            .insert(at, ParagraphChild::BookmarkEnd(BookmarkEnd::new(id)));
        p.children.insert(
            at,
            ParagraphChild::BookmarkStart(BookmarkStart::new(id, name)),
        );
        p
    }

    /// A body table gets its element bookmark at the start of its first cell.
    pub fn mark_table(&mut self, mut t: Table) -> Table {
        let (id, name) = self.next();
        let first = t.rows.first_mut().and_then(|TableChild::TableRow(r)| {
            r.cells.first_mut().and_then(|TableRowChild::TableCell(c)| {
                c.children.iter_mut().find_map(|x| match x {
                    TableCellContent::Paragraph(p) => Some(p),
                    _ => None,
                })
            })
        });
        if let Some(p) = first {
            p.children
                .insert(0, ParagraphChild::BookmarkEnd(BookmarkEnd::new(id)));
            p.children.insert(
                0,
                ParagraphChild::BookmarkStart(BookmarkStart::new(id, name)),
            );
        }
        t
    }
}

/// The figures of one table cell (row over header then body rows, cell index in the
/// row), as marks over its single span.
pub(crate) fn cell_figures(o: &Origin, row: usize, cell: usize) -> Vec<FigureMark> {
    o.figures
        .iter()
        .filter(|m| m.row == row && m.index == cell)
        .map(|m| FigureMark {
            index: 0,
            ..m.clone()
        })
        .collect()
}

/// Add inline spans; each marked figure's text is put between two temporary bookmarks,
/// which [`fix_document`] turns into its content control.
pub(crate) fn add_marked_spans(
    mut p: Paragraph,
    spans: &[Inline],
    fmt: RunFmt,
    figures: &[FigureMark],
) -> Paragraph {
    if figures.is_empty() {
        return add_spans(p, spans, fmt);
    }
    for (i, s) in spans.iter().enumerate() {
        let Inline::Text {
            text,
            bold,
            italic,
            underline,
            ..
        } = s
        else {
            p = add_spans(p, std::slice::from_ref(s), fmt);
            continue;
        };
        let (b, it, u) = (*bold, *italic, *underline);
        let make = || styled_run(fmt, b, it, u);
        let mut marks: Vec<&FigureMark> = figures
            .iter()
            .filter(|m| m.index == i && m.start < m.end && m.end <= text.len())
            .filter(|m| text.is_char_boundary(m.start) && text.is_char_boundary(m.end))
            .collect();
        marks.sort_by_key(|m| m.start);
        let mut at = 0;
        for m in marks {
            if m.start < at {
                continue;
            }
            p = add_text_with(p, &text[at..m.start], &make);
            p = p.add_bookmark_start(0, format!("{FIGURE_PREFIX}{}", m.name));
            p = add_text_with(p, &text[m.start..m.end], &make);
            p = p.add_bookmark_end(0);
            at = m.end;
        }
        p = add_text_with(p, &text[at..], &make);
    }
    p
}

/// A run-level plain-text content control named `name`, hidden, around `runs`. The
/// control carries the first run's formatting too: LibreOffice shows a plain-text
/// control's text in the control's formatting, not its runs'.
fn figure_sdt(name: &str, runs: Vec<Node>, plain: bool) -> Element {
    let rpr = runs.iter().find_map(|n| match n {
        Node::Element(r) if r.name == "w:r" => r.find("w:rPr").cloned(),
        _ => None,
    });
    let mut content = Element::new("w:sdtContent");
    content.children = runs;
    let mut pr = Element::new("w:sdtPr");
    if let Some(rpr) = rpr {
        pr = pr.child(rpr);
    }
    pr = pr
        .child(Element::new("w:alias").attr("w:val", name))
        .child(Element::new("w:tag").attr("w:val", name))
        .child(Element::new("w15:appearance").attr("w15:val", "hidden"));
    if plain {
        pr = pr.child(Element::new("w:text"));
    }
    Element::new("w:sdt").child(pr).child(content)
}

/// Turn the temporary figure bookmarks of every paragraph into content controls: plain
/// text in prose (LibreOffice keeps their alias), rich text in table cells (LibreOffice
/// shows a plain-text control in the body size, not its runs' smaller one; the cell's
/// place names the figure there).
fn wrap_figures(e: &mut Element, in_cell: bool) {
    if e.name == "w:p" {
        let children = std::mem::take(&mut e.children);
        let mut out = Vec::with_capacity(children.len());
        let mut open: Option<(String, Vec<Node>)> = None;
        for n in children {
            match (&n, &mut open) {
                (Node::Element(c), None) if c.name == "w:bookmarkStart" => {
                    let name = c.get_attr("w:name").unwrap_or("");
                    match name.strip_prefix(FIGURE_PREFIX) {
                        Some(fig) => open = Some((fig.to_string(), Vec::new())),
                        None => out.push(n),
                    }
                }
                (Node::Element(c), Some(_)) if c.name == "w:bookmarkEnd" => {
                    if let Some((name, runs)) = open.take() {
                        out.push(Node::Element(figure_sdt(&name, runs, !in_cell)));
                    }
                }
                (_, Some((_, runs))) => runs.push(n),
                (_, None) => out.push(n),
            }
        }
        if let Some((name, runs)) = open {
            out.push(Node::Element(figure_sdt(&name, runs, !in_cell)));
        }
        e.children = out;
        return;
    }
    let in_cell = in_cell || e.name == "w:tc";
    for c in e.elements_mut() {
        wrap_figures(c, in_cell);
    }
}

/// The origin pass over `word/document.xml`: figure controls, and `w15` declared
/// ignorable (the hidden appearance is a Word 2013 extension).
pub(crate) fn fix_document(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut part = xml::parse(bytes)?;
    wrap_figures(&mut part.root, false);
    let ignorable = part.root.get_attr("mc:Ignorable").unwrap_or("").to_string();
    if !ignorable.split_whitespace().any(|p| p == "w15") {
        let v = format!("{ignorable} w15");
        part.root.set_attr("mc:Ignorable", v.trim());
    }
    Ok(xml::serialize(&part))
}

/// `docProps/custom.xml`: the report and the bundle text keys.
pub(crate) fn custom_xml(origin: &DocOrigin, sources: &[String]) -> String {
    let mut props = vec![(REPORT_PROPERTY.to_string(), origin.report.clone())];
    for (i, s) in sources.iter().enumerate() {
        props.push((format!("{SOURCE_PROPERTY}{}", i + 1), s.clone()));
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties \
xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">",
    );
    for (i, (k, v)) in props.iter().enumerate() {
        out.push_str(&format!(
            "<property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"{}\" name=\"{}\"><vt:lpwstr>{}</vt:lpwstr></property>",
            i + 2,
            escape(k),
            escape(v)
        ));
    }
    out.push_str("</Properties>");
    out
}
