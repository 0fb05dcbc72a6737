//! Characters the embedded fonts cannot show. PDF/A forbids missing glyphs, so typst
//! refuses such a document with an error that points into the layouts; this check runs
//! first and names the character and the IR text it is in, e.g.
//! `character '文' (U+6587) in "Target 文" is in none of the embedded fonts`.
//! Whitespace, control and default-ignorable characters are left to typst (it does not
//! draw them).

use super::PdfError;
use super::world::fonts_cover;
use crate::doc::ir::Document;

/// An error listing every character of the document's printed text that the embedded
/// fonts lack (each distinct character once, with the first text it occurs in).
pub(super) fn check(doc: &Document) -> Result<(), PdfError> {
    let mut problems: Vec<(char, String)> = Vec::new();
    for text in doc.texts() {
        for c in text.chars() {
            if !is_drawn(c) || fonts_cover(c) || problems.iter().any(|(p, _)| *p == c) {
                continue;
            }
            problems.push((c, excerpt(&text, c)));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = problems
        .iter()
        .map(|(c, text)| {
            format!(
                "character '{c}' (U+{:04X}) in \"{text}\" is in none of the embedded fonts \
                 ({} and its fallbacks; PDF/A allows no missing glyphs)",
                u32::from(*c),
                doc.page.font_pdf
            )
        })
        .collect();
    Err(PdfError {
        message: lines.join("\n"),
    })
}

/// Whether typst draws a glyph for `c` (not whitespace, control or default-ignorable).
fn is_drawn(c: char) -> bool {
    let ignorable = matches!(
        u32::from(c),
        0xAD | 0x34F
            | 0x61C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    );
    !(c.is_whitespace() || c.is_control() || ignorable)
}

/// Up to 20 characters either side of the first `c` in `text`.
fn excerpt(text: &str, c: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|&x| x == c).unwrap_or(0);
    let start = at.saturating_sub(20);
    let end = (at + 21).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// Calls `f` on every text of the document that is printed on a page.
/// Whether `c` would be drawn but no embedded font has it.
pub(super) fn missing(c: char) -> bool {
    is_drawn(c) && !fonts_cover(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_characters() {
        assert!(is_drawn('a') && is_drawn('✓') && is_drawn('–'));
        assert!(!is_drawn(' ') && !is_drawn('\n') && !is_drawn('\u{200B}'));
        assert!(!is_drawn('\u{AD}') && !is_drawn('\u{FEFF}'));
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("ab✓cd", '✓'), "ab✓cd");
        let long = format!("{}✓{}", "x".repeat(30), "y".repeat(30));
        assert_eq!(
            excerpt(&long, '✓'),
            format!("…{}✓{}…", "x".repeat(20), "y".repeat(20))
        );
    }

    #[test]
    fn liberation_sans_covers_indonesian_report_text() {
        let text = "Rp2.135.244.834,00 3,01% ≥ ± … • – — ² “kutip” ‘x’ é ü ½ № → © ®";
        assert!(
            text.chars().filter(|&c| is_drawn(c)).all(fonts_cover),
            "{text}"
        );
    }
}
