//! IR blocks to docx-rs paragraphs and tables.
//!
//! [`Ctx`] walks the blocks of one section and collects [`Item`]s in order; it also keeps
//! what must be unique or counted across the whole document: list numbering instances,
//! bookmark ids, picture ids and the header-row count of each table (for the fix-up
//! pass). The letter parts (cover, kop surat, signatures) live in `letter.rs`, tables in
//! `table.rs`, the table of contents in `toc.rs`.

use std::collections::BTreeMap;

use docx_rs::{
    AlignmentType, BreakType, IndentLevel, LineSpacing, LineSpacingType, NumberingId, Paragraph,
    Pic, Run, SpecialIndentType, Table,
};

use crate::doc::ir::{self, Align, Block, Document, Inline};

use super::DocxError;
use super::numbering::{self, Numbering};
use super::page::{Geometry, mm_to_emu, mm_to_twips};
use super::styles::id;
use super::toc::{self, TocEntry};
use crate::render::look::{LOOK, em, mm};

/// One body-level element.
pub(crate) enum Item {
    /// A paragraph (boxed: docx-rs elements are large).
    P(Box<Paragraph>),
    /// A table.
    T(Box<Table>),
}

/// How runs of a span list are formatted beyond their own flags.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RunFmt {
    /// Font size in pt (None: the style's).
    pub size_pt: Option<u32>,
    /// Force bold.
    pub bold: bool,
    /// Character style id.
    pub style: Option<&'static str>,
}

/// Rendering state for the whole document.
pub(crate) struct Ctx<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Charts rasterised ahead (others are rasterised when met).
    pub rasters: &'a super::raster::Rasters,
    /// List numbering instances.
    pub numbering: Numbering,
    /// Header-row count of every top-level table, in order.
    pub header_rows: Vec<usize>,
    /// Alternative text of every picture, in document order (empty: decorative).
    pub alt_texts: Vec<String>,
    /// Geometry of the section being rendered.
    pub geometry: Geometry,
    /// Headings listed in tables of contents, and their bookmarks.
    pub toc: Vec<TocEntry>,
    /// Numbered captions (for the lists of tables and charts).
    pub captions: Vec<ir::CaptionEntry>,
    /// Anchor -> bookmark name.
    pub bookmarks: BTreeMap<String, String>,
    /// Anchor -> printed page label.
    pub pages: &'a BTreeMap<String, String>,
    next_bookmark: usize,
    next_pic: usize,
    pending_break: bool,
    /// The next paragraph starts a page (a section's top, or after a page break): its
    /// space before is dropped, as typst drops the space above a block at the top of a
    /// page (Word keeps it after a hard break, and the DOCX ran a page behind).
    page_top: bool,
    /// Origin marks (`origin`): the bundle texts met so far, the one of the block being
    /// rendered (its index + 1; 0 for none) and the count of body elements.
    pub marks: super::origin::ElementMarks,
}

impl<'a> Ctx<'a> {
    /// A context for a document.
    pub fn new(
        doc: &'a Document,
        pages: &'a BTreeMap<String, String>,
        rasters: &'a super::raster::Rasters,
    ) -> Self {
        let (toc, bookmarks) = toc::collect(doc);
        let orientation = doc
            .sections
            .first()
            .map(|s| s.orientation)
            .unwrap_or(ir::Orientation::Portrait);
        Ctx {
            doc,
            rasters,
            numbering: Numbering::default(),
            header_rows: Vec::new(),
            alt_texts: Vec::new(),
            geometry: Geometry::new(&doc.page, orientation),
            toc,
            captions: doc.captions(),
            bookmarks,
            pages,
            next_bookmark: 0,
            next_pic: 0,
            pending_break: false,
            page_top: true,
            marks: Default::default(),
        }
    }

    /// Render one section's blocks.
    pub fn section(&mut self, s: &ir::Section) -> Result<Vec<Item>, DocxError> {
        self.geometry = Geometry::new(&self.doc.page, s.orientation);
        self.pending_break = false;
        self.page_top = true;
        let mut out = Vec::new();
        self.blocks(&s.blocks, 0, 0, &mut out)?;
        // A page break at the end of a section is the section break itself.
        self.pending_break = false;
        Ok(out)
    }

