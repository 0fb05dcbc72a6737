//! A chart's SVG as a PNG, for the DOCX (Word shows SVG only with a PNG fallback), at
//! [`DPI`] for the width the chart is printed at (the same as in the PDF), with the PDF's
//! own embedded fonts ([`Fonts`], handed in by the renderer). A chart in greys made of the
//! marks our charts use (boxes and lines along the axes, one-line labels) is painted by
//! [`paint`] into a greyscale PNG (its labels from a glyph cache shared by the charts of a
//! document), three times faster than resvg and looking the same; any other SVG is drawn
//! by resvg. No system font is consulted, so the bytes are the same on every machine.
//! Never reads the IR or a page geometry: the renderer says how wide a chart is printed.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use labels::{Face, Glyphs};
use paint::Canvas;

mod labels;
mod marks;
mod paint;

/// The fonts charts are drawn with (the PDF's embedded fonts), each view of them made
/// when first needed: resvg's font database, and the faces the painter shapes with.
pub struct Fonts {
    bytes: Vec<&'static [u8]>,
    db: OnceLock<Arc<usvg::fontdb::Database>>,
    faces: OnceLock<Vec<Face>>,
}

impl Fonts {
    /// The fonts of these font files, in this order (the order decides which font draws
    /// a character two fonts have).
    pub fn new(bytes: impl IntoIterator<Item = &'static [u8]>) -> Fonts {
        Fonts {
            bytes: bytes.into_iter().collect(),
            db: OnceLock::new(),
            faces: OnceLock::new(),
        }
    }

    /// The fonts as resvg's font database; the fonts are read in place (not copied) and
    /// in a fixed order, so a chart's pixels never depend on the machine or on what was
    /// rasterised before.
    fn db(&self) -> Arc<usvg::fontdb::Database> {
        self.db
            .get_or_init(|| {
                let mut db = usvg::fontdb::Database::new();
                for &font in &self.bytes {
                    db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(font)));
                }
                Arc::new(db)
            })
            .clone()
    }

    /// The fonts as the painter's labels use them.
    fn faces(&self) -> &[Face] {
        self.faces.get_or_init(|| labels::read_faces(&self.bytes))
    }
}

/// Resolution of a chart's picture at its printed size: Word's own default for pictures
/// ("Print: 220 ppi"; Word resamples anything finer to it when the file is saved with
/// its default settings). The PDF's charts are vectors.
pub const DPI: u32 = 220;

/// Pixel width of a picture printed `width_mm` wide at [`DPI`] (rounded up).
pub fn pixel_width(width_mm: f64) -> u32 {
    (width_mm * f64::from(DPI) / 25.4).ceil() as u32
}

/// What drawing charts one after the other reuses: the glyphs drawn so far, and the
/// memory of the last canvas and of its palette indices (fresh memory costs the kernel a
/// page fault and a page of zeros per 4 KB).
#[derive(Default)]
pub struct Scratch {
    glyphs: Glyphs,
    pixels: Vec<u8>,
    indices: Vec<u8>,
}

/// A chart's picture: in greys as [`paint`] paints it, or as resvg draws it.
enum Picture {
    Greys(Canvas),
    Colour(tiny_skia::Pixmap),
}

/// PNG bytes and pixel size of an SVG drawing printed `width_mm` wide.
pub fn svg_to_png(
    svg: &str,
    width_mm: f64,
    fonts: &Fonts,
    scratch: &mut Scratch,
) -> Result<(Vec<u8>, u32, u32), String> {
    let (png, size, memory) = match draw(svg, width_mm, fonts, scratch)? {
        Picture::Greys(canvas) => (
            encode_greys(&canvas),
            (canvas.width, canvas.height),
            canvas.pixels,
        ),
        Picture::Colour(pixmap) => (
            encode_colour(&pixmap, &mut scratch.indices),
            (pixmap.width(), pixmap.height()),
            pixmap.take(),
        ),
    };
    scratch.pixels = memory;
    let png = png.map_err(|e| format!("cannot encode the chart ({e})"))?;
    Ok((png, size.0, size.1))
}

