//! Small multiples of vertical bars: one panel per indicator (or statistic), each with its
//! own axis, because indicators are in different units and one shared axis would compare
//! percentages with counts. Used for target vs realisation of every IKU in the report
//! year, every indicator over its years, and a declared statistic over its periods.
//! Never formats a figure: bar labels and footers arrive formatted.

use rust_decimal::Decimal;

use super::{Chart, axis, esc, fraction, open, text_lines, text_width, tick_label, wrap};

/// One bar: its exact value and its printed label ("87,12%").
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Exact value.
    pub value: Decimal,
    /// Label printed on the bar.
    pub label: String,
}

/// One panel: a title, an optional note ("lebih rendah lebih baik"), categories on the
/// x axis and per category one bar (or none) per series of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// Title (indicator name and unit).
    pub title: String,
    /// A line in italics under the title.
    pub note: Option<String>,
    /// Category labels.
    pub categories: Vec<String>,
    /// Per category, per series.
    pub bars: Vec<Vec<Option<Bar>>>,
    /// Per category, a line under its label ("Capaian 95,00%"); may be empty.
    pub footer: Vec<String>,
    /// What the axis ticks are divided by: 1, or the short unit's divisor (10¹² when the
    /// title says "triliun rupiah" and the labels "186,01 T").
    pub scale: Decimal,
}

/// A chart of panels.
#[derive(Debug, Clone, PartialEq)]
pub struct Panels {
    /// Title drawn above the panels.
    pub title: String,
    /// Series names, in bar order.
    pub legend: Vec<String>,
    /// The panels.
    pub panels: Vec<Panel>,
    /// Panels per row.
    pub columns: u32,
    /// Width in points.
    pub width: u32,
}

/// Bar fills per series: grey shades that print in black and white.
const FILLS: [&str; 4] = ["#b8b8b8", "#4a4a4a", "#8a8a8a", "#e0e0e0"];

const TITLE: f64 = 9.5;
const HEAD: f64 = 7.5;
const SMALL: f64 = 6.5;
const PLOT_H: f64 = 90.0;
const GAP: f64 = 10.0;

/// Draw the panels.
pub fn draw(p: &Panels, font: &str) -> Chart {
    let w = f64::from(p.width);
    let cols = p.columns.max(1) as usize;
    let panel_w = (w - GAP * (cols as f64 - 1.0)) / cols as f64;
    let mut body = String::new();
    let mut y = title_and_legend(&mut body, &p.title, &p.legend, w);
    y += 18.0;
    for row in p.panels.chunks(cols) {
        // shared heights so the plots of a row line up
        let titles: Vec<Vec<String>> = row
            .iter()
            .map(|q| wrap(&q.title, panel_w - 8.0, HEAD, true))
            .collect();
        let head_lines = titles.iter().map(Vec::len).max().unwrap_or(1) as f64;
        let has_note = row.iter().any(|q| q.note.is_some());
        let cat_lines = row
            .iter()
            .map(|q| {
                let slot = (panel_w - 34.0) / q.categories.len().max(1) as f64;
                q.categories
                    .iter()
                    .map(|c| wrap(c, slot - 2.0, SMALL, false).len())
                    .max()
                    .unwrap_or(1)
            })
            .max()
            .unwrap_or(1) as f64;
        let has_footer = row.iter().any(|q| q.footer.iter().any(|f| !f.is_empty()));
        let head_h = 6.0 + head_lines * HEAD * 1.2 + if has_note { SMALL * 1.3 } else { 0.0 };
        let foot_h = 6.0 + cat_lines * SMALL * 1.2 + if has_footer { SMALL * 1.3 } else { 0.0 };
        let h = head_h + 12.0 + PLOT_H + foot_h;
        for (i, (q, tl)) in row.iter().zip(&titles).enumerate() {
            let x = i as f64 * (panel_w + GAP);
            panel(&mut body, q, tl, x, y, panel_w, head_h, h);
        }
        y += h + GAP;
    }
    let height = y.ceil();
    let mut svg = open(w, height, font);
    svg.push_str(&body);
    svg.push_str("</svg>");
    Chart {
        svg,
        width: p.width,
        height: height as u32,
    }
}

