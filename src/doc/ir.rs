//! The document IR: the one place where the report's content is decided. Every sentence,
//! row, number (already formatted as Indonesian text) and page setting is fixed here by
//! `doc::build`; the PDF and DOCX renderers only style what they are given and never add,
//! drop or reword content. Serialised to JSON for the typst layouts (`layouts/*.typ`).
//!
//! Shape follows pandoc's AST: a document is sections (page setup) of blocks; blocks hold
//! inline spans. All measures are in millimetres or points as named.

use serde::{Deserialize, Serialize};

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Title, author, language, date.
    pub meta: Meta,
    /// Paper, margins, font.
    pub page: PageSetup,
    /// Sections in order; each starts on a new page.
    pub sections: Vec<Section>,
    /// Images referenced by `Block::Image` and the emblem keys (bytes not serialised).
    #[serde(skip)]
    pub images: Vec<ImageAsset>,
    /// Which report this is, for the marks of the DOCX (never printed, not serialised).
    #[serde(skip)]
    pub origin: DocOrigin,
}

/// The identity of the report a document was built from, written in the DOCX's custom
/// properties so that `lkjip absorb` refuses a file made from another bundle.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocOrigin {
    /// "<instansi.nama> <instansi.daerah> <tahun>"; empty for a document not built from a
    /// bundle (fixtures).
    pub report: String,
}

/// Where printed content comes from (provenance): kept in the IR for the DOCX marks that
/// bring staff's edits back into the bundle (`lkjip absorb`) and let `lkjip audit` find
/// retyped figures. Never printed and never serialised for the layouts, so the PDF does
/// not depend on it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The bundle text this block is (part of): `narasi.<slot>`, `surat_pengantar.isi`,
    /// `kata_pengantar`, `ikhtisar.pembuka`, `ikhtisar.penutup`; or the generated sentence
    /// `kalimat.<outline item id>` (`kalimat.<n>` for an item without id). `None` for
    /// other generated content.
    pub source: Option<String>,
    /// The computed figures printed in this block's own text (a paragraph's or list
    /// item's spans, a table's cells).
    pub figures: Vec<FigureMark>,
}

/// One printed figure: where it stands and the placeholder name of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureMark {
    /// Table row, counted over the header rows then the body rows; 0 in prose.
    pub row: usize,
    /// Table cell in its row (spanned positions not repeated); in prose, the span index.
    pub index: usize,
    /// Byte range of the figure in the span's (or cell's single span's) text.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// The figure's placeholder name (`IKU1.capaian`).
    pub name: String,
}

impl Origin {
    /// The origin of a block of the given source.
    pub fn of(source: impl Into<String>) -> Origin {
        Origin {
            source: Some(source.into()),
            figures: Vec::new(),
        }
    }

    /// Whether there is nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.source.is_none() && self.figures.is_empty()
    }
}

/// Document metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Document title ("Laporan Kinerja Instansi Pemerintah Tahun 2021 …").
    pub title: String,
    /// Author: the agency.
    pub author: String,
    /// Subject line.
    pub subject: String,
    /// BCP 47 language tag: "id-ID".
    pub language: String,
    /// Report date (from the bundle), YYYY-MM-DD.
    pub date: String,
    /// Report date as year, month, day (for PDF/DOCX timestamps).
    pub date_parts: [u32; 3],
}

/// Paper and text block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageSetup {
    /// "A4" or "F4".
    pub paper: String,
    /// Portrait paper width in mm (210 for A4, 215 for F4).
    pub width_mm: u32,
    /// Portrait paper height in mm (297 for A4, 330 for F4).
    pub height_mm: u32,
    /// Margins in mm, portrait (landscape pages rotate them).
    pub margin: Margins,
    /// Font family as staff have it (DOCX): "Arial".
    pub font_docx: String,
    /// Metric-compatible embedded font for the PDF: "Liberation Sans".
    pub font_pdf: String,
    /// Body font size in points.
    pub font_size_pt: u32,
    /// Line spacing factor × 100 (115 = 1.15).
    pub line_spacing_pct: u32,
    /// Lines printed small under the page number in every page's footer (the notice of
    /// an electronically signed document); empty for none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footer_notice: Vec<String>,
}

