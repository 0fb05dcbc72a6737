//! Page geometry and section properties.
//!
//! Units: Word measures pages in twips (1/20 pt, 1440 per inch), drawings in EMU
//! (914400 per inch). The IR gives millimetres for a portrait page; a landscape page is
//! the portrait sheet turned clockwise, so its binding edge (portrait left) is at the top
//! (the same rule as `layouts/report.typ`).
//!
//! Every IR section becomes one Word section whose complete `w:sectPr` is built here and
//! put in place by the fix-up pass. Footers are reused: there are exactly two footer
//! parts, an empty one (sections without a page number) and one with a centred `PAGE`
//! field; the number format (roman or arabic) and the restart live in the section's
//! `w:pgNumType`, so one footer serves both.

use crate::doc::ir::{Margins, Orientation, PageNumbering, PageSetup, Section};

use super::xml::Element;
use crate::render::look::{LOOK, mm};

/// Twips per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// Millimetres to twips, rounded.
pub(crate) fn mm_to_twips(mm: f64) -> u32 {
    (mm * TWIPS_PER_MM).round().max(0.0) as u32
}

/// A length in ems of `size_pt` text to twips, rounded.
pub(crate) fn em_to_twips(em: f64, size_pt: u32) -> u32 {
    (em * f64::from(size_pt) * 20.0).round().max(0.0) as u32
}

/// Millimetres to EMU.
pub(crate) fn mm_to_emu(mm: f64) -> u32 {
    (mm * 36_000.0).round().max(0.0) as u32
}

/// Relationship id of the footer with the page number (docx-rs names footers by count).
pub(crate) const FOOTER_PAGE_RID: &str = "rIdFooter1";
/// Relationship id of the empty footer.
pub(crate) const FOOTER_BLANK_RID: &str = "rIdFooter2";

/// Distance of the footer (and of the unused header) from the page edge, in twips: the
/// look sheet's.
fn footer_distance() -> u32 {
    mm_to_twips(mm(LOOK.footer.from_edge_um))
}

/// The geometry of one section.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Geometry {
    /// Page width in twips (as printed: wide for landscape).
    pub width: u32,
    /// Page height in twips.
    pub height: u32,
    /// Landscape.
    pub landscape: bool,
    /// Margins in twips (top, right, bottom, left), already rotated for landscape.
    pub margins: [u32; 4],
}

impl Geometry {
    /// The geometry of a section of that orientation.
    pub fn new(page: &PageSetup, orientation: Orientation) -> Self {
        let Margins {
            top,
            bottom,
            left,
            right,
        } = page.margin.on(orientation);
        let tw = |mm: u32| mm_to_twips(f64::from(mm));
        let (w, h) = page.size_mm(orientation);
        Geometry {
            width: tw(w),
            height: tw(h),
            landscape: orientation == Orientation::Landscape,
            margins: [tw(top), tw(right), tw(bottom), tw(left)],
        }
    }

    /// Width of the text block in twips.
    pub fn text_width(&self) -> u32 {
        self.width.saturating_sub(self.margins[1] + self.margins[3])
    }

    /// Height of the text block in twips.
    pub fn text_height(&self) -> u32 {
        self.height
            .saturating_sub(self.margins[0] + self.margins[2])
    }
}

/// The complete `w:sectPr` of an IR section.
pub(crate) fn sect_pr(page: &PageSetup, section: &Section) -> Element {
    let g = Geometry::new(page, section.orientation);
    let footer = match section.numbering {
        PageNumbering::None => FOOTER_BLANK_RID,
        PageNumbering::LowerRoman | PageNumbering::Arabic => FOOTER_PAGE_RID,
    };
    let mut pg_sz = Element::new("w:pgSz")
        .attr("w:w", &g.width.to_string())
        .attr("w:h", &g.height.to_string());
    if g.landscape {
        pg_sz = pg_sz.attr("w:orient", "landscape");
    }
    let [top, right, bottom, left] = g.margins;
    let pg_mar = Element::new("w:pgMar")
        .attr("w:top", &top.to_string())
        .attr("w:right", &right.to_string())
        .attr("w:bottom", &bottom.to_string())
        .attr("w:left", &left.to_string())
        .attr("w:header", &footer_distance().to_string())
        .attr("w:footer", &footer_distance().to_string())
        .attr("w:gutter", "0");
    let mut e = Element::new("w:sectPr")
        .child(
            Element::new("w:footerReference")
                .attr("w:type", "default")
                .attr("r:id", footer),
        )
        .child(pg_sz)
        .child(pg_mar);
    let fmt = match section.numbering {
        PageNumbering::None => None,
        PageNumbering::LowerRoman => Some("lowerRoman"),
        PageNumbering::Arabic => Some("decimal"),
    };
    if fmt.is_some() || section.restart {
        let mut n = Element::new("w:pgNumType");
        if let Some(f) = fmt {
            n = n.attr("w:fmt", f);
        }
        if section.restart {
            n = n.attr("w:start", "1");
        }
        e = e.child(n);
    }
    e.child(Element::new("w:cols").attr("w:space", "708"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> PageSetup {
        PageSetup::a4()
    }

    #[test]
    fn a4_portrait_and_landscape() {
        let p = Geometry::new(&setup(), Orientation::Portrait);
        assert_eq!((p.width, p.height), (11906, 16838));
        assert_eq!(p.margins, [1417, 1134, 1417, 1701]);
        assert_eq!(p.text_width(), 11906 - 1134 - 1701);
        let l = Geometry::new(&setup(), Orientation::Landscape);
        assert_eq!((l.width, l.height), (16838, 11906));
        // The binding edge (portrait left, 30 mm) is at the top.
        assert_eq!(l.margins, [1701, 1417, 1134, 1417]);
    }

    #[test]
    fn sect_pr_formats() {
        let mut s = Section {
            name: "front".into(),
            orientation: Orientation::Landscape,
            numbering: PageNumbering::LowerRoman,
            restart: true,
            blocks: vec![],
        };
        let e = sect_pr(&setup(), &s);
        let n = e.find("w:pgNumType").expect("pgNumType");
        assert_eq!(n.get_attr("w:fmt"), Some("lowerRoman"));
        assert_eq!(n.get_attr("w:start"), Some("1"));
        assert_eq!(
            e.find("w:pgSz").and_then(|p| p.get_attr("w:orient")),
            Some("landscape")
        );
        assert_eq!(
            e.find("w:footerReference").and_then(|f| f.get_attr("r:id")),
            Some(FOOTER_PAGE_RID)
        );
        s.numbering = PageNumbering::None;
        s.restart = false;
        let e = sect_pr(&setup(), &s);
        assert!(e.find("w:pgNumType").is_none());
        assert_eq!(
            e.find("w:footerReference").and_then(|f| f.get_attr("r:id")),
            Some(FOOTER_BLANK_RID)
        );
    }
}
