//! Charts for the DOCX: the IR's SVG rasterised to PNG (Word shows SVG only with a PNG
//! fallback), with resvg and the PDF's own embedded fonts, at [`DPI`] for the width the
//! chart is printed at (the same as in the PDF). No system font is consulted, so the bytes
//! are the same on every machine.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

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

/// Width a picture is printed at: as the IR asks, never wider than the text block of its
/// section, at least 1 mm. The one rule for the writer and for [`rasterize`].
pub(super) fn printed_width_mm(geometry: &Geometry, width_mm: f64) -> f64 {
    let max_mm = f64::from(geometry.text_width()) * 25.4 / 1440.0;
    width_mm.min(max_mm).max(1.0)
}

/// Rasterise every chart of the document at the width the DOCX prints it.
pub fn rasterize(doc: &Document) -> Result<Rasters, String> {
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
    let mut out = Rasters::default();
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
            let w_mm = printed_width_mm(&geometry, f64::from(width));
            if let std::collections::btree_map::Entry::Vacant(e) =
                out.0.entry((key, w_mm.to_bits()))
            {
                e.insert(svg_to_png(svg, w_mm)?);
            }
        }
    }
    Ok(out)
}

/// Resolution of a chart's picture at its printed size.
pub const DPI: u32 = 240;

/// Pixel width of a picture printed `width_mm` wide at [`DPI`] (rounded up).
pub fn pixel_width(width_mm: f64) -> u32 {
    (width_mm * f64::from(DPI) / 25.4).ceil() as u32
}

/// PNG bytes and pixel size of an SVG drawing printed `width_mm` wide.
pub(super) fn svg_to_png(svg: &str, width_mm: f64) -> Result<(Vec<u8>, u32, u32), String> {
    let opt = usvg::Options {
        font_family: "Liberation Sans".into(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &opt).map_err(|e| format!("chart is not valid SVG ({e})"))?;
    let size = tree.size();
    let w = pixel_width(width_mm).max(1);
    let scale = w as f32 / size.width().max(1.0);
    let h = ((size.height() * scale).round() as u32).max(1);
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("chart has no area")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let png = encode_png(&pixmap).map_err(|e| format!("cannot encode the chart ({e})"))?;
    Ok((png, w, h))
}

/// The embedded fonts as resvg's font database, built once per process; the fonts are
/// read in place (not copied) and in a fixed order, so a chart's pixels never depend on
/// the machine or on what was rasterised before.
fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for font in crate::render::pdf::embedded_fonts() {
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(font)));
        }
        Arc::new(db)
    })
    .clone()
}

/// PNG of an opaque pixmap (the chart is drawn on white): 8-bit RGB, the colours of every
/// pixel exactly as drawn. tiny-skia's own encoder would write RGBA after demultiplying a
/// copy of the pixmap; an alpha channel that is 255 everywhere only costs time.
fn encode_png(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Charts are mostly flat colour: unfiltered rows at zlib level 4 give the smallest
    // file of the fast settings (sample: 6 charts, 275 KB in 12 ms, against 286 KB in
    // 18 ms for the default adaptive filter at level 6).
    encoder.set_filter(png::Filter::NoFilter);
    encoder.set_deflate_compression(png::DeflateCompression::Level(4));
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_becomes_a_png_at_240_dpi_of_its_printed_width_and_always_the_same_bytes() {
        let svg = crate::charts::grouped_bars(
            "Grafik",
            &["Golongan I".into()],
            &[crate::charts::Series {
                label: "2021".into(),
                values: vec![3],
            }],
            "Liberation Sans",
        );
        let (png, w, h) = svg_to_png(&svg, 140.0).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        // 140 mm at 240 dpi; the SVG is 640 × 320
        assert_eq!((w, h), (1323, 662));
        assert_eq!(crate::doc::build::png_size(&png), Some((w, h)));
        assert_eq!(svg_to_png(&svg, 140.0).unwrap().0, png);
    }
}
