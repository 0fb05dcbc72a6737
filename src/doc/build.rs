//! `build(bundle, figures)`: the whole report as IR: cover, cover letter on the kop surat,
//! Kata Pengantar, Daftar Isi, Ikhtisar Eksekutif, the chapters of the outline in force
//! (`outline`, walked by `chapters`), Lampiran. Shared helpers for the parts
//! live here: text conversion with placeholder expansion, headings, paragraphs, cells.

use std::collections::BTreeMap;

use crate::bundle::text::{self as bt, Span};
use crate::bundle::{Bundle, Huruf, Kertas, Pejabat, Plt};
use crate::figures::{self, Figures};
use crate::format::{self, MoneyStyle};

use super::ir::*;

/// Key of the emblem image in `Document::images`.
pub const EMBLEM_KEY: &str = "lambang.png";

/// The neutral emblem of our own drawing, used when the bundle gives none.
pub const NEUTRAL_EMBLEM: &[u8] = include_bytes!("../../layouts/lambang-netral.png");

/// Pixel size of a PNG from its IHDR chunk.
pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || &png[..8] != b"\x89PNG\r\n\x1a\n" || &png[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(png[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(png[20..24].try_into().ok()?);
    Some((w, h))
}

/// Build context: the bundle, its figures and formatting choices.
pub(super) struct Ctx<'a> {
    pub b: &'a Bundle,
    pub f: &'a Figures,
    pub dp: u32,
    pub money: MoneyStyle,
    /// Placeholder values: the figures' and the cross-references (`tabel.ID` →
    /// "Tabel 3.2") found by the previous pass of the build.
    pub names: BTreeMap<String, String>,
    /// Paper, margins and fonts (charts are sized to the text block).
    pub page: PageSetup,
    /// The charts drawn so far, each under a unique key (`charts::add`).
    pub images: std::cell::RefCell<Vec<ImageAsset>>,
    /// Whether the signature field of an electronically signed report was placed (on the
    /// first signature block of the head: the cover letter's).
    pub field_placed: std::cell::Cell<bool>,
}

/// Caption line of a table that the body numbers in its chapter ("Tabel 3.2").
pub const PENDING_TABLE: &str = "Tabel #";
/// Caption prefix of a chart that the body numbers in its chapter ("Grafik 1.1").
pub const PENDING_FIGURE: &str = "Grafik #";

/// Build the report. `emblem` is the bundle's emblem PNG, if it has one.
pub fn build(b: &Bundle, f: &Figures, emblem: Option<Vec<u8>>) -> Document {
    let money = match b
        .tata_letak
        .as_ref()
        .and_then(|t| t.rupiah)
        .unwrap_or_default()
    {
        crate::bundle::GayaRupiah::Baku => MoneyStyle::Modern,
        crate::bundle::GayaRupiah::Lama => MoneyStyle::Legacy,
    };
    let paper = b
        .tata_letak
        .as_ref()
        .and_then(|t| t.kertas)
        .unwrap_or_default();
    let (width_mm, height_mm) = match paper {
        Kertas::A4 => (210, 297),
        Kertas::F4 => (215, 330),
    };
    let (font_docx, font_pdf) = match b
        .tata_letak
        .as_ref()
        .and_then(|t| t.huruf)
        .unwrap_or_default()
    {
        Huruf::Arial => ("Arial", "Liberation Sans"),
        Huruf::TimesNewRoman => ("Times New Roman", "Liberation Serif"),
    };
    let paper_name = match paper {
        Kertas::A4 => "A4",
        Kertas::F4 => "F4",
    };
    let page = PageSetup {
        font_docx: font_docx.into(),
        font_pdf: font_pdf.into(),
        footer_notice: Vec::new(),
        ..PageSetup::house(paper_name, width_mm, height_mm)
    };
    // Two passes: the first numbers the tables and charts of the outline in force, the
    // second expands the cross-references (`{{ tabel.anggaran }}`) to those numbers.
    let (outline, _) = super::outline::resolve(b);
    let first = Ctx {
        b,
        f,
        dp: f.desimal,
        money,
        names: f.names.clone(),
        page: page.clone(),
        images: Default::default(),
        field_placed: Default::default(),
    };
    let first_body = super::chapters::body(&first, &outline);
    let lists = lists_asked(b, &first_body.sections);
    let refs = first_body.refs;
    let mut names = f.names.clone();
    names.extend(refs);
    let mut cx = Ctx {
        names,
        images: Default::default(),
        field_placed: Default::default(),
        ..first
    };
    cx.page.footer_notice = tte_notice(&cx);
    let png = emblem.unwrap_or_else(|| NEUTRAL_EMBLEM.to_vec());
    let (w, h) = png_size(&png).unwrap_or((1, 1));
    let d = b.laporan.tanggal;
    let mut sections = vec![
        section(
            "cover",
            PageNumbering::None,
            false,
            super::parts::cover(&cx),
        ),
        section(
            "letter",
            PageNumbering::None,
            false,
            super::parts::letter(&cx),
        ),
        section(
            "front",
            PageNumbering::LowerRoman,
            true,
            super::parts::front_matter(&cx, &lists),
        ),
    ];
    sections.extend(super::chapters::body(&cx, &outline).sections);
    let mut images = vec![ImageAsset {
        key: EMBLEM_KEY.into(),
        png,
        svg: None,
        width_px: w,
        height_px: h,
    }];
    images.extend(cx.images.take());
    sections.push(section(
        "appendix",
        PageNumbering::None,
        false,
        super::parts::appendix(&cx),
    ));
    for s in &mut sections {
        let landscape = s.orientation == Orientation::Landscape;
        super::fit::fit_blocks(
            &mut s.blocks,
            super::fit::text_width_pt(&cx.page, landscape),
        );
    }
    let rows = super::provenance::row_names(b);
    for s in &mut sections {
        super::provenance::mark_generated(&mut s.blocks, &rows, &cx.names);
    }
    let tahun = b.laporan.tahun.to_string();
    Document {
        meta: Meta {
            title: cx.say(
                "dokumen.judul",
                &[
                    ("tahun", &tahun),
                    ("instansi", &b.instansi.nama),
                    ("daerah", &b.instansi.daerah),
                ],
            ),
            author: format!("{} {}", b.instansi.nama, b.instansi.daerah),
            subject: cx.say("dokumen.subjek", &[("tahun", &tahun)]),
            language: "id-ID".into(),
            date: d.to_string(),
            date_parts: [d.year as u32, d.month, d.day],
        },
        page: cx.page.clone(),
        sections,
        images,
        origin: DocOrigin {
            report: format!(
                "{} {} {}",
                b.instansi.nama, b.instansi.daerah, b.laporan.tahun
            ),
        },
    }
}

/// The lists of tables and charts the bundle asks for (`tata_letak.daftar_tabel`,
/// `daftar_grafik`) and the body has entries for, in the order they are printed.
fn lists_asked(b: &Bundle, body: &[Section]) -> Vec<Captioned> {
    let layout = b.tata_letak.as_ref();
    let asked = [
        (Captioned::Table, layout.and_then(|t| t.daftar_tabel)),
        (Captioned::Chart, layout.and_then(|t| t.daftar_grafik)),
    ];
    let present = super::ir::captions(body);
    asked
        .into_iter()
        .filter(|(of, on)| *on == Some(true) && present.iter().any(|c| c.of == *of))
        .map(|(of, _)| of)
        .collect()
}

/// The TTE choices of the bundle, if the report is signed electronically.
fn tte(b: &Bundle) -> Option<&crate::bundle::Tte> {
    b.tata_letak.as_ref().and_then(|t| t.tte.as_ref())
}

/// The footer notice of an electronically signed report: the bundle's lines, or those of
/// the phrase `tte.catatan`.
fn tte_notice(cx: &Ctx) -> Vec<String> {
    match tte(cx.b) {
        None => Vec::new(),
        Some(t) => t
            .catatan
            .clone()
            .unwrap_or_else(|| cx.say_lines("tte.catatan", &[])),
    }
}

/// Side of the square reserved for the QR of an electronic signature, in mm.
pub const QR_MM: u32 = 25;

/// The name of the signature field of an official: "TTE " and the name without periods
/// (a period separates the parts of a PDF field's full name).
pub fn field_name(nama: &str) -> String {
    format!("TTE {}", nama.replace('.', ""))
}

/// A section.
pub(super) fn section(
    name: &str,
    numbering: PageNumbering,
    restart: bool,
    blocks: Vec<Block>,
) -> Section {
    Section::new(name, Orientation::Portrait, numbering, restart, blocks)
}

/// Plain text span.
pub(super) fn t(s: impl Into<String>) -> Inline {
    Inline::Text {
        text: s.into(),
        bold: false,
        italic: false,
        underline: false,
    }
}

/// Bold span.
pub(super) fn bold(s: impl Into<String>) -> Inline {
    Inline::Text {
        text: s.into(),
        bold: true,
        italic: false,
        underline: false,
    }
}

/// A body paragraph (justified, first line indented).
pub(super) fn para(spans: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph {
        spans,
        align: Align::Justify,
        first_line_indent: true,
        size_pt: None,
        anchor: None,
        origin: Default::default(),
    })
}

