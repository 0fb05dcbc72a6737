//! Painting a chart's [`Drawing`] in greys onto a white [`Canvas`] of one byte a pixel, in
//! document order: rectangles and lines along the axes with exact anti-aliasing (a pixel
//! takes the colour in proportion to the area the mark covers of it), labels through
//! [`Glyphs`]. For our charts (greys, so they print in black and white) this is what
//! resvg draws, without its general path machinery and a quarter of its memory.

use super::Fonts;
use super::labels::Glyphs;
use super::marks::{Drawing, Mark, Stroke};

/// A grey level: 0 black, 255 white.
pub(super) type Grey = u8;

/// A picture in greys, row by row, one byte a pixel.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Canvas {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<Grey>,
}

impl Canvas {
    /// A white canvas on the memory of `spare`.
    pub(super) fn white(width: u32, height: u32, spare: Vec<u8>) -> Canvas {
        let mut pixels = spare;
        pixels.clear();
        pixels.resize(width as usize * height as usize, 255);
        Canvas {
            width,
            height,
            pixels,
        }
    }
}

/// Whether [`paint`] can paint `drawing`: every colour in it is a grey.
pub(super) fn in_greys(drawing: &Drawing) -> bool {
    let grey = |[r, g, b]: [u8; 3]| r == g && g == b;
    drawing.marks.iter().all(|m| match m {
        Mark::Rect { fill, stroke, .. } => {
            fill.is_none_or(grey) && stroke.as_ref().is_none_or(|s| grey(s.rgb))
        }
        Mark::Line { stroke, .. } => grey(stroke.rgb),
        Mark::Label(l) => grey(l.rgb),
    })
}

/// An axis-aligned box in pixels: left, top, right, bottom.
#[derive(Debug, Clone, Copy)]
struct Area(f32, f32, f32, f32);

impl Area {
    /// The box of a rectangle in user units, scaled.
    fn scaled(x: f32, y: f32, w: f32, h: f32, scale: f32) -> Area {
        Area(x * scale, y * scale, (x + w) * scale, (y + h) * scale)
    }

    /// The box grown by `d` on every side (shrunk when `d` < 0).
    fn grown(self, d: f32) -> Area {
        Area(self.0 - d, self.1 - d, self.2 + d, self.3 + d)
    }

    fn is_empty(self) -> bool {
        !(self.0 < self.2 && self.1 < self.3)
    }
}

/// Paint `drawing` (in greys: [`in_greys`]) onto `canvas` (white), `scale` pixels per
/// user unit.
pub(super) fn paint(
    canvas: &mut Canvas,
    drawing: &Drawing,
    scale: f32,
    glyphs: &mut Glyphs,
    fonts: &Fonts,
) {
    // white on the untouched white canvas (a chart's background) changes nothing
    let mut untouched = true;
    for mark in &drawing.marks {
        let white_on_white = untouched
            && matches!(
                mark,
                Mark::Rect {
                    fill: Some([255, 255, 255]) | None,
                    stroke: None,
                    ..
                }
            );
        untouched = white_on_white;
        if white_on_white {
            continue;
        }
        match mark {
            Mark::Rect {
                x,
                y,
                width,
                height,
                fill,
                stroke,
            } => {
                let area = Area::scaled(*x, *y, *width, *height, scale);
                if let Some(rgb) = fill {
                    fill_area(canvas, area, None, rgb[0]);
                }
                if let Some(Stroke { rgb, width, .. }) = stroke {
                    // an outline centred on the edge, square corners: a frame
                    let half = width * scale / 2.0;
                    fill_area(canvas, area.grown(half), Some(area.grown(-half)), rgb[0]);
                }
            }
            Mark::Line { from, to, stroke } => line(canvas, *from, *to, stroke, scale),
            Mark::Label(label) => glyphs.draw(canvas, label, scale, fonts),
        }
    }
}

/// A stroked line along an axis, butt ends, dashed as its stroke says.
fn line(canvas: &mut Canvas, from: (f32, f32), to: (f32, f32), s: &Stroke, scale: f32) {
    let horizontal = from.1 == to.1;
    let (a, b) = if horizontal {
        (from.0, to.0)
    } else {
        (from.1, to.1)
    };
    let (across, dir) = (if horizontal { from.1 } else { from.0 }, (b - a).signum());
    let length = (b - a).abs();
    let half = s.width / 2.0;
    let piece = |canvas: &mut Canvas, start: f32, end: f32| {
        let (p, q) = (a + dir * start, a + dir * end);
        let (lo, hi) = (p.min(q), p.max(q));
        let area = if horizontal {
            Area(lo, across - half, hi, across + half)
        } else {
            Area(across - half, lo, across + half, hi)
        };
        let px = Area(
            area.0 * scale,
            area.1 * scale,
            area.2 * scale,
            area.3 * scale,
        );
        fill_area(canvas, px, None, s.rgb[0]);
    };
    if s.dashes.is_empty() {
        piece(canvas, 0.0, length);
        return;
    }
    let (mut at, mut i) = (0.0, 0);
    while at < length {
        let d = s.dashes[i % s.dashes.len()];
        if i % 2 == 0 {
            piece(canvas, at, (at + d).min(length));
        }
        at += d;
        i += 1;
    }
}

/// How much of the pixel span `[p, p + 1)` the span `[lo, hi)` covers (0 to 1).
fn overlap(p: i32, lo: f32, hi: f32) -> f32 {
    let p = p as f32;
    (hi.min(p + 1.0) - lo.max(p)).max(0.0)
}