impl PageSetup {
    /// The house setup on the given paper: margins 25/25/30/20 mm (top, bottom, left,
    /// right), Arial 11 pt in the DOCX with Liberation Sans (its metric twin) in the PDF,
    /// line spacing 1,15. The one place these values are written.
    pub fn house(paper: &str, width_mm: u32, height_mm: u32) -> PageSetup {
        PageSetup {
            paper: paper.into(),
            width_mm,
            height_mm,
            margin: Margins {
                top: 25,
                bottom: 25,
                left: 30,
                right: 20,
            },
            font_docx: "Arial".into(),
            font_pdf: "Liberation Sans".into(),
            font_size_pt: 11,
            line_spacing_pct: 115,
            footer_notice: Vec::new(),
        }
    }

    /// The house setup on A4.
    pub fn a4() -> PageSetup {
        PageSetup::house("A4", 210, 297)
    }

    /// Paper width and height in mm as printed on a page of `orientation`.
    pub fn size_mm(&self, orientation: Orientation) -> (u32, u32) {
        match orientation {
            Orientation::Portrait => (self.width_mm, self.height_mm),
            Orientation::Landscape => (self.height_mm, self.width_mm),
        }
    }

    /// Width and height in mm of the text block of a page of `orientation`.
    pub fn text_block_mm(&self, orientation: Orientation) -> (u32, u32) {
        let (w, h) = self.size_mm(orientation);
        let m = self.margin.on(orientation);
        (
            w.saturating_sub(m.left + m.right),
            h.saturating_sub(m.top + m.bottom),
        )
    }
}

/// Page margins in mm.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Margins {
    /// Top.
    pub top: u32,
    /// Bottom.
    pub bottom: u32,
    /// Left (binding side).
    pub left: u32,
    /// Right.
    pub right: u32,
}

impl Margins {
    /// The margins as printed on a page of `orientation`. A landscape page is the
    /// portrait sheet turned clockwise, so its binding edge (the portrait left) is at the
    /// top. The one place the turn is written: the PDF's layouts (through the layout
    /// input), the DOCX's section properties and the charts' sizes read it.
    pub fn on(self, orientation: Orientation) -> Margins {
        match orientation {
            Orientation::Portrait => self,
            Orientation::Landscape => Margins {
                top: self.left,
                right: self.top,
                bottom: self.right,
                left: self.bottom,
            },
        }
    }
}

/// A run of pages with one setup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable name ("cover", "letter", "front", "body", "landscape-3.2.2", "appendix").
    pub name: String,
    /// Orientation.
    pub orientation: Orientation,
    /// Page-number style in the footer.
    pub numbering: PageNumbering,
    /// Restart the page counter at 1 at this section's start.
    pub restart: bool,
    /// Content.
    pub blocks: Vec<Block>,
}

impl Section {
    /// A section with its page setup and content.
    pub fn new(
        name: &str,
        orientation: Orientation,
        numbering: PageNumbering,
        restart: bool,
        blocks: Vec<Block>,
    ) -> Section {
        Section {
            name: name.into(),
            orientation,
            numbering,
            restart,
            blocks,
        }
    }
}

/// Page orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    /// Tall.
    Portrait,
    /// Wide.
    Landscape,
}

/// Footer page-number style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageNumbering {
    /// No number shown (the counter still runs).
    None,
    /// i, ii, iii.
    LowerRoman,
    /// 1, 2, 3.
    Arabic,
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Left.
    #[default]
    Left,
    /// Centre.
    Center,
    /// Right.
    Right,
    /// Justified.
    Justify,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inline {
    /// Literal text with emphasis flags.
    Text {
        /// The text, printed literally.
        text: String,
        /// Bold.
        #[serde(default, skip_serializing_if = "is_false")]
        bold: bool,
        /// Italic.
        #[serde(default, skip_serializing_if = "is_false")]
        italic: bool,
        /// Underlined.
        #[serde(default, skip_serializing_if = "is_false")]
        underline: bool,
    },
    /// Forced line break.
    Break,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// List numbering style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListStyle {
    /// a. b. c.
    LowerAlphaDot,
    /// a) b) c)
    LowerAlphaParen,
    /// A. B. C.
    UpperAlphaDot,
    /// 1. 2. 3.
    DecimalDot,
    /// 1) 2) 3)
    DecimalParen,
    /// Bullet "–".
    Bullet,
}

