//! IR tables: caption, a fixed-layout bordered table, and the note under it.
//!
//! Column widths are the IR's relative widths scaled to the text width (twips; the last
//! column takes the rounding rest). Cells stand where `doc::placement` puts them: column
//! spans become `w:gridSpan`; row spans become `w:vMerge restart` on the first row and a
//! `w:vMerge continue` cell in each row below. Header rows
//! are marked for repetition by the fix-up pass (`w:tblHeader`); no row splits across
//! pages (`w:cantSplit`); the rows that `doc` keeps with the next one
//! (`ir::Table::keeps_with_next`) keep their paragraphs with the next (`w:keepNext`).

use docx_rs::{
    BorderType, LineSpacing, Paragraph, Table, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use crate::doc::ir::{self, Align};
use crate::doc::placement::Slot;
use crate::render::look::{LOOK, em};

use super::blocks::{Ctx, Item, RunFmt, add_lines, alignment};
use super::page::em_to_twips;
use super::styles::id;

/// Scale relative widths to `total` twips; the last column takes the rest.
pub(crate) fn scale_widths(widths: &[u32], columns: usize, total: u32) -> Vec<u32> {
    let n = columns.max(1);
    let mut rel: Vec<u64> = widths.iter().map(|w| u64::from(*w)).take(n).collect();
    let avg = if rel.is_empty() {
        1
    } else {
        (rel.iter().sum::<u64>() / rel.len() as u64).max(1)
    };
    rel.resize(n, avg);
    if rel.iter().all(|w| *w == 0) {
        rel = vec![1; n];
    }
    let sum: u64 = rel.iter().sum();
    let mut out: Vec<u32> = rel
        .iter()
        .map(|w| (w * u64::from(total) / sum) as u32)
        .collect();
    let used: u32 = out[..n - 1].iter().sum();
    out[n - 1] = total.saturating_sub(used);
    out
}

/// Thin single borders on every edge.
pub(crate) fn single_borders() -> TableBorders {
    let mut b = TableBorders::new();
    for pos in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        b = b.set(
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(LOOK.table.rule_eighth_pt as usize)
                .color("000000"),
        );
    }
    b
}

/// The padding of the cells of a table of `size_pt` text (the look sheet's, in twips).
fn cell_margins(size_pt: u32) -> TableCellMargins {
    let look = LOOK.table;
    let x = em_to_twips(em(look.cell_pad_x_em_permille), size_pt) as usize;
    let y = em_to_twips(em(look.cell_pad_y_em_permille), size_pt) as usize;
    TableCellMargins::new().margin(y, x, y, x)
}

/// A cell paragraph.
fn cell_paragraph(
    spans: &[ir::Inline],
    align: Align,
    bold: bool,
    size_pt: u32,
    figures: &[ir::FigureMark],
) -> Paragraph {
    let p = Paragraph::new()
        .style(id::TABLE_TEXT)
        .align(alignment(align))
        .size(size_pt as usize * 2);
    super::origin::add_marked_spans(
        p,
        spans,
        RunFmt {
            size_pt: Some(size_pt),
            bold,
            style: None,
        },
        figures,
    )
}

