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

/// Resolution of a chart's picture at its printed size: Word's own default for pictures
/// ("Print: 220 ppi"; Word resamples anything finer to it when the file is saved with
/// its default settings). The PDF's charts are vectors.
pub const DPI: u32 = 220;

/// Pixel width of a picture printed `width_mm` wide at [`DPI`] (rounded up).
pub fn pixel_width(width_mm: f64) -> u32 {
    (width_mm * f64::from(DPI) / 25.4).ceil() as u32
}

/// PNG bytes and pixel size of an SVG drawing printed `width_mm` wide.
pub(super) fn svg_to_png(svg: &str, width_mm: f64) -> Result<(Vec<u8>, u32, u32), String> {
    let pixmap = draw(svg, width_mm)?;
    let png = encode_png(&pixmap).map_err(|e| format!("cannot encode the chart ({e})"))?;
    Ok((png, pixmap.width(), pixmap.height()))
}

/// An SVG drawing on white, `width_mm` wide at [`DPI`].
fn draw(svg: &str, width_mm: f64) -> Result<tiny_skia::Pixmap, String> {
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
    Ok(pixmap)
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
    // Unfiltered rows at zlib level 4: the sample's 6 charts (at 240 dpi) are 190 KB as
    // palette images in 12 ms (palettes 5 ms, deflate 7 ms), against 308 KB as RGB in 14 to
    // 20 ms; level 1 saves 3 ms for 300 KB, level 6 costs 4,5 ms more for 176 KB.
    encoder.set_filter(png::Filter::NoFilter);
    encoder.set_deflate_compression(png::DeflateCompression::Level(4));
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
        let (png, w, h) = svg_to_png(&svg, 140.0).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        // 140 mm at 220 dpi; the SVG is 640 × 320
        assert_eq!((w, h), (1213, 607));
        assert_eq!(crate::doc::build::png_size(&png), Some((w, h)));
        assert_eq!(svg_to_png(&svg, 140.0).unwrap().0, png);
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
        let pixmap = draw(&svg, 140.0).unwrap();
        let (colour, pixels) = decode(&encode_png(&pixmap).unwrap());
        assert_eq!(colour, png::ColorType::Indexed);
        assert_eq!(pixels, rgb(&pixmap));
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
