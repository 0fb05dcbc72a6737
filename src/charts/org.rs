//! The organisation chart (bagan struktur organisasi) drawn from the unit tree, laid out
//! as a bagan SOTK: the head on top; beside the line under it the kelompok jabatan
//! fungsional and staf ahli on the left (fungsional on a dashed line) and the sekretariat
//! on the right with its sub-bagian in a row below; then one column per bidang (or
//! inspektur pembantu, or a seksi directly under the head) with its seksi/subbidang
//! stacked under it; last, grids of UPT (and other units), kelurahan and desa (desa on a
//! dashed line: the kecamatan's territory, not its staff) fed by a rail on the left.
//! Every box wraps its text to its width; widths come from the page, heights from the
//! text. Never decides which units exist or what they are called: it draws the tree it is
//! given.

use crate::bundle::{JenisUnit, Unit};

use super::{Chart, open, text_lines, wrap};

const FS: f64 = 7.0;
const HEAD_FS: f64 = 8.0;
const PAD: f64 = 3.5;
const GAP: f64 = 8.0;
const INDENT: f64 = 9.0;
const RAIL: f64 = 3.0;
const GRID_MIN: f64 = 88.0;
/// Narrowest column of a bidang and its seksi.
const COL_MIN: f64 = 80.0;

/// Columns per row that fit in `w` at [`COL_MIN`] or wider (at least one).
fn per_row(n: usize, w: f64) -> usize {
    let fit = (((w - RAIL - GAP + GAP) / (COL_MIN + GAP)).floor() as usize).max(1);
    if n <= fit {
        return n.max(1);
    }
    // balanced rows: 9 columns at 6 a row become 5 + 4
    n.div_ceil(n.div_ceil(fit))
}

/// Rows of columns the chart of `units` needs at `width` points (1 when every bidang
/// fits side by side).
pub fn column_rows(units: &[Unit], width: u32) -> usize {
    let head = units
        .iter()
        .find(|u| u.induk.is_none() && u.jenis == JenisUnit::Kepala)
        .or_else(|| units.iter().find(|u| u.induk.is_none()));
    let Some(head) = head else { return 0 };
    let mut right = false;
    let n = units
        .iter()
        .filter(|u| {
            u.induk.as_deref() == Some(head.id.as_str()) || (u.induk.is_none() && u.id != head.id)
        })
        .filter(|u| match place(u.jenis) {
            Place::Right if !right => {
                right = true;
                false
            }
            Place::Column | Place::Right => true,
            _ => false,
        })
        .count();
    n.div_ceil(per_row(n, f64::from(width) - 2.0))
}

/// Where a unit directly under the head is drawn.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Left { dashed: bool },
    Right,
    Column,
    Grid(usize),
}

fn place(k: JenisUnit) -> Place {
    match k {
        JenisUnit::Fungsional => Place::Left { dashed: true },
        JenisUnit::StafAhli => Place::Left { dashed: false },
        JenisUnit::Sekretariat => Place::Right,
        JenisUnit::Upt | JenisUnit::Lainnya => Place::Grid(0),
        JenisUnit::Kelurahan => Place::Grid(1),
        JenisUnit::Desa => Place::Grid(2),
        _ => Place::Column,
    }
}

struct Canvas {
    out: String,
}

impl Canvas {
    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, dashed: bool) {
        let dash = if dashed {
            r#" stroke-dasharray="3 2""#
        } else {
            ""
        };
        self.out.push_str(&format!(
            r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#000000" stroke-width="0.7"{dash}/>"##
        ));
    }

    /// A box with `name` wrapped inside, `w` wide at (x, y); returns its height.
    fn unit_box(&mut self, name: &str, x: f64, y: f64, w: f64, head: bool) -> f64 {
        let h = box_height(name, w, head);
        let (fs, weight, stroke) = if head {
            (HEAD_FS, r#" font-weight="bold""#, 1.2)
        } else {
            (FS, "", 0.7)
        };
        self.out.push_str(&format!(
            r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="#ffffff" stroke="#000000" stroke-width="{stroke}"/>"##
        ));
        let lines = wrap(name, w - 2.0 * PAD, fs, head);
        text_lines(
            &mut self.out,
            &lines,
            x + w / 2.0,
            y + PAD + fs * 0.92,
            fs,
            "middle",
            weight,
        );
        h
    }
}