/// The font of text that names none.
const FAMILY: &str = "Liberation Sans";

/// An SVG drawing on white, `width_mm` wide at [`DPI`]: painted here when it is made of
/// the marks our charts use, in greys ([`marks`], [`paint`]), else by resvg.
fn draw(svg: &str, width_mm: f64, fonts: &Fonts, scratch: &mut Scratch) -> Result<Picture, String> {
    let spare = std::mem::take(&mut scratch.pixels);
    match marks::read(svg, FAMILY, fonts).filter(paint::in_greys) {
        Some(drawing) => {
            let (w, h, scale) = pixel_size(width_mm, drawing.width, drawing.height)?;
            let mut canvas = Canvas::white(w, h, spare);
            paint::paint(&mut canvas, &drawing, scale, &mut scratch.glyphs, fonts);
            Ok(Picture::Greys(canvas))
        }
        None => draw_with_resvg(svg, width_mm, fonts, spare).map(Picture::Colour),
    }
}

/// [`draw`] by resvg, for any SVG, on the memory of `spare`.
fn draw_with_resvg(
    svg: &str,
    width_mm: f64,
    fonts: &Fonts,
    spare: Vec<u8>,
) -> Result<tiny_skia::Pixmap, String> {
    let opt = usvg::Options {
        font_family: FAMILY.into(),
        fontdb: fonts.db(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &opt).map_err(|e| format!("chart is not valid SVG ({e})"))?;
    let size = tree.size();
    let (w, h, scale) = pixel_size(width_mm, size.width(), size.height())?;
    let mut pixels = spare;
    pixels.clear();
    // opaque white, premultiplied
    pixels.resize(w as usize * h as usize * 4, 255);
    let size = tiny_skia::IntSize::from_wh(w, h).ok_or("chart has no area")?;
    let mut pixmap = tiny_skia::Pixmap::from_vec(pixels, size).ok_or("chart has no area")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// Pixel width and height of a drawing of `width` × `height` user units printed
/// `width_mm` wide at [`DPI`], and its pixels per user unit.
fn pixel_size(width_mm: f64, width: f32, height: f32) -> Result<(u32, u32, f32), String> {
    let w = pixel_width(width_mm).max(1);
    let scale = w as f32 / width.max(1.0);
    let h = ((height * scale).round() as u32).max(1);
    if u64::from(w) * u64::from(h) > 1 << 26 {
        return Err("chart is too large".into());
    }
    Ok((w, h, scale))
}

/// A PNG encoder of `w` × `h` pixels of 8 bits: unfiltered rows at zlib level 2. The
/// sample's 6 charts (220 dpi, one byte a pixel) are 164 KB in 4,2 ms, against 153 KB in
/// 6,1 ms at level 4 and 277 KB in 2,0 ms with Paeth filters through fdeflate. Drawn
/// while typst evaluates the document (one core), the charts cost no time yet.
fn encoder(png: &mut Vec<u8>, w: u32, h: u32) -> png::Encoder<'_, &mut Vec<u8>> {
    let mut encoder = png::Encoder::new(png, w, h);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_filter(png::Filter::NoFilter);
    encoder.set_deflate_compression(png::DeflateCompression::Level(2));
    encoder
}

/// PNG of a picture in greys, one byte a pixel as painted.
fn encode_greys(canvas: &Canvas) -> Result<Vec<u8>, png::EncodingError> {
    let mut png = Vec::new();
    let mut encoder = encoder(&mut png, canvas.width, canvas.height);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&canvas.pixels)?;
    writer.finish()?;
    Ok(png)
}

