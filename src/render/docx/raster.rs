//! Charts for the DOCX: the IR's SVG rasterised to PNG (Word shows SVG only with a PNG
//! fallback), with resvg and the PDF's own embedded fonts, at [`DPI`] for the width the
//! chart is printed at (the same as in the PDF). No system font is consulted, so the bytes
//! are the same on every machine.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

/// Resolution of a chart's picture at its printed size.
pub const DPI: u32 = 240;

/// Pixel width of a picture printed `width_mm` wide at [`DPI`] (rounded up).
pub fn pixel_width(width_mm: f64) -> u32 {
    (width_mm * f64::from(DPI) / 25.4).ceil() as u32
}

/// PNG bytes and pixel size of an SVG drawing printed `width_mm` wide.
pub(super) fn svg_to_png(svg: &str, width_mm: f64) -> Result<(Vec<u8>, u32, u32), String> {
    let mut opt = usvg::Options {
        font_family: "Liberation Sans".into(),
        ..usvg::Options::default()
    };
    let db = Arc::make_mut(&mut opt.fontdb);
    for font in crate::render::pdf::embedded_fonts() {
        db.load_font_data(font.to_vec());
    }
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
    let png = pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the chart ({e})"))?;
    Ok((png, w, h))
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
