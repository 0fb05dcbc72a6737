//! The charts of a document as the DOCX prints them: each chart's printed width (the one
//! rule for the writer and for [`rasterize`]) and its PNG, drawn by
//! [`crate::charts::raster`] with the PDF's embedded fonts. Draws nothing itself.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::charts::raster::{Fonts, Scratch, svg_to_png};
use crate::doc::ir::{Block, Document};

use super::page::Geometry;

/// Charts rasterised ahead of the DOCX: (image key, printed width in mm as bits) → PNG
/// bytes and pixel size. Filled by [`rasterize`] while typst lays out the PDF (the two
/// take about as long), read by the writer instead of rasterising again.
#[derive(Debug, Default)]
pub struct Rasters(BTreeMap<(String, u64), (Vec<u8>, u32, u32)>);

impl Rasters {
    /// The picture of chart `key` printed `width_mm` wide, if rasterised ahead.
    pub(super) fn get(&self, key: &str, width_mm: f64) -> Option<&(Vec<u8>, u32, u32)> {
        self.0.get(&(key.to_string(), width_mm.to_bits()))
    }
}

/// The PDF's embedded fonts as the charts are drawn with them, read once per process.
pub(super) fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::new(crate::render::pdf::embedded_fonts()))
}

/// PNG bytes and pixel size of an SVG drawing printed `width_mm` wide.
pub(super) fn png(
    svg: &str,
    width_mm: f64,
    scratch: &mut Scratch,
) -> Result<(Vec<u8>, u32, u32), String> {
    svg_to_png(svg, width_mm, fonts(), scratch)
}

/// Width a picture is printed at: as the IR asks, never wider than the text block of its
/// section, at least 1 mm. The one rule for the writer and for [`rasterize`].
pub(super) fn printed_width_mm(geometry: &Geometry, width_mm: f64) -> f64 {
    let max_mm = f64::from(geometry.text_width()) * 25.4 / 1440.0;
    width_mm.min(max_mm).max(1.0)
}

/// Every chart of the document in order: its image key, its SVG and the width in mm the
/// DOCX prints it at.
pub(crate) fn charts(doc: &Document) -> Vec<(String, &str, f64)> {
    fn images(blocks: &[Block], out: &mut Vec<(String, u32)>) {
        for b in blocks {
            match b {
                Block::Image(i) => out.push((i.key.clone(), i.width_mm)),
                Block::List(l) => {
                    for item in &l.items {
                        images(&item.children, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for section in &doc.sections {
        let geometry = Geometry::new(&doc.page, section.orientation);
        let mut found = Vec::new();
        images(&section.blocks, &mut found);
        for (key, width) in found {
            let Some(svg) = doc
                .images
                .iter()
                .find(|a| a.key == key)
                .and_then(|a| a.svg.as_ref())
            else {
                continue;
            };
            out.push((
                key,
                svg.as_str(),
                printed_width_mm(&geometry, f64::from(width)),
            ));
        }
    }
    out
}

/// Rasterise every chart of the document at the width the DOCX prints it.
pub fn rasterize(doc: &Document) -> Result<Rasters, String> {
    let mut out = Rasters::default();
    let mut scratch = Scratch::default();
    for (key, svg, w_mm) in charts(doc) {
        if let std::collections::btree_map::Entry::Vacant(e) = out.0.entry((key, w_mm.to_bits())) {
            e.insert(png(svg, w_mm, &mut scratch)?);
        }
    }
    Ok(out)
}