    /// Render blocks. `depth` is the list nesting level of lists met here, `indent` the
    /// left indent (twips) of paragraphs and tables inside list items.
    pub fn blocks(
        &mut self,
        blocks: &[Block],
        depth: usize,
        indent: u32,
        out: &mut Vec<Item>,
    ) -> Result<(), DocxError> {
        for (i, b) in blocks.iter().enumerate() {
            self.marks.enter(b);
            // a signature closes the block before it
            let closed = matches!(
                blocks.get(i + 1),
                Some(Block::Signature(_) | Block::SignaturePair { .. })
            );
            match b {
                Block::Heading(h) => {
                    let p = self.heading(h);
                    self.push_p(out, p);
                }
                Block::Paragraph(p) => {
                    let para = self.paragraph(p, indent);
                    self.push_p(out, para);
                }
                Block::Captions(l) => {
                    for p in self.caption_list_paragraphs(l) {
                        self.push_p(out, p);
                    }
                }
                Block::List(l) => self.list(l, depth, out)?,
                Block::Table(t) => self.table(t, indent, closed, out),
                Block::Image(i) => {
                    let p = self.image(i)?;
                    self.push_p(out, p);
                }
                Block::Signature(s) => self.signature(s, out),
                Block::SignaturePair { left, right } => self.signature_pair(left, right, out),
                Block::Cover(c) => self.cover(c, out)?,
                Block::Letterhead(l) => self.letterhead(l, out)?,
                Block::LetterHeader(h) => self.letter_header(h, out),
                Block::Toc(t) => {
                    let ps = self.toc_paragraphs(t);
                    for p in ps {
                        self.push_p(out, p);
                    }
                }
                Block::Spacer { mm } => {
                    if *mm > 0 {
                        let p = Paragraph::new().line_spacing(
                            LineSpacing::new()
                                .before(0)
                                .after(0)
                                .line(mm_to_twips(f64::from(*mm)) as i32)
                                .line_rule(LineSpacingType::Exact),
                        );
                        self.push_p(out, p);
                    }
                }
                // Nothing to break at the top of a section (it starts a new page).
                Block::PageBreak => {
                    self.pending_break = !out.is_empty();
                    self.page_top = true;
                }
            }
        }
        Ok(())
    }

    /// Push a paragraph, giving it a pending page break.
    pub fn push_p(&mut self, out: &mut Vec<Item>, p: Paragraph) {
        let mut p = self.marks.mark_paragraph(p);
        if std::mem::take(&mut self.page_top) {
            let spacing = p.property.line_spacing.take().unwrap_or_default();
            p.property.line_spacing = Some(spacing.before(0));
        }
        let p = if std::mem::take(&mut self.pending_break) {
            p.page_break_before(true)
        } else {
            p
        };
        out.push(Item::P(Box::new(p)));
    }

    /// Push a table; a pending page break goes into a 1 pt paragraph before it.
    pub fn push_t(&mut self, out: &mut Vec<Item>, t: Table, header_rows: usize) {
        self.page_top = false;
        if self.pending_break {
            let p = Paragraph::new()
                .line_spacing(
                    LineSpacing::new()
                        .before(0)
                        .after(0)
                        .line(20)
                        .line_rule(LineSpacingType::Exact),
                )
                .size(2);
            self.push_p(out, p);
        }
        self.header_rows.push(header_rows);
        let t = self.marks.mark_table(t);
        out.push(Item::T(Box::new(t)));
    }

    /// A heading paragraph with its bookmark.
    fn heading(&mut self, h: &ir::Heading) -> Paragraph {
        let level = usize::from(h.level.clamp(1, 3));
        let mut p = Paragraph::new().style(id::HEADINGS[level - 1]);
        let bookmark = self.bookmarks.get(&h.anchor).cloned();
        let bid = self.bookmark_id();
        if let Some(name) = &bookmark {
            p = p.add_bookmark_start(bid, name.clone());
        }
        if let Some(n) = &h.number {
            p = add_text_runs(p, n, RunFmt::default());
            let sep = if level == 1 {
                Run::new().add_break(BreakType::TextWrapping)
            } else {
                // The number column is as wide as the number plus the look sheet's gap,
                // like the typst layout's auto grid column.
                let size = self.doc.page.font_size_pt.max(1);
                let gap = em(LOOK.heading.number_gap_em_permille[level - 2]);
                let col = (bold_width_em(n) + gap) * f64::from(size) * 20.0;
                let col = col.ceil() as i32;
                p = p.indent(Some(col), Some(SpecialIndentType::Hanging(col)), None, None);
                Run::new().add_tab()
            };
            p = p.add_run(sep);
        }
        p = add_text_runs(p, &h.text, RunFmt::default());
        if bookmark.is_some() {
            p = p.add_bookmark_end(bid);
        }
        p
    }

