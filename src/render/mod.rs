//! Renderers of the IR: `pdf` (embedded typst) and `docx` (docx-rs), `look` (the
//! measures both draw with), and `output`, which writes files atomically so that a failed
//! run never leaves a partial file or replaces a good one. `fixture` (tests only) is the
//! one hand-made IR both renderers' test suites use.

pub mod docx;
#[cfg(test)]
pub(crate) mod fixture;
pub mod look;
pub mod output;
pub mod pdf;
