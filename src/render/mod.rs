//! Renderers of the IR: `pdf` (embedded typst) and `docx` (docx-rs), `look` (the
//! measures both draw with), and `output`, which writes files atomically so that a failed
//! run never leaves a partial file or replaces a good one.

pub mod docx;
pub mod look;
pub mod output;
pub mod pdf;
