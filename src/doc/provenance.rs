//! Provenance of printed content: which bundle text a block is (`narasi.<slot>`, the cover
//! letter, the foreword, the summary texts), which outline sentence, and which computed
//! figure each printed number is (the placeholder's value in prose, the computed cells of
//! the generated tables). The DOCX writes it as marks (`render::docx::origin`) so that
//! `lkjip absorb` can bring staff's edits back and `lkjip audit` can find retyped figures.
//!
//! It only annotates: it never changes a printed word, so the PDF does not depend on it.
//! A figure is marked only where its printed text is exactly the figure's value.

use std::collections::BTreeMap;

use crate::bundle::text as bt;

use super::build::{Ctx, para, t};
use super::ir::{Block, FigureMark, Inline, Origin, Table};
use super::placement::Slot;

/// `s` with its placeholders expanded (as `figures::expand`), and the byte range of each
/// expanded figure in the result with its name.
pub fn expand_marked(
    s: &str,
    names: &BTreeMap<String, String>,
) -> (String, Vec<(usize, usize, String)>) {
    let mut out = String::with_capacity(s.len());
    let mut marks = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else { break };
        out.push_str(&rest[..i]);
        let name = after[..j].trim();
        match names.get(name) {
            Some(v) => {
                let start = out.len();
                out.push_str(v);
                marks.push((start, out.len(), name.to_string()));
            }
            None => out.push_str(&rest[i..i + 2 + j + 2]),
        }
        rest = &after[j + 2..];
    }
    out.push_str(rest);
    (out, marks)
}

/// The text of a printed span, if it is text.
fn span_text(i: &Inline) -> Option<&str> {
    match i {
        Inline::Text { text, .. } => Some(text),
        Inline::Break => None,
    }
}

/// The figures of bundle inlines as printed in `spans` (one IR span per bundle span).
fn inline_marks(
    src: &bt::Inlines,
    spans: &[Inline],
    names: &BTreeMap<String, String>,
    row: usize,
    cell: Option<usize>,
) -> Vec<FigureMark> {
    let mut out = Vec::new();
    if src.0.len() != spans.len() {
        return out;
    }
    for (k, (s, ir)) in src.0.iter().zip(spans).enumerate() {
        let raw = match s {
            bt::Span::Text(x)
            | bt::Span::Bold(x)
            | bt::Span::Italic(x)
            | bt::Span::Underline(x) => x,
            bt::Span::Break(_) => continue,
        };
        let (text, marks) = expand_marked(raw, names);
        if Some(text.as_str()) != span_text(ir) {
            continue;
        }
        for (start, end, name) in marks {
            out.push(FigureMark {
                row,
                // a cell's figures name the cell; their spans are told by the byte range
                // within the span `k` only in prose
                index: cell.unwrap_or(k),
                start,
                end,
                name,
            });
            if cell.is_some() && spans.len() > 1 {
                // several spans in one cell: the cell-level mark would be ambiguous
                out.pop();
            }
        }
    }
    out
}

/// Annotate IR blocks built from the bundle blocks `src` (same order and shape).
fn annotate(blocks: &mut [Block], src: &[bt::Block], key: &str, names: &BTreeMap<String, String>) {
    for (b, s) in blocks.iter_mut().zip(src) {
        match (b, s) {
            (Block::Paragraph(p), bt::Block::Paragraph(i)) => {
                p.origin = Origin {
                    source: Some(key.to_string()),
                    figures: inline_marks(i, &p.spans, names, 0, None),
                };
            }
            (Block::List(l), bt::Block::List(sl)) => {
                l.origin = Origin::of(key);
                for (item, si) in l.items.iter_mut().zip(&sl.items) {
                    item.origin.figures = inline_marks(&si.text, &item.spans, names, 0, None);
                    annotate(&mut item.children, &si.sub, key, names);
                }
            }
            (Block::Table(tb), bt::Block::Table(st)) => {
                let mut figures = Vec::new();
                let head = tb.header.len();
                for (r, (row, srow)) in tb.body.iter().zip(&st.baris).enumerate() {
                    for (c, (cell, scell)) in row.cells.iter().zip(srow).enumerate() {
                        figures.extend(inline_marks(scell, &cell.spans, names, head + r, Some(c)));
                    }
                }
                tb.origin = Origin {
                    source: Some(key.to_string()),
                    figures,
                };
            }
            _ => {}
        }
    }
}

impl Ctx<'_> {
    /// Bundle blocks of the text at `key` (`narasi.<slot>`, `kata_pengantar` …) as IR
    /// blocks that carry their origin and the figures they print.
    pub fn source_blocks(&self, key: &str, src: &[bt::Block]) -> Vec<Block> {
        let mut blocks = self.blocks(src);
        annotate(&mut blocks, src, key, &self.names);
        blocks
    }

    /// An outline sentence (`kalimat`, placeholders expanded) as a body paragraph that
    /// carries its origin and figures.
    pub fn sentence(&self, key: &str, s: &str) -> Block {
        let mut b = para(vec![t(self.expand(s))]);
        if let Block::Paragraph(p) = &mut b {
            let src = bt::Inlines(vec![bt::Span::Text(s.to_string())]);
            p.origin = Origin {
                source: Some(key.to_string()),
                figures: inline_marks(&src, &p.spans, &self.names, 0, None),
            };
        }
        b
    }
}

