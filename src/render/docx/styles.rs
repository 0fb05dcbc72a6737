//! `word/styles.xml`, written directly from the IR's page setup.
//!
//! docx-rs's style builder misorders `w:pPr`/`w:rPr` inside `w:style`, has no `w:lang`
//! and writes empty containers that a strict validator rejects; styles are a small, fixed
//! set fully determined by the page setup, so this module writes the part itself, in
//! schema order.
//!
//! The set: `Normal` (body: the IR's DOCX font and size, line spacing from
//! `line_spacing_pct`), Word's built-in `Heading1`–`Heading3` (names "heading 1"…, outline
//! levels 0–2, so Word's navigation pane and TOC field see them), `Caption`, `TableGrid`
//! (thin single borders, cell margins), `TableText` and `TableNote` for table cells and
//! notes, `ListParagraph`, `TOC1`–`TOC3` (right tab with dot leader at the text width),
//! `Footer`, and the character style `SignatureName` (bold, underlined).

use crate::doc::ir::PageSetup;
use crate::render::look::{LOOK, em};

use super::page::em_to_twips;
use super::xml::escape;

/// Style ids used by the renderer.
pub(crate) mod id {
    /// Body text.
    pub const NORMAL: &str = "Normal";
    /// Headings by level (1-based index).
    pub const HEADINGS: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
    /// Table caption lines.
    pub const CAPTION: &str = "Caption";
    /// Bordered table style.
    pub const TABLE_GRID: &str = "TableGrid";
    /// Paragraphs inside table cells.
    pub const TABLE_TEXT: &str = "TableText";
    /// The note under a table.
    pub const TABLE_NOTE: &str = "TableNote";
    /// List items.
    pub const LIST: &str = "ListParagraph";
    /// TOC entries by level.
    pub const TOC: [&str; 3] = ["TOC1", "TOC2", "TOC3"];
    /// Entries of the lists of tables and charts (Word's "table of figures").
    pub const CAPTION_LIST: &str = "TableofFigures";
    /// Footer paragraph.
    pub const FOOTER: &str = "Footer";
    /// Character style of the name in a signature block.
    pub const SIGNATURE_NAME: &str = "SignatureName";
}

/// Body line spacing in 240ths of a line (`w:spacing w:line`, rule `auto`).
pub(crate) fn body_line(page: &PageSetup) -> u32 {
    240 * page.line_spacing_pct.max(50) / 100
}

/// TOC indent of a level (0-based) in twips: (left, hanging). The look sheet gives the
/// entry's indent and its number column in ems of the body text; a level-1 entry's number
/// takes what it needs (no hanging column).
pub(crate) fn toc_indent(level: usize, size_pt: u32) -> (u32, u32) {
    let toc = LOOK.toc;
    if level == 0 {
        return (0, 0);
    }
    let hanging = em_to_twips(
        em(toc.number_em_permille[level] + toc.number_gap_em_permille),
        size_pt,
    );
    (
        em_to_twips(em(toc.indent_em_permille[level]), size_pt) + hanging,
        hanging,
    )
}

struct Style {
    kind: &'static str,
    id: &'static str,
    name: &'static str,
    based_on: Option<&'static str>,
    next: Option<&'static str>,
    ui_priority: Option<u32>,
    flags: &'static [&'static str],
    ppr: String,
    rpr: String,
    tblpr: String,
}

impl Style {
    fn new(kind: &'static str, id: &'static str, name: &'static str) -> Self {
        Style {
            kind,
            id,
            name,
            based_on: None,
            next: None,
            ui_priority: None,
            flags: &[],
            ppr: String::new(),
            rpr: String::new(),
            tblpr: String::new(),
        }
    }

    fn xml(&self, default: bool) -> String {
        let mut s = format!("<w:style w:type=\"{}\"", self.kind);
        if default {
            s.push_str(" w:default=\"1\"");
        }
        s.push_str(&format!(
            " w:styleId=\"{}\"><w:name w:val=\"{}\"/>",
            self.id, self.name
        ));
        if let Some(b) = self.based_on {
            s.push_str(&format!("<w:basedOn w:val=\"{b}\"/>"));
        }
        if let Some(n) = self.next {
            s.push_str(&format!("<w:next w:val=\"{n}\"/>"));
        }
        if let Some(p) = self.ui_priority {
            s.push_str(&format!("<w:uiPriority w:val=\"{p}\"/>"));
        }
        for f in self.flags {
            s.push_str(&format!("<w:{f}/>"));
        }
        if !self.ppr.is_empty() {
            s.push_str(&format!("<w:pPr>{}</w:pPr>", self.ppr));
        }
        if !self.rpr.is_empty() {
            s.push_str(&format!("<w:rPr>{}</w:rPr>", self.rpr));
        }
        if !self.tblpr.is_empty() {
            s.push_str(&format!("<w:tblPr>{}</w:tblPr>", self.tblpr));
        }
        s.push_str("</w:style>");
        s
    }
}

