//! The PDF renderer: the document IR as JSON data, walked by the embedded typst layouts
//! (`layouts/*.typ`), compiled by typst as a library and exported by `typst-pdf`.
//!
//! - **Data, not markup.** The [`Document`] is serialised to JSON and served to typst as
//!   the virtual file `/ir.json` (`world.rs`); the layouts put its strings into the page
//!   as `str` values, which typst prints literally. Nothing from a bundle is parsed as
//!   typst markup.
//! - **Closed world.** The typst world serves only the embedded layouts and fonts
//!   (Liberation Sans, SIL OFL, in `fonts/`), the IR, the render options, the
//!   attachment and the document's images. Typst warnings (e.g. an unknown font
//!   family, which would silently fall back) are errors; diagnostics are reported as
//!   `layouts/report.typ:12:5: message` lines (`diag.rs`).
//! - **Archival and reproducible.** PDF/A-3b with the source bundle attached
//!   (`AFRelationship` Source, mime type `application/json`); the document identifier
//!   derives from title and date, the creator is `lkjip <version>` (read back by
//!   `extract`), and every date comes from
//!   `meta.date_parts`, so two renders of one document are byte-identical.
//! - **Heading pages.** Every heading carries its IR anchor as a typst label; the
//!   compiled document's introspector tells where each landed (`headings.rs`), with the
//!   page label as printed in that page's footer.
//! - **Pages.** Each IR section is one typst `page(..)[..]` run: it starts a new page,
//!   sets paper size, orientation and the footer numbering, and restarts the page
//!   counter when asked. Landscape pages are the portrait sheet turned clockwise: the
//!   portrait left (binding) margin is at the top, top → right, right → bottom,
//!   bottom → left.
//! - **Glyphs.** PDF/A allows no missing glyph; a character the embedded fonts lack is
//!   reported with the IR text it is in before typst runs (`glyphs.rs`).
//! - **Tables fit.** Columns are `fr` shares of the text width; a word too wide for its
//!   cell shrinks (down to 70 %) and only then breaks between characters
//!   (`layouts/blocks.typ`), so no table runs off the page.
//!
//! Tagged PDF: measured on the test report (`tests::tagged_size`: 26 F4 pages, a
//! 250-row table of 5 columns, 11 headings): untagged 112 496 bytes, tagged 425 519
//! bytes (×3.8; the table cells dominate). [`PdfOptions::default`] is untagged; the
//! report pipeline (`report::render`) opts in, because on the real sample the cost is
//! 219 KB → 525 KB and 0,37 s → 0,54 s, small for a public document that screen-reader
//! users must be able to read.

mod diag;
mod field;
mod glyphs;
mod headings;
pub mod live;
mod world;

#[cfg(test)]
mod tests;

use std::fmt;
use std::path::Path;

use serde_json::json;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfStandard, PdfStandards, Timestamp};

use crate::doc::ir::{CaptionEntry, Document, Heading, Margins, Orientation};
use crate::render::look::look_json;
use world::{FONT_LICENSES, FONTS, LAYOUTS, ReportWorld};

/// Options of one PDF render. The default: no attachment, untagged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// A file embedded in the PDF (the bundle the report was made from).
    pub attachment: Option<Attachment>,
    /// Write a tagged PDF (structure tree for assistive technology). Default: off, see
    /// the module docs for the size it costs.
    pub tagged: bool,
}

/// A file embedded in the PDF, with mime type `application/json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File name shown by PDF readers ("bundle.json"); only its last path component is
    /// used.
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Description shown by PDF readers.
    pub description: String,
}

/// A rendered PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfOutput {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub page_count: usize,
    /// The page of every heading, then of every numbered caption, in document order.
    pub anchor_pages: Vec<AnchorPage>,
    /// Where the empty signature field of an electronically signed report goes (the QR
    /// square of the head's main signature), if the document has one. typst cannot write
    /// the field; `sign::field` adds it to the finished file.
    pub signature_field: Option<FieldPlacement>,
}

/// The square reserved for a signature's QR, where the signature field goes.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPlacement {
    /// The field's name (after the official).
    pub name: String,
    /// Physical page index, 0-based.
    pub page_index: usize,
    /// The square in PDF user space: left, bottom, right, top, in points from the page's
    /// bottom-left corner.
    pub rect: [f64; 4],
}

/// Page label (as printed in the footer: "i", "ii", "1", … or "" on unnumbered pages)
/// where the heading or numbered caption with that anchor lands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorPage {
    /// The heading's or caption's anchor.
    pub anchor: String,
    /// The page number as printed in that page's footer, "" if the page shows none.
    pub page_label: String,
    /// Physical page index, 0-based.
    pub page_index: usize,
}

/// A render failure: typst diagnostics, one per line, as `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError {
    /// The diagnostics or the reason, one per line.
    pub message: String,
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PdfError {}

fn error(message: impl Into<String>) -> PdfError {
    PdfError {
        message: message.into(),
    }
}