/// A paragraph with an alignment and no indent.
pub(super) fn line(spans: Vec<Inline>, align: Align) -> Block {
    Block::Paragraph(Paragraph {
        spans,
        align,
        first_line_indent: false,
        size_pt: None,
        anchor: None,
        origin: Default::default(),
    })
}

/// A heading.
pub(super) fn heading(level: u8, number: Option<String>, text: &str, anchor: &str) -> Block {
    Block::Heading(Heading {
        level,
        number,
        text: text.into(),
        anchor: anchor.into(),
        in_toc: true,
    })
}

/// A table cell.
pub(super) fn cell(text: impl Into<String>, align: Align) -> Cell {
    Cell {
        spans: vec![t(text)],
        colspan: 1,
        rowspan: 1,
        align,
        bold: false,
    }
}

/// A header cell (bold, centred), with spans.
pub(super) fn hcell(text: &str, colspan: u32, rowspan: u32) -> Cell {
    Cell {
        spans: vec![t(text)],
        colspan,
        rowspan,
        align: Align::Center,
        bold: true,
    }
}

/// A row of cells.
pub(super) fn row(cells: Vec<Cell>) -> Row {
    Row { cells }
}

/// A table with one header row of the given titles.
pub(super) fn table(
    caption: Vec<String>,
    widths: Vec<u32>,
    titles: &[impl AsRef<str>],
    body: Vec<Row>,
    note: Option<String>,
) -> Block {
    Block::Table(Table {
        caption,
        widths,
        header: vec![row(titles
            .iter()
            .map(|h| hcell(h.as_ref(), 1, 1))
            .collect())],
        body,
        size_pt: 9,
        note,
        anchor: None,
        origin: Default::default(),
    })
}

