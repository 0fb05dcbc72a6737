//! Renderers of the IR: `pdf` (embedded typst) and `docx` (docx-rs), and `output`, which
//! writes files atomically so that a failed run never leaves a partial file or replaces a
//! good one.

pub mod docx;
#[cfg(test)]
pub(crate) mod fixture;
pub mod output;
pub mod pdf;