/// A block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A heading; level 1 = chapter (BAB) or front-matter title.
    Heading(Heading),
    /// A paragraph.
    Paragraph(Paragraph),
    /// A (nested) list.
    List(List),
    /// A table.
    Table(Table),
    /// An image by key (see `Document::images`).
    Image(Image),
    /// A signature block.
    Signature(Signature),
    /// Two signature blocks side by side (Perjanjian Kinerja: PIHAK KEDUA left).
    SignaturePair {
        /// Left column.
        left: Signature,
        /// Right column.
        right: Signature,
    },
    /// The report cover.
    Cover(Cover),
    /// The kop surat.
    Letterhead(Letterhead),
    /// The letter's date, Nomor/Sifat/Lampiran/Hal block and addressee.
    LetterHeader(LetterHeader),
    /// Table of contents over all headings with `in_toc`.
    Toc(Toc),
    /// A list of the numbered tables or charts with their pages (Daftar Tabel, Daftar
    /// Grafik), over every caption with an anchor ([`Document::captions`]).
    Captions(CaptionList),
    /// Vertical space.
    Spacer {
        /// Height in mm.
        mm: u32,
    },
    /// Page break.
    PageBreak,
}

/// A heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    /// 1–3.
    pub level: u8,
    /// Number text ("BAB I", "1.1", "A."), if numbered.
    pub number: Option<String>,
    /// Title text.
    pub text: String,
    /// Stable anchor, unique in the document ("bab-1", "s-1-1").
    pub anchor: String,
    /// Listed in the table of contents.
    pub in_toc: bool,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Content.
    pub spans: Vec<Inline>,
    /// Alignment.
    pub align: Align,
    /// Indent the first line (body text).
    pub first_line_indent: bool,
    /// Font size in pt when not the body size (captions, notes).
    pub size_pt: Option<u32>,
    /// Anchor of a chart's numbered caption, listed in the Daftar Grafik.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// Provenance (DOCX marks only).
    #[serde(skip)]
    pub origin: Origin,
}

/// A list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct List {
    /// Numbering style.
    pub style: ListStyle,
    /// First number (1 = a/1).
    pub start: u32,
    /// Items.
    pub items: Vec<ListItem>,
    /// Provenance: the source of the whole list (DOCX marks only).
    #[serde(skip)]
    pub origin: Origin,
}

/// A list item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    /// Text of the item.
    pub spans: Vec<Inline>,
    /// Nested blocks.
    pub children: Vec<Block>,
    /// Provenance: the figures in the item's text (DOCX marks only).
    #[serde(skip)]
    pub origin: Origin,
}

/// A table. Serialised with two more fields, which the layouts need and the IR does not
/// repeat: `placement`, the columns of every cell (`doc::placement`), and `widest`, a
/// bound of the widest word of every cell (`doc::fit`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Table {
    /// Caption above the table ("Tabel 3.1.1" line and title line).
    pub caption: Vec<String>,
    /// Column relative widths (sum is the text width).
    pub widths: Vec<u32>,
    /// Header rows (repeat on every page).
    pub header: Vec<Row>,
    /// Body rows.
    pub body: Vec<Row>,
    /// Font size in pt.
    pub size_pt: u32,
    /// Note under the table ("Sumber: …").
    pub note: Option<String>,
    /// Anchor of a numbered table's caption, listed in the Daftar Tabel.
    #[serde(default)]
    pub anchor: Option<String>,
    /// Provenance: the table's source and its computed cells (DOCX marks only).
    #[serde(skip)]
    pub origin: Origin,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Cells; spanned positions are not repeated.
    pub cells: Vec<Cell>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Content.
    pub spans: Vec<Inline>,
    /// Columns spanned (≥ 1).
    pub colspan: u32,
    /// Rows spanned (≥ 1).
    pub rowspan: u32,
    /// Alignment.
    pub align: Align,
    /// Bold (header and total rows).
    pub bold: bool,
}