/// Render `doc` to a PDF/A-3b file: [`layout`], then [`Laid::export`].
pub fn render_pdf(doc: &Document, opts: &PdfOptions) -> Result<PdfOutput, PdfError> {
    layout(doc, opts)?.export()
}

/// A laid-out document, not yet written as PDF. Its heading pages are known, so the DOCX
/// (whose TOC needs them) can be written while the PDF is exported.
pub struct Laid {
    world: ReportWorld,
    paged: PagedDocument,
    options: typst_pdf::PdfOptions,
    anchor_pages: Vec<AnchorPage>,
    signature_field: Option<FieldPlacement>,
}

/// Lay out `doc` with typst (the first half of [`render_pdf`]).
pub fn layout(doc: &Document, opts: &PdfOptions) -> Result<Laid, PdfError> {
    check_image_keys(doc)?;
    glyphs::check(doc)?;
    let attachment = opts.attachment.as_ref();
    let world = ReportWorld::new(
        doc,
        ir_json(doc, false).map_err(|e| error(format!("IR to JSON: {e}")))?,
        options_json(attachment),
        attachment.map(|a| a.bytes.clone()),
    );
    let laid = compile(world, doc, opts.tagged);
    if laid.is_err() {
        // Free typst's memoization caches, also after a failure (batch runs).
        typst::comemo::evict(1);
    }
    laid
}

impl Laid {
    /// The page of every heading, then of every numbered caption, in document order.
    pub fn anchor_pages(&self) -> &[AnchorPage] {
        &self.anchor_pages
    }

    /// Write the PDF (the second half of [`render_pdf`]).
    pub fn export(self) -> Result<PdfOutput, PdfError> {
        let bytes = typst_pdf::pdf(&self.paged, &self.options)
            .map_err(|errors| diag::to_error(&self.world, &errors.iter().collect::<Vec<_>>()));
        // Free typst's memoization caches (batch runs).
        typst::comemo::evict(1);
        Ok(PdfOutput {
            bytes: bytes?,
            page_count: self.paged.pages().len(),
            anchor_pages: self.anchor_pages,
            signature_field: self.signature_field,
        })
    }
}

fn compile(world: ReportWorld, doc: &Document, tagged: bool) -> Result<Laid, PdfError> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let paged = match output {
        Ok(paged) if warnings.is_empty() => paged,
        Ok(_) => return Err(diag::to_error(&world, &warnings.iter().collect::<Vec<_>>())),
        Err(errors) => {
            let all: Vec<&SourceDiagnostic> = errors.iter().chain(&warnings).collect();
            return Err(diag::to_error(&world, &all));
        }
    };
    Ok(Laid {
        anchor_pages: headings::anchor_pages(doc, &paged)?,
        signature_field: field::placement(doc, &paged)?,
        options: export_options(doc, tagged)?,
        world,
        paged,
    })
}

/// PDF/A-3b, fixed identifier, creator and timestamp: reproducible bytes.
fn export_options(doc: &Document, tagged: bool) -> Result<typst_pdf::PdfOptions, PdfError> {
    let [year, month, day] = doc.meta.date_parts;
    let date = i32::try_from(year)
        .ok()
        .zip(u8::try_from(month).ok())
        .zip(u8::try_from(day).ok())
        .and_then(|((y, m), d)| Datetime::from_ymd(y, m, d))
        .ok_or_else(|| error(format!("invalid report date {year}-{month}-{day}")))?;
    let standards =
        PdfStandards::new(&[PdfStandard::A_3b]).map_err(|e| error(e.message().to_string()))?;
    Ok(typst_pdf::PdfOptions {
        ident: Smart::Custom(format!("lkjip/{}/{}", doc.meta.title, doc.meta.date)),
        creator: Smart::Custom(Some(creator())),
        timestamp: Some(Timestamp::new_utc(date)),
        standards,
        tagged,
        ..typst_pdf::PdfOptions::default()
    })
}

/// The IR as the layouts read it: the document, every heading in document order
/// ([`Document::headings`], the walk the DOCX's table of contents uses too) and the
/// margins of each orientation. Indented
/// for `--emit-typst`, where people read it; compact for the render (190 KB instead of
/// 500 KB for the sample: 0,3 ms less to write, 0,3 ms less for typst to parse).
fn ir_json(doc: &Document, indented: bool) -> serde_json::Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct LayoutInput<'a> {
        #[serde(flatten)]
        doc: &'a Document,
        headings: Vec<&'a Heading>,
        captions: Vec<CaptionEntry>,
        margins: Turned,
    }
    /// The margins of a page of each orientation ([`Margins::on`]), by the name the
    /// sections give their orientation.
    #[derive(serde::Serialize)]
    struct Turned {
        portrait: Margins,
        landscape: Margins,
    }
    let input = LayoutInput {
        doc,
        headings: doc.headings(),
        captions: doc.captions(),
        margins: Turned {
            portrait: doc.page.margin.on(Orientation::Portrait),
            landscape: doc.page.margin.on(Orientation::Landscape),
        },
    };
    let mut bytes = if indented {
        serde_json::to_vec_pretty(&input)?
    } else {
        serde_json::to_vec(&input)?
    };
    bytes.push(b'\n');
    Ok(bytes)
}