    /// A fresh bookmark id.
    pub fn bookmark_id(&mut self) -> usize {
        self.next_bookmark += 1;
        self.next_bookmark
    }

    /// A body paragraph; a chart's numbered caption with its bookmark and list entry.
    fn paragraph(&mut self, p: &ir::Paragraph, indent: u32) -> Paragraph {
        let fmt = RunFmt {
            size_pt: p.size_pt,
            ..RunFmt::default()
        };
        let mut para = Paragraph::new().align(alignment(p.align));
        let first = p.first_line_indent.then(|| {
            SpecialIndentType::FirstLine(mm_to_twips(mm(LOOK.body.first_line_indent_um)) as i32)
        });
        if indent > 0 || first.is_some() {
            para = para.indent(Some(indent as i32), first, None, None);
        }
        if let Some(s) = p.size_pt {
            para = para.size(s as usize * 2);
        }
        let (para, bookmark) = match &p.anchor {
            Some(anchor) => self.caption_start(para, anchor),
            None => (para, None),
        };
        let para = super::origin::add_marked_spans(para, &p.spans, fmt, &p.origin.figures);
        match bookmark {
            Some(bid) => para.add_bookmark_end(bid),
            None => para,
        }
    }

    /// A list: one numbered paragraph per item, then the item's nested blocks.
    fn list(&mut self, l: &ir::List, depth: usize, out: &mut Vec<Item>) -> Result<(), DocxError> {
        let level = depth.min(8);
        let num = self.numbering.add(l.style, l.start, level);
        let text_indent = numbering::text_indent(level);
        for item in &l.items {
            self.marks.enter_list(l);
            let p = Paragraph::new()
                .style(id::LIST)
                .align(AlignmentType::Both)
                .numbering(NumberingId::new(num), IndentLevel::new(level));
            let p = super::origin::add_marked_spans(
                p,
                &item.spans,
                RunFmt::default(),
                &item.origin.figures,
            );
            self.push_p(out, p);
            self.blocks(&item.children, depth + 1, text_indent, out)?;
        }
        Ok(())
    }

    /// A picture paragraph for an image asset, `width_mm` wide (never wider than the
    /// text block), aspect ratio from the asset's pixel size.
    pub fn picture(&mut self, key: &str, width_mm: f64, alt: &str) -> Result<Run, DocxError> {
        let asset = self
            .doc
            .images
            .iter()
            .find(|a| a.key == key)
            .ok_or_else(|| {
                DocxError::new(format!("image '{key}' is not in the document's images"))
            })?;
        let w_mm = super::raster::printed_width_mm(&self.geometry, width_mm);
        let ratio = f64::from(asset.height_px.max(1)) / f64::from(asset.width_px.max(1));
        self.next_pic += 1;
        self.alt_texts.push(alt.to_string());
        let (png, w_px, h_px) = match (&asset.svg, self.rasters.get(key, w_mm)) {
            (Some(_), Some(ready)) => ready.clone(),
            (Some(svg), None) => {
                super::raster::png(svg, w_mm, &mut Default::default()).map_err(DocxError::new)?
            }
            (None, _) => (asset.png.clone(), asset.width_px, asset.height_px),
        };
        let pic = Pic::new_with_dimensions(png, w_px.max(1), h_px.max(1))
            .size(mm_to_emu(w_mm), mm_to_emu(w_mm * ratio))
            .id(format!("rIdImage{}", self.next_pic));
        Ok(Run::new().add_image(pic))
    }

