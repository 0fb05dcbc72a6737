//! List numbering: `word/numbering.xml`.
//!
//! One abstract numbering definition per IR list style (a. / a) / A. / 1. / 1) / "–"),
//! each with nine levels of the same format and growing indents. Every IR `List`
//! (nested ones too) gets its own `w:num` pointing at its style's definition, with a
//! `w:startOverride` on the level it uses: numbering restarts at each list and begins at
//! the list's `start`.
//!
//! docx-rs's numbering builder writes elements that a strict validator rejects (an `rPr`
//! inside a level's `pPr`) and always adds a default definition; this part is small and
//! fully determined by the lists, so it is written here.

use crate::doc::ir::ListStyle;
use crate::render::look::{LOOK, mm};

use super::page::mm_to_twips;

/// Indent step per nesting level, and hanging indent of the number, in twips: the look
/// sheet's list step (the PDF's number column is as wide).
fn level_indent() -> u32 {
    mm_to_twips(mm(LOOK.body.list_step_um))
}

/// Left indent of the text of a list item at `level` (0-based), in twips.
pub(crate) fn text_indent(level: usize) -> u32 {
    level_indent() * (level as u32 + 1)
}

/// All IR list styles, in the order of their abstract numbering ids (0…5).
const STYLES: [ListStyle; 6] = [
    ListStyle::LowerAlphaDot,
    ListStyle::LowerAlphaParen,
    ListStyle::UpperAlphaDot,
    ListStyle::DecimalDot,
    ListStyle::DecimalParen,
    ListStyle::Bullet,
];

fn abstract_id(style: ListStyle) -> usize {
    STYLES.iter().position(|s| *s == style).unwrap_or(0)
}

/// (numFmt, level text with `{}` for the level placeholder).
fn format_of(style: ListStyle) -> (&'static str, &'static str) {
    match style {
        ListStyle::LowerAlphaDot => ("lowerLetter", "{}."),
        ListStyle::LowerAlphaParen => ("lowerLetter", "{})"),
        ListStyle::UpperAlphaDot => ("upperLetter", "{}."),
        ListStyle::DecimalDot => ("decimal", "{}."),
        ListStyle::DecimalParen => ("decimal", "{})"),
        ListStyle::Bullet => ("bullet", "\u{2013}"),
    }
}

/// The lists of one document, in the order they were met.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    lists: Vec<(ListStyle, u32, usize)>,
}

impl Numbering {
    /// Register a list of that style starting at `start` whose items sit at `level`;
    /// returns its `w:numId` (1-based).
    pub fn add(&mut self, style: ListStyle, start: u32, level: usize) -> usize {
        self.lists.push((style, start.max(1), level.min(8)));
        self.lists.len()
    }

    /// The whole `word/numbering.xml`.
    pub fn xml(&self) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering \
xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
        );
        for style in STYLES {
            let (fmt, text) = format_of(style);
            out.push_str(&format!(
                "<w:abstractNum w:abstractNumId=\"{}\"><w:multiLevelType w:val=\"multilevel\"/>",
                abstract_id(style)
            ));
            for lvl in 0..9usize {
                let lvl_text = text.replace("{}", &format!("%{}", lvl + 1));
                out.push_str(&format!(
                    "<w:lvl w:ilvl=\"{lvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>\
<w:lvlText w:val=\"{lvl_text}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" w:hanging=\"{}\"/></w:pPr>",
                    text_indent(lvl),
                    level_indent()
                ));
                if style == ListStyle::Bullet {
                    out.push_str("<w:rPr><w:rFonts w:hint=\"default\"/></w:rPr>");
                }
                out.push_str("</w:lvl>");
            }
            out.push_str("</w:abstractNum>");
        }
        for (i, (style, start, level)) in self.lists.iter().enumerate() {
            out.push_str(&format!(
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/><w:lvlOverride w:ilvl=\"{level}\">\
<w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
                i + 1,
                abstract_id(*style)
            ));
        }
        out.push_str("</w:numbering>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_list_gets_its_own_num_with_start() {
        let mut n = Numbering::default();
        assert_eq!(n.add(ListStyle::DecimalParen, 1, 0), 1);
        assert_eq!(n.add(ListStyle::LowerAlphaDot, 3, 1), 2);
        let xml = n.xml();
        let part = super::super::xml::parse(xml.as_bytes()).expect("parses");
        let nums: Vec<_> = part.root.elements().filter(|e| e.name == "w:num").collect();
        assert_eq!(nums.len(), 2);
        assert_eq!(
            nums[1]
                .find("w:abstractNumId")
                .and_then(|a| a.get_attr("w:val")),
            Some("0")
        );
        let o = nums[1].find("w:lvlOverride").expect("override");
        assert_eq!(o.get_attr("w:ilvl"), Some("1"));
        assert_eq!(
            o.find("w:startOverride").and_then(|s| s.get_attr("w:val")),
            Some("3")
        );
        assert!(xml.contains("<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1)\"/>"));
        assert!(xml.contains("<w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2.\"/>"));
        assert!(xml.contains("<w:numFmt w:val=\"upperLetter\"/><w:lvlText w:val=\"%1.\"/>"));
        assert!(xml.contains("<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2013}\"/>"));
        // Abstract definitions come before the instances.
        assert!(
            xml.rfind("<w:abstractNum ").expect("abstract") < xml.find("<w:num ").expect("num")
        );
    }
}
