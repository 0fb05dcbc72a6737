//! The embedded sample bundle: the 2021 report of Dinas Tenaga Kerja Kabupaten Mojokerto,
//! transcribed from the seed with its OCR damage repaired (see `data/README.md`).

/// File name used in messages and for the output files.
pub const NAME: &str = "mojokerto-2021.json";

/// The bundle bytes.
pub const BYTES: &[u8] = include_bytes!("../data/mojokerto-2021.json");