/// Paint `grey` over the pixels of `outer` less `inner` (which lies inside it), each in
/// proportion to the area covered.
fn fill_area(canvas: &mut Canvas, outer: Area, inner: Option<Area>, grey: Grey) {
    if outer.is_empty() {
        return;
    }
    let inner = inner.filter(|i| !i.is_empty());
    let (cw, ch) = (canvas.width as i32, canvas.height as i32);
    let x0 = (outer.0.floor() as i32).max(0);
    let x1 = (outer.2.ceil() as i32).min(cw);
    let y0 = (outer.1.floor() as i32).max(0);
    let y1 = (outer.3.ceil() as i32).min(ch);
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let cover = |lo: f32, hi: f32| -> Vec<f32> { (x0..x1).map(|p| overlap(p, lo, hi)).collect() };
    let outer_x = cover(outer.0, outer.2);
    let inner_x = inner.map_or_else(|| vec![0.0; outer_x.len()], |i| cover(i.0, i.2));
    // A row's coverage as (column, alpha) where not 0. Two kinds of rows recur: those the
    // outer box spans top to bottom, and of these those the inner box spans as well.
    let sparse = |oy: f32, iy: f32| -> Vec<(usize, u8)> {
        outer_x
            .iter()
            .zip(&inner_x)
            .map(|(ox, ix)| alpha(ox * oy - ix * iy))
            .enumerate()
            .filter(|(_, a)| *a != 0)
            .collect()
    };
    let (across, through) = (sparse(1.0, 0.0), sparse(1.0, 1.0));
    let pixels = &mut canvas.pixels;
    for py in y0..y1 {
        let oy = overlap(py, outer.1, outer.3);
        let iy = inner.map_or(0.0, |i| overlap(py, i.1, i.3));
        let other;
        let row = match (oy, iy) {
            (1.0, 0.0) => &across,
            (1.0, 1.0) => &through,
            _ => {
                other = sparse(oy, iy);
                &other
            }
        };
        let start = (py * cw + x0) as usize;
        for &(k, a) in row {
            blend(&mut pixels[start + k], grey, a);
        }
    }
}

/// A covered fraction (0 to 1) as an 8-bit coverage, rounded.
fn alpha(covered: f32) -> u8 {
    (covered.clamp(0.0, 1.0) * 255.0 + 0.5) as u8
}

/// Paint `grey` at coverage `alpha` (0 to 255) over a pixel.
pub(super) fn blend(pixel: &mut Grey, grey: Grey, alpha: u8) {
    let a = u32::from(alpha);
    // x / 255 rounded, for x up to 255 × 255
    let x = u32::from(grey) * a + u32::from(*pixel) * (255 - a);
    *pixel = (((x + 128) * 257) >> 16) as u8;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grey(canvas: &Canvas, x: u32, y: u32) -> u8 {
        canvas.pixels[(y * canvas.width + x) as usize]
    }

    #[test]
    fn a_pixel_takes_the_colour_in_proportion_to_the_area_covered() {
        let mut canvas = Canvas::white(4, 4, Vec::new());
        // columns 1 and 2 whole, column 3 half; row 0 a quarter, rows 1-2 whole
        fill_area(&mut canvas, Area(1.0, 0.75, 3.5, 3.0), None, 0);
        assert_eq!(grey(&canvas, 0, 1), 255);
        assert_eq!(grey(&canvas, 1, 1), 0);
        assert_eq!(grey(&canvas, 3, 1), 127, "half covered");
        assert_eq!(grey(&canvas, 1, 0), 191, "a quarter covered");
        assert_eq!(grey(&canvas, 3, 0), 223, "an eighth covered");
        assert_eq!(grey(&canvas, 1, 3), 255);
    }

    #[test]
    fn an_outline_is_a_frame_around_an_untouched_inside() {
        let mut canvas = Canvas::white(10, 10, Vec::new());
        let drawing = Drawing {
            width: 10.0,
            height: 10.0,
            marks: vec![Mark::Rect {
                x: 2.0,
                y: 2.0,
                width: 6.0,
                height: 6.0,
                fill: None,
                stroke: Some(Stroke {
                    rgb: [0, 0, 0],
                    width: 2.0,
                    dashes: vec![],
                }),
            }],
        };
        paint(
            &mut canvas,
            &drawing,
            1.0,
            &mut Glyphs::default(),
            super::super::tests::fonts(),
        );
        for (x, y, want) in [
            (0, 0, 255),
            (1, 1, 0),
            (8, 8, 0),
            (2, 5, 0),
            (3, 3, 255),
            (6, 6, 255),
            (9, 9, 255),
        ] {
            assert_eq!(grey(&canvas, x, y), want, "({x}, {y})");
        }
    }

    #[test]
    fn a_dashed_line_leaves_its_gaps() {
        let mut canvas = Canvas::white(10, 3, vec![7; 100]);
        let stroke = Stroke {
            rgb: [0, 0, 0],
            width: 1.0,
            dashes: vec![3.0, 2.0],
        };
        line(&mut canvas, (0.0, 1.5), (10.0, 1.5), &stroke, 1.0);
        let row: Vec<u8> = (0..10).map(|x| grey(&canvas, x, 1)).collect();
        assert_eq!(row, [0, 0, 0, 255, 255, 0, 0, 0, 255, 255]);
        assert_eq!(grey(&canvas, 0, 0), 255);
    }
}
