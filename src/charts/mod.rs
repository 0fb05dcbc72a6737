//! Charts as SVG, drawn from IR-ready data: the PDF embeds the vector drawing, the DOCX a
//! PNG rasterised from the same SVG (`render::docx`). Pure and deterministic: the same
//! numbers give the same bytes. Text in a chart is escaped, never markup.
//!
//! Values arrive exact (`Decimal`) with their labels already formatted by `crate::format`;
//! a chart never formats a figure of the report itself except its axis ticks, which it
//! formats with the same functions. Geometry uses `f64` for coordinates only, and the one
//! place an exact value becomes a coordinate is [`fraction`]. Text is measured with the
//! advance widths of Arial / Liberation Sans ([`text_width`]; Times / Liberation Serif is
//! narrower, so a label that fits in Sans fits in Serif too) and wrapped with [`wrap`].
//!
//! Modules: [`panels`] (small multiples of vertical bars: IKU target vs realisation, an
//! indicator over the years, a statistic over its periods), [`hbars`] (horizontal bars:
//! budget per sasaran and program), [`org`] (the bagan struktur organisasi); [`raster`]
//! (the DOCX's pictures of them: an SVG chart to PNG with the PDF's fonts).

pub mod hbars;
pub mod org;
pub mod panels;
#[cfg(feature = "render")]
pub mod raster;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A finished chart: SVG text and its size in user units (points: 1 unit = 1/72 inch, so
/// a chart printed `width` points wide shows its text at the size it was drawn).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The SVG document.
    pub svg: String,
    /// Width in points.
    pub width: u32,
    /// Height in points.
    pub height: u32,
}

impl Chart {
    /// Printed width in millimetres at 1:1 (points → mm, rounded).
    pub fn width_mm(&self) -> u32 {
        (self.width * 254 + 360) / 720
    }
}

/// Where `v` sits between `lo` and `hi`, as a fraction (0 at `lo`, 1 at `hi`): the only
/// place where an exact value becomes a float, for drawing. `lo == hi` gives 0.
pub fn fraction(v: Decimal, lo: Decimal, hi: Decimal) -> f64 {
    if hi == lo {
        return 0.0;
    }
    ((v - lo) / (hi - lo)).to_f64().unwrap_or(0.0)
}

/// Advance width of one character in Arial / Liberation Sans, in thousandths of an em.
fn advance(c: char) -> u32 {
    match c {
        ' ' | '!' | ',' | '.' | '/' | ':' | ';' | 'I' | '[' | '\\' | ']' | 'f' | 't' => 278,
        '"' => 355,
        '\'' => 191,
        '(' | ')' | '-' | '`' | 'r' => 333,
        '*' => 389,
        '+' | '<' | '=' | '>' | '~' => 584,
        '%' => 889,
        '&' | 'A' | 'B' | 'E' | 'K' | 'P' | 'S' | 'V' | 'X' | 'Y' => 667,
        'C' | 'D' | 'H' | 'N' | 'R' | 'U' | 'w' => 722,
        'F' | 'T' | 'Z' => 611,
        'G' | 'O' | 'Q' => 778,
        'J' | 'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' => 500,
        'L' => 556,
        'M' | 'm' => 833,
        'W' => 944,
        'i' | 'j' | 'l' => 222,
        '@' => 1015,
        '{' | '}' => 334,
        '|' => 260,
        '^' => 469,
        '\u{2013}' => 556,
        '\u{2014}' => 1000,
        c if c.is_ascii() => 556,
        _ => 600,
    }
}

/// Width of `s` set in `size` points (bold is taken as 10 % wider, an upper bound for
/// Arial Bold).
pub fn text_width(s: &str, size: f64, bold: bool) -> f64 {
    let em: u32 = s.chars().map(advance).sum();
    let w = f64::from(em) * size / 1000.0;
    if bold { w * 1.1 } else { w }
}

/// `s` broken into lines no wider than `max` (a word longer than a line is cut).
pub fn wrap(s: &str, max: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let cand = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if text_width(&cand, size, bold) <= max
            || cur.is_empty() && text_width(word, size, bold) <= max
        {
            cur = cand;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        // a word wider than the line: cut it
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if text_width(&piece, size, bold) > max && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        cur = piece;
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Opening tag of a chart of `w` × `h` points, white background.
pub(crate) fn open(w: f64, h: f64, font: &str) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="{}" font-size="8"><rect x="0" y="0" width="{w:.0}" height="{h:.0}" fill="#ffffff"/>"##,
        esc(font)
    )
}

/// Lines of text, centred (`anchor` "middle"), left ("start") or right ("end") on `x`,
/// the first baseline at `y`, `size` points apart by 1.2.
pub(crate) fn text_lines(
    out: &mut String,
    lines: &[String],
    x: f64,
    y: f64,
    size: f64,
    anchor: &str,
    extra: &str,
) {
    for (i, l) in lines.iter().enumerate() {
        out.push_str(&format!(
            r#"<text x="{x:.1}" y="{:.1}" font-size="{size}" text-anchor="{anchor}"{extra}>{}</text>"#,
            y + i as f64 * size * 1.2,
            esc(l)
        ));
    }
}

