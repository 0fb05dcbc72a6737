//! The typst [`World`] of one render. It serves only what is embedded in the binary and
//! the data of this one render, and has no file-system access:
//!
//! | virtual path        | content                                              |
//! |---------------------|------------------------------------------------------|
//! | `/main.typ`         | `layouts/main.typ` (the entry point)                 |
//! | `/layouts/*.typ`    | the other embedded layouts                           |
//! | `/ir.json`          | the [`Document`] as JSON                             |
//! | `/options.json`     | render options (`{"attachment": {name, description}}`)|
//! | `/look.json`        | the look sheet (`render::look`)                      |
//! | `/attachment.bin`   | the bytes of the attachment, if any                  |
//! | `/img/<key>`        | the images of [`Document::images`]                   |
//!
//! Anything else is [`FileError::NotFound`]. File ids come from typst's global pool of
//! `u16` ids, so the fixed paths are interned once ([`OnceLock`]); image paths are
//! interned by typst itself when a layout reads them, and keys are few and stable.
//! Fonts, parsed layouts and the standard library are built once per process.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::doc::ir::Document;
use crate::render::look::look_json;

/// The embedded layouts: path relative to the project root, and text.
pub(super) const LAYOUTS: &[(&str, &str)] = &[
    ("main.typ", include_str!("../../../layouts/main.typ")),
    (
        "layouts/report.typ",
        include_str!("../../../layouts/report.typ"),
    ),
    (
        "layouts/blocks.typ",
        include_str!("../../../layouts/blocks.typ"),
    ),
    (
        "layouts/letter.typ",
        include_str!("../../../layouts/letter.typ"),
    ),
    ("layouts/toc.typ", include_str!("../../../layouts/toc.typ")),
];

/// The embedded fonts (the only fonts the PDF may use): file name and bytes.
pub(super) const FONTS: &[(&str, &[u8])] = &[
    (
        "LiberationSans-Regular.ttf",
        include_bytes!("../../../fonts/LiberationSans-Regular.ttf"),
    ),
    (
        "LiberationSans-Bold.ttf",
        include_bytes!("../../../fonts/LiberationSans-Bold.ttf"),
    ),
    (
        "LiberationSans-Italic.ttf",
        include_bytes!("../../../fonts/LiberationSans-Italic.ttf"),
    ),
    (
        "LiberationSans-BoldItalic.ttf",
        include_bytes!("../../../fonts/LiberationSans-BoldItalic.ttf"),
    ),
    (
        "LiberationSerif-Regular.ttf",
        include_bytes!("../../../fonts/LiberationSerif-Regular.ttf"),
    ),
    (
        "LiberationSerif-Bold.ttf",
        include_bytes!("../../../fonts/LiberationSerif-Bold.ttf"),
    ),
    (
        "LiberationSerif-Italic.ttf",
        include_bytes!("../../../fonts/LiberationSerif-Italic.ttf"),
    ),
    (
        "LiberationSerif-BoldItalic.ttf",
        include_bytes!("../../../fonts/LiberationSerif-BoldItalic.ttf"),
    ),
    // Fallbacks for characters Liberation Sans lacks (Arabic, Greek extensions, symbols,
    // emoji): PDF/A allows no missing glyph. typst's font fallback (on by default) picks
    // them from the book for characters the body font lacks; only used glyphs are embedded.
    (
        "DejaVuSans.ttf",
        include_bytes!("../../../fonts/DejaVuSans.ttf"),
    ),
    (
        "DejaVuSans-Bold.ttf",
        include_bytes!("../../../fonts/DejaVuSans-Bold.ttf"),
    ),
    ("Symbola.ttf", include_bytes!("../../../fonts/Symbola.ttf")),
];

/// The fonts' licences (Liberation: SIL OFL 1.1; DejaVu: Bitstream Vera licence;
/// Symbola: free for any use), written next to them by `emit_typst`.
pub(super) const FONT_LICENSES: &[(&str, &str)] = &[
    (
        "LICENSE-Liberation.txt",
        include_str!("../../../fonts/LICENSE-Liberation.txt"),
    ),
    (
        "LICENSE-DejaVu.txt",
        include_str!("../../../fonts/LICENSE-DejaVu.txt"),
    ),
    (
        "LICENSE-Symbola.txt",
        include_str!("../../../fonts/LICENSE-Symbola.txt"),
    ),
];