/// The legend centred on one line at `y`.
/// The chart's title (wrapped, bold, centred; none when the caption carries it) and its
/// legend below; returns the top of the legend.
pub(crate) fn title_and_legend(out: &mut String, title: &str, names: &[String], w: f64) -> f64 {
    let title = wrap(title, w - 20.0, TITLE, true);
    text_lines(
        out,
        &title,
        w / 2.0,
        TITLE + 2.0,
        TITLE,
        "middle",
        r#" font-weight="bold""#,
    );
    // no title (the caption carries it): the legend starts at the top
    let y = if title.is_empty() {
        2.0
    } else {
        TITLE + 2.0 + title.len() as f64 * TITLE * 1.2
    };
    legend(out, names, w, y);
    y
}

pub(crate) fn legend(out: &mut String, names: &[String], w: f64, y: f64) {
    let widths: Vec<f64> = names
        .iter()
        .map(|n| 14.0 + text_width(n, 8.0, false) + 14.0)
        .collect();
    let mut x = (w - widths.iter().sum::<f64>()) / 2.0;
    for (i, (n, lw)) in names.iter().zip(&widths).enumerate() {
        out.push_str(&format!(
            r##"<rect x="{x:.1}" y="{:.1}" width="10" height="10" fill="{}" stroke="#000000" stroke-width="0.5"/><text x="{:.1}" y="{:.1}" font-size="8">{}</text>"##,
            y + 2.0,
            FILLS[i % FILLS.len()],
            x + 14.0,
            y + 10.5,
            esc(n)
        ));
        x += lw;
    }
}

/// The size, at most [`SMALL`], at which each of `words` fits `room` points.
fn fitting<'a>(words: impl Iterator<Item = &'a str>, room: f64, bold: bool) -> f64 {
    words
        .map(|w| SMALL * room / text_width(w, SMALL, bold).max(1.0))
        .fold(SMALL, f64::min)
        .max(1.0)
}

