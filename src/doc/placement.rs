//! Where each cell of an IR table stands in the column grid.
//!
//! The IR does not repeat a spanned position: a cell spanning two rows appears once, and
//! the row below lists only its other cells. Both writers need the grid back: the PDF
//! layout to give each cell its content width (`layouts/blocks.typ` reads the IR JSON's
//! `placement` of every table), the DOCX writer to emit `w:gridSpan`, `w:vMerge` and the
//! continuation cells. This module is the one place that works it out, following
//! typst's placement rule: a cell takes the next column that no row span from above
//! keeps busy, and spans `colspan` columns from there.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::ir::{Cell, Table};

/// One position of a row in the grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot<'a> {
    /// An IR cell starting at `col`, `span` columns wide.
    Cell {
        /// The cell.
        cell: &'a Cell,
        /// First column (0-based).
        col: usize,
        /// Columns covered (≥ 1, clipped to the grid).
        span: usize,
    },
    /// Columns covered by a cell of a row above (its row span continues here).
    Covered {
        /// First column.
        col: usize,
        /// Columns covered.
        span: usize,
    },
    /// A column no cell fills (a short row).
    Empty {
        /// The column.
        col: usize,
    },
}

/// The columns of one IR cell: `[first, end)`, as the layouts read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Span(pub usize, pub usize);

impl Table {
    /// Number of grid columns: the relative widths given, or more when a row spans more.
    pub fn columns(&self) -> usize {
        let widest = self
            .header
            .iter()
            .chain(&self.body)
            .map(|r| r.cells.iter().map(|c| c.colspan.max(1) as usize).sum())
            .max()
            .unwrap_or(0);
        self.widths.len().max(widest).max(1)
    }

    /// Every row (header rows first) as slots from the first column to the last.
    pub fn grid(&self) -> Vec<Vec<Slot<'_>>> {
        let columns = self.columns();
        // Rows a cell from above still covers, per column where it starts: (rows, span).
        let mut covered: Vec<(u32, usize)> = vec![(0, 0); columns];
        let mut rows = Vec::with_capacity(self.header.len() + self.body.len());
        for row in self.header.iter().chain(&self.body) {
            let mut slots = Vec::with_capacity(columns);
            let mut col = 0;
            let mut cells = row.cells.iter();
            loop {
                if col < columns && covered[col].0 > 0 {
                    let span = covered[col].1.clamp(1, columns - col);
                    covered[col].0 -= 1;
                    slots.push(Slot::Covered { col, span });
                    col += span;
                    continue;
                }
                let Some(cell) = cells.next() else { break };
                let span = (cell.colspan.max(1) as usize).min(columns.saturating_sub(col).max(1));
                if cell.rowspan > 1 && col < columns {
                    covered[col] = (cell.rowspan - 1, span);
                }
                slots.push(Slot::Cell { cell, col, span });
                col += span;
            }
            while col < columns {
                slots.push(Slot::Empty { col });
                col += 1;
            }
            rows.push(slots);
        }
        rows
    }

    /// The columns of every IR cell, row by row (header rows first), in IR order.
    pub fn placement(&self) -> Vec<Vec<Span>> {
        self.grid()
            .iter()
            .map(|row| {
                row.iter()
                    .filter_map(|slot| match slot {
                        Slot::Cell { col, span, .. } => Some(Span(*col, col + span)),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }
}

/// The IR fields of a table, then its `placement` and the bound of each cell's widest
/// word (`doc::fit`).
impl Serialize for Table {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Table", 11)?;
        s.serialize_field("caption", &self.caption)?;
        s.serialize_field("widths", &self.widths)?;
        s.serialize_field("header", &self.header)?;
        s.serialize_field("body", &self.body)?;
        s.serialize_field("size_pt", &self.size_pt)?;
        s.serialize_field("note", &self.note)?;
        s.serialize_field("anchor", &self.anchor)?;
        s.serialize_field("placement", &self.placement())?;
        s.serialize_field("widest", &super::fit::widest_words(self))?;
        s.serialize_field("whole", &self.kept_whole())?;
        s.serialize_field("whole_when_signed", &self.kept_whole_when_signed())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::ir::{Align, Row};

    fn cell(colspan: u32, rowspan: u32) -> Cell {
        Cell {
            spans: vec![],
            colspan,
            rowspan,
            align: Align::Left,
            bold: false,
        }
    }

    fn table(widths: Vec<u32>, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            caption: vec![],
            widths,
            header: vec![],
            body: rows.into_iter().map(|cells| Row { cells }).collect(),
            size_pt: 10,
            note: None,
            anchor: None,
            origin: Default::default(),
        }
    }

    /// The capaian header: No and Indikator span two rows, "Tahun" three columns; the
    /// second row's cells go to the columns the row spans leave free.
    #[test]
    fn row_spans_push_cells_right() {
        let t = table(
            vec![1, 4, 2, 2, 2],
            vec![
                vec![cell(1, 2), cell(1, 2), cell(3, 1)],
                vec![cell(1, 1), cell(1, 1), cell(1, 1)],
                vec![cell(2, 1), cell(1, 1), cell(1, 1), cell(1, 1)],
            ],
        );
        assert_eq!(
            t.placement(),
            vec![
                vec![Span(0, 1), Span(1, 2), Span(2, 5)],
                vec![Span(2, 3), Span(3, 4), Span(4, 5)],
                vec![Span(0, 2), Span(2, 3), Span(3, 4), Span(4, 5)],
            ]
        );
        let second = &t.grid()[1];
        assert_eq!(second[0], Slot::Covered { col: 0, span: 1 });
        assert_eq!(second[1], Slot::Covered { col: 1, span: 1 });
    }

    /// A cell spanning two columns and three rows covers both columns twice below; a
    /// short row is filled with empty slots.
    #[test]
    fn wide_row_spans_and_short_rows() {
        let t = table(
            vec![1, 1, 1],
            vec![
                vec![cell(2, 3), cell(1, 1)],
                vec![cell(1, 1)],
                vec![],
                vec![cell(1, 1)],
            ],
        );
        let g = t.grid();
        assert_eq!(g[1][0], Slot::Covered { col: 0, span: 2 });
        assert_eq!(g[2][0], Slot::Covered { col: 0, span: 2 });
        assert_eq!(g[2][1], Slot::Empty { col: 2 });
        assert_eq!(t.placement()[3], vec![Span(0, 1)]);
        assert_eq!(g[3][1], Slot::Empty { col: 1 });
    }

    /// A row wider than the widths given widens the grid; a span never runs past it.
    #[test]
    fn columns_cover_the_widest_row() {
        let t = table(vec![1, 1], vec![vec![cell(1, 1), cell(1, 1), cell(1, 1)]]);
        assert_eq!(t.columns(), 3);
        let t = table(
            vec![1, 1],
            vec![vec![cell(1, 1)], vec![cell(1, 2), cell(5, 1)]],
        );
        assert_eq!(t.columns(), 6);
        assert_eq!(t.placement()[1], vec![Span(0, 1), Span(1, 6)]);
    }
}
