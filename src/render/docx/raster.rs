//! Charts for the DOCX: the IR's SVG rasterised to PNG (Word shows SVG only with a PNG
//! fallback) at [`DPI`] for the width the chart is printed at (the same as in the PDF),
//! with the PDF's own embedded fonts. A chart made of the marks our charts use (boxes and
//! lines along the axes, one-line labels) is painted by [`paint`] (its labels from a
//! glyph cache shared by the charts of a document), three times faster than resvg and
//! looking the same; any other SVG is drawn by resvg. No system font is consulted, so
//! the bytes are the same on every machine.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::doc::ir::{Block, Document};

use super::labels::Glyphs;
use super::page::Geometry;
use super::{marks, paint};

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
    let mut glyphs = Glyphs::default();
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
                e.insert(svg_to_png(svg, w_mm, &mut glyphs)?);
            }
        }
    }
    Ok(out)
}

/// Resolution of a chart's picture at its printed size: Word's own default for pictures
/// ("Print: 220 ppi"; Word resamples anything finer to it when the file is saved with
/// its default settings). The PDF's charts are vectors.
pub const DPI: u32 = 220;

/// Pixel width of a picture printed `width_mm` wide at [`DPI`] (rounded up).
pub fn pixel_width(width_mm: f64) -> u32 {
    (width_mm * f64::from(DPI) / 25.4).ceil() as u32
}

/// PNG bytes and pixel size of an SVG drawing printed `width_mm` wide; its labels' glyphs
/// come from and go to `glyphs`.
pub(super) fn svg_to_png(
    svg: &str,
    width_mm: f64,
    glyphs: &mut Glyphs,
) -> Result<(Vec<u8>, u32, u32), String> {
    let pixmap = draw(svg, width_mm, glyphs)?;
    let png = encode_png(&pixmap).map_err(|e| format!("cannot encode the chart ({e})"))?;
    Ok((png, pixmap.width(), pixmap.height()))
}

/// The font of text that names none.
const FAMILY: &str = "Liberation Sans";

/// An SVG drawing on white, `width_mm` wide at [`DPI`]: painted here when it is made of
/// the marks our charts use ([`marks`], [`paint`]), else by resvg.
fn draw(svg: &str, width_mm: f64, glyphs: &mut Glyphs) -> Result<tiny_skia::Pixmap, String> {
    let Some(drawing) = marks::read(svg, FAMILY) else {
        return draw_with_resvg(svg, width_mm);
    };
    let (mut pixmap, scale) = canvas(width_mm, drawing.width, drawing.height)?;
    paint::paint(&mut pixmap, &drawing, scale, glyphs);
    Ok(pixmap)
}