fn sz(half_points: u32) -> String {
    format!("<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>")
}

fn spacing(before: u32, after: u32, line: u32, rule: &str) -> String {
    format!(
        "<w:spacing w:before=\"{before}\" w:after=\"{after}\" w:line=\"{line}\" w:lineRule=\"{rule}\"/>"
    )
}

const BOLD: &str = "<w:b/><w:bCs/>";

/// The number column of the lists of tables and charts in twips: the look sheet's
/// width and gap, as the PDF's.
pub(crate) fn caption_list_column(size_pt: u32) -> u32 {
    let toc = LOOK.toc;
    em_to_twips(
        em(toc.caption_number_em_permille + toc.number_gap_em_permille),
        size_pt,
    )
}

/// The whole `word/styles.xml`. `toc_tab` is the position of the TOC's right tab (the
/// text width of a portrait page) in twips.
pub(crate) fn styles_xml(page: &PageSetup, language: &str, toc_tab: u32) -> String {
    let font = escape(&page.font_docx);
    let lang = escape(language);
    let body_sz = page.font_size_pt.max(1) * 2;
    let line = body_line(page);
    let mut styles = Vec::new();

    let mut normal = Style::new("paragraph", id::NORMAL, "Normal");
    normal.flags = &["qFormat"];
    let after = |decipt: u32| decipt * 2;
    normal.ppr = format!(
        "<w:widowControl/>{}",
        spacing(0, after(LOOK.body.paragraph_after_decipt), line, "auto")
    );
    styles.push((normal, true));

    let mut dpf = Style::new(
        "character",
        "DefaultParagraphFont",
        "Default Paragraph Font",
    );
    dpf.ui_priority = Some(1);
    dpf.flags = &["semiHidden", "unhideWhenUsed"];
    styles.push((dpf, true));

    let mut tn = Style::new("table", "TableNormal", "Normal Table");
    tn.ui_priority = Some(99);
    tn.flags = &["semiHidden", "unhideWhenUsed"];
    tn.tblpr = "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
        .into();
    styles.push((tn, true));

    let mut nl = Style::new("numbering", "NoList", "No List");
    nl.ui_priority = Some(99);
    nl.flags = &["semiHidden", "unhideWhenUsed"];
    styles.push((nl, true));

    let heading_names = ["heading 1", "heading 2", "heading 3"];
    for (level, (style_id, name)) in id::HEADINGS.into_iter().zip(heading_names).enumerate() {
        let mut h = Style::new("paragraph", style_id, name);
        h.based_on = Some(id::NORMAL);
        h.next = Some(id::NORMAL);
        h.ui_priority = Some(9);
        h.flags = &["qFormat"];
        // Numbered level 2 and 3 headings get their hanging number column from the
        // renderer (it depends on the number's width).
        // The look sheet's spaces are in ems of the heading's own size.
        let look = LOOK.heading;
        let (above, below, jc, size) = match level {
            0 => (
                look.chapter_above_em_permille,
                look.chapter_below_em_permille,
                "center",
                body_sz + 2 * LOOK.body.chapter_heading_extra_pt,
            ),
            _ => (
                look.above_em_permille,
                look.below_em_permille,
                "left",
                body_sz,
            ),
        };
        let twips = |permille| em_to_twips(em(permille), size / 2);
        let space = spacing(twips(above), twips(below), line, "auto");
        h.ppr = format!(
            "<w:keepNext/><w:keepLines/>{space}<w:jc w:val=\"{jc}\"/><w:outlineLvl w:val=\"{level}\"/>"
        );
        h.rpr = format!("{BOLD}{}", sz(size));
        styles.push((h, false));
    }

    let mut cap = Style::new("paragraph", id::CAPTION, "caption");
    cap.based_on = Some(id::NORMAL);
    cap.next = Some(id::NORMAL);
    cap.ui_priority = Some(35);
    cap.flags = &["unhideWhenUsed", "qFormat"];
    cap.ppr = format!(
        "<w:keepNext/><w:keepLines/>{}<w:jc w:val=\"center\"/>",
        spacing(240, 120, 240, "auto")
    );
    cap.rpr = BOLD.into();
    styles.push((cap, false));

    let mut grid = Style::new("table", id::TABLE_GRID, "Table Grid");
    grid.based_on = Some("TableNormal");
    grid.ui_priority = Some(39);
    let border = |side: &str| {
        format!(
            "<w:{side} w:val=\"single\" w:sz=\"{}\" w:space=\"0\" w:color=\"000000\"/>",
            LOOK.table.rule_eighth_pt
        )
    };
    // The cells' padding at the body size; each table of the report sets its own for
    // its text size (`table::cell_margins`).
    let body_pt = page.font_size_pt.max(1);
    let pad_x = em_to_twips(em(LOOK.table.cell_pad_x_em_permille), body_pt);
    let pad_y = em_to_twips(em(LOOK.table.cell_pad_y_em_permille), body_pt);
    grid.tblpr = format!(
        "<w:tblBorders>{}{}{}{}{}{}</w:tblBorders><w:tblCellMar><w:top w:w=\"{pad_y}\" w:type=\"dxa\"/>\
<w:left w:w=\"{pad_x}\" w:type=\"dxa\"/><w:bottom w:w=\"{pad_y}\" w:type=\"dxa\"/><w:right w:w=\"{pad_x}\" w:type=\"dxa\"/></w:tblCellMar>",
        border("top"),
        border("left"),
        border("bottom"),
        border("right"),
        border("insideH"),
        border("insideV")
    );
    styles.push((grid, false));

    let mut tt = Style::new("paragraph", id::TABLE_TEXT, "Table Text");
    tt.based_on = Some(id::NORMAL);
    tt.flags = &["qFormat"];
    tt.ppr = format!("{}<w:jc w:val=\"left\"/>", spacing(0, 0, 240, "auto"));
    styles.push((tt, false));

    let mut note = Style::new("paragraph", id::TABLE_NOTE, "Table Note");
    note.based_on = Some(id::NORMAL);
    note.next = Some(id::NORMAL);
    note.ppr = spacing(80, 160, 240, "auto");
    note.rpr = "<w:i/><w:iCs/>".into();
    styles.push((note, false));

    let mut lp = Style::new("paragraph", id::LIST, "List Paragraph");
    lp.based_on = Some(id::NORMAL);
    lp.ui_priority = Some(34);
    lp.flags = &["qFormat"];
    lp.ppr = spacing(0, after(LOOK.body.list_item_after_decipt), line, "auto");
    styles.push((lp, false));

    let toc_names = ["toc 1", "toc 2", "toc 3"];
    for (level, (style_id, name)) in id::TOC.into_iter().zip(toc_names).enumerate() {
        // No right indent: LibreOffice drops the page number of an entry whose right tab
        // lies beyond the paragraph's right indent.
        let mut t = Style::new("paragraph", style_id, name);
        t.based_on = Some(id::NORMAL);
        t.next = Some(id::NORMAL);
        t.ui_priority = Some(39);
        t.flags = &["unhideWhenUsed"];
        let (left, hanging) = toc_indent(level, page.font_size_pt.max(1));
        let before = if level == 0 { 180 } else { 40 };
        t.ppr = format!(
            "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{toc_tab}\"/></w:tabs>{}\
<w:ind w:left=\"{left}\" w:hanging=\"{hanging}\"/><w:jc w:val=\"left\"/>",
            spacing(before, 40, 240, "auto")
        );
        if level == 0 {
            t.rpr = BOLD.into();
        }
        styles.push((t, false));
    }

    // The lists of tables and charts: the number in a hanging column as wide as the look
    // sheet's, the title after it, the page at the dot-leader tab of the TOC.
    let mut figures = Style::new("paragraph", id::CAPTION_LIST, "table of figures");
    figures.based_on = Some(id::NORMAL);
    figures.next = Some(id::NORMAL);
    figures.ui_priority = Some(99);
    figures.flags = &["unhideWhenUsed"];
    let column = caption_list_column(page.font_size_pt.max(1));
    figures.ppr = format!(
        "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{toc_tab}\"/></w:tabs>{}\
<w:ind w:left=\"{column}\" w:hanging=\"{column}\"/><w:jc w:val=\"left\"/>",
        spacing(40, 40, 240, "auto")
    );
    styles.push((figures, false));

    let mut footer = Style::new("paragraph", id::FOOTER, "footer");
    footer.based_on = Some(id::NORMAL);
    footer.ui_priority = Some(99);
    footer.flags = &["unhideWhenUsed"];
    footer.ppr = format!("{}<w:jc w:val=\"center\"/>", spacing(0, 0, 240, "auto"));
    styles.push((footer, false));

    let mut sig = Style::new("character", id::SIGNATURE_NAME, "Signature Name");
    sig.based_on = Some("DefaultParagraphFont");
    sig.flags = &["qFormat"];
    sig.rpr = format!("{BOLD}<w:u w:val=\"single\"/>");
    styles.push((sig, false));

    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles \
xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    out.push_str(&format!(
        "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{font}\" w:eastAsia=\"{font}\" w:hAnsi=\"{font}\" \
w:cs=\"{font}\"/>{}<w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr>{}</w:pPr></w:pPrDefault></w:docDefaults>",
        sz(body_sz),
        spacing(0, 0, line, "auto")
    ));
    for (s, default) in &styles {
        out.push_str(&s.xml(*default));
    }
    out.push_str("</w:styles>");
    out
}