#[allow(clippy::too_many_arguments)]
fn panel(
    out: &mut String,
    q: &Panel,
    title: &[String],
    x: f64,
    y: f64,
    w: f64,
    head_h: f64,
    h: f64,
) {
    out.push_str(&format!(
        r##"<rect x="{:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="none" stroke="#9a9a9a" stroke-width="0.6"/>"##,
        x + 0.5,
        w - 1.0
    ));
    text_lines(
        out,
        title,
        x + w / 2.0,
        y + 4.0 + HEAD,
        HEAD,
        "middle",
        r#" font-weight="bold""#,
    );
    if let Some(n) = &q.note {
        text_lines(
            out,
            std::slice::from_ref(n),
            x + w / 2.0,
            y + 4.0 + HEAD + title.len() as f64 * HEAD * 1.2,
            SMALL,
            "middle",
            r#" font-style="italic""#,
        );
    }
    let values = q.bars.iter().flatten().flatten().map(|b| b.value);
    let (lo, hi, ticks) = axis(values, 4);
    let top = y + head_h + 12.0;
    let base_of = |v: Decimal| top + PLOT_H * (1.0 - fraction(v, lo, hi));
    let scale = if q.scale.is_zero() {
        Decimal::ONE
    } else {
        q.scale
    };
    let labels: Vec<String> = ticks.iter().map(|t| tick_label(*t / scale)).collect();
    let axis_w = labels
        .iter()
        .map(|l| text_width(l, SMALL, false))
        .fold(0.0, f64::max)
        + 8.0;
    let left = x + 4.0 + axis_w;
    let plot_w = w - 8.0 - axis_w;
    for (t, l) in ticks.iter().zip(&labels) {
        let ty = base_of(*t);
        out.push_str(&format!(
            r##"<line x1="{left:.1}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#dddddd" stroke-width="0.5"/><text x="{:.1}" y="{:.1}" font-size="{SMALL}" text-anchor="end">{}</text>"##,
            left + plot_w,
            left - 3.0,
            ty + 2.3,
            esc(l)
        ));
    }
    let zero = base_of(Decimal::ZERO);
    let n = q.categories.len().max(1);
    let slot = plot_w / n as f64;
    let series = q.bars.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let bar_w = (slot * 0.75 / series as f64).min(30.0);
    for (c, cat) in q.categories.iter().enumerate() {
        let cx = left + slot * (c as f64 + 0.5);
        let first = cx - bar_w * series as f64 / 2.0;
        for (s, bar) in q.bars.get(c).into_iter().flatten().enumerate() {
            let Some(bar) = bar else { continue };
            let bx = first + s as f64 * bar_w;
            let by = base_of(bar.value);
            let (ry, rh) = if by < zero {
                (by, zero - by)
            } else {
                (zero, by - zero)
            };
            // the label sits outside the bar's end; shrunk to its slot when wide
            let room = bar_w.max(slot / series as f64) + 2.0;
            let size =
                (SMALL * room / text_width(&bar.label, SMALL, false).max(1.0)).clamp(4.5, SMALL);
            let ly = if by < zero || bar.value.is_zero() {
                by - 2.0
            } else {
                by + size + 1.5
            };
            out.push_str(&format!(
                r##"<rect x="{bx:.1}" y="{ry:.1}" width="{bar_w:.1}" height="{rh:.1}" fill="{}" stroke="#000000" stroke-width="0.4"/><text x="{:.1}" y="{ly:.1}" font-size="{size:.1}" text-anchor="middle">{}</text>"##,
                FILLS[s % FILLS.len()],
                bx + bar_w / 2.0,
                esc(&bar.label)
            ));
        }
        // a category breaks between words only ("2018" never becomes "201 / 8"): a
        // word wider than its slot makes the label smaller instead
        let size = fitting(cat.split_whitespace(), slot - 2.0, false);
        let lines = wrap(cat, slot - 2.0, size, false);
        let ly = top + PLOT_H + 4.0 + SMALL;
        text_lines(out, &lines, cx, ly, size, "middle", "");
        if let Some(f) = q.footer.get(c).filter(|f| !f.is_empty()) {
            let cat_lines = (h - (top - y) - PLOT_H - 6.0 - SMALL * 1.3) / (SMALL * 1.2);
            let fy = ly + cat_lines.floor().max(1.0) * SMALL * 1.2;
            // the footer ("Capaian 102,88%") is one line, smaller when its slot is narrow
            let size = fitting(std::iter::once(f.as_str()), slot - 2.0, true);
            text_lines(
                out,
                std::slice::from_ref(f),
                cx,
                fy,
                size,
                "middle",
                r#" font-weight="bold""#,
            );
        }
    }
    out.push_str(&format!(
        r##"<line x1="{left:.1}" y1="{zero:.1}" x2="{:.1}" y2="{zero:.1}" stroke="#000000" stroke-width="0.7"/><line x1="{left:.1}" y1="{top:.1}" x2="{left:.1}" y2="{:.1}" stroke="#000000" stroke-width="0.5"/>"##,
        left + plot_w,
        top + PLOT_H
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(v: i64, l: &str) -> Option<Bar> {
        Some(Bar {
            value: Decimal::from(v),
            label: l.into(),
        })
    }

    fn sample() -> Panels {
        Panels {
            title: "Target dan Realisasi IKU Tahun 2021".into(),
            legend: vec!["Target".into(), "Realisasi".into()],
            panels: vec![
                Panel {
                    title: "Angka Kematian Bayi (per 1.000 KH)".into(),
                    note: Some("lebih rendah lebih baik".into()),
                    categories: vec!["2021".into()],
                    bars: vec![vec![bar(8, "8,00"), bar(6, "6,50")]],
                    footer: vec!["Capaian 118,75%".into()],
                    scale: Decimal::ONE,
                },
                Panel {
                    title: "Cakupan & <imunisasi>".into(),
                    note: None,
                    categories: vec!["2021".into()],
                    bars: vec![vec![bar(1200, "1.200"), bar(-3, "-3")]],
                    footer: vec![String::new()],
                    scale: Decimal::ONE,
                },
            ],
            columns: 3,
            width: 453,
        }
    }

    #[test]
    fn panels_parse_and_carry_their_labels() {
        let c = draw(&sample(), "Liberation Sans");
        let doc = roxmltree::Document::parse(&c.svg).expect("valid SVG");
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        for want in [
            "8,00",
            "6,50",
            "Capaian 118,75%",
            "lebih rendah lebih baik",
            "Target",
            "Realisasi",
            "1.200",
            "-3",
            "1.500",
        ] {
            assert!(texts.contains(&want), "{want} not in {texts:?}");
        }
        assert!(c.svg.contains("&amp; &lt;imunisasi&gt;"));
        assert_eq!(c, draw(&sample(), "Liberation Sans"));
    }

    #[test]
    fn the_largest_bar_reaches_the_top_tick() {
        let (lo, hi, ticks) = axis([Decimal::from(8), Decimal::from(6)], 4);
        assert_eq!((lo, hi), (Decimal::ZERO, Decimal::from(8)));
        assert_eq!(ticks.len(), 5);
        assert_eq!(tick_label(Decimal::new(25, 1)), "2,5");
    }
}
