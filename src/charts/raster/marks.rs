//! A chart's SVG read as the few kinds of marks our charts are made of: rectangles and
//! lines along the axes (filled, outlined, dashed) and one-line labels. [`read`] gives
//! them in document order when every element and attribute of the drawing is one it
//! understands, with its inherited properties resolved as SVG resolves them; otherwise
//! `None`, and resvg draws the chart (`raster`). [`super::paint`] draws the marks.

use roxmltree::Node;

use super::Fonts;
use super::labels::{self, Anchor, Label};

/// A colour without alpha.
pub(super) type Rgb = [u8; 3];

/// One mark, in the drawing's user units (y down).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Mark {
    /// A rectangle, filled then outlined (the outline centred on its edge, square
    /// corners).
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    /// A straight line along one axis, with butt ends.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        stroke: Stroke,
    },
    /// A line of text.
    Label(Label),
}

/// How a line or outline is stroked.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stroke {
    pub rgb: Rgb,
    pub width: f32,
    /// Lengths of dash, gap, dash, … from the start; empty: solid.
    pub dashes: Vec<f32>,
}

/// A drawing: its size in user units and its marks in painting order.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Drawing {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

/// Properties an element inherits from its ancestors (SVG's inherited properties that
/// our charts set).
const INHERITED: &[&str] = &[
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
];

/// Attributes each element may have besides [`INHERITED`] and `id`.
fn own_attributes(tag: &str, root: bool) -> Option<&'static [&'static str]> {
    match tag {
        "svg" if root => Some(&["width", "height", "viewBox", "version"]),
        "g" => Some(&["transform"]),
        "rect" => Some(&["x", "y", "width", "height", "transform"]),
        "line" => Some(&["x1", "y1", "x2", "y2", "transform"]),
        "text" => Some(&["x", "y", "transform"]),
        _ => None,
    }
}

/// The marks of `svg`, if every part of it is understood here. `family`: the font of
/// text that names none.
pub(super) fn read(svg: &str, family: &str, fonts: &Fonts) -> Option<Drawing> {
    let doc = roxmltree::Document::parse(svg).ok()?;
    let root = doc.root_element();
    let width = number(root.attribute("width")?)?;
    let height = number(root.attribute("height")?)?;
    if width <= 0.0 || height <= 0.0 || !identity_view_box(root, width, height) {
        return None;
    }
    let mut marks = Vec::new();
    for node in root.descendants() {
        if node.is_text() {
            // only inside a <text>, or white space between elements
            let in_text = node.parent().is_some_and(|p| p.has_tag_name("text"));
            if !in_text && !node.text().unwrap_or("").trim().is_empty() {
                return None;
            }
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let tag = node.tag_name();
        if tag.namespace() != Some("http://www.w3.org/2000/svg") {
            return None;
        }
        let own = own_attributes(tag.name(), node == root)?;
        let understood = node.attributes().all(|a| {
            a.namespace().is_none()
                && (own.contains(&a.name()) || INHERITED.contains(&a.name()) || a.name() == "id")
        });
        if !understood {
            return None;
        }
        match tag.name() {
            "svg" | "g" => {}
            "rect" => marks.extend(rect(node)?),
            "line" => marks.extend(line(node)?),
            "text" => marks.push(Mark::Label(label(node, family, fonts)?)),
            _ => return None,
        }
    }
    Some(Drawing {
        width,
        height,
        marks,
    })
}

/// A number without unit, less than a million either way (a chart's are far smaller;
/// anything else is resvg's to draw).
fn number(s: &str) -> Option<f32> {
    s.trim().parse().ok().filter(|v: &f32| v.abs() < 1e6)
}

/// An attribute read as a number, `default` when absent.
fn length(node: Node, name: &str, default: f32) -> Option<f32> {
    node.attribute(name).map_or(Some(default), number)
}

/// The value of an inherited property: on the element or its nearest ancestor.
fn inherited<'a>(node: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.ancestors().find_map(|n| n.attribute(name))
}

/// Whether the root's `viewBox`, if any, maps user units one to one.
fn identity_view_box(root: Node, width: f32, height: f32) -> bool {
    let Some(vb) = root.attribute("viewBox") else {
        return true;
    };
    let nums: Option<Vec<f32>> = vb
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(number)
        .collect();
    nums == Some(vec![0.0, 0.0, width, height])
}

