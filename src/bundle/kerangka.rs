//! The report outline (kerangka) as data: chapters → sections → sub-sections → items. An
//! item is a narrative slot of the bundle, a component the program generates (a table, a
//! list, the per-indicator analysis …), a sentence with placeholders, or a page break.
//! The default outline (PermenPAN-RB 53/2014) is `data/kerangka/default.json`; a bundle may
//! carry a whole outline of its own or changes to the default (`kerangka.ubah`).
//!
//! The items are plain structs with optional fields (the loader keeps no untagged enums, so
//! every problem keeps its position); `doc::outline` checks that each sets exactly one kind.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A whole outline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Kerangka {
    /// Chapters in order (numbered BAB I, BAB II … by the program).
    pub bab: Vec<Bab>,
}

/// A chapter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Bab {
    /// Id, for changes and anchors ("pendahuluan").
    pub id: String,
    /// Title ("PENDAHULUAN"); printed in capitals; placeholders allowed.
    pub judul: String,
    /// Content: items and sections (numbered 1.1, 1.2 … by the program).
    pub isi: Vec<Butir>,
}

/// One item of a chapter or section: set exactly one of `bagian`, `narasi`, `komponen`,
/// `kalimat`, `halaman_baru`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Butir {
    /// Id of the item, for changes (`kerangka.ubah`) and for citing its table or chart
    /// (`{{ tabel.ID }}`, `{{ grafik.ID }}`).
    #[serde(default)]
    pub id: Option<String>,
    /// A section (inside a chapter) or sub-section (inside a section).
    #[serde(default)]
    pub bagian: Option<Box<Bagian>>,
    /// A narrative slot: the blocks of `narasi.<name>` in the bundle.
    #[serde(default)]
    pub narasi: Option<String>,
    /// For `narasi`: whether the bundle must give the slot (default true).
    #[serde(default)]
    pub wajib: Option<bool>,
    /// A generated component, by kind (`lkjip schema` and the README list them).
    #[serde(default)]
    pub komponen: Option<String>,
    /// For `komponen: "tabel_statistik"`: one declared table by id (default: all).
    #[serde(default)]
    pub tabel: Option<String>,
    /// A sentence written by the program, with placeholders (`{{ instansi.nama }}`).
    #[serde(default)]
    pub kalimat: Option<String>,
    /// A page break.
    #[serde(default)]
    pub halaman_baru: Option<bool>,
}

/// A section or sub-section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Bagian {
    /// Title; a section's is printed in capitals; placeholders allowed.
    pub judul: String,
    /// Content (items and sub-sections).
    pub isi: Vec<Butir>,
}

/// The bundle's own outline: a whole one (`bab`), or changes to the default (`ubah`), or
/// both (changes applied to its own).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KerangkaBundle {
    /// A whole outline replacing the default.
    #[serde(default)]
    pub bab: Option<Vec<Bab>>,
    /// Changes, applied in order.
    #[serde(default)]
    pub ubah: Vec<Ubah>,
}

/// One change to an outline: set exactly one of `hapus`, `ganti_judul` (with `judul`),
/// `sisip` (with a place) or `pindah` (with a place); a place is exactly one of `setelah`,
/// `sebelum` or `ke` (at the end of that chapter or section). Ids are those of chapters
/// and items (`bab[].id`, `isi[].id`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ubah {
    /// Remove the chapter or item with this id.
    #[serde(default)]
    pub hapus: Option<String>,
    /// Rename the chapter or section with this id to `judul`.
    #[serde(default)]
    pub ganti_judul: Option<String>,
    /// New title for `ganti_judul`.
    #[serde(default)]
    pub judul: Option<String>,
    /// Insert this item (give it an `id`) at the place.
    #[serde(default)]
    pub sisip: Option<Butir>,
    /// Move the chapter or item with this id to the place.
    #[serde(default)]
    pub pindah: Option<String>,
    /// Place: after the item with this id.
    #[serde(default)]
    pub setelah: Option<String>,
    /// Place: before the item with this id.
    #[serde(default)]
    pub sebelum: Option<String>,
    /// Place: at the end of the chapter or section with this id.
    #[serde(default)]
    pub ke: Option<String>,
}