fn box_height(name: &str, w: f64, head: bool) -> f64 {
    let fs = if head { HEAD_FS } else { FS };
    let n = wrap(name, w - 2.0 * PAD, fs, head).len().max(1) as f64;
    n * fs * 1.2 + 2.0 * PAD - fs * 0.2
}

struct Tree<'a> {
    units: &'a [Unit],
}

impl<'a> Tree<'a> {
    fn kids(&self, id: &str) -> Vec<&'a Unit> {
        self.units
            .iter()
            .filter(|u| u.induk.as_deref() == Some(id))
            .collect()
    }

    /// Every descendant of `u` with its depth below `u` (1 = child), in tree order;
    /// guarded against cycles by a depth limit (validation reports cycles).
    fn descendants(&self, u: &Unit, depth: usize, out: &mut Vec<(&'a Unit, usize)>) {
        if depth > 8 {
            return;
        }
        for k in self.kids(&u.id) {
            out.push((k, depth));
            self.descendants(k, depth + 1, out);
        }
    }

    /// A unit and its descendants stacked under it, indented by depth, each joined to its
    /// parent by a line down its left side; returns the bottom.
    fn stack(&self, c: &mut Canvas, u: &Unit, x: f64, y: f64, w: f64) -> f64 {
        let h = c.unit_box(&u.nama, x, y, w, false);
        let mut d = Vec::new();
        self.descendants(u, 1, &mut d);
        let mut bottom = y + h;
        // the bottom of the last box drawn at each depth, where its children's line starts
        let mut parent_bottom = vec![bottom];
        for (k, depth) in d {
            let kx = x + indent(depth);
            let ky = bottom + 5.0;
            let kh = c.unit_box(&k.nama, kx, ky, w - indent(depth), false);
            let lx = x + indent(depth - 1) + INDENT / 2.0;
            let from = parent_bottom[(depth - 1).min(parent_bottom.len() - 1)];
            c.line(lx, from, lx, ky + kh / 2.0, false);
            c.line(lx, ky + kh / 2.0, kx, ky + kh / 2.0, false);
            bottom = ky + kh;
            parent_bottom.truncate(depth);
            parent_bottom.push(bottom);
        }
        bottom
    }
}

fn indent(depth: usize) -> f64 {
    INDENT * depth.min(3) as f64
}