/// An image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// Key in `Document::images`.
    pub key: String,
    /// Width in mm.
    pub width_mm: u32,
    /// Alternative text.
    pub alt: String,
}

/// Image bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageAsset {
    /// Key ("lambang.png", "grafik-pegawai.svg").
    pub key: String,
    /// PNG bytes (empty for a chart given as `svg`: the DOCX rasterises it).
    pub png: Vec<u8>,
    /// Vector drawing of a chart: the PDF embeds it as is.
    pub svg: Option<String>,
    /// Pixel width.
    pub width_px: u32,
    /// Pixel height.
    pub height_px: u32,
}

/// A signature block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// "Mojokerto, 18 Februari 2022" (or none).
    pub place_date: Option<String>,
    /// Lines above the signing space ("PIHAK KEDUA,", "KEPALA DINAS TENAGA KERJA", "KABUPATEN MOJOKERTO,").
    pub role_lines: Vec<String>,
    /// Name (bold, underlined).
    pub name: String,
    /// Pangkat line ("Pembina Utama Muda"), if any.
    pub rank: Option<String>,
    /// "NIP 19690621 199802 1 001", if any.
    pub nip: Option<String>,
    /// Where the block sits on the line.
    pub align: Align,
    /// Signed electronically (TTE): a square for the QR replaces the wet-ink space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electronic: Option<Electronic>,
}

/// The electronic form of a signature block (TTE): the role lines already end with
/// "Ditandatangani secara elektronik oleh:" and the jabatan; between them and the name
/// a square is left blank for the QR of the signature's appearance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Electronic {
    /// Side of the square reserved for the QR, in mm.
    pub qr_mm: u32,
    /// Name of the empty PDF signature field put exactly on this square (the head's main
    /// signature, on the cover letter); `None` for the other blocks.
    pub field: Option<String>,
}

/// The cover page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cover {
    /// "PEMERINTAH KABUPATEN MOJOKERTO".
    pub government: String,
    /// Title lines.
    pub title: Vec<String>,
    /// Emblem image key.
    pub emblem: String,
    /// Agency line.
    pub agency: String,
    /// Region line ("KABUPATEN MOJOKERTO").
    pub region: String,
    /// Year of issue.
    pub year: String,
}

/// The kop surat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Letterhead {
    /// Emblem image key.
    pub emblem: String,
    /// "PEMERINTAH KABUPATEN MOJOKERTO".
    pub government: String,
    /// "DINAS TENAGA KERJA".
    pub agency: String,
    /// Address and contact lines.
    pub lines: Vec<String>,
}

/// Letter date, fields and addressee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterHeader {
    /// "Mojokerto, 18 Februari 2022".
    pub place_date: String,
    /// Label/value rows: Nomor, Sifat, Lampiran, Hal.
    pub fields: Vec<[String; 2]>,
    /// Addressee lines, starting with "Yth. …".
    pub addressee: Vec<String>,
}

/// Table of contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Toc {
    /// Deepest heading level listed.
    pub depth: u8,
}

/// What a caption numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Captioned {
    /// A table ("Tabel 3.1").
    Table,
    /// A chart ("Grafik 3.1").
    Chart,
}

/// A list of the captions of one kind (Daftar Tabel or Daftar Grafik).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaptionList {
    /// Tables or charts.
    pub of: Captioned,
}

/// A numbered caption as the lists of tables and charts show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaptionEntry {
    /// Table or chart.
    pub of: Captioned,
    /// The number as printed ("Tabel 3.1").
    pub number: String,
    /// The title (the caption's other lines, joined by a space).
    pub title: String,
    /// The caption's anchor.
    pub anchor: String,
}

