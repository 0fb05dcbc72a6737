//! The document: its IR types (`ir`) and `build`, which decides every word, row and number
//! of the report from the bundle and its figures. Renderers only style the IR.

pub mod build;
mod chapters;
pub mod charts;
pub mod fit;
pub mod ir;
pub mod komponen;
pub mod outline;
mod parts;
pub mod phrase;
pub mod placement;
pub mod provenance;
mod tables;

pub use build::build;
pub use ir::Document;
