//! The XML fix-up pass over the parts that docx-rs 0.4.22 writes.
//!
//! docx-rs is a convenient way to produce paragraphs, runs, tables, pictures and
//! hyperlinks, but its output has gaps (see ARCHITECTURE.md): children of `w:pPr`,
//! `w:rPr`, `w:tcPr`, `w:tblPr` … are not in schema order, `AlignmentType::Justified`
//! writes `justified` (the schema wants `both`), every picture gets `docPr id="1"`,
//! paragraph ids come from a process-wide counter (two renders differ), there is no
//! repeating header row (`w:tblHeader`) and no page-number format. This module parses a
//! part into the tiny element tree of [`super::xml`], applies one small function per gap,
//! and writes it back. It only reorders, renames and fills in what docx-rs wrote: what
//! the document says is decided by the writer, never here.
//!
//! Every fix is a plain function over [`Element`] with its own unit test; [`fix_document`]
//! runs those that `word/document.xml` needs, in order.

use super::xml::{Element, Node, parse, serialize};

// ---------------------------------------------------------------------------------------
// Schema order.

/// `w:pPr` (CT_PPr) child order.
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// `w:rPr` (CT_RPr and CT_ParaRPr) child order.
const RPR: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];

/// `w:tblPr` child order.
const TBLPR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
];

/// `w:tcPr` child order.
const TCPR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
];

/// `w:sectPr` child order.
const SECTPR: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

/// Border containers (`w:tblBorders`, `w:tcBorders`, `w:pBdr`, `w:tblCellMar`, `w:tcMar`).
const BORDERS: &[&str] = &[
    "w:top",
    "w:left",
    "w:start",
    "w:bottom",
    "w:right",
    "w:end",
    "w:insideH",
    "w:insideV",
    "w:tl2br",
    "w:tr2bl",
    "w:between",
    "w:bar",
];

/// `w:tbl` child order.
const TBL: &[&str] = &["w:tblPr", "w:tblGrid"];

/// `w:numPr` child order.
const NUMPR: &[&str] = &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"];

/// The child order of an element, when it has a fixed one.
fn order_of(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "w:pPr" => PPR,
        "w:rPr" => RPR,
        "w:tblPr" => TBLPR,
        "w:tcPr" => TCPR,
        "w:sectPr" => SECTPR,
        "w:tblBorders" | "w:tcBorders" | "w:pBdr" | "w:tblCellMar" | "w:tcMar" => BORDERS,
        "w:tbl" => TBL,
        "w:numPr" => NUMPR,
        _ => return None,
    })
}

/// Sort the children of every element with a fixed child order into that order (stable;
/// children of unknown names and non-element nodes keep their place after the known ones,
/// except in `w:tbl` where rows stay after the grid).
pub(crate) fn reorder_children(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if let Some(order) = order_of(&e.name) {
            let rank = |n: &Node| match n {
                Node::Element(c) => order
                    .iter()
                    .position(|x| *x == c.name)
                    .unwrap_or(order.len()),
                _ => order.len(),
            };
            if e.children.windows(2).any(|w| rank(&w[0]) > rank(&w[1])) {
                e.children.sort_by_key(rank);
            }
        }
    });
}

/// `w:jc w:val="justified"` (written by docx-rs for `AlignmentType::Justified`) is not a
/// schema value: Word's name for justified text is `both`.
pub(crate) fn fix_justification(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if e.name == "w:jc" && e.get_attr("w:val") == Some("justified") {
            e.set_attr("w:val", "both");
        }
    });
}

/// docx-rs writes `w:gridCol w:w=".." w:type="dxa"`; `w:gridCol` has no `w:type` (its
/// width is always in twips).
pub(crate) fn fix_grid_cols(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if e.name == "w:gridCol" {
            e.remove_attr("w:type");
        }
    });
}

/// Remove the optional `w14:paraId` / `w14:textId` attributes: docx-rs takes them from a
/// thread-wide counter, so a second render in one process would differ.
pub(crate) fn strip_para_ids(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if e.name == "w:p" {
            e.remove_attr("w14:paraId");
            e.remove_attr("w14:textId");
        }
    });
}

