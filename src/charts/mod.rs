//! Charts as SVG, drawn from IR-ready data: the PDF embeds the vector drawing, the DOCX a
//! PNG rasterised from the same SVG (`render::docx`). Pure and deterministic: the same
//! numbers give the same bytes. Text in a chart is escaped, never markup.

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

fn esc(s: &str) -> String {
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
                r##"<rect x="{x}" y="{y}" width="{bar_w}" height="{bh}" fill="{fill}" stroke="#000000" stroke-width="0.5"/><text x="{}" y="{}" text-anchor="middle" font-size="11">{v}</text>"##,
                x + bar_w / 2,
                y.saturating_sub(4).max(top - 4)
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
    fn empty_data_still_draws() {
        let svg = grouped_bars("", &[], &[], "Liberation Sans");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
