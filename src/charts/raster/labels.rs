//! The labels of a chart's picture (the DOCX's PNG), drawn from a glyph cache.
//!
//! resvg lays out every label anew and fills each glyph's outline every time it occurs:
//! two thirds of the time a chart took, while a chart's few dozen labels use a few dozen
//! glyphs. Here a label is shaped with rustybuzz as usvg shapes it (the same embedded
//! fonts, kerning and anchoring), and each glyph is drawn from a cache of anti-aliased
//! coverage masks, one per glyph, size (to a quarter of a pixel per em) and horizontal
//! position within the pixel (in quarters); the baseline sits on a pixel edge. A glyph
//! is thus at most 1/8 pixel across and 1/2 pixel up or down from where resvg puts it.

use std::collections::HashMap;
use std::sync::OnceLock;

use resvg::tiny_skia;

use super::Fonts;
use super::marks::Rgb;
use super::paint::{Canvas, blend};

/// Where a label's text is anchored at its x.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

/// A label: one line of text with its baseline at (x, y) in the drawing's user units.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Label {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub anchor: Anchor,
    /// The font: an index in [`faces`], from [`face`].
    pub face: usize,
    pub rgb: Rgb,
}

/// The embedded font of `family` (any case), bold and italic as asked, if it has every
/// character of `text` (else a renderer falls back to another font).
pub(super) fn face(
    fonts: &Fonts,
    family: &str,
    bold: bool,
    italic: bool,
    text: &str,
) -> Option<usize> {
    let faces = fonts.faces();
    let i = faces.iter().position(|f| {
        f.family.eq_ignore_ascii_case(family) && f.bold == bold && f.italic == italic
    })?;
    let font = &faces[i].parsed;
    text.chars()
        .all(|c| font.glyph_index(c).is_some())
        .then_some(i)
}

/// An embedded font, what it is, and (made when first used) its shaper.
pub(super) struct Face {
    family: String,
    bold: bool,
    italic: bool,
    parsed: ttf_parser::Face<'static>,
    shaper: OnceLock<rustybuzz::Face<'static>>,
}

impl Face {
    /// The font as rustybuzz shapes with it (reading its layout tables takes time: only
    /// the fonts a chart uses are read).
    fn shaper(&self) -> &rustybuzz::Face<'static> {
        self.shaper
            .get_or_init(|| rustybuzz::Face::from_face(self.parsed.clone()))
    }
}

/// The faces of the font files (read once per process, by [`Fonts`]).
pub(super) fn read_faces(fonts: &[&'static [u8]]) -> Vec<Face> {
    fonts
        .iter()
        .filter_map(|bytes| {
            let parsed = ttf_parser::Face::parse(bytes, 0).ok()?;
            let family = parsed
                .names()
                .into_iter()
                .filter(|n| {
                    n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                        || n.name_id == ttf_parser::name_id::FAMILY
                })
                .find_map(|n| n.to_string())?;
            Some(Face {
                family,
                bold: parsed.is_bold(),
                italic: parsed.is_italic(),
                parsed,
                shaper: OnceLock::new(),
            })
        })
        .collect()
}

/// A glyph's coverage at one size and sub-pixel position: `width` columns, its top left
/// corner at (`left`, `top`) from the pixel the glyph's origin falls in.
struct Sprite {
    left: i32,
    top: i32,
    width: usize,
    coverage: Vec<u8>,
}

/// Steps per pixel: of a glyph's x position within its pixel, and of its size in pixels
/// per em.
const PHASES: f32 = 4.0;

/// The glyphs drawn so far: (face, glyph, size in quarter pixels per em, x position in
/// quarters of a pixel) → its coverage (`None`: the glyph has no outline, e.g. a space).
#[derive(Default)]
pub(super) struct Glyphs(HashMap<(usize, u16, u32, u8), Option<Sprite>>);

impl Glyphs {
    /// Draw `label` (in a grey) onto `canvas`, the drawing scaled by `scale` pixels per unit.
    pub(super) fn draw(&mut self, canvas: &mut Canvas, label: &Label, scale: f32, fonts: &Fonts) {
        let face = &fonts.faces()[label.face];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&label.text);
        let shaped = rustybuzz::shape(face.shaper(), &[], buffer);
        let per_unit = label.size / f32::from(face.parsed.units_per_em());
        let advance: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        let width = advance as f32 * per_unit;
        let start = label.x
            - match label.anchor {
                Anchor::Start => 0.0,
                Anchor::Middle => width / 2.0,
                Anchor::End => width,
            };
        // the glyphs' size to a quarter of a pixel per em (their positions stay exact)
        let ppem = (label.size * scale * PHASES).round().max(1.0) as u32;
        let mut pen = 0;
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            let x = (start + (pen + pos.x_offset) as f32 * per_unit) * scale;
            let y = (label.y - pos.y_offset as f32 * per_unit) * scale;
            pen += pos.x_advance;
            let (ix, fx) = snap(x);
            let iy = y.round() as i32;
            let glyph = info.glyph_id as u16;
            let sprite = self
                .0
                .entry((label.face, glyph, ppem, fx))
                .or_insert_with(|| rasterise(&face.parsed, glyph, ppem, fx));
            if let Some(s) = sprite {
                stamp(canvas, s, ix, iy, label.rgb[0]);
            }
        }
    }
}