/// Round `step` up to a "nice" axis step (1, 2, 2,5 or 5 × 10ⁿ), exactly.
pub fn nice_step(raw: Decimal) -> Decimal {
    if raw <= Decimal::ZERO {
        return Decimal::ONE;
    }
    let ten = Decimal::TEN;
    let mut p = Decimal::ONE;
    while p > raw {
        p /= ten;
    }
    while p * ten <= raw {
        p *= ten;
    }
    for m in [
        Decimal::ONE,
        Decimal::TWO,
        Decimal::new(25, 1),
        Decimal::new(5, 0),
        ten,
    ] {
        if m * p >= raw {
            return (m * p).normalize();
        }
    }
    p * ten
}

/// Axis range and ticks for values `vals` (zero always included): (low, high, ticks).
pub fn axis(
    vals: impl IntoIterator<Item = Decimal>,
    parts: u32,
) -> (Decimal, Decimal, Vec<Decimal>) {
    let (mut lo, mut hi) = (Decimal::ZERO, Decimal::ZERO);
    for v in vals {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo == hi {
        hi = lo + Decimal::ONE;
    }
    let step = nice_step((hi - lo) / Decimal::from(parts.max(1)));
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let mut ticks = Vec::new();
    let mut t = lo;
    while t <= hi {
        ticks.push(t.normalize());
        t += step;
    }
    (lo, hi, ticks)
}

/// A tick label in the Indonesian format, with as many decimals as the step needs.
pub fn tick_label(t: Decimal) -> String {
    crate::format::number(t, t.normalize().scale())
}

use std::fmt::Write;

/// One series of a grouped bar chart (e.g. one year).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend label ("2021").
    pub label: String,
    /// One value per category.
    pub values: Vec<u64>,
}

/// Width and height of the charts in SVG user units (pixels at 96 dpi).
pub const SIZE: (u32, u32) = (640, 320);

const FILLS: [&str; 6] = [
    "#222222", "#777777", "#bbbbbb", "#444444", "#999999", "#dddddd",
];

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A grouped bar chart: `title` on top (part of the drawing, so it never parts from it at
/// a page break), then the legend, one group per category, one bar per series with its
/// value above; text in `font` (the report's PDF font). Grey fills, so it prints in black
/// and white.
pub fn grouped_bars(title: &str, categories: &[String], series: &[Series], font: &str) -> String {
    let (w, h) = SIZE;
    let (left, right, top, bottom) = (40u32, 16u32, 64u32, 36u32);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let groups = categories.len().max(1) as u32;
    let group_w = plot_w / groups;
    let n = series.len().max(1) as u32;
    let bar_w = (group_w * 7 / 10 / n).max(1);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}" font-size="12">"#,
        esc(font)
    );
    let _ = write!(
        svg,
        r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##
    );
    let _ = write!(
        svg,
        r#"<text x="{}" y="18" text-anchor="middle" font-weight="bold" font-size="14">{}</text>"#,
        w / 2,
        esc(title)
    );
    // legend
    for (i, s) in series.iter().enumerate() {
        let x = left + i as u32 * 90;
        let fill = FILLS[i % FILLS.len()];
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="32" width="14" height="14" fill="{fill}" stroke="#000000" stroke-width="0.5"/><text x="{}" y="44">{}</text>"##,
            x + 20,
            esc(&s.label)
        );
    }
    // axis
    let base = top + plot_h;
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="#000000" stroke-width="1"/>"##,
        left + plot_w
    );
    for (g, cat) in categories.iter().enumerate() {
        let gx = left + g as u32 * group_w;
        let first = gx + (group_w - bar_w * n) / 2;
        for (i, s) in series.iter().enumerate() {
            let v = s.values.get(g).copied().unwrap_or(0);
            let bh = (v * u64::from(plot_h) / max) as u32;
            let x = first + i as u32 * bar_w;
            let y = base - bh;
            let fill = FILLS[i % FILLS.len()];
            let _ = write!(
                svg,
                r##"<rect x="{x}" y="{y}" width="{bar_w}" height="{bh}" fill="{fill}" stroke="#000000" stroke-width="0.5"/><text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>"##,
                x + bar_w / 2,
                y.saturating_sub(4).max(top - 4),
                crate::format::count(v)
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            gx + group_w / 2,
            base + 22,
            esc(cat)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> String {
        grouped_bars(
            "Judul & grafik",
            &["Gol. I".into(), "Gol. II".into()],
            &[
                Series {
                    label: "2020".into(),
                    values: vec![0, 5],
                },
                Series {
                    label: "<2021>".into(),
                    values: vec![2, 9],
                },
            ],
            "Liberation Sans",
        )
    }

    #[test]
    fn bars_are_proportional_and_labelled() {
        let svg = sample();
        // the largest value fills the plot height (320 - 64 - 36 = 220)
        assert!(svg.contains(r#"height="220""#), "{svg}");
        assert!(svg.contains(">Judul &amp; grafik</text>"));
        assert!(svg.contains(">9</text>") && svg.contains(">Gol. II</text>"));
    }

    #[test]
    fn text_is_escaped_and_output_is_stable() {
        let svg = sample();
        assert!(svg.contains("&lt;2021&gt;") && !svg.contains("<2021>"));
        assert_eq!(svg, sample());
    }

    #[test]
    fn counts_print_in_the_indonesian_format() {
        let svg = grouped_bars(
            "",
            &["PNS".into()],
            &[Series {
                label: "2021".into(),
                values: vec![1054],
            }],
            "Liberation Sans",
        );
        assert!(svg.contains(">1.054</text>"), "{svg}");
    }

    #[test]
    fn empty_data_still_draws() {
        let svg = grouped_bars("", &[], &[], "Liberation Sans");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
