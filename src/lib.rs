//! lkjip turns one JSON bundle of an agency's yearly facts and texts into its LKjIP
//! (Laporan Kinerja Instansi Pemerintah): a print-ready PDF and an editable DOCX.
//!
//! The pipeline, one module per stage:
//! `bundle::load` (parse with positions, type-check, validate: every problem at once) →
//! `figures::compute` (exact decimals, one rounding rule) → `doc::build` (the IR: the only
//! place content is decided) → `render::pdf` (embedded typst) and `render::docx` (docx-rs).
//!
//! Domain words (`sasaran`, `indikator`, `capaian`, `serapan`, `anggaran` …) are kept in
//! Indonesian where they are the clearest names for staff and developers alike.

pub mod bundle;
pub mod charts;
#[cfg(feature = "render")]
pub mod cli;
#[cfg(feature = "render")]
mod cli_render;
#[cfg(feature = "render")]
mod cli_sign;
pub mod doc;
#[cfg(feature = "render")]
pub mod extract;
#[cfg(feature = "render")]
pub mod failure;
pub mod figures;
pub mod format;
#[doc(hidden)]
pub mod readers;
#[cfg(feature = "render")]
pub mod render;
#[cfg(feature = "render")]
pub mod report;
pub mod sample;
#[cfg(feature = "render")]
pub mod sign;
#[cfg(feature = "render")]
pub mod studio;