/// Number drawing objects (`wp:docPr`) 1, 2, 3… in document order (docx-rs writes 1 for all,
/// and ids must be unique).
pub(crate) fn renumber_doc_pr(root: &mut Element) {
    let mut n = 0u32;
    root.walk_mut(&mut |e| {
        if e.name == "wp:docPr" || e.name == "pic:cNvPr" {
            if e.name == "wp:docPr" {
                n += 1;
            }
            e.set_attr("id", &n.max(1).to_string());
        }
    });
}

/// Give the i-th picture (`wp:docPr`, document order) the alternative text
/// `alt_texts[i]` (`descr`); docx-rs has no API for it. Empty texts are left out.
pub(crate) fn set_alt_texts(root: &mut Element, alt_texts: &[String]) {
    let mut i = 0usize;
    root.walk_mut(&mut |e| {
        if e.name == "wp:docPr" {
            if let Some(a) = alt_texts.get(i).filter(|a| !a.is_empty()) {
                e.set_attr("descr", a);
            }
            i += 1;
        }
    });
}

/// Remove empty `w:rPr` / `w:pPr` containers (docx-rs writes many; they are legal but
/// add noise, and an empty `w:rPr` inside a numbering level's `w:pPr` is not).
pub(crate) fn remove_empty_props(root: &mut Element) {
    fn go(e: &mut Element) {
        for c in e.elements_mut() {
            go(c);
        }
        e.children.retain(|n| !matches!(n, Node::Element(c) if (c.name == "w:rPr" || c.name == "w:pPr") && c.children.is_empty() && c.attrs.is_empty()));
    }
    go(root);
}

/// Top-level tables of the body in document order (tables nested in cells are skipped).
fn top_tables_mut(body: &mut Element) -> Vec<&mut Element> {
    let mut out = Vec::new();
    fn go<'a>(e: &'a mut Element, out: &mut Vec<&'a mut Element>) {
        for c in e.elements_mut() {
            if c.name == "w:tbl" {
                out.push(c);
            } else if c.name != "w:tc" {
                go(c, out);
            }
        }
    }
    go(body, &mut out);
    out
}

/// Mark the first `header_rows[i]` rows of the i-th top-level table as header rows
/// (`w:tblHeader`: repeated on every page). docx-rs has no API for it.
pub(crate) fn mark_header_rows(root: &mut Element, header_rows: &[usize]) -> Result<(), String> {
    let tables = top_tables_mut(root);
    if tables.len() != header_rows.len() {
        return Err(format!(
            "expected {} tables in document.xml, found {}",
            header_rows.len(),
            tables.len()
        ));
    }
    for (t, &n) in tables.into_iter().zip(header_rows) {
        for tr in t.elements_mut().filter(|e| e.name == "w:tr").take(n) {
            let tr_pr = match tr
                .children
                .iter()
                .position(|c| matches!(c, Node::Element(e) if e.name == "w:trPr"))
            {
                Some(i) => i,
                None => {
                    let at = tr
                        .children
                        .iter()
                        .position(|c| matches!(c, Node::Element(e) if e.name == "w:tc"));
                    let at = at.unwrap_or(tr.children.len());
                    tr.children
                        .insert(at, Node::Element(Element::new("w:trPr")));
                    at
                }
            };
            if let Node::Element(pr) = &mut tr.children[tr_pr]
                && pr.find("w:tblHeader").is_none()
            {
                pr.children.push(Node::Element(Element::new("w:tblHeader")));
            }
        }
    }
    Ok(())
}