/// The sum of the `translate(x [y])` transforms of the element and its ancestors;
/// `None` for any other transform.
fn shift(node: Node) -> Option<(f32, f32)> {
    let (mut dx, mut dy) = (0.0, 0.0);
    for n in node.ancestors() {
        let Some(t) = n.attribute("transform") else {
            continue;
        };
        let inner = t.trim().strip_prefix("translate(")?.strip_suffix(')')?;
        let nums: Vec<f32> = inner
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .map(number)
            .collect::<Option<_>>()?;
        let (x, y) = match nums[..] {
            [x] => (x, 0.0),
            [x, y] => (x, y),
            _ => return None,
        };
        dx += x;
        dy += y;
    }
    Some((dx, dy))
}

/// A paint: `Some(None)` for `none`, `Some(Some(rgb))` for a plain colour (`#rrggbb`,
/// `#rgb`, black, white), `None` for anything else.
fn paint(s: &str) -> Option<Option<Rgb>> {
    let s = s.trim();
    match s {
        "none" => return Some(None),
        "black" => return Some(Some([0, 0, 0])),
        "white" => return Some(Some([255, 255, 255])),
        _ => {}
    }
    let hex = s.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
    let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    match hex.len() {
        6 => Some(Some([pair(0)?, pair(2)?, pair(4)?])),
        3 => Some(Some([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17])),
        _ => None,
    }
}

/// The stroke of an element, `Some(None)` when it has none.
fn stroke(node: Node) -> Option<Option<Stroke>> {
    let Some(rgb) = paint(inherited(node, "stroke").unwrap_or("none"))? else {
        return Some(None);
    };
    let width = inherited(node, "stroke-width").map_or(Some(1.0), number)?;
    if width < 0.0 {
        return None;
    }
    let dashes = match inherited(node, "stroke-dasharray").unwrap_or("none").trim() {
        "none" => Vec::new(),
        list => {
            let mut d: Vec<f32> = list
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(number)
                .collect::<Option<_>>()?;
            // (a pattern shorter than a tenth of a unit, thousands of dashes to a line,
            // is resvg's to draw)
            if d.iter().any(|v| *v <= 0.0) || d.iter().sum::<f32>() < 0.1 {
                return None;
            }
            if d.len() % 2 == 1 {
                d.extend_from_within(..);
            }
            d
        }
    };
    Some((width > 0.0).then_some(Stroke { rgb, width, dashes }))
}

/// A `<rect>`: `Some(None)` when it draws nothing (no area). No rounded corners.
fn rect(node: Node) -> Option<Option<Mark>> {
    let (dx, dy) = shift(node)?;
    let (x, y) = (length(node, "x", 0.0)?, length(node, "y", 0.0)?);
    let (width, height) = (length(node, "width", 0.0)?, length(node, "height", 0.0)?);
    let fill = paint(inherited(node, "fill").unwrap_or("black"))?;
    let stroke = stroke(node)?;
    if stroke.as_ref().is_some_and(|s| !s.dashes.is_empty()) {
        return None;
    }
    if width < 0.0 || height < 0.0 {
        return None;
    }
    Some((width > 0.0 && height > 0.0).then_some(Mark::Rect {
        x: x + dx,
        y: y + dy,
        width,
        height,
        fill,
        stroke,
    }))
}

/// A `<line>` along an axis: `Some(None)` when it draws nothing.
fn line(node: Node) -> Option<Option<Mark>> {
    let (dx, dy) = shift(node)?;
    let from = (length(node, "x1", 0.0)? + dx, length(node, "y1", 0.0)? + dy);
    let to = (length(node, "x2", 0.0)? + dx, length(node, "y2", 0.0)? + dy);
    if from.0 != to.0 && from.1 != to.1 {
        return None;
    }
    Some(stroke(node)?.map(|stroke| Mark::Line { from, to, stroke }))
}

