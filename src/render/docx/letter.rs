//! The named blocks of the front matter: cover, kop surat (letterhead), the letter's
//! date / Nomor-Sifat-Lampiran-Hal block, and signature blocks.
//!
//! Pictures in section headers are not packaged by docx-rs, so the kop surat sits in the
//! body: a borderless table (emblem left, centred text lines, an empty right column that
//! keeps the text centred on the page, as in `layouts/letter.typ`) and a paragraph as
//! high as the rule's gap whose top and bottom borders are its thick and thin lines. Label/value rows and signatures are
//! borderless tables too, so they stay editable and aligned in Word.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, Table, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::doc::ir::{Align, Cover, LetterHeader, Letterhead, Signature};
use crate::render::look::{LOOK, em, mm};

use super::DocxError;
use super::blocks::{Ctx, Item, RunFmt, add_lines, add_text_runs, tight};
use super::page::{em_to_twips, mm_to_twips};
use super::styles::id;
use super::table::scale_widths;

/// Height of one line of `pt` text at single spacing (Arial: 1.15 em), in twips.
fn line_height(pt: u32) -> u32 {
    pt * 23
}

/// A borderless fixed-layout table. Cells have no left margin, so their text lines up
/// with the body text (and the kop surat's emblem fits its 25 mm column).
fn borderless(rows: Vec<TableRow>, grid: &[u32]) -> Table {
    let total: u32 = grid.iter().sum();
    Table::without_borders(rows)
        .layout(TableLayoutType::Fixed)
        .width(total as usize, WidthType::Dxa)
        .set_grid(grid.iter().map(|w| *w as usize).collect())
        .margins(TableCellMargins::new().margin(0, 85, 0, 0))
}

/// [`borderless`] with one row.
fn borderless_row(cells: Vec<TableCell>, grid: &[u32]) -> Table {
    borderless(vec![TableRow::new(cells).cant_split()], grid)
}