impl Ctx<'_> {
    /// Render a table with its caption and note; `closed`: a signature follows it.
    pub fn table(&mut self, t: &ir::Table, indent: u32, closed: bool, out: &mut Vec<Item>) {
        if !t.caption.is_empty() {
            let mut p = Paragraph::new().style(id::CAPTION);
            if indent > 0 {
                p = p.indent(Some(indent as i32), None, None, None);
            }
            let (p, bookmark) = match &t.anchor {
                Some(anchor) => self.caption_start(p, anchor),
                None => (p, None),
            };
            let p = add_lines(p, &t.caption, RunFmt::default());
            let p = match bookmark {
                Some(bid) => p.add_bookmark_end(bid),
                None => p,
            };
            self.push_p(out, p);
        }
        let columns = t.columns();
        let width = self.geometry.text_width().saturating_sub(indent);
        let grid = scale_widths(&t.widths, columns, width);
        let size = t.size_pt.max(1);
        let mut out_rows = Vec::with_capacity(t.header.len() + t.body.len());
        let rows = t.header.len() + t.body.len();
        // the last row keeps with what follows (a signature closing a whole table): so
        // does the note or the air paragraph after the table, carrying the chain on
        let carry = t.keeps_with_next(rows.saturating_sub(1), rows, closed);
        for (ri, slots) in t.grid().iter().enumerate() {
            let head = ri < t.header.len();
            let keep = t.keeps_with_next(ri, rows, closed);
            let mut ci = 0;
            let cells = slots
                .iter()
                .map(|slot| match *slot {
                    Slot::Cell { cell, col, span } => {
                        let merge = (cell.rowspan > 1).then_some(VMergeType::Restart);
                        let centre = head || cell.rowspan > 1;
                        let figures = super::origin::cell_figures(&t.origin, ri, ci);
                        ci += 1;
                        self.grid_cell(
                            &grid,
                            col,
                            span,
                            merge,
                            centre,
                            size,
                            keep,
                            Some((cell, &figures)),
                        )
                    }
                    Slot::Covered { col, span } => self.grid_cell(
                        &grid,
                        col,
                        span,
                        Some(VMergeType::Continue),
                        head,
                        size,
                        keep,
                        None,
                    ),
                    Slot::Empty { col } => {
                        self.grid_cell(&grid, col, 1, None, head, size, keep, None)
                    }
                })
                .collect();
            out_rows.push(TableRow::new(cells).cant_split());
        }
        let total: u32 = grid.iter().sum();
        let mut table = Table::new(out_rows)
            .style(id::TABLE_GRID)
            .layout(TableLayoutType::Fixed)
            .width(total as usize, WidthType::Dxa)
            .set_grid(grid.iter().map(|w| *w as usize).collect())
            .set_borders(single_borders())
            .margins(cell_margins(size));
        if indent > 0 {
            table = table.indent(indent as i32);
        }
        self.push_t(out, table, t.header.len());
        if let Some(note) = &t.note {
            let mut p = Paragraph::new().style(id::TABLE_NOTE);
            if indent > 0 {
                p = p.indent(Some(indent as i32), None, None, None);
            }
            let p = add_lines(
                p,
                &[note],
                RunFmt {
                    size_pt: Some(size.saturating_sub(LOOK.table.note_smaller_pt).max(1)),
                    ..RunFmt::default()
                },
            );
            self.push_p(out, p.keep_next(carry));
        } else {
            // A little air after the table before the next paragraph.
            let p = Paragraph::new().keep_next(carry).line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(120)
                    .line_rule(docx_rs::LineSpacingType::Exact),
            );
            self.push_p(out, p);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn grid_cell(
        &self,
        grid: &[u32],
        col: usize,
        span: usize,
        merge: Option<VMergeType>,
        centre: bool,
        size: u32,
        keep: bool,
        cell: Option<(&ir::Cell, &[ir::FigureMark])>,
    ) -> TableCell {
        let w: u32 = grid.iter().skip(col).take(span).sum();
        let mut tc = TableCell::new().width(w as usize, WidthType::Dxa);
        if span > 1 {
            tc = tc.grid_span(span);
        }
        if let Some(m) = merge {
            tc = tc.vertical_merge(m);
        }
        tc = tc.vertical_align(if centre {
            VAlignType::Center
        } else {
            VAlignType::Top
        });
        let p = match cell {
            Some((c, figures)) => cell_paragraph(&c.spans, c.align, c.bold, size, figures),
            None => cell_paragraph(&[], Align::Left, false, size, &[]),
        };
        tc.add_paragraph(p.keep_next(keep))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_scale_to_total() {
        assert_eq!(scale_widths(&[1, 1, 2], 3, 9071), vec![2267, 2267, 4537]);
        assert_eq!(scale_widths(&[], 2, 100), vec![50, 50]);
        assert_eq!(scale_widths(&[3], 2, 100), vec![50, 50]);
        assert_eq!(scale_widths(&[0, 0], 2, 100), vec![50, 50]);
        assert_eq!(scale_widths(&[10, 20, 30], 3, 600).iter().sum::<u32>(), 600);
    }
}
