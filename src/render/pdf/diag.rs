//! typst diagnostics as plain lines: `layouts/report.typ:12:5: message`, warnings as
//! `…: warning: message`, each hint on its own indented `hint:` line. Line and column
//! are 1-based; the column counts characters. Diagnostics without a place in a file
//! start with `typst:`.

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::syntax::DiagSpan;

use super::PdfError;
use super::world::ReportWorld;

/// One [`PdfError`] listing all `diagnostics` (errors and warnings, in that order).
pub(super) fn to_error(world: &ReportWorld, diagnostics: &[&SourceDiagnostic]) -> PdfError {
    let lines: Vec<String> = diagnostics.iter().map(|d| format(world, d)).collect();
    PdfError {
        message: lines.join("\n"),
    }
}

fn format(world: &ReportWorld, diag: &SourceDiagnostic) -> String {
    let place = place(world, diag.span).unwrap_or_else(|| "typst".to_owned());
    let severity = match diag.severity {
        Severity::Error => "",
        Severity::Warning => "warning: ",
    };
    let mut out = format!("{place}: {severity}{}", diag.message);
    for hint in &diag.hints {
        out.push_str("\n  hint: ");
        out.push_str(&hint.v);
    }
    out
}

/// `path:line:col` of a span, if it points into a file.
fn place(world: &ReportWorld, span: DiagSpan) -> Option<String> {
    let id = span.id()?;
    let path = id.vpath().get_without_slash().to_owned();
    let (line, col) = world
        .range(span)
        .zip(world.text_of(id))
        .and_then(|(range, text)| line_col(&text, range.start))
        .unwrap_or((1, 1));
    Some(format!("{path}:{line}:{col}"))
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> Option<(usize, usize)> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    Some((line, col))
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn line_and_column_are_one_based() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), Some((1, 1)));
        assert_eq!(line_col(text, 3), Some((2, 1)));
        assert_eq!(line_col(text, 7), Some((2, 4)));
        assert_eq!(line_col(text, 8), Some((3, 1)));
        assert_eq!(line_col(text, 6), None);
        assert_eq!(line_col(text, 99), None);
    }
}