/// Replace the i-th `w:sectPr` of the document (document order: the section breaks inside
/// paragraphs, then the body's last one) by `sections[i]`. docx-rs cannot write a page
/// number format, orientation together with a footer per section, or reuse a footer part;
/// the renderer builds the whole `w:sectPr` instead.
pub(crate) fn replace_sect_prs(root: &mut Element, sections: &[Element]) -> Result<(), String> {
    fn go(e: &mut Element, sections: &[Element], i: &mut usize) {
        for c in e.elements_mut() {
            if c.name == "w:sectPr" {
                if let Some(s) = sections.get(*i) {
                    *c = s.clone();
                }
                *i += 1;
            } else {
                go(c, sections, i);
            }
        }
    }
    let mut i = 0usize;
    go(root, sections, &mut i);
    if i != sections.len() {
        return Err(format!(
            "expected {} w:sectPr in document.xml, found {i}",
            sections.len()
        ));
    }
    Ok(())
}

/// docx-rs closes a section with an extra empty paragraph that carries the `w:sectPr`.
/// Word keeps the break in the section's last paragraph: when the paragraph before it is
/// a plain paragraph, move the `w:sectPr` into it and drop the empty one, so that a page
/// filled to the bottom does not spill an empty line onto an extra page. After a table
/// the empty paragraph stays (a section cannot end in a table), squeezed to 1 pt.
pub(crate) fn merge_section_paragraphs(body: &mut Element) {
    let mut i = 1;
    while i < body.children.len() {
        let carrier =
            matches!(&body.children[i], Node::Element(p) if p.name == "w:p" && is_sect_carrier(p));
        if !carrier {
            i += 1;
            continue;
        }
        let prev = (0..i)
            .rev()
            .find(|&j| matches!(body.children[j], Node::Element(_)));
        let can_merge = match prev.map(|j| &body.children[j]) {
            Some(Node::Element(p)) => {
                p.name == "w:p"
                    && p.find("w:pPr").and_then(|pp| pp.find("w:sectPr")).is_none()
                    && !has_field(p)
            }
            _ => false,
        };
        if can_merge {
            let Node::Element(carrier) = body.children.remove(i) else {
                unreachable!()
            };
            let sect = carrier
                .find("w:pPr")
                .and_then(|pp| pp.find("w:sectPr"))
                .cloned();
            if let (Some(j), Some(sect)) = (prev, sect)
                && let Node::Element(p) = &mut body.children[j]
            {
                let ppr = p.find_or_insert_first("w:pPr");
                ppr.children.push(Node::Element(sect));
            }
        } else {
            if let Node::Element(p) = &mut body.children[i] {
                let ppr = p.find_or_insert_first("w:pPr");
                ppr.remove_children("w:spacing");
                ppr.children.push(Node::Element(
                    Element::new("w:spacing")
                        .attr("w:before", "0")
                        .attr("w:after", "0")
                        .attr("w:line", "20")
                        .attr("w:lineRule", "exact"),
                ));
                let rpr = ppr.find_or_insert("w:rPr");
                rpr.remove_children("w:sz");
                rpr.children
                    .push(Node::Element(Element::new("w:sz").attr("w:val", "2")));
                reorder_children(ppr);
            }
            i += 1;
        }
    }
}

/// Whether a paragraph holds field characters (a section break inside a field, such as
/// the last entry of a table of contents, confuses LibreOffice).
fn has_field(p: &Element) -> bool {
    let mut found = false;
    p.walk(&mut |e| found |= e.name == "w:fldChar");
    found
}

/// An empty paragraph (no runs) whose properties hold a `w:sectPr`.
fn is_sect_carrier(p: &Element) -> bool {
    let has_sect = p
        .find("w:pPr")
        .is_some_and(|pp| pp.find("w:sectPr").is_some());
    has_sect && p.elements().all(|c| c.name == "w:pPr")
}

/// What `word/document.xml` needs besides the generic fixes.
pub(crate) struct DocumentFixes<'a> {
    /// One complete `w:sectPr` per IR section, in order.
    pub sections: &'a [Element],
    /// Header-row count per top-level table, in document order.
    pub header_rows: &'a [usize],
    /// Alternative text per picture, in document order.
    pub alt_texts: &'a [String],
}

/// Apply every fix to a part other than `document.xml` (footers): ids, values, order.
pub(crate) fn fix_part(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut part = parse(bytes)?;
    generic(&mut part.root);
    Ok(serialize(&part))
}