/// A coordinate in pixels as the pixel it falls in and the nearest quarter within it.
fn snap(v: f32) -> (i32, u8) {
    let q = (v * PHASES).round() as i32;
    (
        q.div_euclid(PHASES as i32),
        q.rem_euclid(PHASES as i32) as u8,
    )
}

/// The outline of a glyph, as a tiny-skia path in font units (y up).
struct Outline(tiny_skia::PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// The coverage of `glyph` at `ppem` pixels per em, its origin `fx`, `fy` quarters of a
/// pixel right of and below a pixel's corner; filled as resvg fills text (non-zero,
/// anti-aliased).
fn rasterise(font: &ttf_parser::Face, glyph: u16, ppem: u32, fx: u8) -> Option<Sprite> {
    let mut outline = Outline(tiny_skia::PathBuilder::new());
    font.outline_glyph(ttf_parser::GlyphId(glyph), &mut outline)?;
    let k = ppem as f32 / PHASES / f32::from(font.units_per_em());
    let at = tiny_skia::Transform::from_row(k, 0.0, 0.0, -k, f32::from(fx) / PHASES, 0.0);
    let path = outline.0.finish()?.transform(at)?;
    let b = path.bounds();
    let (left, top) = (b.left().floor() as i32, b.top().floor() as i32);
    let width = (b.right().ceil() as i32 - left).max(1) as u32;
    let height = (b.bottom().ceil() as i32 - top).max(1) as u32;
    let mut mask = tiny_skia::Mask::new(width, height)?;
    mask.fill_path(
        &path,
        tiny_skia::FillRule::Winding,
        true,
        tiny_skia::Transform::from_translate(-left as f32, -top as f32),
    );
    Some(Sprite {
        left,
        top,
        width: width as usize,
        coverage: mask.data().to_vec(),
    })
}

/// Paint `grey` through the sprite's coverage onto the canvas, its origin pixel at
/// (`x`, `y`); what falls outside the canvas is dropped.
fn stamp(canvas: &mut Canvas, s: &Sprite, x: i32, y: i32, grey: u8) {
    let (cw, ch) = (i64::from(canvas.width), i64::from(canvas.height));
    for (row, line) in s.coverage.chunks_exact(s.width).enumerate() {
        let py = i64::from(y) + i64::from(s.top) + row as i64;
        if py < 0 || py >= ch {
            continue;
        }
        for (col, &a) in line.iter().enumerate() {
            let px = i64::from(x) + i64::from(s.left) + col as i64;
            if a != 0 && px >= 0 && px < cw {
                blend(&mut canvas.pixels[(py * cw + px) as usize], grey, a);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::fonts;
    use super::*;

    #[test]
    fn a_label_gets_the_embedded_face_asked_for_if_it_has_every_character() {
        let bold = face(fonts(), "liberation sans", true, false, "Capaian 100,14%").unwrap();
        let f = &fonts().faces()[bold];
        assert_eq!(
            (f.family.as_str(), f.bold, f.italic),
            ("Liberation Sans", true, false)
        );
        let plain = face(fonts(), "Liberation Sans", false, false, "é").unwrap();
        assert!(!fonts().faces()[plain].bold && plain != bold);
        assert_eq!(
            face(fonts(), "Liberation Sans", false, false, "snow ☃"),
            None
        );
        assert_eq!(face(fonts(), "Comic Sans MS", false, false, "a"), None);
    }

    #[test]
    fn a_glyph_is_drawn_at_the_nearest_quarter_pixel() {
        assert_eq!(snap(10.0), (10, 0));
        assert_eq!(snap(10.3), (10, 1));
        assert_eq!(snap(10.9), (11, 0));
        assert_eq!(snap(-0.25), (-1, 3));
    }
}
