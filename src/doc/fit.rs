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

use super::ir::{Cell, Inline, Table};

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
