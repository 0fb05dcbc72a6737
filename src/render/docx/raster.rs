//! Charts for the DOCX: the IR's SVG rasterised to PNG (Word shows SVG only with a PNG
//! fallback), with resvg and the PDF's own embedded fonts, at twice the SVG's pixel size
//! for print. No system font is consulted, so the bytes are the same on every machine.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

/// Scale from SVG user units to PNG pixels.
const SCALE: f32 = 2.0;

/// PNG bytes and pixel size of an SVG drawing.
pub(super) fn svg_to_png(svg: &str) -> Result<(Vec<u8>, u32, u32), String> {
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
    let size = tree.size().to_int_size();
    let (w, h) = (
        (size.width() as f32 * SCALE) as u32,
        (size.height() as f32 * SCALE) as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("chart has no area")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
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
    fn a_chart_becomes_a_png_twice_its_size_and_always_the_same_bytes() {
        let svg = crate::charts::grouped_bars(
            "Grafik",
            &["Golongan I".into()],
            &[crate::charts::Series {
                label: "2021".into(),
                values: vec![3],
            }],
            "Liberation Sans",
        );
        let (png, w, h) = svg_to_png(&svg).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(
            (w, h),
            (crate::charts::SIZE.0 * 2, crate::charts::SIZE.1 * 2)
        );
        assert_eq!(svg_to_png(&svg).unwrap().0, png);
    }
}
