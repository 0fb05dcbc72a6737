//! How wide, at most, the widest word of each table cell is: a serialised extra of
//! every table (beside its `placement`) for the PDF layout. `fitted-spans` in
//! `layouts/blocks.typ` sets a cell as it is when this bound fits its column, and only
//! otherwise measures the cell's words with typst to shrink or break one that would
//! stick out. Measuring is a layout of the text: the sample has hundreds of amounts and
//! percentages in narrow columns, and skipping them saves a few milliseconds a render.
//!
//! A word is a run of non-space characters within one span, as the layout splits them.
//! Its bound is the sum of its characters' widest advance in any style (regular, bold,
//! italic, bold italic) of the two PDF fonts, Liberation Sans and Liberation Serif
//! ([`ASCII_ADVANCE`], checked against the fonts in `render::pdf::tests`), 2 em for any
//! other character, plus 2 % and 1/20 em for kerning.

//!
//! The same bounds decide, once for both writers, each table's column widths and font
//! size ([`fit_table`]): a column is never narrower than its widest word (a header word,
//! an amount: a number is one unbreakable word), the text columns give up what the
//! narrow ones lack, and a table whose words fit in no width at its size is set smaller,
//! down to [`MIN_TABLE_PT`]. A body table that fits no portrait page even then goes on a
//! landscape page of its own (`doc::chapters`).

use super::ir::{Block, Cell, Inline, Orientation, PageSetup, Table};

/// Widest advance of the printable ASCII characters (from the space, U+0020) in the
/// eight Liberation Sans and Serif faces, in thousandths of an em, rounded up.
pub const ASCII_ADVANCE: [u32; 95] = [
    278, 390, 556, 557, 557, 1000, 834, 278, 334, 334, 500, 675, 278, 334, 278, 278, 557, 557, 557,
    557, 557, 557, 557, 557, 557, 557, 334, 334, 675, 675, 675, 611, 1016, 723, 723, 723, 723, 667,
    667, 778, 778, 390, 557, 778, 667, 944, 723, 778, 667, 778, 723, 667, 667, 723, 723, 1000, 723,
    723, 667, 390, 278, 390, 584, 557, 334, 557, 611, 557, 611, 557, 334, 611, 611, 278, 334, 557,
    278, 890, 611, 611, 611, 611, 444, 557, 334, 611, 557, 778, 557, 557, 500, 480, 280, 480, 584,
];

/// Bound of a character that is not printable ASCII, in thousandths of an em (the
/// widest glyph of the Liberation fonts is 1,39 em).
pub const OTHER_ADVANCE: u32 = 2000;

/// Upper bound of the width of `word`, in thousandths of an em.
pub fn word_bound(word: &str) -> u32 {
    let sum: u32 = word
        .chars()
        .map(|c| match (c as u32).checked_sub(0x20) {
            Some(i) if i < 95 => ASCII_ADVANCE[i as usize],
            _ => OTHER_ADVANCE,
        })
        .sum();
    sum + sum.div_ceil(50) + 50
}

/// Upper bound of the widest word of a cell, in thousandths of an em (0: no text).
pub fn widest_word(cell: &Cell) -> u32 {
    cell.spans
        .iter()
        .filter_map(|s| match s {
            Inline::Text { text, .. } => text.split_whitespace().map(word_bound).max(),
            Inline::Break => None,
        })
        .max()
        .unwrap_or(0)
}

/// [`widest_word`] of every cell, row by row (header rows first), in IR order: the shape
/// of the table's `placement`.
pub fn widest_words(table: &Table) -> Vec<Vec<u32>> {
    table
        .header
        .iter()
        .chain(&table.body)
        .map(|row| row.cells.iter().map(widest_word).collect())
        .collect()
}

/// The smallest font size, in points, a table is set in to make its words fit.
pub const MIN_TABLE_PT: u32 = 7;

/// Horizontal padding of a cell on each side, in thousandths of a point, at `size_pt`:
/// the look sheet's 0,4 em (`look.table.cell_pad_x_em_permille`, which both writers now
/// read), at least 4,25 pt, Word's cell margin before the sheet had it (kept so that the
/// tables' widths, and the PDFs, do not move; the IR cannot read the render's sheet).
pub fn cell_pad_mpt(size_pt: u32) -> u64 {
    (400 * u64::from(size_pt)).max(4_250)
}