/// A `<text>` of one run of text in an embedded font that has all its characters.
fn label(node: Node, family: &str, fonts: &Fonts) -> Option<Label> {
    let mut children = node.children();
    let only = children.next();
    if children.next().is_some() || only.is_some_and(|c| !c.is_text()) {
        return None;
    }
    // SVG's default white-space handling: runs collapse to one space, ends trimmed
    let text = only
        .and_then(|c| c.text())
        .unwrap_or("")
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let (dx, dy) = shift(node)?;
    let size = inherited(node, "font-size").map_or(Some(12.0), number)?;
    let anchor = match inherited(node, "text-anchor").unwrap_or("start").trim() {
        "start" => Anchor::Start,
        "middle" => Anchor::Middle,
        "end" => Anchor::End,
        _ => return None,
    };
    let bold = match inherited(node, "font-weight").unwrap_or("normal").trim() {
        "normal" | "400" => false,
        "bold" | "700" => true,
        _ => return None,
    };
    let italic = match inherited(node, "font-style").unwrap_or("normal").trim() {
        "normal" => false,
        "italic" => true,
        _ => return None,
    };
    let rgb = paint(inherited(node, "fill").unwrap_or("black"))??;
    if stroke(node)?.is_some() {
        return None;
    }
    let wanted = inherited(node, "font-family").unwrap_or(family).trim();
    let face = labels::face(fonts, wanted.trim_matches(['\'', '"']), bold, italic, &text)?;
    if size <= 0.0 {
        return None;
    }
    Some(Label {
        text,
        x: length(node, "x", 0.0)? + dx,
        y: length(node, "y", 0.0)? + dy,
        size,
        anchor,
        face,
        rgb,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::fonts;
    use super::*;

    fn svg(body: &str) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50" font-family="Liberation Sans" font-size="8">{body}</svg>"#
        )
    }

    #[test]
    fn marks_take_what_their_ancestors_set() {
        let d = read(
            &svg(
                r##"<g transform="translate(1 2)" fill="#102030" stroke-width="0.5" font-weight="bold" text-anchor="end"><rect x="3" y="4" width="5" height="6" stroke="#000"/><line x1="0" y1="1" x2="9" y2="1" stroke="#000" stroke-dasharray="3"/><text x="7" y="8">A  &amp;  B </text></g>"##,
            ),
            "Liberation Sans",
            fonts(),
        )
        .unwrap();
        assert_eq!((d.width, d.height), (100.0, 50.0));
        let stroke = |dashes: Vec<f32>| Stroke {
            rgb: [0, 0, 0],
            width: 0.5,
            dashes,
        };
        assert_eq!(
            d.marks[0],
            Mark::Rect {
                x: 4.0,
                y: 6.0,
                width: 5.0,
                height: 6.0,
                fill: Some([0x10, 0x20, 0x30]),
                stroke: Some(stroke(vec![])),
            }
        );
        assert_eq!(
            d.marks[1],
            Mark::Line {
                from: (1.0, 3.0),
                to: (10.0, 3.0),
                stroke: stroke(vec![3.0, 3.0]),
            }
        );
        let Mark::Label(label) = &d.marks[2] else {
            panic!("{:?}", d.marks[2]);
        };
        assert_eq!(
            (label.text.as_str(), label.x, label.y),
            ("A & B", 8.0, 10.0)
        );
        assert_eq!((label.size, label.anchor), (8.0, Anchor::End));
    }

    #[test]
    fn what_has_no_area_is_no_mark() {
        let d = read(
            &svg(r##"<rect x="1" y="1" width="5" height="0" fill="#000" stroke="#000"/><line x1="1" y1="1" x2="9" y2="1"/>"##),
            "Liberation Sans",
            fonts(),
        )
        .unwrap();
        assert_eq!(d.marks, vec![], "no area; a line without stroke");
    }

    #[test]
    fn anything_else_is_left_to_resvg() {
        for body in [
            r#"<path d="M0 0 L10 10"/>"#,
            r#"<circle cx="5" cy="5" r="2"/>"#,
            r#"<rect width="5" height="5" rx="1"/>"#,
            r#"<rect width="5" height="5" style="fill:red"/>"#,
            r#"<rect width="5" height="5" opacity="0.5"/>"#,
            r#"<rect width="5" height="5" fill="url(#g)"/>"#,
            r#"<rect width="5" height="5" transform="rotate(45)"/>"#,
            r#"<g transform="scale(2)"><rect width="5" height="5"/></g>"#,
            r##"<line x1="0" y1="0" x2="5" y2="5" stroke="#000"/>"##,
            r#"<text x="1" y="9">a<tspan>b</tspan></text>"#,
            r#"<text x="1" y="9" font-family="Comic Sans MS">a</text>"#,
            r#"<text x="1" y="9">snow ☃</text>"#,
            r#"<text x="1" y="9" font-weight="300">a</text>"#,
            r##"<text x="1" y="9" stroke="#000">a</text>"##,
            r#"<text x="1" y="9" xml:space="preserve">a</text>"#,
            r#"<defs><text x="1" y="9">a</text></defs>"#,
            "stray text",
        ] {
            assert_eq!(read(&svg(body), "Liberation Sans", fonts()), None, "{body}");
        }
        let scaled = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 50 25"/>"#;
        assert_eq!(read(scaled, "Liberation Sans", fonts()), None);
        assert_eq!(read("<svg", "Liberation Sans", fonts()), None);
    }
}