/// What a column of a generated table shows of the row's indicator or sasaran, read from
/// its header texts ("Capaian", "Realisasi 2020", "Target" under "2021" …).
fn column_field(header: &str) -> Option<(&'static str, Option<&str>)> {
    let words: Vec<&str> = header.split_whitespace().collect();
    let first = words.first()?.to_lowercase();
    let field = match first.as_str() {
        "target" => "target",
        "realisasi" => "realisasi",
        "capaian" => "capaian",
        "kategori" => "kategori",
        "alokasi" | "anggaran" | "pagu" => "alokasi",
        "serapan" => "serapan",
        "porsi" => "porsi",
        "efisiensi" => "efisiensi",
        _ => return None,
    };
    let year = words
        .iter()
        .skip(1)
        .find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .copied();
    Some((field, year))
}

/// Mark the computed cells of a generated table: a body row that names an indicator (or
/// a sasaran) in one of its cells, and a column whose header says which figure of it
/// (target, realisasi, capaian, kategori, with a year or not; alokasi, serapan, porsi,
/// efisiensi of a sasaran); marked only when the cell prints exactly that figure's value.
fn mark_table(
    tb: &mut Table,
    rows: &BTreeMap<String, (String, RowKind)>,
    names: &BTreeMap<String, String>,
) {
    let grid = tb.grid();
    let head = tb.header.len();
    // header text per grid column, top to bottom
    let columns = tb.columns();
    let mut header = vec![String::new(); columns];
    for row in grid.iter().take(head) {
        for slot in row {
            if let Slot::Cell { cell, col, span } = slot {
                let text = super::ir::spans_text(&cell.spans);
                for h in header.iter_mut().skip(*col).take(*span) {
                    if !h.is_empty() {
                        h.push(' ');
                    }
                    h.push_str(text.trim());
                }
            }
        }
    }
    let mut figures = Vec::new();
    for (r, row) in grid.iter().enumerate().skip(head) {
        let cells: Vec<(usize, usize, &super::ir::Cell)> = row
            .iter()
            .filter_map(|s| match s {
                Slot::Cell { cell, col, .. } => Some((*col, *cell)),
                _ => None,
            })
            .enumerate()
            .map(|(i, (col, c))| (i, col, c))
            .collect();
        let named = |kind: RowKind| {
            cells.iter().find_map(|(_, _, c)| {
                rows.get(super::ir::spans_text(&c.spans).trim())
                    .filter(|(_, k)| *k == kind)
                    .map(|(id, _)| id)
            })
        };
        let Some((id, kind)) = named(RowKind::Indicator)
            .map(|id| (id, RowKind::Indicator))
            .or_else(|| named(RowKind::Sasaran).map(|id| (id, RowKind::Sasaran)))
        else {
            continue;
        };
        for (i, col, c) in &cells {
            let Some((field, year)) = column_field(&header[*col]) else {
                continue;
            };
            let field = match (field, kind) {
                ("realisasi", RowKind::Sasaran) => "realisasi_anggaran",
                (f, _) => f,
            };
            let name = match year {
                Some(y) => format!("{id}.{field}.{y}"),
                None => format!("{id}.{field}"),
            };
            let text = super::ir::spans_text(&c.spans);
            if c.spans.len() == 1 && names.get(&name) == Some(&text) && !text.is_empty() {
                figures.push(FigureMark {
                    row: r,
                    index: *i,
                    start: 0,
                    end: text.len(),
                    name,
                });
            }
        }
    }
    tb.origin.figures = figures;
}

/// What a table row names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowKind {
    /// An indicator (IKU or goal indicator).
    Indicator,
    /// A sasaran (its budget figures).
    Sasaran,
}

/// Mark the computed cells of every generated table of the document (see [`mark_table`]).
/// `rows`: the printed name of each indicator and sasaran → its id.
pub(super) fn mark_generated(
    blocks: &mut [Block],
    rows: &BTreeMap<String, (String, RowKind)>,
    names: &BTreeMap<String, String>,
) {
    for b in blocks {
        match b {
            Block::Table(tb) if tb.origin.source.is_none() => mark_table(tb, rows, names),
            Block::List(l) => {
                for it in &mut l.items {
                    mark_generated(&mut it.children, rows, names);
                }
            }
            _ => {}
        }
    }
}

/// The row names of the bundle's indicators and sasaran: printed name → id and kind (a
/// name used twice names no row).
pub(super) fn row_names(b: &crate::bundle::Bundle) -> BTreeMap<String, (String, RowKind)> {
    let mut seen: BTreeMap<String, Option<(String, RowKind)>> = BTreeMap::new();
    let mut put = |name: &str, id: &str, kind: RowKind| {
        seen.entry(name.trim().to_string())
            .and_modify(|v| *v = None)
            .or_insert_with(|| Some((id.to_string(), kind)));
    };
    for s in &b.sasaran {
        put(&s.nama, &s.id, RowKind::Sasaran);
        for k in &s.indikator {
            put(&k.nama, &k.id, RowKind::Indicator);
        }
    }
    for tj in &b.tujuan {
        for k in &tj.indikator {
            put(&k.nama, &k.id, RowKind::Indicator);
        }
    }
    seen.into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
}