fn generic(root: &mut Element) {
    strip_para_ids(root);
    fix_justification(root);
    fix_grid_cols(root);
    remove_empty_props(root);
    reorder_children(root);
}

/// Apply every fix to `word/document.xml`.
pub(crate) fn fix_document(bytes: &[u8], fixes: &DocumentFixes<'_>) -> Result<Vec<u8>, String> {
    let mut part = parse(bytes)?;
    let root = &mut part.root;
    generic(root);
    renumber_doc_pr(root);
    set_alt_texts(root, fixes.alt_texts);
    let body = root
        .find_mut("w:body")
        .ok_or("document.xml has no w:body")?;
    replace_sect_prs(body, fixes.sections)?;
    merge_section_paragraphs(body);
    mark_header_rows(body, fixes.header_rows)?;
    reorder_children(root);
    Ok(serialize(&part))
}

#[cfg(test)]
mod tests {
    use super::super::xml::testing::{el, out};
    use super::*;

    #[test]
    fn reorders_ppr_and_rpr() {
        let mut e = el(
            r#"<w:p><w:pPr><w:rPr/><w:pStyle w:val="X"/><w:jc w:val="center"/><w:ind w:left="1"/><w:spacing/></w:pPr><w:r><w:rPr><w:sz w:val="2"/><w:b/><w:rFonts/></w:rPr></w:r></w:p>"#,
        );
        reorder_children(&mut e);
        assert_eq!(
            out(&e),
            r#"<w:p><w:pPr><w:pStyle w:val="X"/><w:spacing/><w:ind w:left="1"/><w:jc w:val="center"/><w:rPr/></w:pPr><w:r><w:rPr><w:rFonts/><w:b/><w:sz w:val="2"/></w:rPr></w:r></w:p>"#
        );
    }

    #[test]
    fn reorders_tcpr_tblpr_sectpr_borders() {
        let mut e = el(
            r#"<x><w:tcPr><w:vAlign/><w:tcW/><w:gridSpan/><w:tcBorders><w:bottom/><w:top/></w:tcBorders></w:tcPr><w:tblPr><w:tblLayout/><w:tblW/><w:tblStyle/></w:tblPr><w:sectPr><w:cols/><w:pgSz/><w:footerReference/><w:pgNumType/><w:pgMar/></w:sectPr></x>"#,
        );
        reorder_children(&mut e);
        assert_eq!(
            out(&e),
            r#"<x><w:tcPr><w:tcW/><w:gridSpan/><w:tcBorders><w:top/><w:bottom/></w:tcBorders><w:vAlign/></w:tcPr><w:tblPr><w:tblStyle/><w:tblW/><w:tblLayout/></w:tblPr><w:sectPr><w:footerReference/><w:pgSz/><w:pgMar/><w:pgNumType/><w:cols/></w:sectPr></x>"#
        );
    }

