//! The look sheet: the measures of the report's page furniture that both writers draw
//! (first-line indent, paragraph and list spacing, the list step, heading spaces, cover,
//! kop surat and its rule, the letter's rows, signature space, table rules and notes,
//! table of contents, footer notice), written once. The page's
//! margins are the IR's (`PageSetup`), turned for a landscape page in one place
//! (`Margins::on`).
//!
//! The PDF layouts read it as `/look.json` (served by the typst world, written by
//! `--emit-typst`; see `layouts/report.typ`); the DOCX writer reads [`LOOK`] and converts
//! to Word's units (`docx::page::mm_to_twips`, half-points, eighths of a point). What the
//! IR decides per document (paper, margins, body font and size, line spacing, table
//! widths and sizes) is not here: it is data of the document, not of the look.
//!
//! Units are in the field names: `_um` micrometres, `_pt` points, `_em_permille`
//! thousandths of the body font size. Every measure is an integer: typst decodes JSON
//! with serde_json, whose `arbitrary_precision` feature this build enables (for
//! `rust_decimal`), and then reads a fractional number as a dictionary, not a float.

use serde::Serialize;

/// Every shared measure, grouped by the part of the report it shapes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Look {
    /// Body text.
    pub body: Body,
    /// Headings.
    pub heading: HeadingLook,
    /// The cover page.
    pub cover: CoverLook,
    /// The kop surat of the cover letter.
    pub letterhead: LetterheadLook,
    /// The cover letter's date, field rows and addressee.
    pub letter: LetterLook,
    /// Signature blocks.
    pub signature: SignatureLook,
    /// Tables.
    pub table: TableLook,
    /// The table of contents.
    pub toc: TocLook,
    /// The page footer.
    pub footer: FooterLook,
    /// The notice of an electronically signed report in every page's footer.
    pub footer_notice: FooterNoticeLook,
}

/// The page footer (page number, and the TTE notice under it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FooterLook {
    /// Distance from the paper's bottom edge to the footer's last line (Word's footer
    /// distance; the PDF aligns the footer's bottom there).
    pub from_edge_um: u32,
}

/// Body text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Body {
    /// First-line indent of body paragraphs (1,27 cm, Word's default tab).
    pub first_line_indent_um: u32,
    /// A chapter heading (level 1) is this much larger than the body text.
    pub chapter_heading_extra_pt: u32,
    /// Space after a body paragraph, in tenths of a point (Word's "after"; in typst the
    /// paragraph spacing beyond the leading).
    pub paragraph_after_decipt: u32,
    /// Space after a list item, in tenths of a point.
    pub list_item_after_decipt: u32,
    /// A list's step: the number column of an item (number and gap, the number left
    /// aligned in it) and the indent of each nesting level.
    pub list_step_um: u32,
}

/// Headings: the space around them in ems of their own size (a chapter heading is
/// [`Body::chapter_heading_extra_pt`] larger than the body), and the gap after a number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeadingLook {
    /// Space above a chapter heading (level 1).
    pub chapter_above_em_permille: u32,
    /// Space below a chapter heading.
    pub chapter_below_em_permille: u32,
    /// Space above a level 2 or 3 heading.
    pub above_em_permille: u32,
    /// Space below a level 2 or 3 heading.
    pub below_em_permille: u32,
    /// Gap between the number and the title of a level 2 and of a level 3 heading.
    pub number_gap_em_permille: [u32; 2],
}

/// The cover: government line, title, emblem, agency and region, year, from top to
/// bottom; the free height is shared by the four gaps between them in proportion to
/// `gap_weights`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CoverLook {
    /// Space above the government line and below the year.
    pub edge_um: u32,
    /// Government line ("PEMERINTAH KABUPATEN …").
    pub government_pt: u32,
    /// The title lines.
    pub title_pt: u32,
    /// Width of the emblem.
    pub emblem_um: u32,
    /// Agency and region lines, and the year.
    pub agency_pt: u32,
    /// Shares of the free height: above the title, above the emblem, above the agency,
    /// above the year.
    pub gap_weights: [u32; 4],
}

/// The kop surat: emblem in a left column, centred lines, an empty right column of the
/// same width (so the lines are centred on the page), then a rule of a thick line over a
/// thin one (the PDF strokes two lines; the DOCX gives a paragraph as high as the gap a
/// top and a bottom border).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LetterheadLook {
    /// Width of the emblem column (and of the empty right column).
    pub side_um: u32,
    /// Width of the emblem.
    pub emblem_um: u32,
    /// Government line.
    pub government_pt: u32,
    /// Agency line.
    pub agency_pt: u32,
    /// Address, telephone and web lines.
    pub address_pt: u32,
    /// Space between the lines and the rule.
    pub rule_above_pt: u32,
    /// The rule's thick upper line, in eighths of a point (Word's unit for borders).
    pub rule_thick_eighth_pt: u32,
    /// The white between the thick and the thin line.
    pub rule_gap_eighth_pt: u32,
    /// The rule's thin lower line.
    pub rule_thin_eighth_pt: u32,
    /// Space between the rule and what follows.
    pub below_em_permille: u32,
}