/// Width of the text block in points (portrait, or landscape with the margins turned by
/// [`Margins::on`](super::ir::Margins::on)).
pub fn text_width_pt(page: &PageSetup, landscape: bool) -> u32 {
    let orientation = if landscape {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    };
    page.text_block_mm(orientation).0 * 720 / 254
}

/// Set `table`'s column widths and font size so that no word of a cell is wider than
/// its cell on a text block `width_pt` wide; `false` when that takes more than
/// [`MIN_TABLE_PT`] allows (the table is then left at that size, its columns as wide as
/// their words need in proportion, and the layout shrinks what still sticks out).
///
/// A table whose words already fit its relative widths is left as it is. Otherwise the
/// widths become thousandths of a point that add up to the text width: every column at
/// least its widest word plus padding, the rest shared in proportion to the widths the
/// table asked for.
pub fn fit_table(table: &mut Table, width_pt: u32) -> bool {
    let total = u64::from(width_pt) * 1000;
    let asked: Vec<u64> = {
        let n = table.columns();
        let mut w: Vec<u64> = table.widths.iter().map(|w| u64::from(*w)).collect();
        let avg = (w.iter().sum::<u64>() / w.len().max(1) as u64).max(1);
        w.resize(n, avg);
        w
    };
    let start = table.size_pt.max(MIN_TABLE_PT);
    for size in (MIN_TABLE_PT..=start).rev() {
        let Some(widths) = columns_at(table, &asked, size, total) else {
            continue;
        };
        if size != table.size_pt || !proportional(&widths, &asked, total) {
            table.widths = widths.iter().map(|w| *w as u32).collect();
            table.size_pt = size;
        }
        return true;
    }
    let needs = needs_at(table, MIN_TABLE_PT);
    table.widths = needs.min.iter().map(|w| *w as u32).collect();
    table.size_pt = MIN_TABLE_PT;
    false
}

/// A table of at most this many body rows is never split across pages.
pub const WHOLE_ROWS: usize = 6;

/// A table that a signature closes (the Perjanjian Kinerja's targets) of at most this
/// many body rows is kept whole with its signature: a page holds it, and a signed
/// agreement reads best on one page.
pub const SIGNED_WHOLE_ROWS: usize = 20;

/// How a table breaks across pages, decided here for both writers: a table of at most
/// [`WHOLE_ROWS`] body rows stays whole; a longer one keeps at least two body rows on
/// each side of a break, with its header rows repeated (the writers do that), and no
/// row is split (unless it alone is taller than a page).
impl Table {
    /// Whether the table is never split across pages.
    pub fn kept_whole(&self) -> bool {
        self.body.len() <= WHOLE_ROWS
    }

    /// Whether row `i` (header rows first, `rows` in all) stays on the page of the row
    /// after it: every row but the last of a whole table; of a longer one the header
    /// rows, the first body row and the last but one. A table that a signature closes
    /// (`closed`: the next block is a signature) and that is kept whole then
    /// ([`Table::kept_whole_when_signed`]) keeps its last row with it too, so the
    /// signature never stands alone on a page.
    pub fn keeps_with_next(&self, i: usize, rows: usize, closed: bool) -> bool {
        let first_body = self.header.len();
        if self.kept_whole() || (closed && self.kept_whole_when_signed()) {
            return i + 1 < rows || closed;
        }
        i + 1 < rows && (i <= first_body || i + 2 == rows)
    }

    /// Whether the table, when a signature closes it, is kept whole on the signature's
    /// page ([`SIGNED_WHOLE_ROWS`]).
    pub fn kept_whole_when_signed(&self) -> bool {
        self.body.len() <= SIGNED_WHOLE_ROWS
    }
}

/// [`fit_table`] for every table of `blocks`, nested ones too.
pub fn fit_blocks(blocks: &mut [Block], width_pt: u32) {
    for b in blocks {
        match b {
            Block::Table(t) => {
                fit_table(t, width_pt);
            }
            Block::List(l) => {
                for item in &mut l.items {
                    fit_blocks(&mut item.children, width_pt);
                }
            }
            _ => {}
        }
    }
}

/// Whether `table` fits a text block `width_pt` wide at some size ≥ [`MIN_TABLE_PT`].
pub fn fits(table: &Table, width_pt: u32) -> bool {
    let mut t = table.clone();
    fit_table(&mut t, width_pt)
}

/// What the words of a table need at one size: per column, and per spanning cell.
struct Needs {
    /// Least width of each column (its single-column cells' widest word plus padding).
    min: Vec<u64>,
    /// Cells spanning several columns: (first column, end, least width).
    spans: Vec<(usize, usize, u64)>,
}

