//! Horizontal grouped bars with the category names on the left, for categories with long
//! names: the budget allocation and realisation per sasaran, and per program under its
//! sasaran (indented, in italics), with the serapan beside each row. Never formats a
//! figure: bar labels and notes arrive formatted.

use rust_decimal::Decimal;

use super::panels::{Bar, title_and_legend};
use super::{Chart, axis, esc, fraction, open, text_lines, text_width, tick_label, wrap};

/// One row: a name, one bar per series of the legend and a note on the right.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Category name.
    pub label: String,
    /// A sub-row (a program under its sasaran): indented, in italics.
    pub sub: bool,
    /// One bar per series.
    pub bars: Vec<Bar>,
    /// Note on the right ("Serapan 95,12%").
    pub note: String,
}

/// A horizontal bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct HBars {
    /// Title drawn above.
    pub title: String,
    /// Series names.
    pub legend: Vec<String>,
    /// What the axis counts ("juta rupiah").
    pub axis_title: String,
    /// Rows, top to bottom.
    pub rows: Vec<Row>,
    /// Width in points.
    pub width: u32,
}

const FILLS: [&str; 4] = ["#b8b8b8", "#4a4a4a", "#8a8a8a", "#e0e0e0"];
const SIZE: f64 = 7.0;
const SMALL: f64 = 6.5;
const BAR: f64 = 8.0;

/// Draw the chart.
pub fn draw(c: &HBars, font: &str) -> Chart {
    let w = f64::from(c.width);
    let mut body = String::new();
    let mut y = title_and_legend(&mut body, &c.title, &c.legend, w);
    y += 22.0;
    let label_w = (w * 0.34).floor();
    let note_w = c
        .rows
        .iter()
        .map(|r| text_width(&r.note, SMALL, true))
        .fold(0.0, f64::max)
        + 8.0;
    let value_w = c
        .rows
        .iter()
        .flat_map(|r| &r.bars)
        .map(|b| text_width(&b.label, SMALL, false))
        .fold(0.0, f64::max)
        + 6.0;
    let left = label_w + 6.0;
    let (lo, hi, ticks) = axis(
        c.rows.iter().flat_map(|r| r.bars.iter().map(|b| b.value)),
        4,
    );
    let plot_w = w - left - note_w - value_w;
    let x_of = |v: Decimal| left + plot_w * fraction(v, lo, hi);
    let top = y;
    for r in &c.rows {
        let indent = if r.sub { 10.0 } else { 0.0 };
        let lines = wrap(&r.label, label_w - indent, SIZE, !r.sub);
        let bars_h = BAR * r.bars.len() as f64;
        let h = (lines.len() as f64 * SIZE * 1.2).max(bars_h) + 8.0;
        let style = if r.sub {
            r#" font-style="italic""#
        } else {
            r#" font-weight="bold""#
        };
        let text_y = y + 4.0 + SIZE;
        text_lines(&mut body, &lines, indent, text_y, SIZE, "start", style);
        let by0 = y + (h - bars_h) / 2.0;
        for (s, b) in r.bars.iter().enumerate() {
            let by = by0 + s as f64 * BAR;
            let (x0, x1) = (x_of(Decimal::ZERO), x_of(b.value));
            let (bx, bw) = if x1 < x0 {
                (x1, x0 - x1)
            } else {
                (x0, x1 - x0)
            };
            body.push_str(&format!(
                r##"<rect x="{bx:.1}" y="{by:.1}" width="{bw:.1}" height="{BAR:.1}" fill="{}" stroke="#000000" stroke-width="0.4"/><text x="{:.1}" y="{:.1}" font-size="{SMALL}">{}</text>"##,
                FILLS[s % FILLS.len()],
                x0.max(x1) + 2.0,
                by + BAR - 1.8,
                esc(&b.label)
            ));
        }
        text_lines(
            &mut body,
            std::slice::from_ref(&r.note),
            w,
            y + h / 2.0 + SMALL / 2.5,
            SMALL,
            "end",
            r#" font-weight="bold""#,
        );
        body.push_str(&format!(
            r##"<line x1="0" y1="{:.1}" x2="{w:.1}" y2="{:.1}" stroke="#e4e4e4" stroke-width="0.5"/>"##,
            y + h,
            y + h
        ));
        y += h;
    }
    // axis with ticks at the bottom, grid lines behind
    let mut grid = String::new();
    for t in &ticks {
        let tx = x_of(*t);
        grid.push_str(&format!(
            r##"<line x1="{tx:.1}" y1="{top:.1}" x2="{tx:.1}" y2="{y:.1}" stroke="#dddddd" stroke-width="0.5"/><text x="{tx:.1}" y="{:.1}" font-size="{SMALL}" text-anchor="middle">{}</text>"##,
            y + 9.0,
            esc(&tick_label(*t))
        ));
    }
    let x0 = x_of(Decimal::ZERO);
    grid.push_str(&format!(
        r##"<line x1="{x0:.1}" y1="{top:.1}" x2="{x0:.1}" y2="{y:.1}" stroke="#000000" stroke-width="0.7"/><line x1="{left:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#000000" stroke-width="0.5"/>"##,
        left + plot_w
    ));
    text_lines(
        &mut grid,
        std::slice::from_ref(&c.axis_title),
        left + plot_w / 2.0,
        y + 19.0,
        SMALL,
        "middle",
        r#" font-style="italic""#,
    );
    let height = (y + 24.0).ceil();
    let mut svg = open(w, height, font);
    svg.push_str(&grid);
    svg.push_str(&body);
    svg.push_str("</svg>");
    Chart {
        svg,
        width: c.width,
        height: height as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_carry_names_values_and_serapan() {
        let bar = |v: i64, l: &str| Bar {
            value: Decimal::from(v),
            label: l.into(),
        };
        let c = draw(
            &HBars {
                title: "Alokasi dan Realisasi Anggaran".into(),
                legend: vec!["Alokasi".into(), "Realisasi".into()],
                axis_title: "juta rupiah".into(),
                rows: vec![
                    Row {
                        label: "Meningkatnya derajat kesehatan masyarakat".into(),
                        sub: false,
                        bars: vec![bar(2135, "2.135,24"), bar(2000, "2.000,00")],
                        note: "Serapan 93,66%".into(),
                    },
                    Row {
                        label: "Program Pemenuhan Upaya Kesehatan".into(),
                        sub: true,
                        bars: vec![bar(500, "500,00"), bar(450, "450,00")],
                        note: "Serapan 90,00%".into(),
                    },
                ],
                width: 453,
            },
            "Liberation Sans",
        );
        let doc = roxmltree::Document::parse(&c.svg).expect("valid SVG");
        let all: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join("|");
        for want in [
            "2.135,24",
            "Serapan 93,66%",
            "Serapan 90,00%",
            "juta rupiah",
            "Alokasi",
            "3.000",
            "Program Pemenuhan Upaya Kesehatan",
        ] {
            assert!(all.contains(want), "{want} not in {all}");
        }
    }
}