/// Virtual path of the IR JSON.
pub(super) const IR_PATH: &str = "/ir.json";
/// Virtual path of the render options JSON.
pub(super) const OPTIONS_PATH: &str = "/options.json";
/// Virtual path of the look sheet.
pub(super) const LOOK_PATH: &str = "/look.json";
/// Virtual path of the attachment's bytes.
pub(super) const ATTACHMENT_PATH: &str = "/attachment.bin";
/// Virtual directory of the images.
pub(super) const IMAGE_DIR: &str = "/img/";

/// The fixed file ids, interned once per process.
struct Ids {
    ir: FileId,
    options: FileId,
    look: FileId,
    attachment: FileId,
    /// The look sheet's JSON.
    look_json: Bytes,
    /// Parsed layouts; the first is the entry point.
    sources: Vec<Source>,
}

fn intern(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("embedded virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

fn ids() -> &'static Ids {
    static IDS: OnceLock<Ids> = OnceLock::new();
    IDS.get_or_init(|| Ids {
        ir: intern(IR_PATH),
        options: intern(OPTIONS_PATH),
        look: intern(LOOK_PATH),
        attachment: intern(ATTACHMENT_PATH),
        look_json: Bytes::new(look_json()),
        sources: LAYOUTS
            .iter()
            .map(|(path, text)| Source::new(intern(&format!("/{path}")), (*text).to_owned()))
            .collect(),
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build()))
}

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS_CELL: OnceLock<Fonts> = OnceLock::new();
    FONTS_CELL.get_or_init(|| {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// Build the fonts, the library and the layouts' sources now rather than when first used.
pub(super) fn warm_up() {
    fonts();
    library();
    ids();
}

/// Whether some embedded font has a glyph for `c` (typst falls back through them).
pub(super) fn fonts_cover(c: char) -> bool {
    fonts()
        .fonts
        .iter()
        .any(|font| font.info().coverage.contains(u32::from(c)))
}

/// The world of one render: the static parts plus this render's data.
pub(super) struct ReportWorld {
    ir: Bytes,
    options: Bytes,
    attachment: Option<Bytes>,
    images: HashMap<String, Bytes>,
    today: Option<Datetime>,
}

impl ReportWorld {
    /// A world for `doc` with the given IR and options JSON and attachment bytes.
    pub(super) fn new(
        doc: &Document,
        ir_json: Vec<u8>,
        options_json: Vec<u8>,
        attachment: Option<Vec<u8>>,
    ) -> Self {
        let [year, month, day] = doc.meta.date_parts;
        let today = i32::try_from(year)
            .ok()
            .zip(u8::try_from(month).ok())
            .zip(u8::try_from(day).ok())
            .and_then(|((y, m), d)| Datetime::from_ymd(y, m, d));
        Self {
            ir: Bytes::new(ir_json),
            options: Bytes::new(options_json),
            attachment: attachment.map(Bytes::new),
            images: doc
                .images
                .iter()
                .map(|img| {
                    let bytes = match &img.svg {
                        Some(svg) => svg.as_bytes().to_vec(),
                        None => img.png.clone(),
                    };
                    (img.key.clone(), Bytes::new(bytes))
                })
                .collect(),
            today,
        }
    }

    /// The text of a file for diagnostics (sources and UTF-8 data files).
    pub(super) fn text_of(&self, id: FileId) -> Option<String> {
        if let Ok(source) = self.source(id) {
            return Some(source.text().to_owned());
        }
        let bytes = self.file(id).ok()?;
        std::str::from_utf8(&bytes).ok().map(str::to_owned)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(PathBuf::from(id.vpath().get_with_slash()))
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        ids().sources[0].id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match ids().sources.iter().find(|s| s.id() == id) {
            Some(source) => Ok(source.clone()),
            None if self.file(id).is_ok() => Err(FileError::NotSource),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let ids = ids();
        if id == ids.ir {
            return Ok(self.ir.clone());
        }
        if id == ids.options {
            return Ok(self.options.clone());
        }
        if id == ids.look {
            return Ok(ids.look_json.clone());
        }
        if id == ids.attachment {
            return self.attachment.clone().ok_or_else(|| not_found(id));
        }
        if let Some(source) = ids.sources.iter().find(|s| s.id() == id) {
            return Ok(Bytes::from_string(source.text().to_owned()));
        }
        if *id.root() == VirtualRoot::Project {
            let path = id.vpath().get_with_slash();
            if let Some(bytes) = path
                .strip_prefix(IMAGE_DIR)
                .and_then(|key| self.images.get(key))
            {
                return Ok(bytes.clone());
            }
        }
        Err(not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