fn needs_at(table: &Table, size: u32) -> Needs {
    let pad = 2 * cell_pad_mpt(size);
    let mut min = vec![pad; table.columns()];
    let mut spans = Vec::new();
    for row in table.grid() {
        for slot in row {
            if let super::placement::Slot::Cell { cell, col, span } = slot {
                let need = u64::from(widest_word(cell)) * u64::from(size) + pad;
                if span == 1 {
                    min[col] = min[col].max(need);
                } else {
                    spans.push((col, col + span, need));
                }
            }
        }
    }
    Needs { min, spans }
}

/// Widths at `size` (thousandths of a point, summing to `total`), or `None` when the
/// words do not fit.
fn columns_at(table: &Table, asked: &[u64], size: u32, total: u64) -> Option<Vec<u64>> {
    let Needs { mut min, spans } = needs_at(table, size);
    // a spanning cell wider than its columns widens the last of them; a few rounds
    // settle nested spans
    for _ in 0..4 {
        if min.iter().sum::<u64>() > total {
            return None;
        }
        let widths = share(asked, &min, total);
        let short: Vec<(usize, u64)> = spans
            .iter()
            .filter_map(|&(a, b, need)| {
                let have: u64 = widths[a..b].iter().sum();
                (have < need).then(|| (b - 1, need - have))
            })
            .collect();
        if short.is_empty() {
            return Some(widths);
        }
        for (col, lack) in short {
            min[col] = widths[col] + lack;
        }
    }
    None
}

/// `total` shared in proportion to `asked`, no column below its `min` (whose sum is at
/// most `total`); the last free column takes the rounding rest.
fn share(asked: &[u64], min: &[u64], total: u64) -> Vec<u64> {
    let n = asked.len();
    let mut fixed = vec![false; n];
    loop {
        let fixed_sum: u64 = (0..n).filter(|&j| fixed[j]).map(|j| min[j]).sum();
        let free: u64 = (0..n).filter(|&j| !fixed[j]).map(|j| asked[j]).sum();
        let rest = total.saturating_sub(fixed_sum);
        if free == 0 {
            // every column at its least: the room left goes in proportion to it
            let sum: u64 = min.iter().sum::<u64>().max(1);
            let mut w: Vec<u64> = min.iter().map(|m| m * total / sum).collect();
            let used: u64 = w[..n - 1].iter().sum();
            w[n - 1] = total - used;
            return w;
        }
        let mut w: Vec<u64> = (0..n)
            .map(|j| {
                if fixed[j] {
                    min[j]
                } else {
                    asked[j] * rest / free
                }
            })
            .collect();
        let newly: Vec<usize> = (0..n).filter(|&j| !fixed[j] && w[j] < min[j]).collect();
        if newly.is_empty() {
            if let Some(last) = (0..n).rev().find(|&j| !fixed[j]) {
                let used: u64 = w.iter().sum();
                w[last] += total - used;
            }
            return w;
        }
        for j in newly {
            fixed[j] = true;
        }
    }
}

/// Whether `widths` are `asked` scaled to `total` (within rounding): the table needed no
/// change.
fn proportional(widths: &[u64], asked: &[u64], total: u64) -> bool {
    let sum: u64 = asked.iter().sum::<u64>().max(1);
    widths
        .iter()
        .zip(asked)
        .all(|(w, a)| w.abs_diff(a * total / sum) <= asked.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::ir::Align;

    fn cell(spans: Vec<Inline>) -> Cell {
        Cell {
            spans,
            colspan: 1,
            rowspan: 1,
            align: Align::Left,
            bold: false,
        }
    }

    fn text(s: &str) -> Inline {
        Inline::Text {
            text: s.into(),
            bold: false,
            italic: false,
            underline: false,
        }
    }

    #[test]
    fn a_cell_is_as_wide_as_its_widest_word_at_most() {
        // "599.058.310,-": 9 digits, 2 stops, a comma, a hyphen
        let amount: u32 = 9 * 557 + 3 * 278 + 334;
        let c = cell(vec![text("Rp. 599.058.310,-"), Inline::Break, text("Rp.")]);
        assert_eq!(widest_word(&c), amount + amount.div_ceil(50) + 50);
        assert_eq!(widest_word(&cell(vec![Inline::Break])), 0);
        assert!(word_bound("é") >= 2000 && word_bound("MW") > word_bound("mw"));
    }
}