/// The cover letter below the kop: the place and date, the field rows "Nomor : …"
/// (label, colon, value), the addressee lines.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LetterLook {
    /// Space below the place and date.
    pub date_below_em_permille: u32,
    /// Space between two field rows beyond a body line's own pitch.
    pub field_row_gap_em_permille: u32,
    /// Gap on each side of a field row's colon.
    pub colon_gap_em_permille: u32,
    /// Space above the addressee lines.
    pub addressee_above_em_permille: u32,
    /// Space below them.
    pub addressee_below_em_permille: u32,
}

/// Signature blocks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SignatureLook {
    /// Space above a signature block.
    pub above_em_permille: u32,
    /// Space for an ink signature between the role lines and the name.
    pub ink_space_um: u32,
    /// Gap between two signatures side by side (the Perjanjian Kinerja's).
    pub column_gap_um: u32,
    /// Space above and below the QR square of an electronic signature.
    pub qr_gap_um: u32,
}

/// Tables (their font size is the IR's, per table).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TableLook {
    /// Width of the cell borders, in eighths of a point (Word's unit for borders).
    pub rule_eighth_pt: u32,
    /// The note under a table ("Sumber: …") is this much smaller than the table's text.
    pub note_smaller_pt: u32,
    /// Space between a cell's text and its left and right borders, in ems of the
    /// table's text.
    pub cell_pad_x_em_permille: u32,
    /// Space between a cell's text and its top and bottom borders.
    pub cell_pad_y_em_permille: u32,
}

/// The table of contents, per heading level (index 0 = level 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TocLook {
    /// Indent of the entry.
    pub indent_em_permille: [u32; 3],
    /// Width of the number column (level 1 takes what its number needs).
    pub number_em_permille: [u32; 3],
    /// Gap between the number and the title.
    pub number_gap_em_permille: u32,
    /// Width of the number column of the lists of tables and charts ("Grafik 3.12").
    pub caption_number_em_permille: u32,
}

/// The notice of an electronically signed report under the page number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FooterNoticeLook {
    /// Size of the notice.
    pub size_pt: u32,
    /// How far the notice reaches into each side margin, so each line fits one line.
    pub overhang_um: u32,
}

/// The look of every report.
pub const LOOK: Look = Look {
    body: Body {
        first_line_indent_um: 12_700,
        chapter_heading_extra_pt: 2,
        paragraph_after_decipt: 60,
        list_item_after_decipt: 30,
        list_step_um: 7_000,
    },
    heading: HeadingLook {
        chapter_above_em_permille: 500,
        chapter_below_em_permille: 1_600,
        above_em_permille: 1_200,
        below_em_permille: 800,
        number_gap_em_permille: [600, 500],
    },
    cover: CoverLook {
        edge_um: 8_000,
        government_pt: 16,
        title_pt: 22,
        emblem_um: 55_000,
        agency_pt: 16,
        gap_weights: [2, 2, 2, 1],
    },
    letterhead: LetterheadLook {
        side_um: 25_000,
        emblem_um: 22_000,
        government_pt: 14,
        agency_pt: 18,
        address_pt: 10,
        rule_above_pt: 3,
        rule_thick_eighth_pt: 16,
        rule_gap_eighth_pt: 10,
        rule_thin_eighth_pt: 4,
        below_em_permille: 1_200,
    },
    letter: LetterLook {
        date_below_em_permille: 600,
        field_row_gap_em_permille: 300,
        colon_gap_em_permille: 500,
        addressee_above_em_permille: 1_000,
        addressee_below_em_permille: 1_500,
    },
    signature: SignatureLook {
        above_em_permille: 1_500,
        ink_space_um: 20_000,
        column_gap_um: 10_000,
        qr_gap_um: 3_000,
    },
    table: TableLook {
        rule_eighth_pt: 4,
        note_smaller_pt: 1,
        cell_pad_x_em_permille: 400,
        cell_pad_y_em_permille: 350,
    },
    toc: TocLook {
        indent_em_permille: [0, 1_200, 3_800],
        number_em_permille: [0, 2_600, 3_400],
        number_gap_em_permille: 500,
        caption_number_em_permille: 5_200,
    },
    footer: FooterLook {
        from_edge_um: 12_500,
    },
    footer_notice: FooterNoticeLook {
        size_pt: 7,
        overhang_um: 15_000,
    },
};

/// Micrometres to millimetres, for the DOCX writer's unit conversions.
pub fn mm(um: u32) -> f64 {
    f64::from(um) / 1000.0
}