/// A cell of a borderless table holding paragraphs.
fn cell(width: u32, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new()
        .width(width as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    if paragraphs.is_empty() {
        c = c.add_paragraph(tight());
    }
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

impl Ctx<'_> {
    /// The cover: government, title, emblem, agency and region, year, spread over the
    /// page like the typst layout (the free height shared by the look's gap weights).
    pub fn cover(&mut self, c: &Cover, out: &mut Vec<Item>) -> Result<(), DocxError> {
        let look = LOOK.cover;
        let bold = |pt: u32| RunFmt {
            size_pt: Some(pt),
            bold: true,
            style: None,
        };
        let emblem = self.picture(&c.emblem, mm(look.emblem_um), "")?;
        let ratio = self
            .doc
            .images
            .iter()
            .find(|a| a.key == c.emblem)
            .map(|a| f64::from(a.height_px.max(1)) / f64::from(a.width_px.max(1)))
            .unwrap_or(1.0);
        let edge = mm_to_twips(mm(look.edge_um));
        let fixed = 2 * edge
            + line_height(look.government_pt)
            + line_height(look.agency_pt) * 3
            + line_height(look.title_pt) * c.title.len() as u32
            + mm_to_twips(mm(look.emblem_um) * ratio)
            + line_height(11);
        // Keep a safety margin so that Word's and LibreOffice's line heights, which differ a
        // little, never push the year onto a second page.
        let free = self.geometry.text_height().saturating_sub(fixed) * 8 / 10;
        let weights: u32 = look.gap_weights.iter().sum();
        let gap = |i: usize| free * look.gap_weights[i] / weights.max(1);
        let centred = |before: u32| {
            Paragraph::new().align(AlignmentType::Center).line_spacing(
                LineSpacing::new()
                    .before(before)
                    .after(0)
                    .line(240)
                    .line_rule(LineSpacingType::Auto),
            )
        };
        let p = add_text_runs(centred(edge), &c.government, bold(look.government_pt));
        self.push_p(out, p);
        let p = add_lines(centred(gap(0)), &c.title, bold(look.title_pt));
        self.push_p(out, p);
        let p = centred(gap(1)).add_run(emblem);
        self.push_p(out, p);
        let p = add_lines(
            centred(gap(2)),
            &[&c.agency, &c.region],
            bold(look.agency_pt),
        );
        self.push_p(out, p);
        let p = add_text_runs(centred(gap(3)), &c.year, bold(look.agency_pt));
        self.push_p(out, p);
        Ok(())
    }

    /// The kop surat: emblem, centred lines, and the double rule.
    pub fn letterhead(&mut self, l: &Letterhead, out: &mut Vec<Item>) -> Result<(), DocxError> {
        let look = LOOK.letterhead;
        let side = mm_to_twips(mm(look.side_um));
        let total = self.geometry.text_width();
        let grid = [side, total.saturating_sub(2 * side), side];
        let emblem = self.picture(&l.emblem, mm(look.emblem_um), "")?;
        let left = tight().add_run(emblem);
        let mut mid = tight().align(AlignmentType::Center);
        mid = add_text_runs(
            mid,
            &l.government,
            RunFmt {
                size_pt: Some(look.government_pt),
                bold: true,
                style: None,
            },
        );
        mid = mid.add_run(
            Run::new()
                .size(look.government_pt as usize * 2)
                .add_break(docx_rs::BreakType::TextWrapping),
        );
        mid = add_text_runs(
            mid,
            &l.agency,
            RunFmt {
                size_pt: Some(look.agency_pt),
                bold: true,
                style: None,
            },
        );
        for line in &l.lines {
            mid = mid.add_run(
                Run::new()
                    .size(look.address_pt as usize * 2)
                    .add_break(docx_rs::BreakType::TextWrapping),
            );
            mid = add_text_runs(
                mid,
                line,
                RunFmt {
                    size_pt: Some(look.address_pt),
                    ..RunFmt::default()
                },
            );
        }
        let cells = vec![
            cell(grid[0], vec![left]).vertical_align(VAlignType::Center),
            cell(grid[1], vec![mid]).vertical_align(VAlignType::Center),
            cell(grid[2], vec![]),
        ];
        self.push_t(out, borderless_row(cells, &grid), 0);
        // The rule: a paragraph as high as the gap between its two lines, the thick line
        // its top border and the thin one its bottom border.
        let eighths_to_twips = |e: u32| e * 20 / 8;
        let body_pt = self.doc.page.font_size_pt;
        let mut rule = Paragraph::new()
            .line_spacing(
                LineSpacing::new()
                    .before(look.rule_above_pt * 20)
                    .after(em_to_twips(em(look.below_em_permille), body_pt))
                    .line(eighths_to_twips(look.rule_gap_eighth_pt) as i32)
                    .line_rule(LineSpacingType::Exact),
            )
            .size(2);
        let border = |position, eighths: u32| {
            ParagraphBorder::new(position)
                .val(BorderType::Single)
                .size(eighths as usize)
                .space(0)
                .color("000000")
        };
        // Only these two edges (docx-rs's default border set draws all four sides).
        rule.property = rule.property.set_borders(
            ParagraphBorders::with_empty()
                .set(border(
                    ParagraphBorderPosition::Top,
                    look.rule_thick_eighth_pt,
                ))
                .set(border(
                    ParagraphBorderPosition::Bottom,
                    look.rule_thin_eighth_pt,
                )),
        );
        self.push_p(out, rule);
        Ok(())
    }

    /// Place and date (right), label : value rows with aligned colons, addressee.
    pub fn letter_header(&mut self, h: &LetterHeader, out: &mut Vec<Item>) {
        let p = add_text_runs(
            Paragraph::new().align(AlignmentType::Right),
            &h.place_date,
            RunFmt::default(),
        );
        self.push_p(out, p);
        if !h.fields.is_empty() {
            let size = self.doc.page.font_size_pt.max(1);
            // the label column as wide as the widest label (its bound from the fonts'
            // advances), like the PDF's auto column
            let widest = h
                .fields
                .iter()
                .map(|f| crate::doc::fit::word_bound(&f[0]))
                .max()
                .unwrap_or(0);
            let total = self.geometry.text_width();
            let look = LOOK.letter;
            let label = em_to_twips(em(widest), size).min(total / 3);
            // the colon (about 0,3 em) with the sheet's gap on each side
            let colon = em_to_twips(em(2 * look.colon_gap_em_permille + 300), size);
            let row_gap = em_to_twips(em(look.field_row_gap_em_permille), size);
            let grid = [label, colon, total.saturating_sub(label + colon)];
            let rows = h
                .fields
                .iter()
                .map(|[k, v]| {
                    let para = |text: &str| {
                        add_text_runs(
                            Paragraph::new()
                                .align(AlignmentType::Left)
                                .line_spacing(LineSpacing::new().before(0).after(row_gap)),
                            text,
                            RunFmt::default(),
                        )
                    };
                    TableRow::new(vec![
                        cell(grid[0], vec![para(k)]),
                        cell(grid[1], vec![para(":")]),
                        cell(grid[2], vec![para(v)]),
                    ])
                    .cant_split()
                })
                .collect();
            self.push_t(out, borderless(rows, &grid), 0);
        }
        if !h.addressee.is_empty() {
            let look = LOOK.letter;
            let size = self.doc.page.font_size_pt.max(1);
            let space = |permille| em_to_twips(em(permille), size);
            let p = Paragraph::new().align(AlignmentType::Left).line_spacing(
                LineSpacing::new()
                    .before(space(look.addressee_above_em_permille))
                    .after(space(look.addressee_below_em_permille)),
            );
            let p = add_lines(p, &h.addressee, RunFmt::default());
            self.push_p(out, p);
        }
    }

    /// A signature block in the right half, the left half, or centred.
    pub fn signature(&mut self, s: &Signature, out: &mut Vec<Item>) {
        let total = self.geometry.text_width();
        let (grid, slot) = match s.align {
            Align::Right => (scale_widths(&[1, 1], 2, total), 1),
            Align::Center => (scale_widths(&[1, 2, 1], 3, total), 1),
            Align::Left | Align::Justify => (scale_widths(&[1, 1], 2, total), 0),
        };
        let mut blocks: Vec<Option<&Signature>> = vec![None; grid.len()];
        blocks[slot] = Some(s);
        let size = self.doc.page.font_size_pt.max(1);
        self.push_t(out, signature_table(&blocks, &grid, size), 0);
    }

    /// Two signature blocks side by side.
    pub fn signature_pair(&mut self, left: &Signature, right: &Signature, out: &mut Vec<Item>) {
        // the look sheet's gap between them, as the PDF's column gutter
        let total = self.geometry.text_width();
        let gap = mm_to_twips(mm(LOOK.signature.column_gap_um)).min(total / 3);
        let side = (total - gap) / 2;
        let grid = [side, gap, total - gap - side];
        let size = self.doc.page.font_size_pt.max(1);
        self.push_t(
            out,
            signature_table(&[Some(left), None, Some(right)], &grid, size),
            0,
        );
    }
}

/// A borderless table of signature blocks, one per column (`None`: an empty column), in
/// `size_pt` body text.
/// Two rows: the lines above the signing space, then name, rank and NIP, so that the
/// names of blocks side by side stand on one line even when their role lines differ.
fn signature_table(blocks: &[Option<&Signature>], grid: &[u32], size_pt: u32) -> Table {
    let parts: Vec<(Vec<Paragraph>, Vec<Paragraph>)> = blocks
        .iter()
        .map(|b| b.map(|s| signature_lines(s, size_pt)).unwrap_or_default())
        .collect();
    let mut rows = Vec::new();
    if parts.iter().any(|(top, _)| !top.is_empty()) {
        let cells = parts
            .iter()
            .zip(grid)
            .map(|((top, _), w)| cell(*w, top.clone()))
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    let cells = parts
        .into_iter()
        .zip(grid)
        .map(|((_, bottom), w)| cell(*w, bottom))
        .collect();
    rows.push(TableRow::new(cells).cant_split());
    borderless(rows, grid)
}

/// The paragraphs of one signature: place and date with the role lines (first), and the
/// name after the signing space (character style `SignatureName`), rank and NIP (second).
fn signature_lines(s: &Signature, size_pt: u32) -> (Vec<Paragraph>, Vec<Paragraph>) {
    let jc = if s.align == Align::Center {
        AlignmentType::Center
    } else {
        AlignmentType::Left
    };
    let base = |before: u32| {
        Paragraph::new()
            .align(jc)
            .keep_next(true)
            .keep_lines(true)
            .line_spacing(LineSpacing::new().before(before).after(0))
    };
    let mut top = Vec::new();
    let lines: Vec<&str> = s
        .place_date
        .iter()
        .map(String::as_str)
        .chain(s.role_lines.iter().map(String::as_str))
        .collect();
    if !lines.is_empty() {
        let above = em_to_twips(em(LOOK.signature.above_em_permille), size_pt);
        top.push(add_lines(base(above), &lines, RunFmt::default()));
    }
    let name_fmt = RunFmt {
        style: Some(id::SIGNATURE_NAME),
        ..RunFmt::default()
    };
    // The signing space: for ink, or the square left blank for the QR of an electronic
    // signature (TTE) with a gap above and below, as in the PDF.
    let look = LOOK.signature;
    let space = s.electronic.as_ref().map_or(mm(look.ink_space_um), |e| {
        f64::from(e.qr_mm) + 2.0 * mm(look.qr_gap_um)
    });
    let mut bottom = vec![add_text_runs(base(mm_to_twips(space)), &s.name, name_fmt)];
    let lines: Vec<&str> = s
        .rank
        .iter()
        .chain(s.nip.iter())
        .map(String::as_str)
        .collect();
    if !lines.is_empty() {
        bottom.push(add_lines(base(0), &lines, RunFmt::default()));
    }
    // The block's lines keep together, but its last one keeps with nothing: a chain of
    // keep-with-next into what follows (a page break, the next heading) made LibreOffice
    // move the Perjanjian Kinerja's signatures off their table's page.
    if let Some(last) = bottom.pop() {
        bottom.push(last.keep_next(false));
    }
    (top, bottom)
}
