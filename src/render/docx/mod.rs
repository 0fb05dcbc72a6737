//! The DOCX renderer: the document IR to an editable Word file.
//!
//! Three parts: the writer (this module and [`blocks`], [`table`], [`page`], [`toc`] …:
//! IR → docx-rs paragraphs, runs, tables, pictures, hyperlinks, bookmarks, field
//! characters), [`xml`] (the small XML tree: parse, build, serialise) and [`fixup`] (a
//! small pass over the XML that docx-rs writes: schema order, invalid values, ids, section
//! properties, repeating header rows). Pipeline: IR → docx-rs → [`fixup`] → a package
//! written anew by [`package`] (deflate, fixed order and timestamps). The small parts that
//! are fully determined by the page setup and metadata — styles, numbering, settings,
//! core properties, theme — are written directly ([`styles`], [`numbering`], [`package`]):
//! docx-rs's builders for them misorder elements and lack `w:lang`, title and language.
//!
//! Layout rules follow `layouts/*.typ`, so the DOCX and the PDF look alike: Arial (the
//! PDF embeds its metric twin), body size and line spacing from the IR, centred bold
//! chapter headings, numbered section headings with a hanging number column, tables with
//! thin borders and repeated header rows, the kop surat in the body, and a table of
//! contents whose cached page numbers are the PDF's page labels.
//!
//! Each IR section is one Word section (page size, orientation, margins, footer with a
//! centred PAGE field in roman or arabic digits, restart). Output is byte-identical for
//! the same IR, also for two renders in one process.

mod blocks;
mod fixup;
mod letter;
mod numbering;
mod origin;
mod package;
mod page;
pub mod raster;
mod styles;
mod table;
mod toc;
mod xml;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use docx_rs::{AlignmentType, Docx, Footer, PageNum, Paragraph};

use crate::doc::ir::{Document, Orientation, PageNumbering, Section};
use crate::render::look::{self, LOOK};

pub use origin::{
    REPORT_PROPERTY as ORIGIN_REPORT_PROPERTY, SOURCE_PROPERTY as ORIGIN_SOURCE_PROPERTY,
};

use blocks::{Ctx, Item};
use page::Geometry;
use styles::id;
use xml::Element;

/// A DOCX rendering failure (an image the IR names but does not carry, or an internal
/// XML/ZIP error).
#[derive(Debug)]
pub struct DocxError {
    /// What went wrong.
    pub message: String,
}

impl DocxError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        DocxError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DOCX: {}", self.message)
    }
}

impl std::error::Error for DocxError {}

/// Render the IR as a DOCX file.
///
/// `anchor_pages`: anchor -> printed page label from the typst layout of the same
/// document (used as the cached page numbers of the TOC field entries). Missing anchors
/// print no number.
pub fn render_docx(
    doc: &Document,
    anchor_pages: &BTreeMap<String, String>,
) -> Result<Vec<u8>, DocxError> {
    render_docx_with(doc, anchor_pages, &raster::Rasters::default())
}

