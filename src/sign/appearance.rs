//! The visible appearance of a signature: its QR and, under it, the signer's name, filling
//! the field's square (black on white).
//!
//! Everything is drawn as vector paths: the QR as squares, the name as the glyph outlines
//! of the embedded Liberation Sans Bold (read with `ttf-parser`). So the appearance uses
//! no font at all, and the signed file needs no font embedded in the update to stay
//! PDF/A. A character the font lacks is left out of the drawing (the name is also in the
//! signature's `/Name` and printed by the layout under the square).

use qrcode::{Color, EcLevel, QrCode};
use ttf_parser::{Face, OutlineBuilder};

/// Font size of the name in points (smaller when a word is wider than the square).
const NAME_PT: f64 = 5.0;
/// Line pitch of the name, in multiples of its font size.
const PITCH: f64 = 1.2;

/// The content stream of a form XObject of `w` × `h` points showing the QR of `payload`
/// (one module of quiet zone inside) and `name` on at most two centred lines under it.
pub fn stream(payload: &str, name: &str, w: f64, h: f64) -> Result<Vec<u8>, String> {
    let face = crate::render::pdf::font_bytes("LiberationSans-Bold.ttf")
        .and_then(|bytes| Face::parse(bytes, 0).ok());
    let side = w.min(h);
    let mut out = format!("q 1 1 1 rg 0 0 {} {} re f 0 0 0 rg\n", num(w), num(h));
    let (lines, size) = match &face {
        Some(face) if !name.trim().is_empty() => wrap(face, name, side - 2.0),
        _ => (Vec::new(), NAME_PT),
    };
    let band = if lines.is_empty() {
        0.0
    } else {
        lines.len() as f64 * size * PITCH + 1.0
    };
    let qr = side - band;
    out.push_str(&qr_ops(payload, (w - qr) / 2.0, h - qr, qr)?);
    if let Some(face) = &face {
        for (i, line) in lines.iter().enumerate() {
            let width = text_width(face, line) * size;
            let baseline = band - 1.0 - (i as f64 + 1.0) * size * PITCH + 0.25 * size;
            out.push_str(&text_ops(face, line, (w - width) / 2.0, baseline, size));
        }
    }
    out.push_str("Q\n");
    Ok(out.into_bytes())
}

/// The QR of `payload` as filled squares in the square of side `side` at (`x`, `y`).
fn qr_ops(payload: &str, x: f64, y: f64, side: f64) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| format!("the QR cannot hold its text ({e})"))?;
    let n = code.width();
    let colors = code.to_colors();
    let quiet = 1.0;
    let module = side / (n as f64 + 2.0 * quiet);
    let mut out = String::new();
    for row in 0..n {
        // Runs of dark modules on a row become one rectangle.
        let mut col = 0;
        while col < n {
            if colors[row * n + col] != Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && colors[row * n + col] == Color::Dark {
                col += 1;
            }
            out.push_str(&format!(
                "{} {} {} {} re\n",
                num(x + (start as f64 + quiet) * module),
                num(y + side - (row as f64 + 1.0 + quiet) * module),
                num((col - start) as f64 * module),
                num(module)
            ));
        }
    }
    out.push_str("f\n");
    Ok(out)
}

/// Width of `text` at 1 pt.
fn text_width(face: &Face, text: &str) -> f64 {
    let em = f64::from(face.units_per_em());
    text.chars()
        .filter_map(|c| face.glyph_index(c))
        .map(|g| f64::from(face.glyph_hor_advance(g).unwrap_or(0)) / em)
        .sum()
}

/// `name` in at most two lines of at most `width` points, and the font size: words go on
/// the first line while they fit; a line still too wide shrinks the size for both.
fn wrap(face: &Face, name: &str, width: f64) -> (Vec<String>, f64) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut lines = vec![String::new()];
    for word in &words {
        let full = lines.len() == 2;
        let last = lines.last_mut().expect("one line");
        let candidate = if last.is_empty() {
            word.to_string()
        } else {
            format!("{last} {word}")
        };
        if last.is_empty() || text_width(face, &candidate) * NAME_PT <= width || full {
            *last = candidate;
        } else {
            lines.push(word.to_string());
        }
    }
    let widest = lines
        .iter()
        .map(|l| text_width(face, l))
        .fold(0.0, f64::max);
    let size = if widest * NAME_PT > width {
        width / widest
    } else {
        NAME_PT
    };
    (lines, size)
}

/// `text` as filled glyph outlines, starting at (`x`, `baseline`), `size` points.
fn text_ops(face: &Face, text: &str, x: f64, baseline: f64, size: f64) -> String {
    let scale = size / f64::from(face.units_per_em());
    let mut path = Path {
        out: String::new(),
        x,
        y: baseline,
        scale,
        current: (0.0, 0.0),
    };
    for c in text.chars() {
        let Some(g) = face.glyph_index(c) else {
            continue;
        };
        face.outline_glyph(g, &mut path);
        path.x += f64::from(face.glyph_hor_advance(g).unwrap_or(0)) * scale;
    }
    path.out.push_str("f\n");
    path.out
}

/// PDF path operators from glyph outlines (font units → points at the pen position).
struct Path {
    out: String,
    x: f64,
    y: f64,
    scale: f64,
    /// The current point in font units (for quadratic → cubic).
    current: (f32, f32),
}

impl Path {
    fn pt(&self, x: f32, y: f32) -> String {
        format!(
            "{} {}",
            num(self.x + f64::from(x) * self.scale),
            num(self.y + f64::from(y) * self.scale)
        )
    }
}

impl OutlineBuilder for Path {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = self.pt(x, y);
        self.out.push_str(&format!("{p} m\n"));
        self.current = (x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.pt(x, y);
        self.out.push_str(&format!("{p} l\n"));
        self.current = (x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x0, y0) = self.current;
        let c1 = self.pt(x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
        let c2 = self.pt(x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
        let p = self.pt(x, y);
        self.out.push_str(&format!("{c1} {c2} {p} c\n"));
        self.current = (x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (c1, c2, p) = (self.pt(x1, y1), self.pt(x2, y2), self.pt(x, y));
        self.out.push_str(&format!("{c1} {c2} {p} c\n"));
        self.current = (x, y);
    }

    fn close(&mut self) {
        self.out.push_str("h\n");
    }
}

fn num(x: f64) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_wraps_to_two_lines_that_fit_the_square() {
        let face = Face::parse(
            crate::render::pdf::font_bytes("LiberationSans-Bold.ttf").unwrap(),
            0,
        )
        .unwrap();
        let side = 25.0 * 72.0 / 25.4 - 2.0;
        let (lines, size) = wrap(&face, "BAMBANG PURWANTO, S.H., M.H.", side);
        assert_eq!(lines, ["BAMBANG PURWANTO,", "S.H., M.H."]);
        assert_eq!(size, NAME_PT);
        let (lines, size) = wrap(&face, "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ", side);
        assert_eq!(lines.len(), 1);
        assert!(size < NAME_PT && text_width(&face, &lines[0]) * size <= side + 1e-9);
    }
}
