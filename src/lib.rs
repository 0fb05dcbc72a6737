//! lkjip turns one JSON bundle of an agency's yearly facts and texts into its LKjIP
//! (Laporan Kinerja Instansi Pemerintah): a print-ready PDF and an editable DOCX.
//!
//! The pipeline, one module per stage:
//! `check::load` (`bundle::read`: parse with positions, migrate, type-check, validate what
//! the bundle alone can say; then the checks that need figures or the outline: every
//! problem at once) → `figures::compute` (exact decimals, one rounding rule) → `doc::build` (the IR: the only
//! place content is decided) → `render::pdf` (embedded typst) and `render::docx` (docx-rs).
//!
//! Domain words (`sasaran`, `indikator`, `capaian`, `serapan`, `anggaran` …) are kept in
//! Indonesian where they are the clearest names for staff and developers alike.

pub mod bundle;
pub mod charts;
pub mod check;
#[cfg(feature = "render")]
pub mod cli;
pub mod doc;
#[cfg(feature = "render")]
pub mod failure;
pub mod figures;
pub mod format;
#[cfg(feature = "render")]
pub mod input;
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
#[cfg(feature = "render")]
pub mod word;
#[cfg(feature = "render")]
pub mod workbook;