impl Ctx<'_> {
    /// Expand placeholders in bundle text.
    pub fn expand(&self, s: &str) -> String {
        figures::expand(s, &self.names)
    }

    /// The phrase `id` (`data/kerangka/frasa.json`, or the bundle's `frasa`), filled with
    /// its own values and the figures' names.
    pub fn say(&self, id: &str, vars: &[(&str, &str)]) -> String {
        super::phrase::fill(
            &super::phrase::template(&self.b.frasa, id),
            vars,
            &self.names,
        )
    }

    /// A phrase of several lines (a line break in the template starts a new line).
    pub fn say_lines(&self, id: &str, vars: &[(&str, &str)]) -> Vec<String> {
        self.say(id, vars).lines().map(str::to_string).collect()
    }

    /// Phrases without values, in order (a table's column titles).
    pub fn says(&self, ids: &[&str]) -> Vec<String> {
        ids.iter().map(|id| self.say(id, &[])).collect()
    }

    /// A phrase as inline spans, the values named in `italic` set in italics.
    pub fn say_spans(&self, id: &str, vars: &[(&str, &str)], italic: &[&str]) -> Vec<Inline> {
        super::phrase::fill_styled(
            &super::phrase::template(&self.b.frasa, id),
            vars,
            &self.names,
            italic,
        )
        .into_iter()
        .map(|(text, italic)| Inline::Text {
            text,
            bold: false,
            italic,
            underline: false,
        })
        .collect()
    }

    /// Bundle inline text as IR spans (placeholders expanded, text literal).
    pub fn inlines(&self, i: &bt::Inlines) -> Vec<Inline> {
        i.0.iter()
            .map(|s| match s {
                Span::Text(x) => t(self.expand(x)),
                Span::Bold(x) => bold(self.expand(x)),
                Span::Italic(x) => Inline::Text {
                    text: self.expand(x),
                    bold: false,
                    italic: true,
                    underline: false,
                },
                Span::Underline(x) => Inline::Text {
                    text: self.expand(x),
                    bold: false,
                    italic: false,
                    underline: true,
                },
                Span::Break(_) => Inline::Break,
            })
            .collect()
    }

    /// Bundle blocks as IR blocks.
    pub fn blocks(&self, blocks: &[bt::Block]) -> Vec<Block> {
        blocks.iter().map(|b| self.block(b)).collect()
    }

    fn block(&self, b: &bt::Block) -> Block {
        match b {
            bt::Block::Paragraph(i) => para(self.inlines(i)),
            bt::Block::List(l) => Block::List(self.list(l)),
            bt::Block::Table(tb) => {
                let n = tb
                    .kepala
                    .len()
                    .max(tb.baris.iter().map(Vec::len).max().unwrap_or(1))
                    .max(1);
                let body = tb
                    .baris
                    .iter()
                    .map(|r| {
                        let mut cells: Vec<Cell> = r
                            .iter()
                            .map(|c| Cell {
                                spans: self.inlines(c),
                                colspan: 1,
                                rowspan: 1,
                                align: Align::Left,
                                bold: false,
                            })
                            .collect();
                        cells.resize(n, cell("", Align::Left));
                        row(cells)
                    })
                    .collect();
                let mut titles: Vec<&str> = tb.kepala.iter().map(String::as_str).collect();
                titles.resize(n, "");
                table(
                    tb.judul.iter().map(|j| self.expand(j)).collect(),
                    vec![1; n],
                    &titles,
                    body,
                    None,
                )
            }
        }
    }

    /// A bundle list as an IR list.
    pub fn list(&self, l: &bt::List) -> List {
        List {
            style: list_style(l.style),
            start: 1,
            items: l
                .items
                .iter()
                .map(|it| ListItem {
                    spans: self.inlines(&it.text),
                    children: self.blocks(&it.sub),
                    origin: Default::default(),
                })
                .collect(),
            origin: Default::default(),
        }
    }

    /// A list of plain items.
    pub fn plain_list(
        &self,
        style: ListStyle,
        items: impl IntoIterator<Item = Vec<Inline>>,
    ) -> Block {
        Block::List(List {
            style,
            start: 1,
            items: items
                .into_iter()
                .map(|spans| ListItem {
                    spans,
                    children: vec![],
                    origin: Default::default(),
                })
                .collect(),
            origin: Default::default(),
        })
    }

    /// "Mojokerto, 18 Februari 2022".
    pub fn place_date(&self) -> String {
        let d = self.b.laporan.tanggal;
        format!(
            "{}, {}",
            self.b.laporan.tempat,
            format::date(d.year, d.month, d.day)
        )
    }

    /// Agency in capitals: "DINAS TENAGA KERJA".
    /// The printed name of a unit kind: the bundle's, or the default.
    pub fn kind_name(&self, kind: crate::bundle::JenisUnit) -> String {
        self.b
            .organisasi
            .nama_jenis
            .get(&kind)
            .cloned()
            .unwrap_or_else(|| kind.default_name().to_string())
    }

    pub fn agency_upper(&self) -> String {
        self.b.instansi.nama.to_uppercase()
    }

    /// The official with this id (validated to exist).
    pub fn pejabat(&self, id: &str) -> Option<&Pejabat> {
        self.b.pejabat.iter().find(|p| p.id == id)
    }

    /// Signature block of an official.
    pub fn signature(
        &self,
        id: &str,
        place_date: Option<String>,
        mut roles: Vec<String>,
        align: Align,
    ) -> Block {
        Block::Signature(self.signature_of(id, place_date, &mut roles, align))
    }

    /// Signature data of an official; `roles` come before the official's jabatan.
    pub fn signature_of(
        &self,
        id: &str,
        place_date: Option<String>,
        roles: &mut Vec<String>,
        align: Align,
    ) -> Signature {
        let p = self.pejabat(id);
        // Only the head signs electronically; the superior of the Perjanjian Kinerja
        // signs in ink.
        let electronic = (tte(self.b).is_some() && id == self.b.penandatangan.kepala).then(|| {
            // the first line of an electronic signature block (Tata Naskah Dinas)
            roles.push(self.say("tandatangan.tte", &[]));
            let field = (!self.field_placed.replace(true))
                .then(|| field_name(p.map_or("", |p| p.nama.as_str())));
            Electronic {
                qr_mm: QR_MM,
                field,
            }
        });
        if let Some(p) = p {
            let id = match p.plt {
                Some(Plt::Plt) => "tandatangan.jabatan.plt",
                Some(Plt::Plh) => "tandatangan.jabatan.plh",
                Some(Plt::Pj) => "tandatangan.jabatan.pj",
                None => "tandatangan.jabatan",
            };
            roles.push(self.say(id, &[("jabatan", &p.jabatan.to_uppercase())]));
        }
        Signature {
            place_date,
            role_lines: std::mem::take(roles),
            name: p.map(|p| p.nama.clone()).unwrap_or_default(),
            rank: p.and_then(|p| match (&p.pangkat, &p.golongan) {
                (Some(pk), Some(g)) => Some(format!("{pk} ({g})")),
                (Some(pk), None) => Some(pk.clone()),
                _ => None,
            }),
            nip: p
                .and_then(|p| p.nip.as_ref())
                .map(|n| self.say("tandatangan.nip", &[("nip", &format::nip(n))])),
            align,
            electronic,
        }
    }
}

fn list_style(s: bt::ListStyle) -> ListStyle {
    match s {
        bt::ListStyle::LowerAlphaDot => ListStyle::LowerAlphaDot,
        bt::ListStyle::LowerAlphaParen => ListStyle::LowerAlphaParen,
        bt::ListStyle::UpperAlphaDot => ListStyle::UpperAlphaDot,
        bt::ListStyle::DecimalDot => ListStyle::DecimalDot,
        bt::ListStyle::DecimalParen => ListStyle::DecimalParen,
        bt::ListStyle::Bullet => ListStyle::Bullet,
    }
}