/// [`render_docx`] with charts rasterised ahead ([`raster::rasterize`], e.g. while typst
/// lays out the PDF); charts missing from `rasters` are rasterised here.
pub fn render_docx_with(
    doc: &Document,
    anchor_pages: &BTreeMap<String, String>,
    rasters: &raster::Rasters,
) -> Result<Vec<u8>, DocxError> {
    let fallback;
    let sections: &[Section] = if doc.sections.is_empty() {
        fallback = [Section {
            name: "body".into(),
            orientation: Orientation::Portrait,
            numbering: PageNumbering::None,
            restart: false,
            blocks: vec![],
        }];
        &fallback
    } else {
        &doc.sections
    };

    let mut ctx = Ctx::new(doc, anchor_pages, rasters);
    // Two footer parts serve every section (see `page`): rIdFooter1 with the page number,
    // rIdFooter2 empty. The fix-up pass points each section at one of them.
    let page_footer = Footer::new().add_paragraph(
        Paragraph::new()
            .style(id::FOOTER)
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new()),
    );
    let blank_footer = Footer::new().add_paragraph(Paragraph::new().style(id::FOOTER));
    // The notice of an electronically signed report, small, under the page number.
    let notice_look = LOOK.footer_notice;
    let overhang = -(page::mm_to_twips(look::mm(notice_look.overhang_um)) as i32);
    let notice = &doc.page.footer_notice;
    let (page_footer, blank_footer) = if notice.is_empty() {
        (page_footer, blank_footer)
    } else {
        let para = || {
            blocks::add_lines(
                // Into each side margin, as in the PDF, so each line fits.
                Paragraph::new()
                    .style(id::FOOTER)
                    .align(AlignmentType::Center)
                    .indent(Some(overhang), None, Some(overhang), None),
                notice,
                blocks::RunFmt {
                    size_pt: Some(notice_look.size_pt),
                    bold: false,
                    style: None,
                },
            )
        };
        (
            page_footer.add_paragraph(para()),
            blank_footer.add_paragraph(para()),
        )
    };
    let mut docx = Docx::new().footer(page_footer).first_footer(blank_footer);
    let last = sections.len() - 1;
    for (i, s) in sections.iter().enumerate() {
        let items = ctx.section(s)?;
        if i < last {
            let mut sec = docx_rs::Section::new();
            for it in items {
                sec = match it {
                    Item::P(p) => sec.add_paragraph(*p),
                    Item::T(t) => sec.add_table(*t),
                };
            }
            docx = docx.add_section(sec);
        } else {
            for it in items {
                docx = match it {
                    Item::P(p) => docx.add_paragraph(*p),
                    Item::T(t) => docx.add_table(*t),
                };
            }
        }
    }

    let mut x = docx.build();
    let err = |part: &'static str| move |e: String| DocxError::new(format!("{part}: {e}"));
    let sect_prs: Vec<Element> = sections
        .iter()
        .map(|s| page::sect_pr(&doc.page, s))
        .collect();
    let fixes = fixup::DocumentFixes {
        sections: &sect_prs,
        header_rows: &ctx.header_rows,
        alt_texts: &ctx.alt_texts,
    };
    x.document = fixup::fix_document(&x.document, &fixes).map_err(err("word/document.xml"))?;
    x.document = origin::fix_document(&x.document).map_err(err("word/document.xml"))?;
    x.doc_props.custom = origin::custom_xml(&doc.origin, &ctx.marks.sources).into_bytes();
    for f in &mut x.footers {
        *f = fixup::fix_part(f).map_err(err("footer"))?;
    }
    let language = if doc.meta.language.is_empty() {
        "id-ID"
    } else {
        doc.meta.language.as_str()
    };
    let toc_tab = Geometry::new(&doc.page, Orientation::Portrait).text_width();
    x.styles = styles::styles_xml(&doc.page, language, toc_tab).into_bytes();
    x.numberings = ctx.numbering.xml().into_bytes();
    x.settings = package::settings_xml(language).into_bytes();
    x.doc_props.core = package::core_xml(&doc.meta).into_bytes();
    x.content_type = xml::append_to_root(
        &x.content_type,
        Element::new("Override")
            .attr("PartName", &format!("/{}", package::THEME_PATH))
            .attr("ContentType", package::THEME_CT),
    )
    .map_err(err("[Content_Types].xml"))?;
    x.document_rels = xml::append_to_root(
        &x.document_rels,
        Element::new("Relationship")
            .attr("Id", "rIdTheme1")
            .attr("Type", package::THEME_REL)
            .attr("Target", package::THEME_PATH.trim_start_matches("word/")),
    )
    .map_err(err("word/_rels/document.xml.rels"))?;
    let skip = package::unreferenced(&x.document_rels);
    let dropped: Vec<String> = skip.iter().map(|n| format!("/word/{n}")).collect();
    x.content_type = xml::remove_from_root(&x.content_type, &|e| {
        e.get_attr("PartName")
            .is_some_and(|p| dropped.iter().any(|d| d == p))
    })
    .map_err(err("[Content_Types].xml"))?;
    let theme = package::theme_xml(&doc.page.font_docx);
    package::zip(&x, theme.as_bytes(), &skip)
        .map_err(|e| DocxError::new(format!("writing the package: {e}")))
}