    /// A centred image paragraph.
    fn image(&mut self, i: &ir::Image) -> Result<Paragraph, DocxError> {
        let run = self.picture(&i.key, f64::from(i.width_mm), &i.alt)?;
        // kept with the next paragraph: the caption
        Ok(Paragraph::new()
            .align(AlignmentType::Center)
            .keep_lines(true)
            .keep_next(true)
            .line_spacing(
                LineSpacing::new()
                    .before(120)
                    .after(120)
                    .line(240)
                    .line_rule(LineSpacingType::Auto),
            )
            .add_run(run))
    }
}

/// Approximate advance width of `s` in Arial Bold, in em (for number columns).
pub(crate) fn bold_width_em(s: &str) -> f64 {
    s.chars()
        .map(|c| match c {
            '.' | ',' | ' ' | 'I' | 'i' | 'l' | ':' | ';' => 0.278,
            '(' | ')' | '-' | 'f' | 't' | 'r' => 0.333,
            '0'..='9' | 'J' | 'a'..='z' => 0.556,
            'M' => 0.833,
            'W' => 0.944,
            'G' | 'O' | 'Q' => 0.778,
            'E' | 'P' | 'S' | 'V' | 'X' | 'Y' => 0.667,
            'F' | 'L' | 'T' | 'Z' => 0.611,
            'A'..='Z' => 0.722,
            _ => 0.6,
        })
        .sum()
}

/// Word alignment of an IR alignment.
pub(crate) fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// Characters that XML 1.0 cannot carry (control characters other than tab, LF, CR).
fn xml_safe(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// A run with the formatting of `fmt` and the span flags.
pub(crate) fn styled_run(fmt: RunFmt, bold: bool, italic: bool, underline: bool) -> Run {
    let mut r = Run::new();
    if let Some(s) = fmt.style {
        r = r.style(s);
    }
    if let Some(sz) = fmt.size_pt {
        r = r.size(sz as usize * 2);
    }
    if bold || fmt.bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    if underline {
        r = r.underline("single");
    }
    r
}

/// Add text as runs: `\n` becomes a line break and `\t` a tab (docx-rs drops both).
pub(crate) fn add_text_with(mut p: Paragraph, text: &str, make: &dyn Fn() -> Run) -> Paragraph {
    let clean: String = text
        .chars()
        .filter(|c| xml_safe(*c) && *c != '\r')
        .collect();
    for (i, line) in clean.split('\n').enumerate() {
        if i > 0 {
            p = p.add_run(make().add_break(BreakType::TextWrapping));
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                p = p.add_run(make().add_tab());
            }
            if !part.is_empty() {
                p = p.add_run(make().add_text(part));
            }
        }
    }
    p
}

/// Add plain text with a run format.
pub(crate) fn add_text_runs(p: Paragraph, text: &str, fmt: RunFmt) -> Paragraph {
    add_text_with(p, text, &|| styled_run(fmt, false, false, false))
}

/// Add inline spans.
pub(crate) fn add_spans(mut p: Paragraph, spans: &[Inline], fmt: RunFmt) -> Paragraph {
    for s in spans {
        match s {
            Inline::Text {
                text,
                bold,
                italic,
                underline,
            } => {
                let (b, i, u) = (*bold, *italic, *underline);
                p = add_text_with(p, text, &|| styled_run(fmt, b, i, u));
            }
            Inline::Break => {
                p = p.add_run(
                    styled_run(fmt, false, false, false).add_break(BreakType::TextWrapping),
                )
            }
        }
    }
    p
}

/// Lines as one paragraph joined by line breaks.
pub(crate) fn add_lines<S: AsRef<str>>(mut p: Paragraph, lines: &[S], fmt: RunFmt) -> Paragraph {
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            p = p.add_run(styled_run(fmt, false, false, false).add_break(BreakType::TextWrapping));
        }
        p = add_text_runs(p, l.as_ref(), fmt);
    }
    p
}

/// A paragraph with no space around it and single line spacing.
pub(crate) fn tight() -> Paragraph {
    Paragraph::new().line_spacing(
        LineSpacing::new()
            .before(0)
            .after(0)
            .line(240)
            .line_rule(LineSpacingType::Auto),
    )
}