    #[test]
    fn num_pr_order() {
        let mut e = el(r#"<w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/></w:numPr>"#);
        reorder_children(&mut e);
        assert_eq!(
            out(&e),
            r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#
        );
    }

    #[test]
    fn grid_col_loses_type() {
        let mut e = el(r#"<w:tblGrid><w:gridCol w:w="100" w:type="dxa"/></w:tblGrid>"#);
        fix_grid_cols(&mut e);
        assert_eq!(out(&e), r#"<w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>"#);
    }

    #[test]
    fn justified_becomes_both() {
        let mut e = el(r#"<w:pPr><w:jc w:val="justified"/></w:pPr>"#);
        fix_justification(&mut e);
        assert_eq!(out(&e), r#"<w:pPr><w:jc w:val="both"/></w:pPr>"#);
    }

    #[test]
    fn para_ids_are_stripped() {
        let mut e =
            el(r#"<w:body><w:p w14:paraId="0000000A" w14:textId="1"><w:r/></w:p></w:body>"#);
        strip_para_ids(&mut e);
        assert_eq!(out(&e), r#"<w:body><w:p><w:r/></w:p></w:body>"#);
    }

    #[test]
    fn doc_pr_ids_are_sequential() {
        let mut e =
            el(r#"<b><wp:docPr id="1" name="a"/><x><wp:docPr id="1"/><pic:cNvPr id="0"/></x></b>"#);
        renumber_doc_pr(&mut e);
        assert_eq!(
            out(&e),
            r#"<b><wp:docPr id="1" name="a"/><x><wp:docPr id="2"/><pic:cNvPr id="2"/></x></b>"#
        );
    }

    #[test]
    fn alt_texts_go_to_doc_pr() {
        let mut e = el(r#"<b><wp:docPr id="1"/><wp:docPr id="2"/></b>"#);
        set_alt_texts(&mut e, &["".into(), "Bagan <organisasi>".into()]);
        assert_eq!(
            out(&e),
            r#"<b><wp:docPr id="1"/><wp:docPr id="2" descr="Bagan &lt;organisasi&gt;"/></b>"#
        );
    }

    #[test]
    fn empty_props_are_removed() {
        let mut e = el(r#"<w:p><w:pPr><w:rPr/></w:pPr><w:r><w:rPr/><w:t>x</w:t></w:r></w:p>"#);
        remove_empty_props(&mut e);
        assert_eq!(out(&e), r#"<w:p><w:r><w:t>x</w:t></w:r></w:p>"#);
    }

    #[test]
    fn header_rows_get_tbl_header() {
        let mut e = el(
            r#"<w:body><w:tbl><w:tblPr/><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr><w:tr><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:tc><w:tbl><w:tr/></w:tbl></w:tc></w:tr></w:tbl></w:body>"#,
        );
        mark_header_rows(&mut e, &[2, 0]).expect("two tables");
        assert_eq!(
            out(&e),
            r#"<w:body><w:tbl><w:tblPr/><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:tc><w:tbl><w:tr/></w:tbl></w:tc></w:tr></w:tbl></w:body>"#
        );
        assert!(mark_header_rows(&mut e, &[1]).is_err());
    }

    #[test]
    fn sect_prs_are_replaced_in_order() {
        let mut e = el(
            r#"<w:body><w:p><w:pPr><w:sectPr><w:pgSz/></w:sectPr></w:pPr></w:p><w:sectPr/></w:body>"#,
        );
        let a = el(r#"<w:sectPr><w:pgNumType w:fmt="lowerRoman"/></w:sectPr>"#);
        let b = el(r#"<w:sectPr><w:pgSz w:orient="landscape"/></w:sectPr>"#);
        replace_sect_prs(&mut e, &[a.clone(), b.clone()]).expect("two");
        assert_eq!(
            out(&e),
            r#"<w:body><w:p><w:pPr><w:sectPr><w:pgNumType w:fmt="lowerRoman"/></w:sectPr></w:pPr></w:p><w:sectPr><w:pgSz w:orient="landscape"/></w:sectPr></w:body>"#
        );
        assert!(replace_sect_prs(&mut e, &[a]).is_err());
    }

    #[test]
    fn section_carrier_merges_into_previous_paragraph() {
        let mut e = el(
            r#"<w:body><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:pPr><w:sectPr/></w:pPr></w:p><w:tbl/><w:p><w:pPr><w:sectPr/></w:pPr></w:p><w:sectPr/></w:body>"#,
        );
        merge_section_paragraphs(&mut e);
        let mut f = el(
            r#"<w:body><w:p><w:r><w:fldChar/></w:r></w:p><w:p><w:pPr><w:sectPr/></w:pPr></w:p></w:body>"#,
        );
        merge_section_paragraphs(&mut f);
        assert_eq!(
            f.elements().count(),
            2,
            "no merge into a paragraph with a field"
        );
        assert_eq!(
            out(&e),
            r#"<w:body><w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>a</w:t></w:r></w:p><w:tbl/><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr><w:sectPr/></w:pPr></w:p><w:sectPr/></w:body>"#
        );
    }
}
