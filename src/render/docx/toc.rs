//! The table of contents as a real Word field, built by hand.
//!
//! docx-rs's `TableOfContents` shows as raw field code in LibreOffice, so the field is
//! written run by run: `fldChar begin`, `instrText TOC \o "1-3" \h \z \u`, `fldChar
//! separate`, then the cached result (one paragraph per listed heading, styles `TOC1`–
//! `TOC3`: a hyperlink to the heading's bookmark holding number, title, a tab to the
//! dot-leader stop and a `PAGEREF` field whose cached result is the page label from the
//! typst layout), and `fldChar end`. Word shows the cached entries as they are and
//! refreshes them when the user accepts the update (`w:updateFields` in settings.xml);
//! LibreOffice shows them as an index.
//!
//! Every heading gets a bookmark `_Toc<anchor>` (anchor characters other than ASCII
//! letters and digits become `_`, at most 40 characters, made unique).

use std::collections::{BTreeMap, BTreeSet};

use docx_rs::{FieldCharType, Hyperlink, HyperlinkType, InstrText, Paragraph, Run};

use crate::doc::ir::{CaptionList, Captioned, Document, Toc};

use super::blocks::{Ctx, RunFmt, add_text_runs};
use super::styles::id;
use super::xml::escape;

/// A heading as the table of contents sees it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TocEntry {
    /// 1–3.
    pub level: u8,
    /// Number text.
    pub number: Option<String>,
    /// Title.
    pub text: String,
    /// IR anchor.
    pub anchor: String,
    /// Listed in tables of contents.
    pub in_toc: bool,
}

/// Word's limit on bookmark names.
const MAX_BOOKMARK: usize = 40;

/// A bookmark name for an anchor, not in `used`.
pub(crate) fn bookmark_name(anchor: &str, used: &BTreeSet<String>) -> String {
    let clean: String = anchor
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let base: String = format!("_Toc{clean}").chars().take(MAX_BOOKMARK).collect();
    if !used.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!("_{n}");
            let head: String = base.chars().take(MAX_BOOKMARK - suffix.len()).collect();
            format!("{head}{suffix}")
        })
        .find(|c| !used.contains(c))
        .expect("a free bookmark name exists")
}

/// All headings in document order (also those nested in list items), and a bookmark name
/// per anchor of a heading or a numbered caption.
pub(crate) fn collect(doc: &Document) -> (Vec<TocEntry>, BTreeMap<String, String>) {
    let entries: Vec<TocEntry> = doc
        .headings()
        .into_iter()
        .map(|h| TocEntry {
            level: h.level.clamp(1, 3),
            number: h.number.clone(),
            text: h.text.clone(),
            anchor: h.anchor.clone(),
            in_toc: h.in_toc,
        })
        .collect();
    let mut used = BTreeSet::new();
    let mut names = BTreeMap::new();
    let captions = doc.captions();
    let anchors = entries.iter().map(|e| &e.anchor);
    for anchor in anchors.chain(captions.iter().map(|c| &c.anchor)) {
        if names.contains_key(anchor) {
            continue;
        }
        let name = bookmark_name(anchor, &used);
        used.insert(name.clone());
        names.insert(anchor.clone(), name);
    }
    (entries, names)
}

fn field_char(t: FieldCharType) -> Run {
    Run::new().add_field_char(t, false)
}

fn instr(text: String) -> Run {
    Run::new().add_instr_text(InstrText::Unsupported(text))
}

/// One line of a field-backed list: a table of contents entry or a caption.
struct ListLine<'e> {
    /// Paragraph style.
    style: &'static str,
    /// Anchor of what the line points at.
    anchor: &'e str,
    /// Number text and whether a tab (else a space) follows it.
    number: Option<(&'e str, bool)>,
    /// Title.
    text: &'e str,
}

/// The `\f` identifier of the TC fields of a list of captions: the list's field
/// `TOC \f T` gathers the fields `TC "…" \f T` that every table caption carries, so
/// Word rebuilds the Daftar Tabel from the captions when it updates the fields.
fn list_id(of: Captioned) -> &'static str {
    match of {
        Captioned::Table => "T",
        Captioned::Chart => "G",
    }
}