/// `/options.json`: the attachment's name and description, or null.
fn options_json(attachment: Option<&Attachment>) -> Vec<u8> {
    let attachment = attachment
        .map(|a| json!({ "name": attachment_name(&a.name), "description": a.description }));
    let mut bytes = serde_json::to_vec_pretty(&json!({ "attachment": attachment }))
        .expect("a JSON value serialises");
    bytes.push(b'\n');
    bytes
}

/// The last path component of `name` (typst resolves it as a path), or "bundle.json".
fn attachment_name(name: &str) -> String {
    match name.rsplit(['/', '\\']).next() {
        Some(base) if !base.is_empty() && base != "." && base != ".." => base.to_owned(),
        _ => "bundle.json".to_owned(),
    }
}

/// Image keys become file names (`/img/<key>`): plain names only.
fn check_image_keys(doc: &Document) -> Result<(), PdfError> {
    for image in &doc.images {
        let key = image.key.as_str();
        if key.is_empty() || key == "." || key == ".." || key.contains(['/', '\\']) {
            return Err(error(format!("image key `{key}` is not a plain file name")));
        }
    }
    Ok(())
}

/// Empty typst's memoization caches. A render keeps what it memoized until the next one
/// ([`Laid::export`] evicts only older entries), so a batch that clears them between two
/// renders holds one render's memory instead of two (`cli_render`).
pub fn clear_caches() {
    typst::comemo::evict(0);
}

/// Build what every render shares (the fonts and their coverage, typst's library, the
/// parsed layouts) if not built yet: called beside loading the first bundle, so that the
/// glyph check and the render find them ready.
pub fn warm_up() {
    world::warm_up();
}

/// The bytes of every font the PDF may use (the DOCX rasterises charts with them, so a
/// chart looks the same in both).
pub fn embedded_fonts() -> impl Iterator<Item = &'static [u8]> {
    FONTS.iter().map(|(_, bytes)| *bytes)
}

/// The bytes of the embedded font file `name` (e.g. "LiberationSans-Bold.ttf"); the
/// signature's appearance draws the signer's name with its outlines.
pub fn font_bytes(name: &str) -> Option<&'static [u8]> {
    FONTS.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

/// Whether the PDF cannot show `c`: it is drawn but no embedded font has a glyph for it.
/// `lkjip check` and `render` use it to point at the bundle text that holds `c`.
pub fn missing_glyph(c: char) -> bool {
    glyphs::missing(c)
}

/// Characters of the document's printed text that the embedded fonts cannot show, one
/// error line each (PDF/A forbids missing glyphs). [`render_pdf`] runs this first; a
/// `check` command may run it to report such text early.
pub fn check_glyphs(doc: &Document) -> Result<(), PdfError> {
    glyphs::check(doc)
}

/// For `--emit-typst DIR`: write `main.typ`, `layouts/`, the IR JSON (`ir.json`),
/// `options.json` (no attachment), `look.json`, `fonts/` and `img/` so that
/// `typst compile --ignore-system-fonts --font-path DIR/fonts DIR/main.typ` gives the
/// same pages.
pub fn emit_typst(doc: &Document, dir: &Path) -> std::io::Result<()> {
    check_image_keys(doc).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let write = |rel: &str, bytes: &[u8]| -> std::io::Result<()> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    };
    for (rel, text) in LAYOUTS {
        write(rel, text.as_bytes())?;
    }
    write("ir.json", &ir_json(doc, true)?)?;
    write("options.json", &options_json(None))?;
    write("look.json", &look_json())?;
    for (name, bytes) in FONTS {
        write(&format!("fonts/{name}"), bytes)?;
    }
    for (name, text) in FONT_LICENSES {
        write(&format!("fonts/{name}"), text.as_bytes())?;
    }
    for image in &doc.images {
        match &image.svg {
            Some(svg) => write(&format!("img/{}", image.key), svg.as_bytes())?,
            None => write(&format!("img/{}", image.key), &image.png)?,
        }
    }
    Ok(())
}

/// The creator string lkjip writes into its PDFs: `lkjip <version>`.
pub fn creator() -> String {
    format!("lkjip {}", env!("CARGO_PKG_VERSION"))
}

/// The version in a `/Creator` of lkjip: `Some("0.1.0")` for `lkjip 0.1.0`, `Some("")`
/// for the bare `lkjip` of early versions, `None` for any other creator.
pub fn version_of_creator(creator: &[u8]) -> Option<String> {
    let rest = creator.strip_prefix(b"lkjip")?;
    if !(rest.is_empty() || rest.starts_with(b" ")) {
        return None;
    }
    Some(String::from_utf8_lossy(rest).trim().to_string())
}