/// Every anchored caption of `sections` in document order (also in list items).
pub fn captions(sections: &[Section]) -> Vec<CaptionEntry> {
    fn walk(blocks: &[Block], out: &mut Vec<CaptionEntry>) {
        for block in blocks {
            match block {
                Block::Table(t) => {
                    if let (Some(anchor), Some((number, title))) =
                        (&t.anchor, t.caption.split_first())
                    {
                        out.push(CaptionEntry {
                            of: Captioned::Table,
                            number: number.clone(),
                            title: title.join(" "),
                            anchor: anchor.clone(),
                        });
                    }
                }
                Block::Paragraph(p) => {
                    if let (Some(anchor), Some((first, rest))) = (&p.anchor, p.spans.split_first())
                    {
                        out.push(CaptionEntry {
                            of: Captioned::Chart,
                            number: spans_text(std::slice::from_ref(first)).trim().to_string(),
                            title: spans_text(rest).trim().to_string(),
                            anchor: anchor.clone(),
                        });
                    }
                }
                Block::List(list) => {
                    for item in &list.items {
                        walk(&item.children, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for section in sections {
        walk(&section.blocks, &mut out);
    }
    out
}

impl Document {
    /// Every heading in document order, also those nested in list items: the one walk
    /// that the PDF (heading pages), the DOCX (bookmarks, TOC) and the tests share.
    pub fn headings(&self) -> Vec<&Heading> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Heading>) {
            for block in blocks {
                match block {
                    Block::Heading(h) => out.push(h),
                    Block::List(list) => {
                        for item in &list.items {
                            walk(&item.children, out);
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        for section in &self.sections {
            walk(&section.blocks, &mut out);
        }
        out
    }

    /// Every numbered caption with an anchor, in document order ([`captions`]).
    pub fn captions(&self) -> Vec<CaptionEntry> {
        captions(&self.sections)
    }

    /// Every printed text of the document, in order: one entry per paragraph, list item,
    /// table cell, caption, heading (its number apart) and line of the cover, kop,
    /// letter block and signatures. Renderers and tests use it to check that nothing
    /// is lost (parity) and that every character can be shown (glyphs).
    pub fn texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for s in &self.sections {
            blocks_texts(&s.blocks, &mut out);
        }
        out.extend(self.page.footer_notice.iter().cloned());
        out.retain(|t| !t.trim().is_empty());
        out
    }
}

/// The plain text of inline spans (a line break as a space).
pub fn spans_text(spans: &[Inline]) -> String {
    spans
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            Inline::Break => " ",
        })
        .collect()
}

fn signature_texts(s: &Signature, out: &mut Vec<String>) {
    out.extend(s.place_date.clone());
    out.extend(s.role_lines.iter().cloned());
    out.push(s.name.clone());
    out.extend(s.rank.clone());
    out.extend(s.nip.clone());
}

fn blocks_texts(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Heading(h) => {
                out.extend(h.number.clone());
                out.push(h.text.clone());
            }
            Block::Paragraph(p) => out.push(spans_text(&p.spans)),
            Block::List(l) => {
                for it in &l.items {
                    out.push(spans_text(&it.spans));
                    blocks_texts(&it.children, out);
                }
            }
            Block::Table(t) => {
                out.extend(t.caption.iter().cloned());
                for r in t.header.iter().chain(&t.body) {
                    out.extend(r.cells.iter().map(|c| spans_text(&c.spans)));
                }
                out.extend(t.note.clone());
            }
            Block::Image(_)
            | Block::Toc(_)
            | Block::Captions(_)
            | Block::Spacer { .. }
            | Block::PageBreak => {}
            Block::Signature(s) => signature_texts(s, out),
            Block::SignaturePair { left, right } => {
                signature_texts(left, out);
                signature_texts(right, out);
            }
            Block::Cover(c) => {
                out.push(c.government.clone());
                out.extend(c.title.iter().cloned());
                out.extend([c.agency.clone(), c.region.clone(), c.year.clone()]);
            }
            Block::Letterhead(l) => {
                out.extend([l.government.clone(), l.agency.clone()]);
                out.extend(l.lines.iter().cloned());
            }
            Block::LetterHeader(h) => {
                out.push(h.place_date.clone());
                for [k, v] in &h.fields {
                    out.extend([k.clone(), v.clone()]);
                }
                out.extend(h.addressee.iter().cloned());
            }
        }
    }
}