#[cfg(test)]
mod tests {

    /// The TOC's indents come from the look sheet's ems, as the PDF's: left = indent +
    /// number column + gap, hanging = number column + gap (at 11 pt: 13,2 + 28,6 + 5,5 pt
    /// = 946 twips for level 2); they grow with the body size.
    #[test]
    fn toc_indents_follow_the_look_sheet() {
        assert_eq!(toc_indent(0, 11), (0, 0));
        assert_eq!(toc_indent(1, 11), (946, 682));
        assert_eq!(toc_indent(2, 11), (1694, 858));
        assert_eq!(toc_indent(1, 12), (1032, 744));
    }

    use super::*;

    fn setup() -> PageSetup {
        PageSetup::a4()
    }

    #[test]
    fn styles_parse_and_carry_the_setup() {
        let xml = styles_xml(&setup(), "id-ID", 9071);
        let part = super::super::xml::parse(xml.as_bytes()).expect("styles parse");
        let defaults = part.root.find("w:docDefaults").expect("docDefaults");
        let rpr = defaults
            .find("w:rPrDefault")
            .and_then(|r| r.find("w:rPr"))
            .expect("rPr");
        assert_eq!(
            rpr.find("w:lang").and_then(|l| l.get_attr("w:val")),
            Some("id-ID")
        );
        assert_eq!(
            rpr.find("w:rFonts").and_then(|l| l.get_attr("w:ascii")),
            Some("Arial")
        );
        assert_eq!(
            rpr.find("w:sz").and_then(|l| l.get_attr("w:val")),
            Some("22")
        );
        assert!(xml.contains("w:line=\"276\" w:lineRule=\"auto\""));
        for (i, id) in id::HEADINGS.iter().enumerate() {
            let s = part
                .root
                .elements()
                .find(|s| s.get_attr("w:styleId") == Some(id))
                .expect("heading style");
            assert_eq!(
                s.find("w:name").and_then(|n| n.get_attr("w:val")),
                Some(format!("heading {}", i + 1).as_str())
            );
            let lvl = s
                .find("w:pPr")
                .and_then(|p| p.find("w:outlineLvl"))
                .and_then(|o| o.get_attr("w:val"));
            assert_eq!(lvl, Some(i.to_string().as_str()));
        }
        for id in id::TOC {
            let s = part
                .root
                .elements()
                .find(|s| s.get_attr("w:styleId") == Some(id))
                .expect("toc style");
            let tab = s
                .find("w:pPr")
                .and_then(|p| p.find("w:tabs"))
                .and_then(|t| t.find("w:tab"))
                .expect("tab");
            assert_eq!(tab.get_attr("w:leader"), Some("dot"));
            assert_eq!(tab.get_attr("w:pos"), Some("9071"));
        }
        let sig = part
            .root
            .elements()
            .find(|s| s.get_attr("w:styleId") == Some(id::SIGNATURE_NAME))
            .expect("sig");
        assert_eq!(sig.get_attr("w:type"), Some("character"));
        assert!(sig.find("w:rPr").and_then(|r| r.find("w:u")).is_some());
    }
}