/// Draw the chart of `units` (a tree by `induk`) `width` points wide.
pub fn draw(units: &[Unit], width: u32, font: &str) -> Chart {
    // one point of margin each side, so no stroke is cut at the edge
    let w = f64::from(width) - 2.0;
    let t = Tree { units };
    let mut c = Canvas { out: String::new() };
    let head = units
        .iter()
        .find(|u| u.induk.is_none() && u.jenis == JenisUnit::Kepala)
        .or_else(|| units.iter().find(|u| u.induk.is_none()));
    let Some(head) = head else {
        let mut svg = open(w + 2.0, 10.0, font);
        svg.push_str("</svg>");
        return Chart {
            svg,
            width,
            height: 10,
        };
    };
    let mut top: Vec<&Unit> = t.kids(&head.id);
    top.extend(
        units
            .iter()
            .filter(|u| u.induk.is_none() && u.id != head.id),
    );
    let mut right = None;
    let (mut left, mut columns) = (Vec::new(), Vec::new());
    let mut grids: [Vec<&Unit>; 3] = Default::default();
    for u in top {
        match place(u.jenis) {
            Place::Right if right.is_none() => right = Some(u),
            Place::Left { dashed } => left.push((u, dashed)),
            Place::Grid(g) => {
                // a grid unit's own sub-units follow it in the grid
                grids[g].push(u);
                let mut d = Vec::new();
                t.descendants(u, 1, &mut d);
                grids[g].extend(d.into_iter().map(|(k, _)| k));
            }
            _ => columns.push(u),
        }
    }
    let has_grid = grids.iter().any(|g| !g.is_empty());
    let cx = w / 2.0;
    // the head
    let head_w = (w * 0.32).clamp(110.0, 220.0);
    let head_h = c.unit_box(&head.nama, cx - head_w / 2.0, 1.0, head_w, true);
    let mut y = 1.0 + head_h;
    // staff band: left boxes, sekretariat on the right with its sub-bagian in a row
    if right.is_some() || !left.is_empty() {
        let band = y + 14.0;
        let mut bottom = band;
        let half = cx - GAP - 10.0;
        let mut ly = band;
        for (u, dashed) in &left {
            let bw = half.min(170.0);
            let bx = cx - GAP - bw;
            let h = box_height(&u.nama, bw, false);
            c.line(cx, ly + h / 2.0, bx + bw, ly + h / 2.0, *dashed);
            let b = t.stack(&mut c, u, bx, ly, bw);
            ly = b + GAP;
            bottom = bottom.max(b);
        }
        if let Some(s) = right {
            let area_x = cx + GAP + 2.0;
            let area_w = w - area_x;
            let sw = area_w.min(170.0);
            let sx = area_x + (area_w - sw) / 2.0;
            let sh = c.unit_box(&s.nama, sx, band, sw, false);
            c.line(cx, band + sh / 2.0, sx, band + sh / 2.0, false);
            let kids = t.kids(&s.id);
            bottom = bottom.max(band + sh);
            if !kids.is_empty() {
                let n = kids.len() as f64;
                let kw = (area_w - GAP * (n - 1.0)) / n;
                let ky = band + sh + 14.0;
                let centres: Vec<f64> = (0..kids.len())
                    .map(|i| area_x + i as f64 * (kw + GAP) + kw / 2.0)
                    .collect();
                let bus = ky - 7.0;
                c.line(sx + sw / 2.0, band + sh, sx + sw / 2.0, bus, false);
                c.line(
                    centres[0].min(sx + sw / 2.0),
                    bus,
                    centres[centres.len() - 1].max(sx + sw / 2.0),
                    bus,
                    false,
                );
                for (k, kcx) in kids.iter().zip(&centres) {
                    c.line(*kcx, bus, *kcx, ky, false);
                    let b = t.stack(&mut c, k, kcx - kw / 2.0, ky, kw);
                    bottom = bottom.max(b);
                }
            }
        }
        y = bottom;
    }
    // the columns, in rows of as many as fit at COL_MIN wide, each row under a bus; a
    // second row (and the grids) hang on a rail down the left side
    let rail_x = RAIL;
    let per_row = per_row(columns.len(), w);
    let col_rows = columns.len().div_ceil(per_row.max(1));
    let railed = has_grid || col_rows > 1;
    let x0 = if railed { rail_x + GAP } else { 0.0 };
    let mut bus_y = y + 12.0;
    let spine_to = if columns.is_empty() && !has_grid {
        y
    } else {
        bus_y
    };
    let mut rail_from = bus_y;
    if columns.is_empty() && has_grid {
        c.line(rail_x, bus_y, cx, bus_y, false);
        y = bus_y;
    }
    for (r, row) in columns.chunks(per_row.max(1)).enumerate() {
        let n = per_row as f64;
        let cw = (w - x0 - GAP * (n - 1.0)) / n;
        // a single row is spread over the width; further rows keep its column width
        let cw = if col_rows == 1 {
            (w - x0 - GAP * (row.len() as f64 - 1.0)) / row.len() as f64
        } else {
            cw
        };
        if r > 0 {
            bus_y = y + 12.0;
            c.line(rail_x, rail_from, rail_x, bus_y, false);
            rail_from = bus_y;
        }
        let ctop = bus_y + 8.0;
        let centres: Vec<f64> = (0..row.len())
            .map(|i| x0 + i as f64 * (cw + GAP) + cw / 2.0)
            .collect();
        let from = if railed { rail_x } else { centres[0].min(cx) };
        let to = if r == 0 {
            centres[centres.len() - 1].max(cx)
        } else {
            centres[centres.len() - 1]
        };
        c.line(from, bus_y, to, bus_y, false);
        let mut bottom = ctop;
        for (u, ccx) in row.iter().zip(&centres) {
            c.line(*ccx, bus_y, *ccx, ctop, false);
            bottom = bottom.max(t.stack(&mut c, u, ccx - cw / 2.0, ctop, cw));
        }
        y = bottom;
    }
    c.line(cx, 1.0 + head_h, cx, spine_to, false);
    // the grids, fed by the rail on the left
    for (g, group) in grids.iter().enumerate() {
        if group.is_empty() {
            continue;
        }
        let dashed = g == 2;
        let avail = w - x0;
        let k = (((avail + GAP) / (GRID_MIN + GAP)).floor() as usize).clamp(1, group.len());
        let bw = (avail - GAP * (k as f64 - 1.0)) / k as f64;
        y += 10.0;
        for row in group.chunks(k) {
            let bus = y + 4.0;
            let ry = bus + 8.0;
            let last = x0 + (row.len() - 1) as f64 * (bw + GAP) + bw / 2.0;
            c.line(rail_x, bus, last, bus, dashed);
            let mut bottom = ry;
            for (i, u) in row.iter().enumerate() {
                let bx = x0 + i as f64 * (bw + GAP);
                c.line(bx + bw / 2.0, bus, bx + bw / 2.0, ry, dashed);
                bottom = bottom.max(ry + c.unit_box(&u.nama, bx, ry, bw, false));
            }
            c.line(rail_x, rail_from, rail_x, bus, dashed);
            rail_from = bus;
            y = bottom;
        }
    }
    let height = (y + 2.0).ceil();
    let mut svg = open(w + 2.0, height, font);
    svg.push_str(r#"<g transform="translate(1 0)">"#);
    svg.push_str(&c.out);
    svg.push_str("</g></svg>");
    Chart {
        svg,
        width,
        height: height as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, nama: &str, jenis: JenisUnit, induk: Option<&str>) -> Unit {
        Unit {
            id: id.into(),
            nama: nama.into(),
            jenis,
            induk: induk.map(Into::into),
            tugas: vec![],
        }
    }

    fn dinas(puskesmas: usize) -> Vec<Unit> {
        let mut u = vec![
            unit("k", "Kepala Dinas", JenisUnit::Kepala, None),
            unit("s", "Sekretariat", JenisUnit::Sekretariat, Some("k")),
            unit("sb1", "Sub Bagian Umum", JenisUnit::Subbagian, Some("s")),
            unit(
                "sb2",
                "Sub Bagian Keuangan",
                JenisUnit::Subbagian,
                Some("s"),
            ),
            unit("b1", "Bidang Pelayanan", JenisUnit::Bidang, Some("k")),
            unit("s1", "Seksi Rujukan", JenisUnit::Seksi, Some("b1")),
            unit(
                "f",
                "Kelompok Jabatan Fungsional",
                JenisUnit::Fungsional,
                Some("k"),
            ),
        ];
        for i in 0..puskesmas {
            u.push(unit(
                &format!("p{i}"),
                &format!("UPT Puskesmas Nomor {i}"),
                JenisUnit::Upt,
                Some("k"),
            ));
        }
        u
    }

    fn texts(svg: &str) -> String {
        let doc = roxmltree::Document::parse(svg).expect("valid SVG");
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn every_unit_is_drawn_and_fungsional_hangs_on_a_dashed_line() {
        let c = draw(&dinas(16), 453, "Liberation Sans");
        let all = texts(&c.svg);
        for name in [
            "Kepala Dinas",
            "Sekretariat",
            "Bidang Pelayanan",
            "Seksi Rujukan",
        ] {
            assert!(all.contains(name), "{name} missing: {all}");
        }
        for i in 0..16 {
            assert!(all.contains(&format!("Nomor {i}")), "puskesmas {i}: {all}");
        }
        assert!(c.svg.contains("stroke-dasharray"));
        assert_eq!(c, draw(&dinas(16), 453, "Liberation Sans"));
    }

    #[test]
    fn a_long_name_wraps_inside_its_box() {
        let mut u = dinas(0);
        u[5].nama =
            "Seksi Pencegahan dan Pengendalian Penyakit Tidak Menular dan Kesehatan Jiwa".into();
        let c = draw(&u, 200, "Liberation Sans");
        let doc = roxmltree::Document::parse(&c.svg).unwrap();
        let lines: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        let long = lines
            .iter()
            .position(|l| l.starts_with("Seksi Pencegahan"))
            .expect("first line of the long name");
        assert!(
            lines.len() > long + 1 && lines[long].len() < 60,
            "{lines:?}"
        );
        for l in lines {
            // the seksi box is 200 - 9 points wide, with 3,5 points of padding each side
            assert!(
                super::super::text_width(l, FS, false) <= 200.0 - 9.0 - 7.0,
                "{l}"
            );
        }
    }

    #[test]
    fn more_units_make_a_taller_chart_not_a_wider_one() {
        let small = draw(&dinas(2), 453, "Liberation Sans");
        let big = draw(&dinas(30), 453, "Liberation Sans");
        assert_eq!(small.width, big.width);
        assert!(big.height > small.height + 100);
    }

    #[test]
    fn no_units_draw_an_empty_chart() {
        let c = draw(&[], 453, "Liberation Sans");
        assert!(roxmltree::Document::parse(&c.svg).is_ok());
    }
}