impl Ctx<'_> {
    /// The paragraphs of a table of contents.
    pub fn toc_paragraphs(&self, t: &Toc) -> Vec<Paragraph> {
        let depth = t.depth.clamp(1, 3);
        let lines = self
            .toc
            .iter()
            .filter(|e| e.in_toc && e.level <= depth)
            .map(|e| ListLine {
                style: id::TOC[usize::from(e.level) - 1],
                anchor: &e.anchor,
                number: e.number.as_deref().map(|n| (n, e.level > 1)),
                text: &e.text,
            })
            .collect();
        self.field_list(
            format!(" TOC \\o \"1-{depth}\" \\h \\z \\u "),
            id::TOC[0],
            lines,
        )
    }

    /// The paragraphs of a list of tables or charts (Daftar Tabel, Daftar Grafik).
    pub fn caption_list_paragraphs(&self, l: &CaptionList) -> Vec<Paragraph> {
        let lines = self
            .captions
            .iter()
            .filter(|c| c.of == l.of)
            .map(|c| ListLine {
                style: id::CAPTION_LIST,
                anchor: &c.anchor,
                number: Some((&c.number, true)),
                text: &c.title,
            })
            .collect();
        self.field_list(
            format!(" TOC \\h \\z \\f {} ", list_id(l.of)),
            id::CAPTION_LIST,
            lines,
        )
    }

    /// A field whose cached result is one paragraph per line: a hyperlink to the line's
    /// bookmark holding number, title, a tab to the dot-leader stop and a `PAGEREF`
    /// field whose cached result is the page label from the typst layout.
    fn field_list(&self, code: String, empty_style: &str, lines: Vec<ListLine>) -> Vec<Paragraph> {
        let begin = |p: Paragraph| {
            p.add_run(field_char(FieldCharType::Begin))
                .add_run(instr(code.clone()))
                .add_run(field_char(FieldCharType::Separate))
        };
        if lines.is_empty() {
            return vec![
                begin(Paragraph::new().style(empty_style)).add_run(field_char(FieldCharType::End)),
            ];
        }
        let last = lines.len() - 1;
        lines
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut p = Paragraph::new().style(e.style);
                if i == 0 {
                    p = begin(p);
                }
                let bookmark = self.bookmarks.get(e.anchor).cloned().unwrap_or_default();
                let label = self.pages.get(e.anchor).cloned().unwrap_or_default();
                let mut link = Hyperlink::new(bookmark.clone(), HyperlinkType::Anchor);
                // Runs go into a throwaway paragraph first (text splitting lives there).
                let mut body = Paragraph::new();
                if let Some((n, tab)) = e.number {
                    body = add_text_runs(body, n, RunFmt::default());
                    body = body.add_run(if tab {
                        Run::new().add_tab()
                    } else {
                        Run::new().add_text(" ")
                    });
                }
                body = add_text_runs(body, e.text, RunFmt::default());
                for child in body.children {
                    if let docx_rs::ParagraphChild::Run(r) = child {
                        link = link.add_run(*r);
                    }
                }
                link = link
                    .add_run(Run::new().add_tab())
                    .add_run(field_char(FieldCharType::Begin))
                    .add_run(instr(format!(" PAGEREF {bookmark} \\h ")))
                    .add_run(field_char(FieldCharType::Separate));
                if !label.is_empty() {
                    link = link.add_run(Run::new().add_text(label));
                }
                link = link.add_run(field_char(FieldCharType::End));
                p = p.add_hyperlink(link);
                if i == last {
                    p = p.add_run(field_char(FieldCharType::End));
                }
                p
            })
            .collect()
    }

    /// The start of an anchored caption paragraph: its bookmark and a TC field holding
    /// the list entry's text (hidden; what Word's update of the list reads). Returns the
    /// bookmark id to end after the caption's runs, if a bookmark was started.
    pub fn caption_start(&mut self, p: Paragraph, anchor: &str) -> (Paragraph, Option<usize>) {
        let entry = self.captions.iter().find(|c| c.anchor == anchor).cloned();
        let (Some(entry), Some(name)) = (entry, self.bookmarks.get(anchor).cloned()) else {
            return (p, None);
        };
        let bid = self.bookmark_id();
        // a quote inside the field's quoted text is escaped for the field, then the
        // whole for XML: docx-rs writes an instruction's text as it is
        let text = escape(&format!("{} {}", entry.number, entry.title).replace('"', "\\\""));
        let p = p
            .add_bookmark_start(bid, name)
            .add_run(field_char(FieldCharType::Begin))
            .add_run(instr(format!(
                " TC \"{text}\" \\f {} \\l 1 ",
                list_id(entry.of)
            )))
            .add_run(field_char(FieldCharType::End));
        (p, Some(bid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bookmark_names_are_clean_short_and_unique() {
        let mut used = BTreeSet::new();
        let a = bookmark_name("s-1.1", &used);
        assert_eq!(a, "_Tocs_1_1");
        used.insert(a);
        assert_eq!(bookmark_name("s_1_1", &used), "_Tocs_1_1_2");
        let long = bookmark_name(&"x".repeat(80), &used);
        assert_eq!(long.len(), 40);
        used.insert(long.clone());
        let long2 = bookmark_name(&"x".repeat(81), &used);
        assert_eq!(long2.len(), 40);
        assert_ne!(long, long2);
    }
}