/// [`draw`] by resvg, for any SVG.
fn draw_with_resvg(svg: &str, width_mm: f64) -> Result<tiny_skia::Pixmap, String> {
    let opt = usvg::Options {
        font_family: FAMILY.into(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &opt).map_err(|e| format!("chart is not valid SVG ({e})"))?;
    let size = tree.size();
    let (mut pixmap, scale) = canvas(width_mm, size.width(), size.height())?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// A white canvas for a drawing of `width` × `height` user units printed `width_mm` wide
/// at [`DPI`], and its pixels per user unit.
fn canvas(width_mm: f64, width: f32, height: f32) -> Result<(tiny_skia::Pixmap, f32), String> {
    let w = pixel_width(width_mm).max(1);
    let scale = w as f32 / width.max(1.0);
    let h = ((height * scale).round() as u32).max(1);
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("chart has no area")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    Ok((pixmap, scale))
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

/// PNG of an opaque pixmap (the chart is drawn on white), the colour of every pixel
/// exactly as drawn. A chart has a few flat colours and their anti-aliased edges (the
/// sample's: 37 to 108 colours), so it is written as a palette image of one byte a pixel,
/// which deflates three times less data than RGB; a drawing of more than 256 colours is
/// written as 8-bit RGB. No alpha channel: 255 everywhere, it would only cost time.
fn encode_png(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    // Paeth-filtered rows through fdeflate's fastest mode: the sample's 6 charts (220 dpi)
    // are 232 KB in 2,0 ms, against 153 KB in 7,0 ms unfiltered at zlib level 4 and
    // 164 KB in 4,3 ms at level 2 (examples measured on their palette images).
    encoder.set_filter(png::Filter::Paeth);
    encoder.set_deflate_compression(png::DeflateCompression::FdeflateUltraFast);
    let data = match Palette::of(pixmap.data()) {
        Some(Palette { colours, indices }) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(colours);
            indices
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
            for rgba in pixmap.data().chunks_exact(4) {
                rgb.extend_from_slice(&rgba[..3]);
            }
            rgb
        }
    };
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&data)?;
    writer.finish()?;
    Ok(png)
}

/// The colours of an opaque RGBA picture in the order they first appear (RGB triples),
/// and each pixel's index among them; `None` beyond 256 colours.
struct Palette {
    colours: Vec<u8>,
    indices: Vec<u8>,
}

impl Palette {
    fn of(rgba: &[u8]) -> Option<Palette> {
        // Colour → index in an open-addressed table of 1 024 slots (at most 256 are used);
        // a pixel is its four bytes as one word, never 0 since alpha is 255.
        const SLOTS: usize = 1024;
        let mut keys = [0u32; SLOTS];
        let mut values = [0u8; SLOTS];
        let mut colours = Vec::new();
        let mut too_many = false;
        // Runs of one colour are the rule: the last pixel's index is reused.
        let (mut last, mut last_index) = (0u32, 0u8);
        let indices = rgba
            .chunks_exact(4)
            .map(|px| {
                let key = u32::from_le_bytes([px[0], px[1], px[2], px[3]]);
                if key == last {
                    return last_index;
                }
                let mut slot = (key.wrapping_mul(0x9E37_79B1) >> 22) as usize;
                while keys[slot] != key && keys[slot] != 0 {
                    slot = (slot + 1) % SLOTS;
                }
                if keys[slot] == 0 {
                    let count = colours.len() / 3;
                    if count == 256 || key == 0 {
                        too_many = true;
                        return 0;
                    }
                    keys[slot] = key;
                    values[slot] = count as u8;
                    colours.extend_from_slice(&px[..3]);
                }
                (last, last_index) = (key, values[slot]);
                last_index
            })
            .collect();
        (!too_many).then_some(Palette { colours, indices })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_becomes_a_png_at_220_dpi_of_its_printed_width_and_always_the_same_bytes() {
        let svg = crate::charts::grouped_bars(
            "Grafik",
            &["Golongan I".into()],
            &[crate::charts::Series {
                label: "2021".into(),
                values: vec![3],
            }],
            "Liberation Sans",
        );
        let (png, w, h) = svg_to_png(&svg, 140.0, &mut Glyphs::default()).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        // 140 mm at 220 dpi; the SVG is 640 × 320
        assert_eq!((w, h), (1213, 607));
        assert_eq!(crate::doc::build::png_size(&png), Some((w, h)));
        assert_eq!(
            svg_to_png(&svg, 140.0, &mut Glyphs::default()).unwrap().0,
            png
        );
    }

    /// Decoded pixels of a PNG, as RGB.
    fn decode(png: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let colour = reader.info().color_type;
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut buf).unwrap();
        buf.truncate(frame.buffer_size());
        (colour, buf)
    }

    fn rgb(pixmap: &tiny_skia::Pixmap) -> Vec<u8> {
        pixmap
            .data()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect()
    }

    #[test]
    fn a_chart_is_a_palette_png_of_exactly_the_pixels_drawn() {
        let svg = crate::charts::grouped_bars(
            "Grafik",
            &["Golongan I".into(), "Golongan II".into()],
            &[
                crate::charts::Series {
                    label: "2020".into(),
                    values: vec![3, 7],
                },
                crate::charts::Series {
                    label: "2021".into(),
                    values: vec![5, 2],
                },
            ],
            "Liberation Sans",
        );
        let pixmap = draw(&svg, 140.0, &mut Glyphs::default()).unwrap();
        let (colour, pixels) = decode(&encode_png(&pixmap).unwrap());
        assert_eq!(colour, png::ColorType::Indexed);
        assert_eq!(pixels, rgb(&pixmap));
    }

    /// The SVG of every chart of the sample report (org chart, budget bars, IKU panels,
    /// trend panels, staff bars, a statistic's panels).
    fn sample_charts() -> Vec<(String, String)> {
        let loaded = crate::bundle::load(crate::sample::NAME, crate::sample::BYTES).unwrap();
        let doc = crate::report::document(&loaded, None);
        let charts: Vec<_> = doc
            .images
            .into_iter()
            .filter_map(|a| Some((a.key, a.svg?)))
            .collect();
        assert!(charts.len() >= 6, "{charts:?}");
        charts
    }

    /// Mean difference per channel (0 to 255), and how much more or less ink (darkness)
    /// one picture has than the other, as a share of the first's.
    fn difference(a: &tiny_skia::Pixmap, b: &tiny_skia::Pixmap) -> (f64, f64) {
        assert_eq!((a.width(), a.height()), (b.width(), b.height()));
        let (a, b) = (rgb(a), rgb(b));
        let total: u64 = a
            .iter()
            .zip(&b)
            .map(|(x, y)| u64::from(x.abs_diff(*y)))
            .sum();
        let ink = |p: &[u8]| p.iter().map(|&c| 255 - u64::from(c)).sum::<u64>();
        let (ink_a, ink_b) = (ink(&a), ink(&b));
        (
            total as f64 / a.len() as f64,
            ink_a.abs_diff(ink_b) as f64 / ink_a as f64,
        )
    }

    #[test]
    fn every_chart_of_the_sample_is_painted_here_and_looks_as_resvg_draws_it() {
        for (key, svg) in sample_charts() {
            assert!(
                marks::read(&svg, FAMILY).is_some(),
                "{key}: not made of marks this renderer paints"
            );
            let ours = draw(&svg, 160.0, &mut Glyphs::default()).unwrap();
            let theirs = draw_with_resvg(&svg, 160.0).unwrap();
            let (mean, ink) = difference(&ours, &theirs);
            // glyphs sit up to 1/8 px across and 1/2 px up or down from resvg's, and
            // edges are covered exactly instead of by 4 × 4 samples
            assert!(mean < 3.0, "{key}: mean difference {mean}");
            assert!(ink < 0.02, "{key}: ink differs by {ink}");
        }
    }

    #[test]
    fn a_chart_is_the_same_whatever_was_drawn_before_it() {
        let charts = sample_charts();
        let mut warm = Glyphs::default();
        for (_, svg) in &charts {
            draw(svg, 160.0, &mut warm).unwrap();
        }
        for (key, svg) in &charts {
            let fresh = draw(svg, 160.0, &mut Glyphs::default()).unwrap();
            let after_others = draw(svg, 160.0, &mut warm).unwrap();
            assert!(fresh == after_others, "{key}");
        }
    }

    #[test]
    fn a_drawing_of_other_marks_is_drawn_by_resvg() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50"><circle cx="25" cy="25" r="20" fill="#000000"/></svg>"##;
        assert!(marks::read(svg, FAMILY).is_none());
        let pixmap = draw(svg, 40.0, &mut Glyphs::default()).unwrap();
        assert!(pixmap == draw_with_resvg(svg, 40.0).unwrap());
        // the circle's centre is black
        let (w, h) = (pixmap.width(), pixmap.height());
        let at = ((h / 2 * w + w / 4) * 4) as usize;
        assert_eq!(&pixmap.data()[at..at + 3], &[0, 0, 0]);
    }

    #[test]
    fn a_picture_of_more_than_256_colours_is_an_rgb_png_of_exactly_its_pixels() {
        let mut pixmap = tiny_skia::Pixmap::new(40, 10).unwrap();
        for (i, px) in pixmap.data_mut().chunks_exact_mut(4).enumerate() {
            px.copy_from_slice(&[(i % 256) as u8, (i / 256) as u8, 7, 255]);
        }
        let (colour, pixels) = decode(&encode_png(&pixmap).unwrap());
        assert_eq!(colour, png::ColorType::Rgb);
        assert_eq!(pixels, rgb(&pixmap));
    }
}