/// Thousandths of an em to ems.
pub fn em(permille: u32) -> f64 {
    f64::from(permille) / 1000.0
}

/// [`LOOK`] as the JSON the typst layouts read (`/look.json`).
pub fn look_json() -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&LOOK).expect("the look sheet serialises");
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of every layout that draws the report.
    fn layouts() -> String {
        [
            include_str!("../../layouts/report.typ"),
            include_str!("../../layouts/blocks.typ"),
            include_str!("../../layouts/letter.typ"),
            include_str!("../../layouts/toc.typ"),
        ]
        .concat()
    }

    /// The layouts write none of the sheet's measures as a literal of their own.
    #[test]
    fn layouts_hold_no_measure_of_the_sheet() {
        let layouts = layouts();
        for literal in [
            "1.27cm",
            "12.7mm",
            "8mm",
            "55mm",
            "22mm",
            "25mm",
            "20mm",
            "3mm",
            "10mm",
            "15mm",
            "16pt",
            "22pt",
            "14pt",
            "18pt",
            "10pt",
            "7pt",
            "2.6em",
            "3.4em",
            "3.8em",
            "size - 1pt",
            "0.4 * size",
            "0.35 * size",
            "2.5pt",
            "stroke: 2pt",
            "stroke: 0.5pt",
            "v(3pt)",
            "1.2em",
            "0.8em",
            "1.6em",
            "top: m.left",
            "v(0.6em)",
            "row-gutter: 0.6em",
            "number-align: center + bottom",
            "v(1em)",
            "above: 1.5em",
            "below: 1.5em",
            "leading + 0.6em",
            "leading + 0.3em",
            "body-indent: 0.6em",
        ] {
            assert!(
                !layouts.contains(literal),
                "a layout writes {literal} itself"
            );
        }
    }

    /// The DOCX writer's modules, tests left out (they may name any number).
    fn docx_modules() -> String {
        [
            include_str!("docx/mod.rs"),
            include_str!("docx/blocks.rs"),
            include_str!("docx/numbering.rs"),
            include_str!("docx/letter.rs"),
            include_str!("docx/page.rs"),
            include_str!("docx/styles.rs"),
            include_str!("docx/table.rs"),
            include_str!("docx/toc.rs"),
        ]
        .map(|m| m.split("#[cfg(test)]").next().unwrap_or(m))
        .concat()
    }

    /// The DOCX writer writes none of the sheet's measures in Word's units of its own,
    /// nor turns the margins of a landscape page itself (`Margins::on` does).
    #[test]
    fn docx_modules_hold_no_measure_of_the_sheet() {
        let modules = docx_modules();
        for literal in [
            // 12,7 mm; 55, 25, 22, 15, 3 mm
            "720",
            "55.0",
            "25.0",
            "22.0",
            "15.0",
            "3.0)",
            // 7, 10, 14, 16, 18, 22 pt in half-points
            "size(14)",
            "size(20)",
            "size(28)",
            "size(32)",
            "size(36)",
            "size(44)",
            // the kop surat's rule, the headings' spaces and number gaps, the TOC
            "ThickThinSmallGap",
            "size(24)",
            "spacing(0, 360",
            "spacing(240, 160",
            "spacing(200, 160",
            "{ 0.6 }",
            "0.5 }",
            "2.6",
            "3.4",
            "3.8",
            // the landscape turn
            "tw(left), tw(top)",
            "Orientation::Landscape =>",
            // the footer's distance from the edge
            "709",
            // the letter's rows, colon, addressee; the space above a signature
            "after(60)",
            "let colon = 340",
            "before(240).after(360)",
            "base(240)",
            // body and list spacing, the list step
            "spacing(0, 120",
            "spacing(0, 60",
            "397",
            // the cells' padding
            "w:w=\"85\"",
            "w:w=\"57\"",
        ] {
            assert!(
                !modules.contains(literal),
                "a DOCX module writes {literal} itself"
            );
        }
    }

    /// Every measure the layouts read is in the JSON under the name they use.
    #[test]
    fn json_names_the_layouts_read() {
        let v: serde_json::Value = serde_json::from_slice(&look_json()).unwrap();
        assert_eq!(v["body"]["first_line_indent_um"], 12_700);
        assert_eq!(v["cover"]["emblem_um"], 55_000);
        assert_eq!(v["cover"]["gap_weights"][3], 1);
        assert_eq!(v["toc"]["number_em_permille"][2], 3_400);
        let layouts = layouts();
        for (group, fields) in v.as_object().unwrap() {
            for field in fields.as_object().unwrap().keys() {
                assert!(
                    layouts.contains(&format!(".{field}")),
                    "look.{group}.{field} is read by no layout"
                );
                assert!(
                    !fields[field].to_string().contains('.'),
                    "look.{group}.{field} is not an integer"
                );
            }
        }
    }
}