/// PNG of an opaque pixmap (the chart is drawn on white), the colour of every pixel
/// exactly as drawn. A drawing of at most 256 colours (flat colours and their
/// anti-aliased edges) is written as a palette image of one byte a pixel, through
/// `indices`, which deflates three times less data than RGB; one of more colours as 8-bit
/// RGB. No alpha channel: 255 everywhere, it would only cost time.
fn encode_colour(
    pixmap: &tiny_skia::Pixmap,
    indices: &mut Vec<u8>,
) -> Result<Vec<u8>, png::EncodingError> {
    let mut png = Vec::new();
    let mut encoder = encoder(&mut png, pixmap.width(), pixmap.height());
    let rgb;
    let data = match palette(pixmap.data(), indices) {
        Some(colours) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(colours);
            &indices[..]
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            rgb = pixmap
                .data()
                .chunks_exact(4)
                .flat_map(|rgba| [rgba[0], rgba[1], rgba[2]])
                .collect::<Vec<u8>>();
            &rgb[..]
        }
    };
    let mut writer = encoder.write_header()?;
    writer.write_image_data(data)?;
    writer.finish()?;
    Ok(png)
}

/// The colours of an opaque RGBA picture in the order they first appear (RGB triples),
/// each pixel's index among them written to `indices`; `None` beyond 256 colours.
fn palette(rgba: &[u8], indices: &mut Vec<u8>) -> Option<Vec<u8>> {
    // Colour → index in an open-addressed table of 1 024 slots (at most 256 are used); a
    // pixel is its four bytes as one word, never 0 since alpha is 255.
    const SLOTS: usize = 1024;
    let mut keys = [0u32; SLOTS];
    let mut values = [0u8; SLOTS];
    let mut colours = Vec::new();
    let mut too_many = false;
    // Runs of one colour are the rule: the last pixel's index is reused.
    let (mut last, mut last_index) = (0u32, 0u8);
    indices.clear();
    indices.extend(rgba.chunks_exact(4).map(|px| {
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
    }));
    (!too_many).then_some(colours)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The PDF's embedded fonts, read once for all tests.
    pub(super) fn fonts() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts::new(crate::render::pdf::embedded_fonts()))
    }

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
        let (png, w, h) = svg_to_png(&svg, 140.0, fonts(), &mut Scratch::default()).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        // 140 mm at 220 dpi; the SVG is 640 × 320
        assert_eq!((w, h), (1213, 607));
        assert_eq!(crate::doc::build::png_size(&png), Some((w, h)));
        assert_eq!(
            svg_to_png(&svg, 140.0, fonts(), &mut Scratch::default())
                .unwrap()
                .0,
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

    /// Width, height and RGB pixels of a picture.
    fn pixels(picture: &Picture) -> (u32, u32, Vec<u8>) {
        match picture {
            Picture::Greys(c) => (
                c.width,
                c.height,
                c.pixels.iter().flat_map(|&g| [g, g, g]).collect(),
            ),
            Picture::Colour(p) => (p.width(), p.height(), rgb(p)),
        }
    }

    fn staff_chart() -> String {
        crate::charts::grouped_bars(
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
        )
    }

    #[test]
    fn a_chart_in_greys_is_a_greyscale_png_of_exactly_the_pixels_painted() {
        let picture = draw(&staff_chart(), 140.0, fonts(), &mut Scratch::default()).unwrap();
        let Picture::Greys(canvas) = &picture else {
            panic!("not painted in greys");
        };
        let (colour, decoded) = decode(&encode_greys(canvas).unwrap());
        assert_eq!(colour, png::ColorType::Grayscale);
        assert_eq!(decoded, canvas.pixels);
    }

    #[test]
    fn a_picture_drawn_by_resvg_is_a_palette_png_of_exactly_its_pixels() {
        let pixmap = draw_with_resvg(&staff_chart(), 140.0, fonts(), Vec::new()).unwrap();
        let (colour, decoded) = decode(&encode_colour(&pixmap, &mut Vec::new()).unwrap());
        assert_eq!(colour, png::ColorType::Indexed);
        assert_eq!(decoded, rgb(&pixmap));
    }

    /// The SVG of every chart of the sample report (org chart, budget bars, IKU panels,
    /// trend panels, staff bars, a statistic's panels).
    fn sample_charts() -> Vec<(String, String)> {
        let loaded = crate::check::load(crate::sample::NAME, crate::sample::BYTES).unwrap();
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
    /// one picture has than the other, as a share of the first's (or of 3 % ink, when
    /// the first has less).
    fn difference(a: &Picture, b: &Picture) -> (f64, f64) {
        let ((wa, ha, a), (wb, hb, b)) = (pixels(a), pixels(b));
        assert_eq!((wa, ha), (wb, hb));
        let total: u64 = a
            .iter()
            .zip(&b)
            .map(|(x, y)| u64::from(x.abs_diff(*y)))
            .sum();
        let ink = |p: &[u8]| p.iter().map(|&c| 255 - u64::from(c)).sum::<u64>();
        let (ink_a, ink_b) = (ink(&a), ink(&b));
        // a nearly blank chart (all values 0, no title: axes and a few labels) has so
        // little ink that a glyph's antialiasing is a large share of it; measure it
        // against a picture with 3 % ink at least (proptest found [0, 0]: 0,145 mean
        // difference, 3,7 % of its 1,4-per-channel ink)
        let floor = a.len() as u64 * 8;
        (
            total as f64 / a.len() as f64,
            ink_a.abs_diff(ink_b) as f64 / ink_a.max(floor) as f64,
        )
    }

    #[test]
    fn every_chart_of_the_sample_is_painted_here_and_looks_as_resvg_draws_it() {
        for (key, svg) in sample_charts() {
            let ours = draw(&svg, 160.0, fonts(), &mut Scratch::default()).unwrap();
            assert!(matches!(ours, Picture::Greys(_)), "{key}: not painted here");
            let theirs =
                Picture::Colour(draw_with_resvg(&svg, 160.0, fonts(), Vec::new()).unwrap());
            let (mean, ink) = difference(&ours, &theirs);
            // glyphs sit up to 1/8 px across and 1/2 px up or down from resvg's, and
            // edges are covered exactly instead of by 4 × 4 samples
            assert!(mean < 3.0, "{key}: mean difference {mean}");
            assert!(ink < 0.02, "{key}: ink differs by {ink}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// Any title, names and counts: the painted chart looks as resvg draws it.
        #[test]
        fn any_bar_chart_is_painted_as_resvg_draws_it(
            title in "[A-Za-z0-9 ,.%()éü&<-]{0,40}",
            names in proptest::collection::vec("[A-Za-z0-9 ./-]{0,16}", 1..5),
            values in proptest::collection::vec(0u64..100_000, 1..5),
        ) {
            let series = [crate::charts::Series { label: "2021".into(), values }];
            let svg = crate::charts::grouped_bars(&title, &names, &series, "Liberation Sans");
            let ours = draw(&svg, 120.0, fonts(), &mut Scratch::default()).unwrap();
            proptest::prop_assert!(matches!(ours, Picture::Greys(_)));
            let theirs = Picture::Colour(draw_with_resvg(&svg, 120.0, fonts(), Vec::new()).unwrap());
            let (mean, ink) = difference(&ours, &theirs);
            proptest::prop_assert!(mean < 3.0, "mean difference {}", mean);
            proptest::prop_assert!(ink < 0.02, "ink differs by {}", ink);
        }
    }

    #[test]
    fn a_chart_is_the_same_whatever_was_drawn_before_it() {
        let charts = sample_charts();
        let mut warm = Scratch::default();
        for (_, svg) in &charts {
            draw(svg, 160.0, fonts(), &mut warm).unwrap();
        }
        for (key, svg) in &charts {
            let fresh = draw(svg, 160.0, fonts(), &mut Scratch::default()).unwrap();
            let after_others = draw(svg, 160.0, fonts(), &mut warm).unwrap();
            assert!(pixels(&fresh) == pixels(&after_others), "{key}");
        }
    }

    #[test]
    fn a_drawing_in_colour_is_drawn_by_resvg() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect x="10" y="10" width="20" height="20" fill="#ff0000"/></svg>"##;
        assert!(marks::read(svg, FAMILY, fonts()).is_some());
        let picture = draw(svg, 40.0, fonts(), &mut Scratch::default()).unwrap();
        assert!(matches!(picture, Picture::Colour(_)));
    }

    #[test]
    fn a_drawing_of_other_marks_is_drawn_by_resvg() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50"><circle cx="25" cy="25" r="20" fill="#000000"/></svg>"##;
        assert!(marks::read(svg, FAMILY, fonts()).is_none());
        let Picture::Colour(pixmap) = draw(svg, 40.0, fonts(), &mut Scratch::default()).unwrap()
        else {
            panic!("painted here");
        };
        assert!(pixmap == draw_with_resvg(svg, 40.0, fonts(), Vec::new()).unwrap());
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
        let (colour, decoded) = decode(&encode_colour(&pixmap, &mut Vec::new()).unwrap());
        assert_eq!(colour, png::ColorType::Rgb);
        assert_eq!(decoded, rgb(&pixmap));
    }
}

/// Not a test: `bench/raster.sh` runs it to time the painter against resvg on every
/// chart of the sample and of the bundles named in `LKJIP_BENCH_BUNDLE` (comma-separated),
/// each document's charts drawn and encoded as the DOCX draws them, and to write both
/// pictures of each chart to `LKJIP_BENCH_OUT` for a look.
#[cfg(test)]
mod bench {
    use super::tests::fonts;
    use super::*;

    #[test]
    #[ignore]
    fn painter_against_resvg() {
        let mut docs = vec![("sample".to_string(), crate::sample::BYTES.to_vec())];
        if let Ok(list) = std::env::var("LKJIP_BENCH_BUNDLE") {
            for p in list.split(',').filter(|p| !p.is_empty()) {
                docs.push((p.to_string(), std::fs::read(p).unwrap()));
            }
        }
        let out = std::env::var("LKJIP_BENCH_OUT")
            .ok()
            .filter(|d| !d.is_empty());
        let rounds = 15;
        for (name, bytes) in docs {
            let loaded = crate::check::load(&name, &bytes).unwrap();
            let doc = crate::report::document(&loaded, None);
            let charts = crate::render::docx::raster::charts(&doc);
            let stem = std::path::Path::new(&name)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .to_string();
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            let (mut ours_size, mut theirs_size) = (0, 0);
            for round in 0..rounds {
                let write = |key: &str, who: &str, png: &[u8]| {
                    if let (0, Some(dir)) = (round, &out) {
                        std::fs::write(format!("{dir}/{stem}-{key}-{who}.png"), png).unwrap();
                    }
                };
                let t = std::time::Instant::now();
                let mut scratch = Scratch::default();
                for (key, svg, w) in &charts {
                    let png = svg_to_png(svg, *w, fonts(), &mut scratch).unwrap().0;
                    ours_size += png.len();
                    write(key, "painter", &png);
                }
                ours.push(t.elapsed().as_secs_f64() * 1000.0);
                let t = std::time::Instant::now();
                let mut indices = Vec::new();
                for (key, svg, w) in &charts {
                    let pixmap = draw_with_resvg(svg, *w, fonts(), Vec::new()).unwrap();
                    let png = encode_colour(&pixmap, &mut indices).unwrap();
                    theirs_size += png.len();
                    write(key, "resvg", &png);
                }
                theirs.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            ours.sort_by(f64::total_cmp);
            theirs.sort_by(f64::total_cmp);
            println!(
                "{name}: {} charts, {rounds} rounds; painter median {:.1} ms (min {:.1}, {} KB), \
                 resvg median {:.1} ms (min {:.1}, {} KB)",
                charts.len(),
                ours[rounds / 2],
                ours[0],
                ours_size / rounds / 1000,
                theirs[rounds / 2],
                theirs[0],
                theirs_size / rounds / 1000,
            );
        }
    }
}
